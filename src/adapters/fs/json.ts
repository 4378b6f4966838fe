/** Reading JSON files the user gave: one-line errors naming the file and what it should have been. */
import fs from "node:fs";
import { parseReport, ReportShapeError } from "../../report/diff.js";
import type { Report } from "../../report/types.js";
import { oneLine } from "../../util/text.js";
import { UserError } from "./model-file.js";

/** Largest JSON file read by default (reports, sidecars): checked before a byte is read. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

/**
 * The text of a regular file of at most `maxBytes`, read from one open descriptor (so the checked
 * file is the file read). Devices, FIFOs and folders are refused without reading: a link to
 * /dev/zero or a named pipe can neither exhaust memory nor block.
 */
export function readTextFile(file: string, what: string, maxBytes = MAX_JSON_BYTES): string {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: cannot read ${what}: ${code === "ENOENT" ? "no such file" : (code ?? (err as Error).message)}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new UserError(`${file}: cannot read ${what}: not a regular file`);
    if (stat.size > maxBytes) throw new UserError(`${file}: cannot read ${what}: ${stat.size} bytes, more than the ${maxBytes} accepted`);
    const buf = Buffer.alloc(stat.size);
    let done = 0;
    while (done < buf.length) {
      const n = fs.readSync(fd, buf, done, buf.length - done, done);
      if (n === 0) break;
      done += n;
    }
    return buf.toString("utf8", 0, done);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${file}: cannot read ${what}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
}

/** Why `JSON.parse` refused a text, in words that never quote the text itself. */
export function jsonProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : "";
  const at = /at position (\d+)/.exec(message);
  if (at) return `not valid JSON (at character ${at[1]})`;
  if (/end of JSON input/.test(message)) return "not valid JSON (it ends early)";
  return "not valid JSON";
}

/** Parsed JSON of `file`; `what` names it in errors ("sidecar", "the baseline"). A BOM is accepted. */
export function readJsonFile(file: string, what: string, maxBytes = MAX_JSON_BYTES): unknown {
  const text = readTextFile(file, what, maxBytes);
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    if (err instanceof RangeError) throw new UserError(`${file}: ${what} is nested too deeply to read`);
    throw new UserError(`${file}: ${jsonProblem(err)}`);
  }
}

/** A modelexport report read from `file`, its shape checked where the diff relies on it. */
export function readReportFile(file: string, what: string): Report {
  const data = readJsonFile(file, what);
  try {
    return parseReport(data);
  } catch (err) {
    if (err instanceof ReportShapeError) throw new UserError(`${file}: not a modelexport report: ${oneLine(err.message)}`);
    if (err instanceof RangeError) throw new UserError(`${file}: not a modelexport report: nested too deeply`);
    throw err;
  }
}
