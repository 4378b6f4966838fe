/**
 * Model-zoo audits: the manifest, the deterministic shard split, merging shards into exactly
 * what one unsplit run writes, per-model limits and badges, the history and its trend chart.
 * The zoo is the real corpus plus damaged derivatives of it (tags shifted to the neighbouring
 * layer), so the limits meet real unresolved cases.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appendHistory, historyEntry, parseHistory, renderTrendSvg } from "../src/audit/history.js";
import { parseManifest } from "../src/audit/manifest.js";
import { parseShard, splitShards } from "../src/audit/shard.js";
import { writeAudit } from "../src/audit/run.js";
import { main } from "../src/cli/main.js";
import type { Report } from "../src/report/types.js";
import type { AuditSummary } from "../src/audit/summary.js";
import Ajv2020 from "ajv/dist/2020.js";
import { corpusModels, repoRoot } from "./corpus.js";
import { shiftLayerTags } from "./support/derive.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mx-audit-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const readJson = <T>(f: string) => JSON.parse(fs.readFileSync(f, "utf8")) as T;

const ajv = new Ajv2020.default({ allErrors: true, strict: true });
const auditSchema = ajv.compile(readJson(path.join(repoRoot, "schema", "audit.schema.json")));
const manifestSchema = ajv.compile(readJson(path.join(repoRoot, "schema", "manifest.schema.json")));

/** Every file below `root`, relative, sorted. */
function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}

describe("the manifest", () => {
  it("reads paths and export specs, applies defaults, and sorts by name", () => {
    const data = {
      $schema: "../schema/manifest.schema.json",
      confidenceThreshold: 0.8,
      defaults: { maxUnresolved: 2 },
      models: ["zoo/./b.onnx", { path: "zoo/a.onnx", maxUnresolved: null, weight: 4 }, { export: "pkg.m:build", inputs: ["x:1x3:float32"], output: "out/c.onnx", maxUnresolved: 0 }],
    };
    expect(manifestSchema(data), JSON.stringify(manifestSchema.errors)).toBe(true);
    const m = parseManifest(JSON.stringify(data));
    expect(m.confidenceThreshold).toBe(0.8);
    expect(m.entries.map((e) => [e.name, e.maxUnresolved, e.weight, e.export?.model ?? null])).toEqual([
      ["out/c.onnx", 0, 1, "pkg.m:build"],
      ["zoo/a.onnx", null, 4, null],
      ["zoo/b.onnx", 2, 1, null],
    ]);
    // The digest is of the content, not of its spelling.
    const same = parseManifest(JSON.stringify({ models: ["x.onnx", "./y.onnx"] }));
    expect(parseManifest(`{"models": ["./y.onnx",\n "x.onnx"]}`).digest).toBe(same.digest);
    expect(parseManifest(JSON.stringify({ models: ["x.onnx", "y.onnx"], defaults: { maxUnresolved: 1 } })).digest).not.toBe(same.digest);
  });

  it.each([
    ["{", /not valid JSON/],
    ["[]", /JSON object with a "models" list/],
    [`{"models": []}`, /models: the list is empty/],
    [`{"models": ["a.onnx"], "model": 1}`, /unknown key "model"/],
    [`{"models": ["a.onnx", "./a.onnx"]}`, /models\[1\]: 'a.onnx' is listed twice \(first at models\[0\]\)/],
    [`{"models": [{"path": "a.onnx", "export": "p:f"}]}`, /models\[0\]: give exactly one of "path"/],
    [`{"models": [{"export": "p:f"}]}`, /models\[0\]\.output: required/],
    [`{"models": [{"path": "a.onnx", "maxUnresolved": -1}]}`, /models\[0\]\.maxUnresolved: must be a whole number/],
    [`{"models": [{"path": "a.onnx", "inputs": ["x:1:int64"]}]}`, /models\[0\]\.inputs: only for "export" entries/],
    [`{"models": ["a.txt"]}`, /'a.txt' is not an .onnx file/],
    [`{"models": ["a.onnx"], "confidenceThreshold": 2}`, /confidenceThreshold: must be a number in \[0, 1\]/],
  ])("refuses %s, naming the field", (text, message) => {
    expect(() => parseManifest(text)).toThrow(message);
    // The published schema refuses it too, where a schema can say so (not duplicates, not bad JSON).
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return;
    }
    if (!String(message).includes("listed twice")) expect(manifestSchema(data), text).toBe(false);
  });
});

