import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  buildGraphIndex,
  collectEvidence,
  comparePaths
} from "./chunk-PAMJ3YLT.js";
import {
  loadModelFile,
  parseCommandArgs
} from "./chunk-THE7XHCR.js";
import {
  UsageError,
  escapeControls
} from "./chunk-THEZH5GJ.js";

// src/cli/commands/inspect.ts
var summary = "print the module tree rebuilt from node-name scopes (or dynamo metadata), with nodes per module";
var usage = `usage: modelexport inspect MODEL.onnx [--json]

Prints the module tree the exporter recorded in the graph: TorchScript node-name scopes
(/encoder/layer.0/attention/self/query/MatMul) or dynamo name_scopes metadata, with the
number of nodes executed directly in each module, and how many nodes carry no scope.

  --json   print the tree as JSON`;
function inspectModel(file) {
  const { model } = loadModelFile(file);
  const index = buildGraphIndex(model);
  const { evidence, tree } = collectEvidence(index);
  const direct = /* @__PURE__ */ new Map();
  let withScope = 0;
  let mainNodes = 0;
  for (let i = 0; i < index.nodes.length; i++) {
    if (index.nodes[i].graph !== "") continue;
    mainNodes++;
    const ex = evidence[i].exporter;
    if (!ex) continue;
    withScope++;
    direct.set(ex.path, (direct.get(ex.path) ?? 0) + 1);
  }
  const build = (path) => {
    const m = tree.get(path);
    const children = [...m.children].sort(comparePaths).map(build);
    const node = {
      path,
      name: m.name,
      nodes: direct.get(path) ?? 0,
      totalNodes: (direct.get(path) ?? 0) + children.reduce((s, c) => s + c.totalNodes, 0),
      children
    };
    if (m.className) node.className = m.className;
    return node;
  };
  return {
    model: file,
    irVersion: model.irVersion,
    producer: `${model.producerName} ${model.producerVersion}`.trim(),
    opsets: model.opsetImports,
    nodes: mainNodes,
    initializers: model.graph.initializers.length,
    functions: model.functions.length,
    subgraphNodes: index.nodes.length - mainNodes,
    withScope,
    withoutScope: mainNodes - withScope,
    tree: build("")
  };
}
var esc = escapeControls;
function formatInspect(r) {
  const lines = [
    `${esc(r.model)}: ${r.nodes} nodes (${r.withScope} with a scope, ${r.withoutScope} without), ${r.initializers} initializers` + (r.functions ? `, ${r.functions} local functions` : "") + (r.subgraphNodes ? `, ${r.subgraphNodes} nodes in subgraphs and function bodies` : ""),
    `producer ${esc(r.producer) || "(unknown)"}, IR ${r.irVersion}, opsets ${r.opsets.map((o) => `${esc(o.domain) || "ai.onnx"}:${o.version}`).join(", ")}`,
    ""
  ];
  const walk = (m, depth) => {
    const label = depth === 0 ? "(root)" : esc(m.name);
    const cls = m.className ? ` [${esc(m.className)}]` : "";
    const counts = m.children.length > 0 ? `${m.nodes} own, ${m.totalNodes} total` : `${m.nodes}`;
    lines.push(`${"  ".repeat(depth)}${label}${cls}  ${counts}`);
    for (const c of m.children) walk(c, depth + 1);
  };
  walk(r.tree, 0);
  return lines.join("\n");
}
async function run(argv) {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: "boolean" } }, usage);
  if (positionals.length !== 1) throw new UsageError(`expected one model file
${usage}`);
  const result = inspectModel(positionals[0]);
  process.stdout.write((values.json ? JSON.stringify(result, null, 2) : formatInspect(result)) + "\n");
  return 0;
}
export {
  formatInspect,
  inspectModel,
  run,
  summary,
  usage
};
