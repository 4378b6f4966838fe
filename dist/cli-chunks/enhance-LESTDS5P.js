import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  analyzeFiles
} from "./chunk-ZVRVPDTO.js";
import "./chunk-I72EKTL3.js";
import {
  writeFileAtomic
} from "./chunk-4Z6MGRSL.js";
import {
  decodeModelMessage,
  encodeModelMessage,
  forEachNodeMessage,
  removeNodeMetadataPrefix,
  setNodeMetadata
} from "./chunk-BKIXX63V.js";
import "./chunk-ORYZIPJU.js";
import "./chunk-MG3C76CF.js";
import "./chunk-PAMJ3YLT.js";
import {
  numberOption,
  parseCommandArgs
} from "./chunk-THE7XHCR.js";
import {
  UsageError,
  UserError
} from "./chunk-THEZH5GJ.js";

// src/cli/commands/enhance.ts
import fs from "node:fs";

// src/extract/enhance.ts
var CONTEXT_KEYS = {
  primary: "modelexport.context.primary",
  auxiliary: "modelexport.context.auxiliary",
  strategy: "modelexport.context.strategy",
  confidence: "modelexport.context.confidence"
};
function tagsFromReport(nodes, cases = []) {
  const strategyByNode = /* @__PURE__ */ new Map();
  for (const c of cases) if (c.resolution.status === "resolved" && c.resolution.strategy) strategyByNode.set(c.node, c.resolution.strategy);
  return new Map(
    nodes.map((n) => [
      n.id,
      {
        primary: n.primary,
        auxiliary: n.auxiliary,
        strategy: (n.decidedBy === "case" ? strategyByNode.get(n.id) : void 0) ?? n.decidedBy,
        confidence: n.confidence
      }
    ])
  );
}
function formatConfidence(c) {
  return String(Math.round(Math.min(1, Math.max(0, c)) * 1e4) / 1e4);
}
function applyTags(model, tags) {
  let tagged = 0;
  forEachNodeMessage(model, (node, id) => {
    removeNodeMetadataPrefix(node, "modelexport.context.");
    const t = tags.get(id);
    if (!t || t.primary === null) return;
    const set = { [CONTEXT_KEYS.primary]: t.primary, [CONTEXT_KEYS.auxiliary]: JSON.stringify([...t.auxiliary]) };
    if (t.strategy !== null) set[CONTEXT_KEYS.strategy] = t.strategy;
    set[CONTEXT_KEYS.confidence] = formatConfidence(t.confidence);
    setNodeMetadata(node, set);
    tagged++;
  });
  return tagged;
}
var NODE_METADATA_IR_VERSION = 10;
function irVersionOf(model) {
  const v = model.irVersion;
  return v === void 0 || v === null ? 0 : typeof v === "number" ? v : v.toNumber();
}
function writeEnhancedModel(bytes, tags) {
  const model = decodeModelMessage(bytes);
  const tagged = applyTags(model, tags);
  if (tagged > 0 && irVersionOf(model) < NODE_METADATA_IR_VERSION) model.irVersion = NODE_METADATA_IR_VERSION;
  return { bytes: encodeModelMessage(model), tagged, irVersion: irVersionOf(model) };
}

// src/cli/commands/enhance.ts
var summary = "write the model with each node's resolved module (primary, auxiliary, strategy, confidence) in metadata_props";
var usage = `usage: modelexport enhance MODEL.onnx -o OUT.onnx [--threshold X] [--sidecar PATH]...

Analyses the model and writes a copy whose nodes carry the resolved hierarchy in the standard
NodeProto.metadata_props: modelexport.context.primary, modelexport.context.auxiliary (JSON
list), modelexport.context.strategy, modelexport.context.confidence, plus modelexport.module and
modelexport.tag. Nothing else in the graph changes: ONNX Runtime gives identical outputs.

  -o, --output FILE   where to write (never the input file)
  --threshold X       confidence below which a case is unresolved (default 0.7)
  --sidecar PATH      a sidecar file or folder to read tags from (repeatable)`;
async function run(argv) {
  const { values, positionals } = parseCommandArgs(
    argv,
    { output: { type: "string", short: "o" }, threshold: { type: "string" }, sidecar: { type: "string", multiple: true } },
    usage
  );
  if (positionals.length !== 1) throw new UsageError(`expected one model file
${usage}`);
  if (!values.output) throw new UsageError(`-o OUT.onnx is required
${usage}`);
  const file = positionals[0];
  if (fs.existsSync(values.output) && fs.realpathSync(values.output) === fs.realpathSync(file)) {
    throw new UserError(`${values.output}: refusing to overwrite the input model; choose another -o`);
  }
  const report = analyzeFiles([file], { confidenceThreshold: numberOption(values.threshold, "threshold", 0.7, 0, 1), sidecars: values.sidecar ?? [] });
  const m = report.models[0];
  const { bytes, tagged } = writeEnhancedModel(fs.readFileSync(file), tagsFromReport(m.nodes, m.cases));
  writeFileAtomic(values.output, bytes);
  process.stdout.write(`${values.output}: ${tagged} of ${m.counts.nodes} nodes tagged (${m.counts.cases} cases, ${m.counts.unresolved} unresolved)
`);
  return 0;
}
export {
  run,
  summary,
  usage
};
