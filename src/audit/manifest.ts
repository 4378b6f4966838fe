/**
 * The audit manifest: the models of a zoo, each an ONNX file or an export spec, with optional
 * per-model gate thresholds. JSON, so it needs no parser beyond the platform's.
 *
 *   {
 *     "confidenceThreshold": 0.7,
 *     "defaults": { "maxUnresolved": 0 },
 *     "models": [
 *       "zoo/resnet18.onnx",
 *       { "path": "zoo/bert.onnx", "sidecars": ["zoo/bert_htp_metadata.json"], "maxUnresolved": 2 },
 *       { "export": "models.gpt2:build", "inputs": ["input_ids:1x16:int64"], "output": "exports/gpt2.onnx" },
 *       { "export": "models.vit:build", "opset": 17, "dynamo": true, "output": "exports/vit.onnx" }
 *     ]
 *   }
 *
 * Paths are relative to the manifest's folder; a model's name in reports is its path as written
 * (normalised, '/' separators), so reports do not depend on where the audit ran. Pure: parsing
 * and validation only.
 */
import crypto from "node:crypto";
import path from "node:path";
import { isObject } from "../util/text.js";

export const MANIFEST_SCHEMA = "modelexport-manifest";

export interface ManifestEntry {
  /** The model's name in reports: its path (or the export's output) relative to the manifest. */
  name: string;
  /** The ONNX file, relative to the manifest's folder. */
  path: string;
  /** Set when the file is made by the bundled exporter before analysis, with this model's own settings. */
  export: ExportSettings | null;
  /** Sidecar files for this model (relative to the manifest), besides those found next to it. */
  sidecars: string[];
  /** The gate: the audit fails when this model has more unresolved cases. null: report only. */
  maxUnresolved: number | null;
  /** Relative cost for the shard split (default 1). */
  weight: number;
}

/** The exporter's settings for one model (the `modelexport export` options of the same names). */
export interface ExportSettings {
  model: string;
  /** Example inputs, `name:SHAPE:dtype[:low..high]` (`--input`). */
  inputs: string[];
  /** `package.module:function` returning the example inputs (`--inputs`). */
  inputsFrom: string | null;
  opset: number | null;
  dynamo: boolean;
  /** Write `<base>_htp_metadata.json` (default true; `--no-sidecar`). */
  sidecar: boolean;
}

export interface Manifest {
  confidenceThreshold: number;
  entries: ManifestEntry[];
  /** sha256 of the normalised manifest: shards of one audit must agree on it. */
  digest: string;
}

