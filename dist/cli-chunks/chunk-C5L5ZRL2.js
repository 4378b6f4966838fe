import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  UserError
} from "./chunk-UWEOBCVG.js";

// src/adapters/fs/write.ts
import fs from "node:fs";
import path from "node:path";
function writeFileAtomic(file, data) {
  const dir = path.dirname(path.resolve(file));
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UserError(`${file}: cannot create folder '${dir}': ${err.code ?? err.message}`);
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new UserError(`${file}: cannot write: ${err.code ?? err.message}`);
  }
}
function toJson(value) {
  return JSON.stringify(value, null, 2) + "\n";
}

export {
  writeFileAtomic,
  toJson
};