describe("the shard split", () => {
  const items = Array.from({ length: 23 }, (_, k) => ({ name: `m${String(k).padStart(2, "0")}.onnx`, weight: 1 + ((k * 7) % 5) }));

  it("puts every model in exactly one shard, the same whatever the listing order", () => {
    for (const n of [1, 2, 3, 7, 23, 30]) {
      const shards = splitShards(items, n);
      expect(shards).toHaveLength(n);
      expect(shards.flat().sort()).toEqual(items.map((i) => i.name).sort());
      expect(splitShards([...items].reverse(), n)).toEqual(shards);
    }
  });

  it("balances the weights: no shard carries more than the lightest plus the heaviest item", () => {
    const weight = new Map(items.map((i) => [i.name, i.weight]));
    const loads = splitShards(items, 4).map((s) => s.reduce((t, n) => t + weight.get(n)!, 0));
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(Math.max(...items.map((i) => i.weight)));
  });

  it("parses i/n and refuses anything else", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    expect(parseShard(" ")).toBeNull();
    for (const bad of ["0/3", "4/3", "3", "a/b", "1/0", "-1/2"]) expect(() => parseShard(bad)).toThrow(/must/);
  });
});

describe("an audit of the corpus, split into 3 shards and merged", () => {
  const zoo = path.join(dir, "zoo");
  const manifestFile = path.join(zoo, "modelexport-audit.json");
  let damaged: { name: string; unresolvedLimit: number }[] = [];

  beforeAll(() => {
    fs.mkdirSync(zoo, { recursive: true });
    const models = corpusModels();
    // Damaged copies: tags of layer.0/layer.1 moved to the other layer, the sidecar disagreeing.
    for (const name of ["bert", "gpt2"]) {
      const entry = models.find((m) => m.name === name)!;
      const d = shiftLayerTags(entry.file, entry.modulesFile, 12);
      fs.mkdirSync(path.join(zoo, "damaged"), { recursive: true });
      fs.writeFileSync(path.join(zoo, "damaged", `${name}.onnx`), d.onnx);
      fs.writeFileSync(path.join(zoo, "damaged", `${name}_htp_metadata.json`), d.sidecar);
    }
    damaged = [
      { name: "damaged/bert.onnx", unresolvedLimit: 0 },
      { name: "damaged/gpt2.onnx", unresolvedLimit: 1000 },
    ];
    const manifest = {
      confidenceThreshold: 0.7,
      defaults: { maxUnresolved: 0 },
      models: [
        ...models.map((m) => ({ path: path.relative(zoo, m.file).split(path.sep).join("/"), weight: Math.max(1, Math.round(fs.statSync(m.file).size / 1e6)) })),
        ...damaged.map((d) => ({ path: d.name, maxUnresolved: d.unresolvedLimit })),
      ],
    };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  });

  it("gives the same report, summary, HTML and badges as one unsplit run", async () => {
    const whole = await run(["audit", manifestFile, "--out", path.join(dir, "whole")]);
    // damaged/bert has unresolved cases over its limit of 0: the audit fails, and says why.
    const summary = readJson<AuditSummary>(path.join(dir, "whole", "audit.json"));
    const bert = summary.models.find((m) => m.model === "damaged/bert.onnx")!;
    expect(bert.unresolved).toBeGreaterThan(0);
    expect(bert.status).toBe("fail");
    expect(summary.models.find((m) => m.model === "damaged/gpt2.onnx")!.status).toBe("pass");
    expect(whole.code).toBe(1);
    expect(whole.out).toContain("damaged/bert.onnx");
    expect(whole.err).toMatch(/\[10\/10\] /);
    expect(summary.models).toHaveLength(corpusModels().length + 2);

    const shardDirs: string[] = [];
    const seen: string[] = [];
    for (const i of [1, 2, 3]) {
      const out = path.join(dir, `shard-${i}`);
      const r = await run(["audit", manifestFile, "--shard", `${i}/3`, "--out", out, "--quiet"]);
      expect(r.code, "a shard reports; the merge gates").toBe(0);
      const part = readJson<AuditSummary>(path.join(out, "audit.json"));
      expect(part.shard).toMatchObject({ index: i, count: 3 });
      expect(part.models.length).toBeGreaterThan(0);
      seen.push(...part.models.map((m) => m.model));
      expect(fs.existsSync(path.join(out, "report.html")), "a shard is not the whole picture").toBe(false);
      shardDirs.push(out);
    }
    expect(seen.sort()).toEqual(summary.models.map((m) => m.model));

    const merged = await run(["merge", shardDirs[2]!, shardDirs[0]!, shardDirs[1]!, "--out", path.join(dir, "merged")]);
    expect(merged.code).toBe(1);
    const files = tree(path.join(dir, "whole"));
    expect(files).toEqual(expect.arrayContaining(["report.json", "audit.json", "summary.md", "report.html", "badge.json", "badge.svg", "badges/index.json", "badges/damaged_bert.json"]));
    expect(tree(path.join(dir, "merged"))).toEqual(files);
    for (const f of files) {
      expect(fs.readFileSync(path.join(dir, "merged", f)).equals(fs.readFileSync(path.join(dir, "whole", f))), f).toBe(true);
    }
    const report = readJson<Report>(path.join(dir, "merged", "report.json"));
    expect(report.models.every((m) => m.nodes.length === m.counts.nodes)).toBe(true);

    // Per-model badges: the failing model red, a clean one green; the index maps names to files.
    const index = readJson<Record<string, string>>(path.join(dir, "whole", "badges", "index.json"));
    expect(readJson<{ color: string; message: string }>(path.join(dir, "whole", "badges", index["damaged/bert.onnx"]!))).toMatchObject({ color: "#e05d44", message: `${bert.unresolved} unresolved` });
    const clean = summary.models.find((m) => m.cases === 0)!;
    expect(readJson<{ color: string; message: string }>(path.join(dir, "whole", "badges", index[clean.model]!))).toMatchObject({ color: "#4c1", message: "clean" });
  });

  it("writes the audit folder all or none", () => {
    const report = readJson<Report>(path.join(dir, "whole", "report.json"));
    const audit = readJson<AuditSummary>(path.join(dir, "whole", "audit.json"));
    const out = path.join(dir, "all-or-none");
    fs.mkdirSync(path.join(out, "report.html"), { recursive: true });
    expect(() => writeAudit(out, { report, audit })).toThrow(/report\.html: cannot write/);
    expect(fs.readdirSync(out)).toEqual(["report.html"]);
    fs.rmSync(path.join(out, "report.html"), { recursive: true });
    const files = writeAudit(out, { report, audit });
    expect(fs.readFileSync(path.join(out, "report.json"), "utf8")).toBe(fs.readFileSync(path.join(dir, "whole", "report.json"), "utf8"));
    expect(files.length).toBeGreaterThan(5);
  });

  it("refuses an incomplete, doubled or mismatched set of shards", async () => {
    const s = (i: number) => path.join(dir, `shard-${i}`);
    const out = path.join(dir, "refused");
    expect(await run(["merge", s(1), s(3), "--out", out])).toMatchObject({ code: 1, err: expect.stringMatching(/shard 2\/3 missing/) });
    expect(await run(["merge", s(1), s(1), s(2), s(3), "--out", out])).toMatchObject({ code: 1, err: expect.stringMatching(/shard 1\/3 is given twice/) });
    // A shard of another manifest (a limit changed between the matrix jobs).
    const m = readJson<{ defaults: { maxUnresolved: number } }>(manifestFile);
    m.defaults.maxUnresolved = 3;
    fs.writeFileSync(path.join(path.dirname(manifestFile), "other.json"), JSON.stringify(m));
    expect((await run(["audit", path.join(path.dirname(manifestFile), "other.json"), "--shard", "2/3", "--out", path.join(dir, "other-2"), "--quiet"])).code).toBe(0);
    expect(await run(["merge", s(1), path.join(dir, "other-2"), s(3), "--out", out])).toMatchObject({ code: 1, err: expect.stringMatching(/audited a different manifest/) });
    // A shard whose report lost a model.
    const cut = path.join(dir, "cut-3");
    fs.cpSync(s(3), cut, { recursive: true });
    const r = readJson<Report>(path.join(cut, "report.json"));
    r.models.pop();
    fs.writeFileSync(path.join(cut, "report.json"), JSON.stringify(r));
    expect(await run(["merge", s(1), s(2), cut, "--out", out])).toMatchObject({ code: 1, err: expect.stringMatching(/cut-3: its report holds \d+ models, not the \d+ of shard 3\/3/) });
    expect(fs.existsSync(out), "nothing written when the merge is refused").toBe(false);
  });

  it("records a history line per whole run and draws the trend", async () => {
    const history = path.join(dir, "history", "audit.jsonl");
    const trend = path.join(dir, "history", "trend.svg");
    for (const label of ["run-1", "run-2"]) {
      const r = await run(["audit", manifestFile, "--out", path.join(dir, "whole"), "--history", history, "--trend", trend, "--label", label, "--quiet"]);
      expect(r.code).toBe(1);
    }
    const lines = parseHistory(fs.readFileSync(history, "utf8"));
    expect(lines.map((l) => l.label)).toEqual(["run-1", "run-2"]);
    const summary = readJson<AuditSummary>(path.join(dir, "whole", "audit.json"));
    expect(lines[1]!.totals.unresolved).toBe(summary.totals.unresolved);
    expect(lines[1]!.models["damaged/bert.onnx"]).toEqual({ cases: summary.models.find((m) => m.model === "damaged/bert.onnx")!.cases, unresolved: summary.models.find((m) => m.model === "damaged/bert.onnx")!.unresolved });
    const svg = fs.readFileSync(trend, "utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("2 audit runs");
    // The model with the most unresolved cases comes first, after the total.
    const panels = [...svg.matchAll(/<title>([^<:]+):/g)].map((m) => m[1]);
    expect(panels[0]).toBe("all models");
    expect(panels[1]).toBe([...summary.models].sort((a, b) => b.unresolved - a.unresolved)[0]!.model);
    expect(panels).toHaveLength(summary.models.length + 1);
    // A shard never writes the history.
    expect(await run(["audit", manifestFile, "--shard", "1/3", "--out", path.join(dir, "x"), "--history", history])).toMatchObject({ code: 2 });
  });

  it("writes audit summaries and reads manifests that the published schemas accept", () => {
    expect(manifestSchema(readJson(manifestFile)), JSON.stringify(manifestSchema.errors)).toBe(true);
    for (const f of ["whole/audit.json", "merged/audit.json", "shard-1/audit.json", "shard-3/audit.json"]) {
      expect(auditSchema(readJson(path.join(dir, f))), `${f}: ${JSON.stringify(auditSchema.errors)}`).toBe(true);
    }
    const broken = readJson<Record<string, unknown>>(path.join(dir, "whole", "audit.json"));
    delete broken.weights;
    expect(auditSchema(broken)).toBe(false);
  });

  it("names the manifest and the model when a file is missing or broken", async () => {
    const bad = path.join(zoo, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ models: ["missing.onnx"] }));
    expect(await run(["audit", bad, "--out", path.join(dir, "bad-out"), "--quiet"])).toMatchObject({ code: 1, err: expect.stringMatching(/missing\.onnx: cannot open/) });
    fs.writeFileSync(bad, `{"models": ["a.onnx", {"path": 3}]}`);
    expect(await run(["audit", bad, "--out", path.join(dir, "bad-out")])).toMatchObject({ code: 1, err: expect.stringContaining(`${bad}: models[1].path: must be a string`) });
    expect(fs.existsSync(path.join(dir, "bad-out"))).toBe(false);
  });
});

