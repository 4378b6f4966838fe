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
} from "./chunk-OKE6WRWJ.js";
import "./chunk-36RDHTYQ.js";
import "./chunk-EOGMVKYQ.js";
import "./chunk-MG3C76CF.js";
import "./chunk-NUVYNSSW.js";
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
