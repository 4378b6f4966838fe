/**
 * ONNX Runtime adapter, the full decode/re-encode path and the enhanced-ONNX writer, against
 * ONNX Runtime itself: the ONNX project's backend test models with their expected outputs, and
 * real torch exports.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { conformanceModels, corpusDir, python, repoRoot } from "./corpus.js";
import { fixturePath } from "./support/torch-fixtures.js";
import {
  createSession,
  diffTensors,
  explainOrtError,
  fromHalf,
  generateInputs,
  importRuntime,
  INSTALL_HINT,
  loadRuntime,
  OrtLoadError,
  parseShapes,
  parseValues,
  resolveShapes,
  runSession,
  sessionInputs,
  tensorFromProto,
  tensorNumbers,
  toHalf,
  type Ort,
  type OrtTensor,
  type TensorMap,
} from "../src/adapters/onnxruntime/runtime.js";
import { UserError } from "../src/adapters/fs/model-file.js";
import { decodeModelMessage, encodeModelMessage, forEachNodeMessage, type ModelMsg, type TensorMsg, type TypeMsg } from "../src/load/encode.js";
import { decodeModel, bytesSource } from "../src/load/decode.js";
import { buildGraphIndex } from "../src/load/graph-index.js";
import { onnxTypes } from "../src/load/onnx-schema.js";
import { applyTags, CONTEXT_KEYS, tagsFromMembership, writeEnhancedModel, type NodeTags } from "../src/extract/enhance.js";
import { membershipFromScopes } from "../src/extract/extract.js";
import { main } from "../src/cli/main.js";
import { stepAt, stepsAtScale } from "../src/adapters/onnxruntime/precision.js";
import { shapeHints } from "../src/adapters/onnxruntime/shape-hints.js";

/** numpy.testing.assert_allclose, as the ONNX backend test runner calls it (onnx/backend/test/runner). */
const RTOL = 1e-3;
const ATOL = 1e-7;

function allclose(actual: OrtTensor, expected: OrtTensor): string | null {
  if (actual.type !== expected.type) return `dtype ${actual.type}, expected ${expected.type}`;
  if (actual.dims.join("x") !== expected.dims.join("x")) return `shape [${actual.dims}], expected [${expected.dims}]`;
  if (actual.type === "string") {
    const a = actual.data as string[];
    const e = expected.data as string[];
    return a.every((s, i) => s === e[i]) ? null : "strings differ";
  }
  const a = tensorNumbers(actual)!;
  const e = tensorNumbers(expected)!;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = e[i]!;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === y) continue;
    if (!(Math.abs(x - y) <= ATOL + RTOL * Math.abs(y))) return `element ${i}: ${x}, expected ${y}`;
  }
  return null;
}

function kindOf(t: TypeMsg | null | undefined): string {
  if (!t) return "unknown";
  if (t.tensorType) return "tensor";
  if (t.sequenceType) return "sequence";
  if (t.optionalType) return "optional";
  if (t.mapType) return "map";
  if (t.sparseTensorType) return "sparse tensor";
  return "unknown";
}

function readTensor(file: string): TensorMsg {
  return onnxTypes().TensorProto.decode(fs.readFileSync(file)) as unknown as TensorMsg;
}

interface DataSet {
  inputs: string[];
  outputs: string[];
}

function dataSets(dir: string): DataSet[] {
  const byIndex = (prefix: string, d: string) =>
    fs
      .readdirSync(d)
      .filter((f) => f.startsWith(prefix) && f.endsWith(".pb"))
      .sort((a, b) => parseInt(a.slice(prefix.length), 10) - parseInt(b.slice(prefix.length), 10))
      .map((f) => path.join(d, f));
  return fs
    .readdirSync(dir)
    .filter((d) => d.startsWith("test_data_set"))
    .sort()
    .map((d) => path.join(dir, d))
    .map((d) => ({ inputs: byIndex("input_", d), outputs: byIndex("output_", d) }));
}

/** Tags on every node (subgraphs and functions included), as the engine would write them. */
function tagEverything(model: ModelMsg): Map<string, NodeTags> {
  const tags = new Map<string, NodeTags>();
  forEachNodeMessage(model, (_n, id) => tags.set(id, { primary: `layer.${tags.size % 3}`, auxiliary: ["encoder"], strategy: "exporter-scope", confidence: 0.75 }));
  return tags;
}

