/**
 * One side of the comparison: in a folder (the checkout, or a worktree of the base commit), run
 * the export step, expand the models glob, and analyse what it matched. Model names in the
 * report are relative to that folder, so the head and base reports diff on the same keys.
 */
import * as core from "@actions/core";
import * as glob from "@actions/glob";
import fs from "node:fs";
import path from "node:path";
import { UserError } from "../adapters/fs/model-file.js";
import { runExportCommand, runExporter } from "../adapters/python/exporter.js";
import { buildReport } from "../analyze.js";
import { analyzeFiles } from "../pipeline.js";
import type { Report } from "../report/types.js";
import { runAudit } from "../audit/run.js";
import type { AuditSummary } from "../audit/summary.js";
import type { ActionConfig } from "./inputs.js";

/** The file an `export` spec writes: `<export-dir>/<factory or model name>.onnx`. */
export function exportOutput(spec: string, dir: string): string {
  const last = spec.includes(":") ? spec.slice(spec.lastIndexOf(":") + 1) : spec.split("/").pop()!;
  const name = last.replace(/\.py$/i, "").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "") || "model";
  return path.join(dir, `${name}.onnx`);
}

function posix(p: string): string {
  return p.split(path.sep).join("/");
}

export interface SideResult {
  report: Report;
  files: string[];
  /** With a manifest: the audit summary (per-model limits), and the folder model names are relative to. */
  audit: AuditSummary | null;
  modelRoot: string;
}

/**
 * Export (if asked), glob and analyse in `root`. `side` names the run in the log ("head",
 * "base f95f852"). An empty match is an error for the head and an empty report for the base
 * (the models did not exist yet).
 */
export async function analyzeSide(root: string, cfg: ActionConfig, side: string, allowEmpty: boolean): Promise<SideResult> {
  const previous = process.cwd();
  process.chdir(root);
  try {
    const exported: string[] = [];
    if (cfg.export.length > 0) {
      for (const spec of cfg.export) {
        const output = exportOutput(spec, cfg.exportDir);
        core.info(`[${side}] exporting ${spec} \u2192 ${posix(output)}`);
        fs.mkdirSync(path.dirname(output), { recursive: true });
        const res = await runExporter({
          model: spec,
          output,
          cwd: root,
          ...(cfg.exportInputs.length > 0 ? { inputs: cfg.exportInputs } : {}),
          ...(cfg.python ? { python: cfg.python } : {}),
          onLine: (line) => core.info(`  ${line}`),
        });
        core.info(`[${side}] exported ${posix(output)}: ${res.nodes} nodes, ${res.tagged} tagged (${res.exporter}, torch ${res.torch})`);
        exported.push(posix(output));
      }
    }
    if (cfg.exportCommand) {
      core.info(`[${side}] running export-command`);
      const res = await runExportCommand(cfg.exportCommand, { cwd: root, onLine: (line) => core.info(`  ${line}`) });
      core.info(`[${side}] export-command finished in ${(res.durationMs / 1000).toFixed(1)}s`);
    }
    if (cfg.manifest) {
      const manifestFile = path.resolve(root, cfg.manifest);
      if (!fs.existsSync(manifestFile) && allowEmpty) {
        core.info(`[${side}] no ${cfg.manifest} there: nothing to compare with`);
        return { report: buildReport([], { confidenceThreshold: cfg.confidenceThreshold }), files: [], audit: null, modelRoot: root };
      }
      const res = await runAudit(manifestFile, {
        shard: cfg.shard,
        timings: cfg.timings,
        ...(cfg.python ? { python: cfg.python } : {}),
        onProgress: (line) => core.info(`[${side}] ${line}`),
      });
      return { report: res.report, files: res.report.models.map((m) => m.model), audit: res.audit, modelRoot: path.dirname(manifestFile) };
    }
    let files: string[];
    if (cfg.models.length > 0) {
      // A folder matches the files under it; only *.onnx files are models (sidecars sit beside them).
      const globber = await glob.create(cfg.models.join("\n"), { matchDirectories: false });
      files = (await globber.glob()).filter((f) => /\.onnx$/i.test(f)).map((f) => posix(path.relative(root, f)));
    } else files = exported;
    files = [...new Set(files)].sort();
    if (files.length === 0) {
      if (allowEmpty) {
        core.info(`[${side}] no model matched ${cfg.models.join(", ")}: nothing to compare with`);
        return { report: buildReport([], { confidenceThreshold: cfg.confidenceThreshold }), files, audit: null, modelRoot: root };
      }
      throw new UserError(`input 'models': no file matched ${cfg.models.map((m) => `'${m}'`).join(", ")} in ${root}`);
    }
    core.info(`[${side}] analysing ${files.length} model${files.length === 1 ? "" : "s"}`);
    const report = analyzeFiles(files, {
      confidenceThreshold: cfg.confidenceThreshold,
      sidecars: cfg.sidecars,
      timings: cfg.timings,
      onProgress: (line) => core.info(`[${side}] ${line}`),
    });
    return { report, files, audit: null, modelRoot: root };
  } finally {
    process.chdir(previous);
  }
}
