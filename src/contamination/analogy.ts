/**
 * Analogy with sibling layers: the instances of a repeated layer (`encoder.layer.0`,
 * `encoder.layer.1`, ...) run the same code, so a node whose evidence was lost has a counterpart
 * in a sibling instance: a node of the same op type, fed by and feeding the same op types, whose
 * neighbours sit in the same modules relative to their instance. The counterpart's module,
 * moved into the node's instance, is testimony for the node.
 *
 * Without a sibling layer, modules of the same kind (class, or name) elsewhere stand in: they
 * run the same code wherever they sit.
 *
 * Everything here is a function of the graph, never of the node list's order: counterparts are
 * grouped once by a structural key (op types around the node) and tried nearest layer index
 * first, ties by node id.
 */
import type { GraphIndex } from "../load/graph-index.js";
import type { ModuleTree } from "../hierarchy/module-tree.js";
import { childPath, isAncestorOrSelf, isIndex, parentPath, type LayerInstance, type LayerNaming } from "../hierarchy/paths.js";
import { neighbourhood } from "./neighbourhood.js";

/** Siblings consulted per node: enough for agreement, bounded for 100-layer models. */
const MAX_COUNTERPARTS = 6;
/** Candidates looked at per node and anchor, agreeing or not: keeps the work linear. */
const MAX_TRIED = 48;

/**
 * Op-type counts of every instance of a repeated container, from direct evidence: two instances
 * are layers of one stack when they run much the same ops (BERT's `encoder.layer.0` and
 * `encoder.layer.1`), not when they are the different parts of a Sequential (`classifier.0` a
 * Linear, `classifier.1` a Hardswish).
 */
export class InstanceShapes {
  private readonly ops = new Map<string, Map<string, number>>();
  /**
   * Op-type counts of each module's own nodes with direct evidence, main graph only (modules in
   * the order their first node comes): made once here, read by SiblingAnalogy too.
   */
  readonly moduleOps = new Map<string, Map<string, number>>();

  constructor(
    index: GraphIndex,
    known: readonly (string | null)[],
    private readonly naming: LayerNaming,
  ) {
    // A module's nodes mostly stand together: its counts are looked up once per run of them.
    let last: string | undefined;
    let counts: Map<string, number> | undefined;
    for (let k = 0; k < index.nodes.length; k++) {
      const e = index.nodes[k]!;
      const c = known[e.index];
      if (c === null || c === undefined || e.graph !== "") continue;
      if (c !== last) {
        last = c;
        counts = this.moduleOps.get(c);
        if (!counts) this.moduleOps.set(c, (counts = new Map()));
      }
      counts!.set(e.node.opType, (counts!.get(e.node.opType) ?? 0) + 1);
    }
    // Every instance a module lies in, the nested ones too (see `spansLayers`), from each
    // module's counts rather than from each node.
    for (const [c, m] of this.moduleOps) {
      for (const inst of naming.instanceChain(c)) {
        let sum = this.ops.get(inst.path);
        if (!sum) this.ops.set(inst.path, (sum = new Map()));
        for (const [op, k] of m) sum.set(op, (sum.get(op) ?? 0) + k);
      }
    }
  }

  /** Whether both instances have nodes with direct evidence (else `similarity` says nothing). */
  knows(a: string, b: string): boolean {
    return this.ops.has(a) && this.ops.has(b);
  }

  /** Weighted Jaccard similarity of two instances' op counts (1 = the same ops). */
  similarity(a: string, b: string): number {
    const x = this.ops.get(a);
    const y = this.ops.get(b);
    if (!x || !y) return 0;
    let inter = 0;
    let union = 0;
    for (const op of new Set([...x.keys(), ...y.keys()])) {
      const p = x.get(op) ?? 0;
      const q = y.get(op) ?? 0;
      inter += Math.min(p, q);
      union += Math.max(p, q);
    }
    return union === 0 ? 0 : inter / union;
  }

  /**
   * Whether contexts lie in two or more layers of one stack: different instances of one repeated
   * container that run much the same ops. `features.0.0` and `features.0.2` are two parts of the
   * one instance `features.0`; `classifier.0` and `classifier.1` are unlike parts of a Sequential.
   */
  spansLayers(contexts: readonly string[], nested = false): boolean {
    return this.spans(contexts, nested, true);
  }

  /**
   * Whether contexts lie in two or more instances of one repeated container, at any level of
   * nesting, alike or not: for a node with no inputs, which carries no dataflow from one
   * instance into another. Swin's shifted-window blocks run their mask's ops besides the plain
   * blocks' (op counts 0.22 alike), yet a constant both read is one value serving both.
   */
  spansInstances(contexts: readonly string[]): boolean {
    return this.spans(contexts, true, false);
  }

  private spans(contexts: readonly string[], nested: boolean, alike: boolean): boolean {
    // `nested`: the instances at every level of nesting, for the users of one node. MaxViT's two
    // layers of stage `blocks.0` (`blocks.0.layers.0`, `blocks.0.layers.1`) are layers of one
    // stack inside one instance of the outer stack of stages: a constant both read is shared
    // across layers. Dataflow from one layer into the next is a boundary only between outer
    // instances: a stage's inner layers follow one another by design.
    const insts = new Map<string, LayerInstance>();
    for (const c of contexts) {
      if (nested) for (const inst of this.naming.instanceChain(c)) insts.set(inst.path, inst);
      else {
        const inst = this.naming.instanceOf(c);
        if (inst) insts.set(inst.path, inst);
      }
    }
    // Per template, each instance against a few others (sorted): bounded for nodes read by
    // thousands of layers.
    const byTemplate = new Map<string, string[]>();
    for (const i of insts.values()) (byTemplate.get(i.template) ?? byTemplate.set(i.template, []).get(i.template)!).push(i.path);
    for (const list of byTemplate.values()) {
      if (!alike) {
        if (list.length >= 2) return true;
        continue;
      }
      list.sort();
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < Math.min(list.length, i + 1 + PAIRS_PER_INSTANCE); j++) {
          if (this.similarity(list[i]!, list[j]!) >= LAYER_SIMILARITY) return true;
        }
      }
    }
    return false;
  }
}

