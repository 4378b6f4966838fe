import { describe, expect, it } from "vitest";
import { diffReports, evaluateGate } from "../src/report/diff.js";
import { code, COMMENT_LIMIT, commentMarker, escapeText, renderComment, renderSummary, sanitizeKey } from "../src/report/markdown.js";
import { fixture, makeCase, makeModel, makeReport } from "./support/reports.js";

const rule = { failOn: "total" as const, allowedIncrease: 0 };

/** Table rows of a rendered body: lines starting with '|'. */
const tableRows = (md: string) => md.split("\n").filter((l) => l.startsWith("|"));

describe("escaping", () => {
  it("shows identifiers as code with nothing Markdown or HTML could interpret", () => {
    const nasty = "<img src=x onerror=alert(1)>|@octocat `x` **b** [l](u) ~~s~~ $x$ \\| #1\nline";
    const c = code(nasty, 1000);
    expect(c.startsWith("<code>") && c.endsWith("</code>")).toBe(true);
    const inner = c.slice(6, -7);
    expect(inner.replace(/&(#\d+|[a-z]+);/g, "")).not.toMatch(/[<>|`*[\]~$@\\#\n]/);
    expect(inner).toContain("&lt;img");
    expect(inner).toContain("&#64;octocat");
  });
  it("breaks mentions in free text and keeps pipes out of tables", () => {
    const t = escapeText("ping @octocat | <b>x</b> `y` & done");
    expect(t).not.toMatch(/@octocat/);
    expect(t).toContain("@\u200boctocat");
    expect(t).not.toMatch(/[<>|`]/);
    expect(t).toContain("&amp; done");
  });
  it("keeps every table row to its columns whatever the names hold", () => {
    const evil = makeModel("models/a|b`c`<x>.onnx", [makeCase("k:1", "n|o|d|e", "unresolved")]);
    const base = makeReport([makeModel("models/a|b`c`<x>.onnx", [])]);
    const head = makeReport([evil]);
    const d = diffReports(base, head);
    const md = renderComment(d, evaluateGate(d, rule), head, { key: "k" });
    for (const row of tableRows(md)) expect(row.split("|").length - 2, row).toBe(6);
    expect(md).not.toContain("<x>");
  });
  it("sanitises the comment key so it cannot close the marker", () => {
    expect(sanitizeKey("wf / job --> <b>")).toBe("wf_/_job_-___b_");
    expect(commentMarker("ci/gate")).toBe("<!-- modelexport-action:comment key=ci/gate -->");
    expect(commentMarker("")).toBe("<!-- modelexport-action:comment key=default -->");
  });
});

describe("the PR comment", () => {
  const base = fixture("base");
  const head = fixture("head-regression");
  const d = diffReports(base, head);
  const gate = evaluateGate(d, rule);
  const md = renderComment(d, gate, head, { key: "ci/gate", baseLabel: "master (f95f852)", headLabel: "ec26c3e" });

  it("starts with the marker and carries the verdict", () => {
    expect(md.split("\n")[0]).toBe(commentMarker("ci/gate"));
    expect(md).toContain("Gate failed");
    expect(md).toContain("unresolved cases 2 \u2192 4 (+2)");
  });
  it("has a row per model with base, head, delta and a status mark", () => {
    const rows = tableRows(md);
    expect(rows.find((r) => r.includes("bert.onnx"))).toMatch(/\ud83d\udd34 .*1 \u2192 3 \| \+2/);
    expect(rows.find((r) => r.includes("vit.onnx"))).toContain("\ud83c\udd95");
    expect(rows.find((r) => r.includes("old.onnx"))).toContain("\ud83d\uddd1");
    expect(rows.find((r) => r.includes("resnet.onnx"))).toContain("\u26aa");
    expect(rows.at(-1)).toContain("**Total**");
  });
  it("lists the new unresolved cases with their reasoning in an open details block", () => {
    expect(md).toContain("<details open><summary><b>3 new unresolved cases</b></summary>");
    expect(md).toContain("residual add: skip input and main input both from encoder.layer.0");
    expect(md).toContain("<code>models/bert.py:42</code>");
    expect(md).toContain("1 unresolved case fixed");
  });
  it("says when there is no baseline and passes", () => {
    const d0 = diffReports(null, head);
    const g0 = evaluateGate(d0, rule);
    const first = renderComment(d0, g0, head, { key: "k", baselineNote: "No baseline yet: this run records one." });
    expect(first).toContain("Gate passed");
    expect(first).toContain("No baseline yet");
    expect(first).toContain("All 4 unresolved cases");
  });
  it("is cut below GitHub's limit with a note", () => {
    const many = Array.from({ length: 3000 }, (_, i) => makeCase(`k:${i}`, `/encoder/layer.${i % 12}/attention/self/${"x".repeat(80)}/MatMul_${i}`, "unresolved"));
    const models = Array.from({ length: 400 }, (_, i) => makeModel(`models/zoo/model_${String(i).padStart(4, "0")}_${"y".repeat(60)}.onnx`, i === 0 ? many : []));
    const h = makeReport(models);
    const b = makeReport(models.map((m) => ({ ...m, cases: [], counts: { ...m.counts, cases: 0, unresolved: 0 } })));
    const dd = diffReports(b, h);
    const body = renderComment(dd, evaluateGate(dd, rule), h, { key: "k" });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 2000);
    expect(body.split("\n")[0]).toBe(commentMarker("k"));
    expect(body).toMatch(/Cut to fit GitHub's 65,536-character comment limit: \d+ entries \(models or cases\) not shown/);
    expect(body).toContain("more not shown");
    expect(body).toContain("</details>");
    expect(body).toContain("**Total**");
    // A tight budget cuts table rows too, and says so inside the table.
    const tight = renderComment(dd, evaluateGate(dd, rule), h, { key: "k", limit: 8000 });
    expect(tight.length).toBeLessThanOrEqual(8000);
    expect(tight).toMatch(/more models_/);
  });
});

describe("the job summary", () => {
  it("has no marker, lists every unresolved case and fits 1 MiB in bytes", () => {
    const head = fixture("head-regression");
    const d = diffReports(fixture("base"), head);
    const s = renderSummary(d, evaluateGate(d, rule), head);
    expect(s).not.toContain("modelexport-action:comment");
    expect(s).toContain("All 4 unresolved cases");
    const many = Array.from({ length: 20000 }, (_, i) => makeCase(`k:${i}`, `\u00e9\u00e9${"n".repeat(100)}${i}`, "unresolved"));
    const h = makeReport([makeModel("m.onnx", many)]);
    const dd = diffReports(null, h);
    const big = renderSummary(dd, evaluateGate(dd, rule), h);
    expect(Buffer.byteLength(big)).toBeLessThanOrEqual(1_000_000);
    expect(big).toContain("1 MiB job summary limit");
  });
});
