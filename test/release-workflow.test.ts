/**
 * The release workflow's shell steps (.github/workflows/release.yml), run as written against a
 * local repository and a local "origin": the tag check, the version check, and the move of the
 * major tag. (actionlint checks the workflow's syntax and expressions; this checks what it does.)
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "./corpus.js";

const workflow = fs.readFileSync(path.join(repoRoot, ".github", "workflows", "release.yml"), "utf8");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "modelexport-release-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The `run: |` script of the step with this name. */
function step(name: string): string {
  const lines = workflow.split("\n");
  const at = lines.findIndex((l) => l.trim() === `- name: ${name}`);
  if (at < 0) throw new Error(`release.yml: no step '${name}'`);
  const run = lines.findIndex((l, i) => i > at && /^\s+run: \|$/.test(l));
  const indent = lines[run]!.length - lines[run]!.trimStart().length;
  const body: string[] = [];
  for (const l of lines.slice(run + 1)) {
    if (l.trim() !== "" && l.length - l.trimStart().length <= indent) break;
    body.push(l.slice(indent + 2));
  }
  return body.join("\n");
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", ...args], { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.com" } }).trim();
}

function runStep(name: string, cwd: string, env: Record<string, string>): { status: number | null; out: string } {
  const r = spawnSync("bash", ["-e", "-c", step(name)], { cwd, env: { ...process.env, ...env }, encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function release(version: string): { repo: string; origin: string; sha: string } {
  const origin = path.join(tmp, `origin-${version}.git`);
  const repo = path.join(tmp, `repo-${version}`);
  git(tmp, "init", "-q", "--bare", origin);
  git(tmp, "init", "-q", repo);
  fs.writeFileSync(path.join(repo, "package.json"), JSON.stringify({ name: "x", version }) + "\n");
  git(repo, "add", "package.json");
  git(repo, "commit", "-q", "-m", `release ${version}`);
  git(repo, "tag", `v${version}`);
  git(repo, "remote", "add", "origin", origin);
  git(repo, "push", "-q", "origin", "HEAD:refs/heads/main", "--tags");
  return { repo, origin, sha: git(repo, "rev-parse", "HEAD") };
}

describe("release workflow", () => {
  it("takes vMAJOR.MINOR.PATCH tags only, and gives the major", () => {
    const out = path.join(tmp, "github-output");
    for (const [tag, major] of [["v1.4.2", "v1"], ["v12.0.0-rc.1", "v12"]] as const) {
      fs.writeFileSync(out, "");
      expect(runStep("The tag is a version (vMAJOR.MINOR.PATCH)", tmp, { TAG: tag, GITHUB_OUTPUT: out }).status).toBe(0);
      expect(fs.readFileSync(out, "utf8")).toBe(`major=${major}\n`);
    }
    for (const tag of ["1.4.2", "v1.4", "release-1", "v1.4.2 "]) {
      const r = runStep("The tag is a version (vMAJOR.MINOR.PATCH)", tmp, { TAG: tag, GITHUB_OUTPUT: out });
      expect(r.status, tag).toBe(1);
      expect(r.out).toContain(`::error::release tag '${tag}' is not vMAJOR.MINOR.PATCH`);
    }
  });

  it("refuses a release whose tag is not package.json's version", () => {
    const { repo } = release("1.2.0");
    expect(runStep("package.json has the release's version", repo, { TAG: "v1.2.0" }).status).toBe(0);
    const r = runStep("package.json has the release's version", repo, { TAG: "v1.3.0" });
    expect(r.status).toBe(1);
    expect(r.out).toContain("::error::package.json says 1.2.0, the release is v1.3.0");
  });

  it("points the major tag at the release on origin, and moves it on the next release", () => {
    const { repo, origin, sha } = release("1.0.0");
    const summary = path.join(tmp, "summary.md");
    const move = (tag: string) => runStep("Move the major tag", repo, { TAG: tag, MAJOR: "v1", GITHUB_STEP_SUMMARY: summary });
    expect(move("v1.0.0").status).toBe(0);
    expect(git(origin, "rev-parse", "v1^{commit}")).toBe(sha);
    fs.writeFileSync(path.join(repo, "package.json"), JSON.stringify({ name: "x", version: "1.1.0" }) + "\n");
    git(repo, "commit", "-q", "-am", "release 1.1.0");
    git(repo, "tag", "v1.1.0");
    git(repo, "push", "-q", "origin", "HEAD:refs/heads/main", "v1.1.0");
    const next = git(repo, "rev-parse", "HEAD");
    expect(move("v1.1.0").status).toBe(0);
    expect(git(origin, "rev-parse", "v1^{commit}")).toBe(next);
    expect(git(origin, "rev-parse", "v1.0.0^{commit}")).toBe(sha);
    expect(fs.readFileSync(summary, "utf8")).toContain(`v1 now points at v1.1.0 (${next.slice(0, 7)})`);
  });

  it("moves no tag for a pre-release", () => {
    expect(workflow).toMatch(/- name: Move the major tag\n\s+if: \$\{\{ !github\.event\.release\.prerelease \}\}/);
  });
});
