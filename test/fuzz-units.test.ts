/**
 * The pieces that keep hostile input harmless, each on its own: the output guard, one-line
 * errors, suggestions by edit distance, the loader's limits, sidecars without prototypes, and
 * outputs written all or none. Real files in a temporary folder; no mocks.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readJsonFile } from "../src/adapters/fs/json.js";
import { loadModelFile, UserError } from "../src/adapters/fs/model-file.js";
import { writeFilesAtomic } from "../src/adapters/fs/write.js";
import { formatError } from "../src/cli/main.js";
import { OutputGuard } from "../src/cli/output.js";
import { LIMITS } from "../src/load/limits.js";
import { buildGraphIndex } from "../src/load/graph-index.js";
import { bytesSource, decodeModel } from "../src/load/decode.js";
import { findSidecars, withoutPrototypes } from "../src/pipeline.js";
import { closest, didYouMean, editDistance, escapeControls, oneLine } from "../src/util/text.js";
import { chain, model } from "./support/fuzz-cases.js";
import { encodeModelMessage } from "../src/load/encode.js";
import { workflowCommandLines } from "./support/fuzz-run.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mx-units-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("output guard", () => {
  const guard = (...chunks: string[]) => {
    const g = new OutputGuard();
    return chunks.map((c) => g.feed(c)).join("");
  };
  it("escapes control characters but keeps newlines and tabs", () => {
    expect(guard("a\u001b[31mb\tc\n")).toBe("a\\u001b[31mb\tc\n");
    expect(guard("x\ry\u0085z\u2028")).toBe("x\\ry\\u0085z\\u2028");
  });
  it("lets no line start a workflow command, even after spaces or across writes", () => {
    const out = guard("ok\n::warning::x\n  ::error::y\n\u00a0::notice::z\n", ":", ":group::w\n", "a ##[warning]legacy\n");
    expect(workflowCommandLines(out)).toEqual([]);
    expect(out).toContain("\\u003a:warning::x");
    // A ':' that does not start a line stays as it is.
    expect(guard("time: 3::4\n")).toBe("time: 3::4\n");
  });
  it("keeps JSON valid: every escape it writes is a JSON escape", () => {
    const text = JSON.stringify({ name: "a\u0085b\u2028::x ##[y" }, null, 2) + "\n";
    expect(JSON.parse(guard(text))).toEqual({ name: "a\u0085b\u2028::x ##[y" });
  });
});

describe("error lines", () => {
  it("are one bounded line, with the usage kept after a usage error", () => {
    const usage = "usage: modelexport x FILE\n\n  --y  why";
    expect(formatError("x", `bad ${"n".repeat(5000)}\n::warning::x`, usage).split("\n")).toHaveLength(1);
    expect(formatError("x", "bad", usage).length).toBeLessThan(700);
    expect(formatError("x", `unknown option '--z'\n${usage}`, usage)).toBe(`modelexport x: unknown option '--z'\n${usage}`);
    expect(oneLine("a\nb", 10)).toBe("a\\nb");
    expect(escapeControls("\u0000")).toBe("\\u0000");
  });
});

describe("suggestions", () => {
  it("measure edit distance and pick the nearest", () => {
    expect(editDistance("threshhold", "threshold")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(closest("--threshhold", ["--json", "--threshold", "--timings"])).toEqual(["--threshold"]);
    expect(closest("encoder.layr.0", ["decoder.layer.0", "encoder.layer.0", "encoder.layer.1", "pooler"])).toEqual(["encoder.layer.0"]);
    expect(closest("encoder.layer.7", ["encoder.layer", "encoder.layer.0", "encoder.layer.1"])).toEqual(["encoder.layer.0", "encoder.layer.1"]);
    expect(didYouMean("zzzzzz", ["analyze", "inspect"])).toBe("");
    expect(didYouMean("analyse", ["analyze", "inspect"])).toBe("; did you mean 'analyze'?");
  });
});

describe("limits at the load boundary", () => {
  const load = (name: string, bytes: Uint8Array) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, bytes);
    try {
      loadModelFile(f);
      return "";
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      return (err as Error).message;
    }
  };
  it("name each limit, the file and the node, in one line", () => {
    const long = load("long.onnx", encodeModelMessage(model(chain(2, (i) => (i ? "x".repeat(LIMITS.nameLength + 1) : "a")))));
    expect(long).toMatch(/long\.onnx: beyond what modelexport analyses: the name of node #1 has 4,097 characters; the limit is 4,096$/);
    const deep = load("deep.onnx", encodeModelMessage(model(chain(1, () => "/a".repeat(LIMITS.nameSegments + 1)))));
    expect(deep).toMatch(/node #0 '\/a\/a.*…' has 258 '\/'-separated segments; the limit is 256$/);
    const wide = load("wide.onnx", encodeModelMessage(model([{ name: "c", opType: "Concat", input: Array(LIMITS.nodeEdges + 1).fill("x"), output: ["y"] }])));
    expect(wide).toMatch(/node #0 'c' has 10,001 inputs; the limit is 10,000$/);
    const meta = load("meta.onnx", encodeModelMessage(model(chain(1, () => "n", () => [{ key: "modelexport.module", value: "a".repeat(LIMITS.nodeText + 1) }]))));
    expect(meta).toMatch(/metadata 'modelexport.module' of node #0 'n' has 65,537 characters; the limit is 65,536$/);
    expect(load("fine.onnx", encodeModelMessage(model(chain(3, (i) => "/a".repeat(LIMITS.nameSegments - 1) + i))))).toBe("");
  });
  it("index a node with thousands of inputs in linear time", () => {
    const m = decodeModel(bytesSource(encodeModelMessage(model([...chain(LIMITS.nodeEdges, (i) => `n${i}`), { name: "cat", opType: "Concat", input: Array.from({ length: LIMITS.nodeEdges }, (_, i) => `t${i}`), output: ["y"] }]))));
    const started = performance.now();
    const index = buildGraphIndex(m);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(index.producers.of(LIMITS.nodeEdges)).toHaveLength(LIMITS.nodeEdges);
  });
});

describe("sidecars", () => {
  it("are read without prototypes, so node names like constructor are plain keys", () => {
    const data = withoutPrototypes(JSON.parse('{"nodes":{"constructor":"/A","__proto__":"/B"},"list":[{"a":1}]}')) as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(data)).toBeNull();
    expect(data.nodes!.constructor).toBe("/A");
    expect(data.nodes!["__proto__"]).toBe("/B");
    expect(data.nodes!.toString).toBeUndefined();
    expect(Object.getPrototypeOf((data.list as unknown as object[])[0])).toBeNull();
  });
  it("found beside a model are checked, then read without prototypes, the node map listed once", () => {
    const d = fs.mkdtempSync(path.join(dir, "sc-"));
    const m = path.join(d, "m.onnx");
    fs.writeFileSync(path.join(d, "m_htp_metadata.json"), JSON.stringify({ nodes: { constructor: "/A", toString: "/B" }, modules: { class_name: "M", children: { constructor: { class_name: "C" } } } }));
    const { sidecars } = findSidecars(m, [], true);
    const htp = sidecars.htp!;
    expect(Object.getPrototypeOf(htp)).toBeNull();
    expect(Object.getPrototypeOf(htp.nodes)).toBeNull();
    expect(htp.nodes!.toString).toBe("/B");
    expect(Object.getPrototypeOf(htp.modules!.children)).toBeNull();
    expect(Object.getPrototypeOf(htp.modules!.children!.constructor)).toBeNull();
    fs.writeFileSync(path.join(d, "m_htp_metadata.json"), JSON.stringify({ nodes: { a: { nested: true } } }));
    expect(() => findSidecars(m, [], true)).toThrow(/not a valid _htp_metadata\.json sidecar: `nodes`: the tag of 'a' must be a string/);
  });
  it("keep the prototype-free objects' contents unvisited only where the caller says they hold no objects", () => {
    const inner = { deep: {} };
    const flat = { x: "1", inner };
    withoutPrototypes({ flat }, new Set([flat]));
    expect(Object.getPrototypeOf(flat)).toBeNull();
    expect(Object.getPrototypeOf(inner)).toBe(Object.prototype);
    withoutPrototypes({ flat });
    expect(Object.getPrototypeOf(inner.deep)).toBeNull();
  });
  it("found beside the model may not lead outside its folder", () => {
    const d = fs.mkdtempSync(path.join(dir, "sc-"));
    const m = path.join(d, "m.onnx");
    fs.symlinkSync("/etc/os-release", path.join(d, "m_htp_metadata.json"));
    expect(() => findSidecars(m, [], true)).toThrow(/m_htp_metadata\.json: the sidecar is a link to a file outside its folder/);
  });
  it("are regular files of bounded size, their content never quoted", () => {
    expect(() => readJsonFile("/dev/zero", "sidecar")).toThrow(/^\/dev\/zero: cannot read sidecar: not a regular file$/);
    const big = path.join(dir, "big.json");
    fs.writeFileSync(big, "[" + "0,".repeat(1000) + "0]");
    expect(() => readJsonFile(big, "sidecar", 100)).toThrow(/more than the 100 accepted/);
    const secret = path.join(dir, "secret.json");
    fs.writeFileSync(secret, "SECRET\n{");
    expect(() => readJsonFile(secret, "sidecar")).toThrow(/secret\.json: not valid JSON$/);
    const bom = path.join(dir, "bom.json");
    fs.writeFileSync(bom, "\ufeff{\"a\":1}");
    expect(readJsonFile(bom, "sidecar")).toEqual({ a: 1 });
  });
});

describe("outputs all or none", () => {
  it("writes every file, or none when one cannot be written", () => {
    const d = fs.mkdtempSync(path.join(dir, "out-"));
    fs.mkdirSync(path.join(d, "folder.json"));
    expect(() =>
      writeFilesAtomic([
        { file: path.join(d, "a.html"), data: "a" },
        { file: path.join(d, "folder.json"), data: "b" },
      ]),
    ).toThrow(/folder\.json: cannot write: it is a directory/);
    expect(fs.readdirSync(d)).toEqual(["folder.json"]);
    writeFilesAtomic([
      { file: path.join(d, "a.html"), data: "a" },
      { file: path.join(d, "sub/b.svg"), data: "b" },
    ]);
    expect(fs.readFileSync(path.join(d, "sub/b.svg"), "utf8")).toBe("b");
    expect(fs.readdirSync(d).sort()).toEqual(["a.html", "folder.json", "sub"]);
  });
});

describe("streamed JSON", () => {
  it("writes a report of many blocks to its file exactly as toJson makes it", async () => {
    const { toJson } = await import("../src/adapters/fs/write.js");
    const d = fs.mkdtempSync(path.join(dir, "blocks-"));
    // Several 2 MB blocks, multi-byte characters across block ends, and one string larger than a block.
    const value = { nodes: Array.from({ length: 60000 }, (_, i) => ({ i, s: `é"${i}\u2028😀` })), long: "€".repeat(1_500_000), tail: [1, 2] };
    writeFilesAtomic([{ file: path.join(d, "report.json"), json: value }]);
    expect(fs.readFileSync(path.join(d, "report.json"), "utf8")).toBe(toJson(value));
    expect(fs.readdirSync(d)).toEqual(["report.json"]);
  });

  it("leaves no file behind when serialization fails after blocks were written", () => {
    const d = fs.mkdtempSync(path.join(dir, "blocks-"));
    const value = { nodes: [...Array.from({ length: 100000 }, (_, i) => ({ i, s: "x".repeat(40) })), { n: 1n }] };
    expect(() => writeFilesAtomic([{ file: path.join(d, "report.json"), json: value }])).toThrow(/report\.json: cannot write: .*BigInt/);
    expect(fs.readdirSync(d)).toEqual([]);
  });

  it("writes exactly what toJson makes, in pieces", async () => {
    const { writeJson, toJson } = await import("../src/adapters/fs/write.js");
    const big = { a: 1, list: Array.from({ length: 1000 }, (_, i) => ({ i, s: `x"${i}\n`, u: undefined, n: null, deep: { k: [i, { z: [] }] } })), empty: [], o: {}, skip: undefined };
    // A long list inside an object inside a list (a report's node list, in its model, in its models).
    const nested = { models: [{ name: "m", count: 2, nodes: Array.from({ length: 2000 }, (_, i) => ({ id: `n${i}`, aux: i % 7 === 0 ? ["a"] : [], c: i / 3 })) }, { name: "n" }] };
    for (const value of [big, [], {}, "s", 3, null, { nodes: Array.from({ length: 300 }, () => [undefined, 1]) }, nested]) {
      const pieces: string[] = [];
      writeJson(value, (c) => pieces.push(c));
      expect(pieces.join("")).toBe(toJson(value));
      // A long list, however deep in the value, is written piece by piece, never as one string.
      if (value === nested) expect(pieces.length).toBeGreaterThan(3);
    }
  });
});
