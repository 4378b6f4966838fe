import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  VERSION
} from "./chunk-MG3C76CF.js";
import {
  atoms,
  buildGraphIndex,
  childPath,
  classPathIndices,
  classPathsConflict,
  collectEvidence,
  conflicts,
  deepest,
  functionKey,
  groupScope,
  instanceIndices,
  isAncestorOrSelf,
  isConverterCastName,
  isIndex,
  lowestCommonAncestor,
  mayBeStateDictName,
  parentPath,
  readsOnlyInitializers,
  tagPaths
} from "./chunk-PAMJ3YLT.js";

// src/contamination/neighbourhood.ts
var MAX_HOPS = 4;
function walk(start, next, known) {
  const found = /* @__PURE__ */ new Set();
  let frontier = next(start);
  const seen = /* @__PURE__ */ new Set([start]);
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const following = [];
    for (const n of frontier) {
      if (seen.has(n)) continue;
      seen.add(n);
      if (known(n)) found.add(n);
      else for (const m of next(n)) following.push(m);
    }
    frontier = following;
  }
  return [...found].sort((a, b) => a - b);
}
function neighbourhood(index, i, known) {
  return {
    producers: walk(i, (n) => index.producers.of(n), known),
    consumers: walk(i, (n) => index.consumers.of(n), known)
  };
}

