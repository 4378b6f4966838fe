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

  votesFor(node: number): Vote[] {
    return this.votes.get(node) ?? [];
  }
}

function inside(path: string, instance: string): boolean {
  return path === instance || path.startsWith(instance + ".");
}
