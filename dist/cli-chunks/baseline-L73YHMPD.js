import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  renderSummary
} from "./chunk-Z2PX7DHV.js";
import {
  FAIL_ON,
  baselineOf,
  diffReports,
  evaluateGate,
  ratchetCheck,
  readReportFile
} from "./chunk-I72EKTL3.js";
import {
  toJson,
  writeFileAtomic
} from "./chunk-4Z6MGRSL.js";
import {
  numberOption,
  parseCommandArgs
} from "./chunk-THE7XHCR.js";
import {
  UsageError,
  didYouMean
} from "./chunk-THEZH5GJ.js";

// src/cli/commands/baseline.ts
import fs from "node:fs";
var summary = "update (ratchet) or compare against the committed baseline report";
var usage = `usage: modelexport baseline update --report REPORT.json --out BASELINE.json [options]
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
async function run(argv) {
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
      "allowed-increase": { type: "string" }
    },
    usage
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'
${usage}`);
  if (sub === "update") {
    if (!values.report || !values.out) throw new UsageError(`update needs --report and --out
${usage}`);
    const report = readReportFile(values.report, "the report");
    const current = fs.existsSync(values.out) ? readReportFile(values.out, "the baseline") : null;
    const check = ratchetCheck(current, report);
    if (!check.ok && !values["allow-regression"]) {
      process.stderr.write(`modelexport baseline update: not updating ${values.out}: ${check.reason} (--allow-regression to write it anyway)
`);
      return 1;
    }
    writeFileAtomic(values.out, toJson(baselineOf(report, values["keep-nodes"] ?? false)));
    process.stdout.write(`${values.out}: ${current ? "updated" : "created"}: ${report.totals.models} models, ${report.totals.unresolved} unresolved (${check.reason})
`);
    return 0;
  }
  if (sub === "compare") {
    if (!values.base || !values.report) throw new UsageError(`compare needs --base and --report
${usage}`);
    const failOn = values["fail-on"] ?? "total";
    if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(", ")}; got '${values["fail-on"]}'`);
    const allowed = numberOption(values["allowed-increase"], "allowed-increase", 0, 0, 1e9);
    const base = readReportFile(values.base, "the baseline");
    const head = readReportFile(values.report, "the report");
    const diff = diffReports(base, head);
    const gate = evaluateGate(diff, { failOn, allowedIncrease: allowed });
    process.stdout.write(renderSummary(diff, gate, head, { baseLabel: values.base, headLabel: values.report }));
    return gate.conclusion === "fail" ? 1 : 0;
  }
  if (sub === void 0) throw new UsageError(`expected a subcommand, 'update' or 'compare'
${usage}`);
  throw new UsageError(`expected 'update' or 'compare', got '${sub}'${didYouMean(sub, ["update", "compare"])}
${usage}`);
}
export {
  run,
  summary,
  usage
};
