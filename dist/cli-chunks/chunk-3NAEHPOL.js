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
          writeJsonToFile(output.json, fd);
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
var BATCH = 512;
var STREAMED_DEPTH = 6;
function streamed(v, depth = 0) {
  if (v === null || typeof v !== "object") return false;
  if (Array.isArray(v)) {
    if (v.length > STREAMED_ARRAY) return true;
    if (depth < STREAMED_DEPTH) {
      for (const x of v) if (streamed(x, depth + 1)) return true;
    }
    return false;
  }
  if (depth >= STREAMED_DEPTH) return false;
  for (const k in v) {
    if (Object.prototype.hasOwnProperty.call(v, k) && streamed(v[k], depth + 1)) return true;
  }
  return false;
}
function elementsText(elements, depth) {
  let wrapped = elements;
  let brackets = 2;
  for (let k = 1; k < depth; k++) {
    wrapped = [wrapped];
    brackets += 2 * k + 2;
  }
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(brackets, text.length - brackets);
}
function writeJson(value, write) {
  const emit = (v, indent) => {
    if (Array.isArray(v) && streamed(v)) {
      const inner = indent + "  ";
      write("[\n");
      for (let i = 0; i < v.length; ) {
        if (streamed(v[i])) {
          write(inner);
          emit(v[i], inner);
        } else {
          let end = i + 1;
          while (end < v.length && end - i < BATCH && !streamed(v[end])) end++;
          write(elementsText(v.slice(i, end), inner.length / 2));
          i = end - 1;
        }
        write(++i < v.length ? ",\n" : "\n");
      }
      write(indent + "]");
      return;
    }
    if (streamed(v)) {
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
  let pieces = [];
  let size = 0;
  writeJson(value, (chunk) => {
    pieces.push(chunk);
    size += chunk.length;
    if (size >= 1 << 20) {
      sink(pieces.join(""));
      pieces = [];
      size = 0;
    }
  });
  if (size > 0) sink(pieces.join(""));
}
var FILE_BLOCK = 8 << 20;
function writeJsonToFile(value, fd) {
  const block = Buffer.allocUnsafe(FILE_BLOCK);
  let used = 0;
  const writeAll = (bytes, length) => {
    for (let at = 0; at < length; ) at += fs.writeSync(fd, bytes, at, length - at);
  };
  writeJson(value, (piece) => {
    if (used + 3 * piece.length > FILE_BLOCK) {
      writeAll(block, used);
      used = 0;
    }
    if (3 * piece.length <= FILE_BLOCK) used += block.write(piece, used, "utf8");
    else {
      const bytes = Buffer.from(piece, "utf8");
      writeAll(bytes, bytes.length);
    }
  });
  writeAll(block, used);
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
