/**
 * Evidence readers on small hand-built graphs: each source of tags, conflicts between tags,
 * and the neighbourhood strategies. The graphs are plain data, as the decoder produces them.
 */
import { describe, expect, it } from "vitest";
import { analyzeModel } from "../src/analyze.js";
import type { OnnxAttribute, OnnxModel } from "../src/load/model.js";
import { AttributeType } from "../src/load/model.js";
import { model, node } from "./support/graphs.js";

const bertModules = [
  { path: "", class: "BertModel" },
  { path: "encoder", class: "BertEncoder" },
  { path: "encoder.layer", class: "ModuleList" },
  { path: "encoder.layer.0", class: "BertLayer" },
  { path: "encoder.layer.1", class: "BertLayer" },
];
const tag = (i: number) => `/BertModel/BertEncoder/BertLayer.${i}`;
const strAttr = (name: string, s: string): OnnxAttribute => ({ name, type: AttributeType.STRING, s });

/** A ConvNeXt-style block `features.1.k` returning x + f(x); `add` names its Add. */
function convNextBlock(k: number, x: string, y: string, add = `/features/features.1/features.1.${k}/Add`) {
  return [
    node(`/features/features.1/features.1.${k}/block/block.0/Conv`, "Conv", [x], [`c${k}`]),
    node(`/features/features.1/features.1.${k}/block/block.1/Relu`, "Relu", [`c${k}`], [`r${k}`]),
    node(`/features/features.1/features.1.${k}/Mul`, "Mul", [`r${k}`], [`f${k}`]),
    node(add, "Add", [`f${k}`, x], [y]),
  ];
}

