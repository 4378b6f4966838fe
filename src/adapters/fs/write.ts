/** Writes that never leave a half-written file: write beside the target, then rename over it. */
import fs from "node:fs";
import path from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
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

/**
 * Write several files as one: every file goes to a temporary file beside its target first,
 * then all are renamed into place. On any failure the temporary files and the targets renamed
 * so far are removed, so an error leaves none of the requested outputs behind.
 */
export function writeFilesAtomic(outputs: ({ file: string; data: string | Uint8Array } | { file: string; json: unknown })[]): void {
  const seen = new Set<string>();
  for (const { file } of outputs) {
    const abs = path.resolve(file);
    if (seen.has(abs)) throw new UserError(`${file}: given for two outputs`);
    seen.add(abs);
    if (fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`${file}: cannot write: it is a directory`);
  }
  const staged: { tmp: string; file: string }[] = [];
  const renamed: string[] = [];
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
    throw new UserError(`${current}: cannot write: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Stable JSON: two-space indent and a final newline, so reports diff cleanly. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** Arrays longer than this are written in runs of elements. */
const STREAMED_ARRAY = 256;
/** Elements per run: a few hundred kilobytes of a report's node list. */
const BATCH = 512;
/** How deep a long array is looked for (a report's node list is at depth 3: report, models, model). */
const STREAMED_DEPTH = 6;

/**
 * Whether `writeJson` writes `v` piece by piece: a long array, or an array or object holding one
 * (within a few levels). Allocates nothing: it runs for every element of a long array.
 */
function streamed(v: unknown, depth = 0): boolean {
  if (v === null || typeof v !== "object") return false;
  if (Array.isArray(v)) {
    if (v.length > STREAMED_ARRAY) return true;
    if (depth < STREAMED_DEPTH) for (const x of v) if (streamed(x, depth + 1)) return true;
    return false;
  }
  if (depth >= STREAMED_DEPTH) return false;
  for (const k in v) {
    // A primitive is never streamed: only objects are looked into (a node's result is mostly strings and numbers).
    const x = (v as Record<string, unknown>)[k];
    if (x !== null && typeof x === "object" && Object.prototype.hasOwnProperty.call(v, k) && streamed(x, depth + 1)) return true;
  }
  return false;
}

/**
 * Elements of an array as `JSON.stringify(array, null, 2)` writes them when the array's elements
 * sit `depth` levels deep: without the brackets, joined by `,\n`, the first line indented too.
 * The run is wrapped in `depth - 1` arrays so that JSON.stringify itself indents it (a
 * replace of every newline afterwards cost more than the stringify).
 */
function elementsText(elements: unknown[], depth: number): string {
  let wrapped: unknown = elements;
  let brackets = 2;
  for (let k = 1; k < depth; k++) {
    wrapped = [wrapped];
    brackets += 2 * k + 2;
  }
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(brackets, text.length - brackets);
}

/**
 * The text `toJson(value)` makes, byte for byte, handed to `write` in pieces: a report of
 * 500,000 nodes is never one 200 MB string (nor its UTF-8 copy) in memory.
 */
export function writeJson(value: unknown, write: (chunk: string) => void): void {
  // `streamed` is asked at the depth of the value (the indent's), so that it looks no deeper into
  // each of a long array's elements than STREAMED_DEPTH from the top.
  const emit = (v: unknown, indent: string): void => {
    const depth = indent.length / 2;
    if (Array.isArray(v) && streamed(v, depth)) {
      const inner = indent + "  ";
      write("[\n");
      for (let i = 0; i < v.length; ) {
        if (streamed(v[i], depth + 1)) {
          write(inner);
          emit(v[i], inner);
        } else {
          // A run of elements that need no streaming of their own, in one JSON.stringify call.
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
      const entries = Object.entries(v as object).filter(([, x]) => x !== undefined && typeof x !== "function");
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

/** `writeJson`'s pieces handed to `sink` in blocks of about 1 MB. */
function writeJsonBuffered(value: unknown, sink: (block: string) => void): void {
  // Pieces joined once per block: a block grown by `+=` is a tree of small strings, and writing
  // such a tree to a file cost several times more than writing one flat string.
  let pieces: string[] = [];
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

/** Bytes of each block `writeJsonToFile` encodes pieces into before they are written out. */
const FILE_BLOCK = 2 << 20;
/**
 * Blocks encoded ahead of the disk at most, once a helper thread writes them: the same 8 MB of
 * buffers one block of four times the size took before the writes overlapped.
 */
const RING_BLOCKS = 4;

/**
 * The words the encoding thread and the writing thread share (an Int32Array over a
 * SharedArrayBuffer): SIGNAL is twice the number of blocks filled, plus 1 once the last one is,
 * so that every change of what the writer must do changes the one word it waits on; WRITTEN is
 * the number of blocks written, -1 after a write failed; LENGTHS holds each ring block's length.
 */
const SIGNAL = 0;
const WRITTEN = 1;
const LENGTHS = 2;

/**
 * The writing thread: writes each filled block of the ring to `fd` in order, then exits. Plain
 * CommonJS source, run with `eval`, so that the bundles need no second file. A failed write posts
 * its code on `errors` before WRITTEN says it failed.
 */
const RING_WRITER_SOURCE = `
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

/** The write of a block failed in the writing thread; `code` is its errno code or message, as a failed `fs` call's. */
class RingWriteError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * Blocks of `FILE_BLOCK` bytes written to `fd` in order by a helper thread while the caller fills
 * the next: the disk write of a large report (0.4 to 0.9 s of a 372 MB one, after other large
 * files) overlaps its serialization on a second core instead of following it. Synchronous for
 * the caller: `finish` returns once every block is written, and a failed write throws there or
 * at the next block.
 */
class RingWriter {
  private readonly control = new SharedArrayBuffer(4 * (LENGTHS + RING_BLOCKS));
  private readonly words = new Int32Array(this.control);
  private readonly ring = new SharedArrayBuffer(FILE_BLOCK * RING_BLOCKS);
  private readonly errors = new MessageChannel();
  private filled = 0;
  private failure: RingWriteError | undefined;

  constructor(fd: number) {
    const worker = new Worker(RING_WRITER_SOURCE, {
      eval: true,
      workerData: { fd, ring: this.ring, control: this.control, blockBytes: FILE_BLOCK, blocks: RING_BLOCKS, errors: this.errors.port2 },
      transferList: [this.errors.port2],
    });
    // The thread never keeps the process alive: `finish` is what waits for its writes.
    worker.unref();
  }

  /** The next block to fill, once the thread has written what was in it. */
  nextBlock(): Buffer {
    for (let written = this.written(); this.filled - written >= RING_BLOCKS; written = this.written()) {
      Atomics.wait(this.words, WRITTEN, written);
    }
    return Buffer.from(this.ring, (this.filled % RING_BLOCKS) * FILE_BLOCK, FILE_BLOCK);
  }

  /** Hand the block `nextBlock` gave, holding `length` bytes, to the thread. */
  submit(length: number): void {
    this.words[LENGTHS + (this.filled % RING_BLOCKS)] = length;
    this.filled++;
    Atomics.store(this.words, SIGNAL, 2 * this.filled);
    Atomics.notify(this.words, SIGNAL);
  }

  /** Wait until every submitted block is written; the thread then exits. */
  finish(): void {
    Atomics.store(this.words, SIGNAL, 2 * this.filled + 1);
    Atomics.notify(this.words, SIGNAL);
    for (let written = this.written(); written < this.filled; written = this.written()) Atomics.wait(this.words, WRITTEN, written);
    this.errors.port1.close();
  }

  private written(): number {
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
}

/**
 * `writeJson` into the open file `fd`: each piece is encoded straight into a block, and a full
 * block is written out. A report of one block is written here; from the second block on, a
 * `RingWriter`'s thread writes the blocks while the next are encoded. A 372 MB report took 0.15
 * to 0.5 s less encoded into reused blocks than joined into strings and written (each string
 * write encodes it into a fresh buffer of its own).
 */
function writeJsonToFile(value: unknown, fd: number): void {
  let ring: RingWriter | undefined;
  const first: Buffer = Buffer.allocUnsafe(FILE_BLOCK);
  let block = first;
  let used = 0;
  const flush = () => {
    if (!ring) {
      // The first block was filled before there was a ring: it moves into the ring's first.
      ring = new RingWriter(fd);
      first.copy(ring.nextBlock(), 0, 0, used);
    }
    ring.submit(used);
    block = ring.nextBlock();
    used = 0;
  };
  const put = (piece: string) => {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (used + 3 * piece.length > FILE_BLOCK && used > 0) flush();
    if (3 * piece.length <= FILE_BLOCK) {
      used += block.write(piece, used, "utf8");
      return;
    }
    // Larger than a block: encoded once, copied through the blocks in order.
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
    // After a failure too: the thread must be done with `fd` before the caller closes it.
    if (ring) {
      ring.submit(used);
      ring.finish();
    }
  }
  if (!ring) for (let at = 0; at < used; ) at += fs.writeSync(fd, first, at, used - at);
}

/** `writeJson` to standard output. */
export function printJson(value: unknown): void {
  writeJsonBuffered(value, (block) => process.stdout.write(block));
}
