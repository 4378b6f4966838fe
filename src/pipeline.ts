/**
 * From files on disk to a report: load each model (streaming, no weights in memory), find its
 * sidecars, run the pure engine. Failures are UserErrors naming the file.
 */
import fs from "node:fs";
import path from "node:path";
import { analyzeModel, buildReport, type AnalyzeOptions } from "./analyze.js";
import { readJsonFile } from "./adapters/fs/json.js";
import { oneLine } from "./util/text.js";
import { loadModelFile, UserError } from "./adapters/fs/model-file.js";
import { SidecarError, validateHtpMetadata, validateLegacyHierarchy, type Sidecars } from "./hierarchy/evidence.js";
import type { ModelReport, Report } from "./report/types.js";

/**
 * Largest sidecar read, checked before reading: 64 MB, plus 512 bytes per node of the model it
 * describes (a tagging exporter writes an entry per node: 78 MB for 500,000 nodes).
 */
export const MAX_SIDECAR_BYTES = 64 * 1024 * 1024;
export const SIDECAR_BYTES_PER_NODE = 512;

/** Payload bytes the engine's decode fingerprints (`DecodeOptions.digestLimit`): none. */
export const ENGINE_DIGEST_LIMIT = 0;

export function sidecarLimit(nodes: number): number {
  return MAX_SIDECAR_BYTES + SIDECAR_BYTES_PER_NODE * nodes;
}

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

/**
 * A parsed sidecar checked, then without prototypes. Checked first: the checks read own keys and
 * fields no prototype has, so they judge the parse as they would its copy without prototypes, and
 * a ModelInsider sidecar's node map, checked to hold only strings, is then listed once, not twice
 * (500,000 keys took 0.2 s a listing).
 */
function asSidecar(file: string, data: unknown, kind: "htp" | "legacy"): Sidecars {
  try {
    if (kind === "legacy") return { legacy: validateLegacyHierarchy(withoutPrototypes(data)) };
    const htp = validateHtpMetadata(data);
    withoutPrototypes(htp, htp.nodes !== undefined ? new Set([htp.nodes]) : undefined);
    return { htp };
  } catch (err) {
    const what = kind === "htp" ? "_htp_metadata.json" : "_hierarchy.json";
    if (err instanceof SidecarError) throw new UserError(`${file}: not a valid ${what} sidecar: ${oneLine(err.message, 200)}`);
    if (err instanceof RangeError) throw new UserError(`${file}: not a valid ${what} sidecar: nested too deeply`);
    throw err;
  }
}

/**
 * Parsed JSON with every object's prototype removed: sidecar maps are keyed by names from the
 * model (`constructor`, `__proto__`), which must never meet Object.prototype. In place, on the
 * parse's own fresh objects: a copy of a sidecar's map of 500,000 node tags cost more than
 * parsing it. Objects in `flat` lose their prototype but their values are not visited (the caller
 * has checked that none is an object).
 */
export function withoutPrototypes(data: unknown, flat?: ReadonlySet<object>): unknown {
  const pending: unknown[] = [data];
  for (let x = pending.pop(); x !== undefined; x = pending.pop()) {
    if (typeof x !== "object" || x === null) continue;
    if (!Array.isArray(x)) Object.setPrototypeOf(x, null);
    // An object the caller knows holds no objects: its values are not listed again.
    if (flat?.has(x)) continue;
    const obj = x as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (typeof v === "object" && v !== null) pending.push(v);
    }
  }
  return data;
}

const isDir = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

/**
 * A sidecar found by its name in `dir` (not given by the user): it must be inside `dir`, so a
 * link pointing elsewhere is refused rather than followed. Undefined when there is none.
 */
function foundIn(dir: string, name: string): string | undefined {
  const file = path.join(dir, name);
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!st) return undefined;
  if (st.isSymbolicLink()) {
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      throw new UserError(`${file}: the sidecar is a link that leads nowhere`);
    }
    const realDir = fs.realpathSync(dir);
    if (path.dirname(real) !== realDir && !real.startsWith(realDir + path.sep)) {
      throw new UserError(`${file}: the sidecar is a link to a file outside its folder; give that file with --sidecar to use it`);
    }
  }
  return file;
}

/** Sidecars of one model: `<base>_htp_metadata.json` and `<base>_hierarchy.json` next to it or in the given places. */
export function findSidecars(modelFile: string, extra: string[], soleModel: boolean, maxBytes = MAX_SIDECAR_BYTES): { sidecars: Sidecars; files: string[] } {
  const base = path.basename(modelFile).replace(/\.onnx$/i, "");
  const dirs = [path.dirname(modelFile), ...extra.filter(isDir)];
  const explicit = extra.filter((p) => !isDir(p));
  for (const f of explicit) if (!fs.lstatSync(f, { throwIfNoEntry: false })) throw new UserError(`${f}: sidecar not found`);
  const sidecars: Sidecars = {};
  const files: string[] = [];
  const take = (file: string, kind: "htp" | "legacy", data?: unknown) => {
    if ((kind === "htp" && sidecars.htp) || (kind === "legacy" && sidecars.legacy)) return;
    Object.assign(sidecars, asSidecar(file, data ?? readJsonFile(file, "sidecar", maxBytes), kind));
    files.push(path.relative(path.dirname(modelFile), file).split(path.sep).join("/"));
  };
  for (const f of explicit) {
    const name = path.basename(f);
    if (name === `${base}_htp_metadata.json`) take(f, "htp");
    else if (name === `${base}_hierarchy.json`) take(f, "legacy");
    else if (soleModel) {
      const data = readJsonFile(f, "sidecar", maxBytes);
      const kind = typeof data === "object" && data !== null && "node_tags" in data ? "legacy" : "htp";
      take(f, kind, data);
    }
  }
  for (const d of dirs) {
    const htp = foundIn(d, `${base}_htp_metadata.json`);
    const legacy = foundIn(d, `${base}_hierarchy.json`);
    if (htp) take(htp, "htp");
    if (legacy) take(legacy, "legacy");
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
  // No content fingerprints: the engine never compares constants by their bytes (only the
  // evaluation's variants do), and fingerprinting every small weight and Constant was a sixth
  // of the decode of a large graph.
  const { model } = loadModelFile(file, { digestLimit: ENGINE_DIGEST_LIMIT });
  const found = findSidecars(file, sidecars.extra, sidecars.soleModel, sidecarLimit(model.graph.nodes.length));
  const report = analyzeModel({ name, model, sidecars: found.sidecars, sidecarFiles: found.files }, { ...options, now: options.now ?? (() => performance.now()) });
  const c = report.counts;
  return { report, line: `${name}: ${c.nodes} nodes, ${c.cases} cases, ${c.unresolved} unresolved, ${c.uncertain} uncertain (${Date.now() - started} ms)` };
}

/**
 * Model files from the command line: a file stands for itself, a folder for the .onnx files under
 * it (as the action's `models` input reads folders), sorted, links to folders not followed.
 */
export function expandModelPaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (!isDir(p)) {
      out.push(p);
      continue;
    }
    const found: string[] = [];
    const pending = [p];
    for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) pending.push(full);
        else if (/\.onnx$/i.test(e.name) && (e.isFile() || (e.isSymbolicLink() && !isDir(full)))) found.push(full);
      }
    }
    if (found.length === 0) throw new UserError(`${p}: no .onnx files in this folder`);
    out.push(...found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return out;
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
