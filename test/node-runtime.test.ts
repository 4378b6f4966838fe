/**
 * The Node the tests run on. scripts/test.sh runs the whole suite a second time on
 * the runtime action.yml declares (`runs.using: node24`), with NODE_RUNTIME=declared: this test
 * then fails unless that run really is on the declared major, so a broken Node 24 setup cannot
 * pass as a Node 20 run.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "..");

function declaredMajor(): number {
  const m = /^\s*using:\s*['"]?node(\d+)['"]?\s*$/m.exec(fs.readFileSync(path.join(repoRoot, "action.yml"), "utf8"));
  if (!m) throw new Error("action.yml: no `runs.using: nodeNN`");
  return Number(m[1]);
}

describe("node runtime", () => {
  it("action.yml declares a Node runtime, and package.json's engines admit it", () => {
    const major = declaredMajor();
    const engines = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
    const min = Number(/>=\s*(\d+)/.exec(engines)?.[1]);
    expect(major).toBeGreaterThanOrEqual(min);
  });

  it.runIf(process.env.NODE_RUNTIME === "declared")("runs on the declared Node major", () => {
    expect(Number(process.versions.node.split(".")[0])).toBe(declaredMajor());
  });
});
