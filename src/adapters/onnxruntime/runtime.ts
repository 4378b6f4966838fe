/**
 * ONNX Runtime adapter: loads `onnxruntime-node` only when a command needs it (analysis never
 * pays for the native library, and the action works without it), by package name or from an
 * explicit folder (the action installs it into a cache at run time), creates sessions from bytes,
 * generates deterministic inputs from a model's input types, and turns ONNX Runtime's messages
 * into one-line errors that name the operator and the reason.
 */
import { isReducedFloat, stepsAtScale } from "./precision.js";
import type { ShapeHints } from "./shape-hints.js";
import type * as OrtModule from "onnxruntime-node";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { UserError } from "../fs/model-file.js";
import { int64, type TensorMsg } from "../../load/encode.js";
import { seededRandom } from "../../util/random.js";

export type Ort = typeof OrtModule;
export type OrtTensor = OrtModule.Tensor;
export type OrtSession = OrtModule.InferenceSession;
export type TensorMap = Record<string, OrtTensor>;

/** The onnxruntime-node version modelexport is tested with (package.json's optionalDependencies; a test keeps them in step). */
export const ONNXRUNTIME_VERSION = "1.30.0";

/**
 * Where to load onnxruntime-node from instead of resolving the package name from modelexport's
 * own location: the package folder itself, or a folder whose `node_modules` holds it (an
 * `npm install --prefix` folder). The action sets it up for `validate-modules`.
 */
export const RUNTIME_PATH_ENV = "MODELEXPORT_ONNXRUNTIME_PATH";

export const INSTALL_HINT =
  `install it next to modelexport with \`ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node@${ONNXRUNTIME_VERSION}\` ` +
  `(CPU only; \`skip\` avoids the CUDA download), or point ${RUNTIME_PATH_ENV} at an installed copy`;

const PACKAGE = "onnxruntime-node";

let loaded: { location: string | null; promise: Promise<Ort> } | undefined;

/**
 * Import onnxruntime-node on first use; later calls share the first import (a process loads one
 * native ONNX Runtime). `location` (default: $MODELEXPORT_ONNXRUNTIME_PATH) is a folder holding
 * the package (see RUNTIME_PATH_ENV); without one the package is resolved by name.
 *
 * Throws a `UserError` saying how to install it when it is missing, and naming the loader's
 * reason when it is installed but cannot load.
 */
export function loadRuntime(location: string | undefined = process.env[RUNTIME_PATH_ENV] || undefined): Promise<Ort> {
  const where = location ? path.resolve(location) : null;
  if (loaded) {
    if (where !== null && loaded.location !== where) {
      return Promise.reject(new Error(`onnxruntime-node is already loaded from ${loaded.location ?? "its package name"}; cannot load a second copy from ${where}`));
    }
    return loaded.promise;
  }
  const promise = (async () => {
    if (where === null) return importRuntime((name) => import(name));
    const entry = runtimeEntry(where);
    return importRuntime(() => import(pathToFileURL(entry).href), where);
  })();
  loaded = { location: where, promise };
  promise.catch(() => {
    if (loaded?.promise === promise) loaded = undefined;
  });
  return promise;
}

/**
 * The file to import for onnxruntime-node at `location`: the package folder itself, or a folder
 * whose node_modules holds it. A `UserError` when neither holds the package.
 */
export function runtimeEntry(location: string): string {
  const candidates = [location, path.join(location, "node_modules", PACKAGE)];
  for (const dir of candidates) {
    const manifest = path.join(dir, "package.json");
    let name: unknown;
    try {
      name = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: unknown }).name;
    } catch {
      continue;
    }
    if (name !== PACKAGE) continue;
    // The package's own entry point ("main"), as Node resolves it.
    return createRequire(manifest).resolve(dir);
  }
  throw new UserError(`${location}: no ${PACKAGE} package there (looked for ${candidates.map((c) => path.join(c, "package.json")).join(" and ")}); ${INSTALL_HINT}`);
}

