/**
 * Hostile inputs whose fault lies in the engine stage (evidence reading, scope normalising,
 * window votes), run through the built CLI as processes: prototype-named nodes, class paths of
 * thousands of segments in doc strings and sidecars, 100,000 unnamed nodes, and inputs right at
 * the loader's limits, which the engine must still handle in seconds.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./corpus.js";
import { structuralCases } from "./support/fuzz-cases.js";
import { runCase } from "./support/fuzz-run.js";

const cli = path.join(repoRoot, "dist/cli.js");

describe("engine-stage hostile inputs", () => {
  for (const c of structuralCases().filter((x) => x.stage === "engine")) {
    it(c.name, async () => {
      const r = await runCase(c, { cli });
      expect(r.problems).toEqual([]);
    }, 60_000);
  }
});
