import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  buildModelMessage,
  decodeModelMessage,
  encodeModelMessage,
  int64,
  mainNodeIds,
  tensorTypeMsg,
  valueInfoMsg,
  withExtraOutputs,
  withMetadata
} from "./chunk-BKIXX63V.js";
import {
  analyzeModel
} from "./chunk-ORYZIPJU.js";
import {
  comparePaths
} from "./chunk-PAMJ3YLT.js";
import {
  OnnxDecodeError,
  bytesSource,
  decodeModel,
  loadModelFile,
  numberOption,
  parseCommandArgs
} from "./chunk-THE7XHCR.js";
import {
  UsageError,
  UserError,
  closest,
  didYouMean
} from "./chunk-THEZH5GJ.js";

// src/cli/commands/validate.ts
import fs2 from "node:fs";

// src/extract/extract.ts
function modelMeta(model, key) {
  const list = model.metadataProps;
  for (const e of list ?? []) {
    if (Array.isArray(e) && e[0] === key) return e[1];
    if (e && typeof e === "object" && e.key === key) return e.value;
  }
  return void 0;
}
function declaredModules(model) {
  const raw = modelMeta(model, "modelexport.modules");
  if (raw === void 0) return void 0;
  try {
    const list = JSON.parse(raw);
    if (!Array.isArray(list)) return void 0;
    return list.filter((m) => !!m && typeof m.path === "string" && typeof m.class === "string");
  } catch {
    return void 0;
  }
}
function plainModel(model) {
  return "nodes" in model.graph ? model : decodeModel(bytesSource(encodeModelMessage(model)));
}
function membershipFromEngine(model, options = {}) {
  const report = analyzeModel({ name: "", model: plainModel(model) }, options);
  return membershipFromReport(report.nodes.filter((n) => !n.id.includes(">")));
}
function membershipFromReport(nodes) {
  return new Map(nodes.map((n) => [n.id, n.primary]));
}
function isInside(context, module) {
  if (context === null || context === void 0) return false;
  return module === "" || context === module || context.startsWith(module + ".");
}
function modulesOf(membership) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const ctx of membership.values()) {
    if (!ctx) continue;
    const parts = ctx.split(".");
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join(".");
      if (!seen.has(p)) {
        seen.add(p);
        out.push(p);
      }
    }
  }
  return out.sort(comparePaths);
}
function isRepeated(path2) {
  return /(^|\.)\d+$/.test(path2);
}
function selectModules(modules, selection) {
  switch (selection.kind) {
    case "repeated":
      return modules.filter(isRepeated);
    case "depth":
      return modules.filter((m) => m.split(".").length === selection.depth);
    case "paths":
      return [...selection.paths];
    case "all":
      return [...modules];
  }
}
function describeSelection(selection) {
  switch (selection.kind) {
    case "repeated":
      return "repeated layers (instance path ends in an index)";
    case "depth":
      return `modules at depth ${selection.depth}`;
    case "paths":
      return `${selection.paths.length} named module(s)`;
    case "all":
      return "all modules";
  }
}
var CONTAINERS = /* @__PURE__ */ new Set(["ModuleList", "ModuleDict", "ParameterList", "ParameterDict"]);
function classPathIndex(declared) {
  const byPath = new Map(declared.map((m) => [m.path, m]));
  const out = /* @__PURE__ */ new Map();
  for (const m of declared) {
    if (CONTAINERS.has(m.class)) continue;
    const segs = [];
    const root = byPath.get("");
    if (root) segs.push(root.class);
    if (m.path !== "") {
      const parts = m.path.split(".");
      for (let i = 1; i <= parts.length; i++) {
        const anc = byPath.get(parts.slice(0, i).join("."));
        if (!anc || CONTAINERS.has(anc.class)) continue;
        const last = parts[i - 1];
        segs.push(/^\d+$/.test(last) ? `${anc.class}.${last}` : anc.class);
      }
    }
    const tag = "/" + segs.join("/");
    if (!out.has(tag)) out.set(tag, m.path);
  }
  return out;
}
function resolveModuleArg(arg, model, membership) {
  const modules = modulesOf(membership);
  if (arg.startsWith("/")) {
    const declared = declaredModules(model);
    if (!declared) {
      throw new Error(`'${arg}' is a class path, but the model has no modelexport.modules metadata giving module classes; name the module by its instance path (for example ${modules.find(isRepeated) ?? modules[0] ?? "encoder.layer.0"})`);
    }
    const index = classPathIndex(declared);
    const path2 = index.get(arg);
    if (path2 === void 0) throw new Error(`no module has the class path '${arg}'${didYouMean(arg, index.keys())}`);
    return path2;
  }
  if (arg === "" || modules.includes(arg)) return arg;
  const near = [.../* @__PURE__ */ new Set([...modules.filter((m) => m.endsWith("." + arg)).slice(0, 3), ...closest(arg, modules)])].slice(0, 3);
  const hint = near.length ? `; did you mean ${near.map((m) => `'${m}'`).join(", ")}?` : "";
  throw new Error(`no node belongs to module '${arg}'${hint}`);
}
var NONDETERMINISTIC = /* @__PURE__ */ new Set(["RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli"]);
function isDefaultDomain(d) {
  return !d || d === "ai.onnx";
}
function freeVariables(g) {
  const defined = /* @__PURE__ */ new Set();
  for (const v of g.input ?? []) defined.add(v.name);
  for (const t of g.initializer ?? []) defined.add(t.name ?? "");
  for (const s of g.sparseInitializer ?? []) defined.add(s.values?.name ?? "");
  for (const n of g.node ?? []) for (const o of n.output ?? []) defined.add(o);
  const free = /* @__PURE__ */ new Set();
  for (const n of g.node ?? []) {
    for (const i of n.input ?? []) if (i !== "" && !defined.has(i)) free.add(i);
    for (const sub of subgraphs(n)) for (const v of freeVariables(sub)) if (!defined.has(v)) free.add(v);
  }
  return free;
}
function subgraphs(n) {
  const out = [];
  for (const a of n.attribute ?? []) {
    if (a.g) out.push(a.g);
    for (const g of a.graphs ?? []) out.push(g);
  }
  return out;
}
function hasType(t) {
  if (!t) return false;
  if (t.tensorType) return (t.tensorType.elemType ?? 0) !== 0;
  if (t.sparseTensorType) return (t.sparseTensorType.elemType ?? 0) !== 0;
  return !!(t.sequenceType || t.mapType || t.optionalType);
}
function analyzeGraph(model, membership) {
  const g = model.graph;
  const nodes = g.node ?? [];
  const ids = mainNodeIds(nodes.map((n) => ({ name: n.name ?? "", firstOutput: n.output?.[0] ?? "" })));
  const producer = /* @__PURE__ */ new Map();
  nodes.forEach((n, i) => {
    for (const o of n.output ?? []) if (o !== "") producer.set(o, i);
  });
  const uses = nodes.map((n) => {
    const set = /* @__PURE__ */ new Set();
    for (const i of n.input ?? []) if (i !== "") set.add(i);
    for (const sub of subgraphs(n)) for (const v of freeVariables(sub)) set.add(v);
    return [...set];
  });
  const readers = /* @__PURE__ */ new Map();
  uses.forEach((list, i) => {
    for (const t of list) {
      const r = readers.get(t);
      if (r) r.push(i);
      else readers.set(t, [i]);
    }
  });
  const initializers = /* @__PURE__ */ new Map();
  for (const t of g.initializer ?? []) initializers.set(t.name ?? "", t);
  const sparseInitializers = /* @__PURE__ */ new Map();
  for (const s of g.sparseInitializer ?? []) sparseInitializers.set(s.values?.name ?? "", s);
  const order = topologicalOrder(
    nodes.map((_, i) => i),
    (i) => uses[i].map((t) => producer.get(t)).filter((p) => p !== void 0 && p !== i)
  );
  const rank = new Array(nodes.length).fill(0);
  order.forEach((p, r) => rank[p] = r);
  const copyable = new Array(nodes.length).fill(false);
  const isConst = (t) => initializers.has(t) || sparseInitializers.has(t) || producer.has(t) && copyable[producer.get(t)];
  for (const i of order) {
    const n = nodes[i];
    if (NONDETERMINISTIC.has(n.opType) && isDefaultDomain(n.domain)) continue;
    if (n.opType === "Constant" && isDefaultDomain(n.domain) && (n.input ?? []).every((x) => x === "")) copyable[i] = true;
    else if (uses[i].length > 0 && uses[i].every(isConst)) copyable[i] = true;
  }
  const types = /* @__PURE__ */ new Map();
  for (const v of [...g.valueInfo ?? [], ...g.input, ...g.output]) if (hasType(v.type)) types.set(v.name, v.type);
  return {
    model,
    membership,
    nodes,
    ids,
    producer,
    uses,
    readers,
    rank,
    initializers,
    sparseInitializers,
    graphInputs: new Set(g.input.map((v) => v.name)),
    graphOutputs: new Set(g.output.map((v) => v.name)),
    copyable,
    types
  };
}
function topologicalOrder(items, deps) {
  const inSet = new Set(items);
  const pos = new Map(items.map((x, k) => [x, k]));
  const indeg = /* @__PURE__ */ new Map();
  const next = /* @__PURE__ */ new Map();
  for (const i of items) {
    const ds = [...new Set(deps(i).filter((d) => inSet.has(d)))];
    indeg.set(i, ds.length);
    for (const d of ds) {
      const l = next.get(d);
      if (l) l.push(i);
      else next.set(d, [i]);
    }
  }
  const heap = new MinHeap((a, b) => pos.get(a) - pos.get(b));
  for (const i of items) if (indeg.get(i) === 0) heap.push(i);
  const out = [];
  while (heap.size > 0) {
    const i = heap.pop();
    out.push(i);
    for (const j of next.get(i) ?? []) {
      const d = indeg.get(j) - 1;
      indeg.set(j, d);
      if (d === 0) heap.push(j);
    }
  }
  if (out.length < items.length) {
    const done = new Set(out);
    for (const i of items) if (!done.has(i)) out.push(i);
  }
  return out;
}
var MinHeap = class {
  constructor(cmp) {
    this.cmp = cmp;
  }
  a = [];
  get size() {
    return this.a.length;
  }
  push(x) {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = i - 1 >> 1;
      if (this.cmp(a[i], a[p]) >= 0) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop() {
    const a = this.a;
    if (a.length === 0) return void 0;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.cmp(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.cmp(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
};
function formatReentry(r) {
  const via = r.via.length > 3 ? [r.via[0], `\u2026 ${r.via.length - 2} more \u2026`, r.via[r.via.length - 1]] : r.via;
  return [`'${r.from}'`, ...via.map((v) => v.startsWith("\u2026") ? v : `'${v}'`), `'${r.to}'`].join(" \u2192 ");
}
function planExtraction(facts, module) {
  const { nodes, ids, membership } = facts;
  const members = [];
  nodes.forEach((_, i) => {
    if (isInside(membership.get(ids[i]), module)) members.push(i);
  });
  const plan = { module, members, copied: [], inputs: [], outputs: [], initializers: [], sparseInitializers: [], reentry: null };
  if (members.length === 0) {
    plan.problem = `no node belongs to module '${module}'`;
    return plan;
  }
  const memberSet = new Set(members);
  const copiedSet = /* @__PURE__ */ new Set();
  const inputSet = /* @__PURE__ */ new Set();
  const inits = /* @__PURE__ */ new Set();
  const sparse = /* @__PURE__ */ new Set();
  const visitUses = (i) => {
    for (const t of facts.uses[i]) {
      const p = facts.producer.get(t);
      if (p !== void 0 && memberSet.has(p)) continue;
      if (facts.initializers.has(t)) inits.add(t);
      else if (facts.sparseInitializers.has(t)) sparse.add(t);
      else if (p !== void 0 && facts.copyable[p]) {
        if (!copiedSet.has(p)) {
          copiedSet.add(p);
          visitUses(p);
        }
      } else inputSet.add(t);
    }
  };
  const ordered = [...members].sort((a, b) => facts.rank[a] - facts.rank[b]);
  for (const i of ordered) visitUses(i);
  plan.inputs = [...inputSet];
  plan.initializers = [...inits];
  plan.sparseInitializers = [...sparse];
  plan.copied = [...copiedSet].sort((a, b) => facts.rank[a] - facts.rank[b]);
  const inside = (j) => memberSet.has(j) || copiedSet.has(j);
  for (const i of ordered) {
    if (facts.copyable[i]) continue;
    for (const t of nodes[i].output ?? []) {
      if (t === "") continue;
      if (facts.graphOutputs.has(t) || (facts.readers.get(t) ?? []).some((j) => !inside(j))) plan.outputs.push(t);
    }
  }
  for (const i of ordered) {
    if (!facts.copyable[i] || !(nodes[i].output ?? []).some((t) => facts.graphOutputs.has(t))) continue;
    for (const t of nodes[i].output ?? []) if (facts.graphOutputs.has(t)) plan.outputs.push(t);
  }
  if (plan.outputs.length === 0) plan.problem = `module '${module}' computes nothing that is used outside it`;
  plan.reentry = findReentry(facts, ordered, memberSet);
  return plan;
}
function findReentry(facts, ordered, memberSet) {
  const maxRank = facts.rank[ordered[ordered.length - 1]];
  const from = /* @__PURE__ */ new Map();
  const queue = [];
  const reach = (j, prev) => {
    if (memberSet.has(j) || from.has(j) || facts.rank[j] > maxRank) return;
    from.set(j, prev);
    queue.push(j);
  };
  for (const i of ordered) {
    if (facts.copyable[i]) continue;
    for (const t of facts.nodes[i].output ?? []) for (const j of facts.readers.get(t) ?? []) reach(j, i);
  }
  for (let q = 0; q < queue.length; q++) {
    const x = queue[q];
    for (const t of facts.nodes[x].output ?? []) {
      for (const j of facts.readers.get(t) ?? []) {
        if (memberSet.has(j)) {
          const via = [];
          let k = x;
          while (!memberSet.has(k)) {
            via.unshift(k);
            k = from.get(k);
          }
          return { from: facts.ids[k], via: via.map((v) => facts.ids[v]), to: facts.ids[j] };
        }
        reach(j, x);
      }
    }
  }
  return null;
}
function untypedBoundary(facts, plans) {
  const out = /* @__PURE__ */ new Set();
  for (const p of plans) for (const t of [...p.inputs, ...p.outputs]) if (!facts.types.has(t)) out.add(t);
  return [...out];
}
var EXTRACTED_MODULE_KEY = "modelexport.extracted.module";
function buildExtractedModel(facts, plan, types = /* @__PURE__ */ new Map()) {
  if (plan.problem) return { missingTypes: [] };
  const typeOf = (t) => facts.types.get(t) ?? types.get(t);
  const missingTypes = [...plan.inputs, ...plan.outputs].filter((t) => !typeOf(t));
  if (missingTypes.length > 0) return { missingTypes };
  const src = facts.model;
  const all = [...plan.members, ...plan.copied];
  const order = topologicalOrder(
    [...all].sort((a, b) => a - b),
    (i) => facts.uses[i].map((t) => facts.producer.get(t)).filter((p) => p !== void 0 && p !== i)
  );
  const nodeMsgs = order.map((i) => facts.nodes[i]);
  const produced = new Set(nodeMsgs.flatMap((n) => n.output ?? []));
  const outputSet = new Set(plan.outputs);
  const inputs = plan.inputs.map((t) => valueInfoMsg(t, typeOf(t)));
  const initializers = plan.initializers.map((t) => facts.initializers.get(t));
  if (int64(src.irVersion) < 4) {
    for (const t of initializers) inputs.push(valueInfoMsg(t.name ?? "", tensorTypeMsg(t.dataType ?? 0, (t.dims ?? []).map(int64))));
  }
  const graph = {
    name: plan.module === "" ? src.graph.name || "module" : plan.module,
    node: nodeMsgs,
    input: inputs,
    output: plan.outputs.map((t) => valueInfoMsg(t, typeOf(t))),
    initializer: initializers,
    sparseInitializer: plan.sparseInitializers.map((t) => facts.sparseInitializers.get(t)),
    valueInfo: (src.graph.valueInfo ?? []).filter((v) => produced.has(v.name) && !outputSet.has(v.name))
  };
  const model = buildModelMessage({
    template: src,
    graph,
    functions: usedFunctions(src, nodeMsgs),
    metadata: withMetadata(src.metadataProps, { [EXTRACTED_MODULE_KEY]: plan.module }),
    docString: `module '${plan.module}' extracted by modelexport`
  });
  return { model, missingTypes: [] };
}
function usedFunctions(model, nodes) {
  const fns = model.functions ?? [];
  if (fns.length === 0) return void 0;
  const byKey = new Map(fns.map((f) => [`${f.domain ?? ""}:${f.name}`, f]));
  const used = /* @__PURE__ */ new Set();
  const visit = (list) => {
    for (const n of list) {
      const key = `${n.domain ?? ""}:${n.opType}`;
      const fn = byKey.get(key);
      if (fn && !used.has(key)) {
        used.add(key);
        visit(fn.node);
      }
      for (const g of subgraphs(n)) visit(g.node ?? []);
    }
  };
  visit(nodes);
  return fns.filter((f) => used.has(`${f.domain ?? ""}:${f.name}`));
}

// src/adapters/onnxruntime/precision.ts
var FORMAT = {
  float16: { mantissa: 10, minExp: -14 },
  bfloat16: { mantissa: 7, minExp: -126 }
};
function isReducedFloat(type) {
  return type === "float16" || type === "bfloat16";
}
function stepAt(magnitude, format) {
  const { mantissa, minExp } = FORMAT[format];
  const m = Math.abs(magnitude);
  const e = m === 0 || !Number.isFinite(m) ? minExp : Math.max(minExp, Math.floor(Math.log2(m)));
  return 2 ** (e - mantissa);
}
function stepsAtScale(a, b, format) {
  let scale = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isFinite(x)) scale = Math.max(scale, Math.abs(x));
    if (Number.isFinite(y)) scale = Math.max(scale, Math.abs(y));
    const nx = Number.isNaN(x);
    const ny = Number.isNaN(y);
    const d = nx || ny ? nx && ny ? 0 : Infinity : x === y ? 0 : Math.abs(x - y);
    if (d > max) max = d;
  }
  if (max === Infinity) return Infinity;
  return max / stepAt(scale, format);
}

// src/adapters/onnxruntime/runtime.ts
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

// src/util/random.ts
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}

// src/adapters/onnxruntime/runtime.ts
var ONNXRUNTIME_VERSION = "1.30.0";
var RUNTIME_PATH_ENV = "MODELEXPORT_ONNXRUNTIME_PATH";
var INSTALL_HINT = `install it next to modelexport with \`ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node@${ONNXRUNTIME_VERSION}\` (CPU only; \`skip\` avoids the CUDA download), or point ${RUNTIME_PATH_ENV} at an installed copy`;
var PACKAGE = "onnxruntime-node";
var loaded;
function loadRuntime(location = process.env[RUNTIME_PATH_ENV] || void 0) {
  const where = location ? path.resolve(location) : null;
  if (loaded) {
    if (where !== null && loaded.location !== where) {
      return Promise.reject(new Error(`onnxruntime-node is already loaded from ${loaded.location ?? "its package name"}; cannot load a second copy from ${where}`));
    }
    return loaded.promise;
  }
  const promise = (async () => {
    if (where === null) return importRuntime((name) => import(name));
    const entry = runtimeEntry(where);
    return importRuntime(() => import(pathToFileURL(entry).href), where);
  })();
  loaded = { location: where, promise };
  promise.catch(() => {
    if (loaded?.promise === promise) loaded = void 0;
  });
  return promise;
}
function runtimeEntry(location) {
  const candidates = [location, path.join(location, "node_modules", PACKAGE)];
  for (const dir of candidates) {
    const manifest = path.join(dir, "package.json");
    let name;
    try {
      name = JSON.parse(fs.readFileSync(manifest, "utf8")).name;
    } catch {
      continue;
    }
    if (name !== PACKAGE) continue;
    return createRequire(manifest).resolve(dir);
  }
  throw new UserError(`${location}: no ${PACKAGE} package there (looked for ${candidates.map((c) => path.join(c, "package.json")).join(" and ")}); ${INSTALL_HINT}`);
}
async function importRuntime(importer, from) {
  try {
    const mod = await importer(PACKAGE);
    const ort = mod.InferenceSession ? mod : mod.default;
    if (!ort?.InferenceSession) throw new Error("the package has no InferenceSession export");
    return ort;
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = err.code;
    const at = from ? ` at ${from}` : "";
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      const missing = from ? `${PACKAGE}${at} is incomplete (${(err.message ?? "").split("\n")[0]})` : `ONNX Runtime is not installed: this check needs the ${PACKAGE} package`;
      throw new UserError(`${missing}; ${INSTALL_HINT}`);
    }
    const why = (err.message ?? String(err)).split("\n")[0];
    throw new UserError(`${PACKAGE} is installed${at} but could not be loaded (${why}); reinstall it: ${INSTALL_HINT}`);
  }
}
var ORT_TYPES = {
  1: "float32",
  2: "uint8",
  3: "int8",
  4: "uint16",
  5: "int16",
  6: "int32",
  7: "int64",
  8: "string",
  9: "bool",
  10: "float16",
  11: "float64",
  12: "uint32",
  13: "uint64",
  21: "uint4",
  22: "int4"
};
function onnxElemType(type) {
  for (const [k, v] of Object.entries(ORT_TYPES)) if (v === type) return Number(k);
  return 0;
}
function explainOrtError(message) {
  let text = message.replace(/\r/g, "").trim();
  text = text.replace(/^\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*\w+\s*:\s*/, "");
  text = text.replace(/^Load model from .*? failed:\s*/s, "");
  text = text.replace(/^Error: /, "");
  let m = /In Node, \("([^"]*)", ([^,]+), "([^"]*)", -?\d+\) : .*?, Error (.*)$/s.exec(text);
  if (m) return { node: m[1], opType: m[3] ? `${m[3]}:${m[2]}` : m[2], reason: oneLine(m[4]) };
  m = /Could not find an implementation for (\S+?)\((\d+)\) node with name '([^']*)'/.exec(text);
  if (m) {
    return { node: m[3], opType: m[1], reason: `ONNX Runtime has no CPU kernel for ${m[1]} (opset ${m[2]}) with these input types` };
  }
  m = /Non-zero status code returned while running (\S+) node\. Name:'([^']*)' Status Message: (.*)$/s.exec(text);
  if (m) return { node: m[2], opType: m[1], reason: oneLine(m[3]) };
  text = text.replace(/^This is an invalid model\.\s*/, "the model is invalid: ");
  return { reason: oneLine(text) };
}
function oneLine(s) {
  const line = s.replace(/\s+/g, " ").trim();
  return line.length > 400 ? `${line.slice(0, 397)}...` : line;
}
function describe(f) {
  const where = f.node !== void 0 ? `node '${f.node}'${f.opType ? ` (${f.opType})` : ""}: ` : f.opType ? `${f.opType}: ` : "";
  return `${where}${f.reason}`;
}
var OrtLoadError = class extends UserError {
  constructor(label, failure) {
    super(`${label}: ONNX Runtime cannot load the model: ${describe(failure)}`);
    this.label = label;
    this.failure = failure;
    this.name = "OrtLoadError";
  }
};
var OrtRunError = class extends UserError {
  constructor(label, failure) {
    super(`${label}: ONNX Runtime failed while running the model: ${describe(failure)}`);
    this.label = label;
    this.failure = failure;
    this.name = "OrtRunError";
  }
};
var GeneratedInputsError = class extends UserError {
  constructor(failed, tried) {
    super(failed.message, [
      "inputs tried:",
      ...tried.map((l) => `  ${l}`),
      `the sizes are generated: give an input's shape with --shape NAME=DIMS (for example --shape ${exampleShape(tried)}), and a scalar's value with --value NAME=NUMBER (for example --value sample_rate=16000)`
    ]);
    this.failed = failed;
    this.tried = tried;
    this.name = "GeneratedInputsError";
  }
};
function exampleShape(tried) {
  const m = /^(\S+)\s+\S+\s+\[([^\]]*)\]/.exec(tried[0] ?? "");
  return m && m[2] ? `${m[1]}=${m[2].split(", ").join("x")}` : "input_ids=1x16";
}
async function runGenerated(session, specs, feeds, options, label, fetches) {
  try {
    return await runSession(session, feeds, label, fetches);
  } catch (err) {
    if (err instanceof OrtRunError) throw new GeneratedInputsError(err, describeInputs(specs, options));
    throw err;
  }
}
async function createSession(ort, bytes, label, settings = {}) {
  const options = {
    executionProviders: ["cpu"],
    logSeverityLevel: 4,
    graphOptimizationLevel: settings.optimization ?? "all"
  };
  if (settings.threads !== void 0) options.intraOpNumThreads = settings.threads;
  try {
    return await ort.InferenceSession.create(bytes, options);
  } catch (err) {
    throw new OrtLoadError(label, explainOrtError(err instanceof Error ? err.message : String(err)));
  }
}
function asFeed(t) {
  const data = t.data;
  if (t.type !== "float16" || data instanceof Uint16Array || !ArrayBuffer.isView(data)) return t;
  const bits = new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);
  return Object.create(t, { data: { value: bits, enumerable: true } });
}
async function runSession(session, feeds, label, fetches) {
  try {
    const inputs = {};
    for (const [k, v] of Object.entries(feeds)) inputs[k] = asFeed(v);
    const out = fetches ? await session.run(inputs, fetches) : await session.run(inputs);
    const result = {};
    for (const [k, v] of Object.entries(out)) result[k] = v;
    return result;
  } catch (err) {
    throw new OrtRunError(label, explainOrtError(err instanceof Error ? err.message : String(err)));
  }
}
function sessionInputs(session) {
  return session.inputMetadata.map(
    (m) => m.isTensor ? { name: m.name, type: m.type, shape: [...m.shape] } : { name: m.name, type: null, shape: [] }
  );
}
function parseShapes(specs) {
  const out = /* @__PURE__ */ new Map();
  for (const spec of specs) {
    const eq = spec.lastIndexOf("=");
    if (eq <= 0) throw new UserError(`--shape takes NAME=DIMS (for example input_ids=1x8), got '${spec}'`);
    const name = spec.slice(0, eq);
    const text = spec.slice(eq + 1).trim();
    const dims = text === "" ? [] : text.split(/[x,]/i).map((d) => Number(d.trim()));
    if (dims.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new UserError(`--shape ${name}: dimensions must be non-negative integers separated by 'x', got '${text}'`);
    }
    out.set(name, dims);
  }
  return out;
}
function resolveInputs(specs, options = {}) {
  const shapes = options.shapes ?? /* @__PURE__ */ new Map();
  const names = new Set(specs.map((s) => s.name));
  for (const name of shapes.keys()) {
    if (!names.has(name)) throw new UserError(`--shape names '${name}', which is not an input of the model (inputs: ${[...names].join(", ") || "none"})`);
  }
  for (const name of options.values?.keys() ?? []) {
    if (!names.has(name)) throw new UserError(`--value names '${name}', which is not an input of the model (inputs: ${[...names].join(", ") || "none"})`);
  }
  const bound = /* @__PURE__ */ new Map();
  for (const s of specs) {
    const given = shapes.get(s.name);
    if (!given) continue;
    if (s.shape.length > 0 && given.length !== s.shape.length) {
      throw new UserError(`--shape ${s.name}: the input has rank ${s.shape.length} (${fmtShape(s.shape)}), got ${given.length} dimensions`);
    }
    s.shape.forEach((d, i) => {
      if (typeof d === "number" && d >= 0 && d !== given[i]) {
        throw new UserError(`--shape ${s.name}: axis ${i} of the input is fixed at ${d}, got ${given[i]}`);
      }
      if (typeof d === "string" && d !== "" && !bound.has(d)) bound.set(d, given[i]);
    });
  }
  const out = /* @__PURE__ */ new Map();
  for (const s of specs) {
    const given = shapes.get(s.name);
    if (given) {
      out.set(s.name, { dims: [...given], sources: given.map(() => ({ kind: "shape" })) });
      continue;
    }
    const hints = options.hints?.get(s.name);
    const sources = [];
    const dims = s.shape.map((d, i) => {
      if (typeof d === "number" && d >= 0) {
        sources.push({ kind: "fixed" });
        return d;
      }
      const name = typeof d === "string" && d !== "" ? d : null;
      if (name !== null && bound.has(name)) {
        sources.push({ kind: "named", name });
        return bound.get(name);
      }
      const hint = hints?.[i];
      let size;
      if (hint) {
        size = hint.size;
        sources.push({ kind: "hint", why: hint.why });
      } else {
        size = i === 0 && s.shape.length >= 2 ? options.batch ?? 1 : options.dynamic ?? 8;
        sources.push({ kind: "default", name });
      }
      if (name !== null) bound.set(name, size);
      return size;
    });
    out.set(s.name, { dims, sources });
  }
  return out;
}
function resolveShapes(specs, options = {}) {
  return new Map([...resolveInputs(specs, options)].map(([k, v]) => [k, v.dims]));
}
function describeInputs(specs, options = {}) {
  const resolved = resolveInputs(specs, options);
  return specs.map((s) => {
    const r = resolved.get(s.name);
    const notes = [];
    r.sources.forEach((src, i) => {
      const axis = `axis ${i}${s.shape[i] && typeof s.shape[i] === "string" ? ` '${s.shape[i]}'` : ""}`;
      if (src.kind === "shape") {
        if (i === 0) notes.push("from --shape");
      } else if (src.kind === "named") notes.push(`${axis}: ${r.dims[i]}, as '${src.name}' of another input`);
      else if (src.kind === "hint") notes.push(`${axis}: ${r.dims[i]} from the model (${src.why})`);
      else if (src.kind === "default") notes.push(`${axis}: ${r.dims[i]} by default`);
    });
    const value = options.values?.get(s.name);
    if (value !== void 0) notes.push(`every element ${value} (--value)`);
    else if (r.dims.length === 0 && s.type !== null && s.type !== "string" && s.type !== "bool") notes.push(`a scalar, generated in ${s.type.startsWith("float") ? "[-1, 1)" : `[0, ${options.intHigh ?? 2})`}`);
    return `${s.name}  ${s.type ?? "non-tensor"}  [${r.dims.join(", ")}]${notes.length ? `  (${notes.join("; ")})` : ""}`;
  });
}
function parseValues(specs) {
  const out = /* @__PURE__ */ new Map();
  for (const spec of specs) {
    const eq = spec.lastIndexOf("=");
    const text = eq > 0 ? spec.slice(eq + 1).trim() : "";
    const value = text === "" ? NaN : Number(text);
    if (eq <= 0 || !Number.isFinite(value)) throw new UserError(`--value takes NAME=NUMBER (for example sample_rate=16000), got '${spec}'`);
    out.set(spec.slice(0, eq), value);
  }
  return out;
}
function fmtShape(shape) {
  return `[${shape.map((d) => d === null || d === "" ? "?" : String(d)).join(", ")}]`;
}
function hashName(name) {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}
function toHalf(value) {
  const sign = value < 0 || Object.is(value, -0) ? 32768 : 0;
  const abs = Math.abs(value);
  if (Number.isNaN(value)) return 32256;
  if (abs >= 65520) return sign | 31744;
  if (abs < 2 ** -14) return sign | roundEven(abs / 2 ** -24);
  let e = Math.floor(Math.log2(abs));
  if (2 ** e > abs) e--;
  else if (2 ** (e + 1) <= abs) e++;
  let m = roundEven((abs / 2 ** e - 1) * 1024);
  if (m === 1024) {
    m = 0;
    e++;
  }
  if (e + 15 >= 31) return sign | 31744;
  return sign | e + 15 << 10 | m;
}
function roundEven(x) {
  const f = Math.floor(x);
  const r = x - f;
  return r > 0.5 || r === 0.5 && f % 2 === 1 ? f + 1 : f;
}
function generateInputs(ort, specs, options = {}) {
  const shapes = resolveShapes(specs, options);
  const seed = options.seed ?? 0;
  const intHigh = options.intHigh ?? 2;
  const feeds = {};
  for (const s of specs) {
    if (s.type === null) throw new UserError(`input '${s.name}' is not a tensor (a sequence, map or optional value): inputs of that kind cannot be generated`);
    const dims = shapes.get(s.name);
    const n = dims.reduce((a, b) => a * b, 1);
    const rand = seededRandom(seed ^ hashName(s.name));
    const fixed = options.values?.get(s.name);
    if (fixed !== void 0 && (s.type === "string" || s.type !== "float32" && s.type !== "float64" && s.type !== "float16" && !Number.isInteger(fixed))) {
      throw new UserError(`--value ${s.name}=${fixed}: the input is ${s.type}${s.type === "string" ? "" : ", which takes whole numbers"}`);
    }
    const float = fixed !== void 0 ? () => fixed : () => rand() * 2 - 1;
    const int = fixed !== void 0 ? () => fixed : () => Math.floor(rand() * intHigh);
    let t;
    switch (s.type) {
      case "float32":
        t = new ort.Tensor("float32", Float32Array.from({ length: n }, float), dims);
        break;
      case "float64":
        t = new ort.Tensor("float64", Float64Array.from({ length: n }, float), dims);
        break;
      case "float16":
        t = new ort.Tensor("float16", Uint16Array.from({ length: n }, () => toHalf(float())), dims);
        break;
      case "int64":
        t = new ort.Tensor("int64", BigInt64Array.from({ length: n }, () => BigInt(int())), dims);
        break;
      case "uint64":
        t = new ort.Tensor("uint64", BigUint64Array.from({ length: n }, () => BigInt(int())), dims);
        break;
      case "int32":
        t = new ort.Tensor("int32", Int32Array.from({ length: n }, int), dims);
        break;
      case "uint32":
        t = new ort.Tensor("uint32", Uint32Array.from({ length: n }, int), dims);
        break;
      case "int16":
        t = new ort.Tensor("int16", Int16Array.from({ length: n }, int), dims);
        break;
      case "uint16":
        t = new ort.Tensor("uint16", Uint16Array.from({ length: n }, int), dims);
        break;
      case "int8":
        t = new ort.Tensor("int8", Int8Array.from({ length: n }, int), dims);
        break;
      case "uint8":
        t = new ort.Tensor("uint8", Uint8Array.from({ length: n }, int), dims);
        break;
      case "bool":
        t = new ort.Tensor("bool", Uint8Array.from({ length: n }, () => fixed !== void 0 ? fixed ? 1 : 0 : rand() < 0.5 ? 1 : 0), dims);
        break;
      case "string":
        t = new ort.Tensor("string", Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(rand() * 26)).repeat(1 + int())), dims);
        break;
      default:
        throw new UserError(`input '${s.name}' has element type ${s.type}, for which inputs cannot be generated`);
    }
    feeds[s.name] = t;
  }
  return feeds;
}
function tensorNumbers(t) {
  const data = t.data;
  if (t.type === "string") return null;
  if (t.type === "float16") return data instanceof Uint16Array ? Float32Array.from(data, fromHalf) : Float32Array.from(data);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Array.from(data, (v) => Number(v));
  return data;
}
function fromHalf(h) {
  const sign = h & 32768 ? -1 : 1;
  const exp = h >>> 10 & 31;
  const mant = h & 1023;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
function bytesOf(t) {
  const data = t.data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}
function diffTensors(a, b) {
  const sameType = a.type === b.type;
  const sameShape = a.dims.length === b.dims.length && a.dims.every((d, i) => d === b.dims[i]);
  if (!sameType || !sameShape) return { sameType, sameShape, bitExact: false, maxAbsDiff: null, maxSteps: null };
  if (a.type === "string") {
    const x2 = a.data;
    const y2 = b.data;
    const equal = x2.length === y2.length && x2.every((s, i) => s === y2[i]);
    return { sameType, sameShape, bitExact: equal, maxAbsDiff: equal ? 0 : Infinity, maxSteps: null };
  }
  const ab = bytesOf(a);
  const bb = bytesOf(b);
  const bitExact = !!ab && !!bb && ab.length === bb.length && Buffer.compare(Buffer.from(ab.buffer, ab.byteOffset, ab.length), Buffer.from(bb.buffer, bb.byteOffset, bb.length)) === 0;
  const reduced = isReducedFloat(a.type) ? a.type : null;
  if (bitExact) return { sameType, sameShape, bitExact, maxAbsDiff: 0, maxSteps: reduced ? 0 : null };
  const x = tensorNumbers(a);
  const y = tensorNumbers(b);
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const p = x[i];
    const q = y[i];
    const nanP = Number.isNaN(p);
    const nanQ = Number.isNaN(q);
    const d = nanP || nanQ ? nanP && nanQ ? 0 : Infinity : p === q ? 0 : Math.abs(p - q);
    if (d > max || Number.isNaN(d)) max = Number.isNaN(d) ? Infinity : d;
  }
  const maxSteps = reduced ? stepsAtScale(x, y, reduced) : null;
  return { sameType, sameShape, bitExact, maxAbsDiff: max, maxSteps };
}

