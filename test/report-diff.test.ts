import { describe, expect, it } from "vitest";
import { diffReports, evaluateGate, ratchetCheck } from "../src/report/diff.js";
import { fixture, makeCase, makeModel, makeReport } from "./support/reports.js";

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
    expect(bert.delta.coverage).toBeCloseTo(-0.01, 9);
    expect(bert.newCases.map((c) => c.id)).toEqual(["tag-conflicts-scope:n51"]);
    expect(bert.fixedCases).toEqual([]);
    expect(bert.newlyUnresolved.map((c) => c.id).sort()).toEqual(["tag-conflicts-scope:n40", "tag-conflicts-scope:n51"]);
    const old = d.models[1]!;
    expect(old.head).toBeNull();
    expect(old.delta.unresolved).toBe(-1);
    expect(old.fixedCases.map((c) => c.id)).toEqual(["conflicting-tags:n3"]);
    expect(d.added).toEqual(["models/vit.onnx"]);
    expect(d.removed).toEqual(["models/old.onnx"]);
    expect(d.delta.unresolved).toBe(2);
    expect(d.newCases).toBe(2);
    expect(d.fixedCases).toBe(1);
    expect(d.newlyUnresolved).toBe(3);
  });

  it("is empty for a report compared with itself, whatever the order", () => {
    const shuffled = { ...head, models: [...head.models].reverse().map((m) => ({ ...m, cases: [...m.cases].reverse() })) };
    const d = diffReports(head, shuffled);
    expect(d.models.every((m) => m.status === "unchanged")).toBe(true);
    expect(d.delta.unresolved).toBe(0);
    expect(d.newCases + d.fixedCases + d.newlyUnresolved + d.newlyResolved).toBe(0);
  });

  it("treats a missing baseline as a first run", () => {
    const d = diffReports(null, head);
    expect(d.hasBaseline).toBe(false);
    expect(d.added).toEqual([]);
    expect(d.newlyUnresolved).toBe(0);
    expect(d.delta.unresolved).toBe(0);
    expect(evaluateGate(d, { failOn: "total", allowedIncrease: 0 }).conclusion).toBe("pass");
  });

  it("counts a case resolved in head as newly resolved, not fixed", () => {
    const b = makeReport([makeModel("m.onnx", [makeCase("k:1", "a", "unresolved")])]);
    const h = makeReport([makeModel("m.onnx", [makeCase("k:1", "a", "resolved")])]);
    const d = diffReports(b, h);
    expect(d.newlyResolved).toBe(1);
    expect(d.fixedCases).toBe(0);
    expect(d.delta.unresolved).toBe(-1);
  });
});

describe("evaluateGate", () => {
  const d = diffReports(fixture("base"), fixture("head-regression"));
  it("total: fails above the allowed increase", () => {
    expect(evaluateGate(d, { failOn: "total", allowedIncrease: 0 })).toMatchObject({ conclusion: "fail" });
    expect(evaluateGate(d, { failOn: "total", allowedIncrease: 1 }).conclusion).toBe("fail");
    expect(evaluateGate(d, { failOn: "total", allowedIncrease: 2 }).conclusion).toBe("pass");
  });
  it("any-model: names the models over the limit (added ones count from zero)", () => {
    const g = evaluateGate(d, { failOn: "any-model", allowedIncrease: 0 });
    expect(g.conclusion).toBe("fail");
    expect(g.offenders).toEqual(["models/bert.onnx", "models/vit.onnx"]);
    expect(evaluateGate(d, { failOn: "any-model", allowedIncrease: 2 }).conclusion).toBe("pass");
  });
  it("new-cases: counts newly unresolved cases", () => {
    expect(evaluateGate(d, { failOn: "new-cases", allowedIncrease: 2 }).conclusion).toBe("fail");
    expect(evaluateGate(d, { failOn: "new-cases", allowedIncrease: 3 }).conclusion).toBe("pass");
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
