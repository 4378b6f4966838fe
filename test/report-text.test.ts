import { describe, expect, it } from "vitest";
import { renderAuditMarkdown, renderAuditText, type AuditSummary } from "../src/audit/summary.js";

const audit: AuditSummary = {
  schema: "modelexport-audit",
  version: 1,
  manifest: { digest: "d".repeat(64), models: 2 },
  shard: null,
  weights: { "zoo/gpt2_3.cse.onnx": 1, "zoo/bert<x>.onnx": 1 },
  models: [
    { model: "zoo/bert<x>.onnx", nodes: 390, cases: 0, resolved: 0, unresolved: 0, coverage: 1, maxUnresolved: 0, status: "pass" },
    { model: "zoo/gpt2_3.cse.onnx", nodes: 1200, cases: 9, resolved: 3, unresolved: 6, coverage: 0.975, maxUnresolved: 5, status: "fail" },
  ],
  totals: { models: 2, cases: 9, resolved: 3, unresolved: 6, failing: 1 },
  gate: { conclusion: "fail", reason: "1 of 2 models over their unresolved limit: zoo/gpt2_3.cse.onnx 6 > 5" },
};

describe("the audit in a terminal", () => {
  const text = renderAuditText(audit);
  it("is text: names and reasons as they are, no Markdown or HTML entities", () => {
    expect(text).toContain("zoo/gpt2_3.cse.onnx 6 > 5");
    expect(text).toContain("zoo/bert<x>.onnx");
    expect(text).not.toMatch(/&(gt|lt|#\d+);|<code>|\*\*|\|/);
    expect(text.split("\n")[0]).toBe("modelexport audit: FAIL");
  });
  it("aligns the columns, numbers to the right", () => {
    const lines = text.split("\n").filter((l) => /onnx|model/.test(l) && !l.includes(":"));
    expect(lines).toEqual([
      "      model                nodes  cases  resolved  unresolved  limit  coverage",
      "ok    zoo/bert<x>.onnx       390      0         0           0      0    100.0%",
      "FAIL  zoo/gpt2_3.cse.onnx   1200      9         3           6      5     97.5%",
    ]);
  });
  it("keeps a control character in a name from breaking the line", () => {
    const odd = renderAuditText({ ...audit, models: [{ ...audit.models[0]!, model: "a\nb.onnx" }] });
    expect(odd).toContain("a?b.onnx");
  });
  it("while the Markdown (summary.md, the job summary) stays escaped for where it is rendered", () => {
    expect(renderAuditMarkdown(audit)).toContain("6 &gt; 5");
  });
});
