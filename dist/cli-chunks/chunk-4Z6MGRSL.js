import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  UserError
} from "./chunk-THEZH5GJ.js";

// src/adapters/fs/write.ts
import fs from "node:fs";
import path from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
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
    const x = v[k];
    if (x !== null && typeof x === "object" && Object.prototype.hasOwnProperty.call(v, k) && streamed(x, depth + 1)) return true;
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
    const depth = indent.length / 2;
    if (Array.isArray(v) && streamed(v, depth)) {
      const inner = indent + "  ";
      write("[\n");
      for (let i = 0; i < v.length; ) {
        if (streamed(v[i], depth + 1)) {
          write(inner);
          emit(v[i], inner);
        } else {
          let end = i + 1;
          while (end < v.length && end - i < BATCH && !streamed(v[end], depth + 1)) end++;
          write(elementsText(v.slice(i, end), inner.length / 2));
          i = end - 1;
        }
        write(++i < v.length ? ",\n" : "\n");
      }
      write(indent + "]");
      return;
    }
    if (streamed(v, depth)) {
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
var FILE_BLOCK = 2 << 20;
var RING_BLOCKS = 4;
var SIGNAL = 0;
var WRITTEN = 1;
var LENGTHS = 2;
var RING_WRITER_SOURCE = `
const fs = require("node:fs");
const { workerData } = require("node:worker_threads");
const { fd, ring, control, blockBytes, blocks, errors } = workerData;
const words = new Int32Array(control);
const bytes = new Uint8Array(ring);
for (let written = 0; ; ) {
  const signal = Atomics.load(words, ${SIGNAL});
  if (written < signal >> 1) {
    const k = written % blocks;
    const length = words[${LENGTHS} + k];
    try {
      for (let at = 0; at < length; ) at += fs.writeSync(fd, bytes, k * blockBytes + at, length - at);
    } catch (err) {
      errors.postMessage(String(err.code || err.message));
      Atomics.store(words, ${WRITTEN}, -1);
      Atomics.notify(words, ${WRITTEN});
      break;
    }
    Atomics.store(words, ${WRITTEN}, ++written);
    Atomics.notify(words, ${WRITTEN});
  } else if (signal & 1) break;
  else Atomics.wait(words, ${SIGNAL}, signal);
}
`;
var RingWriteError = class extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
};
var RingWriter = class {
  control = new SharedArrayBuffer(4 * (LENGTHS + RING_BLOCKS));
  words = new Int32Array(this.control);
  ring = new SharedArrayBuffer(FILE_BLOCK * RING_BLOCKS);
  errors = new MessageChannel();
  filled = 0;
  failure;
  constructor(fd) {
    const worker = new Worker(RING_WRITER_SOURCE, {
      eval: true,
      workerData: { fd, ring: this.ring, control: this.control, blockBytes: FILE_BLOCK, blocks: RING_BLOCKS, errors: this.errors.port2 },
      transferList: [this.errors.port2]
    });
    worker.unref();
  }
  /** The next block to fill, once the thread has written what was in it. */
  nextBlock() {
    for (let written = this.written(); this.filled - written >= RING_BLOCKS; written = this.written()) {
      Atomics.wait(this.words, WRITTEN, written);
    }
    return Buffer.from(this.ring, this.filled % RING_BLOCKS * FILE_BLOCK, FILE_BLOCK);
  }
  /** Hand the block `nextBlock` gave, holding `length` bytes, to the thread. */
  submit(length) {
    this.words[LENGTHS + this.filled % RING_BLOCKS] = length;
    this.filled++;
    Atomics.store(this.words, SIGNAL, 2 * this.filled);
    Atomics.notify(this.words, SIGNAL);
  }
  /** Wait until every submitted block is written; the thread then exits. */
  finish() {
    Atomics.store(this.words, SIGNAL, 2 * this.filled + 1);
    Atomics.notify(this.words, SIGNAL);
    for (let written = this.written(); written < this.filled; written = this.written()) Atomics.wait(this.words, WRITTEN, written);
    this.errors.port1.close();
  }
  written() {
    const written = Atomics.load(this.words, WRITTEN);
    if (written < 0) {
      if (!this.failure) {
        const code = receiveMessageOnPort(this.errors.port1)?.message;
        this.errors.port1.close();
        this.failure = new RingWriteError(typeof code === "string" ? code : "write failed");
      }
      throw this.failure;
    }
    return written;
  }
};
function writeJsonToFile(value, fd) {
  let ring;
  const first = Buffer.allocUnsafe(FILE_BLOCK);
  let block = first;
  let used = 0;
  const flush = () => {
    if (!ring) {
      ring = new RingWriter(fd);
      first.copy(ring.nextBlock(), 0, 0, used);
    }
    ring.submit(used);
    block = ring.nextBlock();
    used = 0;
  };
  const put = (piece) => {
    if (used + 3 * piece.length > FILE_BLOCK && used > 0) flush();
    if (3 * piece.length <= FILE_BLOCK) {
      used += block.write(piece, used, "utf8");
      return;
    }
    const bytes = Buffer.from(piece, "utf8");
    for (let at = 0; at < bytes.length; ) {
      if (used === FILE_BLOCK) flush();
      const n = bytes.copy(block, used, at, Math.min(bytes.length, at + FILE_BLOCK - used));
      used += n;
      at += n;
    }
  };
  try {
    writeJson(value, put);
  } finally {
    if (ring) {
      ring.submit(used);
      ring.finish();
    }
  }
  if (!ring) for (let at = 0; at < used; ) at += fs.writeSync(fd, first, at, used - at);
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
