/**
 * Module extraction and the equivalence proof on real torch exports: the generated corpus when
 * present (corpus/build), else tiny BERT, GPT-2 and ResNet exports made for these tests.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusDir, corpusModels, python } from "./corpus.js";
import { FIXTURE_MODELS, fixtureModules, fixturePath } from "./support/torch-fixtures.js";
import { checkModules } from "../src/adapters/onnxruntime/equivalence.js";
import {
  analyzeGraph,
  buildExtractedModel,
  classPathIndex,
  extractModule,
  isInside,
  isRepeated,
  membershipFromReport,
  membershipFromScopes,
  modulesOf,
  planExtraction,
  resolveModuleArg,
  type Membership,
} from "../src/extract/extract.js";
import { decodeModelMessage, encodeModelMessage, setModelMetadata, type ModelMsg } from "../src/load/encode.js";
import { main } from "../src/cli/main.js";
import { bytesSource, decodeModel } from "../src/load/decode.js";
import { tagsFromMembership, writeEnhancedModel } from "../src/extract/enhance.js";

interface RealModel {
  name: string;
  file: string;
  /** named_modules() paths, when known. */
  modules?: string[];
}

function realModels(): RealModel[] {
  if (fs.existsSync(path.join(corpusDir, "index.json"))) {
    return corpusModels().map((m) => {
      let modules: string[] | undefined;
      try {
        const raw = JSON.parse(fs.readFileSync(m.modulesFile, "utf8")) as unknown;
        const list = Array.isArray(raw) ? raw : (raw as { modules?: unknown[] }).modules;
        if (Array.isArray(list)) modules = list.map((x) => (typeof x === "string" ? x : (x as { path: string }).path));
      } catch {
        modules = undefined;
      }
      return { name: m.name, file: m.file, ...(modules ? { modules } : {}) };
    });
  }
  return FIXTURE_MODELS.map((name) => ({ name, file: fixturePath(name), modules: fixtureModules(name).map((m) => m.path) }));
}

const load = (file: string) => decodeModelMessage(fs.readFileSync(file));

/** A membership with some nodes moved to another module, as a contaminated tagger would record them. */
function moved(membership: Membership, nodes: readonly string[], to: string): Map<string, string | null> {
  const out = new Map(membership);
  for (const n of nodes) {
    expect(out.has(n), n).toBe(true);
    out.set(n, to);
  }
  return out;
}

describe("membership from TorchScript scopes", () => {
  it("names only real modules of the fixtures, calls of a reused module folded onto it", () => {
    for (const name of FIXTURE_MODELS) {
      const membership = membershipFromScopes(load(fixturePath(name)));
      const real = new Set(fixtureModules(name).map((m) => m.path));
      for (const [node, ctx] of membership) if (ctx !== null) expect(real.has(ctx), `${name}: ${node} → ${ctx}`).toBe(true);
    }
    const resnet = membershipFromScopes(load(fixturePath("resnet_tiny")));
    expect(resnet.get("/layer1/layer1.0/relu_1/Relu")).toBe("layer1.0.relu");
    expect(resnet.get("/layer2/layer2.0/downsample/downsample.0/Conv")).toBe("layer2.0.downsample.0");
  });

  it("takes the engine's report as a drop-in", () => {
    const m = membershipFromReport([
      { id: "a", primary: "encoder.layer.0" },
      { id: "b", primary: null },
    ]);
    expect([...m]).toEqual([
      ["a", "encoder.layer.0"],
      ["b", null],
    ]);
  });
});

