/**
 * Audits on disk: read the manifest, export and analyse the models of one shard (or all), and
 * write the audit folder; merge shard folders into the folder an unsplit run writes. The I/O
 * edge around the pure manifest, shard, summary and history modules.
 *
 * An audit folder holds:
 *   report.json   the report (schema/report.schema.json) of the models audited
 *   audit.json    the summary against the manifest's thresholds (shard runs: their part)
 *   summary.md    the summary table
 * and, for a whole audit (unsplit, or merged):
 *   report.html   the HTML report
 *   badge.json / badge.svg          overall badge (shields.io endpoint, self-contained SVG)
 *   badges/<model>.json / .svg      one badge per model, badges/index.json maps names to files
 */
import fs from "node:fs";
import path from "node:path";
import { buildReport } from "../analyze.js";
import { readJsonFile, readReportFile } from "../adapters/fs/json.js";
import { UserError } from "../adapters/fs/model-file.js";
import { toJson, writeFileAtomic } from "../adapters/fs/write.js";
import { runExporter } from "../adapters/python/exporter.js";
import { analyzeFile } from "../pipeline.js";
import { badgeSvg, modelEndpoint, shieldsEndpoint } from "../report/badge.js";
import { renderHtml } from "../report/html.js";
import type { ModelReport, Report } from "../report/types.js";
import { appendHistory, historyEntry, HistoryError, parseHistory, renderTrendSvg } from "./history.js";
import { ManifestError, parseManifest, type Manifest } from "./manifest.js";
import { shardNames, type ShardSpec } from "./shard.js";
import { evaluateAudit, mergeShards, MergeError, renderAuditMarkdown, type AuditSummary, type ShardResult } from "./summary.js";

export const AUDIT_FILES = { report: "report.json", audit: "audit.json", summary: "summary.md", html: "report.html", badge: "badge.json", badgeSvg: "badge.svg", badges: "badges" } as const;

export function readManifest(file: string): Manifest {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UserError(`${file}: cannot read the manifest: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return parseManifest(text);
  } catch (err) {
    if (err instanceof ManifestError) throw new UserError(`${file}: ${err.message}`);
    throw err;
  }
}

export interface RunAuditOptions {
  shard?: ShardSpec | null;
  timings?: boolean;
  /** Interpreter for export entries (default: the exporter's own search). */
  python?: string;
  exportTimeoutMs?: number;
  onProgress?: (line: string) => void;
}

export interface AuditResult {
  manifest: Manifest;
  report: Report;
  audit: AuditSummary;
}

/** Export (where the manifest says so) and analyse the models of one shard, in name order. */
export async function runAudit(manifestFile: string, options: RunAuditOptions = {}): Promise<AuditResult> {
  const manifest = readManifest(manifestFile);
  const root = path.dirname(path.resolve(manifestFile));
  const shard = options.shard ?? null;
  const names = new Set(shardNames(manifest.entries, shard));
  const entries = manifest.entries.filter((e) => names.has(e.name));
  const say = options.onProgress ?? (() => {});
  say(`audit: ${entries.length} of ${manifest.entries.length} models${shard ? ` (shard ${shard.index}/${shard.count})` : ""}`);
  const models: ModelReport[] = [];
  for (const [k, e] of entries.entries()) {
    const file = path.resolve(root, e.path);
    if (e.export) {
      say(`[${k + 1}/${entries.length}] ${e.name}: exporting ${e.export.model}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await runExporter({
        model: e.export.model,
        output: file,
        cwd: root,
        ...(e.export.inputs.length > 0 ? { inputs: e.export.inputs } : {}),
        ...(e.export.inputsFrom !== null ? { inputsCallable: e.export.inputsFrom } : {}),
        ...(e.export.opset !== null ? { opset: e.export.opset } : {}),
        ...(e.export.dynamo ? { dynamo: true } : {}),
        ...(e.export.sidecar ? {} : { sidecar: false }),
        ...(options.python ? { python: options.python } : {}),
        ...(options.exportTimeoutMs ? { timeoutMs: options.exportTimeoutMs } : {}),
        onLine: (line) => say(`    ${line}`),
      });
    }
    // Sidecars listed for this model belong to it whatever their names (as for a sole model).
    const { report, line } = analyzeFile(
      file,
      e.name,
      { extra: e.sidecars.map((s) => path.resolve(root, s)), soleModel: true },
      { confidenceThreshold: manifest.confidenceThreshold, timings: options.timings ?? false },
    );
    models.push(report);
    say(`[${k + 1}/${entries.length}] ${line}`);
  }
  const report = buildReport(models, { confidenceThreshold: manifest.confidenceThreshold });
  return { manifest, report, audit: evaluateAudit(manifest, report, shard) };
}

/** A shard's folder (or its report.json): the report and the audit summary beside it. */
export function readShard(location: string): ShardResult {
  const dir = fs.existsSync(location) && fs.statSync(location).isDirectory() ? location : path.dirname(location);
  const reportFile = path.join(dir, AUDIT_FILES.report);
  const auditFile = path.join(dir, AUDIT_FILES.audit);
  const report = readReportFile(reportFile, "the shard report");
  const audit = readJsonFile(auditFile, "the shard's audit summary") as AuditSummary;
  return { source: dir, report, audit };
}

