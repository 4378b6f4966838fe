/**
 * Full decode and re-encode of ONNX models, for the paths that write models (extraction, the
 * enhanced-ONNX writer, runtime probes).
 *
 * Unlike the streaming decoder (decode.ts), which locates payloads and skips them, this keeps
 * every field: the result is the protobufjs message tree of the whole model, weights included
 * (as views into the input bytes, not copies). It is meant for models that fit in memory and
 * under protobuf's 2 GB limit. Pure: no I/O.
 *
 * The message interfaces below name the fields this code base reads or writes; protobufjs
 * objects carry the rest of the schema (onnx-schema.ts) untouched, so a decode/encode round
 * trip keeps every field the schema knows. Fields newer than the schema are dropped.
 */
import { localNodeIds } from "./graph-index.js";
import { onnxTypes } from "./onnx-schema.js";
import { OnnxDecodeError, type MetadataEntry } from "./model.js";

/** protobufjs gives int64 as a number or a Long; both encode. */
export type Int64 = number | { toNumber(): number; low: number; high: number };

export interface EntryMsg {
  key: string;
  value: string;
}

export interface OpsetMsg {
  domain?: string;
  version: Int64;
}

export interface DimMsg {
  dimValue?: Int64;
  dimParam?: string;
  denotation?: string;
}

export interface TypeMsg {
  tensorType?: { elemType?: number; shape?: { dim?: DimMsg[] } | null } | null;
  sequenceType?: { elemType?: TypeMsg | null } | null;
  mapType?: unknown;
  optionalType?: { elemType?: TypeMsg | null } | null;
  sparseTensorType?: { elemType?: number; shape?: { dim?: DimMsg[] } | null } | null;
  denotation?: string;
}

export interface ValueInfoMsg {
  name: string;
  type?: TypeMsg | null;
  docString?: string;
  metadataProps?: EntryMsg[];
}

export interface TensorMsg {
  name?: string;
  dims?: Int64[];
  dataType?: number;
  rawData?: Uint8Array;
  floatData?: number[];
  int32Data?: number[];
  stringData?: Uint8Array[];
  int64Data?: Int64[];
  doubleData?: number[];
  uint64Data?: Int64[];
  externalData?: EntryMsg[];
  dataLocation?: number;
  docString?: string;
  metadataProps?: EntryMsg[];
}

export interface SparseTensorMsg {
  values?: TensorMsg | null;
  indices?: TensorMsg | null;
  dims?: Int64[];
}

export interface AttributeMsg {
  name: string;
  type?: number;
  refAttrName?: string;
  f?: number;
  i?: Int64;
  s?: Uint8Array;
  t?: TensorMsg | null;
  g?: GraphMsg | null;
  floats?: number[];
  ints?: Int64[];
  strings?: Uint8Array[];
  tensors?: TensorMsg[];
  graphs?: GraphMsg[];
}

export interface NodeMsg {
  input: string[];
  output: string[];
  name?: string;
  opType: string;
  domain?: string;
  overload?: string;
  attribute?: AttributeMsg[];
  docString?: string;
  metadataProps?: EntryMsg[];
}

export interface GraphMsg {
  node: NodeMsg[];
  name?: string;
  initializer?: TensorMsg[];
  sparseInitializer?: SparseTensorMsg[];
  docString?: string;
  input: ValueInfoMsg[];
  output: ValueInfoMsg[];
  valueInfo?: ValueInfoMsg[];
  quantizationAnnotation?: unknown[];
  metadataProps?: EntryMsg[];
}

export interface FunctionMsg {
  name: string;
  domain?: string;
  overload?: string;
  input: string[];
  output: string[];
  attribute?: string[];
  attributeProto?: AttributeMsg[];
  node: NodeMsg[];
  docString?: string;
  opsetImport?: OpsetMsg[];
  valueInfo?: ValueInfoMsg[];
  metadataProps?: EntryMsg[];
}

export interface ModelMsg {
  irVersion: Int64;
  opsetImport: OpsetMsg[];
  producerName?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: Int64;
  docString?: string;
  graph: GraphMsg;
  metadataProps?: EntryMsg[];
  trainingInfo?: unknown[];
  functions?: FunctionMsg[];
}

/** int64 field value as a number (ONNX dims and versions fit in 2^53). */
export function int64(x: Int64 | undefined | null): number {
  if (x === undefined || x === null) return 0;
  return typeof x === "number" ? x : x.toNumber();
}

/**
 * Decode a whole model, payloads included. Throws `OnnxDecodeError` for bytes that are not a
 * ModelProto with a graph.
 */
export function decodeModelMessage(bytes: Uint8Array): ModelMsg {
  if (bytes.length === 0) throw new OnnxDecodeError("the file is empty");
  let msg: ModelMsg;
  try {
    msg = onnxTypes().ModelProto.decode(bytes) as unknown as ModelMsg;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof RangeError && /call stack/i.test(message)) throw new OnnxDecodeError("the model is nested too deeply to decode");
    if (/index out of range/.test(message)) throw new OnnxDecodeError("the model is cut short: a length inside it runs past its end");
    throw new OnnxDecodeError(`not an ONNX protobuf: ${message}`);
  }
  if (!msg.graph) throw new OnnxDecodeError("the model has no graph");
  return msg;
}

/** Encode a model message (decoded, edited or built) to ONNX bytes. */
export function encodeModelMessage(model: ModelMsg): Uint8Array {
  return onnxTypes().ModelProto.encode(model as unknown as Record<string, unknown>).finish();
}

/**
 * A new metadata list: `list` with the keys of `set` replaced (value undefined removes the key),
 * new keys appended in the order given. Never mutates `list` (protobufjs shares one frozen empty
 * array between messages that have none).
 */