/** A manifest that cannot be used; the message names the field. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ManifestError";
  }
}

const ENTRY_KEYS = new Set(["path", "export", "inputs", "inputsFrom", "opset", "dynamo", "sidecar", "output", "sidecars", "maxUnresolved", "weight"]);
const EXPORT_ONLY_KEYS = ["inputs", "inputsFrom", "opset", "dynamo", "sidecar", "output"];
const TOP_KEYS = new Set(["$schema", "schema", "confidenceThreshold", "defaults", "models"]);

function normalisePath(p: string, where: string): string {
  if (p.trim() === "") throw new ManifestError(`${where}: empty path`);
  if (p.includes("\0")) throw new ManifestError(`${where}: path holds a NUL character`);
  const posix = p.replace(/\\/g, "/");
  const norm = path.posix.normalize(posix);
  return norm.startsWith("./") ? norm.slice(2) : norm;
}

function optionalCount(v: unknown, where: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new ManifestError(`${where}: must be a whole number of cases (0 or more), got ${JSON.stringify(v)}`);
  return v;
}

function stringList(v: unknown, where: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string" || s === "")) throw new ManifestError(`${where}: must be a list of non-empty strings`);
  return v as string[];
}

function parseEntry(raw: unknown, k: number, defaults: { maxUnresolved: number | null }): ManifestEntry {
  const where = `models[${k}]`;
  if (typeof raw === "string") {
    const p = normalisePath(raw, where);
    if (!/\.onnx$/i.test(p)) throw new ManifestError(`${where}: '${p}' is not an .onnx file`);
    return { name: p, path: p, export: null, sidecars: [], maxUnresolved: defaults.maxUnresolved, weight: 1 };
  }
  if (!isObject(raw)) throw new ManifestError(`${where}: must be a path or an object with "path" or "export"`);
  for (const key of Object.keys(raw)) {
    if (!ENTRY_KEYS.has(key)) throw new ManifestError(`${where}: unknown key "${key}" (known: ${[...ENTRY_KEYS].join(", ")})`);
  }
  const hasPath = raw.path !== undefined;
  const hasExport = raw.export !== undefined;
  if (hasPath === hasExport) throw new ManifestError(`${where}: give exactly one of "path" (an ONNX file) and "export" (package.module:factory)`);
  let file: string;
  let exp: ManifestEntry["export"] = null;
  if (hasPath) {
    if (typeof raw.path !== "string") throw new ManifestError(`${where}.path: must be a string`);
    for (const key of EXPORT_ONLY_KEYS) {
      if (raw[key] !== undefined) throw new ManifestError(`${where}.${key}: only for "export" entries`);
    }
    file = normalisePath(raw.path, `${where}.path`);
  } else {
    if (typeof raw.export !== "string" || raw.export.trim() === "") throw new ManifestError(`${where}.export: must be a model spec such as package.module:factory`);
    if (typeof raw.output !== "string") throw new ManifestError(`${where}.output: required with "export": the ONNX file to write (relative to the manifest)`);
    file = normalisePath(raw.output, `${where}.output`);
    let opset: number | null = null;
    if (raw.opset !== undefined) {
      if (typeof raw.opset !== "number" || !Number.isInteger(raw.opset) || raw.opset < 1) throw new ManifestError(`${where}.opset: must be a positive whole number`);
      opset = raw.opset;
    }
    for (const key of ["dynamo", "sidecar"]) {
      if (raw[key] !== undefined && typeof raw[key] !== "boolean") throw new ManifestError(`${where}.${key}: must be true or false`);
    }
    if (raw.inputsFrom !== undefined && (typeof raw.inputsFrom !== "string" || !/^[^\s:]+:[^\s:]+$/.test(raw.inputsFrom))) {
      throw new ManifestError(`${where}.inputsFrom: must be package.module:function`);
    }
    const inputs = stringList(raw.inputs, `${where}.inputs`);
    if (inputs.length > 0 && raw.inputsFrom !== undefined) throw new ManifestError(`${where}: give "inputs" or "inputsFrom", not both`);
    exp = {
      model: raw.export.trim(),
      inputs,
      inputsFrom: (raw.inputsFrom as string | undefined) ?? null,
      opset,
      dynamo: raw.dynamo === true,
      sidecar: raw.sidecar !== false,
    };
  }
  if (!/\.onnx$/i.test(file)) throw new ManifestError(`${where}: '${file}' is not an .onnx file`);
  let weight = 1;
  if (raw.weight !== undefined) {
    if (typeof raw.weight !== "number" || !Number.isFinite(raw.weight) || raw.weight <= 0) throw new ManifestError(`${where}.weight: must be a positive number`);
    weight = raw.weight;
  }
  return {
    name: file,
    path: file,
    export: exp,
    sidecars: stringList(raw.sidecars, `${where}.sidecars`).map((s, j) => normalisePath(s, `${where}.sidecars[${j}]`)),
    maxUnresolved: raw.maxUnresolved === undefined ? defaults.maxUnresolved : optionalCount(raw.maxUnresolved, `${where}.maxUnresolved`),
    weight,
  };
}

/** Parse and check a manifest's text. `ManifestError` names the field that is wrong. */
export function parseManifest(text: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(`not valid JSON: ${(err as Error).message}`);
  }
  if (!isObject(data)) throw new ManifestError(`must be a JSON object with a "models" list`);
  for (const key of Object.keys(data)) {
    if (!TOP_KEYS.has(key)) throw new ManifestError(`unknown key "${key}" (known: ${[...TOP_KEYS].join(", ")})`);
  }
  if (data.schema !== undefined && data.schema !== MANIFEST_SCHEMA) throw new ManifestError(`schema: expected "${MANIFEST_SCHEMA}", got ${JSON.stringify(data.schema)}`);
  let threshold = 0.7;
  if (data.confidenceThreshold !== undefined) {
    const t = data.confidenceThreshold;
    if (typeof t !== "number" || !(t >= 0 && t <= 1)) throw new ManifestError(`confidenceThreshold: must be a number in [0, 1], got ${JSON.stringify(t)}`);
    threshold = t;
  }
  const defaults = { maxUnresolved: null as number | null };
  if (data.defaults !== undefined) {
    if (!isObject(data.defaults)) throw new ManifestError(`defaults: must be an object`);
    for (const key of Object.keys(data.defaults)) {
      if (key !== "maxUnresolved") throw new ManifestError(`defaults: unknown key "${key}" (known: maxUnresolved)`);
    }
    defaults.maxUnresolved = optionalCount(data.defaults.maxUnresolved, "defaults.maxUnresolved");
  }
  if (!Array.isArray(data.models)) throw new ManifestError(`models: must be a list of model paths or entries`);
  if (data.models.length === 0) throw new ManifestError(`models: the list is empty`);
  const entries = data.models.map((m, k) => parseEntry(m, k, defaults));
  const seen = new Map<string, number>();
  entries.forEach((e, k) => {
    const first = seen.get(e.name);
    if (first !== undefined) throw new ManifestError(`models[${k}]: '${e.name}' is listed twice (first at models[${first}])`);
    seen.set(e.name, k);
  });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const digest = crypto.createHash("sha256").update(JSON.stringify({ threshold, entries })).digest("hex");
  return { confidenceThreshold: threshold, entries, digest };
}
