/**
 * Attribution: a module for every main-graph node without direct evidence, as a function of the
 * graph alone (never of the node list's order).
 *
 * Candidates come from testimony, each kind explainable in one line:
 * - conversion: a Cast, QuantizeLinear or DequantizeLinear that a converter inserted belongs to
 *   the module that owns the value it converts (its input's producer; a parameter's owner; the
 *   root for a graph input). This is the documented rule for boundary nodes.
 * - parameter: an initializer input named after a module's parameter (`...query.bias`);
 * - analogy: the node's counterpart in a sibling instance of its repeated layer (analogy.ts);
 * - structure: when the other instances of a repeated module (`encoder.layer.*.attention.self`)
 *   each have more nodes of this op type than this instance has, the missing one is this node;
 * - sequence: a missing numbered part of a Sequential between the parts around it (sequence.ts);
 * - inlined: the nodes an inliner made of one call (`_inlfunc_BertLayer_token_0_Add_84`, one
 *   prefix per call) ran in one module instance: the layer instance its known nodes lie in;
 * - fork: a consumer that also reads the node's own input (x → f → g(x, f(x))) is the module the
 *   node computes for (an inlined HardSwish's HardSigmoid, a gate's Sigmoid);
 * - dataflow: the modules of the nearest producers and consumers, looking through plumbing.
 *
 * Assignment is a fixpoint in rounds: round 1 reads only direct evidence; each later round also
 * reads the attributions of the rounds before it, for nodes still without testimony (chains of
 * nodes that all lost their names). Every round reads a frozen state, so the result does not
 * depend on which node is visited first.
 */
import { readsOnlyInitializers, type Adjacency, type GraphIndex } from "../load/graph-index.js";
import type { ModuleTree } from "../hierarchy/module-tree.js";
import { conflicts, deepest, isAncestorOrSelf, isIndex, lowestCommonAncestor, mayBeStateDictName, parentPath, type LayerNaming } from "../hierarchy/paths.js";
import { neighbourhood, type Neighbourhood } from "./neighbourhood.js";
import { isConverterCastName } from "../hierarchy/op-names.js";
import { InstanceShapes, SiblingAnalogy } from "./analogy.js";
import { SequenceParts } from "./sequence.js";

export const CONVERSION_OPS: ReadonlySet<string> = new Set(["Cast", "CastLike", "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear"]);
/** Conversion ops that models run themselves too (`tensor.to(dtype)`). */
const MODEL_CONVERSION_OPS: ReadonlySet<string> = new Set(["Cast", "CastLike"]);

export const WEIGHT = { conversion: 5, analogy: 4, parameter: 3, inlined: 3, structure: 2, sequence: 2, fork: 1.5, dataflow: 1 } as const;
export type TestimonyKind = keyof typeof WEIGHT;

export interface Vote {
  context: string;
  weight: number;
  kind: TestimonyKind;
  why: string;
}

export interface Attribution {
  context: string;
  confidence: number;
  /** Which class of testimony decided it; the confidence is that class's measured share right. */
  basis: AttributionBasis;
  reasons: string[];
  /** Dataflow-only, and no node next to it has a module: all it read was seen through others. */
  distant: boolean;
  /** The conflicting contexts the dataflow named (for case detection): empty when they agree. */
  dataflow: string[];
  around: Neighbourhood;
  /**
   * Dataflow only: the neighbours whose modules support the answer, whose surest one bounds its
   * confidence (kept so that the bound holds for their final confidences too). Absent otherwise.
   */
  supporters?: readonly number[];
}

/**
 * Confidence of an attribution, from what testified and how much it was opposed. The constants
 * are the share of right answers measured per class by `npm run eval` (calibration table; the
 * held-out architecture checks they carry over), rounded down.
 */
export const ATTRIBUTION_CONFIDENCE = {
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
  contested: { from: 0.6, to: 0.85, floor: 0.2, ceiling: 0.9 },
} as const;

export type AttributionBasis = "corroborated" | "bothSides" | "producersOnly" | "consumersOnly" | "chain" | "contested";

/**
 * The owner module of a parameter-named initializer (`encoder.layer.0.attention.self.query.bias`,
 * also `..._quantized`, `..._scale`). Names made by the exporter (`onnx::MatMul_12`) or scoped
 * tensor names are not parameter paths.
 */
