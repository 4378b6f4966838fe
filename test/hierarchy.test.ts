import { describe, expect, it } from "vitest";
import { parseScopeName, readScopeName, readScopeNameAnyOp, readTensorScope, ScopeNormaliser } from "../src/hierarchy/scope.js";
import { parsePythonStringList } from "../src/hierarchy/python-repr.js";
import { conflicts, conflictScope, deepest, isAncestorOrSelf, LayerNaming, lowestCommonAncestor } from "../src/hierarchy/paths.js";
import { ModuleTree } from "../src/hierarchy/module-tree.js";
import { isRewriterSegment, mayBeRewriterSegment } from "../src/hierarchy/op-names.js";

describe("TorchScript scopes", () => {
  it("reads module paths from node names", () => {
    expect(parseScopeName("/encoder/layer.0/attention/self/query/MatMul")?.path).toBe("encoder.layer.0.attention.self.query");
    expect(parseScopeName("/Unsqueeze")?.path).toBe("");
    expect(parseScopeName("Identity_0")).toBeNull();
    expect(parseScopeName("")).toBeNull();
    expect(parseScopeName("/a//b")).toBeNull();
  });
  it("applies the Sequential parent.N rule", () => {
    expect(parseScopeName("/layer1/layer1.0/conv1/Conv")?.path).toBe("layer1.0.conv1");
    expect(parseScopeName("/layer2/layer2.0/downsample/downsample.0/Conv")?.path).toBe("layer2.0.downsample.0");
    expect(parseScopeName("/layer2/layer2.0/downsample/downsample.0/Conv")?.prefixes).toEqual([
      "layer2",
      "layer2.0",
      "layer2.0.downsample",
      "layer2.0.downsample.0",
    ]);
  });
  it("folds call suffixes only when the unsuffixed module exists", () => {
    const n = new ScopeNormaliser();
    n.addAll(["layer1", "layer1.0", "layer1.0.relu", "layer1.0.relu_1", "conv_1", "conv_2"]);
    expect(n.normalise("layer1.0.relu_1")).toBe("layer1.0.relu");
    expect(n.normalise("conv_1")).toBe("conv_1");
    expect(n.normalise("conv_2")).toBe("conv_2");
  });
  it("folds a suffix whose unsuffixed module lost every node where another module runs both names", () => {
    const n = new ScopeNormaliser();
    // layer3's blocks both lost their first relu call; layer1's blocks show the pair.
    n.addAll(["layer1", "layer1.0", "layer1.0.relu", "layer1.0.relu_1", "layer3", "layer3.0", "layer3.0.relu_1", "layer3.1", "layer3.1.relu_1"]);
    expect(n.normalise("layer3.0.relu_1")).toBe("layer3.0.relu");
    // Inception-style names: `branch3x3_1` never stands next to `branch3x3`.
    n.addAll(["mixed_a", "mixed_a.branch3x3", "mixed_b", "mixed_b.branch3x3_1", "mixed_b.branch3x3_2"]);
    expect(n.normalise("mixed_b.branch3x3_1")).toBe("mixed_b.branch3x3_1");
    expect(n.normalise("mixed_b.branch3x3_2")).toBe("mixed_b.branch3x3_2");
  });
});

