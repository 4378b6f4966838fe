/**
 * Module extraction: cut one module out of a model as a standalone ONNX model.
 *
 * Which nodes make up a module comes from a membership map (main-graph node id → the node's
 * primary context, an instance path, or null when unattributed). `membershipFromScopes` derives
 * it from the exporter's own record (TorchScript node-name scopes, dynamo `name_scopes`); the
 * engine's resolved report gives it through `membershipFromReport`, a drop-in replacement.
 *
 * A module's nodes are the nodes whose primary context is the module or inside it. Each node has
 * exactly one primary context, so a node shared by several modules (a residual add, a mask
 * computed once and used by every layer) belongs to the extraction of its primary module only;
 * its auxiliary contexts see its output as a boundary input, like any other tensor flowing in.
 *
 * Values a module uses but does not compute:
 * - initializers (and sparse initializers) are copied in;
 * - `Constant` nodes, whoever owns them, are copied in, as are nodes computed from
 *   constants only (the `Identity` nodes torch adds for tied weights); they are not members and
 *   never count as module outputs;
 * - every other tensor becomes an input of the extracted model.
 * The outputs are the tensors its member nodes compute that a node outside consumes, or that
 * are graph outputs. Tensors keep their names, so captured values can be fed by name.
 *
 * A module is *extractable* when its node set is convex: no path leaves the module and comes
 * back into it. A non-convex cut still gives a model that runs on captured values, but it is not
 * a unit that can be executed, profiled or replaced on its own (it needs an outside node to run in
 * the middle of it): exactly what a contaminated membership produces.
 *
 * Pure: works on the message tree from `decodeModelMessage`.
 */
import {
  buildModelMessage,
  encodeModelMessage,
  int64,
  mainNodeIds,
  tensorTypeMsg,
  valueInfoMsg,
  withMetadata,
  type FunctionMsg,
  type GraphMsg,
  type ModelMsg,
  type NodeMsg,
  type SparseTensorMsg,
  type TensorMsg,
  type TypeMsg,
  type ValueInfoMsg,
} from "../load/encode.js";
import type { OnnxModel } from "../load/model.js";
import { bytesSource, decodeModel } from "../load/decode.js";
import { buildGraphIndex } from "../load/graph-index.js";
import { collectEvidence } from "../hierarchy/evidence.js";
import { comparePaths } from "../hierarchy/module-tree.js";
import { analyzeModel } from "../analyze.js";
import type { NodeResult } from "../report/types.js";
import { closest, didYouMean } from "../util/text.js";

/** Main-graph node id (as the graph index gives it) → primary instance path, null when unattributed. */
export type Membership = ReadonlyMap<string, string | null>;

// --- membership -------------------------------------------------------------------------------

type AnyModel = ModelMsg | OnnxModel;

function modelMeta(model: AnyModel, key: string): string | undefined {
  const list = model.metadataProps as readonly unknown[] | undefined;
  for (const e of list ?? []) {
    if (Array.isArray(e) && e[0] === key) return e[1] as string;
    if (e && typeof e === "object" && (e as { key?: string }).key === key) return (e as { value: string }).value;
  }
  return undefined;
}

export interface DeclaredModule {
  path: string;
  class: string;
  qualname?: string;
}

/** The model-level `modelexport.modules` tree, when the model carries one. */
export function declaredModules(model: AnyModel): DeclaredModule[] | undefined {
  const raw = modelMeta(model, "modelexport.modules");
  if (raw === undefined) return undefined;
  try {
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return undefined;
    return list.filter((m): m is DeclaredModule => !!m && typeof m.path === "string" && typeof m.class === "string");
  } catch {
    return undefined;
  }
}

function plainModel(model: AnyModel): OnnxModel {
  return "nodes" in model.graph ? (model as OnnxModel) : decodeModel(bytesSource(encodeModelMessage(model as ModelMsg)));
}

/**
 * Membership from the exporter's own record, as the engine's evidence readers see it: dynamo
 * `pkg.torch.onnx.name_scopes` where present, else the TorchScript node-name scope (Sequential
 * `.N` children and call suffixes such as ResNet's `relu_1` folded). Nodes with neither
 * (export-pass nodes like `Identity_0`, nameless nodes) are unattributed (null).
 */
