// Regenerates examples/ from the generated corpus (corpus/build). The output is committed.
import { execFileSync } from "node:child_process";
import path from "node:path";

execFileSync("node", ["scripts/bundle.mjs"], { stdio: "inherit", env: { ...process.env, BUNDLE_TOOLS: "1" } });
const { makeExamples } = await import(path.resolve(".cache/lib/examples.js"));
for (const f of makeExamples("corpus/build", "examples")) process.stdout.write(`examples/${f}\n`);
