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

/** Whether `writeJson` writes `v` piece by piece: a long array, or an object with one as a value. */
function streamed(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > STREAMED_ARRAY;
  if (v === null || typeof v !== "object") return false;
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    const x = (v as Record<string, unknown>)[k];
    if (Array.isArray(x) && x.length > STREAMED_ARRAY) return true;
  }
  return false;
}

/**
 * The text `toJson(value)` makes, byte for byte, handed to `write` in pieces: a report of
 * 500,000 nodes is never one 200 MB string (nor its UTF-8 copy) in memory.
 */
export function writeJson(value: unknown, write: (chunk: string) => void): void {
  const emit = (v: unknown, indent: string): void => {
    if (Array.isArray(v) && v.length > STREAMED_ARRAY) {
      const inner = indent + "  ";
      write("[\n");
      for (let i = 0; i < v.length; ) {
        if (streamed(v[i])) {
          write(inner);
          emit(v[i], inner);
        } else {
          // A run of elements that need no streaming of their own in one JSON.stringify call:
          // `[\n  a,\n  b\n]` is the run at indent 2; inside it a newline only ever starts a line.
          let end = i + 1;
          while (end < v.length && end - i < BATCH && !streamed(v[end])) end++;
          const body = JSON.stringify(v.slice(i, end), null, 2).slice(2, -2);
          write(indent === "" ? body : indent + body.replace(/\n/g, "\n" + indent));
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

/** `writeJson` to standard output. */
export function printJson(value: unknown): void {
  writeJsonBuffered(value, (block) => process.stdout.write(block));
}
