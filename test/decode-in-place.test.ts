/**
 * The decoder reads each node in place in its scan window, with readers and field records reused
 * from node to node. Hand-made bytes: a node read in place must decode, and fail, exactly as the
 * node's own bytes decode and fail.
 */
import { describe, expect, it } from "vitest";
import { bytesSource, decodeModel, fingerprint } from "../src/load/decode.js";
import { OnnxDecodeError } from "../src/load/model.js";
import { varint } from "./support/protobuf-bytes.js";

const text = (s: string) => [...Buffer.from(s, "latin1")];
const bytesField = (no: number, payload: number[]) => [...varint(no * 8 + 2), ...varint(payload.length), ...payload];
const varintField = (no: number, value: number) => [...varint(no * 8), ...varint(value)];

/** A model with ir_version 8 and a graph of these encoded nodes. */
function model(nodes: number[][]): Uint8Array {
  const graph = nodes.flatMap((n) => bytesField(1, n));
  return Uint8Array.from([...varintField(1, 8), ...bytesField(7, graph)]);
}

function node(name: string, op: string, inputs: string[], outputs: string[], extra: number[] = []): number[] {
  return [...inputs.flatMap((i) => bytesField(1, text(i))), ...outputs.flatMap((o) => bytesField(2, text(o))), ...bytesField(3, text(name)), ...bytesField(4, text(op)), ...extra];
}

function decodeError(bytes: Uint8Array): string {
  try {
    decodeModel(bytesSource(bytes));
  } catch (err) {
    expect(err).toBeInstanceOf(OnnxDecodeError);
    return (err as Error).message;
  }
  throw new Error("decoded without an error");
}

describe("nodes read in place", () => {
  it("decodes every field of consecutive nodes, attributes and metadata included", () => {
    const axis = bytesField(5, [...bytesField(1, text("axis")), ...varintField(3, 1), ...varintField(20, 2)]);
    const value = bytesField(5, [...bytesField(1, text("value")), ...bytesField(5, [...varintField(1, 1), ...varintField(2, 1), ...bytesField(9, [0, 0, 128, 63])]), ...varintField(20, 4)]);
    const meta = bytesField(9, [...bytesField(1, text("k")), ...bytesField(2, text("v"))]);
    const m = decodeModel(bytesSource(model([node("c", "Constant", [], ["x"], value), node("a", "Softmax", ["x"], ["y"], [...axis, ...meta]), node("b", "Relu", ["y"], ["z"])])));
    expect(m.graph.nodes.map((n) => [n.name, n.opType, n.inputs, n.outputs])).toEqual([
      ["c", "Constant", [], ["x"]],
      ["a", "Softmax", ["x"], ["y"]],
      ["b", "Relu", ["y"], ["z"]],
    ]);
    expect(m.graph.nodes[1]!.attributes).toEqual([{ name: "axis", type: 2, i: 1 }]);
    expect(m.graph.nodes[1]!.metadataProps).toEqual([["k", "v"]]);
    const t = m.graph.nodes[0]!.attributes[0]!.t!;
    expect([t.dataType, t.dims, t.payload]).toEqual([1, [1], { kind: "raw", offset: -1, byteLength: 4 }]);
    // The fingerprint of the bytes in place is the one of the bytes alone.
    const alone = decodeModel(bytesSource(model([node("c", "Constant", [], ["x"], value)])));
    expect(t.digest).toBe(alone.graph.nodes[0]!.attributes[0]!.t!.digest);
    expect(t.digest).toMatch(/^[0-9a-f]{16}$/);
  });

  it("fails a varint cut off at the end of a node even where the next node's bytes follow", () => {
    // The attribute's last field is `type`, a varint whose last byte says more follows: in place,
    // the next byte is the next node's tag, which a reader of the node's own bytes never sees.
    const cut = bytesField(5, [...bytesField(1, text("axis")), ...varint(20 * 8), 0x80]);
    const message = decodeError(model([node("a", "Softmax", ["x"], ["y"], cut), node("b", "Relu", ["y"], ["z"])]));
    expect(message).toBe(decodeError(model([node("a", "Softmax", ["x"], ["y"], cut)])));
    expect(message).toMatch(/^node #0 is cut short/);
  });

  it("quotes positions within the node's own bytes, wherever the node lies in the file", () => {
    const bad = [...bytesField(3, text("n")), 15 * 8 + 7]; // field 15 with wire type 7
    const first = decodeError(model([bad]));
    const later = decodeError(model([node("a", "Relu", ["x"], ["y"]), node("b", "Relu", ["y"], ["z"]), bad]));
    // The offset is the node's own (the file position of the node follows it).
    expect(first).toMatch(/^node #0 is malformed: invalid wire type 7 at offset 4 \(at byte \d+\)$/);
    expect(later).toMatch(/^node #2 is malformed: invalid wire type 7 at offset 4 \(at byte \d+\)$/);
  });
});

describe("fingerprint", () => {
  /** FNV-1a in two lanes, as 16 hex digits, written the plain way. */
  function reference(bytes: Uint8Array): string {
    let a = 0x811c9dc5;
    let b = 0x01000193 ^ bytes.length;
    for (const x of bytes) {
      a = Math.imul(a ^ x, 0x01000193);
      b = Math.imul(b ^ x, 0x5bd1e995) ^ (b >>> 15);
    }
    return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
  }

  it("is the two lanes' hex digits, zero-padded, for any bytes", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255;
    for (let n = 0; n < 300; n++) {
      const bytes = Uint8Array.from({ length: n % 37 }, rand);
      expect(fingerprint(bytes)).toBe(reference(bytes));
    }
    expect(fingerprint(new Uint8Array(0))).toBe(reference(new Uint8Array(0)));
  });
});