describe("tag sources", () => {
  it("reads a scope segment headed by a node's own custom op type as an op name for that node only", () => {
    // One module prefix, parsed once for its nodes: the MyOp node pops `MyOp_1` as an op name.
    const report = analyzeModel({
      name: "m",
      model: model([node("/enc/MyOp_1/Relu", "Relu", ["x"], ["a"]), node("/enc/MyOp_1/MyOp", "MyOp", ["a"], ["b"]), node("/enc/MyOp_1/Relu_1", "Relu", ["b"], ["c"])]),
    });
    expect(report.nodes.map((n) => [n.primary, n.decidedBy])).toEqual([
      ["enc.MyOp_1", "scope"],
      ["enc", "scope"],
      ["enc.MyOp_1", "scope"],
    ]);
  });

  it("reads a scope of a module reachable under two names as that module, called from its caller", () => {
    // T5: `shared` is also `encoder.embed_tokens`; torch's scope says /encoder/shared/Gather.
    const t5Modules = [
      { path: "", class: "T5EncoderModel" },
      { path: "shared", class: "Embedding" },
      { path: "encoder", class: "T5Stack" },
      { path: "encoder.final_layer_norm", class: "T5LayerNorm" },
    ];
    const gather = node("/encoder/shared/Gather", "Gather", ["x"], ["e"], {
      metadataProps: [["modelexport.module", "shared"], ["modelexport.tag", "/T5EncoderModel/T5Stack/Embedding"]],
    });
    const norm = node("/encoder/final_layer_norm/Mul", "Mul", ["e"], ["y"]);
    const r = analyzeModel({ name: "m", model: model([gather, norm], t5Modules), sidecars: { htp: { nodes: { "/encoder/shared/Gather": "/T5EncoderModel/T5Stack/Embedding" } } } });
    expect(r.cases).toEqual([]);
    expect(r.nodes[0]).toMatchObject({ name: "/encoder/shared/Gather", primary: "shared", classPath: "/T5EncoderModel/Embedding" });
    expect(r.modules.map((m) => m.path)).not.toContain("encoder.shared");
    // Without the module list nothing says `encoder.shared` is not a module: the scope stands.
    const bare = analyzeModel({ name: "m", model: model([node("/encoder/shared/Gather", "Gather", ["x"], ["e"]), norm]) });
    expect(bare.nodes[0]!.primary).toBe("encoder.shared");
    // BART: the shared embedding sits below the root, beside the encoder that calls it
    // (`model.shared`, the encoder's `embed_tokens`): scope `/model/encoder/shared/Gather`.
    const bartModules = [
      { path: "", class: "BartForConditionalGeneration" },
      { path: "model", class: "BartModel" },
      { path: "model.shared", class: "Embedding" },
      { path: "model.encoder", class: "BartEncoder" },
      { path: "model.encoder.layernorm_embedding", class: "LayerNorm" },
    ];
    // The Gather reads the shared module's own weight: that says which module the scope stands for.
    const inits = (m: OnnxModel, names: string[]): OnnxModel => ({
      ...m,
      graph: { ...m.graph, initializers: names.map((name) => ({ name, dataType: 1, dims: [4], payload: { kind: "empty" as const } })) },
    });
    const bartGraph = (gather: string, out: string) =>
      inits(model([node(gather, "Gather", ["model.shared.weight", "x"], [out]), node("/model/encoder/layernorm_embedding/Mul", "Mul", [out], ["y"])], bartModules), [
        "model.shared.weight",
      ]);
    for (const [gather, out] of [
      ["/model/encoder/shared/Gather", "e"],
      // Renamed, with the scoped name of its value kept.
      ["Gather_7", "/model/encoder/shared/Gather_output_0"],
    ]) {
      const bart = analyzeModel({ name: "m", model: bartGraph(gather!, out!) });
      expect(bart.nodes[0], gather).toMatchObject({ primary: "model.shared" });
      expect(bart.modules.map((m) => m.path)).not.toContain("model.encoder.shared");
    }
    // Reading no parameter of it, the scope is not taken for the shared module: clamped to the
    // module list, it is its caller's.
    const bare2 = analyzeModel({ name: "m", model: model([node("/model/encoder/shared/Gather", "Gather", ["w", "x"], ["e"])], bartModules) });
    expect(bare2.nodes[0]!.primary).toBe("model.encoder");
    // A tag naming another module under the same caller is still a conflict.
    const wrong = node("/encoder/shared/Gather", "Gather", ["x"], ["e"], { metadataProps: [["modelexport.module", "encoder.final_layer_norm"]] });
    expect(analyzeModel({ name: "m", model: model([wrong, norm], t5Modules) }).cases.map((c) => c.kind)).toEqual(["tag-conflicts-scope"]);
  });

  it("reads the hierarchy_tag attribute and flags a tag that contradicts the scope", () => {
    const m = model(
      [
        node("/encoder/layer.0/MatMul", "MatMul", ["x"], ["a"], { attributes: [strAttr("hierarchy_tag", tag(1))] }),
        node("/encoder/layer.1/MatMul", "MatMul", ["a"], ["b"], { attributes: [strAttr("hierarchy_tag", tag(1))] }),
      ],
      bertModules,
    );
    const r = analyzeModel({ name: "m", model: m });
    expect(r.counts.bySource).toEqual({ "hierarchy-attr": 2, scope: 2 });
    expect(r.cases.map((c) => [c.id, c.kind, c.scope, c.resolution.strategy, c.resolution.primary])).toEqual([
      ["tag-conflicts-scope:/encoder/layer.0/MatMul", "tag-conflicts-scope", "cross-layer", "exporter-scope", "encoder.layer.0"],
    ]);
    expect(r.nodes[0]!.classPath).toBe(tag(0));
  });

  it("reads legacy doc_string JSON with several tags and reports them conflicting", () => {
    const doc = JSON.stringify({ hierarchy_tags: [tag(0), tag(1)], hierarchy_path: tag(0) });
    const m = model(
      [
        node("/encoder/layer.0/MatMul", "MatMul", ["x"], ["a"]),
        node("Add_7", "Add", ["a"], ["b"], { docString: doc }),
        node("/encoder/layer.0/Relu", "Relu", ["b"], ["c"]),
      ],
      bertModules,
    );
    const r = analyzeModel({ name: "m", model: m });
    const c = r.cases.find((x) => x.node === "Add_7")!;
    expect(c.kind).toBe("conflicting-tags");
    expect(c.scope).toBe("cross-layer");
    expect(c.contexts).toEqual(["encoder.layer.0", "encoder.layer.1"]);
    // Its neighbours are both in layer 0: provenance picks layer 0 among the recorded tags.
    expect(c.resolution.status).toBe("resolved");
    expect(c.resolution.primary).toBe("encoder.layer.0");
  });

  it("reads the legacy _hierarchy.json sidecar and the htp sidecar by node name", () => {
    const m = model([node("/encoder/layer.0/MatMul", "MatMul", ["x"], ["a"]), node("Mul_3", "Mul", ["a"], ["b"])], bertModules);
    const r = analyzeModel({
      name: "m",
      model: m,
      sidecars: {
        legacy: { node_tags: { Mul_3: { op_type: "Mul", tags: [tag(0)] } } },
        htp: { nodes: { "/encoder/layer.0/MatMul": tag(1) } },
      },
    });
    expect(r.counts.bySource).toEqual({ "htp-sidecar": 1, "legacy-sidecar": 1, scope: 1 });
    expect(r.nodes.find((n) => n.name === "Mul_3")).toMatchObject({ primary: "encoder.layer.0", decidedBy: "tag" });
    expect(r.cases.map((c) => c.id)).toEqual(["tag-conflicts-scope:/encoder/layer.0/MatMul"]);
  });

  it("reads dynamo metadata_props as the exporter's record, with classes and source lines", () => {
    const meta = (scopes: string[], classes: string[]): [string, string][] => [
      ["pkg.torch.onnx.name_scopes", `[${scopes.map((s) => `'${s}'`).join(", ")}]`],
      ["pkg.torch.onnx.class_hierarchy", `[${classes.map((s) => `'${s}'`).join(", ")}]`],
      ["pkg.torch.onnx.stack_trace", 'File "models/bert.py", line 12, in forward\n  x = self.dense(x)\nFile "models/layer.py", line 40, in forward'],
      ["modelexport.tag", tag(1)],
    ];
    const m = model([
      node("node_MatMul_0", "MatMul", ["x"], ["a"], {
        metadataProps: meta(["", "encoder", "encoder.layer.0", "linear_1"], ["pkg.BertModel", "pkg.BertEncoder", "pkg.BertLayer", "aten.linear.default"]),
      }),
    ]);
    const r = analyzeModel({ name: "m", model: m });
    // The wrong modelexport.tag makes a case; the exporter's record decides it.
    expect(r.nodes[0]).toMatchObject({ primary: "encoder.layer.0", decidedBy: "case", classPath: tag(0) });
    expect(r.cases[0]!.resolution.strategy).toBe("exporter-scope");
    expect(r.cases[0]!.source).toEqual({ file: "models/layer.py", line: 40 });
    expect(r.modules.find((x) => x.path === "encoder.layer.0")?.className).toBe("BertLayer");
  });
});

