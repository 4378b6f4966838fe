import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { workflowFile } from "../src/action/baseline.js";
import { describeEvent } from "../src/action/event.js";
import { DEFAULTS, readInputs } from "../src/action/inputs.js";
import { descendants, stopAll, trackGroup, untrackGroup } from "../src/adapters/process/children.js";
import { exportOutput } from "../src/action/models.js";
import { annotations, MAX_ANNOTATIONS, type RunOutcome } from "../src/action/publish.js";
import { diffReports, evaluateGate } from "../src/report/diff.js";
import { repoRoot } from "./corpus.js";
import { fixture, makeCase, makeModel, makeReport } from "./support/reports.js";

/** action.yml's inputs and outputs, read with a few regular expressions (no YAML dependency). */
function actionYml() {
  const text = fs.readFileSync(path.join(repoRoot, "action.yml"), "utf8");
  const section = (name: string) => {
    const m = new RegExp(`^${name}:\\n([\\s\\S]*?)(?=^\\S)`, "m").exec(text);
    return m ? m[1]! : "";
  };
  const entries = (body: string) => {
    const out = new Map<string, string | undefined>();
    let current: string | null = null;
    for (const line of body.split("\n")) {
      const key = /^ {2}([a-z][a-z0-9-]*):\s*$/.exec(line);
      if (key) {
        current = key[1]!;
        out.set(current, undefined);
        continue;
      }
      const def = /^ {4}default:\s*(.*)$/.exec(line);
      if (def && current) out.set(current, def[1]!.replace(/^"(.*)"$/, "$1"));
    }
    return out;
  };
  return { text, inputs: entries(section("inputs")), outputs: entries(section("outputs")) };
}

describe("action.yml", () => {
  const yml = actionYml();
  it("runs dist/index.js on node24", () => {
    expect(yml.text).toMatch(/^runs:\n {2}using: node24\n {2}main: dist\/index\.js\n/m);
  });
  it("declares exactly the inputs the code reads, with the same defaults", () => {
    expect([...yml.inputs.keys()].sort()).toEqual(Object.keys(DEFAULTS).sort());
    for (const [name, def] of yml.inputs) expect(def, name).toBe(DEFAULTS[name]);
    for (const name of yml.inputs.keys()) expect(yml.text, name).toMatch(new RegExp(`^ {2}${name}:\\n {4}description: `, "m"));
  });
  it("declares every output the code sets", () => {
    const src = fs.readdirSync(path.join(repoRoot, "src/action")).map((f) => fs.readFileSync(path.join(repoRoot, "src/action", f), "utf8")).join("\n");
    const set = new Set([...src.matchAll(/setOutput\("([a-z-]+)"/g)].map((m) => m[1]!));
    expect([...set].sort()).toEqual([...yml.outputs.keys()].sort());
    for (const name of ["unresolved", "cases", "delta", "gate", "report-path", "badge-path"]) expect(set.has(name)).toBe(true);
  });
});

describe("inputs", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });
  it("parses typed values and refuses bad ones with the input's name", () => {
    process.env["INPUT_MODELS"] = "models/*.onnx\n# comment\n!models/skip.onnx\n";
    process.env["INPUT_ALLOWED-INCREASE"] = "3";
    process.env["INPUT_FAIL-ON"] = "New-Cases";
    const cfg = readInputs();
    expect(cfg.models).toEqual(["models/*.onnx", "!models/skip.onnx"]);
    expect(cfg.allowedIncrease).toBe(3);
    expect(cfg.failOn).toBe("new-cases");
    expect(cfg.confidenceThreshold).toBe(0.7);
    expect(cfg.baseline).toBe("rerun");
    process.env["INPUT_CONFIDENCE-THRESHOLD"] = "1.5";
    expect(() => readInputs()).toThrow("input 'confidence-threshold' must be a number from 0 to 1; got '1.5'");
    process.env["INPUT_CONFIDENCE-THRESHOLD"] = "0.8";
    process.env["INPUT_ALLOWED-INCREASE"] = "1.5";
    expect(() => readInputs()).toThrow("input 'allowed-increase' must be an integer from 0 to 1000000000; got '1.5'");
    process.env["INPUT_ALLOWED-INCREASE"] = "0";
    process.env["INPUT_UPDATE-BASELINE"] = "maybe";
    expect(() => readInputs()).toThrow("input 'update-baseline' must be true or false; got 'maybe'");
    delete process.env["INPUT_UPDATE-BASELINE"];
    delete process.env["INPUT_MODELS"];
    expect(() => readInputs()).toThrow(/input 'models' is required/);
  });
});

