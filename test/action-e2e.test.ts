/**
 * The action end to end: the BUILT dist/index.js runs as its own process, as the runner starts
 * it, on real webhook payloads (@octokit/webhooks-examples), against a GitHub REST API served on
 * 127.0.0.1 by test/support/github-server.ts, in real git repositories holding real ONNX
 * exports of the corpus. Regressions are derived from those exports (test/support/derive.ts).
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentMarker, escapeText } from "../src/report/markdown.js";
import type { Report } from "../src/report/types.js";
import { corpusDir, repoRoot } from "./corpus.js";
import { retagGenerically, shiftLayerTags, type Derived } from "./support/derive.js";
import { FakeGitHub, type RecordedRequest } from "./support/github-server.js";
import { LocalRegistry } from "./support/npm-registry.js";
import { deleteEvidence } from "./support/reports.js";
import { writeZip } from "./support/zip.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";
const FULL = `${OWNER}/${REPO}`;
const WORKFLOW = "gate";
const JOB = "modelexport";
const KEY = `${WORKFLOW}/${JOB}`;
const MARKER = commentMarker(KEY);
const RUN_TIMEOUT_MS = 90_000;

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const examples = JSON.parse(
  fs.readFileSync(createRequire(import.meta.url).resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8"),
) as { name: string; examples: Payload[] }[];

function example(event: string, pick: (p: Payload) => boolean = () => true): Payload {
  const e = examples.find((x) => x.name === event)?.examples.find(pick);
  if (!e) throw new Error(`no ${event} example`);
  return structuredClone(e);
}

let gh: FakeGitHub;
let tmp: string;
let cleanBert = Buffer.alloc(0);
let t5 = Buffer.alloc(0);
let heavy: Derived;
let light: Derived;
let runCounter = 100;

// ---------------------------------------------------------------------------------------------
// Repositories and runs

function git(args: string[], cwd: string): string {
  return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

type Files = Record<string, Buffer | string | null>;

function writeFiles(dir: string, files: Files): void {
  for (const [rel, data] of Object.entries(files)) {
    const file = path.join(dir, rel);
    if (data === null) fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
    }
  }
}

interface Repo {
  dir: string;
  baseSha: string;
  headSha: string;
}

/** A repository with a base commit and a head commit on top; the checkout is at head. */
function makeRepo(name: string, base: Files, head: Files): Repo {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  git(["init", "-q", "-b", "master"], dir);
  writeFiles(dir, { "README.md": `# ${name}\n`, ...base });
  git(["add", "-A"], dir);
  git(["commit", "-q", "-m", "base"], dir);
  const baseSha = git(["rev-parse", "HEAD"], dir);
  writeFiles(dir, { "README.md": `# ${name}\n\nhead\n`, ...head });
  git(["add", "-A"], dir);
  git(["commit", "-q", "-m", "head"], dir);
  return { dir, baseSha, headSha: git(["rev-parse", "HEAD"], dir) };
}

function commitMore(repo: Repo, files: Files): string {
  writeFiles(repo.dir, files);
  git(["add", "-A"], repo.dir);
  git(["commit", "-q", "--allow-empty", "-m", "more"], repo.dir);
  repo.headSha = git(["rev-parse", "HEAD"], repo.dir);
  return repo.headSha;
}

const clean = (): Files => ({ "models/bert.onnx": cleanBert, "models/t5.onnx": t5 });
const damaged = (d: Derived): Files => ({ "models/bert.onnx": d.onnx, "models/bert_htp_metadata.json": d.sidecar, "models/t5.onnx": t5 });
const cleaned = (): Files => ({ "models/bert.onnx": cleanBert, "models/bert_htp_metadata.json": null });

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  requests: RecordedRequest[];
  reportDir: string;
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join("\n");
  }
  return out;
}

function pullRequestPayload(action: "opened" | "synchronize", n: number, repo: Repo, fork = false): Payload {
  const p = example("pull_request", (e) => e.action === action);
  p.number = n;
  p.pull_request.number = n;
  p.pull_request.head.sha = repo.headSha;
  p.pull_request.base.sha = repo.baseSha;
  if (fork) {
    p.pull_request.head.repo = structuredClone(p.pull_request.head.repo);
    p.pull_request.head.repo.full_name = "forker/Hello-World";
    p.pull_request.head.repo.owner.login = "forker";
    p.pull_request.head.label = "forker:changes";
  }
  if (action === "synchronize") {
    p.before = repo.baseSha;
    p.after = repo.headSha;
  }
  gh.pulls.set(`${FULL}#${n}`, {
    number: n,
    head: { sha: repo.headSha, ref: p.pull_request.head.ref, repo: { full_name: p.pull_request.head.repo.full_name } },
    base: { sha: repo.baseSha, ref: p.pull_request.base.ref, repo: { full_name: FULL } },
  });
  return p;
}

async function runAction(o: {
  repo: Repo;
  event: string;
  payload: Payload;
  inputs?: Record<string, string>;
  token?: string | null;
  runId?: number;
  /** More environment for the action's process. */
  env?: Record<string, string>;
  /** Called with the action's process once it is started (to signal it). */
  onSpawn?: (child: ChildProcess) => void;
}): Promise<RunResult> {
  const runDir = fs.mkdtempSync(path.join(tmp, "run-"));
  const eventPath = path.join(runDir, "event.json");
  fs.writeFileSync(eventPath, JSON.stringify(o.payload));
  const outputFile = path.join(runDir, "output");
  const summaryFile = path.join(runDir, "summary.md");
  fs.writeFileSync(outputFile, "");
  fs.writeFileSync(summaryFile, "");
  const runId = o.runId ?? runCounter++;
  const inputs: Record<string, string> = { models: "models/*.onnx", ...o.inputs };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: o.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: FULL,
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_WORKSPACE: o.repo.dir,
    GITHUB_SHA: o.repo.headSha,
    GITHUB_REF: "refs/heads/master",
    GITHUB_WORKFLOW: WORKFLOW,
    GITHUB_WORKFLOW_REF: `${FULL}/.github/workflows/gate.yml@refs/heads/master`,
    GITHUB_JOB: JOB,
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runDir,
    ...o.env,
  };
  const token = o.token === undefined ? gh.writeToken : o.token;
  if (token !== null) env["INPUT_GITHUB-TOKEN"] = token;
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const before = gh.requests.length;
  const child = spawn(process.execPath, [path.join(repoRoot, "dist", "index.js")], { cwd: o.repo.dir, env, stdio: ["ignore", "pipe", "pipe"] });
  o.onSpawn?.(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the action did not finish in ${RUN_TIMEOUT_MS} ms\n${stdout}\n${stderr}`));
    }, RUN_TIMEOUT_MS);
    child.on("close", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  // The token never reaches the log: only the runner's mask command carries it (the runner
  // consumes that line and masks the value everywhere).
  const all = (stdout + stderr).split("\n").filter((l) => !l.startsWith("::add-mask::")).join("\n");
  expect(all).not.toContain(gh.writeToken);
  expect(all).not.toContain(gh.readToken);
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(fs.readFileSync(outputFile, "utf8")),
    summary: fs.readFileSync(summaryFile, "utf8"),
    requests: gh.requests.slice(before),
    reportDir: path.join(o.repo.dir, "modelexport-report"),
  };
}

function explain(r: RunResult): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout.slice(-6000)}\n--- stderr\n${r.stderr.slice(-3000)}`;
}