describe("nodes with no evidence", () => {
  it("are attributed when their neighbourhood agrees, and never defaulted to the root", () => {
    const m = model([
      node("/encoder/layer.0/MatMul", "MatMul", ["x"], ["a"]),
      node("Cast_1", "Cast", ["a"], ["b"]),
      node("/encoder/layer.0/Relu", "Relu", ["b"], ["c"]),
      node("Island_2", "Relu", ["y"], ["z"]),
    ]);
    const r = analyzeModel({ name: "m", model: m });
    expect(r.nodes.find((n) => n.name === "Cast_1")).toMatchObject({ primary: "encoder.layer.0", decidedBy: "neighbourhood" });
    expect(r.nodes.find((n) => n.name === "Island_2")).toMatchObject({ primary: null, decidedBy: "none" });
    expect(r.counts.unattributed).toBe(1);
    expect(r.counts.coverage).toBe(0.75);
    expect(r.cases).toEqual([]);
  });

  it("resolve a residual add to the consuming block, the skip's block auxiliary", () => {
    // Two alike layers (the same ops in each): an add between them is a boundary between layers.
    const layer = (k: number, x: string, y: string) => [
      node(`/encoder/layer.${k}/attention/output/dense/MatMul`, "MatMul", [x], [`d${k}`]),
      node(`/encoder/layer.${k}/attention/output/LayerNorm/ReduceMean`, "ReduceMean", [`s${k}`], [`m${k}`]),
      node(`/encoder/layer.${k}/attention/output/LayerNorm/Sub`, "Sub", [`s${k}`, `m${k}`], [y]),
    ];
    const m = model([
      ...layer(0, "x", "h0"),
      node("/encoder/layer.0/attention/output/Add", "Add", ["d0", "x"], ["s0"]),
      ...layer(1, "h0", "h1"),
      node("Add_9", "Add", ["d1", "h0"], ["s1"]),
    ]);
    const r = analyzeModel({ name: "m", model: m });
    const c = r.cases.find((x) => x.node === "Add_9")!;
    expect(c.kind).toBe("shared-across-modules");
    expect(c.resolution).toMatchObject({
      status: "resolved",
      strategy: "residual-connection",
      primary: "encoder.layer.1.attention.output",
      auxiliary: ["encoder.layer.0.attention.output.LayerNorm"],
      confidence: 0.7,
    });
  });

  it("resolve a block's residual add read only by the next block to the block it ends", () => {
    // ConvNeXt-style blocks returning x + f(x) after a stem: the Add runs in the block, and only
    // the next block (its Conv and its own Add) reads the sum. The first block's Add lost its name.
    const m = model([
      node("/features/features.0/features.0.0/Conv", "Conv", ["x"], ["s"]),
      ...convNextBlock(0, "s", "h0", "Add_9"),
      ...convNextBlock(1, "h0", "h1"),
      ...convNextBlock(2, "h1", "h2"),
      node("/head/Gemm", "Gemm", ["h2"], ["y"]),
    ]);
    const r = analyzeModel({ name: "m", model: m });
    const c = r.cases.find((x) => x.node === "Add_9")!;
    expect(c.resolution).toMatchObject({ status: "resolved", strategy: "residual-connection", primary: "features.1.0" });
  });

  it("resolve a residual add no surer than the placed neighbours it reads", () => {
    // The Add's only consumer lost its name too and is itself a guess: the residual strategy's
    // answer rests on that guess, so it is stated at the guess's confidence, below the threshold.
    const m = model([
      node("/features/features.0/features.0.0/Conv", "Conv", ["x"], ["s"]),
      ...convNextBlock(0, "s", "h0", "Add_9"),
      node("Sigmoid_5", "Sigmoid", ["h0"], ["g0"]),
      ...convNextBlock(1, "g0", "h1"),
      ...convNextBlock(2, "h1", "h2"),
      node("/head/Gemm", "Gemm", ["h2"], ["y"]),
    ]);
    const r = analyzeModel({ name: "m", model: m });
    const consumer = r.nodes.find((n) => n.name === "Sigmoid_5")!;
    expect(consumer.confidence).toBeLessThan(0.7);
    const c = r.cases.find((x) => x.node === "Add_9")!;
    expect(c.resolution).toMatchObject({ status: "unresolved", primary: "features.1.0", confidence: consumer.confidence });
    expect(c.resolution.reasoning).toContain("by residual-connection");
  });

  it("are attributed between unlike parts of one module, not made cases (a Sequential's Linear and activation)", () => {
    const m = model([
      node("/classifier/classifier.0/Gemm", "Gemm", ["x"], ["g"]),
      node("", "HardSigmoid", ["g"], ["h"]),
      node("/classifier/classifier.1/Mul", "Mul", ["g", "h"], ["y"]),
    ]);
    const r = analyzeModel({ name: "m", model: m });
    expect(r.cases).toEqual([]);
    // The Mul reads the HardSigmoid's input too: the pair computes classifier.1's HardSwish.
    expect(r.nodes[1]).toMatchObject({ primary: "classifier.1", decidedBy: "neighbourhood", basis: "contested" });
  });

  it("resolve a constant shared by two layers to their common ancestor", () => {
    const m = model([
      node("Constant_5", "Constant", [], ["k"]),
      node("/encoder/layer.0/Mul", "Mul", ["x", "k"], ["a"]),
      node("/encoder/layer.1/Mul", "Mul", ["a", "k"], ["b"]),
    ]);
    const r = analyzeModel({ name: "m", model: m });
    expect(r.cases[0]).toMatchObject({ node: "Constant_5", scope: "cross-layer" });
    expect(r.cases[0]!.resolution).toMatchObject({ strategy: "shared-node", primary: "encoder.layer", auxiliary: ["encoder.layer.0", "encoder.layer.1"] });
  });

  it("stay unresolved below the threshold, with the best guess and the reason", () => {
    // A node between two alike layers with nothing but even dataflow to go on.
    const m = model([
      node("/layer.0/MatMul", "MatMul", ["x"], ["p"]),
      node("/layer.0/Relu", "Relu", ["p"], ["p2"]),
      node("Relu_1", "Relu", ["p2"], ["q"]),
      node("/layer.1/MatMul", "MatMul", ["q"], ["r"]),
      node("/layer.1/Relu", "Relu", ["r"], ["r2"]),
    ]);
    const r = analyzeModel({ name: "m", model: m }, { confidenceThreshold: 0.7 });
    const c = r.cases[0]!;
    expect(c.node).toBe("Relu_1");
    expect(c.resolution.status).toBe("unresolved");
    expect(c.resolution.confidence).toBeLessThan(0.7);
    expect(c.resolution.primary).not.toBeNull();
    expect(c.resolution.reasoning).toMatch(/below the threshold 0.7/);
    expect(r.counts.unresolved).toBe(1);
    // A lower threshold accepts the same answer.
    const lenient = analyzeModel({ name: "m", model: m }, { confidenceThreshold: c.resolution.confidence });
    expect(lenient.counts.unresolved).toBe(0);
    expect(lenient.cases[0]!.resolution.primary).toBe(c.resolution.primary);
  });

  it("keep a strategy's answer when the threshold is above its confidence", () => {
    const m = model([
      node("Constant_5", "Constant", [], ["k"]),
      node("/encoder/layer.0/Mul", "Mul", ["x", "k"], ["a"]),
      node("/encoder/layer.1/Mul", "Mul", ["a", "k"], ["b"]),
    ]);
    const r = analyzeModel({ name: "m", model: m }, { confidenceThreshold: 0.99 });
    expect(r.cases[0]!.resolution).toMatchObject({ status: "unresolved", primary: "encoder.layer", confidence: 0.85 });
    expect(r.cases[0]!.resolution.reasoning).toMatch(/shared-node at 0.85, is below the threshold 0.99/);
  });

  it("below the threshold and not cases are counted as uncertain", () => {
    const m = model([
      node("/a/MatMul", "MatMul", ["x"], ["p"]),
      node("Relu_1", "Relu", ["p"], ["q"]),
      node("/b/MatMul", "MatMul", ["q"], ["r"]),
    ]);
    const r = analyzeModel({ name: "m", model: m });
    expect(r.cases).toEqual([]);
    expect(r.nodes[1]!.confidence).toBeLessThan(0.7);
    expect(r.counts.uncertain).toBe(1);
  });
});

