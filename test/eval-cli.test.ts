// `npm run eval` (dist/eval.js) as a process: a wrong option is named, with the usage, not a stack trace.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const evalJs = path.resolve("dist/eval.js");
const run = (...args: string[]) => spawnSync(process.execPath, [evalJs, ...args], { encoding: "utf8" });

describe("eval options", () => {
  it("prints its usage for --help", () => {
    const r = run("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("usage: node dist/eval.js");
  });

  it("names an unknown option or a value it cannot use, and evaluates nothing", () => {
    for (const [args, message] of [
      [["--bogus"], "Unknown option '--bogus'"],
      [["--seeds", "x"], "--seeds: expected a whole number, got 'x'"],
      [["--strip", "2"], "--strip: expected a fraction from 0 to 1, got '2'"],
    ] as const) {
      const r = run(...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain("usage:");
      expect(r.stderr).not.toContain("    at ");
      expect(r.stdout).toBe("");
    }
  });
});
