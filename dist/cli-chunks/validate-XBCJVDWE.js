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
} from "./chunk-HM4UQ3HY.js";
import "./chunk-BX7FPFQB.js";
import "./chunk-I43JX6RH.js";
import "./chunk-MG3C76CF.js";
import "./chunk-WN7MRE75.js";
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