/** How alike two instances' op counts must be to be layers of one stack. */
const LAYER_SIMILARITY = 0.5;
/**
 * Ops with direct evidence from which a part is taken to be really there and not lost whole:
 * with a fraction p of names lost at random, all of k ops go with probability p^k (0.3^4 < 1%).
 */
const WHOLE_PART_OPS = 4;
const PAIRS_PER_INSTANCE = 4;

/**
 * How many of `mine` right next to the node agree with a neighbour of `theirs` in the same
 * direction with the same op (one seen through a chain of nameless nodes says too little to
 * count, though it can contradict), as near where there is one (compared through `mineKey` / `theirKey`; only agreements `counts`
 * accepts are counted), or -1 when one of them contradicts every such neighbour as near as it.
 */
function agreement(
  mine: readonly Neighbour[],
  theirs: readonly Neighbour[],
  mineKey: (context: string) => string,
  theirKey: (context: string) => string,
  counts: (key: string) => boolean,
): number {
  let agree = 0;
  for (const n of mine) {
    // A consumer both feed says nothing either way: two inputs of one op play two parts (each of
    // DenseNet's layers feeds every later layer's Concat). A producer both read can (ALBERT's
    // calls of its one layer read the same constants).
    if (n.dir === "out" && theirs.some((t) => t.node === n.node)) continue;
    const same = theirs.filter((t) => t.dir === n.dir && t.op === n.op);
    if (same.length === 0) continue;
    // A neighbour as near as this one is compared first: one seen through nodes that lost their
    // names is further up the chain (a block's own ReLU behind a nameless Conv, not the previous
    // block's next to it). Only those can contradict it (the FFN's input MatMul seen through its
    // nameless output MatMul says nothing against the output one).
    const asNear = same.filter((t) => t.near === n.near);
    const key = mineKey(n.context);
    if (!(asNear.length > 0 ? asNear : same).some((t) => theirKey(t.context) === key)) {
      if (asNear.length > 0) return -1;
      continue;
    }
    // Agreement with a neighbour of theirs seen through others is no agreement: behind a
    // nameless residual Add, a shortcut Conv's next ReLU looks like a main-branch Conv's own.
    if (n.near && asNear.length > 0 && counts(key)) agree++;
  }
  return agree;
}

/**
 * Whether two nodes' nearest placed neighbours have the same op types on the same sides, each
 * right next to the node or each seen through others: a counterpart whose own neighbour lost its
 * name shows nothing of what sits next to it (MobileNetV2's depthwise Conv, its ReLU6 stripped,
 * would look like the projection Conv that feeds the next block's Conv).
 */
function sameSurroundings(mine: readonly Neighbour[], theirs: readonly Neighbour[]): boolean {
  const sig = (list: readonly Neighbour[]) => list.map((n) => `${n.dir}:${n.op}:${n.near ? "near" : "far"}`).sort().join(",");
  return sig(mine) === sig(theirs);
}

/**
 * Whether two nodes whose surroundings differ on one side both leave their container there:
 * on each side where they have no op type in common, every neighbour of each lies outside the
 * container (`ours`, `theirs`: the parents of the two modules). MobileNet's projection Conv, the
 * last op of a block's Sequential, feeds the residual Add in one block and the next block's
 * Conv in another; all of its neighbours next door and placed (the caller's condition).
 */
function exitsFit(mine: readonly Neighbour[], theirs: readonly Neighbour[], ours: string, theirContainer: string): boolean {
  let differs = false;
  for (const dir of ["in", "out"] as const) {
    const a = mine.filter((n) => n.dir === dir);
    const b = theirs.filter((n) => n.dir === dir);
    if (a.some((n) => b.some((t) => t.op === n.op))) continue;
    differs = true;
    if (a.length === 0 || b.length === 0) return false;
    if (a.some((n) => isAncestorOrSelf(ours, n.context)) || b.some((t) => isAncestorOrSelf(theirContainer, t.context))) return false;
  }
  return differs;
}

/**
 * Ascending `sorted` visited nearest to `at` first (ties: the lower index), lazily: a caller that
 * stops after a few layers pays for a few, not for a sort of a thousand-layer stack.
 */
export function* nearestFirst(sorted: readonly number[], at: number): Generator<number> {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  let left = lo - 1;
  let right = lo;
  while (left >= 0 || right < sorted.length) {
    if (right >= sorted.length || (left >= 0 && at - sorted[left]! <= sorted[right]! - at)) yield sorted[left--]!;
    else yield sorted[right++]!;
  }
}

function inside(path: string, instance: string): boolean {
  return path === instance || path.startsWith(instance + ".");
}

/**
 * A module relative to an anchor instance: `@.attention.self` inside it, `@+1.attention` inside
 * the sibling one layer on, the path itself otherwise.
 */
export function relativeTo(path: string, anchor: LayerInstance, naming: LayerNaming): string {
  if (inside(path, anchor.path)) return "@" + path.slice(anchor.path.length);
  const inst = naming.instanceOf(path);
  if (inst && inst.template === anchor.template) return `@${inst.index - anchor.index}` + path.slice(inst.path.length);
  // Inside some other repeated layer: which one depends on where the anchor sits (ResNet's
  // layer1.1 feeds layer2.0, layer2.1 feeds layer3.0), so only "elsewhere" is compared.
  if (inst) return "^";
  return path;
}

/** `relativeTo` down to the instance: `@`, `@-1`, `@+1`'s `@1`; a path elsewhere as it is. */
function instanceOffset(path: string, anchor: LayerInstance, naming: LayerNaming): string {
  const rel = relativeTo(path, anchor, naming);
  if (!rel.startsWith("@")) return rel;
  const cut = rel.indexOf(".");
  return cut < 0 ? rel : rel.slice(0, cut);
}

