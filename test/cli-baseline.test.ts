import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.js";
import type { Report } from "../src/report/types.js";
import { fixture } from "./support/reports.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mx-baseline-"));
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

const write = (name: string, r: unknown) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, JSON.stringify(r));
  return f;
};

describe("modelexport baseline", () => {
  const base = write("base.json", { ...fixture("base"), models: fixture("base").models.map((m) => ({ ...m, timings: { decode: 1 } })) });
  const worse = write("worse.json", fixture("head-regression"));
  const out = path.join(dir, "baseline.json");

  it("update writes the baseline without per-node results or timings, then ratchets", async () => {
    const first = await run(["baseline", "update", "--report", base, "--out", out]);
    expect(first.code).toBe(0);
    expect(first.out).toContain("created: 3 models, 2 unresolved");
    const written = JSON.parse(fs.readFileSync(out, "utf8")) as Report;
    expect(written.models.every((m) => m.nodes.length === 0 && m.timings === undefined)).toBe(true);
    const refused = await run(["baseline", "update", "--report", worse, "--out", out]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/not updating .*baseline\.json: the report has more unresolved cases than the baseline in models\/bert\.onnx/);
    expect(JSON.parse(fs.readFileSync(out, "utf8")).totals.unresolved).toBe(2);
    expect((await run(["baseline", "update", "--report", worse, "--out", out, "--allow-regression"])).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, "utf8")).totals.unresolved).toBe(4);
  });

  it("compare prints the summary and exits by the gate", async () => {
    const fail = await run(["baseline", "compare", "--base", base, "--report", worse]);
    expect(fail.code).toBe(1);
    expect(fail.out).toContain("Gate failed");
    expect((await run(["baseline", "compare", "--base", base, "--report", worse, "--fail-on", "never"])).code).toBe(0);
    expect((await run(["baseline", "compare", "--base", base, "--report", worse, "--allowed-increase", "2"])).code).toBe(0);
  });

  it("refuses what is not a report, in one line", async () => {
    const bad = write("bad.json", { schema: "something-else" });
    const r = await run(["baseline", "update", "--report", bad, "--out", path.join(dir, "x.json")]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`modelexport baseline: ${bad}: not a modelexport report: schema is "something-else", expected "modelexport-report"\n`);
    expect((await run(["baseline", "frobnicate"])).err).toMatch(/expected 'update' or 'compare'/);
  });
});
