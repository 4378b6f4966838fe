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
} from "./chunk-WEB6ANTN.js";
import "./chunk-OMMSN3ZU.js";
import "./chunk-BU6JZ4PU.js";
import "./chunk-MG3C76CF.js";
import "./chunk-WERES7B5.js";
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