/** How far downstream counterparts are compared to tell apart nodes alike next door, and how wide. */
const DOWNSTREAM_DEPTH = 4;
const DOWNSTREAM_FANOUT = 4;

/** How many levels of an answer may be missing from the tree: a lost one-op module and its parent. */
const LOST_LEVELS = 2;

/** Named children a numbered module needs to be known by all but one of them too. */
const MIN_NAMED_FOR_PARTIAL_KIND = 4;

/** Levels above a module that a kind analogy compares: the module, its parent, its grandparent. */
const KIND_LEVELS = 2;

/**
 * A module relative to an anchor module: `^0.dense` inside it, `^1` its parent, `^1.output` in a
 * sibling of it, up to KIND_LEVELS; `~` further away.
 */
export function relativeToKind(path: string, anchor: string): string {
  let a = anchor;
  for (let k = 0; k <= KIND_LEVELS; k++) {
    if (a === "") return `^${k}.${path}`;
    if (inside(path, a)) return `^${k}` + unnumbered(path.slice(a.length));
    a = parentPath(a);
  }
  return "~";
}

/**
 * `.2.0` → `.#.0`: which numbered sibling a module is says nothing across modules of one kind
 * (MobileNet's squeeze-excitation is `block.1` in one block and `block.2` in the next, the
 * projection after it `block.2` or `block.3`).
 */
function unnumbered(rest: string): string {
  const end = rest.indexOf(".", 1);
  const first = end < 0 ? rest.slice(1) : rest.slice(1, end);
  return first !== "" && isIndex(first) ? ".#" + (end < 0 ? "" : rest.slice(end)) : rest;
}

export interface AnalogyAnswer {
  context: string;
  /** Counterparts that agree on this answer, and their names for the reasoning. */
  support: number;
  examples: string[];
}

interface Neighbour {
  node: number;
  dir: "in" | "out";
  op: string;
  context: string;
  /** Next to the node, not seen through others without a module. */
  near: boolean;
}

/**
 * Counterparts of nodes in sibling instances. Built once from the direct evidence (`known`);
 * `answersFor` is asked only for the nodes that need it.
 */
export class SiblingAnalogy {
  /** structural key → template → layer index → nodes (sorted by id). */
  private readonly buckets = new Map<string, Map<string, Map<number, number[]>>>();
  private readonly keys: (readonly string[] | undefined)[];
  /** `structuralKeys`' lists by their strictest key. */
  private readonly keyLists = new Map<string, readonly string[]>();
  private readonly neighbourCache = new Map<number, Neighbour[]>();
  /** structural key → every node with direct evidence (sorted by id): repeated calls of one module. */
  private readonly anywhere = new Map<string, number[]>();

  /** `pending`: the nodes that will ask; only counterparts they could match are indexed. */
  constructor(
    private readonly index: GraphIndex,
    private readonly tree: ModuleTree,
    private readonly known: readonly (string | null)[],
    pending: readonly number[],
    shapes?: () => InstanceShapes,
  ) {
    this.shapes = shapes ?? (() => (this.ownShapes ??= new InstanceShapes(index, known, tree.naming)));
    this.keys = new Array(index.nodes.length);
    const ops = new Set<string>();
    const wanted = new Set<string>();
    for (let q = 0; q < pending.length; q++) {
      const u = pending[q]!;
      ops.add(index.nodes[u]!.node.opType);
      for (const k of this.structuralKeys(u)) wanted.add(k);
    }
    const members: [string, string, number, number][] = [];
    for (let q = 0; q < index.nodes.length; q++) {
      const entry = index.nodes[q]!;
      if (entry.graph !== "" || !ops.has(entry.node.opType)) continue;
      const c = known[entry.index];
      if (c === null || c === undefined) continue;
      // Only the keys some pending node has are kept: the others can match nothing.
      const all = this.structuralKeys(entry.index);
      const keys = all.every((k) => wanted.has(k)) ? all : all.filter((k) => wanted.has(k));
      this.keys[entry.index] = keys;
      if (keys.length === 0) continue;
      const inst = this.tree.naming.instanceOf(c);
      for (const key of keys) {
        (this.anywhere.get(key) ?? this.anywhere.set(key, []).get(key)!).push(entry.index);
        if (inst) members.push([key, inst.template, inst.index, entry.index]);
      }
    }
    const byId = (a: number, b: number) => (index.nodes[a]!.id < index.nodes[b]!.id ? -1 : 1);
    for (const list of this.anywhere.values()) list.sort(byId);
    members.sort((a, b) => byId(a[3], b[3]));
    for (const [key, template, layer, node] of members) {
      let byTemplate = this.buckets.get(key);
      if (!byTemplate) this.buckets.set(key, (byTemplate = new Map()));
      let byLayer = byTemplate.get(template);
      if (!byLayer) byTemplate.set(template, (byLayer = new Map()));
      (byLayer.get(layer) ?? byLayer.set(layer, []).get(layer)!).push(node);
    }
  }

  /**
   * Structural keys of a node, the strictest first: op types around it (its own, its producers'
   * and its consumers', sorted multisets), then one side only. A layer's first or last node
   * borders a different neighbour in the last layer of a stack (ResNet's final `relu` feeds the
   * pooling, not a next block), so one side must do when no counterpart matches both.
   */
  structuralKeys(i: number): readonly string[] {
    const cached = this.keys[i];
    if (cached !== undefined) return cached;
    const op = (j: number) => this.index.nodes[j]!.node.opType;
    const ins = this.index.producers.of(i).map(op).sort().join(",");
    const outs = this.index.consumers.of(i).map(op).sort().join(",");
    const own = op(i);
    // One side alone says something only when the node has both (a Constant's `|*|outs` key
    // would match every op feeding those outs, whatever it reads).
    const strict = `${own}|${ins}|${outs}`;
    // One list per distinct neighbourhood, shared by the nodes that have it (a stack of layers
    // repeats a few hundred): kept for the whole run, one per node was as many arrays and strings.
    let keys = this.keyLists.get(strict);
    if (keys === undefined) {
      keys = ins === "" || outs === "" ? [strict] : [strict, `${own}|${ins}|*`, `${own}|*|${outs}`];
      this.keyLists.set(strict, keys);
    }
    this.keys[i] = keys;
    return keys;
  }

