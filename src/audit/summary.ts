/**
 * The audit summary: the report's per-model counts against the manifest's per-model thresholds,
 * one table, one verdict. Shards carry the same summary for their part; `mergeShards` combines
 * shard reports into the report and summary an unsplit audit gives, byte for byte.
 */
import { markdownTable } from "markdown-table";
import { code, escapeText } from "../report/markdown.js";
import { buildReport } from "../analyze.js";
import type { Report } from "../report/types.js";
import type { Manifest } from "./manifest.js";
import type { ShardSpec } from "./shard.js";
import { splitShards } from "./shard.js";

export const AUDIT_SCHEMA = "modelexport-audit";
export const AUDIT_VERSION = 1;

export interface AuditModelRow {
  model: string;
  nodes: number;
  /** Nodes with direct evidence (absent in summaries written before it was recorded). */
  withEvidence?: number;
  cases: number;
  resolved: number;
  unresolved: number;
  coverage: number;
  /** From the manifest; null: report only. */
  maxUnresolved: number | null;
  status: "pass" | "fail" | "report";
}

export interface AuditSummary {
  schema: typeof AUDIT_SCHEMA;
  version: typeof AUDIT_VERSION;
  manifest: { digest: string; models: number };
  /** Set on a shard's summary: which part of the manifest this is. null: the whole audit. */
  shard: (ShardSpec & { models: string[] }) | null;
  /** Per model the shard split uses (so the merge can check the split). */
  weights: Record<string, number>;
  models: AuditModelRow[];
  totals: { models: number; cases: number; resolved: number; unresolved: number; failing: number };
  gate: { conclusion: "pass" | "fail"; reason: string };
}

function rowOf(m: Report["models"][number], maxUnresolved: number | null): AuditModelRow {
  const c = m.counts;
  return {
    model: m.model,
    nodes: c.nodes,
    ...(typeof c.withEvidence === "number" ? { withEvidence: c.withEvidence } : {}),
    cases: c.cases,
    resolved: c.resolved,
    unresolved: c.unresolved,
    coverage: c.coverage,
    maxUnresolved,
    status: maxUnresolved === null ? "report" : c.unresolved > maxUnresolved ? "fail" : "pass",
  };
}

function summarise(
  rows: AuditModelRow[],
  manifest: AuditSummary["manifest"],
  shard: AuditSummary["shard"],
  weights: Record<string, number>,
): AuditSummary {
  const failing = rows.filter((r) => r.status === "fail");
  const gated = rows.filter((r) => r.status !== "report").length;
  const reason =
    failing.length > 0
      ? `${failing.length} of ${rows.length} model${rows.length === 1 ? "" : "s"} over their unresolved limit: ` +
        failing
          .slice(0, 5)
          .map((r) => `${r.model} ${r.unresolved} > ${r.maxUnresolved}`)
          .join(", ") +
        (failing.length > 5 ? `, and ${failing.length - 5} more` : "")
      : gated === 0
        ? `no model has a maxUnresolved limit: report only`
        : `${gated} of ${rows.length} model${rows.length === 1 ? "" : "s"} within their unresolved limit`;
  return {
    schema: AUDIT_SCHEMA,
    version: AUDIT_VERSION,
    manifest,
    shard,
    weights,
    models: rows,
    totals: {
      models: rows.length,
      cases: rows.reduce((s, r) => s + r.cases, 0),
      resolved: rows.reduce((s, r) => s + r.resolved, 0),
      unresolved: rows.reduce((s, r) => s + r.unresolved, 0),
      failing: failing.length,
    },
    gate: { conclusion: failing.length > 0 ? "fail" : "pass", reason },
  };
}

/**
 * The summary of `report` (the whole audit, or shard `shard` of it) against `manifest`. Every
 * model of the report must be in the manifest (and, for a shard, in that shard).
 */
