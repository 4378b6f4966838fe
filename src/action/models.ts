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

/** One line of the `export` input: a model spec and its own exporter settings. */
export interface ExportJob {
  model: string;
  output: string;
  /** Example inputs of this model (`--input`), each entry possibly comma separated. */
  inputs: string[];
  inputsCallable: string | null;
  opset: number | null;
  dynamo: boolean;
  sidecar: boolean;
}

const EXPORT_LINE_OPTIONS = "--input SPECS, --inputs package.module:function, --opset N, --dynamo, --no-sidecar, --output FILE";

/**
 * Parse one line of the `export` input: `SPEC [--input SPECS]... [--inputs FN] [--opset N]
 * [--dynamo] [--no-sidecar] [--output FILE]`, the exporter's own options, for this model only.
 * `--output` is relative to working-directory (default `<export-dir>/<factory>.onnx`).
 */
export function parseExportLine(line: string, dir: string): ExportJob {
  const words = line.trim().split(/\s+/);
  const where = `input 'export', line '${line.trim()}'`;
  const model = words.shift()!;
  if (model.startsWith("-")) throw new UserError(`${where}: starts with an option; a line is a model spec (package.module:factory) followed by its options`);
  const job: ExportJob = { model, output: exportOutput(model, dir), inputs: [], inputsCallable: null, opset: null, dynamo: false, sidecar: true };
  while (words.length > 0) {
    let word = words.shift()!;
    let value: string | undefined;
    const eq = word.indexOf("=");
    if (word.startsWith("--") && eq > 0) {
      value = word.slice(eq + 1);
      word = word.slice(0, eq);
    }
    const take = (): string => {
      const v = value ?? words.shift();
      if (v === undefined || v === "" || (value === undefined && v.startsWith("--"))) throw new UserError(`${where}: ${word} needs a value`);
      return v;
    };
    switch (word) {
      case "--input":
        job.inputs.push(take());
        break;
      case "--inputs":
        job.inputsCallable = take();
        break;
      case "--opset": {
        const v = take();
        if (!/^\d+$/.test(v) || Number(v) < 1) throw new UserError(`${where}: --opset takes a positive whole number, got '${v}'`);
        job.opset = Number(v);
        break;
      }
      case "--output": {
        const v = take();
        if (!/\.onnx$/i.test(v)) throw new UserError(`${where}: --output must name an .onnx file, got '${v}'`);
        job.output = v;
        break;
      }
      case "--dynamo":
      case "--no-sidecar":
        if (value !== undefined) throw new UserError(`${where}: ${word} takes no value`);
        if (word === "--dynamo") job.dynamo = true;
        else job.sidecar = false;
        break;
      default:
        throw new UserError(`${where}: unknown option '${word}' (the options of a line: ${EXPORT_LINE_OPTIONS})`);
    }
  }
  return job;
}

/** Every line of the `export` input; two lines writing one file are refused. */
export function exportJobs(lines: readonly string[], dir: string): ExportJob[] {
  const jobs = lines.map((l) => parseExportLine(l, dir));
  const seen = new Map<string, string>();
  for (const j of jobs) {
    const key = path.normalize(j.output);
    const first = seen.get(key);
    if (first !== undefined) throw new UserError(`input 'export': '${first}' and '${j.model}' would both write ${posix(j.output)}; give one of them --output FILE`);
    seen.set(key, j.model);
  }
  return jobs;
}

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
      for (const job of exportJobs(cfg.export, cfg.exportDir)) {
        const output = job.output;
        core.info(`[${side}] exporting ${job.model} \u2192 ${posix(output)}`);
        fs.mkdirSync(path.dirname(path.resolve(root, output)), { recursive: true });
        const own = job.inputs.length > 0 || job.inputsCallable !== null;
        const res = await runExporter({
          model: job.model,
          output,
          cwd: root,
          ...(job.inputs.length > 0 ? { inputs: job.inputs } : {}),
          ...(job.inputsCallable !== null ? { inputsCallable: job.inputsCallable } : {}),
          // export-inputs: for the models whose line and factory bring no inputs of their own.
          ...(!own && cfg.exportInputs.length > 0 ? { defaultInputs: cfg.exportInputs } : {}),
          ...(job.opset !== null ? { opset: job.opset } : {}),
          ...(job.dynamo ? { dynamo: true } : {}),
          ...(job.sidecar ? {} : { sidecar: false }),
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
