import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { corpusModels, repoRoot } from "./corpus.js";
import { analyzeFiles } from "../src/pipeline.js";
import { REPORT_VERSION } from "../src/report/types.js";
import { VERSION } from "../src/version.js";

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "schema/report.schema.json"), "utf8"));
const ajv = new Ajv2020.default({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

describe("report JSON Schema", () => {
  it("accepts the real report of every corpus model, with timings", () => {
    const report = analyzeFiles(corpusModels().map((m) => m.file), { timings: true });
    const ok = validate(JSON.parse(JSON.stringify(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(report.version).toBe(REPORT_VERSION);
  });
  it("rejects a report with a wrong shape", () => {
    const report = analyzeFiles([corpusModels()[0]!.file]);
    const bad = JSON.parse(JSON.stringify(report));
    bad.models[0].cases.push({ id: "x" });
    expect(validate(bad)).toBe(false);
    const bad2 = JSON.parse(JSON.stringify(report));
    bad2.models[0].nodes[0].decidedBy = "fallback-to-root";
    expect(validate(bad2)).toBe(false);
  });
  it("keeps the product version in step with package.json", () => {
    expect(JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version).toBe(VERSION);
  });
});