const commentsOf = (n: number) => gh.issueComments(OWNER, REPO, n).filter((c) => c.body.includes(MARKER));
const writes = (r: RunResult) => r.requests.filter((q) => q.method !== "GET");
const checkRunOf = (sha: string) => gh.checkRuns.filter((c) => c.head_sha === sha).at(-1);
const readReport = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Report;

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(repoRoot, "scripts", "bundle.mjs")], { cwd: repoRoot, stdio: "inherit" });
  for (const f of ["bert.onnx", "bert.modules.json", "t5.onnx"]) {
    if (!fs.existsSync(path.join(corpusDir, f))) throw new Error(`corpus model ${f} missing: run the tests without CORPUS=skip`);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mx-action-e2e-"));
  cleanBert = fs.readFileSync(path.join(corpusDir, "bert.onnx"));
  t5 = fs.readFileSync(path.join(corpusDir, "t5.onnx"));
  heavy = shiftLayerTags(path.join(corpusDir, "bert.onnx"), path.join(corpusDir, "bert.modules.json"), 200);
  light = shiftLayerTags(path.join(corpusDir, "bert.onnx"), path.join(corpusDir, "bert.modules.json"), 10);
  gh = await new FakeGitHub({ lifetimeMs: 9 * 60_000 }).start();
}, 600_000);

