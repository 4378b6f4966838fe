import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.js";
import { repoRoot } from "./corpus.js";
import { diffReports, evaluateGate, ratchetCheck } from "../src/report/diff.js";
import { deleteEvidence, fixture, makeCase, makeModel, makeReport, withNodes } from "./support/reports.js";

describe("diffReports", () => {
  const base = fixture("base");
  const head = fixture("head-regression");

  it("compares per model and in total, with deltas", () => {
    const d = diffReports(base, head);
    expect(d.hasBaseline).toBe(true);
    expect(d.models.map((m) => [m.model, m.status])).toEqual([
      ["models/bert.onnx", "changed"],
      ["models/old.onnx", "removed"],
      ["models/resnet.onnx", "unchanged"],
      ["models/vit.onnx", "added"],
    ]);
    const bert = d.models[0]!;
    expect(bert.base?.unresolved).toBe(1);
    expect(bert.head?.unresolved).toBe(3);
    expect(bert.delta).toMatchObject({ cases: 1, resolved: -1, unresolved: 2 });
    expect(bert.delta.coverage).toBe(0);
    expect(bert.newCases.map((c) => c.id)).toEqual(["tag-conflicts-scope:n51"]);
    expect(bert.fixedCases).toEqual([]);
    expect(bert.lostCases).toEqual([]);
    expect(bert.newlyUnresolved.map((c) => c.id).sort()).toEqual(["tag-conflicts-scope:n40", "tag-conflicts-scope:n51"]);
    const old = d.models[1]!;
    expect(old.head).toBeNull();
    expect(old.delta.unresolved).toBe(-1);
    // A removed model's cases went with it: neither fixed nor lost.
    expect(old.fixedCases).toEqual([]);
    expect(old.lostCases).toEqual([]);
    expect(d.added).toEqual(["models/vit.onnx"]);
    expect(d.removed).toEqual(["models/old.onnx"]);
    expect(d.delta.unresolved).toBe(2);
    expect(d.newCases).toBe(2);
    expect(d.fixedCases).toBe(0);
    expect(d.newlyUnresolved).toBe(3);
    // The base is a version 1 report: no evidence coverage or uncertain count, unknown, not zero.
    expect(d.baseVersion).toBe(1);
    expect(d.base!.evidenceCoverage).toBeNull();
    expect(bert.delta.evidenceCoverage).toBeNull();
    expect(bert.delta.uncertain).toBeNull();
  });

  it("is empty for a report compared with itself, whatever the order", () => {
    const shuffled = { ...head, models: [...head.models].reverse().map((m) => ({ ...m, cases: [...m.cases].reverse() })) };
    const d = diffReports(head, shuffled);
    expect(d.models.every((m) => m.status === "unchanged")).toBe(true);
    expect(d.delta.unresolved).toBe(0);
    expect(d.newCases + d.fixedCases + d.lostCases + d.newlyUnresolved).toBe(0);
  });

  it("treats a missing baseline as a first run", () => {
    const d = diffReports(null, head);
    expect(d.hasBaseline).toBe(false);
    expect(d.added).toEqual([]);
    expect(d.newlyUnresolved).toBe(0);
    expect(d.delta.unresolved).toBe(0);
    expect(evaluateGate(d, { failOn: "total", allowedIncrease: 0 }).conclusion).toBe("pass");
  });

  it("counts a case resolved in head as fixed, and a case resolved in the base as nothing", () => {
    const b = makeReport([makeModel("m.onnx", [makeCase("k:1", "a", "unresolved"), makeCase("k:2", "b", "resolved"), makeCase("k:3", "c", "resolved")])]);
    const h = makeReport([makeModel("m.onnx", [makeCase("k:1", "a", "resolved")])]);
    const d = diffReports(b, h);
    // k:2 and k:3 were resolved in the base already: gone, but never "fixed".
    expect(d.fixedCases).toBe(1);
    expect(d.models[0]!.fixedCases.map((c) => [c.base.id, c.head?.resolution.status])).toEqual([["k:1", "resolved"]]);
    expect(d.lostCases).toBe(0);
    expect(d.delta.unresolved).toBe(-1);
  });

  it("calls a case whose node lost its evidence lost, never fixed", () => {
    const cases = [makeCase("k:1", "/l0/MatMul", "unresolved"), makeCase("k:2", "/l1/Add", "unresolved"), makeCase("k:3", "/l2/Mul", "unresolved")];
    const b = makeReport([withNodes(makeModel("m.onnx", cases, 3), ["/l0/MatMul:scope", "/l1/Add:scope", "/l2/Mul:scope"])]);
    // Head: /l0/MatMul keeps its scope (its case was fixed), /l1/Add lost it, /l2/Mul is gone
    // (renamed) while the model's evidence fell.
    const h = makeReport([withNodes(makeModel("m.onnx", [], 3), ["/l0/MatMul:scope", "/l1/Add:neighbourhood", "node_Mul_2:none"])]);
    h.models[0]!.counts.withEvidence = 1;
    const d = diffReports(b, h);
    expect(d.models[0]!.fixedCases.map((c) => c.base.id)).toEqual(["k:1"]);
    expect(d.models[0]!.lostCases.map((c) => c.base.id)).toEqual(["k:2", "k:3"]);
    expect([d.fixedCases, d.lostCases]).toEqual([1, 2]);
    // A node gone while the evidence did not fall (a damaged name restored) was fixed.
    h.models[0]!.counts.withEvidence = 3;
    expect(diffReports(b, h).models[0]!.fixedCases.map((c) => c.base.id)).toEqual(["k:1", "k:3"]);
  });

  it("without per-node results, a fall in the model's evidence makes cleared cases lost", () => {
    const b = makeReport([makeModel("m.onnx", [makeCase("k:1", "a", "unresolved")])]);
    const h = makeReport([makeModel("m.onnx", [])]);
    h.models[0]!.counts.withEvidence = 50;
    expect(diffReports(b, h).lostCases).toBe(1);
    expect(diffReports(b, makeReport([makeModel("m.onnx", [])])).fixedCases).toBe(1);
  });
});

