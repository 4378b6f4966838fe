/** Writes that never leave a half-written file: write beside the target, then rename over it. */
import fs from "node:fs";
import path from "node:path";
import { UserError } from "./model-file.js";

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(path.resolve(file));
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UserError(`${file}: cannot create folder '${dir}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new UserError(`${file}: cannot write: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Stable JSON: two-space indent and a final newline, so reports diff cleanly. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}