export function mergeShardFolders(locations: string[]): { report: Report; audit: AuditSummary } {
  const shards = locations.map(readShard);
  try {
    return mergeShards(shards);
  } catch (err) {
    if (err instanceof MergeError) throw new UserError(err.message);
    throw err;
  }
}

/** File names of the per-model badges: readable, unique, stable for a given set of names. */
export function badgeFileNames(models: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const name of [...models].sort()) {
    const base = name.replace(/\.onnx$/i, "").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._-]+/, "") || "model";
    let slug = base;
    for (let n = 2; used.has(slug.toLowerCase()); n++) slug = `${base}-${n}`;
    used.add(slug.toLowerCase());
    out.set(name, slug);
  }
  return out;
}

export interface HistoryOptions {
  /** JSONL history to append this run to (whole audits only). */
  history?: string;
  /** SVG trend chart to draw from the history. */
  trend?: string;
  date?: Date;
  /** What the history line says was audited (default: $GITHUB_SHA, else "local"). */
  label?: string;
}

export interface WriteAuditOptions extends HistoryOptions {
  badgeLabel?: string;
}

/**
 * The history with this run appended, checked before anything is written (so a damaged history
 * file stops the run with nothing half-done). null when no history is kept.
 */
export function prepareHistory(audit: AuditSummary, options: HistoryOptions): { file: string; text: string; trend: string | null } | null {
  if (!options.history) {
    if (options.trend) throw new UserError("the trend chart draws the history: give the history file too");
    return null;
  }
  if (audit.shard !== null) throw new UserError("a shard does not write the history or trend: merge the shards, then record them");
  const before = fs.existsSync(options.history) ? fs.readFileSync(options.history, "utf8") : "";
  try {
    const text = appendHistory(before, historyEntry(audit, options.date ?? new Date(), options.label ?? process.env.GITHUB_SHA ?? "local"));
    return { file: options.history, text, trend: options.trend ? renderTrendSvg(parseHistory(text)) : null };
  } catch (err) {
    if (err instanceof HistoryError) throw new UserError(`${options.history}: ${err.message}`);
    throw err;
  }
}

/**
 * The audit's own files in `dir`: audit.json, summary.md and, for a whole audit, one badge per
 * model in badges/ (stale badges of models no longer audited removed). Returns what it wrote.
 */
export function writeAuditFiles(dir: string, audit: AuditSummary, badgeLabel = "contamination"): string[] {
  const files: string[] = [];
  const put = (file: string, data: string) => {
    writeFileAtomic(file, data);
    files.push(file);
  };
  put(path.join(dir, AUDIT_FILES.audit), toJson(audit));
  put(path.join(dir, AUDIT_FILES.summary), renderAuditMarkdown(audit));
  if (audit.shard === null) {
    const slugs = badgeFileNames(audit.models.map((m) => m.model));
    const index: Record<string, string> = {};
    for (const row of audit.models) {
      const slug = slugs.get(row.model)!;
      const endpoint = modelEndpoint(row, row.status === "fail" ? "fail" : "pass", { label: badgeLabel });
      put(path.join(dir, AUDIT_FILES.badges, `${slug}.json`), toJson(endpoint));
      put(path.join(dir, AUDIT_FILES.badges, `${slug}.svg`), badgeSvg(endpoint));
      index[row.model] = `${slug}.json`;
    }
    put(path.join(dir, AUDIT_FILES.badges, "index.json"), toJson(index));
    // Badges of models no longer in the audit would still be served: remove them.
    const keep = new Set(files.map((f) => path.resolve(f)));
    const badgeDir = path.join(dir, AUDIT_FILES.badges);
    for (const f of fs.readdirSync(badgeDir)) {
      if (/\.(json|svg)$/.test(f) && !keep.has(path.resolve(badgeDir, f))) fs.rmSync(path.join(badgeDir, f), { force: true });
    }
  }
  return files;
}

export function writeHistory(prepared: NonNullable<ReturnType<typeof prepareHistory>>, trendFile: string | undefined): string[] {
  writeFileAtomic(prepared.file, prepared.text);
  if (trendFile && prepared.trend !== null) {
    writeFileAtomic(trendFile, prepared.trend);
    return [prepared.file, trendFile];
  }
  return [prepared.file];
}

/** The whole audit folder (CLI): report.json, the audit files, and for a whole audit report.html and the overall badge. */
export function writeAudit(dir: string, result: { report: Report; audit: AuditSummary }, options: WriteAuditOptions = {}): string[] {
  const { report, audit } = result;
  const history = prepareHistory(audit, options);
  const files: string[] = [];
  const put = (file: string, data: string) => {
    writeFileAtomic(file, data);
    files.push(file);
  };
  put(path.join(dir, AUDIT_FILES.report), toJson(report));
  if (audit.shard === null) {
    put(path.join(dir, AUDIT_FILES.html), renderHtml(report));
    const overall = shieldsEndpoint(report, audit.gate.conclusion, { label: options.badgeLabel ?? "contamination" });
    put(path.join(dir, AUDIT_FILES.badge), toJson(overall));
    put(path.join(dir, AUDIT_FILES.badgeSvg), badgeSvg(overall));
  }
  files.push(...writeAuditFiles(dir, audit, options.badgeLabel));
  if (history) files.push(...writeHistory(history, options.trend));
  return files;
}
