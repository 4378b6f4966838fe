/**
 * ONNX Runtime's optimizer output for the evaluation: the graphs people deploy. Made once per
 * corpus model and level with onnxruntime-node (`optimizedModelFilePath`), cached in `cacheDir`
 * under a name that carries the source's size and modification time.
 */
import fs from "node:fs";
import path from "node:path";
import { loadModelFile } from "../adapters/fs/model-file.js";
import { loadRuntime } from "../adapters/onnxruntime/runtime.js";
import type { OnnxModel } from "../load/model.js";

export const OPTIMIZATION_LEVELS = ["basic", "extended"] as const;

export async function optimizedVariants(file: string, cacheDir: string): Promise<[string, OnnxModel][]> {
  const ort = await loadRuntime();
  const stat = fs.statSync(file);
  const base = path.basename(file, ".onnx");
  fs.mkdirSync(cacheDir, { recursive: true });
  const out: [string, OnnxModel][] = [];
  for (const level of OPTIMIZATION_LEVELS) {
    const target = path.join(cacheDir, `${base}.${level}.${stat.size}-${Math.floor(stat.mtimeMs)}.onnx`);
    if (!fs.existsSync(target)) {
      const tmp = `${target}.tmp-${process.pid}.onnx`;
      const session = await ort.InferenceSession.create(file, { executionProviders: ["cpu"], logSeverityLevel: 4, graphOptimizationLevel: level, optimizedModelFilePath: tmp });
      await session.release();
      fs.renameSync(tmp, target);
    }
    out.push([`ONNX Runtime ${level}`, loadModelFile(target).model]);
  }
  return out;
}
