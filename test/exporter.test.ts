/**
 * The bundled Python exporter and the export adapters, against real processes: Debian's torch
 * exports real models, our decoder reads the tags back, onnxruntime runs the result.
 *
 * Ground truth for the tags comes from torch itself (test/fixtures/python/reference_export.py):
 * the same export redone with every scope named by the module's full instance path.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadModelFile, UserError } from "../src/adapters/fs/model-file.js";
import {
  exporterScriptPath,
  findPython,
  runExportCommand,
  runExporter,
  type ExportResult,
} from "../src/adapters/python/exporter.js";
import { main } from "../src/cli/main.js";
import { bytesSource, decodeModel } from "../src/load/decode.js";
import { metadataValue, type OnnxModel, type OnnxNode } from "../src/load/model.js";
import { onnxTypes } from "../src/load/onnx-schema.js";
import { python, repoRoot } from "./corpus.js";

const fixtures = path.join(repoRoot, "test", "fixtures", "python");
const corpusSrc = path.join(repoRoot, "corpus");
const script = path.join(repoRoot, "python", "modelexport_export.py");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "modelexport-exporter-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Truth {
  modules: { path: string; class: string; qualname: string }[];
  nodes: { op: string; name: string; module: string | null; tag: string | null }[];
}

interface Case {
  name: string;
  model: string;
  cwd: string;
  inputs?: string[];
  inputsCallable?: string;
  /** Inputs for the reference export when the factory does not give them. */
  referenceInput?: string;
}

// corpus/hf_models.py holds the Hugging Face-shaped factories; our own tiny models stand in
// for it when it is not there.
const hfCases: Case[] = fs.existsSync(path.join(corpusSrc, "hf_models.py"))
  ? ["bert", "gpt2", "t5", "albert", "vit"].map((m) => ({ name: m, model: `hf_models:${m}`, cwd: corpusSrc }))
  : [
      { name: "bert", model: "tiny_models:bert", cwd: fixtures, inputs: ["input_ids:1x8:int64,attention_mask:1x8:int64"], referenceInput: "input_ids:1x8:int64,attention_mask:1x8:int64" },
      { name: "gpt2", model: "tiny_models:gpt2", cwd: fixtures, inputs: ["input_ids:1x8:int64"], referenceInput: "input_ids:1x8:int64" },
    ];
const cases: Case[] = [
  ...hfCases,
  // ModuleList-free Sequential nesting (layer1.0, downsample.0) and a ReLU called twice (relu_1).
  { name: "resnet18 (torchvision)", model: "tiny_models:resnet18", cwd: fixtures, inputsCallable: "tiny_models:resnet18_inputs", referenceInput: "x:1x3x32x32:float32" },
  // Example inputs from --input specs, passed as keyword arguments.
  { name: "bert (--input specs)", model: "tiny_models:bert", cwd: fixtures, inputs: ["input_ids:1x8:int64", "attention_mask:1x8:int64"], referenceInput: "input_ids:1x8:int64,attention_mask:1x8:int64" },
];

function meta(node: OnnxNode) {
  return {
    module: metadataValue(node.metadataProps, "modelexport.module"),
    tag: metadataValue(node.metadataProps, "modelexport.tag"),
    ours: node.metadataProps.filter(([k]) => k.startsWith("modelexport.")).length,
  };
}

function reference(c: Case, dir: string): { plain: string; truth: Truth } {
  const plain = path.join(dir, "plain.onnx");
  const truthFile = path.join(dir, "truth.json");
  const args = [path.join(fixtures, "reference_export.py"), "--factory", c.model, "--plain", plain, "--truth", truthFile];
  if (c.referenceInput) args.push("--input", c.referenceInput);
  execFileSync(python, args, { cwd: c.cwd, stdio: ["ignore", "ignore", "pipe"] });
  return { plain, truth: JSON.parse(fs.readFileSync(truthFile, "utf8")) as Truth };
}

type Ort = typeof import("onnxruntime-node");
let ortModule: Ort | undefined;
async function ort(): Promise<Ort> {
  ortModule ??= await import("onnxruntime-node");
  return ortModule;
}

