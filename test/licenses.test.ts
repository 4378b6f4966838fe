/**
 * dist/licenses.txt, written by the build: every third-party package bundled into dist/ with its
 * licence text. Checked against npm's own view of the production dependency tree and against
 * the bundles (a package whose code is in dist/ must be listed).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./corpus.js";

const text = fs.readFileSync(path.join(repoRoot, "dist", "licenses.txt"), "utf8");
const listed = [...text.matchAll(/^ {2}(\S+)@(\d\S*) \((.+)\)$/gm)].map((m) => ({ name: m[1]!, version: m[2]!, license: m[3]! }));
const sections = text.split(/^={78}$/m).slice(1);

describe("dist/licenses.txt", () => {
  it("lists each package once, sorted, with a licence text section for each", () => {
    expect(listed.length).toBeGreaterThan(20);
    const ids = listed.map((p) => `${p.name}@${p.version}`);
    expect(new Set(ids).size).toBe(ids.length);
    const byNameThenVersion = [...listed].sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.version < b.version ? -1 : 1));
    expect(byNameThenVersion.map((p) => `${p.name}@${p.version}`)).toEqual(ids);
    expect(sections.length).toBe(listed.length);
    sections.forEach((s, i) => {
      const p = listed[i]!;
      expect(s.startsWith(`\n${p.name}@${p.version}\nLicense: ${p.license}\n`), p.name).toBe(true);
      const body = s.split(/^--- .+ ---$/m).slice(1).join("");
      // A licence text, not an empty file: a copyright line or a licence's own wording.
      expect(body.trim().length, p.name).toBeGreaterThan(200);
      expect(body, p.name).toMatch(/copyright|licen[cs]e/i);
    });
  });

  it("lists the runtime dependencies the action bundles, each at its installed version, and no dev tool", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies)) {
      const installed = (JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", dep, "package.json"), "utf8")) as { version: string }).version;
      expect(listed.map((p) => `${p.name}@${p.version}`)).toContain(`${dep}@${installed}`);
    }
    for (const dev of Object.keys(pkg.devDependencies)) expect(listed.map((p) => p.name)).not.toContain(dev);
    // Everything listed is in npm's production tree (name@version).
    const tree = execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable", "--long"], { cwd: repoRoot, encoding: "utf8" })
      .split("\n")
      .map((l) => l.split(":")[1])
      .filter((x): x is string => Boolean(x));
    for (const p of listed) expect(tree, p.name).toContain(`${p.name}@${p.version}`);
  });

  it("names every package whose files esbuild marks in the bundles", () => {
    // esbuild heads each bundled module with a `// node_modules/<pkg>/...` comment.
    const names = new Set<string>();
    for (const f of ["index.js", "eval.js", "cli.js", ...fs.readdirSync(path.join(repoRoot, "dist", "cli-chunks")).map((c) => `cli-chunks/${c}`)]) {
      for (const m of fs.readFileSync(path.join(repoRoot, "dist", f), "utf8").matchAll(/^\/\/ (?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) names.add(m[1]!);
    }
    expect(names.size).toBeGreaterThan(10);
    const listedNames = new Set(listed.map((p) => p.name));
    expect([...names].filter((n) => !listedNames.has(n)).sort()).toEqual([]);
  });
});
