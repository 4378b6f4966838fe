/**
 * Graph index: every node of the model (main graph, If/Loop/Scan bodies, local function
 * bodies) with a stable identity, and tensor edges (producer, consumers) between them.
 */
import type { OnnxGraph, OnnxModel, OnnxNode, TensorInfo } from "./model.js";
import { StringTable } from "../util/string-table.js";

export interface IndexedNode {
  /**
   * Stable identity: the node name within its graph; for a node without a name of its own (empty,
   * or a name an earlier node took) `<name>#<first output>`, which no reordering of the node list
   * changes (`#position` only when even that is missing or taken).
   */
  id: string;
  /** Position in `GraphIndex.nodes`. */
  index: number;
  /** "" for the main graph; `<owner id>/<attribute>` for a subgraph; `fn:<domain>:<name>` for a function body. */
  graph: string;
  /** Position within its own graph. */
  position: number;
  node: OnnxNode;
  /** For subgraph nodes: the index of the node whose attribute holds the subgraph. */
  owner?: number;
  /** For function-body nodes: `domain:name` of the function. */
  functionKey?: string;
}

interface Scope {
  /** tensor name → producing node index. */
  producers: StringTable;
  /** Whether two of the graph's nodes output the same name (the later one is its producer). */
  sharedOutputs: boolean;
  parent?: Scope;
}

/** How many nodes back `recentProducer` looks: in torch exports 5 in 6 inputs come from there. */
const RECENT = 4;

export interface GraphIndex {
  model: OnnxModel;
  nodes: IndexedNode[];
  byId: Map<string, number>;
  /** For each node, the indices of the nodes producing its inputs (deduplicated, in input order). */
  producers: Adjacency;
  /** For each node, the indices of the nodes consuming its outputs (deduplicated, ascending). */
  consumers: Adjacency;
  /** Main-graph initializers by name. */
  initializers: Map<string, TensorInfo>;
  graphInputs: Set<string>;
  graphOutputs: Set<string>;
  /** Function bodies by `domain:name`, for call nodes whose op_type names a local function. */
  functions: Map<string, number[]>;
}

/**
 * Local ids of one graph's nodes: see `IndexedNode.id`. A name two nodes share goes to neither
 * alone (each gets `<name>#<first output>`), so the ids stay the same when the list is reordered.
 * One pass over the names; outputs are looked at only for the few nodes without a name of their own.
 */
export function localNodeIds(count: number, nameOf: (i: number) => string, firstOutputOf: (i: number) => string): string[] {
  // Each name's first position, and which positions share their name: one table of names, looked
  // up once per node (a large graph has hundreds of thousands).
  const firstAt = new StringTable(count);
  const shared = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const first = firstAt.getOrSet(nameOf(i), i);
    if (first >= 0) {
      shared[i] = 1;
      shared[first] = 1;
    }
  }
  const ids: string[] = new Array(count);
  const rest: number[] = [];
  for (let i = 0; i < count; i++) {
    const name = nameOf(i);
    if (name !== "" && shared[i] === 0) ids[i] = name;
    else rest.push(i);
  }
  if (rest.length === 0) return ids;
  const outputCount = new Map<string, number>();
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

export function functionKey(domain: string, name: string): string {
  return `${domain}:${name}`;
}

/** The producers or consumers of a node that has none: shared, so frozen. */
const NO_NEIGHBOURS = Object.freeze([]) as unknown as number[];

/**
 * Every node's producers or consumers in two typed arrays (compressed rows): node `i`'s list is
 * `targets[start[i], start[i + 1])`. Two lists per node as arrays were a million objects on a
 * large graph, all kept for the whole run (and copied by each young-generation collection).
 */
export class Adjacency {
  constructor(
    /** Where each node's list starts in `targets`; one entry more than there are nodes. */
    readonly start: Int32Array,
    readonly targets: Int32Array,
  ) {}

  /** Node `i`'s list as an array of its own (the shared frozen empty list when it has none). */
  of(i: number): number[] {
    const a = this.start[i]!;
    const b = this.start[i + 1]!;
    return a === b ? NO_NEIGHBOURS : copyOut(this.targets, a, b);
  }

  /** Whether node `j` is in node `i`'s list, read in place (no copy of the list). */
  has(i: number, j: number): boolean {
    for (let k = this.start[i]!, end = this.start[i + 1]!; k < end; k++) if (this.targets[k] === j) return true;
    return false;
  }

  /** How many nodes node `i`'s list has. */
  count(i: number): number {
    return this.start[i + 1]! - this.start[i]!;
  }
}

/** Whether node `i` reads nothing but initializers (a Constant reads nothing): its value is fixed, not computed from the model's inputs. */
export function readsOnlyInitializers(index: GraphIndex, i: number): boolean {
  for (const t of index.nodes[i]!.node.inputs) if (t !== "" && !index.initializers.has(t)) return false;
  return true;
}