describe("extraction", () => {
  it("cuts a BERT layer with the right boundary, constants and order", () => {
    const model = load(fixturePath("bert_tiny"));
    const membership = membershipFromScopes(model);
    const facts = analyzeGraph(model, membership);
    const plan = planExtraction(facts, "encoder.layer.1");
    // The hidden state from layer 0 and the additive mask computed once in the root flow in.
    expect(plan.inputs).toEqual(["/encoder/layer.0/output/LayerNorm/Add_1_output_0", "/Mul_output_0"]);
    expect(plan.outputs).toEqual(["last_hidden_state"]);
    expect(plan.reentry).toBeNull();
    // Unscoped Constant nodes and the Identity nodes torch adds for tied LayerNorm weights are copied in.
    const copied = plan.copied.map((i) => facts.ids[i]!);
    expect(copied).toEqual(expect.arrayContaining(["Identity_0", "Identity_1", "Identity_2", "Identity_3", "Constant_160"]));
    expect(copied.some((id) => id.startsWith("Identity_") && Number(id.slice(9)) >= 4)).toBe(false);
    expect(plan.initializers).toContain("embeddings.LayerNorm.weight");

    // Without value_info in the graph, boundary types must come from a run.
    expect(buildExtractedModel(facts, plan).missingTypes).toEqual(["/encoder/layer.0/output/LayerNorm/Add_1_output_0", "/Mul_output_0"]);
    const f32 = { tensorType: { elemType: 1, shape: { dim: [{}, {}, {}] } } };
    const mask = { tensorType: { elemType: 1, shape: { dim: [{}, {}, {}, {}] } } };
    const built = buildExtractedModel(facts, plan, new Map([["/encoder/layer.0/output/LayerNorm/Add_1_output_0", f32], ["/Mul_output_0", mask]]));
    const g = built.model!.graph;
    expect(g.input.map((v) => v.name)).toEqual(plan.inputs);
    expect(g.output.map((v) => v.name)).toEqual(["last_hidden_state"]);
    // Graph outputs keep the types the model declares (symbolic dims included).
    expect(g.output[0]!.type).toEqual(model.graph.output[0]!.type);
    // Topological order: every input is produced earlier or comes from outside.
    const available = new Set([...g.input.map((v) => v.name), ...(g.initializer ?? []).map((t) => t.name ?? "")]);
    for (const n of g.node) {
      for (const i of n.input) if (i !== "") expect(available.has(i), `${n.name} reads ${i}`).toBe(true);
      for (const o of n.output) available.add(o);
    }
    expect(built.model!.opsetImport).toEqual(model.opsetImport.map((o) => ({ domain: o.domain ?? "", version: o.version })));
  });

  it("resolves class paths through the model's modelexport.modules tree", () => {
    const model = load(fixturePath("bert_tiny"));
    const membership = membershipFromScopes(model);
    expect(() => resolveModuleArg("/BertModel/BertEncoder/BertLayer.1", model, membership)).toThrow(/no modelexport\.modules metadata/);
    setModelMetadata(model, { "modelexport.modules": JSON.stringify(fixtureModules("bert_tiny")) });
    expect(resolveModuleArg("/BertModel/BertEncoder/BertLayer.1", model, membership)).toBe("encoder.layer.1");
    expect(resolveModuleArg("/BertModel/BertEncoder/BertLayer.0/BertAttention/BertSelfAttention", model, membership)).toBe("encoder.layer.0.attention.self");
    expect(resolveModuleArg("encoder.layer.1", model, membership)).toBe("encoder.layer.1");
    expect(() => resolveModuleArg("encoder.layer.7", model, membership)).toThrow("did you mean 'encoder.layer.0', 'encoder.layer.1'?");
    const index = classPathIndex(fixtureModules("resnet_tiny"));
    expect(index.get("/ResNet/Sequential/BasicBlock.1")).toBe("layer1.1");
    expect(index.get("/ResNet/Sequential/BasicBlock.0/Sequential/Conv2d.0")).toBe("layer2.0.downsample.0");
  });

  it("writes models the reference onnx checker accepts (every module of every fixture)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "modelexport-extract-"));
    const files: string[] = [];
    for (const name of FIXTURE_MODELS) {
      const model = load(fixturePath(name));
      await checkModules(model, membershipFromScopes(model), {
        selection: { kind: "all" },
        onExtracted: (module, bytes) => {
          const out = path.join(dir, `${name}-${module}.onnx`);
          fs.writeFileSync(out, bytes);
          files.push(out);
        },
      });
    }
    expect(files.length).toBeGreaterThan(90);
    const script = "import sys, onnx\nfor f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\nprint(len(sys.argv) - 1)";
    expect(execFileSync(python, ["-c", script, ...files]).toString().trim()).toBe(String(files.length));
  });
});

