/**
 * Layer alignment: the instances of a repeated layer (`encoder.layer.0`, `encoder.layer.1`, ...)
 * run the same code, so TorchScript emits the same op sequence for each, in the same order.
 * Lining up one instance's sequence with a sibling's tells, for a node whose scope was lost,
 * which module its counterpart in the sibling ran in. The alignment is only trusted when every
 * op type in the span matches and every node known in both agrees.
 */
import type { GraphIndex } from "../load/graph-index.js";
import { atoms, isIndex } from "../hierarchy/paths.js";
import type { Vote } from "./votes.js";

export const ALIGNMENT_WEIGHT = 4;
/** How far outside an instance's known span a node may sit and still be aligned (its first or last ops). */
const EDGE = 2;
/** Nodes on each side compared for analogy by local context, and how many analogies count. */
const WINDOW = 3;
const WINDOW_MATCHES = 4;
/** Siblings each instance is lined up with: enough for agreement, bounded for 100-layer models. */
const MAX_SIBLINGS = 6;

/** "encoder.layer.1.attention" → "encoder.layer.1"; null outside repeated layers. */
export function layerInstance(path: string): string | null {
  const a = atoms(path);
  const i = a.findIndex(isIndex);
  return i < 0 ? null : a.slice(0, i + 1).join(".");
}

function templateOf(instance: string): string {
  const a = atoms(instance);
  a[a.length - 1] = "*";
  return a.join(".");
}

interface Span {
  instance: string;
  first: number;
  last: number;
}

export class LayerAlignment {
  private readonly votes = new Map<number, Vote[]>();

  constructor(index: GraphIndex, known: (string | null)[]) {
    const main = index.nodes.filter((n) => n.graph === "").length;
    const op = (p: number) => index.nodes[p]!.node.opType;
    const spans = new Map<string, Span>();
    for (let p = 0; p < main; p++) {
      const c = known[p];
      if (c === null || c === undefined) continue;
      const inst = layerInstance(c);
      if (inst === null) continue;
      const s = spans.get(inst);
      if (s) s.last = p;
      else spans.set(inst, { instance: inst, first: p, last: p });
    }
    // Any two instances may match, across containers too: ResNet's layer1.1 and layer2.1 are
    // both plain BasicBlocks. Siblings of the same container are tried first; a few suffice.
    const all = [...spans.values()];
    for (const target of all) {
      const siblings = all
        .filter((s) => s !== target)
        .sort((a, b) => Number(templateOf(b.instance) === templateOf(target.instance)) - Number(templateOf(a.instance) === templateOf(target.instance)) || a.first - b.first)
        .slice(0, MAX_SIBLINGS);
      {
        for (const sibling of siblings) {
          const d = this.bestShift(target, sibling, known, op, main);
          if (d === null) continue;
          for (let p = Math.max(0, target.first - EDGE); p <= Math.min(main - 1, target.last + EDGE); p++) {
            if (known[p] !== null) continue;
            const q = p + d;
            if (q < 0 || q >= main || op(p) !== op(q)) continue;
            const theirs = known[q];
            if (theirs === null || theirs === undefined || !inside(theirs, sibling.instance)) continue;
            const mine = target.instance + theirs.slice(sibling.instance.length);
            const list = this.votes.get(p) ?? this.votes.set(p, []).get(p)!;
            list.push({ context: mine, weight: ALIGNMENT_WEIGHT, why: `its counterpart in ${sibling.instance} (${index.nodes[q]!.node.name}) runs in ${theirs}` });
          }
        }
      }
    }
    this.windowVotes(known, op, main);
  }

  /**
   * The offset mapping target positions onto the sibling's: every op type in the span equal and
   * every node known on both sides in corresponding modules. Null when no offset near the spans'
   * starts and ends fits.
   */
  private bestShift(t: Span, s: Span, known: (string | null)[], op: (p: number) => string, main: number): number | null {
    const tried = new Set<number>();
    let best: { d: number; agree: number } | null = null;
    for (const base of [s.first - t.first, s.last - t.last]) {
      for (let delta = -EDGE; delta <= EDGE; delta++) {
        const d = base + delta;
        if (tried.has(d)) continue;
        tried.add(d);
        let agree = 0;
        let ok = true;
        for (let p = t.first; p <= t.last && ok; p++) {
          const q = p + d;
          if (q < 0 || q >= main || op(p) !== op(q)) {
            ok = false;
            break;
          }
          const a = known[p];
          const b = known[q];
          if (a === null || a === undefined || b === null || b === undefined) continue;
          const aIn = inside(a, t.instance);
          const bIn = inside(b, s.instance);
          if (aIn !== bIn) ok = false;
          else if (aIn && a.slice(t.instance.length) !== b.slice(s.instance.length)) ok = false;
          else agree++;
        }
        if (ok && (!best || agree > best.agree)) best = { d, agree };
      }
    }
    return best && best.agree > 0 ? best.d : null;
  }

  /**
   * Analogy by local context, for nodes the span alignment could not place (the first block of T5
   * differs from the others; ALBERT runs one layer several times): another place in the graph
   * with the same op types around it, whose known neighbours sit in the same modules up to one
   * layer substitution, testifies to its own module, substituted the same way.
   */
  private windowVotes(known: (string | null)[], op: (p: number) => string, main: number): void {
    const key = (p: number) => {
      const parts: string[] = [];
      for (let i = -WINDOW; i <= WINDOW; i++) parts.push(p + i < 0 || p + i >= main ? "^" : op(p + i));
      return parts.join("|");
    };
    const keys: string[] = [];
    const byKey = new Map<string, number[]>();
    for (let p = 0; p < main; p++) {
      const k = key(p);
      keys.push(k);
      (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(p);
    }
    for (let p = 0; p < main; p++) {
      if (known[p] !== null || this.votes.has(p)) continue;
      const found: Vote[] = [];
      for (const q of byKey.get(keys[p]!)!) {
        if (found.length >= WINDOW_MATCHES) break;
        const theirs = known[q];
        if (q === p || theirs === null || theirs === undefined) continue;
        let from: string | undefined;
        let to: string | undefined;
        let agree = 0;
        let ok = true;
        for (let i = -WINDOW; i <= WINDOW && ok; i++) {
          const a = i === 0 ? undefined : known[p + i];
          const b = i === 0 ? undefined : known[q + i];
          if (a === null || a === undefined || b === null || b === undefined) continue;
          if (a === b) {
            agree++;
            continue;
          }
          const ia = layerInstance(a);
          const ib = layerInstance(b);
          if (ia === null || ib === null || a.slice(ia.length) !== b.slice(ib.length) || (from !== undefined && (from !== ib || to !== ia))) ok = false;
          else {
            from = ib;
            to = ia;
            agree++;
          }
        }
        if (!ok || agree < 2) continue;
        let mine = theirs;
        if (from !== undefined && to !== undefined && inside(theirs, from)) mine = to + theirs.slice(from.length);
        found.push({ context: mine, weight: 1, why: `the same ops around it elsewhere run in ${theirs}` });
      }
      if (found.length > 0) this.votes.set(p, found);
    }
  }

  votesFor(node: number): Vote[] {
    return this.votes.get(node) ?? [];
  }
}

function inside(path: string, instance: string): boolean {
  return path === instance || path.startsWith(instance + ".");
}