type Outcome =
  | { status: "matched" }
  | { status: "skipped"; reason: string }
  | { status: "failed"; reason: string };

async function runOne(ort: Ort, file: string): Promise<Outcome> {
  const original = fs.readFileSync(file);
  const model = decodeModelMessage(original);
  const reencoded = encodeModelMessage(model);
  const enhancedModel = decodeModelMessage(original);
  applyTags(enhancedModel, tagEverything(enhancedModel));
  const enhanced = encodeModelMessage(enhancedModel);

  for (const v of model.graph.input) {
    const kind = kindOf(v.type);
    if (kind !== "tensor") return { status: "skipped", reason: `${kind} input (the Node binding takes tensors only)` };
  }
  for (const v of model.graph.output) {
    const kind = kindOf(v.type);
    if (kind !== "tensor") return { status: "skipped", reason: `${kind} output (the Node binding returns tensors only)` };
  }
  let sessions;
  try {
    sessions = [await createSession(ort, original, file), await createSession(ort, reencoded, `${file} (re-encoded)`), await createSession(ort, enhanced, `${file} (enhanced)`)];
  } catch (err) {
    if (!(err instanceof OrtLoadError)) throw err;
    if (err.label !== file) return { status: "failed", reason: `only the rewritten model fails to load: ${err.message}` };
    const r = err.failure.reason;
    const group = /No Op registered|Unrecognized domain|not a registered function/i.test(r)
      ? "ONNX Runtime does not know the operator"
      : /Could not find an implementation|no CPU kernel/i.test(r)
        ? "no CPU kernel for the operator and types"
        : /is under development|not support|not implemented/i.test(r)
          ? "unsupported by ONNX Runtime"
          : "ONNX Runtime rejects the model";
    return { status: "skipped", reason: `${group} (${err.failure.opType ?? r.slice(0, 60)})` };
  }
  try {
    for (const set of dataSets(path.dirname(file))) {
      const feeds: TensorMap = {};
      try {
        set.inputs.forEach((f, i) => {
          const name = model.graph.input[i]!.name;
          feeds[name] = tensorFromProto(ort, readTensor(f));
        });
      } catch (err) {
        if (err instanceof UserError) return { status: "skipped", reason: `input ${err.message.replace(/^tensor '[^']*' /, "")}` };
        throw err;
      }
      const expected = set.outputs.map((f) => tensorFromProto(ort, readTensor(f)));
      const outNames = model.graph.output.map((o) => o.name);
      let results: TensorMap[];
      try {
        results = [];
        for (const s of sessions) results.push(await runSession(s, feeds, file, outNames));
      } catch (err) {
        return { status: "skipped", reason: `ONNX Runtime fails to run it: ${(err as Error).message.replace(/^.*?: ONNX Runtime failed while running the model: /, "").slice(0, 80)}` };
      }
      const [orig, re, enh] = results as [TensorMap, TensorMap, TensorMap];
      for (const [i, name] of outNames.entries()) {
        // The rewritten models must compute exactly what the original computes.
        for (const [what, r] of [["re-encoded", re], ["enhanced", enh]] as const) {
          const d = diffTensors(r[name]!, orig[name]!);
          const same = d.bitExact || (d.sameType && d.sameShape && d.maxAbsDiff === 0);
          if (!same) return { status: "failed", reason: `${what} model output '${name}' differs from the original's (max |diff| ${d.maxAbsDiff})` };
        }
        const want = expected[i];
        if (!want) continue;
        const bad = allclose(re[name]!, want);
        if (bad) {
          // The original bytes give the same answer (checked above): ONNX Runtime's own gap.
          return { status: "skipped", reason: "ONNX Runtime's result differs from the reference output" };
        }
      }
    }
  } finally {
    for (const s of sessions) await s.release();
  }
  return { status: "matched" };
}