describe("enhanced models are valid models", () => {
  it("declares IR 10 for node metadata_props, and the onnx package's checker accepts every enhanced fixture", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "modelexport-enhance-"));
    const files: string[] = [];
    for (const name of FIXTURE_MODELS) {
      const original = fs.readFileSync(fixturePath(name));
      const model = load(fixturePath(name));
      const { bytes, tagged, irVersion } = writeEnhancedModel(original, tagsFromMembership(membershipFromScopes(model)));
      expect(tagged, name).toBeGreaterThan(0);
      expect(irVersion, name).toBe(Math.max(10, Number(decodeModelMessage(original).irVersion)));
      expect(decodeModel(bytesSource(bytes)).graph.nodes.filter((n) => n.metadataProps.length > 0).length, name).toBe(tagged);
      const out = path.join(dir, `${name}.enhanced.onnx`);
      fs.writeFileSync(out, bytes);
      files.push(out);
    }
    // The checker of the installed onnx package, full check (shape inference included). An onnx
    // that knows IR 10 checks the model as written, metadata_props included; an older one (it
    // refuses any model newer than its own IR, and skips the field as unknown) checks everything
    // else on a copy that declares its IR version, after asserting the model declares 10.
    const script = [
      "import sys, onnx",
      "from onnx import checker",
      "for f in sys.argv[1:]:",
      "    m = onnx.load(f)",
      "    assert m.ir_version >= 10, (f, m.ir_version)",
      "    tagged = [n for n in m.graph.node if 'metadata_props' in n.DESCRIPTOR.fields_by_name and len(n.metadata_props) > 0]",
      "    if onnx.IR_VERSION >= 10:",
      "        assert tagged, f",
      "        checker.check_model(m, full_check=True)",
      "    else:",
      "        m.ir_version = onnx.IR_VERSION",
      "        checker.check_model(m, full_check=True)",
      "print(onnx.IR_VERSION, len(sys.argv) - 1)",
    ].join("\n");
    const [checkerIr, checked] = execFileSync(python, ["-c", script, ...files]).toString().trim().split(" ");
    expect(Number(checked)).toBe(files.length);
    console.log(`onnx checker (IR ${checkerIr}) accepted ${checked} enhanced models`);
  });

  it("keeps the IR version of a model it does not tag, and never lowers a newer one", () => {
    const original = fs.readFileSync(fixturePath("bert_tiny"));
    expect(writeEnhancedModel(original, new Map()).irVersion).toBe(Number(decodeModelMessage(original).irVersion));
    const m = decodeModelMessage(original);
    m.irVersion = 11;
    const { irVersion } = writeEnhancedModel(encodeModelMessage(m), tagsFromMembership(membershipFromScopes(load(fixturePath("bert_tiny")))));
    expect(irVersion).toBe(11);
  });
});

