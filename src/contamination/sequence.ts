/**
 * Numbered parts of a Sequential: torch numbers a Sequential's children 0, 1, 2, ... and its
 * forward calls them in that order, one feeding the next, with nothing of its own in between. A
 * node read from part `i` and feeding part `j` ran in one of the parts from `i` to `j`; where
 * the parts between them are missing from the tree (no node of theirs kept its name), the node
 * is the one op of such a missing part: a ReLU between a Conv at `i` and the next Conv, its
 * BatchNorm folded away at `i + 1`, is part `i + 2`.
 *
 * Which missing part, where there are several, is read off the graph's own intact parts: how
 * far apart the parts running two op types next to each other sit (`Conv` → `Relu`: 2 in
 * MnasNet, whose BatchNorms fold away; 1 in SqueezeNet). A node with a part on one side only
 * (the last op of a part before the next module) needs parts that end their Sequential the same
 * way: a Sequential's last part feeds what follows the Sequential.
 *
 * Built once from direct evidence; a function of the graph, never of the node list's order.
 */
import type { GraphIndex } from "../load/graph-index.js";
import type { ModuleTree } from "../hierarchy/module-tree.js";
import { childPath, isIndex } from "../hierarchy/paths.js";

/** The furthest two neighbouring parts are counted apart: a part or two folded away between them. */
const MAX_OFFSET = 3;

export interface PartCandidate {
  context: string;
  why: string;
}

interface Part {
  container: string;
  index: number;
}

/** Every numbered part a module lies in, at any depth: `features.7.squeeze` is part 7 of `features`. */
function findParts(context: string): Part[] {
  const out: Part[] = [];
  let start = 0;
  for (;;) {
    const end = context.indexOf(".", start);
    const atom = end < 0 ? context.slice(start) : context.slice(start, end);
    if (atom !== "" && isIndex(atom)) out.push({ container: start === 0 ? "" : context.slice(0, start - 1), index: Number(atom) });
    if (end < 0) return out;
    start = end + 1;
  }
}

/** How sure an attributed neighbour must be to count as a part of one module on its side. */
const SURE_SIDE = 0.5;

export class SequenceParts {
  private readonly partsCache = new Map<string, Part[]>();
  /** `A>B` → offset → how often a part running A feeds one running B that many parts on. */
  private readonly offsets = new Map<string, Map<number, number>>();
  /** The same for a B that ends its Sequential (`A>B|last`), or an A that starts it (`A>B|first`). */
  private readonly edges = new Map<string, Map<number, number>>();

  /** `opsOf`: the op types a module's nodes with direct evidence run. */
  constructor(
    private readonly index: GraphIndex,
    private readonly tree: ModuleTree,
    private readonly known: readonly (string | null)[],
    private readonly opsOf: (module: string) => ReadonlyMap<string, number> | undefined,
  ) {}

  private counted = false;

  /**
   * `offsets` and `edges`, counted over every edge of the graph on first use: only a node with
   * several missing parts to choose from asks, and most graphs have none.
   */
  private countOffsets(): void {
    if (this.counted) return;
    this.counted = true;
    const { index, known } = this;
    const inContainer = (j: number, container: string) => {
      const c = known[j];
      return c !== null && c !== undefined && (container === "" || c.startsWith(container + "."));
    };
    for (let k = 0; k < index.nodes.length; k++) {
      const e = index.nodes[k]!;
      const ca = known[e.index];
      if (ca === null || ca === undefined || e.graph !== "") continue;
      const mine = this.partsOf(ca);
      if (mine.length === 0) continue;
      for (let k = index.consumers.start[e.index]!; k < index.consumers.start[e.index + 1]!; k++) {
        const b = index.consumers.targets[k]!;
        const cb = known[b];
        if (cb === null || cb === undefined) continue;
        for (const pb of this.partsOf(cb)) {
          const a = mine.find((p) => p.container === pb.container);
          if (!a || pb.index <= a.index || pb.index - a.index > MAX_OFFSET) continue;
          const key = `${e.node.opType}>${index.nodes[b]!.node.opType}`;
          const d = pb.index - a.index;
          this.count(this.offsets, key, d);
          // Ends and starts only of parts that are one module each (see `candidatesFor`).
          if (ca !== childPath(a.container, a.index) || cb !== childPath(pb.container, pb.index)) continue;
          if (!index.consumers.of(b).some((k) => inContainer(k, a.container))) this.count(this.edges, `${key}|last`, d);
          if (!index.producers.of(e.index).some((k) => inContainer(k, a.container))) this.count(this.edges, `${key}|first`, d);
        }
      }
    }
  }

  private count(m: Map<string, Map<number, number>>, key: string, d: number): void {
    const byOffset = m.get(key) ?? m.set(key, new Map()).get(key)!;
    byOffset.set(d, (byOffset.get(d) ?? 0) + 1);
  }

  /** `findParts`, once per distinct module (a graph names the same few thousand modules again and again). */
  private partsOf(context: string): Part[] {
    let parts = this.partsCache.get(context);
    if (!parts) this.partsCache.set(context, (parts = findParts(context)));
    return parts;
  }

  private readonly subtreeOps = new Map<string, Set<string>>();

  /** Whether a module or one of its descendants runs `op` (direct evidence). */
  private runsInside(path: string, op: string): boolean {
    let ops = this.subtreeOps.get(path);
    if (!ops) {
      ops = new Set();
      const stack = [path];
      while (stack.length > 0) {
        const p = stack.pop()!;
        for (const o of this.opsOf(p)?.keys() ?? []) ops.add(o);
        stack.push(...(this.tree.get(p)?.children ?? []));
      }
      this.subtreeOps.set(path, ops);
    }
    return ops.has(op);
  }

