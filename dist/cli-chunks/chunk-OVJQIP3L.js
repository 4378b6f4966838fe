import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  badgeSvg,
  modelEndpoint,
  renderHtml,
  shieldsEndpoint
} from "./chunk-6IQFKTH5.js";
import {
  runExporter
} from "./chunk-BVWG3B4K.js";
import {
  code,
  escapeText,
  markdownTable
} from "./chunk-Z2PX7DHV.js";
import {
  analyzeFile
} from "./chunk-ZVRVPDTO.js";
import {
  readJsonFile,
  readReportFile
} from "./chunk-I72EKTL3.js";
import {
  toJson,
  writeFilesAtomic
} from "./chunk-4Z6MGRSL.js";
import {
  buildReport
} from "./chunk-ORYZIPJU.js";
import {
  UserError,
  escapeXml,
  isObject
} from "./chunk-THEZH5GJ.js";

// src/audit/shard.ts
function parseShard(text) {
  const t = text.trim();
  if (t === "") return null;
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (!m) throw new Error(`must look like i/n (for example 2/3), got '${text}'`);
  const index = Number(m[1]);
  const count2 = Number(m[2]);
  if (count2 < 1 || count2 > 256) throw new Error(`'${text}': the number of shards must be between 1 and 256`);
  if (index < 1 || index > count2) throw new Error(`'${text}': the shard number must be between 1 and ${count2}`);
  return { index, count: count2 };
}
function splitShards(items, count2) {
  const order = [...items].sort((a, b) => b.weight - a.weight || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const load = new Array(count2).fill(0);
  const shards = Array.from({ length: count2 }, () => []);
  for (const item of order) {
    let best = 0;
    for (let s = 1; s < count2; s++) if (load[s] < load[best]) best = s;
    load[best] += item.weight;
    shards[best].push(item.name);
  }
  for (const s of shards) s.sort();
  return shards;
}
function shardNames(items, spec) {
  if (spec === null) return items.map((i) => i.name).sort();
  return splitShards(items, spec.count)[spec.index - 1];
}

// src/audit/summary.ts
var AUDIT_SCHEMA = "modelexport-audit";
var AUDIT_VERSION = 1;
function rowOf(m, maxUnresolved) {
  const c = m.counts;
  return {
    model: m.model,
    nodes: c.nodes,
    ...typeof c.withEvidence === "number" ? { withEvidence: c.withEvidence } : {},
    cases: c.cases,
    resolved: c.resolved,
    unresolved: c.unresolved,
    coverage: c.coverage,
    maxUnresolved,
    status: maxUnresolved === null ? "report" : c.unresolved > maxUnresolved ? "fail" : "pass"
  };
}
function summarise(rows, manifest, shard, weights) {
  const failing = rows.filter((r) => r.status === "fail");
  const gated = rows.filter((r) => r.status !== "report").length;
  const reason = failing.length > 0 ? `${failing.length} of ${rows.length} model${rows.length === 1 ? "" : "s"} over their unresolved limit: ` + failing.slice(0, 5).map((r) => `${r.model} ${r.unresolved} > ${r.maxUnresolved}`).join(", ") + (failing.length > 5 ? `, and ${failing.length - 5} more` : "") : gated === 0 ? `no model has a maxUnresolved limit: report only` : `${gated} of ${rows.length} model${rows.length === 1 ? "" : "s"} within their unresolved limit`;
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
      failing: failing.length
    },
    gate: { conclusion: failing.length > 0 ? "fail" : "pass", reason }
  };
}
function evaluateAudit(manifest, report, shard) {
  const byName = new Map(manifest.entries.map((e) => [e.name, e]));
  const weights = Object.fromEntries(manifest.entries.map((e) => [e.name, e.weight]));
  const expected = shard === null ? manifest.entries.map((e) => e.name) : splitShards(manifest.entries, shard.count)[shard.index - 1];
  const got = report.models.map((m) => m.model);
  if (got.length !== expected.length || got.some((n, k) => n !== expected[k])) {
    throw new Error(`the report's models (${got.join(", ") || "none"}) are not the ${shard ? `shard ${shard.index}/${shard.count}` : "manifest"}'s (${expected.join(", ") || "none"})`);
  }
  const rows = report.models.map((m) => rowOf(m, byName.get(m.model).maxUnresolved));
  return summarise(rows, { digest: manifest.digest, models: manifest.entries.length }, shard ? { ...shard, models: expected } : null, weights);
}
var MergeError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "MergeError";
  }
};
function mergeShards(shards) {
  if (shards.length === 0) throw new MergeError("no shard reports given");
  const first = shards[0];
  for (const s of shards) {
    const a = s.audit;
    if (a?.schema !== AUDIT_SCHEMA || a.version !== AUDIT_VERSION) throw new MergeError(`${s.source}: not a modelexport audit summary (version ${AUDIT_VERSION})`);
    if (a.shard === null) throw new MergeError(`${s.source}: is a whole audit, not a shard`);
    const sh = a.shard;
    const wellFormed = typeof sh === "object" && Number.isInteger(sh.index) && Number.isInteger(sh.count) && Array.isArray(sh.models) && typeof a.manifest?.digest === "string" && Number.isInteger(a.manifest.models) && typeof a.weights === "object" && a.weights !== null && Array.isArray(a.models);
    if (!wellFormed) throw new MergeError(`${s.source}: the audit summary is damaged (shard, manifest, weights or models missing)`);
  }
  const count2 = first.audit.shard.count;
  const byIndex = /* @__PURE__ */ new Map();
  for (const s of shards) {
    const sh = s.audit.shard;
    if (s.audit.manifest.digest !== first.audit.manifest.digest) {
      throw new MergeError(`${s.source}: audited a different manifest than ${first.source} (digest ${s.audit.manifest.digest.slice(0, 12)} vs ${first.audit.manifest.digest.slice(0, 12)})`);
    }
    if (sh.count !== count2) throw new MergeError(`${s.source}: is shard ${sh.index}/${sh.count}, but ${first.source} splits into ${count2}`);
    const dup = byIndex.get(sh.index);
    if (dup) throw new MergeError(`shard ${sh.index}/${count2} is given twice: ${dup.source} and ${s.source}`);
    byIndex.set(sh.index, s);
    if (s.report.tool.version !== first.report.tool.version) throw new MergeError(`${s.source}: made by modelexport ${s.report.tool.version}, ${first.source} by ${first.report.tool.version}`);
    if (s.report.options.confidenceThreshold !== first.report.options.confidenceThreshold) {
      throw new MergeError(`${s.source}: confidence threshold ${s.report.options.confidenceThreshold}, ${first.source} ${first.report.options.confidenceThreshold}`);
    }
    const got = s.report.models.map((m) => m.model);
    if (got.length !== sh.models.length || got.some((n, k) => n !== sh.models[k])) {
      throw new MergeError(`${s.source}: its report holds ${got.length} models, not the ${sh.models.length} of shard ${sh.index}/${count2}`);
    }
  }
  const missing = Array.from({ length: count2 }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new MergeError(`shard${missing.length === 1 ? "" : "s"} ${missing.map((i) => `${i}/${count2}`).join(", ")} missing: every shard of the matrix must finish before the merge`);
  const weights = first.audit.weights;
  const split = splitShards(Object.entries(weights).map(([name, weight]) => ({ name, weight })), count2);
  for (const [i, s] of byIndex) {
    const want = split[i - 1];
    const got = s.audit.shard.models;
    if (want.length !== got.length || want.some((n, k) => n !== got[k])) throw new MergeError(`${s.source}: shard ${i}/${count2} holds other models than the split gives it`);
  }
  const ordered = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
  const models = ordered.flatMap((s) => s.report.models);
  if (models.length !== first.audit.manifest.models) throw new MergeError(`the shards hold ${models.length} models; the manifest lists ${first.audit.manifest.models}`);
  const report = { ...buildReport(models, first.report.options), tool: first.report.tool };
  const rows = ordered.flatMap((s) => s.audit.models).sort((a, b) => a.model < b.model ? -1 : a.model > b.model ? 1 : 0);
  return { report, audit: summarise(rows, first.audit.manifest, null, weights) };
}
function renderAuditMarkdown(audit, title = "modelexport audit") {
  const t = audit.totals;
  const mark = (r) => r.status === "fail" ? "\u274C" : r.status === "pass" ? "\u2705" : "\u2796";
  const rows = audit.models.map((r) => [
    mark(r),
    code(r.model),
    String(r.nodes),
    String(r.cases),
    String(r.resolved),
    String(r.unresolved),
    r.maxUnresolved === null ? "\u2014" : String(r.maxUnresolved),
    `${(r.coverage * 100).toFixed(1)}%`
  ]);
  const shard = audit.shard ? ` (shard ${audit.shard.index}/${audit.shard.count})` : "";
  return [
    `### ${title}${shard}: ${audit.gate.conclusion === "fail" ? "\u274C fail" : "\u2705 pass"}`,
    "",
    `${t.models} models, ${t.cases} cases, ${t.resolved} resolved, **${t.unresolved} unresolved**. ${escapeText(audit.gate.reason, 600)}.`,
    "",
    markdownTable([["", "model", "nodes", "cases", "resolved", "unresolved", "limit", "coverage"], ...rows], { align: ["c", "l", "r", "r", "r", "r", "r", "r"] }),
    ""
  ].join("\n");
}
function plain(text) {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
}
function renderAuditText(audit, title = "modelexport audit") {
  const t = audit.totals;
  const mark = (r) => r.status === "fail" ? "FAIL" : r.status === "pass" ? "ok" : "-";
  const header = ["", "model", "nodes", "cases", "resolved", "unresolved", "limit", "coverage"];
  const rows = audit.models.map((r) => [
    mark(r),
    plain(r.model),
    String(r.nodes),
    String(r.cases),
    String(r.resolved),
    String(r.unresolved),
    r.maxUnresolved === null ? "-" : String(r.maxUnresolved),
    `${(r.coverage * 100).toFixed(1)}%`
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i])).join("  ").trimEnd();
  const shard = audit.shard ? ` (shard ${audit.shard.index}/${audit.shard.count})` : "";
  return [
    `${title}${shard}: ${audit.gate.conclusion === "fail" ? "FAIL" : "pass"}`,
    `${t.models} models, ${t.cases} cases, ${t.resolved} resolved, ${t.unresolved} unresolved. ${plain(audit.gate.reason)}.`,
    "",
    line(header),
    ...rows.map(line),
    ""
  ].join("\n");
}