// src/adapters/onnxruntime/equivalence.ts
var EXACT = { optimization: "disabled", threads: 1 };
function summarize(name, t) {
  return { name, type: t.type, shape: [...t.dims] };
}
function measuredType(t) {
  const elem = onnxElemType(t.type);
  return elem ? tensorTypeMsg(elem, t.dims.map(() => null)) : void 0;
}
async function captureTensors(ort, model, tensors, label, inputs = {}) {
  const graphInputs = new Set(model.graph.input.map((v) => v.name));
  const extra = tensors.filter((t) => !graphInputs.has(t));
  const probe = withExtraOutputs(model, extra);
  const session = await createSession(ort, encodeModelMessage(probe), label, EXACT);
  try {
    const specs = sessionInputs(session);
    const feeds = generateInputs(ort, specs, inputs);
    const out = await runGenerated(session, specs, feeds, inputs, label);
    const values = { ...feeds, ...out };
    const types = /* @__PURE__ */ new Map();
    for (const t of tensors) {
      const v = values[t];
      const type = v ? measuredType(v) : void 0;
      if (type) types.set(t, type);
    }
    return { feeds, values, types };
  } finally {
    await session.release();
  }
}
var DEFAULT_TOLERANCE_STEPS = 1;
function reentryReason(p) {
  return `not convex: a path leaves the module and comes back: ${formatReentry(p.reentry)}`;
}
async function checkModules(model, membership, options = {}) {
  const full = model instanceof Uint8Array ? decodeModelMessage(model) : model;
  const label = options.label ?? "model";
  const selection = options.selection ?? { kind: "repeated" };
  const ort = await loadRuntime();
  const facts = analyzeGraph(full, membership);
  const selected = selectModules(modulesOf(membership), selection);
  const plans = selected.map((m) => planExtraction(facts, m));
  const boundary = /* @__PURE__ */ new Set();
  for (const p of plans) for (const t of [...p.inputs, ...p.outputs]) boundary.add(t);
  const capture = await captureTensors(ort, full, [...boundary], label, options.inputs);
  const modules = [];
  const tolerance = { steps: options.tolerance ?? DEFAULT_TOLERANCE_STEPS, formats: [] };
  for (const plan of plans) modules.push(await checkOne(ort, facts, plan, capture, label, tolerance, options.onExtracted));
  tolerance.formats.sort();
  const good = modules.filter((m) => m.extractable && m.equivalent).length;
  return {
    inputs: Object.entries(capture.feeds).map(([n, t]) => summarize(n, t)),
    tolerance,
    outputs: full.graph.output.flatMap((o) => {
      const t = capture.values[o.name];
      return t ? [summarize(o.name, t)] : [];
    }),
    modules,
    figure: { selection: describeSelection(selection), modules: modules.length, extractableAndEquivalent: good, share: modules.length ? good / modules.length : null }
  };
}
async function checkOne(ort, facts, plan, capture, label, tolerance, onExtracted) {
  const check = {
    module: plan.module,
    nodes: plan.members.length,
    inputs: plan.inputs,
    outputs: plan.outputs,
    extractable: false,
    runs: false,
    equivalent: false,
    maxAbsDiff: null,
    maxSteps: null
  };
  if (plan.problem) {
    check.reason = plan.problem;
    return check;
  }
  const built = buildExtractedModel(facts, plan, capture.types);
  if (!built.model) {
    check.reason = `no type known for boundary tensor(s) ${built.missingTypes.slice(0, 3).map((t) => `'${t}'`).join(", ")} (not tensors?)`;
    return check;
  }
  const reasons = [];
  check.extractable = plan.reentry === null;
  if (plan.reentry) reasons.push(reentryReason(plan));
  const bytes = encodeModelMessage(built.model);
  onExtracted?.(plan.module, bytes);
  const moduleLabel = `${label} [module ${plan.module}]`;
  let session;
  try {
    session = await createSession(ort, bytes, moduleLabel, EXACT);
  } catch (err) {
    reasons.push(err.message);
    check.reason = reasons.join("; ");
    return check;
  }
  try {
    const feeds = {};
    for (const t of plan.inputs) {
      const v = capture.values[t];
      if (!v) throw new Error(`no captured value for input '${t}'`);
      feeds[t] = v;
    }
    const out = await runSession(session, feeds, moduleLabel);
    check.runs = true;
    let max = 0;
    let steps = null;
    let exact = true;
    for (const t of plan.outputs) {
      const want = capture.values[t];
      const got = out[t];
      if (!want || !got) {
        exact = false;
        max = NaN;
        reasons.push(`output '${t}' ${got ? "was not captured" : "is missing"}`);
        continue;
      }
      const d = diffTensors(got, want);
      if (d.maxSteps !== null) {
        steps = Math.max(steps ?? 0, d.maxSteps);
        if (!tolerance.formats.includes(got.type)) tolerance.formats.push(got.type);
      }
      const within = d.maxSteps !== null && d.maxSteps <= tolerance.steps;
      if (!d.bitExact && !within) {
        exact = false;
        if (!d.sameType || !d.sameShape) {
          max = NaN;
          reasons.push(`output '${t}' is ${got.type}[${got.dims.join("x")}], whole model gives ${want.type}[${want.dims.join("x")}]`);
        } else if (reasons.length < 3) {
          const inSteps = d.maxSteps !== null ? ` (${d.maxSteps} ${got.type} rounding step${d.maxSteps === 1 ? "" : "s"}; tolerance ${tolerance.steps})` : "";
          reasons.push(`output '${t}' differs by up to ${d.maxAbsDiff}${inSteps}`);
        }
      }
      if (d.maxAbsDiff !== null) max = Math.max(max, d.maxAbsDiff);
    }
    check.equivalent = exact;
    check.maxAbsDiff = Number.isNaN(max) ? null : max;
    check.maxSteps = steps;
  } catch (err) {
    reasons.push(err.message);
  } finally {
    await session.release();
  }
  if (reasons.length) check.reason = reasons.join("; ");
  return check;
}
async function measureBoundaryTypes(model, facts, plans, label, inputs) {
  const missing = untypedBoundary(facts, plans);
  if (missing.length === 0) return /* @__PURE__ */ new Map();
  const ort = await loadRuntime();
  return (await captureTensors(ort, model, missing, label, inputs)).types;
}

