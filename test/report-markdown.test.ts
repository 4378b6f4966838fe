import { describe, expect, it } from "vitest";
import { diffReports, evaluateGate } from "../src/report/diff.js";
import { code, COMMENT_LIMIT, COMMENT_PATTERNS, commentMarker, escapeText, renderComment, renderSummary, sanitizeKey } from "../src/report/markdown.js";
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
    for (const row of tableRows(md)) expect(row.split("|").length - 2, row).toBe(8);
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
  it("lists the new unresolved cases by pattern with their reasoning, the threshold said once", () => {
    expect(md).toContain("<details open><summary><b>3 new unresolved cases</b> (confidence below 0.7) in 3 patterns</summary>");
    expect(md).toContain("residual add: skip input and main input both from encoder.layer.0");
    expect(md).toContain("<code>models/bert.py:42</code>");
    expect(md.match(/0\.7/g)).toHaveLength(2); // the section's summary and the footer
    // old.onnx was removed with its unresolved case: that is not a fix.
    expect(md).not.toContain("fixed");
  });
  it("says a version 1 baseline's evidence figures are unknown, never zero", () => {
    expect(md).toContain("> The baseline is a version 1 report: it records no evidence coverage or uncertain attributions");
    expect(tableRows(md).find((r) => r.includes("resnet.onnx"))).toMatch(/\| \? \| 100\.0% \| \? \|$/);
  });
  it("shows a regression repeated in every layer as one pattern with a count and the layers", () => {
    const layers = 24;
    const cases = Array.from({ length: layers }, (_, i) =>
      makeCase(`k:${i}`, `/encoder/layer.${i}/output/Add`, "unresolved", { opType: "Add", contexts: [`encoder.layer.${i}.output`, `encoder.layer.${i + 1}.output`] }),
    );
    const other = makeCase("k:x", "/pooler/Tanh", "unresolved", { opType: "Tanh", scope: "cross-module", contexts: ["encoder", "pooler"] });
    const h = makeReport([makeModel("m.onnx", [...cases, other])]);
    const b = makeReport([makeModel("m.onnx", [])]);
    const dd = diffReports(b, h);
    const body = renderComment(dd, evaluateGate(dd, rule), h, { key: "k" });
    expect(body).toContain("<b>25 new unresolved cases</b> (confidence below 0.7) in 2 patterns");
    expect(body).toContain("- **24\u00d7** <code>Add</code> \u00b7 cross-layer tag-conflicts-scope \u00b7 <code>encoder.layer.N.output</code> vs <code>encoder.layer.N.output</code> \u00b7 layers 0/1, 1/2, 2/3, 3/4, 4/5, 5/6, 6/7, 7/8, \u2026 (24)");
    expect(body).toContain("e.g. <code>/encoder/layer.0/output/Add</code>, <code>/encoder/layer.1/output/Add</code>, <code>/encoder/layer.2/output/Add</code>, \u2026: synthetic");
    expect(body).toContain("- <code>Tanh</code> \u00b7 cross-module tag-conflicts-scope \u00b7 <code>encoder</code> vs <code>pooler</code>");
    expect(body.split("\n").filter((l) => l.startsWith("- ")).length).toBe(2);
  });
  it("fits a model with hundreds of new cases in one screen plus collapsed details", () => {
    const cases = Array.from({ length: 600 }, (_, i) =>
      makeCase(`k:${i}`, `/enc/layer.${i % 24}/op${i}`, "unresolved", { opType: ["MatMul", "Add", "Mul", "Softmax", "Gemm", "Div", "Sub", "Pow", "Sqrt", "Erf", "Tanh", "Where"][i % 12]!, contexts: [`enc.layer.${i % 24}.m${i % 30}`, `enc.layer.${(i % 24) + 1}.m${i % 30}`] }),
    );
    const h = makeReport([makeModel("m.onnx", cases)]);
    const dd = diffReports(makeReport([makeModel("m.onnx", [])]), h);
    const body = renderComment(dd, evaluateGate(dd, rule), h, { key: "k" });
    expect(body.length).toBeLessThan(10_000);
    // Collapsed: many patterns; the table and the verdict are what is on screen.
    expect(body).toMatch(/<details><summary><b>600 new unresolved cases<\/b> \(confidence below 0\.7\) in \d+ patterns<\/summary>/);
    const visible = body.slice(0, body.indexOf("<details>"));
    expect(visible.split("\n").length).toBeLessThan(25);
    const inside = body.slice(body.indexOf("<details>"), body.indexOf("</details>"));
    expect(inside.split("\n").filter((l) => l.startsWith("- ")).length).toBe(COMMENT_PATTERNS + 1);
    expect(inside).toMatch(/- _\u2026 \d+ more patterns \(\d+ cases\): every case is in the HTML report_/);
  });
  it("says when there is no baseline and passes", () => {
    const d0 = diffReports(null, head);
    const g0 = evaluateGate(d0, rule);
    const first = renderComment(d0, g0, head, { key: "k", baselineNote: "No baseline yet: this run records one." });
    expect(first).toContain("Gate passed");
    expect(first).toContain("No baseline yet");
    expect(first).toContain("All 4 unresolved cases (confidence below 0.7) in 4 patterns");
  });
  it("is cut below GitHub's limit with a note", () => {
    // Every case a pattern of its own (no two share an op and module pair), in a comment given no pattern cap.
    const many = Array.from({ length: 3000 }, (_, i) => makeCase(`k:${i}`, `/encoder/layer.${i % 12}/attention/self/${"x".repeat(80)}/MatMul_${i}`, "unresolved", { opType: `Op${i}` }));
    const models = Array.from({ length: 400 }, (_, i) => makeModel(`models/zoo/model_${String(i).padStart(4, "0")}_${"y".repeat(60)}.onnx`, i === 0 ? many : []));
    const h = makeReport(models);
    const b = makeReport(models.map((m) => ({ ...m, cases: [], counts: { ...m.counts, cases: 0, unresolved: 0 } })));
    const dd = diffReports(b, h);
    const body = renderComment(dd, evaluateGate(dd, rule), h, { key: "k" });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    // 400 model rows alone are more than the budget: the rows are cut.
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
    const many = Array.from({ length: 20000 }, (_, i) => makeCase(`k:${i}`, `\u00e9\u00e9${"n".repeat(100)}${i}`, "unresolved", { opType: `Op${i}` }));
    const h = makeReport([makeModel("m.onnx", many)]);
    const dd = diffReports(null, h);
    const big = renderSummary(dd, evaluateGate(dd, rule), h);
    expect(Buffer.byteLength(big)).toBeLessThanOrEqual(1_000_000);
    expect(big).toContain("1 MiB job summary limit");
  });
});