/**
 * The import behind `loadRuntime`, with the importer given (tests pass a failing one). `from`
 * names the folder it was loaded from, for the messages.
 */
export async function importRuntime(importer: (name: string) => Promise<unknown>, from?: string): Promise<Ort> {
  try {
    const mod = (await importer(PACKAGE)) as Ort & { default?: Ort };
    const ort = mod.InferenceSession ? mod : mod.default;
    if (!ort?.InferenceSession) throw new Error("the package has no InferenceSession export");
    return ort;
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const at = from ? ` at ${from}` : "";
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      const missing = from ? `${PACKAGE}${at} is incomplete (${((err as Error).message ?? "").split("\n")[0]})` : `ONNX Runtime is not installed: this check needs the ${PACKAGE} package`;
      throw new UserError(`${missing}; ${INSTALL_HINT}`);
    }
    const why = ((err as Error).message ?? String(err)).split("\n")[0];
    throw new UserError(`${PACKAGE} is installed${at} but could not be loaded (${why}); reinstall it: ${INSTALL_HINT}`);
  }
}

// --- ONNX element types -----------------------------------------------------------------------

/** ONNX TensorProto.DataType → ONNX Runtime's JavaScript tensor type; absent where the binding has none. */
const ORT_TYPES: Record<number, OrtModule.Tensor.Type> = {
  1: "float32",
  2: "uint8",
  3: "int8",
  4: "uint16",
  5: "int16",
  6: "int32",
  7: "int64",
  8: "string",
  9: "bool",
  10: "float16",
  11: "float64",
  12: "uint32",
  13: "uint64",
  21: "uint4",
  22: "int4",
};

export const ONNX_TYPE_NAMES: Record<number, string> = {
  1: "float",
  2: "uint8",
  3: "int8",
  4: "uint16",
  5: "int16",
  6: "int32",
  7: "int64",
  8: "string",
  9: "bool",
  10: "float16",
  11: "double",
  12: "uint32",
  13: "uint64",
  14: "complex64",
  15: "complex128",
  16: "bfloat16",
  17: "float8e4m3fn",
  18: "float8e4m3fnuz",
  19: "float8e5m2",
  20: "float8e5m2fnuz",
  21: "uint4",
  22: "int4",
  23: "float4e2m1",
};

export function ortType(elemType: number): OrtModule.Tensor.Type | undefined {
  return ORT_TYPES[elemType];
}

export function onnxElemType(type: string): number {
  for (const [k, v] of Object.entries(ORT_TYPES)) if (v === type) return Number(k);
  return 0;
}

// --- errors -----------------------------------------------------------------------------------

export interface OrtFailure {
  /** The reason as ONNX Runtime states it, without its prefixes. */
  reason: string;
  node?: string;
  opType?: string;
}

/** Pull the node, operator and reason out of an ONNX Runtime error message. */
export function explainOrtError(message: string): OrtFailure {
  let text = message.replace(/\r/g, "").trim();
  text = text.replace(/^\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*\w+\s*:\s*/, "");
  text = text.replace(/^Load model from .*? failed:\s*/s, "");
  text = text.replace(/^Error: /, "");
  let m = /In Node, \("([^"]*)", ([^,]+), "([^"]*)", -?\d+\) : .*?, Error (.*)$/s.exec(text);
  if (m) return { node: m[1]!, opType: m[3] ? `${m[3]}:${m[2]}` : m[2]!, reason: oneLine(m[4]!) };
  m = /Could not find an implementation for (\S+?)\((\d+)\) node with name '([^']*)'/.exec(text);
  if (m) {
    return { node: m[3]!, opType: m[1]!, reason: `ONNX Runtime has no CPU kernel for ${m[1]} (opset ${m[2]}) with these input types` };
  }
  m = /Non-zero status code returned while running (\S+) node\. Name:'([^']*)' Status Message: (.*)$/s.exec(text);
  if (m) return { node: m[2]!, opType: m[1]!, reason: oneLine(m[3]!) };
  text = text.replace(/^This is an invalid model\.\s*/, "the model is invalid: ");
  return { reason: oneLine(text) };
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, " ").trim();
  return line.length > 400 ? `${line.slice(0, 397)}...` : line;
}

