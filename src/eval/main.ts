/**
 * `npm run eval`: the engine against ground truth on the real corpus.
 *
 * Options: `USAGE` below (`node dist/eval.js --help`).
 *
 * The rewritten graphs include ONNX Runtime's optimizer output (basic and extended levels), made
 * with onnxruntime-node's `optimizedModelFilePath` and cached next to the corpus.
 *
 * `--holdout` names architectures kept out of tuning: their figures and calibration are printed
 * apart, to show how the engine generalizes to models it was not tuned on.
 *
 * Each random variant is made with K seeds (N, N+1, ...) and pooled: one seed damages a few
 * hundred nodes, too few for a figure to the second decimal. Twenty by default: a small net
 * loses 10 to 30 nodes per seed (ResNet-18's stripped-scope accuracy read 0.958 over seeds 1 to
 * 5 and 0.867 over seeds 1 to 20).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadModelFile } from "../adapters/fs/model-file.js";
import { toJson, writeFileAtomic } from "../adapters/fs/write.js";
import { evaluateModel, type Judgement, type VariantScore } from "./score.js";
import { optimizedVariants } from "./optimize.js";
import type { OnnxModel } from "../load/model.js";
import type { TruthModule } from "./variants.js";

/** The corpus the tests use, then the other torchvision architectures (`generate.py --vision`). */
const DEFAULT_CORPORA = ["corpus/build", "corpus/build-vision"];
/**
 * Architectures kept out of tuning: a transformer and two convolutional nets; three
 * convolutional nets added to the corpus later (RegNetY's squeeze-excitation blocks,
 * EfficientNetV2's fused blocks, Inception v3's named blocks); and eight added after those
 * (AlexNet and VGG's Sequentials of one-op parts, ResNet-50, MobileNetV3-Large, SqueezeNet 1.1,
 * RegNetY-800MF, EfficientNet-B1, MaxViT); and six added last (segmentation heads, R3D-18's 3-D
 * convolutions, torchvision's ViT, Wide ResNet-50, ShuffleNet 1.0) and an encoder-decoder (BART). The README says which of
 * them a change was looked into for.
 */
const DEFAULT_HOLDOUT =
  "vit,convnext_tiny,googlenet,regnet_y_400mf,efficientnet_v2_s,inception_v3,alexnet,vgg11_bn,resnet50,mobilenet_v3_large,squeezenet1_1,regnet_y_800mf,efficientnet_b1,maxvit_t,llama," +
  "fcn_resnet50,lraspp_mobilenet_v3_large,r3d_18,vit_b_32,wide_resnet50_2,shufflenet_v2_x1_0,bart";

const USAGE = `usage: node dist/eval.js [--corpus DIR,DIR] [--json FILE] [--seed N] [--seeds K]
                         [--strip 0.2] [--shift 0.1] [--dynamo 0.7] [--threshold 0.7] [--only a,b]
                         [--holdout ${DEFAULT_HOLDOUT}] [--no-optimized] [--verbose]
--corpus: folders with an index.json (default ${DEFAULT_CORPORA.join(",")}; one that is not
          there is skipped with a note, unless it is the only one)
`;
if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const OPTIONS = {
  corpus: { type: "string" },
  json: { type: "string" },
  seed: { type: "string", default: "1" },
  seeds: { type: "string", default: "20" },
  strip: { type: "string", default: "0.2" },
  shift: { type: "string", default: "0.1" },
  dynamo: { type: "string", default: "0.7" },
  threshold: { type: "string", default: "0.7" },
  verbose: { type: "boolean" },
  only: { type: "string" },
  holdout: { type: "string", default: DEFAULT_HOLDOUT },
  "no-optimized": { type: "boolean" },
} as const;

