/**
 * Streaming ONNX decoder.
 *
 * The model is walked at the protobuf wire level over a random-access `ByteSource`: graph
 * structure (nodes, value infos, functions) is decoded with protobufjs, while initializer
 * payloads are only located (offset, length) and skipped. Peak memory therefore follows the
 * graph's structure, not its weights. The decoder is pure: all I/O is behind `ByteSource`.
 */
import protobuf from "protobufjs/light.js";
import { FIELD, onnxTypes } from "./onnx-schema.js";
import {
  OnnxDecodeError,
  type MetadataEntry,
  type OnnxAttribute,
  type OnnxFunction,
  type OnnxGraph,
  type OnnxModel,
  type OnnxNode,
  type OpsetImport,
  type TensorInfo,
  type TensorPayload,
  type ValueInfo,
} from "./model.js";
import { checkLimits } from "./limits.js";

/** Random access to the bytes of one encoded model. */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes from `offset`; callers never ask past `size`. */
  read(offset: number, length: number): Uint8Array;
  /** Optional: fill `target` from `offset` without allocating (used for the scan window). */
  readInto?(offset: number, target: Uint8Array): void;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

export interface DecodeOptions {
  /** Deepest subgraph nesting accepted (If inside Loop inside ...). */
  maxDepth?: number;
  /** Payloads up to this size are fingerprinted so identical constants can be recognised. */
  digestLimit?: number;
}

const WINDOW = 1 << 16;
const textDecoder = new TextDecoder("utf-8");

/** Buffers small reads (tags, lengths, short fields) from the source; large reads go direct. */
class Window {
  private start = 0;
  private buf: Uint8Array = new Uint8Array(0);
  private own: Uint8Array | undefined;
  constructor(private readonly src: ByteSource) {}

  bytes(offset: number, length: number): Uint8Array {
    const at = this.locate(offset, length);
    return at < 0 ? this.src.read(offset, length) : this.buf.subarray(at, at + length);
  }

  /**
   * Where the bytes [offset, offset + length) start in `view`, the window moved to them when they
   * are outside it; -1 for a range larger than a window (read that with `bytes`). For a message
   * read in place: a view of every node's bytes was garbage.
   */
  locate(offset: number, length: number): number {
    if (offset >= this.start && offset + length <= this.start + this.buf.length) return offset - this.start;
    if (length > WINDOW) return -1;
    const n = Math.min(WINDOW, this.src.size - offset);
    if (this.src.readInto) {
      // One window buffer for the whole scan: skipping hundreds of weight payloads would
      // otherwise allocate a fresh window after each one.
      this.own ??= new Uint8Array(WINDOW);
      this.buf = this.own.subarray(0, n);
      this.src.readInto(offset, this.buf);
    } else {
      this.buf = this.src.read(offset, n);
    }
    this.start = offset;
    return 0;
  }

  /** The window's bytes, where `locate` placed a range. */
  get view(): Uint8Array {
    return this.buf;
  }

  byte(offset: number): number {
    if (offset >= this.start && offset < this.start + this.buf.length) return this.buf[offset - this.start]!;
    return this.bytes(offset, 1)[0]!;
  }
}

interface Field {
  field: number;
  wire: number;
  /** Varint or fixed value (wire 0, 1, 5). */
  value: number;
  /** Value bytes [start, end) for wire 2. */
  start: number;
  end: number;
}

class Scanner {
  readonly win: Window;
  /** Where the last `varint` read ended. */
  next = 0;
  constructor(readonly src: ByteSource) {
    this.win = new Window(src);
  }

  /** The varint at `pos`, `next` set to the position after it (no pair per read: two per field were garbage). */
  varint(pos: number, limit: number): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= limit) throw new OnnxDecodeError("a varint runs past the end of its message: the file is truncated or not ONNX", pos);
      const b = this.win.byte(pos++);
      result += (b & 0x7f) * mul;
      if (b < 0x80) {
        this.next = pos;
        return result;
      }
      mul *= 128;
    }
    throw new OnnxDecodeError("malformed varint: not an ONNX protobuf", pos);
  }

  /** The fields of the message in [start, end), in order (see `Fields`). */
  fields(start: number, end: number): Fields {
    return new Fields(this, start, end);
  }

  bytes(f: Field): Uint8Array {
    return this.win.bytes(f.start, f.end - f.start);
  }

  string(f: Field): string {
    return textDecoder.decode(this.bytes(f));
  }
}

/** The iterator result that ends every `Fields`. */
const FIELDS_DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * The fields of one message, in order, as `for...of` reads them. One `Field` and one iterator
 * result serve every field (a generator made two objects per field, and the main graph of a large
 * model has hundreds of thousands of nodes): a field holds until the next is read, so a caller
 * that keeps one keeps a copy.
 */
class Fields implements IterableIterator<Field> {
  private readonly current: Field = { field: 0, wire: 0, value: 0, start: 0, end: 0 };
  private readonly result: IteratorYieldResult<Field> = { done: false, value: this.current };

  constructor(
    private readonly sc: Scanner,
    private pos: number,
    private readonly end: number,
  ) {}

  [Symbol.iterator](): Fields {
    return this;
  }

