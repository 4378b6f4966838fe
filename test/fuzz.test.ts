/**
 * Hostile and broken input through the built CLI as real processes: structural cases that each
 * aim at one weakness of the loader's boundary, the inputs fuzzing found (test/fixtures/fuzz),
 * and seeded mutants of corpus and conformance models. No crash, no run over 10 s, one bounded
 * error line, no workflow command or raw control character printed, no output left on error.
 * Structural cases aimed at the engine stage run in fuzz-engine.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusDir, repoRoot, testdataDir } from "./corpus.js";
import { fuzzSources, mutants, structuralCases, type FuzzCase } from "./support/fuzz-cases.js";
import { runCases } from "./support/fuzz-run.js";

const cli = path.join(repoRoot, "dist/cli.js");
const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 100);

async function expectClean(cases: FuzzCase[]): Promise<void> {
  const results = await runCases(cases, { cli, parallel: 2 });
  const failures = results.filter((r) => r.problems.length > 0).map((r) => `${r.name}: ${r.problems.join("; ")}`);
  expect(failures).toEqual([]);
  expect(results).toHaveLength(cases.length);
}

describe("structural hostile inputs at the load boundary", () => {
  const cases = structuralCases().filter((c) => c.stage === "load");
  it("covers decoder entries, limits, external data everywhere, sidecars, injection and outputs on error", () => {
    const names = cases.map((c) => c.name).join(" ");
    for (const want of [
      "external-data-entry-wire-type-6",
      "graph-metadata-entry-length-past-end",
      "scope-name-2000-segments",
      "concat-100k-inputs",
      "modelexport-module-1mb",
      "modelexport-tag-4000-segments",
      "constant-external-dotdot",
      "constant-external-absolute",
      "constant-external-link-outside",
      "function-constant-external-absolute",
      "subgraph-constant-external-link-outside",
      "sparse-initializer-external-dotdot",
      "sidecar-link-to-dev-zero",
      "sidecar-link-outside-folder",
      "sidecar-10000-levels",
      "sidecar-bom",
      "names-with-controls-and-workflow-commands",
      "json-destination-is-a-folder",
    ]) {
      expect(names).toContain(want);
    }
  });
  it("ends every case in success or one clear error, within 10 s, printing nothing a runner obeys", async () => {
    await expectClean(cases);
  }, 300_000);
});

describe("inputs found by fuzzing", () => {
  const dir = path.join(repoRoot, "test/fixtures/fuzz");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".onnx")).sort();
  it("are kept as fixtures", () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });
  it("no longer crash or print raw control characters", async () => {
    await expectClean(files.map((f) => ({ name: f, files: [{ name: "model.onnx", data: fs.readFileSync(path.join(dir, f)) }], expect: "either" as const })));
  }, 120_000);
});

describe("seeded mutants of corpus and conformance models", () => {
  it(`survives ${MUTANTS} mutants (bit flips, insertions, deletions, lengths, wire types, hostile names)`, async () => {
    const sources = fuzzSources({ corpus: corpusDir, conformance: testdataDir });
    expect(sources.length).toBeGreaterThan(1000);
    const cases = [...mutants(sources, MUTANTS, 20261201)];
    // The same seed gives the same mutants.
    const again = [...mutants(sources, 5, 20261201)];
    expect(again.map((c) => c.name)).toEqual(cases.slice(0, 5).map((c) => c.name));
    await expectClean(cases);
  }, 600_000);
});
