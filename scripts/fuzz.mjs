// `npm run fuzz -- [--mutants N] [--seed S] [--parallel P] [--only structural|mutants] [--keep DIR] [--cli FILE]`
//
// Runs the built CLI (dist/cli.js; `npm run build` first) on the structural hostile cases and
// on N seeded mutants of the corpus models (corpus/build) and the ONNX conformance models
// (/usr/share/libonnx-testdata/data): `inspect --json`, `analyze --json --html --badge` and
// text `inspect`, each under a 10 s limit and a 4 GB address-space cap. Prints every case that
// crashed, ran over 10 s, printed a workflow command or raw control characters, or left outputs
// behind on error; then the totals and the worst peak memory. Exit 1 when any case failed.
// --keep DIR copies the model of each failing case there, to keep as a regression fixture.
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    mutants: { type: "string", default: "2000" },
    seed: { type: "string", default: "1" },
    parallel: { type: "string", default: "2" },
    only: { type: "string" },
    keep: { type: "string" },
    timeout: { type: "string", default: "10" },
    cli: { type: "string", default: "dist/cli.js" },
  },
});
const count = Number(values.mutants);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 0 || !Number.isInteger(seed)) {
  process.stderr.write("fuzz: --mutants and --seed take whole numbers\n");
  process.exit(2);
}
const cli = path.resolve(values.cli);
if (!fs.existsSync(cli)) {
  process.stderr.write(`fuzz: ${values.cli} is missing: run \`npm run build\` first\n`);
  process.exit(2);
}

// The case generator and runner are the test suite's own (TypeScript): bundle them once.
const lib = path.resolve(".cache/lib/fuzz.js");
await build({
  stdin: {
    contents: `export * from "./test/support/fuzz-cases.ts"; export * from "./test/support/fuzz-run.ts";`,
    resolveDir: process.cwd(),
    loader: "ts",
  },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: lib,
  logLevel: "warning",
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
const { structuralCases, mutants, fuzzSources, runCases, writeCase } = await import(lib);

const cases = [];
if (values.only !== "mutants") cases.push(...structuralCases());
if (values.only !== "structural") {
  const sources = fuzzSources({ corpus: "corpus/build", conformance: "/usr/share/libonnx-testdata/data" });
  process.stderr.write(`fuzz: ${sources.length} source models, ${count} mutants (seed ${seed})\n`);
  cases.push(...mutants(sources, count, seed));
}

const started = Date.now();
let done = 0;
let worst = { peakMb: 0, name: "" };
let slowest = { seconds: 0, name: "" };
const failed = [];
const kinds = { crash: 0, slow: 0, leftover: 0, injection: 0, other: 0 };
const byName = new Map(cases.map((c) => [c.name, c]));
await runCases(cases, {
  cli,
  timeoutMs: Number(values.timeout) * 1000,
  parallel: Number(values.parallel),
  onResult: (r) => {
    done++;
    if (r.peakMb > worst.peakMb) worst = { peakMb: r.peakMb, name: r.name };
    for (const s of r.steps) if (s.seconds > slowest.seconds) slowest = { seconds: s.seconds, name: `${r.name} (${s.command})` };
    if (r.problems.length > 0) {
      failed.push(r);
      for (const p of r.problems) {
        if (/crashed/.test(p)) kinds.crash++;
        else if (/over \d+ s/.test(p)) kinds.slow++;
        else if (/left /.test(p)) kinds.leftover++;
        else if (/workflow command|control characters|quotes/.test(p)) kinds.injection++;
        else kinds.other++;
      }
      const c = byName.get(r.name);
      process.stdout.write(`FAIL ${r.name}${c?.stage ? ` [${c.stage}]` : ""}\n${r.problems.map((p) => `  ${p}`).join("\n")}\n`);
      if (values.keep && c) {
        const d = path.join(values.keep, r.name.replace(/[^\w.-]+/g, "_").slice(0, 120));
        fs.mkdirSync(d, { recursive: true });
        writeCase(d, c);
      }
    }
    if (done % 100 === 0) process.stderr.write(`fuzz: ${done}/${cases.length} (${failed.length} failing)\n`);
  },
});

const minutes = ((Date.now() - started) / 60000).toFixed(1);
process.stdout.write(
  [
    `cases: ${cases.length} (${cases.length - count * (values.only === "structural" ? 0 : 1)} structural, ${values.only === "structural" ? 0 : count} mutants, seed ${seed}) in ${minutes} min`,
    `failing cases: ${failed.length}; crashes ${kinds.crash}, runs over ${values.timeout} s ${kinds.slow}, outputs left on error ${kinds.leftover}, injection ${kinds.injection}, other ${kinds.other}`,
    `worst peak memory: ${worst.peakMb.toFixed(0)} MB (${worst.name})`,
    `slowest run: ${slowest.seconds.toFixed(2)} s (${slowest.name})`,
  ].join("\n") + "\n",
);
process.exitCode = failed.length > 0 ? 1 : 0;