describe("scopes as graph rewriters leave them", () => {
  it("never reads an op name or a rewriter's suffix as a module", () => {
    // ONNX Runtime keeps the first fused op's name and appends the fusion's.
    expect(readScopeName("/encoder/layer.0/attention/self/key/MatMul/MatMulAddFusion", "Gemm")?.path).toBe("encoder.layer.0.attention.self.key");
    expect(readScopeName("/transformer/h.0/ln_2/Mul/LayerNormFusion/", "LayerNormalization")?.path).toBe("transformer.h.0.ln_2");
    expect(readScopeName("/h.0/self_attention/Slice_2/GatherSliceToSplitFusion", "Split")?.path).toBe("h.0.self_attention");
    expect(readScopeName("/encoder/layer.0/attention/self/MatMul/MatMulScaleFusion/", "FusedMatMul")?.path).toBe("encoder.layer.0.attention.self");
    expect(readScopeName("fused /pooler/dense/Gemm", "FusedGemm")?.path).toBe("pooler.dense");
    // Quantizers name nodes after the tensor they convert: the tensor's producer is the scope.
    expect(readScopeName("/encoder/layer.0/output/LayerNorm/Add_1_output_0_QuantizeLinear", "QuantizeLinear")?.path).toBe("encoder.layer.0.output.LayerNorm");
    // Names with no scope stay so.
    for (const name of ["gemm_input_reshape", "SkipLayerNormalization_token_141", "graph_input_cast_0", "BiasGelu", "Gelu", ""]) expect(readScopeName(name)).toBeNull();
    // HF module names that look like classes are modules: `LayerNorm` is no op type.
    expect(readScopeName("/encoder/layer.0/output/LayerNorm/ReduceMean", "ReduceMean")?.path).toBe("encoder.layer.0.output.LayerNorm");
  });

  it("reads a name for any op type as for each, but the op type heading the last segment left", () => {
    const names = ["/encoder/layer.0/attention/self/MatMul", "/enc/Foo_1/Slice_2/Foo", "/enc/MyOp/MyOp_3", "/Unsqueeze", "/a/_x/y", "/a//b", "noscope"];
    const opTypes = ["MatMul", "Foo", "MyOp", "Slice", "", "Relu"];
    for (const name of names) {
      const { scope, exceptOpType } = readScopeNameAnyOp(name);
      for (const op of opTypes) {
        if (op !== exceptOpType) expect(scope, `${name} as ${op}`).toEqual(readScopeName(name, op));
      }
    }
    expect(readScopeNameAnyOp("/enc/Foo_1/Slice_2/Foo").exceptOpType).toBe("Foo");
    expect(readScopeName("/enc/Foo_1/Slice_2/Foo", "Foo")?.path).toBe("enc");
    expect(readScopeNameAnyOp("/a/_x/y").exceptOpType).toBe("");
  });

  it("reads scopes behind an inliner's prefix and in the names of values", () => {
    expect(readScopeName("If_0_else_branch__Inline_0__/decoder/rnn/LSTM", "LSTM")?.path).toBe("decoder.rnn");
    expect(readTensorScope("/features/features.0/features.0.2/HardSwish_output_0")?.path).toBe("features.0.2");
    expect(readTensorScope("_inlfunc_HardSwish_HS_X")).toBeNull();
    expect(readTensorScope("onnx::Conv_193")).toBeNull();
  });

  it("folds call suffixes in time linear in the name's length", () => {
    const n = new ScopeNormaliser();
    const long = Array.from({ length: 4000 }, (_, i) => `m_${i}`).join(".");
    n.addAll([long]);
    expect(n.normalise(long)).toBe(long);
  });
});

describe("python repr lists (dynamo metadata)", () => {
  it("parses quoting and escapes", () => {
    expect(parsePythonStringList("['', 'encoder', 'encoder.layer.0', 'linear_8']")).toEqual(["", "encoder", "encoder.layer.0", "linear_8"]);
    expect(parsePythonStringList(`["it's", 'a\\'b', 'c\\\\d', 'x\\u00e9']`)).toEqual(["it's", "a'b", "c\\d", "xé"]);
    expect(parsePythonStringList("[]")).toEqual([]);
    expect(parsePythonStringList("['a', 'b',]")).toEqual(["a", "b"]);
  });
  it("rejects what is not a list of strings", () => {
    for (const bad of ["", "['a'", "[a]", "['a'] x", "['a' 'b']", "{'a': 1}", "[1, 2]"]) expect(parsePythonStringList(bad), bad).toBeNull();
  });
});

describe("path relations", () => {
  it("knows ancestors, conflicts and their scope", () => {
    expect(isAncestorOrSelf("", "a.b")).toBe(true);
    expect(isAncestorOrSelf("encoder.layer.1", "encoder.layer.10")).toBe(false);
    expect(conflicts("encoder.layer.0", "encoder.layer.0.attention")).toBe(false);
    expect(conflicts("encoder.layer.0.attention", "encoder.layer.1.attention")).toBe(true);
    expect(conflictScope("encoder.layer.0.attention", "encoder.layer.1.attention")).toBe("cross-layer");
    expect(conflictScope("encoder.layer.0.attention", "encoder.layer.0.output")).toBe("cross-module");
    expect(lowestCommonAncestor(["encoder.layer.0.a", "encoder.layer.1.a"])).toBe("encoder.layer");
    expect(deepest(["a", "a.b", "a.c", "a.b.d"])).toEqual(["a.b.d", "a.c"]);
  });
});

