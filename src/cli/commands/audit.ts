/** `modelexport audit MANIFEST.json`: audit a model zoo (or one shard of it) against per-model limits. */
import { UsageError } from "../../adapters/fs/model-file.js";
import { parseShard } from "../../audit/shard.js";
import { AUDIT_FILES, runAudit, writeAudit } from "../../audit/run.js";
import { renderAuditText } from "../../audit/summary.js";
import { numberOption, parseCommandArgs } from "../args.js";

export const summary = "audit every model of a manifest (or one shard of it): summary table, badges, history";

export const usage = `usage: modelexport audit MANIFEST.json --out DIR [options]

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

export async function run(argv: string[]): Promise<number> {
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
      quiet: { type: "boolean" },
    },
    usage,
  );
  if (positionals.length !== 1) throw new UsageError(`expected one manifest file\n${usage}`);
  let shard;
  try {
    shard = parseShard(values.shard ?? "");
  } catch (err) {
    throw new UsageError(`--${(err as Error).message}`);
  }
  if (shard && (values.history || values.trend)) throw new UsageError("--history and --trend record whole audits: run them on 'modelexport merge'");
  if (values.trend && !values.history) throw new UsageError("--trend draws the history: give --history FILE too");
  const timeout = numberOption(values.timeout, "timeout", 1800, 1);
  const out = values.out ?? "modelexport-audit";
  const say = values.quiet ? undefined : (line: string) => process.stderr.write(line + "\n");
  const result = await runAudit(positionals[0]!, {
    shard,
    timings: values.timings ?? false,
    exportTimeoutMs: timeout * 1000,
    ...(values.python ? { python: values.python } : {}),
    ...(say ? { onProgress: say } : {}),
  });
  writeAudit(out, result, {
    ...(values.history ? { history: values.history } : {}),
    ...(values.trend ? { trend: values.trend } : {}),
    ...(values.label ? { label: values.label } : {}),
  });
  // A terminal gets text; the Markdown (summary.md) is for where it is rendered.
  process.stdout.write(renderAuditText(result.audit));
  process.stdout.write(`\nwrote ${out}/${AUDIT_FILES.report} and ${out}/${AUDIT_FILES.audit}${shard ? "" : ", report.html, badges"}\n`);
  return shard === null && result.audit.gate.conclusion === "fail" ? 1 : 0;
}
