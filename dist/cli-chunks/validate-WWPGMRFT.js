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
} from "./chunk-5QC55ROK.js";
import "./chunk-7F7NO2K2.js";
import "./chunk-TVC7UFQB.js";
import "./chunk-MG3C76CF.js";
import "./chunk-EL26GPNJ.js";
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
