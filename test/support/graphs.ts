/** Small hand-built graphs for engine tests: plain data, as the decoder produces it. */
import type { OnnxModel, OnnxNode } from "../../src/load/model.js";

export function node(name: string, opType: string, inputs: string[], outputs: string[], extra: Partial<OnnxNode> = {}): OnnxNode {
  return { name, opType, domain: "", overload: "", inputs, outputs, attributes: [], docString: "", metadataProps: [], ...extra };
}

/** A model of `nodes` reading the graph input `x`, with the module list `modules` recorded when given. */
export function model(nodes: OnnxNode[], modules?: { path: string; class: string }[]): OnnxModel {
  return {
    irVersion: 10,
    producerName: "test",
    producerVersion: "",
    domain: "",
    modelVersion: 0,
    docString: "",
    opsetImports: [{ domain: "", version: 17 }],
    metadataProps: modules ? [["modelexport.modules", JSON.stringify(modules)]] : [],
    graph: { name: "g", nodes, inputs: [{ name: "x", elemType: 1, kind: "tensor" }], outputs: [], valueInfo: [], initializers: [], sparseInitializers: [], metadataProps: [] },
    functions: [],
    byteLength: 0,
  };
}