  next(): IteratorResult<Field, undefined> {
    const { sc, end } = this;
    if (this.pos >= end) return FIELDS_DONE;
    const f = this.current;
    const at = this.pos;
    const tag = sc.varint(at, end);
    let pos = sc.next;
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (field === 0) throw new OnnxDecodeError("field number 0: not an ONNX protobuf", at);
    f.field = field;
    f.wire = wire;
    switch (wire) {
      case 0:
        f.value = sc.varint(pos, end);
        pos = sc.next;
        f.start = at;
        f.end = pos;
        break;
      case 1:
      case 5: {
        const n = wire === 1 ? 8 : 4;
        if (pos + n > end) throw new OnnxDecodeError("a fixed-size field runs past the end of its message: the file is truncated", at);
        f.value = 0;
        f.start = pos;
        f.end = pos + n;
        pos += n;
        break;
      }
      case 2: {
        const len = sc.varint(pos, end);
        const q = sc.next;
        if (q + len > end) {
          throw new OnnxDecodeError(`field ${field} declares ${len} bytes but only ${end - q} remain: the file is truncated or not ONNX`, at);
        }
        f.value = len;
        f.start = q;
        f.end = q + len;
        pos = q + len;
        break;
      }
      default:
        throw new OnnxDecodeError(`unsupported protobuf wire type ${wire} (field ${field}): not an ONNX model`, at);
    }
    this.pos = pos;
    return this.result;
  }
}

function expectWire(f: Field, wire: number, what: string): void {
  if (f.wire !== wire) {
    throw new OnnxDecodeError(`${what} has protobuf wire type ${f.wire}, expected ${wire}: not an ONNX model`, f.start);
  }
}

/** int64 values from protobufjs arrive as numbers or Long objects. */
function num(x: unknown): number {
  if (typeof x === "number") return x;
  if (x && typeof x === "object" && "toNumber" in x) return (x as { toNumber(): number }).toNumber();
  return 0;
}

/** FNV-1a over the bytes, two lanes, as 16 hex digits: a content fingerprint, not a security hash. */
export function fingerprint(bytes: Uint8Array): string {
  return fingerprintOf(bytes, 0, bytes.length);
}

/** The character codes of a fingerprint, filled by `hexDigits`. */
const fingerprintDigits: number[] = new Array<number>(16).fill(48);
const HEX = "0123456789abcdef";

/** `x`'s 8 hex digits, zero-padded, into `fingerprintDigits` from `at`. */
function hexDigits(x: number, at: number): void {
  for (let k = 7; k >= 0; k--) {
    fingerprintDigits[at + k] = HEX.charCodeAt(x & 15);
    x >>>= 4;
  }
}

/** `fingerprint(buf.subarray(start, end))`, without the view. */
function fingerprintOf(buf: Uint8Array, start: number, end: number): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ (end - start);
  for (let i = start; i < end; i++) {
    const x = buf[i]!;
    a = Math.imul(a ^ x, 0x01000193);
    b = Math.imul(b ^ x, 0x5bd1e995) ^ (b >>> 15);
  }
  // One flat string of 16 characters: two hex strings joined make a pair of strings and a third
  // that joins them, kept for every Constant of a large graph.
  hexDigits(a >>> 0, 0);
  hexDigits(b >>> 0, 8);
  return String.fromCharCode.apply(null, fingerprintDigits);
}

type Msg = Record<string, unknown>;

function entries(list: unknown): MetadataEntry[] {
  if (!Array.isArray(list)) return [];
  return list.map((e: Msg) => [String(e.key ?? ""), String(e.value ?? "")] as const);
}

function opsets(list: unknown): OpsetImport[] {
  if (!Array.isArray(list)) return [];
  return list.map((o: Msg) => ({ domain: String(o.domain ?? ""), version: num(o.version) }));
}

const TYPED_FIELDS = ["floatData", "int32Data", "stringData", "int64Data", "doubleData", "uint64Data"] as const;

/** Convert a fully decoded TensorProto (only ever small: node attributes, function bodies). */
function tensorFromMessage(t: Msg, digestLimit: number): TensorInfo {
  const dims = ((t.dims as unknown[]) ?? []).map(num);
  const ext = entries(t.externalData);
  let payload: TensorPayload = { kind: "empty" };
  let digest: string | undefined;
  if (num(t.dataLocation) === 1 || ext.length > 0) {
    payload = externalPayload(ext);
  } else if (t.rawData instanceof Uint8Array && t.rawData.length > 0) {
    payload = { kind: "raw", offset: -1, byteLength: t.rawData.length };
    if (t.rawData.length <= digestLimit) digest = fingerprint(t.rawData);
  } else {
    for (const key of TYPED_FIELDS) {
      const arr = t[key] as unknown[] | undefined;
      if (arr && arr.length > 0) {
        payload = { kind: "typed", field: key, count: arr.length, offset: -1, byteLength: 0 };
        digest = fingerprint(new TextEncoder().encode(key + ":" + arr.map((v) => String(v instanceof Uint8Array ? textDecoder.decode(v) : num(v) || v)).join(",")));
        break;
      }
    }
  }
  return tensorInfo(String(t.name ?? ""), num(t.dataType), dims, payload, digest);
}

/**
 * A TensorInfo made in one literal, the digest in it when there is one: a property added after
 * the literal goes to a separate property array (40 bytes more per tensor, and a large graph has
 * hundreds of thousands of Constants).
 */
