// `npm run bench`: how the CLI's time and memory grow with the graph, side by side with Python's
// `onnx.load` plus a walk over every node, measured in the same run.
//
//   npm run bench -- [--sizes 10000,100000,500000] [--runs 5] [--big-runs 3] [--timeout 900]
//                    [--only narrow,sidecar,bert,startup,audit] [--no-build] [--json FILE]
//                    [--cache DIR] [--cli FILE]
//
// Models (generated once, cached under --cache, default .cache/bench, keyed by the generator's
// sources):
// - narrow_N: a narrow BERT-shaped torch export repeated to N nodes (scoped names, repeated
//   layers), scripts/bench/narrow.py;
// - narrow_N_htp: the same graph with a full ModelInsider sidecar (`nodes` and `modules`) whose
//   tags put 15% of the layers' nodes in the next layer;
// - bert_large: BERT-large dimensions with embedded weights (about 1.3 GB), corpus/generate.py.
// Every measurement is its own process under GNU time (wall time, CPU time, peak RSS): `modelexport
// analyze` and `modelexport inspect` against `/usr/bin/python3` loading the model with
// `onnx.load` and reading every node's name, op type, inputs, outputs and attributes (and
// `json.load` of the sidecar when there is one). Within a run the commands of a model take turns
// in a rotating order; the table gives medians. Wall time is what the ratios compare; CPU time
// (user + system) is printed beside it because on a shared machine it varies less with load. `--big-runs` applies to graphs of 200,000 nodes
// and more and to bert_large. A process that exceeds --timeout is killed and reported as `>T`,
// and that command is not repeated.
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { logLogSlope, median, parseSizes } from "./bench/stats.mjs";

