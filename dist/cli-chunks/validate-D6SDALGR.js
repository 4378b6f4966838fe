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
} from "./chunk-CIIGWER3.js";
import "./chunk-TRAOWHYN.js";
import "./chunk-A57TSAJV.js";
import "./chunk-MG3C76CF.js";
import "./chunk-3VXJV6EY.js";
import "./chunk-QCZTYU7I.js";
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
