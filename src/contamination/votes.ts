/**
 * Weighing candidate modules for a node whose own evidence is missing or contradictory.
 *
 * Five kinds of testimony, each explainable in one line:
 * - alignment: the node's counterpart in a sibling instance of its repeated layer (alignment.ts);
 * - parameters: an initializer input named after a module's parameter (`...query.bias`) names its owner;
 * - repeated structure: when the other instances of a repeated module (`encoder.layer.*.attention`)
 *   each have one more node of this op type than this instance has, the missing one is this node;
 * - execution order: TorchScript emits nodes in execution order, so a node between two nodes of
 *   the same module is inside it;
 * - dataflow: the modules of the nearest producers and consumers.
 */
import type { GraphIndex } from "../load/graph-index.js";
import type { ModuleTree } from "../hierarchy/module-tree.js";
import { atoms } from "../hierarchy/paths.js";
import type { LayerAlignment } from "./alignment.js";

export const WEIGHT = { parameter: 3, structure: 2, orderInside: 2, orderEdge: 0.5, dataflow: 1 } as const;

export interface Vote {
  context: string;
  weight: number;
  why: string;
}

/**
 * A path with its first index starred: `encoder.layer.*.attention`. Instances of a repeated
 * layer share it. Only the outermost index is starred because inner lists are often
 * heterogeneous (T5's `block.N.layer.0` is self-attention, `layer.1` the feed-forward).
 */
export function layerTemplate(path: string): string {
  const a = atoms(path);
  const i = a.findIndex((x) => /^\d+$/.test(x));
  if (i < 0) return path;
  a[i] = "*";
  return a.join(".");
}

function firstIndex(path: string): string | undefined {
  return atoms(path).find((x) => /^\d+$/.test(x));
}

/** Per repeated layer: op counts of each instance's modules, to spot what an instance is missing. */
export class StructureCounts {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly expected = new Map<string, Map<string, number>>();

  constructor(index: GraphIndex, known: (string | null)[], tree?: ModuleTree) {
    for (const n of index.nodes) {
      const c = known[n.index];
      if (c === null || c === undefined) continue;
      let m = this.counts.get(c);
      if (!m) this.counts.set(c, (m = new Map()));
      m.set(n.node.opType, (m.get(n.node.opType) ?? 0) + 1);
    }
    // A layer is repeated when its container has at least two indexed instances.
    const instances = new Map<string, Set<string>>();
    for (const p of [...this.counts.keys(), ...(tree ? tree.modules.keys() : [])]) {
      const a = atoms(p);
      const i = a.findIndex((x) => /^\d+$/.test(x));
      if (i < 0) continue;
      const key = [...a.slice(0, i), "*"].join(".");
      (instances.get(key) ?? instances.set(key, new Set()).get(key)!).add(a[i]!);
    }
    for (const [c, m] of this.counts) {
      const t = layerTemplate(c);
      if (t === c) continue;
      const container = t.slice(0, t.indexOf("*") + 1);
      if ((instances.get(container)?.size ?? 0) < 2) continue;
      let e = this.expected.get(t);
      if (!e) this.expected.set(t, (e = new Map()));
      for (const [op, k] of m) e.set(op, Math.max(e.get(op) ?? 0, k));
    }
  }

  /** How many more `op` nodes the other instances have than `context` has (0 when not repeated). */
  deficit(context: string, op: string): number {
    const e = this.expected.get(layerTemplate(context));
    if (!e) return 0;
    return (e.get(op) ?? 0) - (this.counts.get(context)?.get(op) ?? 0);
  }

  /**
   * Modules this instance should have by analogy with its repeated siblings: `layer1.0.conv1`
   * when `layer1.1.conv1` exists, even if every node of `layer1.0.conv1` lost its scope.
   */
  analogues(context: string): string[] {
    const index = firstIndex(context);
    if (index === undefined) return [];
    const prefix = layerTemplate(context) + ".";
    const depth = atoms(context).length;
    const out: string[] = [];
    for (const t of this.expected.keys()) {
      if (!t.startsWith(prefix)) continue;
      // Direct children only (`conv1`, or `downsample.0` under a Sequential): testimony about a
      // module far below the node's neighbours would be a guess, not an analogy.
      const extra = atoms(t).slice(depth);
      if (extra.length === 1 || (extra.length === 2 && /^\d+$/.test(extra[1]!))) out.push(t.replace("*", index));
    }
    return out;
  }

  /** Record that a node of `op` was placed in `context`, so the same gap is not filled twice. */
  place(context: string, op: string): void {
    let m = this.counts.get(context);
    if (!m) this.counts.set(context, (m = new Map()));
    m.set(op, (m.get(op) ?? 0) + 1);
  }
}