describe("equivalence on real torch exports", () => {
  for (const real of realModels()) {
    it(`${real.name}: every repeated layer extracts, runs and is bit-identical`, async () => {
      const model = load(real.file);
      const membership = membershipFromScopes(model);
      const t0 = Date.now();
      const r = await checkModules(model, membership, { label: real.name });
      const layers = modulesOf(membership).filter(isRepeated);
      expect(r.modules.map((m) => m.module)).toEqual(layers);
      expect(layers.length).toBeGreaterThanOrEqual(2);
      for (const m of r.modules) {
        expect(m, m.module).toMatchObject({ extractable: true, runs: true, equivalent: true, maxAbsDiff: 0 });
        expect(m.reason, m.module).toBeUndefined();
      }
      expect(r.figure.share).toBe(1);
      console.log(`${real.name}: ${r.figure.extractableAndEquivalent}/${r.figure.modules} repeated layers extractable and equivalent in ${Date.now() - t0} ms`);
    });
  }

  for (const real of realModels()) {
    it(`${real.name}: a node moved from one layer into its sibling breaks both`, async () => {
      const model = load(real.file);
      const clean = membershipFromScopes(model);
      const layers = modulesOf(clean).filter(isRepeated);
      const facts = analyzeGraph(model, clean);
      // The first layer with a sibling and a node strictly inside it: everything it reads and
      // everything reading it is in the layer. (bert_functions has none: each layer is one call
      // node; ALBERT's one shared layer has no sibling.)
      let l0 = "";
      let l1: string | undefined;
      let interior = -1;
      for (const layer of layers) {
        const next = layer.replace(/\d+$/, (n) => String(Number(n) + 1));
        l1 = layers.includes(next) ? next : undefined;
        if (!l1) continue;
        const inside = (i: number | undefined) => i !== undefined && isInside(clean.get(facts.ids[i]!), layer);
        interior = facts.nodes.findIndex((n, i) => {
          if (!inside(i) || facts.copyable[i]) return false;
          const producers = facts.uses[i]!.map((t) => facts.producer.get(t)).filter((p) => p !== undefined && !facts.copyable[p]);
          const readers = n.output.flatMap((t) => facts.readers.get(t) ?? []);
          return producers.length > 0 && readers.length > 0 && producers.every(inside) && readers.every(inside);
        });
        l0 = layer;
        if (interior >= 0) break;
      }
      if (!l1 || interior < 0) return;
      const id = facts.ids[interior]!;
      const dirty = moved(clean, [id], l1 + clean.get(id)!.slice(l0.length));
      const before = await checkModules(model, clean);
      // Same modules as before (a moved node can name a module path the clean model lacks).
      const after = await checkModules(model, dirty, { selection: { kind: "paths", paths: before.modules.map((m) => m.module) } });
      expect(after.figure.modules).toBe(before.figure.modules);
      expect(after.figure.extractableAndEquivalent).toBeLessThanOrEqual(before.figure.extractableAndEquivalent - 2);
      for (const m of [l0, l1]) expect(after.modules.find((x) => x.module === m), m).toMatchObject({ extractable: false });
      console.log(`${real.name}: '${id}' moved into ${l1}: ${before.figure.extractableAndEquivalent}/${before.figure.modules} → ${after.figure.extractableAndEquivalent}/${after.figure.modules}`);
    });
  }

  it("every module of the fixtures is extractable and equivalent, except a module called twice", async () => {
    for (const name of FIXTURE_MODELS) {
      const model = load(fixturePath(name));
      const r = await checkModules(model, membershipFromScopes(model), { selection: { kind: "all" }, label: name });
      const bad = r.modules.filter((m) => !(m.extractable && m.equivalent));
      // BasicBlock runs its one `relu` twice, with conv2 and the residual add in between: the two
      // calls together are not one unit. Each call alone still computes the captured values.
      const reused = name === "resnet_tiny" ? ["layer1.0.relu", "layer1.1.relu", "layer2.0.relu", "layer2.1.relu"] : [];
      expect(bad.map((m) => m.module), name).toEqual(reused);
      for (const m of bad) {
        const block = `/${m.module.split(".")[0]}/${m.module.replace(/\.relu$/, "")}`;
        expect(m.reason).toBe(`not convex: a path leaves the module and comes back: '${block}/relu/Relu' → '${block}/conv2/Conv' → '${block}/Add' → '${block}/relu_1/Relu'`);
        expect(m).toMatchObject({ runs: true, equivalent: true, maxAbsDiff: 0 });
      }
    }
  });

  it("contamination (nodes of layer 0 recorded in layer 1) makes the figure drop", async () => {
    const model = load(fixturePath("bert_tiny"));
    const clean = membershipFromScopes(model);
    const before = await checkModules(model, clean);
    expect(before.figure).toMatchObject({ modules: 2, extractableAndEquivalent: 2, share: 1 });

    // The seed's failure: ops of layer.0's attention output tagged as layer.1.
    const dirty = moved(clean, ["/encoder/layer.0/attention/output/dense/MatMul", "/encoder/layer.0/attention/output/dense/Add"], "encoder.layer.1.attention.output.dense");
    const after = await checkModules(model, dirty);
    expect(after.figure).toMatchObject({ modules: 2, extractableAndEquivalent: 0, share: 0 });
    for (const m of after.modules) {
      expect(m.extractable, m.module).toBe(false);
      expect(m.reason).toMatch(/^not convex: a path leaves the module and comes back: '[^']+'( → ('[^']+'|… \d+ more …))+$/);
      // The cut still computes the captured values: what fails is that it is not one unit.
      expect(m.runs).toBe(true);
      expect(m.equivalent).toBe(true);
    }
    const l0 = after.modules.find((m) => m.module === "encoder.layer.0")!;
    expect(l0.reason).toBe(
      "not convex: a path leaves the module and comes back: '/encoder/layer.0/attention/self/Reshape_3' → " +
        "'/encoder/layer.0/attention/output/dense/MatMul' → '/encoder/layer.0/attention/output/dense/Add' → '/encoder/layer.0/attention/output/Add'",
    );

    // GPT-2: one layer's MLP projection recorded in the next block: 3/3 → 1/3.
    const gpt = load(fixturePath("gpt2_tiny"));
    const g = membershipFromScopes(gpt);
    const mlp = [...g.keys()].filter((id) => id.startsWith("/h.0/mlp/c_proj/"));
    expect(mlp.length).toBeGreaterThan(0);
    const r = await checkModules(gpt, moved(g, mlp, "h.1.mlp.c_proj"));
    expect(r.figure).toMatchObject({ modules: 3, extractableAndEquivalent: 1 });
    expect(r.modules.find((m) => m.module === "h.2")).toMatchObject({ extractable: true, equivalent: true });
  });

  it("an optimizer's unnamed node inside a layer breaks that layer only", async () => {
    const model = load(fixturePath("bert_tiny"));
    const membership = membershipFromScopes(model);
    const stripped = new Map(membership).set("/encoder/layer.1/intermediate/intermediate_act_fn/Erf", null);
    const r = await checkModules(model, stripped);
    expect(r.modules.map((m) => [m.module, m.extractable])).toEqual([
      ["encoder.layer.0", true],
      ["encoder.layer.1", false],
    ]);
  });

  it("a shared node goes with its primary module: a residual add resolved into the next layer", async () => {
    const model = load(fixturePath("bert_tiny"));
    const membership = membershipFromScopes(model);
    // The last op of layer 0 (adding the LayerNorm bias) assigned to layer 1 as its primary.
    const shifted = moved(membership, ["/encoder/layer.0/output/LayerNorm/Add_1"], "encoder.layer.1");
    const { plan } = extractModule(model, shifted, "encoder.layer.0");
    expect(plan.outputs).toEqual(["/encoder/layer.0/output/LayerNorm/Mul_output_0"]);
    const r = await checkModules(model, shifted);
    for (const m of r.modules) expect(m, m.module).toMatchObject({ extractable: true, runs: true, equivalent: true });
    expect(r.modules[1]!.inputs).toContain("/encoder/layer.0/output/LayerNorm/Mul_output_0");
  });
});

