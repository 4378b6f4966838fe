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
} from "./chunk-3TIE6EAZ.js";
import "./chunk-EM3OPZDQ.js";
import "./chunk-P3ZCU2ME.js";
import "./chunk-MG3C76CF.js";
import "./chunk-USM6KSEC.js";
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