describe("conformance corpus through ONNX Runtime", () => {
  it("decodes, re-encodes, tags and runs every model ONNX Runtime supports; outputs match the expected ones", async () => {
    const ort = await loadRuntime();
    const files = conformanceModels().filter((f) => fs.readdirSync(path.dirname(f)).some((d) => d.startsWith("test_data_set")));
    const t0 = Date.now();
    let matched = 0;
    const skipped = new Map<string, string[]>();
    const failed: string[] = [];
    for (const f of files) {
      const o = await runOne(ort, f);
      const name = path.relative("/usr/share/libonnx-testdata/data", path.dirname(f));
      if (o.status === "matched") matched++;
      else if (o.status === "skipped") skipped.set(o.reason, [...(skipped.get(o.reason) ?? []), name]);
      else failed.push(`${name}: ${o.reason}`);
    }
    const nSkipped = [...skipped.values()].reduce((s, l) => s + l.length, 0);
    const lines = [`conformance: ${files.length} models run, ${matched} matched, ${nSkipped} skipped, ${failed.length} failed, in ${((Date.now() - t0) / 1000).toFixed(1)} s`];
    const groups = new Map<string, string[]>();
    for (const [reason, names] of skipped) {
      const key = reason.replace(/ \(.*\)$/, "");
      groups.set(key, [...(groups.get(key) ?? []), ...names.map((n) => `${n}${reason !== key ? ` ${reason.slice(key.length + 1)}` : ""}`)]);
    }
    for (const [key, names] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
      // ONNX Runtime's own disagreements with the reference are listed in full: each is a claim about ORT.
      const shown = key.startsWith("ONNX Runtime's result differs") ? names : names.slice(0, 4);
      lines.push(`  skipped ${String(names.length).padStart(4)}: ${key}: ${shown.join(", ")}${names.length > shown.length ? ", ..." : ""}`);
    }
    for (const f of failed) lines.push(`  FAILED ${f}`);
    console.log(lines.join("\n"));
    expect(failed).toEqual([]);
    expect(matched).toBeGreaterThan(files.length * 0.75);
  }, 300_000);

  it("gives every node the id the graph index gives it", () => {
    for (const f of conformanceModels()) {
      const bytes = fs.readFileSync(f);
      const ids: string[] = [];
      forEachNodeMessage(decodeModelMessage(bytes), (_n, id) => ids.push(id));
      expect(ids, f).toEqual(buildGraphIndex(decodeModel(bytesSource(bytes))).nodes.map((n) => n.id));
    }
  });
});

