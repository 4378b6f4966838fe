/**
 * The scaling benchmark's parts: its statistics, and the narrow-graph generator (a real torch
 * export repeated to a chosen size, with a ModelInsider sidecar whose shifted tags the engine
 * must find), and one quick run of the benchmark itself (it needs `npm run build` first).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { logLogSlope, median, parseSizes } from "../scripts/bench/stats.mjs";
import { loadModelFile } from "../src/adapters/fs/model-file.js";
import { validateHtpMetadata, type HtpModule } from "../src/hierarchy/evidence.js";
import { analyzeFiles } from "../src/pipeline.js";

describe("bench statistics", () => {
  it("takes medians of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it("gives the exponent of a power law as the log-log slope", () => {
    const sizes = [10_000, 100_000, 500_000];
    expect(logLogSlope(sizes.map((n) => [n, 3e-5 * n] as [number, number]))).toBeCloseTo(1, 10);
    expect(logLogSlope(sizes.map((n) => [n, 1e-9 * n * n] as [number, number]))).toBeCloseTo(2, 10);
    // n log n between 10k and 500k is only a little steeper than linear
    const nlogn = logLogSlope(sizes.map((n) => [n, n * Math.log(n)] as [number, number]))!;
    expect(nlogn).toBeGreaterThan(1);
    expect(nlogn).toBeLessThan(1.1);
    expect(logLogSlope([[10_000, 1]])).toBeUndefined();
    expect(logLogSlope([[10_000, 1], [10_000, 2]])).toBeUndefined();
  });

  it("parses size lists", () => {
    expect(parseSizes("500k,10000, 0.1m,10k")).toEqual([10_000, 100_000, 500_000]);
    expect(() => parseSizes("ten")).toThrow(/ten/);
    expect(() => parseSizes("10")).toThrow(/smallest/);
    expect(() => parseSizes(",")).toThrow(/no sizes/);
  });
});

function layerChildren(m: HtpModule): string[] {
  return Object.keys(m.children?.BertEncoder?.children ?? {});
}

describe("narrow graph generator", () => {
  const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), "bench-narrow-")), fs.mkdtempSync(path.join(os.tmpdir(), "bench-narrow-"))];
  for (const d of dirs) execFileSync("/usr/bin/python3", ["scripts/bench/narrow.py", "--out", d, "--nodes", "3000"], { stdio: "pipe" });
  const [dir] = dirs as [string, string];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const info = JSON.parse(fs.readFileSync(path.join(dir, "narrow_3000.json"), "utf8")) as { nodes: number; layers: number; shifted: number };

  it("writes the same bytes every time", () => {
    for (const f of ["narrow_3000.onnx", "narrow_3000_htp_htp_metadata.json"]) {
      expect(fs.readFileSync(path.join(dirs[1]!, f)).equals(fs.readFileSync(path.join(dir, f)))).toBe(true);
    }
  });

  it("repeats the layer to about the size asked, with a scope per layer", () => {
    const { model } = loadModelFile(path.join(dir, "narrow_3000.onnx"));
    const nodes = model.graph.nodes;
    expect(nodes.length).toBe(info.nodes);
    expect(Math.abs(nodes.length - 3000)).toBeLessThan(110); // one layer is 109 nodes
    const layers = new Set(nodes.map((n) => /^\/encoder\/layer\.(\d+)\//.exec(n.name)?.[1]).filter((x) => x !== undefined));
    expect(layers.size).toBe(info.layers);
    expect(new Set(nodes.map((n) => n.name)).size).toBe(nodes.length);
    const outputs = nodes.flatMap((n) => n.outputs);
    expect(new Set(outputs).size).toBe(outputs.length);
    // topologically sorted: every input is a graph input, an initializer or an earlier output
    const known = new Set([...model.graph.inputs.map((i) => i.name), ...model.graph.initializers.map((t) => t.name), ""]);
    for (const n of nodes) {
      for (const i of n.inputs) expect(known.has(i), `${n.name} reads ${i}`).toBe(true);
      for (const o of n.outputs) known.add(o);
    }
  });

  it("writes a full sidecar whose shifted tags are exactly the cases found", () => {
    const sidecar = validateHtpMetadata(JSON.parse(fs.readFileSync(path.join(dir, "narrow_3000_htp_htp_metadata.json"), "utf8")));
    expect(layerChildren(sidecar.modules!)).toEqual(Array.from({ length: info.layers }, (_, k) => `BertLayer.${k}`));
    expect(sidecar.modules!.children!.BertEncoder!.children!["BertLayer.2"]!.traced_tag).toBe("/BertModel/BertEncoder/BertLayer.2");
    const tagged = Object.keys(sidecar.nodes!).length;
    expect(info.shifted / tagged).toBeGreaterThan(0.1);
    expect(info.shifted / tagged).toBeLessThan(0.2);

    const plain = analyzeFiles([path.join(dir, "narrow_3000.onnx")]).models[0]!;
    expect(plain.counts.cases).toBe(0);
    const withSidecar = analyzeFiles([path.join(dir, "narrow_3000_htp.onnx")]).models[0]!;
    expect(withSidecar.sidecars).toEqual(["narrow_3000_htp_htp_metadata.json"]);
    expect(withSidecar.counts.cases).toBe(info.shifted);
    expect(withSidecar.counts.casesByScope).toEqual({ "cross-layer": info.shifted });
  });
});

describe("npm run bench", () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "bench-run-"));
  afterAll(() => fs.rmSync(cache, { recursive: true, force: true }));

  it("measures each size against Python and prints the table, slopes and report digests", () => {
    const json = path.join(cache, "results.json");
    const out = execFileSync(
      "node",
      ["scripts/bench.mjs", "--sizes", "2000,3000", "--runs", "2", "--only", "narrow,sidecar", "--no-build", "--cache", cache, "--json", json],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    const results = JSON.parse(fs.readFileSync(json, "utf8")) as {
      rows: { model: string; group: string; nodes: number; m: Record<string, { s: number; cpu: number; mb: number; n: number }> }[];
      slopes: Record<string, { wall: { slope: number } }>;
      reports: Record<string, string>;
    };
    expect(results.rows.map((r) => r.model)).toEqual(["narrow_2000", "narrow_3000", "narrow_2000_htp", "narrow_3000_htp"]);
    for (const r of results.rows) {
      const commands = r.group === "narrow" ? ["analyze", "inspect", "python"] : ["analyze", "python"];
      expect(Object.keys(r.m).sort()).toEqual(commands.sort());
      for (const k of commands) {
        expect(r.m[k]!.n).toBe(2);
        expect(r.m[k]!.s).toBeGreaterThan(0);
        expect(r.m[k]!.mb).toBeGreaterThan(10); // a real process's peak RSS, in MB
      }
      expect(out).toContain(`| ${r.model} (`);
    }
    expect(Object.keys(results.slopes).sort()).toEqual(["narrow analyze", "narrow python", "sidecar analyze", "sidecar python"]);
    expect(Object.keys(results.reports).sort()).toEqual(["narrow_2000 analyze", "narrow_2000_htp analyze", "narrow_3000 analyze", "narrow_3000_htp analyze"]);
    expect(out).toMatch(/load average [\d.]+ [\d.]+ [\d.]+ at the start/);
    expect(out).toMatch(/- analyze, narrow, 2,025 to 3,006 nodes: wall -?\d\.\d\d/);
  });
});
