/** `modelexport analyze MODEL.onnx...`: detect and resolve contamination; report as text and JSON. */
import { UsageError } from "../../adapters/fs/model-file.js";
import { toJson, writeFileAtomic } from "../../adapters/fs/write.js";
import { analyzeFiles } from "../../pipeline.js";
import type { Report } from "../../report/types.js";
import { renderHtml } from "../../report/html.js";
import { badgeSvg, shieldsEndpoint } from "../../report/badge.js";
import { diffReports, evaluateGate } from "../../report/diff.js";
import { numberOption, parseCommandArgs } from "../args.js";

export const summary = "detect and resolve cross-layer contamination; print a summary, write the JSON report";
export const usage = `usage: modelexport analyze MODEL.onnx... [options]

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
  --fail-on-unresolved   exit 1 when any case is unresolved or a model has no hierarchy
                         evidence at all (the action's gate, counting from zero)
  --quiet                no per-model progress lines`;

export function formatSummary(report: Report): string {
  const lines: string[] = [];
  for (const m of report.models) {
    const c = m.counts;
    lines.push(`${m.model}`);
    lines.push(
      `  ${c.nodes} nodes: ${c.withEvidence} with evidence, ${c.attributed} attributed from neighbours, ${c.unattributed} unattributed (coverage ${(c.coverage * 100).toFixed(1)}%)`,
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

export async function run(argv: string[]): Promise<number> {
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
      quiet: { type: "boolean" },
    },
    usage,
  );
  if (positionals.length === 0) throw new UsageError(`expected at least one model file\n${usage}`);
  const threshold = numberOption(values.threshold, "threshold", 0.7, 0, 1);
  const report = analyzeFiles(positionals, {
    confidenceThreshold: threshold,
    sidecars: values.sidecar ?? [],
    timings: values.timings ?? false,
    onProgress: values.quiet || positionals.length < 2 ? undefined : (line) => process.stderr.write(line + "\n"),
  });
  // The action's gate, with unresolved cases counted from zero instead of a baseline.
  const gate = evaluateGate(diffReports(null, report), { failOn: "total", allowedIncrease: 0, withoutBaseline: "absolute" });
  const failed = Boolean(values["fail-on-unresolved"]) && gate.conclusion === "fail";
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
  if (failed) process.stderr.write(`modelexport analyze: failed (--fail-on-unresolved): ${gate.reason}\n`);
  return failed ? 1 : 0;
}
