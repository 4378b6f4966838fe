/**
 * Evidence readers: each turns one source into module contexts per node.
 *
 * Exporter records (the ground truth of what executed): TorchScript node-name scopes and the
 * dynamo exporter's `pkg.torch.onnx.name_scopes`. Recorded tags (what a tagger claims):
 * ModelInsider's `<base>_htp_metadata.json`, its `hierarchy_tag` node attribute, the legacy
 * `doc_string` JSON and `<base>_hierarchy.json`, and our own `modelexport.*` metadata_props.
 */
import { functionKey, type GraphIndex } from "../load/graph-index.js";
import { atoms, conflicts, deepest, isAncestorOrSelf, lowestCommonAncestor, mayBeStateDictName } from "./paths.js";
import { metadataValue, type OnnxModel, type OnnxNode } from "../load/model.js";
import type { EvidenceSource, SourceLocation } from "../report/types.js";
import { ModuleTree, normaliseClassPath } from "./module-tree.js";
import { parsePythonStringList } from "./python-repr.js";
import { readScopeName, readScopeNameAnyOp, readTensorScope, ScopeNormaliser, type ParsedScope } from "./scope.js";
import { isObject } from "../util/text.js";
import { mayBeRewriterSegment } from "./op-names.js";
import { StringTable } from "../util/string-table.js";

export const META = {
  module: "modelexport.module",
  tag: "modelexport.tag",
  modules: "modelexport.modules",
  primary: "modelexport.context.primary",
  auxiliary: "modelexport.context.auxiliary",
  strategy: "modelexport.context.strategy",
  confidence: "modelexport.context.confidence",
  dynamoScopes: "pkg.torch.onnx.name_scopes",
  dynamoClasses: "pkg.torch.onnx.class_hierarchy",
  dynamoStack: "pkg.torch.onnx.stack_trace",
} as const;

export interface ExporterRecord {
  /** scope and dynamo: the node's own record; tensor-name: the record of the value it computes. */
  source: "scope" | "dynamo" | "tensor-name";
  path: string;
}

export interface TagRecord {
  source: Exclude<EvidenceSource, "scope" | "dynamo" | "tensor-name">;
  /** Instance path when the tag carries one (modelexport.module) or the tree maps its class path to one module. */
  path?: string;
  /** Every module an ambiguous class path can name (siblings of one class share a class path). */
  candidates?: string[];
  classPath?: string;
}

/** The modules a tag can mean: one, several (ambiguous class path), or none (unknown to the tree). */
export function tagPaths(t: TagRecord): string[] {
  return t.path !== undefined ? [t.path] : (t.candidates ?? []);
}

export interface NodeEvidence {
  exporter?: ExporterRecord;
  /**
   * Modules whose values the node computes besides its own (the scoped names of its outputs,
   * when they name other modules): a fused node (a Conv that absorbed its ReLU) stands for them too.
   */
  absorbed?: string[];
  tags: TagRecord[];
  stack?: SourceLocation;
}

/** ModelInsider's `<base>_htp_metadata.json`. */
export interface HtpMetadata {
  nodes?: Record<string, string>;
  modules?: HtpModule;
  [key: string]: unknown;
}

export interface HtpModule {
  class_name?: string;
  traced_tag?: string;
  scope?: string;
  execution_order?: number;
  children?: Record<string, HtpModule>;
}

/** ModelInsider's legacy `<base>_hierarchy.json`. */
export interface LegacyHierarchy {
  node_tags?: Record<string, { op_type?: string; tags?: string[] }>;
  [key: string]: unknown;
}

export interface Sidecars {
  htp?: HtpMetadata;
  legacy?: LegacyHierarchy;
}

/** A sidecar whose shape is wrong; the adapter names the file. */
export class SidecarError extends Error {}

