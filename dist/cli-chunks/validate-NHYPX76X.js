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
} from "./chunk-FVYPZ2TT.js";
import "./chunk-T3S2BYZN.js";
import "./chunk-73GEYAVH.js";
import "./chunk-MG3C76CF.js";
import "./chunk-EKPFPYOT.js";
import "./chunk-MNY5IZN5.js";
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
