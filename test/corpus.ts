/** Access to the generated real-model corpus and the ONNX conformance corpus for tests. */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const corpusDir = path.join(repoRoot, "corpus", "build");
export const testdataDir = "/usr/share/libonnx-testdata/data";
export const python = "/usr/bin/python3";

/** Hash of the generator sources: the corpus is rebuilt when they change. */
function generatorHash(): string {
  const h = crypto.createHash("sha256");
  for (const f of ["generate.py", "hf_models.py"]) {
    const p = path.join(repoRoot, "corpus", f);
    if (fs.existsSync(p)) h.update(fs.readFileSync(p));
  }
  return h.digest("hex").slice(0, 16);
}

export function ensureCorpus(): void {
  const stamp = path.join(corpusDir, ".stamp");
  const want = generatorHash();
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === want) return;
  fs.rmSync(corpusDir, { recursive: true, force: true });
  execFileSync(python, [path.join(repoRoot, "corpus", "generate.py"), "--out", corpusDir], { stdio: "inherit" });
  fs.writeFileSync(stamp, want);
}

export interface CorpusEntry {
  name: string;
  file: string;
  modulesFile: string;
}

export function corpusModels(): CorpusEntry[] {
  const index = JSON.parse(fs.readFileSync(path.join(corpusDir, "index.json"), "utf8")) as {
    models: { name: string; file: string }[];
  };
  return index.models.map((m) => ({
    name: m.name,
    file: path.join(corpusDir, m.file),
    modulesFile: path.join(corpusDir, m.file.replace(/\.onnx$/, ".modules.json")),
  }));
}

/** Every model.onnx of the ONNX project's backend test data (Debian's libonnx-testdata). */
export function conformanceModels(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".onnx")) out.push(p);
    }
  };
  walk(testdataDir);
  return out.sort();
}