export function validateHtpMetadata(data: unknown): HtpMetadata {
  if (!isObject(data)) throw new SidecarError("expected a JSON object");
  if (data.nodes !== undefined) {
    if (!isObject(data.nodes)) throw new SidecarError("`nodes` must be an object mapping node names to tags");
    // Keys, not entries: a tagging exporter writes one per node, and a pair per key is garbage.
    const nodes = data.nodes;
    for (const k of Object.keys(nodes)) {
      if (typeof nodes[k] !== "string") throw new SidecarError(`\`nodes\`: the tag of '${k}' must be a string`);
    }
  }
  if (data.modules !== undefined) checkHtpModule(data.modules, "modules", 0);
  return data as HtpMetadata;
}

function checkHtpModule(m: unknown, where: string, depth: number): void {
  if (depth > 200) throw new SidecarError(`\`${where}\` is nested too deeply`);
  if (!isObject(m)) throw new SidecarError(`\`${where}\` must be an object`);
  for (const k of ["class_name", "traced_tag", "scope"] as const) {
    if (m[k] !== undefined && typeof m[k] !== "string") throw new SidecarError(`\`${where}.${k}\` must be a string`);
  }
  if (m.children !== undefined) {
    if (!isObject(m.children)) throw new SidecarError(`\`${where}.children\` must be an object`);
    for (const [k, c] of Object.entries(m.children)) checkHtpModule(c, `${where}.children.${k}`, depth + 1);
  }
}

export function validateLegacyHierarchy(data: unknown): LegacyHierarchy {
  if (!isObject(data)) throw new SidecarError("expected a JSON object");
  if (data.node_tags !== undefined) {
    if (!isObject(data.node_tags)) throw new SidecarError("`node_tags` must be an object");
    for (const [k, v] of Object.entries(data.node_tags)) {
      if (!isObject(v)) throw new SidecarError(`\`node_tags.${k}\` must be an object`);
      if (v.tags !== undefined && (!Array.isArray(v.tags) || v.tags.some((t) => typeof t !== "string"))) {
        throw new SidecarError(`\`node_tags.${k}.tags\` must be a list of strings`);
      }
    }
  }
  return data as LegacyHierarchy;
}

export interface CollectedEvidence {
  evidence: NodeEvidence[];
  tree: ModuleTree;
}

function lastName(qualified: string): string {
  const parts = qualified.split(".");
  return parts[parts.length - 1] ?? qualified;
}

/**
 * Module list written by our exporter into model-level metadata (torch's `named_modules()`).
 * Returns the paths it declares (empty when there is none). Malformed JSON is ignored, not fatal.
 */
function readModuleList(model: OnnxModel, tree: ModuleTree): ReadonlySet<string> {
  const raw = metadataValue(model.metadataProps, META.modules);
  if (!raw) return tree.declared;
  try {
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return tree.declared;
    for (const m of list) {
      if (isObject(m) && typeof m.path === "string") {
        tree.add(m.path, typeof m.class === "string" ? m.class : undefined, typeof m.qualname === "string" ? m.qualname : undefined);
        tree.declare(m.path);
      }
    }
  } catch {
    // A hand-edited or truncated value: scopes and tags still give the tree.
  }
  return tree.declared;
}

/**
 * A module reachable under two names (T5's `shared` is also `encoder.embed_tokens`) appears in
 * TorchScript scopes under its first name nested in its caller's scope: `encoder.shared`, a path
 * `named_modules()` does not have. With the module list at hand, that scope is the declared
 * module `shared` called from the declared `encoder`. null when `path` is no such alias.
 */
export function aliasedScopePath(path: string, declared: ReadonlySet<string>): { module: string; caller: string } | null {
  if (declared.size === 0 || declared.has(path)) return null;
  const parts = path.split(".");
  for (let k = 1; k < parts.length; k++) {
    const caller = parts.slice(0, k).join(".");
    const module = parts.slice(k).join(".");
    if (declared.has(module) && declared.has(caller)) return { module, caller };
  }
  return null;
}

/**
 * The module a scope `path` that names no module stands for, by a parameter one of `inputs`
 * reads: a module with the scope's last name, not on the scope's own chain, while the scope's
 * caller (the scope without its last name) is a module. null otherwise.
 */
