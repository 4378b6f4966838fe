/** Reading JSON files the user gave: one-line errors naming the file and what it should have been. */
import fs from "node:fs";
import { parseReport, ReportShapeError } from "../../report/diff.js";
import type { Report } from "../../report/types.js";
import { UserError } from "./model-file.js";

/** Parsed JSON of `file`; `what` names it in errors ("sidecar", "the baseline"). */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UserError(`${file}: cannot read ${what}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
}

/** A modelexport report read from `file`, its shape checked where the diff relies on it. */
export function readReportFile(file: string, what: string): Report {
  const data = readJsonFile(file, what);
  try {
    return parseReport(data);
  } catch (err) {
    if (err instanceof ReportShapeError) throw new UserError(`${file}: not a modelexport report: ${err.message}`);
    throw err;
  }
}
