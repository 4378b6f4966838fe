/**
 * Rewritten variants of a real export, as deployed graphs look (DOMAIN §6), and their ground
 * truth carried over from the original export by tensor names. Pure and seeded.
 *
 * - ONNX Runtime's optimizer output (made by the eval entry with onnxruntime-node) is scored
 *   with `truthByTensors`: a node's truth is the set of modules whose ops it absorbed.
 * - `shuffleNodes`: the same graph, its node list in another order (ONNX Runtime runs such files).
 * - `fp16Style`: the converter's boundary casts (`graph_input_cast_N`, `graph_output_cast_N`) and
 *   casts around ops kept in fp32, with float values retyped.
 * - `quantizedStyle`: QuantizeLinear/DequantizeLinear pairs named after the tensors, as static
 *   quantizers write them (`<tensor>_QuantizeLinear`, `<tensor>_scale`, `<tensor>_zero_point`).
 *
 * Inserted conversion nodes have no module in the original export. They are scored against the
 * engine's documented rule, separately from the original nodes: a conversion node whose name
 * carries a scope (`<node>_input_cast_0` after a scoped node) is in that scope; one without
 * belongs to the module that owns the value it converts (its input's producer, a parameter's
 * owner, the root for a graph input).
 */
import type { OnnxModel, OnnxNode, TensorInfo } from "../load/model.js";
import { atoms } from "../hierarchy/paths.js";
import { seededRandom } from "../util/random.js";
import { cloneModel } from "./variants.js";

/** Ground truth of a variant: main-graph node name → the modules it stands for. */
export type VariantTruth = Map<string, string[]>;

export interface RewrittenVariant {
  model: OnnxModel;
  /** Truth for nodes that come from the original export. */
  truth: VariantTruth;
  /** Nodes the rewrite inserted → the module the engine's rule assigns them. */
  inserted: Map<string, string>;
}

/** Original export: tensor name → module of the node that produced it. */
function tensorModules(model: OnnxModel, scopes: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of model.graph.nodes) {
    const m = scopes.get(n.name);
    if (m === undefined) continue;
    for (const t of n.outputs) if (t !== "") out.set(t, m);
  }
  return out;
}

/** Truth of the unmodified nodes: each scoped node stands for its own module. */
function identityTruth(model: OnnxModel, scopes: Map<string, string>): VariantTruth {
  const truth: VariantTruth = new Map();
  for (const n of model.graph.nodes) {
    const m = scopes.get(n.name);
    if (m !== undefined) truth.set(n.name, [m]);
  }
  return truth;
}

/**
 * Truth of a rewritten graph by tensor names. For each node whose outputs exist in the original
 * export, the original nodes it absorbed are those computing its outputs from its inputs (walked
 * back from the outputs, stopping at the node's own inputs, initializers and graph inputs); its
 * truth is the set of their modules. A node none of whose outputs exist in the original has no
 * truth and is not scored.
 */
export function truthByTensors(original: OnnxModel, scopes: Map<string, string>, rewritten: OnnxModel): VariantTruth {
  const producer = new Map<string, OnnxNode>();
  // A local function's call node stands for a whole module: the walk does not look inside it.
  const calls = new Set(original.functions.map((f) => `${f.domain}:${f.name}`));
  for (const n of original.graph.nodes) for (const t of n.outputs) if (t !== "" && !calls.has(`${n.domain}:${n.opType}`)) producer.set(t, n);
  const stops = new Set<string>([...original.graph.initializers.map((t) => t.name), ...original.graph.inputs.map((v) => v.name)]);
  const truth: VariantTruth = new Map();
  const LIMIT = 64;
  for (const node of rewritten.graph.nodes) {
    if (node.name === "") continue;
    const boundary = new Set(node.inputs);
    const absorbed = new Set<OnnxNode>();
    const stack: string[] = node.outputs.filter((t) => producer.has(t));
    if (stack.length === 0) continue;
    while (stack.length > 0 && absorbed.size < LIMIT) {
      const t = stack.pop()!;
      const p = producer.get(t);
      if (!p || absorbed.has(p)) continue;
      absorbed.add(p);
      for (const i of p.inputs) if (i !== "" && !boundary.has(i) && !stops.has(i)) stack.push(i);
    }
    const modules = new Set<string>();
    for (const p of absorbed) {
      const m = scopes.get(p.name);
      if (m !== undefined) modules.add(m);
    }
    if (modules.size > 0) truth.set(node.name, [...modules].sort());
  }
  return truth;
}