export function evaluateAudit(manifest: Manifest, report: Report, shard: ShardSpec | null): AuditSummary {
  const byName = new Map(manifest.entries.map((e) => [e.name, e]));
  const weights = Object.fromEntries(manifest.entries.map((e) => [e.name, e.weight]));
  const expected = shard === null ? manifest.entries.map((e) => e.name) : splitShards(manifest.entries, shard.count)[shard.index - 1]!;
  const got = report.models.map((m) => m.model);
  if (got.length !== expected.length || got.some((n, k) => n !== expected[k])) {
    throw new Error(`the report's models (${got.join(", ") || "none"}) are not the ${shard ? `shard ${shard.index}/${shard.count}` : "manifest"}'s (${expected.join(", ") || "none"})`);
  }
  const rows = report.models.map((m) => rowOf(m, byName.get(m.model)!.maxUnresolved));
  return summarise(rows, { digest: manifest.digest, models: manifest.entries.length }, shard ? { ...shard, models: expected } : null, weights);
}

export interface ShardResult {
  /** Where it came from, for messages. */
  source: string;
  report: Report;
  audit: AuditSummary;
}

/** A shard set that cannot be merged; the message says which shard and why. */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MergeError";
  }
}

/**
 * Combine the shards of one audit. Checks they are the same manifest, every shard of 1..n is
 * there exactly once, each holds exactly the models the split gives it, and they ran with the
 * same options and tool version. The result equals what one unsplit run writes.
 */