/** Deterministic feeds for the graph inputs: ints in [0, 16) (masks all ones), floats in [-1, 1). */
async function feedsFor(model: OnnxModel) {
  const { Tensor } = await ort();
  const feeds: Record<string, InstanceType<Ort["Tensor"]>> = {};
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const initializers = new Set(model.graph.initializers.map((t) => t.name));
  for (const input of model.graph.inputs) {
    if (initializers.has(input.name)) continue;
    const dims = (input.shape ?? []).map((d, i) => (typeof d === "number" && d > 0 ? d : i === 0 ? 2 : 8));
    const n = dims.reduce((a, b) => a * b, 1);
    if (input.elemType === 7) {
      const mask = input.name.includes("mask");
      feeds[input.name] = new Tensor("int64", BigInt64Array.from({ length: n }, () => (mask ? 1n : BigInt(Math.floor(next() * 16)))), dims);
    } else if (input.elemType === 1) {
      feeds[input.name] = new Tensor("float32", Float32Array.from({ length: n }, () => next() * 2 - 1), dims);
    } else {
      throw new Error(`test feeds: input ${input.name} has element type ${input.elemType}`);
    }
  }
  return feeds;
}

async function runOrt(file: string, feeds: Awaited<ReturnType<typeof feedsFor>>) {
  const { InferenceSession } = await ort();
  const session = await InferenceSession.create(file);
  try {
    const out = await session.run(feeds);
    return session.outputNames.map((name) => {
      const t = out[name]!;
      const data = t.data as ArrayBufferView;
      return { dims: [...t.dims], type: t.type, bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
    });
  } finally {
    await session.release();
  }
}

describe.each(cases)("exporter on $name", (c) => {
  const dir = fs.mkdtempSync(path.join(tmp, c.name.replace(/\W+/g, "_")));
  const output = path.join(dir, "model.onnx");
  let exported: { result: ExportResult; lines: string[]; model: OnnxModel; ref: ReturnType<typeof reference> } | undefined;

  async function setup() {
    if (exported) return exported;
    const lines: string[] = [];
    const result = await runExporter({
      model: c.model,
      output,
      inputs: c.inputs,
      inputsCallable: c.inputsCallable,
      python,
      cwd: c.cwd,
      onLine: (l) => lines.push(l),
    });
    exported = { result, lines, model: loadModelFile(output).model, ref: reference(c, dir) };
    return exported;
  }

  it("tags every node that has a scope with torch's own module and class path", async () => {
    const { result, model, ref } = await setup();
    const nodes = model.graph.nodes;
    // The reference export differs only in scope names: same nodes, same order.
    expect(nodes.map((n) => n.opType)).toEqual(ref.truth.nodes.map((n) => n.op));
    let scoped = 0;
    for (const [i, node] of nodes.entries()) {
      const want = ref.truth.nodes[i]!;
      const got = meta(node);
      if (want.module === null) {
        expect(got.ours, `${node.name} has no scope and must carry no tag`).toBe(0);
        continue;
      }
      scoped++;
      expect({ node: node.name, module: got.module, tag: got.tag }).toEqual({ node: node.name, module: want.module, tag: want.tag });
    }
    expect(scoped).toBeGreaterThan(nodes.length / 2);
    expect(result.tagged).toBe(scoped);
    expect(result.nodes).toBe(nodes.length);
  });

  it("records named_modules() with classes at model level", async () => {
    const { model, ref } = await setup();
    const recorded = JSON.parse(metadataValue(model.metadataProps, "modelexport.modules") ?? "null");
    expect(recorded).toEqual(ref.truth.modules);
  });

  it("runs in onnxruntime exactly like the untagged export", async () => {
    const { ref } = await setup();
    const plain = decodeModel(bytesSource(fs.readFileSync(ref.plain)));
    expect(plain.graph.nodes.every((n) => n.metadataProps.length === 0)).toBe(true);
    const feeds = await feedsFor(plain);
    const [tagged, untagged] = [await runOrt(output, feeds), await runOrt(ref.plain, feeds)];
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.map((o) => [o.type, o.dims])).toEqual(untagged.map((o) => [o.type, o.dims]));
    for (const [i, o] of tagged.entries()) expect(Buffer.compare(o.bytes, untagged[i]!.bytes), `output ${i}`).toBe(0);
  });

  it("writes the ModelInsider-shaped sidecar and reports progress", async () => {
    const { result, lines, model } = await setup();
    expect(result.sidecar).toBe(path.join(dir, "model_htp_metadata.json"));
    const side = JSON.parse(fs.readFileSync(result.sidecar!, "utf8"));
    expect(Object.keys(side).sort()).toEqual(["export_context", "model", "modules", "nodes", "statistics"]);
    const named = Object.fromEntries(model.graph.nodes.filter((n) => n.name && meta(n).tag).map((n) => [n.name, meta(n).tag]));
    expect(side.nodes).toEqual(named);
    expect(side.statistics.tagged_nodes).toBe(result.tagged);
    // Every tree entry's traced_tag is its parent's plus `/ClassName[.N]`, and children are keyed that way.
    const walk = (entry: { traced_tag: string; scope: string; class_name: string; children: Record<string, any> }, parentTag: string | null) => {
      const last = entry.scope.split(".").pop()!;
      const segment = entry.class_name + (entry.scope && /^\d+$/.test(last) ? `.${last}` : "");
      expect(entry.traced_tag).toBe(parentTag === null ? `/${segment}` : `${parentTag}/${segment}`);
      for (const [key, child] of Object.entries(entry.children)) {
        expect(key.split("@")[0]).toBe(child.class_name + (/^\d+$/.test(child.scope.split(".").pop()) ? `.${child.scope.split(".").pop()}` : ""));
        walk(child, entry.traced_tag);
      }
    };
    walk(side.modules, null);
    // Every node's module is in the tree. (Its tag may differ from the module's traced_tag: T5's
    // `shared` embedding runs inside the encoder, so its nodes say /T5EncoderModel/T5Stack/Embedding.)
    const scopes = new Set<string>();
    const collect = (e: { scope: string; children: Record<string, any> }) => {
      scopes.add(e.scope);
      Object.values(e.children).forEach(collect);
    };
    collect(side.modules);
    for (const n of model.graph.nodes) {
      const m = meta(n).module;
      if (m !== undefined) expect(scopes.has(m), m).toBe(true);
    }
    expect(lines.some((l) => l.startsWith("loading model"))).toBe(true);
    expect(lines.some((l) => /^tagged \d+ of \d+ nodes/.test(l))).toBe(true);
  });
});