function describe(f: OrtFailure): string {
  const where = f.node !== undefined ? `node '${f.node}'${f.opType ? ` (${f.opType})` : ""}: ` : f.opType ? `${f.opType}: ` : "";
  return `${where}${f.reason}`;
}

/** ONNX Runtime refused to load a model. */
export class OrtLoadError extends UserError {
  constructor(
    readonly label: string,
    readonly failure: OrtFailure,
  ) {
    super(`${label}: ONNX Runtime cannot load the model: ${describe(failure)}`);
    this.name = "OrtLoadError";
  }
}

/** ONNX Runtime loaded a model but failed while running it. */
export class OrtRunError extends UserError {
  constructor(
    readonly label: string,
    readonly failure: OrtFailure,
  ) {
    super(`${label}: ONNX Runtime failed while running the model: ${describe(failure)}`);
    this.name = "OrtRunError";
  }
}

/**
 * A model failed on generated inputs: ONNX Runtime's reason, the inputs it was given (with where
 * each free size came from) and how to choose other sizes or values.
 */
export class GeneratedInputsError extends UserError {
  constructor(
    readonly failed: OrtRunError,
    readonly tried: readonly string[],
  ) {
    super(failed.message, [
      "inputs tried:",
      ...tried.map((l) => `  ${l}`),
      `the sizes are generated: give an input's shape with --shape NAME=DIMS (for example --shape ${exampleShape(tried)}), ` +
        `and a scalar's value with --value NAME=NUMBER (for example --value sample_rate=16000)`,
    ]);
    this.name = "GeneratedInputsError";
  }
}

function exampleShape(tried: readonly string[]): string {
  const m = /^(\S+)\s+\S+\s+\[([^\]]*)\]/.exec(tried[0] ?? "");
  return m && m[2] ? `${m[1]}=${m[2].split(", ").join("x")}` : "input_ids=1x16";
}

/** Run a session on generated inputs; a run failure names the inputs tried and the options that change them. */
export async function runGenerated(session: OrtSession, specs: readonly InputSpec[], feeds: TensorMap, options: InputOptions, label: string, fetches?: readonly string[]): Promise<TensorMap> {
  try {
    return await runSession(session, feeds, label, fetches);
  } catch (err) {
    if (err instanceof OrtRunError) throw new GeneratedInputsError(err, describeInputs(specs, options));
    throw err;
  }
}

// --- sessions ---------------------------------------------------------------------------------

export interface SessionSettings {
  /**
   * Graph optimization level. Equivalence checks use "disabled": fusions differ between a
   * whole model and a cut of it, and fused kernels round differently.
   */
  optimization?: "disabled" | "basic" | "extended" | "all";
  /** Intra-op threads; 1 for reproducible runs. Default: ONNX Runtime's own choice. */
  threads?: number;
}

/** Create a CPU session from model bytes. `label` names the model in errors (usually its file). */
export async function createSession(ort: Ort, bytes: Uint8Array, label: string, settings: SessionSettings = {}): Promise<OrtSession> {
  const options: OrtModule.InferenceSession.SessionOptions = {
    executionProviders: ["cpu"],
    logSeverityLevel: 4,
    graphOptimizationLevel: settings.optimization ?? "all",
  };
  if (settings.threads !== undefined) options.intraOpNumThreads = settings.threads;
  try {
    return await ort.InferenceSession.create(bytes, options);
  } catch (err) {
    throw new OrtLoadError(label, explainOrtError(err instanceof Error ? err.message : String(err)));
  }
}

/**
 * A tensor as the Node binding takes it as an input. Where the platform has Float16Array (Node
 * 24), ONNX Runtime's JavaScript API keeps float16 data as Float16Array (even when given the bits
 * as a Uint16Array), and its Node binding refuses such an input ("not enough space: expected N,
 * got 0"): the feed then shows the same bytes as a Uint16Array, which the binding reads.
 */
