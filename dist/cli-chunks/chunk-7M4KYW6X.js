import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/util/text.ts
function isObject(x) {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
var XML_ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
function escapeXml(s) {
  return s.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}

export {
  isObject,
  escapeXml
};
