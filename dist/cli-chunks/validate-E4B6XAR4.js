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
} from "./chunk-HIOLZVLH.js";
import "./chunk-3FLTVUXJ.js";
import "./chunk-B7G7PZ7P.js";
import "./chunk-MG3C76CF.js";
import "./chunk-OZL77TSQ.js";
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
