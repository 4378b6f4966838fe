/**
 * Bad input ends in one clear error naming the file and the problem: no stack trace, no hang,
 * no crash. External data may not leave the model's folder. Real files, real processes.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModelFile, UserError } from "../src/adapters/fs/model-file.js";
import { onnxTypes } from "../src/load/onnx-schema.js";
import { repoRoot } from "./corpus.js";
import { varint } from "./support/protobuf-bytes.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "modelexport-bad-"));
const bert = path.join(repoRoot, "examples", "bert.onnx");

function expectUserError(file: string, pattern: RegExp): void {
  let caught: unknown;
  try {
    loadModelFile(file);
  } catch (err) {
    caught = err;
  }
  expect(caught, file).toBeInstanceOf(UserError);
  const message = (caught as Error).message;
  expect(message.startsWith(`${file}: `), message).toBe(true);
  expect(message, message).toMatch(pattern);
  expect(message.split("\n")).toHaveLength(1);
}

function write(name: string, data: Uint8Array | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
}

function field(no: number, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([...varint(no * 8 + 2), ...varint(payload.length), ...payload]);
}

describe("inputs that are not ONNX models", () => {
  it("names the file for a missing file, a folder, an empty file, text, JSON and random bytes", () => {
    expectUserError(path.join(dir, "missing.onnx"), /cannot open: no such file/);
    expectUserError(dir, /it is a directory/);
    expectUserError(write("empty.onnx", ""), /not a valid ONNX model: the file is empty/);
    expectUserError(write("text.onnx", "hello, this is not a model\n"), /not a valid ONNX model/);
    expectUserError(write("json.onnx", JSON.stringify({ nodes: { a: "b" } })), /not a valid ONNX model/);
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255;
    for (let k = 0; k < 20; k++) {
      const bytes = Uint8Array.from({ length: 64 + k * 97 }, rand);
      expectUserError(write(`random${k}.onnx`, bytes), /not a valid ONNX model/);
    }
  });

  it("names the truncation point of a real export cut short", () => {
    const bytes = fs.readFileSync(bert);
    for (const cut of [3, 40, 1000, Math.floor(bytes.length / 2), bytes.length - 200]) {
      expectUserError(write(`cut${cut}.onnx`, bytes.subarray(0, cut)), /not a valid ONNX model: .*(runs past|remain|cut short)/);
    }
  });

  it("refuses a length that runs past the end", () => {
    const graph = Uint8Array.from([...varint(7 * 8 + 2), ...varint(1 << 30), 1, 2, 3]);
    expectUserError(write("length.onnx", Uint8Array.from([8, 7, ...graph])), /field 7 declares 1073741824 bytes but only 3 remain/);
  });

  it("refuses absurdly nested subgraphs without overflowing the stack", () => {
    // Graph{node: Node{op_type: If, attribute: {name: then_branch, type: GRAPH, g: Graph{...}}}}, 300 deep.
    let graph: Uint8Array = new Uint8Array(0);
    const enc = new TextEncoder();
    for (let i = 0; i < 300; i++) {
      const attr = Uint8Array.from([...field(1, enc.encode("then_branch")), 160, 1, 5, ...field(6, graph)]);
      const node = Uint8Array.from([...field(4, enc.encode("If")), ...field(5, attr)]);
      graph = field(1, node);
    }
    const model = Uint8Array.from([8, 8, ...field(7, graph)]);
    expectUserError(write("nested.onnx", model), /nested (more than 64 levels deep|too deeply)/);
  });

  it("prints one line and exit code 1 from the CLI, with no stack trace", () => {
    const r = spawnSync("node", [path.join(repoRoot, "dist/cli.js"), "analyze", write("cli.onnx", "not onnx")], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^modelexport analyze: .*cli\.onnx: not a valid ONNX model/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("leaves no half-written report when the analysis fails", () => {
    const out = path.join(dir, "report.json");
    fs.writeFileSync(out, "previous");
    const r = spawnSync("node", [path.join(repoRoot, "dist/cli.js"), "analyze", bert, write("bad2.onnx", "x"), "--json", out], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(fs.readFileSync(out, "utf8")).toBe("previous");
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("external data locations", () => {
  const types = onnxTypes();
  function modelWithExternal(location: string): Uint8Array {
    const msg = types.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: "", version: 17 }],
      graph: {
        name: "g",
        node: [{ opType: "Identity", input: ["w"], output: ["y"], name: "/Identity" }],
        initializer: [{ name: "w", dataType: 1, dims: [4], dataLocation: 1, externalData: [{ key: "location", value: location }, { key: "length", value: "16" }] }],
        output: [{ name: "y" }],
      },
    });
    return types.ModelProto.encode(msg).finish();
  }

  beforeAll(() => {
    fs.mkdirSync(path.join(dir, "ext"), { recursive: true });
    fs.writeFileSync(path.join(dir, "ext", "weights.bin"), Buffer.alloc(16));
    fs.writeFileSync(path.join(dir, "outside.bin"), Buffer.alloc(16));
    fs.symlinkSync(path.join(dir, "outside.bin"), path.join(dir, "ext", "link.bin"));
  });

  it("accepts a location inside the model's folder without reading it", () => {
    const f = path.join(dir, "ext", "ok.onnx");
    fs.writeFileSync(f, modelWithExternal("weights.bin"));
    const { model } = loadModelFile(f);
    expect(model.graph.initializers[0]!.payload).toEqual({ kind: "external", location: "weights.bin", length: 16 });
  });

  it("refuses ../, absolute paths and links that leave the folder", () => {
    for (const [name, loc, why] of [
      ["up.onnx", "../outside.bin", /paths that leave the model's folder are refused/],
      ["abs.onnx", "/etc/passwd", /absolute paths are refused/],
      ["win.onnx", "C:\\weights.bin", /absolute paths are refused/],
      ["link.onnx", "link.bin", /it is a link to '.*outside\.bin', outside the model's folder/],
    ] as const) {
      const f = path.join(dir, "ext", name);
      fs.writeFileSync(f, modelWithExternal(loc));
      expectUserError(f, why);
    }
  });
});