export function asFeed(t: OrtTensor): OrtTensor {
  const data = t.data as unknown;
  if (t.type !== "float16" || data instanceof Uint16Array || !ArrayBuffer.isView(data)) return t;
  const bits = new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);
  return Object.create(t, { data: { value: bits, enumerable: true } }) as OrtTensor;
}

/** Run a session; failures become `OrtRunError` naming the node. */
export async function runSession(session: OrtSession, feeds: TensorMap, label: string, fetches?: readonly string[]): Promise<TensorMap> {
  try {
    const inputs: TensorMap = {};
    for (const [k, v] of Object.entries(feeds)) inputs[k] = asFeed(v);
    const out = fetches ? await session.run(inputs, fetches) : await session.run(inputs);
    const result: TensorMap = {};
    for (const [k, v] of Object.entries(out)) result[k] = v as OrtTensor;
    return result;
  } catch (err) {
    throw new OrtRunError(label, explainOrtError(err instanceof Error ? err.message : String(err)));
  }
}

// --- inputs -----------------------------------------------------------------------------------

export interface InputSpec {
  name: string;
  /** ONNX Runtime tensor type, or null for an input that is not a tensor (sequence, map, optional). */
  type: OrtModule.Tensor.Type | null;
  /** Fixed sizes, symbolic names, or null / "" for an unnamed free dimension. */
  shape: readonly (number | string | null)[];
}

/** The inputs a session expects, as ONNX Runtime reports them. */
export function sessionInputs(session: OrtSession): InputSpec[] {
  return session.inputMetadata.map((m) =>
    m.isTensor ? { name: m.name, type: m.type, shape: [...m.shape] } : { name: m.name, type: null, shape: [] },
  );
}

/** Parse `--shape name=1x8` values: name → dimensions (`name=` gives a scalar). */
export function parseShapes(specs: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const spec of specs) {
    const eq = spec.lastIndexOf("=");
    if (eq <= 0) throw new UserError(`--shape takes NAME=DIMS (for example input_ids=1x8), got '${spec}'`);
    const name = spec.slice(0, eq);
    const text = spec.slice(eq + 1).trim();
    const dims = text === "" ? [] : text.split(/[x,]/i).map((d) => Number(d.trim()));
    if (dims.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new UserError(`--shape ${name}: dimensions must be non-negative integers separated by 'x', got '${text}'`);
    }
    out.set(name, dims);
  }
  return out;
}

export interface InputOptions {
  /** Exact shapes per input name (from `--shape`). */
  shapes?: ReadonlyMap<string, readonly number[]>;
  /** Values per input name (from `--value`): every element of the input is this number. */
  values?: ReadonlyMap<string, number>;
  /** Sizes the model itself suggests for free axes (./shape-hints.ts), used before the defaults. */
  hints?: ShapeHints;
  /** Seed of the value generator. */
  seed?: number;
  /** Free dimension in the first axis of an input of rank >= 2 (the batch). Default 1. */
  batch?: number;
  /** Any other free dimension. Default 8. */
  dynamic?: number;
  /** Integer inputs (token ids, indices, masks) are drawn from [0, intHigh). Default 2. */
  intHigh?: number;
}

/** Where the size of one axis came from. */
export type DimSource =
  | { kind: "fixed" }
  | { kind: "shape" }
  | { kind: "named"; name: string }
  | { kind: "hint"; why: string }
  | { kind: "default"; name: string | null };

export interface ResolvedInput {
  dims: number[];
  sources: DimSource[];
}

/**
 * Resolve the shape of every input: `--shape` first, then the sizes its symbolic names bind for
 * the other inputs, then the model's hints, then the defaults (1 for a leading batch axis, 8).
 */
