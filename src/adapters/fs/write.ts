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

/** Arrays longer than this are written element by element. */
const STREAMED_ARRAY = 256;

/**
 * The text `toJson(value)` makes, byte for byte, handed to `write` in pieces: a report of
 * 500,000 nodes is never one 200 MB string (nor its UTF-8 copy) in memory.
 */
export function writeJson(value: unknown, write: (chunk: string) => void): void {
  const emit = (v: unknown, indent: string): void => {
    if (Array.isArray(v) && v.length > STREAMED_ARRAY) {
      const inner = indent + "  ";
      write("[\n");
      v.forEach((el, i) => {
        write(inner);
        emit(el === undefined || typeof el === "function" ? null : el, inner);
        write(i < v.length - 1 ? ",\n" : "\n");
      });
      write(indent + "]");
      return;
    }
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.values(v).some((x) => Array.isArray(x) && x.length > STREAMED_ARRAY)) {
      const inner = indent + "  ";
      const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== "function");
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
