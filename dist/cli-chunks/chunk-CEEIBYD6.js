import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  UsageError
} from "./chunk-UWEOBCVG.js";

// src/cli/args.ts
import { parseArgs } from "node:util";
function parseCommandArgs(argv, options, usage) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${err.message}
${usage}`);
  }
}
function numberOption(value, name, fallback, min = -Infinity, max = Infinity) {
  if (value === void 0) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a number between ${min} and ${max}, got '${value}'`);
  }
  return n;
}

export {
  parseCommandArgs,
  numberOption
};