// ------------------------------------------------------------------------------------------------
// dynamo exports: torch records hierarchy as `pkg.torch.onnx.name_scopes` metadata

const torchInfo = (() => {
  const out = execFileSync(python, [
    "-c",
    "import inspect, torch\nprint(torch.__version__)\nprint('dynamo' in inspect.signature(torch.onnx.export).parameters or hasattr(torch.onnx, 'dynamo_export'))",
  ]).toString().trim().split("\n");
  return { version: out[0]!, dynamo: out[1] === "True" };
})();

/** A small runnable model whose nodes carry metadata the way torch's dynamo exporter writes it. */
function dynamoShapedModel(): Uint8Array {
  const T = onnxTypes();
  const scopes = (paths: string[], classes: string[]) => [
    { key: "pkg.torch.onnx.name_scopes", value: `[${paths.map((p) => `'${p}'`).join(", ")}]` },
    { key: "pkg.torch.onnx.class_hierarchy", value: `[${classes.map((p) => `'${p}'`).join(", ")}]` },
  ];
  const nodes = [
    {
      name: "node_Relu_0", opType: "Relu", input: ["x"], output: ["a"],
      metadataProps: scopes(
        ["", "encoder", "encoder.layer.0", "encoder.layer.0.attention", "encoder.layer.0.attention.self", "encoder.layer.0.attention.self.query", "linear"],
        ["tiny_models.BertModel", "tiny_models.BertEncoder", "tiny_models.BertLayer", "tiny_models.BertAttention", "tiny_models.BertSelfAttention", "torch.nn.modules.linear.Linear", "aten.linear.default"],
      ),
    },
    {
      name: "node_Neg_1", opType: "Neg", input: ["a"], output: ["b"],
      metadataProps: scopes(
        ["", "encoder", "encoder.layer.1", "encoder.layer.1.output", "encoder.layer.1.output.LayerNorm", "layer_norm_1"],
        ["tiny_models.BertModel", "tiny_models.BertEncoder", "tiny_models.BertLayer", "tiny_models.BertOutput", "torch.nn.modules.normalization.LayerNorm", "aten.layer_norm.default"],
      ),
    },
    { name: "node_Mul_2", opType: "Mul", input: ["b", "b"], output: ["c"], metadataProps: scopes(["", "mul_3"], ["tiny_models.BertModel", "aten.mul.Tensor"]) },
    // Made by an optimization pass: no scope. A stale tag of ours must not survive.
    { name: "node_Abs_3", opType: "Abs", input: ["c"], output: ["y"], metadataProps: [{ key: "modelexport.tag", value: "/Stale" }] },
  ];
  const vi = (name: string) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 2 }, { dimValue: 4 }] } } } });
  const model = T.ModelProto.create({
    irVersion: 10,
    opsetImport: [{ domain: "", version: 18 }],
    producerName: "pytorch",
    graph: { name: "main_graph", node: nodes, input: [vi("x")], output: [vi("y")] },
  });
  return T.ModelProto.encode(model).finish();
}