  private missing(container: string, k: number): boolean {
    const path = childPath(container, k);
    return this.tree.get(path) === undefined && this.tree.allows(path);
  }

  /**
   * The missing part node `u` is, from the parts its producers and consumers (their current
   * modules, `ctx`) run in; empty where none or several fit equally.
   */
  candidatesFor(u: number, ctx: (j: number) => string | null, sureOf: (j: number) => number): PartCandidate[] {
    const op = this.index.nodes[u]!.node.opType;
    // Per container, the nearest parts on each side, and whether each is one module (the
    // neighbour's module is the part itself, not a module inside it). Only direct evidence or a
    // sure attribution says so: a neighbour guessed into a block's own path may be an op of a
    // lost part after it (MobileNetV3's last Conv, guessed into the block before it at 0.2, read
    // as a part of one module).
    const own = (j: number, c: string, part: Part) => c === childPath(part.container, part.index) && (this.known[j] === c || sureOf(j) >= SURE_SIDE);
    const sides = new Map<string, { lower: number | null; lowerOp: string; lowerLeaf: boolean; upper: number | null; upperOp: string; upperLeaf: boolean }>();
    const side = (container: string) =>
      sides.get(container) ?? sides.set(container, { lower: null, lowerOp: "", lowerLeaf: false, upper: null, upperOp: "", upperLeaf: false }).get(container)!;
    for (const p of this.index.producers.of(u)) {
      const c = ctx(p);
      for (const part of c === null ? [] : this.partsOf(c)) {
        const s = side(part.container);
        if (s.lower === null || part.index > s.lower) {
          s.lower = part.index;
          s.lowerOp = this.index.nodes[p]!.node.opType;
          s.lowerLeaf = own(p, c!, part);
        }
      }
    }
    for (const q of this.index.consumers.of(u)) {
      const c = ctx(q);
      for (const part of c === null ? [] : this.partsOf(c)) {
        const s = side(part.container);
        if (s.upper === null || part.index < s.upper) {
          s.upper = part.index;
          s.upperOp = this.index.nodes[q]!.node.opType;
          s.upperLeaf = own(q, c!, part);
        }
      }
    }
    const out: PartCandidate[] = [];
    for (const [container, s] of [...sides].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (s.lower !== null && s.upper !== null && s.upper - s.lower < 2) continue;
      // The parts on either side run no op of this type anywhere inside them: the last op of a
      // part that runs several (a LayerNorm2d's closing Transpose) is no part of its own.
      const foreign = (k: number | null) => k === null || !this.runsInside(childPath(container, k), op);
      if (!foreign(s.lower) || !foreign(s.upper)) continue;
      // The parts the node can be: between the two sides, every one missing (the Sequential's
      // data flows through each); from one side, the run of missing parts next to it.
      const candidates: number[] = [];
      if (s.lower !== null && s.upper !== null) {
        for (let k = s.lower + 1; k < s.upper; k++) candidates.push(k);
        if (!candidates.every((k) => this.missing(container, k))) continue;
      } else if (s.lower !== null) {
        // Past the last known part, a part is known to exist only by the offsets of parts that
        // are one module each: a block's inner parts say nothing of what follows the block.
        if (!s.lowerLeaf) continue;
        for (let k = s.lower + 1; k <= s.lower + MAX_OFFSET && this.missing(container, k); k++) candidates.push(k);
      } else {
        if (!s.upperLeaf) continue;
        for (let k = s.upper! - 1; k >= 0 && k >= s.upper! - MAX_OFFSET && this.missing(container, k); k--) candidates.push(k);
      }
      if (candidates.length === 0) continue;
      // From one side only, the other side must be known to lie outside the Sequential.
      const placed = (list: readonly number[]) => list.every((j) => ctx(j) !== null);
      if (s.upper === null && !placed(this.index.consumers.of(u))) continue;
      if (s.lower === null && !placed(this.index.producers.of(u))) continue;
      if (s.lower !== null && s.upper !== null && candidates.length === 1) {
        out.push({ context: childPath(container, candidates[0]!), why: `the one missing part between ${childPath(container, s.lower)} and ${childPath(container, s.upper)}` });
        continue;
      }
      // Several parts could be it: the offsets the graph's intact parts show decide. A side
      // whose op pair the graph shows at other offsets only tells against a part; a pair it
      // never shows says nothing.
      this.countOffsets();
      const score = new Map<number, number>();
      for (const k of candidates) {
        let fit = 0;
        let ok = true;
        const weigh = (key: string, table: Map<string, Map<number, number>>, d: number) => {
          const n = table.get(key)?.get(d) ?? 0;
          if (n === 0 && table.has(key)) ok = false;
          fit += n;
        };
        if (s.lower !== null) {
          if (s.upper !== null) weigh(`${s.lowerOp}>${op}`, this.offsets, k - s.lower);
          else weigh(`${s.lowerOp}>${op}|last`, this.edges, k - s.lower);
        }
        if (s.upper !== null) {
          if (s.lower !== null) weigh(`${op}>${s.upperOp}`, this.offsets, s.upper - k);
          else weigh(`${op}>${s.upperOp}|first`, this.edges, s.upper - k);
        }
        score.set(k, ok ? fit : 0);
      }
      const best = Math.max(...score.values());
      const winners = candidates.filter((k) => score.get(k) === best);
      if (best === 0 || winners.length !== 1) continue;
      const k = winners[0]!;
      const shown = s.lower !== null ? `${s.lowerOp} → ${op} ${k - s.lower} part(s) on` : `${op} → ${s.upperOp} ${s.upper! - k} part(s) on`;
      out.push({ context: childPath(container, k), why: `a missing part of ${container || "(root)"} where the graph's other parts run ${shown}` });
    }
    return out;
  }
}