describe("graphs others rewrote", () => {
  const withInits = (m: OnnxModel, names: string[]): OnnxModel => ({
    ...m,
    graph: { ...m.graph, initializers: names.map((name) => ({ name, dataType: 1, dims: [4], payload: { kind: "empty" as const } })) },
  });

  it("reads a renamed node's module from the scoped name of the value it computes, and a fused node's other modules as auxiliary", () => {
    const m = model([
      node("/layer1/layer1.0/conv1/Conv", "Conv", ["x"], ["/layer1/layer1.0/relu/Relu_output_0"]),
      node("Gelu", "Gelu", ["/layer1/layer1.0/relu/Relu_output_0"], ["/layer1/layer1.0/act/Mul_1_output_0"]),
    ]);
    const r = analyzeModel({ name: "m", model: m });
    // A Conv that absorbed the ReLU after it (ONNX Runtime keeps the Conv's name, the ReLU's output).
    expect(r.nodes[0]).toMatchObject({ primary: "layer1.0.conv1", auxiliary: ["layer1.0.relu"], decidedBy: "scope", confidence: 1 });
    expect(r.nodes[1]).toMatchObject({ primary: "layer1.0.act", decidedBy: "tensor-name" });
    expect(r.nodes[1]!.confidence).toBeLessThan(1);
    expect(r.counts.bySource).toEqual({ scope: 1, "tensor-name": 1 });
  });

  it("puts a converter's casts and a quantizer's nodes with the value they convert", () => {
    const m = withInits(
      model([
        node("graph_input_cast_0", "Cast", ["x"], ["graph_input_cast0"]),
        node("/embeddings/Gather", "Gather", ["graph_input_cast0"], ["e"]),
        node("encoder.dense.weight_DequantizeLinear", "DequantizeLinear", ["encoder.dense.weight_quantized", "encoder.dense.weight_scale"], ["w"]),
        node("e_QuantizeLinear", "QuantizeLinear", ["e"], ["eq"]),
        node("e_DequantizeLinear", "DequantizeLinear", ["eq"], ["ed"]),
        node("/encoder/dense/MatMul", "MatMul", ["ed", "w"], ["y"]),
      ]),
      ["encoder.dense.weight_quantized", "encoder.dense.weight_scale"],
    );
    const r = analyzeModel({ name: "m", model: m });
    const at = (name: string) => r.nodes.find((n) => n.name === name)!;
    expect(at("graph_input_cast_0").primary).toBe("");
    expect(at("encoder.dense.weight_DequantizeLinear").primary).toBe("encoder.dense");
    expect(at("e_QuantizeLinear").primary).toBe("embeddings");
    expect(at("e_DequantizeLinear").primary).toBe("embeddings");
    expect(r.cases).toEqual([]);
  });

  it("puts a model's own Cast, its name lost, in the module that runs it, and a converter's cast with the value it converts", () => {
    // RMSNorm starts with `.to(float32)`: a Cast at the entry of the norm, after the residual Add.
    // Layer 1's Cast kept its name; layer 0's did not, or is a converter's.
    const layer = (k: number, x: string, castName: string) => [
      node(`/layers.${k}/Add`, "Add", [x, "y"], [`h${k}`]),
      node(castName, "Cast", [`h${k}`], [`f${k}`]),
      node(`/layers.${k}/norm/Pow`, "Pow", [`f${k}`, "two"], [`p${k}`]),
      node(`/layers.${k}/norm/ReduceMean`, "ReduceMean", [`p${k}`], [`v${k}`]),
      node(`/layers.${k}/norm/Mul`, "Mul", [`f${k}`, `v${k}`], [`o${k}`]),
    ];
    const graph = (castName: string) => model([...layer(0, "x", castName), ...layer(1, "o0", "/layers.1/norm/Cast")]);
    for (const name of ["Cast_3", ""]) expect(analyzeModel({ name: "m", model: graph(name) }).nodes[1], name).toMatchObject({ primary: "layers.0.norm" });
    for (const name of ["graph_input_cast0", "/layers.0/Add_output_cast_0", "InsertedPrecisionFreeCast_h"]) {
      expect(analyzeModel({ name: "m", model: graph(name) }).nodes[1], name).toMatchObject({ primary: "layers.0" });
    }
  });

  it("finds a merged constant by its use when it keeps one layer's name, and leaves a module's own output alone", () => {
    const layer = (k: number, x: string, y: string) => [
      node(`/encoder/layer.${k}/Mul`, "Mul", [x, "/encoder/layer.0/Constant_output_0"], [`m${k}`]),
      node(`/encoder/layer.${k}/Add`, "Add", [`m${k}`, x], [y]),
    ];
    const merged = model([node("/encoder/layer.0/Constant", "Constant", [], ["/encoder/layer.0/Constant_output_0"]), ...layer(0, "x", "h0"), ...layer(1, "h0", "h1")]);
    const r = analyzeModel({ name: "m", model: merged });
    expect(r.cases.map((c) => [c.node, c.resolution.strategy, c.resolution.primary, c.resolution.auxiliary])).toEqual([
      ["/encoder/layer.0/Constant", "shared-node", "encoder.layer", ["encoder.layer.0", "encoder.layer.1"]],
    ]);
    // Computed from layer 0's own parameter, read by later layers: layer 0's output, not sharing.
    const own = withInits(
      model([node("/encoder/layer.0/bias/Gather", "Gather", ["encoder.layer.0.bias.weight", "x"], ["b"]), node("/encoder/layer.0/Add", "Add", ["x", "b"], ["h0"]), node("/encoder/layer.1/Add", "Add", ["h0", "b"], ["h1"])]),
      ["encoder.layer.0.bias.weight"],
    );
    expect(analyzeModel({ name: "m", model: own }).cases).toEqual([]);
  });

  it("finds a constant shared by the layers of a stack nested in one stage, named or not", () => {
    // MaxViT: stages `blocks.N`, each a stack of layers `blocks.N.layers.K`. A constant both layers
    // of stage 0 read lies in one outer instance (`blocks.0`), yet is shared across layers.
    const layer = (b: number, k: number, x: string, y: string, c: string) => [
      node(`/blocks.${b}/layers.${k}/attn/Mul`, "Mul", [x, c], [`m${b}${k}`]),
      node(`/blocks.${b}/layers.${k}/attn/Add`, "Add", [`m${b}${k}`, x], [`r${b}${k}`]),
      node(`/blocks.${b}/layers.${k}/mlp/Relu`, "Relu", [`r${b}${k}`], [y]),
    ];
    const graph = (constant: string, c: string) =>
      model([
        node(constant, "Constant", [], [c]),
        node("/blocks.1/layers.0/attn/Constant", "Constant", [], ["c1"]),
        node("/blocks.1/layers.1/attn/Constant", "Constant", [], ["c2"]),
        ...layer(0, 0, "x", "h00", c),
        ...layer(0, 1, "h00", "h01", c),
        ...layer(1, 0, "h01", "h10", "c1"),
        ...layer(1, 1, "h10", "h11", "c2"),
      ]);
    for (const [constant, c] of [
      ["Constant_merged_0", "merged_t0"],
      ["/blocks.0/layers.0/attn/Constant", "/blocks.0/layers.0/attn/Constant_output_0"],
    ]) {
      const r = analyzeModel({ name: "m", model: graph(constant!, c!) });
      expect(r.cases.map((x) => [x.node, x.resolution.strategy, x.resolution.primary, x.resolution.auxiliary]), constant).toEqual([
        [constant, "shared-node", "blocks.0.layers", ["blocks.0.layers.0.attn", "blocks.0.layers.1.attn"]],
      ]);
    }
    // One layer's output read by the next layer of the stage is dataflow, not sharing: no case.
    const chain = model([
      ...layer(0, 0, "x", "h00", "c0"),
      node("Relu_0", "Relu", ["h00"], ["g"]),
      ...layer(0, 1, "g", "h01", "c1"),
      ...layer(1, 0, "h01", "h10", "c2"),
      ...layer(1, 1, "h10", "h11", "c3"),
      node("/blocks.0/layers.0/attn/Constant", "Constant", [], ["c0"]),
      node("/blocks.0/layers.1/attn/Constant", "Constant", [], ["c1"]),
      node("/blocks.1/layers.0/attn/Constant", "Constant", [], ["c2"]),
      node("/blocks.1/layers.1/attn/Constant", "Constant", [], ["c3"]),
    ]);
    expect(analyzeModel({ name: "m", model: chain }).cases).toEqual([]);
  });

  it("finds a constant read by unlike instances of one stack, named or not; a computed value between them stays dataflow", () => {
    // Swin: every second block of a stage runs its shifted window's mask besides the plain
    // block's ops, so the two blocks are far from alike by op counts. A constant both read is
    // still one value serving both.
    const block = (k: number, x: string, y: string, c: string) => [
      node(`/features.3/features.3.${k}/attn/Mul`, "Mul", [x, c], [`m${k}`]),
      ...(k % 2 === 1
        ? ["Slice", "Slice_1", "Sub", "Equal", "Where", "Reshape", "Transpose", "Unsqueeze"].map((op, j) =>
            node(`/features.3/features.3.${k}/attn/${op}`, op.replace(/_\d+$/, ""), [j === 0 ? `m${k}` : `s${k}_${j - 1}`], [`s${k}_${j}`]),
          )
        : []),
      node(`/features.3/features.3.${k}/attn/Add`, "Add", [k % 2 === 1 ? `s${k}_7` : `m${k}`, x], [y]),
    ];
    const graph = (constant: string, c: string) => model([node(constant, "Constant", [], [c]), ...block(0, "x", "h0", c), ...block(1, "h0", "h1", c)]);
    for (const [constant, c] of [
      ["Constant_merged_0", "merged_t0"],
      ["/features.3/features.3.0/attn/Constant", "/features.3/features.3.0/attn/Constant_output_0"],
    ]) {
      const r = analyzeModel({ name: "m", model: graph(constant!, c!) });
      expect(r.cases.map((x) => [x.node, x.resolution.strategy, x.resolution.primary, x.resolution.auxiliary]), constant).toEqual([
        [constant, "shared-node", "features.3", ["features.3.0.attn", "features.3.1.attn"]],
      ]);
    }
    // The same two blocks, where block 1 reads a value block 0 computed from the model's input:
    // dataflow between unlike blocks, no case.
    const computed = model([
      node("/features.3/features.3.0/attn/Relu", "Relu", ["x"], ["v"]),
      ...block(0, "x", "h0", "v"),
      ...block(1, "h0", "h1", "v"),
    ]);
    expect(analyzeModel({ name: "m", model: computed }).cases).toEqual([]);
  });

  it("reads the scopes an exporter or inliner wrote inside an If's branches; a branch node without one follows the If", () => {
    // A scripted model's control flow, inlined into the main graph's If by another tool: the
    // branch nodes keep torch's absolute scopes behind the inliner's prefix.
    const body = (nodes: ReturnType<typeof node>[]) => ({ name: "b", nodes, inputs: [], outputs: [], valueInfo: [], initializers: [], sparseInitializers: [], metadataProps: [] });
    const thenBranch = body([
      node("If_0_then_branch__Inline_0__/decoder/rnn/LSTM", "LSTM", ["h"], ["l"]),
      node("If_0_then_branch__Inline_0__/decoder/decoder.1/Relu", "Relu", ["l"], ["r"]),
      node("Identity_7", "Identity", ["r"], ["t"]),
    ]);
    const elseBranch = body([node("", "Identity", ["h"], ["e"])]);
    const m = model([
      node("/encoder/encoder.0/Conv", "Conv", ["x"], ["h"]),
      node("/decoder/If", "If", ["c"], ["y"], { attributes: [{ name: "then_branch", type: 5, g: thenBranch }, { name: "else_branch", type: 5, g: elseBranch }] }),
    ]);
    const r = analyzeModel({ name: "m", model: m });
    expect(r.nodes.map((n) => [n.name, n.primary])).toEqual([
      ["/encoder/encoder.0/Conv", "encoder.0"],
      ["/decoder/If", "decoder"],
      ["If_0_then_branch__Inline_0__/decoder/rnn/LSTM", "decoder.rnn"],
      ["If_0_then_branch__Inline_0__/decoder/decoder.1/Relu", "decoder.1"],
      ["Identity_7", "decoder"],
      ["", "decoder"],
    ]);
    expect(r.counts.withEvidence).toBe(4);
  });

  it("counts a node tagged with the root class as placed, with or without the module tree", () => {
    const m = model([node("n1", "Shape", ["x"], ["s"]), node("n2", "Gather", ["s"], ["g"])]);
    const r = analyzeModel({ name: "m", model: m, sidecars: { htp: { nodes: { n1: "/BertModel", n2: "/BertModel" } } } });
    expect(r.nodes.map((n) => [n.primary, n.decidedBy])).toEqual([
      ["", "tag"],
      ["", "tag"],
    ]);
    expect(r.counts.unattributed).toBe(0);
    expect(r.counts.withEvidence).toBe(2);
  });

  it("looks node names up in sidecars as data, never as object properties", () => {
    const names = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"];
    const m = model(names.map((n, i) => node(n, "Relu", [i === 0 ? "x" : names[i - 1]!], [n])));
    const sidecar = JSON.parse(`{"nodes": {"__proto__": "/BertModel"}}`) as { nodes: Record<string, string> };
    const r = analyzeModel({ name: "m", model: m, sidecars: { htp: sidecar, legacy: { node_tags: {} } } });
    expect(r.nodes.find((n) => n.name === "__proto__")!.decidedBy).toBe("tag");
    expect(r.nodes.filter((n) => n.decidedBy === "tag")).toHaveLength(1);
  });

  it("reports no module outside the model's own module list", () => {
    const m = withInits(
      model(
        [node("/encoder/layer.0/MatMul", "MatMul", ["x"], ["a"]), node("Gemm_1", "Gemm", ["a", "encoder.ghost.weight"], ["b"]), node("/encoder/layer.0/extra/Relu", "Relu", ["b"], ["c"])],
        bertModules,
      ),
      ["encoder.ghost.weight"],
    );
    const r = analyzeModel({ name: "m", model: m });
    const declared = new Set(bertModules.map((x) => x.path));
    expect(r.modules.map((x) => x.path).filter((p) => !declared.has(p))).toEqual([]);
    expect(r.nodes[2]!.primary).toBe("encoder.layer.0");
    expect(r.nodes[1]!.primary).toBe("encoder.layer.0");
  });

  it("places the nodes an inliner made of one call in that call's layer", () => {
    const call = (k: number, x: string, y: string) => {
      const p = k === 0 ? "_inlfunc_Block_" : `_inlfunc_Block_token_${k - 1}_`;
      return [
        node(`${p}MatMul_1`, "MatMul", [x], [`${p}a`]),
        node(`${p}Relu_2`, "Relu", [`${p}a`], [`${p}b`]),
        node(`${p}Add_3`, "Add", [`${p}b`, x], [y]),
      ];
    };
    const m = model([...call(0, "x", "/layers/layers.0/Block_output_0"), ...call(1, "/layers/layers.0/Block_output_0", "/layers/layers.1/Block_output_0")]);
    const r = analyzeModel({ name: "m", model: m });
    expect(r.cases).toEqual([]);
    expect(r.nodes.map((n) => n.primary)).toEqual(["layers.0", "layers.0", "layers.0", "layers.1", "layers.1", "layers.1"]);
  });
});
