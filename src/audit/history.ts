/**
 * Audit history: one JSON line per audit run (JSONL, so appending never rewrites what is there
 * and a merge conflict is one line), and an SVG trend chart of cases and unresolved over time,
 * per model and in total. Pure: the caller reads and writes the file.
 */
import type { AuditSummary } from "./summary.js";
import { escapeXml } from "../util/text.js";

export const HISTORY_SCHEMA = "modelexport-history";

export interface HistoryEntry {
  schema: typeof HISTORY_SCHEMA;
  version: 1;
  /** ISO 8601 time of the run. */
  date: string;
  /** What was audited: a commit, a tag, a label. */
  label: string;
  totals: { models: number; cases: number; resolved: number; unresolved: number };
  models: Record<string, { cases: number; unresolved: number }>;
}

export class HistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HistoryError";
  }
}

export function historyEntry(audit: AuditSummary, date: Date, label: string): HistoryEntry {
  if (audit.shard !== null) throw new HistoryError("a shard is part of an audit: merge the shards, then record the history");
  const t = audit.totals;
  return {
    schema: HISTORY_SCHEMA,
    version: 1,
    date: date.toISOString(),
    label,
    totals: { models: t.models, cases: t.cases, resolved: t.resolved, unresolved: t.unresolved },
    models: Object.fromEntries(audit.models.map((m) => [m.model, { cases: m.cases, unresolved: m.unresolved }])),
  };
}

function count(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0;
}

function checkEntry(v: unknown): string | null {
  if (typeof v !== "object" || v === null) return "not a JSON object";
  const e = v as Partial<HistoryEntry>;
  if (e.schema !== HISTORY_SCHEMA || e.version !== 1) return `not a ${HISTORY_SCHEMA} version 1 line`;
  if (typeof e.date !== "string" || Number.isNaN(Date.parse(e.date))) return "date is not an ISO time";
  if (typeof e.label !== "string") return "label is not a string";
  const t = e.totals;
  if (!t || !count(t.models) || !count(t.cases) || !count(t.resolved) || !count(t.unresolved)) return "totals are not counts";
  if (typeof e.models !== "object" || e.models === null) return "models is not an object";
  for (const [name, m] of Object.entries(e.models)) {
    if (!m || !count(m.cases) || !count(m.unresolved)) return `models['${name}'] is not {cases, unresolved}`;
  }
  return null;
}

/** Parse a history file's text; an error names the line. Blank lines are skipped. */
export function parseHistory(text: string): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  text.split("\n").forEach((line, k) => {
    if (line.trim() === "") return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      throw new HistoryError(`line ${k + 1}: not valid JSON (${(err as Error).message})`);
    }
    const problem = checkEntry(v);
    if (problem) throw new HistoryError(`line ${k + 1}: ${problem}`);
    out.push(v as HistoryEntry);
  });
  return out;
}

/** The history text with `entry` appended (existing lines kept as they are). */
export function appendHistory(text: string, entry: HistoryEntry): string {
  parseHistory(text);
  const base = text === "" || text.endsWith("\n") ? text : text + "\n";
  return base + JSON.stringify(entry) + "\n";
}

export interface TrendOptions {
  /** The last this many runs are drawn (default 60). */
  runs?: number;
  /** At most this many model panels, the ones with the most unresolved cases last run first (default 24). */
  models?: number;
}

const PANEL_W = 300;
const PANEL_H = 100;
const PAD = { left: 34, right: 8, top: 30, bottom: 16 };
const COLOR = { cases: "#4c78a8", unresolved: "#e45756", grid: "#ddd", text: "#333" };