// src/contamination/analogy.ts
var MAX_COUNTERPARTS = 6;
var MAX_TRIED = 48;
var InstanceShapes = class {
  constructor(index, known, naming) {
    this.naming = naming;
    let last;
    let counts;
    for (let k = 0; k < index.nodes.length; k++) {
      const e = index.nodes[k];
      const c = known[e.index];
      if (c === null || c === void 0 || e.graph !== "") continue;
      if (c !== last) {
        last = c;
        counts = this.moduleOps.get(c);
        if (!counts) this.moduleOps.set(c, counts = /* @__PURE__ */ new Map());
      }
      counts.set(e.node.opType, (counts.get(e.node.opType) ?? 0) + 1);
    }
    for (const [c, m] of this.moduleOps) {
      for (const inst of naming.instanceChain(c)) {
        let sum = this.ops.get(inst.path);
        if (!sum) this.ops.set(inst.path, sum = /* @__PURE__ */ new Map());
        for (const [op, k] of m) sum.set(op, (sum.get(op) ?? 0) + k);
      }
    }
  }
  ops = /* @__PURE__ */ new Map();
  /**
   * Op-type counts of each module's own nodes with direct evidence, main graph only (modules in
   * the order their first node comes): made once here, read by SiblingAnalogy too.
   */
  moduleOps = /* @__PURE__ */ new Map();
  /** Whether both instances have nodes with direct evidence (else `similarity` says nothing). */
  knows(a, b) {
    return this.ops.has(a) && this.ops.has(b);
  }
  /** Weighted Jaccard similarity of two instances' op counts (1 = the same ops). */
  similarity(a, b) {
    const x = this.ops.get(a);
    const y = this.ops.get(b);
    if (!x || !y) return 0;
    let inter = 0;
    let union = 0;
    for (const op of /* @__PURE__ */ new Set([...x.keys(), ...y.keys()])) {
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
  spansLayers(contexts, nested = false) {
    return this.spans(contexts, nested, true);
  }
  /**
   * Whether contexts lie in two or more instances of one repeated container, at any level of
   * nesting, alike or not: for a node with no inputs, which carries no dataflow from one
   * instance into another. Swin's shifted-window blocks run their mask's ops besides the plain
   * blocks' (op counts 0.22 alike), yet a constant both read is one value serving both.
   */
  spansInstances(contexts) {
    return this.spans(contexts, true, false);
  }
  spans(contexts, nested, alike) {
    const insts = /* @__PURE__ */ new Map();
    for (const c of contexts) {
      if (nested) for (const inst of this.naming.instanceChain(c)) insts.set(inst.path, inst);
      else {
        const inst = this.naming.instanceOf(c);
        if (inst) insts.set(inst.path, inst);
      }
    }
    const byTemplate = /* @__PURE__ */ new Map();
    for (const i of insts.values()) (byTemplate.get(i.template) ?? byTemplate.set(i.template, []).get(i.template)).push(i.path);
    for (const list of byTemplate.values()) {
      if (!alike) {
        if (list.length >= 2) return true;
        continue;
      }
      list.sort();
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < Math.min(list.length, i + 1 + PAIRS_PER_INSTANCE); j++) {
          if (this.similarity(list[i], list[j]) >= LAYER_SIMILARITY) return true;
        }
      }
    }
    return false;
  }
};
var LAYER_SIMILARITY = 0.5;
var WHOLE_PART_OPS = 4;
var PAIRS_PER_INSTANCE = 4;
function agreement(mine, theirs, mineKey, theirKey, counts) {
  let agree = 0;
  for (const n of mine) {
    if (n.dir === "out" && theirs.some((t) => t.node === n.node)) continue;
    const same = theirs.filter((t) => t.dir === n.dir && t.op === n.op);
    if (same.length === 0) continue;
    const asNear = same.filter((t) => t.near === n.near);
    const key = mineKey(n.context);
    if (!(asNear.length > 0 ? asNear : same).some((t) => theirKey(t.context) === key)) {
      if (asNear.length > 0) return -1;
      continue;
    }
    if (n.near && asNear.length > 0 && counts(key)) agree++;
  }
  return agree;
}
function sameSurroundings(mine, theirs) {
  const sig = (list) => list.map((n) => `${n.dir}:${n.op}:${n.near ? "near" : "far"}`).sort().join(",");
  return sig(mine) === sig(theirs);
}
function exitsFit(mine, theirs, ours, theirContainer) {
  let differs = false;
  for (const dir of ["in", "out"]) {
    const a = mine.filter((n) => n.dir === dir);
    const b = theirs.filter((n) => n.dir === dir);
    if (a.some((n) => b.some((t) => t.op === n.op))) continue;
    differs = true;
    if (a.length === 0 || b.length === 0) return false;
    if (a.some((n) => isAncestorOrSelf(ours, n.context)) || b.some((t) => isAncestorOrSelf(theirContainer, t.context))) return false;
  }
  return differs;
}
function* nearestFirst(sorted, at) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (sorted[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  let left = lo - 1;
  let right = lo;
  while (left >= 0 || right < sorted.length) {
    if (right >= sorted.length || left >= 0 && at - sorted[left] <= sorted[right] - at) yield sorted[left--];
    else yield sorted[right++];
  }
}
function inside(path, instance) {
  return path === instance || path.startsWith(instance + ".");
}
function relativeTo(path, anchor, naming) {
  if (inside(path, anchor.path)) return "@" + path.slice(anchor.path.length);
  const inst = naming.instanceOf(path);
  if (inst && inst.template === anchor.template) return `@${inst.index - anchor.index}` + path.slice(inst.path.length);
  if (inst) return "^";
  return path;
}
function instanceOffset(path, anchor, naming) {
  const rel = relativeTo(path, anchor, naming);
  if (!rel.startsWith("@")) return rel;
  const cut = rel.indexOf(".");
  return cut < 0 ? rel : rel.slice(0, cut);
}
var DOWNSTREAM_DEPTH = 4;
var DOWNSTREAM_FANOUT = 4;
var LOST_LEVELS = 2;
var MIN_NAMED_FOR_PARTIAL_KIND = 4;
var KIND_LEVELS = 2;
function relativeToKind(path, anchor) {
  let a = anchor;
  for (let k = 0; k <= KIND_LEVELS; k++) {
    if (a === "") return `^${k}.${path}`;
    if (inside(path, a)) return `^${k}` + unnumbered(path.slice(a.length));
    a = parentPath(a);
  }
  return "~";
}
function unnumbered(rest) {
  const end = rest.indexOf(".", 1);
  const first = end < 0 ? rest.slice(1) : rest.slice(1, end);
  return first !== "" && isIndex(first) ? ".#" + (end < 0 ? "" : rest.slice(end)) : rest;
}
var SiblingAnalogy = class {
  /** `pending`: the nodes that will ask; only counterparts they could match are indexed. */
  constructor(index, tree, known, pending, shapes) {
    this.index = index;
    this.tree = tree;
    this.known = known;
    this.shapes = shapes ?? (() => this.ownShapes ??= new InstanceShapes(index, known, tree.naming));
    this.keys = new Array(index.nodes.length);
    const ops = /* @__PURE__ */ new Set();
    const wanted = /* @__PURE__ */ new Set();
    for (let q = 0; q < pending.length; q++) {
      const u = pending[q];
      ops.add(index.nodes[u].node.opType);
      for (const k of this.structuralKeys(u)) wanted.add(k);
    }
    const members = [];
    for (let q = 0; q < index.nodes.length; q++) {
      const entry = index.nodes[q];
      if (entry.graph !== "" || !ops.has(entry.node.opType)) continue;
      const c = known[entry.index];
      if (c === null || c === void 0) continue;
      const all = this.structuralKeys(entry.index);
      const keys = all.every((k) => wanted.has(k)) ? all : all.filter((k) => wanted.has(k));
      this.keys[entry.index] = keys;
      if (keys.length === 0) continue;
      const inst = this.tree.naming.instanceOf(c);
      for (const key of keys) {
        (this.anywhere.get(key) ?? this.anywhere.set(key, []).get(key)).push(entry.index);
        if (inst) members.push([key, inst.template, inst.index, entry.index]);
      }
    }
    const byId = (a, b) => index.nodes[a].id < index.nodes[b].id ? -1 : 1;
    for (const list of this.anywhere.values()) list.sort(byId);
    members.sort((a, b) => byId(a[3], b[3]));
    for (const [key, template, layer, node] of members) {
      let byTemplate = this.buckets.get(key);
      if (!byTemplate) this.buckets.set(key, byTemplate = /* @__PURE__ */ new Map());
      let byLayer = byTemplate.get(template);
      if (!byLayer) byTemplate.set(template, byLayer = /* @__PURE__ */ new Map());
      (byLayer.get(layer) ?? byLayer.set(layer, []).get(layer)).push(node);
    }
  }
  /** structural key → template → layer index → nodes (sorted by id). */
  buckets = /* @__PURE__ */ new Map();
  keys;
  /** `structuralKeys`' lists by their strictest key. */
  keyLists = /* @__PURE__ */ new Map();
  neighbourCache = /* @__PURE__ */ new Map();
  /** structural key → every node with direct evidence (sorted by id): repeated calls of one module. */
  anywhere = /* @__PURE__ */ new Map();
  /**
   * Structural keys of a node, the strictest first: op types around it (its own, its producers'
   * and its consumers', sorted multisets), then one side only. A layer's first or last node
   * borders a different neighbour in the last layer of a stack (ResNet's final `relu` feeds the
   * pooling, not a next block), so one side must do when no counterpart matches both.
   */
  structuralKeys(i) {
    const cached = this.keys[i];
    if (cached !== void 0) return cached;
    const op = (j) => this.index.nodes[j].node.opType;
    const ins = this.index.producers.of(i).map(op).sort().join(",");
    const outs = this.index.consumers.of(i).map(op).sort().join(",");
    const own = op(i);
    const strict = `${own}|${ins}|${outs}`;
    let keys = this.keyLists.get(strict);
    if (keys === void 0) {
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
  carriesOver(answer, theirs, lostLevels) {
    if (!this.tree.allows(answer)) return false;
    const known = this.knownPaths();
    if (known.has(answer)) return true;
    let parent = answer;
    for (let k = 0; k < lostLevels && !known.has(parent); k++) {
      if (parent === "") return false;
      parent = parentPath(parent);
    }
    const children = known.get(parent);
    if (!children) return false;
    const lostPart = parent === "" ? answer : answer.slice(parent.length + 1);
    const theirParent = theirs === lostPart ? "" : theirs.endsWith("." + lostPart) ? theirs.slice(0, -(lostPart.length + 1)) : null;
    const theirChildren = theirParent === null ? void 0 : known.get(theirParent);
    if (!theirChildren) return false;
    const lost = lostPart.split(".")[0];
    const ours = [...children, lost];
    const shared = ours.filter((name) => theirChildren.has(name) && (name === lost || this.sameClass(childPath(parent, name), childPath(theirParent, name)) !== false)).length;
    const before = isIndex(lost) ? String(Number(lost) - 1) : null;
    if (before !== null && theirChildren.has(before) && !children.has(before)) return false;
    for (const name of theirChildren) {
      if (name !== lost && !isIndex(name) && !children.has(name) && this.subtreeOps(childPath(theirParent, name)) >= WHOLE_PART_OPS) return false;
    }
    return this.sameClass(parent, theirParent) !== false && shared * 2 >= ours.length;
  }
  subtreeTotals;
  /** How many nodes with direct evidence a module and its descendants run (built once). */
  subtreeOps(module) {
    if (!this.subtreeTotals) {
      this.subtreeTotals = /* @__PURE__ */ new Map();
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
  opCounts;
  /** Layer template → its instances with direct evidence. */
  instancesOf;
  /** The op types a module's nodes with direct evidence run, with how many of each (built once). */
  opCountsOf(module) {
    return this.moduleCounts().opCounts.get(module);
  }
  /** `opCountsOf`'s counts, and each layer template's instances with direct evidence: built once. */
  moduleCounts() {
    if (!this.opCounts || !this.instancesOf) {
      this.opCounts = this.shapes().moduleOps;
      this.instancesOf = /* @__PURE__ */ new Map();
      for (const c of this.opCounts.keys()) {
        const inst = this.tree.naming.instanceOf(c);
        if (inst) (this.instancesOf.get(inst.template) ?? this.instancesOf.set(inst.template, /* @__PURE__ */ new Set()).get(inst.template)).add(inst.path);
      }
    }
    return { opCounts: this.opCounts, instancesOf: this.instancesOf };
  }
  ownModuleOps;
  /**
   * Whether the model runs ops of this type as modules of their own somewhere: a leaf module
   * whose nodes with direct evidence are all of this type (DenseNet's `relu1`, a block's
   * `activation`), as opposed to a functional op run inside its caller (`torch.flatten`).
   */
  runsAsOwnModule(op) {
    if (!this.ownModuleOps) {
      this.ownModuleOps = /* @__PURE__ */ new Set();
      for (const [module, ops] of this.moduleCounts().opCounts) {
        if (ops.size === 1 && module !== "" && this.tree.get(module)?.children.length === 0) this.ownModuleOps.add(ops.keys().next().value);
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
  hasRoom(answer, theirs, v) {
    const op = this.index.nodes[v].node.opType;
    const count = (module) => this.opCountsOf(module)?.get(op) ?? 0;
    let most = count(theirs);
    const inst = this.tree.naming.instanceOf(answer);
    if (inst) {
      const rel = answer.slice(inst.path.length);
      for (const other of this.moduleCounts().instancesOf.get(inst.template) ?? []) most = Math.max(most, count(other + rel));
    }
    return most !== 1 || count(answer) === 0;
  }
  /** Whether two modules are of one class, undefined where the tree does not know both classes. */
  sameClass(a, b) {
    const ca = this.tree.get(a)?.className;
    const cb = this.tree.get(b)?.className;
    return ca !== void 0 && cb !== void 0 ? ca === cb : void 0;
  }
  paths;
  /** Every module path the evidence names, with its ancestors, and the names of its children. */
  knownPaths() {
    if (this.paths) return this.paths;
    const known = /* @__PURE__ */ new Map([["", /* @__PURE__ */ new Set()]]);
    for (const path of this.tree.modules.keys()) {
      for (let p = path; p !== ""; ) {
        const cut = p.lastIndexOf(".");
        const parent = cut < 0 ? "" : p.slice(0, cut);
        const name = cut < 0 ? p : p.slice(cut + 1);
        const fresh = !known.has(p);
        if (fresh) known.set(p, /* @__PURE__ */ new Set());
        let siblings = known.get(parent);
        if (!siblings) known.set(parent, siblings = /* @__PURE__ */ new Set());
        siblings.add(name);
        if (!fresh) break;
        p = parent;
      }
    }
    this.paths = known;
    return known;
  }
  /** The nearest nodes with a module on each side, looking through nodes without one (neighbourhood.ts). */
  neighbours(i, context) {
    const around = neighbourhood(this.index, i, (j) => context(j) !== null);
    const out = [];
    const producers = this.index.producers.of(i);
    const consumers = this.index.consumers.of(i);
    for (const j of around.producers) out.push({ node: j, dir: "in", op: this.index.nodes[j].node.opType, context: context(j), near: producers.includes(j) });
    for (const j of around.consumers) out.push({ node: j, dir: "out", op: this.index.nodes[j].node.opType, context: context(j), near: consumers.includes(j) });
    return out;
  }
  knownNeighbours(v) {
    let hit = this.neighbourCache.get(v);
    if (!hit) this.neighbourCache.set(v, hit = this.neighbours(v, (j) => this.known[j] ?? null));
    return hit;
  }
  /**
   * Testimony for node `u` from counterparts in siblings of the instances its neighbours lie in.
   * `context` gives the current module of any node (direct evidence, or an earlier round's
   * attribution) or null. A counterpart counts when at least one neighbour known on both sides
   * agrees (relative to the instances) and none disagrees.
   */
  answersFor(u, context) {
    const mine = this.neighbours(u, context);
    const nextDoor = (j) => context(j) !== null;
    const lostLevels = this.index.producers.of(u).every(nextDoor) && this.index.consumers.of(u).every(nextDoor) ? LOST_LEVELS : 1;
    for (const key of this.structuralKeys(u)) {
      const answers = this.answersByKey(u, key, mine, lostLevels, context);
      if (answers.length > 0) return answers;
    }
    return [];
  }
  answersByKey(u, key, mine, lostLevels, context) {
    const answers = /* @__PURE__ */ new Map();
    const deep = /* @__PURE__ */ new Map();
    let mineDeep;
    const add = (context2, v) => {
      const a = answers.get(context2) ?? answers.set(context2, { context: context2, support: 0, examples: [] }).get(context2);
      a.support++;
      if (a.examples.length < 2) a.examples.push(this.index.nodes[v].node.name || this.index.nodes[v].id);
      if (this.downstream(v) === (mineDeep ??= this.downstream(u))) deep.set(context2, (deep.get(context2) ?? 0) + 1);
      if (this.sameSlots(u, v)) slotted.add(context2);
    };
    const slotted = /* @__PURE__ */ new Set();
    let slotSeen = false;
    const saw = (v) => {
      if (this.sameSlots(u, v)) slotSeen = true;
    };
    let tried = 0;
    let used = 0;
    for (const v of this.anywhere.get(key) ?? []) {
      if (used >= MAX_COUNTERPARTS || ++tried > MAX_TRIED) break;
      if (v === u || this.nextTo(u, v) || this.index.nodes[u].node.inputs.length !== this.index.nodes[v].node.inputs.length) continue;
      const id = (c) => c;
      if (agreement(mine, this.knownNeighbours(v), id, id, () => true) < 2) continue;
      used++;
      saw(v);
      add(this.known[v], v);
    }
    this.instanceAnswers(u, key, mine, lostLevels, context, saw, add);
    if (answers.size === 0) this.kindAnswers(u, key, mine, lostLevels, saw, add);
    if (answers.size === 0) this.instanceLevelAnswers(u, key, mine, saw, add);
    let list = [...answers.values()];
    if (slotSeen) list = list.filter((a) => slotted.has(a.context));
    if (deep.size > 0 && deep.size < list.length) list = list.filter((a) => deep.has(a.context));
    return list.sort((a, b) => b.support - a.support || (a.context < b.context ? -1 : 1));
  }
  downstreamCache = /* @__PURE__ */ new Map();
  /**
   * The op types downstream of a node, DOWNSTREAM_DEPTH levels deep, with the input slot each
   * consumer reads it in (a key's MatMul feeds the scores' second input, a query's the first).
   * A function of the graph alone: names and evidence play no part.
   */
  downstream(i) {
    const hit = this.downstreamCache.get(i);
    if (hit !== void 0) return hit;
    const walk2 = (j, depth) => {
      const e = this.index.nodes[j];
      if (depth === 0) return e.node.opType;
      const parts = [];
      for (const c of this.index.consumers.of(j).slice(0, DOWNSTREAM_FANOUT)) parts.push(`${this.inputSlot(j, c)}:${walk2(c, depth - 1)}`);
      return `${e.node.opType}(${parts.sort().join(",")})`;
    };
    const sig = walk2(i, DOWNSTREAM_DEPTH);
    this.downstreamCache.set(i, sig);
    return sig;
  }
  /**
   * A node next to `u` is no counterpart of it: its neighbours, seen through `u` (which has no
   * module yet), are `u`'s own, and would agree with them by construction.
   */
  nextTo(u, v) {
    return this.index.producers.has(u, v) || this.index.consumers.has(u, v);
  }
  /** Which input of consumer `c` reads an output of node `j` (the first such). */
  inputSlot(j, c) {
    const outs = this.index.nodes[j].node.outputs;
    return this.index.nodes[c].node.inputs.findIndex((t) => outs.includes(t));
  }
  /**
   * Whether a counterpart feeds each op that both feed in the same input: a block's main branch
   * and its shortcut both end in the residual Add, in its first and its second input.
   */
  sameSlots(u, v) {
    const op = (c) => this.index.nodes[c].node.opType;
    const theirs = this.index.consumers.of(v);
    for (const c of this.index.consumers.of(u)) {
      const same = theirs.filter((d) => op(d) === op(c));
      const slot = this.inputSlot(u, c);
      if (same.length > 0 && !same.some((d) => this.inputSlot(v, d) === slot)) return false;
    }
    return true;
  }
  strictKeys = /* @__PURE__ */ new Map();
  /** Op types right next to a node, placed or not: its own, its producers', its consumers'. */
  strictKey(i) {
    let key = this.strictKeys.get(i);
    if (key === void 0) {
      const op = (j) => this.index.nodes[j].node.opType;
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
  branchFits(u, v, anchor, vInst, context) {
    if (this.strictKey(u) !== this.strictKey(v)) return false;
    const home = parentPath(this.known[v]);
    if (home === "" || home === vInst.path) return false;
    const naming = this.tree.naming;
    const op = (j) => this.index.nodes[j].node.opType;
    for (const [ours, theirs] of [
      [this.index.producers.of(u), this.index.producers.of(v)],
      [this.index.consumers.of(u), this.index.consumers.of(v)]
    ]) {
      for (const x of ours) {
        const cx = context(x);
        const fits = theirs.some((y) => {
          const cy = this.known[y];
          if (op(y) !== op(x) || cy === null || cy === void 0) return false;
          if (cx !== null) return relativeTo(cx, anchor, naming) === relativeTo(cy, vInst, naming);
          return cy !== home && inside(cy, home) || inside(cy, vInst.path) && this.strictKey(x) === this.strictKey(y);
        });
        if (!fits) return false;
      }
    }
    return true;
  }
  layerOrders = /* @__PURE__ */ new Map();
  /** A bucket's layer indices, ascending (sorted once per key and template). */
  layerOrder(key, template, byLayer) {
    const k = `${key}\0${template}`;
    let order = this.layerOrders.get(k);
    if (!order) this.layerOrders.set(k, order = [...byLayer.keys()].sort((a, b) => a - b));
    return order;
  }
  /** The layer instances the node's neighbours lie in, by path. */
  anchorsOf(mine) {
    const anchors = /* @__PURE__ */ new Map();
    for (const n of mine) {
      const inst = this.tree.naming.instanceOf(n.context);
      if (inst) anchors.set(inst.path, inst);
    }
    return [...anchors.values()].sort((a, b) => a.path < b.path ? -1 : 1);
  }
  /** The instances' op counts, built on first use (or the caller's, built from the same evidence). */
  shapes;
  ownShapes;
  /**
   * Whether two instances run much the same ops, where both are leaves with direct evidence:
   * the parts of a Sequential of leaves (SqueezeNet's `features.1` a ReLU, `features.2` a
   * MaxPool) are numbered like layers of a stack, but a part is no counterpart of an unlike one.
   */
  alike(a, b) {
    const leaf = (p) => (this.tree.get(p)?.children.length ?? 0) === 0;
    if (!leaf(a) || !leaf(b)) return true;
    const shapes = this.shapes();
    return !shapes.knows(a, b) || shapes.similarity(a, b) >= LAYER_SIMILARITY;
  }
  /** Counterparts in sibling instances of the repeated layers the node's neighbours lie in. */
  instanceAnswers(u, key, mine, lostLevels, context, saw, add) {
    const byTemplate = this.buckets.get(key);
    if (!byTemplate) return;
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
          for (const v of byLayer.get(layer)) {
            if (++tried > MAX_TRIED) break;
            if (this.nextTo(u, v)) continue;
            const vc = this.known[v];
            const vInst = this.tree.naming.instanceOf(vc);
            if (!this.alike(anchor.path, vInst.path)) continue;
            const agree = agreement(
              mine,
              this.knownNeighbours(v),
              (c) => relativeTo(c, anchor, this.tree.naming),
              (c) => relativeTo(c, vInst, this.tree.naming),
              (rel) => rel.startsWith("@")
            );
            if (agree < 1) continue;
            saw(v);
            const answer = anchor.path + relativeTo(vc, vInst, this.tree.naming).slice(1);
            const theirs = this.knownNeighbours(v);
            const levels = sameSurroundings(mine, theirs) || lostLevels === LOST_LEVELS && exitsFit(mine, theirs, parentPath(answer), parentPath(vc)) ? lostLevels : this.branchFits(u, v, anchor, vInst, context) ? LOST_LEVELS : 1;
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
  instanceLevelAnswers(u, key, mine, saw, add) {
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
        for (const v of byLayer.get(layer)) {
          if (++tried > MAX_TRIED) break;
          const vc = this.known[v];
          const vInst = this.tree.naming.instanceOf(vc);
          if (vc !== vInst.path || this.nextTo(u, v)) continue;
          const agree = agreement(
            mine,
            this.knownNeighbours(v),
            (c) => instanceOffset(c, anchor, this.tree.naming),
            (c) => instanceOffset(c, vInst, this.tree.naming),
            (rel) => rel.startsWith("@")
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
  kindAnswers(u, key, mine, lostLevels, saw, add) {
    const anchors = /* @__PURE__ */ new Map();
    for (const n of mine) {
      for (let p = n.context, k = 0; k <= KIND_LEVELS && p !== ""; k++, p = parentPath(p)) {
        for (const kind of this.kindsOf(p)) (anchors.get(kind) ?? anchors.set(kind, /* @__PURE__ */ new Set()).get(kind)).add(p);
      }
    }
    if (anchors.size === 0) return;
    const kinds = this.kindsOfKey(key);
    let any = false;
    for (const k of anchors.keys()) if (kinds.has(k)) any = true;
    if (!any) return;
    let tried = 0;
    let used = 0;
    for (const v of this.anywhere.get(key) ?? []) {
      if (used >= MAX_COUNTERPARTS || ++tried > MAX_TRIED) break;
      if (v === u || this.nextTo(u, v)) continue;
      const vc = this.known[v];
      const theirs = this.knownNeighbours(v);
      let found = false;
      for (let x = vc, k = 0; !found && k <= KIND_LEVELS && x !== ""; k++, x = parentPath(x)) {
        const alike = /* @__PURE__ */ new Set();
        for (const kind of this.kindsOf(x)) for (const m of anchors.get(kind) ?? []) alike.add(m);
        for (const m of [...alike].sort()) {
          if (m === x) continue;
          if (agreement(mine, theirs, (c) => relativeToKind(c, m), (c) => relativeToKind(c, x), (rel) => rel.startsWith("^")) < 2) continue;
          saw(v);
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
  keyKinds = /* @__PURE__ */ new Map();
  /** The kinds of the modules (and their ancestors, KIND_LEVELS up) the key's placed nodes lie in. */
  kindsOfKey(key) {
    let kinds = this.keyKinds.get(key);
    if (kinds) return kinds;
    kinds = /* @__PURE__ */ new Set();
    const seen = /* @__PURE__ */ new Set();
    for (const v of this.anywhere.get(key) ?? []) {
      const vc = this.known[v];
      if (seen.has(vc)) continue;
      seen.add(vc);
      for (let x = vc, k = 0; k <= KIND_LEVELS && x !== ""; k++, x = parentPath(x)) {
        for (const kind of this.kindsOf(x)) kinds.add(kind);
      }
    }
    this.keyKinds.set(key, kinds);
    return kinds;
  }
  kinds = /* @__PURE__ */ new Map();
  /** The kinds a module is known by (two modules are alike when they share one). */
  kindsOf(path) {
    let kinds = this.kinds.get(path);
    if (kinds === void 0) this.kinds.set(path, kinds = this.computeKinds(path));
    return kinds;
  }
  computeKinds(path) {
    if (path === "") return [];
    const cut = path.lastIndexOf(".");
    const name = cut < 0 ? path : path.slice(cut + 1);
    const className = this.tree.get(path)?.className;
    if (className !== void 0) return [className];
    if (!isIndex(name)) return [name];
    const children = [...this.knownPaths().get(path) ?? []].sort();
    const named = children.filter((c) => !isIndex(c)).length;
    if (named < 2) return [];
    const kinds = [`{${children.join(",")}}`];
    if (named >= MIN_NAMED_FOR_PARTIAL_KIND) for (const left of children) kinds.push(`{${children.filter((c) => c !== left).join(",")}}`);
    return kinds;
  }
};

// src/contamination/sequence.ts
var MAX_OFFSET = 3;
function findParts(context) {
  const out = [];
  let start = 0;
  for (; ; ) {
    const end = context.indexOf(".", start);
    const atom = end < 0 ? context.slice(start) : context.slice(start, end);
    if (atom !== "" && isIndex(atom)) out.push({ container: start === 0 ? "" : context.slice(0, start - 1), index: Number(atom) });
    if (end < 0) return out;
    start = end + 1;
  }
}
var SURE_SIDE = 0.5;
var SequenceParts = class {
  /** `opsOf`: the op types a module's nodes with direct evidence run. */
  constructor(index, tree, known, opsOf) {
    this.index = index;
    this.tree = tree;
    this.known = known;
    this.opsOf = opsOf;
  }
  partsCache = /* @__PURE__ */ new Map();
  /** `A>B` → offset → how often a part running A feeds one running B that many parts on. */
  offsets = /* @__PURE__ */ new Map();
  /** The same for a B that ends its Sequential (`A>B|last`), or an A that starts it (`A>B|first`). */
  edges = /* @__PURE__ */ new Map();
  counted = false;
  /**
   * `offsets` and `edges`, counted over every edge of the graph on first use: only a node with
   * several missing parts to choose from asks, and most graphs have none.
   */
  countOffsets() {
    if (this.counted) return;
    this.counted = true;
    const { index, known } = this;
    const inContainer = (j, container) => {
      const c = known[j];
      return c !== null && c !== void 0 && (container === "" || c.startsWith(container + "."));
    };
    for (let k = 0; k < index.nodes.length; k++) {
      const e = index.nodes[k];
      const ca = known[e.index];
      if (ca === null || ca === void 0 || e.graph !== "") continue;
      const mine = this.partsOf(ca);
      if (mine.length === 0) continue;
      for (let k2 = index.consumers.start[e.index]; k2 < index.consumers.start[e.index + 1]; k2++) {
        const b = index.consumers.targets[k2];
        const cb = known[b];
        if (cb === null || cb === void 0) continue;
        for (const pb of this.partsOf(cb)) {
          const a = mine.find((p) => p.container === pb.container);
          if (!a || pb.index <= a.index || pb.index - a.index > MAX_OFFSET) continue;
          const key = `${e.node.opType}>${index.nodes[b].node.opType}`;
          const d = pb.index - a.index;
          this.count(this.offsets, key, d);
          if (ca !== childPath(a.container, a.index) || cb !== childPath(pb.container, pb.index)) continue;
          if (!index.consumers.of(b).some((k3) => inContainer(k3, a.container))) this.count(this.edges, `${key}|last`, d);
          if (!index.producers.of(e.index).some((k3) => inContainer(k3, a.container))) this.count(this.edges, `${key}|first`, d);
        }
      }
    }
  }
  count(m, key, d) {
    const byOffset = m.get(key) ?? m.set(key, /* @__PURE__ */ new Map()).get(key);
    byOffset.set(d, (byOffset.get(d) ?? 0) + 1);
  }
  /** `findParts`, once per distinct module (a graph names the same few thousand modules again and again). */
  partsOf(context) {
    let parts = this.partsCache.get(context);
    if (!parts) this.partsCache.set(context, parts = findParts(context));
    return parts;
  }
  subtreeOps = /* @__PURE__ */ new Map();
  /** Whether a module or one of its descendants runs `op` (direct evidence). */
  runsInside(path, op) {
    let ops = this.subtreeOps.get(path);
    if (!ops) {
      ops = /* @__PURE__ */ new Set();
      const stack = [path];
      while (stack.length > 0) {
        const p = stack.pop();
        for (const o of this.opsOf(p)?.keys() ?? []) ops.add(o);
        stack.push(...this.tree.get(p)?.children ?? []);
      }
      this.subtreeOps.set(path, ops);
    }
    return ops.has(op);
  }
  missing(container, k) {
    const path = childPath(container, k);
    return this.tree.get(path) === void 0 && this.tree.allows(path);
  }
  /**
   * The missing part node `u` is, from the parts its producers and consumers (their current
   * modules, `ctx`) run in; empty where none or several fit equally.
   */
  candidatesFor(u, ctx, sureOf) {
    const op = this.index.nodes[u].node.opType;
    const own = (j, c, part) => c === childPath(part.container, part.index) && (this.known[j] === c || sureOf(j) >= SURE_SIDE);
    const sides = /* @__PURE__ */ new Map();
    const side = (container) => sides.get(container) ?? sides.set(container, { lower: null, lowerOp: "", lowerLeaf: false, upper: null, upperOp: "", upperLeaf: false }).get(container);
    for (const p of this.index.producers.of(u)) {
      const c = ctx(p);
      for (const part of c === null ? [] : this.partsOf(c)) {
        const s = side(part.container);
        if (s.lower === null || part.index > s.lower) {
          s.lower = part.index;
          s.lowerOp = this.index.nodes[p].node.opType;
          s.lowerLeaf = own(p, c, part);
        }
      }
    }
    for (const q of this.index.consumers.of(u)) {
      const c = ctx(q);
      for (const part of c === null ? [] : this.partsOf(c)) {
        const s = side(part.container);
        if (s.upper === null || part.index < s.upper) {
          s.upper = part.index;
          s.upperOp = this.index.nodes[q].node.opType;
          s.upperLeaf = own(q, c, part);
        }
      }
    }
    const out = [];
    for (const [container, s] of [...sides].sort(([a], [b]) => a < b ? -1 : 1)) {
      if (s.lower !== null && s.upper !== null && s.upper - s.lower < 2) continue;
      const foreign = (k2) => k2 === null || !this.runsInside(childPath(container, k2), op);
      if (!foreign(s.lower) || !foreign(s.upper)) continue;
      const candidates = [];
      if (s.lower !== null && s.upper !== null) {
        for (let k2 = s.lower + 1; k2 < s.upper; k2++) candidates.push(k2);
        if (!candidates.every((k2) => this.missing(container, k2))) continue;
      } else if (s.lower !== null) {
        if (!s.lowerLeaf) continue;
        for (let k2 = s.lower + 1; k2 <= s.lower + MAX_OFFSET && this.missing(container, k2); k2++) candidates.push(k2);
      } else {
        if (!s.upperLeaf) continue;
        for (let k2 = s.upper - 1; k2 >= 0 && k2 >= s.upper - MAX_OFFSET && this.missing(container, k2); k2--) candidates.push(k2);
      }
      if (candidates.length === 0) continue;
      const placed = (list) => list.every((j) => ctx(j) !== null);
      if (s.upper === null && !placed(this.index.consumers.of(u))) continue;
      if (s.lower === null && !placed(this.index.producers.of(u))) continue;
      if (s.lower !== null && s.upper !== null && candidates.length === 1) {
        out.push({ context: childPath(container, candidates[0]), why: `the one missing part between ${childPath(container, s.lower)} and ${childPath(container, s.upper)}` });
        continue;
      }
      this.countOffsets();
      const score = /* @__PURE__ */ new Map();
      for (const k2 of candidates) {
        let fit = 0;
        let ok = true;
        const weigh = (key, table, d) => {
          const n = table.get(key)?.get(d) ?? 0;
          if (n === 0 && table.has(key)) ok = false;
          fit += n;
        };
        if (s.lower !== null) {
          if (s.upper !== null) weigh(`${s.lowerOp}>${op}`, this.offsets, k2 - s.lower);
          else weigh(`${s.lowerOp}>${op}|last`, this.edges, k2 - s.lower);
        }
        if (s.upper !== null) {
          if (s.lower !== null) weigh(`${op}>${s.upperOp}`, this.offsets, s.upper - k2);
          else weigh(`${op}>${s.upperOp}|first`, this.edges, s.upper - k2);
        }
        score.set(k2, ok ? fit : 0);
      }
      const best = Math.max(...score.values());
      const winners = candidates.filter((k2) => score.get(k2) === best);
      if (best === 0 || winners.length !== 1) continue;
      const k = winners[0];
      const shown = s.lower !== null ? `${s.lowerOp} \u2192 ${op} ${k - s.lower} part(s) on` : `${op} \u2192 ${s.upperOp} ${s.upper - k} part(s) on`;
      out.push({ context: childPath(container, k), why: `a missing part of ${container || "(root)"} where the graph's other parts run ${shown}` });
    }
    return out;
  }
};

// src/contamination/attribute.ts
var CONVERSION_OPS = /* @__PURE__ */ new Set(["Cast", "CastLike", "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear"]);
var MODEL_CONVERSION_OPS = /* @__PURE__ */ new Set(["Cast", "CastLike"]);
var WEIGHT = { conversion: 5, analogy: 4, parameter: 3, inlined: 3, structure: 2, sequence: 2, fork: 1.5, dataflow: 1 };
var ATTRIBUTION_CONFIDENCE = {
  /** Unopposed, with a conversion rule, a parameter name or a sibling counterpart among the testimony. */
  corroborated: 0.95,
  /** Unopposed dataflow from both sides naming the same module. */
  bothSides: 0.95,
  /**
   * Unopposed dataflow from its producers only (the graph's last ops): as often as not a module
   * of its own whose one op lost its name (a head, a final activation), so a guess.
   */
  producersOnly: 0.1,
  /** Unopposed dataflow from its consumers only (a constant, or a node fed by the graph's inputs). */
  consumersOnly: 0.9,
  /** The same for a node fed by the graph's inputs whose consumers' module runs no op of its type. */
  consumersOnlyForeign: 0.1,
  /**
   * At most, for dataflow from one side naming a leaf module that runs other op types and none
   * of this one: opposed (`contested`), and unopposed (`consumersOnly`, `producersOnly`).
   */
  foreignLeaf: { contested: 0.05, unopposed: 0.5 },
  /**
   * Unopposed dataflow naming a module and its ancestor (a node between `attention.self.query`
   * and `attention.self`): which of the two is a guess.
   */
  chain: 0.5,
  /** The same naming the shallower module, for an op type the model runs as modules of their own elsewhere. */
  chainOwnModule: 0.05,
  /**
   * At most, for dataflow naming a module no instance of whose kind runs the op type as its own
   * (`LayerOpCounts.runsNone`): 94 of 262 such answers were right (stripped scopes and generic
   * names, eight seeds over the corpus), where dataflow alone had stated up to 0.76.
   */
  foreignKind: 0.3,
  /**
   * Glue read from a foreign leaf with nothing placed after it, given to the leaf's caller: about
   * 31% of 148 such answers were right (twenty seeds, stripped scopes and generic names); the
   * rest are mostly a lost one-op module of the caller's (`pooler.activation`), given its parent.
   */
  gluePastLeaf: 0.3,
  /**
   * At most, where a repeated module's missing op (`structure`) lifted the answer above every
   * module the dataflow names, and one of those runs the op type itself: either may be the one
   * that lost it, and the count, taken against instances that lost ops too, cannot tell. 33 of
   * 62 such answers were right (twenty seeds, stripped scopes and generic names; GPT-2's Conv1D
   * constants given to `attn`), where `consumersOnly` had stated 0.9.
   */
  liftedPastOwnOp: 0.5,
  /** Opposed: from `contested.floor` at a margin of `contested.from` up to `contested.ceiling` at `contested.to`. */
  contested: { from: 0.6, to: 0.85, floor: 0.2, ceiling: 0.9 }
};
function parameterOwner(tree, tensorName) {
  if (!mayBeStateDictName(tensorName)) return void 0;
  const cut = tensorName.lastIndexOf(".");
  if (cut <= 0) return void 0;
  const owner = tensorName.slice(0, cut);
  if (!IDENTIFIER.test(tensorName.slice(cut + 1))) return void 0;
  if (owner.split(".").some((x) => x === "") || !tree.allows(owner)) return void 0;
  for (let p = owner; ; ) {
    if (tree.has(p)) return owner;
    const cut2 = p.lastIndexOf(".");
    if (cut2 < 0) return tree.has("") && !owner.includes(".") || readsAsParameter(tensorName) ? owner : void 0;
    p = p.slice(0, cut2);
  }
}
var IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
function readsAsParameter(name) {
  const atoms2 = name.split(".");
  return atoms2.length >= 3 && IDENTIFIER.test(atoms2[0]) && IDENTIFIER.test(atoms2[atoms2.length - 1]) && atoms2.every((a) => IDENTIFIER.test(a) || isIndex(a));
}
var MAX_ROUNDS = 8;
var INLINED = /^_inlfunc_([A-Za-z][A-Za-z0-9]*)_(token_\d+_)?/;
function inlinedCall(node) {
  const call = (name) => {
    const m = INLINED.exec(name);
    return m ? `${m[1]}:${m[2] ?? ""}` : null;
  };
  let found = call(node.name);
  for (let k = 0; found === null && k < node.outputs.length; k++) found = call(node.outputs[k]);
  for (let k = 0; found === null && k < node.inputs.length; k++) found = call(node.inputs[k]);
  return found;
}
function inlinedInstances(index, known, naming) {
  const out = /* @__PURE__ */ new Map();
  for (let k = 0; k < index.nodes.length; k++) {
    const e = index.nodes[k];
    const c = known[e.index];
    if (c === null || c === void 0 || e.graph !== "") continue;
    const call = inlinedCall(e.node);
    if (call === null) continue;
    const inst = naming.instanceOf(c)?.path;
    if (inst === void 0) continue;
    if (!out.has(call)) out.set(call, inst);
    else if (out.get(call) !== inst) out.set(call, null);
  }
  return out;
}
function callerOf(tree, path) {
  let p = parentPath(path);
  while (p !== "" && tree.naming.holdsParts(p)) p = parentPath(p);
  return p;
}
var KIND_INSTANCES = 3;
var POSITION = { inInside: 1, inOutside: 2, outInside: 4, outOutside: 8 };
var LayerOpCounts = class {
  /** `ops`: the op types that will be asked about; other ops are not counted. */
  constructor(index, tree, known, ops, keysOf) {
    this.index = index;
    this.tree = tree;
    this.known = known;
    this.keysOf = keysOf;
    const instances = /* @__PURE__ */ new Map();
    let lastContext;
    let lastShape = null;
    for (let k = 0; k < index.nodes.length; k++) {
      const e = index.nodes[k];
      const c = known[e.index];
      if (c === null || c === void 0 || e.graph !== "") continue;
      if (c !== lastContext) {
        lastContext = c;
        lastShape = this.shapeOf(c);
        if (lastShape !== null) {
          (this.instancesOfShape.get(lastShape) ?? this.instancesOfShape.set(lastShape, /* @__PURE__ */ new Set()).get(lastShape)).add(c);
          const kind = this.kindOf(c);
          (this.instancesOfKind.get(kind) ?? this.instancesOfKind.set(kind, /* @__PURE__ */ new Set()).get(kind)).add(c);
        }
      }
      const t = lastShape;
      if (t === null) continue;
      if (!ops.has(e.node.opType)) continue;
      let m = this.counts.get(c);
      if (!m) this.counts.set(c, m = /* @__PURE__ */ new Map());
      m.set(e.node.opType, (m.get(e.node.opType) ?? 0) + 1);
      (instances.get(t) ?? instances.set(t, /* @__PURE__ */ new Set()).get(t)).add(c);
      const keys = this.keys.get(t) ?? this.keys.set(t, /* @__PURE__ */ new Set()).get(t);
      const nodeKeys = keysOf(e.index);
      for (let q = 0; q < nodeKeys.length; q++) keys.add(nodeKeys[q]);
      const byOp = this.positions.get(t) ?? this.positions.set(t, /* @__PURE__ */ new Map()).get(t);
      byOp.set(e.node.opType, (byOp.get(e.node.opType) ?? 0) | this.positionsOf(e.index, c));
    }
    for (const [c, m] of this.counts) {
      const t = this.shapeOf(c);
      let most = this.most.get(t);
      if (!most) this.most.set(t, most = /* @__PURE__ */ new Map());
      for (const [op, k] of m) most.set(op, Math.max(most.get(op) ?? 0, k));
      const kind = this.kindOf(c);
      const runs = this.kindRuns.get(kind) ?? this.kindRuns.set(kind, /* @__PURE__ */ new Set()).get(kind);
      for (const op of m.keys()) runs.add(op);
    }
    for (const [t, set] of instances) if (set.size >= 2) this.repeated.add(t);
  }
  counts = /* @__PURE__ */ new Map();
  /** Shapes with two instances or more among `counts`: those `deficit` compares with `most`. */
  repeated = /* @__PURE__ */ new Set();
  /** Per shape, the structural keys of its instances' nodes (SiblingAnalogy.structuralKeys). */
  keys = /* @__PURE__ */ new Map();
  /**
   * Per shape and op type, on which sides its nodes have neighbours with direct evidence
   * inside their instance and outside it (`in:inside`, `out:outside`): a residual Add reads its
   * own block and feeds what follows the block, so a nameless Add that feeds the first op of a
   * block is not that block's missing Add (the first block of a stack has none). Which instance
   * is outside is not compared: a stack's last block feeds the next stack, the others a sibling.
   * Kept as POSITION bits, per shape then op type.
   */
  positions = /* @__PURE__ */ new Map();
  /** Per shape, its instances with direct evidence on any node (not only the counted op types). */
  instancesOfShape = /* @__PURE__ */ new Map();
  /** Per template (`encoder.layer.*.attention`), its instances with direct evidence and the op types any of them runs. */
  instancesOfKind = /* @__PURE__ */ new Map();
  kindRuns = /* @__PURE__ */ new Map();
  /** Per shape and op type, the most nodes of it that one instance runs as its own. */
  most = /* @__PURE__ */ new Map();
  /**
   * Instances are compared with those built alike: the same template and the same child names
   * (MobileNet's `features.1.block.2` is a convolution, `features.4.block.2` a
   * squeeze-excitation with a Mul of its own).
   */
  shape = /* @__PURE__ */ new Map();
  kinds = /* @__PURE__ */ new Map();
  /** The module's template (`encoder.layer.*.attention`), once per module. */
  kindOf(context) {
    let k = this.kinds.get(context);
    if (k === void 0) this.kinds.set(context, k = this.tree.naming.templateOf(context));
    return k;
  }
  shapeOf(context) {
    let s = this.shape.get(context);
    if (s === void 0) {
      const t = this.tree.naming.templateOf(context);
      const children = this.tree.get(context)?.children ?? [];
      s = t === null ? null : `${t}|${children.map((c) => c.slice(context.length + 1)).sort().join(",")}`;
      this.shape.set(context, s);
    }
    return s;
  }
  /**
   * Whether no instance of the module's kind (its template) runs `op` as its own op, of
   * KIND_INSTANCES at least with direct evidence. An Inception block runs no MaxPool of its own (its pooling
   * branch does), so a pool between two blocks, read from one, is not that block's however
   * strong the dataflow. (Counting up to the most any instance runs was tried: with few
   * instances, ops that lost their names made the most too low, and most answers it doubted
   * were right.)
   */
  runsNone(context, op) {
    const kind = this.kindOf(context);
    if (kind === null || (this.instancesOfKind.get(kind)?.size ?? 0) < KIND_INSTANCES) return false;
    return !(this.kindRuns.get(kind)?.has(op) ?? false);
  }
  /** The instances built like the module (its own shape) that have direct evidence, itself among them if it has. */
  instancesLike(context) {
    const t = this.shapeOf(context);
    return t === null ? void 0 : this.instancesOfShape.get(t);
  }
  /** How many nodes of `op` the module runs with direct evidence. */
  directCount(context, op) {
    return this.counts.get(context)?.get(op) ?? 0;
  }
  /** Where node `i`'s neighbours with direct evidence sit relative to the instance of `context` (POSITION bits). */
  positionsOf(i, context) {
    const inst = this.tree.naming.instanceOf(context);
    if (!inst) return 0;
    const side = (list, inside2, outside) => {
      let bits = 0;
      for (let k = list.start[i], end = list.start[i + 1]; k < end; k++) {
        const c = this.known[list.targets[k]];
        if (c !== null && c !== void 0) bits |= isAncestorOrSelf(inst.path, c) ? inside2 : outside;
      }
      return bits;
    };
    return side(this.index.producers, POSITION.inInside, POSITION.inOutside) | side(this.index.consumers, POSITION.outInside, POSITION.outOutside);
  }
  /**
   * How many more `op` nodes the module's sibling instances have than it has (0 when not
   * repeated), counted for node `u` only when a node of those instances sits among the same op
   * types on one side at least: the Add a layer's LayerNorm lost is not the embeddings' sum
   * before it.
   */
  deficit(context, op, u) {
    const t = this.shapeOf(context);
    if (t === null || !this.repeated.has(t)) return 0;
    const e = this.most.get(t);
    const keys = this.keys.get(t);
    if (!keys || !this.keysOf(u).some((k) => keys.has(k))) return 0;
    const expected = e.get(op) ?? 0;
    if (expected === 1) {
      const seen = this.positions.get(t)?.get(op) ?? 0;
      const mine = this.positionsOf(u, context);
      const against = (inside2, outside) => (mine & inside2) !== 0 && (seen & inside2) === 0 && (seen & outside) !== 0;
      if (against(POSITION.inInside, POSITION.inOutside) || against(POSITION.outInside, POSITION.outOutside)) return 0;
    }
    return expected - (this.counts.get(context)?.get(op) ?? 0);
  }
};
var show = (c) => c === "" ? "(root)" : c;
function attributeNodes(input) {
  const { index, known } = input;
  const n = index.nodes.length;
  const out = new Array(n).fill(null);
  const pending = [];
  let main = 0;
  for (let k = 0; k < n; k++) {
    const e = index.nodes[k];
    if (e.graph !== "") continue;
    main++;
    if (known[e.index] === null) pending.push(e.index);
  }
  if (pending.length === 0) return out;
  let producers;
  const inputSets = /* @__PURE__ */ new Map();
  const analogy = new SiblingAnalogy(index, input.tree, known, pending, input.shapes);
  const sources = {
    analogy,
    structure: new LayerOpCounts(index, input.tree, known, new Set(pending.map((u) => index.nodes[u].node.opType)), (i) => analogy.structuralKeys(i)),
    inlined: inlinedInstances(index, known, input.tree.naming),
    sequence: new SequenceParts(index, input.tree, known, (module) => analogy.opCountsOf(module)),
    opsOf: (module) => analogy.opCountsOf(module),
    producerOf: (t) => {
      if (!producers) {
        producers = /* @__PURE__ */ new Map();
        for (let k = 0; k < n; k++) {
          const e = index.nodes[k];
          if (e.graph === "") {
            for (const o of e.node.outputs) if (o !== "") producers.set(o, e.index);
          }
        }
      }
      return producers.get(t);
    },
    inputSet: (i) => {
      let s = inputSets.get(i);
      if (!s) inputSets.set(i, s = new Set(index.nodes[i].node.inputs));
      return s;
    }
  };
  let state = known;
  let confidence = known.map((k) => k === null ? 0 : 1);
  let left = pending;
  for (let round2 = 0; round2 < MAX_ROUNDS && left.length > 0; round2++) {
    const frozen = state;
    const frozenConfidence = confidence;
    const ctx = (j) => frozen[j] ?? null;
    const answers = /* @__PURE__ */ new Map();
    for (let k = 0; k < left.length; k++) {
      const u = left[k];
      const a = attributeOne(input, u, ctx, (j) => frozenConfidence[j] ?? 0, sources);
      if (a) answers.set(u, a);
    }
    if (answers.size === 0) break;
    const lastRound = round2 === MAX_ROUNDS - 1;
    const exact = (j) => answers.get(j)?.basis === "corroborated";
    const nextDoor = (u, f) => index.producers.of(u).some(f) || index.consumers.of(u).some(f);
    const waits = (u, a) => !lastRound && a.basis !== "corroborated" && nextDoor(u, exact);
    const placedNow = /* @__PURE__ */ new Set();
    for (const [u, a] of answers) if (!a.distant && !waits(u, a)) placedNow.add(u);
    const decided = [];
    const still = [];
    for (let k = 0; k < left.length; k++) {
      const u = left[k];
      const a = answers.get(u);
      const wait = a === void 0 || (a.distant ? !lastRound && nextDoor(u, (j) => placedNow.has(j)) : waits(u, a));
      if (a && !wait) decided.push([u, a]);
      else still.push(u);
    }
    const next = [...frozen];
    const nextConfidence = [...frozenConfidence];
    for (const [u, a] of decided) {
      out[u] = a;
      next[u] = a.context;
      nextConfidence[u] = a.confidence;
    }
    state = next;
    confidence = nextConfidence;
    left = still;
  }
  capOversubscribed(out, index, sources.structure, pending.length / main);
  boundBySupporters(out, known);
  return out;
}
function sureness(known, attributions, j) {
  return known[j] !== null ? 1 : attributions[j]?.confidence ?? 0;
}
function boundBySupporters(out, known) {
  const sure = (j) => sureness(known, out, j);
  const waiting = [];
  for (let u = 0; u < out.length; u++) if (out[u]?.supporters) waiting.push(u);
  for (let changed = true; changed; ) {
    changed = false;
    for (const u of waiting) {
      const a = out[u];
      let bound = 0;
      for (const j of a.supporters) bound = Math.max(bound, sure(j));
      if (a.confidence <= bound) continue;
      const why = `the neighbours it rests on are at most ${bound} sure`;
      out[u] = { ...a, confidence: bound, reasons: a.reasons.includes(why) ? a.reasons : [...a.reasons, why] };
      changed = true;
    }
  }
}
function capOversubscribed(out, index, structure, lost) {
  const groups = /* @__PURE__ */ new Map();
  for (let u = 0; u < out.length; u++) {
    const a = out[u];
    if (!a) continue;
    const key = `${a.context}\0${index.nodes[u].node.opType}`;
    (groups.get(key) ?? groups.set(key, []).get(key)).push(u);
  }
  const tops = /* @__PURE__ */ new Map();
  for (const list of groups.values()) {
    const first = out[list[0]];
    const op = index.nodes[list[0]].node.opType;
    const instances = structure.instancesLike(first.context);
    if (!instances) continue;
    const total = (module) => structure.directCount(module, op) + (groups.get(`${module}\0${op}`)?.length ?? 0);
    const byOp = tops.get(instances) ?? tops.set(instances, /* @__PURE__ */ new Map()).get(instances);
    let top = byOp.get(op);
    if (!top) {
      top = { best: -1, atBest: 0, second: -1, atSecond: 0 };
      for (const c of instances) {
        const k = total(c);
        if (k > top.best) [top.second, top.atSecond, top.best, top.atBest] = [top.best, top.atBest, k, 1];
        else if (k === top.best) top.atBest++;
        else if (k > top.second) [top.second, top.atSecond] = [k, 1];
        else if (k === top.second) top.atSecond++;
      }
      byOp.set(op, top);
    }
    const mine = total(first.context);
    const self = instances.has(first.context) && mine === top.best;
    const [most, atMost] = self && top.atBest === 1 ? [top.second, top.atSecond] : [top.best, self ? top.atBest - 1 : top.atBest];
    const others = instances.size - (instances.has(first.context) ? 1 : 0);
    const own = structure.directCount(first.context, op);
    if (atMost < 2 || most <= 0 || own > most || mine <= most) continue;
    const room = most - own;
    const counted = 1 - Math.pow(1 - Math.pow(1 - lost, most), others);
    const bound = Math.floor((1 - counted + counted * room / list.length) * 1e3) / 1e3;
    const why = `${list.length} nodes inferred for ${show(first.context)}, where the instances like it leave room for ${room} more ${op}: at most ${bound} sure each`;
    for (const u of list) {
      const a = out[u];
      if (a.confidence > bound) out[u] = { ...a, confidence: bound, reasons: [...a.reasons, why] };
    }
  }
}
function attributeOne(input, u, ctx, sureOf, sources) {
  const { index, tree } = input;
  const { analogy, structure, inlined } = sources;
  const entry = index.nodes[u];
  const node = entry.node;
  const votes = [];
  const around = neighbourhood(index, u, (j) => ctx(j) !== null);
  if (CONVERSION_OPS.has(node.opType) && node.inputs[0] && (!MODEL_CONVERSION_OPS.has(node.opType) || isConverterCastName(node.name))) {
    const owner = valueOwner(input, node.inputs[0], ctx, sources.producerOf);
    if (owner !== null) votes.push({ context: owner.context, weight: WEIGHT.conversion, kind: "conversion", why: `converts ${owner.what}` });
  }
  for (const name of node.inputs) {
    if (!index.initializers.has(name)) continue;
    const owner = parameterOwner(tree, name);
    if (owner !== void 0) votes.push({ context: owner, weight: WEIGHT.parameter, kind: "parameter", why: `uses parameter ${name}` });
  }
  const analogies = analogy.answersFor(u, ctx);
  const support = analogies.reduce((s, a2) => s + a2.support, 0);
  for (const a2 of analogies) {
    votes.push({ context: a2.context, weight: WEIGHT.analogy * a2.support / support, kind: "analogy", why: `its counterpart ${a2.examples[0]} in a sibling layer runs in the same place` });
  }
  const call = inlinedCall(node);
  const callInstance = call === null ? null : inlined.get(call) ?? null;
  if (callInstance !== null) votes.push({ context: callInstance, weight: WEIGHT.inlined, kind: "inlined", why: `inlined from the same call as other nodes of ${callInstance}` });
  for (const c of index.consumers.of(u)) {
    const b = ctx(c);
    if (b === null) continue;
    const theirs = sources.inputSet(c);
    if (node.inputs.some((t2) => t2 !== "" && theirs.has(t2))) votes.push({ context: b, weight: WEIGHT.fork, kind: "fork", why: `${index.nodes[c].node.opType} in ${show(b)} reads its input too` });
  }
  const producers = around.producers.map((j) => ctx(j));
  const consumers = around.consumers.map((j) => ctx(j));
  const named = [...producers, ...consumers];
  for (const c of producers) votes.push({ context: c, weight: WEIGHT.dataflow / producers.length, kind: "dataflow", why: `reads from ${show(c)}` });
  for (const c of consumers) votes.push({ context: c, weight: WEIGHT.dataflow / consumers.length, kind: "dataflow", why: `feeds ${show(c)}` });
  const chain = /* @__PURE__ */ new Set();
  for (const c of named) {
    for (let p = c; ; ) {
      chain.add(p);
      if (p === "") break;
      p = parentPath(p);
    }
  }
  for (const c of named) {
    if (c === "") continue;
    for (const s of tree.get(parentPath(c))?.children ?? []) {
      const ops = sources.opsOf(s);
      if (ops?.size === 1 && ops.has(node.opType)) chain.add(s);
    }
  }
  for (const c of [...chain].sort()) {
    if (structure.deficit(c, node.opType, u) > 0) votes.push({ context: c, weight: WEIGHT.structure, kind: "structure", why: `the other instances of ${show(tree.naming.templateOf(c))} have one more ${node.opType}` });
  }
  for (const c of sources.sequence.candidatesFor(u, ctx, sureOf)) votes.push({ context: c.context, weight: WEIGHT.sequence, kind: "sequence", why: c.why });
  const sides = deepest(named);
  if (sides.length === 2 && votes.every((v) => v.kind === "dataflow") && sides.every((c) => tree.get(c)?.children.length === 0 && !sources.opsOf(c)?.has(node.opType))) {
    const [a2, b] = sides.map((c) => callerOf(tree, c));
    if (a2 === b) votes.push({ context: a2, weight: 0, kind: "dataflow", why: `runs between ${sides.map(show).join(" and ")}, which run no ${node.opType}` });
  }
  if (votes.length === 0) return null;
  const direct = (list) => list.flatMap((j) => input.known[j] ?? []);
  let within = enclosingCall(direct(index.producers.of(u)), direct(index.consumers.of(u)));
  if (within !== null && within !== "" && looksLikeTwoCalls(index, input.known, u, within)) within = null;
  const t = tally(votes, within);
  const dataflow = deepest(named);
  let basis;
  let confidence;
  if (t.rival > 0) {
    basis = "contested";
    const margin = t.score / (t.score + t.rival);
    const k = ATTRIBUTION_CONFIDENCE.contested;
    confidence = Math.min(k.ceiling, Math.max(k.floor, k.floor + (k.ceiling - k.floor) * (margin - k.from) / (k.to - k.from)));
  } else if (t.kinds.has("conversion") || t.kinds.has("parameter") || t.kinds.has("analogy")) {
    basis = "corroborated";
    confidence = ATTRIBUTION_CONFIDENCE.corroborated;
  } else if (new Set(named).size > 1) {
    basis = "chain";
    confidence = ATTRIBUTION_CONFIDENCE.chain;
    const enclosing = named.some((c) => c !== t.context && isAncestorOrSelf(t.context, c));
    if (enclosing && analogy.runsAsOwnModule(node.opType)) confidence = ATTRIBUTION_CONFIDENCE.chainOwnModule;
  } else {
    basis = producers.length > 0 && consumers.length > 0 ? "bothSides" : producers.length > 0 ? "producersOnly" : "consumersOnly";
    confidence = ATTRIBUTION_CONFIDENCE[basis];
    if (basis === "consumersOnly" && !readsOnlyInitializers(index, u) && !sources.opsOf(t.context)?.has(node.opType)) {
      confidence = ATTRIBUTION_CONFIDENCE.consumersOnlyForeign;
    }
  }
  const winnerOps = sources.opsOf(t.context) ?? opsOfLike(structure, sources, t.context);
  const foreignLeaf = [...t.kinds].every((k) => k === "dataflow") && (tree.get(t.context)?.children.length ?? 0) === 0 && winnerOps !== void 0 && !winnerOps.has(node.opType);
  const oneSided = within !== t.context && (basis === "contested" || basis === "consumersOnly" || basis === "producersOnly");
  if (oneSided && foreignLeaf) {
    confidence = Math.min(confidence, ATTRIBUTION_CONFIDENCE.foreignLeaf[basis === "contested" ? "contested" : "unopposed"]);
  }
  const supporters = [...around.producers, ...around.consumers].filter((j) => {
    const c = ctx(j);
    return isAncestorOrSelf(t.context, c) || isAncestorOrSelf(c, t.context);
  });
  const dataflowOnly = basis !== "corroborated" && !t.kinds.has("inlined");
  if (dataflowOnly && supporters.length > 0) confidence = Math.min(confidence, Math.max(...supporters.map(sureOf)));
  const lifted = t.kinds.has("structure") && named.length > 0 && named.every((c) => c !== t.context && isAncestorOrSelf(t.context, c));
  if (lifted && named.some((c) => sources.opsOf(c)?.has(node.opType))) confidence = Math.min(confidence, ATTRIBUTION_CONFIDENCE.liftedPastOwnOp);
  if (dataflowOnly && structure.runsNone(t.context, node.opType)) confidence = Math.min(confidence, ATTRIBUTION_CONFIDENCE.foreignKind);
  const adjacent = (j) => index.producers.has(u, j) || index.consumers.has(u, j);
  const distant = dataflowOnly && supporters.length > 0 && !supporters.some(adjacent);
  const boundary = dataflow.length > 1 && !(callInstance !== null && isAncestorOrSelf(callInstance, t.context));
  let context = t.context;
  if (basis === "producersOnly" && foreignLeaf) {
    context = callerOf(tree, t.context);
    confidence = ATTRIBUTION_CONFIDENCE.gluePastLeaf;
  }
  const reasons = context === t.context ? t.reasons : [...t.reasons, `runs after ${show(t.context)}, which runs no ${node.opType}: glue of its caller ${show(context)}`];
  const a = { context, confidence: Math.round(confidence * 1e3) / 1e3, basis, distant, reasons, dataflow: boundary ? dataflow : [], around };
  if (dataflowOnly && supporters.length > 0) a.supporters = supporters;
  return a;
}
var MAX_CALL_PAIRS = 4096;
function enclosingCall(producers, consumers) {
  let call = null;
  const ins = new Set(producers);
  const outs = new Set(consumers);
  if (ins.size * outs.size > MAX_CALL_PAIRS) return null;
  for (const p of ins) {
    for (const c of outs) {
      const m = lowestCommonAncestor([p, c]);
      if (call === null || isAncestorOrSelf(call, m)) call = m;
      else if (!isAncestorOrSelf(m, call)) return null;
    }
  }
  return call;
}
var CALL_DEPTH = 3;
function looksLikeTwoCalls(index, known, u, module) {
  const inModule = (j) => {
    const c = known[j];
    return c !== null && c !== void 0 && isAncestorOrSelf(module, c);
  };
  const side = (next) => {
    const ops = /* @__PURE__ */ new Set();
    let level = next.of(u).filter(inModule);
    const seen = /* @__PURE__ */ new Set([u]);
    for (let d = 0; d < CALL_DEPTH && level.length > 0; d++) {
      const following = [];
      for (const j of level) {
        if (seen.has(j)) continue;
        seen.add(j);
        ops.add(index.nodes[j].node.opType);
        for (const k of next.of(j)) if (inModule(k)) following.push(k);
      }
      level = following;
    }
    return ops;
  };
  const before = side(index.producers);
  const after = side(index.consumers);
  return before.size === after.size && [...before].every((op) => after.has(op));
}
function valueOwner(input, tensor, ctx, producerOf) {
  let t = tensor;
  for (let hop = 0; hop < 8; hop++) {
    if (input.index.initializers.has(t)) {
      const owner = parameterOwner(input.tree, t);
      return owner === void 0 ? null : { context: owner, what: `parameter ${t}` };
    }
    if (input.index.graphInputs.has(t)) return { context: "", what: `graph input ${t}` };
    const p = producerOf(t);
    if (p === void 0) return null;
    const c = ctx(p);
    if (c !== null) return { context: c, what: `the output of ${show(c)}` };
    const pn = input.index.nodes[p].node;
    if (!CONVERSION_OPS.has(pn.opType) || !pn.inputs[0]) return null;
    t = pn.inputs[0];
  }
  return null;
}
var EXACT = /* @__PURE__ */ new Set(["conversion", "parameter", "analogy", "structure", "sequence", "fork"]);
function tally(votes, within = null) {
  const exact = /* @__PURE__ */ new Map();
  const near = /* @__PURE__ */ new Map();
  for (const v of votes) {
    const m = EXACT.has(v.kind) ? exact : near;
    m.set(v.context, (m.get(v.context) ?? 0) + v.weight);
  }
  const contexts = [.../* @__PURE__ */ new Set([...exact.keys(), ...near.keys()])];
  const support = (c) => (exact.get(c) ?? 0) + [...near].reduce((s, [d, w]) => s + (isAncestorOrSelf(c, d) ? w : 0), 0);
  const depth = (c) => c === "" ? 0 : c.split(".").length;
  const rank = (list) => list.map((c) => ({ c, exact: exact.get(c) ?? 0, all: support(c) })).sort((a, b) => b.all - a.all || b.exact - a.exact || depth(b.c) - depth(a.c) || (a.c < b.c ? -1 : 1));
  const ranked = rank(contexts);
  let winner = ranked[0];
  if (within !== null && within !== "" && winner.c !== within && isAncestorOrSelf(winner.c, within)) {
    const inside2 = contexts.filter((c) => isAncestorOrSelf(within, c));
    winner = rank(inside2.length > 0 ? inside2 : [within])[0];
  }
  let rival = 0;
  for (const r of ranked) if (conflicts(r.c, winner.c)) rival = Math.max(rival, r.all);
  const kinds = /* @__PURE__ */ new Set();
  const reasons = [];
  for (const v of votes) {
    if (!isAncestorOrSelf(v.context, winner.c) && !isAncestorOrSelf(winner.c, v.context)) continue;
    kinds.add(v.kind);
    if (v.context === winner.c && !reasons.includes(v.why)) reasons.push(v.why);
  }
  return { context: winner.c, score: winner.all, rival, kinds, reasons };
}
var likeOps = /* @__PURE__ */ new WeakMap();
function opsOfLike(structure, sources, context) {
  const like = structure.instancesLike(context);
  if (!like) return void 0;
  if (likeOps.has(like)) return likeOps.get(like);
  let out;
  for (const other of like) {
    for (const op of sources.opsOf(other)?.keys() ?? []) (out ??= /* @__PURE__ */ new Set()).add(op);
  }
  likeOps.set(like, out);
  return out;
}

// src/contamination/detect.ts
function evidenceItems(ev, tree) {
  const items = [];
  if (ev.exporter) {
    const item = { source: ev.exporter.source, context: ev.exporter.path };
    const cp = tree.classPathOf(ev.exporter.path);
    if (cp) item.classPath = cp;
    items.push(item);
  }
  for (const t of ev.tags) {
    const item = { source: t.source, context: t.path ?? null };
    if (t.classPath) item.classPath = t.classPath;
    items.push(item);
  }
  return items;
}
function tagLabel(t) {
  return t.path ?? t.classPath ?? "";
}
function tagConflictsPath(t, path, tree) {
  const paths = tagPaths(t);
  if (paths.length > 0) return paths.every((p) => conflicts(p, path));
  if (t.classPath === void 0) return false;
  if (tree.hasClasses) return true;
  const a = classPathIndices(t.classPath);
  const b = instanceIndices(path);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return true;
  return false;
}
function tagsConflict(a, b, tree) {
  const pa = tagPaths(a);
  const pb = tagPaths(b);
  if (pa.length > 0 && pb.length > 0) return pa.every((x) => pb.every((y) => conflicts(x, y)));
  if (a.classPath !== void 0 && b.classPath !== void 0) return classPathsConflict(a.classPath, b.classPath);
  const withPaths = pa.length > 0 ? pa : pb;
  const other = pa.length > 0 ? b : a;
  return withPaths.every((p) => tagConflictsPath(other, p, tree));
}
function scopeOf(contexts) {
  if (contexts.every((c) => !c.startsWith("/"))) return groupScope(contexts);
  const idx = (c) => c.startsWith("/") ? classPathIndices(c) : instanceIndices(c);
  for (let i = 0; i < contexts.length; i++) {
    for (let j = i + 1; j < contexts.length; j++) {
      const a = idx(contexts[i]);
      const b = idx(contexts[j]);
      for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return "cross-layer";
    }
  }
  return "cross-module";
}
function detectCases(input) {
  const { index, evidence, tree } = input;
  const n = index.nodes.length;
  const known = new Array(n).fill(null);
  const direct = new Array(n).fill(null);
  const tagCases = [];
  for (let i = 0; i < n; i++) {
    const ev = evidence[i];
    if (ev.exporter) {
      known[i] = ev.exporter.path;
      direct[i] = ev.exporter.source === "tensor-name" ? "tensor-name" : "scope";
      const bad = ev.tags.filter((t) => tagConflictsPath(t, ev.exporter.path, tree));
      if (bad.length > 0) {
        tagCases.push({ node: i, kind: "tag-conflicts-scope", contexts: deepestLabels([ev.exporter.path, ...bad.map(tagLabel)]), tags: bad });
      }
    } else if (ev.tags.length > 0) {
      let conflict = false;
      for (let a = 0; a < ev.tags.length && !conflict; a++) {
        for (let b = a + 1; b < ev.tags.length && !conflict; b++) conflict = tagsConflict(ev.tags[a], ev.tags[b], tree);
      }
      if (conflict) {
        tagCases.push({ node: i, kind: "conflicting-tags", contexts: deepestLabels(ev.tags.map(tagLabel)), tags: ev.tags });
      } else {
        const paths = ev.tags.map((t) => t.path).filter((p) => p !== void 0);
        if (paths.length > 0) {
          known[i] = deepest(paths)[0];
          direct[i] = "tag";
        }
      }
    }
  }
  const isKnown = (j) => known[j] !== null;
  let shapes;
  const instanceShapes = () => shapes ??= new InstanceShapes(index, known, tree.naming);
  const spansLayers = (contexts) => instanceShapes().spansLayers(contexts);
  const usersSpan = (i, users) => readsOnlyInitializers(index, i) ? instanceShapes().spansInstances(users) : instanceShapes().spansLayers(users, true);
  const caseNodes = /* @__PURE__ */ new Set();
  const cases = tagCases.map((c) => {
    caseNodes.add(c.node);
    return {
      node: c.node,
      kind: c.kind,
      scope: scopeOf(c.contexts),
      contexts: c.contexts,
      evidence: evidenceItems(evidence[c.node], tree),
      around: neighbourhood(index, c.node, isKnown)
    };
  });
  for (let i = 0; i < n; i++) {
    const own = known[i] ?? null;
    if (own === null || caseNodes.has(i) || index.nodes[i].graph !== "") continue;
    const shared = sharedUse(input, i, own, known, usersSpan);
    if (!shared) continue;
    caseNodes.add(i);
    cases.push({ node: i, kind: "shared-across-modules", scope: "cross-layer", contexts: deepest([own, ...shared.users]), evidence: evidenceItems(evidence[i], tree), around: shared.around });
  }
  const attributions = attributeNodes({ index, tree, known, shapes: instanceShapes });
  for (let i = 0; i < n; i++) {
    const a = attributions[i];
    if (!a || caseNodes.has(i) || a.dataflow.length < 2) continue;
    const users = deepest(userModules(index, i, known));
    if (!(spansLayers(a.dataflow) || usersSpan(i, users))) continue;
    caseNodes.add(i);
    cases.push({ node: i, kind: "shared-across-modules", scope: "cross-layer", contexts: a.dataflow, evidence: evidenceItems(evidence[i], tree), around: a.around });
  }
  cases.sort((a, b) => index.nodes[a.node].id < index.nodes[b.node].id ? -1 : index.nodes[a.node].id > index.nodes[b.node].id ? 1 : 0);
  return { known, direct, cases, attributions };
}
function sharedUse(input, i, own, known, usersSpan) {
  const { index } = input;
  let first;
  let several = false;
  const { start, targets } = index.consumers;
  for (let e = start[i]; e < start[i + 1]; e++) {
    const k = known[targets[e]];
    if (k === null || k === void 0) continue;
    if (first === void 0) first = k;
    else if (k !== first) {
      several = true;
      break;
    }
  }
  if (!several) return null;
  const deep = deepest(userModules(index, i, known));
  if (deep.length < 2 || !usersSpan(i, deep) || !deep.some((u) => conflicts(u, own))) return null;
  const common = lowestCommonAncestor(deep);
  for (const p of index.producers.of(i)) {
    const k = known[p];
    if (k === null || k === void 0 || !isAncestorOrSelf(k, common)) return null;
  }
  for (const t of index.nodes[i].node.inputs) {
    if (index.initializers.has(t) && mayBeStateDictName(t) && t.startsWith(own + ".")) return null;
  }
  return { users: deep, around: neighbourhood(index, i, (j) => known[j] !== null) };
}
function userModules(index, i, known) {
  const out = [];
  const { start, targets } = index.consumers;
  for (let e = start[i]; e < start[i + 1]; e++) {
    const k = known[targets[e]];
    if (k !== null && k !== void 0) out.push(k);
  }
  return out;
}
function deepestLabels(labels) {
  const paths = labels.filter((l) => !l.startsWith("/"));
  const classPaths = [...new Set(labels.filter((l) => l.startsWith("/")))].sort();
  return [...deepest(paths), ...classPaths];
}

// src/contamination/resolve.ts
var DEFAULT_CONFIDENCE_THRESHOLD = 0.7;
var CONFIDENCE = { exporterScope: 0.95, tensorName: 0.9, residual: 0.7, shared: 0.85 };
var ADD_LIKE = /* @__PURE__ */ new Set(["Add", "Sum"]);
var show2 = (c) => c === "" ? "(root)" : c;
function resolved(strategy, primary, auxiliary, confidence, reasoning) {
  return { status: "resolved", primary, auxiliary: [...new Set(auxiliary)].filter((a) => a !== primary).sort(), confidence: round(confidence), strategy, reasoning };
}
function round(x) {
  return Math.round(x * 1e3) / 1e3;
}
function ctxList(nodes, placed) {
  return nodes.map((i) => placed[i] ?? null).filter((c) => c !== null);
}
function restingOn(confidence, d, r) {
  let c = confidence;
  for (const list of [d.around.producers, d.around.consumers]) for (const j of list) if (r.placed[j] !== null) c = Math.min(c, r.sureness[j]);
  return c;
}
function tryExporterScope(d, r) {
  if (d.kind !== "tag-conflicts-scope") return null;
  const scope = r.evidence[d.node].exporter;
  const others = d.contexts.filter((c) => c !== scope.path);
  const what = scope.source === "scope" ? "node-name scope" : scope.source === "dynamo" ? "dynamo name_scopes" : "scoped name of the value it computes";
  return resolved(
    "exporter-scope",
    scope.path,
    [],
    scope.source === "tensor-name" ? CONFIDENCE.tensorName : CONFIDENCE.exporterScope,
    `the exporter's ${what} says ${show2(scope.path)}; the recorded tag (${others.map(show2).join(", ")}) contradicts it and is set aside`
  );
}
function tryResidual(d, r) {
  const op = r.index.nodes[d.node].node.opType;
  if (!ADD_LIKE.has(op)) return null;
  const producers = deepest(ctxList(d.around.producers, r.placed));
  const consumers = ctxList(d.around.consumers, r.placed);
  if (producers.length < 2 || consumers.length === 0) return null;
  const depthWith = (p) => atoms(lowestCommonAncestor([p, ...consumers])).length;
  const ranked = [...producers].sort((a, b) => depthWith(b) - depthWith(a) || (a < b ? -1 : 1));
  const branch = ranked[0];
  const skips = ranked.slice(1);
  const blockDepth = depthWith(branch);
  if (skips.some((s) => depthWith(s) >= blockDepth)) return null;
  const primary = residualOwner(r, branch, consumers);
  if (primary === "" || skips.some((s) => !conflicts(s, primary) && !isAncestorOrSelf(s, primary))) return null;
  if (d.kind === "conflicting-tags" && !d.contexts.some((c) => isAncestorOrSelf(primary, c) || isAncestorOrSelf(c, primary))) return null;
  return resolved(
    "residual-connection",
    primary,
    skips,
    restingOn(CONFIDENCE.residual, d, r),
    `${op} joins a skip tensor from ${skips.map(show2).join(", ")} with the branch from ${show2(branch)}, consumed in ${show2(primary)}: it belongs to the consuming block`
  );
}
function residualOwner(r, branch, consumers) {
  const a = atoms(branch);
  if (consumers.every((c) => c === branch) && r.tree.get(branch)?.children.length === 0) return a.slice(0, -1).join(".");
  const lca = lowestCommonAncestor([branch, ...consumers]);
  const instance = r.tree.naming.instanceOf(branch);
  if (instance && lca !== instance.path && isAncestorOrSelf(lca, instance.path)) return instance.path;
  if (r.tree.has(lca)) return lca;
  return a.slice(0, atoms(lca).length + 1).join(".");
}
function tryProvenance(d, r) {
  const a = r.attributions[d.node];
  if (!a) return { resolution: null, guess: null };
  const answer = { context: a.context, confidence: a.confidence, reasons: a.reasons };
  if (d.kind === "conflicting-tags" && !d.contexts.some((c) => isAncestorOrSelf(answer.context, c) || isAncestorOrSelf(c, answer.context))) {
    return { resolution: null, guess: answer };
  }
  const aux = d.contexts.filter((c) => !c.startsWith("/") && conflicts(c, answer.context));
  return {
    resolution: resolved("tensor-provenance", answer.context, aux, answer.confidence, `${show2(answer.context)}: ${answer.reasons.slice(0, 3).join("; ")}`),
    guess: answer
  };
}
function tryShared(d, r) {
  const all = ctxList(d.around.consumers, r.placed);
  const users = deepest(all);
  if (users.length < 2) return null;
  const common = lowestCommonAncestor([...new Set(all)]);
  const producers = deepest(ctxList(d.around.producers, r.placed));
  if (producers.some((p) => !isAncestorOrSelf(p, common))) return null;
  const primary = producers.length === 1 ? producers[0] : common;
  const fed = producers.length === 1 ? `computed from ${show2(producers[0])} and ` : "";
  return resolved(
    "shared-node",
    primary,
    users,
    restingOn(CONFIDENCE.shared, d, r),
    `${fed}used by ${users.length} conflicting modules (${users.map(show2).join(", ")}): assigned to ${producers.length === 1 ? "the module that feeds them" : "their common ancestor"} ${show2(primary)}`
  );
}
function resolveCases(drafts, r) {
  return drafts.map((d) => {
    const p = tryProvenance(d, r);
    const best = tryExporterScope(d, r) ?? tryResidual(d, r) ?? tryShared(d, r) ?? p.resolution;
    if (best && best.confidence >= r.threshold) return { draft: d, resolution: best };
    let resolution;
    if (best) {
      resolution = {
        status: "unresolved",
        primary: best.primary,
        auxiliary: best.auxiliary,
        confidence: best.confidence,
        strategy: null,
        reasoning: `the best answer, ${show2(best.primary)} by ${best.strategy} at ${best.confidence}, is below the threshold ${r.threshold}: ${best.reasoning}`
      };
    } else if (p.guess) {
      const g = p.guess;
      resolution = {
        status: "unresolved",
        primary: g.context,
        auxiliary: [],
        confidence: round(g.confidence),
        strategy: null,
        reasoning: `no strategy reached the threshold ${r.threshold}: the best guess ${show2(g.context)} has ${round(g.confidence)} (${g.reasons.slice(0, 2).join("; ")})`
      };
    } else {
      resolution = { status: "unresolved", primary: null, auxiliary: [], confidence: 0, strategy: null, reasoning: "no strategy applies and the neighbourhood gives no testimony" };
    }
    return { draft: d, resolution };
  });
}

// src/report/types.ts
var REPORT_SCHEMA = "modelexport-report";
var REPORT_VERSION = 2;

// src/analyze.ts
var TENSOR_NAME_CONFIDENCE = 0.98;
var NO_AUXILIARY = Object.freeze([]);
var NO_OUTCOME = Object.freeze({ primary: null, auxiliary: NO_AUXILIARY, decidedBy: "none", confidence: 0 });
function analyzeModel(input, options = {}) {
  const threshold = options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const now = options.now ?? (() => 0);
  const timings = {};
  let t0 = now();
  const lap = (stage) => {
    const t = now();
    timings[stage] = round(t - t0);
    t0 = t;
  };
  const index = buildGraphIndex(input.model);
  lap("index");
  const { evidence, tree } = collectEvidence(index, input.sidecars ?? {});
  lap("evidence");
  const detection = detectCases({ index, evidence, tree });
  lap("detect");
  const known = detection.known;
  const placed = known.map((k, i) => k ?? detection.attributions[i]?.context ?? null);
  const sure = known.map((_, i) => sureness(known, detection.attributions, i));
  const rctx = { index, evidence, tree, placed, sureness: sure, attributions: detection.attributions, threshold };
  const outcomes = new Array(index.nodes.length);
  const directOutcome = (i) => {
    const d = detection.direct[i];
    if (d === "tensor-name") return { primary: known[i], auxiliary: NO_AUXILIARY, decidedBy: "tensor-name", confidence: TENSOR_NAME_CONFIDENCE };
    if (d === null || d === void 0) return void 0;
    const absorbed = d === "scope" ? evidence[i].absorbed : void 0;
    return { primary: known[i], auxiliary: absorbed && absorbed.length > 0 ? [...absorbed] : NO_AUXILIARY, decidedBy: d, confidence: 1 };
  };
  const outcomeOf = (i) => outcomes[i] ?? directOutcome(i);
  for (let i = 0; i < index.nodes.length; i++) {
    const d = detection.direct[i];
    if (d !== null && d !== void 0) continue;
    const a = detection.attributions[i];
    if (a) outcomes[i] = { primary: a.context, auxiliary: NO_AUXILIARY, decidedBy: "neighbourhood", confidence: a.confidence, basis: a.basis };
  }
  const resolvedCases = resolveCases(detection.cases, rctx);
  for (const { draft, resolution } of resolvedCases) {
    outcomes[draft.node] = { primary: resolution.primary, auxiliary: resolution.auxiliary, decidedBy: "case", confidence: resolution.confidence };
  }
  lap("resolve");
  inheritNested(index, outcomes, outcomeOf);
  const nodes = index.nodes.map((entry, i) => {
    const o = outcomeOf(i) ?? NO_OUTCOME;
    const classPath = o.primary !== null ? tree.classPathOf(o.primary) : void 0;
    return nodeResult(entry.id, entry.node, o, classPath || void 0, o.decidedBy === "neighbourhood" ? o.basis || void 0 : void 0);
  });
  const cases = resolvedCases.map(({ draft, resolution }) => {
    const entry = index.nodes[draft.node];
    const cp = resolution.primary !== null ? tree.classPathOf(resolution.primary) : void 0;
    const c = {
      id: `${draft.kind}:${entry.id}`,
      node: entry.id,
      opType: entry.node.opType,
      kind: draft.kind,
      scope: draft.scope,
      contexts: draft.contexts,
      evidence: draft.evidence,
      neighbourhood: {
        producers: uniqueSorted(draft.around.producers.map((j) => placed[j])),
        consumers: uniqueSorted(draft.around.consumers.map((j) => placed[j])),
        producerNodes: uniqueSorted(draft.around.producers.map((j) => index.nodes[j].id)),
        consumerNodes: uniqueSorted(draft.around.consumers.map((j) => index.nodes[j].id))
      },
      resolution: cp ? { ...resolution, primaryClassPath: cp } : { ...resolution }
    };
    const stack = evidence[draft.node].stack;
    if (stack) c.source = stack;
    return c;
  });
  const counts = countModel(nodes, cases, evidence, threshold);
  const report = {
    model: input.name,
    bytes: input.model.byteLength,
    irVersion: input.model.irVersion,
    producer: { name: input.model.producerName, version: input.model.producerVersion },
    opsets: input.model.opsetImports.map((o) => ({ domain: o.domain, version: o.version })),
    sidecars: [...input.sidecarFiles ?? []],
    counts,
    modules: summariseModules(tree, nodes, cases),
    cases,
    nodes
  };
  lap("report");
  if (options.timings) report.timings = timings;
  return report;
}
function nodeResult(id, node, o, classPath, basis) {
  const { name, opType } = node;
  const { primary, auxiliary, decidedBy, confidence } = o;
  if (classPath !== void 0) {
    if (basis !== void 0) return { id, name, opType, primary, auxiliary, decidedBy, confidence, classPath, basis };
    return { id, name, opType, primary, auxiliary, decidedBy, confidence, classPath };
  }
  if (basis !== void 0) return { id, name, opType, primary, auxiliary, decidedBy, confidence, basis };
  return { id, name, opType, primary, auxiliary, decidedBy, confidence };
}
function inheritNested(index, outcomes, outcomeOf) {
  const callSites = /* @__PURE__ */ new Map();
  for (const entry of index.functions.size > 0 ? index.nodes : []) {
    if (entry.graph !== "") continue;
    const key = functionKey(entry.node.domain, entry.node.opType);
    if (index.functions.has(key)) (callSites.get(key) ?? callSites.set(key, []).get(key)).push(entry.index);
  }
  for (let i = 0; i < index.nodes.length; i++) {
    const entry = index.nodes[i];
    if (entry.graph === "" || outcomeOf(entry.index)) continue;
    if (entry.owner !== void 0) {
      let owner = entry.owner;
      while (owner !== void 0 && !outcomeOf(owner)) owner = index.nodes[owner].owner;
      const o = owner !== void 0 ? outcomeOf(owner) : void 0;
      if (o && o.primary !== null) outcomes[entry.index] = { primary: o.primary, auxiliary: o.auxiliary, decidedBy: "neighbourhood", confidence: o.confidence };
    } else if (entry.functionKey !== void 0) {
      const sites = (callSites.get(entry.functionKey) ?? []).map((i2) => outcomeOf(i2)?.primary).filter((p) => p !== null && p !== void 0);
      if (sites.length === 0) continue;
      const unique = uniqueSorted(sites);
      outcomes[entry.index] = {
        primary: lowestCommonAncestor(unique),
        auxiliary: unique.length > 1 ? unique : [],
        decidedBy: "neighbourhood",
        confidence: unique.length > 1 ? 0.85 : 1
      };
    }
  }
}
function uniqueSorted(xs) {
  if (xs.length <= 1) return xs.slice();
  if (xs.length === 2) {
    const [a, b] = xs;
    return a === b ? [a] : a < b ? [a, b] : [b, a];
  }
  return [...new Set(xs)].sort();
}
function countModel(nodes, cases, evidence, threshold) {
  const bySource = {};
  let withEvidence = 0;
  for (let i = 0; i < evidence.length; i++) {
    const ev = evidence[i];
    if (ev.tags.length === 0) {
      if (ev.exporter) {
        withEvidence++;
        bySource[ev.exporter.source] = (bySource[ev.exporter.source] ?? 0) + 1;
      }
      continue;
    }
    const sources = /* @__PURE__ */ new Set();
    if (ev.exporter) sources.add(ev.exporter.source);
    for (const t of ev.tags) sources.add(t.source);
    if (sources.size > 0) withEvidence++;
    for (const s of sources) bySource[s] = (bySource[s] ?? 0) + 1;
  }
  const casesByKind = {};
  const casesByScope = {};
  const resolvedByStrategy = {};
  let resolved2 = 0;
  let confidenceSum = 0;
  for (const c of cases) {
    casesByKind[c.kind] = (casesByKind[c.kind] ?? 0) + 1;
    casesByScope[c.scope] = (casesByScope[c.scope] ?? 0) + 1;
    if (c.resolution.status === "resolved") {
      resolved2++;
      confidenceSum += c.resolution.confidence;
      const s = c.resolution.strategy;
      resolvedByStrategy[s] = (resolvedByStrategy[s] ?? 0) + 1;
    }
  }
  let withPrimary = 0;
  let attributed = 0;
  let uncertain = 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.primary !== null) withPrimary++;
    if (n.decidedBy === "neighbourhood") {
      attributed++;
      if (n.confidence < threshold) uncertain++;
    }
  }
  return {
    nodes: nodes.length,
    bySource: sortKeys(bySource),
    withEvidence,
    attributed,
    unattributed: nodes.length - withPrimary,
    cases: cases.length,
    casesByKind: sortKeys(casesByKind),
    casesByScope: sortKeys(casesByScope),
    resolved: resolved2,
    resolvedByStrategy: sortKeys(resolvedByStrategy),
    unresolved: cases.length - resolved2,
    meanConfidence: resolved2 > 0 ? round(confidenceSum / resolved2) : null,
    coverage: nodes.length > 0 ? round(withPrimary / nodes.length) : 0,
    evidenceCoverage: nodes.length > 0 ? round(withEvidence / nodes.length) : 0,
    uncertain
  };
}
function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a < b ? -1 : 1));
}
function summariseModules(tree, nodes, cases) {
  const inferred = /* @__PURE__ */ new Set();
  const direct = /* @__PURE__ */ new Map();
  for (let i = 0; i < nodes.length; i++) {
    const primary = nodes[i].primary;
    if (primary === null) continue;
    if (!tree.has(primary)) {
      inferred.add(primary);
      tree.add(primary);
    }
    direct.set(primary, (direct.get(primary) ?? 0) + 1);
  }
  const caseCount = /* @__PURE__ */ new Map();
  const unresolved = /* @__PURE__ */ new Map();
  for (const c of cases) {
    for (const ctx of new Set(c.contexts)) {
      caseCount.set(ctx, (caseCount.get(ctx) ?? 0) + 1);
      if (c.resolution.status === "unresolved") unresolved.set(ctx, (unresolved.get(ctx) ?? 0) + 1);
    }
  }
  const modules = [...tree.modules.values()];
  const total = /* @__PURE__ */ new Map();
  for (const m of [...modules].reverse()) {
    const t = (direct.get(m.path) ?? 0) + m.children.reduce((s, c) => s + (total.get(c) ?? 0), 0);
    total.set(m.path, t);
  }
  return modules.map((m) => {
    const s = {
      path: m.path,
      name: m.name,
      parent: m.parent,
      nodes: direct.get(m.path) ?? 0,
      totalNodes: total.get(m.path) ?? 0,
      cases: caseCount.get(m.path) ?? 0,
      unresolved: unresolved.get(m.path) ?? 0
    };
    if (m.className) s.className = m.className;
    if (m.classPath) s.classPath = m.classPath;
    if (inferred.has(m.path)) s.inferred = true;
    return s;
  });
}
function buildReport(models, options = {}) {
  const sorted = [...models].sort((a, b) => a.model < b.model ? -1 : a.model > b.model ? 1 : 0);
  const nodes = sorted.reduce((s, m) => s + m.counts.nodes, 0);
  const covered = sorted.reduce((s, m) => s + (m.counts.nodes - m.counts.unattributed), 0);
  const withEvidence = sorted.reduce((s, m) => s + m.counts.withEvidence, 0);
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    tool: { name: "modelexport", version: VERSION },
    options: { confidenceThreshold: options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD },
    models: sorted,
    totals: {
      models: sorted.length,
      nodes,
      cases: sorted.reduce((s, m) => s + m.counts.cases, 0),
      resolved: sorted.reduce((s, m) => s + m.counts.resolved, 0),
      unresolved: sorted.reduce((s, m) => s + m.counts.unresolved, 0),
      coverage: nodes > 0 ? round(covered / nodes) : 0,
      withEvidence,
      evidenceCoverage: nodes > 0 ? round(withEvidence / nodes) : 0,
      uncertain: sorted.reduce((s, m) => s + m.counts.uncertain, 0)
    }
  };
}

export {
  analyzeModel,
  buildReport
};