  /**
   * Whether a counterpart's module `theirs`, moved into this instance as `answer`, names a module
   * this instance can have: one the tree knows, or a lost one-op module under a known ancestor
   * built like the counterpart's (of its class, where the tree knows both): at least half of that
   * ancestor's children, the lost one among them, are children of the counterpart's, of the same
   * class where known (T5's first block has a child the others lack, and the counterpart's
   * siblings may have lost their names too), and the counterpart's has no part ours lacks that
   * runs too many ops to have lost them all (see WHOLE_PART_OPS).
   * The blocks of one stack may differ (MobileNet's `block.1` is a squeeze-excitation in one block
   * and a convolution in the next): a child moved between unlike parents would be a phantom.
   */
  private carriesOver(answer: string, theirs: string, lostLevels: number): boolean {
    if (!this.tree.allows(answer)) return false;
    const known = this.knownPaths();
    if (known.has(answer)) return true;
    // The nearest known ancestor, at most `lostLevels` up (a downsample Sequential whose one
    // Conv lost its name is gone from the tree with it), and the counterpart's path at that level.
    let parent = answer;
    for (let k = 0; k < lostLevels && !known.has(parent); k++) {
      if (parent === "") return false;
      parent = parentPath(parent);
    }
    const children = known.get(parent);
    if (!children) return false;
    // The lost part of the answer (`downsample.0`) closes the counterpart's path too.
    const lostPart = parent === "" ? answer : answer.slice(parent.length + 1);
    const theirParent = theirs === lostPart ? "" : theirs.endsWith("." + lostPart) ? theirs.slice(0, -(lostPart.length + 1)) : null;
    const theirChildren = theirParent === null ? undefined : known.get(theirParent);
    if (!theirChildren) return false;
    // Our parent's known children, with the lost one, against the counterpart's parent's. A child
    // of the same name counts unless the tree knows it is of another class (a `block.2` that is a
    // projection in one block and a squeeze-excitation in the next).
    const lost = lostPart.split(".")[0]!;
    const ours = [...children, lost];
    const shared = ours.filter((name) => theirChildren.has(name) && (name === lost || this.sameClass(childPath(parent, name), childPath(theirParent!, name)) !== false)).length;
    // A container's children are numbered from 0: a lost `3` where the counterpart's `2` is known
    // and ours is not would be the second lost child of a one-node loss (MobileNet's
    // projection is `block.2` in a block without squeeze-excitation, `block.3` with it). The
    // child before it is the one that tells: children further back may have lost all their
    // ops to other nodes (a block's `block.0` whose Conv and activation both lost their names).
    const before = isIndex(lost) ? String(Number(lost) - 1) : null;
    if (before !== null && theirChildren.has(before) && !children.has(before)) return false;
    // A named part the counterpart's parent has and ours lacks, besides the lost one, that runs
    // WHOLE_PART_OPS ops or more there: so many ops do not all lose their names, so the parents
    // differ (BART's decoder layer is an encoder layer plus cross-attention; its
    // `encoder_attn_layer_norm` is no lost child of an encoder layer). A small such part (T5's
    // first block's one-Gather `relative_attention_bias`) says nothing, and numbered parts are
    // the rule above's: a Sequential numbers its parts whatever they are (a MobileNet block
    // without squeeze-excitation has no `block.3`, and its `block.1` is another block's too).
    for (const name of theirChildren) {
      if (name !== lost && !isIndex(name) && !children.has(name) && this.subtreeOps(childPath(theirParent!, name)) >= WHOLE_PART_OPS) return false;
    }
    return this.sameClass(parent, theirParent!) !== false && shared * 2 >= ours.length;
  }

  private subtreeTotals: Map<string, number> | undefined;

  /** How many nodes with direct evidence a module and its descendants run (built once). */
  private subtreeOps(module: string): number {
    if (!this.subtreeTotals) {
      this.subtreeTotals = new Map();
      for (const [m, ops] of this.moduleCounts().opCounts) {
        let n = 0;
        for (const k of ops.values()) n += k;
        for (let p = m; ; p = parentPath(p)) {
          this.subtreeTotals.set(p, (this.subtreeTotals.get(p) ?? 0) + n);
          if (p === "") break;
        }
      }
    }
    return this.subtreeTotals.get(module) ?? 0;
  }

  private opCounts: Map<string, Map<string, number>> | undefined;
  /** Layer template → its instances with direct evidence. */
  private instancesOf: Map<string, Set<string>> | undefined;

  /** The op types a module's nodes with direct evidence run, with how many of each (built once). */
  opCountsOf(module: string): ReadonlyMap<string, number> | undefined {
    return this.moduleCounts().opCounts.get(module);
  }

  /** `opCountsOf`'s counts, and each layer template's instances with direct evidence: built once. */
  private moduleCounts(): { opCounts: Map<string, Map<string, number>>; instancesOf: Map<string, Set<string>> } {
    if (!this.opCounts || !this.instancesOf) {
      this.opCounts = this.shapes().moduleOps;
      this.instancesOf = new Map();
      for (const c of this.opCounts.keys()) {
        const inst = this.tree.naming.instanceOf(c);
        if (inst) (this.instancesOf.get(inst.template) ?? this.instancesOf.set(inst.template, new Set()).get(inst.template)!).add(inst.path);
      }
    }
    return { opCounts: this.opCounts, instancesOf: this.instancesOf };
  }