export function withMetadata(list: readonly EntryMsg[] | undefined, set: Record<string, string | undefined>): EntryMsg[] {
  const keys = new Set(Object.keys(set));
  const out = (list ?? []).filter((e) => !keys.has(e.key));
  for (const [key, value] of Object.entries(set)) if (value !== undefined) out.push({ key, value });
  return out;
}

/** Set (or, with undefined, remove) metadata_props entries of a node. */
export function setNodeMetadata(node: NodeMsg, set: Record<string, string | undefined>): void {
  node.metadataProps = withMetadata(node.metadataProps, set);
}

/** Set (or remove) model-level metadata_props entries. */
export function setModelMetadata(model: ModelMsg, set: Record<string, string | undefined>): void {
  model.metadataProps = withMetadata(model.metadataProps, set);
}

/** Remove every metadata entry of a node whose key starts with `prefix`. */
export function removeNodeMetadataPrefix(node: NodeMsg, prefix: string): void {
  if (!node.metadataProps?.some((e) => e.key.startsWith(prefix))) return;
  node.metadataProps = node.metadataProps.filter((e) => !e.key.startsWith(prefix));
}

export function metadataEntries(list: readonly EntryMsg[] | undefined): MetadataEntry[] {
  return (list ?? []).map((e) => [e.key, e.value] as const);
}

/** Element type and dimensions as a TypeProto; `null` or a string gives an unknown or symbolic dimension. */
export function tensorTypeMsg(elemType: number, shape?: readonly (number | string | null)[]): TypeMsg {
  const tensorType: NonNullable<TypeMsg["tensorType"]> = { elemType };
  if (shape) {
    tensorType.shape = {
      dim: shape.map((d) => (typeof d === "number" ? { dimValue: d } : typeof d === "string" ? { dimParam: d } : {})),
    };
  }
  return { tensorType };
}

export function valueInfoMsg(name: string, type?: TypeMsg | null): ValueInfoMsg {
  return type ? { name, type } : { name };
}

/** Element type of a tensor TypeProto, 0 when not a tensor or unknown. */
export function elemTypeOf(type: TypeMsg | null | undefined): number {
  return type?.tensorType?.elemType ?? 0;
}

/** Visit every node of the model with the id the graph index (graph-index.ts) gives it. */
export function forEachNodeMessage(
  model: ModelMsg,
  visit: (node: NodeMsg, id: string, graphPath: string) => void,
): void {
  const walk = (g: { node?: NodeMsg[] }, graphPath: string) => {
    const ids: string[] = [];
    const list = g.node ?? [];
    const locals = localNodeIds(list.length, (i) => list[i]!.name ?? "", (i) => list[i]!.output?.[0] ?? "");
    (g.node ?? []).forEach((node, position) => {
      const local = locals[position]!;
      const id = graphPath === "" ? local : `${graphPath}>${local}`;
      ids.push(id);
      visit(node, id, graphPath);
    });
    (g.node ?? []).forEach((node, position) => {
      const id = ids[position]!;
      for (const a of node.attribute ?? []) {
        if (a.g) walk(a.g, `${id}/${a.name}`);
        (a.graphs ?? []).forEach((sub, k) => walk(sub, `${id}/${a.name}[${k}]`));
      }
    });
  };
  walk(model.graph, "");
  for (const fn of model.functions ?? []) walk(fn, `fn:${fn.domain ?? ""}:${fn.name}`);
}

/** The graph-index ids of the main graph's nodes, in graph order. */
export function mainNodeIds(nodes: readonly { name: string; firstOutput: string }[]): string[] {
  return localNodeIds(nodes.length, (i) => nodes[i]!.name, (i) => nodes[i]!.firstOutput);
}

export interface NewModelParts {
  /** Model-level fields (IR version, opsets, producer, domain) are taken from here. */
  template: ModelMsg;
  graph: GraphMsg;
  functions?: FunctionMsg[];
  metadata?: EntryMsg[];
  producerName?: string;
  producerVersion?: string;
  docString?: string;
}

/** Assemble a ModelProto from a template model's header and a new graph. */
export function buildModelMessage(parts: NewModelParts): ModelMsg {
  const t = parts.template;
  const model: ModelMsg = {
    irVersion: t.irVersion,
    opsetImport: (t.opsetImport ?? []).map((o) => ({ domain: o.domain ?? "", version: o.version })),
    graph: parts.graph,
  };
  const producerName = parts.producerName ?? t.producerName;
  const producerVersion = parts.producerVersion ?? t.producerVersion;
  if (producerName) model.producerName = producerName;
  if (producerVersion) model.producerVersion = producerVersion;
  if (t.domain) model.domain = t.domain;
  if (t.modelVersion !== undefined && int64(t.modelVersion) !== 0) model.modelVersion = t.modelVersion;
  const doc = parts.docString ?? t.docString;
  if (doc) model.docString = doc;
  if (parts.functions?.length) model.functions = parts.functions;
  if (parts.metadata?.length) model.metadataProps = parts.metadata;
  return model;
}

/**
 * A copy of `model` whose main graph also outputs `extra` tensors (for capturing intermediate
 * values). Everything else is shared with `model`; `model` itself is not changed. Outputs the
 * graph already has are not repeated. `types` gives a TypeProto where known; ONNX Runtime infers
 * the rest.
 */
export function withExtraOutputs(model: ModelMsg, extra: readonly string[], types?: ReadonlyMap<string, TypeMsg>): ModelMsg {
  const have = new Set(model.graph.output.map((o) => o.name));
  const outputs = [...model.graph.output];
  for (const name of extra) {
    if (name === "" || have.has(name)) continue;
    have.add(name);
    outputs.push(valueInfoMsg(name, types?.get(name)));
  }
  return { ...model, graph: { ...model.graph, output: outputs } };
}
