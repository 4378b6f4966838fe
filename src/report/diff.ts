/**
 * The difference between two reports (base and head) and the gate decided on it. Pure.
 *
 * Models are matched on `ModelReport.model` (the path as given, '/' separators) and cases on
 * their stable `Case.id` (`<kind>:<node id>`), so the same export compared with itself gives an
 * empty diff whatever order the engine lists things in.
 */
import type { Case, ModelReport, Report } from "./types.js";
import { isObject } from "../util/text.js";

/** The numbers compared per model and in total. */
export interface Stats {
  cases: number;
  resolved: number;
  unresolved: number;
  /** Share of nodes with a primary context, in [0, 1]. */
  coverage: number;
  nodes: number;
}

export interface StatsDelta {
  cases: number;
  resolved: number;
  unresolved: number;
  coverage: number;
  nodes: number;
}

export type ModelStatus = "added" | "removed" | "changed" | "unchanged";

export interface ModelDiff {
  model: string;
  status: ModelStatus;
  base: Stats | null;
  head: Stats | null;
  /** head minus base; a missing side counts as zero (coverage too). */
  delta: StatsDelta;
  /** Cases in head whose id is not in base. */
  newCases: Case[];
  /** Cases in base whose id is not in head. */
  fixedCases: Case[];
  /** Unresolved in head and not unresolved in base (new, or resolved before). What gates `new-cases`. */
  newlyUnresolved: Case[];
  /** Unresolved in base and resolved in head (same id). */
  newlyResolved: Case[];
}

export interface ReportDiff {
  /** False when there was no baseline: every model then counts as added and nothing gates. */
  hasBaseline: boolean;
  models: ModelDiff[];
  added: string[];
  removed: string[];
  base: Stats | null;
  head: Stats;
  delta: StatsDelta;
  newCases: number;
  fixedCases: number;
  newlyUnresolved: number;
  newlyResolved: number;
}

export function modelStats(m: ModelReport): Stats {
  return {
    cases: m.counts.cases,
    resolved: m.counts.resolved,
    unresolved: m.counts.unresolved,
    coverage: m.counts.coverage,
    nodes: m.counts.nodes,
  };
}

export function reportStats(r: Report): Stats {
  return {
    cases: r.totals.cases,
    resolved: r.totals.resolved,
    unresolved: r.totals.unresolved,
    coverage: r.totals.coverage,
    nodes: r.totals.nodes,
  };
}

const ZERO: Stats = { cases: 0, resolved: 0, unresolved: 0, coverage: 0, nodes: 0 };

function delta(base: Stats | null, head: Stats | null): StatsDelta {
  const b = base ?? ZERO;
  const h = head ?? ZERO;
  return {
    cases: h.cases - b.cases,
    resolved: h.resolved - b.resolved,
    unresolved: h.unresolved - b.unresolved,
    // Rounded so that equal coverages computed in different orders compare equal.
    coverage: Math.round((h.coverage - b.coverage) * 1e9) / 1e9,
    nodes: h.nodes - b.nodes,
  };
}

function byId(cases: readonly Case[]): Map<string, Case> {
  const m = new Map<string, Case>();
  for (const c of cases) if (!m.has(c.id)) m.set(c.id, c);
  return m;
}

const isUnresolved = (c: Case) => c.resolution.status === "unresolved";

function diffCases(base: readonly Case[], head: readonly Case[]) {
  const b = byId(base);
  const h = byId(head);
  const newCases: Case[] = [];
  const newlyUnresolved: Case[] = [];
  const newlyResolved: Case[] = [];
  for (const [id, c] of h) {
    const was = b.get(id);
    if (!was) newCases.push(c);
    if (isUnresolved(c) && (!was || !isUnresolved(was))) newlyUnresolved.push(c);
    if (was && isUnresolved(was) && !isUnresolved(c)) newlyResolved.push(c);
  }
  const fixedCases = [...b.values()].filter((c) => !h.has(c.id));
  return { newCases, fixedCases, newlyUnresolved, newlyResolved };
}

function sameStats(a: Stats, b: Stats): boolean {
  return a.cases === b.cases && a.resolved === b.resolved && a.unresolved === b.unresolved && Math.abs(a.coverage - b.coverage) < 1e-9 && a.nodes === b.nodes;
}