/** The dims of a scalar and the payload of a tensor without data, shared by every such tensor (read-only: frozen). */
const NO_DIMS = Object.freeze([]) as unknown as number[];
const EMPTY_PAYLOAD: TensorPayload = Object.freeze({ kind: "empty" });

/**
 * The payload of an attribute tensor's `byteLength` bytes of raw data, one object per length
 * (read-only: frozen): a large graph's hundred thousand Constants have a few dozen lengths.
 */
const rawPayloads = new Map<number, TensorPayload>();
function rawPayload(byteLength: number): TensorPayload {
  let p = rawPayloads.get(byteLength);
  if (p === undefined) {
    p = Object.freeze({ kind: "raw", offset: -1, byteLength });
    if (rawPayloads.size < 4096) rawPayloads.set(byteLength, p);
  }
  return p;
}

function tensorInfo(name: string, dataType: number, grown: number[], payload: TensorPayload, digest: string | undefined): TensorInfo {
  // At their exact length: a list grown by `push` keeps room for 16 more (120 bytes per Constant);
  // a scalar's none shared.
  const dims = grown.length === 0 ? NO_DIMS : grown.slice();
  return digest ? { name, dataType, dims, payload, digest } : { name, dataType, dims, payload };
}

function externalPayload(ext: MetadataEntry[]): TensorPayload {
  const get = (k: string) => ext.find(([key]) => key === k)?.[1];
  const p: TensorPayload = { kind: "external", location: get("location") ?? "" };
  const off = get("offset");
  const len = get("length");
  const sum = get("checksum");
  if (off !== undefined) p.offset = Number(off);
  if (len !== undefined) p.length = Number(len);
  if (sum !== undefined) p.checksum = sum;
  return p;
}

function valueInfoFromMessage(v: Msg): ValueInfo {
  const type = (v.type ?? {}) as Msg;
  const info: ValueInfo = { name: String(v.name ?? ""), elemType: 0, kind: "unknown" };
  const tensor = (type.tensorType ?? type.sparseTensorType) as Msg | undefined;
  if (tensor) {
    info.kind = type.tensorType ? "tensor" : "sparse";
    info.elemType = num(tensor.elemType);
    const shape = tensor.shape as Msg | undefined;
    if (shape) {
      info.shape = ((shape.dim as Msg[]) ?? []).map((d) =>
        d.dimParam ? String(d.dimParam) : d.dimValue !== undefined && d.dimValue !== null ? num(d.dimValue) : null,
      );
    }
  } else if (type.sequenceType) info.kind = "sequence";
  else if (type.mapType) info.kind = "map";
  else if (type.optionalType) info.kind = "optional";
  return info;
}

interface Ctx {
  maxDepth: number;
  digestLimit: number;
  interned: Interner;
  recentOutputs: RecentOutputs;
}

function graphFromMessage(g: Msg, depth: number, ctx: Ctx): OnnxGraph {
  if (depth > ctx.maxDepth) {
    throw new OnnxDecodeError(`subgraphs are nested more than ${ctx.maxDepth} levels deep`);
  }
  const sparse = ((g.sparseInitializer as Msg[]) ?? []).map((s) => sparseFromMessage(s, ctx));
  return {
    name: String(g.name ?? ""),
    nodes: ((g.node as Msg[]) ?? []).map((n) => nodeFromMessage(n, depth, ctx)),
    inputs: ((g.input as Msg[]) ?? []).map(valueInfoFromMessage),
    outputs: ((g.output as Msg[]) ?? []).map(valueInfoFromMessage),
    valueInfo: ((g.valueInfo as Msg[]) ?? []).map(valueInfoFromMessage),
    initializers: ((g.initializer as Msg[]) ?? []).map((t) => tensorFromMessage(t, ctx.digestLimit)),
    sparseInitializers: sparse,
    metadataProps: entries(g.metadataProps),
  };
}

function sparseFromMessage(s: Msg, ctx: Ctx): TensorInfo {
  const values = tensorFromMessage((s.values ?? {}) as Msg, ctx.digestLimit);
  return { ...values, dims: ((s.dims as unknown[]) ?? []).map(num) };
}

function attributeFromMessage(a: Msg, depth: number, ctx: Ctx): OnnxAttribute {
  const attr: OnnxAttribute = { name: String(a.name ?? ""), type: num(a.type) };
  if (a.refAttrName) attr.refAttrName = String(a.refAttrName);
  // proto2 optional fields: protobufjs leaves absent scalars at their prototype default,
  // so presence is checked with hasOwnProperty.
  const has = (k: string) => Object.prototype.hasOwnProperty.call(a, k);
  if (has("f")) attr.f = a.f as number;
  if (has("i")) attr.i = num(a.i);
  if (has("s")) attr.s = textDecoder.decode(a.s as Uint8Array);
  if ((a.floats as number[])?.length) attr.floats = [...(a.floats as number[])];
  if ((a.ints as unknown[])?.length) attr.ints = (a.ints as unknown[]).map(num);
  if ((a.strings as Uint8Array[])?.length) attr.strings = (a.strings as Uint8Array[]).map((s) => textDecoder.decode(s));
  if (has("t") && a.t) attr.t = tensorFromMessage(a.t as Msg, ctx.digestLimit);
  if ((a.tensors as Msg[])?.length) attr.tensors = (a.tensors as Msg[]).map((t) => tensorFromMessage(t, ctx.digestLimit));
  if (has("sparseTensor") && a.sparseTensor) attr.t = sparseFromMessage(a.sparseTensor as Msg, ctx);
  if (has("g") && a.g) attr.g = graphFromMessage(a.g as Msg, depth + 1, ctx);
  if ((a.graphs as Msg[])?.length) attr.graphs = (a.graphs as Msg[]).map((g) => graphFromMessage(g, depth + 1, ctx));
  return attr;
}