// src/adapters/onnxruntime/shape-hints.ts
var BATCH_NAME = /^(batch|batch_size|batchsize|bs|n|num_batches)$/i;
var SAME_SHAPE = /* @__PURE__ */ new Set([
  "Identity",
  "Cast",
  "CastLike",
  "Relu",
  "LeakyRelu",
  "Elu",
  "Selu",
  "Celu",
  "Gelu",
  "FastGelu",
  "Sigmoid",
  "HardSigmoid",
  "HardSwish",
  "Tanh",
  "Erf",
  "Exp",
  "Log",
  "Sqrt",
  "Reciprocal",
  "Neg",
  "Abs",
  "Sign",
  "Floor",
  "Ceil",
  "Round",
  "Not",
  "IsNaN",
  "IsInf",
  "Softmax",
  "LogSoftmax",
  "Softplus",
  "Softsign",
  "Mish",
  "Clip",
  "Dropout",
  "LayerNormalization",
  "SimplifiedLayerNormalization",
  "SkipLayerNormalization",
  "BatchNormalization",
  "InstanceNormalization",
  "GroupNormalization",
  "Sin",
  "Cos",
  "QuickGelu",
  "BiasGelu",
  "ThresholdedRelu",
  "Shrink",
  "CumSum",
  "Trilu"
]);
var BROADCAST = /* @__PURE__ */ new Set(["Add", "Sub", "Mul", "Div", "Pow", "Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual", "And", "Or", "Xor", "Max", "Min", "Mod", "Where", "PRelu", "Sum", "Mean", "BitShift"]);
function num(v) {
  return v === void 0 || v === null ? 0 : typeof v === "number" ? v : v.toNumber();
}
function attr(node, name) {
  return node.attribute?.find((a) => a.name === name);
}
function attrInt(node, name, fallback) {
  const a = attr(node, name);
  return a && a.i !== void 0 && a.i !== null ? num(a.i) : fallback;
}
function attrInts(node, name) {
  const a = attr(node, name);
  return a?.ints?.length ? a.ints.map(num) : null;
}
function intValues(t) {
  const type = t.dataType ?? 0;
  if (type !== 7 && type !== 6) return null;
  if (t.rawData && t.rawData.length > 0) {
    const copy = new Uint8Array(t.rawData);
    return type === 7 ? Array.from(new BigInt64Array(copy.buffer, 0, copy.length >> 3), (v) => Number(v)) : Array.from(new Int32Array(copy.buffer, 0, copy.length >> 2));
  }
  if (type === 7 && t.int64Data) return t.int64Data.map(num);
  if (type === 6 && t.int32Data) return [...t.int32Data];
  return null;
}
var Solver = class {
  parent = /* @__PURE__ */ new Map();
  value = /* @__PURE__ */ new Map();
  find(v) {
    let r = v;
    while (this.parent.has(r) && this.parent.get(r) !== r) r = this.parent.get(r);
    this.parent.set(v, r);
    return r;
  }
  equal(a, b, why) {
    if (a === null || b === null) return;
    if (typeof a === "number" && typeof b === "number") return;
    if (typeof a === "number") return this.equal(b, a, why);
    const ra = this.find(a.v);
    if (typeof b === "number") {
      if (b > 1 && !this.value.has(ra)) this.value.set(ra, { size: b, why: why() });
      return;
    }
    const rb = this.find(b.v);
    if (ra === rb) return;
    this.parent.set(rb, ra);
    const vb = this.value.get(rb);
    if (vb && !this.value.has(ra)) this.value.set(ra, vb);
  }
  assign(v, hint) {
    const r = this.find(v);
    if (!this.value.has(r)) this.value.set(r, hint);
  }
  hint(v) {
    return this.value.get(this.find(v)) ?? null;
  }
};
function fmt(shape) {
  return shape === null ? "[?]" : `[${shape.map((d) => d === null ? "?" : typeof d === "number" ? String(d) : d.v.startsWith("name:") ? d.v.slice(5) : "?").join(", ")}]`;
}
function recordedShape(type) {
  const dims = type?.tensorType?.shape?.dim;
  if (!type?.tensorType?.shape || !dims) return null;
  return dims.map((d) => d.dimValue !== void 0 && d.dimValue !== null && num(d.dimValue) > 0 ? num(d.dimValue) : d.dimParam ? { v: `name:${d.dimParam}` } : null);
}
function broadcast(shapes, solver, why) {
  if (shapes.some((s) => s === null)) return null;
  const ss = shapes;
  const rank = Math.max(...ss.map((s) => s.length));
  const out = [];
  for (let k = 1; k <= rank; k++) {
    const col = ss.map((s) => s.length >= k ? s[s.length - k] : 1);
    const fixed = col.find((d) => typeof d === "number" && d !== 1);
    const vars = col.filter((d) => d !== null && typeof d !== "number");
    if (fixed !== void 0) for (const v of vars) solver.equal(v, fixed, () => why(col.indexOf(fixed)));
    for (let i = 1; i < vars.length; i++) solver.equal(vars[0], vars[i], () => "");
    out.unshift(fixed ?? vars[0] ?? (col.every((d) => d === 1) ? 1 : null));
  }
  return out;
}
function shapeHints(model) {
  const g = model.graph;
  const solver = new Solver();
  const shapes = /* @__PURE__ */ new Map();
  const constants = /* @__PURE__ */ new Map();
  const initializers = /* @__PURE__ */ new Set();
  for (const t of g.initializer ?? []) {
    if (!t.name) continue;
    initializers.add(t.name);
    constants.set(t.name, t);
    shapes.set(t.name, (t.dims ?? []).map(num));
  }
  const recorded = /* @__PURE__ */ new Map();
  for (const vi of [...g.valueInfo ?? [], ...g.output]) recorded.set(vi.name, recordedShape(vi.type));
  const inputVars = /* @__PURE__ */ new Map();
  for (const input of g.input) {
    if (initializers.has(input.name)) continue;
    const dims = input.type?.tensorType?.shape?.dim ?? [];
    const vars = [];
    const shape = dims.map((d, axis) => {
      if (d.dimValue !== void 0 && d.dimValue !== null && num(d.dimValue) > 0) {
        vars.push(null);
        return num(d.dimValue);
      }
      const v = d.dimParam ? `name:${d.dimParam}` : `axis:${input.name}#${axis}`;
      vars.push(v);
      if (d.dimParam && BATCH_NAME.test(d.dimParam)) solver.assign(v, { size: 1, why: `the dimension is named '${d.dimParam}'` });
      return { v };
    });
    inputVars.set(input.name, vars);
    shapes.set(input.name, input.type?.tensorType?.shape ? shape : null);
  }
  const shapeOf = (name) => name ? shapes.get(name) ?? null : null;
  const constInts = (name) => {
    const t = name ? constants.get(name) : void 0;
    return t ? intValues(t) : null;
  };
  for (const node of g.node) {
    const label = node.name ? `node '${node.name}'` : `a ${node.opType} node`;
    const ins = node.input.map((i) => i === "" ? null : shapeOf(i));
    let out = null;
    const op = node.domain && node.domain !== "ai.onnx" && node.domain !== "com.microsoft" ? "" : node.opType;
    if (op === "Constant") {
      const t = attr(node, "value")?.t;
      if (t) {
        constants.set(node.output[0], t);
        out = (t.dims ?? []).map(num);
      }
    } else if (SAME_SHAPE.has(op)) {
      out = ins[0] ?? null;
    } else if (BROADCAST.has(op)) {
      out = broadcast(ins, solver, (i) => `broadcast against '${node.input[i]}' ${fmt(ins[i] ?? null)} at ${label}`);
    } else if (op === "Gather") {
      const [d, i] = ins;
      if (d && i) {
        const axis = (attrInt(node, "axis", 0) + d.length) % Math.max(1, d.length);
        out = [...d.slice(0, axis), ...i, ...d.slice(axis + 1)];
      }
    } else if (op === "MatMul" && ins[0] && ins[1]) {
      const [a, b] = ins;
      const why = () => `matrix product with '${node.input[1]}' ${fmt(b)} at ${label}`;
      const whyA = () => `matrix product with '${node.input[0]}' ${fmt(a)} at ${label}`;
      if (a.length >= 1 && b.length >= 2) {
        solver.equal(a[a.length - 1], b[b.length - 2], typeof b[b.length - 2] === "number" ? why : whyA);
        const batch = broadcast([a.slice(0, -2), b.slice(0, -2)], solver, () => `batch broadcast at ${label}`);
        out = batch && [...batch, ...a.length >= 2 ? [a[a.length - 2]] : [], b[b.length - 1]];
      } else if (a.length >= 1 && b.length === 1) {
        solver.equal(a[a.length - 1], b[0], why);
        out = a.slice(0, -1);
      }
    } else if (op === "Gemm" && ins[0] && ins[1] && ins[0].length === 2 && ins[1].length === 2) {
      const a = attrInt(node, "transA", 0) ? [...ins[0]].reverse() : ins[0];
      const b = attrInt(node, "transB", 0) ? [...ins[1]].reverse() : ins[1];
      solver.equal(a[1], b[0], () => `matrix product with '${node.input[1]}' ${fmt(ins[1] ?? null)} at ${label}`);
      out = [a[0], b[1]];
    } else if (op === "Transpose" && ins[0]) {
      const x = ins[0];
      const perm = attrInts(node, "perm") ?? x.map((_, i) => x.length - 1 - i);
      out = perm.map((p) => x[p] ?? null);
    } else if ((op === "Unsqueeze" || op === "Squeeze") && ins[0]) {
      const x = ins[0];
      const axes = attrInts(node, "axes") ?? constInts(node.input[1]);
      if (op === "Unsqueeze" && axes) {
        const rank = x.length + axes.length;
        const norm = new Set(axes.map((a) => (a + rank) % rank));
        const rest = [...x];
        out = Array.from({ length: rank }, (_, i) => norm.has(i) ? 1 : rest.shift() ?? null);
      } else if (op === "Squeeze" && axes) {
        const norm = new Set(axes.map((a) => (a + x.length) % x.length));
        out = x.filter((_, i) => !norm.has(i));
      }
    } else if (op === "Reshape" && ins[0]) {
      const target = constInts(node.input[1]);
      if (target) out = target.map((t, i) => t === 0 && !attrInt(node, "allowzero", 0) ? ins[0][i] ?? null : t > 0 ? t : null);
    } else if (op === "Expand" && ins[0]) {
      const target = constInts(node.input[1]);
      if (target) out = broadcast([ins[0], target], solver, () => `expanded to [${target.join(", ")}] at ${label}`);
    } else if (op === "Concat" && ins.every((s) => s !== null) && ins.length > 0) {
      const ss = ins;
      const rank = ss[0].length;
      if (ss.every((s) => s.length === rank)) {
        const axis = (attrInt(node, "axis", 0) + rank) % Math.max(1, rank);
        out = ss[0].map((d, k) => {
          if (k === axis) return ss.every((s) => typeof s[k] === "number") ? ss.reduce((a, s) => a + s[k], 0) : null;
          for (let j = 1; j < ss.length; j++) solver.equal(d, ss[j][k], () => `concatenated with '${node.input[j]}' ${fmt(ss[j])} at ${label}`);
          return d;
        });
      }
    } else if (op === "Shape" && ins[0]) {
      out = [ins[0].length];
    }
    const name = node.output[0];
    if (name === void 0) continue;
    const rec = recorded.get(name) ?? null;
    if (rec && out && rec.length === out.length) {
      rec.forEach((r, k) => solver.equal(out[k], r, () => `value_info of '${name}' records ${fmt(rec)}`));
    }
    shapes.set(name, out ?? rec);
  }
  const hints = /* @__PURE__ */ new Map();
  for (const [input, vars] of inputVars) hints.set(input, vars.map((v) => v === null ? null : solver.hint(v)));
  return hints;
}