export function membershipFromScopes(model: AnyModel): Map<string, string | null> {
  const index = buildGraphIndex(plainModel(model));
  const { evidence } = collectEvidence(index);
  const result = new Map<string, string | null>();
  for (const n of index.nodes) if (n.graph === "") result.set(n.id, evidence[n.index]!.exporter?.path ?? null);
  return result;
}

/** Membership from the engine: every node's resolved primary context (scopes, tags, neighbourhood, cases). */
export function membershipFromEngine(model: AnyModel, options: { confidenceThreshold?: number } = {}): Map<string, string | null> {
  const report = analyzeModel({ name: "", model: plainModel(model) }, options);
  return membershipFromReport(report.nodes.filter((n) => !n.id.includes(">")));
}

/** Membership from the engine's resolved report: each node's primary context. */
export function membershipFromReport(nodes: readonly Pick<NodeResult, "id" | "primary">[]): Map<string, string | null> {
  return new Map(nodes.map((n) => [n.id, n.primary]));
}

export function isInside(context: string | null | undefined, module: string): boolean {
  if (context === null || context === undefined) return false;
  return module === "" || context === module || context.startsWith(module + ".");
}

// --- modules ----------------------------------------------------------------------------------

/**
 * Every module a membership names, with its dotted ancestors (containers such as `encoder.layer`
 * included: their cut is the union of their children), in order of first appearance in the graph.
 * The root "" is left out.
 */
export function modulesOf(membership: Membership): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const ctx of membership.values()) {
    if (!ctx) continue;
    const parts = ctx.split(".");
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join(".");
      if (!seen.has(p)) {
        seen.add(p);
        out.push(p);
      }
    }
  }
  return out.sort(comparePaths);
}

export type ModuleSelection =
  /** Modules whose instance path ends in a numeric index: `encoder.layer.3`, `h.1`, `layer2.0`. */
  | { kind: "repeated" }
  /** Modules whose instance path has exactly this many dot-separated parts (`encoder.layer.3` has 3). */
  | { kind: "depth"; depth: number }
  | { kind: "paths"; paths: string[] }
  | { kind: "all" };

export function isRepeated(path: string): boolean {
  return /(^|\.)\d+$/.test(path);
}

export function selectModules(modules: readonly string[], selection: ModuleSelection): string[] {
  switch (selection.kind) {
    case "repeated":
      return modules.filter(isRepeated);
    case "depth":
      return modules.filter((m) => m.split(".").length === selection.depth);
    case "paths":
      return [...selection.paths];
    case "all":
      return [...modules];
  }
}

export function describeSelection(selection: ModuleSelection): string {
  switch (selection.kind) {
    case "repeated":
      return "repeated layers (instance path ends in an index)";
    case "depth":
      return `modules at depth ${selection.depth}`;
    case "paths":
      return `${selection.paths.length} named module(s)`;
    case "all":
      return "all modules";
  }
}

const CONTAINERS = new Set(["ModuleList", "ModuleDict", "ParameterList", "ParameterDict"]);

/**
 * Class path (hierarchy tag) → instance path, from the model's `modelexport.modules` tree:
 * `/BertModel/BertEncoder/BertLayer.0` → `encoder.layer.0`. Containers that never run forward
 * (ModuleList, ModuleDict) have no segment.
 */
export function classPathIndex(declared: readonly DeclaredModule[]): Map<string, string> {
  const byPath = new Map(declared.map((m) => [m.path, m]));
  const out = new Map<string, string>();
  for (const m of declared) {
    if (CONTAINERS.has(m.class)) continue;
    const segs: string[] = [];
    const root = byPath.get("");
    if (root) segs.push(root.class);
    if (m.path !== "") {
      const parts = m.path.split(".");
      for (let i = 1; i <= parts.length; i++) {
        const anc = byPath.get(parts.slice(0, i).join("."));
        if (!anc || CONTAINERS.has(anc.class)) continue;
        const last = parts[i - 1]!;
        segs.push(/^\d+$/.test(last) ? `${anc.class}.${last}` : anc.class);
      }
    }
    const tag = "/" + segs.join("/");
    if (!out.has(tag)) out.set(tag, m.path);
  }
  return out;
}

/**
 * The instance path a `--module` argument names: an instance path the membership knows, or a
 * class path when the model gives module classes. Throws an Error with a readable reason.
 */