export function resolveInputs(specs: readonly InputSpec[], options: InputOptions = {}): Map<string, ResolvedInput> {
  const shapes = options.shapes ?? new Map<string, readonly number[]>();
  const names = new Set(specs.map((s) => s.name));
  for (const name of shapes.keys()) {
    if (!names.has(name)) throw new UserError(`--shape names '${name}', which is not an input of the model (inputs: ${[...names].join(", ") || "none"})`);
  }
  for (const name of options.values?.keys() ?? []) {
    if (!names.has(name)) throw new UserError(`--value names '${name}', which is not an input of the model (inputs: ${[...names].join(", ") || "none"})`);
  }
  const bound = new Map<string, number>();
  for (const s of specs) {
    const given = shapes.get(s.name);
    if (!given) continue;
    if (s.shape.length > 0 && given.length !== s.shape.length) {
      throw new UserError(`--shape ${s.name}: the input has rank ${s.shape.length} (${fmtShape(s.shape)}), got ${given.length} dimensions`);
    }
    s.shape.forEach((d, i) => {
      if (typeof d === "number" && d >= 0 && d !== given[i]) {
        throw new UserError(`--shape ${s.name}: axis ${i} of the input is fixed at ${d}, got ${given[i]}`);
      }
      if (typeof d === "string" && d !== "" && !bound.has(d)) bound.set(d, given[i]!);
    });
  }
  const out = new Map<string, ResolvedInput>();
  for (const s of specs) {
    const given = shapes.get(s.name);
    if (given) {
      out.set(s.name, { dims: [...given], sources: given.map((): DimSource => ({ kind: "shape" })) });
      continue;
    }
    const hints = options.hints?.get(s.name);
    const sources: DimSource[] = [];
    const dims = s.shape.map((d, i) => {
      if (typeof d === "number" && d >= 0) {
        sources.push({ kind: "fixed" });
        return d;
      }
      const name = typeof d === "string" && d !== "" ? d : null;
      if (name !== null && bound.has(name)) {
        sources.push({ kind: "named", name });
        return bound.get(name)!;
      }
      const hint = hints?.[i];
      let size: number;
      if (hint) {
        size = hint.size;
        sources.push({ kind: "hint", why: hint.why });
      } else {
        size = i === 0 && s.shape.length >= 2 ? (options.batch ?? 1) : (options.dynamic ?? 8);
        sources.push({ kind: "default", name });
      }
      if (name !== null) bound.set(name, size);
      return size;
    });
    out.set(s.name, { dims, sources });
  }
  return out;
}

/** The shape of every input (see `resolveInputs`). */
export function resolveShapes(specs: readonly InputSpec[], options: InputOptions = {}): Map<string, number[]> {
  return new Map([...resolveInputs(specs, options)].map(([k, v]) => [k, v.dims]));
}

/**
 * The inputs as they were generated, one line each, with where each free size came from:
 * `input_ids  int64  [1, 16]  (axis 1 'sequence': 16 from broadcast against 'pos' [1, 16, 4] at node 'Add')`.
 */
export function describeInputs(specs: readonly InputSpec[], options: InputOptions = {}): string[] {
  const resolved = resolveInputs(specs, options);
  return specs.map((s) => {
    const r = resolved.get(s.name)!;
    const notes: string[] = [];
    r.sources.forEach((src, i) => {
      const axis = `axis ${i}${s.shape[i] && typeof s.shape[i] === "string" ? ` '${s.shape[i]}'` : ""}`;
      if (src.kind === "shape") {
        if (i === 0) notes.push("from --shape");
      } else if (src.kind === "named") notes.push(`${axis}: ${r.dims[i]}, as '${src.name}' of another input`);
      else if (src.kind === "hint") notes.push(`${axis}: ${r.dims[i]} from the model (${src.why})`);
      else if (src.kind === "default") notes.push(`${axis}: ${r.dims[i]} by default`);
    });
    const value = options.values?.get(s.name);
    if (value !== undefined) notes.push(`every element ${value} (--value)`);
    else if (r.dims.length === 0 && s.type !== null && s.type !== "string" && s.type !== "bool") notes.push(`a scalar, generated in ${s.type.startsWith("float") ? "[-1, 1)" : `[0, ${options.intHigh ?? 2})`}`);
    return `${s.name}  ${s.type ?? "non-tensor"}  [${r.dims.join(", ")}]${notes.length ? `  (${notes.join("; ")})` : ""}`;
  });
}

