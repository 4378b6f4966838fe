/**
 * Resolution: strategies tried in a fixed order, each giving a primary context, auxiliary
 * contexts, a confidence and one line of reasoning. A case whose best answer stays below the
 * confidence threshold is unresolved, with the reason.
 *
 * 1. exporter-scope: the exporter's own record of the executing module beats a tag.
 * 2. residual-connection: an add joining a skip tensor from one block with the next block's
 *    branch belongs to the consuming block; the skip's block is auxiliary.
 * 3. shared-node: a node whose users are several conflicting modules while everything feeding it
 *    sits above them (a merged constant, a mask computed once) belongs to their lowest common
 *    ancestor; the users are auxiliary. Tried before provenance: a fan-out is not a boundary,
 *    and picking one user would hide the others.
 * 4. tensor-provenance: for a node on a boundary (producers in one module, consumers in
 *    another), the testimony of parameters, repeated structure, execution order and dataflow
 *    (see votes.ts) picks one module.
 */
import { atoms, conflicts, deepest, isAncestorOrSelf, lowestCommonAncestor } from "../hierarchy/paths.js";
import type { Resolution, Strategy } from "../report/types.js";
import type { CaseDraft, EngineInput } from "./detect.js";
import { collectVotes, tally, type StructureCounts } from "./votes.js";
import type { LayerAlignment } from "./alignment.js";

export const DEFAULT_CONFIDENCE_THRESHOLD = 0.7;

const CONFIDENCE = { exporterScope: 0.95, residual: 0.9, shared: 0.85 } as const;
const ADD_LIKE = new Set(["Add", "Sum"]);

export interface ResolveContext extends EngineInput {
  known: (string | null)[];
  structure: StructureCounts;
  alignment?: LayerAlignment;
  threshold: number;
}

const show = (c: string) => (c === "" ? "(root)" : c);

