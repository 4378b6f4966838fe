/**
 * `validate-modules`: per model of the head report, cut the selected modules out with the
 * engine's membership and prove each equivalent to its place in the whole model with ONNX
 * Runtime (src/adapters/onnxruntime/equivalence.ts). onnxruntime-node is fetched at run time
 * (./runtime.ts) and loaded only here: a run without validate-modules never touches it.
 */
import * as core from "@actions/core";
import path from "node:path";
import { UserError } from "../adapters/fs/model-file.js";
import { checkModules } from "../adapters/onnxruntime/equivalence.js";
import { loadRuntime } from "../adapters/onnxruntime/runtime.js";
import { shapeHints } from "../adapters/onnxruntime/shape-hints.js";
import { readModelForRuntime } from "../cli/commands/validate.js";
import { describeSelection, membershipFromEngine, membershipFromReport, type ModuleSelection } from "../extract/extract.js";
import { modelEquivalence, modelError, summarizeEquivalence, type EquivalenceSummary, type ModelEquivalence } from "../report/equivalence.js";
import type { Report } from "../report/types.js";
import { ensureRuntime } from "./runtime.js";

export interface ValidateSettings {
  onnxruntimeVersion: string;
  /** Instance-path depth of the modules checked; null: the repeated layers. */
  depth: number | null;
}

export function selectionOf(depth: number | null): ModuleSelection {
  return depth === null ? { kind: "repeated" } : { kind: "depth", depth };
}

/**
 * The equivalence figure of every model in `report` (model names are relative to `root`).
 *
 * Membership is the engine's, as the report records it: each node's resolved primary context,
 * with the sidecars and confidence threshold of this run. A model the report carries without
 * per-node results is analysed again (`membershipFromEngine`).
 */
export async function validateModules(report: Report, root: string, settings: ValidateSettings): Promise<EquivalenceSummary> {
  const location = await ensureRuntime(settings.onnxruntimeVersion);
  const ort = await loadRuntime(location.dir);
  const runtime = ort.env.versions?.common ?? settings.onnxruntimeVersion;
  const selection = selectionOf(settings.depth);
  core.info(`ONNX Runtime ${runtime}: checking the ${describeSelection(selection)} of ${report.models.length} model${report.models.length === 1 ? "" : "s"}`);
  const rows: ModelEquivalence[] = [];
  for (const m of report.models) {
    const file = path.resolve(root, m.model);
    const started = Date.now();
    try {
      const { model } = readModelForRuntime(file);
      const membership =
        m.nodes.length > 0 ? membershipFromReport(m.nodes.filter((n) => !n.id.includes(">"))) : membershipFromEngine(model, { confidenceThreshold: report.options.confidenceThreshold });
      // Input sizes from the model's own hints (dimension names, value_info, shape inference).
      const result = await checkModules(model, membership, { selection, label: m.model, inputs: { hints: shapeHints(model) } });
      const row = modelEquivalence(m.model, result.modules);
      rows.push(row);
      const t = result.tolerance;
      const within = t.formats.length > 0 ? `; ${t.formats.join(" and ")} outputs within ${t.steps} rounding step${t.steps === 1 ? "" : "s"}` : "";
      core.info(`${m.model}: ${row.good}/${row.modules} extractable and equivalent (${Date.now() - started} ms${within})`);
      for (const f of row.failures) core.info(`  ${f.module}: ${f.reason}`);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      const reason = err.message.startsWith(`${file}: `) ? err.message.slice(file.length + 2) : err.message.startsWith(`${m.model}: `) ? err.message.slice(m.model.length + 2) : err.message;
      core.warning(`${m.model}: module equivalence not checked: ${reason}`);
      rows.push(modelError(m.model, reason));
    }
  }
  return summarizeEquivalence(describeSelection(selection), runtime, rows);
}