// src/cli/commands/validate.ts
var summary = "run the model in ONNX Runtime; with --modules, extract each repeated layer and check it is equivalent";
var usage = `usage: modelexport validate MODEL.onnx [--shape NAME=DIMS]... [--value NAME=N]... [--seed N] [--modules [--depth N | --module PATH...] [--tolerance STEPS]] [--json]

Loads the model in ONNX Runtime (CPU), runs it on generated inputs and prints the outputs'
types and shapes. Free dimensions take the size the model itself implies where it has a hint
(a dimension name shared with a sized one or naming the batch, a size value_info records, a
fixed size the dimension must broadcast against or multiply with), else a small default (1 for
a leading batch axis, 8 otherwise); the inputs are printed with where each size came from.
Float inputs are uniform in [-1, 1), integer inputs (token ids, masks, indices) in [0, 2).

  --shape NAME=DIMS  exact shape of an input, e.g. --shape input_ids=2x16 (repeatable);
                     inputs sharing its symbolic dimensions follow it
  --value NAME=N     every element of the input is N, e.g. --value sample_rate=16000 for a
                     scalar (repeatable)
  --seed N           seed of the generated values (default 0)
  --modules          also cut modules out as standalone models, run each on the values that
                     reach it in the whole model, and compare its outputs bit for bit; by
                     default the repeated layers (paths ending in an index: encoder.layer.3, h.1)
  --depth N          with --modules: the modules whose instance path has N dot-separated parts
  --module PATH      with --modules: this module (repeatable)
  --tolerance STEPS  with --modules: float16 and bfloat16 outputs count as equivalent within
                     this many rounding steps of their format at the output's largest
                     magnitude (default ${DEFAULT_TOLERANCE_STEPS}); ONNX Runtime
                     on CPU computes some float16 operators in float32, so a value cut at a
                     module boundary is rounded where the whole model kept it wider. Other
                     types are compared bit for bit.
  --json             print the result as JSON

Module membership is the engine's: each node's resolved primary context (exporter scopes,
tags, neighbourhood, resolved cases), as in the analyze report.
Exit status 1 when ONNX Runtime cannot load or run the model (the message lists the inputs
tried), or when a selected module is not extractable and equivalent.`;
function membershipOf(model) {
  return membershipFromEngine(model);
}
function readModelForRuntime(file) {
  const { model: structure } = loadModelFile(file);
  const external = structure.graph.initializers.find((t) => t.payload.kind === "external");
  if (external) {
    throw new UserError(`${file}: tensor '${external.name}' keeps its weights in an external data file, which ONNX Runtime checks do not support yet`);
  }
  const bytes = fs2.readFileSync(file);
  try {
    return { bytes, model: decodeModelMessage(bytes) };
  } catch (err) {
    if (err instanceof OnnxDecodeError) throw new UserError(`${file}: not a valid ONNX model: ${err.message}`);
    throw err;
  }
}
function inputOptions(values) {
  return { shapes: parseShapes(values.shape ?? []), values: parseValues(values.value ?? []), seed: numberOption(values.seed, "seed", 0, 0, 2 ** 32 - 1) };
}
function fmtTensor(t) {
  return `${t.name}  ${t.type}  [${t.shape.join(", ")}]`;
}
function yn(b) {
  return b ? "yes" : "no";
}
function formatValidate(r) {
  const lines = [`${r.model}: loads and runs in ONNX Runtime ${r.runtime} (CPU)`, "inputs (generated):"];
  for (const l of r.generated) lines.push(`  ${l}`);
  lines.push("outputs:");
  for (const t of r.outputs) lines.push(`  ${fmtTensor(t)}`);
  const eq = r.equivalence;
  if (eq) {
    lines.push("");
    if (eq.modules.length === 0) {
      lines.push(`no module matches the selection (${eq.figure.selection})`);
    } else {
      const steps = eq.tolerance.formats.length > 0;
      const rows = [["module", "nodes", "in", "out", "extractable", "runs", "equivalent", "max |diff|", ...steps ? ["steps"] : []]];
      for (const m of eq.modules) {
        rows.push([
          m.module,
          String(m.nodes),
          String(m.inputs.length),
          String(m.outputs.length),
          yn(m.extractable),
          yn(m.runs),
          yn(m.equivalent),
          m.maxAbsDiff === null ? "-" : String(m.maxAbsDiff),
          ...steps ? [m.maxSteps === null ? "-" : String(m.maxSteps)] : []
        ]);
      }
      const widths = rows[0].map((_, c) => Math.max(...rows.map((r2) => r2[c].length)));
      for (const row of rows) lines.push(row.map((cell, c) => c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])).join("  ").trimEnd());
      for (const m of eq.modules) if (m.reason) lines.push(`  ${m.module}: ${m.reason}`);
      const f = eq.figure;
      lines.push("", `${f.extractableAndEquivalent}/${f.modules} ${f.selection} extractable and equivalent (${Math.round((f.share ?? 0) * 1e3) / 10}%)`);
      const t = eq.tolerance;
      if (t.formats.length > 0) {
        const worst = Math.max(0, ...eq.modules.map((m) => m.maxSteps ?? 0));
        lines.push(
          `${t.formats.join(" and ")} outputs compared within ${t.steps} rounding step${t.steps === 1 ? "" : "s"} of the format (--tolerance); the largest difference was ${worst} step${worst === 1 ? "" : "s"}`
        );
      } else lines.push("outputs compared bit for bit");
    }
  }
  return lines.join("\n");
}
async function validateModel(file, options) {
  const { bytes, model } = readModelForRuntime(file);
  const ort = await loadRuntime();
  const session = await createSession(ort, bytes, file);
  const inputs = { ...options.inputs, hints: shapeHints(model) };
  let result;
  try {
    const specs = sessionInputs(session);
    const feeds = generateInputs(ort, specs, inputs);
    const out = await runGenerated(session, specs, feeds, inputs, file);
    result = {
      model: file,
      runtime: ort.env.versions?.common ?? "",
      inputs: Object.entries(feeds).map(([n, t]) => summarize(n, t)),
      generated: describeInputs(specs, inputs),
      outputs: session.outputNames.filter((n) => out[n]).map((n) => summarize(n, out[n]))
    };
  } finally {
    await session.release();
  }
  if (options.selection) {
    const membership = membershipOf(model);
    let selection = options.selection;
    if (selection.kind === "paths") selection = { kind: "paths", paths: selection.paths.map((p) => moduleArg(file, p, model, membership)) };
    result.equivalence = await checkModules(model, membership, { selection, inputs, label: file, ...options.tolerance !== void 0 ? { tolerance: options.tolerance } : {} });
  }
  return result;
}
function moduleArg(file, arg, model, membership) {
  try {
    return resolveModuleArg(arg, model, membership);
  } catch (err) {
    throw new UserError(`${file}: --module ${arg}: ${err.message}`);
  }
}
function selectionFrom(values) {
  if (values.depth !== void 0 && values.module?.length) throw new UserError("--depth and --module choose modules in different ways: give one of them");
  if (values.depth !== void 0) return { kind: "depth", depth: numberOption(values.depth, "depth", 1, 1, 1e3) };
  if (values.module?.length) return { kind: "paths", paths: values.module };
  return { kind: "repeated" };
}
async function run(argv) {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      shape: { type: "string", multiple: true },
      value: { type: "string", multiple: true },
      seed: { type: "string" },
      tolerance: { type: "string" },
      modules: { type: "boolean" },
      depth: { type: "string" },
      module: { type: "string", multiple: true },
      json: { type: "boolean" }
    },
    usage
  );
  if (positionals.length !== 1) throw new UsageError(`expected one model file
${usage}`);
  if (!values.modules && (values.depth !== void 0 || values.module?.length || values.tolerance !== void 0)) throw new UsageError("--depth, --module and --tolerance need --modules");
  const selection = values.modules ? selectionFrom(values) : void 0;
  const tolerance = values.tolerance === void 0 ? void 0 : numberOption(values.tolerance, "tolerance", DEFAULT_TOLERANCE_STEPS, 0, 1e6);
  const result = await validateModel(positionals[0], { inputs: inputOptions(values), ...selection ? { selection } : {}, ...tolerance !== void 0 ? { tolerance } : {} });
  process.stdout.write((values.json ? JSON.stringify(result, null, 2) : formatValidate(result)) + "\n");
  const failed = result.equivalence?.modules.some((m) => !(m.extractable && m.equivalent)) ?? false;
  return failed ? 1 : 0;
}

export {
  analyzeGraph,
  formatReentry,
  planExtraction,
  untypedBoundary,
  buildExtractedModel,
  checkModules,
  measureBoundaryTypes,
  summary,
  usage,
  membershipOf,
  readModelForRuntime,
  inputOptions,
  formatValidate,
  validateModel,
  moduleArg,
  selectionFrom,
  run
};
