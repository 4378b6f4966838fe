// Bundles the action entry (dist/index.js) and the CLI (dist/cli.js) with esbuild.
// Deterministic: same sources and lockfile give byte-identical output (CI checks dist/ is fresh).
// onnxruntime-node stays external: it is native and is installed at run time when a step needs it.
import { build } from "esbuild";
import fs from "node:fs";

const shared = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  external: ["onnxruntime-node"],
  legalComments: "none",
  logLevel: "warning",
  // CommonJS dependencies (@actions/*) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};

const entries = [
  { in: "src/action/main.ts", out: "dist/index.js" },
  { in: "src/eval/main.ts", out: "dist/eval.js" },
];
// Benchmark entry: the pipeline as a library, for in-process timing. Not part of the action.
const benchEntries = [
  { in: "src/pipeline.ts", out: ".cache/lib/pipeline.js" },
  { in: "src/eval/examples.ts", out: ".cache/lib/examples.js" },
];

fs.mkdirSync("dist", { recursive: true });
// The CLI is split at its dynamic imports, so `inspect` loads neither the HTML renderer nor
// onnxruntime glue: start-up is most of the time of a quick command.
fs.rmSync("dist/cli-chunks", { recursive: true, force: true });
await build({
  ...shared,
  entryPoints: { cli: "src/cli/bin.ts" },
  outdir: "dist",
  splitting: true,
  chunkNames: "cli-chunks/[name]-[hash]",
});
const cli = fs.readFileSync("dist/cli.js", "utf8");
fs.writeFileSync("dist/cli.js", "#!/usr/bin/env node\n" + cli);
fs.chmodSync("dist/cli.js", 0o755);
for (const e of [...entries, ...(process.env.BUNDLE_TOOLS ? benchEntries : [])]) {
  if (!fs.existsSync(e.in)) continue;
  await build({
    ...shared,
    entryPoints: [e.in],
    outfile: e.out,
  });
}
// dist/ is ESM regardless of where it is copied to.
fs.writeFileSync("dist/package.json", JSON.stringify({ type: "module" }, null, 2) + "\n");
