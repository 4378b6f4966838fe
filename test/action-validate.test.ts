/**
 * validate-modules without a GitHub run: where onnxruntime-node comes from (the cache decision and
 * the npm command), loading it from an explicit folder, the equivalence gate and how it combines
 * with the contamination gate, and the Markdown it renders. The action end to end, with a real
 * `npm install`, is in action-e2e.test.ts.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { actionsCacheKey, cacheDir, cachedVersion, cacheRoot, COMPLETE_MARKER, ensureRuntime, installCommand, planRuntime } from "../src/action/runtime.js";
import { UserError } from "../src/adapters/fs/model-file.js";
import { loadRuntime, ONNXRUNTIME_VERSION, runtimeEntry } from "../src/adapters/onnxruntime/runtime.js";
import { diffReports, evaluateGate } from "../src/report/diff.js";
import {
  combineGates,
  evaluateEquivalenceGate,
  modelEquivalence,
  modelError,
  parseEquivalence,
  sharePct,
  summarizeEquivalence,
  type EquivalenceSummary,
} from "../src/report/equivalence.js";
import { renderComment, renderEquivalence, renderHtmlLink } from "../src/report/markdown.js";
import { repoRoot } from "./corpus.js";
import { FakeActionsCache } from "./support/actions-cache-server.js";
import { LocalRegistry } from "./support/npm-registry.js";
import { makeModel, makeReport } from "./support/reports.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mx-validate-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function listTree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

/** A cache folder as a finished install leaves it. */
function fakeInstall(dir: string, version: string, marker: string | null = version): void {
  fs.mkdirSync(path.join(dir, "node_modules", "onnxruntime-node"), { recursive: true });
  fs.writeFileSync(path.join(dir, "node_modules", "onnxruntime-node", "package.json"), JSON.stringify({ name: "onnxruntime-node", version }));
  if (marker !== null) fs.writeFileSync(path.join(dir, COMPLETE_MARKER), JSON.stringify({ package: "onnxruntime-node", version: marker }));
}