export function parameterOwner(tree: ModuleTree, tensorName: string): string | undefined {
  if (!mayBeStateDictName(tensorName)) return undefined;
  const cut = tensorName.lastIndexOf(".");
  if (cut <= 0) return undefined;
  const owner = tensorName.slice(0, cut);
  // A parameter's own name is an attribute name: `input.1` is a value's numbered name.
  if (!IDENTIFIER.test(tensorName.slice(cut + 1))) return undefined;
  if (owner.split(".").some((x) => x === "") || !tree.allows(owner)) return undefined;
  // A state_dict name is a module path when the tree knows the module or one of its ancestors
  // (the module itself may have lost every op to a rewrite; for a top-level module, the root),
  // or when it reads as one: attribute names down to a parameter (`classifier.1.weight`, a head
  // whose every op lost its name), not a value's numbered name (`input.1`).
  for (let p = owner; ; ) {
    if (tree.has(p)) return owner;
    const cut = p.lastIndexOf(".");
    if (cut < 0) return (tree.has("") && !owner.includes(".")) || readsAsParameter(tensorName) ? owner : undefined;
    p = p.slice(0, cut);
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `features.3.conv.weight`: identifiers and indices, a named module first, an identifier last. */
function readsAsParameter(name: string): boolean {
  const atoms = name.split(".");
  return atoms.length >= 3 && IDENTIFIER.test(atoms[0]!) && IDENTIFIER.test(atoms[atoms.length - 1]!) && atoms.every((a) => IDENTIFIER.test(a) || isIndex(a));
}

export interface AttributeInput {
  index: GraphIndex;
  tree: ModuleTree;
  /** Context from direct evidence, null otherwise. */
  known: readonly (string | null)[];
  /** The instances' op counts from the same direct evidence, where the caller builds them too. */
  shapes?: () => InstanceShapes;
}

const MAX_ROUNDS = 8;

/** ONNX Runtime's inliner: `_inlfunc_<function>_<node>` for a function's first call, `_inlfunc_<function>_token_<k>_<node>` after. */
const INLINED = /^_inlfunc_([A-Za-z][A-Za-z0-9]*)_(token_\d+_)?/;

/**
 * The call an inlined node came from (`BertLayer:token_0_`), or null: by its name, or, for a
 * node a later fusion renamed (`BiasGelu_token_4`), by the names of the values it computes or reads.
 */
export function inlinedCall(node: { name: string; outputs: readonly string[]; inputs: readonly string[] }): string | null {
  const call = (name: string) => {
    const m = INLINED.exec(name);
    return m ? `${m[1]}:${m[2] ?? ""}` : null;
  };
  let found = call(node.name);
  for (let k = 0; found === null && k < node.outputs.length; k++) found = call(node.outputs[k]!);
  for (let k = 0; found === null && k < node.inputs.length; k++) found = call(node.inputs[k]!);
  return found;
}

/**
 * Per inlined call, the one layer instance its nodes with direct evidence lie in (null when they
 * lie in several): every node of the call ran there.
 */
export function inlinedInstances(index: GraphIndex, known: readonly (string | null)[], naming: LayerNaming): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (let k = 0; k < index.nodes.length; k++) {
    const e = index.nodes[k]!;
    const c = known[e.index];
    if (c === null || c === undefined || e.graph !== "") continue;
    const call = inlinedCall(e.node);
    if (call === null) continue;
    // Members outside every layer (a shared constant the call reads) say nothing of its instance.
    const inst = naming.instanceOf(c)?.path;
    if (inst === undefined) continue;
    if (!out.has(call)) out.set(call, inst);
    else if (out.get(call) !== inst) out.set(call, null);
  }
  return out;
}


/** The module that called `path`: its parent, past containers of numbered parts (`LayerNaming.holdsParts`). */
function callerOf(tree: ModuleTree, path: string): string {
  let p = parentPath(path);
  while (p !== "" && tree.naming.holdsParts(p)) p = parentPath(p);
  return p;
}

/** Instances with direct evidence `LayerOpCounts.runsNone` needs to speak for a kind. */
const KIND_INSTANCES = 3;

/** Sides on which a node has a neighbour with direct evidence, inside its instance or outside it (`LayerOpCounts`). */
const POSITION = { inInside: 1, inOutside: 2, outInside: 4, outOutside: 8 } as const;

/**
 * Op counts per module of repeated layers, from direct evidence only (never from attributions,
 * so no node's placement depends on another's): what an instance is missing.
 */
export class LayerOpCounts {
  private readonly counts = new Map<string, Map<string, number>>();
  /** Shapes with two instances or more among `counts`: those `deficit` compares with `most`. */
  private readonly repeated = new Set<string>();
  /** Per shape, the structural keys of its instances' nodes (SiblingAnalogy.structuralKeys). */
  private readonly keys = new Map<string, Set<string>>();
  /**
   * Per shape and op type, on which sides its nodes have neighbours with direct evidence
   * inside their instance and outside it (`in:inside`, `out:outside`): a residual Add reads its
   * own block and feeds what follows the block, so a nameless Add that feeds the first op of a
   * block is not that block's missing Add (the first block of a stack has none). Which instance
   * is outside is not compared: a stack's last block feeds the next stack, the others a sibling.
   * Kept as POSITION bits, per shape then op type.
   */
  private readonly positions = new Map<string, Map<string, number>>();
  /** Per shape, its instances with direct evidence on any node (not only the counted op types). */
  private readonly instancesOfShape = new Map<string, Set<string>>();
  /** Per template (`encoder.layer.*.attention`), its instances with direct evidence and the op types any of them runs. */
  private readonly instancesOfKind = new Map<string, Set<string>>();
  private readonly kindRuns = new Map<string, Set<string>>();
  /** Per shape and op type, the most nodes of it that one instance runs as its own. */
  private readonly most = new Map<string, Map<string, number>>();

  /**
   * Instances are compared with those built alike: the same template and the same child names
   * (MobileNet's `features.1.block.2` is a convolution, `features.4.block.2` a
   * squeeze-excitation with a Mul of its own).
   */
  private readonly shape = new Map<string, string | null>();

  private readonly kinds = new Map<string, string | null>();

  /** The module's template (`encoder.layer.*.attention`), once per module. */
  private kindOf(context: string): string | null {
    let k = this.kinds.get(context);
    if (k === undefined) this.kinds.set(context, (k = this.tree.naming.templateOf(context)));
    return k;
  }

  private shapeOf(context: string): string | null {
    let s = this.shape.get(context);
    if (s === undefined) {
      const t = this.tree.naming.templateOf(context);
      const children = this.tree.get(context)?.children ?? [];
      s = t === null ? null : `${t}|${children.map((c) => c.slice(context.length + 1)).sort().join(",")}`;
      this.shape.set(context, s);
    }
    return s;
  }

  /** `ops`: the op types that will be asked about; other ops are not counted. */
  constructor(
    private readonly index: GraphIndex,
    private readonly tree: ModuleTree,
    private readonly known: readonly (string | null)[],
    ops: ReadonlySet<string>,
    private readonly keysOf: (node: number) => readonly string[],
  ) {
    const instances = new Map<string, Set<string>>();
    // A module's nodes mostly stand together: its shape and kind are looked up once per run of
    // them, not once per node.
    let lastContext: string | undefined;
    let lastShape: string | null = null;
    for (let k = 0; k < index.nodes.length; k++) {
      const e = index.nodes[k]!;
      const c = known[e.index];
      if (c === null || c === undefined || e.graph !== "") continue;
      if (c !== lastContext) {
        lastContext = c;
        lastShape = this.shapeOf(c);
        if (lastShape !== null) {
          (this.instancesOfShape.get(lastShape) ?? this.instancesOfShape.set(lastShape, new Set()).get(lastShape)!).add(c);
          const kind = this.kindOf(c)!;
          (this.instancesOfKind.get(kind) ?? this.instancesOfKind.set(kind, new Set()).get(kind)!).add(c);
        }
      }
      const t = lastShape;
      if (t === null) continue;
      if (!ops.has(e.node.opType)) continue;
      let m = this.counts.get(c);
      if (!m) this.counts.set(c, (m = new Map()));
      m.set(e.node.opType, (m.get(e.node.opType) ?? 0) + 1);
      (instances.get(t) ?? instances.set(t, new Set()).get(t)!).add(c);
      const keys = this.keys.get(t) ?? this.keys.set(t, new Set()).get(t)!;
      const nodeKeys = keysOf(e.index);
      for (let q = 0; q < nodeKeys.length; q++) keys.add(nodeKeys[q]!);
      const byOp = this.positions.get(t) ?? this.positions.set(t, new Map()).get(t)!;
      byOp.set(e.node.opType, (byOp.get(e.node.opType) ?? 0) | this.positionsOf(e.index, c));
    }
    for (const [c, m] of this.counts) {
      const t = this.shapeOf(c)!;
      let most = this.most.get(t);
      if (!most) this.most.set(t, (most = new Map()));
      for (const [op, k] of m) most.set(op, Math.max(most.get(op) ?? 0, k));
      const kind = this.kindOf(c)!;
      const runs = this.kindRuns.get(kind) ?? this.kindRuns.set(kind, new Set()).get(kind)!;
      for (const op of m.keys()) runs.add(op);
    }
    for (const [t, set] of instances) if (set.size >= 2) this.repeated.add(t);
  }

  /**
   * Whether no instance of the module's kind (its template) runs `op` as its own op, of
   * KIND_INSTANCES at least with direct evidence. An Inception block runs no MaxPool of its own (its pooling
   * branch does), so a pool between two blocks, read from one, is not that block's however
   * strong the dataflow. (Counting up to the most any instance runs was tried: with few
   * instances, ops that lost their names made the most too low, and most answers it doubted
   * were right.)
   */
  runsNone(context: string, op: string): boolean {
    // By kind (the template), not by shape: which children a block is known to have depends on
    // which of their ops lost their names, and a block that runs no op of a type does not start
    // to when a child of it is lost (GoogLeNet's `conv2`, its `conv` child nameless).
    const kind = this.kindOf(context);
    if (kind === null || (this.instancesOfKind.get(kind)?.size ?? 0) < KIND_INSTANCES) return false;
    return !(this.kindRuns.get(kind)?.has(op) ?? false);
  }

  /** The instances built like the module (its own shape) that have direct evidence, itself among them if it has. */
  instancesLike(context: string): ReadonlySet<string> | undefined {
    const t = this.shapeOf(context);
    return t === null ? undefined : this.instancesOfShape.get(t);
  }

  /** How many nodes of `op` the module runs with direct evidence. */
  directCount(context: string, op: string): number {
    return this.counts.get(context)?.get(op) ?? 0;
  }

  /** Where node `i`'s neighbours with direct evidence sit relative to the instance of `context` (POSITION bits). */
  private positionsOf(i: number, context: string): number {
    const inst = this.tree.naming.instanceOf(context);
    if (!inst) return 0;
    // Read in place: this runs for every node of the op types asked about.
    const side = (list: Adjacency, inside: number, outside: number): number => {
      let bits = 0;
      for (let k = list.start[i]!, end = list.start[i + 1]!; k < end; k++) {
        const c = this.known[list.targets[k]!];
        if (c !== null && c !== undefined) bits |= isAncestorOrSelf(inst.path, c) ? inside : outside;
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
  deficit(context: string, op: string, u: number): number {
    const t = this.shapeOf(context);
    if (t === null || !this.repeated.has(t)) return 0;
    const e = this.most.get(t)!;
    const keys = this.keys.get(t);
    if (!keys || !this.keysOf(u).some((k) => keys.has(k))) return 0;
    const expected = e.get(op) ?? 0;
    // Where each instance runs the op once, a neighbour inside the instance on a side where its
    // counterparts have theirs outside only tells against it (a module run twice, ResNet's
    // `relu`, has one call feeding its own block and one feeding the next). A neighbour outside
    // says nothing: a residual Add reads the block's input from outside, and a counterpart's
    // may have lost its name.
    if (expected === 1) {
      const seen = this.positions.get(t)?.get(op) ?? 0;
      const mine = this.positionsOf(u, context);
      const against = (inside: number, outside: number) => (mine & inside) !== 0 && (seen & inside) === 0 && (seen & outside) !== 0;
      if (against(POSITION.inInside, POSITION.inOutside) || against(POSITION.outInside, POSITION.outOutside)) return 0;
    }
    return expected - (this.counts.get(context)?.get(op) ?? 0);
  }
}
const show = (c: string) => (c === "" ? "(root)" : c);

export function attributeNodes(input: AttributeInput): (Attribution | null)[] {
  const { index, known } = input;
  const n = index.nodes.length;
  const out: (Attribution | null)[] = new Array(n).fill(null);
  const pending: number[] = [];
  let main = 0;
  for (let k = 0; k < n; k++) {
    const e = index.nodes[k]!;
    if (e.graph !== "") continue;
    main++;
    if (known[e.index] === null) pending.push(e.index);
  }
  if (pending.length === 0) return out;

  // Tensor → producer, for the conversion rule only: built when a conversion node asks.
  let producers: Map<string, number> | undefined;
  // A node's inputs as a set, made once per node (a Concat may read 100,000 tensors).
  const inputSets = new Map<number, ReadonlySet<string>>();
  const analogy = new SiblingAnalogy(index, input.tree, known, pending, input.shapes);
  const sources: Sources = {
    analogy,
    structure: new LayerOpCounts(index, input.tree, known, new Set(pending.map((u) => index.nodes[u]!.node.opType)), (i) => analogy.structuralKeys(i)),
    inlined: inlinedInstances(index, known, input.tree.naming),
    sequence: new SequenceParts(index, input.tree, known, (module) => analogy.opCountsOf(module)),
    opsOf: (module) => analogy.opCountsOf(module),
    producerOf: (t) => {
      if (!producers) {
        producers = new Map();
        for (let k = 0; k < n; k++) {
          const e = index.nodes[k]!;
          if (e.graph === "") for (const o of e.node.outputs) if (o !== "") producers.set(o, e.index);
        }
      }
      return producers.get(t);
    },
    inputSet: (i) => {
      let s = inputSets.get(i);
      if (!s) inputSets.set(i, (s = new Set(index.nodes[i]!.node.inputs)));
      return s;
    },
  };

  let state: readonly (string | null)[] = known;
  // How sure each placed node is: 1 for direct evidence, an attribution's confidence after it.
  let confidence: readonly number[] = known.map((k) => (k === null ? 0 : 1));
  let left = pending;
  for (let round = 0; round < MAX_ROUNDS && left.length > 0; round++) {
    const frozen = state;
    const frozenConfidence = confidence;
    const ctx = (j: number) => frozen[j] ?? null;
    const answers = new Map<number, Attribution>();
    for (let k = 0; k < left.length; k++) {
      const u = left[k]!;
      const a = attributeOne(input, u, ctx, (j) => frozenConfidence[j] ?? 0, sources);
      if (a) answers.set(u, a);
    }
    if (answers.size === 0) break;
    // A node with only dataflow to go on waits for a next-door node that exact testimony places
    // this round: next round it sees that node's module instead of looking through it (a residual
    // Add whose branch Conv lost its name too). The last round waits for nothing.
    // A node whose dataflow is all seen through other such nodes waits for a next-door node
    // placed this round, so that it reads a module next to it rather than two hops away.
    const lastRound = round === MAX_ROUNDS - 1;
    const exact = (j: number) => answers.get(j)?.basis === "corroborated";
    const nextDoor = (u: number, f: (j: number) => boolean) => index.producers.of(u).some(f) || index.consumers.of(u).some(f);
    const waits = (u: number, a: Attribution) => !lastRound && a.basis !== "corroborated" && nextDoor(u, exact);
    const placedNow = new Set<number>();
    for (const [u, a] of answers) if (!a.distant && !waits(u, a)) placedNow.add(u);
    const decided: [number, Attribution][] = [];
    const still: number[] = [];
    for (let k = 0; k < left.length; k++) {
      const u = left[k]!;
      const a = answers.get(u);
      const wait = a === undefined || (a.distant ? !lastRound && nextDoor(u, (j) => placedNow.has(j)) : waits(u, a));
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

/** How sure node `j`'s module is: 1 by direct evidence, else its attribution's confidence, 0 with neither. */
export function sureness(known: readonly (string | null)[], attributions: readonly (Attribution | null)[], j: number): number {
  return known[j] !== null ? 1 : (attributions[j]?.confidence ?? 0);
}

/**
 * An answer that rests on dataflow alone is no surer than the surest neighbour that supports it
 * (`attributeOne`), by those neighbours' final confidences: a neighbour capped afterwards
 * (`capOversubscribed`) lowers what rests on it, and so on down a chain. Caps only lower a
 * confidence, so the repeated pass settles on the one answer whatever the order nodes are visited in.
 */
export function boundBySupporters(out: (Attribution | null)[], known: readonly (string | null)[]): void {
  const sure = (j: number) => sureness(known, out, j);
  const waiting = [];
  for (let u = 0; u < out.length; u++) if (out[u]?.supporters) waiting.push(u);
  for (let changed = true; changed; ) {
    changed = false;
    for (const u of waiting) {
      const a = out[u]!;
      let bound = 0;
      for (const j of a.supporters!) bound = Math.max(bound, sure(j));
      if (a.confidence <= bound) continue;
      const why = `the neighbours it rests on are at most ${bound} sure`;
      out[u] = { ...a, confidence: bound, reasons: a.reasons.includes(why) ? a.reasons : [...a.reasons, why] };
      changed = true;
    }
  }
}

/**
 * Inferred nodes that would give an instance more ops of their type than the instances built
 * like it run cannot all be right: nodes in a chain that lost their names each read the one
 * module next to them (two nameless ReLUs both given to the one block whose own ReLU is among
 * them). Each instance is counted with its inferred nodes, so a node every instance runs without
 * a name (BERT's unscoped attention constants) is no surplus. Where two like instances or more
 * run the most and this one runs more, which of its inferred nodes are right the counts cannot
 * tell: each is capped at the chance that it is, `room` of the `k` nodes, if that most is what
 * each runs. That holds when one of them kept all its ops: with a share `lost` of the graph's
 * nodes without evidence, one instance keeps `most` ops with probability (1 - lost)^most. A
 * module of many such ops (GPT-2's Conv1D constants) seldom keeps them all, and the cap then says
 * little. A function of the final answers only: the node order plays no part.
 */
function capOversubscribed(out: (Attribution | null)[], index: GraphIndex, structure: LayerOpCounts, lost: number): void {
  const groups = new Map<string, number[]>();
  for (let u = 0; u < out.length; u++) {
    const a = out[u];
    if (!a) continue;
    const key = `${a.context}\u0000${index.nodes[u]!.node.opType}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(u);
  }
  // Per set of like instances and op type, the two highest counts and how many run each.
  const tops = new Map<ReadonlySet<string>, Map<string, { best: number; atBest: number; second: number; atSecond: number }>>();
  for (const list of groups.values()) {
    const first = out[list[0]!]!;
    const op = index.nodes[list[0]!]!.node.opType;
    const instances = structure.instancesLike(first.context);
    if (!instances) continue;
    const total = (module: string) => structure.directCount(module, op) + (groups.get(`${module}\u0000${op}`)?.length ?? 0);
    const byOp = tops.get(instances) ?? tops.set(instances, new Map()).get(instances)!;
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
    // The others: the module itself left out of the two highest counts.
    const mine = total(first.context);
    const self = instances.has(first.context) && mine === top.best;
    const [most, atMost] = self && top.atBest === 1 ? [top.second, top.atSecond] : [top.best, self ? top.atBest - 1 : top.atBest];
    const others = instances.size - (instances.has(first.context) ? 1 : 0);
    const own = structure.directCount(first.context, op);
    // Where the module runs more than any like it by direct evidence alone, the instances differ
    // (Swin's shifted-window blocks run many more ops than the blocks between them).
    if (atMost < 2 || most <= 0 || own > most || mine <= most) continue;
    const room = most - own;
    const counted = 1 - Math.pow(1 - Math.pow(1 - lost, most), others);
    const bound = Math.floor((1 - counted + (counted * room) / list.length) * 1000) / 1000;
    const why = `${list.length} nodes inferred for ${show(first.context)}, where the instances like it leave room for ${room} more ${op}: at most ${bound} sure each`;
    for (const u of list) {
      const a = out[u]!;
      if (a.confidence > bound) out[u] = { ...a, confidence: bound, reasons: [...a.reasons, why] };
    }
  }
}

/** What attribution consults besides the current state, built once per graph. */
interface Sources {
  analogy: SiblingAnalogy;
  structure: LayerOpCounts;
  /** Inlined call → the layer instance its nodes ran in. */
  inlined: Map<string, string | null>;
  sequence: SequenceParts;
  /** The op types a module's nodes with direct evidence run (SiblingAnalogy.opCountsOf). */
  opsOf: (module: string) => ReadonlyMap<string, number> | undefined;
  producerOf: (tensor: string) => number | undefined;
  inputSet: (node: number) => ReadonlySet<string>;
}

function attributeOne(
  input: AttributeInput,
  u: number,
  ctx: (j: number) => string | null,
  sureOf: (j: number) => number,
  sources: Sources,
): Attribution | null {
  const { index, tree } = input;
  const { analogy, structure, inlined } = sources;
  const entry = index.nodes[u]!;
  const node = entry.node;
  const votes: Vote[] = [];
  const around = neighbourhood(index, u, (j) => ctx(j) !== null);

  // Quantize/dequantize nodes are always a quantizer's; a Cast only where its name says a
  // converter made it (a model's own `.to(float32)`, its name lost, is an op of its module).
  if (CONVERSION_OPS.has(node.opType) && node.inputs[0] && (!MODEL_CONVERSION_OPS.has(node.opType) || isConverterCastName(node.name))) {
    const owner = valueOwner(input, node.inputs[0], ctx, sources.producerOf);
    if (owner !== null) votes.push({ context: owner.context, weight: WEIGHT.conversion, kind: "conversion", why: `converts ${owner.what}` });
  }
  for (const name of node.inputs) {
    if (!index.initializers.has(name)) continue;
    const owner = parameterOwner(tree, name);
    if (owner !== undefined) votes.push({ context: owner, weight: WEIGHT.parameter, kind: "parameter", why: `uses parameter ${name}` });
  }
  const analogies = analogy.answersFor(u, ctx);
  const support = analogies.reduce((s, a) => s + a.support, 0);
  // Every answer names a module the tree knows or one a sibling shows this instance lost (analogy.ts).
  for (const a of analogies) {
    votes.push({ context: a.context, weight: (WEIGHT.analogy * a.support) / support, kind: "analogy", why: `its counterpart ${a.examples[0]} in a sibling layer runs in the same place` });
  }
  const call = inlinedCall(node);
  const callInstance = call === null ? null : (inlined.get(call) ?? null);
  if (callInstance !== null) votes.push({ context: callInstance, weight: WEIGHT.inlined, kind: "inlined", why: `inlined from the same call as other nodes of ${callInstance}` });
  for (const c of index.consumers.of(u)) {
    const b = ctx(c);
    if (b === null) continue;
    const theirs = sources.inputSet(c);
    if (node.inputs.some((t) => t !== "" && theirs.has(t))) votes.push({ context: b, weight: WEIGHT.fork, kind: "fork", why: `${index.nodes[c]!.node.opType} in ${show(b)} reads its input too` });
  }
  const producers = around.producers.map((j) => ctx(j)!);
  const consumers = around.consumers.map((j) => ctx(j)!);
  // The modules the dataflow names, producers' then consumers'.
  const named = [...producers, ...consumers];
  for (const c of producers) votes.push({ context: c, weight: WEIGHT.dataflow / producers.length, kind: "dataflow", why: `reads from ${show(c)}` });
  for (const c of consumers) votes.push({ context: c, weight: WEIGHT.dataflow / consumers.length, kind: "dataflow", why: `feeds ${show(c)}` });
  // Repeated structure: modules on the chains the dataflow names that lack an op of this type.
  const chain = new Set<string>();
  for (const c of named) {
    for (let p = c; ; ) {
      chain.add(p);
      if (p === "") break;
      p = parentPath(p);
    }
  }
  // And the siblings of the modules next to it that run this op type and no other: an
  // activation called twice (a ResNet block's `relu`) that lost one call's op is no longer on a
  // chain once the node's neighbour in the same block has been placed (its `conv2`, before the
  // residual Add).
  for (const c of named) {
    if (c === "") continue;
    for (const s of tree.get(parentPath(c))?.children ?? []) {
      const ops = sources.opsOf(s);
      if (ops?.size === 1 && ops.has(node.opType)) chain.add(s);
    }
  }
  for (const c of [...chain].sort()) {
    if (structure.deficit(c, node.opType, u) > 0) votes.push({ context: c, weight: WEIGHT.structure, kind: "structure", why: `the other instances of ${show(tree.naming.templateOf(c)!)} have one more ${node.opType}` });
  }
  // A missing numbered part of a Sequential between (or next to) the parts around it.
  for (const c of sources.sequence.candidatesFor(u, ctx, sureOf)) votes.push({ context: c.context, weight: WEIGHT.sequence, kind: "sequence", why: c.why });
  // Glue between two leaf modules side by side that run no op of its type (a Flatten between
  // `avgpool` and `fc`) runs in the module that calls them both: their caller is a candidate,
  // supported by both sides, where dataflow is all there is (a fork or an inlined call says more).
  const sides = deepest(named);
  if (sides.length === 2 && votes.every((v) => v.kind === "dataflow") && sides.every((c) => tree.get(c)?.children.length === 0 && !sources.opsOf(c)?.has(node.opType))) {
    // Their caller: past a Sequential (it runs no op of its own), so that `avgpool` and
    // `classifier.0` are called by one module, the root.
    const [a, b] = sides.map((c) => callerOf(tree, c));
    if (a === b) votes.push({ context: a!, weight: 0, kind: "dataflow", why: `runs between ${sides.map(show).join(" and ")}, which run no ${node.opType}` });
  }
  if (votes.length === 0) return null;

  // Only neighbours right next to the node, with direct evidence: an attributed one may be wrong.
  const direct = (list: readonly number[]) => list.flatMap((j) => input.known[j] ?? []);
  let within = enclosingCall(direct(index.producers.of(u)), direct(index.consumers.of(u)));
  if (within !== null && within !== "" && looksLikeTwoCalls(index, input.known, u, within)) within = null;
  const t = tally(votes, within);
  const dataflow = deepest(named);
  let basis: AttributionBasis;
  let confidence: number;
  if (t.rival > 0) {
    basis = "contested";
    const margin = t.score / (t.score + t.rival);
    const k = ATTRIBUTION_CONFIDENCE.contested;
    confidence = Math.min(k.ceiling, Math.max(k.floor, k.floor + ((k.ceiling - k.floor) * (margin - k.from)) / (k.to - k.from)));
  } else if (t.kinds.has("conversion") || t.kinds.has("parameter") || t.kinds.has("analogy")) {
    basis = "corroborated";
    confidence = ATTRIBUTION_CONFIDENCE.corroborated;
  } else if (new Set(named).size > 1) {
    basis = "chain";
    confidence = ATTRIBUTION_CONFIDENCE.chain;
    // The shallower end of the chain (the answer encloses a neighbour's module), with an op type
    // the model runs as modules of their own elsewhere: as often as not one of those that lost
    // its only op (DenseNet's `relu1` after `norm1`), not an op of the caller.
    const enclosing = named.some((c) => c !== t.context && isAncestorOrSelf(t.context, c));
    if (enclosing && analogy.runsAsOwnModule(node.opType)) confidence = ATTRIBUTION_CONFIDENCE.chainOwnModule;
  } else {
    basis = producers.length > 0 && consumers.length > 0 ? "bothSides" : producers.length > 0 ? "producersOnly" : "consumersOnly";
    confidence = ATTRIBUTION_CONFIDENCE[basis];
    // A node that computes from values (not a constant) feeding a module that runs no op of its
    // type is, like a graph's last ops, as often as not a module of its own whose one op lost
    // its name: the stem's Conv before the ReLU module `relu`.
    if (basis === "consumersOnly" && !readsOnlyInitializers(index, u) && !sources.opsOf(t.context)?.has(node.opType)) {
      confidence = ATTRIBUTION_CONFIDENCE.consumersOnlyForeign;
    }
  }
  // Dataflow from one side naming a leaf module that runs other op types and none of this one:
  // the node is as often glue before or after the module, or a module of its own that lost its
  // only op (DenseNet's Concat before `norm1`). A node read from and feeding the module ran
  // inside its call (`enclosingCall`) and is left as it is.
  // A module whose ops all lost their names (not in the tree: a leaf, inferred from its
  // counterparts) runs what the modules built like it run (DenseNet's `transition1.norm`).
  const winnerOps = sources.opsOf(t.context) ?? opsOfLike(structure, sources, t.context);
  const foreignLeaf = [...t.kinds].every((k) => k === "dataflow") && (tree.get(t.context)?.children.length ?? 0) === 0 && winnerOps !== undefined && !winnerOps.has(node.opType);
  const oneSided = within !== t.context && (basis === "contested" || basis === "consumersOnly" || basis === "producersOnly");
  if (oneSided && foreignLeaf) {
    confidence = Math.min(confidence, ATTRIBUTION_CONFIDENCE.foreignLeaf[basis === "contested" ? "contested" : "unopposed"]);
  }
  // Dataflow alone is no surer than the neighbours it reads: when every neighbour that supports
  // the answer was itself attributed (a chain of nodes that all lost their names), the answer is
  // at most as sure as the surest of them.
  const supporters = [...around.producers, ...around.consumers].filter((j) => {
    const c = ctx(j)!;
    return isAncestorOrSelf(t.context, c) || isAncestorOrSelf(c, t.context);
  });
  const dataflowOnly = basis !== "corroborated" && !t.kinds.has("inlined");
  if (dataflowOnly && supporters.length > 0) confidence = Math.min(confidence, Math.max(...supporters.map(sureOf)));
  // A count lifted the answer past a module that runs the op itself: which of the two lost it is a guess.
  const lifted = t.kinds.has("structure") && named.length > 0 && named.every((c) => c !== t.context && isAncestorOrSelf(t.context, c));
  if (lifted && named.some((c) => sources.opsOf(c)?.has(node.opType))) confidence = Math.min(confidence, ATTRIBUTION_CONFIDENCE.liftedPastOwnOp);
  // However strong the dataflow, a kind that never runs the op type itself is no sure home for it.
  if (dataflowOnly && structure.runsNone(t.context, node.opType)) confidence = Math.min(confidence, ATTRIBUTION_CONFIDENCE.foreignKind);
  // Seen only through other nodes without a module: nothing next to it has one.
  const adjacent = (j: number) => index.producers.has(u, j) || index.consumers.has(u, j);
  const distant = dataflowOnly && supporters.length > 0 && !supporters.some(adjacent);
  // An inlined call's nodes all ran in its instance: a node inside it is no boundary between layers.
  const boundary = dataflow.length > 1 && !(callInstance !== null && isAncestorOrSelf(callInstance, t.context));
  let context = t.context;
  // Read only from a leaf module that runs other op types and none of this one, with nothing
  // placed after it: glue after the module's call (torch.flatten after `avgpool`), run by the
  // module that called it. A Sequential or ModuleList (children all indices) runs no op of its
  // own, so the caller is the first ancestor that is neither.
  if (basis === "producersOnly" && foreignLeaf) {
    context = callerOf(tree, t.context);
    confidence = ATTRIBUTION_CONFIDENCE.gluePastLeaf;
  }
  const reasons = context === t.context ? t.reasons : [...t.reasons, `runs after ${show(t.context)}, which runs no ${node.opType}: glue of its caller ${show(context)}`];
  const a: Attribution = { context, confidence: Math.round(confidence * 1000) / 1000, basis, distant, reasons, dataflow: boundary ? dataflow : [], around };
  if (dataflowOnly && supporters.length > 0) a.supporters = supporters;
  return a;
}

/** Producer and consumer module pairs `enclosingCall` compares at most. */
const MAX_CALL_PAIRS = 4096;

/**
 * The module a node ran inside because it reads from and feeds one module: a module's call runs
 * all of its ops, so a node computed from one of them and read by another ran during that call
 * (a LayerNorm's Sub reads its ReduceMean and feeds its Pow; the embeddings' Add around it does
 * not). The deepest such module where every producer and consumer pair names one chain; null
 * where they do not (a node joining two branches).
 */
export function enclosingCall(producers: readonly string[], consumers: readonly string[]): string | null {
  let call: string | null = null;
  const ins = new Set(producers);
  const outs = new Set(consumers);
  // Pairs are bounded: a node between thousands of modules on both sides is a join, left alone.
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

/** How far `looksLikeTwoCalls` follows a module's own nodes on each side. */
const CALL_DEPTH = 3;

/**
 * Whether the module's nodes before node `u` and after it look like two calls of the module
 * rather than one: the same op types on both sides, CALL_DEPTH steps along the module's own
 * nodes (a ResNet block's one `relu`, run after its first convolution and after the sum; a
 * LayerNorm's ReduceMean before its Sub, and Pow, ReduceMean, Add, Sqrt after it, are one call).
 * A node between two calls runs outside the module, so `enclosingCall` does not hold for it.
 */
function looksLikeTwoCalls(index: GraphIndex, known: readonly (string | null)[], u: number, module: string): boolean {
  const inModule = (j: number) => {
    const c = known[j];
    return c !== null && c !== undefined && isAncestorOrSelf(module, c);
  };
  // Op types reached from u's neighbours in the module, level by level: a function of the graph.
  const side = (next: Adjacency) => {
    const ops = new Set<string>();
    let level = next.of(u).filter(inModule);
    const seen = new Set<number>([u]);
    for (let d = 0; d < CALL_DEPTH && level.length > 0; d++) {
      const following: number[] = [];
      for (const j of level) {
        if (seen.has(j)) continue;
        seen.add(j);
        ops.add(index.nodes[j]!.node.opType);
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

/** The module owning a value: its producer's, through other conversions; a parameter's owner; the root for a graph input. */
function valueOwner(
  input: AttributeInput,
  tensor: string,
  ctx: (j: number) => string | null,
  producerOf: (tensor: string) => number | undefined,
): { context: string; what: string } | null {
  let t = tensor;
  for (let hop = 0; hop < 8; hop++) {
    if (input.index.initializers.has(t)) {
      const owner = parameterOwner(input.tree, t);
      return owner === undefined ? null : { context: owner, what: `parameter ${t}` };
    }
    if (input.index.graphInputs.has(t)) return { context: "", what: `graph input ${t}` };
    const p = producerOf(t);
    if (p === undefined) return null;
    const c = ctx(p);
    if (c !== null) return { context: c, what: `the output of ${show(c)}` };
    const pn = input.index.nodes[p]!.node;
    if (!CONVERSION_OPS.has(pn.opType) || !pn.inputs[0]) return null;
    t = pn.inputs[0];
  }
  return null;
}

export interface Tally {
  context: string;
  score: number;
  /** Score of the strongest context that conflicts with the winner (0 when unopposed). */
  rival: number;
  kinds: Set<TestimonyKind>;
  reasons: string[];
}

/**
 * Sum votes per context. Exact testimony (conversion rule, parameter, sibling counterpart,
 * repeated structure, a fork) names the node's module itself: a consumer that reads the node's
 * input too computes with the node on one value, inside one module (a LayerNorm's mean and its
 * difference from the mean), not with glue around it. Dataflow names a module the node is next
 * to: the node may be in it or in an ancestor of it (glue in the parent), so a dataflow vote
 * supports its context and every ancestor of it. The winner is the context with most support,
 * then most exact testimony, then the deeper, then the first by name; only conflicting contexts
 * oppose it.
 */
const EXACT: ReadonlySet<TestimonyKind> = new Set(["conversion", "parameter", "analogy", "structure", "sequence", "fork"]);

export function tally(votes: Vote[], within: string | null = null): Tally {
  const exact = new Map<string, number>();
  const near = new Map<string, number>();
  for (const v of votes) {
    const m = EXACT.has(v.kind) ? exact : near;
    m.set(v.context, (m.get(v.context) ?? 0) + v.weight);
  }
  const contexts = [...new Set([...exact.keys(), ...near.keys()])];
  const support = (c: string) => (exact.get(c) ?? 0) + [...near].reduce((s, [d, w]) => s + (isAncestorOrSelf(c, d) ? w : 0), 0);
  const depth = (c: string) => (c === "" ? 0 : c.split(".").length);
  const rank = (list: readonly string[]) =>
    list.map((c) => ({ c, exact: exact.get(c) ?? 0, all: support(c) })).sort((a, b) => b.all - a.all || b.exact - a.exact || depth(b.c) - depth(a.c) || (a.c < b.c ? -1 : 1));
  const ranked = rank(contexts);
  let winner = ranked[0]!;
  // A winner above the enclosing call's module (`enclosingCall`) gives way to the best-supported
  // module inside it: the node ran in the call, not as glue around it. A winner elsewhere stands.
  if (within !== null && within !== "" && winner.c !== within && isAncestorOrSelf(winner.c, within)) {
    const inside = contexts.filter((c) => isAncestorOrSelf(within, c));
    winner = rank(inside.length > 0 ? inside : [within])[0]!;
  }
  let rival = 0;
  for (const r of ranked) if (conflicts(r.c, winner.c)) rival = Math.max(rival, r.all);
  const kinds = new Set<TestimonyKind>();
  const reasons: string[] = [];
  for (const v of votes) {
    if (!isAncestorOrSelf(v.context, winner.c) && !isAncestorOrSelf(winner.c, v.context)) continue;
    kinds.add(v.kind);
    if (v.context === winner.c && !reasons.includes(v.why)) reasons.push(v.why);
  }
  return { context: winner.c, score: winner.all, rival, kinds, reasons };
}

/**
 * The op types the instances built like a module run, with direct evidence (undefined where none
 * has). Made once per set of like instances (one set per shape, shared by its members): a stack
 * of thousands of layers is read once, not once per node that asks.
 */
const likeOps = new WeakMap<ReadonlySet<string>, Set<string> | undefined>();
function opsOfLike(structure: LayerOpCounts, sources: Sources, context: string): Set<string> | undefined {
  const like = structure.instancesLike(context);
  if (!like) return undefined;
  if (likeOps.has(like)) return likeOps.get(like);
  let out: Set<string> | undefined;
  for (const other of like) {
    for (const op of sources.opsOf(other)?.keys() ?? []) (out ??= new Set()).add(op);
  }
  likeOps.set(like, out);
  return out;
}