// src/audit/run.ts
import fs from "node:fs";
import path2 from "node:path";

// src/audit/history.ts
var HISTORY_SCHEMA = "modelexport-history";
var HistoryError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "HistoryError";
  }
};
function historyEntry(audit, date, label) {
  if (audit.shard !== null) throw new HistoryError("a shard is part of an audit: merge the shards, then record the history");
  const t = audit.totals;
  return {
    schema: HISTORY_SCHEMA,
    version: 1,
    date: date.toISOString(),
    label,
    totals: { models: t.models, cases: t.cases, resolved: t.resolved, unresolved: t.unresolved },
    models: Object.fromEntries(audit.models.map((m) => [m.model, { cases: m.cases, unresolved: m.unresolved }]))
  };
}
function count(v) {
  return typeof v === "number" && Number.isInteger(v) && v >= 0;
}
function checkEntry(v) {
  if (typeof v !== "object" || v === null) return "not a JSON object";
  const e = v;
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
function parseHistory(text) {
  const out = [];
  text.split("\n").forEach((line, k) => {
    if (line.trim() === "") return;
    let v;
    try {
      v = JSON.parse(line);
    } catch (err) {
      throw new HistoryError(`line ${k + 1}: not valid JSON (${err.message})`);
    }
    const problem = checkEntry(v);
    if (problem) throw new HistoryError(`line ${k + 1}: ${problem}`);
    out.push(v);
  });
  return out;
}
function appendHistory(text, entry) {
  parseHistory(text);
  const base = text === "" || text.endsWith("\n") ? text : text + "\n";
  return base + JSON.stringify(entry) + "\n";
}
var PANEL_W = 300;
var PANEL_H = 100;
var PAD = { left: 34, right: 8, top: 30, bottom: 16 };
var COLOR = { cases: "#4c78a8", unresolved: "#e45756", grid: "#ddd", text: "#333" };
function panel(title, series, x0, y0, first, last) {
  const w = PANEL_W - PAD.left - PAD.right;
  const h = PANEL_H - PAD.top - PAD.bottom;
  const max = Math.max(1, ...series.flatMap((s) => [s.cases ?? 0, s.unresolved ?? 0]));
  const x = (k) => x0 + PAD.left + (series.length === 1 ? w / 2 : k * w / (series.length - 1));
  const y = (v) => y0 + PAD.top + h - v * h / max;
  const line = (key) => {
    const parts = [[]];
    series.forEach((s, k) => {
      const v = s[key];
      if (v === null) parts.push([]);
      else parts[parts.length - 1].push(`${x(k).toFixed(1)},${y(v).toFixed(1)}`);
    });
    return parts.filter((p) => p.length > 0).map(
      (p) => p.length === 1 ? `<circle cx="${p[0].split(",")[0]}" cy="${p[0].split(",")[1]}" r="2" fill="${COLOR[key]}"/>` : `<polyline fill="none" stroke="${COLOR[key]}" stroke-width="1.5" points="${p.join(" ")}"/>`
    ).join("");
  };
  const lastRun = series[series.length - 1];
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
    `</g>`
  ].join("");
}
function renderTrendSvg(history, options = {}) {
  const runs = history.slice(-(options.runs ?? 60));
  const cols = 2;
  if (runs.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${PANEL_W * cols}" height="40" role="img" aria-label="no audit runs yet"><text x="10" y="24" font-family="sans-serif" font-size="12">No audit runs recorded yet.</text></svg>
`;
  }
  const lastRun = runs[runs.length - 1];
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.models)))].sort((a, b) => {
    const ua = lastRun.models[a]?.unresolved ?? -1;
    const ub = lastRun.models[b]?.unresolved ?? -1;
    return ub - ua || (a < b ? -1 : a > b ? 1 : 0);
  });
  const shown = names.slice(0, options.models ?? 24);
  const day = (iso) => iso.slice(0, 10);
  const first = day(runs[0].date);
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
    panel("all models", runs.map((r) => ({ cases: r.totals.cases, unresolved: r.totals.unresolved })), 0, legendH, first, last)
  ];
  shown.forEach((name, k) => {
    const series = runs.map((r) => {
      const m = r.models[name];
      return m ? { cases: m.cases, unresolved: m.unresolved } : { cases: null, unresolved: null };
    });
    const row = 1 + Math.floor(k / cols);
    parts.push(panel(name, series, k % cols * PANEL_W, legendH + row * PANEL_H, first, last));
  });
  if (names.length > shown.length) {
    parts.push(`<text x="8" y="${height - 5}" font-size="10" fill="${COLOR.text}">\u2026 and ${names.length - shown.length} more models (in the history file)</text>`);
  }
  parts.push(`</svg>`);
  return parts.join("\n") + "\n";
}

// src/audit/manifest.ts
import crypto from "node:crypto";
import path from "node:path";
var MANIFEST_SCHEMA = "modelexport-manifest";
var ManifestError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ManifestError";
  }
};
var ENTRY_KEYS = /* @__PURE__ */ new Set(["path", "export", "inputs", "inputsFrom", "opset", "dynamo", "sidecar", "output", "sidecars", "maxUnresolved", "weight"]);
var EXPORT_ONLY_KEYS = ["inputs", "inputsFrom", "opset", "dynamo", "sidecar", "output"];
var TOP_KEYS = /* @__PURE__ */ new Set(["$schema", "schema", "confidenceThreshold", "defaults", "models"]);
function normalisePath(p, where) {
  if (p.trim() === "") throw new ManifestError(`${where}: empty path`);
  if (p.includes("\0")) throw new ManifestError(`${where}: path holds a NUL character`);
  const posix = p.replace(/\\/g, "/");
  const norm = path.posix.normalize(posix);
  return norm.startsWith("./") ? norm.slice(2) : norm;
}
function optionalCount(v, where) {
  if (v === void 0 || v === null) return null;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new ManifestError(`${where}: must be a whole number of cases (0 or more), got ${JSON.stringify(v)}`);
  return v;
}
function stringList(v, where) {
  if (v === void 0) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string" || s === "")) throw new ManifestError(`${where}: must be a list of non-empty strings`);
  return v;
}
function parseEntry(raw, k, defaults) {
  const where = `models[${k}]`;
  if (typeof raw === "string") {
    const p = normalisePath(raw, where);
    if (!/\.onnx$/i.test(p)) throw new ManifestError(`${where}: '${p}' is not an .onnx file`);
    return { name: p, path: p, export: null, sidecars: [], maxUnresolved: defaults.maxUnresolved, weight: 1 };
  }
  if (!isObject(raw)) throw new ManifestError(`${where}: must be a path or an object with "path" or "export"`);
  for (const key of Object.keys(raw)) {
    if (!ENTRY_KEYS.has(key)) throw new ManifestError(`${where}: unknown key "${key}" (known: ${[...ENTRY_KEYS].join(", ")})`);
  }
  const hasPath = raw.path !== void 0;
  const hasExport = raw.export !== void 0;
  if (hasPath === hasExport) throw new ManifestError(`${where}: give exactly one of "path" (an ONNX file) and "export" (package.module:factory)`);
  let file;
  let exp = null;
  if (hasPath) {
    if (typeof raw.path !== "string") throw new ManifestError(`${where}.path: must be a string`);
    for (const key of EXPORT_ONLY_KEYS) {
      if (raw[key] !== void 0) throw new ManifestError(`${where}.${key}: only for "export" entries`);
    }
    file = normalisePath(raw.path, `${where}.path`);
  } else {
    if (typeof raw.export !== "string" || raw.export.trim() === "") throw new ManifestError(`${where}.export: must be a model spec such as package.module:factory`);
    if (typeof raw.output !== "string") throw new ManifestError(`${where}.output: required with "export": the ONNX file to write (relative to the manifest)`);
    file = normalisePath(raw.output, `${where}.output`);
    let opset = null;
    if (raw.opset !== void 0) {
      if (typeof raw.opset !== "number" || !Number.isInteger(raw.opset) || raw.opset < 1) throw new ManifestError(`${where}.opset: must be a positive whole number`);
      opset = raw.opset;
    }
    for (const key of ["dynamo", "sidecar"]) {
      if (raw[key] !== void 0 && typeof raw[key] !== "boolean") throw new ManifestError(`${where}.${key}: must be true or false`);
    }
    if (raw.inputsFrom !== void 0 && (typeof raw.inputsFrom !== "string" || !/^[^\s:]+:[^\s:]+$/.test(raw.inputsFrom))) {
      throw new ManifestError(`${where}.inputsFrom: must be package.module:function`);
    }
    const inputs = stringList(raw.inputs, `${where}.inputs`);
    if (inputs.length > 0 && raw.inputsFrom !== void 0) throw new ManifestError(`${where}: give "inputs" or "inputsFrom", not both`);
    exp = {
      model: raw.export.trim(),
      inputs,
      inputsFrom: raw.inputsFrom ?? null,
      opset,
      dynamo: raw.dynamo === true,
      sidecar: raw.sidecar !== false
    };
  }
  if (!/\.onnx$/i.test(file)) throw new ManifestError(`${where}: '${file}' is not an .onnx file`);
  let weight = 1;
  if (raw.weight !== void 0) {
    if (typeof raw.weight !== "number" || !Number.isFinite(raw.weight) || raw.weight <= 0) throw new ManifestError(`${where}.weight: must be a positive number`);
    weight = raw.weight;
  }
  return {
    name: file,
    path: file,
    export: exp,
    sidecars: stringList(raw.sidecars, `${where}.sidecars`).map((s, j) => normalisePath(s, `${where}.sidecars[${j}]`)),
    maxUnresolved: raw.maxUnresolved === void 0 ? defaults.maxUnresolved : optionalCount(raw.maxUnresolved, `${where}.maxUnresolved`),
    weight
  };
}
function parseManifest(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(`not valid JSON: ${err.message}`);
  }
  if (!isObject(data)) throw new ManifestError(`must be a JSON object with a "models" list`);
  for (const key of Object.keys(data)) {
    if (!TOP_KEYS.has(key)) throw new ManifestError(`unknown key "${key}" (known: ${[...TOP_KEYS].join(", ")})`);
  }
  if (data.schema !== void 0 && data.schema !== MANIFEST_SCHEMA) throw new ManifestError(`schema: expected "${MANIFEST_SCHEMA}", got ${JSON.stringify(data.schema)}`);
  let threshold = 0.7;
  if (data.confidenceThreshold !== void 0) {
    const t = data.confidenceThreshold;
    if (typeof t !== "number" || !(t >= 0 && t <= 1)) throw new ManifestError(`confidenceThreshold: must be a number in [0, 1], got ${JSON.stringify(t)}`);
    threshold = t;
  }
  const defaults = { maxUnresolved: null };
  if (data.defaults !== void 0) {
    if (!isObject(data.defaults)) throw new ManifestError(`defaults: must be an object`);
    for (const key of Object.keys(data.defaults)) {
      if (key !== "maxUnresolved") throw new ManifestError(`defaults: unknown key "${key}" (known: maxUnresolved)`);
    }
    defaults.maxUnresolved = optionalCount(data.defaults.maxUnresolved, "defaults.maxUnresolved");
  }
  if (!Array.isArray(data.models)) throw new ManifestError(`models: must be a list of model paths or entries`);
  if (data.models.length === 0) throw new ManifestError(`models: the list is empty`);
  const entries = data.models.map((m, k) => parseEntry(m, k, defaults));
  const seen = /* @__PURE__ */ new Map();
  entries.forEach((e, k) => {
    const first = seen.get(e.name);
    if (first !== void 0) throw new ManifestError(`models[${k}]: '${e.name}' is listed twice (first at models[${first}])`);
    seen.set(e.name, k);
  });
  entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const digest = crypto.createHash("sha256").update(JSON.stringify({ threshold, entries })).digest("hex");
  return { confidenceThreshold: threshold, entries, digest };
}

// src/audit/run.ts
var AUDIT_FILES = { report: "report.json", audit: "audit.json", summary: "summary.md", html: "report.html", badge: "badge.json", badgeSvg: "badge.svg", badges: "badges" };
function readManifest(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UserError(`${file}: cannot read the manifest: ${err.code ?? err.message}`);
  }
  try {
    return parseManifest(text);
  } catch (err) {
    if (err instanceof ManifestError) throw new UserError(`${file}: ${err.message}`);
    throw err;
  }
}
async function runAudit(manifestFile, options = {}) {
  const manifest = readManifest(manifestFile);
  const root = path2.dirname(path2.resolve(manifestFile));
  const shard = options.shard ?? null;
  const names = new Set(shardNames(manifest.entries, shard));
  const entries = manifest.entries.filter((e) => names.has(e.name));
  const say = options.onProgress ?? (() => {
  });
  say(`audit: ${entries.length} of ${manifest.entries.length} models${shard ? ` (shard ${shard.index}/${shard.count})` : ""}`);
  const models = [];
  for (const [k, e] of entries.entries()) {
    const file = path2.resolve(root, e.path);
    if (e.export) {
      say(`[${k + 1}/${entries.length}] ${e.name}: exporting ${e.export.model}`);
      fs.mkdirSync(path2.dirname(file), { recursive: true });
      await runExporter({
        model: e.export.model,
        output: file,
        cwd: root,
        ...e.export.inputs.length > 0 ? { inputs: e.export.inputs } : {},
        ...e.export.inputsFrom !== null ? { inputsCallable: e.export.inputsFrom } : {},
        ...e.export.opset !== null ? { opset: e.export.opset } : {},
        ...e.export.dynamo ? { dynamo: true } : {},
        ...e.export.sidecar ? {} : { sidecar: false },
        ...options.python ? { python: options.python } : {},
        ...options.exportTimeoutMs ? { timeoutMs: options.exportTimeoutMs } : {},
        onLine: (line2) => say(`    ${line2}`)
      });
    }
    const { report: report2, line } = analyzeFile(
      file,
      e.name,
      { extra: e.sidecars.map((s) => path2.resolve(root, s)), soleModel: true },
      { confidenceThreshold: manifest.confidenceThreshold, timings: options.timings ?? false }
    );
    models.push(report2);
    say(`[${k + 1}/${entries.length}] ${line}`);
  }
  const report = buildReport(models, { confidenceThreshold: manifest.confidenceThreshold });
  return { manifest, report, audit: evaluateAudit(manifest, report, shard) };
}
function readShard(location) {
  const dir = fs.existsSync(location) && fs.statSync(location).isDirectory() ? location : path2.dirname(location);
  const reportFile = path2.join(dir, AUDIT_FILES.report);
  const auditFile = path2.join(dir, AUDIT_FILES.audit);
  const report = readReportFile(reportFile, "the shard report");
  const audit = readJsonFile(auditFile, "the shard's audit summary");
  return { source: dir, report, audit };
}
function mergeShardFolders(locations) {
  const shards = locations.map(readShard);
  try {
    return mergeShards(shards);
  } catch (err) {
    if (err instanceof MergeError) throw new UserError(err.message);
    throw err;
  }
}
function badgeFileNames(models) {
  const out = /* @__PURE__ */ new Map();
  const used = /* @__PURE__ */ new Set();
  for (const name of [...models].sort()) {
    const base = name.replace(/\.onnx$/i, "").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._-]+/, "") || "model";
    let slug = base;
    for (let n = 2; used.has(slug.toLowerCase()); n++) slug = `${base}-${n}`;
    used.add(slug.toLowerCase());
    out.set(name, slug);
  }
  return out;
}
function prepareHistory(audit, options) {
  if (!options.history) {
    if (options.trend) throw new UserError("the trend chart draws the history: give the history file too");
    return null;
  }
  if (audit.shard !== null) throw new UserError("a shard does not write the history or trend: merge the shards, then record them");
  const before = fs.existsSync(options.history) ? fs.readFileSync(options.history, "utf8") : "";
  try {
    const text = appendHistory(before, historyEntry(audit, options.date ?? /* @__PURE__ */ new Date(), options.label ?? process.env.GITHUB_SHA ?? "local"));
    return { file: options.history, text, trend: options.trend ? renderTrendSvg(parseHistory(text)) : null };
  } catch (err) {
    if (err instanceof HistoryError) throw new UserError(`${options.history}: ${err.message}`);
    throw err;
  }
}
function auditFileOutputs(dir, audit, badgeLabel) {
  const outputs = [
    { file: path2.join(dir, AUDIT_FILES.audit), data: toJson(audit) },
    { file: path2.join(dir, AUDIT_FILES.summary), data: renderAuditMarkdown(audit) }
  ];
  if (audit.shard === null) {
    const slugs = badgeFileNames(audit.models.map((m) => m.model));
    const index = {};
    for (const row of audit.models) {
      const slug = slugs.get(row.model);
      const endpoint = modelEndpoint(row, row.status === "fail" ? "fail" : "pass", { label: badgeLabel });
      outputs.push({ file: path2.join(dir, AUDIT_FILES.badges, `${slug}.json`), data: toJson(endpoint) });
      outputs.push({ file: path2.join(dir, AUDIT_FILES.badges, `${slug}.svg`), data: badgeSvg(endpoint) });
      index[row.model] = `${slug}.json`;
    }
    outputs.push({ file: path2.join(dir, AUDIT_FILES.badges, "index.json"), data: toJson(index) });
  }
  return outputs;
}
function removeStaleBadges(dir, audit, written) {
  if (audit.shard !== null) return;
  const keep = new Set(written.map((f) => path2.resolve(f)));
  const badgeDir = path2.join(dir, AUDIT_FILES.badges);
  for (const f of fs.readdirSync(badgeDir)) {
    if (/\.(json|svg)$/.test(f) && !keep.has(path2.resolve(badgeDir, f))) fs.rmSync(path2.join(badgeDir, f), { force: true });
  }
}
function historyOutputs(prepared, trendFile) {
  const outputs = [{ file: prepared.file, data: prepared.text }];
  if (trendFile && prepared.trend !== null) outputs.push({ file: trendFile, data: prepared.trend });
  return outputs;
}
function writeAudit(dir, result, options = {}) {
  const { report, audit } = result;
  const history = prepareHistory(audit, options);
  const outputs = [{ file: path2.join(dir, AUDIT_FILES.report), json: report }];
  if (audit.shard === null) {
    outputs.push({ file: path2.join(dir, AUDIT_FILES.html), data: renderHtml(report) });
    const overall = shieldsEndpoint(report, audit.gate.conclusion, { label: options.badgeLabel ?? "contamination" });
    outputs.push({ file: path2.join(dir, AUDIT_FILES.badge), data: toJson(overall) });
    outputs.push({ file: path2.join(dir, AUDIT_FILES.badgeSvg), data: badgeSvg(overall) });
  }
  outputs.push(...auditFileOutputs(dir, audit, options.badgeLabel ?? "contamination"));
  if (history) outputs.push(...historyOutputs(history, options.trend));
  writeFilesAtomic(outputs);
  const files = outputs.map((o) => o.file);
  removeStaleBadges(dir, audit, files);
  return files;
}

export {
  parseShard,
  renderAuditMarkdown,
  renderAuditText,
  AUDIT_FILES,
  runAudit,
  mergeShardFolders,
  writeAudit
};