/** Parse `--value name=16000` values: name → number. */
export function parseValues(specs: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const spec of specs) {
    const eq = spec.lastIndexOf("=");
    const text = eq > 0 ? spec.slice(eq + 1).trim() : "";
    const value = text === "" ? NaN : Number(text);
    if (eq <= 0 || !Number.isFinite(value)) throw new UserError(`--value takes NAME=NUMBER (for example sample_rate=16000), got '${spec}'`);
    out.set(spec.slice(0, eq), value);
  }
  return out;
}

export function fmtShape(shape: readonly (number | string | null)[]): string {
  return `[${shape.map((d) => (d === null || d === "" ? "?" : String(d))).join(", ")}]`;
}

function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A number → IEEE 754 half-precision bits, rounding to nearest even. */
export function toHalf(value: number): number {
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const abs = Math.abs(value);
  if (Number.isNaN(value)) return 0x7e00;
  if (abs >= 65520) return sign | 0x7c00;
  if (abs < 2 ** -14) return sign | roundEven(abs / 2 ** -24);
  let e = Math.floor(Math.log2(abs));
  if (2 ** e > abs) e--;
  else if (2 ** (e + 1) <= abs) e++;
  let m = roundEven((abs / 2 ** e - 1) * 1024);
  if (m === 1024) {
    m = 0;
    e++;
  }
  if (e + 15 >= 0x1f) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | m;
}

function roundEven(x: number): number {
  const f = Math.floor(x);
  const r = x - f;
  return r > 0.5 || (r === 0.5 && f % 2 === 1) ? f + 1 : f;
}

/**
 * Deterministic inputs for a model: floats uniform in [-1, 1), integers in [0, intHigh), bools
 * random. Each input's values depend on the seed and its name only, not on input order.
 */
export function generateInputs(ort: Ort, specs: readonly InputSpec[], options: InputOptions = {}): TensorMap {
  const shapes = resolveShapes(specs, options);
  const seed = options.seed ?? 0;
  const intHigh = options.intHigh ?? 2;
  const feeds: TensorMap = {};
  for (const s of specs) {
    if (s.type === null) throw new UserError(`input '${s.name}' is not a tensor (a sequence, map or optional value): inputs of that kind cannot be generated`);
    const dims = shapes.get(s.name)!;
    const n = dims.reduce((a, b) => a * b, 1);
    const rand = seededRandom(seed ^ hashName(s.name));
    const fixed = options.values?.get(s.name);
    if (fixed !== undefined && (s.type === "string" || (s.type !== "float32" && s.type !== "float64" && s.type !== "float16" && !Number.isInteger(fixed)))) {
      throw new UserError(`--value ${s.name}=${fixed}: the input is ${s.type}${s.type === "string" ? "" : ", which takes whole numbers"}`);
    }
    const float = fixed !== undefined ? () => fixed : () => rand() * 2 - 1;
    const int = fixed !== undefined ? () => fixed : () => Math.floor(rand() * intHigh);
    let t: OrtTensor;
    switch (s.type) {
      case "float32":
        t = new ort.Tensor("float32", Float32Array.from({ length: n }, float), dims);
        break;
      case "float64":
        t = new ort.Tensor("float64", Float64Array.from({ length: n }, float), dims);
        break;
      case "float16":
        t = new ort.Tensor("float16", Uint16Array.from({ length: n }, () => toHalf(float())), dims);
        break;
      case "int64":
        t = new ort.Tensor("int64", BigInt64Array.from({ length: n }, () => BigInt(int())), dims);
        break;
      case "uint64":
        t = new ort.Tensor("uint64", BigUint64Array.from({ length: n }, () => BigInt(int())), dims);
        break;
      case "int32":
        t = new ort.Tensor("int32", Int32Array.from({ length: n }, int), dims);
        break;
      case "uint32":
        t = new ort.Tensor("uint32", Uint32Array.from({ length: n }, int), dims);
        break;
      case "int16":
        t = new ort.Tensor("int16", Int16Array.from({ length: n }, int), dims);
        break;
      case "uint16":
        t = new ort.Tensor("uint16", Uint16Array.from({ length: n }, int), dims);
        break;
      case "int8":
        t = new ort.Tensor("int8", Int8Array.from({ length: n }, int), dims);
        break;
      case "uint8":
        t = new ort.Tensor("uint8", Uint8Array.from({ length: n }, int), dims);
        break;
      case "bool":
        t = new ort.Tensor("bool", Uint8Array.from({ length: n }, () => (fixed !== undefined ? (fixed ? 1 : 0) : rand() < 0.5 ? 1 : 0)), dims);
        break;
      case "string":
        t = new ort.Tensor("string", Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(rand() * 26)).repeat(1 + int())), dims);
        break;
      default:
        throw new UserError(`input '${s.name}' has element type ${s.type}, for which inputs cannot be generated`);
    }
    feeds[s.name] = t;
  }
  return feeds;
}