/** The same graph with its node list permuted (a valid file: ONNX does not require sorted lists for ORT). */
export function shuffleNodes(model: OnnxModel, scopes: Map<string, string>, seed: number): RewrittenVariant {
  const m = cloneModel(model);
  const random = seededRandom(seed);
  const nodes = m.graph.nodes;
  for (let i = nodes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [nodes[i], nodes[j]] = [nodes[j]!, nodes[i]!];
  }
  return { model: m, truth: identityTruth(model, scopes), inserted: new Map() };
}

const FLOAT = 1;
const FLOAT16 = 10;
/** Ops an fp16 converter keeps in fp32 by default (numerically sensitive): casts go around them. */
const KEEP_FP32 = new Set(["Softmax", "ReduceMean", "Pow", "Sqrt", "Erf", "Range", "CumSum", "TopK", "Resize"]);

function cast(name: string, input: string, output: string, to: number): OnnxNode {
  return {
    name,
    opType: "Cast",
    domain: "",
    overload: "",
    inputs: [input],
    outputs: [output],
    attributes: [{ name: "to", type: 2, i: to }],
    docString: "",
    metadataProps: [],
  };
}

/**
 * An fp16 converter's graph: float graph inputs and outputs stay fp32 behind `graph_input_cast_N`
 * / `graph_output_cast_N`, and ops kept in fp32 get a Cast on each input and output, named after
 * the node (`<node>_input_cast_<k>`, `<node>_output_cast_<k>`).
 */
export function fp16Style(model: OnnxModel, scopes: Map<string, string>): RewrittenVariant {
  const m = cloneModel(model);
  const owner = tensorModules(model, scopes);
  const ownerOf = (t: string) => owner.get(t) ?? paramOwner(t) ?? "";
  const inserted = new Map<string, string>();
  const nodes: OnnxNode[] = [];
  const renameInput = new Map<string, string>();
  m.graph.inputs.forEach((v, k) => {
    if (v.elemType !== FLOAT) return;
    const name = `graph_input_cast_${k}`;
    nodes.push(cast(name, v.name, `graph_input_cast${k}`, FLOAT16));
    renameInput.set(v.name, `graph_input_cast${k}`);
    inserted.set(name, "");
  });
  const outputRename = new Map<string, string>();
  m.graph.outputs.forEach((v, k) => {
    if (v.elemType !== FLOAT) return;
    outputRename.set(v.name, `graph_output_cast${k}`);
  });
  for (const n of m.graph.nodes) {
    n.inputs = n.inputs.map((i) => renameInput.get(i) ?? i);
    if (KEEP_FP32.has(n.opType) && n.name !== "") {
      n.inputs = n.inputs.map((i, k) => {
        if (i === "" || m.graph.initializers.some((t) => t.name === i)) return i;
        const name = `${n.name}_input_cast_${k}`;
        nodes.push(cast(name, i, `${n.name}_input_cast${k}`, FLOAT));
        // Named after the node it serves, scope included: the name is the converter's record.
        inserted.set(name, scopes.get(n.name) ?? ownerOf(i));
        return `${n.name}_input_cast${k}`;
      });
      nodes.push(n);
      const outs = n.outputs.map((o, k) => {
        const raw = `${n.name}_output_cast${k}_fp32`;
        const name = `${n.name}_output_cast_${k}`;
        nodes.push(cast(name, raw, o, FLOAT16));
        inserted.set(name, scopes.get(n.name) ?? "");
        return raw;
      });
      n.outputs = outs;
      continue;
    }
    nodes.push(n);
  }
  // Graph outputs: the last producer writes an fp16 tensor, the output cast restores fp32.
  const produced = new Map<string, OnnxNode>();
  for (const n of nodes) for (const o of n.outputs) produced.set(o, n);
  m.graph.outputs.forEach((v, k) => {
    const renamed = outputRename.get(v.name);
    if (renamed === undefined) return;
    const p = produced.get(v.name);
    if (!p) return;
    p.outputs = p.outputs.map((o) => (o === v.name ? renamed : o));
    for (const n of nodes) n.inputs = n.inputs.map((i) => (i === v.name ? renamed : i));
    const name = `graph_output_cast_${k}`;
    nodes.push(cast(name, renamed, v.name, FLOAT));
    inserted.set(name, ownerOf(v.name));
  });
  m.graph.nodes = nodes;
  m.graph.initializers = m.graph.initializers.map((t) => (t.dataType === FLOAT ? { ...t, dataType: FLOAT16 } : t));
  return { model: m, truth: identityTruth(model, scopes), inserted };
}