export function resolveModuleArg(arg: string, model: AnyModel, membership: Membership): string {
  const modules = modulesOf(membership);
  if (arg.startsWith("/")) {
    const declared = declaredModules(model);
    if (!declared) {
      throw new Error(`'${arg}' is a class path, but the model has no modelexport.modules metadata giving module classes; name the module by its instance path (for example ${modules.find(isRepeated) ?? modules[0] ?? "encoder.layer.0"})`);
    }
    const index = classPathIndex(declared);
    const path = index.get(arg);
    if (path === undefined) throw new Error(`no module has the class path '${arg}'${didYouMean(arg, index.keys())}`);
    return path;
  }
  if (arg === "" || modules.includes(arg)) return arg;
  // A path missing its leading parts (layer.0 for encoder.layer.0) first, then the nearest by edit distance.
  const near = [...new Set([...modules.filter((m) => m.endsWith("." + arg)).slice(0, 3), ...closest(arg, modules)])].slice(0, 3);
  const hint = near.length ? `; did you mean ${near.map((m) => `'${m}'`).join(", ")}?` : "";
  throw new Error(`no node belongs to module '${arg}'${hint}`);
}

// --- graph facts ------------------------------------------------------------------------------

const NONDETERMINISTIC = new Set(["RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli"]);

/** Facts about the main graph that every extraction of the model shares. Build once per model. */
export interface GraphFacts {
  model: ModelMsg;
  membership: Membership;
  nodes: NodeMsg[];
  ids: string[];
  /** Tensor → producing node position. */
  producer: Map<string, number>;
  /** Per node: the tensors it reads, explicit inputs and those its subgraphs read from outside. */
  uses: string[][];
  /** Tensor → positions of the nodes that read it. */
  readers: Map<string, number[]>;
  /** Per node position: its rank in a topological order. */
  rank: number[];
  initializers: Map<string, TensorMsg>;
  sparseInitializers: Map<string, SparseTensorMsg>;
  graphInputs: Set<string>;
  graphOutputs: Set<string>;
  /** Nodes whose outputs are constants any extraction may copy in (see the file comment). */
  copyable: boolean[];
  /** Types known from the graph's inputs, outputs and value_info. */
  types: Map<string, TypeMsg>;
}

function isDefaultDomain(d: string | undefined): boolean {
  return !d || d === "ai.onnx";
}

/** Tensors a graph reads from its enclosing scopes. */
export function freeVariables(g: GraphMsg): Set<string> {
  const defined = new Set<string>();
  for (const v of g.input ?? []) defined.add(v.name);
  for (const t of g.initializer ?? []) defined.add(t.name ?? "");
  for (const s of g.sparseInitializer ?? []) defined.add(s.values?.name ?? "");
  for (const n of g.node ?? []) for (const o of n.output ?? []) defined.add(o);
  const free = new Set<string>();
  for (const n of g.node ?? []) {
    for (const i of n.input ?? []) if (i !== "" && !defined.has(i)) free.add(i);
    for (const sub of subgraphs(n)) for (const v of freeVariables(sub)) if (!defined.has(v)) free.add(v);
  }
  return free;
}

function subgraphs(n: NodeMsg): GraphMsg[] {
  const out: GraphMsg[] = [];
  for (const a of n.attribute ?? []) {
    if (a.g) out.push(a.g);
    for (const g of a.graphs ?? []) out.push(g);
  }
  return out;
}

function hasType(t: TypeMsg | null | undefined): t is TypeMsg {
  if (!t) return false;
  if (t.tensorType) return (t.tensorType.elemType ?? 0) !== 0;
  if (t.sparseTensorType) return (t.sparseTensorType.elemType ?? 0) !== 0;
  return !!(t.sequenceType || t.mapType || t.optionalType);
}

