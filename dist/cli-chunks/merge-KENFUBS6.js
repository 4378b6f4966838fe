import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  AUDIT_FILES,
  mergeShardFolders,
  renderAuditMarkdown,
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
  parseCommandArgs
} from "./chunk-THE7XHCR.js";
import {
  UsageError
} from "./chunk-THEZH5GJ.js";

// src/cli/commands/merge.ts
var summary = "merge the shard folders of one audit into the report, badges and history of the whole";
var usage = `usage: modelexport merge SHARD_DIR... --out DIR [options]

Reads each shard's report.json and audit.json (folders written by 'modelexport audit --shard
i/n'), checks they are every shard of the same manifest exactly once, and writes DIR as one
unsplit audit would: the same report.json and audit.json byte for byte, plus summary.md,
report.html and badges. Exit 1 when a model is over its limit.

  --out DIR          the merged audit folder (default modelexport-audit)
  --history FILE     append the merged run to a JSONL history
  --trend FILE       draw the history as an SVG trend chart (with --history)
  --label TEXT       what the history line says was audited (default $GITHUB_SHA, else 'local')`;
async function run(argv) {
  const { values, positionals } = parseCommandArgs(
    argv,
    { out: { type: "string", short: "o" }, history: { type: "string" }, trend: { type: "string" }, label: { type: "string" } },
    usage
  );
  if (positionals.length === 0) throw new UsageError(`expected the shard folders
${usage}`);
  if (values.trend && !values.history) throw new UsageError("--trend draws the history: give --history FILE too");
  const out = values.out ?? "modelexport-audit";
  const merged = mergeShardFolders(positionals);
  writeAudit(out, merged, {
    ...values.history ? { history: values.history } : {},
    ...values.trend ? { trend: values.trend } : {},
    ...values.label ? { label: values.label } : {}
  });
  process.stdout.write(renderAuditMarkdown(merged.audit));
  process.stdout.write(`
merged ${positionals.length} shards into ${out}/${AUDIT_FILES.report}
`);
  return merged.audit.gate.conclusion === "fail" ? 1 : 0;
}
export {
  run,
  summary,
  usage
};