describe("subgraphs", () => {
  /** x → /a/Add → If (then: Mul(a, x) via outer scope; else: Neg(a)) → /b/... → y */
  function ifModel(): ModelMsg {
    const f32 = (name: string) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 4 }] } } } });
    const branch = (name: string, node: { opType: string; input: string[] }) => ({
      name,
      node: [{ ...node, output: [`${name}_out`], name: `${name}_node` }],
      input: [],
      output: [f32(`${name}_out`)],
    });
    return {
      irVersion: 8,
      opsetImport: [{ domain: "", version: 16 }],
      graph: {
        name: "g",
        node: [
          { name: "/a/Add", opType: "Add", input: ["x", "x"], output: ["a"] },
          {
            name: "/b/If",
            opType: "If",
            input: ["cond"],
            output: ["c"],
            attribute: [
              { name: "then_branch", type: 5, g: branch("then", { opType: "Mul", input: ["a", "x"] }) },
              { name: "else_branch", type: 5, g: branch("else", { opType: "Neg", input: ["a"] }) },
            ],
          },
          { name: "/b/Relu", opType: "Relu", input: ["c"], output: ["y"] },
        ],
        input: [f32("x"), { name: "cond", type: { tensorType: { elemType: 9, shape: { dim: [] } } } }],
        output: [f32("y")],
      },
    };
  }

  it("takes the tensors a node's subgraphs read from outside as inputs of the module", async () => {
    const model = ifModel();
    const membership = membershipFromScopes(model);
    expect([...membership.values()]).toEqual(["a", "b", "b"]);
    const { plan, built } = extractModule(model, membership, "b");
    expect(plan.inputs).toEqual(["cond", "a", "x"]);
    expect(plan.outputs).toEqual(["y"]);
    expect(built.missingTypes).toEqual(["a"]);
    const r = await checkModules(encodeModelMessage(model), membership, { selection: { kind: "all" } });
    expect(r.modules.map((m) => [m.module, m.extractable, m.runs, m.equivalent])).toEqual([
      ["a", true, true, true],
      ["b", true, true, true],
    ]);
  });
});

describe("extract command", () => {
  it("writes a module that runs on its own, and refuses a non-convex one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "modelexport-extract-"));
    const out = path.join(dir, "layer1.onnx");
    const file = fixturePath("resnet_tiny");
    const ok = await capture(() => main(["extract", file, "--module", "layer2.0", "-o", out, "--check"]));
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("check: runs, outputs bit-identical to the whole model's");
    const written: ModelMsg = decodeModelMessage(fs.readFileSync(out));
    const names = written.graph.node.map((n) => n.name);
    expect(names.filter((n) => !n!.startsWith("Identity_"))).toEqual([
      "/layer2/layer2.0/conv1/Conv",
      "/layer2/layer2.0/relu/Relu",
      "/layer2/layer2.0/conv2/Conv",
      "/layer2/layer2.0/downsample/downsample.0/Conv",
      "/layer2/layer2.0/Add",
      "/layer2/layer2.0/relu_1/Relu",
    ]);
    // The unscoped Identity nodes torch adds for shared bias tensors are copied in before their consumers.
    expect(names.filter((n) => n!.startsWith("Identity_")).length).toBeGreaterThan(0);
    expect(written.graph.input.map((v) => v.name)).toEqual(["/layer1/layer1.1/relu_1/Relu_output_0"]);
    expect(written.graph.input[0]!.type?.tensorType?.elemType).toBe(1);
    expect(written.metadataProps).toEqual(expect.arrayContaining([{ key: "modelexport.extracted.module", value: "layer2.0" }]));

    const missing = await capture(() => main(["extract", file, "--module", "layer3.0", "-o", out]));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`modelexport extract: ${file}: --module layer3.0: no node belongs to module 'layer3.0'; did you mean 'layer1.0', 'layer2.0'?\n`);
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
