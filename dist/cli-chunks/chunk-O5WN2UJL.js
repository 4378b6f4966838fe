import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  readJsonFile
} from "./chunk-2WV3DSPV.js";
import {
  analyzeModel,
  buildReport
} from "./chunk-IQMRBHXW.js";
import {
  SidecarError,
  validateHtpMetadata,
  validateLegacyHierarchy
} from "./chunk-ERVH43Z2.js";
import {
  UserError,
  loadModelFile
} from "./chunk-UWEOBCVG.js";

// src/pipeline.ts
import fs from "node:fs";
import path from "node:path";
function reportName(file, cwd = process.cwd()) {
  const abs = path.resolve(file);
  const rel = path.relative(cwd, abs);
  const name = rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
  return name.split(path.sep).join("/");
}
function asSidecar(file, data, kind) {
  try {
    return kind === "htp" ? { htp: validateHtpMetadata(data) } : { legacy: validateLegacyHierarchy(data) };
  } catch (err) {
    if (err instanceof SidecarError) throw new UserError(`${file}: not a valid ${kind === "htp" ? "_htp_metadata.json" : "_hierarchy.json"} sidecar: ${err.message}`);
    throw err;
  }
}
function findSidecars(modelFile, extra, soleModel) {
  const base = path.basename(modelFile).replace(/\.onnx$/i, "");
  const dirs = [path.dirname(modelFile), ...extra.filter((p) => fs.existsSync(p) && fs.statSync(p).isDirectory())];
  const explicit = extra.filter((p) => !(fs.existsSync(p) && fs.statSync(p).isDirectory()));
  for (const f of explicit) if (!fs.existsSync(f)) throw new UserError(`${f}: sidecar not found`);
  const sidecars = {};
  const files = [];
  const take = (file, kind) => {
    if (kind === "htp" && sidecars.htp || kind === "legacy" && sidecars.legacy) return;
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
function analyzeFile(file, name, sidecars, options = {}) {
  const started = Date.now();
  const { model } = loadModelFile(file);
  const found = findSidecars(file, sidecars.extra, sidecars.soleModel);
  const report = analyzeModel({ name, model, sidecars: found.sidecars, sidecarFiles: found.files }, { ...options, now: options.now ?? (() => performance.now()) });
  const c = report.counts;
  return { report, line: `${name}: ${c.nodes} nodes, ${c.cases} cases, ${c.unresolved} unresolved (${Date.now() - started} ms)` };
}
function analyzeFiles(files, options = {}) {
  if (files.length === 0) throw new UserError("no ONNX models given");
  const models = [];
  const unique = [...new Set(files)];
  unique.forEach((file, k) => {
    const { report, line } = analyzeFile(file, reportName(file), { extra: options.sidecars ?? [], soleModel: unique.length === 1 }, options);
    models.push(report);
    options.onProgress?.(`[${k + 1}/${unique.length}] ${line}`);
  });
  return buildReport(models, options);
}

export {
  analyzeFile,
  analyzeFiles
};
