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
  /** Share of nodes with a primary context (evidence, attribution or resolution), in [0, 1]. */
  coverage: number;
  nodes: number;
  /** Nodes with direct evidence; null when the report does not record it. */
  withEvidence: number | null;
  /** withEvidence / nodes; null when the report does not record it (report version 1). */
  evidenceCoverage: number | null;
  /** Attributions below the confidence threshold; null when not recorded (report version 1). */
  uncertain: number | null;
}

export interface StatsDelta {
  cases: number;
  resolved: number;
  unresolved: number;
  coverage: number;
  nodes: number;
  /** null when either side does not record it. */
  evidenceCoverage: number | null;
  uncertain: number | null;
}

export type ModelStatus = "added" | "removed" | "changed" | "unchanged";

/** A case that was unresolved in the baseline and is not now: the base case, and the head one if it is still there. */
export interface ClearedCase {
  base: Case;
  /** The same id in head (now resolved), or null when the case is gone. */
  head: Case | null;
}

export interface ModelDiff {
  model: string;
  status: ModelStatus;
  base: Stats | null;
  head: Stats | null;
  /** head minus base; a missing side counts as zero (coverage too). */
  delta: StatsDelta;
  /** Cases in head whose id is not in base. */
  newCases: Case[];
  /** Unresolved in head and not unresolved in base (new, or resolved before). What gates `new-cases`. */
  newlyUnresolved: Case[];
  /**
   * Unresolved in base, resolved or gone in head, and the node still has direct evidence in head:
   * what the `fixed-cases` output counts. Empty for a removed model (its cases went with it).
   */
  fixedCases: ClearedCase[];
  /**
   * Unresolved in base, resolved or gone in head, because the node lost its evidence: it is still
   * there with no direct evidence (scope, tag, sidecar) left, or it is gone while the model's
   * evidence fell (renamed away). Never counted as fixed.
   */
  lostCases: ClearedCase[];
  /** True when this model has nodes and none of them carries direct evidence (head side). */
  noHierarchy: boolean;
}

export interface ReportDiff {
  /** False when there was no baseline: every model then counts as added and nothing gates. */
  hasBaseline: boolean;
  /** The baseline's report version; 1 records no evidence coverage or uncertain counts. */
  baseVersion: number | null;
  models: ModelDiff[];
  added: string[];
  removed: string[];
  base: Stats | null;
  head: Stats;
  delta: StatsDelta;
  newCases: number;
  newlyUnresolved: number;
  fixedCases: number;
  lostCases: number;
  /** Head models with nodes and no direct evidence at all. */
  noHierarchy: string[];
}

const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

export function modelStats(m: ModelReport): Stats {
  const c = m.counts as Partial<ModelReport["counts"]> & ModelReport["counts"];
  return {
    cases: c.cases,
    resolved: c.resolved,
    unresolved: c.unresolved,
    coverage: c.coverage,
    nodes: c.nodes,
    withEvidence: num(c.withEvidence),
    evidenceCoverage: num(c.evidenceCoverage),
    uncertain: num(c.uncertain),
  };
}

export function reportStats(r: Report): Stats {
  const t = r.totals as Partial<Report["totals"]> & Report["totals"];
  return {
    cases: t.cases,
    resolved: t.resolved,
    unresolved: t.unresolved,
    coverage: t.coverage,
    nodes: t.nodes,
    withEvidence: num(t.withEvidence),
    evidenceCoverage: num(t.evidenceCoverage),
    uncertain: num(t.uncertain),
  };
}

const ZERO: Stats = { cases: 0, resolved: 0, unresolved: 0, coverage: 0, nodes: 0, withEvidence: 0, evidenceCoverage: 0, uncertain: 0 };

// Rounded so that equal shares computed in different orders compare equal.
const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

function delta(base: Stats | null, head: Stats | null): StatsDelta {
  const b = base ?? ZERO;
  const h = head ?? ZERO;
  const known = (f: (s: Stats) => number | null, round: boolean) => {
    const x = f(h);
    const y = f(b);
    return x === null || y === null ? null : round ? round9(x - y) : x - y;
  };
  return {
    cases: h.cases - b.cases,
    resolved: h.resolved - b.resolved,
    unresolved: h.unresolved - b.unresolved,
    coverage: round9(h.coverage - b.coverage),
    nodes: h.nodes - b.nodes,
    evidenceCoverage: known((s) => s.evidenceCoverage, true),
    uncertain: known((s) => s.uncertain, false),
  };
}