/** Index a decoded model. Pure; linear in the number of nodes and edges. */
export function buildGraphIndex(model: OnnxModel): GraphIndex {
  const nodes: IndexedNode[] = [];
  const scopes: Scope[] = [];
  const functions = new Map<string, number[]>();

  const addGraph = (g: OnnxGraph, graphPath: string, parentScope: Scope | undefined, owner: number | undefined, fnKey?: string) => {
    const scope: Scope = { producers: new StringTable(g.nodes.length), sharedOutputs: false, parent: parentScope };
    const first = nodes.length;
    const locals = localNodeIds(g.nodes.length, (i) => g.nodes[i]!.name, (i) => g.nodes[i]!.outputs[0] ?? "");
    // The nodes with a subgraph, noted while each node is at hand: the loop below visits only them.
    const owners: number[] = [];
    for (let position = 0; position < g.nodes.length; position++) {
      const node = g.nodes[position]!;
      if (node.attributes.length > 0 && node.attributes.some((a) => a.g || a.graphs)) owners.push(first + position);
      const local = locals[position]!;
      const id = graphPath === "" ? local : `${graphPath}>${local}`;
      const index = nodes.length;
      const entry: IndexedNode = { id, index, graph: graphPath, position, node };
      if (owner !== undefined) entry.owner = owner;
      if (fnKey !== undefined) entry.functionKey = fnKey;
      nodes.push(entry);
      for (let k = 0; k < node.outputs.length; k++) {
        const out = node.outputs[k]!;
        if (out !== "" && scope.producers.set(out, index) >= 0) scope.sharedOutputs = true;
      }
      scopes.push(scope);
    }
    // Subgraphs after the graph's own nodes, so a body can see every tensor of its outer graph.
    for (const i of owners) {
      const n = nodes[i]!;
      for (const a of n.node.attributes) {
        if (a.g) addGraph(a.g, `${n.id}/${a.name}`, scope, i);
        a.graphs?.forEach((sub, k) => addGraph(sub, `${n.id}/${a.name}[${k}]`, scope, i));
      }
    }
  };

  addGraph(model.graph, "", undefined, undefined);
  for (const fn of model.functions) {
    const key = functionKey(fn.domain, fn.name);
    const start = nodes.length;
    addGraph({ ...emptyGraph(), nodes: fn.nodes }, `fn:${key}`, undefined, undefined, key);
    functions.set(key, range(start, nodes.length));
  }

  // Producers first, into one flat buffer in node order (it is their compressed rows); consumers
  // counted, then filled.
  const consumerCount = new Int32Array(nodes.length);
  let flat = new Int32Array(Math.max(16, nodes.length * 2));
  const flatStart = new Int32Array(nodes.length + 1);
  let used = 0;
  for (let i = 0; i < nodes.length; i++) {
    const scope: Scope | undefined = scopes[i];
    const names = nodes[i]!.node.inputs;
    flatStart[i] = used;
    // A Set beside the list only for wide nodes: a node may read thousands of tensors (a Concat
    // of every layer); a scan of a short list is cheaper than a Set per node.
    const listed = names.length > 16 ? new Set<number>() : undefined;
    for (const name of names) {
      if (name === "") continue;
      let s: Scope | undefined = scope;
      let p = scope !== undefined && !scope.sharedOutputs ? recentProducer(nodes, scopes, i, name) : -1;
      while (s && p < 0) {
        p = s.producers.get(name);
        s = s.parent;
      }
      if (p < 0 || p === i) continue;
      if (listed ? listed.has(p) : listedIn(flat, flatStart[i]!, used, p)) continue;
      listed?.add(p);
      if (used === flat.length) {
        const grown = new Int32Array(flat.length * 2);
        grown.set(flat);
        flat = grown;
      }
      flat[used++] = p;
      consumerCount[p]!++;
    }
  }
  flatStart[nodes.length] = used;
  const producers = new Adjacency(flatStart, flat.length === used ? flat : flat.slice(0, used));
  const consumerStart = new Int32Array(nodes.length + 1);
  for (let i = 0; i < nodes.length; i++) consumerStart[i + 1] = consumerStart[i]! + consumerCount[i]!;
  // Filled in ascending consumer order, each pair once: sorted and unique without a Set per node.
  const consumerTargets = new Int32Array(used);
  const filled = consumerCount.fill(0);
  for (let i = 0; i < nodes.length; i++) {
    for (let k = flatStart[i]!; k < flatStart[i + 1]!; k++) {
      const p = flat[k]!;
      consumerTargets[consumerStart[p]! + filled[p]!++] = i;
    }
  }
  const consumers = new Adjacency(consumerStart, consumerTargets);

  return {
    model,
    nodes,
    // Built on first use only: most commands never look a node up by id, and a Map of every id
    // is tens of megabytes on a large graph.
    get byId(): Map<string, number> {
      const byId = new Map<string, number>();
      for (const n of nodes) byId.set(n.id, n.index);
      Object.defineProperty(this, "byId", { value: byId, enumerable: true });
      return byId;
    },
    producers,
    consumers,
    initializers: new Map(model.graph.initializers.map((t) => [t.name, t])),
    graphInputs: new Set(model.graph.inputs.map((v) => v.name)),
    graphOutputs: new Set(model.graph.outputs.map((v) => v.name)),
    functions,
  };
}

/**
 * The node among the `RECENT` before node `i` in its graph that outputs `name`, or -1. When no
 * two nodes of the graph output one name, that node is the one the graph's producer table holds,
 * found by comparing a few strings instead of hashing `name` and comparing it in the table.
 */
function recentProducer(nodes: readonly IndexedNode[], scopes: readonly Scope[], i: number, name: string): number {
  const scope = scopes[i];
  for (let j = i - 1; j >= 0 && j >= i - RECENT && scopes[j] === scope; j--) {
    for (const out of nodes[j]!.node.outputs) if (out === name) return j;
  }
  return -1;
}

function listedIn(flat: Int32Array, from: number, to: number, x: number): boolean {
  for (let k = from; k < to; k++) if (flat[k] === x) return true;
  return false;
}

function copyOut(flat: Int32Array, from: number, to: number): number[] {
  const out = new Array<number>(to - from);
  for (let k = from; k < to; k++) out[k - from] = flat[k]!;
  return out;
}

function emptyGraph(): OnnxGraph {
  return { name: "", nodes: [], inputs: [], outputs: [], valueInfo: [], initializers: [], sparseInitializers: [], metadataProps: [] };
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}
