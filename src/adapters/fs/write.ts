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
    if (Object.prototype.hasOwnProperty.call(v, k) && streamed((v as Record<string, unknown>)[k], depth + 1)) return true;
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
  const emit = (v: unknown, indent: string): void => {
    if (Array.isArray(v) && streamed(v)) {
      const inner = indent + "  ";
      write("[\n");
      for (let i = 0; i < v.length; ) {
        if (streamed(v[i])) {
          write(inner);
          emit(v[i], inner);
        } else {
          // A run of elements that need no streaming of their own, in one JSON.stringify call.
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

/** Bytes of the buffer `writeJsonToFile` encodes pieces into before writing them out. */
const FILE_BLOCK = 8 << 20;

/**
 * `writeJson` into the open file `fd`: each piece is encoded straight into one reused buffer,
 * which is written out whenever the next piece might not fit. A 372 MB report took 0.15 to 0.5 s
 * less than joining the pieces into strings and writing those (each string write encodes it
 * into a fresh buffer of its own).
 */
function writeJsonToFile(value: unknown, fd: number): void {
  const block = Buffer.allocUnsafe(FILE_BLOCK);
  let used = 0;
  const writeAll = (bytes: Uint8Array, length: number) => {
    for (let at = 0; at < length; ) at += fs.writeSync(fd, bytes, at, length - at);
  };
  writeJson(value, (piece) => {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
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

/** `writeJson` to standard output. */
export function printJson(value: unknown): void {
  writeJsonBuffered(value, (block) => process.stdout.write(block));
}
