#!/usr/bin/python3
"""Generate the real-model ONNX corpus with PyTorch's TorchScript exporter.

Usage (Debian's interpreter, which has python3-torch, python3-torchvision and python3-onnx):

    /usr/bin/python3 corpus/generate.py --out DIR [--only NAME,NAME] [--bench | --vision] [--no-test-data]

Without --bench it writes the corpus models, in this order:

    bert gpt2 t5 albert vit       Hugging Face-shaped models from hf_models.py (opset 14)
    resnet18 mobilenet_v3_small   torchvision, weights=None (opset 14)
    bert_functions                bert with export_modules_as_functions={BertLayer} (opset 15)

With --bench it writes the benchmark models instead:

    bert_large    BertModel with BERT-large dimensions, embedded weights (about 1.3 GB)
    narrow_deep   BertModel with hidden 16, 2 heads and enough layers for >= 10,000 nodes

With --vision it writes other torchvision architectures, for the evaluation only (`npm run eval`
reads them from corpus/build-vision; the tests do not):

    mobilenet_v2 efficientnet_b0 shufflenet_v2_x0_5 regnet_x_400mf squeezenet1_0 mnasnet0_5
    densenet121 resnext50_32x4d convnext_tiny googlenet swin_t
                                  torchvision, weights=None (opset 14)

--only selects models by name from any set (it implies nothing about --bench or --vision).

For every model NAME it writes, into DIR:

    NAME.onnx            torch.onnx.export(..., do_constant_folding=True), eval mode
    NAME.modules.json    ground truth of the module tree, see below (the engine never reads it)
    NAME.test_data/      input_N.pb / output_N.pb TensorProtos: the example inputs and torch's
                         outputs, in the layout of ONNX's backend test data (test_data_set_0)
    index.json           every model in DIR: {"models": [{name, file, nodes, size_bytes, ...}]}

NAME.modules.json:

    {"model", "torch", "exporter": "torchscript", "opset", "root_class", "root_qualname",
     "modules": [{"path", "class", "qualname", "calls", "scope", "aliases"}, ...],
     "tied_parameters", "functions", "inputs", "outputs", "dynamic_axes", "init"}

`modules` follows `named_modules()` order (deduplicated; the root is path ""). `calls` is how
many times the module's forward ran in one forward pass of the example inputs (forward
pre-hooks): 0 for containers such as ModuleList, 3 for ALBERT's shared layer, 2 for a ReLU
that a torchvision BasicBlock applies twice. `aliases` lists the module's other paths when the
same object is reachable under several names (T5's `encoder.embed_tokens` is `shared`).
`scope` is the name torch 1.13 gives the module's scope in node names: the path from its last
non-numeric atom on (`encoder.layer.0` -> `layer.0`, `layer1.0` -> `layer1.0`), taken from the
first (`path`) name even when the module runs under an alias (`/encoder/shared/Gather`). `tied_parameters`
groups parameter names bound to one tensor (GPT-2's `lm_head.weight` and `transformer.wte.weight`).

Each model is built right after `torch.manual_seed(0)` and its constant-valued parameters are
perturbed (hf_models.make_trained_like) so that it looks like a trained checkpoint. Nothing is
timestamped and JSON keys are sorted. Plain exports are byte-for-byte reproducible; exports with
local functions are not in torch 1.13 (which instance's body becomes the FunctionProto and the
graph output's number vary between runs), so those are exported in a child interpreter with
PYTHONHASHSEED=0, one thread, a fixed environment and ASLR off (`setarch -R`), which makes them
reproducible for a given checkout path and machine image (see pinned_command). Bench models also run in a child each, so that their memory is returned and
their peak RSS reported.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple

sys.dont_write_bytecode = True  # keep corpus/ free of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))

try:
    import torch
except ImportError:
    sys.stderr.write(
        "generate.py: cannot import torch with %s.\n"
        "Run it with Debian's interpreter, which has python3-torch, python3-torchvision and python3-onnx:\n"
        "    /usr/bin/python3 corpus/generate.py --out DIR\n" % sys.executable
    )
    sys.exit(2)

try:
    import onnx
    import torchvision
    from onnx import numpy_helper
except ImportError as e:
    sys.stderr.write("generate.py: %s (needs python3-onnx and python3-torchvision; use /usr/bin/python3)\n" % e)
    sys.exit(2)

sys.path.insert(0, HERE)
import hf_models  # noqa: E402  (imported as "hf_models": this is the qualname prefix and function domain)
from hf_models import ExportSpec  # noqa: E402

# 109 top-level nodes per BertLayer + 63 others: 93 layers give 10,200 nodes. torch 1.13's ONNX
# passes are quadratic in graph size, so this export takes minutes, not seconds.
NARROW_DEEP_LAYERS = 93
NARROW_DEEP_MIN_NODES = 10_000


class Entry(NamedTuple):
    name: str
    build: Callable[[], ExportSpec]
    opset: int
    kind: str  # "corpus", "bench" or "vision"
    functions: Sequence[type] = ()  # export_modules_as_functions


def _torchvision(name: str) -> Callable[[], ExportSpec]:
    def build() -> ExportSpec:
        model = getattr(torchvision.models, name)(weights=None).eval()
        image = torch.randn(1, 3, 224, 224)
        return ExportSpec(model, (image,), ["input"], ["logits"], {"input": {0: "batch"}, "logits": {0: "batch"}})

    return build


def _torchvision_segmentation(name: str) -> Callable[[], ExportSpec]:
    def build() -> ExportSpec:
        model = getattr(torchvision.models.segmentation, name)(weights=None, weights_backbone=None).eval()
        image = torch.randn(1, 3, 224, 224)
        # The model returns {"out": masks}; the export flattens the dict to its values.
        return ExportSpec(model, (image,), ["input"], ["out"], {"input": {0: "batch"}, "out": {0: "batch"}})

    return build


def _torchvision_video(name: str) -> Callable[[], ExportSpec]:
    def build() -> ExportSpec:
        model = getattr(torchvision.models.video, name)(weights=None).eval()
        clip = torch.randn(1, 3, 8, 112, 112)  # batch, channels, frames, height, width
        return ExportSpec(model, (clip,), ["input"], ["logits"], {"input": {0: "batch"}, "logits": {0: "batch"}})

    return build


CORPUS: List[Entry] = [
    Entry("bert", hf_models.bert, 14, "corpus"),
    Entry("gpt2", hf_models.gpt2, 14, "corpus"),
    Entry("t5", hf_models.t5, 14, "corpus"),
    Entry("albert", hf_models.albert, 14, "corpus"),
    Entry("vit", hf_models.vit, 14, "corpus"),
    Entry("resnet18", _torchvision("resnet18"), 14, "corpus"),
    Entry("mobilenet_v3_small", _torchvision("mobilenet_v3_small"), 14, "corpus"),
    # local functions need opset >= 15
    Entry("bert_functions", hf_models.bert, 15, "corpus", (hf_models.BertLayer,)),
]

BENCH: List[Entry] = [
    Entry("bert_large", hf_models.bert_large, 14, "bench"),
    Entry("narrow_deep", lambda: hf_models.narrow_deep(NARROW_DEEP_LAYERS), 14, "bench"),
]

# Other torchvision architectures, for the evaluation: residual, inverted-residual, dense,
# grouped and channel-shuffle blocks, stages of blocks, window attention, and instance names that
# are not plain indices (RegNet's `block3-1`, DenseNet's `denselayer2`, GoogLeNet's `inception4a`).
VISION: List[Entry] = [
    Entry(name, _torchvision(name), 14, "vision")
    for name in [
        "mobilenet_v2", "efficientnet_b0", "shufflenet_v2_x0_5", "regnet_x_400mf", "squeezenet1_0", "mnasnet0_5",
        "densenet121", "resnext50_32x4d", "convnext_tiny", "googlenet", "swin_t",
        # Added later and never looked into while tuning: held out by default (src/eval/main.ts).
        "regnet_y_400mf", "efficientnet_v2_s", "inception_v3",
        # Added later still, held out too: plain Sequentials of one-op parts (AlexNet, VGG),
        # bottleneck blocks, MobileNetV3's large layout, MaxViT's stacks of layers inside stages.
        "alexnet", "vgg11_bn", "resnet50", "mobilenet_v3_large", "squeezenet1_1", "regnet_y_800mf", "efficientnet_b1", "maxvit_t",
    ]
] + [
    # A decoder of today's LLMs, held out as well: RMSNorm, rotary embeddings, grouped-query attention.
    Entry("llama", hf_models.llama, 14, "vision"),
] + [
    # Added last and measured blind before any change that followed: other tasks' heads on known
    # backbones (segmentation: FCN's dilated ResNet-50, LR-ASPP on MobileNetV3), 3-D convolutions
    # (R3D-18), torchvision's own ViT, a wide ResNet and a larger ShuffleNet.
    Entry("fcn_resnet50", _torchvision_segmentation("fcn_resnet50"), 14, "vision"),
    Entry("lraspp_mobilenet_v3_large", _torchvision_segmentation("lraspp_mobilenet_v3_large"), 14, "vision"),
    Entry("r3d_18", _torchvision_video("r3d_18"), 14, "vision"),
] + [Entry(name, _torchvision(name), 14, "vision") for name in ["vit_b_32", "wide_resnet50_2", "shufflenet_v2_x1_0"]] + [
    # An encoder-decoder (written here with Hugging Face's module names): every decoder layer's
    # cross-attention reads the encoder's output, and one embedding serves encoder, decoder and head.
    Entry("bart", hf_models.bart, 14, "vision"),
]

ALL_ORDER = [e.name for e in CORPUS + BENCH + VISION]


def log(msg: str) -> None:
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


def qualname(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def unqualified_variable_name(path: str) -> str:
    """torch.onnx.utils._setup_trace_module_map's scope name for a module path (torch 1.13)."""
    atoms = path.split(".")
    for i in range(len(atoms) - 1, -1, -1):
        if not atoms[i].isnumeric():
            return ".".join(atoms[i:])
    return path


