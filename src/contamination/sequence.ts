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
import { isIndex } from "../hierarchy/paths.js";

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

function partOf(context: string): Part | null {
  const cut = context.lastIndexOf(".");
  const last = cut < 0 ? context : context.slice(cut + 1);
  if (!isIndex(last)) return null;
  return { container: cut < 0 ? "" : context.slice(0, cut), index: Number(last) };
}

export class SequenceParts {
  /** `A>B` → offset → how often a part running A feeds one running B that many parts on. */
  private readonly offsets = new Map<string, Map<number, number>>();
  /** The same for a B that ends its Sequential (`A>B|last`), or an A that starts it (`A>B|first`). */
  private readonly edges = new Map<string, Map<number, number>>();

  /** `opsOf`: the op types a module's nodes with direct evidence run. */
  constructor(
    private readonly index: GraphIndex,
    private readonly tree: ModuleTree,
    known: readonly (string | null)[],
    private readonly opsOf: (module: string) => ReadonlyMap<string, number> | undefined,
  ) {
    const inContainer = (j: number, container: string) => {
      const c = known[j];
      return c !== null && c !== undefined && c.startsWith(container + ".");
    };
    for (const e of index.nodes) {
      const ca = known[e.index];
      if (ca === null || ca === undefined || e.graph !== "") continue;
      const a = partOf(ca);
      if (!a) continue;
      for (const b of index.consumers[e.index]!) {
        const cb = known[b];
        if (cb === null || cb === undefined) continue;
        const pb = partOf(cb);
        if (!pb || pb.container !== a.container || pb.index <= a.index || pb.index - a.index > MAX_OFFSET) continue;
        const key = `${e.node.opType}>${index.nodes[b]!.node.opType}`;
        const d = pb.index - a.index;
        this.count(this.offsets, key, d);
        if (!index.consumers[b]!.some((k) => inContainer(k, a.container))) this.count(this.edges, `${key}|last`, d);
        if (!index.producers[e.index]!.some((k) => inContainer(k, a.container))) this.count(this.edges, `${key}|first`, d);
      }
    }
  }

  private count(m: Map<string, Map<number, number>>, key: string, d: number): void {
    const byOffset = m.get(key) ?? m.set(key, new Map()).get(key)!;
    byOffset.set(d, (byOffset.get(d) ?? 0) + 1);
  }

  private missing(container: string, k: number): boolean {
    const path = container === "" ? String(k) : `${container}.${k}`;
    return this.tree.get(path) === undefined && this.tree.allows(path);
  }

  /**
   * The missing part node `u` is, from the parts its producers and consumers (their current
   * modules, `ctx`) run in; empty where none or several fit equally.
   */
  candidatesFor(u: number, ctx: (j: number) => string | null): PartCandidate[] {
    const op = this.index.nodes[u]!.node.opType;
    const sides = new Map<string, { lower: number | null; lowerOp: string; upper: number | null; upperOp: string }>();
    const side = (container: string) => sides.get(container) ?? sides.set(container, { lower: null, lowerOp: "", upper: null, upperOp: "" }).get(container)!;
    for (const p of this.index.producers[u]!) {
      const c = ctx(p);
      const part = c === null ? null : partOf(c);
      if (!part) continue;
      const s = side(part.container);
      if (s.lower === null || part.index > s.lower) {
        s.lower = part.index;
        s.lowerOp = this.index.nodes[p]!.node.opType;
      }
    }
    for (const q of this.index.consumers[u]!) {
      const c = ctx(q);
      const part = c === null ? null : partOf(c);
      if (!part) continue;
      const s = side(part.container);
      if (s.upper === null || part.index < s.upper) {
        s.upper = part.index;
        s.upperOp = this.index.nodes[q]!.node.opType;
      }
    }
    const out: PartCandidate[] = [];
    for (const [container, s] of [...sides].sort(([a], [b]) => (a < b ? -1 : 1))) {
      // A node read from and feeding parts of one Sequential, or read from its part with every
      // consumer outside it, or the reverse.
      const othersInside = (list: readonly number[]) => list.some((j) => (ctx(j) ?? "").startsWith(container + ".") && partOf(ctx(j)!)?.container !== container);
      if (othersInside(this.index.producers[u]!) || othersInside(this.index.consumers[u]!)) continue;
      if (s.lower !== null && s.upper !== null && s.upper - s.lower < 2) continue;
      // The parts on either side are complete: leaves that run no op of this type. The last op
      // of a part that runs several (a LayerNorm2d's closing Transpose), or an op of a part with
      // parts of its own, is no part of its own.
      const complete = (k: number | null) => {
        if (k === null) return true;
        const path = join(container, k);
        return (this.tree.get(path)?.children.length ?? 0) === 0 && !this.opsOf(path)?.has(op);
      };
      if (!complete(s.lower) || !complete(s.upper)) continue;
      // The parts the node can be: between the two sides, every one missing (the Sequential's
      // data flows through each); from one side, the run of missing parts next to it.
      const candidates: number[] = [];
      if (s.lower !== null && s.upper !== null) {
        for (let k = s.lower + 1; k < s.upper; k++) candidates.push(k);
        if (!candidates.every((k) => this.missing(container, k))) continue;
      } else if (s.lower !== null) {
        for (let k = s.lower + 1; k <= s.lower + MAX_OFFSET && this.missing(container, k); k++) candidates.push(k);
      } else {
        for (let k = s.upper! - 1; k >= 0 && k >= s.upper! - MAX_OFFSET && this.missing(container, k); k--) candidates.push(k);
      }
      if (candidates.length === 0) continue;
      // From one side only, the other side must be known to lie outside the Sequential.
      const placed = (list: readonly number[]) => list.every((j) => ctx(j) !== null);
      if (s.upper === null && !placed(this.index.consumers[u]!)) continue;
      if (s.lower === null && !placed(this.index.producers[u]!)) continue;
      const from = (key: string, table: Map<string, Map<number, number>>, d: number) => table.get(key)?.get(d) ?? 0;
      if (s.lower !== null && s.upper !== null && candidates.length === 1) {
        out.push({ context: join(container, candidates[0]!), why: `the one missing part between ${join(container, s.lower)} and ${join(container, s.upper)}` });
        continue;
      }
      // Several parts could be it: the offsets the graph's intact parts show decide. A side
      // whose op pair the graph shows at other offsets only tells against a part; a pair it
      // never shows says nothing.
      const score = new Map<number, number>();
      for (const k of candidates) {
        let fit = 0;
        let ok = true;
        const weigh = (key: string, table: Map<string, Map<number, number>>, d: number) => {
          const n = from(key, table, d);
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
      out.push({ context: join(container, k), why: `a missing part of ${container || "(root)"} where the graph's other parts run ${shown}` });
    }
    return out;
  }
}

function join(container: string, k: number): string {
  return container === "" ? String(k) : `${container}.${k}`;
}
