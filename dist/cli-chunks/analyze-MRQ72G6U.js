import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  badgeSvg,
  renderHtml,
  shieldsEndpoint
} from "./chunk-5KL7LNM7.js";
import {
  analyzeFiles
} from "./chunk-O5WN2UJL.js";
import {
  toJson,
  writeFileAtomic
} from "./chunk-2WV3DSPV.js";
import "./chunk-IQMRBHXW.js";
import "./chunk-MG3C76CF.js";
import "./chunk-ERVH43Z2.js";
import "./chunk-7M4KYW6X.js";
import {
  numberOption,
  parseCommandArgs
} from "./chunk-CEEIBYD6.js";
import {
  UsageError
} from "./chunk-UWEOBCVG.js";

// src/cli/commands/analyze.ts
var summary = "detect and resolve cross-layer contamination; print a summary, write the JSON report";
var usage = `usage: modelexport analyze MODEL.onnx... [options]

Reads the module hierarchy recorded in each model (node-name scopes, dynamo metadata, hierarchy
tags and sidecars), detects contamination cases, resolves what it can, and counts what stays
unresolved. Exit code 0 when the analysis ran (use the action or --fail-on-unresolved to gate).

  --json FILE            write the report (JSON, schema/report.schema.json); '-' for stdout
  --html FILE            write the report as one self-contained HTML page
  --badge FILE           write a shields.io endpoint JSON (unresolved cases; an .svg name
                         writes a self-contained SVG badge instead)
  --threshold X          confidence below which a case is unresolved (default 0.7)
  --sidecar PATH         a sidecar file or a folder to look in (repeatable); by default
                         <base>_htp_metadata.json and <base>_hierarchy.json next to the model
  --timings              include per-stage timings in the report
  --fail-on-unresolved   exit 1 when any case is unresolved
  --quiet                no per-model progress lines`;
function formatSummary(report) {
  const lines = [];
  for (const m of report.models) {
    const c = m.counts;
    lines.push(`${m.model}`);
    lines.push(
      `  ${c.nodes} nodes: ${c.withEvidence} with evidence, ${c.attributed} attributed from neighbours, ${c.unattributed} unattributed (coverage ${(c.coverage * 100).toFixed(1)}%)`
    );
    const kinds = Object.entries(c.casesByKind).map(([k, v]) => `${v} ${k}`).join(", ");
    lines.push(`  ${c.cases} cases${kinds ? ` (${kinds})` : ""}: ${c.resolved} resolved, ${c.unresolved} unresolved` + (c.meanConfidence !== null ? `, mean confidence ${c.meanConfidence.toFixed(3)}` : ""));
    const strategies = Object.entries(c.resolvedByStrategy).map(([k, v]) => `${k} ${v}`).join(", ");
    if (strategies) lines.push(`  resolved by: ${strategies}`);
    const unresolved = m.cases.filter((x) => x.resolution.status === "unresolved");
    for (const x of unresolved.slice(0, 10)) lines.push(`  unresolved ${x.scope} ${x.node} (${x.opType}): ${x.contexts.join(" vs ")}`);
    if (unresolved.length > 10) lines.push(`  ... and ${unresolved.length - 10} more unresolved (see the JSON report)`);
  }
  const t = report.totals;
  lines.push(`total: ${t.models} models, ${t.nodes} nodes, ${t.cases} cases, ${t.resolved} resolved, ${t.unresolved} unresolved`);
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
  const report = analyzeFiles(positionals, {
    confidenceThreshold: threshold,
    sidecars: values.sidecar ?? [],
    timings: values.timings ?? false,
    onProgress: values.quiet || positionals.length < 2 ? void 0 : (line) => process.stderr.write(line + "\n")
  });
  const failed = Boolean(values["fail-on-unresolved"]) && report.totals.unresolved > 0;
  if (values.html) writeFileAtomic(values.html, renderHtml(report));
  if (values.badge) {
    const endpoint = shieldsEndpoint(report, failed ? "fail" : "pass");
    writeFileAtomic(values.badge, values.badge.endsWith(".svg") ? badgeSvg(endpoint) : toJson(endpoint));
  }
  if (values.json === "-") process.stdout.write(toJson(report));
  else {
    if (values.json) writeFileAtomic(values.json, toJson(report));
    process.stdout.write(formatSummary(report) + "\n");
  }
  return failed ? 1 : 0;
}
export {
  formatSummary,
  run,
  summary,
  usage
};