export function mergeShards(shards: ShardResult[]): { report: Report; audit: AuditSummary } {
  if (shards.length === 0) throw new MergeError("no shard reports given");
  const first = shards[0]!;
  for (const s of shards) {
    const a = s.audit as Partial<AuditSummary> | null;
    if (a?.schema !== AUDIT_SCHEMA || a.version !== AUDIT_VERSION) throw new MergeError(`${s.source}: not a modelexport audit summary (version ${AUDIT_VERSION})`);
    if (a.shard === null) throw new MergeError(`${s.source}: is a whole audit, not a shard`);
    const sh = a.shard;
    const wellFormed =
      typeof sh === "object" && Number.isInteger(sh.index) && Number.isInteger(sh.count) && Array.isArray(sh.models) &&
      typeof a.manifest?.digest === "string" && Number.isInteger(a.manifest.models) &&
      typeof a.weights === "object" && a.weights !== null && Array.isArray(a.models);
    if (!wellFormed) throw new MergeError(`${s.source}: the audit summary is damaged (shard, manifest, weights or models missing)`);
  }
  const count = first.audit.shard!.count;
  const byIndex = new Map<number, ShardResult>();
  for (const s of shards) {
    const sh = s.audit.shard!;
    if (s.audit.manifest.digest !== first.audit.manifest.digest) {
      throw new MergeError(`${s.source}: audited a different manifest than ${first.source} (digest ${s.audit.manifest.digest.slice(0, 12)} vs ${first.audit.manifest.digest.slice(0, 12)})`);
    }
    if (sh.count !== count) throw new MergeError(`${s.source}: is shard ${sh.index}/${sh.count}, but ${first.source} splits into ${count}`);
    const dup = byIndex.get(sh.index);
    if (dup) throw new MergeError(`shard ${sh.index}/${count} is given twice: ${dup.source} and ${s.source}`);
    byIndex.set(sh.index, s);
    if (s.report.tool.version !== first.report.tool.version) throw new MergeError(`${s.source}: made by modelexport ${s.report.tool.version}, ${first.source} by ${first.report.tool.version}`);
    if (s.report.options.confidenceThreshold !== first.report.options.confidenceThreshold) {
      throw new MergeError(`${s.source}: confidence threshold ${s.report.options.confidenceThreshold}, ${first.source} ${first.report.options.confidenceThreshold}`);
    }
    const got = s.report.models.map((m) => m.model);
    if (got.length !== sh.models.length || got.some((n, k) => n !== sh.models[k])) {
      throw new MergeError(`${s.source}: its report holds ${got.length} models, not the ${sh.models.length} of shard ${sh.index}/${count}`);
    }
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new MergeError(`shard${missing.length === 1 ? "" : "s"} ${missing.map((i) => `${i}/${count}`).join(", ")} missing: every shard of the matrix must finish before the merge`);
  // The split itself is recomputed from the manifest's weights: each shard must hold its part.
  const weights = first.audit.weights;
  const split = splitShards(Object.entries(weights).map(([name, weight]) => ({ name, weight })), count);
  for (const [i, s] of byIndex) {
    const want = split[i - 1]!;
    const got = s.audit.shard!.models;
    if (want.length !== got.length || want.some((n, k) => n !== got[k])) throw new MergeError(`${s.source}: shard ${i}/${count} holds other models than the split gives it`);
  }
  const ordered = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
  const models = ordered.flatMap((s) => s.report.models);
  if (models.length !== first.audit.manifest.models) throw new MergeError(`the shards hold ${models.length} models; the manifest lists ${first.audit.manifest.models}`);
  const report: Report = { ...buildReport(models, first.report.options), tool: first.report.tool };
  const rows = ordered.flatMap((s) => s.audit.models).sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return { report, audit: summarise(rows, first.audit.manifest, null, weights) };
}

/** The one summary table of an audit (Markdown), with the verdict above it. */
export function renderAuditMarkdown(audit: AuditSummary, title = "modelexport audit"): string {
  const t = audit.totals;
  const mark = (r: AuditModelRow) => (r.status === "fail" ? "\u274c" : r.status === "pass" ? "\u2705" : "\u2796");
  // Names come from a manifest a pull request can change: escaped as the comment escapes them.
  const rows = audit.models.map((r) => [
    mark(r),
    code(r.model),
    String(r.nodes),
    String(r.cases),
    String(r.resolved),
    String(r.unresolved),
    r.maxUnresolved === null ? "\u2014" : String(r.maxUnresolved),
    `${(r.coverage * 100).toFixed(1)}%`,
  ]);
  const shard = audit.shard ? ` (shard ${audit.shard.index}/${audit.shard.count})` : "";
  return [
    `### ${title}${shard}: ${audit.gate.conclusion === "fail" ? "\u274c fail" : "\u2705 pass"}`,
    "",
    `${t.models} models, ${t.cases} cases, ${t.resolved} resolved, **${t.unresolved} unresolved**. ${escapeText(audit.gate.reason, 600)}.`,
    "",
    markdownTable([["", "model", "nodes", "cases", "resolved", "unresolved", "limit", "coverage"], ...rows], { align: ["c", "l", "r", "r", "r", "r", "r", "r"] }),
    "",
  ].join("\n");
}

/** Control characters (a newline in a model name) would break a terminal line: shown as `?`. */
function plain(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
}

/**
 * The same table as plain text for a terminal: aligned columns, names as they are (no Markdown,
 * no HTML entities), the verdict above it.
 */
export function renderAuditText(audit: AuditSummary, title = "modelexport audit"): string {
  const t = audit.totals;
  const mark = (r: AuditModelRow) => (r.status === "fail" ? "FAIL" : r.status === "pass" ? "ok" : "-");
  const header = ["", "model", "nodes", "cases", "resolved", "unresolved", "limit", "coverage"];
  const rows = audit.models.map((r) => [
    mark(r),
    plain(r.model),
    String(r.nodes),
    String(r.cases),
    String(r.resolved),
    String(r.unresolved),
    r.maxUnresolved === null ? "-" : String(r.maxUnresolved),
    `${(r.coverage * 100).toFixed(1)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Text columns left-aligned, numbers right-aligned.
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  const shard = audit.shard ? ` (shard ${audit.shard.index}/${audit.shard.count})` : "";
  return [
    `${title}${shard}: ${audit.gate.conclusion === "fail" ? "FAIL" : "pass"}`,
    `${t.models} models, ${t.cases} cases, ${t.resolved} resolved, ${t.unresolved} unresolved. ${plain(audit.gate.reason)}.`,
    "",
    line(header),
    ...rows.map(line),
    "",
  ].join("\n");
}