def count_calls(model: torch.nn.Module, inputs) -> Dict[int, int]:
    """Run one forward pass and count, per module object, how often its forward ran."""
    counts: Dict[int, int] = {id(m): 0 for m in model.modules()}
    handles = []
    for m in model.modules():

        def hook(module, args, key=id(m)):
            counts[key] += 1

        handles.append(m.register_forward_pre_hook(hook))
    try:
        with torch.no_grad():
            model(*inputs)
    finally:
        for h in handles:
            h.remove()
    return counts


def module_records(model: torch.nn.Module, calls: Dict[int, int]) -> List[dict]:
    all_paths: Dict[int, List[str]] = {}
    for path, m in model.named_modules(remove_duplicate=False):
        all_paths.setdefault(id(m), [])
        if path not in all_paths[id(m)]:
            all_paths[id(m)].append(path)
    records = []
    for path, m in model.named_modules():
        records.append(
            {
                "path": path,
                "class": type(m).__name__,
                "qualname": qualname(type(m)),
                "calls": calls[id(m)],
                "scope": unqualified_variable_name(path),
                "aliases": [p for p in all_paths[id(m)] if p != path],
            }
        )
    return records


def tied_parameters(model: torch.nn.Module) -> List[List[str]]:
    groups: Dict[int, List[str]] = {}
    for prefix, m in model.named_modules(remove_duplicate=False):
        for pname, p in m._parameters.items():  # torch 1.13: named_parameters() always deduplicates
            if p is None:
                continue
            name = f"{prefix}.{pname}" if prefix else pname
            if name not in groups.setdefault(id(p), []):
                groups[id(p)].append(name)
    return [names for names in groups.values() if len(names) > 1]


