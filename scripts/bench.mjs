// `npm run bench`: speed and memory of the loader and the engine, printed in one run.
//
// - `modelexport inspect` against `python3 -c "import onnx; onnx.load(...)"` on a BERT-large-shaped
//   export with embedded weights (~1.3 GB) and on a narrow model of 10,000+ nodes: wall time and
//   peak RSS of each process, median of several runs.
// - `analyzeModel` on the narrow model, in process: median wall time.
// - A model-zoo audit (the bench models and the corpus) run whole, and split into 3 shards then
//   merged: wall time of each, so the matrix's wall time (slowest shard + merge) can be compared.
//
// The bench models are real torch exports, generated once into .cache/bench by corpus/generate.py.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const PY = "/usr/bin/python3";
const dir = path.resolve(process.env.BENCH_DIR ?? ".cache/bench");
const runs = Number(process.env.BENCH_RUNS ?? 5);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

if (!fs.existsSync(path.join(dir, "index.json"))) {
  process.stderr.write(`bench: generating benchmark models into ${dir} (a few minutes, once)\n`);
  execFileSync(PY, ["corpus/generate.py", "--bench", "--no-test-data", "--out", dir], { stdio: "inherit" });
}
execFileSync("node", ["scripts/bundle.mjs"], { stdio: "inherit", env: { ...process.env, BUNDLE_TOOLS: "1" } });

/** Wall seconds and peak RSS (MB) of one command, measured by GNU time. */
function measure(cmd, args) {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", cmd, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  const last = r.stderr.trim().split("\n").at(-1).split(" ");
  return { seconds: Number(last[0]), mb: Number(last[1]) / 1024 };
}

const models = [
  ["bert_large.onnx", "BERT-large shape, embedded weights"],
  ["narrow_deep.onnx", "narrow, 10,000+ nodes"],
];
const rows = [];
for (const [file, what] of models) {
  const p = path.join(dir, file);
  const size = fs.statSync(p).size;
  // Warm the page cache so both tools read from memory, not disk.
  fs.readFileSync(p).length;
  const ours = [];
  const theirs = [];
  for (let i = 0; i < runs; i++) {
    ours.push(measure("node", ["dist/cli.js", "inspect", "--json", p]));
    theirs.push(measure(PY, ["-c", `import onnx; onnx.load(${JSON.stringify(p)})`]));
  }
  const o = { s: median(ours.map((x) => x.seconds)), mb: median(ours.map((x) => x.mb)) };
  const t = { s: median(theirs.map((x) => x.seconds)), mb: median(theirs.map((x) => x.mb)) };
  rows.push({ file, what, size, o, t });
}

// The engine alone, in process, on the narrow model.
const { analyzeFiles } = await import(path.resolve(".cache/lib/pipeline.js"));
let analyzeMs;
{
  const p = path.join(dir, "narrow_deep.onnx");
  const times = [];
  let nodes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = analyzeFiles([p]);
    times.push(performance.now() - t0);
    nodes = r.models[0].counts.nodes;
  }
  analyzeMs = { median: median(times), nodes };
}

// A zoo audit, whole and split into 3 shards (each shard is a matrix job; they run one after the
// other here, so the matrix's wall time is the slowest shard plus the merge).
const corpus = path.resolve("corpus/build");
if (!fs.existsSync(path.join(corpus, "index.json"))) {
  execFileSync(PY, ["corpus/generate.py", "--out", corpus], { stdio: "inherit" });
}
const zooDir = path.resolve(".cache/bench-audit");
fs.rmSync(zooDir, { recursive: true, force: true });
fs.mkdirSync(zooDir, { recursive: true });
const zooFiles = [
  ...["bert_large.onnx", "narrow_deep.onnx"].map((f) => path.join(dir, f)),
  ...fs.readdirSync(corpus).filter((f) => f.endsWith(".onnx")).map((f) => path.join(corpus, f)),
];
const manifest = path.join(zooDir, "zoo.json");
fs.writeFileSync(
  manifest,
  JSON.stringify({ models: zooFiles.map((f) => ({ path: f, weight: Math.max(1, Math.round(fs.statSync(f).size / 1e6)) })) }),
);
const audit = { whole: [], shards: [[], [], []], merge: [] };
for (let i = 0; i < runs; i++) {
  audit.whole.push(measure("node", ["dist/cli.js", "audit", manifest, "--out", path.join(zooDir, "whole"), "--quiet"]).seconds);
  for (const k of [1, 2, 3]) {
    audit.shards[k - 1].push(measure("node", ["dist/cli.js", "audit", manifest, "--shard", `${k}/3`, "--out", path.join(zooDir, `shard-${k}`), "--quiet"]).seconds);
  }
  audit.merge.push(measure("node", ["dist/cli.js", "merge", ...[1, 2, 3].map((k) => path.join(zooDir, `shard-${k}`)), "--out", path.join(zooDir, "merged")]).seconds);
}
const same = ["report.json", "audit.json"].every((f) => fs.readFileSync(path.join(zooDir, "whole", f)).equals(fs.readFileSync(path.join(zooDir, "merged", f))));

const mb = (b) => (b / 1e6).toFixed(0);
process.stdout.write(`modelexport bench (${runs} runs each, medians; ${new Date().toISOString().slice(0, 10)})\n\n`);
process.stdout.write("model                  size MB  inspect s  inspect peak MB  onnx.load s  onnx.load peak MB  time ratio  memory ratio\n");
for (const r of rows) {
  process.stdout.write(
    `${r.file.padEnd(22)} ${mb(r.size).padStart(7)}  ${r.o.s.toFixed(3).padStart(9)}  ${r.o.mb.toFixed(0).padStart(15)}  ${r.t.s.toFixed(3).padStart(11)}  ${r.t.mb.toFixed(0).padStart(17)}  ${(r.o.s / r.t.s).toFixed(3).padStart(10)}  ${(r.o.mb / r.t.mb).toFixed(3).padStart(12)}\n`,
  );
}
if (analyzeMs) {
  process.stdout.write(`\nanalyze (load + engine, in process) narrow_deep.onnx, ${analyzeMs.nodes} nodes: median ${analyzeMs.median.toFixed(1)} ms\n`);
}
{
  const whole = median(audit.whole);
  const shards = audit.shards.map(median);
  const merge = median(audit.merge);
  const matrix = Math.max(...shards) + merge;
  process.stdout.write(
    `\naudit of ${zooFiles.length} models (${mb(zooFiles.reduce((t, f) => t + fs.statSync(f).size, 0))} MB): whole ${whole.toFixed(3)} s; ` +
      `3 shards ${shards.map((x) => x.toFixed(3)).join(" / ")} s, merge ${merge.toFixed(3)} s: matrix wall ${matrix.toFixed(3)} s ` +
      `(${(matrix / whole).toFixed(2)} of whole); merged report ${same ? "identical to" : "DIFFERENT from"} the whole run's\n`,
  );
  if (!same) process.exitCode = 1;
}
