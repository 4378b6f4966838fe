/**
 * Sizes for a model's free input dimensions from the model's own hints, before any default:
 *
 * - dimension names: axes sharing a symbolic name share a size, wherever the name appears
 *   (inputs, outputs, value_info); a name that says batch (`batch`, `batch_size`, `N`) gets 1;
 * - value_info and graph outputs: a size recorded there for a tensor whose dimension comes from
 *   an input's free axis fixes that axis;
 * - shape inference: shapes are carried through the common operators (elementwise and
 *   broadcasting, Gather, MatMul, Gemm, Transpose, Reshape, Unsqueeze, Squeeze, Concat, Expand,
 *   normalisations, casts), and a free axis that must broadcast against, or multiply with, a
 *   fixed size takes that size (a position table of 16 rows makes the sequence 16).
 *
 * Each size comes with the reason, for the message that lists the shapes tried. Pure.
 */
import type { AttributeMsg, DimMsg, GraphMsg, Int64, ModelMsg, NodeMsg, TensorMsg, TypeMsg } from "../../load/encode.js";

/** A dimension during inference: a size, a variable (an input's free axis or a symbolic name), or unknown. */
type Term = number | { v: string } | null;
type Shape = Term[] | null;

export interface DimHint {
  size: number;
  /** Why, in words: "broadcast against 'pos_table' [1, 16, 32] at node 'Add_3'". */
  why: string;
}

/** Per graph input, per axis: the hinted size of a free axis, or null (no hint; fixed axes are null too). */
export type ShapeHints = Map<string, (DimHint | null)[]>;

const BATCH_NAME = /^(batch|batch_size|batchsize|bs|n|num_batches)$/i;

const SAME_SHAPE = new Set([
  "Identity", "Cast", "CastLike", "Relu", "LeakyRelu", "Elu", "Selu", "Celu", "Gelu", "FastGelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Erf", "Exp", "Log",
  "Sqrt", "Reciprocal", "Neg", "Abs", "Sign", "Floor", "Ceil", "Round", "Not", "IsNaN", "IsInf", "Softmax", "LogSoftmax", "Softplus", "Softsign", "Mish", "Clip",
  "Dropout", "LayerNormalization", "SimplifiedLayerNormalization", "SkipLayerNormalization", "BatchNormalization", "InstanceNormalization", "GroupNormalization",
  "Sin", "Cos", "QuickGelu", "BiasGelu", "ThresholdedRelu", "Shrink", "CumSum", "Trilu",
]);
const BROADCAST = new Set(["Add", "Sub", "Mul", "Div", "Pow", "Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual", "And", "Or", "Xor", "Max", "Min", "Mod", "Where", "PRelu", "Sum", "Mean", "BitShift"]);

function num(v: Int64 | undefined | null): number {
  return v === undefined || v === null ? 0 : typeof v === "number" ? v : v.toNumber();
}

function attr(node: NodeMsg, name: string): AttributeMsg | undefined {
  return node.attribute?.find((a) => a.name === name);
}

function attrInt(node: NodeMsg, name: string, fallback: number): number {
  const a = attr(node, name);
  return a && a.i !== undefined && a.i !== null ? num(a.i) : fallback;
}

function attrInts(node: NodeMsg, name: string): number[] | null {
  const a = attr(node, name);
  return a?.ints?.length ? a.ints.map(num) : null;
}

/** The integer values of a constant tensor (int64 or int32), or null. */
function intValues(t: TensorMsg): number[] | null {
  const type = t.dataType ?? 0;
  if (type !== 7 && type !== 6) return null;
  if (t.rawData && t.rawData.length > 0) {
    const copy = new Uint8Array(t.rawData);
    return type === 7 ? Array.from(new BigInt64Array(copy.buffer, 0, copy.length >> 3), (v) => Number(v)) : Array.from(new Int32Array(copy.buffer, 0, copy.length >> 2));
  }
  if (type === 7 && t.int64Data) return t.int64Data.map(num);
  if (type === 6 && t.int32Data) return [...t.int32Data];
  return null;
}

class Solver {
  private parent = new Map<string, string>();
  private value = new Map<string, DimHint>();

  find(v: string): string {
    let r = v;
    while (this.parent.has(r) && this.parent.get(r) !== r) r = this.parent.get(r)!;
    this.parent.set(v, r);
    return r;
  }

  equal(a: Term, b: Term, why: () => string): void {
    if (a === null || b === null) return;
    if (typeof a === "number" && typeof b === "number") return;
    if (typeof a === "number") return this.equal(b, a, why);
    const ra = this.find(a.v);
    if (typeof b === "number") {
      if (b > 1 && !this.value.has(ra)) this.value.set(ra, { size: b, why: why() });
      return;
    }
    const rb = this.find(b.v);
    if (ra === rb) return;
    this.parent.set(rb, ra);
    const vb = this.value.get(rb);
    if (vb && !this.value.has(ra)) this.value.set(ra, vb);
  }

