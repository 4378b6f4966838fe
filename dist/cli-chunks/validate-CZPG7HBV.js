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
} from "./chunk-YJIWEQSY.js";
import "./chunk-3YZYQUVU.js";
import "./chunk-JCN7QNHZ.js";
import "./chunk-MG3C76CF.js";
import "./chunk-GWVJMCTM.js";
import "./chunk-VFN65KOI.js";
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
