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
} from "./chunk-UHG3WXUZ.js";
import "./chunk-B2NA3MYX.js";
import "./chunk-4HLOOVEN.js";
import "./chunk-MG3C76CF.js";
import "./chunk-FCKEWIEJ.js";
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