  assign(v: string, hint: DimHint): void {
    const r = this.find(v);
    if (!this.value.has(r)) this.value.set(r, hint);
  }

  hint(v: string): DimHint | null {
    return this.value.get(this.find(v)) ?? null;
  }
}

function fmt(shape: Shape): string {
  return shape === null ? "[?]" : `[${shape.map((d) => (d === null ? "?" : typeof d === "number" ? String(d) : d.v.startsWith("name:") ? d.v.slice(5) : "?")).join(", ")}]`;
}

function recordedShape(type: TypeMsg | null | undefined): Shape {
  const dims = type?.tensorType?.shape?.dim;
  if (!type?.tensorType?.shape || !dims) return null;
  return dims.map((d: DimMsg) => (d.dimValue !== undefined && d.dimValue !== null && num(d.dimValue) > 0 ? num(d.dimValue) : d.dimParam ? { v: `name:${d.dimParam}` } : null));
}

function broadcast(shapes: Shape[], solver: Solver, why: (i: number) => string): Shape {
  if (shapes.some((s) => s === null)) return null;
  const ss = shapes as Term[][];
  const rank = Math.max(...ss.map((s) => s.length));
  const out: Term[] = [];
  for (let k = 1; k <= rank; k++) {
    const col = ss.map((s) => (s.length >= k ? s[s.length - k]! : 1));
    const fixed = col.find((d) => typeof d === "number" && d !== 1) as number | undefined;
    const vars = col.filter((d): d is { v: string } => d !== null && typeof d !== "number");
    if (fixed !== undefined) for (const v of vars) solver.equal(v, fixed, () => why(col.indexOf(fixed)));
    for (let i = 1; i < vars.length; i++) solver.equal(vars[0]!, vars[i]!, () => "");
    out.unshift(fixed ?? vars[0] ?? (col.every((d) => d === 1) ? 1 : null));
  }
  return out;
}

