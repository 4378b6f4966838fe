import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  readJsonFile
} from "./chunk-I72EKTL3.js";
import {
  analyzeModel,
  buildReport
} from "./chunk-ORYZIPJU.js";
import {
  SidecarError,
  validateHtpMetadata,
  validateLegacyHierarchy
} from "./chunk-PAMJ3YLT.js";
import {
  loadModelFile
} from "./chunk-THE7XHCR.js";
import {
  UserError,
  oneLine
} from "./chunk-THEZH5GJ.js";

// src/pipeline.ts
import fs from "node:fs";
import path from "node:path";
var MAX_SIDECAR_BYTES = 64 * 1024 * 1024;
var SIDECAR_BYTES_PER_NODE = 512;
var ENGINE_DIGEST_LIMIT = 0;
function sidecarLimit(nodes) {
  return MAX_SIDECAR_BYTES + SIDECAR_BYTES_PER_NODE * nodes;
}
function reportName(file, cwd = process.cwd()) {
  const abs = path.resolve(file);
  const rel = path.relative(cwd, abs);
  const name = rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
  return name.split(path.sep).join("/");
}
function asSidecar(file, data, kind) {
  try {
    if (kind === "legacy") return { legacy: validateLegacyHierarchy(withoutPrototypes(data)) };
    const htp = validateHtpMetadata(data);
    withoutPrototypes(htp, htp.nodes !== void 0 ? /* @__PURE__ */ new Set([htp.nodes]) : void 0);
    return { htp };
  } catch (err) {
    const what = kind === "htp" ? "_htp_metadata.json" : "_hierarchy.json";
    if (err instanceof SidecarError) throw new UserError(`${file}: not a valid ${what} sidecar: ${oneLine(err.message, 200)}`);
    if (err instanceof RangeError) throw new UserError(`${file}: not a valid ${what} sidecar: nested too deeply`);
    throw err;
  }
}
function withoutPrototypes(data, flat) {
  const pending = [data];
  for (let x = pending.pop(); x !== void 0; x = pending.pop()) {
    if (typeof x !== "object" || x === null) continue;
    if (!Array.isArray(x)) Object.setPrototypeOf(x, null);
    if (flat?.has(x)) continue;
    const obj = x;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (typeof v === "object" && v !== null) pending.push(v);
    }
  }
  return data;
}
var isDir = (p) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
function foundIn(dir, name) {
  const file = path.join(dir, name);
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!st) return void 0;
  if (st.isSymbolicLink()) {
    let real;
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
function findSidecars(modelFile, extra, soleModel, maxBytes = MAX_SIDECAR_BYTES) {
  const base = path.basename(modelFile).replace(/\.onnx$/i, "");
  const dirs = [path.dirname(modelFile), ...extra.filter(isDir)];
  const explicit = extra.filter((p) => !isDir(p));
  for (const f of explicit) if (!fs.lstatSync(f, { throwIfNoEntry: false })) throw new UserError(`${f}: sidecar not found`);
  const sidecars = {};
  const files = [];
  const take = (file, kind, data) => {
    if (kind === "htp" && sidecars.htp || kind === "legacy" && sidecars.legacy) return;
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
function analyzeFile(file, name, sidecars, options = {}) {
  const started = Date.now();
  const { model } = loadModelFile(file, { digestLimit: ENGINE_DIGEST_LIMIT });
  const found = findSidecars(file, sidecars.extra, sidecars.soleModel, sidecarLimit(model.graph.nodes.length));
  const report = analyzeModel({ name, model, sidecars: found.sidecars, sidecarFiles: found.files }, { ...options, now: options.now ?? (() => performance.now()) });
  const c = report.counts;
  return { report, line: `${name}: ${c.nodes} nodes, ${c.cases} cases, ${c.unresolved} unresolved, ${c.uncertain} uncertain (${Date.now() - started} ms)` };
}
function expandModelPaths(paths) {
  const out = [];
  for (const p of paths) {
    if (!isDir(p)) {
      out.push(p);
      continue;
    }
    const found = [];
    const pending = [p];
    for (let dir = pending.pop(); dir !== void 0; dir = pending.pop()) {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) pending.push(full);
        else if (/\.onnx$/i.test(e.name) && (e.isFile() || e.isSymbolicLink() && !isDir(full))) found.push(full);
      }
    }
    if (found.length === 0) throw new UserError(`${p}: no .onnx files in this folder`);
    out.push(...found.sort((a, b) => a < b ? -1 : a > b ? 1 : 0));
  }
  return out;
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
  expandModelPaths,
  analyzeFiles
};