function nodeFromMessage(n: Msg, depth: number, ctx: Ctx): OnnxNode {
  return {
    name: String(n.name ?? ""),
    opType: String(n.opType ?? ""),
    domain: String(n.domain ?? ""),
    overload: String(n.overload ?? ""),
    inputs: [...((n.input as string[]) ?? [])],
    outputs: [...((n.output as string[]) ?? [])],
    attributes: ((n.attribute as Msg[]) ?? []).map((a) => attributeFromMessage(a, depth, ctx)),
    docString: String(n.docString ?? ""),
    metadataProps: entries(n.metadataProps),
  };
}

/**
 * One shared empty list for the attributes and metadata of the many nodes that have none:
 * frozen, so a caller that tries to add to it fails loudly instead of changing every node.
 */
const NO_ATTRIBUTES = Object.freeze([]) as unknown as OnnxAttribute[];
const NO_METADATA = Object.freeze([]) as unknown as MetadataEntry[];

/**
 * Native Latin-1 slicing of any Uint8Array where the runtime has it (Node's Buffer): for ASCII
 * bytes it makes the same string as a UTF-8 decode, without protobufjs's per-character loop.
 */
const latin1Slice = (globalThis as { Buffer?: { prototype: { latin1Slice?: (this: Uint8Array, start: number, end: number) => string } } }).Buffer?.prototype.latin1Slice;

/**
 * A length-delimited string field at the reader's position. ASCII (every name a torch export
 * writes) is sliced natively; anything else goes through the reader's own `string()`, so a
 * name with other bytes decodes exactly as it always did.
 */
function readString(r: protobuf.Reader): string {
  return asciiString(r) ?? r.string();
}

/** `readString`'s native ASCII path: the string, or undefined (the reader left where it was) when the field is not ASCII. */
function asciiString(r: protobuf.Reader): string | undefined {
  const at = r.pos;
  const len = r.uint32();
  const start = r.pos;
  const end = start + len;
  const buf = r.buf;
  if (latin1Slice === undefined || end > r.len) {
    r.pos = at;
    return undefined;
  }
  for (let i = start; i < end; i++) {
    if (buf[i]! >= 0x80) {
      r.pos = at;
      return undefined;
    }
  }
  r.pos = end;
  return latin1Slice.call(buf, start, end);
}

/**
 * The ASCII outputs of the last few nodes read, to give an input that names one of them the
 * same string: most inputs are values a node or two before computed (in torch exports 5 in 6
 * come from the 4 nodes before), so such a name is kept once rather than once per read (tens of
 * megabytes on a large graph), and the graph index matches its producer by the string itself.
 */
class RecentOutputs {
  private readonly names: string[] = new Array<string>(RECENT_OUTPUTS).fill("");
  private next = 0;

  add(name: string): void {
    this.names[this.next] = name;
    this.next = (this.next + 1) % RECENT_OUTPUTS;
  }

  /**
   * The recent output whose name is the bytes `buf[start, end)`, or undefined. Every name kept
   * is ASCII, so bytes equal to its characters are ASCII too and decode to it.
   */
  find(buf: Uint8Array, start: number, end: number): string | undefined {
    const length = end - start;
    for (const name of this.names) if (name.length === length && sameBytesFromEnd(name, buf, start)) return name;
    return undefined;
  }
}

const RECENT_OUTPUTS = 8;

