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
} from "./chunk-AEOPIAXI.js";
import "./chunk-BKIXX63V.js";
import "./chunk-ORYZIPJU.js";
import "./chunk-MG3C76CF.js";
import "./chunk-PAMJ3YLT.js";
import "./chunk-THE7XHCR.js";
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