describe("dynamo exports", () => {
  it("tags nodes from pkg.torch.onnx.name_scopes (the documented format)", async () => {
    const input = path.join(tmp, "dynamo_shaped.onnx");
    const output = path.join(tmp, "dynamo_shaped.tagged.onnx");
    fs.writeFileSync(input, dynamoShapedModel());
    const result = await runExporter({ model: "tiny_models:bert", fromOnnx: input, output, python, cwd: fixtures });
    expect(result.tagged).toBe(3);
    const nodes = loadModelFile(output).model.graph.nodes;
    expect(nodes.map((n) => [meta(n).module, meta(n).tag])).toEqual([
      ["encoder.layer.0.attention.self.query", "/BertModel/BertEncoder/BertLayer.0/BertAttention/BertSelfAttention/Linear"],
      ["encoder.layer.1.output.LayerNorm", "/BertModel/BertEncoder/BertLayer.1/BertOutput/LayerNorm"],
      ["", "/BertModel"],
      [undefined, undefined],
    ]);
    expect(meta(nodes[3]!).ours).toBe(0);
    // torch's own entries stay.
    expect(nodes[0]!.metadataProps.filter(([k]) => k.startsWith("pkg.torch.onnx.")).length).toBe(2);
    const side = JSON.parse(fs.readFileSync(result.sidecar!, "utf8"));
    expect(side.nodes).toEqual({
      node_Relu_0: "/BertModel/BertEncoder/BertLayer.0/BertAttention/BertSelfAttention/Linear",
      node_Neg_1: "/BertModel/BertEncoder/BertLayer.1/BertOutput/LayerNorm",
      node_Mul_2: "/BertModel",
    });
    const feeds = await feedsFor(decodeModel(bytesSource(fs.readFileSync(input))));
    const [a, b] = [await runOrt(input, feeds), await runOrt(output, feeds)];
    expect(Buffer.compare(a[0]!.bytes, b[0]!.bytes)).toBe(0);
  });

  it.skipIf(!torchInfo.dynamo)(
    `--dynamo exports and tags nodes from name_scopes${torchInfo.dynamo ? "" : ` (skipped: torch ${torchInfo.version} has no dynamo exporter)`}`,
    async () => {
      const output = path.join(tmp, "dynamo_bert.onnx");
      const result = await runExporter({ model: "tiny_models:bert_with_inputs", output, dynamo: true, python, cwd: fixtures });
      expect(result.exporter).toBe("dynamo");
      const nodes = loadModelFile(output).model.graph.nodes;
      const withScopes = nodes.filter((n) => metadataValue(n.metadataProps, "pkg.torch.onnx.name_scopes"));
      expect(result.tagged).toBeGreaterThanOrEqual(withScopes.length);
      for (const n of withScopes) expect(meta(n).tag, n.name).toMatch(/^\/BertModel/);
    },
  );

  it.runIf(!torchInfo.dynamo)(`--dynamo on torch ${torchInfo.version} fails with a clear message`, async () => {
    const output = path.join(tmp, "dynamo_unsupported.onnx");
    const err = await runExporter({ model: "tiny_models:bert_with_inputs", output, dynamo: true, python, cwd: fixtures }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(`the installed torch ${torchInfo.version} has neither`);
    expect(err.message).toContain("drop --dynamo");
    expect(fs.existsSync(output)).toBe(false);
  });
});

// ------------------------------------------------------------------------------------------------
// errors: exit code 2, one `error:` line, no traceback unless --debug

function exporterProcess(args: string[], interpreter = python) {
  const r = spawnSync(interpreter, [script, ...args], { cwd: fixtures, encoding: "utf8" });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout, lines: r.stderr.split("\n").filter(Boolean) };
}

