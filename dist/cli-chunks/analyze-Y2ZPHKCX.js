import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  badgeSvg,
  renderHtml,
  shieldsEndpoint
} from "./chunk-6IQFKTH5.js";
import {
  analyzeFiles,
  expandModelPaths
} from "./chunk-ZVRVPDTO.js";
import {
  diffReports,
  evaluateGate
} from "./chunk-I72EKTL3.js";
import {
  printJson,
  toJson,
  writeFilesAtomic
} from "./chunk-4Z6MGRSL.js";
import "./chunk-ORYZIPJU.js";
import "./chunk-MG3C76CF.js";
import "./chunk-PAMJ3YLT.js";
import {
  numberOption,
  parseCommandArgs
} from "./chunk-THE7XHCR.js";
import {
  UsageError,
  escapeControls
} from "./chunk-THEZH5GJ.js";

// src/cli/commands/analyze.ts
var summary = "detect and resolve cross-layer contamination; print a summary, write the JSON report";
var usage = `usage: modelexport analyze MODEL.onnx|DIR... [options]

Reads the module hierarchy recorded in each model (node-name scopes, dynamo metadata, hierarchy
tags and sidecars), detects contamination cases, resolves what it can, and counts what stays
unresolved. A folder stands for the .onnx files under it, in sorted order. Exit code 0 when
the analysis ran (use the action or --fail-on-unresolved to gate), 1 on bad input, 2 on a
command line that does not parse. Written files are all written, or none on an error.

  --json FILE            write the report (JSON, schema/report.schema.json); '-' for stdout
  --html FILE            write the report as one self-contained HTML page
  --badge FILE           write a shields.io endpoint JSON (unresolved cases; an .svg name
                         writes a self-contained SVG badge instead)
  --threshold X          confidence below which a case is unresolved (default 0.7)
  --sidecar PATH         a sidecar file or a folder to look in (repeatable); by default
                         <base>_htp_metadata.json and <base>_hierarchy.json next to the model
  --timings              include per-stage timings in the report
  --fail-on-unresolved   exit 1 when any case is unresolved or a model has no hierarchy
                         evidence at all (the action's gate, counting from zero)
  --quiet                no per-model progress lines`;
var esc = (s) => escapeControls(s);
function formatSummary(report) {
  const lines = [];
  for (const m of report.models) {
    const c = m.counts;
    lines.push(esc(m.model));
    lines.push(
      `  ${c.nodes} nodes: ${c.withEvidence} with evidence, ${c.attributed} attributed from neighbours (${c.uncertain ?? 0} uncertain: below the threshold), ${c.unattributed} unattributed (coverage ${(c.coverage * 100).toFixed(1)}%)`
    );
    const kinds = Object.entries(c.casesByKind).map(([k, v]) => `${v} ${k}`).join(", ");
    lines.push(`  ${c.cases} cases${kinds ? ` (${kinds})` : ""}: ${c.resolved} resolved, ${c.unresolved} unresolved` + (c.meanConfidence !== null ? `, mean confidence ${c.meanConfidence.toFixed(3)}` : ""));
    const strategies = Object.entries(c.resolvedByStrategy).map(([k, v]) => `${k} ${v}`).join(", ");
    if (strategies) lines.push(`  resolved by: ${strategies}`);
    const unresolved = m.cases.filter((x) => x.resolution.status === "unresolved");
    for (const x of unresolved.slice(0, 10)) lines.push(`  unresolved ${esc(x.scope)} ${esc(x.node)} (${esc(x.opType)}): ${x.contexts.map(esc).join(" vs ")}`);
    if (unresolved.length > 10) lines.push(`  ... and ${unresolved.length - 10} more unresolved (see the JSON report)`);
  }
  const t = report.totals;
  lines.push(`total: ${t.models} models, ${t.nodes} nodes, ${t.cases} cases, ${t.resolved} resolved, ${t.unresolved} unresolved, ${t.uncertain ?? 0} uncertain`);
  return lines.join("\n");
}
async function run(argv) {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      json: { type: "string" },
      html: { type: "string" },
      badge: { type: "string" },
      threshold: { type: "string" },
      sidecar: { type: "string", multiple: true },
      timings: { type: "boolean" },
      "fail-on-unresolved": { type: "boolean" },
      quiet: { type: "boolean" }
    },
    usage
  );
  if (positionals.length === 0) throw new UsageError(`expected at least one model file
${usage}`);
  const threshold = numberOption(values.threshold, "threshold", 0.7, 0, 1);
  const files = expandModelPaths(positionals);
  const report = analyzeFiles(files, {
    confidenceThreshold: threshold,
    sidecars: values.sidecar ?? [],
    timings: values.timings ?? false,
    onProgress: values.quiet || files.length < 2 ? void 0 : (line) => process.stderr.write(line + "\n")
  });
  const gate = evaluateGate(diffReports(null, report), { failOn: "total", allowedIncrease: 0, withoutBaseline: "absolute" });
  const failed = Boolean(values["fail-on-unresolved"]) && gate.conclusion === "fail";
  const outputs = [];
  if (values.html) outputs.push({ file: values.html, data: renderHtml(report) });
  if (values.badge) {
    const endpoint = shieldsEndpoint(report, failed ? "fail" : "pass");
    outputs.push({ file: values.badge, data: values.badge.endsWith(".svg") ? badgeSvg(endpoint) : toJson(endpoint) });
  }
  if (values.json && values.json !== "-") outputs.push({ file: values.json, json: report });
  writeFilesAtomic(outputs);
  if (values.json === "-") printJson(report);
  else process.stdout.write(formatSummary(report) + "\n");
  if (failed) process.stderr.write(`modelexport analyze: failed (--fail-on-unresolved): ${esc(gate.reason)}
`);
  return failed ? 1 : 0;
}
export {
  formatSummary,
  run,
  summary,
  usage
};
