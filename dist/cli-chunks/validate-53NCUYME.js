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
} from "./chunk-FNQJZY4A.js";
import "./chunk-F7IJS3TS.js";
import "./chunk-FYD7Y66A.js";
import "./chunk-MG3C76CF.js";
import "./chunk-B63ZEC63.js";
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