describe("exporter errors", () => {
  const out = path.join(tmp, "never.onnx");
  const pathPython = (() => {
    try {
      return findPython(undefined, { PATH: process.env.PATH });
    } catch {
      return undefined;
    }
  })();
  const pathPythonHasTorch = pathPython !== undefined && spawnSync(pathPython, ["-c", "import torch"]).status === 0;

  it.skipIf(pathPython === undefined || pathPythonHasTorch)("says how to install torch when the interpreter lacks it", async () => {
    const r = exporterProcess(["--model", "tiny_models:bert", "--output", out], pathPython!);
    expect(r.status).toBe(2);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^error: PyTorch is not installed for /);
    expect(r.stderr).toContain("actions/setup-python");
    expect(r.stderr).toContain("pip install torch");
    expect(r.stdout).toBe("");
    const err = await runExporter({ model: "tiny_models:bert", output: out, python: "python3", cwd: fixtures }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/^exporting tiny_models:bert failed: PyTorch is not installed .*actions\/setup-python.*pip install torch/);
  });

  it("names a module that cannot be imported", () => {
    const r = exporterProcess(["--model", "no_such_package.models:build", "--output", out]);
    expect(r.status).toBe(2);
    const errors = r.lines.filter((l) => l.startsWith("error: "));
    expect(errors).toEqual([expect.stringContaining("error: cannot import module 'no_such_package.models': no module named 'no_such_package'")]);
    expect(r.stderr).not.toContain("Traceback");
  });

  it("names a factory the module does not define", () => {
    const r = exporterProcess(["--model", "tiny_models:no_such_factory", "--output", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("error: module 'tiny_models' has no attribute 'no_such_factory' (its callables: ");
  });

  it("shows the factory's exception, and its traceback only after it with --debug", async () => {
    const r = exporterProcess(["--model", "tiny_models:broken", "--output", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("error: the factory tiny_models:broken raised ValueError: checkpoint weights.bin not found\n");
    expect(r.stderr).not.toContain("Traceback");
    expect(r.stderr).toContain("(run with --debug for the traceback)");

    const d = exporterProcess(["--model", "tiny_models:broken", "--output", out, "--debug"]);
    expect(d.status).toBe(2);
    const error = d.stderr.indexOf("error: the factory tiny_models:broken raised ValueError");
    const trace = d.stderr.indexOf("Traceback (most recent call last)");
    expect(error).toBeGreaterThanOrEqual(0);
    expect(trace).toBeGreaterThan(error);
    expect(d.stderr).toMatch(/in broken\n\s+raise ValueError/);

    const err = await runExporter({ model: "tiny_models:broken", output: out, python, cwd: fixtures, debug: true }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe("exporting tiny_models:broken failed: the factory tiny_models:broken raised ValueError: checkpoint weights.bin not found");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("refuses a factory that returns something else than a module", () => {
    const r = exporterProcess(["--model", "tiny_models:not_a_module", "--output", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("error: the factory tiny_models:not_a_module returned int; it must return a torch.nn.Module");
  });

  it("asks for example inputs when it has none, and checks --input specs", () => {
    const none = exporterProcess(["--model", "tiny_models:bert", "--output", out]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("error: no example inputs: pass --input name:SHAPE:dtype");
    const bad = exporterProcess(["--model", "tiny_models:bert", "--output", out, "--input", "input_ids:1xeight:int64"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("error: --input 'input_ids:1xeight:int64': shape '1xeight' must be dimensions joined by x");
    const dtype = exporterProcess(["--model", "tiny_models:bert", "--output", out, "--input", "input_ids:1x8:int65"]);
    expect(dtype.stderr).toContain("unknown dtype 'int65'");
  });

  it("reports an interpreter that does not exist", () => {
    expect(() => findPython("/no/such/python3")).toThrow(UserError);
    expect(() => findPython(undefined, { PATH: path.join(tmp, "empty") })).toThrow(/no Python interpreter found.*actions\/setup-python/);
    expect(findPython(undefined, { PATH: "", MODELEXPORT_PYTHON: python })).toBe(python);
    expect(findPython(python, { PATH: "", MODELEXPORT_PYTHON: "/elsewhere" })).toBe(python);
  });
});

// ------------------------------------------------------------------------------------------------

describe("exporter script location", () => {
  it("is found from the sources and from a bundled dist/ with python/ next to it", () => {
    expect(exporterScriptPath()).toBe(script);
    const pkg = path.join(tmp, "action");
    fs.mkdirSync(path.join(pkg, "dist"), { recursive: true });
    fs.mkdirSync(path.join(pkg, "python"), { recursive: true });
    fs.copyFileSync(script, path.join(pkg, "python", "modelexport_export.py"));
    expect(exporterScriptPath(path.join(pkg, "dist"))).toBe(path.join(pkg, "python", "modelexport_export.py"));
  });
});

describe("modelexport export (CLI)", () => {
  it("exports a model given as path/to/file.py:factory", async () => {
    const output = path.join(tmp, "cli", "gpt2.onnx");
    const code = await main([
      "export", "--model", "test/fixtures/python/tiny_models.py:gpt2", "--output", output,
      "--input", "input_ids:1x8:int64", "--python", python, "--no-sidecar",
    ]);
    expect(code).toBe(0);
    const model = loadModelFile(output).model;
    expect(model.graph.nodes.some((n) => meta(n).tag?.startsWith("/GPT2Model/GPT2Block.1/GPT2Attention"))).toBe(true);
    expect(fs.existsSync(path.join(tmp, "cli", "gpt2_htp_metadata.json"))).toBe(false);
  });

  it("turns a failed export into exit code 1 and one message, a missing option into exit code 2", async () => {
    const code = await main(["export", "--model", "test/fixtures/python/tiny_models.py:broken", "--output", path.join(tmp, "x.onnx"), "--python", python]);
    expect(code).toBe(1);
    expect(await main(["export", "--output", "x.onnx"])).toBe(2);
  });
});

// ------------------------------------------------------------------------------------------------

/** Whether a process runs (a zombie waiting for a parent that does not reap it does not). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    if (fs.existsSync("/proc/self/stat")) return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("runExportCommand", () => {
  it("streams lines while the command runs", async () => {
    const seen: { line: string; at: number; stream: string }[] = [];
    const started = Date.now();
    const result = await runExportCommand("echo one; sleep 0.6; echo two >&2; printf 'three'", {
      onLine: (line, stream) => seen.push({ line, stream, at: Date.now() - started }),
    });
    expect(seen.map((s) => [s.line, s.stream])).toEqual([["one", "stdout"], ["two", "stderr"], ["three", "stdout"]]);
    // The first line arrived before the command was done.
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThan(400);
    expect(result.tail).toEqual(["one", "two", "three"]);
  });

  it("runs in the given directory", async () => {
    const lines: string[] = [];
    await runExportCommand("pwd", { cwd: tmp, onLine: (l) => lines.push(l) });
    expect(fs.realpathSync(lines[0]!)).toBe(fs.realpathSync(tmp));
  });

  it("fails with the exit code and the last 20 lines", async () => {
    const err = await runExportCommand("for i in $(seq 1 30); do echo line $i; done; echo oops >&2; exit 3").catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/^export-command failed with exit code 3: for i in/);
    const quoted = err.message.split("\n").slice(2).map((l: string) => l.trim());
    expect(quoted).toHaveLength(20);
    expect(quoted[0]).toBe("line 12");
    expect(quoted.at(-1)).toBe("oops");
    expect(err.message).not.toContain("line 11\n");
  });

  it("stops the command and what it started on timeout", async () => {
    const pidFile = path.join(tmp, "sleeper.pid");
    const started = Date.now();
    const err = await runExportCommand(`echo starting; sleep 30 & echo $! > ${pidFile}; wait`, { timeoutMs: 700 }).catch((e) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/^export-command timed out after 0\.7s: echo starting/);
    expect(err.message).toContain("  starting");
    const pid = Number(fs.readFileSync(pidFile, "utf8"));
    await new Promise((r) => setTimeout(r, 200));
    expect(running(pid)).toBe(false);
  });

  it("does not wait for a background process that keeps the output open", async () => {
    const pidFile = path.join(tmp, "daemon.pid");
    const started = Date.now();
    const result = await runExportCommand(`sleep 30 & echo $! > ${pidFile}; echo exported`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.tail).toEqual(["exported"]);
    process.kill(Number(fs.readFileSync(pidFile, "utf8")), "SIGKILL");
  });

  it("refuses an empty command", async () => {
    await expect(runExportCommand("  ")).rejects.toThrow("export-command is empty");
  });
});

// ------------------------------------------------------------------------------------------------

describe("docs/exporting.md: every export example, as written", () => {
  const doc = fs.readFileSync(path.join(repoRoot, "docs", "exporting.md"), "utf8");
  const blocks = [...doc.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, text: m[2]! }));
  const project = path.join(tmp, "docs-project");

  /** The lines of a `key: |` block scalar in a YAML text. */
  function blockScalar(yaml: string, key: string): string[] {
    const lines = yaml.split("\n");
    const at = lines.findIndex((l) => new RegExp(`^\\s*${key}: \\|\\s*$`).test(l));
    if (at < 0) return [];
    const indent = lines[at]!.length - lines[at]!.trimStart().length;
    const out: string[] = [];
    for (const l of lines.slice(at + 1)) {
      if (l.trim() !== "" && l.length - l.trimStart().length <= indent) break;
      if (l.trim() !== "") out.push(l.trim());
    }
    return out;
  }

  function setUpProject(): void {
    const modeling = blocks.find((b) => b.lang === "python" && b.text.startsWith("# mypackage/modeling.py\n"));
    expect(modeling, "the python block of mypackage/modeling.py").toBeDefined();
    fs.mkdirSync(path.join(project, "mypackage"), { recursive: true });
    fs.writeFileSync(path.join(project, "mypackage", "__init__.py"), "");
    fs.writeFileSync(path.join(project, "mypackage", "modeling.py"), modeling!.text);
  }

  function exported(file: string) {
    const model = loadModelFile(file).model;
    const tagged = model.graph.nodes.filter((n) => meta(n).module !== null).length;
    return { model, tagged };
  }

  it("the workflow's export lines, through the action's own code: each model with its own inputs and opset", async () => {
    setUpProject();
    const workflow = blocks.find((b) => b.lang === "yaml" && /^\s*export: \|/m.test(b.text));
    expect(workflow, "a workflow with an export block").toBeDefined();
    const lines = blockScalar(workflow!.text, "export").filter((l) => !l.startsWith("#"));
    expect(lines.length).toBe(3);
    const { readInputs } = await import("../src/action/inputs.js");
    const { analyzeSide, exportJobs } = await import("../src/action/models.js");
    const saved = { ...process.env };
    process.env.INPUT_EXPORT = lines.join("\n");
    const exportInputs = blockScalar(workflow!.text, "export-inputs");
    if (exportInputs.length > 0) process.env["INPUT_EXPORT-INPUTS"] = exportInputs.join("\n");
    process.env.INPUT_PYTHON = python;
    try {
      const cfg = readInputs();
      const jobs = exportJobs(cfg.export, cfg.exportDir);
      const side = await analyzeSide(project, cfg, "head", false);
      expect(side.files).toEqual(jobs.map((j) => j.output).sort());
      expect(side.report.models.map((m) => m.model)).toEqual([".modelexport/models/build_backbone.onnx", ".modelexport/models/build_decoder.onnx", ".modelexport/models/build_encoder.onnx"]);
      const encoder = exported(path.join(project, ".modelexport/models/build_encoder.onnx"));
      expect(encoder.model.graph.inputs.map((i) => [i.name, i.shape])).toEqual([["input_ids", [1, 16]], ["attention_mask", [1, 16]]]);
      expect(encoder.tagged).toBeGreaterThan(0);
      // The factory's own example inputs (the line gives none).
      const backbone = exported(path.join(project, ".modelexport/models/build_backbone.onnx"));
      expect(backbone.model.graph.inputs.map((i) => i.shape)).toEqual([[1, 3, 64, 64]]);
      const decoder = exported(path.join(project, ".modelexport/models/build_decoder.onnx"));
      expect(decoder.model.opsetImports.find((o) => o.domain === "")?.version).toBe(17);
      expect(decoder.model.graph.inputs.map((i) => i.shape)).toEqual([[1, 4, 16], []]);
      expect(side.report.models.every((m) => m.counts.nodes > 0)).toBe(true);
    } finally {
      process.env = saved;
    }
  });

  it("export-inputs serves only the models that bring no inputs of their own (the factory's win)", async () => {
    setUpProject();
    const { analyzeSide } = await import("../src/action/models.js");
    const { readInputs } = await import("../src/action/inputs.js");
    const saved = { ...process.env };
    process.env.INPUT_EXPORT = "mypackage.modeling:build_encoder\nmypackage.modeling:build_backbone --output shared/backbone.onnx";
    process.env["INPUT_EXPORT-INPUTS"] = "input_ids:1x12:int64\nattention_mask:1x12:int64";
    process.env.INPUT_PYTHON = python;
    try {
      const side = await analyzeSide(project, readInputs(), "head", false);
      expect(side.files).toEqual([".modelexport/models/build_encoder.onnx", "shared/backbone.onnx"]);
      expect(exported(path.join(project, ".modelexport/models/build_encoder.onnx")).model.graph.inputs.map((i) => i.shape)).toEqual([[1, 12], [1, 12]]);
      expect(exported(path.join(project, "shared/backbone.onnx")).model.graph.inputs.map((i) => i.shape)).toEqual([[1, 3, 64, 64]]);
    } finally {
      process.env = saved;
    }
  });

  it("a line with an option it does not know stops before anything is exported", async () => {
    const { exportJobs, parseExportLine } = await import("../src/action/models.js");
    expect(() => exportJobs(["pkg.m:a --opset 17", "pkg.m:b --shape x=1"], "out")).toThrow(
      "input 'export', line 'pkg.m:b --shape x=1': unknown option '--shape' (the options of a line: --input SPECS, --inputs package.module:function, --opset N, --dynamo, --no-sidecar, --output FILE)",
    );
    expect(() => parseExportLine("pkg.m:a --opset seventeen", "out")).toThrow("--opset takes a positive whole number, got 'seventeen'");
    expect(() => parseExportLine("pkg.m:a --input", "out")).toThrow("--input needs a value");
    expect(() => exportJobs(["a.m:build", "b.m:build"], "out")).toThrow("'a.m:build' and 'b.m:build' would both write out/build.onnx; give one of them --output FILE");
    expect(parseExportLine("pkg.m:a --input=x:1x2:float32 --input y:2:int64 --dynamo --no-sidecar --output o/a.onnx", "out")).toEqual({
      model: "pkg.m:a",
      output: "o/a.onnx",
      inputs: ["x:1x2:float32", "y:2:int64"],
      inputsCallable: null,
      opset: null,
      dynamo: true,
      sidecar: false,
    });
  });

  it("the manifest, through the audit: each entry with its own settings", async () => {
    setUpProject();
    const manifest = blocks.find((b) => b.lang === "json" && b.text.includes('"export"'));
    expect(manifest).toBeDefined();
    const file = path.join(project, "modelexport-manifest.json");
    fs.writeFileSync(file, manifest!.text);
    const { runAudit } = await import("../src/audit/run.js");
    const res = await runAudit(file, { python });
    expect(res.report.models.map((m) => m.model)).toEqual(["exports/backbone.onnx", "exports/decoder.onnx", "exports/encoder.onnx"]);
    expect(exported(path.join(project, "exports/encoder.onnx")).model.graph.inputs.map((i) => i.shape)).toEqual([[1, 16], [1, 16]]);
    expect(exported(path.join(project, "exports/decoder.onnx")).model.opsetImports.find((o) => o.domain === "")?.version).toBe(17);
    expect(fs.existsSync(path.join(project, "exports/backbone_htp_metadata.json"))).toBe(false);
    expect(fs.existsSync(path.join(project, "exports/encoder_htp_metadata.json"))).toBe(true);
  });

  it("the manifest's export settings: the schema and the parser agree, and a wrong one names the field", async () => {
    const Ajv2020 = (await import("ajv/dist/2020.js")).default.default;
    const { parseManifest } = await import("../src/audit/manifest.js");
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "schema", "manifest.schema.json"), "utf8"));
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    const text = blocks.find((b) => b.lang === "json" && b.text.includes('"export"'))!.text;
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    const entries = parseManifest(text).entries;
    expect(entries.map((e) => [e.name, e.export])).toEqual([
      ["exports/backbone.onnx", { model: "mypackage.modeling:build_backbone", inputs: [], inputsFrom: null, opset: null, dynamo: false, sidecar: false }],
      ["exports/decoder.onnx", { model: "mypackage.modeling:build_decoder", inputs: [], inputsFrom: "mypackage.modeling:decoder_inputs", opset: 17, dynamo: false, sidecar: true }],
      ["exports/encoder.onnx", { model: "mypackage.modeling:build_encoder", inputs: ["input_ids:1x16:int64,attention_mask:1x16:int64"], inputsFrom: null, opset: null, dynamo: false, sidecar: true }],
    ]);
    const bad = (entry: Record<string, unknown>) => JSON.stringify({ models: [{ export: "m:f", output: "a.onnx", ...entry }] });
    expect(() => parseManifest(bad({ dynamo: "yes" }))).toThrow("models[0].dynamo: must be true or false");
    expect(() => parseManifest(bad({ inputsFrom: "no colon" }))).toThrow("models[0].inputsFrom: must be package.module:function");
    expect(() => parseManifest(bad({ inputsFrom: "m:g", inputs: ["x:1:float32"] }))).toThrow('models[0]: give "inputs" or "inputsFrom", not both');
    expect(() => parseManifest(JSON.stringify({ models: [{ path: "a.onnx", opset: 17 }] }))).toThrow('models[0].opset: only for "export" entries');
    for (const entry of [{ dynamo: "yes" }, { inputsFrom: "no colon" }]) expect(validate(JSON.parse(bad(entry)))).toBe(false);
  });

  it("the command lines (the CLI and the script on its own)", async () => {
    setUpProject();
    const commands = blocks
      .filter((b) => b.lang === "sh")
      .map((b) => b.text.replace(/\\\n\s*/g, "").trim())
      .filter((c) => /^(modelexport export|python python\/modelexport_export\.py) /.test(c));
    expect(commands.length).toBe(2);
    const previous = process.cwd();
    const saved = process.env.MODELEXPORT_PYTHON;
    process.env.MODELEXPORT_PYTHON = python;
    process.chdir(project);
    try {
      for (const command of commands) {
        fs.rmSync(path.join(project, "build"), { recursive: true, force: true });
        const words = command.split(/\s+/);
        if (words[0] === "modelexport") {
          expect(await main(words.slice(1)), command).toBe(0);
        } else {
          const r = spawnSync(python, [script, ...words.slice(2)], { cwd: project, encoding: "utf8" });
          expect(r.status, r.stderr).toBe(0);
        }
        const out = words[words.indexOf("--output") + 1]!;
        const { model, tagged } = exported(path.join(project, out));
        expect(model.graph.inputs.map((i) => i.name), command).toEqual(["input_ids", "attention_mask"]);
        expect(tagged, command).toBeGreaterThan(0);
      }
    } finally {
      process.chdir(previous);
      if (saved === undefined) delete process.env.MODELEXPORT_PYTHON;
      else process.env.MODELEXPORT_PYTHON = saved;
    }
  });
});