describe("LayerNaming", () => {
  const instance = (paths: string[], path: string) => new LayerNaming(paths).instanceOf(path);

  it("keeps plain indices, the outermost indexed container first", () => {
    const paths = ["encoder.block.0.layer.0.SelfAttention", "encoder.block.0.layer.1.DenseReluDense", "encoder.block.1.layer.0.SelfAttention"];
    expect(instance(paths, "encoder.block.0.layer.1.DenseReluDense")).toEqual({ path: "encoder.block.0", template: "encoder.block.*", index: 0 });
    // A ModuleList absent from the tree (`encoder.block.0.layer`) still makes block.0 a container.
    expect(instance(paths, "encoder.block.1")).toEqual({ path: "encoder.block.1", template: "encoder.block.*", index: 1 });
  });

  it("takes the blocks of a stage (an index right inside an index) for the stack", () => {
    const paths = ["features.0.0", "features.2.0.block.1.0", "features.2.1.block.1.0", "features.3.0.block.1.0"];
    expect(instance(paths, "features.2.1.block.1.0")).toEqual({ path: "features.2.1", template: "features.2.*", index: 1 });
    // A Conv-norm-activation's numbered leaves (`features.0.0`) are no blocks.
    expect(instance(paths, "features.0.0")).toEqual({ path: "features.0", template: "features.*", index: 0 });
  });

  it("reads numbered containers among siblings of one stem, the innermost first", () => {
    const paths = ["features.denseblock1.denselayer1.conv1", "features.denseblock1.denselayer2.conv1", "features.denseblock2.denselayer1.conv1", "features.conv0"];
    expect(instance(paths, "features.denseblock1.denselayer2.conv1")).toEqual({ path: "features.denseblock1.denselayer2", template: "features.denseblock1.denselayer*", index: 2 });
    const regnet = ["trunk_output.block1.block1-0.f.a.0", "trunk_output.block1.block1-1.f.a.0", "trunk_output.block2.block2-0.f.a.0"];
    // Over an index that names a leaf (`f.a.0`, a Conv in a Sequential): the block is the stack.
    expect(instance(regnet, "trunk_output.block1.block1-1.f.a.0")).toEqual({ path: "trunk_output.block1.block1-1", template: "trunk_output.block1.block1-*", index: 1 });
  });

  it("tells containers of numbered parts (a Sequential, a ModuleList) from modules with named children", () => {
    const naming = new LayerNaming(["classifier.0", "classifier.3", "encoder.layer.0.attention", "pooler.dense"]);
    expect(naming.holdsParts("classifier")).toBe(true);
    // A ModuleList absent from the tree is a prefix of its children's paths.
    expect(naming.holdsParts("encoder.layer")).toBe(true);
    expect(naming.holdsParts("encoder")).toBe(false);
    expect(naming.holdsParts("pooler")).toBe(false);
    expect(naming.holdsParts("pooler.dense")).toBe(false);
  });

  it("reads a stage's one block as an instance where the sibling stages number theirs alike", () => {
    // RegNetX-400MF: `block1` holds one block, `block2` two.
    const regnet = ["trunk_output.block1.block1-0.f.a.0", "trunk_output.block2.block2-0.f.a.0", "trunk_output.block2.block2-1.f.a.0"];
    expect(instance(regnet, "trunk_output.block1.block1-0.f.a.0")).toEqual({ path: "trunk_output.block1.block1-0", template: "trunk_output.block1.block1-*", index: 0 });
    // Without a sibling stage that numbers two blocks, a lone numbered child names no instance.
    const lone = ["trunk_output.block1.block1-0.f.a.0", "trunk_output.block2.block2-0.f.a.0"];
    expect(instance(lone, "trunk_output.block1.block1-0.f.a.0")).toMatchObject({ path: "trunk_output.block1" });
    // A lone numbered leaf (`conv1`) is no instance, whatever its cousins.
    expect(instance(["s.a.conv1", "s.b.conv1", "s.b.conv2"], "s.a.conv1")).toBeNull();
    expect(instance(["s.a.conv1.x", "s.b.conv1.x", "s.b.conv2.x"], "s.a.conv1.x")).toMatchObject({ path: "s.a.conv1" });
  });

  it("keeps a numbered module an instance when its children lost their ops, where a sibling of its stem is a container", () => {
    // Inception's `branch5x5_1` and `branch5x5_2`: the first's one Conv (`.conv`) is nameless.
    const paths = ["Mixed_5b.branch5x5_1", "Mixed_5b.branch5x5_2.conv", "Mixed_5c.branch5x5_1.conv", "Mixed_5c.branch5x5_2.conv"];
    expect(instance(paths, "Mixed_5b.branch5x5_1")).toEqual({ path: "Mixed_5b.branch5x5_1", template: "Mixed_5b.branch5x5_*", index: 1 });
    expect(instance(paths, "Mixed_5b.branch5x5_1.conv")).toMatchObject({ path: "Mixed_5b.branch5x5_1" });
    // Both of a block's lost their Conv's name: a cousin under the next block still tells.
    const both = ["Mixed_5b.branch5x5_1", "Mixed_5b.branch5x5_2", "Mixed_5c.branch5x5_1.conv", "Mixed_5c.branch5x5_2.conv"];
    expect(instance(both, "Mixed_5b.branch5x5_2")).toMatchObject({ path: "Mixed_5b.branch5x5_2", template: "Mixed_5b.branch5x5_*" });
    // Leaves whose siblings of the stem are leaves too stay no instances (a block's `conv1`, `conv2`).
    expect(instance(["layer1.conv1", "layer1.conv2", "layer1.bn1.x"], "layer1.conv1")).toBeNull();
  });

  it("reads a number with a letter after it as an ordinal among siblings of one stem", () => {
    const paths = ["inception3a.branch1.conv", "inception3b.branch1.conv", "inception4a.branch1.conv", "maxpool3"];
    const a = instance(paths, "inception3b.branch1.conv")!;
    const b = instance(paths, "inception4a.branch1.conv")!;
    expect(a).toMatchObject({ path: "inception3b", template: "inception*" });
    expect(b).toMatchObject({ path: "inception4a", template: "inception*" });
    // 3a, 3b, then 4a: the next stage's first block is further than the stage's next one.
    expect(b.index - a.index).toBeGreaterThan(a.index - instance(paths, "inception3a")!.index);
  });

  it("does not take numbered leaves, or a numbered name without siblings, for instances", () => {
    expect(instance(["layer1.conv1", "layer1.conv2"], "layer1.conv2")).toBeNull();
    expect(instance(["stage2.block", "head"], "stage2.block")).toBeNull();
    // ResNet: the blocks inside a stage are the instances; the stages, Sequentials of blocks, are not.
    const resnet = ["layer1.0.conv1", "layer1.1.conv1", "layer2.0.conv1"];
    expect(instance(resnet, "layer1.1.conv1")).toEqual({ path: "layer1.1", template: "layer1.*", index: 1 });
    expect(instance(resnet, "layer2")).toBeNull();
  });

  it("takes a block, not its unlike numbered parts, for the instance", () => {
    // GoogLeNet: `branch1` a Conv-norm, `branch2` to `branch4` Sequentials of parts.
    const paths = ["inception3a.branch1.conv", "inception3a.branch2.0.conv", "inception3a.branch2.1.conv", "inception3a.branch3.0.conv", "inception3b.branch1.conv", "inception3b.branch2.0.conv"];
    expect(instance(paths, "inception3a.branch2.1.conv")).toMatchObject({ path: "inception3a", template: "inception*" });
    expect(instance(paths, "inception3b.branch1.conv")).toMatchObject({ path: "inception3b", template: "inception*" });
  });
});