// --- TensorProto → tensor ---------------------------------------------------------------------

const BYTES_PER: Record<string, number> = {
  float32: 4,
  float64: 8,
  float16: 2,
  int64: 8,
  uint64: 8,
  int32: 4,
  uint32: 4,
  int16: 2,
  uint16: 2,
  int8: 1,
  uint8: 1,
  bool: 1,
};

/** A TensorProto (for example a test_data_set input_N.pb) as an ONNX Runtime tensor. */
export function tensorFromProto(ort: Ort, t: TensorMsg): OrtTensor {
  const elem = t.dataType ?? 0;
  const type = ortType(elem);
  const dims = (t.dims ?? []).map(int64);
  const n = dims.reduce((a, b) => a * b, 1);
  const what = `tensor '${t.name ?? ""}'`;
  if (!type || type === "uint4" || type === "int4") {
    throw new UserError(`${what} has element type ${ONNX_TYPE_NAMES[elem] ?? elem}, which the ONNX Runtime Node binding cannot take`);
  }
  if ((t.externalData?.length ?? 0) > 0 || t.dataLocation === 1) throw new UserError(`${what} keeps its data in an external file`);
  if (type === "string") {
    const dec = new TextDecoder();
    return new ort.Tensor("string", (t.stringData ?? []).map((b) => dec.decode(b)), dims);
  }
  const raw = t.rawData && t.rawData.length > 0 ? t.rawData : undefined;
  if (raw) {
    const size = BYTES_PER[type]!;
    if (raw.length !== n * size) throw new UserError(`${what} has ${raw.length} bytes of data for ${n} elements of ${type}`);
    const buf = new ArrayBuffer(raw.length);
    new Uint8Array(buf).set(raw);
    return new ort.Tensor(type as "float32", typedView(type, buf) as Float32Array, dims);
  }
  // Typed fields, per onnx.proto: float_data, double_data, int64_data, uint64_data, and
  // int32_data for every smaller integer type, bool and float16 (as bits).
  let data: ArrayLike<number | bigint>;
  switch (type) {
    case "float32":
      data = t.floatData ?? [];
      break;
    case "float64":
      data = t.doubleData ?? [];
      break;
    case "int64":
      data = (t.int64Data ?? []).map((v) => BigInt(int64(v)));
      break;
    case "uint64":
      data = (t.uint64Data ?? []).map((v) => BigInt.asUintN(64, BigInt(int64(v))));
      break;
    case "uint32":
      data = (t.uint64Data ?? []).map(int64);
      break;
    default:
      data = t.int32Data ?? [];
  }
  if (data.length !== n) throw new UserError(`${what} has ${data.length} values for shape ${fmtShape(dims)}`);
  const buf = new ArrayBuffer(n * BYTES_PER[type]!);
  const view = typedView(type, buf);
  for (let i = 0; i < n; i++) (view as unknown as (number | bigint)[])[i] = data[i]!;
  return new ort.Tensor(type as "float32", view as Float32Array, dims);
}

