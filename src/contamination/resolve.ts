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
 * 4. tensor-provenance: the node's attribution (attribute.ts): the testimony of conversion
 *    rules, parameters, sibling layers and dataflow picks one module.
 *
 * Nothing here learns from an earlier case: each case is resolved from the graph and the direct
 * evidence alone, so the order cases are visited in changes no answer.
 */
import { atoms, conflicts, deepest, isAncestorOrSelf, lowestCommonAncestor } from "../hierarchy/paths.js";
import type { Resolution, Strategy } from "../report/types.js";
import type { CaseDraft, EngineInput } from "./detect.js";
import type { Attribution } from "./attribute.js";

export const DEFAULT_CONFIDENCE_THRESHOLD = 0.7;

/**
 * Per-strategy confidence: what `npm run eval` measures for each (cases of the shifted-tag,
 * merged-constant and stripped variants; calibration table, "by case"), rounded down. A value's
 * scoped name is the record of the op that first computed it, one step removed from the node.
 */
const CONFIDENCE = { exporterScope: 0.95, tensorName: 0.9, residual: 0.7, shared: 0.85 } as const;
const ADD_LIKE = new Set(["Add", "Sum"]);

export interface ResolveContext extends EngineInput {
  /**
   * Each node's module as the engine places it: direct evidence, else its attribution (null when
   * neither). A case's neighbourhood may name nodes that attribution placed (a residual Add whose
   * branch Conv lost its name too), and strategies read them where they are placed.
   */
  placed: readonly (string | null)[];
  /** How sure each entry of `placed` is: 1 for direct evidence, its attribution's confidence, 0 for null. */
  sureness: readonly number[];
  attributions: readonly (Attribution | null)[];
  threshold: number;
}

const show = (c: string) => (c === "" ? "(root)" : c);