afterAll(async () => {
  // What a reviewer would see, kept for people to read (test-artifacts/ is not committed).
  if (gh) {
    const out = path.join(repoRoot, "test-artifacts", "action-e2e");
    fs.mkdirSync(out, { recursive: true });
    for (const [key, list] of gh.comments) {
      for (const c of list.filter((x) => x.body.includes(MARKER))) fs.writeFileSync(path.join(out, `comment-${key.split("#")[1]}.md`), c.body);
    }
    for (const run of gh.checkRuns) fs.writeFileSync(path.join(out, `check-${run.id}.json`), JSON.stringify(run, null, 2));
  }
  await gh?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("action: pull_request", () => {
  it("first run, no baseline: reports and passes, one comment, a passing check", async () => {
    const repo = makeRepo("first-run", {}, damaged(heavy));
    const r = await runAction({ repo, event: "pull_request", payload: pullRequestPayload("opened", 11, repo), inputs: { baseline: "artifact" }, runId: 5011 });
    expect(r.code, explain(r)).toBe(0);
    expect(r.outputs.gate).toBe("pass");
    expect(r.outputs["baseline-found"]).toBe("false");
    expect(r.outputs.delta).toBe("");
    expect(Number(r.outputs.unresolved)).toBeGreaterThan(0);
    const comments = commentsOf(11);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("nothing to compare with");
    expect(comments[0]!.body).toContain("Gate passed");
    expect(checkRunOf(repo.headSha)?.conclusion).toBe("success");
    // The artifact lookup asked for this workflow's successful runs on the base branch.
    const lookup = r.requests.find((q) => q.path.endsWith("/actions/workflows/gate.yml/runs"))!;
    expect(lookup.query).toMatchObject({ branch: "master", status: "success" });
    expect(r.summary).toContain("modelexport: cross-layer contamination");
    expect(r.stdout).toMatch(/\[head\] \[1\/2\] models\/bert\.onnx: 390 nodes/);
    expect(r.stdout).toContain("::group::modelexport: analyse (head)");
    // The HTML report beside report.json, linked from the comment and the summary: the run's page
    // lists the artifact the workflow uploads, which holds report.html.
    expect(r.outputs["html-path"]).toBe(path.join(r.reportDir, "report.html"));
    const html = fs.readFileSync(r.outputs["html-path"]!, "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("models/bert.onnx");
    const link =
      "\ud83d\udcc4 **Full report (HTML):** download the <code>modelexport-report</code> artifact from " +
      `[the workflow run](https://github.com/${FULL}/actions/runs/5011) and open <code>report.html</code> in a browser`;
    expect(comments[0]!.body).toContain(link);
    expect(r.summary).toContain(link);
    // No module equivalence: nothing asked for it, and nothing in the log touches ONNX Runtime.
    expect(r.outputs["equivalent-share"]).toBe("");
    expect(r.stdout).not.toContain("onnxruntime");
    expect(fs.existsSync(path.join(r.reportDir, "equivalence.json"))).toBe(false);
  });

  it("no change: delta 0, the gate passes", async () => {
    const repo = makeRepo("no-change", clean(), {});
    const r = await runAction({ repo, event: "pull_request", payload: pullRequestPayload("opened", 12, repo) });
    expect(r.code, explain(r)).toBe(0);
    expect(r.outputs).toMatchObject({ gate: "pass", delta: "0", unresolved: "0", "baseline-found": "true", "new-cases": "0" });
    expect(r.stdout).toMatch(/\[base [0-9a-f]{7}\] \[2\/2\] models\/t5\.onnx/);
    const body = commentsOf(12)[0]!.body;
    expect(body).toContain("\u00b10");
    expect(body).toContain(`base master (${repo.baseSha.slice(0, 7)})`);
    const check = checkRunOf(repo.headSha)!;
    expect(check.conclusion).toBe("success");
    expect(check.annotations).toHaveLength(0);
    // The base worktree is gone.
    expect(git(["worktree", "list"], repo.dir).split("\n")).toHaveLength(1);
  });

  let regression: Repo;
  it("a regression: the check fails, the comment lists the new cases, annotations come in batches of 50", async () => {
    regression = makeRepo("regression", clean(), damaged(heavy));
    gh.rateLimitOnce = (m, p) => m === "POST" && p.endsWith("/check-runs");
    const r = await runAction({ repo: regression, event: "pull_request", payload: pullRequestPayload("opened", 13, regression) });
    expect(r.code, explain(r)).toBe(1);
    expect(r.outputs.gate).toBe("fail");
    const unresolved = Number(r.outputs.unresolved);
    expect(unresolved).toBeGreaterThan(50);
    expect(r.outputs.delta).toBe(`+${unresolved}`);
    expect(r.stdout).toMatch(/::error::modelexport gate failed \(fail-on: total\): (.*; )?unresolved cases 0 \u2192 \d+/);
    const comments = commentsOf(13);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body).toContain("Gate failed");
    // Many patterns: collapsed, so the verdict and the table are what is on screen.
    expect(body).toMatch(/<details><summary><b>\d+ new unresolved cases<\/b> \(confidence below 0\.7\) in \d+ patterns<\/summary>/);
    expect(body).toMatch(/- \*\*\d+\u00d7\*\* <code>Constant<\/code> \u00b7 cross-layer conflicting-tags \u00b7 <code>encoder\.layer\.N\.attention\.self<\/code> vs <code>encoder\.layer\.N\.attention\.self<\/code> \u00b7 layers 0\/1/);
    expect(body).toMatch(/- _\u2026 \d+ more patterns \(\d+ cases\): every case is in the HTML report_/);
    expect(body.length).toBeLessThan(8000);
    expect(body).toMatch(/<code>node&#95;Constant&#95;\d+<\/code>/);
    expect(body).toContain("conflicting-tags");
    // Each new case with the engine's reasoning, escaped.
    const report = readReport(r.outputs["report-path"]!);
    const first = report.models.find((m) => m.model === "models/bert.onnx")!.cases.find((c) => c.resolution.status === "unresolved")!;
    expect(first).toBeDefined();
    const bert = report.models.find((m) => m.model === "models/bert.onnx")!;
    expect(bert.cases.some((c) => body.includes(escapeText(c.resolution.reasoning, 400)))).toBe(true);
    // The threshold is said once per section, not on every line.
    expect(body.match(/0\.7\)/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(body).toContain("**<code>models/bert.onnx</code>**");
    expect(body.length).toBeLessThanOrEqual(65_536);
    // The check run: failure, every unresolved case annotated on the model file, <= 50 per request.
    const check = checkRunOf(regression.headSha)!;
    expect(check.conclusion).toBe("failure");
    expect(check.annotations).toHaveLength(Math.min(unresolved, 500));
    expect(new Set(check.annotations.map((a) => a.path))).toEqual(new Set(["models/bert.onnx"]));
    expect(check.annotations[0]).toMatchObject({ annotation_level: "failure" });
    const checkWrites = r.requests.filter((q) => q.path.includes("/check-runs") && q.method !== "GET" && q.status < 300);
    expect(checkWrites.length).toBe(Math.ceil(Math.min(unresolved, 500) / 50));
    for (const w of checkWrites) expect((w.body as { output: { annotations?: unknown[] } }).output.annotations?.length ?? 0).toBeLessThanOrEqual(50);
    // The secondary rate limit was waited out, not fatal.
    expect(r.requests.some((q) => q.status === 403 && q.path.endsWith("/check-runs"))).toBe(true);
    expect(r.stdout).toMatch(/secondary rate limit \(retry-after 1s\); retrying in 1s/);
  });

  it("a rerun edits the same comment, never a second one", async () => {
    commitMore(regression, { "NOTES.md": "again\n" });
    const r = await runAction({ repo: regression, event: "pull_request", payload: pullRequestPayload("synchronize", 13, regression) });
    expect(r.code, explain(r)).toBe(1);
    expect(commentsOf(13)).toHaveLength(1);
    expect(commentsOf(13)[0]!.body).toContain(regression.headSha.slice(0, 7));
    const commentWrites = writes(r).filter((q) => q.path.includes("/comments"));
    expect(commentWrites.map((q) => q.method)).toEqual(["PATCH"]);
  });

  it("an improvement: fewer unresolved cases, the comment lists what was fixed", async () => {
    const repo = makeRepo("improvement", damaged(light), cleaned());
    const r = await runAction({ repo, event: "pull_request", payload: pullRequestPayload("opened", 14, repo), inputs: { "fail-on": "any-model" } });
    expect(r.code, explain(r)).toBe(0);
    expect(r.outputs.gate).toBe("pass");
    expect(Number(r.outputs.delta)).toBeLessThan(0);
    expect(Number(r.outputs["fixed-cases"])).toBeGreaterThan(0);
    const body = commentsOf(14)[0]!.body;
    expect(body).toMatch(/\d+ unresolved cases? fixed/);
    expect(body).toContain("\ud83d\udfe2");
    expect(checkRunOf(repo.headSha)?.conclusion).toBe("success");
  });

  it("a `baseline: artifact` run compares with the base branch's last successful report", async () => {
    // The base branch's last successful run uploaded a clean report.
    const base = makeRepo("artifact-base", clean(), {});
    const baseRun = await runAction({ repo: base, event: "pull_request", payload: pullRequestPayload("opened", 15, base), inputs: { comment: "off", "check-run": "false", baseline: "none" } });
    expect(baseRun.code, explain(baseRun)).toBe(0);
    const zip = writeZip(fs.readdirSync(baseRun.reportDir).map((f) => ({ name: f, data: fs.readFileSync(path.join(baseRun.reportDir, f)) })));
    gh.workflowRuns.push({ id: 9001, workflow: "gate.yml", head_branch: "master", head_sha: base.headSha, event: "push", status: "completed", conclusion: "success", head_repository: { full_name: FULL } });
    gh.artifacts.push({ id: 7001, runId: 9001, name: "modelexport-report", expired: false, zip });
    const repo = makeRepo("artifact-head", clean(), damaged(heavy));
    const r = await runAction({ repo, event: "pull_request", payload: pullRequestPayload("opened", 16, repo), inputs: { baseline: "artifact" } });
    expect(r.code, explain(r)).toBe(1);
    expect(r.outputs["baseline-found"]).toBe("true");
    expect(commentsOf(16)[0]!.body).toMatch(/base master \([0-9a-f]{7}, run 9001\)/);
    expect(r.requests.some((q) => q.path === "/_blobs/7001" && q.status === 200)).toBe(true);
  });
});

/** The fixed count the comment states (0 when it has no such section). */
function fixedInComment(body: string): number {
  const m = /(\d+) unresolved cases? fixed/.exec(body);
  return m ? Number(m[1]) : 0;
}

/** A process that exists and is not a zombie. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

describe("action: the gate cannot be gamed", () => {
  it("deleting the evidence fails the gate with the reason; the cleared cases are lost, not fixed", async () => {
    const repo = makeRepo("evidence-deleted", damaged(light), { "models/bert.onnx": deleteEvidence(cleanBert), "models/bert_htp_metadata.json": null });
    const r = await runAction({ repo, event: "pull_request", payload: pullRequestPayload("opened", 41, repo) });
    expect(r.code, explain(r)).toBe(1);
    expect(r.outputs.gate).toBe("fail");
    expect(r.outputs["gate-reason"]).toMatch(/^no hierarchy evidence in models\/bert\.onnx \(no node carries a module scope, tag or sidecar entry\); coverage fell in 1 model: models\/bert\.onnx \(evidence \d+\.\d% \u2192 0\.0%, coverage 100\.0% \u2192 0\.0%\); unresolved cases \d+ \u2192 0 \(\u2212\d+; \d+ cases? lost with/);
    const base = readReport(path.join(r.reportDir, "baseline.json"));
    const baseUnresolved = base.models.find((m) => m.model === "models/bert.onnx")!.counts.unresolved;
    expect(baseUnresolved).toBeGreaterThan(0);
    expect(r.outputs).toMatchObject({ "fixed-cases": "0", "lost-cases": String(baseUnresolved), "evidence-coverage": expect.any(String) });
    const body = commentsOf(41)[0]!.body;
    expect(body).toContain("Gate failed");
    expect(fixedInComment(body)).toBe(Number(r.outputs["fixed-cases"]));
    expect(body).toContain(`<b>${baseUnresolved} unresolved case${baseUnresolved === 1 ? "" : "s"} lost with`);
    expect(body).toContain("**no hierarchy**");
    expect(body).not.toContain("\ud83d\udfe2");
    expect(r.stdout).toMatch(/::error::modelexport gate failed \(fail-on: total\): no hierarchy evidence in models\/bert\.onnx/);
    // The badge: grey, never "clean".
    expect(JSON.parse(fs.readFileSync(path.join(r.reportDir, "badge.json"), "utf8"))).toMatchObject({ message: "1 of 2 without hierarchy", color: "#9f9f9f" });
    expect(checkRunOf(repo.headSha)?.conclusion).toBe("failure");
  });

  it("fixed-cases is the comment's count on a regression and an improvement", async () => {
    const reg = makeRepo("fixed-regression", clean(), damaged(heavy));
    const a = await runAction({ repo: reg, event: "pull_request", payload: pullRequestPayload("opened", 42, reg), inputs: { "check-run": "false" } });
    expect(a.code, explain(a)).toBe(1);
    expect(a.outputs).toMatchObject({ "fixed-cases": "0", "lost-cases": "0" });
    expect(fixedInComment(commentsOf(42)[0]!.body)).toBe(0);
    const m = /<b>(\d+) new unresolved cases<\/b>/.exec(commentsOf(42)[0]!.body);
    expect(m?.[1]).toBe(a.outputs["new-cases"]);
    // coverage, evidence-coverage and uncertain are the Total row's Coverage, Evidence and Uncertain.
    const total = commentsOf(42)[0]!.body.split("\n").find((l) => l.startsWith("| | **Total**"))!.split("|").map((x) => x.trim());
    const pct = (x: string) => `${(Number(x) * 100).toFixed(1)}%`;
    expect(total[6]).toMatch(new RegExp(`^${pct(a.outputs["evidence-coverage"]!).replace(".", "\\.")}`));
    expect(total[7]).toMatch(new RegExp(`^${pct(a.outputs.coverage!).replace(".", "\\.")}`));
    expect(total[8]!.split(" ").at(-1)).toBe(a.outputs.uncertain);
    const imp = makeRepo("fixed-improvement", damaged(light), cleaned());
    const b = await runAction({ repo: imp, event: "pull_request", payload: pullRequestPayload("opened", 43, imp), inputs: { "check-run": "false" } });
    expect(b.code, explain(b)).toBe(0);
    const base = readReport(path.join(b.reportDir, "baseline.json"));
    // Every case unresolved at the base is fixed: its damaged node is back with its scope.
    expect(Number(b.outputs["fixed-cases"])).toBe(base.totals.unresolved);
    expect(b.outputs["lost-cases"]).toBe("0");
    expect(fixedInComment(commentsOf(43)[0]!.body)).toBe(Number(b.outputs["fixed-cases"]));
  });
});

describe("action: one comment, ours only", () => {
  it("a person's comment quoting the marker is untouched; our own comment is created", async () => {
    const repo = makeRepo("marker-quoted", clean(), {});
    pullRequestPayload("opened", 44, repo);
    const person = gh.addComment(OWNER, REPO, 44, `Earlier the bot wrote:\n\n${MARKER}\n\n> 28 unresolved\n\nPlease look again.`, { login: "octocat", type: "User" });
    const text = person.body;
    gh.editAnyComment = true; // a token that could edit it (an admin's): it still must not
    try {
      const r = await runAction({ repo, event: "pull_request", payload: pullRequestPayload("opened", 44, repo), inputs: { "check-run": "false" } });
      expect(r.code, explain(r)).toBe(0);
      expect(person.body).toBe(text);
      expect(writes(r).filter((q) => q.path.includes("/comments")).map((q) => q.method)).toEqual(["POST"]);
      const ours = commentsOf(44).filter((c) => c.user.login === "github-actions[bot]");
      expect(ours).toHaveLength(1);
      expect(r.outputs["comment-url"]).toBe(ours[0]!.html_url);
      expect(r.stdout).toContain("1 comment by others quote the marker: left as they are (ours are github-actions[bot]'s)");
    } finally {
      gh.editAnyComment = false;
    }
  });

  it("two runs of the same pull request at the same moment end with one comment", async () => {
    const repo = makeRepo("concurrent", clean(), {});
    const payload = pullRequestPayload("opened", 45, repo);
    // Both runs list the comments before either posts: each would create one.
    gh.barrier = { match: (m, p) => m === "GET" && p.endsWith("/issues/45/comments"), count: 2, held: [] };
    const [a, b] = await Promise.all([
      runAction({ repo, event: "pull_request", payload, inputs: { "check-run": "false", "report-path": "out-a/report.json" } }),
      runAction({ repo, event: "pull_request", payload, inputs: { "check-run": "false", "report-path": "out-b/report.json" } }),
    ]);
    expect(a.code, explain(a)).toBe(0);
    expect(b.code, explain(b)).toBe(0);
    expect(gh.barrier).toBeNull();
    // (Each run's request log holds the other's too: they ran at the same time.)
    expect(new Set([...a.requests, ...b.requests].filter((q) => q.method === "POST" && q.path.endsWith("/issues/45/comments"))).size).toBe(2);
    expect(commentsOf(45)).toHaveLength(1);
    expect(a.stdout + b.stdout).toMatch(/\(1 duplicate from a concurrent run removed\)/);
  });

  it("a locked conversation is reported as locked, the check run still carries the verdict", async () => {
    const repo = makeRepo("locked", clean(), {});
    const payload = pullRequestPayload("opened", 46, repo);
    gh.locked.add(`${FULL}#46`);
    const r = await runAction({ repo, event: "pull_request", payload });
    expect(r.code, explain(r)).toBe(0);
    const warning = r.stdout.split("\n").find((l) => l.startsWith("::warning::") && l.includes("locked"));
    expect(warning).toMatch(/creating the comment on pull request #46 failed: 403 Unable to create comment because issue is locked\. The conversation is locked/);
    expect(warning).not.toContain("grant");
    expect(r.stdout).not.toContain("pull-requests: write");
    expect(checkRunOf(repo.headSha)?.conclusion).toBe("success");
  });

  it("a 403 on an annotation update is reported and fails the step, not green", async () => {
    const repo = makeRepo("annotations-403", clean(), damaged(heavy));
    gh.forbid = (m, p) => (m === "PATCH" && /\/check-runs\/\d+$/.test(p) ? "Resource not accessible by integration" : null);
    try {
      const r = await runAction({ repo, event: "pull_request", payload: pullRequestPayload("opened", 47, repo), inputs: { "fail-on": "never", comment: "off" } });
      expect(r.code, explain(r)).toBe(1);
      expect(r.outputs.gate).toBe("pass");
      const unresolved = Number(r.outputs.unresolved);
      expect(unresolved).toBeGreaterThan(50);
      expect(r.stdout).toMatch(new RegExp(`::error::check run 'modelexport' \\(https://github\\.com/${FULL}/runs/\\d+\\) carries only 50 of ${Math.min(unresolved, 500)} annotations: GitHub API: adding annotations 51\u2013100`));
      expect(r.stdout).toMatch(/::error::modelexport: the gate passed, but posting failed: /);
      expect(checkRunOf(repo.headSha)!.annotations).toHaveLength(50);
    } finally {
      gh.forbid = null;
    }
  });
});

describe("action: no call or process outlives the run", () => {
  it("a hung API call ends within the timeout, and the report, summary and outputs are there", async () => {
    const repo = makeRepo("hung-api", clean(), {});
    const payload = pullRequestPayload("opened", 48, repo);
    gh.hang = (m, p) => m === "GET" && p.endsWith("/issues/48/comments");
    try {
      const started = Date.now();
      const r = await runAction({ repo, event: "pull_request", payload, env: { MODELEXPORT_API_TIMEOUT_MS: "1500" } });
      const took = Date.now() - started;
      expect(r.code, explain(r)).toBe(1);
      expect(r.stdout).toMatch(/GitHub API GET \S*\/repos\/Codertocat\/Hello-World\/issues\/48\/comments: timed out after 1\.5s; retrying in 1s \(attempt 2 of 5\)/);
      expect(r.stdout).toMatch(/::error::GitHub API: listing the comments of pull request #48 failed: no answer within 1\.5s \(timed out\)/);
      // Two attempts of 1.5 s and a 1 s pause, on top of the analysis: seconds, not minutes.
      expect(took).toBeLessThan(45_000);
      expect(r.requests.filter((q) => q.path.endsWith("/issues/48/comments"))).toHaveLength(2);
      expect(r.requests.filter((q) => q.method === "POST" && q.path.includes("/comments"))).toHaveLength(0);
      expect(r.outputs).toMatchObject({ gate: "pass", unresolved: "0" });
      expect(r.summary).toContain("Gate passed");
      // The check run still went out.
      expect(checkRunOf(repo.headSha)?.conclusion).toBe("success");
    } finally {
      gh.hang = null;
    }
  });

  it("a cancelled run (SIGINT, then SIGTERM) leaves no export-command process behind", async () => {
    const repo = makeRepo("cancelled", clean(), {});
    const pidFile = path.join(repo.dir, "sleep.pid");
    let child: ChildProcess | undefined;
    const run = runAction({
      repo,
      event: "workflow_dispatch",
      payload: example("workflow_dispatch"),
      inputs: { baseline: "none", "export-command": `sleep 300 & echo $! > sleep.pid; wait` },
      token: null,
      onSpawn: (c) => (child = c),
    });
    const until = Date.now() + 30_000;
    while (!fs.existsSync(pidFile) || fs.readFileSync(pidFile, "utf8").trim() === "") {
      if (Date.now() > until) throw new Error("export-command never started");
      await new Promise((r) => setTimeout(r, 50));
    }
    const sleepPid = Number(fs.readFileSync(pidFile, "utf8"));
    expect(alive(sleepPid)).toBe(true);
    child!.kill("SIGINT");
    setTimeout(() => child!.exitCode === null && child!.kill("SIGTERM"), 7_500).unref();
    const r = await run;
    expect(r.code).toBe(130);
    expect(r.stdout).toContain("modelexport: SIGINT received (the job was cancelled): stopping the processes this run started");
    expect(r.stdout).toMatch(/modelexport: stopped \d+ process(es)?; exiting/);
    expect(alive(sleepPid)).toBe(false);
  });

  it("a 403 on listing the workflow runs (baseline: artifact) still writes the report, summary and outputs", async () => {
    const repo = makeRepo("artifact-403", clean(), {});
    gh.forbid = (m, p) => (m === "GET" && /\/actions\/workflows\/[^/]+\/runs$/.test(p) ? "Resource not accessible by integration" : null);
    try {
      const r = await runAction({ repo, event: "pull_request", payload: pullRequestPayload("opened", 49, repo), inputs: { baseline: "artifact" } });
      expect(r.code, explain(r)).toBe(0);
      expect(r.outputs).toMatchObject({ gate: "pass", "baseline-found": "false", unresolved: "0" });
      expect(fs.existsSync(r.outputs["report-path"]!)).toBe(true);
      expect(r.summary).toContain("The baseline artifact could not be read (403 forbidden)");
      const warn = r.stdout.indexOf("::warning::GitHub API: listing the successful runs of workflow gate.yml on master failed: 403 Resource not accessible by integration");
      expect(warn).toBeGreaterThan(0);
      expect(r.stdout).toContain("grant `permissions: actions: read`");
      // The warning comes after the outputs were set.
      expect(fs.readFileSync(path.join(r.reportDir, "report.json"), "utf8").length).toBeGreaterThan(0);
      expect(commentsOf(49)[0]!.body).toContain("could not be read");
    } finally {
      gh.forbid = null;
    }
  });
});

describe("action: export", () => {
  const TINY = `import torch


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(8, 8)

    def forward(self, x):
        return torch.relu(self.fc(x)) + x


class Tiny(torch.nn.Module):
    def __init__(self, n):
        super().__init__()
        self.layer = torch.nn.ModuleList([Block() for _ in range(n)])

    def forward(self, x):
        for block in self.layer:
            x = block(x)
        return x


def build():
    torch.manual_seed(0)
    return Tiny(LAYERS).eval(), (torch.randn(1, 8),)
`;
  it("exports with the bundled Python exporter, at head and in the base worktree", async () => {
    if (!fs.existsSync("/usr/bin/python3")) throw new Error("needs Debian's /usr/bin/python3 with python3-torch");
    const repo = makeRepo("export", { "tiny/model.py": TINY.replace("LAYERS", "2") }, { "tiny/model.py": TINY.replace("LAYERS", "3") });
    const r = await runAction({
      repo,
      event: "pull_request",
      payload: pullRequestPayload("opened", 19, repo),
      inputs: { models: "", export: "tiny/model.py:build", python: "/usr/bin/python3", "check-run": "false" },
    });
    expect(r.code, explain(r)).toBe(0);
    expect(r.stdout).toMatch(/\[head\] exported \.modelexport\/models\/build\.onnx: \d+ nodes/);
    expect(r.stdout).toMatch(/\[base [0-9a-f]{7}\] exported \.modelexport\/models\/build\.onnx/);
    expect(fs.existsSync(path.join(repo.dir, ".modelexport/models/build.onnx"))).toBe(true);
    const report = readReport(r.outputs["report-path"]!);
    expect(report.models.map((m) => m.model)).toEqual([".modelexport/models/build.onnx"]);
    expect(r.outputs).toMatchObject({ gate: "pass", "baseline-found": "true" });
    expect(commentsOf(19)[0]!.body).toContain("<code>.modelexport/models/build.onnx</code>");
  });
});

describe("action: fork pull requests", () => {
  let fork: Repo;
  let forkRun: RunResult;
  it("a fork PR writes report, summary and outputs, posts nothing, and does not crash", async () => {
    fork = makeRepo("fork", clean(), damaged(heavy));
    forkRun = await runAction({ repo: fork, event: "pull_request", payload: pullRequestPayload("opened", 17, fork, true), token: gh.readToken });
    expect(forkRun.code, explain(forkRun)).toBe(1); // the gate still fails the step
    expect(forkRun.requests).toHaveLength(0);
    expect(forkRun.outputs.gate).toBe("fail");
    expect(forkRun.summary).toContain("Gate failed");
    expect(forkRun.stdout).toMatch(/::notice::Pull request #17 comes from a fork \(forker\/Hello-World\).*workflow_run companion/);
    expect(fs.readdirSync(forkRun.reportDir).sort()).toEqual(["badge.json", "badge.svg", "baseline.json", "context.json", "report.html", "report.json"]);
    expect(JSON.parse(fs.readFileSync(path.join(forkRun.reportDir, "context.json"), "utf8"))).toMatchObject({ pullRequest: { number: 17, headSha: fork.headSha }, commentKey: KEY });
  });

  it("a read-only token on a same-repository PR (403 on the comment) warns and carries on", async () => {
    const repo = makeRepo("read-only", clean(), {});
    const r = await runAction({ repo, event: "pull_request", payload: pullRequestPayload("opened", 18, repo), token: gh.readToken });
    expect(r.code, explain(r)).toBe(0);
    expect(r.outputs.gate).toBe("pass");
    expect(r.stdout).toMatch(/::warning::GitHub API: creating the comment on pull request #18 failed: 403 Resource not accessible by integration.*permissions: pull-requests: write/);
    expect(r.stdout).toMatch(/::warning::GitHub API: creating the check run 'modelexport'.*permissions: checks: write/);
    expect(commentsOf(18)).toHaveLength(0);
    expect(fs.existsSync(path.join(r.reportDir, "report.json"))).toBe(true);
  });

  it("the workflow_run companion posts the fork PR's comment and check run from its artifact", async () => {
    const runId = 4242;
    gh.artifacts.push({
      id: 7002,
      runId,
      name: "modelexport-report",
      expired: false,
      zip: writeZip(fs.readdirSync(forkRun.reportDir).map((f) => ({ name: f, data: fs.readFileSync(path.join(forkRun.reportDir, f)) }))),
    });
    const p = example("workflow_run", (e) => e.action === "completed");
    p.workflow_run.id = runId;
    p.workflow_run.event = "pull_request";
    p.workflow_run.conclusion = "failure";
    p.workflow_run.head_sha = fork.headSha;
    p.workflow_run.pull_requests = []; // GitHub leaves this empty for forks
    p.repository.full_name = FULL;
    // The companion runs on the default branch's checkout.
    const trusted = makeRepo("companion", clean(), {});
    const r = await runAction({ repo: trusted, event: "workflow_run", payload: p, inputs: { mode: "comment-from-artifact", models: "" } });
    expect(r.code, explain(r)).toBe(0);
    const comments = commentsOf(17);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("Gate failed");
    const check = checkRunOf(fork.headSha)!;
    expect(check.conclusion).toBe("failure");
    expect(r.requests.some((q) => q.path === `/repos/${FULL}/pulls/17`)).toBe(true);
    // Run again: still one comment.
    const again = await runAction({ repo: trusted, event: "workflow_run", payload: p, inputs: { mode: "comment-from-artifact", models: "" } });
    expect(again.code, explain(again)).toBe(0);
    expect(commentsOf(17)).toHaveLength(1);
  });

  it("the companion refuses an artifact whose pull request does not match the run", async () => {
    const p = example("workflow_run", (e) => e.action === "completed");
    p.workflow_run.id = 4242;
    p.workflow_run.event = "pull_request";
    p.workflow_run.head_sha = "f".repeat(40);
    p.repository.full_name = FULL;
    const trusted = makeRepo("companion-mismatch", clean(), {});
    const r = await runAction({ repo: trusted, event: "workflow_run", payload: p, inputs: { mode: "comment-from-artifact", models: "" } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::artifact names pull request #17, whose head is [0-9a-f]{7}, but run 4242 built fffffff: not posting/);
    expect(writes(r)).toHaveLength(0);
  });
});

describe("action: push, schedule, workflow_dispatch", () => {
  it("a push compares with the previous commit, creates a check run, and ratchets the baseline file", async () => {
    const repo = makeRepo("push", damaged(light), cleaned());
    const p = example("push", (e) => e.ref === "refs/heads/master");
    p.before = repo.baseSha;
    p.after = repo.headSha;
    p.created = false;
    const r = await runAction({ repo, event: "push", payload: p, inputs: { "update-baseline": "true" } });
    expect(r.code, explain(r)).toBe(0);
    expect(Number(r.outputs.delta)).toBeLessThan(0);
    expect(r.outputs["baseline-updated"]).toBe("true");
    expect(checkRunOf(repo.headSha)?.conclusion).toBe("success");
    expect(r.requests.filter((q) => q.path.includes("/comments"))).toHaveLength(0);
    const baseline = readReport(path.join(repo.dir, ".modelexport/baseline.json"));
    expect(baseline.totals.unresolved).toBe(0);
    expect(baseline.models.every((m) => m.nodes.length === 0)).toBe(true);

    // Next push: a regression against the committed baseline file fails and leaves the file alone.
    git(["add", "-A"], repo.dir);
    const before = repo.headSha;
    commitMore(repo, damaged(heavy));
    p.before = before;
    p.after = repo.headSha;
    const r2 = await runAction({ repo, event: "push", payload: p, inputs: { baseline: "file", "update-baseline": "true" } });
    expect(r2.code, explain(r2)).toBe(1);
    expect(r2.outputs["baseline-updated"]).toBe("false");
    expect(r2.stdout).toMatch(/::warning::baseline file \.modelexport\/baseline\.json not updated: the report has more unresolved cases/);
    expect(readReport(path.join(repo.dir, ".modelexport/baseline.json")).totals.unresolved).toBe(0);
    expect(checkRunOf(repo.headSha)?.conclusion).toBe("failure");
  });

  it("a scheduled audit writes summary, badge and outputs, and never calls the API", async () => {
    const repo = makeRepo("audit", {}, damaged(heavy));
    const push = example("push", (e) => e.ref === "refs/heads/master");
    const payload = { schedule: "17 3 * * 1", repository: push.repository, sender: push.sender };
    const r = await runAction({ repo, event: "schedule", payload });
    expect(r.code, explain(r)).toBe(0);
    expect(r.requests).toHaveLength(0);
    expect(r.outputs.gate).toBe("pass");
    expect(r.summary).toMatch(/All \d+ unresolved cases/);
    const badge = JSON.parse(fs.readFileSync(r.outputs["badge-path"]!, "utf8")) as { schemaVersion: number; message: string; color: string };
    expect(badge).toMatchObject({ schemaVersion: 1, message: `${r.outputs.unresolved} unresolved`, color: "#dfb317" });
    expect(fs.readFileSync(r.outputs["badge-svg-path"]!, "utf8")).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(readReport(r.outputs["report-path"]!).totals.unresolved).toBe(Number(r.outputs.unresolved));
  });

  it("a workflow_dispatch audit against the committed baseline file gates on it", async () => {
    const repo = makeRepo("dispatch", {}, damaged(light));
    // Record a clean baseline with the CLI, then audit the damaged models against it.
    const cleanDir = makeRepo("dispatch-clean", clean(), {});
    const rec = await runAction({ repo: cleanDir, event: "workflow_dispatch", payload: example("workflow_dispatch"), inputs: { baseline: "none" }, token: null });
    expect(rec.code, explain(rec)).toBe(0);
    execFileSync(process.execPath, [path.join(repoRoot, "dist", "cli.js"), "baseline", "update", "--report", rec.outputs["report-path"]!, "--out", path.join(repo.dir, ".modelexport/baseline.json")]);
    const r = await runAction({ repo, event: "workflow_dispatch", payload: example("workflow_dispatch"), inputs: { baseline: "file" }, token: null });
    expect(r.code, explain(r)).toBe(1);
    expect(r.outputs.gate).toBe("fail");
    expect(r.requests).toHaveLength(0);
    expect(JSON.parse(fs.readFileSync(r.outputs["badge-path"]!, "utf8")).color).toBe("#e05d44");
  });

  it("bad input is one clear line", async () => {
    const repo = makeRepo("bad-input", clean(), {});
    const r = await runAction({ repo, event: "workflow_dispatch", payload: example("workflow_dispatch"), inputs: { "fail-on": "sometimes" } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error::input 'fail-on' must be one of total, any-model, new-cases, never; got 'sometimes'");
    const none = await runAction({ repo, event: "workflow_dispatch", payload: example("workflow_dispatch"), inputs: { models: "nothing/*.onnx" } });
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/::error::input 'models': no file matched 'nothing\/\*\.onnx'/);
  });
});

describe("action: a model-zoo audit split across a matrix", () => {
  const manifest = {
    models: [{ path: "models/bert.onnx", maxUnresolved: 0 }, { path: "models/t5.onnx", maxUnresolved: 5 }, "models/clean.onnx"],
  };
  const files = (): Files => ({ ...damaged(heavy), "models/clean.onnx": cleanBert, "audit.json": Buffer.from(JSON.stringify(manifest)) });
  const schedule = () => {
    const push = example("push", (e) => e.ref === "refs/heads/master");
    return { schedule: "17 3 * * 1", repository: push.repository, sender: push.sender };
  };

  it("two shard jobs and a merge job give the unsplit run's report, gate on per-model limits, and record history", async () => {
    const repo = makeRepo("zoo", {}, files());
    const shardDirs: string[] = [];
    for (const i of [1, 2]) {
      const r = await runAction({ repo, event: "schedule", payload: schedule(), inputs: { models: "", manifest: "audit.json", shard: `${i}/2`, "report-path": `out/shard-${i}/report.json` } });
      expect(r.code, explain(r)).toBe(0);
      expect(r.requests).toHaveLength(0);
      expect(r.outputs.gate).toBe("pass");
      expect(r.summary).toContain(`(shard ${i}/2)`);
      shardDirs.push(path.dirname(r.outputs["report-path"]!));
    }
    // What actions/download-artifact leaves in the merge job: one folder per shard artifact.
    for (const [k, d] of shardDirs.entries()) fs.cpSync(d, path.join(repo.dir, "shards", `modelexport-shard-${k + 1}`), { recursive: true });
    const mergeInputs = { models: "", mode: "merge", "shard-reports": "shards/*", baseline: "none", manifest: "audit.json", "history-file": "history/audit.jsonl", "trend-path": "history/trend.svg", "report-path": "merged/report.json" };
    const merged = await runAction({ repo, event: "schedule", payload: schedule(), inputs: mergeInputs });
    expect(merged.code, explain(merged)).toBe(1);
    expect(merged.outputs.gate).toBe("fail");
    expect(merged.outputs["gate-reason"]).toMatch(/^audit limits failed: 1 of 3 models over their unresolved limit: models\/bert\.onnx \d+ > 0; contamination passed/);
    expect(merged.outputs["audit-failing"]).toBe("1");
    expect(merged.summary).toContain("### modelexport audit: \u274c fail");
    expect(merged.requests).toHaveLength(0);
    expect(fs.readFileSync(merged.outputs["history-path"]!, "utf8").trim().split("\n")).toHaveLength(1);
    expect(fs.readFileSync(merged.outputs["trend-path"]!, "utf8")).toContain("1 audit run,");

    const whole = await runAction({ repo, event: "schedule", payload: schedule(), inputs: { models: "", manifest: "audit.json", baseline: "none", "report-path": "whole/report.json" } });
    expect(whole.code, explain(whole)).toBe(1);
    for (const f of ["report.json", "audit.json", "summary.md", "badges/index.json", "badges/models_bert.json"]) {
      expect(fs.readFileSync(path.join(repo.dir, "merged", f)).equals(fs.readFileSync(path.join(repo.dir, "whole", f))), f).toBe(true);
    }
    expect(JSON.parse(fs.readFileSync(path.join(repo.dir, "whole", "badges", "models_bert.json"), "utf8")).color).toBe("#e05d44");

    // A merge job that ran before every shard finished says which one is missing.
    fs.rmSync(path.join(repo.dir, "shards", "modelexport-shard-2"), { recursive: true });
    const early = await runAction({ repo, event: "schedule", payload: schedule(), inputs: mergeInputs });
    expect(early.code).toBe(1);
    expect(early.stdout).toContain("::error::shard 2/2 missing");
    expect(fs.readFileSync(path.join(repo.dir, "history", "audit.jsonl"), "utf8").trim().split("\n"), "nothing recorded").toHaveLength(1);
  });
});

describe("action: an audit that exports the corpus's model definitions", () => {
  it("exports each Hugging Face-shaped definition with the bundled exporter (TorchScript), then gates on the result", async () => {
    if (!fs.existsSync("/usr/bin/python3")) throw new Error("needs Debian's /usr/bin/python3 with python3-torch");
    const names = ["bert", "gpt2", "t5", "albert", "vit"];
    const manifest = {
      defaults: { maxUnresolved: 0 },
      models: names.map((n) => ({ export: `defs/hf_models.py:${n}`, output: `exports/${n}.onnx` })),
    };
    const repo = makeRepo("zoo-export", {}, {
      "defs/hf_models.py": fs.readFileSync(path.join(repoRoot, "corpus", "hf_models.py")),
      "zoo.json": Buffer.from(JSON.stringify(manifest)),
    });
    const r = await runAction({ repo, event: "schedule", payload: { schedule: "17 3 * * 1", repository: example("push").repository }, inputs: { models: "", manifest: "zoo.json", baseline: "none", python: "/usr/bin/python3", timings: "true" } });
    expect(r.code, explain(r)).toBe(0);
    for (const n of names) expect(r.stdout).toContain(`exports/${n}.onnx: exporting defs/hf_models.py:${n}`);
    const report = readReport(r.outputs["report-path"]!);
    expect(report.models.map((m) => m.model)).toEqual(names.map((n) => `exports/${n}.onnx`).sort());
    for (const m of report.models) {
      expect(Object.keys(m.timings ?? {}), m.model).toEqual(["index", "evidence", "detect", "resolve", "report"]);
      // The exporter's tags and torch's own scopes agree on every node: nothing to resolve.
      expect(m.counts.bySource["metadata-tag"], m.model).toBeGreaterThan(0);
      expect(m.counts.bySource.scope, m.model).toBeGreaterThan(0);
      expect(m.counts.casesByKind["tag-conflicts-scope"] ?? 0, m.model).toBe(0);
      expect(m.counts.unresolved, m.model).toBe(0);
    }
    expect(r.outputs).toMatchObject({ gate: "pass", "audit-failing": "0" });
    expect(r.outputs["gate-reason"]).toContain("audit limits passed: 5 of 5 models within their unresolved limit");
  });
});

describe("action: module equivalence (validate-modules)", () => {
  // The models: the corpus BERT as a tagging exporter with generic node names writes it (no
  // scopes, `modelexport.module` tags), so the engine's membership follows the tags.
  const tagged = () => retagGenerically(path.join(corpusDir, "bert.onnx")).onnx;
  const moved = () => retagGenerically(path.join(corpusDir, "bert.onnx"), 3);
  // The onnxruntime-node this repository has installed, through the explicit-path mechanism.
  const installed = () => ({ MODELEXPORT_ONNXRUNTIME_PATH: path.join(repoRoot, "node_modules", "onnxruntime-node") });
  const table = (text: string) => text.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| |"));

  it("a corpus model: every repeated layer extractable and equivalent, share 1, the gate passes", async () => {
    const repo = makeRepo("validate-clean", {}, { "models/bert.onnx": tagged() });
    const r = await runAction({
      repo,
      event: "pull_request",
      payload: pullRequestPayload("opened", 31, repo),
      inputs: { baseline: "none", "validate-modules": "true", "min-equivalent-share": "1" },
      env: installed(),
      runId: 5031,
    });
    expect(r.code, explain(r)).toBe(0);
    expect(r.outputs).toMatchObject({ gate: "pass", "equivalent-share": "1" });
    expect(r.outputs["gate-reason"]).toMatch(/^contamination passed: .*; module equivalence passed: 3\/3 repeated layers \(instance path ends in an index\) extractable and equivalent \(100\.0%\) \u2265 min-equivalent-share 1$/);
    expect(r.stdout).toContain("::group::modelexport: module equivalence (ONNX Runtime)");
    expect(r.stdout).toContain(`onnxruntime-node: using ${installed().MODELEXPORT_ONNXRUNTIME_PATH} (MODELEXPORT_ONNXRUNTIME_PATH)`);
    expect(r.stdout).toMatch(/models\/bert\.onnx: 3\/3 extractable and equivalent/);
    const body = commentsOf(31)[0]!.body;
    for (const text of [body, r.summary]) {
      expect(text).toContain("**Module equivalence** (ONNX Runtime 1.30.0): 3/3 repeated layers (instance path ends in an index) extractable and equivalent (100.0%) \u00b7 \u2705 at least `min-equivalent-share: 1`");
      expect(text).toContain("| Model | Modules checked | Extractable | Equivalent | Share |");
      expect(text).toContain("| <code>models/bert.onnx</code> | 3 | 3 | 3 | 100.0% |");
      expect(text).toContain("(`fail-on: total`, `min-equivalent-share: 1`)");
      expect(text).toContain(`[the workflow run](https://github.com/${FULL}/actions/runs/5031)`);
    }
    expect(checkRunOf(repo.headSha)).toMatchObject({ conclusion: "success", output: { title: "Passed: 0 unresolved, 3/3 modules equivalent" } });
    // The figure travels beside the report (report.json keeps its schema).
    const eq = JSON.parse(fs.readFileSync(path.join(r.reportDir, "equivalence.json"), "utf8")) as { totals: { share: number } };
    expect(eq.totals.share).toBe(1);
    expect(Object.keys(readReport(r.outputs["report-path"]!))).toEqual(["schema", "version", "tool", "options", "models", "totals"]);
  });

  let movedRepo: Repo;
  let movedRun: RunResult;
  it("tags moved to the wrong layer: no contamination case, but the share drops and the gate fails", async () => {
    const head = moved();
    expect(head.shifted).toBe(3);
    movedRepo = makeRepo("validate-moved", { "models/bert.onnx": tagged() }, { "models/bert.onnx": head.onnx });
    const r = await runAction({
      repo: movedRepo,
      event: "pull_request",
      payload: pullRequestPayload("opened", 32, movedRepo),
      inputs: { "validate-modules": "true", "min-equivalent-share": "1" },
      env: installed(),
    });
    movedRun = r;
    expect(r.code, explain(r)).toBe(1);
    expect(r.outputs.gate).toBe("fail");
    expect(Number(r.outputs["equivalent-share"])).toBeCloseTo(2 / 3, 12);
    // The contamination gate has nothing to say (the engine trusts the tags); the equivalence gate does.
    expect(r.outputs).toMatchObject({ delta: "0", unresolved: "0" });
    expect(r.outputs["gate-reason"]).toMatch(/^module equivalence failed: 2\/3 repeated layers .* extractable and equivalent \(66\.7%\) < min-equivalent-share 1; contamination passed: unresolved cases 0 \u2192 0/);
    expect(r.stdout).toMatch(/::error::modelexport gate failed \(fail-on: total, min-equivalent-share: 1\): module equivalence failed: /);
    const body = commentsOf(32)[0]!.body;
    expect(body).toContain("Gate failed");
    expect(body).toContain("\u274c below `min-equivalent-share: 1`");
    expect(body).toContain("| <code>models/bert.onnx</code> | 3 | 2 | 3 | 66.7% |");
    expect(body).toContain("<details open><summary>1 module not extractable and equivalent</summary>");
    expect(body).toMatch(/- <code>models\/bert\.onnx<\/code> <code>encoder\.layer\.1<\/code>: not convex: a path leaves the module and comes back: /);
    for (const row of table(body)) expect(row.split("|").length - 2, row).toBeGreaterThanOrEqual(5);
    expect(checkRunOf(movedRepo.headSha)).toMatchObject({ conclusion: "failure", output: { title: "Failed: 0 unresolved (0), 2/3 modules equivalent" } });
    // Report only: the same figure, the gate is the contamination one.
    const reportOnly = await runAction({
      repo: movedRepo,
      event: "pull_request",
      payload: pullRequestPayload("synchronize", 32, movedRepo),
      inputs: { "validate-modules": "true", comment: "off", "check-run": "false" },
      env: installed(),
    });
    expect(reportOnly.code, explain(reportOnly)).toBe(0);
    expect(reportOnly.outputs["gate-reason"]).toMatch(/^unresolved cases 0 \u2192 0/);
    expect(reportOnly.summary).toContain("extractable and equivalent (66.7%) \u00b7 report only");
  });

  it("the workflow_run companion shows the figure from the artifact and gates on it", async () => {
    const runId = 4343;
    gh.artifacts.push({
      id: 7043,
      runId,
      name: "modelexport-report",
      expired: false,
      zip: writeZip(fs.readdirSync(movedRun.reportDir).map((f) => ({ name: f, data: fs.readFileSync(path.join(movedRun.reportDir, f)) }))),
    });
    const p = example("workflow_run", (e) => e.action === "completed");
    p.workflow_run.id = runId;
    p.workflow_run.event = "pull_request";
    p.workflow_run.head_sha = movedRepo.headSha;
    p.repository.full_name = FULL;
    const trusted = makeRepo("companion-validate", {}, {});
    const r = await runAction({ repo: trusted, event: "workflow_run", payload: p, inputs: { mode: "comment-from-artifact", models: "", "min-equivalent-share": "0.5" } });
    expect(r.code, explain(r)).toBe(0);
    expect(r.outputs).toMatchObject({ gate: "pass" });
    expect(r.outputs["gate-reason"]).toContain("module equivalence passed: 2/3 repeated layers");
    const body = commentsOf(32)[0]!.body;
    expect(body).toContain("\u2705 at least `min-equivalent-share: 0.5`");
    // The HTML link points at the pull request's run, whose artifact holds report.html.
    expect(body).toContain(`[the workflow run](https://github.com/${FULL}/actions/runs/${runId})`);
  });

  it("fetches onnxruntime-node with npm into the tool cache once, then reuses the cache", async () => {
    // A registry on 127.0.0.1 serving the installed onnxruntime-node and its dependencies, packed
    // with npm pack: the action's real `npm install` runs, without the network.
    const registry = await LocalRegistry.fromInstalled(repoRoot, ["onnxruntime-node"], path.join(repoRoot, ".cache", "test-npm-packs")).start();
    try {
      const toolCache = fs.mkdtempSync(path.join(tmp, "tool-cache-"));
      const env = { RUNNER_TOOL_CACHE: toolCache, npm_config_registry: registry.url, npm_config_cache: path.join(toolCache, ".npm") };
      const repo = makeRepo("validate-install", {}, { "models/bert.onnx": tagged() });
      const inputs = { baseline: "none", "validate-modules": "true", "min-equivalent-share": "1" };
      const first = await runAction({ repo, event: "workflow_dispatch", payload: example("workflow_dispatch"), inputs, token: null, env });
      expect(first.code, explain(first)).toBe(0);
      const dir = path.join(toolCache, "modelexport", "onnxruntime-node", "1.30.0");
      expect(first.stdout).toContain(`onnxruntime-node 1.30.0: not cached; installing into ${dir}`);
      expect(first.stdout).toMatch(/\[command\]\S*npm install --no-save --no-audit --no-fund --prefix \S+\/1\.30\.0\.partial-\d+-[0-9a-f]{8} onnxruntime-node@1\.30\.0/);
      expect(first.stdout).toContain(`onnxruntime-node 1.30.0: installed in ${dir}`);
      expect(first.outputs["equivalent-share"]).toBe("1");
      expect(registry.requests.map((q) => `${q.status} ${q.path}`)).toEqual(expect.arrayContaining(["200 /onnxruntime-node", "200 /onnxruntime-node/-/onnxruntime-node-1.30.0.tgz"]));
      expect(JSON.parse(fs.readFileSync(path.join(dir, ".modelexport-runtime.json"), "utf8"))).toEqual({ package: "onnxruntime-node", version: "1.30.0" });
      // No staging folder left behind.
      expect(fs.readdirSync(path.dirname(dir))).toEqual(["1.30.0"]);

      const before = registry.requests.length;
      const second = await runAction({ repo, event: "workflow_dispatch", payload: example("workflow_dispatch"), inputs, token: null, env });
      expect(second.code, explain(second)).toBe(0);
      expect(second.stdout).toContain(`onnxruntime-node 1.30.0: cached in ${dir}`);
      expect(second.stdout).not.toContain("[command]");
      expect(registry.requests.length).toBe(before);
      expect(second.outputs["equivalent-share"]).toBe("1");
    } finally {
      await registry.close();
    }
  });

  it("bad validate inputs are one clear line", async () => {
    const repo = makeRepo("validate-bad-input", { "models/bert.onnx": tagged() }, {});
    const bad = async (inputs: Record<string, string>) => (await runAction({ repo, event: "workflow_dispatch", payload: example("workflow_dispatch"), inputs, token: null })).stdout;
    expect(await bad({ "validate-modules": "true", "min-equivalent-share": "1.5" })).toContain("::error::input 'min-equivalent-share' must be a number from 0 to 1; got '1.5'");
    expect(await bad({ "validate-modules": "true", "onnxruntime-version": "^1.30" })).toContain("::error::input 'onnxruntime-version' must be an exact version such as 1.30.0 (the install is pinned); got '^1.30'");
    expect(await bad({ "min-equivalent-share": "0.9" })).toContain("::error::input 'min-equivalent-share' needs validate-modules: true");
  });
});
