import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  formatValidate,
  inputOptions,
  membershipOf,
  moduleArg,
  readModelForRuntime,
  run,
  selectionFrom,
  summary,
  usage,
  validateModel
} from "./chunk-6RQL3EMV.js";
import "./chunk-BX7FPFQB.js";
import "./chunk-4KPWEN3E.js";
import "./chunk-MG3C76CF.js";
import "./chunk-HYANQVHB.js";
import "./chunk-CEEIBYD6.js";
import "./chunk-UWEOBCVG.js";
export {
  formatValidate,
  inputOptions,
  membershipOf,
  moduleArg,
  readModelForRuntime,
  run,
  selectionFrom,
  summary,
  usage,
  validateModel
};
