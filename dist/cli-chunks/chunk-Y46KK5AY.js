import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  UserError
} from "./chunk-THEZH5GJ.js";

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
function writeFilesAtomic(outputs) {
  const seen = /* @__PURE__ */ new Set();
  for (const { file } of outputs) {
    const abs = path.resolve(file);
    if (seen.has(abs)) throw new UserError(`${file}: given for two outputs`);
    seen.add(abs);
    if (fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`${file}: cannot write: it is a directory`);
  }
  const staged = [];
  const renamed = [];
  const undo = () => {
    for (const { tmp } of staged) fs.rmSync(tmp, { force: true });
    for (const file of renamed) fs.rmSync(file, { force: true });
  };
  let current = "";
  try {
    for (const output of outputs) {
      const { file } = output;
      current = file;
      const dir = path.dirname(path.resolve(file));
      fs.mkdirSync(dir, { recursive: true });
      const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
      staged.push({ tmp, file });
      if ("json" in output) {
        const fd = fs.openSync(tmp, "w");
        try {
          writeJsonBuffered(output.json, (block) => fs.writeSync(fd, block));
        } finally {
          fs.closeSync(fd);
        }
      } else fs.writeFileSync(tmp, output.data);
    }
    for (const { tmp, file } of staged) {
      current = file;
      fs.renameSync(tmp, file);
      renamed.push(file);
    }
  } catch (err) {
    undo();
    throw new UserError(`${current}: cannot write: ${err.code ?? err.message}`);
  }
}
function toJson(value) {
  return JSON.stringify(value, null, 2) + "\n";
}
var STREAMED_ARRAY = 256;
function writeJson(value, write) {
  const emit = (v, indent) => {
    if (Array.isArray(v) && v.length > STREAMED_ARRAY) {
      const inner = indent + "  ";
      write("[\n");
      v.forEach((el, i) => {
        write(inner);
        emit(el === void 0 || typeof el === "function" ? null : el, inner);
        write(i < v.length - 1 ? ",\n" : "\n");
      });
      write(indent + "]");
      return;
    }
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.values(v).some((x) => Array.isArray(x) && x.length > STREAMED_ARRAY)) {
      const inner = indent + "  ";
      const entries = Object.entries(v).filter(([, x]) => x !== void 0 && typeof x !== "function");
      if (entries.length === 0) return write("{}");
      write("{\n");
      entries.forEach(([k, x], i) => {
        write(`${inner}${JSON.stringify(k)}: `);
        emit(x, inner);
        write(i < entries.length - 1 ? ",\n" : "\n");
      });
      write(indent + "}");
      return;
    }
    const text = JSON.stringify(v, null, 2);
    write(indent === "" ? text : text.replace(/\n/g, "\n" + indent));
  };
  emit(value, "");
  write("\n");
}
function writeJsonBuffered(value, sink) {
  let buffer = "";
  writeJson(value, (chunk) => {
    buffer += chunk;
    if (buffer.length >= 1 << 20) {
      sink(buffer);
      buffer = "";
    }
  });
  if (buffer !== "") sink(buffer);
}
function printJson(value) {
  writeJsonBuffered(value, (block) => process.stdout.write(block));
}

export {
  writeFileAtomic,
  writeFilesAtomic,
  toJson,
  printJson
};
