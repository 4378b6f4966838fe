/**
 * The bundled examples (examples/): small real exports from the corpus, and one tagged by a
 * tagging exporter that put some nodes in the wrong layer, so the main job has something to find.
 * Run by scripts/make-examples.mjs; the output is committed.
 */
import fs from "node:fs";
import path from "node:path";
import { loadModelFile } from "../adapters/fs/model-file.js";
import { toJson } from "../adapters/fs/write.js";
import { META } from "../hierarchy/evidence.js";
import { truthScopes } from "./score.js";
import { htpSidecar, shiftTags, type TruthModule } from "./variants.js";

export function makeExamples(corpusDir: string, outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const name of ["bert", "gpt2", "t5"]) {
    fs.copyFileSync(path.join(corpusDir, `${name}.onnx`), path.join(outDir, `${name}.onnx`));
    written.push(`${name}.onnx`);
  }
  const { model } = loadModelFile(path.join(corpusDir, "bert.onnx"));
  const truth = (JSON.parse(fs.readFileSync(path.join(corpusDir, "bert.modules.json"), "utf8")) as { modules: TruthModule[] }).modules;
  const shifted = shiftTags(model, truthScopes(model, truth), truth, 0.05, 3);
  const tags = new Map<string, string>();
  for (const n of shifted.model.graph.nodes) {
    const p = n.metadataProps.find(([k]) => k === META.module)?.[1];
    if (p !== undefined) tags.set(n.name, p);
  }
  fs.copyFileSync(path.join(corpusDir, "bert.onnx"), path.join(outDir, "bert_tagged.onnx"));
  fs.writeFileSync(path.join(outDir, "bert_tagged_htp_metadata.json"), toJson(htpSidecar("bert_tagged", tags, truth)));
  written.push("bert_tagged.onnx", "bert_tagged_htp_metadata.json");
  return written;
}
