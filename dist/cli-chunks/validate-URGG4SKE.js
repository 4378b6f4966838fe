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
} from "./chunk-PYUYFTCZ.js";
import "./chunk-YSSPG2YT.js";
import "./chunk-RREUAXER.js";
import "./chunk-MG3C76CF.js";
import "./chunk-RBO654D5.js";
import "./chunk-WYT2OJKU.js";
import "./chunk-THEZH5GJ.js";
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