describe("ModuleTree", () => {
  it("derives class paths, skipping containers that never run forward", () => {
    const t = new ModuleTree();
    t.add("", "BertModel");
    t.add("encoder", "BertEncoder");
    t.add("encoder.layer", "ModuleList");
    t.add("encoder.layer.0", "BertLayer");
    t.add("encoder.layer.0.attention", "BertAttention");
    expect(t.classPathOf("encoder.layer.0.attention")).toBe("/BertModel/BertEncoder/BertLayer.0/BertAttention");
    expect(t.pathOfClassPath("/BertModel/BertEncoder/BertLayer.0")).toBe("encoder.layer.0");
    expect(t.pathOfClassPath("BertModel/BertEncoder/BertLayer.0/")).toBe("encoder.layer.0");
    expect(t.get("encoder.layer.0")?.name).toBe("0");
  });
  it("names a ModuleList child after the list when the list itself is unknown", () => {
    const t = new ModuleTree();
    t.add("encoder");
    t.add("encoder.layer.0");
    expect(t.get("encoder.layer.0")?.parent).toBe("encoder");
    expect(t.get("encoder.layer.0")?.name).toBe("layer.0");
  });
});

describe("mayBeRewriterSegment", () => {
  it("holds for every segment isRewriterSegment accepts, so a scope cache keyed without it stays exact", () => {
    const segments = ["MatMulAddFusion", "LayerNormFusion", "GatherSliceToSplitFusion", "Fusion", "BiasGeluFusion_3", "SkipLayerNormFusion_token_2", "token_4", "MatMul", "Add_12", "Slice_2", "tokens", "Conv"];
    for (const s of segments) {
      const name = `/encoder/layer.0/${s}`;
      if (isRewriterSegment(s)) expect(mayBeRewriterSegment(name, name.lastIndexOf("/") + 1), s).toBe(true);
    }
    expect(mayBeRewriterSegment("/encoder/layer.0/MatMul", 17)).toBe(false);
    expect(segments.filter(isRewriterSegment).length).toBe(7);
  });
});