def tensor_info(name: str, t: torch.Tensor) -> dict:
    return {"name": name, "dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape)}


def flatten_outputs(out) -> List[torch.Tensor]:
    """The tensors of a model's output in the order the ONNX export lists them (a dict by its values)."""
    if isinstance(out, torch.Tensor):
        return [out]
    if isinstance(out, dict):
        out = list(out.values())
    flat: List[torch.Tensor] = []
    for o in out:
        flat.extend(flatten_outputs(o))
    return flat


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 24), b""):
            h.update(chunk)
    return h.hexdigest()


def write_json(path: str, obj) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(tmp, path)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def export_one(entry: Entry, out_dir: str, test_data: bool) -> dict:
    torch.manual_seed(0)
    spec = entry.build()
    model = hf_models.make_trained_like(spec.model).eval()
    inputs = spec.inputs

    calls = count_calls(model, inputs)
    with torch.no_grad():
        outputs = flatten_outputs(model(*inputs))
    modules = module_records(model, calls)

    onnx_path = os.path.join(out_dir, entry.name + ".onnx")
    tmp_path = onnx_path + ".tmp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # TracerWarnings and constant-folding notes
        kwargs = {}
        if entry.functions:
            kwargs["export_modules_as_functions"] = set(entry.functions)
        torch.onnx.export(
            model,
            inputs,
            tmp_path,
            input_names=spec.input_names,
            output_names=spec.output_names,
            dynamic_axes=spec.dynamic_axes,
            opset_version=entry.opset,
            do_constant_folding=True,
            training=torch.onnx.TrainingMode.EVAL,
            **kwargs,
        )
    os.replace(tmp_path, onnx_path)

    onnx.checker.check_model(onnx_path)  # by path: also fine for files near the 2 GB limit
    proto = onnx.load(onnx_path)
    stats = {
        "nodes": len(proto.graph.node),
        "initializers": len(proto.graph.initializer),
        "function_count": len(proto.functions),
        "ir_version": proto.ir_version,
        "graph_inputs": [i.name for i in proto.graph.input],
        "graph_outputs": [o.name for o in proto.graph.output],
    }
    del proto

    if test_data:
        data_dir = os.path.join(out_dir, entry.name + ".test_data")
        shutil.rmtree(data_dir, ignore_errors=True)
        os.makedirs(data_dir)
        for i, (name, t) in enumerate(zip(stats["graph_inputs"], inputs)):
            with open(os.path.join(data_dir, f"input_{i}.pb"), "wb") as f:
                f.write(numpy_helper.from_array(t.detach().numpy(), name).SerializeToString())
        for i, (name, t) in enumerate(zip(stats["graph_outputs"], outputs)):
            with open(os.path.join(data_dir, f"output_{i}.pb"), "wb") as f:
                f.write(numpy_helper.from_array(t.detach().numpy(), name).SerializeToString())

    root = type(model)
    write_json(
        os.path.join(out_dir, entry.name + ".modules.json"),
        {
            "model": entry.name,
            "torch": torch.__version__,
            "exporter": "torchscript",
            "opset": entry.opset,
            "root_class": root.__name__,
            "root_qualname": qualname(root),
            "modules": modules,
            "tied_parameters": tied_parameters(model),
            "functions": [
                {"class": cls.__name__, "qualname": qualname(cls), "domain": cls.__module__} for cls in entry.functions
            ],
            "inputs": [tensor_info(n, t) for n, t in zip(spec.input_names, inputs)],
            "outputs": [tensor_info(n, t) for n, t in zip(spec.output_names, outputs)],
            "dynamic_axes": spec.dynamic_axes,
            "init": "seed 0, hf_models.make_trained_like",
        },
    )

    return {
        "name": entry.name,
        "file": entry.name + ".onnx",
        "modules_file": entry.name + ".modules.json",
        "test_data": (entry.name + ".test_data") if test_data else None,
        "kind": entry.kind,
        "root_class": root.__name__,
        "exporter": "torchscript",
        "opset": entry.opset,
        "functions": stats["function_count"] > 0,
        "function_count": stats["function_count"],
        "nodes": stats["nodes"],
        "initializers": stats["initializers"],
        "ir_version": stats["ir_version"],
        "size_bytes": os.path.getsize(onnx_path),
        "sha256": sha256_file(onnx_path),
    }


