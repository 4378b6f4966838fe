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
} from "./chunk-QTTEUOCD.js";
import "./chunk-RDCEF7MT.js";
import "./chunk-FTSZNNLC.js";
import "./chunk-MG3C76CF.js";
import "./chunk-E7IOUWC4.js";
import "./chunk-OEJA6KNH.js";
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
