/**
 * `modelexport baseline`: the committed baseline report of the action's `baseline: file` mode.
 *
 * `update` is a ratchet: it writes the new report over the baseline only when no model has more
 * unresolved cases than before (new models may add theirs), so the baseline only moves down.
 * `compare` runs the action's diff and gate locally.
 */
import fs from "node:fs";
import { UsageError } from "../../adapters/fs/model-file.js";
import { readReportFile } from "../../adapters/fs/json.js";
import { toJson, writeFileAtomic } from "../../adapters/fs/write.js";
import { baselineOf, diffReports, evaluateGate, FAIL_ON, ratchetCheck, type FailOn } from "../../report/diff.js";
import { renderSummary } from "../../report/markdown.js";
import { didYouMean } from "../../util/text.js";
import { numberOption, parseCommandArgs } from "../args.js";

export const summary = "update (ratchet) or compare against the committed baseline report";

export const usage = `usage: modelexport baseline update --report REPORT.json --out BASELINE.json [options]
       modelexport baseline compare --base BASELINE.json --report REPORT.json [options]

update   write REPORT as the new baseline. Refused (exit 1) when a model has more unresolved
         cases than in the current baseline, unless --allow-regression. Per-node results and
         timings are dropped (the diff reads counts and cases) unless --keep-nodes.
           --allow-regression   write even when the report is worse than the baseline
           --keep-nodes         keep per-node results in the baseline
compare  print the diff and the gate verdict (Markdown, as in the job summary); exit 1 when
         the gate fails.
           --fail-on RULE       total | any-model | new-cases | never (default total)
           --allowed-increase N unresolved cases tolerated above the baseline (default 0)`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseCommandArgs(
    rest,
    {
      report: { type: "string" },
      out: { type: "string" },
      base: { type: "string" },
      "allow-regression": { type: "boolean" },
      "keep-nodes": { type: "boolean" },
      "fail-on": { type: "string" },
      "allowed-increase": { type: "string" },
    },
    usage,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\n${usage}`);
  if (sub === "update") {
    if (!values.report || !values.out) throw new UsageError(`update needs --report and --out\n${usage}`);
    const report = readReportFile(values.report, "the report");
    const current = fs.existsSync(values.out) ? readReportFile(values.out, "the baseline") : null;
    const check = ratchetCheck(current, report);
    if (!check.ok && !values["allow-regression"]) {
      process.stderr.write(`modelexport baseline update: not updating ${values.out}: ${check.reason} (--allow-regression to write it anyway)\n`);
      return 1;
    }
    writeFileAtomic(values.out, toJson(baselineOf(report, values["keep-nodes"] ?? false)));
    process.stdout.write(`${values.out}: ${current ? "updated" : "created"}: ${report.totals.models} models, ${report.totals.unresolved} unresolved (${check.reason})\n`);
    return 0;
  }
  if (sub === "compare") {
    if (!values.base || !values.report) throw new UsageError(`compare needs --base and --report\n${usage}`);
    const failOn = (values["fail-on"] ?? "total") as FailOn;
    if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(", ")}; got '${values["fail-on"]}'`);
    const allowed = numberOption(values["allowed-increase"], "allowed-increase", 0, 0, 1e9);
    const base = readReportFile(values.base, "the baseline");
    const head = readReportFile(values.report, "the report");
    const diff = diffReports(base, head);
    const gate = evaluateGate(diff, { failOn, allowedIncrease: allowed });
    process.stdout.write(renderSummary(diff, gate, head, { baseLabel: values.base, headLabel: values.report }));
    return gate.conclusion === "fail" ? 1 : 0;
  }
  if (sub === undefined) throw new UsageError(`expected a subcommand, 'update' or 'compare'\n${usage}`);
  throw new UsageError(`expected 'update' or 'compare', got '${sub}'${didYouMean(sub, ["update", "compare"])}\n${usage}`);
}