function parameterAlias(path: string, inputs: readonly string[], initializers: ReadonlyMap<string, unknown>, modules: ReadonlySet<string>): { module: string; caller: string } | null {
  if (modules.has(path)) return null;
  const cut = path.lastIndexOf(".");
  if (cut <= 0) return null;
  const caller = path.slice(0, cut);
  const name = path.slice(cut + 1);
  if (!modules.has(caller)) return null;
  for (const t of inputs) {
    if (t === "" || !mayBeStateDictName(t) || !initializers.has(t)) continue;
    const end = t.lastIndexOf(".");
    if (end <= 0) continue;
    const module = t.slice(0, end);
    if (module === name || module.endsWith("." + name)) {
      if (modules.has(module) && !isAncestorOrSelf(module, path)) return { module, caller };
    }
  }
  return null;
}

function readHtpModules(m: HtpModule, tree: ModuleTree, depth: number): void {
  if (depth > 200) return;
  if (typeof m.scope === "string") {
    tree.add(m.scope, m.class_name);
    if (m.traced_tag) tree.addClassPath(m.scope, normaliseClassPath(m.traced_tag));
  }
  for (const c of Object.values(m.children ?? {})) readHtpModules(c, tree, depth + 1);
}

function parseStack(trace: string): SourceLocation | undefined {
  // Python tracebacks: File "path/to/model.py", line 42, in forward. The innermost frame is last.
  let found: SourceLocation | undefined;
  for (const m of trace.matchAll(/File "([^"]+)", line (\d+)/g)) found = { file: m[1]!, line: Number(m[2]) };
  return found;
}

function docStringTags(node: OnnxNode): string[] {
  const d = node.docString.trim();
  if (!d.startsWith("{")) return [];
  try {
    const j = JSON.parse(d) as unknown;
    if (!isObject(j)) return [];
    const tags = j.hierarchy_tags;
    if (Array.isArray(tags)) return tags.filter((t): t is string => typeof t === "string" && t !== "");
    if (typeof j.hierarchy_path === "string" && j.hierarchy_path !== "") return [j.hierarchy_path];
  } catch {
    // Free-text doc strings are common and carry no tags.
  }
  return [];
}

/**
 * A call of a local function (export_modules_as_functions) is named after the last scope that
 * ran inside the module (`/encoder/layer.0/output/LayerNorm/BertLayer` calls `encoder.layer.0`).
 * The parameters passed to the call name the instance: the call is their common owner.
 */
function functionCallPath(index: GraphIndex, node: OnnxNode, scopePath: string): string {
  const owners = node.inputs
    .filter((name) => index.initializers.has(name) && !name.includes("::") && atoms(name).length >= 2)
    .map((name) => atoms(name).slice(0, -1).join("."));
  if (owners.length === 0) return scopePath;
  return lowestCommonAncestor([lowestCommonAncestor(owners), scopePath]);
}

/** Modules that own a parameter-named initializer (`encoder.layer.0.attention.self.query.weight`), and their ancestors. */
function parameterModules(index: GraphIndex): Set<string> {
  const out = new Set<string>();
  for (const name of index.initializers.keys()) {
    if (!mayBeStateDictName(name)) continue;
    let p = name;
    for (let cut = p.lastIndexOf("."); cut > 0; cut = p.lastIndexOf(".")) {
      p = p.slice(0, cut);
      if (out.has(p)) break;
      out.add(p);
    }
  }
  return out;
}

/**
 * The longest declared module on `path`'s chain: where the model records its module list, no
 * module outside it is reported (a segment some rewriter added is not a module).
 */
function clampToDeclared(path: string, declared: ReadonlySet<string>): string {
  if (declared.size === 0 || declared.has(path)) return path;
  let p = path;
  while (p !== "") {
    const cut = p.lastIndexOf(".");
    p = cut < 0 ? "" : p.slice(0, cut);
    if (declared.has(p)) return p;
  }
  return "";
}

