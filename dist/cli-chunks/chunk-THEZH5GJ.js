import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/adapters/fs/errors.ts
var UserError = class extends Error {
  /**
   * @param message one line naming the file and the problem
   * @param details lines printed after it (what was tried, how to change it), each one line too
   */
  constructor(message, details = []) {
    super(message);
    this.details = details;
    this.name = "UserError";
  }
  /** Process exit code: 1 for bad input, 2 for a command line that does not parse. */
  exitCode = 1;
};
var UsageError = class extends UserError {
  exitCode = 2;
};

// src/util/text.ts
function isObject(x) {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
var XML_ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
function escapeXml(s) {
  return s.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}
function escapeControls(s) {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "	") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
function oneLine(s, max = 400) {
  const line = escapeControls(s);
  return line.length > max ? `${line.slice(0, max - 1)}\u2026` : line;
}
function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
function closest(word, candidates, limit = 3) {
  const max = Math.max(2, Math.floor(word.length / 3));
  const scored = [];
  let k = 0;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) <= max && c.length < 1e3 && word.length < 1e3) {
      const d = editDistance(word, c);
      if (d <= max) scored.push({ c, d, k });
    }
    k++;
  }
  const best = Math.min(...scored.map((s) => s.d));
  return scored.filter((s) => s.d === best).sort((x, y) => x.k - y.k).slice(0, limit).map((s) => s.c);
}
function didYouMean(word, candidates, quote = (s) => `'${s}'`) {
  const near = closest(word, candidates);
  if (near.length === 0) return "";
  const list = near.map(quote);
  return `; did you mean ${list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`}?`;
}

export {
  __require,
  __commonJS,
  __toESM,
  UserError,
  UsageError,
  isObject,
  escapeXml,
  escapeControls,
  oneLine,
  closest,
  didYouMean
};