describe("action.yml", () => {
  it("has no plain one-line value with ': ' in it, which YAML reads as a nested mapping (the runner refuses the file)", () => {
    const lines = fs.readFileSync(path.join(repoRoot, "action.yml"), "utf8").split("\n");
    const bad = lines.filter((l) => /^\s+[a-z-]+: (?!["'>|])/.test(l) && /^\s+[a-z-]+: .*(: |:$| #)/.test(l));
    expect(bad).toEqual([]);
  });
});

describe("onnxruntime-node at run time", () => {
  it("pins the version package.json pins", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { optionalDependencies: Record<string, string> };
    expect(ONNXRUNTIME_VERSION).toBe(pkg.optionalDependencies["onnxruntime-node"]);
    const installed = JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules/onnxruntime-node/package.json"), "utf8")) as { version: string };
    expect(installed.version).toBe(ONNXRUNTIME_VERSION);
  });

  it("caches in the runner's tool cache, else in the user's cache folder", () => {
    expect(cacheRoot({ RUNNER_TOOL_CACHE: "/opt/hostedtoolcache", HOME: "/home/u" })).toBe("/opt/hostedtoolcache/modelexport/onnxruntime-node");
    expect(cacheRoot({ XDG_CACHE_HOME: "/xdg", HOME: "/home/u" })).toBe("/xdg/modelexport/onnxruntime-node");
    expect(cacheRoot({ HOME: "/home/u" })).toBe("/home/u/.cache/modelexport/onnxruntime-node");
    expect(cacheDir("1.30.0", { RUNNER_TOOL_CACHE: "/tc" })).toBe("/tc/modelexport/onnxruntime-node/1.30.0");
  });

  it("installs with npm, pinned, CUDA download skipped, into a staging folder beside the cache", () => {
    const env = { RUNNER_TOOL_CACHE: path.join(tmp, "empty") };
    const plan = planRuntime("1.30.0", env);
    expect(plan.kind).toBe("install");
    if (plan.kind !== "install") return;
    expect(plan.dir).toBe(path.join(tmp, "empty", "modelexport", "onnxruntime-node", "1.30.0"));
    expect(path.dirname(plan.staging)).toBe(path.dirname(plan.dir));
    expect(path.basename(plan.staging)).toMatch(/^1\.30\.0\.partial-\d+-[0-9a-f]{8}$/);
    expect(plan.command).toEqual({
      command: "npm",
      args: ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", plan.staging, "onnxruntime-node@1.30.0"],
      env: { ONNXRUNTIME_NODE_INSTALL: "skip" },
    });
    expect(installCommand("1.31.0", "/x").args.at(-1)).toBe("onnxruntime-node@1.31.0");
  });

  it("the package's own install script skips its CUDA download under that environment", () => {
    const pkg = path.join(repoRoot, "node_modules", "onnxruntime-node");
    const req = createRequire(import.meta.url);
    // On linux/x64 the script fetches the CUDA provider unless told to skip: the skip matters.
    const metadata = req(path.join(pkg, "script", "install-metadata.js")) as { requirements: Record<string, string[]> };
    expect(metadata.requirements["linux/x64"]).toContain("cuda12");
    // Run as npm runs it for a dependency (not a local install), with the command's environment:
    // it exits at once, downloading nothing, and the package folder is unchanged.
    const before = listTree(pkg);
    const { ONNXRUNTIME_NODE_INSTALL: _a, npm_config_onnxruntime_node_install: _b, npm_config_local_prefix: _c, npm_package_json: _d, ...base } = process.env;
    const r = spawnSync(process.execPath, [path.join(pkg, "script", "install.js")], {
      cwd: pkg,
      env: { ...base, ...installCommand(ONNXRUNTIME_VERSION, tmp).env, HTTPS_PROXY: "http://127.0.0.1:9", https_proxy: "http://127.0.0.1:9" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/download|cuda/i);
    expect(listTree(pkg)).toEqual(before);
  });

  it("reuses the cache only when it holds a complete install of that version", () => {
    const env = { RUNNER_TOOL_CACHE: path.join(tmp, "tc") };
    const dir = cacheDir("1.30.0", env);
    fakeInstall(dir, "1.30.0", null); // an install that never finished: no marker
    expect(planRuntime("1.30.0", env).kind).toBe("install");
    fakeInstall(dir, "1.30.0");
    expect(planRuntime("1.30.0", env)).toEqual({ kind: "cached", dir });
    // Another version is another folder.
    expect(planRuntime("1.29.0", env).kind).toBe("install");
    // A folder whose package does not match its marker is not trusted.
    fakeInstall(dir, "1.29.0", "1.30.0");
    expect(planRuntime("1.30.0", env).kind).toBe("install");
  });

  it("takes an installed copy from MODELEXPORT_ONNXRUNTIME_PATH and installs nothing", () => {
    expect(planRuntime("1.30.0", { MODELEXPORT_ONNXRUNTIME_PATH: "node_modules/onnxruntime-node", RUNNER_TOOL_CACHE: "/tc" })).toEqual({
      kind: "given",
      dir: path.resolve("node_modules/onnxruntime-node"),
    });
  });

  it("refuses versions that are not exact", () => {
    for (const v of ["^1.30.0", "latest", "1.30", "1.30.0 && rm -rf /", ""]) expect(() => planRuntime(v, {}), v).toThrow(UserError);
    expect(planRuntime("1.31.0-dev.20250101-abc", { RUNNER_TOOL_CACHE: tmp }).kind).toBe("install");
  });

  it("finds the package entry in the package folder or an npm --prefix folder, and says when neither holds it", async () => {
    const pkg = path.join(repoRoot, "node_modules", "onnxruntime-node");
    const entry = path.join(pkg, "dist", "index.js");
    expect(runtimeEntry(pkg)).toBe(entry);
    expect(runtimeEntry(repoRoot)).toBe(entry);
    expect(() => runtimeEntry(tmp)).toThrow(new RegExp(`^${tmp.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: no onnxruntime-node package there`));
    const ort = await loadRuntime(pkg);
    expect(ort.env.versions.common).toBe(ONNXRUNTIME_VERSION);
    // One ONNX Runtime per process: the same one again, a second copy refused.
    expect(await loadRuntime()).toBe(ort);
    await expect(loadRuntime(tmp)).rejects.toThrow(/already loaded/);
  });
});

function summary(rows: Parameters<typeof summarizeEquivalence>[2]): EquivalenceSummary {
  return summarizeEquivalence("repeated layers (instance path ends in an index)", "1.30.0", rows);
}

const ok = (module: string) => ({ module, extractable: true, equivalent: true });

describe("the equivalence figure and its gate", () => {
  const all = summary([modelEquivalence("a.onnx", [ok("layer.0"), ok("layer.1")]), modelEquivalence("b.onnx", [ok("h.0")])]);
  const some = summary([
    modelEquivalence("a.onnx", [ok("layer.0"), { module: "layer.1", extractable: false, equivalent: true, reason: "not convex" }]),
    modelEquivalence("b.onnx", [ok("h.0"), { module: "h.1", extractable: true, equivalent: false }]),
  ]);

  it("counts per model and in total", () => {
    expect(some.totals).toEqual({ modules: 4, extractable: 3, equivalent: 3, good: 2, share: 0.5, errors: 0 });
    expect(some.models[1]!.failures).toEqual([{ module: "h.1", reason: "not equivalent" }]);
    expect(summary([modelEquivalence("c.onnx", [])]).totals.share).toBeNull();
  });

  it("passes at or above the threshold, fails below it, on errors and with nothing to check", () => {
    expect(evaluateEquivalenceGate(all, 1)).toMatchObject({ conclusion: "pass" });
    expect(evaluateEquivalenceGate(some, 0.5)).toMatchObject({ conclusion: "pass" });
    expect(evaluateEquivalenceGate(some, 0.51)).toMatchObject({
      conclusion: "fail",
      reason: "2/4 repeated layers (instance path ends in an index) extractable and equivalent (50.0%) < min-equivalent-share 0.51",
    });
    expect(evaluateEquivalenceGate(some, null)).toMatchObject({ conclusion: "off", reason: expect.stringContaining("report only") });
    const broken = summary([modelEquivalence("a.onnx", [ok("layer.0")]), modelError("x.onnx", "ONNX Runtime cannot load the model: bad")]);
    expect(evaluateEquivalenceGate(broken, 0)).toMatchObject({ conclusion: "fail", reason: "1 model could not be checked (x.onnx: ONNX Runtime cannot load the model: bad)" });
    expect(evaluateEquivalenceGate(summary([modelEquivalence("c.onnx", [])]), 0)).toMatchObject({ conclusion: "fail", reason: expect.stringMatching(/^no module matched the selection/) });
  });

  it("reads back only a well-formed figure (the companion gets it from an untrusted artifact)", () => {
    expect(parseEquivalence(JSON.parse(JSON.stringify(some)))).toEqual(some);
    for (const forged of [
      null,
      { ...some, schema: "other" },
      { ...some, totals: { ...some.totals, share: 2 } },
      { ...some, totals: { ...some.totals, good: -1 } },
      { ...some, models: [{ ...some.models[0]!, failures: [{ module: 1, reason: "x" }] }] },
      { ...some, models: [{ ...some.models[0]!, error: {} }] },
    ]) {
      expect(parseEquivalence(forged)).toBeNull();
    }
  });

  it("never rounds a share up to 100% or down to 0%", () => {
    expect(sharePct(2 / 3)).toBe("66.7%");
    expect(sharePct(999 / 1000)).toBe("99.9%");
    expect(sharePct(9999 / 10000)).toBe("99.9%");
    expect(sharePct(1)).toBe("100.0%");
    expect(sharePct(1 / 10000)).toBe("0.1%");
    expect(sharePct(0)).toBe("0.0%");
  });

  it("combines with the contamination gate: fails if either fails, and says which, failing first", () => {
    const base = makeReport([makeModel("a.onnx", [])]);
    const contamination = evaluateGate(diffReports(base, base), { failOn: "total", allowedIncrease: 0 });
    expect(contamination.conclusion).toBe("pass");
    expect(combineGates(contamination, null)).toBe(contamination);
    expect(combineGates(contamination, evaluateEquivalenceGate(some, null))).toBe(contamination);
    const failed = combineGates(contamination, evaluateEquivalenceGate(some, 1));
    expect(failed.conclusion).toBe("fail");
    expect(failed.reason).toBe(`module equivalence failed: 2/4 repeated layers (instance path ends in an index) extractable and equivalent (50.0%) < min-equivalent-share 1; contamination passed: ${contamination.reason}`);
    const passed = combineGates(contamination, evaluateEquivalenceGate(all, 1));
    expect(passed.conclusion).toBe("pass");
    expect(passed.reason).toMatch(/^contamination passed: .*; module equivalence passed: 3\/3 /);
    const bad = { ...contamination, conclusion: "fail" as const, reason: "unresolved cases 0 \u2192 3 (+3)" };
    expect(combineGates(bad, evaluateEquivalenceGate(all, 1)).reason).toMatch(/^contamination failed: unresolved cases 0 \u2192 3 \(\+3\); module equivalence passed: /);
    expect(combineGates(bad, evaluateEquivalenceGate(some, 1)).reason).toMatch(/^contamination failed: .*; module equivalence failed: /);
  });
});

describe("the equivalence table and the HTML link in Markdown", () => {
  const hostile = "m|o`d<e>l @team *x* [y](z).onnx";
  const s = summary([
    modelEquivalence(hostile, [ok("layer.0"), { module: "layer.1|`@x`", extractable: false, equivalent: false, reason: "a | b <script> @everyone" }]),
    modelError("other|x.onnx", "node '@a|b': broken"),
  ]);
  const md = renderEquivalence(s, evaluateEquivalenceGate(s, 1));

  it("keeps every row to its five columns and lets nothing from a model through unescaped", () => {
    const rows = md.split("\n").filter((l) => l.startsWith("|"));
    expect(rows.length).toBe(2 + 3); // header, delimiter, two models, total
    for (const row of rows) expect(row.replace(/&#124;/g, "").split("|").length - 2, row).toBe(5);
    expect(md).not.toMatch(/<script>|@everyone|@team|`@x`/);
    expect(md).toContain("<code>m&#124;o&#96;d&lt;e&gt;l &#64;team &#42;x&#42; &#91;y&#93;(z).onnx</code> | 2 | 1 | 1 | 50.0% |");
    expect(md).toContain("| <code>other&#124;x.onnx</code> | \u2014 | \u2014 | \u2014 | not checked: node '@\u200ba&#124;b': broken |");
    expect(md).toContain("- <code>m&#124;o&#96;d&lt;e&gt;l &#64;team &#42;x&#42; &#91;y&#93;(z).onnx</code> <code>layer.1&#124;&#96;&#64;x&#96;</code>: a &#124; b &lt;script&gt; @\u200beveryone");
    expect(md).toContain("<details open><summary>1 module not extractable and equivalent</summary>");
  });

  it("links the run page and names the artifact and the file, the URL unable to end the link", () => {
    const link = renderHtmlLink({ runUrl: "https://github.com/o/r/actions/runs/7?x=(1) y", artifact: "my|report", file: "report.html" });
    expect(link).toContain("[the workflow run](https://github.com/o/r/actions/runs/7?x=%281%29%20y)");
    expect(link).toContain("download the <code>my&#124;report</code> artifact");
    expect(link).toContain("open <code>report.html</code>");
  });

  it("goes into the comment under the models table, within the comment limit", () => {
    const report = makeReport([makeModel("a.onnx", [])]);
    const diff = diffReports(null, report);
    const gate = combineGates(evaluateGate(diff, { failOn: "total", allowedIncrease: 0 }), evaluateEquivalenceGate(s, 1));
    const body = renderComment(diff, gate, report, {
      key: "k",
      equivalence: { summary: s, gate: evaluateEquivalenceGate(s, 1) },
      htmlReport: { runUrl: "https://github.com/o/r/actions/runs/7", artifact: "modelexport-report", file: "report.html" },
    });
    expect(body).toContain("**Gate failed** (`fail-on: total`, `min-equivalent-share: 1`): module equivalence failed: 1 model could not be checked");
    expect(body.indexOf("**Module equivalence**")).toBeGreaterThan(body.indexOf("**Total**"));
    expect(body.indexOf("Full report (HTML)")).toBeGreaterThan(body.indexOf("**Module equivalence**"));
  });
});

describe("onnxruntime-node in the Actions cache", () => {
  const version = ONNXRUNTIME_VERSION;
  const key = `modelexport-onnxruntime-node-${version}-${process.platform}-${process.arch}`;

  it("keys the entry by version, platform and architecture", () => {
    expect(actionsCacheKey("1.30.0", "linux", "x64")).toBe("modelexport-onnxruntime-node-1.30.0-linux-x64");
    expect(actionsCacheKey(version)).toBe(key);
  });

  it("saves a fresh install to the Actions cache, and a later job with an empty tool cache restores it without npm", async () => {
    // The real @actions/cache client (tar, zstd, ranged upload) against the cache service's
    // protocol on 127.0.0.1, and a real `npm install` from a registry on 127.0.0.1.
    const service = await new FakeActionsCache().start();
    const registry = await LocalRegistry.fromInstalled(repoRoot, ["onnxruntime-node"], path.join(repoRoot, ".cache", "test-npm-packs")).start();
    const saved = { ...process.env };
    Object.assign(process.env, service.env(), { RUNNER_TEMP: fs.mkdtempSync(path.join(tmp, "runner-temp-")) });
    try {
      const toolCache = path.join(tmp, "ac-tool-cache");
      const env = { ...process.env, RUNNER_TOOL_CACHE: toolCache, npm_config_registry: registry.url, npm_config_cache: path.join(tmp, "ac-npm") };
      const dir = cacheDir(version, env);

      const first = await ensureRuntime(version, env);
      expect(first).toEqual({ dir, source: "install" });
      expect(registry.requests.map((q) => `${q.status} ${q.path}`)).toContain(`200 /onnxruntime-node/-/onnxruntime-node-${version}.tgz`);
      expect(service.keys()).toEqual([key]);
      expect(service.requests.filter((r) => r.startsWith("PATCH")).length).toBeGreaterThan(0);

      // The next job: a new runner, an empty tool cache.
      fs.rmSync(toolCache, { recursive: true, force: true });
      const npmRequests = registry.requests.length;
      const second = await ensureRuntime(version, env);
      expect(second).toEqual({ dir, source: "restored" });
      expect(registry.requests.length).toBe(npmRequests);
      expect(cachedVersion(dir)).toBe(version);
      expect(fs.existsSync(path.join(dir, "node_modules", "onnxruntime-node", "bin", "napi-v6", process.platform, process.arch, "onnxruntime_binding.node"))).toBe(true);
      // Nothing saved twice.
      expect(service.requests.filter((r) => r.startsWith("POST /_apis/artifactcache/caches ")).length).toBe(1);

      // Within the job the tool cache itself answers: the Actions cache is not asked again.
      const asked = service.requests.length;
      expect(await ensureRuntime(version, env)).toEqual({ dir, source: "cached" });
      expect(service.requests.length).toBe(asked);
    } finally {
      process.env = saved;
      await registry.close();
      await service.close();
    }
  });

  it("goes on with npm when the Actions cache fails, and is not used where it is not available", async () => {
    const given = path.join(repoRoot, "node_modules", "onnxruntime-node");
    const calls: string[] = [];
    const failing = {
      isFeatureAvailable: () => true,
      restoreCache: async () => {
        calls.push("restore");
        throw new Error("connection reset");
      },
      saveCache: async () => {
        calls.push("save");
        throw new Error("connection reset");
      },
    };
    // An npm that "installs" by copying the package in: the fallback path end to end, offline.
    const bin = path.join(tmp, "fake-npm-bin");
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, "npm"), `#!/bin/sh\nprefix=""\nwhile [ $# -gt 0 ]; do [ "$1" = "--prefix" ] && prefix="$2"; shift; done\nmkdir -p "$prefix/node_modules" && ln -s "${given}" "$prefix/node_modules/onnxruntime-node"\n`, { mode: 0o755 });
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, RUNNER_TOOL_CACHE: path.join(tmp, "ac-failing") };
    const out = await ensureRuntime(version, env, failing);
    expect(out).toEqual({ dir: cacheDir(version, env), source: "install" });
    expect(calls).toEqual(["restore", "save"]);

    calls.length = 0;
    const off = { ...failing, isFeatureAvailable: () => false };
    const env2 = { ...env, RUNNER_TOOL_CACHE: path.join(tmp, "ac-off") };
    expect((await ensureRuntime(version, env2, off)).source).toBe("install");
    expect(calls).toEqual([]);
  });
});