/** Compare head with base; `base` null means there is no baseline (first run). */
export function diffReports(base: Report | null, head: Report): ReportDiff {
  const baseModels = new Map((base?.models ?? []).map((m) => [m.model, m] as const));
  const headModels = new Map(head.models.map((m) => [m.model, m] as const));
  const names = [...new Set([...baseModels.keys(), ...headModels.keys()])].sort();
  const models: ModelDiff[] = names.map((model) => {
    const b = baseModels.get(model);
    const h = headModels.get(model);
    const bs = b ? modelStats(b) : null;
    const hs = h ? modelStats(h) : null;
    const cases = diffCases(b?.cases ?? [], h?.cases ?? []);
    let status: ModelStatus;
    if (!b) status = "added";
    else if (!h) status = "removed";
    else if (sameStats(bs!, hs!) && cases.newCases.length === 0 && cases.fixedCases.length === 0 && cases.newlyResolved.length === 0 && cases.newlyUnresolved.length === 0) status = "unchanged";
    else status = "changed";
    return { model, status, base: bs, head: hs, delta: delta(bs, hs), ...cases };
  });
  const baseStats = base ? reportStats(base) : null;
  const headStats = reportStats(head);
  const sum = (f: (m: ModelDiff) => number) => models.reduce((n, m) => n + f(m), 0);
  return {
    hasBaseline: base !== null,
    models,
    added: base ? models.filter((m) => m.status === "added").map((m) => m.model) : [],
    removed: models.filter((m) => m.status === "removed").map((m) => m.model),
    base: baseStats,
    head: headStats,
    delta: delta(baseStats ?? headStats, headStats),
    newCases: base ? sum((m) => m.newCases.length) : 0,
    fixedCases: base ? sum((m) => m.fixedCases.length) : 0,
    newlyUnresolved: base ? sum((m) => m.newlyUnresolved.length) : 0,
    newlyResolved: base ? sum((m) => m.newlyResolved.length) : 0,
  };
}

// ---------------------------------------------------------------------------------------------
// The gate

export type FailOn = "total" | "any-model" | "new-cases" | "never";
export const FAIL_ON: readonly FailOn[] = ["total", "any-model", "new-cases", "never"];

export interface GateRule {
  failOn: FailOn;
  /** How many more unresolved cases (total, per model, or new) are tolerated. */
  allowedIncrease: number;
}

export interface GateResult {
  conclusion: "pass" | "fail";
  rule: GateRule;
  /** One line saying why, for the log, the check run title and the comment. */
  reason: string;
  /** Models over the limit (rule `any-model`). */
  offenders: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : "\u00b10");

export function evaluateGate(diff: ReportDiff, rule: GateRule): GateResult {
  const pass = (reason: string): GateResult => ({ conclusion: "pass", rule, reason, offenders: [] });
  const fail = (reason: string, offenders: string[] = []): GateResult => ({ conclusion: "fail", rule, reason, offenders });
  const allowed = rule.allowedIncrease;
  const tolerance = allowed > 0 ? ` (allowed increase ${allowed})` : "";
  if (rule.failOn === "never") return pass(`gate disabled (fail-on: never); ${plural(diff.head.unresolved, "unresolved case")}`);
  if (!diff.hasBaseline) return pass(`no baseline yet: ${plural(diff.head.unresolved, "unresolved case")} recorded, nothing to compare with`);
  const base = diff.base!;
  switch (rule.failOn) {
    case "total": {
      const d = diff.delta.unresolved;
      const what = `unresolved cases ${base.unresolved} \u2192 ${diff.head.unresolved} (${signed(d)})`;
      return d > allowed ? fail(`${what}${tolerance}`) : pass(what);
    }
    case "any-model": {
      const offenders = diff.models.filter((m) => m.delta.unresolved > allowed && m.head !== null);
      if (offenders.length === 0) {
        return pass(`no model gained more than ${plural(allowed, "unresolved case")}`);
      }
      const first = offenders[0]!;
      return fail(
        `${plural(offenders.length, "model")} gained unresolved cases${tolerance}: ${first.model} ${signed(first.delta.unresolved)}${offenders.length > 1 ? ", \u2026" : ""}`,
        offenders.map((m) => m.model),
      );
    }
    case "new-cases": {
      const n = diff.newlyUnresolved;
      const what = `${plural(n, "new unresolved case")}`;
      return n > allowed ? fail(`${what}${tolerance}`) : pass(what);
    }
  }
}