  private ownModuleOps: Set<string> | undefined;

  /**
   * Whether the model runs ops of this type as modules of their own somewhere: a leaf module
   * whose nodes with direct evidence are all of this type (DenseNet's `relu1`, a block's
   * `activation`), as opposed to a functional op run inside its caller (`torch.flatten`).
   */
  runsAsOwnModule(op: string): boolean {
    if (!this.ownModuleOps) {
      this.ownModuleOps = new Set();
      for (const [module, ops] of this.moduleCounts().opCounts) {
        if (ops.size === 1 && module !== "" && this.tree.get(module)?.children.length === 0) this.ownModuleOps.add(ops.keys().next().value!);
      }
    }
    return this.ownModuleOps.has(op);
  }

  /**
   * Whether module `answer` can hold another op like counterpart `v`: not when the same module
   * runs one such op in every instance (the counterpart's module, where it sits in no repeated
   * layer) and already runs it here. Such a module is complete (MobileNet's
   * `features.11.block.0.0` has its one Conv): the node belongs to a module next to it that lost
   * all its names (`features.12.0`).
   */
  private hasRoom(answer: string, theirs: string, v: number): boolean {
    const op = this.index.nodes[v]!.node.opType;
    const count = (module: string) => this.opCountsOf(module)?.get(op) ?? 0;
    let most = count(theirs);
    const inst = this.tree.naming.instanceOf(answer);
    if (inst) {
      const rel = answer.slice(inst.path.length);
      for (const other of this.moduleCounts().instancesOf.get(inst.template) ?? []) most = Math.max(most, count(other + rel));
    }
    // A count read off direct evidence may be short of the truth where names were lost in every
    // instance; one op per instance is the count that cannot be (one lost in each is unlikely).
    return most !== 1 || count(answer) === 0;
  }

  /** Whether two modules are of one class, undefined where the tree does not know both classes. */
  private sameClass(a: string, b: string): boolean | undefined {
    const ca = this.tree.get(a)?.className;
    const cb = this.tree.get(b)?.className;
    return ca !== undefined && cb !== undefined ? ca === cb : undefined;
  }

  private paths: Map<string, Set<string>> | undefined;

  /** Every module path the evidence names, with its ancestors, and the names of its children. */
  private knownPaths(): Map<string, Set<string>> {
    if (this.paths) return this.paths;
    const known = new Map<string, Set<string>>([["", new Set()]]);
    for (const path of this.tree.modules.keys()) {
      for (let p = path; p !== ""; ) {
        const cut = p.lastIndexOf(".");
        const parent = cut < 0 ? "" : p.slice(0, cut);
        const name = cut < 0 ? p : p.slice(cut + 1);
        const fresh = !known.has(p);
        if (fresh) known.set(p, new Set());
        let siblings = known.get(parent);
        if (!siblings) known.set(parent, (siblings = new Set()));
        siblings.add(name);
        if (!fresh) break;
        p = parent;
      }
    }
    this.paths = known;
    return known;
  }

  /** The nearest nodes with a module on each side, looking through nodes without one (neighbourhood.ts). */
  private neighbours(i: number, context: (j: number) => string | null): Neighbour[] {
    const around = neighbourhood(this.index, i, (j) => context(j) !== null);
    const out: Neighbour[] = [];
    const producers = this.index.producers.of(i);
    const consumers = this.index.consumers.of(i);
    for (const j of around.producers) out.push({ node: j, dir: "in", op: this.index.nodes[j]!.node.opType, context: context(j)!, near: producers.includes(j) });
    for (const j of around.consumers) out.push({ node: j, dir: "out", op: this.index.nodes[j]!.node.opType, context: context(j)!, near: consumers.includes(j) });
    return out;
  }

  private knownNeighbours(v: number): Neighbour[] {
    let hit = this.neighbourCache.get(v);
    if (!hit) this.neighbourCache.set(v, (hit = this.neighbours(v, (j) => this.known[j] ?? null)));
    return hit;
  }

  /**
   * Testimony for node `u` from counterparts in siblings of the instances its neighbours lie in.
   * `context` gives the current module of any node (direct evidence, or an earlier round's
   * attribution) or null. A counterpart counts when at least one neighbour known on both sides
   * agrees (relative to the instances) and none disagrees.
   */
  answersFor(u: number, context: (j: number) => string | null): AnalogyAnswer[] {
    const mine = this.neighbours(u, context);
    // A lost branch (a module and its parent) is inferred only from neighbours right next to the
    // node: seen through other unplaced nodes, a plain block looks like one with a downsample.
    const nextDoor = (j: number) => context(j) !== null;
    const lostLevels = this.index.producers.of(u).every(nextDoor) && this.index.consumers.of(u).every(nextDoor) ? LOST_LEVELS : 1;
    for (const key of this.structuralKeys(u)) {
      const answers = this.answersByKey(u, key, mine, lostLevels, context);
      if (answers.length > 0) return answers;
    }
    return [];
  }

