import { describe, expect, it } from "vitest";
import { conformanceModels } from "./corpus.js";
import { loadModelFile } from "../src/adapters/fs/model-file.js";

describe("conformance corpus (libonnx-testdata)", () => {
  const files = conformanceModels();
  it("has the corpus installed", () => {
    expect(files.length).toBeGreaterThan(1000);
  });
  it("decodes every model", () => {
    let nodes = 0;
    for (const f of files) {
      const { model } = loadModelFile(f);
      expect(model.irVersion, f).toBeGreaterThan(0);
      nodes += model.graph.nodes.length;
    }
    expect(nodes).toBeGreaterThan(files.length);
  });
});

import { execFileSync } from "node:child_process";
import path from "node:path";
import { python, repoRoot } from "./corpus.js";
import { AttributeType, type OnnxGraph } from "../src/load/model.js";

interface GraphSummary {
  name: string;
  nodes: { name: string; op: string; domain: string; inputs: string[]; outputs: string[]; attributes: string[]; values: Record<string, unknown>; subgraphs: GraphSummary[] }[];
  inputs: string[];
  outputs: string[];
  initializers: { name: string; dims: number[]; dataType: number }[];
}

function summarise(g: OnnxGraph): GraphSummary {
  return {
    name: g.name,
    nodes: g.nodes.map((n) => ({
      name: n.name,
      op: n.opType,
      domain: n.domain,
      inputs: n.inputs,
      outputs: n.outputs,
      attributes: n.attributes.map((a) => a.name),
      values: Object.fromEntries(
        n.attributes.flatMap((a): [string, unknown][] => {
          switch (a.type) {
            case AttributeType.INT:
              return [[a.name, a.i ?? 0]];
            case AttributeType.FLOAT:
              return [[a.name, a.f ?? 0]];
            case AttributeType.STRING:
              return [[a.name, a.s ?? ""]];
            case AttributeType.INTS:
              return [[a.name, a.ints ?? []]];
            case AttributeType.FLOATS:
              return [[a.name, a.floats ?? []]];
            case AttributeType.TENSOR:
              return [[a.name, { dims: a.t?.dims ?? [], dataType: a.t?.dataType ?? 0 }]];
            default:
              return [];
          }
        }),
      ),
      subgraphs: n.attributes.flatMap((a) => [...(a.g ? [a.g] : []), ...(a.graphs ?? [])]).map(summarise),
    })),
    inputs: g.inputs.map((v) => v.name),
    outputs: g.outputs.map((v) => v.name),
    initializers: g.initializers.map((t) => ({ name: t.name, dims: t.dims, dataType: t.dataType })),
  };
}

describe("decoder agrees with the reference onnx package", () => {
  it("on every conformance model: nodes, attributes, subgraphs, initializers, functions", () => {
    const files = conformanceModels();
    const reference = JSON.parse(
      execFileSync(python, [path.join(repoRoot, "test/tools/onnx_summary.py"), ...files], { maxBuffer: 1 << 28 }).toString(),
    ) as Record<string, { irVersion: number; opsets: [string, number][]; graph: GraphSummary; functions: [string, string, number][] }>;
    for (const f of files) {
      const { model } = loadModelFile(f);
      const ref = reference[f]!;
      expect(model.irVersion, f).toBe(ref.irVersion);
      expect(model.opsetImports.map((o) => [o.domain, o.version]), f).toEqual(ref.opsets);
      expect(summarise(model.graph), f).toEqual(ref.graph);
      expect(model.functions.map((fn) => [fn.domain, fn.name, fn.nodes.length]), f).toEqual(ref.functions);
    }
  });
});
