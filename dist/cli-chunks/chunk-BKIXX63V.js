import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  localNodeIds
} from "./chunk-PAMJ3YLT.js";
import {
  OnnxDecodeError,
  onnxTypes
} from "./chunk-THE7XHCR.js";

// src/load/encode.ts
function int64(x) {
  if (x === void 0 || x === null) return 0;
  return typeof x === "number" ? x : x.toNumber();
}
function decodeModelMessage(bytes) {
  if (bytes.length === 0) throw new OnnxDecodeError("the file is empty");
  let msg;
  try {
    msg = onnxTypes().ModelProto.decode(bytes);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof RangeError && /call stack/i.test(message)) throw new OnnxDecodeError("the model is nested too deeply to decode");
    if (/index out of range/.test(message)) throw new OnnxDecodeError("the model is cut short: a length inside it runs past its end");
    throw new OnnxDecodeError(`not an ONNX protobuf: ${message}`);
  }
  if (!msg.graph) throw new OnnxDecodeError("the model has no graph");
  return msg;
}
function encodeModelMessage(model) {
  return onnxTypes().ModelProto.encode(model).finish();
}
function withMetadata(list, set) {
  const keys = new Set(Object.keys(set));
  const out = (list ?? []).filter((e) => !keys.has(e.key));
  for (const [key, value] of Object.entries(set)) if (value !== void 0) out.push({ key, value });
  return out;
}
function setNodeMetadata(node, set) {
  node.metadataProps = withMetadata(node.metadataProps, set);
}
function removeNodeMetadataPrefix(node, prefix) {
  if (!node.metadataProps?.some((e) => e.key.startsWith(prefix))) return;
  node.metadataProps = node.metadataProps.filter((e) => !e.key.startsWith(prefix));
}
function tensorTypeMsg(elemType, shape) {
  const tensorType = { elemType };
  if (shape) {
    tensorType.shape = {
      dim: shape.map((d) => typeof d === "number" ? { dimValue: d } : typeof d === "string" ? { dimParam: d } : {})
    };
  }
  return { tensorType };
}
function valueInfoMsg(name, type) {
  return type ? { name, type } : { name };
}
function forEachNodeMessage(model, visit) {
  const walk = (g, graphPath) => {
    const ids = [];
    const list = g.node ?? [];
    const locals = localNodeIds(list.length, (i) => list[i].name ?? "", (i) => list[i].output?.[0] ?? "");
    (g.node ?? []).forEach((node, position) => {
      const local = locals[position];
      const id = graphPath === "" ? local : `${graphPath}>${local}`;
      ids.push(id);
      visit(node, id, graphPath);
    });
    (g.node ?? []).forEach((node, position) => {
      const id = ids[position];
      for (const a of node.attribute ?? []) {
        if (a.g) walk(a.g, `${id}/${a.name}`);
        (a.graphs ?? []).forEach((sub, k) => walk(sub, `${id}/${a.name}[${k}]`));
      }
    });
  };
  walk(model.graph, "");
  for (const fn of model.functions ?? []) walk(fn, `fn:${fn.domain ?? ""}:${fn.name}`);
}
function mainNodeIds(nodes) {
  return localNodeIds(nodes.length, (i) => nodes[i].name, (i) => nodes[i].firstOutput);
}
function buildModelMessage(parts) {
  const t = parts.template;
  const model = {
    irVersion: t.irVersion,
    opsetImport: (t.opsetImport ?? []).map((o) => ({ domain: o.domain ?? "", version: o.version })),
    graph: parts.graph
  };
  const producerName = parts.producerName ?? t.producerName;
  const producerVersion = parts.producerVersion ?? t.producerVersion;
  if (producerName) model.producerName = producerName;
  if (producerVersion) model.producerVersion = producerVersion;
  if (t.domain) model.domain = t.domain;
  if (t.modelVersion !== void 0 && int64(t.modelVersion) !== 0) model.modelVersion = t.modelVersion;
  const doc = parts.docString ?? t.docString;
  if (doc) model.docString = doc;
  if (parts.functions?.length) model.functions = parts.functions;
  if (parts.metadata?.length) model.metadataProps = parts.metadata;
  return model;
}
function withExtraOutputs(model, extra, types) {
  const have = new Set(model.graph.output.map((o) => o.name));
  const outputs = [...model.graph.output];
  for (const name of extra) {
    if (name === "" || have.has(name)) continue;
    have.add(name);
    outputs.push(valueInfoMsg(name, types?.get(name)));
  }
  return { ...model, graph: { ...model.graph, output: outputs } };
}

export {
  int64,
  decodeModelMessage,
  encodeModelMessage,
  withMetadata,
  setNodeMetadata,
  removeNodeMetadataPrefix,
  tensorTypeMsg,
  valueInfoMsg,
  forEachNodeMessage,
  mainNodeIds,
  buildModelMessage,
  withExtraOutputs
};
