// Bundles the action entry (dist/index.js) and the CLI (dist/cli.js) with esbuild.
// Deterministic: same sources and lockfile give byte-identical output (CI checks dist/ is fresh).
// onnxruntime-node stays external: it is native and is installed at run time when a step needs it.
// The bundles keep no licence comments; instead dist/licenses.txt lists every third-party package
// esbuild put into dist/ (its metafile names each input file) with the package's licence text.
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";

// The standard text, for a package that declares MIT and ships no licence file.
const MIT_TEXT = `MIT License

Copyright (c) <copyright holders>

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

const shared = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  external: ["onnxruntime-node"],
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
  // CommonJS dependencies (@actions/*) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};

const entries = [
  { in: "src/action/main.ts", out: "dist/index.js" },
  { in: "src/eval/main.ts", out: "dist/eval.js" },
];
// A tool entry (BUNDLE_TOOLS=1): the bundled examples' generator for scripts/make-examples.mjs. Not part of the action.
const toolEntries = [{ in: "src/eval/examples.ts", out: ".cache/lib/examples.js" }];

fs.mkdirSync("dist", { recursive: true });
// The CLI is split at its dynamic imports, so `inspect` loads neither the HTML renderer nor
// onnxruntime glue: start-up is most of the time of a quick command.
fs.rmSync("dist/cli-chunks", { recursive: true, force: true });
const distInputs = new Set();
const collect = (result) => Object.keys(result.metafile.inputs).forEach((f) => distInputs.add(f));
collect(await build({
  ...shared,
  entryPoints: { cli: "src/cli/bin.ts" },
  outdir: "dist",
  splitting: true,
  chunkNames: "cli-chunks/[name]-[hash]",
}));
const cli = fs.readFileSync("dist/cli.js", "utf8");
fs.writeFileSync("dist/cli.js", "#!/usr/bin/env node\n" + cli);
fs.chmodSync("dist/cli.js", 0o755);
for (const e of [...entries, ...(process.env.BUNDLE_TOOLS ? toolEntries : [])]) {
  if (!fs.existsSync(e.in)) continue;
  const result = await build({
    ...shared,
    entryPoints: [e.in],
    outfile: e.out,
  });
  if (e.out.startsWith("dist/")) collect(result);
}
fs.writeFileSync("dist/licenses.txt", licenceList(distInputs));
// dist/ is ESM regardless of where it is copied to.
fs.writeFileSync("dist/package.json", JSON.stringify({ type: "module" }, null, 2) + "\n");

/** The package folder an input file belongs to (the innermost node_modules/<name>), or null for ours. */
function packageDir(input) {
  const parts = input.split("/");
  const i = parts.lastIndexOf("node_modules");
  if (i < 0) return null;
  const n = parts[i + 1]?.startsWith("@") ? 3 : 2;
  return parts.slice(0, i + n).join("/");
}

/** Every bundled package, sorted by name and version, with its licence field and licence files. */
function licenceList(inputs) {
  const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;
  const dirs = [...new Set([...inputs].map(packageDir).filter((d) => d !== null))];
  const packages = dirs.map((dir) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    const license = typeof manifest.license === "string" ? manifest.license : manifest.license?.type ?? (manifest.licenses ?? []).map((l) => l.type).join(" OR ");
    const files = fs
      .readdirSync(dir)
      .filter((f) => LICENCE_FILE.test(f) && fs.statSync(path.join(dir, f)).isFile())
      .sort();
    const author = typeof manifest.author === "string" ? manifest.author : manifest.author?.name;
    let text = files.map((f) => `\n--- ${f} ---\n\n${fs.readFileSync(path.join(dir, f), "utf8").replace(/\r\n/g, "\n").trimEnd()}\n`).join("");
    if (files.length === 0) {
      // A package that declares a licence but ships no file: the licence's standard text, with the
      // author the package names. Only licences whose text is kept here; any other stops the build.
      if (license !== "MIT" || !author) throw new Error(`${dir}: bundled into dist/, but the package has no licence file (license ${license || "not given"})`);
      text = `\n--- the ${license} licence (package.json; the package ships no licence file) ---\n\n${MIT_TEXT.replace("<copyright holders>", author)}\n`;
    }
    return { name: manifest.name, version: manifest.version, license: license || "(none given)", text };
  });
  const seen = new Set();
  const unique = packages
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0))
    .filter((p) => !seen.has(`${p.name}@${p.version}`) && seen.add(`${p.name}@${p.version}`));
  const rule = "=".repeat(78);
  let out =
    "Third-party software bundled into this folder's JavaScript (dist/), with each package's licence.\n" +
    `Made by scripts/bundle.mjs from the bundler's list of inputs: ${unique.length} packages.\n`;
  out += "\n" + unique.map((p) => `  ${p.name}@${p.version} (${p.license})`).join("\n") + "\n";
  for (const p of unique) out += `\n${rule}\n${p.name}@${p.version}\nLicense: ${p.license}\n${p.text}`;
  return out;
}
