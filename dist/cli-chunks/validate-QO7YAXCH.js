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
} from "./chunk-YISAM6RB.js";
import "./chunk-6G52WKJ3.js";
import "./chunk-DHOZSBUB.js";
import "./chunk-MG3C76CF.js";
import "./chunk-VMXA6X2O.js";
import "./chunk-26SX7NY7.js";
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