def pinned_command(argv: List[str]) -> Tuple[List[str], Dict[str, str]]:
    """Command and environment for a child export that torch 1.13 makes byte-for-byte
    reproducible. With export_modules_as_functions, which instance's body becomes the
    FunctionProto and how the graph output is numbered depend on the iteration order of C++
    containers keyed by pointers, so they change from run to run unless the heap layout is
    pinned: ASLR off (`setarch -R`), PYTHONHASHSEED=0, one thread, a fixed minimal environment,
    standard streams that are always pipes, and arguments that do not depend on the output
    directory (the child runs in a fresh /tmp/tmpXXXXXXXX directory with `--out .`). What remains is the path of this script and the
    installed Python and torch: the same checkout on the same machine image gives the same
    bytes."""
    env = {
        "PATH": "/usr/bin:/bin",
        "LC_ALL": "C",
        "PYTHONHASHSEED": "0",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    cmd = [sys.executable, os.path.abspath(__file__)] + argv
    setarch = shutil.which("setarch")
    if setarch:
        probe = subprocess.run([setarch, platform.machine(), "-R", "true"], capture_output=True)
        if probe.returncode == 0:
            return [setarch, platform.machine(), "-R"] + cmd, env
    log("note: `setarch -R` is not available here; exports with local functions may differ between runs")
    return cmd, env


def export_in_child(entry: Entry, out_dir: str, test_data: bool, pinned: bool) -> dict:
    """Export one model in a fresh interpreter and return its record. pinned: in a pinned
    interpreter (see pinned_command), writing into a temporary directory first."""
    tmp = tempfile.mkdtemp(dir="/tmp" if os.path.isdir("/tmp") else None)
    try:
        if pinned:
            argv = ["--out", ".", "--only", entry.name, "--child-record", "record.json"]
            if not test_data:
                argv.append("--no-test-data")
            cmd, env = pinned_command(argv)
            # the child's standard streams are part of what must not vary (a terminal, a pipe
            # or /dev/null change Python's allocations): always pipes, relayed afterwards
            proc = subprocess.run(cmd, env=env, cwd=tmp, stdin=subprocess.DEVNULL, capture_output=True)
            sys.stderr.write(proc.stdout.decode(errors="replace") + proc.stderr.decode(errors="replace"))
        else:
            argv = ["--out", out_dir, "--only", entry.name, "--child-record", os.path.join(tmp, "record.json")]
            if not test_data:
                argv.append("--no-test-data")
            proc = subprocess.run([sys.executable, os.path.abspath(__file__)] + argv)
        if proc.returncode != 0:
            raise RuntimeError(f"child export of {entry.name} exited with status {proc.returncode}")
        with open(os.path.join(tmp, "record.json"), encoding="utf-8") as f:
            rec = json.load(f)
        if pinned:
            for name in (entry.name + ".onnx", entry.name + ".modules.json", entry.name + ".test_data"):
                src, dst = os.path.join(tmp, name), os.path.join(out_dir, name)
                if not os.path.exists(src):
                    continue
                if os.path.isdir(dst):
                    shutil.rmtree(dst)
                elif os.path.exists(dst):
                    os.remove(dst)
                shutil.move(src, dst)
        return rec
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output directory (created if missing)")
    ap.add_argument("--only", help="comma-separated model names: " + ",".join(ALL_ORDER))
    sets = ap.add_mutually_exclusive_group()
    sets.add_argument("--bench", action="store_true", help="generate the benchmark models (bert_large, narrow_deep) instead")
    sets.add_argument("--vision", action="store_true", help="generate the other torchvision architectures for the evaluation instead")
    ap.add_argument("--no-test-data", action="store_true", help="do not write NAME.test_data/ input and output tensors")
    ap.add_argument("--child-record", help=argparse.SUPPRESS)  # internal: export one model, write its record here
    args = ap.parse_args(argv)

    by_name = {e.name: e for e in CORPUS + BENCH + VISION}
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in by_name]
        if unknown:
            ap.error("unknown model(s): %s (known: %s)" % (", ".join(unknown), ", ".join(ALL_ORDER)))
        entries = [by_name[n] for n in ALL_ORDER if n in names]
    else:
        entries = BENCH if args.bench else VISION if args.vision else CORPUS

    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    test_data = not args.no_test_data

    if args.child_record:
        if len(entries) != 1:
            ap.error("--child-record needs exactly one model in --only")
        if entries[0].functions:
            torch.set_num_threads(1)
        rec = export_one(entries[0], out_dir, test_data)
        rec["peak_rss_mb"] = round(peak_rss_mb())
        write_json(args.child_record, rec)
        return 0

    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    index_path = os.path.join(out_dir, "index.json")
    index: Dict[str, dict] = {}
    if os.path.exists(index_path):  # keep the entries of models not regenerated now
        try:
            with open(index_path, encoding="utf-8") as f:
                for m in json.load(f).get("models", []):
                    if os.path.exists(os.path.join(out_dir, m["file"])):
                        index[m["name"]] = m
        except (OSError, ValueError, KeyError):
            index = {}

    total_start = time.time()
    for i, entry in enumerate(entries, 1):
        start = time.time()
        try:
            # function exports need a pinned interpreter to be reproducible; bench models get
            # their own process so that each one's memory is freed and its peak RSS measured
            if entry.functions or entry.kind == "bench":
                rec = export_in_child(entry, out_dir, test_data, pinned=bool(entry.functions))
            else:
                rec = export_one(entry, out_dir, test_data)
                rec["peak_rss_mb"] = round(peak_rss_mb())
        except Exception as e:  # report which model failed, then fail
            log(f"[{i}/{len(entries)}] {entry.name} FAILED: {type(e).__name__}: {e}")
            raise
        peak = rec.pop("peak_rss_mb")
        if entry.name == "narrow_deep" and rec["nodes"] < NARROW_DEEP_MIN_NODES:
            log(f"narrow_deep has {rec['nodes']} nodes, fewer than {NARROW_DEEP_MIN_NODES}: raise NARROW_DEEP_LAYERS")
            return 1
        index[entry.name] = rec
        extra = f", peak RSS {peak / 1024:.1f} GB" if entry.kind == "bench" else ""
        log(
            f"[{i}/{len(entries)}] {entry.name} ... {rec['nodes']} nodes, "
            f"{rec['size_bytes'] / 1e6:.1f} MB, {time.time() - start:.1f} s{extra}"
        )
        # write the index after every model, so an interrupted run leaves a usable one
        order = {n: k for k, n in enumerate(ALL_ORDER)}
        models = sorted(index.values(), key=lambda m: (order.get(m["name"], len(order)), m["name"]))
        write_json(
            index_path,
            {
                "generator": "corpus/generate.py",
                "torch": torch.__version__,
                "torchvision": torchvision.__version__,
                "onnx": onnx.__version__,
                "models": models,
            },
        )
    log(f"wrote {len(entries)} model(s) to {out_dir} in {time.time() - total_start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