  private answersByKey(u: number, key: string, mine: readonly Neighbour[], lostLevels: number, context: (j: number) => string | null): AnalogyAnswer[] {
    const answers = new Map<string, AnalogyAnswer>();
    // Counterparts whose downstream computation is also the same (a query's MatMul, not the
    // key's or the value's beside it, which read the same input and feed the same op types).
    const deep = new Map<string, number>();
    let mineDeep: string | undefined;
    const add = (context: string, v: number) => {
      const a = answers.get(context) ?? answers.set(context, { context, support: 0, examples: [] }).get(context)!;
      a.support++;
      if (a.examples.length < 2) a.examples.push(this.index.nodes[v]!.node.name || this.index.nodes[v]!.id);
      if (this.downstream(v) === (mineDeep ??= this.downstream(u))) deep.set(context, (deep.get(context) ?? 0) + 1);
      if (this.sameSlots(u, v)) slotted.add(context);
    };
    // Counterparts that feed the ops they share with the node in the same inputs. Where one such
    // counterpart agrees, the others are not counterparts: a block's shortcut Conv feeds the
    // residual Add's second input, its main branch's last Conv the first. That holds even when
    // the agreeing one's module cannot be carried over (the shortcut's module is lost here).
    const slotted = new Set<string>();
    let slotSeen = false;
    const saw = (v: number) => {
      if (this.sameSlots(u, v)) slotSeen = true;
    };
    // The same module run again (ALBERT's shared layer, a module called twice): a node with the
    // same ops around it whose neighbours sit in exactly the same modules, two of them at least.
    let tried = 0;
    let used = 0;
    for (const v of this.anywhere.get(key) ?? []) {
      if (used >= MAX_COUNTERPARTS || ++tried > MAX_TRIED) break;
      // The same module run again reads as many values: a later DenseNet layer's Concat reads the
      // same layers' outputs and more, and is another module.
      if (v === u || this.nextTo(u, v) || this.index.nodes[u]!.node.inputs.length !== this.index.nodes[v]!.node.inputs.length) continue;
      const id = (c: string) => c;
      if (agreement(mine, this.knownNeighbours(v), id, id, () => true) < 2) continue;
      used++;
      saw(v);
      add(this.known[v]!, v);
    }
    this.instanceAnswers(u, key, mine, lostLevels, context, saw, add);
    if (answers.size === 0) this.kindAnswers(u, key, mine, lostLevels, saw, add);
    if (answers.size === 0) this.instanceLevelAnswers(u, key, mine, saw, add);
    let list = [...answers.values()];
    if (slotSeen) list = list.filter((a) => slotted.has(a.context));
    if (deep.size > 0 && deep.size < list.length) list = list.filter((a) => deep.has(a.context));
    return list.sort((a, b) => b.support - a.support || (a.context < b.context ? -1 : 1));
  }

  private readonly downstreamCache = new Map<number, string>();

  /**
   * The op types downstream of a node, DOWNSTREAM_DEPTH levels deep, with the input slot each
   * consumer reads it in (a key's MatMul feeds the scores' second input, a query's the first).
   * A function of the graph alone: names and evidence play no part.
   */
  private downstream(i: number): string {
    const hit = this.downstreamCache.get(i);
    if (hit !== undefined) return hit;
    const walk = (j: number, depth: number): string => {
      const e = this.index.nodes[j]!;
      if (depth === 0) return e.node.opType;
      const parts: string[] = [];
      for (const c of this.index.consumers.of(j).slice(0, DOWNSTREAM_FANOUT)) parts.push(`${this.inputSlot(j, c)}:${walk(c, depth - 1)}`);
      return `${e.node.opType}(${parts.sort().join(",")})`;
    };
    const sig = walk(i, DOWNSTREAM_DEPTH);
    this.downstreamCache.set(i, sig);
    return sig;
  }

  /**
   * A node next to `u` is no counterpart of it: its neighbours, seen through `u` (which has no
   * module yet), are `u`'s own, and would agree with them by construction.
   */
  private nextTo(u: number, v: number): boolean {
    return this.index.producers.has(u, v) || this.index.consumers.has(u, v);
  }

  /** Which input of consumer `c` reads an output of node `j` (the first such). */
  private inputSlot(j: number, c: number): number {
    const outs = this.index.nodes[j]!.node.outputs;
    return this.index.nodes[c]!.node.inputs.findIndex((t) => outs.includes(t));
  }

  /**
   * Whether a counterpart feeds each op that both feed in the same input: a block's main branch
   * and its shortcut both end in the residual Add, in its first and its second input.
   */
  private sameSlots(u: number, v: number): boolean {
    const op = (c: number) => this.index.nodes[c]!.node.opType;
    const theirs = this.index.consumers.of(v);
    for (const c of this.index.consumers.of(u)) {
      const same = theirs.filter((d) => op(d) === op(c));
      const slot = this.inputSlot(u, c);
      if (same.length > 0 && !same.some((d) => this.inputSlot(v, d) === slot)) return false;
    }
    return true;
  }

  private readonly strictKeys = new Map<number, string>();

  /** Op types right next to a node, placed or not: its own, its producers', its consumers'. */
  private strictKey(i: number): string {
    let key = this.strictKeys.get(i);
    if (key === undefined) {
      const op = (j: number) => this.index.nodes[j]!.node.opType;
      key = `${op(i)}|${this.index.producers.of(i).map(op).sort().join(",")}|${this.index.consumers.of(i).map(op).sort().join(",")}`;
      this.strictKeys.set(i, key);
    }
    return key;
  }

  /**
   * Whether counterpart `v` fits node `u` all round, the nodes next to `u` that lost their names
   * too included: the same op types right next to both; each placed neighbour of `u` where `v`'s
   * is (relative to their instances); each unplaced one where `v` has a neighbour of its op type
   * in `v`'s own container. Two nodes next door that lost their names together (a block's Conv
   * and its activation, all of RegNet's `f.a`) are then that container's ops here, and its loss
   * is one loss, not two.
   */
  private branchFits(u: number, v: number, anchor: LayerInstance, vInst: LayerInstance, context: (j: number) => string | null): boolean {
    if (this.strictKey(u) !== this.strictKey(v)) return false;
    const home = parentPath(this.known[v]!);
    if (home === "" || home === vInst.path) return false;
    const naming = this.tree.naming;
    const op = (j: number) => this.index.nodes[j]!.node.opType;
    for (const [ours, theirs] of [
      [this.index.producers.of(u), this.index.producers.of(v)],
      [this.index.consumers.of(u), this.index.consumers.of(v)],
    ] as const) {
      for (const x of ours) {
        const cx = context(x);
        const fits = theirs.some((y) => {
          const cy = this.known[y];
          if (op(y) !== op(x) || cy === null || cy === undefined) return false;
          if (cx !== null) return relativeTo(cx, anchor, naming) === relativeTo(cy, vInst, naming);
          // An unplaced neighbour is one of the lost container's ops, or an op of the instance
          // built like the counterpart's there (EfficientNet's residual Add after the projection
          // `block.3`, whose one Conv lost its name with the Add).
          return (cy !== home && inside(cy, home)) || (inside(cy, vInst.path) && this.strictKey(x) === this.strictKey(y));
        });
        if (!fits) return false;
      }
    }
    return true;
  }

