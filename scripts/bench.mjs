// `npm run bench`: speed and memory of the loader and the engine, printed in one run.
//
// - `modelexport inspect` against `python3 -c "import onnx; onnx.load(...)"` on a BERT-large-shaped
//   export with embedded weights (~1.3 GB) and on a narrow model of 10,000+ nodes: wall time and
//   peak RSS of each process, median of several runs.
// - `analyzeModel` on the narrow model, in process: median wall time.
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