function byId(cases: readonly Case[]): Map<string, Case> {
  const m = new Map<string, Case>();
  for (const c of cases) if (!m.has(c.id)) m.set(c.id, c);
  return m;
}

const isUnresolved = (c: Case) => c.resolution.status === "unresolved";

/**
 * Whether a node of `m` has direct evidence (an exporter scope, tags or a sidecar entry), by node
 * id: true or false for a node of the model, undefined for a node it does not have; null when the
 * report carries no per-node results (a baseline file drops them).
 */
function evidenceOf(m: ModelReport): ((node: string) => boolean | undefined) | null {
  if (m.nodes.length === 0 && m.counts.nodes > 0) return null;
  const shared = new Set(m.cases.filter((c) => c.kind === "shared-across-modules").map((c) => c.node));
  const has = new Map<string, boolean>();
  for (const n of m.nodes) {
    // A case on a node with evidence is a conflict of its tags or scope; a shared-across-modules
    // case is a node without any.
    has.set(n.id, n.decidedBy === "scope" || n.decidedBy === "tag" || (n.decidedBy === "case" && !shared.has(n.id)));
  }
  return (node) => has.get(node);
}

function hasNoHierarchy(m: ModelReport | undefined): boolean {
  if (!m) return false;
  const w = num((m.counts as { withEvidence?: unknown }).withEvidence);
  return m.counts.nodes > 0 && w === 0;
}

function diffCases(b: ModelReport | undefined, h: ModelReport | undefined) {
  const base = byId(b?.cases ?? []);
  const head = byId(h?.cases ?? []);
  const newCases: Case[] = [];
  const newlyUnresolved: Case[] = [];
  for (const [id, c] of head) {
    const was = base.get(id);
    if (!was) newCases.push(c);
    if (isUnresolved(c) && (!was || !isUnresolved(was))) newlyUnresolved.push(c);
  }
  const fixedCases: ClearedCase[] = [];
  const lostCases: ClearedCase[] = [];
  if (b && h) {
    const evidence = evidenceOf(h);
    const bw = num((b.counts as { withEvidence?: unknown }).withEvidence);
    const hw = num((h.counts as { withEvidence?: unknown }).withEvidence);
    // A node that is gone (renamed, removed) kept its evidence unless the model's evidence fell;
    // without per-node results, that fall makes every cleared case suspect too.
    const fell = bw !== null && hw !== null && hw < bw;
    for (const [id, was] of base) {
      if (!isUnresolved(was)) continue;
      const now = head.get(id) ?? null;
      if (now && isUnresolved(now)) continue;
      const kept = evidence?.(was.node) ?? !fell;
      (kept ? fixedCases : lostCases).push({ base: was, head: now });
    }
  }
  return { newCases, newlyUnresolved, fixedCases, lostCases };
}

function sameStats(a: Stats, b: Stats): boolean {
  return (
    a.cases === b.cases &&
    a.resolved === b.resolved &&
    a.unresolved === b.unresolved &&
    Math.abs(a.coverage - b.coverage) < 1e-9 &&
    a.nodes === b.nodes &&
    a.withEvidence === b.withEvidence &&
    a.uncertain === b.uncertain
  );
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
    const cases = diffCases(b, h);
    let status: ModelStatus;
    if (!b) status = "added";
    else if (!h) status = "removed";
    else if (sameStats(bs!, hs!) && cases.newCases.length === 0 && cases.fixedCases.length === 0 && cases.lostCases.length === 0 && cases.newlyUnresolved.length === 0) status = "unchanged";
    else status = "changed";
    return { model, status, base: bs, head: hs, delta: delta(bs, hs), ...cases, noHierarchy: hasNoHierarchy(h) };
  });
  const baseStats = base ? reportStats(base) : null;
  const headStats = reportStats(head);
  const sum = (f: (m: ModelDiff) => number) => models.reduce((n, m) => n + f(m), 0);
  return {
    hasBaseline: base !== null,
    baseVersion: base ? base.version : null,
    models,
    added: base ? models.filter((m) => m.status === "added").map((m) => m.model) : [],
    removed: models.filter((m) => m.status === "removed").map((m) => m.model),
    base: baseStats,
    head: headStats,
    delta: delta(baseStats ?? headStats, headStats),
    newCases: base ? sum((m) => m.newCases.length) : 0,
    newlyUnresolved: base ? sum((m) => m.newlyUnresolved.length) : 0,
    fixedCases: sum((m) => m.fixedCases.length),
    lostCases: sum((m) => m.lostCases.length),
    noHierarchy: models.filter((m) => m.noHierarchy).map((m) => m.model),
  };
}

