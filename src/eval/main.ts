/**
 * `npm run eval`: the engine against ground truth on the real corpus.
 * usage: node dist/eval.js [--corpus DIR] [--json FILE] [--seed N] [--strip 0.2] [--shift 0.1] [--dynamo 0.7]
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadModelFile } from "../adapters/fs/model-file.js";
import { toJson, writeFileAtomic } from "../adapters/fs/write.js";
import { evaluateModel, type VariantScore } from "./score.js";
import type { TruthModule } from "./variants.js";

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: "corpus/build" },
    json: { type: "string" },
    seed: { type: "string", default: "1" },
    strip: { type: "string", default: "0.2" },
    shift: { type: "string", default: "0.1" },
    dynamo: { type: "string", default: "0.7" },
    threshold: { type: "string", default: "0.7" },
    verbose: { type: "boolean" },
    only: { type: "string" },
  },
});

const indexFile = path.join(values.corpus!, "index.json");
if (!fs.existsSync(indexFile)) {
  process.stderr.write(`eval: ${indexFile} not found: generate the corpus with 'npm run corpus' (needs Debian's python3-torch)\n`);
  process.exit(2);
}
const index = JSON.parse(fs.readFileSync(indexFile, "utf8")) as { models: { name: string; file: string; modules_file: string }[] };
const options = {
  seed: Number(values.seed),
  stripFraction: Number(values.strip),
  shiftFraction: Number(values.shift),
  dynamoFraction: Number(values.dynamo),
  threshold: Number(values.threshold),
  now: () => performance.now(),
  verbose: values.verbose ? (line: string) => process.stderr.write(line + "\n") : undefined,
};

const fmt = (x: number | undefined) => (x === undefined ? "" : x.toFixed(4));
const rows: string[][] = [["model", "variant", "damaged", "cases", "unresolved", "precision", "recall", "accuracy", "ms", "notes"]];
const all: { model: string; scores: VariantScore[] }[] = [];
for (const entry of index.models) {
  if (values.only && !values.only.split(",").includes(entry.name)) continue;
  const file = path.join(values.corpus!, entry.file);
  const { model } = loadModelFile(file);
  const truth = (JSON.parse(fs.readFileSync(path.join(values.corpus!, entry.modules_file), "utf8")) as { modules: TruthModule[] }).modules;
  const scores = evaluateModel(entry.name, model, truth, options);
  all.push({ model: entry.name, scores });
  for (const s of scores) {
    rows.push([entry.name, s.variant, String(s.damaged), String(s.cases), String(s.unresolved), fmt(s.precision), fmt(s.recall), fmt(s.accuracy), s.ms.toFixed(1), s.notes.join("; ")]);
  }
  process.stderr.write(`evaluated ${entry.name}\n`);
}

// Pooled figures per variant: sums of damaged nodes, not means of ratios.
const pooled = new Map<string, { damaged: number; accHits: number; accN: number; p: number[]; r: number[] }>();
for (const { scores } of all) {
  for (const s of scores) {
    const key = s.variant;
    const e = pooled.get(key) ?? { damaged: 0, accHits: 0, accN: 0, p: [], r: [] };
    e.damaged += s.damaged;
    if (s.accuracy !== undefined) {
      e.accHits += s.accuracy * s.damaged;
      e.accN += s.damaged;
    }
    if (s.precision !== undefined) e.p.push(s.precision);
    if (s.recall !== undefined) e.r.push(s.recall);
    pooled.set(key, e);
  }
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd() + "\n");
process.stdout.write("\npooled over the corpus (accuracy weighted by damaged nodes; precision/recall: minimum over models)\n");
for (const [variant, e] of pooled) {
  const parts = [`${variant}: damaged ${e.damaged}`];
  if (e.accN > 0) parts.push(`accuracy ${(e.accHits / e.accN).toFixed(4)}`);
  if (e.p.length) parts.push(`precision min ${Math.min(...e.p).toFixed(4)}`);
  if (e.r.length) parts.push(`recall min ${Math.min(...e.r).toFixed(4)}`);
  process.stdout.write(parts.join(", ") + "\n");
}
if (values.json) writeFileAtomic(values.json, toJson({ options: { ...options, now: undefined }, models: all }));