export interface VoteInput {
  index: GraphIndex;
  tree: ModuleTree;
  structure: StructureCounts;
  alignment?: LayerAlignment;
  /** Context of nodes with direct evidence (null otherwise). */
  known: (string | null)[];
  node: number;
  producers: number[];
  consumers: number[];
}

/**
 * The owner module of a parameter-named initializer (`encoder.layer.0.attention.self.query.bias`).
 * The owner itself may be missing from the tree (its only node lost its scope), so it is enough
 * that its parent module is known; names made by the exporter (`onnx::MatMul_12`) are not paths.
 */
export function parameterOwner(tree: ModuleTree, tensorName: string): string | undefined {
  if (tensorName.includes("::") || tensorName.includes("/")) return undefined;
  const a = atoms(tensorName);
  if (a.length < 2 || a.some((x) => x === "")) return undefined;
  const owner = a.slice(0, -1).join(".");
  return tree.has(owner) || tree.has(a.slice(0, -2).join(".")) ? owner : undefined;
}

export function collectVotes(v: VoteInput, candidates: readonly string[]): Vote[] {
  const { index, node } = v;
  const entry = index.nodes[node]!;
  const votes: Vote[] = [];
  const allow = new Set(candidates);

  for (const input of entry.node.inputs) {
    if (!index.initializers.has(input)) continue;
    const owner = parameterOwner(v.tree, input);
    if (owner !== undefined) votes.push({ context: owner, weight: WEIGHT.parameter, why: `uses parameter ${input}` });
  }

  if (v.alignment) votes.push(...v.alignment.votesFor(node));

  for (const c of [...allow]) for (const a of v.structure.analogues(c)) allow.add(a);
  for (const c of [...allow].sort()) {
    if (v.structure.deficit(c, entry.node.opType) > 0) {
      votes.push({ context: c, weight: WEIGHT.structure, why: `the other instances of ${layerTemplate(c)} have one more ${entry.node.opType}` });
    }
  }

  // Execution order: nearest nodes with evidence before and after, in the same graph.
  if (entry.graph === "") {
    let before: string | null = null;
    let after: string | null = null;
    for (let k = node - 1; k >= 0 && index.nodes[k]!.graph === ""; k--) {
      if (v.known[k] !== null) {
        before = v.known[k]!;
        break;
      }
    }
    for (let k = node + 1; k < index.nodes.length && index.nodes[k]!.graph === ""; k++) {
      if (v.known[k] !== null) {
        after = v.known[k]!;
        break;
      }
    }
    if (before !== null && before === after) {
      votes.push({ context: before, weight: WEIGHT.orderInside, why: `executes between two nodes of ${before || "(root)"}` });
    } else {
      if (before !== null) votes.push({ context: before, weight: WEIGHT.orderEdge, why: `follows a node of ${before || "(root)"}` });
      if (after !== null) votes.push({ context: after, weight: WEIGHT.orderEdge, why: `precedes a node of ${after || "(root)"}` });
    }
  }

  const share = (list: number[], side: string) => {
    const ctxs = list.map((i) => v.known[i]).filter((c): c is string => c !== null && c !== undefined);
    for (const c of ctxs) votes.push({ context: c, weight: WEIGHT.dataflow / ctxs.length, why: `${side} ${c || "(root)"}` });
  };
  share(v.producers, "reads from");
  share(v.consumers, "feeds");
  return votes;
}

export interface Tally {
  context: string;
  score: number;
  /** Score of the strongest other context (0 when unopposed). */
  runnerUp: number;
  total: number;
  reasons: string[];
}

/** Sum votes per context; the winner and the strongest rival. */
export function tally(votes: Vote[]): Tally | null {
  if (votes.length === 0) return null;
  const score = new Map<string, number>();
  const reasons = new Map<string, string[]>();
  let total = 0;
  for (const v of votes) {
    score.set(v.context, (score.get(v.context) ?? 0) + v.weight);
    (reasons.get(v.context) ?? reasons.set(v.context, []).get(v.context)!).push(v.why);
    total += v.weight;
  }
  // Ties go to the deeper module: of a module and its ancestor, a node touching both is more
  // often one of the module's own ops than glue in the parent.
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || atoms(b[0]).length - atoms(a[0]).length || (a[0] < b[0] ? -1 : 1));
  const [context, best] = ranked[0]!;
  return { context, score: best, runnerUp: ranked[1]?.[1] ?? 0, total, reasons: [...new Set(reasons.get(context)!)] };
}