describe("history lines", () => {
  const audit = (unresolved: number): AuditSummary => ({
    schema: "modelexport-audit",
    version: 1,
    manifest: { digest: "d", models: 1 },
    shard: null,
    weights: { "a.onnx": 1 },
    models: [{ model: "a.onnx", nodes: 10, cases: 3, resolved: 3 - unresolved, unresolved, coverage: 1, maxUnresolved: null, status: "report" }],
    totals: { models: 1, cases: 3, resolved: 3 - unresolved, unresolved, failing: 0 },
    gate: { conclusion: "pass", reason: "" },
  });

  it("appends without touching earlier lines, and names a damaged line", () => {
    let text = appendHistory("", historyEntry(audit(2), new Date("2026-11-01T00:00:00Z"), "a"));
    text = appendHistory(text, historyEntry(audit(1), new Date("2026-11-08T00:00:00Z"), "b"));
    const first = text.split("\n")[0];
    expect(parseHistory(text).map((e) => e.totals.unresolved)).toEqual([2, 1]);
    expect(appendHistory(text, historyEntry(audit(0), new Date("2026-11-15T00:00:00Z"), "c")).startsWith(first + "\n")).toBe(true);
    expect(() => parseHistory(text + "{oops\n")).toThrow(/line 3: not valid JSON/);
    expect(() => parseHistory(text + `{"schema":"modelexport-history","version":1,"date":"x","label":"","totals":{},"models":{}}\n`)).toThrow(/line 3: date/);
    const svg = renderTrendSvg(parseHistory(text));
    expect(svg).toContain("2026-11-01 to 2026-11-08");
    // Deterministic: the same history draws the same chart.
    expect(renderTrendSvg(parseHistory(text))).toBe(svg);
  });
});
