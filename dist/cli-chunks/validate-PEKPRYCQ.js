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
} from "./chunk-HGIVGRYA.js";
import "./chunk-WEDCOKM5.js";
import "./chunk-77GX442R.js";
import "./chunk-MG3C76CF.js";
import "./chunk-WRIH6JLI.js";
import "./chunk-VE3425EM.js";
import "./chunk-G2JVUGUY.js";
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