describe("evaluateGate", () => {
  const d = diffReports(fixture("base"), fixture("head-regression"));
  // The fixtures keep coverage; these also tolerate a small drop, which changes nothing here.
  const drop = 0.02;
  it("total: fails above the allowed increase", () => {
    expect(evaluateGate(d, { failOn: "total", allowedIncrease: 0, allowedCoverageDrop: drop })).toMatchObject({ conclusion: "fail" });
    expect(evaluateGate(d, { failOn: "total", allowedIncrease: 1, allowedCoverageDrop: drop }).conclusion).toBe("fail");
    expect(evaluateGate(d, { failOn: "total", allowedIncrease: 2, allowedCoverageDrop: drop }).conclusion).toBe("pass");
  });
  it("a drop in coverage fails by default, naming the model, whatever the case counts say", () => {
    expect(evaluateGate(d, { failOn: "total", allowedIncrease: 2 }).conclusion).toBe("pass");
    const head = fixture("head-regression");
    head.models[0]!.counts.coverage = 0.97;
    const g = evaluateGate(diffReports(fixture("base"), head), { failOn: "total", allowedIncrease: 2 });
    expect(evaluateGate(diffReports(fixture("base"), head), { failOn: "total", allowedIncrease: 2, allowedCoverageDrop: 0.01 }).conclusion).toBe("pass");
    expect(g.conclusion).toBe("fail");
    expect(g.reason).toMatch(/^coverage fell in 1 model: models\/bert\.onnx \(coverage 98\.0% \u2192 97\.0%\); unresolved cases 2 \u2192 4/);
    expect(g.checks.map((c) => [c.name, c.conclusion])).toEqual([["coverage", "fail"], ["unresolved", "pass"]]);
    expect(g.offenders).toEqual(["models/bert.onnx"]);
    // A version 1 baseline: evidence coverage and uncertain are unknown, said so, not compared.
    expect(g.notes.join(" ")).toContain("version 1 report");
  });
  it("any-model: names the models over the limit (added ones count from zero)", () => {
    const g = evaluateGate(d, { failOn: "any-model", allowedIncrease: 0, allowedCoverageDrop: drop });
    expect(g.conclusion).toBe("fail");
    expect(g.offenders).toEqual(["models/bert.onnx", "models/vit.onnx"]);
    expect(evaluateGate(d, { failOn: "any-model", allowedIncrease: 2, allowedCoverageDrop: drop }).conclusion).toBe("pass");
  });
  it("new-cases: counts newly unresolved cases", () => {
    expect(evaluateGate(d, { failOn: "new-cases", allowedIncrease: 2, allowedCoverageDrop: drop }).conclusion).toBe("fail");
    expect(evaluateGate(d, { failOn: "new-cases", allowedIncrease: 3, allowedCoverageDrop: drop }).conclusion).toBe("pass");
  });
  it("deleting the evidence fails: coverage falls, the cleared cases are lost, not fixed", () => {
    const cases = Array.from({ length: 4 }, (_, i) => makeCase(`k:${i}`, `/layer.${i}/MatMul`, "unresolved"));
    const b = makeReport([withNodes(makeModel("m.onnx", cases, 4), cases.map((c) => `${c.node}:scope`))]);
    const h = makeReport([withNodes(makeModel("m.onnx", [], 4), ["node_MatMul_0:none", "node_MatMul_1:none", "node_MatMul_2:none", "node_MatMul_3:none"])]);
    Object.assign(h.models[0]!.counts, { withEvidence: 0, evidenceCoverage: 0, coverage: 0 });
    const dd = diffReports(b, h);
    expect([dd.fixedCases, dd.lostCases, dd.delta.unresolved]).toEqual([0, 4, -4]);
    for (const failOn of ["total", "any-model", "new-cases"] as const) {
      const g = evaluateGate(dd, { failOn, allowedIncrease: 0 });
      expect(g.conclusion, failOn).toBe("fail");
      expect(g.reason, failOn).toMatch(/^no hierarchy evidence in m\.onnx .*; coverage fell in 1 model: m\.onnx \(evidence 100\.0% \u2192 0\.0%, coverage 100\.0% \u2192 0\.0%\)/);
    }
    expect(evaluateGate(dd, { failOn: "total", allowedIncrease: 0 }).reason).toContain("4 cases lost with their nodes' evidence, not counted as fixed");
  });
  it("a model without hierarchy fails with or without a baseline; absolute counts unresolved from zero", () => {
    const none = makeReport([makeModel("plain.onnx", [], 10)]);
    none.models[0]!.counts.withEvidence = 0;
    const first = evaluateGate(diffReports(null, none), { failOn: "total", allowedIncrease: 0 });
    expect(first).toMatchObject({ conclusion: "fail", offenders: ["plain.onnx"] });
    expect(first.reason).toMatch(/^no hierarchy evidence in plain\.onnx/);
    const abs = { failOn: "total" as const, allowedIncrease: 0, withoutBaseline: "absolute" as const };
    expect(evaluateGate(diffReports(null, none), abs).conclusion).toBe("fail");
    const one = makeReport([makeModel("a.onnx", [makeCase("k:1", "x", "unresolved")])]);
    expect(evaluateGate(diffReports(null, one), abs)).toMatchObject({ conclusion: "fail", reason: "1 unresolved case" });
    expect(evaluateGate(diffReports(null, one), { failOn: "total", allowedIncrease: 0 }).conclusion).toBe("pass");
    expect(evaluateGate(diffReports(null, makeReport([makeModel("a.onnx", [])])), abs)).toMatchObject({ conclusion: "pass", reason: "0 unresolved cases" });
  });
  it("uncertain attributions are compared like unresolved cases", () => {
    const b = makeReport([makeModel("a.onnx", []), makeModel("b.onnx", [])]);
    const h = makeReport([makeModel("a.onnx", []), makeModel("b.onnx", [])]);
    h.models[0]!.counts.uncertain = 3;
    const dd = diffReports(b, h);
    expect(evaluateGate(dd, { failOn: "total", allowedIncrease: 0 })).toMatchObject({ conclusion: "fail", reason: "uncertain attributions 0 \u2192 3 (+3); unresolved cases 0 \u2192 0 (\u00b10); no model lost coverage" });
    expect(evaluateGate(dd, { failOn: "any-model", allowedIncrease: 0 }).offenders).toEqual(["a.onnx"]);
    expect(evaluateGate(dd, { failOn: "total", allowedIncrease: 3 }).conclusion).toBe("pass");
  });
  it("never: always passes", () => {
    expect(evaluateGate(d, { failOn: "never", allowedIncrease: 0 }).conclusion).toBe("pass");
  });
  it("fails a removed-then-re-added model as new (added models count from zero)", () => {
    const back = diffReports(fixture("head-regression"), fixture("base"));
    expect(evaluateGate(back, { failOn: "total", allowedIncrease: 0 }).conclusion).toBe("pass");
    expect(evaluateGate(back, { failOn: "any-model", allowedIncrease: 0 }).offenders).toEqual(["models/old.onnx"]);
  });
  it("passes an improvement", () => {
    const b = makeReport([makeModel("a.onnx", [makeCase("k:1", "x", "unresolved"), makeCase("k:2", "y", "unresolved")]), makeModel("b.onnx", [])]);
    const h = makeReport([makeModel("a.onnx", [makeCase("k:1", "x", "resolved")]), makeModel("b.onnx", [])]);
    const imp = diffReports(b, h);
    expect(imp.delta.unresolved).toBe(-2);
    for (const failOn of ["total", "any-model", "new-cases"] as const) {
      expect(evaluateGate(imp, { failOn, allowedIncrease: 0 }).conclusion, failOn).toBe("pass");
    }
  });
});