// ---------------------------------------------------------------------------------------------
// The gate: one pure decision, used by the action, `modelexport baseline compare` and
// `modelexport analyze --fail-on-unresolved`.

export type FailOn = "total" | "any-model" | "new-cases" | "never";
export const FAIL_ON: readonly FailOn[] = ["total", "any-model", "new-cases", "never"];

export interface GateRule {
  failOn: FailOn;
  /** How many more unresolved cases (total, per model, or new), and uncertain attributions, are tolerated. */
  allowedIncrease: number;
  /** How far a model's coverage (evidence coverage, or coverage) may fall, as a share in [0, 1]. Default 0. */
  allowedCoverageDrop?: number;
  /**
   * Without a baseline: `pass` (a first run records the state; only a model without any
   * hierarchy fails), or `absolute` (unresolved cases count from zero: `--fail-on-unresolved`).
   */
  withoutBaseline?: "pass" | "absolute";
}

export type GateCheckName = "hierarchy" | "coverage" | "unresolved" | "uncertain";

export interface GateCheck {
  name: GateCheckName;
  conclusion: "pass" | "fail";
  reason: string;
}

export interface GateResult {
  conclusion: "pass" | "fail";
  rule: GateRule;
  /** One line saying why, for the log, the check run title and the comment: failing checks first. */
  reason: string;
  /** Every check that applied, in the order hierarchy, coverage, unresolved, uncertain. */
  checks: GateCheck[];
  /** Models that failed a check. */
  offenders: string[];
  /** What could not be compared (a version 1 baseline), said in the comment. */
  notes: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : "\u00b10");
const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A list of names, the first few of them. */
function names(list: string[], max = 3): string {
  return list.length <= max ? list.join(", ") : `${list.slice(0, max).join(", ")} and ${list.length - max} more`;
}