const PY = "/usr/bin/python3";
const TIME = "/usr/bin/time";
const { values: opt } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000,500000" },
    runs: { type: "string", default: "5" },
    "big-runs": { type: "string", default: "3" },
    timeout: { type: "string", default: "900" },
    only: { type: "string", default: "narrow,sidecar,bert,startup,audit" },
    "no-build": { type: "boolean", default: false },
    json: { type: "string" },
    cache: { type: "string", default: ".cache/bench" },
    cli: { type: "string" },
  },
});
const positiveInt = (s, name) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a positive integer, got '${s}'`);
  return n;
};
const sizes = parseSizes(opt.sizes);
const runs = positiveInt(opt.runs, "runs");
const bigRuns = positiveInt(opt["big-runs"], "big-runs");
const timeoutS = positiveInt(opt.timeout, "timeout");
const sections = new Set(opt.only.split(",").map((s) => s.trim()));
for (const s of sections) if (!["narrow", "sidecar", "bert", "startup", "audit"].includes(s)) throw new Error(`--only: unknown section '${s}'`);
for (const f of [PY, TIME]) if (!fs.existsSync(f)) throw new Error(`bench: ${f} is missing (scripts/setup.sh installs python3-onnx and time)`);

const root = path.resolve(opt.cache);
const outDir = path.join(root, "out");
fs.mkdirSync(outDir, { recursive: true });
const log = (line) => process.stderr.write(line + "\n");

// ---- models ---------------------------------------------------------------------------------
const generatorKey = crypto.createHash("sha256");
for (const f of ["scripts/bench/narrow.py", "corpus/generate.py", "corpus/hf_models.py"]) generatorKey.update(fs.readFileSync(f));
const narrowDir = path.join(root, `narrow-${generatorKey.digest("hex").slice(0, 12)}`);
const needNarrow = sections.has("narrow") || sections.has("sidecar") || sections.has("audit");
if (needNarrow) {
  const missing = sizes.filter((n) => !fs.existsSync(path.join(narrowDir, `narrow_${n}.json`)));
  if (missing.length > 0) {
    log(`bench: generating narrow graphs of ${missing.join(", ")} nodes into ${narrowDir}`);
    execFileSync(PY, ["scripts/bench/narrow.py", "--out", narrowDir, "--nodes", missing.join(",")], { stdio: "inherit" });
  }
}
const bertLarge = path.join(root, "bert_large.onnx");
if ((sections.has("bert") || sections.has("audit")) && !fs.existsSync(bertLarge)) {
  log(`bench: generating the BERT-large-shaped model into ${root} (about a minute and 6 GB of memory, once)`);
  execFileSync(PY, ["corpus/generate.py", "--bench", "--only", "bert_large", "--no-test-data", "--out", root], { stdio: "inherit" });
}
const corpus = path.resolve("corpus/build");
if ((sections.has("startup") || sections.has("audit")) && !fs.existsSync(path.join(corpus, "index.json"))) {
  execFileSync(PY, ["corpus/generate.py", "--out", corpus], { stdio: "inherit" });
}
// The CLI under test: this checkout's, rebuilt, unless another build is named (--cli, to compare).
if (!opt["no-build"] && !opt.cli) execFileSync("node", ["scripts/bundle.mjs"], { stdio: "inherit" });

// ---- measuring ------------------------------------------------------------------------------
/** Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one process under GNU time; killed after --timeout. */
function measure(cmd, args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(TIME, ["-f", "BENCH %U %S %M", cmd, ...args], { stdio: ["ignore", "ignore", "pipe"], detached: true });
    let stderr = "";
    let timedOut = false;
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid, "SIGKILL");
    }, timeoutS * 1000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (timedOut) return resolve({ seconds: Infinity, cpu: Infinity, mb: NaN, timedOut: true });
      const m = /BENCH ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(stderr);
      if (code !== 0 || !m) return reject(new Error(`${cmd} ${args.join(" ")} failed (exit ${code}):\n${stderr.slice(-2000)}`));
      resolve({ seconds, cpu: Number(m[1]) + Number(m[2]), mb: Number(m[3]) / 1024 });
    });
  });
}

const WALK = [
  "import json, sys, onnx",
  "m = onnx.load(sys.argv[1])",
  "k = 0",
  "for n in m.graph.node:",
  "    k += len(n.name) + len(n.op_type) + len(n.input) + len(n.output) + len(n.attribute)",
  "for s in sys.argv[2:]:",
  "    with open(s, encoding='utf-8') as f:",
  "        json.load(f)",
].join("\n");

const reportDigests = new Map();
function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/**
 * One model: each run executes every command once, in an order rotated run by run. Returns the
 * medians (Infinity when a command timed out) per command.
 */
async function bench(label, commands, n) {
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  const dead = new Set();
  const keys = Object.keys(commands);
  for (let i = 0; i < n; i++) {
    const order = keys.map((_, j) => keys[(i + j) % keys.length]);
    for (const k of order) {
      if (dead.has(k)) continue;
      const { cmd, args, report } = commands[k];
      const r = await measure(cmd, args);
      samples[k].push(r);
      if (r.timedOut) {
        dead.add(k);
        log(`  ${label} ${k}: killed after ${timeoutS} s`);
        continue;
      }
      if (report) {
        const d = sha256(report);
        const key = `${label} ${k}`;
        if (reportDigests.has(key) && reportDigests.get(key) !== d) throw new Error(`${key}: the report differs between runs`);
        reportDigests.set(key, d);
      }
      log(`  ${label} ${k} run ${i + 1}/${n}: ${r.seconds.toFixed(3)} s, CPU ${r.cpu.toFixed(2)} s, ${r.mb.toFixed(0)} MB (load ${os.loadavg()[0].toFixed(2)})`);
    }
  }
  return Object.fromEntries(
    keys.map((k) => {
      const xs = samples[k];
      const ok = xs.filter((x) => !x.timedOut);
      return [k, ok.length === xs.length ? { s: median(ok.map((x) => x.seconds)), cpu: median(ok.map((x) => x.cpu)), mb: median(ok.map((x) => x.mb)), n: ok.length } : { s: Infinity, cpu: Infinity, mb: NaN, n: 0 }];
    }),
  );
}

const cli = path.resolve(opt.cli ?? "dist/cli.js");
if (!fs.existsSync(cli)) throw new Error(`bench: ${cli} does not exist (run npm run build)`);
const analyze = (file, name) => {
  const report = path.join(outDir, `${name}.json`);
  return { cmd: "node", args: [cli, "analyze", file, "--json", report, "--quiet"], report };
};
const inspect = (file) => ({ cmd: "node", args: [cli, "inspect", "--json", file] });
const python = (file, ...sidecars) => ({ cmd: PY, args: ["-c", WALK, file, ...sidecars] });
const warm = (...files) => files.forEach((f) => fs.readFileSync(f).length); // page cache, not disk

const loadStart = os.loadavg();
const started = new Date();
const rows = [];
const info = (n) => JSON.parse(fs.readFileSync(path.join(narrowDir, `narrow_${n}.json`), "utf8"));

if (sections.has("narrow")) {
  for (const n of sizes) {
    const file = path.join(narrowDir, `narrow_${n}.onnx`);
    warm(file);
    const i = info(n);
    log(`narrow_${n} (${i.nodes} nodes, ${i.layers} layers)`);
    const m = await bench(`narrow_${n}`, { analyze: analyze(file, `narrow_${n}`), inspect: inspect(file), python: python(file) }, n >= 200_000 ? bigRuns : runs);
    rows.push({ group: "narrow", model: `narrow_${n}`, nodes: i.nodes, bytes: i.bytes, what: `narrow, ${i.layers} layers`, m });
  }
}
if (sections.has("sidecar")) {
  for (const n of sizes) {
    const file = path.join(narrowDir, `narrow_${n}_htp.onnx`);
    const sidecar = path.join(narrowDir, `narrow_${n}_htp_htp_metadata.json`);
    warm(file, sidecar);
    const i = info(n);
    log(`narrow_${n}_htp (${i.nodes} nodes, sidecar ${(fs.statSync(sidecar).size / 1e6).toFixed(0)} MB, ${i.shifted} shifted tags)`);
    const m = await bench(`narrow_${n}_htp`, { analyze: analyze(file, `narrow_${n}_htp`), python: python(file, sidecar) }, n >= 200_000 ? bigRuns : runs);
    rows.push({ group: "sidecar", model: `narrow_${n}_htp`, nodes: i.nodes, bytes: i.bytes + fs.statSync(sidecar).size, what: `+ sidecar, ${i.shifted} shifted tags`, m });
  }
}
if (sections.has("bert")) {
  warm(bertLarge);
  log("bert_large");
  const m = await bench("bert_large", { analyze: analyze(bertLarge, "bert_large"), inspect: inspect(bertLarge), python: python(bertLarge) }, bigRuns);
  const nodes = JSON.parse(fs.readFileSync(path.join(outDir, "bert_large.json"), "utf8")).models[0].counts.nodes;
  rows.push({ group: "bert", model: "bert_large", nodes, bytes: fs.statSync(bertLarge).size, what: "BERT-large shape, embedded weights", m });
}

// Start-up: what a command costs before it reads a model of any size.
let startup;
if (sections.has("startup")) {
  const tiny = path.join(corpus, "bert.onnx");
  log("start-up");
  startup = await bench(
    "bert.onnx",
    {
      node: { cmd: "node", args: ["-e", ""] },
      help: { cmd: "node", args: [cli, "--help"] },
      inspect: inspect(tiny),
      analyze: analyze(tiny, "bert"),
      "python import onnx": { cmd: PY, args: ["-c", "import onnx"] },
      python: python(tiny),
    },
    runs * 2,
  );
}

// A zoo audit, whole and split into 3 shards (each shard is a matrix job; they run one after the
// other here, so the matrix's wall time is the slowest shard plus the merge).
let audit;
if (sections.has("audit")) {
  log("audit");
  const zooDir = path.join(root, "audit");
  fs.rmSync(zooDir, { recursive: true, force: true });
  fs.mkdirSync(zooDir, { recursive: true });
  const zooFiles = [
    bertLarge,
    path.join(narrowDir, `narrow_${sizes[0]}.onnx`),
    ...fs.readdirSync(corpus).filter((f) => f.endsWith(".onnx")).sort().map((f) => path.join(corpus, f)),
  ];
  const manifest = path.join(zooDir, "zoo.json");
  fs.writeFileSync(manifest, JSON.stringify({ models: zooFiles.map((f) => ({ path: f, weight: Math.max(1, Math.round(fs.statSync(f).size / 1e6)) })) }));
  const cmds = { whole: { cmd: "node", args: [cli, "audit", manifest, "--out", path.join(zooDir, "whole"), "--quiet"] } };
  for (const k of [1, 2, 3]) cmds[`shard ${k}`] = { cmd: "node", args: [cli, "audit", manifest, "--shard", `${k}/3`, "--out", path.join(zooDir, `shard-${k}`), "--quiet"] };
  const merge = { cmd: "node", args: [cli, "merge", ...[1, 2, 3].map((k) => path.join(zooDir, `shard-${k}`)), "--out", path.join(zooDir, "merged")] };
  const m = await bench("audit", cmds, runs);
  const mm = await bench("audit", { merge }, runs);
  const same = ["report.json", "audit.json"].every((f) => fs.readFileSync(path.join(zooDir, "whole", f)).equals(fs.readFileSync(path.join(zooDir, "merged", f))));
  audit = { models: zooFiles.length, bytes: zooFiles.reduce((t, f) => t + fs.statSync(f).size, 0), m: { ...m, ...mm }, same };
  if (!same) process.exitCode = 1;
}

// Where the time goes: one more analyze of the largest graph of each kind, with --timings (not
// part of the medians; the report's timings are the engine's own stages, in milliseconds).
const stages = [];
for (const group of ["narrow", "sidecar"]) {
  const r = rows.filter((x) => x.group === group).at(-1);
  if (!r || r.m.analyze.s === Infinity) continue;
  const file = path.join(narrowDir, `${r.model}.onnx`);
  const report = path.join(outDir, `${r.model}.timings.json`);
  const m = await measure("node", [cli, "analyze", file, "--json", report, "--quiet", "--timings"]);
  if (m.timedOut) continue;
  const t = JSON.parse(fs.readFileSync(report, "utf8")).models[0].timings ?? {};
  stages.push({ model: r.model, seconds: m.seconds, timings: t });
}

// ---- printing -------------------------------------------------------------------------------
const loadEnd = os.loadavg();
const secs = (x) => (x === Infinity ? `>${timeoutS}` : x.toFixed(x < 10 ? 3 : 1));
const mbs = (x) => (Number.isNaN(x) ? "–" : x.toFixed(0));
const ratio = (a, b) => (a === Infinity ? `>${(timeoutS / b).toFixed(0)}` : (a / b).toFixed(a / b < 1 ? 3 : 2));
const thousands = (n) => n.toLocaleString("en-US");
const out = [];
const pyVersion = execFileSync(PY, ["-c", "import onnx, google.protobuf as p; print(onnx.__version__, p.__version__)"], { encoding: "utf8" }).trim().split(" ");
out.push(
  `modelexport bench, ${started.toISOString().slice(0, 16).replace("T", " ")} UTC: node ${process.versions.node}, python onnx ${pyVersion[0]} (protobuf ${pyVersion[1]}), ` +
    `${os.cpus().length} cores; load average ${loadStart.map((x) => x.toFixed(2)).join(" ")} at the start, ${loadEnd.map((x) => x.toFixed(2)).join(" ")} at the end; ` +
    `medians of ${runs} runs (${bigRuns} for 200,000+ nodes and bert_large)`,
  "",
  "| model | nodes | MB | command | modelexport | CPU | peak MB | KB/node | Python load + walk | CPU | peak MB | time ratio | memory ratio |",
  "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
);
for (const r of rows) {
  for (const k of ["analyze", "inspect"]) {
    const o = r.m[k];
    if (!o) continue;
    const p = r.m.python;
    out.push(
      `| ${r.model} (${r.what}) | ${thousands(r.nodes)} | ${(r.bytes / 1e6).toFixed(0)} | ${k} | ${secs(o.s)} s | ${secs(o.cpu)} s | ${mbs(o.mb)} | ${Number.isNaN(o.mb) ? "–" : ((o.mb * 1024) / r.nodes).toFixed(2)} | ${secs(p.s)} s | ${secs(p.cpu)} s | ${mbs(p.mb)} | ${ratio(o.s, p.s)} | ${Number.isNaN(o.mb) ? "–" : (o.mb / p.mb).toFixed(2)} |`,
    );
  }
}
const slopes = {};
const names = { "narrow analyze": "analyze, narrow", "sidecar analyze": "analyze, with sidecar", "narrow python": "Python, narrow", "sidecar python": "Python, with sidecar" };
for (const [group, k] of [["narrow", "analyze"], ["sidecar", "analyze"], ["narrow", "python"], ["sidecar", "python"]]) {
  for (const measure of ["s", "cpu"]) {
    const pts = rows.filter((r) => r.group === group && r.m[k][measure] !== Infinity).map((r) => [r.nodes, r.m[k][measure]]);
    const s = logLogSlope(pts);
    if (s === undefined) continue;
    // Between consecutive sizes too: a fixed start-up cost flattens the fit at the small end.
    const steps = pts.slice(1).map((p, i) => ({ from: pts[i][0], to: p[0], slope: logLogSlope([pts[i], p]) }));
    (slopes[`${group} ${k}`] ??= {})[measure === "s" ? "wall" : "cpu"] = { slope: s, from: pts[0][0], to: pts.at(-1)[0], points: pts.length, steps };
  }
}
if (Object.keys(slopes).length > 0) {
  out.push("", "Log-log slope of time against nodes (1 = linear, 2 = quadratic), least squares over the sizes measured, then between consecutive sizes:");
  for (const [k, v] of Object.entries(slopes)) {
    const one = (x) => `${x.slope.toFixed(2)}` + (x.steps.length > 1 ? ` (${x.steps.map((st) => `${thousands(st.from)}→${thousands(st.to)} ${st.slope.toFixed(2)}`).join(", ")})` : "");
    const w = v.wall ?? v.cpu;
    out.push(`- ${names[k]}, ${thousands(w.from)} to ${thousands(w.to)} nodes: wall ${v.wall ? one(v.wall) : "–"}; CPU ${v.cpu ? one(v.cpu) : "–"}`);
  }
}
const marginal = [];
for (const group of ["narrow", "sidecar"]) {
  const g = rows.filter((r) => r.group === group);
  if (g.length < 2) continue;
  const [a, b] = [g[0], g.at(-1)];
  const per = (k) => (Number.isNaN(a.m[k].mb) || Number.isNaN(b.m[k].mb) ? "–" : (((b.m[k].mb - a.m[k].mb) * 1024) / (b.nodes - a.nodes)).toFixed(2));
  marginal.push(`${group === "narrow" ? "narrow" : "with sidecar"}: analyze ${per("analyze")} KB, Python ${per("python")} KB`);
}
if (marginal.length > 0) out.push("", `Peak memory per added node (${thousands(sizes[0])} to ${thousands(sizes.at(-1))} nodes): ${marginal.join("; ")}`);
if (startup) {
  out.push("", "Start-up (no model, or the 390-node corpus bert.onnx): " + Object.entries(startup).map(([k, v]) => `${k} ${secs(v.s)} s (CPU ${secs(v.cpu)} s), ${mbs(v.mb)} MB`).join("; "));
}
if (audit) {
  const shards = [1, 2, 3].map((k) => audit.m[`shard ${k}`].s);
  const matrix = Math.max(...shards) + audit.m.merge.s;
  out.push(
    "",
    `Audit of ${audit.models} models (${(audit.bytes / 1e6).toFixed(0)} MB): whole ${secs(audit.m.whole.s)} s; 3 shards ${shards.map(secs).join(" / ")} s, merge ${secs(audit.m.merge.s)} s: ` +
      `matrix wall ${secs(matrix)} s (${(matrix / audit.m.whole.s).toFixed(2)} of whole); merged report ${audit.same ? "identical to" : "DIFFERENT from"} the whole run's`,
  );
}
if (stages.length > 0) out.push("", "Stages of analyze, one more run with --timings:");
for (const st of stages) {
  const parts = Object.entries(st.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`);
  out.push(`- ${st.model}: ${parts.join(", ")} (${st.seconds.toFixed(2)} s for the whole process)`);
}

// The goals this bench exists to check, read off the figures above.
const goals = [];
const row = (group, pred) => rows.filter((r) => r.group === group && pred(r)).at(-1);
const big = (group) => row(group, (r) => r.nodes >= 400_000);
const check = (what, value, limit, fmt = (x) => x.toFixed(2)) =>
  goals.push(`- ${what}: ${value === undefined || Number.isNaN(value) ? "not measured" : `${value === Infinity ? "timed out" : fmt(value)} (at most ${fmt(limit)}) ${value <= limit ? "met" : "NOT met"}`}`);
for (const [group, limit, label] of [["narrow", 2, "narrow"], ["sidecar", 3, "with sidecar"]]) {
  const r = big(group);
  if (r) check(`analyze on ${thousands(r.nodes)} nodes, ${label}, time against Python's`, r.m.analyze.s / r.m.python.s, limit);
}
const r500 = big("narrow");
if (r500) check(`analyze peak memory on ${thousands(r500.nodes)} nodes against Python's`, r500.m.analyze.mb / r500.m.python.mb, 1.5);
for (const group of ["narrow", "sidecar"]) {
  const v = slopes[`${group} analyze`]?.wall;
  if (v && v.to >= 400_000 && v.from <= 20_000) {
    check(`slope of analyze time, ${group === "narrow" ? "narrow" : "with sidecar"}, ${thousands(v.from)} to ${thousands(v.to)} nodes`, v.slope, 1.1);
    const last = v.steps.at(-1);
    if (last && v.steps.length > 1) check(`  the same between ${thousands(last.from)} and ${thousands(last.to)} nodes`, last.slope, 1.1);
  }
}
const bert = rows.find((r) => r.group === "bert");
if (bert) {
  for (const k of ["inspect", "analyze"]) {
    check(`${k} on bert_large, time against Python's`, bert.m[k].s / bert.m.python.s, 0.1, (x) => x.toFixed(3));
    check(`${k} on bert_large, peak MB`, bert.m[k].mb, 100, (x) => x.toFixed(0));
  }
}
if (goals.length > 0) out.push("", "Goals:", ...goals);

if (reportDigests.size > 0) {
  out.push("", "Report sha256 (first 12 hex): " + [...reportDigests].map(([k, d]) => `${k.replace(/ analyze$/, "")} ${d.slice(0, 12)}`).join(", "));
}
process.stdout.write(out.join("\n") + "\n");
if (opt.json) {
  fs.writeFileSync(opt.json, JSON.stringify({ started: started.toISOString(), loadStart, loadEnd, runs, bigRuns, timeoutS, rows, slopes, stages, goals, startup, audit, reports: Object.fromEntries(reportDigests) }, (k, v) => (v === Infinity ? null : v), 1) + "\n");
}