/**
 * Whether `head` may replace `baseline` as the committed baseline: the ratchet. It may when no
 * model has more unresolved cases than before and the total did not rise (models that are new
 * count from zero; removed models are dropped).
 */
export function ratchetCheck(baseline: Report | null, head: Report): { ok: boolean; reason: string } {
  if (!baseline) return { ok: true, reason: "no baseline yet" };
  const d = diffReports(baseline, head);
  const worse = d.models.filter((m) => m.head && m.delta.unresolved > 0 && m.status !== "added");
  if (worse.length > 0) {
    return {
      ok: false,
      reason: `the report has more unresolved cases than the baseline in ${worse.map((m) => `${m.model} (${signed(m.delta.unresolved)})`).join(", ")}`,
    };
  }
  if (d.delta.unresolved > 0 && d.added.length === 0) {
    return { ok: false, reason: `the report has more unresolved cases in total (${signed(d.delta.unresolved)})` };
  }
  return { ok: true, reason: `unresolved cases ${d.base!.unresolved} \u2192 ${d.head.unresolved}` };
}

// ---------------------------------------------------------------------------------------------
// Reading a report back (baseline files, artifacts)

export class ReportShapeError extends Error {}

/**
 * Check that `data` has the Report shape where the diff relies on it (schema, version, models
 * with their counts and cases, totals) and return it typed. Throws ReportShapeError.
 */
export function parseReport(data: unknown): Report {
  const fail = (m: string): never => {
    throw new ReportShapeError(m);
  };
  if (!isObject(data)) return fail("not a JSON object");
  if (data.schema !== "modelexport-report") return fail(`schema is ${JSON.stringify(data.schema)}, expected "modelexport-report"`);
  // Version 1 lacks evidenceCoverage and uncertain (added in 2); its other fields are the same.
  if (data.version !== 1 && data.version !== 2) return fail(`report version ${JSON.stringify(data.version)} is not supported (this build reads versions 1 and 2)`);
  if (!Array.isArray(data.models)) return fail("models is not an array");
  if (!isObject(data.totals)) return fail("totals is missing");
  if (!isObject(data.options) || typeof data.options.confidenceThreshold !== "number") return fail("options.confidenceThreshold is missing");
  for (const k of ["models", "nodes", "cases", "resolved", "unresolved", "coverage"]) {
    if (typeof data.totals[k] !== "number") fail(`totals.${k} is not a number`);
  }
  data.models.forEach((m: unknown, i: number) => {
    if (!isObject(m) || typeof m.model !== "string") return fail(`models[${i}].model is not a string`);
    if (!isObject(m.counts)) return fail(`models[${i}] (${m.model}): counts is missing`);
    for (const k of ["nodes", "cases", "resolved", "unresolved", "coverage"]) {
      if (typeof m.counts[k] !== "number") fail(`models[${i}] (${m.model}): counts.${k} is not a number`);
    }
    if (!Array.isArray(m.cases)) return fail(`models[${i}] (${m.model}): cases is not an array`);
    m.cases.forEach((c: unknown, j: number) => {
      if (!isObject(c) || typeof c.id !== "string" || typeof c.node !== "string" || !isObject(c.resolution) || !Array.isArray(c.contexts)) {
        fail(`models[${i}] (${m.model}): cases[${j}] lacks id, node, contexts or resolution`);
      }
    });
  });
  return data as unknown as Report;
}

/**
 * The report as a committed baseline: per-node results dropped (the diff reads counts and cases
 * only) and timings removed, so the file stays small and deterministic.
 */
export function baselineOf(report: Report, keepNodes = false): Report {
  return {
    ...report,
    models: report.models.map((m) => {
      const { timings: _t, ...rest } = m;
      return { ...rest, nodes: keepNodes ? m.nodes : [] };
    }),
  };
}