/** Compared from the end: the names of one module's values differ in their last segment. */
function sameBytesFromEnd(s: string, buf: Uint8Array, start: number): boolean {
  for (let i = s.length - 1; i >= 0; i--) if (s.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}

/** A node's input at the reader's position, as `readString` reads it: a recent output's string when it names one. */
function readInputName(r: protobuf.Reader, recent: RecentOutputs): string {
  const at = r.pos;
  const len = r.uint32();
  const end = r.pos + len;
  const known = end <= r.len ? recent.find(r.buf, r.pos, end) : undefined;
  if (known !== undefined) {
    r.pos = end;
    return known;
  }
  r.pos = at;
  return readString(r);
}

/** A node's output at the reader's position, as `readString` reads it, kept for the inputs that follow when it is ASCII. */
function readOutputName(r: protobuf.Reader, recent: RecentOutputs): string {
  const ascii = asciiString(r);
  if (ascii === undefined) return r.string();
  recent.add(ascii);
  return ascii;
}

/** Strings most nodes share (op types, domains), kept once: a large graph repeats a few dozen. */
class Interner {
  private readonly seen = new Map<string, string>();
  get(s: string): string {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    if (this.seen.size < 4096) this.seen.set(s, s);
    return s;
  }
}

/**
 * Reused from node to node (nothing `readNode` calls reads another node with it): a node's lists
 * are copied out at their exact length.
 */
const scratchInputs: string[] = [];
const scratchOutputs: string[] = [];

/**
 * A protobufjs reader over `buf[start, end)`: one reader per kind of message, moved from message
 * to message (a reader and a view of the bytes per node, per attribute and per tensor were
 * garbage). A new one only for another buffer, made as protobufjs makes it for that buffer, so
 * strings decode exactly as a reader of the message's own bytes decodes them.
 */
class ReaderSlot {
  private reader: protobuf.Reader | undefined;
  over(buf: Uint8Array, start: number, end: number): protobuf.Reader {
    let r = this.reader;
    if (r === undefined || r.buf !== buf) this.reader = r = protobuf.Reader.create(buf);
    r.pos = start;
    r.len = end;
    return r;
  }
}

const nodeReader = new ReaderSlot();
const attributeReader = new ReaderSlot();
const entryReader = new ReaderSlot();
const tensorReader = new ReaderSlot();

/** Skips the length-delimited field at the reader's position; returns where its bytes start (they end at `r.pos`). */
function messageStart(r: protobuf.Reader): number {
  const length = r.uint32();
  const start = r.pos;
  r.skip(length);
  return start;
}

/**
 * The node in the model's bytes [start, end), read in place in the scan window when it lies
 * there (every protobufjs read stops at the reader's `len`, as at the end of a message's own
 * bytes). A node that fails to read so is read again from its own bytes, so that its error quotes
 * positions within the node, as it always did.
 */
function readNodeAt(sc: Scanner, start: number, end: number, ctx: Ctx): OnnxNode {
  const at = sc.win.locate(start, end - start);
  if (at >= 0) {
    try {
      return readNode(sc.win.view, at, at + end - start, 0, ctx);
    } catch {
      // Read again below.
    }
  }
  const bytes = sc.win.bytes(start, end - start);
  return readNode(bytes, 0, bytes.length, 0, ctx);
}

/**
 * NodeProto straight from the wire with protobufjs's Reader: the main graph of a large model
 * has tens of thousands of nodes, and going through decoded message objects first doubled the
 * garbage. Attribute payloads that nest (tensors, graphs) still go through the message types.
 * Lists are built at their final size and empty ones shared: a node is kept for the whole run,
 * and arrays grown by `push` keep room for 16 more elements each.
 */
function readNode(buf: Uint8Array, start: number, end: number, depth: number, ctx: Ctx): OnnxNode {
  const r = nodeReader.over(buf, start, end);
  let name = "";
  let opType = "";
  let domain = "";
  let overload = "";
  let docString = "";
  let attributes = NO_ATTRIBUTES;
  let metadataProps = NO_METADATA;
  let nInputs = 0;
  let nOutputs = 0;
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        scratchInputs[nInputs++] = readInputName(r, ctx.recentOutputs);
        break;
      case 2:
        scratchOutputs[nOutputs++] = readOutputName(r, ctx.recentOutputs);
        break;
      case 3:
        name = readString(r);
        break;
      case 4:
        opType = ctx.interned.get(readString(r));
        break;
      case 5:
        if (attributes === NO_ATTRIBUTES) attributes = [];
        attributes.push(readAttribute(r.buf, messageStart(r), r.pos, depth, ctx));
        break;
      case 6:
        docString = r.string();
        break;
      case 7:
        domain = ctx.interned.get(readString(r));
        break;
      case 8:
        overload = r.string();
        break;
      case 9:
        if (metadataProps === NO_METADATA) metadataProps = [];
        metadataProps.push(readEntry(r.buf, messageStart(r), r.pos));
        break;
      default:
        r.skipType(tag & 7);
    }
  }
  // Lists grown by `push` copied out at their exact length (see above).
  if (attributes !== NO_ATTRIBUTES) attributes = attributes.slice();
  if (metadataProps !== NO_METADATA) metadataProps = metadataProps.slice();
  return { name, opType, domain, overload, inputs: scratchInputs.slice(0, nInputs), outputs: scratchOutputs.slice(0, nOutputs), attributes, docString, metadataProps };
}

function readEntry(buf: Uint8Array, start: number, end: number): MetadataEntry {
  const r = entryReader.over(buf, start, end);
  let key = "";
  let value = "";
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 === 1) key = r.string();
    else if (tag >>> 3 === 2) value = r.string();
    else r.skipType(tag & 7);
  }
  return [key, value];
}