function resolved(strategy: Strategy, primary: string, auxiliary: string[], confidence: number, reasoning: string): Resolution {
  return { status: "resolved", primary, auxiliary: [...new Set(auxiliary)].filter((a) => a !== primary).sort(), confidence: round(confidence), strategy, reasoning };
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function ctxList(nodes: number[], known: (string | null)[]): string[] {
  return nodes.map((i) => known[i]).filter((c): c is string => c !== null);
}

function tryExporterScope(d: CaseDraft, r: ResolveContext): Resolution | null {
  if (d.kind !== "tag-conflicts-scope") return null;
  const scope = r.evidence[d.node]!.exporter!;
  const others = d.contexts.filter((c) => c !== scope.path);
  const what = scope.source === "scope" ? "node-name scope" : "dynamo name_scopes";
  return resolved(
    "exporter-scope",
    scope.path,
    [],
    CONFIDENCE.exporterScope,
    `the exporter's ${what} says ${show(scope.path)}; the recorded tag (${others.map(show).join(", ")}) contradicts it and is set aside`,
  );
}

function tryResidual(d: CaseDraft, r: ResolveContext): Resolution | null {
  const op = r.index.nodes[d.node]!.node.opType;
  if (!ADD_LIKE.has(op)) return null;
  const producers = deepest(ctxList(d.around.producers, r.known));
  const consumers = ctxList(d.around.consumers, r.known);
  if (producers.length < 2 || consumers.length === 0) return null;
  // The branch is the producer that shares the deepest module with every consumer.
  const depthWith = (p: string) => atoms(lowestCommonAncestor([p, ...consumers])).length;
  const ranked = [...producers].sort((a, b) => depthWith(b) - depthWith(a) || (a < b ? -1 : 1));
  const branch = ranked[0]!;
  const skips = ranked.slice(1);
  const blockDepth = depthWith(branch);
  if (skips.some((s) => depthWith(s) >= blockDepth)) return null;
  const primary = residualOwner(r, op, branch, consumers);
  if (primary === "" || skips.some((s) => !conflicts(s, primary) && !isAncestorOrSelf(s, primary))) return null;
  // For a conflicting-tags case the answer must be one of the recorded tags' modules (or contain them).
  if (d.kind === "conflicting-tags" && !d.contexts.some((c) => isAncestorOrSelf(primary, c) || isAncestorOrSelf(c, primary))) return null;
  return resolved(
    "residual-connection",
    primary,
    skips,
    CONFIDENCE.residual,
    `${op} joins a skip tensor from ${skips.map(show).join(", ")} with the branch from ${show(branch)}, consumed in ${show(primary)}: it belongs to the consuming block`,
  );
}

/**
 * The module whose forward computes `x + f(x)`: an ancestor of the branch f. When the layer is
 * repeated and exactly one such ancestor is missing an add its siblings have, that is it;
 * otherwise the lowest module holding the branch and the consumers, or, when that is a container
 * that never runs (T5's `block.N.layer` list), its child on the branch side.
 */
function residualOwner(r: ResolveContext, op: string, branch: string, consumers: string[]): string {
  const a = atoms(branch);
  const ancestors: string[] = [];
  for (let i = 1; i < a.length; i++) ancestors.push(a.slice(0, i).join("."));
  const missing = ancestors.filter((p) => r.structure.deficit(p, op) > 0);
  if (missing.length === 1) return missing[0]!;
  const lca = lowestCommonAncestor([branch, ...consumers]);
  if (r.tree.has(lca)) return lca;
  return a.slice(0, atoms(lca).length + 1).join(".");
}

/** Every ancestor-or-self of the given contexts: the modules a node could belong to. */
function candidatesOf(contexts: string[]): string[] {
  const out = new Set<string>();
  for (const c of contexts) {
    const a = atoms(c);
    for (let i = 0; i <= a.length; i++) out.add(a.slice(0, i).join("."));
  }
  return [...out].sort();
}

export interface ProvenanceAnswer {
  context: string;
  confidence: number;
  reasons: string[];
}

export function provenance(r: ResolveContext, node: number, producers: number[], consumers: number[], contexts: string[]): ProvenanceAnswer | null {
  const candidates = candidatesOf([...contexts, ...ctxList([...producers, ...consumers], r.known)].filter((c) => !c.startsWith("/")));
  const votes = collectVotes({ index: r.index, tree: r.tree, structure: r.structure, alignment: r.alignment, known: r.known, node, producers, consumers }, candidates);
  const t = tally(votes);
  if (!t) return null;
  // Confidence is the winner's margin over its strongest rival: an even split is 0.5, however
  // much testimony there is, and unopposed testimony is 1.
  return { context: t.context, confidence: t.score / (t.score + t.runnerUp), reasons: t.reasons };
}

function tryProvenance(d: CaseDraft, r: ResolveContext): { resolution: Resolution | null; guess: ProvenanceAnswer | null } {
  const answer = provenance(r, d.node, d.around.producers, d.around.consumers, d.contexts);
  if (!answer) return { resolution: null, guess: null };
  if (d.kind === "conflicting-tags" && !d.contexts.some((c) => isAncestorOrSelf(answer.context, c) || isAncestorOrSelf(c, answer.context))) {
    return { resolution: null, guess: answer };
  }
  if (answer.confidence < r.threshold) return { resolution: null, guess: answer };
  const aux = d.contexts.filter((c) => !c.startsWith("/") && conflicts(c, answer.context));
  return {
    resolution: resolved("tensor-provenance", answer.context, aux, answer.confidence, `${show(answer.context)}: ${answer.reasons.slice(0, 3).join("; ")}`),
    guess: answer,
  };
}

function tryShared(d: CaseDraft, r: ResolveContext): Resolution | null {
  const users = deepest(ctxList(d.around.consumers, r.known));
  if (users.length < 2) return null;
  const common = lowestCommonAncestor(users);
  const producers = deepest(ctxList(d.around.producers, r.known));
  // A shared node is fed from above all its users (or from nothing: a constant). A node fed from
  // inside one of them is that module's output crossing a boundary, not sharing.
  if (producers.some((p) => !isAncestorOrSelf(p, common))) return null;
  // Fed by a module above the users (a mask computed in the root from the inputs), it continues
  // that module's work; fed by nothing (a merged constant), it belongs to the users' common ancestor.
  const primary = producers.length === 1 ? producers[0]! : common;
  const fed = producers.length === 1 ? `computed from ${show(producers[0]!)} and ` : "";
  return resolved(
    "shared-node",
    primary,
    users,
    CONFIDENCE.shared,
    `${fed}used by ${users.length} conflicting modules (${users.map(show).join(", ")}): assigned to ${producers.length === 1 ? "the module that feeds them" : "their common ancestor"} ${show(primary)}`,
  );
}

export interface ResolvedCase {
  draft: CaseDraft;
  resolution: Resolution;
}

/** Resolve every case, in node order; the structure counts learn from each placement. */
export function resolveCases(drafts: CaseDraft[], r: ResolveContext): ResolvedCase[] {
  return drafts.map((d) => {
    const op = r.index.nodes[d.node]!.node.opType;
    let resolution = tryExporterScope(d, r) ?? tryResidual(d, r) ?? tryShared(d, r);
    let guess: ProvenanceAnswer | null = null;
    if (!resolution) {
      const p = tryProvenance(d, r);
      resolution = p.resolution;
      guess = p.guess;
    }
    if (resolution && resolution.confidence < r.threshold) resolution = null;
    if (!resolution) {
      const best = guess;
      resolution = {
        status: "unresolved",
        primary: best ? best.context : null,
        auxiliary: [],
        confidence: best ? round(best.confidence) : 0,
        strategy: null,
        reasoning: best
          ? `no strategy reached the threshold ${r.threshold}: the best guess ${show(best.context)} has ${round(best.confidence)} (${best.reasons.slice(0, 2).join("; ")})`
          : `no strategy applies and the neighbourhood gives no testimony`,
      };
    } else if (resolution.primary !== null) {
      r.structure.place(resolution.primary, op);
    }
    return { draft: d, resolution };
  });
}