// A wrong option is named with the usage, not thrown as a stack trace.
const { values } = (() => {
  try {
    return parseArgs({ options: OPTIONS });
  } catch (err) {
    process.stderr.write(`eval: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
})();

interface CorpusModel {
  name: string;
  file: string;
  modules_file: string;
  /** The folder it was read from. */
  dir: string;
}
const corpora = values.corpus === undefined ? DEFAULT_CORPORA : values.corpus.split(",").filter((d) => d !== "");
const present = corpora.filter((d) => fs.existsSync(path.join(d, "index.json")));
if (present.length === 0 || (values.corpus !== undefined && present.length < corpora.length)) {
  const missing = corpora.filter((d) => !present.includes(d)).map((d) => path.join(d, "index.json"));
  process.stderr.write(`eval: ${missing.join(", ")} not found: generate the corpus with 'npm run corpus' (needs Debian's python3-torch)\n`);
  process.exit(2);
}
for (const d of corpora) if (!present.includes(d)) process.stderr.write(`eval: ${d} not found, skipped (generate it with 'npm run corpus')\n`);
const index: { models: CorpusModel[] } = { models: [] };
for (const dir of present) {
  const list = JSON.parse(fs.readFileSync(path.join(dir, "index.json"), "utf8")) as { models: Omit<CorpusModel, "dir">[] };
  for (const m of list.models) index.models.push({ ...m, dir });
}
/** A numeric option's value, or exit naming it: NaN would evaluate nothing and say nothing. */
function numberOption(name: "seed" | "seeds" | "strip" | "shift" | "dynamo" | "threshold", integer: boolean): number {
  const text = values[name]!;
  const x = Number(text);
  const ok = text.trim() !== "" && (integer ? Number.isInteger(x) && x >= 0 : x >= 0 && x <= 1);
  if (!ok) {
    process.stderr.write(`eval: --${name}: expected ${integer ? "a whole number" : "a fraction from 0 to 1"}, got '${text}'\n${USAGE}`);
    process.exit(2);
  }
  return x;
}
const firstSeed = numberOption("seed", true);
const seeds = Math.max(1, numberOption("seeds", true));
const base = {
  stripFraction: numberOption("strip", false),
  shiftFraction: numberOption("shift", false),
  dynamoFraction: numberOption("dynamo", false),
  threshold: numberOption("threshold", false),
  now: () => performance.now(),
  verbose: values.verbose ? (line: string) => process.stderr.write(line + "\n") : undefined,
};

/** One variant of one model, pooled over the seeds. */
interface Pooled {
  model: string;
  variant: string;
  damaged: number;
  cases: number;
  unresolved: number;
  /** Sum of accuracy × damaged: pooled accuracy is hits / damaged. */
  hits: number;
  hasAccuracy: boolean;
  precision: number[];
  recall: number[];
  ms: number[];
  notes: string[];
}

/** Rows as columns padded to their widest cell, two spaces apart. */
function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd() + "\n");
}

/** A count summed over pooled judgements. */
const total = (j: readonly Judgement[], f: (x: Judgement) => number) => j.reduce((s, x) => s + f(x), 0);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
const pooled = new Map<string, Pooled>();
const raw: { model: string; seed: number; scores: VariantScore[] }[] = [];
const holdout = new Set((values.holdout ?? "").split(",").filter((x) => x !== ""));
/** Judgements pooled per variant, and calibration samples, for the tuned and held-out sets. */
const judged = new Map<string, { set: string; variant: string; j: Judgement[] }>();
for (const entry of index.models) {
  if (values.only && !values.only.split(",").includes(entry.name)) continue;
  const file = path.join(entry.dir, entry.file);
  const { model } = loadModelFile(file);
  const truth = (JSON.parse(fs.readFileSync(path.join(entry.dir, entry.modules_file), "utf8")) as { modules: TruthModule[] }).modules;
  const optimized: [string, OnnxModel][] = values["no-optimized"] ? [] : await optimizedVariants(file, path.join(entry.dir, "optimized"));
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const scores = evaluateModel(entry.name, model, truth, { ...base, seed, optimized: seed === firstSeed ? optimized : [] });
    for (const s of scores) {
      if (!s.judged || (seed !== firstSeed && !/^(shifted|stripped|generic|reordered|renamed)/.test(s.variant))) continue;
      const set = holdout.has(entry.name) ? "held out" : "tuned";
      const key = `${set}\u0000${s.variant}`;
      (judged.get(key) ?? judged.set(key, { set, variant: s.variant, j: [] }).get(key)!).j.push(s.judged);
    }
    raw.push({ model: entry.name, seed, scores });
    for (const s of scores) {
      // Variants that do not depend on the seed are counted once.
      const deterministic = !/^(shifted|stripped|generic|reordered|renamed)/.test(s.variant);
      if (deterministic && seed !== firstSeed) continue;
      const key = `${entry.name}\u0000${s.variant}`;
      const p = pooled.get(key) ?? { model: entry.name, variant: s.variant, damaged: 0, cases: 0, unresolved: 0, hits: 0, hasAccuracy: false, precision: [], recall: [], ms: [], notes: [] };
      p.damaged += s.damaged;
      p.cases += s.cases;
      p.unresolved += s.unresolved;
      if (s.accuracy !== undefined) {
        p.hits += s.accuracy * s.damaged;
        p.hasAccuracy = true;
      }
      if (s.precision !== undefined) p.precision.push(s.precision);
      if (s.recall !== undefined) p.recall.push(s.recall);
      p.ms.push(s.ms);
      if (seed === firstSeed) p.notes = s.notes;
      pooled.set(key, p);
    }
  }
  process.stderr.write(`evaluated ${entry.name}\n`);
}

const fmt = (x: number | undefined) => (x === undefined ? "" : x.toFixed(4));
const rows: string[][] = [["model", "variant", "damaged", "cases", "unresolved", "precision", "recall", "accuracy", "ms", "notes"]];
for (const p of pooled.values()) {
  rows.push([
    p.model,
    p.variant,
    String(p.damaged),
    String(p.cases),
    String(p.unresolved),
    p.precision.length ? fmt(Math.min(...p.precision)) : "",
    p.recall.length ? fmt(Math.min(...p.recall)) : "",
    p.hasAccuracy ? fmt(p.damaged ? p.hits / p.damaged : 1) : "",
    median(p.ms).toFixed(1),
    p.notes.join("; "),
  ]);
}
process.stdout.write(`seeds ${firstSeed}..${firstSeed + seeds - 1}; random variants pooled over the seeds; precision and recall: the lowest seed; ms: median analysis time\n\n`);
printTable(rows);

process.stdout.write("\npooled over the corpus (accuracy weighted by damaged nodes; precision and recall: the lowest model and seed)\n");
const byVariant = new Map<string, Pooled[]>();
for (const p of pooled.values()) (byVariant.get(p.variant) ?? byVariant.set(p.variant, []).get(p.variant)!).push(p);
for (const [variant, ps] of byVariant) {
  const damaged = ps.reduce((s, p) => s + p.damaged, 0);
  const parts = [`${variant}: damaged ${damaged}`, `cases ${ps.reduce((s, p) => s + p.cases, 0)}`, `unresolved ${ps.reduce((s, p) => s + p.unresolved, 0)}`];
  if (ps.some((p) => p.hasAccuracy) && damaged > 0) parts.push(`accuracy ${(ps.reduce((s, p) => s + p.hits, 0) / damaged).toFixed(4)}`);
  const pr = ps.flatMap((p) => p.precision);
  const rc = ps.flatMap((p) => p.recall);
  if (pr.length) parts.push(`precision ${Math.min(...pr).toFixed(4)}`);
  if (rc.length) parts.push(`recall ${Math.min(...rc).toFixed(4)}`);
  process.stdout.write(parts.join(", ") + "\n");
}
if (values.json) writeFileAtomic(values.json, toJson({ options: { ...base, now: undefined, verbose: undefined, seed: firstSeed, seeds }, runs: raw }));

// Attribution against ground truth: accuracy, silent errors (wrong at or above the threshold),
// flagged ones, phantom modules; per variant, tuned and held-out architectures apart.
process.stdout.write(`\nattribution against ground truth (held out of tuning: ${[...holdout].join(", ") || "none"}; threshold ${base.threshold})\n`);
const jrows: string[][] = [["set", "variant", "nodes", "accuracy", "silent", "flagged", "unattributed", "coarse", "phantoms", "truth not in tree", "inserted by rule"]];
const pct = (a: number, b: number) => (b === 0 ? "" : `${((100 * a) / b).toFixed(2)}%`);
const calibration = new Map<string, [number, boolean, string][]>();
for (const { set, variant, j } of [...judged.values()].sort((a, b) => (a.set < b.set ? -1 : a.set > b.set ? 1 : 0))) {
  const sum = (f: (x: Judgement) => number) => total(j, f);
  const n = sum((x) => x.withTruth);
  const ins = j.filter((x) => x.inserted);
  jrows.push([
    set,
    variant,
    String(n),
    n ? (sum((x) => x.right) / n).toFixed(4) : "",
    `${sum((x) => x.silent)} (${pct(sum((x) => x.silent), n)})`,
    String(sum((x) => x.flagged)),
    String(sum((x) => x.unattributed)),
    String(sum((x) => x.ancestor)),
    String(new Set(j.flatMap((x) => x.phantoms)).size),
    String(sum((x) => x.absent)),
    ins.length ? `${sum((x) => x.inserted?.right ?? 0)}/${sum((x) => x.inserted?.total ?? 0)}` : "",
  ]);
  const c = calibration.get(set) ?? calibration.set(set, []).get(set)!;
  for (const x of j) for (const smp of x.samples) c.push(smp);
}
printTable(jrows);

// Per architecture, for the variants that take evidence away. What limits a model shows in how
// many of its wrong answers name a module while the truth module is not in the report's tree at
// all (no evidence and no inference put it there: naming it would have meant inventing it).
process.stdout.write(`\nper architecture, variants that take evidence away (truth not in tree: wrong answers whose truth module the report's tree lacks)\n`);
const arows: string[][] = [["model", "set", "variant", "nodes", "accuracy", "silent", "wrong", "truth not in tree"]];
const perModel = new Map<string, { model: string; variant: string; j: Judgement[] }>();
for (const run of raw) {
  for (const s of run.scores) {
    if (!s.judged || !/^(stripped|generic)/.test(s.variant)) continue;
    const key = `${run.model}\u0000${s.variant}`;
    (perModel.get(key) ?? perModel.set(key, { model: run.model, variant: s.variant, j: [] }).get(key)!).j.push(s.judged);
  }
}
for (const { model, variant, j } of [...perModel.values()].sort((a, b) => (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : a.model < b.model ? -1 : a.model > b.model ? 1 : 0))) {
  const sum = (f: (x: Judgement) => number) => total(j, f);
  const n = sum((x) => x.withTruth);
  arows.push([
    model,
    holdout.has(model) ? "held out" : "tuned",
    variant,
    String(n),
    n ? (sum((x) => x.right) / n).toFixed(3) : "",
    `${sum((x) => x.silent)} (${pct(sum((x) => x.silent), n)})`,
    String(n - sum((x) => x.right)),
    String(sum((x) => x.absent)),
  ]);
}
printTable(arows);

// Calibration: a stated confidence is a claim about how often the answer is right.
const BINS = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001];
for (const [set, samples] of calibration) {
  process.stdout.write(`\ncalibration (${set}): inferred answers by stated confidence\n`);
  const rows = [["stated", "answers", "mean stated", "share right", "gap"]];
  for (let b = 0; b < BINS.length - 1; b++) {
    const inBin = samples.filter(([c]) => c >= BINS[b]! && c < BINS[b + 1]!);
    if (inBin.length === 0) continue;
    const mean = inBin.reduce((s, [c]) => s + c, 0) / inBin.length;
    const right = inBin.filter(([, r]) => r).length / inBin.length;
    rows.push([`[${BINS[b]!.toFixed(2)}, ${Math.min(1, BINS[b + 1]!).toFixed(2)}${b === BINS.length - 2 ? "]" : ")"}`, String(inBin.length), mean.toFixed(3), right.toFixed(3), (right - mean).toFixed(3)]);
  }
  const byBasis = new Map<string, [number, boolean, string][]>();
  for (const x of samples) (byBasis.get(x[2]) ?? byBasis.set(x[2], []).get(x[2])!).push(x);
  for (const [basis, xs] of [...byBasis].sort()) {
    const mean = xs.reduce((s, [c]) => s + c, 0) / xs.length;
    const right = xs.filter(([, r]) => r).length / xs.length;
    rows.push([`by ${basis}`, String(xs.length), mean.toFixed(3), right.toFixed(3), (right - mean).toFixed(3)]);
  }
  printTable(rows);
}
