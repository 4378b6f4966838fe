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
} from "./chunk-BMHF5ZOG.js";
import "./chunk-BX7FPFQB.js";
import "./chunk-IQMRBHXW.js";
import "./chunk-MG3C76CF.js";
import "./chunk-ERVH43Z2.js";
import "./chunk-7M4KYW6X.js";
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