/** `<name>_output_N` (N decimal digits): the name TorchScript gives a node's outputs. */
function isOwnOutput(out: string, name: string): boolean {
  const from = name.length + 8;
  if (out.length <= from || !out.startsWith(name) || !out.startsWith("_output_", name.length)) return false;
  for (let i = from; i < out.length; i++) {
    const c = out.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The tags of a node that has none: shared, so frozen. */
const NO_TAGS = Object.freeze([]) as unknown as TagRecord[];

function samePrefixes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const isOwnEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * `o[key]` when `key` is one of `o`'s own enumerable keys (those `Object.keys` lists), else
 * undefined: node names such as `constructor` or `__proto__` must never reach Object.prototype.
 * Looked up on the parsed object itself: a Map copy of a sidecar's 500,000 node tags cost a
 * quarter of a second and tens of megabytes, to answer the same question.
 */
function ownValue<T>(o: Record<string, T> | undefined, key: string): T | undefined {
  return o !== undefined && isOwnEnumerable.call(o, key) ? o[key] : undefined;
}

/**
 * `ownValue` for a parsed JSON object whose values the caller wants only as strings, in one
 * lookup of the key instead of two (a sidecar tags every one of 500,000 nodes): what
 * Object.prototype holds is functions and an accessor, never a string, so a string found is one
 * of the object's own keys (JSON.parse makes only own enumerable ones, `__proto__` included).
 */
function ownString(o: Record<string, unknown> | undefined, key: string): string | undefined {
  if (o === undefined) return undefined;
  const v = o[key];
  return typeof v === "string" ? v : undefined;
}

/**
 * A node's evidence in one object literal with the fields it has (in the order they were always
 * added): a field added after the literal goes to a separate property array, 40 bytes more for
 * each of hundreds of thousands of nodes.
 */
function nodeEvidence(tags: TagRecord[], exporter: ExporterRecord | undefined, stack: SourceLocation | undefined, absorbed: string[] | undefined): NodeEvidence {
  if (exporter === undefined) return { tags };
  if (stack !== undefined) return { tags, exporter, stack };
  if (absorbed !== undefined) return { tags, exporter, absorbed };
  return { tags, exporter };
}

/**
 * Read every source of module evidence for every node of the index. Pure.
 *
 * Two phases, so the module tree is built once: first every path any source names is added,
 * then class paths (tags) are mapped onto the finished tree.
 */
export function collectEvidence(index: GraphIndex, sidecars: Sidecars = {}): CollectedEvidence {
  const tree = new ModuleTree();
  const declared = readModuleList(index.model, tree);
  if (sidecars.htp?.modules) readHtpModules(sidecars.htp.modules, tree, 0);

  // TorchScript scopes first, all of them: folding call suffixes needs every path seen. Main-graph
  // nodes without a scope of their own may carry one in an output's name.
  const paramModules = parameterModules(index);
  const scopeNames = new ScopeNormaliser(paramModules);
  // Every node of a module parses to the same scope: one object per distinct scope is kept
  // (until the end of this function) instead of one per node, with its prefixes.
  const scopesByPath = new Map<string, ParsedScope[]>();
  const canonical = (p: ParsedScope | null): ParsedScope | null => {
    if (p === null) return null;
    const same = scopesByPath.get(p.path);
    if (same === undefined) {
      scopesByPath.set(p.path, [p]);
      return p;
    }
    for (const q of same) if (samePrefixes(q.prefixes, p.prefixes)) return q;
    same.push(p);
    return p;
  };
  // The names of one module's nodes share everything up to their last '/': that part decides the
  // scope whenever the last segment is no rewriter's (readScopeName pops it as the op's own name),
  // so it is parsed once per module, not once per node. The op type matters only to a node whose
  // op type heads the segment where the op names before its own end (`exceptOpType`): that node
  // is parsed by itself. Keyed by op type too, a large graph had a third as many misses as nodes.
  const scopeTable = new StringTable();
  const cachedScopes: { prefix: string; scope: ParsedScope | null; exceptOpType: string | undefined }[] = [];
  let previousScope: (typeof cachedScopes)[number] | undefined;
  const scopeOfNode = (name: string, opType: string): ParsedScope | null => {
    const last = name.lastIndexOf("/");
    if (!name.startsWith("/") || last === name.length - 1 || mayBeRewriterSegment(name, last + 1)) {
      return canonical(readScopeName(name, opType));
    }
    // Nodes of one module mostly stand together: the previous node's prefix is tried first.
    let cached = previousScope;
    if (cached === undefined || cached.prefix.length !== last || !name.startsWith(cached.prefix)) {
      const k = scopeTable.getPrefix(name, last);
      cached = k >= 0 ? cachedScopes[k]! : undefined;
      if (cached === undefined) {
        const read = readScopeNameAnyOp(name);
        cached = { prefix: name.slice(0, last), scope: canonical(read.scope), exceptOpType: read.exceptOpType };
        scopeTable.set(cached.prefix, cachedScopes.length);
        cachedScopes.push(cached);
      }
      previousScope = cached;
    }
    return opType === cached.exceptOpType ? canonical(readScopeName(name, opType)) : cached.scope;
  };
  // The module names of each distinct scope once: nodes of one module share their scope object.
  const namesAdded = new Set<ParsedScope>();
  const addScopeNames = (p: ParsedScope) => {
    if (namesAdded.has(p)) return;
    namesAdded.add(p);
    scopeNames.addAll(p.prefixes);
  };
  const parsedScopes: (ParsedScope | null)[] = new Array(index.nodes.length).fill(null);
  const tensorScopes: (ParsedScope[] | null)[] = new Array(index.nodes.length).fill(null);
  for (let k = 0; k < index.nodes.length; k++) {
    const entry = index.nodes[k]!;
    // A function body's names are the function's own, shared by every call: its nodes follow
    // their call sites. A subgraph's nodes carry absolute scopes where the exporter wrote them
    // (torch names an If body's nodes `/decoder/rnn/Squeeze` like any other, an inliner prefixes
    // them): read like the main graph's; those without one follow the node that owns the body.
    if (entry.functionKey !== undefined) continue;
    const parsed = scopeOfNode(entry.node.name, entry.node.opType);
    // Made only for a node with a value named after another scope: most have none.
    let fromTensors: ParsedScope[] | null = null;
    for (const out of entry.node.outputs) {
      // `<own name>_output_N` repeats the node's own scope: nothing to learn from it.
      if (parsed && isOwnOutput(out, entry.node.name)) continue;
      const t = canonical(readTensorScope(out));
      if (t) (fromTensors ??= []).push(t);
    }
    if (fromTensors !== null) {
      // Every scope a value's name records was a module that ran, even when the op that ran it
      // was fused away: call suffixes fold against it too.
      for (const t of fromTensors) addScopeNames(t);
      tensorScopes[entry.index] = fromTensors;
    }
    if (parsed) {
      addScopeNames(parsed);
      parsedScopes[entry.index] = parsed;
    }
  }
  // Without a module list, a module reachable under two names shows in scopes under its caller
  // (`encoder.shared`) while its parameters carry its own name (`shared.weight`): the modules
  // that own parameters stand in for the list when telling such aliases apart.
  const aliasNames = declared.size > 0 ? declared : paramModules;
  // A module reachable under two names below the root (BART's `model.shared`, the encoder's
  // `embed_tokens`) shows in its caller's scope as `model.encoder.shared`. Where the scope names
  // no module, a node of it reads a parameter of a module elsewhere with that last name, and the
  // scope's caller is a module, the scope is that module called from the caller. Decided per
  // scope before any path enters the tree; `aliasedScopePath` covers modules at the root.
  // Each scope's path normalised once, here and in `addScopePathOnce`.
  const normalisedPaths = new Map<ParsedScope, string>();
  const normalisedPath = (parsed: ParsedScope): string => {
    let p = normalisedPaths.get(parsed);
    if (p === undefined) normalisedPaths.set(parsed, (p = scopeNames.normalise(parsed.path)));
    return p;
  };
  const parameterAliases = new Map<ParsedScope, { module: string; caller: string }>();
  if (aliasNames.size > 0) {
    // Most scopes name a module and are done with at once (a module's nodes stand together:
    // the last scope looked at is remembered).
    let lastParsed: ParsedScope | undefined;
    let lastUnknown: string | null = null;
    const unknown = (parsed: ParsedScope): string | null => {
      if (parsed !== lastParsed) {
        const p = normalisedPath(parsed);
        lastParsed = parsed;
        lastUnknown = aliasNames.has(p) ? null : p;
      }
      return lastUnknown;
    };
    const consider = (parsed: ParsedScope, inputs: readonly string[]) => {
      const path = unknown(parsed);
      if (path === null || parameterAliases.has(parsed)) return;
      const alias = parameterAlias(path, inputs, index.initializers, aliasNames);
      if (alias !== null) parameterAliases.set(parsed, alias);
    };
    for (let k = 0; k < index.nodes.length; k++) {
      const entry = index.nodes[k]!;
      // The scope of the node's own name, or of the values it computes (a renamed node's).
      const parsed = parsedScopes[entry.index];
      if (parsed) consider(parsed, entry.node.inputs);
      const fromTensors = tensorScopes[entry.index];
      if (fromTensors) for (const t of fromTensors) consider(t, entry.node.inputs);
    }
  }

  const htpNodes = sidecars.htp?.nodes;
  const legacy = sidecars.legacy?.node_tags;
  const addedScope = new Set<string>();
  // By parsed scope (one object per distinct scope, see `canonical`): the answer and what it adds
  // to the tree are the same every time, and aliasedScopePath builds strings per call.
  const scopePaths = new Map<ParsedScope, string>();
  const addScopePath = (parsed: ParsedScope): string => {
    let known = scopePaths.get(parsed);
    if (known === undefined) scopePaths.set(parsed, (known = addScopePathOnce(parsed)));
    return known;
  };
  const addScopePathOnce = (parsed: ParsedScope): string => {
    let path = normalisedPath(parsed);
    const alias = aliasedScopePath(path, aliasNames) ?? parameterAliases.get(parsed) ?? null;
    if (alias !== null) {
      tree.addCallSite(alias.module, alias.caller);
      return alias.module;
    }
    path = clampToDeclared(path, declared);
    if (!addedScope.has(path)) {
      addedScope.add(path);
      for (const p of parsed.prefixes) {
        const q = clampToDeclared(scopeNames.normalise(p), declared);
        if (isAncestorOrSelf(q, path)) tree.add(q);
      }
    }
    return path;
  };
  // One record per distinct scope and one string per distinct tag, shared by the nodes that have
  // them (read-only from here on): a large graph has hundreds of thousands of nodes and a few
  // thousand modules.
  const scopeRecords = new Map<string, ExporterRecord>();
  const normalisedTags = new Map<string, string>();
  // Consecutive nodes mostly carry one tag (two in three of a sidecar's): the last answer is
  // compared first, a string's bytes instead of its hash (each parsed tag is a string of its own).
  let lastRaw: string | undefined;
  let lastTag = "";
  const normalisedTag = (raw: string): string => {
    if (raw === lastRaw) return lastTag;
    lastRaw = raw;
    return (lastTag = normalisedTagOnce(raw));
  };
  const normalisedTagOnce = (raw: string): string => {
    let cp = normalisedTags.get(raw);
    if (cp === undefined) {
      cp = normaliseClassPath(raw);
      const known = normalisedTags.get(cp);
      if (known !== undefined) cp = known;
      normalisedTags.set(raw, cp);
    }
    return cp;
  };
  const scopeOnly = new Map<ExporterRecord, NodeEvidence>();
  const evidence: NodeEvidence[] = index.nodes.map((entry) => {
    const node = entry.node;
    let exporter: ExporterRecord | undefined;
    let stack: SourceLocation | undefined;
    let absorbed: string[] | undefined;
    // Made for the few nodes that have a tag.
    let tags: TagRecord[] | undefined;
    const dynScopes = metadataValue(node.metadataProps, META.dynamoScopes);
    const scopes = dynScopes ? parsePythonStringList(dynScopes) : null;
    if (scopes && scopes.length >= 2) {
      // Cumulative instance paths, root first, the node's own name last.
      const modulePaths = scopes.slice(0, -1);
      const classList = parsePythonStringList(metadataValue(node.metadataProps, META.dynamoClasses) ?? "") ?? [];
      modulePaths.forEach((p, i) => {
        const cls = classList[i];
        tree.add(p, cls ? lastName(cls) : undefined, cls);
      });
      exporter = { source: "dynamo", path: modulePaths[modulePaths.length - 1]! };
      const trace = metadataValue(node.metadataProps, META.dynamoStack);
      if (trace) stack = parseStack(trace);
    } else {
      const parsed = parsedScopes[entry.index];
      if (parsed) {
        let path = addScopePath(parsed);
        if (index.functions.size > 0 && index.functions.has(functionKey(node.domain, node.opType))) path = functionCallPath(index, node, path);
        let record = scopeRecords.get(path);
        if (record === undefined) scopeRecords.set(path, (record = { source: "scope", path }));
        exporter = record;
        const fromTensors = tensorScopes[entry.index];
        const others = fromTensors ? deepest(fromTensors.map(addScopePath)).filter((p) => conflicts(p, path)) : [];
        if (others.length > 0) absorbed = others;
      } else {
        const fromTensors = tensorScopes[entry.index];
        if (fromTensors) exporter = { source: "tensor-name", path: lowestCommonAncestor(fromTensors.map(addScopePath)) };
      }
    }
    const ownModule = metadataValue(node.metadataProps, META.module);
    const ownTag = metadataValue(node.metadataProps, META.tag);
    if (ownModule !== undefined || ownTag !== undefined) {
      const t: TagRecord = { source: "metadata-tag" };
      if (ownModule !== undefined) {
        t.path = ownModule;
        tree.add(ownModule);
      }
      if (ownTag) t.classPath = normaliseClassPath(ownTag);
      (tags ??= []).push(t);
    }
    // Guarded by cheap tests: nearly every node has neither, and this runs for every node.
    const attr = node.attributes.length > 0 ? node.attributes.find((a) => a.name === "hierarchy_tag" && typeof a.s === "string" && a.s !== "") : undefined;
    if (attr) (tags ??= []).push({ source: "hierarchy-attr", classPath: normaliseClassPath(attr.s!) });
    if (node.docString !== "") for (const t of docStringTags(node)) (tags ??= []).push({ source: "doc-string", classPath: normaliseClassPath(t) });
    if (entry.graph === "" && node.name !== "") {
      const h = ownString(htpNodes, node.name);
      if (h !== undefined && h !== "") (tags ??= []).push({ source: "htp-sidecar", classPath: normalisedTag(h) });
      const l = ownValue(legacy, node.name);
      for (const t of l?.tags ?? []) if (typeof t === "string" && t !== "") (tags ??= []).push({ source: "legacy-sidecar", classPath: normalisedTag(t) });
    }
    // A node with its scope and nothing else (nearly every node of a large export) shares one
    // object with the other nodes of its module: evidence is never changed once made.
    if (tags === undefined && stack === undefined && absorbed === undefined && exporter !== undefined && exporter.source === "scope") {
      let shared = scopeOnly.get(exporter);
      if (shared === undefined) scopeOnly.set(exporter, (shared = nodeEvidence(NO_TAGS, exporter, undefined, undefined)));
      return shared;
    }
    // At its exact length (a list grown by `push` keeps room for 16 more), shared when empty.
    return nodeEvidence(tags !== undefined ? tags.slice() : NO_TAGS, exporter, stack, absorbed);
  });

  // Class paths map to instance paths only once the whole tree is known (built once, here).
  for (let e = 0; e < evidence.length; e++) {
    const tags = evidence[e]!.tags;
    for (let k = 0; k < tags.length; k++) {
      const t = tags[k]!;
      if (t.path === undefined && t.classPath !== undefined) {
        const all = tree.pathsOfClassPath(t.classPath);
        // A tag without a path has a source and a class path only: the same fields in one literal
        // (see `nodeEvidence`; a sidecar gives nearly every node a tag), in the order they were added.
        if (all.length === 1) tags[k] = { source: t.source, classPath: t.classPath, path: all[0]! };
        else if (all.length > 1) t.candidates = all;
      }
    }
  }
  return { evidence, tree };
}