function readAttribute(buf: Uint8Array, start: number, end: number, depth: number, ctx: Ctx): OnnxAttribute {
  const r = attributeReader.over(buf, start, end);
  let name = "";
  let type = 0;
  // The fields besides name and type, in the order they first appear: added to the attribute in
  // that order, as they always were.
  const a: Partial<OnnxAttribute> = {};
  // The message types looked up only where a nested message needs them, and no closure per
  // attribute: a large graph has hundreds of thousands, nearly all a name, a type and numbers.
  while (r.pos < r.len) {
    const tag = r.uint32();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        // A few names (`value`, `axis`, `perm`) serve hundreds of thousands of attributes: kept once.
        name = ctx.interned.get(readString(r));
        break;
      case 2:
        a.f = r.float();
        break;
      case 3:
        a.i = num(r.int64());
        break;
      case 4:
        a.s = textDecoder.decode(r.bytes());
        break;
      case 5:
        a.t = readAttributeTensor(r.buf, messageStart(r), r.pos, ctx.digestLimit);
        break;
      case 6:
        a.g = graphFromMessage(onnxTypes().GraphProto.decode(r.bytes()) as unknown as Msg, depth + 1, ctx);
        break;
      case 7: {
        const floats = (a.floats ??= []);
        if (wire === 2) for (const end = r.uint32() + r.pos; r.pos < end; ) floats.push(r.float());
        else floats.push(r.float());
        break;
      }
      case 8: {
        const ints = (a.ints ??= []);
        if (wire === 2) for (const end = r.uint32() + r.pos; r.pos < end; ) ints.push(num(r.int64()));
        else ints.push(num(r.int64()));
        break;
      }
      case 9:
        (a.strings ??= []).push(textDecoder.decode(r.bytes()));
        break;
      case 10:
        (a.tensors ??= []).push(tensorFromMessage(onnxTypes().TensorProto.decode(r.bytes()) as unknown as Msg, ctx.digestLimit));
        break;
      case 11:
        (a.graphs ??= []).push(graphFromMessage(onnxTypes().GraphProto.decode(r.bytes()) as unknown as Msg, depth + 1, ctx));
        break;
      case 20:
        type = r.int32();
        break;
      case 21:
        a.refAttrName = r.string();
        break;
      case 22:
        a.t = sparseFromMessage(onnxTypes().SparseTensorProto.decode(r.bytes()) as unknown as Msg, ctx);
        break;
      default:
        r.skipType(wire);
    }
  }
  // Lists grown by `push` copied out at their exact length (room for 16 more each otherwise).
  if (a.floats) a.floats = a.floats.slice();
  if (a.ints) a.ints = a.ints.slice();
  if (a.strings) a.strings = a.strings.slice();
  return attribute(name, type, a);
}

/**
 * `{ name, type, ...rest }` as one literal for an attribute with one field besides its name and
 * type (nearly all of them: a Constant's `value`, an `axis`): fields added to a literal go to a
 * separate property array, 40 bytes more for each of a large graph's hundreds of thousands.
 */
function attribute(name: string, type: number, rest: Partial<OnnxAttribute>): OnnxAttribute {
  let only: keyof OnnxAttribute | undefined;
  for (const k in rest) {
    if (only !== undefined) return Object.assign({ name, type }, rest);
    only = k as keyof OnnxAttribute;
  }
  switch (only) {
    case undefined:
      return { name, type };
    case "i":
      return { name, type, i: rest.i! };
    case "t":
      return { name, type, t: rest.t! };
    case "ints":
      return { name, type, ints: rest.ints! };
    case "f":
      return { name, type, f: rest.f! };
    case "s":
      return { name, type, s: rest.s! };
    case "floats":
      return { name, type, floats: rest.floats! };
    default:
      return Object.assign({ name, type }, rest);
  }
}

/**
 * An attribute's TensorProto (a Constant's value: a large graph has a hundred thousand) straight
 * from the wire, as `tensorFromMessage` would convert its decoded message: the message object and
 * a Long per dimension were garbage. Only the fields Constants carry (dims, data type, name,
 * raw data, data location) are read here; a tensor with any other field goes through
 * protobufjs and `tensorFromMessage`, so both paths give the same TensorInfo.
 */
function readAttributeTensor(buf: Uint8Array, start: number, end: number, digestLimit: number): TensorInfo {
  const T = FIELD.tensor;
  const r = tensorReader.over(buf, start, end);
  const dims: number[] = [];
  let name = "";
  let dataType = 0;
  let dataLocation = 0;
  let rawStart = 0;
  let rawEnd = 0;
  // The reader calls below are those protobufjs's generated TensorProto decoder makes for these
  // fields, so a malformed tensor fails with the same errors.
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case T.dims:
        if ((tag & 7) === 2) {
          const end = r.uint32() + r.pos;
          while (r.pos < end) dims.push(num(r.int64()));
        } else dims.push(num(r.int64()));
        break;
      case T.dataType:
        dataType = r.int32();
        break;
      case T.name:
        name = readString(r);
        break;
      case T.rawData:
        rawStart = messageStart(r);
        rawEnd = r.pos;
        break;
      case T.dataLocation:
        dataLocation = r.int32();
        break;
      default:
        return tensorFromMessage(onnxTypes().TensorProto.decode(buf.subarray(start, end)) as unknown as Msg, digestLimit);
    }
  }
  let payload: TensorPayload = EMPTY_PAYLOAD;
  let digest: string | undefined;
  if (dataLocation === 1) payload = externalPayload([]);
  else if (rawEnd > rawStart) {
    payload = rawPayload(rawEnd - rawStart);
    if (rawEnd - rawStart <= digestLimit) digest = fingerprintOf(buf, rawStart, rawEnd);
  }
  return tensorInfo(name, dataType, dims, payload, digest);
}

function functionFromMessage(f: Msg, ctx: Ctx): OnnxFunction {
  return {
    name: String(f.name ?? ""),
    domain: String(f.domain ?? ""),
    overload: String(f.overload ?? ""),
    inputs: [...((f.input as string[]) ?? [])],
    outputs: [...((f.output as string[]) ?? [])],
    attributes: [...((f.attribute as string[]) ?? [])],
    nodes: ((f.node as Msg[]) ?? []).map((n) => nodeFromMessage(n, 1, ctx)),
    opsetImports: opsets(f.opsetImport),
    valueInfo: ((f.valueInfo as Msg[]) ?? []).map(valueInfoFromMessage),
    metadataProps: entries(f.metadataProps),
  };
}

