#!/usr/bin/python3
"""Narrow graphs of a chosen size for `npm run bench`, shaped like a real torch export.

Usage (Debian's interpreter, which has python3-torch and python3-onnx):

    /usr/bin/python3 scripts/bench/narrow.py --out DIR --nodes 10000,100000,500000

A 3-layer narrow BertModel (hidden 16, 2 heads: hf_models.narrow_deep(3)) is exported once with
torch's TorchScript exporter, as corpus/generate.py does. Its middle layer, `/encoder/layer.1/...`
with the unscoped `Constant_N` nodes only that layer reads, is the template of one BertLayer:
each model repeats it as many times as the node count needs, renaming scopes
(`/encoder/layer.K/...`), parameters (`encoder.layer.K....`) and torch's numbered names
(`onnx::MatMul_N`, `Constant_N`) the way a deeper export would have them, and chaining each
layer's output into the next. Embeddings, the attention mask and the pooler are the export's own.
Torch itself cannot export graphs this large in reasonable time (its passes are quadratic).

For every size N it writes, into DIR:

    narrow_N.onnx                         the graph, with no hierarchy evidence besides node names
    narrow_N_htp.onnx                     the same bytes (a hard link)
    narrow_N_htp_htp_metadata.json        a ModelInsider sidecar for it: `nodes` (every scoped
                                          node's class-path tag, SHIFT of those inside layers
                                          moved to the next layer, seeded) and `modules` (the
                                          whole module tree with class_name, traced_tag, scope,
                                          execution_order and children)
    narrow_N.json                         {nodes, layers, shifted, bytes}

Deterministic: the same template and arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "corpus")
# Bump when the output of this script changes: the bench keys its cache by it.
VERSION = 1
SHIFT = 0.15
SEED = 11
LAYER_RE = re.compile(r"layer\.1(?=[./]|$)")
NUMBERED_RE = re.compile(r"^(onnx::[A-Za-z]+_|Constant_)(\d+)$")


def export_template(out_dir: str) -> tuple:
    """The 3-layer narrow export and its module records (cached in out_dir)."""
    onnx_path = os.path.join(out_dir, "narrow_template.onnx")
    modules_path = os.path.join(out_dir, "narrow_template.modules.json")
    if not (os.path.exists(onnx_path) and os.path.exists(modules_path)):
        sys.path.insert(0, os.path.abspath(CORPUS))
        import generate  # corpus/generate.py: the corpus exporter, reused as is
        import hf_models

        entry = generate.Entry("narrow_template", lambda: hf_models.narrow_deep(3), 14, "bench")
        generate.export_one(entry, out_dir, False)
    import onnx

    with open(modules_path, encoding="utf-8") as f:
        modules = json.load(f)["modules"]
    return onnx.load(onnx_path), modules


def split_template(graph):
    """Nodes of layer 1 (with the unscoped constants only it reads), and everything outside layers."""
    consumers = {}
    for n in graph.node:
        for i in n.input:
            consumers.setdefault(i, set()).add(n.name)
    in_layer = lambda name: name.startswith("/encoder/layer.")  # noqa: E731
    layer1 = {n.name for n in graph.node if n.name.startswith("/encoder/layer.1/")}
    owned_by = {}
    for n in graph.node:
        if n.name.startswith("/"):  # only unscoped nodes (torch's folded constants) belong to a layer
            continue
        users = set().union(*(consumers.get(o, set()) for o in n.output))
        layers = {u.split("/")[2] for u in users if in_layer(u)}
        if users and all(in_layer(u) for u in users) and len(layers) == 1:
            owned_by[n.name] = layers.pop()
    block = [n for n in graph.node if n.name in layer1 or owned_by.get(n.name) == "layer.1"]
    outside = [n for n in graph.node if not in_layer(n.name) and n.name not in owned_by]
    return block, outside


def build(template, modules, nodes_wanted: int, out_dir: str) -> dict:
    import onnx

    g = template.graph
    block, outside = split_template(g)
    inits = {t.name: t for t in g.initializer}
    produced = {o for n in block for o in n.output}
    external = [i for n in block for i in n.input if i and i not in produced and i not in inits]
    hidden_in = "/encoder/layer.0/output/LayerNorm/Add_1_output_0"
    assert hidden_in in external, "template layer 1 does not read layer 0's output"
    last_out = "/encoder/layer.1/output/LayerNorm/Add_1_output_0"
    assert last_out in produced
    first_in = [i for n in g.node if n.name.startswith("/encoder/layer.0/") for i in n.input if i.startswith("/embeddings/")]
    assert first_in, "no embeddings output feeds layer 0"
    embeddings_out = first_in[0]
    # The last layer's output: a graph output (`last_hidden_state`) the pooler reads.
    final_in = next(n.output[0] for n in g.node if n.name == "/encoder/layer.2/output/LayerNorm/Add_1")

    numbers = [int(m.group(2)) for s in [n.name for n in g.node] + [o for n in g.node for o in n.output] + list(inits) for m in [NUMBERED_RE.match(s)] if m]
    counter = [max(numbers) + 1]
    layers = max(2, round((nodes_wanted - len(outside)) / len(block)))

    model = onnx.ModelProto()
    model.CopyFrom(template)
    del model.graph.node[:]
    del model.graph.initializer[:]
    used_outside = {i for n in outside for i in n.input}
    model.graph.initializer.extend(t for t in g.initializer if t.name in used_outside)

    def fresh(name: str, k: int, memo: dict) -> str:
        if name in memo:
            return memo[name]
        if LAYER_RE.search(name):
            new = LAYER_RE.sub(f"layer.{k}", name)
        else:
            m = NUMBERED_RE.match(name)
            assert m, f"template name without a layer or a number: {name}"
            new = f"{m.group(1)}{counter[0]}"
            counter[0] += 1
        memo[name] = new
        return new

    # Outside nodes keep their order: those that read the last layer's output (the pooler) after
    # the layers, the others (embeddings, attention mask) before.
    downstream = {final_in}
    after = []
    for n in outside:
        if any(i in downstream for i in n.input):
            after.append(n)
            downstream.update(n.output)
    before = [n for n in outside if n not in after]
    model.graph.node.extend(before)
    prev = embeddings_out
    for k in range(layers):
        memo = {hidden_in: prev}
        if k == layers - 1:
            memo[last_out] = final_in
        for n in block:
            c = model.graph.node.add()
            c.CopyFrom(n)
            c.name = fresh(n.name, k, memo)
            for j, o in enumerate(n.output):
                c.output[j] = fresh(o, k, memo)
            for j, i in enumerate(n.input):
                if i in memo:
                    c.input[j] = memo[i]
                elif i in inits:
                    c.input[j] = fresh(i, k, memo)
        for name, t in inits.items():
            if name in memo:
                c = model.graph.initializer.add()
                c.CopyFrom(t)
                c.name = memo[name]
        prev = memo[last_out]
    model.graph.node.extend(after)
    del model.graph.value_info[:]

    base = f"narrow_{nodes_wanted}"
    path = os.path.join(out_dir, base + ".onnx")
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(model.SerializeToString())
    os.replace(tmp, path)
    htp = os.path.join(out_dir, base + "_htp.onnx")
    if os.path.exists(htp):
        os.remove(htp)
    os.link(path, htp)

    shifted = write_sidecar(model, modules, layers, os.path.join(out_dir, base + "_htp_htp_metadata.json"))
    info = {"nodes": len(model.graph.node), "layers": layers, "shifted": shifted, "bytes": os.path.getsize(path), "version": VERSION}
    with open(os.path.join(out_dir, base + ".json"), "w", encoding="utf-8") as f:
        json.dump(info, f, sort_keys=True)
        f.write("\n")
    return info


def write_sidecar(model, template_modules, layers: int, path: str) -> int:
    """ModelInsider's `_htp_metadata.json`: every scoped node's tag and the whole module tree."""
    # named_modules() order: the layers' subtrees, one after the other, where the template's were.
    layer_re = re.compile(r"^encoder\.layer\.(\d+)(\..*)?$")
    subtree = [(m["class"], layer_re.match(m["path"]).group(2) or "") for m in template_modules if m["path"].startswith("encoder.layer.1") and layer_re.match(m["path"]).group(1) == "1"]
    records = []
    for m in template_modules:
        lm = layer_re.match(m["path"])
        if not lm:
            records.append((m["path"], m["class"]))
        elif m["path"] == "encoder.layer.0":
            records.extend((f"encoder.layer.{k}{tail}", cls) for k in range(layers) for cls, tail in subtree)
    classes = dict(records)

    def class_path(p: str):
        out = "/" + classes[""]
        atoms = p.split(".") if p else []
        for i in range(1, len(atoms) + 1):
            cls = classes.get(".".join(atoms[:i]))
            if cls is None:
                return None
            if cls in ("ModuleList", "ModuleDict"):
                continue
            last = atoms[i - 1]
            out += "/" + cls + ("." + last if last.isdigit() else "")
        return out

    forward = {p for p, c in classes.items() if c not in ("ModuleList", "ModuleDict")}
    children = {}
    order = {}
    for n, (p, _) in enumerate(records):
        order[p] = n
        if p == "" or p not in forward:
            continue
        atoms = p.split(".")
        parent = next(q for q in (".".join(atoms[:i]) for i in range(len(atoms) - 1, -1, -1)) if q in forward)
        children.setdefault(parent, []).append(p)

    def tree(p: str) -> dict:
        kids = {}
        for c in children.get(p, []):
            last = c.split(".")[-1]
            kids[classes[c] + ("." + last if last.isdigit() else "")] = tree(c)
        return {"class_name": classes[p], "traced_tag": class_path(p), "scope": p, "execution_order": order[p], "children": kids}

    rnd = random.Random(SEED)
    tags = {}
    shifted = 0
    for node in model.graph.node:
        if not node.name.startswith("/"):
            continue
        scope = ".".join(node.name.split("/")[1:-1])
        while scope and scope not in classes:  # a scope torch names below the module tree
            scope = scope.rpartition(".")[0]
        m = layer_re.match(scope)
        if m and rnd.random() < SHIFT:
            k = (int(m.group(1)) + 1) % layers
            scope = f"encoder.layer.{k}{m.group(2) or ''}"
            shifted += 1
        cp = class_path(scope)
        if cp:
            tags[node.name] = cp
    sidecar = {
        "model": {"name": os.path.basename(path).replace("_htp_metadata.json", ""), "class_name": classes[""]},
        "nodes": dict(sorted(tags.items())),
        "modules": tree(""),
    }
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(sidecar, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)
    return shifted


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--nodes", required=True, help="comma-separated node counts")
    ap.add_argument("--version", action="store_true", help="print the generator version and exit")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    template, modules = export_template(args.out)
    for n in [int(x) for x in args.nodes.split(",") if x]:
        info = build(template, modules, n, args.out)
        sys.stderr.write(f"narrow_{n}: {info['nodes']} nodes, {info['layers']} layers, {info['bytes'] / 1e6:.1f} MB, {info['shifted']} shifted tags\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
