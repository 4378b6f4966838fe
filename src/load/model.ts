/**
 * Plain-data view of an ONNX model: what the rest of the pipeline works on.
 *
 * Weight payloads are never part of it. A tensor is described by name, type, shape and where
 * its bytes live (offset and length inside the model file, or an external data entry), so a
 * 1.3 GB model decodes into a few megabytes of objects.
 */

export type MetadataEntry = readonly [key: string, value: string];

export interface OpsetImport {
  domain: string;
  version: number;
}

/** Where a tensor's payload lives. Analysis never reads it. */
export type TensorPayload =
  | { kind: "raw"; offset: number; byteLength: number }
  | { kind: "typed"; field: string; count: number; offset: number; byteLength: number }
  | { kind: "external"; location: string; offset?: number; length?: number; checksum?: string }
  | { kind: "empty" };

export interface TensorInfo {
  name: string;
  dataType: number;
  dims: number[];
  payload: TensorPayload;
  /** Content fingerprint of small payloads (type, shape and bytes), to recognise identical constants. */
  digest?: string;
}

export interface ValueInfo {
  name: string;
  /** Element type for tensor values (ONNX TensorProto.DataType), 0 when not a tensor. */
  elemType: number;
  /** Dimension values or symbolic names; null for an unknown dimension; undefined shape = unknown rank. */
  shape?: (number | string | null)[];
  kind: "tensor" | "sequence" | "map" | "optional" | "sparse" | "unknown";
}

export const AttributeType = {
  UNDEFINED: 0,
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
  TENSORS: 9,
  GRAPHS: 10,
  SPARSE_TENSOR: 11,
  SPARSE_TENSORS: 12,
  TYPE_PROTO: 13,
  TYPE_PROTOS: 14,
} as const;

export interface OnnxAttribute {
  name: string;
  type: number;
  refAttrName?: string;
  f?: number;
  i?: number;
  s?: string;
  floats?: number[];
  ints?: number[];
  strings?: string[];
  t?: TensorInfo;
  tensors?: TensorInfo[];
  g?: OnnxGraph;
  graphs?: OnnxGraph[];
}

export interface OnnxNode {
  name: string;
  opType: string;
  domain: string;
  overload: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttribute[];
  docString: string;
  metadataProps: MetadataEntry[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  valueInfo: ValueInfo[];
  initializers: TensorInfo[];
  sparseInitializers: TensorInfo[];
  metadataProps: MetadataEntry[];
}

export interface OnnxFunction {
  name: string;
  domain: string;
  overload: string;
  inputs: string[];
  outputs: string[];
  attributes: string[];
  nodes: OnnxNode[];
  opsetImports: OpsetImport[];
  valueInfo: ValueInfo[];
  metadataProps: MetadataEntry[];
}

export interface OnnxModel {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  opsetImports: OpsetImport[];
  metadataProps: MetadataEntry[];
  graph: OnnxGraph;
  functions: OnnxFunction[];
  /** Size of the encoded model in bytes. */
  byteLength: number;
}

/** A decode failure: `reason` is a sentence a user can act on; no stack trace is shown for it. */
export class OnnxDecodeError extends Error {
  constructor(
    readonly reason: string,
    readonly offset?: number,
  ) {
    super(offset === undefined ? reason : `${reason} (at byte ${offset})`);
    this.name = "OnnxDecodeError";
  }
}

export function metadataValue(entries: readonly MetadataEntry[], key: string): string | undefined {
  // Indexed, no destructuring: asked several times for every node, and `[k, v]` of each entry
  // walked it with an iterator.
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry[0] === key) return entry[1];
  }
  return undefined;
}
