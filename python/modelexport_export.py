#!/usr/bin/env python3
"""Export a PyTorch model to ONNX and record its module hierarchy in the graph.

Bundled with modelexport-action. Needs only the standard library and the user's `torch`.

    python modelexport_export.py --model pkg.module:factory --output model.onnx \
        [--input input_ids:1x8:int64,attention_mask:1x8:int64] [--inputs pkg.module:make_inputs] \
        [--opset N] [--dynamo] [--no-sidecar] [--from-onnx exported.onnx] [--debug]

Every exported node that ran inside a module gets two NodeProto.metadata_props entries:
`modelexport.module` (the instance path, as named_modules() spells it) and `modelexport.tag`
(the class path, /BertModel/BertEncoder/BertLayer.0/...). The model gets `modelexport.modules`,
the module tree with classes. A sidecar `<base>_htp_metadata.json` repeats the node tags and the
tree in the ModelInsider layout.

Where the module of a node comes from:
- TorchScript export (default): the node name's scope, `/encoder/layer.0/attention/self/query/MatMul`.
  torch names each scope level after the module's instance path from its last non-numeric part
  on (`layer.0`, `layer1.0`, `downsample.0`), and a module called a second time gets `_1`.
- dynamo export (--dynamo): the `pkg.torch.onnx.name_scopes` metadata torch writes on each node.

The metadata is written at the protobuf wire level: the ONNX Python package is not needed, and
old versions of it do not know NodeProto.metadata_props (field 9, ONNX IR version 10). Every
other byte of the export is kept as torch wrote it.

Progress goes to stderr, one line per step. On success stdout carries one JSON line with the
result. Problems with the model, its inputs or the environment end with exit code 2 and one
`error:` line on stderr (the traceback follows only with --debug).
"""
import argparse
import ast
import contextlib
import importlib
import importlib.util
import inspect
import json
import os
import re
import sys
import tempfile
import traceback
import warnings

PROG = "modelexport-export"
NS = "modelexport."
KEY_MODULE = "modelexport.module"
KEY_TAG = "modelexport.tag"
KEY_MODULES = "modelexport.modules"
DYNAMO_SCOPES = "pkg.torch.onnx.name_scopes"

torch = None  # imported by require_torch(), so a missing torch is a clear error


class ExportError(Exception):
    """A problem the user can fix: printed as one line, exit code 2."""

    def __init__(self, message, detail=None):
        super().__init__(message)
        self.detail = detail  # a traceback, shown after the message with --debug


