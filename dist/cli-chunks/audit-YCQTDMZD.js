import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  AUDIT_FILES,
  parseShard,
  renderAuditText,
  runAudit,
  writeAudit
} from "./chunk-OVJQIP3L.js";
import "./chunk-6IQFKTH5.js";
import "./chunk-BVWG3B4K.js";
import "./chunk-Z2PX7DHV.js";
import "./chunk-ZVRVPDTO.js";
import "./chunk-I72EKTL3.js";
import "./chunk-4Z6MGRSL.js";
import "./chunk-ORYZIPJU.js";
import "./chunk-MG3C76CF.js";
import "./chunk-PAMJ3YLT.js";
import {
  numberOption,
  parseCommandArgs
} from "./chunk-THE7XHCR.js";
import {
  UsageError
} from "./chunk-THEZH5GJ.js";

// src/cli/commands/audit.ts
var summary = "audit every model of a manifest (or one shard of it): summary table, badges, history";
var usage = `usage: modelexport audit MANIFEST.json --out DIR [options]

Analyses every model the manifest lists (ONNX paths, or export specs run with the bundled
exporter first), checks each against its maxUnresolved limit, and writes DIR/report.json,
DIR/audit.json and DIR/summary.md (Markdown, for a job summary; the terminal gets the same table
as text); a whole audit also writes DIR/report.html, the overall badge
(DIR/badge.json, .svg) and one badge per model (DIR/badges/). Exit 1 when a model is over its
limit. Manifest format: docs/audit.md.

  --out DIR          the audit folder (default modelexport-audit)
  --shard i/n        audit only shard i of n (a CI matrix job); 'modelexport merge' combines them.
                     A shard always exits 0: the merge gates.
  --history FILE     append this run to a JSONL history (whole audits only)
  --trend FILE       draw the history as an SVG trend chart (with --history)
  --label TEXT       what the history line says was audited (default $GITHUB_SHA, else 'local')
  --python PATH      interpreter with torch for export entries
  --timings          include per-stage timings in the report (then it is not byte-stable)
  --quiet            no per-model progress lines`;
async function run(argv) {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      out: { type: "string", short: "o" },
      shard: { type: "string" },
      history: { type: "string" },
      trend: { type: "string" },
      label: { type: "string" },
      python: { type: "string" },
      timeout: { type: "string" },
      timings: { type: "boolean" },
      quiet: { type: "boolean" }
    },
    usage
  );
  if (positionals.length !== 1) throw new UsageError(`expected one manifest file
${usage}`);
  let shard;
  try {
    shard = parseShard(values.shard ?? "");
  } catch (err) {
    throw new UsageError(`--${err.message}`);
  }
  if (shard && (values.history || values.trend)) throw new UsageError("--history and --trend record whole audits: run them on 'modelexport merge'");
  if (values.trend && !values.history) throw new UsageError("--trend draws the history: give --history FILE too");
  const timeout = numberOption(values.timeout, "timeout", 1800, 1);
  const out = values.out ?? "modelexport-audit";
  const say = values.quiet ? void 0 : (line) => process.stderr.write(line + "\n");
  const result = await runAudit(positionals[0], {
    shard,
    timings: values.timings ?? false,
    exportTimeoutMs: timeout * 1e3,
    ...values.python ? { python: values.python } : {},
    ...say ? { onProgress: say } : {}
  });
  writeAudit(out, result, {
    ...values.history ? { history: values.history } : {},
    ...values.trend ? { trend: values.trend } : {},
    ...values.label ? { label: values.label } : {}
  });
  process.stdout.write(renderAuditText(result.audit));
  process.stdout.write(`
wrote ${out}/${AUDIT_FILES.report} and ${out}/${AUDIT_FILES.audit}${shard ? "" : ", report.html, badges"}
`);
  return shard === null && result.audit.gate.conclusion === "fail" ? 1 : 0;
}
export {
  run,
  summary,
  usage
};