/** Hints for the free axes of every graph input (see the file comment). */
export function shapeHints(model: ModelMsg): ShapeHints {
  const g: GraphMsg = model.graph;
  const solver = new Solver();
  const shapes = new Map<string, Shape>();
  const constants = new Map<string, TensorMsg>();
  const initializers = new Set<string>();
  for (const t of g.initializer ?? []) {
    if (!t.name) continue;
    initializers.add(t.name);
    constants.set(t.name, t);
    shapes.set(t.name, (t.dims ?? []).map(num));
  }
  const recorded = new Map<string, Shape>();
  for (const vi of [...(g.valueInfo ?? []), ...g.output]) recorded.set(vi.name, recordedShape(vi.type));

  // Graph inputs: a variable for each free axis (shared by name), batch names bound to 1.
  const inputVars = new Map<string, (string | null)[]>();
  for (const input of g.input) {
    if (initializers.has(input.name)) continue;
    const dims = input.type?.tensorType?.shape?.dim ?? [];
    const vars: (string | null)[] = [];
    const shape: Term[] = dims.map((d, axis) => {
      if (d.dimValue !== undefined && d.dimValue !== null && num(d.dimValue) > 0) {
        vars.push(null);
        return num(d.dimValue);
      }
      const v = d.dimParam ? `name:${d.dimParam}` : `axis:${input.name}#${axis}`;
      vars.push(v);
      if (d.dimParam && BATCH_NAME.test(d.dimParam)) solver.assign(v, { size: 1, why: `the dimension is named '${d.dimParam}'` });
      return { v };
    });
    inputVars.set(input.name, vars);
    shapes.set(input.name, input.type?.tensorType?.shape ? shape : null);
  }

  const shapeOf = (name: string | undefined): Shape => (name ? (shapes.get(name) ?? null) : null);
  const constInts = (name: string | undefined): number[] | null => {
    const t = name ? constants.get(name) : undefined;
    return t ? intValues(t) : null;
  };

  for (const node of g.node) {
    const label = node.name ? `node '${node.name}'` : `a ${node.opType} node`;
    const ins = node.input.map((i) => (i === "" ? null : shapeOf(i)));
    let out: Shape = null;
    const op = node.domain && node.domain !== "ai.onnx" && node.domain !== "com.microsoft" ? "" : node.opType;
    if (op === "Constant") {
      const t = attr(node, "value")?.t;
      if (t) {
        constants.set(node.output[0]!, t);
        out = (t.dims ?? []).map(num);
      }
    } else if (SAME_SHAPE.has(op)) {
      out = ins[0] ?? null;
    } else if (BROADCAST.has(op)) {
      out = broadcast(ins, solver, (i) => `broadcast against '${node.input[i]}' ${fmt(ins[i] ?? null)} at ${label}`);
    } else if (op === "Gather") {
      const [d, i] = ins;
      if (d && i) {
        const axis = (attrInt(node, "axis", 0) + d.length) % Math.max(1, d.length);
        out = [...d.slice(0, axis), ...i, ...d.slice(axis + 1)];
      }
    } else if (op === "MatMul" && ins[0] && ins[1]) {
      const [a, b] = ins as [Term[], Term[]];
      const why = () => `matrix product with '${node.input[1]}' ${fmt(b)} at ${label}`;
      const whyA = () => `matrix product with '${node.input[0]}' ${fmt(a)} at ${label}`;
      if (a.length >= 1 && b.length >= 2) {
        solver.equal(a[a.length - 1]!, b[b.length - 2]!, typeof b[b.length - 2] === "number" ? why : whyA);
        const batch = broadcast([a.slice(0, -2), b.slice(0, -2)], solver, () => `batch broadcast at ${label}`);
        out = batch && [...batch, ...(a.length >= 2 ? [a[a.length - 2]!] : []), b[b.length - 1]!];
      } else if (a.length >= 1 && b.length === 1) {
        solver.equal(a[a.length - 1]!, b[0]!, why);
        out = a.slice(0, -1);
      }
    } else if (op === "Gemm" && ins[0] && ins[1] && ins[0].length === 2 && ins[1].length === 2) {
      const a = attrInt(node, "transA", 0) ? [...ins[0]].reverse() : ins[0];
      const b = attrInt(node, "transB", 0) ? [...ins[1]].reverse() : ins[1];
      solver.equal(a[1]!, b[0]!, () => `matrix product with '${node.input[1]}' ${fmt(ins[1] ?? null)} at ${label}`);
      out = [a[0]!, b[1]!];
    } else if (op === "Transpose" && ins[0]) {
      const x = ins[0];
      const perm = attrInts(node, "perm") ?? x.map((_, i) => x.length - 1 - i);
      out = perm.map((p) => x[p] ?? null);
    } else if ((op === "Unsqueeze" || op === "Squeeze") && ins[0]) {
      const x = ins[0];
      const axes = attrInts(node, "axes") ?? constInts(node.input[1]);
      if (op === "Unsqueeze" && axes) {
        const rank = x.length + axes.length;
        const norm = new Set(axes.map((a) => (a + rank) % rank));
        const rest = [...x];
        out = Array.from({ length: rank }, (_, i) => (norm.has(i) ? 1 : (rest.shift() ?? null)));
      } else if (op === "Squeeze" && axes) {
        const norm = new Set(axes.map((a) => (a + x.length) % x.length));
        out = x.filter((_, i) => !norm.has(i));
      }
    } else if (op === "Reshape" && ins[0]) {
      const target = constInts(node.input[1]);
      if (target) out = target.map((t, i) => (t === 0 && !attrInt(node, "allowzero", 0) ? (ins[0]![i] ?? null) : t > 0 ? t : null));
    } else if (op === "Expand" && ins[0]) {
      const target = constInts(node.input[1]);
      if (target) out = broadcast([ins[0], target], solver, () => `expanded to [${target.join(", ")}] at ${label}`);
    } else if (op === "Concat" && ins.every((s) => s !== null) && ins.length > 0) {
      const ss = ins as Term[][];
      const rank = ss[0]!.length;
      if (ss.every((s) => s.length === rank)) {
        const axis = (attrInt(node, "axis", 0) + rank) % Math.max(1, rank);
        out = ss[0]!.map((d, k) => {
          if (k === axis) return ss.every((s) => typeof s[k] === "number") ? ss.reduce((a, s) => a + (s[k] as number), 0) : null;
          for (let j = 1; j < ss.length; j++) solver.equal(d, ss[j]![k]!, () => `concatenated with '${node.input[j]}' ${fmt(ss[j]!)} at ${label}`);
          return d;
        });
      }
    } else if (op === "Shape" && ins[0]) {
      out = [ins[0].length];
    }
    // What value_info (or a graph output) records for the output: a check on the inferred shape,
    // or the shape itself where inference stopped.
    const name = node.output[0];
    if (name === undefined) continue;
    const rec = recorded.get(name) ?? null;
    if (rec && out && rec.length === out.length) {
      rec.forEach((r, k) => solver.equal(out![k]!, r, () => `value_info of '${name}' records ${fmt(rec)}`));
    }
    shapes.set(name, out ?? rec);
  }

  const hints: ShapeHints = new Map();
  for (const [input, vars] of inputVars) hints.set(input, vars.map((v) => (v === null ? null : solver.hint(v))));
  return hints;
}
