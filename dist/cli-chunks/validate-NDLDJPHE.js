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
} from "./chunk-AWPZH677.js";
import "./chunk-2QIHSUOU.js";
import "./chunk-LGQIGXZH.js";
import "./chunk-MG3C76CF.js";
import "./chunk-VES5SYXB.js";
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
