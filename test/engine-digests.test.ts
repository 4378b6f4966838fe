/**
 * The engine's pipeline decodes models without content fingerprints (`ENGINE_DIGEST_LIMIT`):
 * nothing the engine reports may depend on them. Real exports, decoded both ways.
 */
import { describe, expect, it } from "vitest";
import { corpusModels } from "./corpus.js";
import { loadModelFile } from "../src/adapters/fs/model-file.js";
import { analyzeModel } from "../src/analyze.js";
import { ENGINE_DIGEST_LIMIT } from "../src/pipeline.js";

describe("reports without content fingerprints", () => {
  it("are the reports made with them, on every corpus model", () => {
    const models = corpusModels();
    expect(models.length).toBeGreaterThan(3);
    let constants = 0;
    for (const entry of models) {
      const withDigests = loadModelFile(entry.file).model;
      const without = loadModelFile(entry.file, { digestLimit: ENGINE_DIGEST_LIMIT }).model;
      const digested = withDigests.graph.nodes.filter((n) => n.attributes.some((a) => a.t?.digest !== undefined)).length;
      constants += digested;
      expect(without.graph.nodes.some((n) => n.attributes.some((a) => a.t?.digest !== undefined)), entry.name).toBe(false);
      expect(JSON.stringify(analyzeModel({ name: entry.name, model: without })), entry.name).toBe(JSON.stringify(analyzeModel({ name: entry.name, model: withDigests })));
    }
    // The comparison means something only where the models have fingerprinted constants.
    expect(constants).toBeGreaterThan(100);
  });
});
