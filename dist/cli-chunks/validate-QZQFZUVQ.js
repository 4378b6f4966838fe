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
} from "./chunk-7FI32EPA.js";
import "./chunk-RXUGKVWO.js";
import "./chunk-G2ZWHDRS.js";
import "./chunk-MG3C76CF.js";
import "./chunk-J3LOL5OT.js";
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