export function evaluateGate(diff: ReportDiff, rule: GateRule): GateResult {
  const checks: GateCheck[] = [];
  const offenders = new Set<string>();
  const notes: string[] = [];
  const allowed = rule.allowedIncrease;
  const tolerance = allowed > 0 ? ` (allowed increase ${allowed})` : "";
  const done = (lead?: string): GateResult => {
    const failed = checks.filter((c) => c.conclusion === "fail");
    // Failing checks first; of the passing ones the unresolved count leads (it is the headline).
    const passed = checks.filter((c) => c.conclusion === "pass").sort((a, b) => Number(b.name === "unresolved") - Number(a.name === "unresolved"));
    const ordered = [...failed, ...passed];
    const reason = [lead, ...ordered.map((c) => c.reason)].filter((x): x is string => x !== undefined && x !== "").join("; ");
    return { conclusion: failed.length > 0 ? "fail" : "pass", rule, reason, checks, offenders: [...offenders].sort(), notes };
  };
  if (rule.failOn === "never") return done(`gate disabled (fail-on: never); ${plural(diff.head.unresolved, "unresolved case")}`);

  // A model without any hierarchy evidence cannot be checked at all: never clean, baseline or not.
  if (diff.noHierarchy.length > 0) {
    for (const m of diff.noHierarchy) offenders.add(m);
    checks.push({
      name: "hierarchy",
      conclusion: "fail",
      reason: `no hierarchy evidence in ${names(diff.noHierarchy)} (no node carries a module scope, tag or sidecar entry)`,
    });
  }

  if (!diff.hasBaseline) {
    if (rule.withoutBaseline === "absolute") {
      const n = diff.head.unresolved;
      checks.push({ name: "unresolved", conclusion: n > allowed ? "fail" : "pass", reason: `${plural(n, "unresolved case")}${n > allowed ? tolerance : ""}` });
      if (n > allowed) diff.models.filter((m) => (m.head?.unresolved ?? 0) > 0).forEach((m) => offenders.add(m.model));
      return done();
    }
    return done(checks.length === 0 ? `no baseline yet: ${plural(diff.head.unresolved, "unresolved case")} recorded, nothing to compare with` : undefined);
  }

  const both = diff.models.filter((m) => m.base !== null && m.head !== null);

  // Coverage: evidence coverage (what deleting evidence lowers) and coverage, per model.
  const drop = rule.allowedCoverageDrop ?? 0;
  const fell: string[] = [];
  const fellText: string[] = [];
  for (const m of both) {
    const b = m.base!;
    const h = m.head!;
    const parts: string[] = [];
    if (b.evidenceCoverage !== null && h.evidenceCoverage !== null && b.evidenceCoverage - h.evidenceCoverage > drop + 1e-9) {
      parts.push(`evidence ${pct1(b.evidenceCoverage)} \u2192 ${pct1(h.evidenceCoverage)}`);
    }
    if (b.coverage - h.coverage > drop + 1e-9) parts.push(`coverage ${pct1(b.coverage)} \u2192 ${pct1(h.coverage)}`);
    if (parts.length > 0) {
      fell.push(m.model);
      fellText.push(`${m.model} (${parts.join(", ")})`);
    }
  }
  if (both.some((m) => m.base!.evidenceCoverage === null)) {
    notes.push(`the baseline is a version ${diff.baseVersion ?? 1} report: it records no evidence coverage or uncertain attributions, so those are unknown for the base and were not compared`);
  }
  const dropText = drop > 0 ? ` (allowed drop ${pct1(drop)})` : "";
  if (fell.length > 0) {
    fell.forEach((m) => offenders.add(m));
    checks.push({ name: "coverage", conclusion: "fail", reason: `coverage fell in ${plural(fell.length, "model")}${dropText}: ${names(fellText)}` });
  } else if (both.length > 0) {
    checks.push({ name: "coverage", conclusion: "pass", reason: "no model lost coverage" + dropText });
  }

  // Unresolved cases; a case cleared because its node lost its evidence is not credited.
  const lostText = diff.lostCases > 0 ? `; ${plural(diff.lostCases, "case")} lost with ${diff.lostCases === 1 ? "its node's" : "their nodes'"} evidence, not counted as fixed` : "";
  const base = diff.base!;
  switch (rule.failOn) {
    case "total": {
      const d = diff.delta.unresolved + diff.lostCases;
      const what = `unresolved cases ${base.unresolved} \u2192 ${diff.head.unresolved} (${signed(diff.delta.unresolved)}${lostText})`;
      checks.push({ name: "unresolved", conclusion: d > allowed ? "fail" : "pass", reason: d > allowed ? `${what}${tolerance}` : what });
      break;
    }
    case "any-model": {
      const worse = diff.models.filter((m) => m.head !== null && m.delta.unresolved + m.lostCases.length > allowed);
      if (worse.length === 0) {
        checks.push({ name: "unresolved", conclusion: "pass", reason: `no model gained more than ${plural(allowed, "unresolved case")}${lostText}` });
      } else {
        worse.forEach((m) => offenders.add(m.model));
        const list = worse.map((m) => `${m.model} ${signed(m.delta.unresolved)}${m.lostCases.length > 0 ? ` (${m.lostCases.length} lost)` : ""}`);
        checks.push({ name: "unresolved", conclusion: "fail", reason: `${plural(worse.length, "model")} gained unresolved cases${tolerance}: ${names(list)}` });
      }
      break;
    }
    case "new-cases": {
      const n = diff.newlyUnresolved + diff.lostCases;
      const what = `${plural(diff.newlyUnresolved, "new unresolved case")}${lostText}`;
      checks.push({ name: "unresolved", conclusion: n > allowed ? "fail" : "pass", reason: n > allowed ? `${what}${tolerance}` : what });
      break;
    }
  }

  // Uncertain attributions, where both sides record them: compared like unresolved cases.
  const known = both.filter((m) => m.delta.uncertain !== null);
  if (known.length > 0) {
    const b = known.reduce((n, m) => n + m.base!.uncertain!, 0);
    const h = known.reduce((n, m) => n + m.head!.uncertain!, 0);
    if (rule.failOn === "any-model") {
      const worse = known.filter((m) => m.delta.uncertain! > allowed);
      worse.forEach((m) => offenders.add(m.model));
      checks.push(
        worse.length > 0
          ? { name: "uncertain", conclusion: "fail", reason: `${plural(worse.length, "model")} gained uncertain attributions${tolerance}: ${names(worse.map((m) => `${m.model} ${signed(m.delta.uncertain!)}`))}` }
          : { name: "uncertain", conclusion: "pass", reason: `uncertain attributions ${b} \u2192 ${h}` },
      );
    } else {
      const d = h - b;
      checks.push({ name: "uncertain", conclusion: d > allowed ? "fail" : "pass", reason: `uncertain attributions ${b} \u2192 ${h} (${signed(d)})${d > allowed ? tolerance : ""}` });
    }
  }
  return done();
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