function typedView(type: OrtModule.Tensor.Type, buf: ArrayBuffer): ArrayBufferView {
  switch (type) {
    case "float32":
      return new Float32Array(buf);
    case "float64":
      return new Float64Array(buf);
    case "int64":
      return new BigInt64Array(buf);
    case "uint64":
      return new BigUint64Array(buf);
    case "int32":
      return new Int32Array(buf);
    case "uint32":
      return new Uint32Array(buf);
    case "int16":
      return new Int16Array(buf);
    case "uint16":
    case "float16":
      return new Uint16Array(buf);
    case "int8":
      return new Int8Array(buf);
    default:
      return new Uint8Array(buf);
  }
}

// --- comparison -------------------------------------------------------------------------------

export interface TensorDiff {
  sameType: boolean;
  sameShape: boolean;
  /** Same type, shape and bytes. */
  bitExact: boolean;
  /** Largest |a - b| over the elements (NaN against NaN counts 0, NaN against a number Infinity); null when types or shapes differ. */
  maxAbsDiff: number | null;
  /** float16 / bfloat16: the largest difference in rounding steps of the format at the tensors' scale (see precision.ts); null for other types. */
  maxSteps: number | null;
}

/** Elements of a tensor as numbers (float16 decoded, int64 converted, bool 0/1); null for strings. */
export function tensorNumbers(t: OrtTensor): ArrayLike<number> | null {
  const data = t.data as unknown;
  if (t.type === "string") return null;
  if (t.type === "float16") return data instanceof Uint16Array ? Float32Array.from(data, fromHalf) : Float32Array.from(data as ArrayLike<number>);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Array.from(data, (v) => Number(v));
  return data as ArrayLike<number>;
}

export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

function bytesOf(t: OrtTensor): Uint8Array | null {
  const data = t.data as unknown;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

export function diffTensors(a: OrtTensor, b: OrtTensor): TensorDiff {
  const sameType = a.type === b.type;
  const sameShape = a.dims.length === b.dims.length && a.dims.every((d, i) => d === b.dims[i]);
  if (!sameType || !sameShape) return { sameType, sameShape, bitExact: false, maxAbsDiff: null, maxSteps: null };
  if (a.type === "string") {
    const x = a.data as string[];
    const y = b.data as string[];
    const equal = x.length === y.length && x.every((s, i) => s === y[i]);
    return { sameType, sameShape, bitExact: equal, maxAbsDiff: equal ? 0 : Infinity, maxSteps: null };
  }
  const ab = bytesOf(a);
  const bb = bytesOf(b);
  const bitExact = !!ab && !!bb && ab.length === bb.length && Buffer.compare(Buffer.from(ab.buffer, ab.byteOffset, ab.length), Buffer.from(bb.buffer, bb.byteOffset, bb.length)) === 0;
  const reduced = isReducedFloat(a.type) ? a.type : null;
  if (bitExact) return { sameType, sameShape, bitExact, maxAbsDiff: 0, maxSteps: reduced ? 0 : null };
  const x = tensorNumbers(a)!;
  const y = tensorNumbers(b)!;
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const p = x[i]!;
    const q = y[i]!;
    const nanP = Number.isNaN(p);
    const nanQ = Number.isNaN(q);
    const d = nanP || nanQ ? (nanP && nanQ ? 0 : Infinity) : p === q ? 0 : Math.abs(p - q);
    if (d > max || Number.isNaN(d)) max = Number.isNaN(d) ? Infinity : d;
  }
  const maxSteps = reduced ? stepsAtScale(x, y, reduced) : null;
  return { sameType, sameShape, bitExact, maxAbsDiff: max, maxSteps };
}
