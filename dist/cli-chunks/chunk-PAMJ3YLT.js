import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  metadataValue
} from "./chunk-THE7XHCR.js";
import {
  isObject
} from "./chunk-THEZH5GJ.js";

// src/util/string-table.ts
var StringTable = class {
  keys;
  /** Slot → entry + 1 (0 = empty). */
  slots;
  hashes;
  values;
  mask;
  count = 0;
  constructor(expected = 16) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    const entries = Math.max(8, expected);
    this.keys = new Array(entries);
    this.hashes = new Int32Array(entries);
    this.values = new Int32Array(entries);
  }
  /** The value of `key`, or -1 when the table has none. */
  get(key) {
    return this.getPrefix(key, key.length);
  }
  /**
   * The value of `s.slice(0, end)`, or -1 when the table has none, without making that string:
   * the names of one module share all but their last segment.
   */
  getPrefix(s, end) {
    const h = hashPrefix(s, end);
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = slot + 1 & mask) {
      const e = slots[slot];
      if (e === 0) return -1;
      if (this.hashes[e - 1] === h) {
        const k = this.keys[e - 1];
        if (k.length === end && s.startsWith(k)) return this.values[e - 1];
      }
    }
  }
  /** Set `key` to `value` (a non-negative integer); returns the value it replaced, or -1 when `key` is new. */
  set(key, value) {
    return this.put(key, value, true);
  }
  /**
   * The value of `key` when the table has one (left as it is); otherwise `key` is set to `value`
   * and -1 returned. One hash of `key` where `get` then `set` would make two.
   */
  getOrSet(key, value) {
    return this.put(key, value, false);
  }
  /** Finds `key`'s slot once: replaces its value when `replace`, returns the old one (or -1 when new). */
  put(key, value, replace) {
    const h = hashString(key);
    const mask = this.mask;
    let s = h & mask;
    for (; ; s = s + 1 & mask) {
      const e2 = this.slots[s];
      if (e2 === 0) break;
      if (this.hashes[e2 - 1] === h && this.keys[e2 - 1] === key) {
        const old = this.values[e2 - 1];
        if (replace) this.values[e2 - 1] = value;
        return old;
      }
    }
    const e = this.count++;
    if (e === this.values.length) this.growEntries();
    this.keys[e] = key;
    this.hashes[e] = h;
    this.values[e] = value;
    this.slots[s] = e + 1;
    if (this.count * 2 > this.slots.length) this.growSlots();
    return -1;
  }
  growEntries() {
    const n = this.values.length * 2;
    const hashes = new Int32Array(n);
    hashes.set(this.hashes);
    const values = new Int32Array(n);
    values.set(this.values);
    this.hashes = hashes;
    this.values = values;
    this.keys.length = n;
  }
  growSlots() {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let e = 0; e < this.count; e++) {
      let s = this.hashes[e] & mask;
      while (slots[s] !== 0) s = s + 1 & mask;
      slots[s] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
};
function hashString(s) {
  return hashPrefix(s, s.length);
}
function hashPrefix(s, end) {
  let even = 2166136261;
  let odd = 16777619 ^ end;
  let i = 0;
  for (; i + 1 < end; i += 2) {
    even = Math.imul(even ^ s.charCodeAt(i), 16777619);
    odd = Math.imul(odd ^ s.charCodeAt(i + 1), 1540483477);
  }
  if (i < end) even = Math.imul(even ^ s.charCodeAt(i), 16777619);
  let h = even ^ Math.imul(odd, 668265263);
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return h;
}

// src/load/graph-index.ts
var RECENT = 4;
function localNodeIds(count, nameOf, firstOutputOf) {
  const firstAt = new StringTable(count);
  const shared = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const first = firstAt.getOrSet(nameOf(i), i);
    if (first >= 0) {
      shared[i] = 1;
      shared[first] = 1;
    }
  }
  const ids = new Array(count);
  const rest = [];
  for (let i = 0; i < count; i++) {
    const name = nameOf(i);
    if (name !== "" && shared[i] === 0) ids[i] = name;
    else rest.push(i);
  }
  if (rest.length === 0) return ids;
  const outputCount = /* @__PURE__ */ new Map();
  for (const i of rest) {
    const o = firstOutputOf(i);
    if (o !== "") outputCount.set(o, (outputCount.get(o) ?? 0) + 1);
  }
  for (const i of rest) {
    const name = nameOf(i);
    const o = firstOutputOf(i);
    const byOutput = `${name}#${o}`;
    ids[i] = o !== "" && outputCount.get(o) === 1 && firstAt.get(byOutput) < 0 ? byOutput : `${name}#${i}`;
  }
  return ids;
}
function functionKey(domain, name) {
  return `${domain}:${name}`;
}
var NO_NEIGHBOURS = Object.freeze([]);
var Adjacency = class {
  constructor(start, targets) {
    this.start = start;
    this.targets = targets;
  }
  /** Node `i`'s list as an array of its own (the shared frozen empty list when it has none). */
  of(i) {
    const a = this.start[i];
    const b = this.start[i + 1];
    return a === b ? NO_NEIGHBOURS : copyOut(this.targets, a, b);
  }
  /** Whether node `j` is in node `i`'s list, read in place (no copy of the list). */
  has(i, j) {
    for (let k = this.start[i], end = this.start[i + 1]; k < end; k++) if (this.targets[k] === j) return true;
    return false;
  }
  /** How many nodes node `i`'s list has. */
  count(i) {
    return this.start[i + 1] - this.start[i];
  }
};
function readsOnlyInitializers(index, i) {
  for (const t of index.nodes[i].node.inputs) if (t !== "" && !index.initializers.has(t)) return false;
  return true;
}
function buildGraphIndex(model) {
  const nodes = [];
  const scopes = [];
  const functions = /* @__PURE__ */ new Map();
  const addGraph = (g, graphPath, parentScope, owner, fnKey) => {
    const scope = { producers: new StringTable(g.nodes.length), sharedOutputs: false, parent: parentScope };
    const first = nodes.length;
    const locals = localNodeIds(g.nodes.length, (i) => g.nodes[i].name, (i) => g.nodes[i].outputs[0] ?? "");
    const owners = [];
    for (let position = 0; position < g.nodes.length; position++) {
      const node = g.nodes[position];
      if (node.attributes.length > 0 && node.attributes.some((a) => a.g || a.graphs)) owners.push(first + position);
      const local = locals[position];
      const id = graphPath === "" ? local : `${graphPath}>${local}`;
      const index = nodes.length;
      const entry = { id, index, graph: graphPath, position, node };
      if (owner !== void 0) entry.owner = owner;
      if (fnKey !== void 0) entry.functionKey = fnKey;
      nodes.push(entry);
      for (let k = 0; k < node.outputs.length; k++) {
        const out = node.outputs[k];
        if (out !== "" && scope.producers.set(out, index) >= 0) scope.sharedOutputs = true;
      }
      scopes.push(scope);
    }
    for (const i of owners) {
      const n = nodes[i];
      for (const a of n.node.attributes) {
        if (a.g) addGraph(a.g, `${n.id}/${a.name}`, scope, i);
        a.graphs?.forEach((sub, k) => addGraph(sub, `${n.id}/${a.name}[${k}]`, scope, i));
      }
    }
  };
  addGraph(model.graph, "", void 0, void 0);
  for (const fn of model.functions) {
    const key = functionKey(fn.domain, fn.name);
    const start = nodes.length;
    addGraph({ ...emptyGraph(), nodes: fn.nodes }, `fn:${key}`, void 0, void 0, key);
    functions.set(key, range(start, nodes.length));
  }
  const consumerCount = new Int32Array(nodes.length);
  let flat = new Int32Array(Math.max(16, nodes.length * 2));
  const flatStart = new Int32Array(nodes.length + 1);
  let used = 0;
  for (let i = 0; i < nodes.length; i++) {
    const scope = scopes[i];
    const names = nodes[i].node.inputs;
    flatStart[i] = used;
    const listed = names.length > 16 ? /* @__PURE__ */ new Set() : void 0;
    for (const name of names) {
      if (name === "") continue;
      let s = scope;
      let p = scope !== void 0 && !scope.sharedOutputs ? recentProducer(nodes, scopes, i, name) : -1;
      while (s && p < 0) {
        p = s.producers.get(name);
        s = s.parent;
      }
      if (p < 0 || p === i) continue;
      if (listed ? listed.has(p) : listedIn(flat, flatStart[i], used, p)) continue;
      listed?.add(p);
      if (used === flat.length) {
        const grown = new Int32Array(flat.length * 2);
        grown.set(flat);
        flat = grown;
      }
      flat[used++] = p;
      consumerCount[p]++;
    }
  }
  flatStart[nodes.length] = used;
  const producers = new Adjacency(flatStart, flat.length === used ? flat : flat.slice(0, used));
  const consumerStart = new Int32Array(nodes.length + 1);
  for (let i = 0; i < nodes.length; i++) consumerStart[i + 1] = consumerStart[i] + consumerCount[i];
  const consumerTargets = new Int32Array(used);
  const filled = consumerCount.fill(0);
  for (let i = 0; i < nodes.length; i++) {
    for (let k = flatStart[i]; k < flatStart[i + 1]; k++) {
      const p = flat[k];
      consumerTargets[consumerStart[p] + filled[p]++] = i;
    }
  }
  const consumers = new Adjacency(consumerStart, consumerTargets);
  return {
    model,
    nodes,
    // Built on first use only: most commands never look a node up by id, and a Map of every id
    // is tens of megabytes on a large graph.
    get byId() {
      const byId = /* @__PURE__ */ new Map();
      for (const n of nodes) byId.set(n.id, n.index);
      Object.defineProperty(this, "byId", { value: byId, enumerable: true });
      return byId;
    },
    producers,
    consumers,
    initializers: new Map(model.graph.initializers.map((t) => [t.name, t])),
    graphInputs: new Set(model.graph.inputs.map((v) => v.name)),
    graphOutputs: new Set(model.graph.outputs.map((v) => v.name)),
    functions
  };
}
function recentProducer(nodes, scopes, i, name) {
  const scope = scopes[i];
  for (let j = i - 1; j >= 0 && j >= i - RECENT && scopes[j] === scope; j--) {
    for (const out of nodes[j].node.outputs) if (out === name) return j;
  }
  return -1;
}
function listedIn(flat, from, to, x) {
  for (let k = from; k < to; k++) if (flat[k] === x) return true;
  return false;
}
function copyOut(flat, from, to) {
  const out = new Array(to - from);
  for (let k = from; k < to; k++) out[k - from] = flat[k];
  return out;
}
function emptyGraph() {
  return { name: "", nodes: [], inputs: [], outputs: [], valueInfo: [], initializers: [], sparseInitializers: [], metadataProps: [] };
}
function range(a, b) {
  const out = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}