  private readonly layerOrders = new Map<string, number[]>();

  /** A bucket's layer indices, ascending (sorted once per key and template). */
  private layerOrder(key: string, template: string, byLayer: Map<number, number[]>): number[] {
    const k = `${key}\u0000${template}`;
    let order = this.layerOrders.get(k);
    if (!order) this.layerOrders.set(k, (order = [...byLayer.keys()].sort((a, b) => a - b)));
    return order;
  }

  /** The layer instances the node's neighbours lie in, by path. */
  private anchorsOf(mine: readonly Neighbour[]): LayerInstance[] {
    const anchors = new Map<string, LayerInstance>();
    for (const n of mine) {
      const inst = this.tree.naming.instanceOf(n.context);
      if (inst) anchors.set(inst.path, inst);
    }
    return [...anchors.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** The instances' op counts, built on first use (or the caller's, built from the same evidence). */
  private readonly shapes: () => InstanceShapes;
  private ownShapes: InstanceShapes | undefined;

  /**
   * Whether two instances run much the same ops, where both are leaves with direct evidence:
   * the parts of a Sequential of leaves (SqueezeNet's `features.1` a ReLU, `features.2` a
   * MaxPool) are numbered like layers of a stack, but a part is no counterpart of an unlike one.
   */
  private alike(a: string, b: string): boolean {
    const leaf = (p: string) => (this.tree.get(p)?.children.length ?? 0) === 0;
    if (!leaf(a) || !leaf(b)) return true;
    const shapes = this.shapes();
    return !shapes.knows(a, b) || shapes.similarity(a, b) >= LAYER_SIMILARITY;
  }

  /** Counterparts in sibling instances of the repeated layers the node's neighbours lie in. */
  private instanceAnswers(
    u: number,
    key: string,
    mine: readonly Neighbour[],
    lostLevels: number,
    context: (j: number) => string | null,
    saw: (v: number) => void,
    add: (context: string, v: number) => void,
  ): void {
    const byTemplate = this.buckets.get(key);
    if (!byTemplate) return;
    // Siblings of the same container first; other repeated layers of the same shape after them
    // (ResNet's layer1.1 and layer2.1 are both plain BasicBlocks).
    for (const anchor of this.anchorsOf(mine)) {
      const templates = [anchor.template, ...[...byTemplate.keys()].filter((t) => t !== anchor.template).sort()];
      let used = 0;
      let tried = 0;
      for (const template of templates) {
        const byLayer = byTemplate.get(template);
        if (!byLayer) continue;
        const same = template === anchor.template;
        for (const layer of nearestFirst(this.layerOrder(key, template, byLayer), anchor.index)) {
          if (same && layer === anchor.index) continue;
          if (used >= MAX_COUNTERPARTS || tried >= MAX_TRIED) break;
          for (const v of byLayer.get(layer)!) {
            if (++tried > MAX_TRIED) break;
            if (this.nextTo(u, v)) continue;
            const vc = this.known[v]!;
            const vInst = this.tree.naming.instanceOf(vc)!;
            if (!this.alike(anchor.path, vInst.path)) continue;
            const agree = agreement(
              mine,
              this.knownNeighbours(v),
              (c) => relativeTo(c, anchor, this.tree.naming),
              (c) => relativeTo(c, vInst, this.tree.naming),
              (rel) => rel.startsWith("@"),
            );
            if (agree < 1) continue;
            saw(v);
            const answer = anchor.path + relativeTo(vc, vInst, this.tree.naming).slice(1);
            // A lost branch also needs the counterpart's surroundings to match all round: seen
            // through a node that lost its name, a plain block's Conv looks like a downsample's.
            const theirs = this.knownNeighbours(v);
            const levels =
              sameSurroundings(mine, theirs) || (lostLevels === LOST_LEVELS && exitsFit(mine, theirs, parentPath(answer), parentPath(vc)))
                ? lostLevels
                : this.branchFits(u, v, anchor, vInst, context)
                  ? LOST_LEVELS
                  : 1;
            if (!this.carriesOver(answer, vc, levels)) continue;
            if (!this.hasRoom(answer, vc, v)) continue;
            used++;
            add(answer, v);
          }
        }
      }
    }
  }

  /**
   * Counterparts that run in their layer instance itself (a residual Add), compared by instance
   * only, where no counterpart agrees module by module. The blocks of a stack may differ inside
   * (MobileNet's projection is `block.2` in a block without squeeze-excitation and `block.3`
   * with it), but an op a block runs itself sits between the same blocks in each: its own, the
   * one before, the one after. Two neighbours or more must agree and none contradict; the answer
   * is the anchor instance, a module the tree knows.
   */
  private instanceLevelAnswers(u: number, key: string, mine: readonly Neighbour[], saw: (v: number) => void, add: (context: string, v: number) => void): void {
    const byTemplate = this.buckets.get(key);
    if (!byTemplate) return;
    for (const anchor of this.anchorsOf(mine)) {
      const byLayer = byTemplate.get(anchor.template);
      if (!byLayer) continue;
      let used = 0;
      let tried = 0;
      for (const layer of nearestFirst(this.layerOrder(key, anchor.template, byLayer), anchor.index)) {
        if (layer === anchor.index) continue;
        if (used >= MAX_COUNTERPARTS || tried >= MAX_TRIED) break;
        for (const v of byLayer.get(layer)!) {
          if (++tried > MAX_TRIED) break;
          const vc = this.known[v]!;
          const vInst = this.tree.naming.instanceOf(vc)!;
          if (vc !== vInst.path || this.nextTo(u, v)) continue;
          const agree = agreement(
            mine,
            this.knownNeighbours(v),
            (c) => instanceOffset(c, anchor, this.tree.naming),
            (c) => instanceOffset(c, vInst, this.tree.naming),
            (rel) => rel.startsWith("@"),
          );
          if (agree < 2) continue;
          saw(v);
          if (!this.hasRoom(anchor.path, vc, v)) continue;
          used++;
          add(anchor.path, v);
        }
      }
    }
  }

  /**
   * Counterparts in modules of the same kind elsewhere: modules of one class run the same code
   * wherever they sit (`embeddings.LayerNorm` and `encoder.layer.0.attention.output.LayerNorm`).
   * A kind is the module's class where the tree knows it, else its name, else (a numbered part
   * of a Sequential) its children's names. Asked where no sibling instance answers. A
   * counterpart counts when two neighbours or more sit in the same place relative to the two
   * modules (the module, its parent, its grandparent; numbered siblings compared without their
   * numbers) and none contradicts.
   */
  private kindAnswers(u: number, key: string, mine: readonly Neighbour[], lostLevels: number, saw: (v: number) => void, add: (context: string, v: number) => void): void {
    const anchors = new Map<string, Set<string>>();
    for (const n of mine) {
      for (let p = n.context, k = 0; k <= KIND_LEVELS && p !== ""; k++, p = parentPath(p)) {
        for (const kind of this.kindsOf(p)) (anchors.get(kind) ?? anchors.set(kind, new Set()).get(kind)!).add(p);
      }
    }
    if (anchors.size === 0) return;
    // Most nodes have no counterpart of a kind they border: tell that from the key's kinds.
    const kinds = this.kindsOfKey(key);
    let any = false;
    for (const k of anchors.keys()) if (kinds.has(k)) any = true;
    if (!any) return;
    let tried = 0;
    let used = 0;
    for (const v of this.anywhere.get(key) ?? []) {
      if (used >= MAX_COUNTERPARTS || ++tried > MAX_TRIED) break;
      if (v === u || this.nextTo(u, v)) continue;
      const vc = this.known[v]!;
      const theirs = this.knownNeighbours(v);
      let found = false;
      for (let x = vc, k = 0; !found && k <= KIND_LEVELS && x !== ""; k++, x = parentPath(x)) {
        const alike = new Set<string>();
        for (const kind of this.kindsOf(x)) for (const m of anchors.get(kind) ?? []) alike.add(m);
        for (const m of [...alike].sort()) {
          if (m === x) continue;
          if (agreement(mine, theirs, (c) => relativeToKind(c, m), (c) => relativeToKind(c, x), (rel) => rel.startsWith("^")) < 2) continue;
          saw(v);
          // The numbered sibling the counterpart runs in has no match here (the comparison left
          // the numbers out): `block` + `.2.activation` would be a phantom in a block whose
          // squeeze-excitation is `block.1`.
          const rest = vc.slice(x.length);
          if (unnumbered(rest) !== rest) continue;
          const answer = m + rest;
          if (!this.carriesOver(answer, vc, sameSurroundings(mine, theirs) ? lostLevels : 1)) continue;
          if (!this.hasRoom(answer, vc, v)) continue;
          add(answer, v);
          found = true;
          break;
        }
      }
      if (found) used++;
    }
  }

  private readonly keyKinds = new Map<string, Set<string>>();

  /** The kinds of the modules (and their ancestors, KIND_LEVELS up) the key's placed nodes lie in. */
  private kindsOfKey(key: string): Set<string> {
    let kinds = this.keyKinds.get(key);
    if (kinds) return kinds;
    kinds = new Set();
    const seen = new Set<string>();
    for (const v of this.anywhere.get(key) ?? []) {
      const vc = this.known[v]!;
      if (seen.has(vc)) continue;
      seen.add(vc);
      for (let x = vc, k = 0; k <= KIND_LEVELS && x !== ""; k++, x = parentPath(x)) {
        for (const kind of this.kindsOf(x)) kinds.add(kind);
      }
    }
    this.keyKinds.set(key, kinds);
    return kinds;
  }

  private readonly kinds = new Map<string, readonly string[]>();

  /** The kinds a module is known by (two modules are alike when they share one). */
  private kindsOf(path: string): readonly string[] {
    let kinds = this.kinds.get(path);
    if (kinds === undefined) this.kinds.set(path, (kinds = this.computeKinds(path)));
    return kinds;
  }

  private computeKinds(path: string): readonly string[] {
    if (path === "") return [];
    const cut = path.lastIndexOf(".");
    const name = cut < 0 ? path : path.slice(cut + 1);
    const className = this.tree.get(path)?.className;
    if (className !== undefined) return [className];
    if (!isIndex(name)) return [name];
    // A numbered part of a Sequential without a class: known by the names of its children where
    // it has two or more named ones (a squeeze-excitation's `avgpool`, `fc1`, ... wherever it is
    // numbered); a part with numbered children only says nothing. With four named children or
    // more, also by each set of all but one: one that lost a child's only op (its `activation`)
    // is still known by the rest.
    const children = [...(this.knownPaths().get(path) ?? [])].sort();
    const named = children.filter((c) => !isIndex(c)).length;
    if (named < 2) return [];
    const kinds = [`{${children.join(",")}}`];
    if (named >= MIN_NAMED_FOR_PARTIAL_KIND) for (const left of children) kinds.push(`{${children.filter((c) => c !== left).join(",")}}`);
    return kinds;
  }
}