/** Decode one small message with protobufjs, turning its failures into decode errors. */
function decodeMessage<T>(
  type: { decode(b: Uint8Array): unknown },
  bytes: Uint8Array,
  what: string,
  at: number,
  convert: (m: Msg) => T,
): T {
  let msg: Msg;
  try {
    msg = type.decode(bytes) as Msg;
  } catch (err) {
    throw protobufError(err, what, at);
  }
  try {
    return convert(msg);
  } catch (err) {
    if (err instanceof RangeError) throw new OnnxDecodeError(`${what} is nested too deeply to decode`, at);
    throw err;
  }
}

function protobufError(err: unknown, what: string, at: number): OnnxDecodeError {
  if (err instanceof OnnxDecodeError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if ((err instanceof RangeError && /call stack/i.test(message)) || /nesting depth/i.test(message)) {
    return new OnnxDecodeError(`${what} is nested too deeply to decode`, at);
  }
  if (/index out of range/.test(message)) {
    return new OnnxDecodeError(`${what} is cut short: a length inside it runs past its end`, at);
  }
  return new OnnxDecodeError(`${what} is malformed: ${message}`, at);
}

function scanTensor(sc: Scanner, start: number, end: number, ctx: Ctx): TensorInfo {
  const dims: number[] = [];
  let name = "";
  let dataType = 0;
  let payload: TensorPayload = { kind: "empty" };
  let dataLocation = 0;
  let digestSource: Field | undefined;
  const ext: MetadataEntry[] = [];
  const T = FIELD.tensor;
  for (const f of sc.fields(start, end)) {
    switch (f.field) {
      case T.dims:
        if (f.wire === 0) dims.push(f.value);
        else if (f.wire === 2) {
          for (let p = f.start; p < f.end; p = sc.next) dims.push(sc.varint(p, f.end));
        }
        break;
      case T.dataType:
        expectWire(f, 0, "TensorProto.data_type");
        dataType = f.value;
        break;
      case T.name:
        expectWire(f, 2, "TensorProto.name");
        name = sc.string(f);
        break;
      case T.rawData:
        expectWire(f, 2, "TensorProto.raw_data");
        payload = { kind: "raw", offset: f.start, byteLength: f.end - f.start };
        digestSource = { ...f };
        break;
      case T.externalData:
        expectWire(f, 2, "TensorProto.external_data");
        ext.push(...decodeMessage(onnxTypes().StringStringEntryProto, sc.bytes(f), "an external data entry", f.start, (m) => entries([m])));
        break;
      case T.dataLocation:
        expectWire(f, 0, "TensorProto.data_location");
        dataLocation = f.value;
        break;
      case T.floatData:
      case T.int32Data:
      case T.stringData:
      case T.int64Data:
      case T.doubleData:
      case T.uint64Data: {
        const fieldName = TYPED_FIELDS[[T.floatData, T.int32Data, T.stringData, T.int64Data, T.doubleData, T.uint64Data].indexOf(f.field)]!;
        const len = f.wire === 2 ? f.end - f.start : f.end - f.start;
        if (payload.kind === "typed") {
          payload.byteLength += len;
          payload.count += 1;
        } else {
          payload = { kind: "typed", field: fieldName, count: 1, offset: f.start, byteLength: len };
          digestSource = { ...f };
        }
        break;
      }
      default:
        break;
    }
  }
  if (dataLocation === 1 || ext.length > 0) payload = externalPayload(ext);
  let digest: string | undefined;
  if (digestSource && (payload.kind === "raw" || payload.kind === "typed") && payload.byteLength <= ctx.digestLimit) {
    // For typed fields the first occurrence stands for the whole: merged constants in real
    // exports use raw_data, typed fields only appear in small hand-written models.
    digest = `${dataType}:${dims.join("x")}:${fingerprint(sc.bytes(digestSource))}`;
  }
  return tensorInfo(name, dataType, dims, payload, digest);
}

function scanSparse(sc: Scanner, start: number, end: number, ctx: Ctx): TensorInfo {
  let values: TensorInfo | undefined;
  const dims: number[] = [];
  for (const f of sc.fields(start, end)) {
    if (f.field === FIELD.sparse.values && f.wire === 2) values = scanTensor(sc, f.start, f.end, ctx);
    else if (f.field === FIELD.sparse.dims) {
      if (f.wire === 0) dims.push(f.value);
      else if (f.wire === 2) {
        for (let p = f.start; p < f.end; p = sc.next) dims.push(sc.varint(p, f.end));
      }
    }
  }
  return { ...(values ?? { name: "", dataType: 0, dims: [], payload: { kind: "empty" } }), dims };
}

function scanGraph(sc: Scanner, start: number, end: number, ctx: Ctx): OnnxGraph {
  const types = onnxTypes();
  const graph: OnnxGraph = {
    name: "",
    nodes: [],
    inputs: [],
    outputs: [],
    valueInfo: [],
    initializers: [],
    sparseInitializers: [],
    metadataProps: [],
  };
  const G = FIELD.graph;
  for (const f of sc.fields(start, end)) {
    switch (f.field) {
      case G.node:
        expectWire(f, 2, "GraphProto.node");
        // The `node #N` text is made only for the node that fails, not for every node.
        try {
          graph.nodes.push(readNodeAt(sc, f.start, f.end, ctx));
        } catch (err) {
          throw protobufError(err, `node #${graph.nodes.length}`, f.start);
        }
        break;
      case G.name:
        expectWire(f, 2, "GraphProto.name");
        graph.name = sc.string(f);
        break;
      case G.initializer:
        expectWire(f, 2, "GraphProto.initializer");
        graph.initializers.push(scanTensor(sc, f.start, f.end, ctx));
        break;
      case G.sparseInitializer:
        expectWire(f, 2, "GraphProto.sparse_initializer");
        graph.sparseInitializers.push(scanSparse(sc, f.start, f.end, ctx));
        break;
      case G.input:
      case G.output:
      case G.valueInfo: {
        expectWire(f, 2, "GraphProto value info");
        const vi = decodeMessage(types.ValueInfoProto, sc.bytes(f), "a value info", f.start, valueInfoFromMessage);
        (f.field === G.input ? graph.inputs : f.field === G.output ? graph.outputs : graph.valueInfo).push(vi);
        break;
      }
      case 16:
        expectWire(f, 2, "GraphProto.metadata_props");
        graph.metadataProps.push(...decodeMessage(types.StringStringEntryProto, sc.bytes(f), "a graph metadata entry", f.start, (m) => entries([m])));
        break;
      default:
        break;
    }
  }
  return graph;
}

/**
 * Decode the structure of an ONNX model. Throws `OnnxDecodeError` with a user-facing reason
 * for anything that is not a well-formed ModelProto.
 */
export function decodeModel(src: ByteSource, options: DecodeOptions = {}): OnnxModel {
  let model: OnnxModel;
  try {
    model = decodeStructure(src, options);
  } catch (err) {
    // Every path above converts its own failures; a stack overflow on some input nobody
    // foresaw still ends as a decode error, never as a crash.
    if (err instanceof RangeError && /call stack/i.test(err.message)) throw new OnnxDecodeError("the model is nested too deeply to decode");
    throw err;
  }
  checkLimits(model);
  return model;
}

function decodeStructure(src: ByteSource, options: DecodeOptions): OnnxModel {
  const ctx: Ctx = { maxDepth: options.maxDepth ?? 64, digestLimit: options.digestLimit ?? 1 << 16, interned: new Interner(), recentOutputs: new RecentOutputs() };
  if (src.size === 0) throw new OnnxDecodeError("the file is empty");
  const sc = new Scanner(src);
  const types = onnxTypes();
  const model: OnnxModel = {
    irVersion: 0,
    producerName: "",
    producerVersion: "",
    domain: "",
    modelVersion: 0,
    docString: "",
    opsetImports: [],
    metadataProps: [],
    graph: undefined as unknown as OnnxGraph,
    functions: [],
    byteLength: src.size,
  };
  let sawIr = false;
  for (const f of sc.fields(0, src.size)) {
    switch (f.field) {
      case 1:
        expectWire(f, 0, "ModelProto.ir_version");
        model.irVersion = f.value;
        sawIr = true;
        break;
      case 2:
      case 3:
      case 4:
      case 6: {
        expectWire(f, 2, "ModelProto string field");
        const s = sc.string(f);
        if (f.field === 2) model.producerName = s;
        else if (f.field === 3) model.producerVersion = s;
        else if (f.field === 4) model.domain = s;
        else model.docString = s;
        break;
      }
      case 5:
        expectWire(f, 0, "ModelProto.model_version");
        model.modelVersion = f.value;
        break;
      case 7:
        expectWire(f, 2, "ModelProto.graph");
        if (model.graph) throw new OnnxDecodeError("the model has two graph fields: not a valid ONNX model", f.start);
        model.graph = scanGraph(sc, f.start, f.end, ctx);
        break;
      case 8:
        expectWire(f, 2, "ModelProto.opset_import");
        model.opsetImports.push(
          ...decodeMessage(types.OperatorSetIdProto, sc.bytes(f), "an opset import", f.start, (m) => opsets([m])),
        );
        break;
      case 14:
        expectWire(f, 2, "ModelProto.metadata_props");
        model.metadataProps.push(
          ...decodeMessage(types.StringStringEntryProto, sc.bytes(f), "a metadata entry", f.start, (m) => entries([m])),
        );
        break;
      case FIELD.model.functions:
        expectWire(f, 2, "ModelProto.functions");
        model.functions.push(
          decodeMessage(types.FunctionProto, sc.bytes(f), `function #${model.functions.length}`, f.start, (m) =>
            functionFromMessage(m, ctx),
          ),
        );
        break;
      default:
        // training_info and fields newer than this schema are skipped, as protobuf readers do.
        break;
    }
  }
  if (!model.graph) {
    throw new OnnxDecodeError(
      sawIr ? "the model has no graph" : "no ONNX model structure found (no ir_version, no graph): not an ONNX file",
    );
  }
  if (!sawIr) throw new OnnxDecodeError("the model has no ir_version: not an ONNX file");
  return model;
}