describe("the runtime adapter", () => {
  it("says how to install onnxruntime-node when it is missing, and why it failed when it cannot load", async () => {
    const missing = Object.assign(new Error("Cannot find package 'onnxruntime-node' imported from /x.js"), { code: "ERR_MODULE_NOT_FOUND" });
    await expect(importRuntime(() => Promise.reject(missing))).rejects.toThrow(new UserError(`ONNX Runtime is not installed: this check needs the onnxruntime-node package; ${INSTALL_HINT}`));
    const broken = Object.assign(new Error("libonnxruntime.so.1: cannot open shared object file\nmore"), { code: "ERR_DLOPEN_FAILED" });
    await expect(importRuntime(() => Promise.reject(broken))).rejects.toThrow(/^onnxruntime-node is installed but could not be loaded \(libonnxruntime\.so\.1: cannot open shared object file\); reinstall it: /);
    expect(INSTALL_HINT).toContain("npm install onnxruntime-node@1.30.0");
  });

  it("is imported only when a check runs: no static import of onnxruntime-node anywhere in src/", () => {
    const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "src");
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
    for (const f of files) {
      const text = fs.readFileSync(path.join(root, f), "utf8");
      expect(text, f).not.toMatch(/^import (?!type )[^;]*["']onnxruntime-node["']/m);
    }
    // The pure stages never reach the adapter.
    for (const f of ["extract/extract.ts", "extract/enhance.ts", "load/encode.ts"]) {
      expect(fs.readFileSync(path.join(root, f), "utf8"), f).not.toContain("adapters/onnxruntime");
    }
  });

  const corpusIndex = path.join(corpusDir, "index.json");
  it.runIf(fs.existsSync(corpusIndex))("runs the corpus models on their example inputs and agrees with torch", async () => {
    const ort = await loadRuntime();
    const index = JSON.parse(fs.readFileSync(corpusIndex, "utf8")) as { models: { name: string; file: string; test_data?: string | null }[] };
    let checked = 0;
    for (const entry of index.models) {
      if (!entry.test_data) continue;
      const dir = path.join(corpusDir, entry.test_data);
      const bytes = fs.readFileSync(path.join(corpusDir, entry.file));
      const model = decodeModelMessage(bytes);
      const session = await createSession(ort, bytes, entry.name);
      const pb = (prefix: string) => fs.readdirSync(dir).filter((f) => f.startsWith(prefix)).sort((a, b) => parseInt(a.slice(prefix.length), 10) - parseInt(b.slice(prefix.length), 10));
      const feeds: TensorMap = {};
      pb("input_").forEach((f, i) => (feeds[model.graph.input[i]!.name] = tensorFromProto(ort, readTensor(path.join(dir, f)))));
      const out = await runSession(session, feeds, entry.name);
      pb("output_").forEach((f, i) => {
        // Different kernels than torch's: the backend tests' rtol, with atol 1e-6 for values near zero.
        const want = tensorFromProto(ort, readTensor(path.join(dir, f)));
        const got = out[model.graph.output[i]!.name]!;
        expect(got.dims, entry.name).toEqual(want.dims);
        const a = tensorNumbers(got)!;
        const e = tensorNumbers(want)!;
        for (let k = 0; k < a.length; k++) expect(Math.abs(a[k]! - e[k]!) <= 1e-6 + RTOL * Math.abs(e[k]!), `${entry.name} output ${i} element ${k}: ${a[k]} vs ${e[k]}`).toBe(true);
      });
      await session.release();
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe("enhanced ONNX", () => {
  it("carries the resolved tags in metadata_props and computes exactly what the original computes", async () => {
    const ort = await loadRuntime();
    const file = fixturePath("bert_tiny");
    const original = fs.readFileSync(file);
    const model = decodeModelMessage(original);
    const membership = membershipFromScopes(model);
    const { bytes, tagged } = writeEnhancedModel(original, tagsFromMembership(membership));
    expect(tagged).toBe([...membership.values()].filter((v) => v !== null).length);

    // Metadata where expected; the graph otherwise as it was.
    const before = decodeModel(bytesSource(original));
    const after = decodeModel(bytesSource(bytes));
    const meta = new Map(after.graph.nodes.map((n) => [n.name, new Map(n.metadataProps)]));
    expect(meta.get("/encoder/layer.1/attention/self/query/MatMul")!.get(CONTEXT_KEYS.primary)).toBe("encoder.layer.1.attention.self.query");
    expect(meta.get("/encoder/layer.1/attention/self/query/MatMul")!.get(CONTEXT_KEYS.auxiliary)).toBe("[]");
    expect(meta.get("/encoder/layer.1/attention/self/query/MatMul")!.get(CONTEXT_KEYS.confidence)).toBe("1");
    expect(meta.get("/Unsqueeze")!.get(CONTEXT_KEYS.primary)).toBe("");
    expect(meta.get("Identity_0")!.size).toBe(0);
    // The IR version that has NodeProto.metadata_props (the fixture is IR 8); nothing else moves.
    expect(before.irVersion).toBeLessThan(10);
    expect(after.irVersion).toBe(10);
    const strip = (m: typeof before) => ({ ...m, irVersion: 0, byteLength: 0, graph: { ...m.graph, nodes: m.graph.nodes.map((n) => ({ ...n, metadataProps: [] })), initializers: m.graph.initializers.map((t) => ({ ...t, payload: { kind: "empty" as const } })) } });
    expect(strip(after)).toEqual(strip(before));

    // Tagging twice replaces, never duplicates.
    const twice = writeEnhancedModel(bytes, tagsFromMembership(membership)).bytes;
    expect(decodeModel(bytesSource(twice)).graph.nodes.map((n) => n.metadataProps)).toEqual(after.graph.nodes.map((n) => n.metadataProps));

    for (const optimization of ["all", "disabled"] as const) {
      const a = await createSession(ort, original, "original", { optimization });
      const b = await createSession(ort, bytes, "enhanced", { optimization });
      const feeds = generateInputs(ort, sessionInputs(a), { shapes: new Map([["input_ids", [2, 6]]]), seed: 7 });
      const x = await runSession(a, feeds, "original");
      const y = await runSession(b, feeds, "enhanced");
      for (const name of a.outputNames) expect(diffTensors(y[name]!, x[name]!).bitExact, `${name} (${optimization})`).toBe(true);
      await a.release();
      await b.release();
    }
  });
});

describe("models ONNX Runtime cannot load", () => {
  const bert = () => decodeModelMessage(fs.readFileSync(fixturePath("bert_tiny")));

  it("names the node, the operator and the reason: a custom hierarchy_tag attribute", async () => {
    const ort = await loadRuntime();
    const m = bert();
    const node = m.graph.node.find((n) => n.name === "/encoder/layer.0/attention/self/query/MatMul")!;
    node.attribute = [...(node.attribute ?? []), { name: "hierarchy_tag", type: 3, s: new TextEncoder().encode("/BertModel/BertEncoder/BertLayer.0") }];
    const err = await createSession(ort, encodeModelMessage(m), "tagged.onnx").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrtLoadError);
    expect((err as OrtLoadError).failure).toEqual({
      node: "/encoder/layer.0/attention/self/query/MatMul",
      opType: "MatMul",
      reason: "Unrecognized attribute: hierarchy_tag for operator MatMul",
    });
    expect((err as Error).message).toBe(
      "tagged.onnx: ONNX Runtime cannot load the model: node '/encoder/layer.0/attention/self/query/MatMul' (MatMul): Unrecognized attribute: hierarchy_tag for operator MatMul",
    );
  });

  it("names an unknown operator, a missing opset import, and bytes that are not a model", async () => {
    const ort = await loadRuntime();
    const m = bert();
    m.graph.node[20]!.opType = "FancyAttention";
    const e1 = (await createSession(ort, encodeModelMessage(m), "a.onnx").catch((e: unknown) => e)) as OrtLoadError;
    expect(e1.message).toMatch(/^a\.onnx: ONNX Runtime cannot load the model: node '[^']+' \(FancyAttention\): No Op registered for FancyAttention with domain_version of 14$/);
    const m2 = bert();
    m2.graph.node[20]!.domain = "com.example";
    const e2 = (await createSession(ort, encodeModelMessage(m2), "b.onnx").catch((e: unknown) => e)) as OrtLoadError;
    expect(e2.message).toMatch(/\(com\.example:\w+\): No opset import for domain 'com\.example'$/);
    const e3 = (await createSession(ort, new Uint8Array([8, 7, 0x3a, 2, 1, 2]), "c.onnx").catch((e: unknown) => e)) as OrtLoadError;
    expect(e3.message).toMatch(/^c\.onnx: ONNX Runtime cannot load the model: /);
    expect(e3.message).not.toMatch(/\n/);
  });

  it("explains a kernel that is missing and a node failing at run time", () => {
    expect(explainOrtError("[ONNXRuntimeError] : 9 : NOT_IMPLEMENTED : Could not find an implementation for Foo(13) node with name 'n1'")).toEqual({
      node: "n1",
      opType: "Foo",
      reason: "ONNX Runtime has no CPU kernel for Foo (opset 13) with these input types",
    });
    expect(explainOrtError("Non-zero status code returned while running Gather node. Name:'/g' Status Message: indices element out of data bounds")).toEqual({
      node: "/g",
      opType: "Gather",
      reason: "indices element out of data bounds",
    });
  });

  it("validate prints one line naming the reason and exits 1", async () => {
    const m = bert();
    const node = m.graph.node.find((n) => n.name === "/pooler/dense/Gemm")!;
    node.attribute = [...(node.attribute ?? []), { name: "hierarchy_tag", type: 3, s: new TextEncoder().encode("/BertModel/BertPooler") }];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "modelexport-"));
    const file = path.join(dir, "tagged.onnx");
    fs.writeFileSync(file, encodeModelMessage(m));
    const { code, stdout, stderr } = await capture(() => main(["validate", file]));
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`modelexport validate: ${file}: ONNX Runtime cannot load the model: node '/pooler/dense/Gemm' (Gemm): Unrecognized attribute: hierarchy_tag for operator Gemm\n`);
  });
});

describe("validate", () => {
  it("runs a model on generated inputs and prints the outputs' shapes", async () => {
    const file = fixturePath("bert_tiny");
    const { code, stdout } = await capture(() => main(["validate", file, "--shape", "input_ids=2x5"]));
    expect(code).toBe(0);
    expect(stdout).toContain("loads and runs in ONNX Runtime");
    expect(stdout).toContain("attention_mask  int64  [2, 5]");
    expect(stdout).toContain("last_hidden_state  float32  [2, 5, 32]");
    expect(stdout).toContain("pooler_output  float32  [2, 32]");
  });

  it("--modules proves every repeated layer, as a table or JSON", async () => {
    const file = fixturePath("gpt2_tiny");
    const text = await capture(() => main(["validate", file, "--modules"]));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/h\.2\s+\d+\s+1\s+1\s+yes\s+yes\s+yes\s+0/);
    expect(text.stdout).toContain("3/3 repeated layers (instance path ends in an index) extractable and equivalent (100%)");
    const json = await capture(() => main(["validate", file, "--modules", "--depth", "3", "--json"]));
    const r = JSON.parse(json.stdout) as { equivalence: { modules: { module: string; equivalent: boolean }[]; figure: { share: number } } };
    expect(r.equivalence.modules.map((m) => m.module)).toContain("h.1.attn");
    expect(r.equivalence.figure.share).toBe(1);
  });
});

describe("inputs", () => {
  const specs = [
    { name: "input_ids", type: "int64" as const, shape: ["batch", "sequence"] },
    { name: "attention_mask", type: "int64" as const, shape: ["batch", "sequence"] },
    { name: "pixels", type: "float32" as const, shape: [null, 3, "h", "h"] },
  ];

  it("gives free dimensions small sizes, and --shape binds the symbolic dimensions it fixes", () => {
    expect(resolveShapes(specs)).toEqual(new Map([["input_ids", [1, 8]], ["attention_mask", [1, 8]], ["pixels", [1, 3, 8, 8]]]));
    expect(resolveShapes(specs, { shapes: parseShapes(["input_ids=2x16"]) }).get("attention_mask")).toEqual([2, 16]);
    expect(() => resolveShapes(specs, { shapes: parseShapes(["pixels=1x4x8x8"]) })).toThrow("axis 1 of the input is fixed at 3, got 4");
    expect(() => resolveShapes(specs, { shapes: parseShapes(["input_ids=2"]) })).toThrow("rank 2");
    expect(() => parseShapes(["input_ids"])).toThrow(UserError);
    expect(() => parseShapes(["input_ids=2xa"])).toThrow("non-negative integers");
  });

  it("are deterministic: same seed same values, integers small and non-negative", async () => {
    const ort = await loadRuntime();
    const a = generateInputs(ort, specs, { seed: 3 });
    const b = generateInputs(ort, [...specs].reverse(), { seed: 3 });
    const c = generateInputs(ort, specs, { seed: 4 });
    for (const s of specs) expect(diffTensors(a[s.name]!, b[s.name]!).bitExact).toBe(true);
    expect(diffTensors(a.pixels!, c.pixels!).bitExact).toBe(false);
    const ids = [...(a.input_ids!.data as BigInt64Array)];
    expect(ids.every((v) => v === 0n || v === 1n)).toBe(true);
    expect(new Set(ids).size).toBe(2);
    const px = a.pixels!.data as Float32Array;
    expect(Math.min(...px)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...px)).toBeLessThan(1);
  });

  it("converts half floats both ways", () => {
    for (const v of [0, 1, -2, 0.5, 65504, 6.103515625e-5, 5.960464477539063e-8, Infinity, -Infinity]) expect(fromHalf(toHalf(v))).toBe(v);
    expect(toHalf(1 + 2 ** -11)).toBe(0x3c00); // tie to even
    expect(Number.isNaN(fromHalf(toHalf(NaN)))).toBe(true);
  });
});