function resolved(strategy: Strategy, primary: string, auxiliary: string[], confidence: number, reasoning: string): Resolution {
  return { status: "resolved", primary, auxiliary: [...new Set(auxiliary)].filter((a) => a !== primary).sort(), confidence: round(confidence), strategy, reasoning };
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function ctxList(nodes: number[], placed: readonly (string | null)[]): string[] {
  return nodes.map((i) => placed[i] ?? null).filter((c): c is string => c !== null);
}

/**
 * A strategy that reads where its neighbours were placed is no surer than the least sure of
 * them: a residual Add whose consumer was itself guessed at 0.2 is a guess too, not the
 * strategy's measured 0.7.
 */
function restingOn(confidence: number, d: CaseDraft, r: ResolveContext): number {
  let c = confidence;
  for (const list of [d.around.producers, d.around.consumers]) for (const j of list) if (r.placed[j] !== null) c = Math.min(c, r.sureness[j]!);
  return c;
}

function tryExporterScope(d: CaseDraft, r: ResolveContext): Resolution | null {
  if (d.kind !== "tag-conflicts-scope") return null;
  const scope = r.evidence[d.node]!.exporter!;
  const others = d.contexts.filter((c) => c !== scope.path);
  const what = scope.source === "scope" ? "node-name scope" : scope.source === "dynamo" ? "dynamo name_scopes" : "scoped name of the value it computes";
  return resolved(
    "exporter-scope",
    scope.path,
    [],
    scope.source === "tensor-name" ? CONFIDENCE.tensorName : CONFIDENCE.exporterScope,
    `the exporter's ${what} says ${show(scope.path)}; the recorded tag (${others.map(show).join(", ")}) contradicts it and is set aside`,
  );
}

function tryResidual(d: CaseDraft, r: ResolveContext): Resolution | null {
  const op = r.index.nodes[d.node]!.node.opType;
  if (!ADD_LIKE.has(op)) return null;
  const producers = deepest(ctxList(d.around.producers, r.placed));
  const consumers = ctxList(d.around.consumers, r.placed);
  if (producers.length < 2 || consumers.length === 0) return null;
  // The branch is the producer that shares the deepest module with every consumer.
  const depthWith = (p: string) => atoms(lowestCommonAncestor([p, ...consumers])).length;
  const ranked = [...producers].sort((a, b) => depthWith(b) - depthWith(a) || (a < b ? -1 : 1));
  const branch = ranked[0]!;
  const skips = ranked.slice(1);
  const blockDepth = depthWith(branch);
  if (skips.some((s) => depthWith(s) >= blockDepth)) return null;
  const primary = residualOwner(r, branch, consumers);
  if (primary === "" || skips.some((s) => !conflicts(s, primary) && !isAncestorOrSelf(s, primary))) return null;
  // For a conflicting-tags case the answer must be one of the recorded tags' modules (or contain them).
  if (d.kind === "conflicting-tags" && !d.contexts.some((c) => isAncestorOrSelf(primary, c) || isAncestorOrSelf(c, primary))) return null;
  return resolved(
    "residual-connection",
    primary,
    skips,
    restingOn(CONFIDENCE.residual, d, r),
    `${op} joins a skip tensor from ${skips.map(show).join(", ")} with the branch from ${show(branch)}, consumed in ${show(primary)}: it belongs to the consuming block`,
  );
}

/**
 * The module whose forward computes `x + f(x)`: the lowest module holding the branch and the
 * consumers (above the branch's module when that is all of them), or, when that is a container that never runs (T5's `block.N.layer` list), its
 * child on the branch side.
 */
function residualOwner(r: ResolveContext, branch: string, consumers: string[]): string {
  const a = atoms(branch);
  // A leaf module both feeding the Add and reading its sum is one module called twice around it
  // (ResNet's `relu`): the Add runs in the module that calls it. A module with children of its
  // own may add inside its forward (T5's attention adds the position bias to its scores).
  if (consumers.every((c) => c === branch) && r.tree.get(branch)?.children.length === 0) return a.slice(0, -1).join(".");
  const lca = lowestCommonAncestor([branch, ...consumers]);
  // The sum read only outside the branch's layer instance (the next block's ops) is that
  // block's output: a ConvNeXt or ResNet block returns `x + f(x)`, and the stack above it only
  // calls the blocks.
  const instance = r.tree.naming.instanceOf(branch);
  if (instance && lca !== instance.path && isAncestorOrSelf(lca, instance.path)) return instance.path;
  if (r.tree.has(lca)) return lca;
  return a.slice(0, atoms(lca).length + 1).join(".");
}

export interface ProvenanceAnswer {
  context: string;
  confidence: number;
  reasons: string[];
}

function tryProvenance(d: CaseDraft, r: ResolveContext): { resolution: Resolution | null; guess: ProvenanceAnswer | null } {
  const a = r.attributions[d.node];
  if (!a) return { resolution: null, guess: null };
  const answer: ProvenanceAnswer = { context: a.context, confidence: a.confidence, reasons: a.reasons };
  if (d.kind === "conflicting-tags" && !d.contexts.some((c) => isAncestorOrSelf(answer.context, c) || isAncestorOrSelf(c, answer.context))) {
    return { resolution: null, guess: answer };
  }
  const aux = d.contexts.filter((c) => !c.startsWith("/") && conflicts(c, answer.context));
  return {
    resolution: resolved("tensor-provenance", answer.context, aux, answer.confidence, `${show(answer.context)}: ${answer.reasons.slice(0, 3).join("; ")}`),
    guess: answer,
  };
}

function tryShared(d: CaseDraft, r: ResolveContext): Resolution | null {
  const all = ctxList(d.around.consumers, r.placed);
  const users = deepest(all);
  if (users.length < 2) return null;
  // Every user counts for the common ancestor: a use in the root itself makes it the root.
  const common = lowestCommonAncestor([...new Set(all)]);
  const producers = deepest(ctxList(d.around.producers, r.placed));
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
    restingOn(CONFIDENCE.shared, d, r),
    `${fed}used by ${users.length} conflicting modules (${users.map(show).join(", ")}): assigned to ${producers.length === 1 ? "the module that feeds them" : "their common ancestor"} ${show(primary)}`,
  );
}

export interface ResolvedCase {
  draft: CaseDraft;
  resolution: Resolution;
}

/**
 * Resolve every case. The first strategy that applies gives the answer; below the threshold the
 * case is unresolved and keeps that best answer (with its confidence and strategy named in the
 * reasoning), never "no strategy" when one applied.
 */
export function resolveCases(drafts: CaseDraft[], r: ResolveContext): ResolvedCase[] {
  return drafts.map((d) => {
    const p = tryProvenance(d, r);
    const best = tryExporterScope(d, r) ?? tryResidual(d, r) ?? tryShared(d, r) ?? p.resolution;
    if (best && best.confidence >= r.threshold) return { draft: d, resolution: best };
    let resolution: Resolution;
    if (best) {
      resolution = {
        status: "unresolved",
        primary: best.primary,
        auxiliary: best.auxiliary,
        confidence: best.confidence,
        strategy: null,
        reasoning: `the best answer, ${show(best.primary!)} by ${best.strategy} at ${best.confidence}, is below the threshold ${r.threshold}: ${best.reasoning}`,
      };
    } else if (p.guess) {
      const g = p.guess;
      resolution = {
        status: "unresolved",
        primary: g.context,
        auxiliary: [],
        confidence: round(g.confidence),
        strategy: null,
        reasoning: `no strategy reached the threshold ${r.threshold}: the best guess ${show(g.context)} has ${round(g.confidence)} (${g.reasons.slice(0, 2).join("; ")})`,
      };
    } else {
      resolution = { status: "unresolved", primary: null, auxiliary: [], confidence: 0, strategy: null, reasoning: "no strategy applies and the neighbourhood gives no testimony" };
    }
    return { draft: d, resolution };
  });
}