describe("ratchetCheck", () => {
  it("accepts improvements and new models, refuses a model getting worse", () => {
    expect(ratchetCheck(null, fixture("base")).ok).toBe(true);
    expect(ratchetCheck(fixture("head-regression"), fixture("base")).ok).toBe(true);
    const r = ratchetCheck(fixture("base"), fixture("head-regression"));
    expect(r.ok).toBe(false);
    expect(r.reason).toContain("models/bert.onnx");
    const withNew = makeReport([...fixture("base").models, makeModel("new.onnx", [makeCase("k:1", "a", "unresolved")])]);
    expect(ratchetCheck(fixture("base"), withNew as never).ok).toBe(true);
  });
});

describe("modelexport analyze --fail-on-unresolved: the same gate", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mx-gate-cli-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  async function analyze(file: string): Promise<{ code: number; err: string; badge: { message: string; color: string } }> {
    let err = "";
    const o = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
    const badge = path.join(tmp, "badge.json");
    try {
      const code = await main(["analyze", file, "--fail-on-unresolved", "--badge", badge, "--quiet"]);
      return { code, err, badge: JSON.parse(fs.readFileSync(badge, "utf8")) };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }
  it("fails a model whose evidence was deleted, with the reason and a grey badge; passes the export it came from", async () => {
    const original = path.join(repoRoot, "examples", "bert.onnx");
    const ok = await analyze(original);
    expect(ok.code).toBe(0);
    expect(ok.badge.message).not.toBe("no hierarchy");
    // Every node, value and parameter renamed: no scope, no tag, no sidecar left.
    const renamed = path.join(tmp, "renamed.onnx");
    fs.writeFileSync(renamed, deleteEvidence(fs.readFileSync(original)));
    const bad = await analyze(renamed);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^modelexport analyze: failed \(--fail-on-unresolved\): no hierarchy evidence in .*renamed\.onnx/);
    expect(bad.badge).toMatchObject({ message: "no hierarchy", color: "#9f9f9f" });
  });
});