export function analyzeGraph(model: ModelMsg, membership: Membership): GraphFacts {
  const g = model.graph;
  const nodes = g.node ?? [];
  const ids = mainNodeIds(nodes.map((n) => ({ name: n.name ?? "", firstOutput: n.output?.[0] ?? "" })));
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => {
    for (const o of n.output ?? []) if (o !== "") producer.set(o, i);
  });
  const uses = nodes.map((n) => {
    const set = new Set<string>();
    for (const i of n.input ?? []) if (i !== "") set.add(i);
    for (const sub of subgraphs(n)) for (const v of freeVariables(sub)) set.add(v);
    return [...set];
  });
  const readers = new Map<string, number[]>();
  uses.forEach((list, i) => {
    for (const t of list) {
      const r = readers.get(t);
      if (r) r.push(i);
      else readers.set(t, [i]);
    }
  });
  const initializers = new Map<string, TensorMsg>();
  for (const t of g.initializer ?? []) initializers.set(t.name ?? "", t);
  const sparseInitializers = new Map<string, SparseTensorMsg>();
  for (const s of g.sparseInitializer ?? []) sparseInitializers.set(s.values?.name ?? "", s);

  const order = topologicalOrder(
    nodes.map((_, i) => i),
    (i) => uses[i]!.map((t) => producer.get(t)).filter((p): p is number => p !== undefined && p !== i),
  );
  const rank: number[] = new Array(nodes.length).fill(0);
  order.forEach((p, r) => (rank[p] = r));

  const copyable: boolean[] = new Array(nodes.length).fill(false);
  const isConst = (t: string) => initializers.has(t) || sparseInitializers.has(t) || (producer.has(t) && copyable[producer.get(t)!]!);
  for (const i of order) {
    const n = nodes[i]!;
    if (NONDETERMINISTIC.has(n.opType) && isDefaultDomain(n.domain)) continue;
    if (n.opType === "Constant" && isDefaultDomain(n.domain) && (n.input ?? []).every((x) => x === "")) copyable[i] = true;
    // Computed from constants only (torch's Identity aliases of tied weights): a constant too,
    // whichever module the engine gave it to.
    else if (uses[i]!.length > 0 && uses[i]!.every(isConst)) copyable[i] = true;
  }

  const types = new Map<string, TypeMsg>();
  for (const v of [...(g.valueInfo ?? []), ...g.input, ...g.output]) if (hasType(v.type)) types.set(v.name, v.type);

  return {
    model,
    membership,
    nodes,
    ids,
    producer,
    uses,
    readers,
    rank,
    initializers,
    sparseInitializers,
    graphInputs: new Set(g.input.map((v) => v.name)),
    graphOutputs: new Set(g.output.map((v) => v.name)),
    copyable,
    types,
  };
}

/** Kahn's algorithm, ties broken by the given order; nodes on a cycle follow in their given order. */
function topologicalOrder(items: readonly number[], deps: (i: number) => number[]): number[] {
  const inSet = new Set(items);
  const pos = new Map(items.map((x, k) => [x, k]));
  const indeg = new Map<number, number>();
  const next = new Map<number, number[]>();
  for (const i of items) {
    const ds = [...new Set(deps(i).filter((d) => inSet.has(d)))];
    indeg.set(i, ds.length);
    for (const d of ds) {
      const l = next.get(d);
      if (l) l.push(i);
      else next.set(d, [i]);
    }
  }
  const heap = new MinHeap((a: number, b: number) => pos.get(a)! - pos.get(b)!);
  for (const i of items) if (indeg.get(i) === 0) heap.push(i);
  const out: number[] = [];
  while (heap.size > 0) {
    const i = heap.pop()!;
    out.push(i);
    for (const j of next.get(i) ?? []) {
      const d = indeg.get(j)! - 1;
      indeg.set(j, d);
      if (d === 0) heap.push(j);
    }
  }
  if (out.length < items.length) {
    const done = new Set(out);
    for (const i of items) if (!done.has(i)) out.push(i);
  }
  return out;
}