describe("events", () => {
  const examples = JSON.parse(fs.readFileSync(createRequire(import.meta.url).resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8")) as {
    name: string;
    examples: Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  }[];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mx-event-"));
  const env = (name: string, payload: unknown) => {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(payload));
    return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file, GITHUB_REPOSITORY: "Codertocat/Hello-World", GITHUB_SHA: "c".repeat(40) };
  };
  const ex = (name: string, action?: string) => structuredClone(examples.find((e) => e.name === name)!.examples.find((e) => action === undefined || e.action === action)!);

  it("reads pull requests, and tells a fork by its head repository", () => {
    const p = ex("pull_request", "opened");
    const e = describeEvent(env("pull_request", p));
    expect(e).toMatchObject({ kind: "pull_request", owner: "Codertocat", repo: "Hello-World", baseSha: p.pull_request.base.sha, headSha: p.pull_request.head.sha, baseRef: "master" });
    expect(e.pr).toMatchObject({ number: 2, fork: false });
    p.pull_request.head.repo.full_name = "forker/Hello-World";
    expect(describeEvent(env("pull_request", p)).pr?.fork).toBe(true);
    p.pull_request.head.repo = null; // the fork was deleted
    expect(describeEvent(env("pull_request", p)).pr?.fork).toBe(true);
  });
  it("reads pushes: a new branch has no previous commit", () => {
    const created = ex("push");
    const e = describeEvent(env("push", created));
    expect(e.kind).toBe("push");
    expect(e.baseSha).toBeNull();
    const p = { ...created, ref: "refs/heads/master", created: false, before: "a".repeat(40), after: "b".repeat(40) };
    expect(describeEvent(env("push", p))).toMatchObject({ baseSha: "a".repeat(40), headSha: "b".repeat(40), baseRef: "master", onDefaultBranch: true });
  });
  it("treats schedule and workflow_dispatch as audits", () => {
    expect(describeEvent(env("workflow_dispatch", ex("workflow_dispatch"))).kind).toBe("audit");
    expect(describeEvent(env("schedule", { schedule: "0 3 * * *" })).kind).toBe("audit");
  });
  it("finds the workflow file in GITHUB_WORKFLOW_REF", () => {
    expect(workflowFile("octo/repo/.github/workflows/gate.yml@refs/heads/main")).toBe("gate.yml");
    expect(workflowFile("octo/repo/.github/workflows/a@b.yml@refs/pull/1/merge")).toBe("a@b.yml");
    expect(workflowFile(undefined)).toBeNull();
  });
  it("names export outputs after the factory", () => {
    expect(exportOutput("mypkg.models:build_bert", "out")).toBe(path.join("out", "build_bert.onnx"));
    expect(exportOutput("models/tiny.py:make", "out")).toBe(path.join("out", "make.onnx"));
    expect(exportOutput("prajjwal1/bert-tiny", "out")).toBe(path.join("out", "bert-tiny.onnx"));
  });
});

describe("annotations", () => {
  const outcome = (base: ReturnType<typeof fixture> | null, head: ReturnType<typeof fixture>, failOn: "total" | "never" = "total"): RunOutcome => {
    const diff = diffReports(base, head);
    return { report: head, baseline: base, diff, gate: evaluateGate(diff, { failOn, allowedIncrease: 0 }), render: {} };
  };
  it("go on the Python source line when the case has one in the repository, else on the model file; new ones first", () => {
    const ws = "/work/repo";
    const a = annotations(outcome(fixture("base"), fixture("head-regression")), ws, ws);
    expect(a).toHaveLength(4);
    expect(a.slice(0, 3).every((x) => x.annotation_level === "failure")).toBe(true);
    expect(a[3]).toMatchObject({ annotation_level: "notice", path: "models/bert.onnx", start_line: 1 });
    const src = a.find((x) => x.path === "models/bert.py")!;
    expect(src).toMatchObject({ start_line: 42, end_line: 42 });
    expect(src.title).toContain("new unresolved cross-layer tag-conflicts-scope");
    // Models analysed in a subfolder are annotated with their repository path.
    expect(annotations(outcome(null, fixture("head-regression")), path.join(ws, "sub"), ws).some((x) => x.path === "sub/models/vit.onnx")).toBe(true);
    // Sources outside the repository fall back to the model.
    const outside = fixture("head-regression");
    outside.models[0]!.cases.find((c) => c.source)!.source = { file: "/usr/lib/python3/site-packages/torch/nn/linear.py", line: 114 };
    expect(annotations(outcome(null, outside), ws, ws).every((x) => !x.path.includes("torch"))).toBe(true);
  });
  it("are capped", () => {
    const many = makeReport([makeModel("m.onnx", Array.from({ length: 800 }, (_, i) => makeCase(`k:${i}`, `n${i}`, "unresolved")))]);
    expect(annotations(outcome(null, many), "/w", "/w")).toHaveLength(MAX_ANNOTATIONS);
  });
});

describe("stopping what a cancelled run started", () => {
  const alive = (pid: number) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
      return false;
    }
  };
  it("stops a registered process group with its children, and plain children found as descendants", async () => {
    // stopAll signals every descendant of this process: with vitest's `forks` pool that is only
    // what this test file started.
    // A shell in its own group (as export commands run) with a grandchild, and a plain child.
    const group = spawn("sh", ["-c", "sleep 300 & echo $!; wait"], { detached: true, stdio: ["ignore", "pipe", "ignore"] });
    const grandchild = await new Promise<number>((resolve) => group.stdout!.once("data", (d: Buffer) => resolve(Number(String(d).trim()))));
    trackGroup(group.pid);
    const plain = spawn("sleep", ["300"], { stdio: "ignore" });
    expect(descendants()).toEqual(expect.arrayContaining([group.pid, plain.pid, grandchild]));
    expect([alive(group.pid!), alive(plain.pid!), alive(grandchild)]).toEqual([true, true, true]);
    const started = Date.now();
    const n = await stopAll(5000);
    // SIGTERM was enough: it did not wait out the grace period for a SIGKILL.
    expect(Date.now() - started).toBeLessThan(4000);
    expect(n).toBeGreaterThanOrEqual(2); // the group, and the plain child (the group's members may be gone already)
    await new Promise((r) => setTimeout(r, 100));
    expect([alive(group.pid!), alive(plain.pid!), alive(grandchild)]).toEqual([false, false, false]);
    untrackGroup(group.pid);
  });
});