/** The module a parameter-named tensor belongs to (`encoder.layer.0.attention.self.query.weight`). */
function paramOwner(tensor: string): string | undefined {
  if (tensor.includes("/") || tensor.includes("::")) return undefined;
  const a = atoms(tensor);
  return a.length >= 2 ? a.slice(0, -1).join(".") : undefined;
}

const QUANTIZED_OPS = new Set(["MatMul", "Gemm", "Conv"]);

function initializer(name: string, dataType: number, dims: number[]): TensorInfo {
  return { name, dataType, dims, payload: { kind: "empty" } };
}

/**
 * A static quantizer's graph (QDQ format): each float input of MatMul, Gemm and Conv goes through
 * `<tensor>_QuantizeLinear` → `<tensor>_DequantizeLinear` (activations) or
 * `<tensor>_DequantizeLinear` from a `<tensor>_quantized` initializer (weights), with
 * `<tensor>_scale` and `<tensor>_zero_point`. A tensor read by several such ops is quantized once.
 */
export function quantizedStyle(model: OnnxModel, scopes: Map<string, string>): RewrittenVariant {
  const m = cloneModel(model);
  const owner = tensorModules(model, scopes);
  const inits = new Map(m.graph.initializers.map((t) => [t.name, t]));
  const graphInputs = new Set(m.graph.inputs.map((v) => v.name));
  const inserted = new Map<string, string>();
  const done = new Map<string, string>();
  const nodes: OnnxNode[] = [];
  const node = (name: string, opType: string, inputs: string[], outputs: string[]): OnnxNode => ({ name, opType, domain: "", overload: "", inputs, outputs, attributes: [], docString: "", metadataProps: [] });
  for (const n of m.graph.nodes) {
    if (QUANTIZED_OPS.has(n.opType)) {
      n.inputs = n.inputs.map((t, k) => {
        if (t === "" || (n.opType === "Gemm" && k === 2) || (n.opType === "Conv" && k === 2)) return t;
        const hit = done.get(t);
        if (hit !== undefined) return hit;
        const w = inits.get(t);
        const valueOwner = owner.get(t) ?? (w ? paramOwner(t) : undefined) ?? (graphInputs.has(t) ? "" : undefined);
        m.graph.initializers.push(initializer(`${t}_scale`, FLOAT, []), initializer(`${t}_zero_point`, 3, []));
        if (w) {
          m.graph.initializers.push(initializer(`${t}_quantized`, 3, w.dims));
          const dq = node(`${t}_DequantizeLinear`, "DequantizeLinear", [`${t}_quantized`, `${t}_scale`, `${t}_zero_point`], [`${t}_dequantized`]);
          nodes.push(dq);
          if (valueOwner !== undefined) inserted.set(dq.name, valueOwner);
        } else {
          const q = node(`${t}_QuantizeLinear`, "QuantizeLinear", [t, `${t}_scale`, `${t}_zero_point`], [`${t}_quantized`]);
          const dq = node(`${t}_DequantizeLinear`, "DequantizeLinear", [`${t}_quantized`, `${t}_scale`, `${t}_zero_point`], [`${t}_dequantized`]);
          nodes.push(q, dq);
          if (valueOwner !== undefined) {
            inserted.set(q.name, valueOwner);
            inserted.set(dq.name, valueOwner);
          }
        }
        done.set(t, `${t}_dequantized`);
        return `${t}_dequantized`;
      });
    }
    nodes.push(n);
  }
  m.graph.nodes = nodes;
  return { model: m, truth: identityTruth(model, scopes), inserted };
}