def progress(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def require_torch():
    global torch
    try:
        import torch as _torch
    except ImportError as e:
        raise ExportError(
            "PyTorch is not installed for %s (%s). The exporter runs your model with torch: "
            "in a GitHub workflow add an `actions/setup-python` step and `pip install torch` "
            "(plus your model's own requirements) before this step, or point --python / "
            "MODELEXPORT_PYTHON at an interpreter that has torch." % (sys.executable, e)
        )
    torch = _torch


# ---------------------------------------------------------------------------------------------
# Protobuf wire format


class WireError(Exception):
    pass


def read_varint(buf, pos):
    result = 0
    shift = 0
    while True:
        if pos >= len(buf):
            raise WireError("truncated varint")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise WireError("varint too long")


def fields(buf, start, end):
    """Yield (field, wire_type, field_start, value_start, value_end) for a message's fields."""
    pos = start
    while pos < end:
        fstart = pos
        key, pos = read_varint(buf, pos)
        field, wire = key >> 3, key & 7
        vstart = pos
        if wire == 0:
            _, pos = read_varint(buf, pos)
        elif wire == 1:
            pos += 8
        elif wire == 2:
            n, vstart = read_varint(buf, pos)
            pos = vstart + n
        elif wire == 5:
            pos += 4
        else:
            raise WireError("unsupported wire type %d" % wire)
        if pos > end or field == 0:
            raise WireError("malformed field at byte %d" % fstart)
        yield field, wire, fstart, vstart, pos


def encode_varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def length_delimited(field, payload):
    return encode_varint((field << 3) | 2) + encode_varint(len(payload)) + payload


def string_entry(key, value):
    """A StringStringEntryProto {1: key, 2: value}."""
    return length_delimited(1, key.encode("utf-8")) + length_delimited(2, value.encode("utf-8"))


def parse_entry(buf, start, end):
    key = value = ""
    for f, w, _, vs, ve in fields(buf, start, end):
        if w == 2 and f == 1:
            key = bytes(buf[vs:ve]).decode("utf-8", "replace")
        elif w == 2 and f == 2:
            value = bytes(buf[vs:ve]).decode("utf-8", "replace")
    return key, value


# Field numbers from onnx.proto.
MODEL_GRAPH, MODEL_METADATA = 7, 14
GRAPH_NODE = 1
NODE_NAME, NODE_ATTRIBUTE, NODE_METADATA = 3, 5, 9
ATTR_G, ATTR_GRAPHS = 6, 11


class Retagger:
    """Rewrites a ModelProto: our entries replace any earlier `modelexport.*` ones."""

    def __init__(self, tag_node):
        self.tag_node = tag_node  # (name, [(key, value)]) -> [(key, value)]
        self.nodes = 0

    def model(self, buf, model_entries):
        out = []
        for f, w, fs, vs, ve in fields(buf, 0, len(buf)):
            if f == MODEL_GRAPH and w == 2:
                out.append(length_delimited(MODEL_GRAPH, self.graph(buf, vs, ve)))
            elif f == MODEL_METADATA and w == 2 and parse_entry(buf, vs, ve)[0].startswith(NS):
                continue
            else:
                out.append(buf[fs:ve])
        for k, v in model_entries:
            out.append(length_delimited(MODEL_METADATA, string_entry(k, v)))
        return b"".join(out)

    def graph(self, buf, start, end):
        out = []
        for f, w, fs, vs, ve in fields(buf, start, end):
            if f == GRAPH_NODE and w == 2:
                out.append(length_delimited(GRAPH_NODE, self.node(buf, vs, ve)))
            else:
                out.append(buf[fs:ve])
        return b"".join(out)

    def node(self, buf, start, end):
        self.nodes += 1
        out = []
        name = ""
        meta = []
        for f, w, fs, vs, ve in fields(buf, start, end):
            if f == NODE_NAME and w == 2:
                name = bytes(buf[vs:ve]).decode("utf-8", "replace")
            elif f == NODE_METADATA and w == 2:
                entry = parse_entry(buf, vs, ve)
                if entry[0].startswith(NS):
                    continue
                meta.append(entry)
            elif f == NODE_ATTRIBUTE and w == 2:
                out.append(length_delimited(NODE_ATTRIBUTE, self.attribute(buf, vs, ve)))
                continue
            out.append(buf[fs:ve])
        for k, v in self.tag_node(name, meta):
            out.append(length_delimited(NODE_METADATA, string_entry(k, v)))
        return b"".join(out)

    def attribute(self, buf, start, end):
        out = []
        for f, w, fs, vs, ve in fields(buf, start, end):
            if f in (ATTR_G, ATTR_GRAPHS) and w == 2:
                out.append(length_delimited(f, self.graph(buf, vs, ve)))
            else:
                out.append(buf[fs:ve])
        return b"".join(out)


# ---------------------------------------------------------------------------------------------
# Module tree and scopes


def unqualified(path):
    """The name torch gives a module's scope level: from the last non-numeric part on."""
    atoms = path.split(".")
    for i in range(len(atoms) - 1, -1, -1):
        if not atoms[i].isdigit():
            return ".".join(atoms[i:])
    return path


def is_container(module):
    """ModuleList, ModuleDict and friends never run forward, so they never appear in a scope."""
    return type(module).forward is torch.nn.Module.forward


def class_segment(path, module):
    last = path.rsplit(".", 1)[-1]
    name = type(module).__name__
    return name + "." + last if path and last.isdigit() else name


class ModuleTree:
    """named_modules() with classes, plus every other path a shared module is reachable by
    (T5's `encoder.embed_tokens` is `shared`): torch names a scope after the first path."""

    def __init__(self, model):
        self.entries = list(model.named_modules())
        self.by_path = dict(self.entries)
        first = {id(m): p for p, m in self.entries}
        self.canonical = {}  # any path, aliases included -> the named_modules() path
        for p, m in model.named_modules(remove_duplicate=False):
            self.canonical.setdefault(p, first[id(m)])
        self.children = children_of(self.canonical)  # over every path
        self.tree_children = children_of(self.by_path)  # over named_modules() only
        self._resolved = {}

    def descendants_named(self, start, segment):
        """Paths below `start` of the modules whose scope name is `segment`, nearest first,
        preferring those reached through containers only (whose forward never runs)."""
        direct, other = [], []
        todo = [(c, True) for c in self.children.get(start, [])]
        while todo:
            nxt = []
            for path, through_containers in todo:
                canonical = self.canonical[path]
                if unqualified(canonical) == segment:
                    (direct if through_containers else other).append(path)
                passable = through_containers and is_container(self.by_path[canonical])
                nxt.extend((c, passable) for c in self.children.get(path, []))
            todo = nxt
        return direct + other

    def resolve_segments(self, segments):
        """Instance paths, root first, for TorchScript scope levels; None if one is unknown."""
        key = tuple(segments)
        if key in self._resolved:
            return self._resolved[key]
        walk, chain = "", [""]
        for seg in segments:
            found = self.descendants_named(walk, seg)
            if not found:
                m = re.match(r"^(.*)_(\d+)$", seg)  # a module's second call: relu_1
                if m:
                    found = self.descendants_named(walk, m.group(1))
            if not found:
                chain = None
                break
            walk = found[0]
            chain.append(self.canonical[walk])
        self._resolved[key] = chain
        return chain

    def resolve_name_scopes(self, scopes):
        """Instance paths, root first, for a dynamo `name_scopes` list (cumulative paths, first
        the root, last the node's own name); None when a middle entry is no module."""
        walk, chain = "", [""]
        entries = [e for e in (scopes[1:] if scopes and scopes[0] == "" else scopes) if e != ""]
        for i, entry in enumerate(entries):
            names = [entry]
            m = re.match(r"^(.*)_(\d+)$", entry)
            if m:
                names.append(m.group(1))
            candidates = [c for n in names for c in ((n, walk + "." + n) if walk else (n,))]
            hit = next((c for c in candidates if c in self.canonical and c != walk and (walk == "" or c.startswith(walk + "."))), None)
            if hit is None:
                if i == len(entries) - 1:
                    break  # the node's own name
                return None
            walk = hit
            chain.append(self.canonical[hit])
        return chain

    def tag_for_chain(self, chain):
        kept = [p for p in chain if p == "" or not is_container(self.by_path[p])]
        return "/" + "/".join(class_segment(p, self.by_path[p]) for p in kept)

    def executing_chain(self, path):
        """Root-to-module chain without containers: the scopes torch records."""
        chain = [""]
        parts = path.split(".") if path else []
        for i in range(1, len(parts) + 1):
            p = ".".join(parts[:i])
            if p in self.by_path and not is_container(self.by_path[p]):
                chain.append(p)
        if path and chain[-1] != path:
            chain.append(path)
        return chain

    def modules_json(self):
        return json.dumps(
            [{"path": p, "class": type(m).__name__, "qualname": qualname(type(m))} for p, m in self.entries],
            separators=(",", ":"),
        )

    def sidecar_tree(self, order):
        def nearest_children(path):
            out = []
            for c in self.tree_children.get(path, []):
                if is_container(self.by_path[c]):
                    out.extend(nearest_children(c))
                else:
                    out.append(c)
            return out

        def build(path):
            mod = self.by_path[path]
            kids = nearest_children(path)
            keys = [class_segment(c, self.by_path[c]) for c in kids]
            node = {
                "class_name": type(mod).__name__,
                "traced_tag": self.tag_for_chain(self.executing_chain(path)),
                "scope": path,
                "execution_order": order.get(path),
                "children": {},
            }
            for c, k in zip(kids, keys):
                if keys.count(k) > 1:  # query/key/value are all Linear
                    k = type(self.by_path[c]).__name__ + "@" + (c[len(path) + 1 :] if path else c)
                node["children"][k] = build(c)
            return node

        return build("")


def children_of(paths):
    children = {}
    for path in paths:
        if path:
            children.setdefault(path.rsplit(".", 1)[0] if "." in path else "", []).append(path)
    return children


def qualname(cls):
    return "%s.%s" % (cls.__module__, cls.__qualname__)


def torchscript_segments(name):
    """Scope levels of a TorchScript node name; None when the node has no scope."""
    if not name.startswith("/"):
        return None
    return name.split("/")[1:-1]


def dynamo_scopes(meta):
    for k, v in meta:
        if k == DYNAMO_SCOPES:
            try:
                scopes = ast.literal_eval(v)
            except (ValueError, SyntaxError):
                return None
            if isinstance(scopes, (list, tuple)) and all(isinstance(s, str) for s in scopes):
                return list(scopes)
            return None
    return None


class Tagger:
    def __init__(self, tree, source):
        self.tree = tree
        self.source = source  # "torchscript", "dynamo" or "auto"
        self.node_tags = {}
        self.tagged = 0
        self.no_scope = 0
        self.unknown_scopes = {}

    def __call__(self, name, meta):
        chain = None
        scope_text = None
        scopes = dynamo_scopes(meta) if self.source in ("dynamo", "auto") else None
        if scopes is not None:
            scope_text = repr(scopes)
            chain = self.tree.resolve_name_scopes(scopes)
        elif self.source in ("torchscript", "auto"):
            segments = torchscript_segments(name)
            if segments is not None:
                scope_text = "/" + "/".join(segments)
                chain = self.tree.resolve_segments(segments)
        if scope_text is None:
            self.no_scope += 1
            return []
        if chain is None:
            self.unknown_scopes[scope_text] = self.unknown_scopes.get(scope_text, 0) + 1
            return []
        tag = self.tree.tag_for_chain(chain)
        self.tagged += 1
        if name:
            self.node_tags[name] = tag
        return [(KEY_MODULE, chain[-1]), (KEY_TAG, tag)]


# ---------------------------------------------------------------------------------------------
# Loading the model and its inputs


def import_module(spec_module):
    if spec_module.endswith(".py"):
        path = os.path.abspath(spec_module)
        if not os.path.isfile(path):
            raise ExportError("cannot import %s: no such file" % spec_module)
        name = os.path.splitext(os.path.basename(path))[0]
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        sys.path.insert(0, os.path.dirname(path))
        try:
            spec.loader.exec_module(mod)
        except Exception as e:
            raise ExportError("importing %s failed: %s: %s" % (spec_module, type(e).__name__, e), traceback.format_exc())
        return mod
    try:
        return importlib.import_module(spec_module)
    except ModuleNotFoundError as e:
        if e.name and (spec_module == e.name or spec_module.startswith(e.name + ".")):
            raise ExportError(
                "cannot import module '%s': no module named '%s' (searched the working directory %s and sys.path; "
                "install your package or run from the folder that holds it)" % (spec_module, e.name, os.getcwd())
            )
        raise ExportError("importing '%s' failed: %s" % (spec_module, e), traceback.format_exc())
    except Exception as e:
        raise ExportError("importing '%s' failed: %s: %s" % (spec_module, type(e).__name__, e), traceback.format_exc())


def resolve_callable(spec, what):
    if ":" not in spec:
        raise ExportError("%s '%s' is not of the form package.module:function" % (what, spec))
    mod_name, attr = spec.rsplit(":", 1)
    if not mod_name or not attr:
        raise ExportError("%s '%s' is not of the form package.module:function" % (what, spec))
    mod = import_module(mod_name)
    obj = mod
    for part in attr.split("."):
        if not hasattr(obj, part):
            public = sorted(n for n in dir(mod) if not n.startswith("_") and callable(getattr(mod, n, None)))
            raise ExportError(
                "module '%s' has no attribute '%s' (its callables: %s)" % (mod_name, attr, ", ".join(public[:20]) or "none")
            )
        obj = getattr(obj, part)
    if not callable(obj):
        raise ExportError("%s '%s' is a %s, not a callable" % (what, spec, type(obj).__name__))
    return obj


def call_user(fn, spec, *args):
    try:
        with contextlib.redirect_stdout(sys.stderr):  # stdout carries only our result
            return fn(*args)
    except ExportError:
        raise
    except Exception as e:
        raise ExportError("%s raised %s: %s" % (spec, type(e).__name__, e), traceback.format_exc())


def load_model(spec):
    """Returns (module, FactoryExtras)."""
    if ":" not in spec and not spec.endswith(".py"):
        if importlib.util.find_spec("transformers") is None:
            raise ExportError(
                "'%s' is not a package.module:factory spec, and `transformers` is not installed "
                "to load it as a Hugging Face model id" % spec
            )
        progress("loading Hugging Face model %s" % spec)
        try:
            with contextlib.redirect_stdout(sys.stderr):
                import transformers

                model = transformers.AutoModel.from_pretrained(spec, torchscript=True)
        except Exception as e:
            raise ExportError("loading Hugging Face model '%s' failed: %s: %s" % (spec, type(e).__name__, e), traceback.format_exc())
        return model, FactoryExtras()
    factory = resolve_callable(spec, "model spec")
    torch.manual_seed(0)  # factories that initialise weights randomly give the same model every run
    result = call_user(factory, "the factory %s" % spec)
    extra = FactoryExtras()
    if isinstance(getattr(result, "model", None), torch.nn.Module) and hasattr(result, "inputs"):
        # An export spec object: .model, .inputs and optionally .input_names, .output_names, .dynamic_axes
        extra = FactoryExtras(
            result.inputs,
            getattr(result, "input_names", None),
            getattr(result, "output_names", None),
            getattr(result, "dynamic_axes", None),
        )
        result = result.model
    elif isinstance(result, (tuple, list)) and len(result) == 2 and isinstance(result[0], torch.nn.Module):
        result, inputs = result
        extra = FactoryExtras(inputs)
    if not isinstance(result, torch.nn.Module):
        raise ExportError(
            "the factory %s returned %s; it must return a torch.nn.Module, (module, example_inputs), "
            "or an object with .model and .inputs" % (spec, type(result).__name__)
        )
    return result, extra


class FactoryExtras:
    """What a factory may give besides the module."""

    def __init__(self, inputs=None, input_names=None, output_names=None, dynamic_axes=None):
        self.inputs = inputs
        self.input_names = list(input_names) if input_names else None
        self.output_names = list(output_names) if output_names else None
        self.dynamic_axes = dict(dynamic_axes) if dynamic_axes else None


DTYPES = {
    "float32": "float32", "float": "float32", "fp32": "float32",
    "float16": "float16", "half": "float16", "fp16": "float16",
    "bfloat16": "bfloat16", "bf16": "bfloat16",
    "float64": "float64", "double": "float64",
    "int64": "int64", "long": "int64", "int32": "int32", "int": "int32",
    "int16": "int16", "int8": "int8", "uint8": "uint8", "bool": "bool",
}


def parse_input_specs(texts):
    """`name:1x8:int64[:low..high]` entries, comma separated, possibly repeated."""
    specs = []
    for text in texts:
        for item in text.split(","):
            item = item.strip()
            if not item:
                continue
            parts = item.split(":")
            if len(parts) < 2 or len(parts) > 4 or not parts[0]:
                raise ExportError("--input '%s' is not name:SHAPE[:dtype[:low..high]] (for example input_ids:1x8:int64)" % item)
            name, shape_text = parts[0], parts[1]
            try:
                shape = [int(d) for d in shape_text.lower().split("x")] if shape_text not in ("", "scalar") else []
            except ValueError:
                raise ExportError("--input '%s': shape '%s' must be dimensions joined by x, like 1x8" % (item, shape_text))
            if any(d < 0 for d in shape):
                raise ExportError("--input '%s': dimensions must not be negative" % item)
            dtype = DTYPES.get((parts[2] if len(parts) > 2 else "float32").lower())
            if dtype is None:
                raise ExportError("--input '%s': unknown dtype '%s' (one of %s)" % (item, parts[2], ", ".join(sorted(set(DTYPES.values())))))
            value_range = None
            if len(parts) == 4:
                m = re.match(r"^(-?\d+)\.\.(-?\d+)$", parts[3])
                if not m or int(m.group(1)) >= int(m.group(2)):
                    raise ExportError("--input '%s': range '%s' must be low..high with low < high" % (item, parts[3]))
                value_range = (int(m.group(1)), int(m.group(2)))
            specs.append((name, shape, dtype, value_range))
    return specs


def make_tensor(name, shape, dtype, value_range, gen):
    dt = getattr(torch, dtype)
    lname = name.lower()
    if dtype in ("float32", "float16", "bfloat16", "float64"):
        return torch.randn(shape, generator=gen, dtype=torch.float32).to(dt)
    if value_range is None:
        if "mask" in lname:
            return torch.ones(shape, dtype=dt)
        if "token_type" in lname or "segment" in lname:
            return torch.zeros(shape, dtype=dt)
        if "position_ids" in lname and shape:
            return torch.arange(shape[-1], dtype=torch.int64).expand(*shape).to(dt).clone()
        value_range = (0, 2) if dtype == "bool" else (0, 16)
    t = torch.randint(value_range[0], value_range[1], shape, generator=gen, dtype=torch.int64)
    return t.to(dt)


def forward_parameters(model):
    try:
        return list(inspect.signature(model.forward).parameters.values())
    except (TypeError, ValueError):
        return []


def normalize_inputs(value, where):
    """Tensor, tuple/list (optionally ending with a dict of keyword arguments) or dict."""
    if isinstance(value, torch.Tensor):
        return (value,), {}
    if isinstance(value, dict):
        return (), dict(value)
    if isinstance(value, (tuple, list)):
        items = list(value)
        kwargs = {}
        if items and isinstance(items[-1], dict):
            kwargs = dict(items.pop())
        return tuple(items), kwargs
    raise ExportError("%s gave %s; example inputs must be a tensor, a tuple of tensors or a dict" % (where, type(value).__name__))


def inputs_from_specs(raw_specs, names, source):
    """Tensors for name:SHAPE:dtype specs: by keyword when every name is a forward parameter."""
    gen = torch.Generator().manual_seed(0)
    tensors = [(n, make_tensor(n, s, d, r, gen)) for n, s, d, r in parse_input_specs(raw_specs)]
    if all(n in names for n, _ in tensors):
        return (), dict(tensors), source
    return tuple(t for _, t in tensors), {}, source


def build_inputs(model, args, factory_inputs):
    """Returns (positional, keyword, description)."""
    params = forward_parameters(model)
    names = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    if args.input:
        return inputs_from_specs(args.input, names, "--input")
    if args.inputs:
        fn = resolve_callable(args.inputs, "--inputs")
        try:
            wants_model = any(
                p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                for p in inspect.signature(fn).parameters.values()
            )
        except (TypeError, ValueError):
            wants_model = False
        value = call_user(fn, "the inputs callable %s" % args.inputs, *([model] if wants_model else []))
        pos, kw = normalize_inputs(value, "the inputs callable %s" % args.inputs)
        return pos, kw, args.inputs
    if factory_inputs is not None:
        pos, kw = normalize_inputs(factory_inputs, "the factory %s" % args.model)
        return pos, kw, "the factory"
    if args.default_input:
        # Shared inputs for several models (the action's export-inputs): used by the models that
        # bring no example inputs of their own.
        return inputs_from_specs(args.default_input, names, "--default-input")
    dummy = getattr(model, "dummy_inputs", None)
    if isinstance(dummy, dict) and dummy and all(isinstance(v, torch.Tensor) for v in dummy.values()):
        return (), dict(dummy), "the model's dummy_inputs"
    raise ExportError(
        "no example inputs: pass --input name:SHAPE:dtype (for example --input input_ids:1x8:int64), "
        "--inputs package.module:function, or let the factory return (module, example_inputs)"
    )


def input_names(model, pos, kw):
    params = forward_parameters(model)
    named = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if not all(isinstance(v, torch.Tensor) for v in list(pos) + list(kw.values())):
        return None
    out = [named[i] if i < len(named) else "input_%d" % i for i in range(len(pos))]
    order = {p.name: i for i, p in enumerate(params)}
    out += sorted(kw, key=lambda k: order.get(k, len(order)))
    return out if len(set(out)) == len(out) else None


def output_names(result):
    if isinstance(result, torch.Tensor):
        return ["output"]
    if isinstance(result, dict):
        if result and all(isinstance(v, torch.Tensor) for v in result.values()):
            return [str(k) for k in result]
        return None
    if isinstance(result, (tuple, list)) and result and all(isinstance(v, torch.Tensor) for v in result):
        return ["output_%d" % i for i in range(len(result))]
    return None


def dry_run(model, tree, pos, kw):
    """Run the model once: the order in which modules first execute, and the output layout."""
    order = {}
    path_of = {id(m): p for p, m in tree.entries}

    def hook(module, _inputs):
        p = path_of.get(id(module))
        if p is not None and p not in order:
            order[p] = len(order)

    handles = [m.register_forward_pre_hook(hook) for _, m in tree.entries]
    try:
        with torch.no_grad(), contextlib.redirect_stdout(sys.stderr):
            result = model(*pos, **kw)
    except Exception as e:
        raise ExportError("running the model on its example inputs failed: %s: %s" % (type(e).__name__, e), traceback.format_exc())
    finally:
        for h in handles:
            h.remove()
    return order, result


# ---------------------------------------------------------------------------------------------
# Export


def dynamo_support():
    try:
        params = inspect.signature(torch.onnx.export).parameters
    except (TypeError, ValueError):
        params = {}
    if "dynamo" in params:
        return "export"
    if hasattr(torch.onnx, "dynamo_export"):
        return "dynamo_export"
    return None


def export_onnx(model, pos, kw, names, outputs, dynamic_axes, args, path):
    """Export into `path` (where the final file goes: weights torch puts in external data files
    stay next to it) and return the bytes of the model as torch wrote it."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        os.unlink(path)  # a failed export must not leave an older model looking fresh
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(sys.stderr):
        warnings.simplefilter("always")
        try:
            if args.dynamo:
                how = dynamo_support()
                if how == "export":
                    options = {"kwargs": kw or None, "dynamo": True}
                    if args.opset:
                        options["opset_version"] = args.opset
                    if names:
                        options["input_names"] = names
                    if outputs:
                        options["output_names"] = outputs
                    program = torch.onnx.export(model, tuple(pos), path, **options)
                    if not os.path.exists(path) and program is not None:
                        program.save(path)
                else:
                    torch.onnx.dynamo_export(model, *pos, **kw).save(path)
            else:
                options = {"input_names": names, "output_names": outputs, "opset_version": args.opset}
                if dynamic_axes:
                    options["dynamic_axes"] = dynamic_axes
                export_params = inspect.signature(torch.onnx.export).parameters
                if kw and "kwargs" in export_params:
                    options["kwargs"] = kw
                    call_args = tuple(pos)
                elif kw:
                    call_args = tuple(pos) + (kw,)  # torch reads a trailing dict as keyword arguments
                else:
                    call_args = tuple(pos)
                if "dynamo" in export_params:
                    options["dynamo"] = False
                torch.onnx.export(model, call_args, path, **options)
        except ExportError:
            raise
        except Exception as e:
            if os.path.exists(path):
                os.unlink(path)
            first = str(e).strip().splitlines()[0] if str(e).strip() else ""
            what = "the dynamo export" if args.dynamo else "torch.onnx.export"
            raise ExportError("%s failed: %s: %s" % (what, type(e).__name__, first), traceback.format_exc())
    if caught:
        progress("torch emitted %d warning(s) during export%s" % (len(caught), "" if args.debug else " (--debug shows them)"))
        if args.debug:
            for w in caught:
                progress("  %s: %s" % (w.category.__name__, str(w.message).splitlines()[0] if str(w.message) else ""))
    with open(path, "rb") as f:
        return f.read()


def write_atomic(path, data):
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".modelexport-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def sidecar_path(output):
    base = output[: -len(".onnx")] if output.lower().endswith(".onnx") else output
    return base + "_htp_metadata.json"


def human_size(n):
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return ("%d %s" % (n, unit)) if unit == "B" else ("%.1f %s" % (n, unit))
        n /= 1024.0


def run(args):
    require_torch()
    sys.path.insert(0, os.getcwd())
    if args.dynamo and not args.from_onnx and dynamo_support() is None:
        raise ExportError(
            "--dynamo needs torch.onnx.export(dynamo=True) (torch >= 2.5) or torch.onnx.dynamo_export (torch >= 2.1), "
            "and the installed torch %s has neither; drop --dynamo to use the TorchScript exporter, or upgrade torch"
            % torch.__version__
        )

    progress("loading model %s (torch %s)" % (args.model, torch.__version__))
    model, extras = load_model(args.model)
    model.eval()
    tree = ModuleTree(model)
    params = sum(p.numel() for p in model.parameters())
    progress("model %s: %d modules, %s parameters" % (type(model).__name__, len(tree.entries), "{:,}".format(params)))

    pos, kw, order, inputs_from, names, outputs = (), {}, {}, None, None, None
    if not args.from_onnx or args.input or args.inputs or args.default_input or extras.inputs is not None:
        pos, kw, inputs_from = build_inputs(model, args, extras.inputs)
        names = input_names(model, pos, kw)
        if inputs_from == "the factory" and extras.input_names and len(extras.input_names) == len(pos) + len(kw):
            names = extras.input_names
        shown = names or ["input_%d" % i for i in range(len(pos) + len(kw))]
        shapes = ["%s %s:%s" % (n, "x".join(str(d) for d in t.shape), str(t.dtype).replace("torch.", ""))
                  for n, t in zip(shown, list(pos) + list(kw.values())) if isinstance(t, torch.Tensor)]
        progress("example inputs from %s: %s" % (inputs_from, ", ".join(shapes) or "(none are tensors)"))
        order, result = dry_run(model, tree, pos, kw)
        outputs = output_names(result)
        if inputs_from == "the factory" and extras.output_names:
            outputs = extras.output_names

    if args.from_onnx:
        progress("reading %s" % args.from_onnx)
        try:
            with open(args.from_onnx, "rb") as f:
                data = f.read()
        except OSError as e:
            raise ExportError("cannot read %s: %s" % (args.from_onnx, e.strerror or e))
        exporter = "existing file"
    else:
        exporter = "dynamo" if args.dynamo else "torchscript"
        progress("exporting with %s (%s%s)" % (
            "the dynamo exporter" if args.dynamo else "torch.onnx.export",
            "TorchScript, " if not args.dynamo else "",
            "opset %d" % args.opset if args.opset else "default opset"))
        data = export_onnx(model, pos, kw, names, outputs, extras.dynamic_axes, args, os.path.abspath(args.output))

    source = {"dynamo": "dynamo", "torchscript": "torchscript"}.get(exporter, "auto")
    tagger = Tagger(tree, source)
    retagger = Retagger(tagger)
    try:
        tagged = retagger.model(memoryview(data), [(KEY_MODULES, tree.modules_json())])
    except WireError as e:
        raise ExportError("%s is not a readable ONNX model: %s" % (args.from_onnx or "the export", e))
    untagged = retagger.nodes - tagger.tagged
    progress("tagged %d of %d nodes with their module (%d without a module scope%s)" % (
        tagger.tagged, retagger.nodes, tagger.no_scope,
        ", %d with a scope that matches no module" % sum(tagger.unknown_scopes.values()) if tagger.unknown_scopes else ""))
    for scope, count in sorted(tagger.unknown_scopes.items())[:5]:
        progress("  no module for scope %s (%d node%s)" % (scope, count, "" if count == 1 else "s"))
    if source == "dynamo" and tagger.tagged == 0:
        progress("the dynamo export carries no %s metadata: this torch version does not record module scopes" % DYNAMO_SCOPES)

    write_atomic(args.output, tagged)
    result = {
        "output": os.path.abspath(args.output),
        "bytes": len(tagged),
        "exporter": exporter,
        "torch": torch.__version__,
        "nodes": retagger.nodes,
        "tagged": tagger.tagged,
        "untagged": untagged,
        "modules": len(tree.entries),
        "sidecar": None,
    }
    if args.sidecar:
        side = sidecar_path(args.output)
        doc = {
            "model": {
                "spec": args.model,
                "class_name": type(model).__name__,
                "qualname": qualname(type(model)),
                "total_modules": len(tree.entries),
                "total_parameters": params,
            },
            "export_context": {
                "exporter": exporter,
                "torch_version": torch.__version__,
                "opset_version": args.opset,
                "inputs_from": inputs_from,
                "dynamic_axes": extras.dynamic_axes if not args.dynamo else None,
                "input_names": names,
                "output_names": outputs,
                "source_onnx": args.from_onnx,
            },
            "modules": tree.sidecar_tree(order),
            "nodes": tagger.node_tags,
            "statistics": {
                "total_nodes": retagger.nodes,
                "tagged_nodes": tagger.tagged,
                "nodes_without_scope": tagger.no_scope,
                "nodes_with_unknown_scope": sum(tagger.unknown_scopes.values()),
                "total_modules": len(tree.entries),
                "executed_modules": len(order),
                "unique_tags": len(set(tagger.node_tags.values())),
            },
        }
        write_atomic(side, (json.dumps(doc, indent=2) + "\n").encode("utf-8"))
        result["sidecar"] = os.path.abspath(side)
    progress("wrote %s (%s)%s" % (args.output, human_size(len(tagged)), " and " + result["sidecar"] if result["sidecar"] else ""))
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def parse_args(argv):
    p = argparse.ArgumentParser(prog=PROG, description="Export a PyTorch model to ONNX with its module hierarchy recorded in the graph.")
    p.add_argument("--model", required=True, help="package.module:factory (or path/to/file.py:factory, or a Hugging Face model id when transformers is installed)")
    p.add_argument("--output", required=True, help="the ONNX file to write")
    p.add_argument("--input", action="append", default=[], help="example input name:SHAPE:dtype[:low..high], comma separated or repeated (input_ids:1x8:int64)")
    p.add_argument("--inputs", help="package.module:function returning the example inputs (it may take the model)")
    p.add_argument("--default-input", action="append", default=[], help="like --input, but only for a model whose factory brings no example inputs")
    p.add_argument("--opset", type=int, default=None, help="ONNX opset version (default: torch's)")
    p.add_argument("--dynamo", action="store_true", help="use torch's dynamo exporter (torch >= 2.1)")
    p.add_argument("--sidecar", dest="sidecar", action="store_true", default=True, help="write <base>_htp_metadata.json (default)")
    p.add_argument("--no-sidecar", dest="sidecar", action="store_false")
    p.add_argument("--from-onnx", help="skip the export: tag this ONNX file, exported from the same model, instead")
    p.add_argument("--debug", action="store_true", help="show tracebacks and torch's warnings")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        run(args)
        return 0
    except ExportError as e:
        sys.stderr.write("error: %s\n" % e)
        if e.detail:
            if args.debug:
                sys.stderr.write(e.detail if e.detail.endswith("\n") else e.detail + "\n")
            else:
                sys.stderr.write("(run with --debug for the traceback)\n")
        sys.stderr.flush()
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
