/**
 * The neighbourhood of a node: the nearest producers and consumers whose module is known,
 * found by walking through nodes with no evidence (plumbing such as Shape, Gather, Unsqueeze,
 * Concat, Cast, Constant, Identity, and nodes whose names were stripped).
 */
import type { GraphIndex } from "../load/graph-index.js";

/** Ops that move or reshape tensors without computing: provenance looks through them. */
export const PLUMBING_OPS = new Set([
  "Shape",
  "Gather",
  "Unsqueeze",
  "Squeeze",
  "Concat",
  "Cast",
  "Constant",
  "ConstantOfShape",
  "Identity",
  "Reshape",
  "Transpose",
  "Slice",
  "Expand",
]);

export interface Neighbourhood {
  /** Indices of the nearest known producers (upstream). */
  producers: number[];
  /** Indices of the nearest known consumers (downstream). */
  consumers: number[];
}

const MAX_HOPS = 4;

function walk(start: number, next: (i: number) => number[], known: (i: number) => boolean): number[] {
  const found = new Set<number>();
  let frontier = next(start);
  const seen = new Set<number>([start]);
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const following: number[] = [];
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

export function neighbourhood(index: GraphIndex, i: number, known: (i: number) => boolean): Neighbourhood {
  return {
    producers: walk(i, (n) => index.producers.of(n), known),
    consumers: walk(i, (n) => index.consumers.of(n), known),
  };
}
