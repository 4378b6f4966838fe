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
} from "./chunk-GJ2GY6IT.js";
import "./chunk-NIA5LGKE.js";
import "./chunk-BFU3SMET.js";
import "./chunk-MG3C76CF.js";
import "./chunk-MG6U5UXA.js";
import "./chunk-2NLFT2UZ.js";
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