function panel(title: string, series: { cases: number | null; unresolved: number | null }[], x0: number, y0: number, first: string, last: string): string {
  const w = PANEL_W - PAD.left - PAD.right;
  const h = PANEL_H - PAD.top - PAD.bottom;
  const max = Math.max(1, ...series.flatMap((s) => [s.cases ?? 0, s.unresolved ?? 0]));
  const x = (k: number) => x0 + PAD.left + (series.length === 1 ? w / 2 : (k * w) / (series.length - 1));
  const y = (v: number) => y0 + PAD.top + h - (v * h) / max;
  const line = (key: "cases" | "unresolved") => {
    // A model absent from a run breaks its line rather than dropping to zero.
    const parts: string[][] = [[]];
    series.forEach((s, k) => {
      const v = s[key];
      if (v === null) parts.push([]);
      else parts[parts.length - 1]!.push(`${x(k).toFixed(1)},${y(v).toFixed(1)}`);
    });
    return parts
      .filter((p) => p.length > 0)
      .map((p) =>
        p.length === 1
          ? `<circle cx="${p[0]!.split(",")[0]}" cy="${p[0]!.split(",")[1]}" r="2" fill="${COLOR[key]}"/>`
          : `<polyline fill="none" stroke="${COLOR[key]}" stroke-width="1.5" points="${p.join(" ")}"/>`,
      )
      .join("");
  };
  const lastRun = series[series.length - 1]!;
  const now = lastRun.cases === null ? "not in the last run" : `${lastRun.cases} cases, ${lastRun.unresolved} unresolved`;
  return [
    `<g>`,
    `<title>${escapeXml(title)}: ${escapeXml(now)}</title>`,
    `<text x="${x0 + PAD.left}" y="${y0 + 13}" font-size="11" fill="${COLOR.text}" font-weight="bold">${escapeXml(title.length > 44 ? "\u2026" + title.slice(-43) : title)}</text>`,
    `<text x="${x0 + PAD.left}" y="${y0 + 24}" font-size="9" fill="#666">${escapeXml(now)}</text>`,
    `<line x1="${x0 + PAD.left}" y1="${y(0)}" x2="${x0 + PAD.left + w}" y2="${y(0)}" stroke="${COLOR.grid}"/>`,
    `<line x1="${x0 + PAD.left}" y1="${y(max)}" x2="${x0 + PAD.left + w}" y2="${y(max)}" stroke="${COLOR.grid}" stroke-dasharray="2,2"/>`,
    `<text x="${x0 + PAD.left - 4}" y="${y(0) + 3}" font-size="9" fill="${COLOR.text}" text-anchor="end">0</text>`,
    `<text x="${x0 + PAD.left - 4}" y="${y(max) + 3}" font-size="9" fill="${COLOR.text}" text-anchor="end">${max}</text>`,
    `<text x="${x0 + PAD.left}" y="${y0 + PANEL_H - 3}" font-size="9" fill="${COLOR.text}">${escapeXml(first)}</text>`,
    `<text x="${x0 + PAD.left + w}" y="${y0 + PANEL_H - 3}" font-size="9" fill="${COLOR.text}" text-anchor="end">${escapeXml(last)}</text>`,
    line("cases"),
    line("unresolved"),
    `</g>`,
  ].join("");
}

/**
 * The trend chart: a total panel, then one panel per model (two columns), cases in blue and
 * unresolved in red, over the last runs. Self-contained SVG, deterministic for a given history.
 */
export function renderTrendSvg(history: HistoryEntry[], options: TrendOptions = {}): string {
  const runs = history.slice(-(options.runs ?? 60));
  const cols = 2;
  if (runs.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${PANEL_W * cols}" height="40" role="img" aria-label="no audit runs yet"><text x="10" y="24" font-family="sans-serif" font-size="12">No audit runs recorded yet.</text></svg>\n`;
  }
  const lastRun = runs[runs.length - 1]!;
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.models)))].sort((a, b) => {
    const ua = lastRun.models[a]?.unresolved ?? -1;
    const ub = lastRun.models[b]?.unresolved ?? -1;
    return ub - ua || (a < b ? -1 : a > b ? 1 : 0);
  });
  const shown = names.slice(0, options.models ?? 24);
  const day = (iso: string) => iso.slice(0, 10);
  const first = day(runs[0]!.date);
  const last = day(lastRun.date);
  const legendH = 22;
  const rows = 1 + Math.ceil(shown.length / cols);
  const width = PANEL_W * cols;
  const height = legendH + rows * PANEL_H + (names.length > shown.length ? 18 : 0);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Verdana,DejaVu Sans,sans-serif" role="img" aria-label="modelexport audit trend: ${runs.length} runs">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="8" y="15" font-size="11" fill="${COLOR.text}">${runs.length} audit run${runs.length === 1 ? "" : "s"}, ${escapeXml(first)} to ${escapeXml(last)}</text>`,
    `<rect x="${width - 190}" y="6" width="10" height="10" fill="${COLOR.cases}"/><text x="${width - 176}" y="15" font-size="11" fill="${COLOR.text}">cases</text>`,
    `<rect x="${width - 120}" y="6" width="10" height="10" fill="${COLOR.unresolved}"/><text x="${width - 106}" y="15" font-size="11" fill="${COLOR.text}">unresolved</text>`,
    panel("all models", runs.map((r) => ({ cases: r.totals.cases, unresolved: r.totals.unresolved })), 0, legendH, first, last),
  ];
  shown.forEach((name, k) => {
    const series = runs.map((r) => {
      const m = r.models[name];
      return m ? { cases: m.cases, unresolved: m.unresolved } : { cases: null, unresolved: null };
    });
    const row = 1 + Math.floor(k / cols);
    parts.push(panel(name, series, (k % cols) * PANEL_W, legendH + row * PANEL_H, first, last));
  });
  if (names.length > shown.length) {
    parts.push(`<text x="8" y="${height - 5}" font-size="10" fill="${COLOR.text}">\u2026 and ${names.length - shown.length} more models (in the history file)</text>`);
  }
  parts.push(`</svg>`);
  return parts.join("\n") + "\n";
}
