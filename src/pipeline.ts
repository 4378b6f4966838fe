/**
 * From files on disk to a report: load each model (streaming, no weights in memory), find its
 * sidecars, run the pure engine. Failures are UserErrors naming the file.
 */
import fs from "node:fs";
import path from "node:path";
import { analyzeModel, buildReport, type AnalyzeOptions } from "./analyze.js";
import { readJsonFile } from "./adapters/fs/json.js";
import { loadModelFile, UserError } from "./adapters/fs/model-file.js";
import { SidecarError, validateHtpMetadata, validateLegacyHierarchy, type Sidecars } from "./hierarchy/evidence.js";
import type { ModelReport, Report } from "./report/types.js";

export interface AnalyzeFilesOptions extends AnalyzeOptions {
  /** Sidecar files, or folders to look in, besides each model's own folder. */
  sidecars?: string[];
  onProgress?: (line: string) => void;
}

/** The model's name in reports: relative to the working directory when inside it, '/' separators. */
export function reportName(file: string, cwd = process.cwd()): string {
  const abs = path.resolve(file);
  const rel = path.relative(cwd, abs);
  const name = rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
  return name.split(path.sep).join("/");
}

function asSidecar(file: string, data: unknown, kind: "htp" | "legacy"): Sidecars {
  try {
    return kind === "htp" ? { htp: validateHtpMetadata(data) } : { legacy: validateLegacyHierarchy(data) };
  } catch (err) {
    if (err instanceof SidecarError) throw new UserError(`${file}: not a valid ${kind === "htp" ? "_htp_metadata.json" : "_hierarchy.json"} sidecar: ${err.message}`);
    throw err;
  }
}

/** Sidecars of one model: `<base>_htp_metadata.json` and `<base>_hierarchy.json` next to it or in the given places. */
export function findSidecars(modelFile: string, extra: string[], soleModel: boolean): { sidecars: Sidecars; files: string[] } {
  const base = path.basename(modelFile).replace(/\.onnx$/i, "");
  const dirs = [path.dirname(modelFile), ...extra.filter((p) => fs.existsSync(p) && fs.statSync(p).isDirectory())];
  const explicit = extra.filter((p) => !(fs.existsSync(p) && fs.statSync(p).isDirectory()));
  for (const f of explicit) if (!fs.existsSync(f)) throw new UserError(`${f}: sidecar not found`);
  const sidecars: Sidecars = {};
  const files: string[] = [];
  const take = (file: string, kind: "htp" | "legacy") => {
    if ((kind === "htp" && sidecars.htp) || (kind === "legacy" && sidecars.legacy)) return;
    Object.assign(sidecars, asSidecar(file, readJsonFile(file, "sidecar"), kind));
    files.push(path.relative(path.dirname(modelFile), file).split(path.sep).join("/"));
  };
  for (const f of explicit) {
    const name = path.basename(f);
    if (name === `${base}_htp_metadata.json`) take(f, "htp");
    else if (name === `${base}_hierarchy.json`) take(f, "legacy");
    else if (soleModel) {
      const data = readJsonFile(f, "sidecar");
      const kind = typeof data === "object" && data !== null && "node_tags" in data ? "legacy" : "htp";
      take(f, kind);
    }
  }
  for (const d of dirs) {
    const htp = path.join(d, `${base}_htp_metadata.json`);
    const legacy = path.join(d, `${base}_hierarchy.json`);
    if (fs.existsSync(htp)) take(htp, "htp");
    if (fs.existsSync(legacy)) take(legacy, "legacy");
  }
  return { sidecars, files };
}

/**
 * One model file: load it, read its sidecars (`sidecars` as for `findSidecars`), run the engine.
 * Reported as `name`. Returns the model's report and the progress line describing it.
 */
export function analyzeFile(
  file: string,
  name: string,
  sidecars: { extra: string[]; soleModel: boolean },
  options: AnalyzeOptions = {},
): { report: ModelReport; line: string } {
  const started = Date.now();
  const { model } = loadModelFile(file);
  const found = findSidecars(file, sidecars.extra, sidecars.soleModel);
  const report = analyzeModel({ name, model, sidecars: found.sidecars, sidecarFiles: found.files }, { ...options, now: options.now ?? (() => performance.now()) });
  const c = report.counts;
  return { report, line: `${name}: ${c.nodes} nodes, ${c.cases} cases, ${c.unresolved} unresolved (${Date.now() - started} ms)` };
}

export function analyzeFiles(files: string[], options: AnalyzeFilesOptions = {}): Report {
  if (files.length === 0) throw new UserError("no ONNX models given");
  const models: ModelReport[] = [];
  const unique = [...new Set(files)];
  unique.forEach((file, k) => {
    const { report, line } = analyzeFile(file, reportName(file), { extra: options.sidecars ?? [], soleModel: unique.length === 1 }, options);
    models.push(report);
    options.onProgress?.(`[${k + 1}/${unique.length}] ${line}`);
  });
  return buildReport(models, options);
}