class MinHeap<T> {
  private a: T[] = [];
  constructor(private readonly cmp: (x: T, y: T) => number) {}
  get size(): number {
    return this.a.length;
  }
  push(x: T): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.cmp(a[i]!, a[p]!) >= 0) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.a;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.cmp(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.cmp(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

// --- planning ---------------------------------------------------------------------------------

/** A path that leaves a module and comes back into it: why it is not extractable. */
export interface Reentry {
  /** The member node whose output leaves the module. */
  from: string;
  /** The outside nodes on the path, in order. */
  via: string[];
  /** The member node the path comes back into. */
  to: string;
}

/** `'a' → 'x' → 'y' → 'b'`, long outside stretches shortened. */
export function formatReentry(r: Reentry): string {
  const via = r.via.length > 3 ? [r.via[0]!, `… ${r.via.length - 2} more …`, r.via[r.via.length - 1]!] : r.via;
  return [`'${r.from}'`, ...via.map((v) => (v.startsWith("…") ? v : `'${v}'`)), `'${r.to}'`].join(" → ");
}

export interface ExtractionPlan {
  module: string;
  /** Positions of the member nodes in the main graph. */
  members: number[];
  /** Positions of the constant nodes copied in. */
  copied: number[];
  /** Tensors flowing in, in order of first use. */
  inputs: string[];
  /** Tensors flowing out, in order of production. */
  outputs: string[];
  initializers: string[];
  sparseInitializers: string[];
  /** Null when convex (extractable); else a witness path. */
  reentry: Reentry | null;
  /** Why no model can be built at all (no member nodes, no outputs). */
  problem?: string;
}

/** Work out a module's cut: nodes, boundary tensors, copied constants, convexity. */
export function planExtraction(facts: GraphFacts, module: string): ExtractionPlan {
  const { nodes, ids, membership } = facts;
  const members: number[] = [];
  nodes.forEach((_, i) => {
    if (isInside(membership.get(ids[i]!), module)) members.push(i);
  });
  const plan: ExtractionPlan = { module, members, copied: [], inputs: [], outputs: [], initializers: [], sparseInitializers: [], reentry: null };
  if (members.length === 0) {
    plan.problem = `no node belongs to module '${module}'`;
    return plan;
  }
  const memberSet = new Set(members);
  const copiedSet = new Set<number>();
  const inputSet = new Set<string>();
  const inits = new Set<string>();
  const sparse = new Set<string>();
  const visitUses = (i: number) => {
    for (const t of facts.uses[i]!) {
      const p = facts.producer.get(t);
      if (p !== undefined && memberSet.has(p)) continue;
      if (facts.initializers.has(t)) inits.add(t);
      else if (facts.sparseInitializers.has(t)) sparse.add(t);
      else if (p !== undefined && facts.copyable[p]) {
        if (!copiedSet.has(p)) {
          copiedSet.add(p);
          visitUses(p);
        }
      } else inputSet.add(t);
    }
  };
  const ordered = [...members].sort((a, b) => facts.rank[a]! - facts.rank[b]!);
  for (const i of ordered) visitUses(i);
  plan.inputs = [...inputSet];
  plan.initializers = [...inits];
  plan.sparseInitializers = [...sparse];
  plan.copied = [...copiedSet].sort((a, b) => facts.rank[a]! - facts.rank[b]!);

  const inside = (j: number) => memberSet.has(j) || copiedSet.has(j);
  for (const i of ordered) {
    if (facts.copyable[i]) continue;
    for (const t of nodes[i]!.output ?? []) {
      if (t === "") continue;
      if (facts.graphOutputs.has(t) || (facts.readers.get(t) ?? []).some((j) => !inside(j))) plan.outputs.push(t);
    }
  }
  for (const i of ordered) {
    if (!facts.copyable[i] || !(nodes[i]!.output ?? []).some((t) => facts.graphOutputs.has(t))) continue;
    for (const t of nodes[i]!.output ?? []) if (facts.graphOutputs.has(t)) plan.outputs.push(t);
  }
  if (plan.outputs.length === 0) plan.problem = `module '${module}' computes nothing that is used outside it`;
  plan.reentry = findReentry(facts, ordered, memberSet);
  return plan;
}

/** A path member → outside → member, if any. Only nodes ranked before the last member can be on one. */
function findReentry(facts: GraphFacts, ordered: number[], memberSet: Set<number>): Reentry | null {
  const maxRank = facts.rank[ordered[ordered.length - 1]!]!;
  // outside node → the node it was reached from (a member for the first outside step).
  const from = new Map<number, number>();
  const queue: number[] = [];
  const reach = (j: number, prev: number) => {
    if (memberSet.has(j) || from.has(j) || facts.rank[j]! > maxRank) return;
    from.set(j, prev);
    queue.push(j);
  };
  for (const i of ordered) {
    if (facts.copyable[i]) continue;
    for (const t of facts.nodes[i]!.output ?? []) for (const j of facts.readers.get(t) ?? []) reach(j, i);
  }
  for (let q = 0; q < queue.length; q++) {
    const x = queue[q]!;
    for (const t of facts.nodes[x]!.output ?? []) {
      for (const j of facts.readers.get(t) ?? []) {
        if (memberSet.has(j)) {
          const via: number[] = [];
          let k = x;
          while (!memberSet.has(k)) {
            via.unshift(k);
            k = from.get(k)!;
          }
          return { from: facts.ids[k]!, via: via.map((v) => facts.ids[v]!), to: facts.ids[j]! };
        }
        reach(j, x);
      }
    }
  }
  return null;
}

/** Boundary tensors of the plans whose type the graph does not record. */
export function untypedBoundary(facts: GraphFacts, plans: readonly ExtractionPlan[]): string[] {
  const out = new Set<string>();
  for (const p of plans) for (const t of [...p.inputs, ...p.outputs]) if (!facts.types.has(t)) out.add(t);
  return [...out];
}

// --- building ---------------------------------------------------------------------------------

export interface BuiltModule {
  model?: ModelMsg;
  /** Boundary tensors without a known type: the model cannot be built until they are given. */
  missingTypes: string[];
}

export const EXTRACTED_MODULE_KEY = "modelexport.extracted.module";

/**
 * Build the standalone model of a plan. `types` adds types for boundary tensors the graph does
 * not record (for example measured by running the whole model); the graph's own value_info wins.
 */
export function buildExtractedModel(facts: GraphFacts, plan: ExtractionPlan, types: ReadonlyMap<string, TypeMsg> = new Map()): BuiltModule {
  if (plan.problem) return { missingTypes: [] };
  const typeOf = (t: string) => facts.types.get(t) ?? types.get(t);
  const missingTypes = [...plan.inputs, ...plan.outputs].filter((t) => !typeOf(t));
  if (missingTypes.length > 0) return { missingTypes };
  const src = facts.model;
  const all = [...plan.members, ...plan.copied];
  const order = topologicalOrder(
    [...all].sort((a, b) => a - b),
    (i) => facts.uses[i]!.map((t) => facts.producer.get(t)).filter((p): p is number => p !== undefined && p !== i),
  );
  const nodeMsgs = order.map((i) => facts.nodes[i]!);
  const produced = new Set(nodeMsgs.flatMap((n) => n.output ?? []));
  const outputSet = new Set(plan.outputs);
  const inputs: ValueInfoMsg[] = plan.inputs.map((t) => valueInfoMsg(t, typeOf(t)));
  const initializers = plan.initializers.map((t) => facts.initializers.get(t)!);
  if (int64(src.irVersion) < 4) {
    // Before IR version 4 every initializer must also be a graph input.
    for (const t of initializers) inputs.push(valueInfoMsg(t.name ?? "", tensorTypeMsg(t.dataType ?? 0, (t.dims ?? []).map(int64))));
  }
  const graph: GraphMsg = {
    name: plan.module === "" ? src.graph.name || "module" : plan.module,
    node: nodeMsgs,
    input: inputs,
    output: plan.outputs.map((t) => valueInfoMsg(t, typeOf(t))),
    initializer: initializers,
    sparseInitializer: plan.sparseInitializers.map((t) => facts.sparseInitializers.get(t)!),
    valueInfo: (src.graph.valueInfo ?? []).filter((v) => produced.has(v.name) && !outputSet.has(v.name)),
  };
  const model = buildModelMessage({
    template: src,
    graph,
    functions: usedFunctions(src, nodeMsgs),
    metadata: withMetadata(src.metadataProps, { [EXTRACTED_MODULE_KEY]: plan.module }),
    docString: `module '${plan.module}' extracted by modelexport`,
  });
  return { model, missingTypes: [] };
}

/** Local functions the nodes call, directly or through other functions and subgraphs. */
function usedFunctions(model: ModelMsg, nodes: readonly NodeMsg[]): FunctionMsg[] | undefined {
  const fns = model.functions ?? [];
  if (fns.length === 0) return undefined;
  const byKey = new Map(fns.map((f) => [`${f.domain ?? ""}:${f.name}`, f]));
  const used = new Set<string>();
  const visit = (list: readonly NodeMsg[]) => {
    for (const n of list) {
      const key = `${n.domain ?? ""}:${n.opType}`;
      const fn = byKey.get(key);
      if (fn && !used.has(key)) {
        used.add(key);
        visit(fn.node);
      }
      for (const g of subgraphs(n)) visit(g.node ?? []);
    }
  };
  visit(nodes);
  return fns.filter((f) => used.has(`${f.domain ?? ""}:${f.name}`));
}

/** Plan and build in one step, for callers with all boundary types at hand. */
export function extractModule(
  model: ModelMsg,
  membership: Membership,
  module: string,
  types?: ReadonlyMap<string, TypeMsg>,
): { plan: ExtractionPlan; built: BuiltModule } {
  const facts = analyzeGraph(model, membership);
  const plan = planExtraction(facts, module);
  return { plan, built: buildExtractedModel(facts, plan, types) };
}