// src/hierarchy/paths.ts
function atoms(path) {
  return path === "" ? [] : path.split(".");
}
function mayBeStateDictName(name) {
  return !name.includes("/") && !name.includes("::");
}
function isIndex(atom) {
  if (atom.length === 0) return false;
  for (let i = 0; i < atom.length; i++) {
    const c = atom.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
var instanceCache = /* @__PURE__ */ new Map();
function layerInstanceOf(path) {
  const hit = instanceCache.get(path);
  if (hit !== void 0) return hit;
  let result = null;
  let start = 0;
  while (start <= path.length && path !== "") {
    const end = path.indexOf(".", start);
    const atom = end < 0 ? path.slice(start) : path.slice(start, end);
    if (isIndex(atom)) {
      const head = path.slice(0, start);
      result = { path: end < 0 ? path : path.slice(0, end), template: `${head}*`, index: Number(atom) };
      break;
    }
    if (end < 0) break;
    start = end + 1;
  }
  if (instanceCache.size > 1e5) instanceCache.clear();
  instanceCache.set(path, result);
  return result;
}
function numberedName(atom) {
  const m = /^(.*\D)(\d+)([a-z]?)$/.exec(atom);
  if (!m) return null;
  const n = Number(m[2]);
  return { stem: m[1], number: m[3] === "" ? n : n * 32 + m[3].charCodeAt(0) - 96 };
}
function stemShape(stem) {
  return stem.replace(/\d+/g, "#");
}
var LayerNaming = class {
  containers = /* @__PURE__ */ new Set();
  /** Containers with a child that is not an index. */
  named = /* @__PURE__ */ new Set();
  /** Parent path → stem → how many children carry it. */
  stems = /* @__PURE__ */ new Map();
  /** `parent\0stem` of a lone numbered child that its parent's siblings show to be an instance. */
  loneInstances = /* @__PURE__ */ new Set();
  /** `parent\0stem` where a child of that stem is a container: its siblings of the stem are instances, leaves or not. */
  containerStems = /* @__PURE__ */ new Set();
  /** The same one level up, `grandparent\0stem shape`: a like parent's child of the stem is a container. */
  containerCousins = /* @__PURE__ */ new Set();
  cache = /* @__PURE__ */ new Map();
  constructor(modulePaths) {
    const all = /* @__PURE__ */ new Set();
    for (const path of modulePaths) {
      for (let p = path; p !== "" && !all.has(p); p = parentPath(p)) {
        all.add(p);
        const parent = parentPath(p);
        if (parent !== "") this.containers.add(parent);
      }
    }
    const named = this.named;
    for (const path of all) {
      const cut = path.lastIndexOf(".");
      if (!isIndex(cut < 0 ? path : path.slice(cut + 1))) named.add(cut < 0 ? "" : path.slice(0, cut));
    }
    const parts = [];
    const childOf = /* @__PURE__ */ new Map();
    for (const path of all) {
      const cut = path.lastIndexOf(".");
      const n = numberedName(cut < 0 ? path : path.slice(cut + 1));
      if (n === null) continue;
      const parent = cut < 0 ? "" : path.slice(0, cut);
      const byStem = this.stems.get(parent) ?? this.stems.set(parent, /* @__PURE__ */ new Map()).get(parent);
      byStem.set(n.stem, (byStem.get(n.stem) ?? 0) + 1);
      childOf.set(`${parent}\0${n.stem}`, path);
      if (this.containers.has(path)) {
        this.containerStems.add(`${parent}\0${n.stem}`);
        if (parent !== "") this.containerCousins.add(`${parentPath(parent)}\0${stemShape(n.stem)}`);
      }
      if (this.containers.has(path) && !named.has(path)) parts.push([parent, n.stem]);
    }
    for (const [parent, stem] of parts) this.stems.get(parent).delete(stem);
    const repeated = /* @__PURE__ */ new Set();
    for (const [parent, byStem] of this.stems) {
      for (const [stem, count] of byStem) if (count >= 2 && parent !== "") repeated.add(`${parentPath(parent)}\0${stemShape(stem)}`);
    }
    for (const [parent, byStem] of this.stems) {
      if (parent === "") continue;
      for (const [stem, count] of byStem) {
        const key = `${parent}\0${stem}`;
        if (count === 1 && this.containers.has(childOf.get(key)) && repeated.has(`${parentPath(parent)}\0${stemShape(stem)}`)) this.loneInstances.add(key);
      }
    }
  }
  /**
   * Whether a module's children are all indices: a Sequential or a ModuleList, which run no op
   * of their own (a ModuleList may be absent from the tree: every prefix of a path counts).
   */
  holdsParts(path) {
    return this.containers.has(path) && !this.named.has(path);
  }
  /** Whether children of `parent` named with `stem` and a number are instances. */
  numbersInstances(parent, stem) {
    return (this.stems.get(parent)?.get(stem) ?? 0) >= 2 || this.loneInstances.has(`${parent}\0${stem}`);
  }
  instanceOf(path) {
    const hit = this.cache.get(path);
    if (hit !== void 0) return hit;
    let indexed = null;
    let numbered = null;
    let start = 0;
    while (path !== "" && start <= path.length) {
      const end = path.indexOf(".", start);
      const prefix = end < 0 ? path : path.slice(0, end);
      const container = this.containers.has(prefix);
      if (container || this.containerStems.size > 0) {
        const atom = path.slice(start, end < 0 ? path.length : end);
        if (container && isIndex(atom)) {
          if (numbered !== null && path.slice(0, start - 1) !== numbered.path) break;
          indexed = { path: prefix, template: `${path.slice(0, start)}*`, index: Number(atom) };
          for (let at = end; at >= 0; ) {
            const next = path.indexOf(".", at + 1);
            const inner = next < 0 ? path.slice(at + 1) : path.slice(at + 1, next);
            const innerPath = next < 0 ? path : path.slice(0, next);
            if (!isIndex(inner) || !this.containers.has(innerPath)) break;
            indexed = { path: innerPath, template: `${path.slice(0, at + 1)}*`, index: Number(inner) };
            at = next;
          }
          break;
        }
        const n = numberedName(atom);
        const parent = start === 0 ? "" : path.slice(0, start - 1);
        const namesContainers = n !== null && (container || this.containerStems.has(`${parent}\0${n.stem}`) || parent !== "" && this.containerCousins.has(`${parentPath(parent)}\0${stemShape(n.stem)}`));
        if (n !== null && namesContainers && this.numbersInstances(parent, n.stem)) {
          numbered = { path: prefix, template: `${path.slice(0, start)}${n.stem}*`, index: n.number };
        }
      }
      if (end < 0) break;
      start = end + 1;
    }
    const result = indexed ?? numbered ?? layerInstanceOf(path);
    if (this.cache.size > 1e5) this.cache.clear();
    this.cache.set(path, result);
    return result;
  }
  chains = /* @__PURE__ */ new Map();
  /**
   * The instances a path lies in, outermost first: `instanceOf`'s, then each indexed child of a
   * container inside it (MaxViT's `blocks.0.layers.1`, the second layer of stage `blocks.0`).
   * Layers repeated inside a repeated stage are layers of a stack too, which the outermost
   * instance alone does not show. Memoised per path.
   */
  instanceChain(path) {
    const hit = this.chains.get(path);
    if (hit !== void 0) return hit;
    const outer = this.instanceOf(path);
    const chain = outer ? [outer] : [];
    if (outer) {
      for (let start = outer.path.length + 1; start <= path.length; ) {
        const end = path.indexOf(".", start);
        const atom = end < 0 ? path.slice(start) : path.slice(start, end);
        const prefix = end < 0 ? path : path.slice(0, end);
        if (isIndex(atom) && this.containers.has(path.slice(0, start - 1))) chain.push({ path: prefix, template: `${path.slice(0, start)}*`, index: Number(atom) });
        if (end < 0) break;
        start = end + 1;
      }
    }
    if (this.chains.size > 1e5) this.chains.clear();
    this.chains.set(path, chain);
    return chain;
  }
  /** `instanceOf`'s template with the rest of the path: `features.denseblock1.denselayer*.conv1`. */
  templateOf(path) {
    const inst = this.instanceOf(path);
    return inst ? inst.template + path.slice(inst.path.length) : null;
  }
};
function layerTemplate(path) {
  const inst = layerInstanceOf(path);
  return inst ? inst.template + path.slice(inst.path.length) : null;
}
function childPath(parent, name) {
  return parent === "" ? String(name) : `${parent}.${name}`;
}
function parentPath(path) {
  const cut = path.lastIndexOf(".");
  return cut < 0 ? "" : path.slice(0, cut);
}
function isAncestorOrSelf(a, b) {
  return a === "" || a === b || b.startsWith(a + ".");
}
function conflicts(a, b) {
  return !isAncestorOrSelf(a, b) && !isAncestorOrSelf(b, a);
}
function lowestCommonAncestor(paths) {
  if (paths.length === 0) return "";
  let common = atoms(paths[0]);
  for (const p of paths.slice(1)) {
    const a = atoms(p);
    let i = 0;
    while (i < common.length && i < a.length && common[i] === a[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(".");
}
function conflictScope(a, b) {
  const x = atoms(a);
  const y = atoms(b);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i < x.length && i < y.length && isIndex(x[i]) && isIndex(y[i]) ? "cross-layer" : "cross-module";
}
function groupScope(contexts) {
  for (let i = 0; i < contexts.length; i++) {
    for (let j = i + 1; j < contexts.length; j++) {
      if (conflicts(contexts[i], contexts[j]) && conflictScope(contexts[i], contexts[j]) === "cross-layer") return "cross-layer";
    }
  }
  return "cross-module";
}
function deepest(contexts) {
  const unique = new Set(contexts);
  const ancestors = /* @__PURE__ */ new Set();
  for (const c of unique) {
    if (c === "") continue;
    ancestors.add("");
    for (let cut = c.lastIndexOf("."); cut > 0; cut = c.lastIndexOf(".", cut - 1)) {
      const a = c.slice(0, cut);
      if (ancestors.has(a)) break;
      ancestors.add(a);
    }
  }
  return [...unique].filter((c) => !ancestors.has(c)).sort();
}
function classSegments(classPath) {
  return classPath.split("/").filter((s) => s !== "");
}
function classPathIsAncestorOrSelf(a, b) {
  const x = classSegments(a);
  const y = classSegments(b);
  return x.length <= y.length && x.every((s, i) => s === y[i]);
}
function classPathsConflict(a, b) {
  return !classPathIsAncestorOrSelf(a, b) && !classPathIsAncestorOrSelf(b, a);
}
function classPathIndices(classPath) {
  const out = [];
  for (const s of classSegments(classPath)) {
    const m = /\.(\d+)$/.exec(s);
    if (m) out.push(Number(m[1]));
  }
  return out;
}
function instanceIndices(path) {
  return atoms(path).filter(isIndex).map(Number);
}

// src/hierarchy/module-tree.ts
var CONTAINERS = /* @__PURE__ */ new Set(["ModuleList", "ModuleDict", "ParameterList", "ParameterDict"]);
var ModuleTree = class {
  classes = /* @__PURE__ */ new Map();
  recordedClassPaths = /* @__PURE__ */ new Map();
  /** Modules also called from elsewhere than their parent: module path -> caller paths. */
  callSites = /* @__PURE__ */ new Map();
  built;
  byClassPath;
  classPathCache = /* @__PURE__ */ new Map();
  classlessCache = /* @__PURE__ */ new Map();
  constructor() {
    this.classes.set("", {});
  }
  /** Record a module (and, implicitly, that its path exists). Later facts fill gaps, never overwrite. */
  add(path, className, qualname) {
    this.built = void 0;
    const known = this.classes.get(path) ?? {};
    if (className && !known.className) known.className = className;
    if (qualname && !known.qualname) known.qualname = qualname;
    this.classes.set(path, known);
  }
  /** A class path a tagger recorded for a module (sidecar `traced_tag` ↔ `scope`). */
  addClassPath(path, classPath) {
    this.built = void 0;
    this.add(path);
    if (!this.recordedClassPaths.has(path)) this.recordedClassPaths.set(path, classPath);
  }
  /**
   * `module` also runs inside `caller` (a module reachable under two names, called from the
   * other's parent). A tagger that records the execution chain names it by the caller's class
   * path plus its own class: that class path names `module` too. Its own class path is unchanged.
   */
  addCallSite(module, caller) {
    this.built = void 0;
    this.add(module);
    this.add(caller);
    (this.callSites.get(module) ?? this.callSites.set(module, /* @__PURE__ */ new Set()).get(module)).add(caller);
  }
  has(path) {
    return this.classes.has(path);
  }
  declaredPaths = /* @__PURE__ */ new Set();
  /** A module the model's own module list declares (torch's `named_modules()`). */
  declare(path) {
    this.add(path);
    this.declaredPaths.add(path);
  }
  /** The modules the model's own module list declares (empty without one). */
  get declared() {
    return this.declaredPaths;
  }
  /**
   * Whether `path` may be reported: without a module list any path may; with one, only the
   * modules it declares (no analogy or parameter name invents one outside it).
   */
  allows(path) {
    return this.declaredPaths.size === 0 || this.declaredPaths.has(path);
  }
  /** Every module by path, in `comparePaths` order (parents before their children). */
  get modules() {
    if (!this.built) this.build();
    return this.built;
  }
  namingOf;
  /** Which modules are instances of repeated layers (paths.ts `LayerNaming`), for the tree as it is now. */
  get naming() {
    const built = this.modules;
    if (this.namingOf?.built !== built) this.namingOf = { built, naming: new LayerNaming(built.keys()) };
    return this.namingOf.naming;
  }
  get(path) {
    return this.modules.get(path);
  }
  classPathOf(path) {
    return this.modules.get(path)?.classPath;
  }
  /** The instance path a class path (hierarchy tag) names, if the tree knows exactly one. */
  pathOfClassPath(classPath) {
    const all = this.pathsOfClassPath(classPath);
    return all.length === 1 ? all[0] : void 0;
  }
  /**
   * Every instance path a class path can name. Siblings of one class share a class path
   * (`query`, `key` and `value` are all `.../BertSelfAttention/Linear`): such a tag is ambiguous.
   */
  pathsOfClassPath(classPath) {
    if (!this.built) this.build();
    const raw = this.classPathCache.get(classPath);
    if (raw) return raw;
    const cp = normaliseClassPath(classPath);
    const hit = this.classPathCache.get(cp);
    if (hit) {
      this.classPathCache.set(classPath, hit);
      return hit;
    }
    const segments = cp.split("/").slice(1);
    let prefix = "";
    let paths = [];
    for (let k = 0; k < segments.length; k++) {
      prefix += "/" + segments[k];
      const cached = this.classPathCache.get(prefix);
      if (cached) {
        paths = cached;
        continue;
      }
      const exact = this.byClassPath.get(prefix) ?? [];
      const out = [...exact];
      if (k > 0) {
        const seen = new Set(out);
        const index = /\.(\d+)$/.exec(segments[k])?.[1];
        for (const parent of paths) {
          const classless = this.classlessChildren(parent);
          for (const child of (index !== void 0 ? classless.byIndex.get(index) : classless.named) ?? []) {
            if (seen.has(child)) continue;
            out.push(child);
            seen.add(child);
          }
        }
      } else if (out.length === 0 && !this.hasClassesBuilt()) {
        out.push("");
      }
      this.classPathCache.set(prefix, out);
      paths = out;
    }
    this.classPathCache.set(classPath, paths);
    return paths;
  }
  /**
   * The children of `parent` no source gave a class, in child order: by their index when their
   * last atom is one (`layer.3` under a ModuleList the sidecar left out), the others apart.
   * Grouped once per parent: an encoder may have thousands of layer children, and every class
   * path through it would otherwise scan all of them.
   */
  classlessChildren(parent) {
    const hit = this.classlessCache.get(parent);
    if (hit) return hit;
    const groups = { byIndex: /* @__PURE__ */ new Map(), named: [] };
    for (const child of this.built.get(parent)?.children ?? []) {
      if (this.built.get(child).className !== void 0) continue;
      const last = lastAtom(child);
      if (isIndex(last)) (groups.byIndex.get(last) ?? groups.byIndex.set(last, []).get(last)).push(child);
      else groups.named.push(child);
    }
    this.classlessCache.set(parent, groups);
    return groups;
  }
  hasClassesBuilt() {
    return this.byClassPath.size > 0;
  }
  /** Whether any class is known: without classes, tags can only be compared by their indices. */
  get hasClasses() {
    if (!this.built) this.build();
    return this.byClassPath.size > 0;
  }
  build() {
    this.classPathCache.clear();
    this.classlessCache.clear();
    const paths = sortPaths([...this.classes.keys()]);
    const modules = /* @__PURE__ */ new Map();
    for (const path of paths) {
      const info = this.classes.get(path);
      const parent = path === "" ? null : nearestAncestor(path, this.classes);
      const m = { path, name: parent === null ? "" : parent === "" ? path : path.slice(parent.length + 1), parent, children: [] };
      if (info.className) m.className = info.className;
      if (info.qualname) m.qualname = info.qualname;
      modules.set(path, m);
      if (parent !== null) modules.get(parent).children.push(path);
    }
    const byClassPath = /* @__PURE__ */ new Map();
    for (const path of paths) {
      const m = modules.get(path);
      const recorded = this.recordedClassPaths.get(path);
      const derived = deriveClassPath(m, modules);
      const cp = recorded ?? derived;
      if (cp) {
        m.classPath = cp;
        (byClassPath.get(cp) ?? byClassPath.set(cp, []).get(cp)).push(path);
      }
    }
    for (const [module, callers] of this.callSites) {
      const m = modules.get(module);
      if (!m.className) continue;
      const last = atoms(module).at(-1);
      for (const caller of [...callers].sort()) {
        const prefix = modules.get(caller)?.classPath;
        if (prefix === void 0) continue;
        const cp = `${prefix}/${m.className}${isIndex(last) ? "." + last : ""}`;
        const list = byClassPath.get(cp) ?? byClassPath.set(cp, []).get(cp);
        if (!list.includes(module)) list.push(module);
      }
    }
    this.built = modules;
    this.byClassPath = byClassPath;
  }
};
function lastAtom(path) {
  const cut = path.lastIndexOf(".");
  return cut < 0 ? path : path.slice(cut + 1);
}
function nearestAncestor(path, known) {
  for (let cut = path.lastIndexOf("."); cut >= 0; cut = cut === 0 ? -1 : path.lastIndexOf(".", cut - 1)) {
    const p = path.slice(0, cut);
    if (known.has(p)) return p;
  }
  return "";
}
function deriveClassPath(m, modules) {
  if (!m.className) return void 0;
  if (m.parent === null) return `/${m.className}`;
  if (CONTAINERS.has(m.className)) return void 0;
  let parent = modules.get(m.parent);
  while (parent && parent.className && CONTAINERS.has(parent.className) && parent.parent !== null) parent = modules.get(parent.parent);
  if (!parent) return void 0;
  const prefix = parent.parent === null ? parent.className ? `/${parent.className}` : void 0 : parent.classPath ?? deriveClassPath(parent, modules);
  if (prefix === void 0) return void 0;
  const last = lastAtom(m.path);
  return `${prefix}/${m.className}${isIndex(last) ? "." + last : ""}`;
}
function normaliseClassPath(classPath) {
  const trimmed = classPath.trim().replace(/\/+$/, "");
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}
function comparePaths(a, b) {
  return compareAtoms(atoms(a), atoms(b));
}
function sortPaths(paths) {
  return sortByPath(paths, (path) => path);
}
function sortByPath(items, pathOf) {
  const keyed = items.map((item) => ({ item, atoms: atoms(pathOf(item)) }));
  keyed.sort((a, b) => compareAtoms(a.atoms, b.atoms));
  return keyed.map((k) => k.item);
}
function compareAtoms(x, y) {
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const nx = isIndex(x[i]);
    const ny = isIndex(y[i]);
    if (nx && ny) return Number(x[i]) - Number(y[i]);
    if (nx !== ny) return nx ? -1 : 1;
    return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

// src/hierarchy/python-repr.ts
function parsePythonStringList(text) {
  let i = 0;
  const s = text.trim();
  const out = [];
  const skipWs = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  if (s[i] !== "[") return null;
  i++;
  skipWs();
  if (s[i] === "]") return i === s.length - 1 ? out : null;
  for (; ; ) {
    skipWs();
    const q = s[i];
    if (q !== "'" && q !== '"') return null;
    i++;
    let str = "";
    for (; ; ) {
      if (i >= s.length) return null;
      const c = s[i];
      if (c === q) break;
      if (c === "\\") {
        const e = s[i + 1];
        if (e === void 0) return null;
        const simple = { n: "\n", t: "	", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
        if (e in simple) {
          str += simple[e];
          i += 2;
        } else if (e === "x" || e === "u" || e === "U") {
          const len = e === "x" ? 2 : e === "u" ? 4 : 8;
          const hex = s.slice(i + 2, i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return null;
          str += String.fromCodePoint(parseInt(hex, 16));
          i += 2 + len;
        } else {
          str += "\\" + e;
          i += 2;
        }
        continue;
      }
      str += c;
      i++;
    }
    i++;
    out.push(str);
    skipWs();
    if (s[i] === ",") {
      i++;
      skipWs();
      if (s[i] === "]") break;
      continue;
    }
    if (s[i] === "]") break;
    return null;
  }
  return i === s.length - 1 ? out : null;
}

// src/hierarchy/op-names.ts
var ONNX_OPS = "Abs Acos Acosh Add AffineGrid And ArgMax ArgMin Asin Asinh Atan Atanh Attention AveragePool BatchNormalization Bernoulli BitShift BitwiseAnd BitwiseNot BitwiseOr BitwiseXor BlackmanWindow Cast CastLike Ceil Celu CenterCropPad Clip Col2Im Compress Concat ConcatFromSequence Constant ConstantOfShape Conv ConvInteger ConvTranspose Cos Cosh CumSum DFT DeformConv DepthToSpace DequantizeLinear Det Div Dropout DynamicQuantizeLinear Einsum Elu Equal Erf Exp Expand EyeLike Flatten Floor GRU Gather GatherElements GatherND Gelu Gemm GlobalAveragePool GlobalLpPool GlobalMaxPool Greater GreaterOrEqual GridSample GroupNormalization HammingWindow HannWindow HardSigmoid HardSwish Hardmax Identity If ImageDecoder InstanceNormalization IsInf IsNaN LRN LSTM LayerNormalization LeakyRelu Less LessOrEqual Log LogSoftmax Loop LpNormalization LpPool MatMul MatMulInteger Max MaxPool MaxRoiPool MaxUnpool Mean MeanVarianceNormalization MelWeightMatrix Min Mish Mod Mul Multinomial Neg NegativeLogLikelihoodLoss NonMaxSuppression NonZero Not OneHot Optional OptionalGetElement OptionalHasElement Or PRelu Pad Pow QLinearConv QLinearMatMul QuantizeLinear RMSNormalization RNN RandomNormal RandomNormalLike RandomUniform RandomUniformLike Range Reciprocal ReduceL1 ReduceL2 ReduceLogSum ReduceLogSumExp ReduceMax ReduceMean ReduceMin ReduceProd ReduceSum ReduceSumSquare RegexFullMatch Relu Reshape Resize ReverseSequence RoiAlign RotaryEmbedding Round STFT Scan Scatter ScatterElements ScatterND Selu SequenceAt SequenceConstruct SequenceEmpty SequenceErase SequenceInsert SequenceLength SequenceMap Shape Shrink Sigmoid Sign Sin Sinh Size Slice Softmax SoftmaxCrossEntropyLoss Softplus Softsign SpaceToDepth Split SplitToSequence Sqrt Squeeze StringConcat StringNormalizer StringSplit Sub Sum Swish Tan Tanh TensorScatter TfIdfVectorizer ThresholdedRelu Tile TopK Transpose Trilu Unique Unsqueeze Upsample Where Xor";
var MICROSOFT_OPS = "Attention BiasAdd BiasDropout BiasGelu BiasSoftmax BiasSplitGelu ConvTransposeWithDynamicPads DecoderAttention DequantizeBFP DynamicQuantizeLSTM DynamicQuantizeMatMul EmbedLayerNormalization FastGelu FusedConv FusedGemm FusedMatMul FusedMatMulActivation GatedRelativePositionBias GemmFastGelu GemmFloat8 GreedySearch GroupNorm GroupQueryAttention LongformerAttention MatMulBnb4 MatMulFpQ4 MatMulInteger16 MatMulIntegerToFloat MatMulNBits MultiHeadAttention NhwcConv NhwcMaxPool PackedAttention PackedMultiHeadAttention QAttention QEmbedLayerNormalization QGemm QLinearAdd QLinearAveragePool QLinearConcat QLinearGlobalAveragePool QLinearLeakyRelu QLinearMul QLinearReduceMean QLinearSigmoid QLinearSoftmax QLinearWhere QOrderedAttention QOrderedGelu QOrderedLayerNormalization QOrderedMatMul QuickGelu RelativePositionBias RemovePadding RestorePadding SkipGroupNorm SkipLayerNormalization SkipSimplifiedLayerNormalization SimplifiedLayerNormalization SparseAttention TransposeMatMul Trilu WordConvEmbedding";
var OP_TYPES = /* @__PURE__ */ new Set([...ONNX_OPS.split(" "), ...MICROSOFT_OPS.split(" ")]);
function segmentHead(segment) {
  const cut = segment.indexOf("_");
  return cut < 0 ? segment : segment.slice(0, cut);
}
function isOpNameSegment(segment, ownOpType) {
  const head = segmentHead(segment);
  return OP_TYPES.has(head) || ownOpType !== void 0 && head === ownOpType;
}
function isRewriterSegment(segment) {
  return /^[A-Za-z0-9]*Fusion(_\d+|_token_\d+)?$/.test(segment) || /^token_\d+$/.test(segment);
}
function mayBeRewriterSegment(name, from) {
  return name.indexOf("Fusion", from) >= 0 || name.startsWith("token_", from);
}
function isConverterCastName(name) {
  const last = name.slice(name.lastIndexOf("/") + 1);
  return /(^|_)(graph_)?(input|output)_cast_?\d*$/.test(last) || last.startsWith("InsertedPrecisionFreeCast");
}

// src/hierarchy/scope.ts
var REWRITER_PREFIX = /^(?:fused |[A-Za-z0-9_.]*__)(?=\/)/;
function readScopeName(nodeName, opType) {
  const parts = scopeSegments(nodeName, opType);
  return parts === null ? null : scopeOf(parts);
}
function readScopeNameAnyOp(nodeName) {
  const parts = scopeSegments(nodeName, void 0);
  if (parts === null) return { scope: null, exceptOpType: void 0 };
  return { scope: scopeOf(parts), exceptOpType: parts.length > 0 ? segmentHead(parts[parts.length - 1]) : void 0 };
}
function scopeSegments(nodeName, opType) {
  let name = nodeName;
  if (!name.startsWith("/")) {
    const m = REWRITER_PREFIX.exec(name);
    if (!m) return null;
    name = name.slice(m[0].length);
  }
  const parts = name.slice(1).split("/");
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length === 0 || parts.some((p) => p === "")) return null;
  while (parts.length > 1 && isRewriterSegment(parts[parts.length - 1])) parts.pop();
  parts.pop();
  while (parts.length > 0 && isOpNameSegment(parts[parts.length - 1], opType)) parts.pop();
  return parts;
}
function scopeOf(parts) {
  const prefixes = scopePrefixes(parts);
  return { path: prefixes.at(-1) ?? "", prefixes };
}
function readTensorScope(tensorName) {
  const m = /^(\/.*)_output_\d+$/.exec(tensorName);
  return m ? readScopeName(m[1]) : null;
}
function scopePrefixes(segments) {
  const out = [];
  let path = "";
  let previous;
  for (const seg of segments) {
    if (previous !== void 0 && seg.startsWith(previous + ".") && /^(\.\d+)+$/.test(seg.slice(previous.length))) {
      path += seg.slice(previous.length);
    } else {
      path = path === "" ? seg : `${path}.${seg}`;
    }
    out.push(path);
    previous = seg;
  }
  return out;
}
var CALL_SUFFIX = /^(.+)_(\d+)$/;
var ScopeNormaliser = class {
  /** `also`: module paths known from elsewhere (the modules parameters are named after). */
  constructor(also = /* @__PURE__ */ new Set()) {
    this.also = also;
  }
  seen = /* @__PURE__ */ new Set();
  /** The same paths with their first index starred: a sibling layer's module counts too. */
  seenInSiblings = /* @__PURE__ */ new Set();
  cache = /* @__PURE__ */ new Map();
  /** `base\0suffixed` for every module seen next to a sibling named like its later call; built on first use. */
  calledTwice = null;
  addAll(prefixes) {
    for (const p of prefixes) {
      if (this.seen.has(p)) continue;
      this.seen.add(p);
      this.calledTwice = null;
      const t = layerTemplate(p);
      if (t !== null) this.seenInSiblings.add(t);
    }
  }
  /**
   * Whether the unsuffixed module exists: seen in a scope, seen in a sibling instance of its
   * layer (its own first call may have lost its name), or named by parameters. Or, short of
   * that, whether some other module runs both names side by side (`layer1.0.relu` and
   * `layer1.0.relu_1`): then the suffix is that design's second call, though every first call of
   * one stage lost its name. Real modules named like a later call (Inception's `branch3x3_1`,
   * `branch3x3_2`) never stand next to the unsuffixed name, so they stay as they are.
   */
  exists(path, base, atom) {
    if (this.seen.has(path) || this.also.has(path) || this.seenInSiblings.has(layerTemplate(path) ?? path)) return true;
    if (this.calledTwice === null) {
      this.calledTwice = /* @__PURE__ */ new Set();
      for (const p of this.seen) {
        const dot = p.lastIndexOf(".");
        const m = CALL_SUFFIX.exec(p.slice(dot + 1));
        if (m && this.seen.has(`${p.slice(0, dot + 1)}${m[1]}`)) this.calledTwice.add(`${m[1]}\0${m[0]}`);
      }
    }
    return this.calledTwice.has(`${base}\0${atom}`);
  }
  /** One pass over the atoms, the raw prefix built incrementally: linear in the path's length. */
  normalise(path) {
    const hit = this.cache.get(path);
    if (hit !== void 0) return hit;
    let raw = "";
    let result = "";
    for (const atom of atoms(path)) {
      const m = CALL_SUFFIX.exec(atom);
      const base = m ? m[1] : void 0;
      const folded = base !== void 0 && this.exists(raw === "" ? base : `${raw}.${base}`, base, atom) ? base : atom;
      result = result === "" ? folded : `${result}.${folded}`;
      raw = raw === "" ? atom : `${raw}.${atom}`;
    }
    this.cache.set(path, result);
    return result;
  }
};

// src/hierarchy/evidence.ts
var META = {
  module: "modelexport.module",
  tag: "modelexport.tag",
  modules: "modelexport.modules",
  primary: "modelexport.context.primary",
  auxiliary: "modelexport.context.auxiliary",
  strategy: "modelexport.context.strategy",
  confidence: "modelexport.context.confidence",
  dynamoScopes: "pkg.torch.onnx.name_scopes",
  dynamoClasses: "pkg.torch.onnx.class_hierarchy",
  dynamoStack: "pkg.torch.onnx.stack_trace"
};
function tagPaths(t) {
  return t.path !== void 0 ? [t.path] : t.candidates ?? [];
}
var SidecarError = class extends Error {
};
function validateHtpMetadata(data) {
  if (!isObject(data)) throw new SidecarError("expected a JSON object");
  if (data.nodes !== void 0) {
    if (!isObject(data.nodes)) throw new SidecarError("`nodes` must be an object mapping node names to tags");
    const nodes = data.nodes;
    for (const k of Object.keys(nodes)) {
      if (typeof nodes[k] !== "string") throw new SidecarError(`\`nodes\`: the tag of '${k}' must be a string`);
    }
  }
  if (data.modules !== void 0) checkHtpModule(data.modules, "modules", 0);
  return data;
}
function checkHtpModule(m, where, depth) {
  if (depth > 200) throw new SidecarError(`\`${where}\` is nested too deeply`);
  if (!isObject(m)) throw new SidecarError(`\`${where}\` must be an object`);
  for (const k of ["class_name", "traced_tag", "scope"]) {
    if (m[k] !== void 0 && typeof m[k] !== "string") throw new SidecarError(`\`${where}.${k}\` must be a string`);
  }
  if (m.children !== void 0) {
    if (!isObject(m.children)) throw new SidecarError(`\`${where}.children\` must be an object`);
    for (const [k, c] of Object.entries(m.children)) checkHtpModule(c, `${where}.children.${k}`, depth + 1);
  }
}
function validateLegacyHierarchy(data) {
  if (!isObject(data)) throw new SidecarError("expected a JSON object");
  if (data.node_tags !== void 0) {
    if (!isObject(data.node_tags)) throw new SidecarError("`node_tags` must be an object");
    for (const [k, v] of Object.entries(data.node_tags)) {
      if (!isObject(v)) throw new SidecarError(`\`node_tags.${k}\` must be an object`);
      if (v.tags !== void 0 && (!Array.isArray(v.tags) || v.tags.some((t) => typeof t !== "string"))) {
        throw new SidecarError(`\`node_tags.${k}.tags\` must be a list of strings`);
      }
    }
  }
  return data;
}
function lastName(qualified) {
  const parts = qualified.split(".");
  return parts[parts.length - 1] ?? qualified;
}
function readModuleList(model, tree) {
  const raw = metadataValue(model.metadataProps, META.modules);
  if (!raw) return tree.declared;
  try {
    const list = JSON.parse(raw);
    if (!Array.isArray(list)) return tree.declared;
    for (const m of list) {
      if (isObject(m) && typeof m.path === "string") {
        tree.add(m.path, typeof m.class === "string" ? m.class : void 0, typeof m.qualname === "string" ? m.qualname : void 0);
        tree.declare(m.path);
      }
    }
  } catch {
  }
  return tree.declared;
}
function aliasedScopePath(path, declared) {
  if (declared.size === 0 || declared.has(path)) return null;
  const parts = path.split(".");
  for (let k = 1; k < parts.length; k++) {
    const caller = parts.slice(0, k).join(".");
    const module = parts.slice(k).join(".");
    if (declared.has(module) && declared.has(caller)) return { module, caller };
  }
  return null;
}
function parameterAlias(path, inputs, initializers, modules) {
  if (modules.has(path)) return null;
  const cut = path.lastIndexOf(".");
  if (cut <= 0) return null;
  const caller = path.slice(0, cut);
  const name = path.slice(cut + 1);
  if (!modules.has(caller)) return null;
  for (const t of inputs) {
    if (t === "" || !mayBeStateDictName(t) || !initializers.has(t)) continue;
    const end = t.lastIndexOf(".");
    if (end <= 0) continue;
    const module = t.slice(0, end);
    if (module === name || module.endsWith("." + name)) {
      if (modules.has(module) && !isAncestorOrSelf(module, path)) return { module, caller };
    }
  }
  return null;
}
function readHtpModules(m, tree, depth) {
  if (depth > 200) return;
  if (typeof m.scope === "string") {
    tree.add(m.scope, m.class_name);
    if (m.traced_tag) tree.addClassPath(m.scope, normaliseClassPath(m.traced_tag));
  }
  for (const c of Object.values(m.children ?? {})) readHtpModules(c, tree, depth + 1);
}
function parseStack(trace) {
  let found;
  for (const m of trace.matchAll(/File "([^"]+)", line (\d+)/g)) found = { file: m[1], line: Number(m[2]) };
  return found;
}
function docStringTags(node) {
  const d = node.docString.trim();
  if (!d.startsWith("{")) return [];
  try {
    const j = JSON.parse(d);
    if (!isObject(j)) return [];
    const tags = j.hierarchy_tags;
    if (Array.isArray(tags)) return tags.filter((t) => typeof t === "string" && t !== "");
    if (typeof j.hierarchy_path === "string" && j.hierarchy_path !== "") return [j.hierarchy_path];
  } catch {
  }
  return [];
}
function functionCallPath(index, node, scopePath) {
  const owners = node.inputs.filter((name) => index.initializers.has(name) && !name.includes("::") && atoms(name).length >= 2).map((name) => atoms(name).slice(0, -1).join("."));
  if (owners.length === 0) return scopePath;
  return lowestCommonAncestor([lowestCommonAncestor(owners), scopePath]);
}
function parameterModules(index) {
  const out = /* @__PURE__ */ new Set();
  for (const name of index.initializers.keys()) {
    if (!mayBeStateDictName(name)) continue;
    let p = name;
    for (let cut = p.lastIndexOf("."); cut > 0; cut = p.lastIndexOf(".")) {
      p = p.slice(0, cut);
      if (out.has(p)) break;
      out.add(p);
    }
  }
  return out;
}
function clampToDeclared(path, declared) {
  if (declared.size === 0 || declared.has(path)) return path;
  let p = path;
  while (p !== "") {
    const cut = p.lastIndexOf(".");
    p = cut < 0 ? "" : p.slice(0, cut);
    if (declared.has(p)) return p;
  }
  return "";
}
function isOwnOutput(out, name) {
  const from = name.length + 8;
  if (out.length <= from || !out.startsWith(name) || !out.startsWith("_output_", name.length)) return false;
  for (let i = from; i < out.length; i++) {
    const c = out.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
var NO_TAGS = Object.freeze([]);
function samePrefixes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
var isOwnEnumerable = Object.prototype.propertyIsEnumerable;
function ownValue(o, key) {
  return o !== void 0 && isOwnEnumerable.call(o, key) ? o[key] : void 0;
}
function ownString(o, key) {
  if (o === void 0) return void 0;
  const v = o[key];
  return typeof v === "string" ? v : void 0;
}
function nodeEvidence(tags, exporter, stack, absorbed) {
  if (exporter === void 0) return { tags };
  if (stack !== void 0) return { tags, exporter, stack };
  if (absorbed !== void 0) return { tags, exporter, absorbed };
  return { tags, exporter };
}
function collectEvidence(index, sidecars = {}) {
  const tree = new ModuleTree();
  const declared = readModuleList(index.model, tree);
  if (sidecars.htp?.modules) readHtpModules(sidecars.htp.modules, tree, 0);
  const paramModules = parameterModules(index);
  const scopeNames = new ScopeNormaliser(paramModules);
  const scopesByPath = /* @__PURE__ */ new Map();
  const canonical = (p) => {
    if (p === null) return null;
    const same = scopesByPath.get(p.path);
    if (same === void 0) {
      scopesByPath.set(p.path, [p]);
      return p;
    }
    for (const q of same) if (samePrefixes(q.prefixes, p.prefixes)) return q;
    same.push(p);
    return p;
  };
  const scopeTable = new StringTable();
  const cachedScopes = [];
  let previousScope;
  const scopeOfNode = (name, opType) => {
    const last = name.lastIndexOf("/");
    if (!name.startsWith("/") || last === name.length - 1 || mayBeRewriterSegment(name, last + 1)) {
      return canonical(readScopeName(name, opType));
    }
    let cached = previousScope;
    if (cached === void 0 || cached.prefix.length !== last || !name.startsWith(cached.prefix)) {
      const k = scopeTable.getPrefix(name, last);
      cached = k >= 0 ? cachedScopes[k] : void 0;
      if (cached === void 0) {
        const read = readScopeNameAnyOp(name);
        cached = { prefix: name.slice(0, last), scope: canonical(read.scope), exceptOpType: read.exceptOpType };
        scopeTable.set(cached.prefix, cachedScopes.length);
        cachedScopes.push(cached);
      }
      previousScope = cached;
    }
    return opType === cached.exceptOpType ? canonical(readScopeName(name, opType)) : cached.scope;
  };
  const namesAdded = /* @__PURE__ */ new Set();
  const addScopeNames = (p) => {
    if (namesAdded.has(p)) return;
    namesAdded.add(p);
    scopeNames.addAll(p.prefixes);
  };
  const parsedScopes = new Array(index.nodes.length).fill(null);
  const tensorScopes = new Array(index.nodes.length).fill(null);
  for (let k = 0; k < index.nodes.length; k++) {
    const entry = index.nodes[k];
    if (entry.functionKey !== void 0) continue;
    const parsed = scopeOfNode(entry.node.name, entry.node.opType);
    let fromTensors = null;
    for (const out of entry.node.outputs) {
      if (parsed && isOwnOutput(out, entry.node.name)) continue;
      const t = canonical(readTensorScope(out));
      if (t) (fromTensors ??= []).push(t);
    }
    if (fromTensors !== null) {
      for (const t of fromTensors) addScopeNames(t);
      tensorScopes[entry.index] = fromTensors;
    }
    if (parsed) {
      addScopeNames(parsed);
      parsedScopes[entry.index] = parsed;
    }
  }
  const aliasNames = declared.size > 0 ? declared : paramModules;
  const normalisedPaths = /* @__PURE__ */ new Map();
  const normalisedPath = (parsed) => {
    let p = normalisedPaths.get(parsed);
    if (p === void 0) normalisedPaths.set(parsed, p = scopeNames.normalise(parsed.path));
    return p;
  };
  const parameterAliases = /* @__PURE__ */ new Map();
  if (aliasNames.size > 0) {
    let lastParsed;
    let lastUnknown = null;
    const unknown = (parsed) => {
      if (parsed !== lastParsed) {
        const p = normalisedPath(parsed);
        lastParsed = parsed;
        lastUnknown = aliasNames.has(p) ? null : p;
      }
      return lastUnknown;
    };
    const consider = (parsed, inputs) => {
      const path = unknown(parsed);
      if (path === null || parameterAliases.has(parsed)) return;
      const alias = parameterAlias(path, inputs, index.initializers, aliasNames);
      if (alias !== null) parameterAliases.set(parsed, alias);
    };
    for (let k = 0; k < index.nodes.length; k++) {
      const entry = index.nodes[k];
      const parsed = parsedScopes[entry.index];
      if (parsed) consider(parsed, entry.node.inputs);
      const fromTensors = tensorScopes[entry.index];
      if (fromTensors) for (const t of fromTensors) consider(t, entry.node.inputs);
    }
  }
  const htpNodes = sidecars.htp?.nodes;
  const legacy = sidecars.legacy?.node_tags;
  const addedScope = /* @__PURE__ */ new Set();
  const scopePaths = /* @__PURE__ */ new Map();
  const addScopePath = (parsed) => {
    let known = scopePaths.get(parsed);
    if (known === void 0) scopePaths.set(parsed, known = addScopePathOnce(parsed));
    return known;
  };
  const addScopePathOnce = (parsed) => {
    let path = normalisedPath(parsed);
    const alias = aliasedScopePath(path, aliasNames) ?? parameterAliases.get(parsed) ?? null;
    if (alias !== null) {
      tree.addCallSite(alias.module, alias.caller);
      return alias.module;
    }
    path = clampToDeclared(path, declared);
    if (!addedScope.has(path)) {
      addedScope.add(path);
      for (const p of parsed.prefixes) {
        const q = clampToDeclared(scopeNames.normalise(p), declared);
        if (isAncestorOrSelf(q, path)) tree.add(q);
      }
    }
    return path;
  };
  const scopeRecords = /* @__PURE__ */ new Map();
  const normalisedTags = /* @__PURE__ */ new Map();
  let lastRaw;
  let lastTag = "";
  const normalisedTag = (raw) => {
    if (raw === lastRaw) return lastTag;
    lastRaw = raw;
    return lastTag = normalisedTagOnce(raw);
  };
  const normalisedTagOnce = (raw) => {
    let cp = normalisedTags.get(raw);
    if (cp === void 0) {
      cp = normaliseClassPath(raw);
      const known = normalisedTags.get(cp);
      if (known !== void 0) cp = known;
      normalisedTags.set(raw, cp);
    }
    return cp;
  };
  const scopeOnly = /* @__PURE__ */ new Map();
  const evidence = index.nodes.map((entry) => {
    const node = entry.node;
    let exporter;
    let stack;
    let absorbed;
    let tags;
    const dynScopes = metadataValue(node.metadataProps, META.dynamoScopes);
    const scopes = dynScopes ? parsePythonStringList(dynScopes) : null;
    if (scopes && scopes.length >= 2) {
      const modulePaths = scopes.slice(0, -1);
      const classList = parsePythonStringList(metadataValue(node.metadataProps, META.dynamoClasses) ?? "") ?? [];
      modulePaths.forEach((p, i) => {
        const cls = classList[i];
        tree.add(p, cls ? lastName(cls) : void 0, cls);
      });
      exporter = { source: "dynamo", path: modulePaths[modulePaths.length - 1] };
      const trace = metadataValue(node.metadataProps, META.dynamoStack);
      if (trace) stack = parseStack(trace);
    } else {
      const parsed = parsedScopes[entry.index];
      if (parsed) {
        let path = addScopePath(parsed);
        if (index.functions.size > 0 && index.functions.has(functionKey(node.domain, node.opType))) path = functionCallPath(index, node, path);
        let record = scopeRecords.get(path);
        if (record === void 0) scopeRecords.set(path, record = { source: "scope", path });
        exporter = record;
        const fromTensors = tensorScopes[entry.index];
        const others = fromTensors ? deepest(fromTensors.map(addScopePath)).filter((p) => conflicts(p, path)) : [];
        if (others.length > 0) absorbed = others;
      } else {
        const fromTensors = tensorScopes[entry.index];
        if (fromTensors) exporter = { source: "tensor-name", path: lowestCommonAncestor(fromTensors.map(addScopePath)) };
      }
    }
    const ownModule = metadataValue(node.metadataProps, META.module);
    const ownTag = metadataValue(node.metadataProps, META.tag);
    if (ownModule !== void 0 || ownTag !== void 0) {
      const t = { source: "metadata-tag" };
      if (ownModule !== void 0) {
        t.path = ownModule;
        tree.add(ownModule);
      }
      if (ownTag) t.classPath = normaliseClassPath(ownTag);
      (tags ??= []).push(t);
    }
    const attr = node.attributes.length > 0 ? node.attributes.find((a) => a.name === "hierarchy_tag" && typeof a.s === "string" && a.s !== "") : void 0;
    if (attr) (tags ??= []).push({ source: "hierarchy-attr", classPath: normaliseClassPath(attr.s) });
    if (node.docString !== "") for (const t of docStringTags(node)) (tags ??= []).push({ source: "doc-string", classPath: normaliseClassPath(t) });
    if (entry.graph === "" && node.name !== "") {
      const h = ownString(htpNodes, node.name);
      if (h !== void 0 && h !== "") (tags ??= []).push({ source: "htp-sidecar", classPath: normalisedTag(h) });
      const l = ownValue(legacy, node.name);
      for (const t of l?.tags ?? []) if (typeof t === "string" && t !== "") (tags ??= []).push({ source: "legacy-sidecar", classPath: normalisedTag(t) });
    }
    if (tags === void 0 && stack === void 0 && absorbed === void 0 && exporter !== void 0 && exporter.source === "scope") {
      let shared = scopeOnly.get(exporter);
      if (shared === void 0) scopeOnly.set(exporter, shared = nodeEvidence(NO_TAGS, exporter, void 0, void 0));
      return shared;
    }
    return nodeEvidence(tags !== void 0 ? tags.slice() : NO_TAGS, exporter, stack, absorbed);
  });
  for (let e = 0; e < evidence.length; e++) {
    const tags = evidence[e].tags;
    for (let k = 0; k < tags.length; k++) {
      const t = tags[k];
      if (t.path === void 0 && t.classPath !== void 0) {
        const all = tree.pathsOfClassPath(t.classPath);
        if (all.length === 1) tags[k] = { source: t.source, classPath: t.classPath, path: all[0] };
        else if (all.length > 1) t.candidates = all;
      }
    }
  }
  return { evidence, tree };
}

export {
  localNodeIds,
  functionKey,
  readsOnlyInitializers,
  buildGraphIndex,
  atoms,
  mayBeStateDictName,
  isIndex,
  childPath,
  parentPath,
  isAncestorOrSelf,
  conflicts,
  lowestCommonAncestor,
  groupScope,
  deepest,
  classPathsConflict,
  classPathIndices,
  instanceIndices,
  comparePaths,
  isConverterCastName,
  tagPaths,
  SidecarError,
  validateHtpMetadata,
  validateLegacyHierarchy,
  collectEvidence
};
