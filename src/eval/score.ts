/** Scoring the engine on variants against the original export's scopes. Pure. */
import { analyzeModel } from "../analyze.js";
import { buildGraphIndex } from "../load/graph-index.js";
import type { OnnxModel } from "../load/model.js";
import { parseScopeName, ScopeNormaliser } from "../hierarchy/scope.js";
import { isAncestorOrSelf, lowestCommonAncestor } from "../hierarchy/paths.js";
import type { ModelReport, NodeResult } from "../report/types.js";
import { genericWithDynamo, mergeConstants, shiftTags, stripScopes, type TruthModule } from "./variants.js";
import { aliasedScopePath, collectEvidence } from "../hierarchy/evidence.js";

/**
 * The original export's record: node name → module instance path. With torch's module list, a
 * scope torch spelt for a module reachable under two names (`encoder.shared`) is given its
 * `named_modules()` name (`shared`), as torch itself knows it.
 */
export function truthScopes(model: OnnxModel, truth?: readonly TruthModule[]): Map<string, string> {
  const known = new Set((truth ?? []).map((t) => t.path));
  const norm = new ScopeNormaliser();
  const parsed = model.graph.nodes.map((n) => parseScopeName(n.name));
  for (const p of parsed) if (p) norm.addAll(p.prefixes);
  const out = new Map<string, string>();
  model.graph.nodes.forEach((n, i) => {
    const p = parsed[i];
    if (!p) return;
    const path = norm.normalise(p.path);
    out.set(n.name, aliasedScopePath(path, known)?.module ?? path);
  });
  return out;
}

export interface VariantScore {
  variant: string;
  /** Nodes the variant damaged (ground-truth positives). */
  damaged: number;
  cases: number;
  unresolved: number;
  precision?: number;
  recall?: number;
  accuracy?: number;
  /** Free-form facts: false cases, tree check, ... */
  notes: string[];
  ms: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 10000) / 10000);

function byName(report: ModelReport): Map<string, NodeResult> {
  return new Map(report.nodes.filter((n) => !n.id.includes(">")).map((n) => [n.name, n]));
}

function timed<T>(now: () => number, f: () => T): [T, number] {
  const t = now();
  const r = f();
  return [r, Math.round((now() - t) * 10) / 10];
}

export interface EvalOptions {
  seed: number;
  shiftFraction: number;
  stripFraction: number;
  dynamoFraction: number;
  threshold: number;
  now: () => number;
  /** Receives one line per wrong attribution, for looking into what limits accuracy. */
  verbose?: (line: string) => void;
}

export function evaluateModel(name: string, model: OnnxModel, truth: TruthModule[], o: EvalOptions): VariantScore[] {
  const scopes = truthScopes(model, truth);
  const analyze = (m: OnnxModel) => analyzeModel({ name, model: m }, { confidenceThreshold: o.threshold });
  const scores: VariantScore[] = [];

  // Unmodified: no false cases, and the tree the engine rebuilds is torch's.
  {
    const [r, ms] = timed(o.now, () => analyze(model));
    const falseCases = r.cases.filter((c) => scopes.has(c.node)).length;
    const truthPaths = new Set(truth.map((t) => t.path));
    const { tree } = collectEvidence(buildGraphIndex(model));
    const unknown = [...tree.modules.keys()].filter((p) => !truthPaths.has(p));
    scores.push({
      variant: "unmodified",
      damaged: 0,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      notes: [
        `false cases ${falseCases}`,
        `cases on exporter-made nodes ${r.counts.cases - falseCases}`,
        `tree modules not in named_modules ${unknown.length}${unknown.length ? ` (${unknown.slice(0, 3).join(", ")})` : ""}`,
      ],
      ms,
    });
  }

  // Shifted tags: detection precision and recall.
  {
    const v = shiftTags(model, scopes, truth, o.shiftFraction, o.seed);
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const detected = new Set(r.cases.filter((c) => c.kind === "tag-conflicts-scope").map((c) => c.node));
    const tp = [...detected].filter((n) => v.shifted.has(n)).length;
    const nodes = byName(r);
    const correct = [...v.shifted].filter((n) => nodes.get(n)?.primary === scopes.get(n)).length;
    scores.push({
      variant: `shifted tags ${Math.round(o.shiftFraction * 100)}%`,
      damaged: v.shifted.size,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      precision: ratio(tp, detected.size),
      recall: ratio(tp, v.shifted.size),
      accuracy: ratio(correct, v.shifted.size),
      notes: [],
      ms,
    });
  }

  // Stripped scopes: attribution accuracy of the primary context.
  {
    const v = stripScopes(model, scopes, o.stripFraction, o.seed);
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const nodes = byName(r);
    let correct = 0;
    let ancestor = 0;
    const mistakes: string[] = [];
    for (const [n, path] of v.stripped) {
      const p = nodes.get(n)?.primary;
      if (p === path) correct++;
      else {
        if (p !== null && p !== undefined && isAncestorOrSelf(p, path)) ancestor++;
        mistakes.push(`${n}: ${path} → ${p}`);
      }
    }
    if (o.verbose) for (const m of mistakes) o.verbose(`${name} stripped ${m}`);
    scores.push({
      variant: `stripped scopes ${Math.round(o.stripFraction * 100)}%`,
      damaged: v.stripped.size,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      accuracy: ratio(correct, v.stripped.size),
      notes: [`primary an ancestor of the truth ${ancestor}`, `wrong ${v.stripped.size - correct - ancestor}`],
      ms,
    });
  }

  // Merged constants: resolved to the common ancestor, sharing layers auxiliary.
  {
    const v = mergeConstants(model, scopes);
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const cases = new Map(r.cases.map((c) => [c.node, c]));
    let correct = 0;
    let detected = 0;
    for (const [n, users] of v.merged) {
      const c = cases.get(n);
      if (!c) continue;
      detected++;
      const res = c.resolution;
      if (res.status === "resolved" && res.strategy === "shared-node" && res.primary === lowestCommonAncestor(users) && users.every((u) => res.auxiliary.includes(u))) correct++;
    }
    scores.push({
      variant: "merged constants",
      damaged: v.merged.size,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      recall: ratio(detected, v.merged.size),
      accuracy: ratio(correct, v.merged.size),
      notes: [],
      ms,
    });
  }

  // Generic names with dynamo metadata on some nodes.
  {
    const v = genericWithDynamo(model, scopes, truth, o.dynamoFraction, o.seed);
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const nodes = byName(r);
    let correctMissing = 0;
    let missing = 0;
    let correctAll = 0;
    for (const [n, path] of v.truth) {
      const ok = nodes.get(n)?.primary === path;
      if (ok) correctAll++;
      if (!v.withMetadata.has(n)) {
        missing++;
        if (ok) correctMissing++;
      }
    }
    scores.push({
      variant: `generic names, dynamo metadata on ${Math.round(o.dynamoFraction * 100)}%`,
      damaged: missing,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      accuracy: ratio(correctMissing, missing),
      notes: [`accuracy over all nodes ${ratio(correctAll, v.truth.size)}`],
      ms,
    });
  }
  return scores;
}
