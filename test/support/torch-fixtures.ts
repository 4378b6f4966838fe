/**
 * Tiny torch exports for the runtime and extraction tests (test/tools/export_fixtures.py):
 * bert_tiny (encoder.layer.0-1), gpt2_tiny (h.0-2), resnet_tiny (layer1.0 ... layer2.1).
 * Exported once per version of the script into .cache/fixtures/<hash>/, atomically, so test
 * files running in parallel share one export.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { python, repoRoot } from "../corpus.js";

const script = path.join(repoRoot, "test", "tools", "export_fixtures.py");

export const FIXTURE_MODELS = ["bert_tiny", "gpt2_tiny", "resnet_tiny"] as const;
export type FixtureName = (typeof FIXTURE_MODELS)[number];

export function fixtureDir(): string {
  const hash = crypto.createHash("sha256").update(fs.readFileSync(script)).digest("hex").slice(0, 16);
  const dir = path.join(repoRoot, ".cache", "fixtures", hash);
  if (fs.existsSync(path.join(dir, "done"))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  execFileSync(python, [script, tmp], { stdio: ["ignore", "ignore", "pipe"] });
  fs.writeFileSync(path.join(tmp, "done"), "");
  try {
    fs.renameSync(tmp, dir);
  } catch {
    // Another worker got there first: its export is identical.
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

export function fixturePath(name: FixtureName): string {
  return path.join(fixtureDir(), `${name}.onnx`);
}

export interface NamedModule {
  path: string;
  class: string;
  qualname: string;
}

/** The named_modules() ground truth written next to each fixture. */
export function fixtureModules(name: FixtureName): NamedModule[] {
  return JSON.parse(fs.readFileSync(path.join(fixtureDir(), `${name}.modules.json`), "utf8")) as NamedModule[];
}
