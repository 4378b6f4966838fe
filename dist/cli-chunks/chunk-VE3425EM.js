import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  UserError
} from "./chunk-G2JVUGUY.js";

// src/cli/args.ts
import { parseArgs } from "node:util";
function parseCommandArgs(argv, options, usage) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UserError(`${err.message}
${usage}`);
  }
}
function numberOption(value, name, fallback, min = -Infinity, max = Infinity) {
  if (value === void 0) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new UserError(`--${name} must be a number between ${min} and ${max}, got '${value}'`);
  }
  return n;
}

export {
  parseCommandArgs,
  numberOption
};