async function capture(fn: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string | Uint8Array) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await fn();
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
  }
}

describe("validate: input sizes from the model's hints, --shape and --value", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "modelexport-shapes-"));
  execFileSync(python, [path.join(repoRoot, "test", "tools", "shape_models.py"), dir]);
  const model = (name: string) => path.join(dir, `${name}.onnx`);

  it("sizes a sequence from the position table it must broadcast against, and says so", async () => {
    const hints = shapeHints(decodeModelMessage(fs.readFileSync(model("position_table"))));
    expect(hints.get("input_ids")).toEqual([
      { size: 1, why: "the dimension is named 'batch'" },
      { size: 16, why: "broadcast against 'position_table' [1, 16, 4] at node 'add_positions'" },
    ]);
    const { code, stdout } = await capture(() => main(["validate", model("position_table")]));
    expect(code).toBe(0);
    expect(stdout).toContain("input_ids  int64  [1, 16]  (axis 0 'batch': 1 from the model (the dimension is named 'batch'); axis 1 'sequence': 16 from the model (broadcast against 'position_table' [1, 16, 4] at node 'add_positions'))");
    expect(stdout).toContain("hidden  float32  [1, 16, 4]");
    // --shape still wins over a hint (and the model then fails: 12 does not broadcast with 16).
    const forced = await capture(() => main(["validate", model("position_table"), "--shape", "input_ids=1x12"]));
    expect(forced.code).toBe(1);
    expect(forced.stderr).toContain("input_ids  int64  [1, 12]  (from --shape)");
  });

  it("sizes a free axis from the size value_info records downstream", async () => {
    const { code, stdout } = await capture(() => main(["validate", model("value_info")]));
    expect(code).toBe(0);
    expect(stdout).toContain("x  float32  [1, 12]  (axis 0 'batch': 1 from the model (the dimension is named 'batch'); axis 1: 12 from the model (value_info of 'r' records [batch, 12]))");
    expect(stdout).toContain("y  float32  [1, 3, 4]");
  });

  it("on a failure prints the inputs tried, where each size came from, and the options to change them", async () => {
    const bare = await capture(() => main(["validate", model("sample_rate")]));
    expect(bare.code).toBe(1);
    expect(bare.stdout).toBe("");
    const lines = bare.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^modelexport validate: ${model("sample_rate").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: ONNX Runtime failed while running the model: node 'frames' \\(Reshape\\): .*requested shape:\\{-1,0\\}`));
    expect(lines.slice(1)).toEqual([
      "inputs tried:",
      "  audio  float32  [1, 8]  (axis 0 'batch': 1 from the model (the dimension is named 'batch'); axis 1 'samples': 8 by default)",
      "  sample_rate  int64  []  (a scalar, generated in [0, 2))",
      "the sizes are generated: give an input's shape with --shape NAME=DIMS (for example --shape audio=1x8), and a scalar's value with --value NAME=NUMBER (for example --value sample_rate=16000)",
    ]);
    // The value alone: the frame is now 160 samples, and 8 samples are still the default.
    const half = await capture(() => main(["validate", model("sample_rate"), "--value", "sample_rate=16000"]));
    expect(half.code).toBe(1);
    expect(half.stderr).toContain("requested shape:{-1,160}");
    expect(half.stderr).toContain("  sample_rate  int64  []  (every element 16000 (--value))");
    const ok = await capture(() => main(["validate", model("sample_rate"), "--value", "sample_rate=16000", "--shape", "audio=1x16000"]));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("frames  float32  [100, 160]");
  });

  it("refuses a --value that names no input or does not fit the input's type", async () => {
    expect(() => parseValues(["sample_rate"])).toThrow("--value takes NAME=NUMBER");
    expect(() => parseValues(["sample_rate=fast"])).toThrow("--value takes NAME=NUMBER");
    const unknown = await capture(() => main(["validate", model("sample_rate"), "--value", "rate=16000"]));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("--value names 'rate', which is not an input of the model (inputs: audio, sample_rate)");
    const fraction = await capture(() => main(["validate", model("sample_rate"), "--value", "sample_rate=0.5"]));
    expect(fraction.code).toBe(1);
    expect(fraction.stderr).toContain("--value sample_rate=0.5: the input is int64, which takes whole numbers");
  });

  it("every corpus-style fixture keeps its sizes: the hints name the batch and change nothing else", () => {
    for (const name of ["bert_tiny", "gpt2_tiny", "resnet_tiny"] as const) {
      const hints = shapeHints(decodeModelMessage(fs.readFileSync(fixturePath(name))));
      for (const [input, axes] of hints) for (const h of axes.slice(1)) expect(h, `${name} ${input}`).toBeNull();
    }
  });
});

describe("validate: float16 modules within the format's rounding step", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "modelexport-fp16-"));
  const fp16 = path.join(dir, "bert_tiny_fp16.onnx");
  execFileSync(python, [path.join(repoRoot, "test", "tools", "to_fp16.py"), fixturePath("bert_tiny"), fp16]);

  it("a real fp16 model: bit-exact comparison would fail, within 1 rounding step every layer is equivalent", async () => {
    const { code, stdout } = await capture(() => main(["validate", fp16, "--modules", "--json"]));
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as { outputs: { type: string }[]; equivalence: { tolerance: { steps: number; formats: string[] }; modules: { module: string; equivalent: boolean; maxAbsDiff: number; maxSteps: number }[] } };
    expect(r.outputs.map((o) => o.type)).toEqual(["float16", "float16"]);
    expect(r.equivalence.tolerance).toEqual({ steps: 1, formats: ["float16"] });
    expect(r.equivalence.modules.map((m) => m.module)).toEqual(["encoder.layer.0", "encoder.layer.1"]);
    for (const m of r.equivalence.modules) {
      expect(m.equivalent, m.module).toBe(true);
      // Not bit-exact: ONNX Runtime's float32 internals round differently at the cut.
      expect(m.maxAbsDiff, m.module).toBeGreaterThan(0);
      expect(m.maxSteps, m.module).toBeGreaterThan(0);
      expect(m.maxSteps, m.module).toBeLessThanOrEqual(1);
    }
    const text = await capture(() => main(["validate", fp16, "--modules"]));
    expect(text.stdout).toMatch(/encoder\.layer\.0\s+\d+\s+2\s+1\s+yes\s+yes\s+yes\s+\S+\s+(0\.\d+|1)$/m);
    expect(text.stdout).toContain("2/2 repeated layers (instance path ends in an index) extractable and equivalent (100%)");
    expect(text.stdout).toMatch(/^float16 outputs compared within 1 rounding step of the format \(--tolerance\); the largest difference was (0\.\d+|1) steps?$/m);
  });

  it("--tolerance 0 asks for bit-exact outputs, and then the modules fail with the difference in steps", async () => {
    const { code, stdout } = await capture(() => main(["validate", fp16, "--modules", "--tolerance", "0"]));
    expect(code).toBe(1);
    expect(stdout).toMatch(/encoder\.layer\.\d: output '.+' differs by up to [\d.e-]+ \([\d.]+ float16 rounding steps?; tolerance 0\)/);
    expect(stdout).toContain("float16 outputs compared within 0 rounding steps of the format (--tolerance)");
    const bad = await capture(() => main(["validate", fp16, "--tolerance", "1"]));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--depth, --module and --tolerance need --modules");
  });

  it("float32 models are still compared bit for bit", async () => {
    const { stdout } = await capture(() => main(["validate", fixturePath("gpt2_tiny"), "--modules"]));
    expect(stdout).toContain("outputs compared bit for bit");
  });

  it("counts steps at the tensor's scale, for float16 and bfloat16", () => {
    expect(stepAt(3, "float16")).toBe(2 ** -9);
    expect(stepAt(1, "float16")).toBe(2 ** -10);
    expect(stepAt(0, "float16")).toBe(2 ** -24);
    expect(stepAt(1e-9, "float16")).toBe(2 ** -24);
    expect(stepAt(1, "bfloat16")).toBe(2 ** -7);
    expect(stepAt(300, "bfloat16")).toBe(2 ** 1);
    // A difference of one step at the largest magnitude, wherever it falls.
    expect(stepsAtScale([3, 0.001], [3, 0.001 + 2 ** -9], "float16")).toBe(1);
    expect(stepsAtScale([3, 0.001], [3 + 2 ** -8, 0.001], "float16")).toBe(2);
    expect(stepsAtScale([1, 2], [1, 2], "bfloat16")).toBe(0);
    expect(stepsAtScale([NaN, 1], [NaN, 1], "float16")).toBe(0);
    expect(stepsAtScale([NaN, 1], [0, 1], "float16")).toBe(Infinity);
  });
});
