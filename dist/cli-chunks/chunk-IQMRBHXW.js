import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  VERSION
} from "./chunk-MG3C76CF.js";
import {
  atoms,
  buildGraphIndex,
  classPathIndices,
  classPathsConflict,
  collectEvidence,
  comparePaths,
  conflicts,
  deepest,
  functionKey,
  groupScope,
  instanceIndices,
  isAncestorOrSelf,
  isIndex,
  lowestCommonAncestor,
  tagPaths
} from "./chunk-ERVH43Z2.js";

// src/contamination/neighbourhood.ts
var MAX_HOPS = 4;
function walk(start, next, known) {
  const found = /* @__PURE__ */ new Set();
  let frontier = next(start);
  const seen = /* @__PURE__ */ new Set([start]);
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const following = [];
    for (const n of frontier) {
      if (seen.has(n)) continue;
      seen.add(n);
      if (known(n)) found.add(n);
      else following.push(...next(n));
    }
    frontier = following;
  }
  return [...found].sort((a, b) => a - b);
}
function neighbourhood(index, i, known) {
  return {
    producers: walk(i, (n) => index.producers[n], known),
    consumers: walk(i, (n) => index.consumers[n], known)
  };
}

// src/contamination/detect.ts
function evidenceItems(ev, tree) {
  const items = [];
  if (ev.exporter) {
    const item = { source: ev.exporter.source, context: ev.exporter.path };
    const cp = tree.classPathOf(ev.exporter.path);
    if (cp) item.classPath = cp;
    items.push(item);
  }
  for (const t of ev.tags) {
    const item = { source: t.source, context: t.path ?? null };
    if (t.classPath) item.classPath = t.classPath;
    items.push(item);
  }
  return items;
}
function tagLabel(t) {
  return t.path ?? t.classPath ?? "";
}
function tagConflictsPath(t, path, tree) {
  const paths = tagPaths(t);
  if (paths.length > 0) return paths.every((p) => conflicts(p, path));
  if (t.classPath === void 0) return false;
  if (tree.hasClasses) return true;
  const a = classPathIndices(t.classPath);
  const b = instanceIndices(path);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return true;
  return false;
}
function tagsConflict(a, b, tree) {
  const pa = tagPaths(a);
  const pb = tagPaths(b);
  if (pa.length > 0 && pb.length > 0) return pa.every((x) => pb.every((y) => conflicts(x, y)));
  if (a.classPath !== void 0 && b.classPath !== void 0) return classPathsConflict(a.classPath, b.classPath);
  const withPaths = pa.length > 0 ? pa : pb;
  const other = pa.length > 0 ? b : a;
  return withPaths.every((p) => tagConflictsPath(other, p, tree));
}
function scopeOf(contexts) {
  if (contexts.every((c) => !c.startsWith("/"))) return groupScope(contexts);
  const idx = (c) => c.startsWith("/") ? classPathIndices(c) : instanceIndices(c);
  for (let i = 0; i < contexts.length; i++) {
    for (let j = i + 1; j < contexts.length; j++) {
      const a = idx(contexts[i]);
      const b = idx(contexts[j]);
      for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return "cross-layer";
    }
  }
  return "cross-module";
}
function detectCases(input) {
  const { index, evidence, tree } = input;
  const n = index.nodes.length;
  const known = new Array(n).fill(null);
  const direct = new Array(n).fill(null);
  const tagCases = [];
  for (let i = 0; i < n; i++) {
    const ev = evidence[i];
    if (ev.exporter) {
      known[i] = ev.exporter.path;
      direct[i] = "scope";
      const bad = ev.tags.filter((t) => tagConflictsPath(t, ev.exporter.path, tree));
      if (bad.length > 0) {
        tagCases.push({ node: i, kind: "tag-conflicts-scope", contexts: deepestLabels([ev.exporter.path, ...bad.map(tagLabel)]), tags: bad });
      }
    } else if (ev.tags.length > 0) {
      let conflict = false;
      for (let a = 0; a < ev.tags.length && !conflict; a++) {
        for (let b = a + 1; b < ev.tags.length && !conflict; b++) conflict = tagsConflict(ev.tags[a], ev.tags[b], tree);
      }
      if (conflict) {
        tagCases.push({ node: i, kind: "conflicting-tags", contexts: deepestLabels(ev.tags.map(tagLabel)), tags: ev.tags });
      } else {
        const paths = ev.tags.map((t) => t.path).filter((p) => p !== void 0);
        if (paths.length > 0) {
          known[i] = deepest(paths)[0];
          direct[i] = "tag";
        }
      }
    }
  }
  const isKnown = (j) => known[j] !== null;
  const cases = tagCases.map((c) => ({
    node: c.node,
    kind: c.kind,
    scope: scopeOf(c.contexts),
    contexts: c.contexts,
    evidence: evidenceItems(evidence[c.node], tree),
    around: neighbourhood(index, c.node, isKnown)
  }));
  const attributable = [];
  const orphans = [];
  for (let i = 0; i < n; i++) {
    const entry = index.nodes[i];
    if (known[i] !== null || direct[i] !== null) continue;
    if (evidence[i].tags.length > 0) continue;
    if (entry.graph !== "") continue;
    const around = neighbourhood(index, i, isKnown);
    const contexts = [...around.producers, ...around.consumers].map((j) => known[j]);
    if (contexts.length === 0) {
      orphans.push(i);
      continue;
    }
    const conflicting = deepest(contexts);
    if (conflicting.length <= 1) {
      attributable.push({ node: i, around, contexts: [...new Set(contexts)].sort() });
    } else {
      cases.push({
        node: i,
        kind: "shared-across-modules",
        scope: groupScope(conflicting),
        contexts: conflicting,
        evidence: [],
        around
      });
    }
  }
  cases.sort((a, b) => a.node - b.node);
  return { known, direct, cases, attributable, orphans };
}
function deepestLabels(labels) {
  const paths = labels.filter((l) => !l.startsWith("/"));
  const classPaths = [...new Set(labels.filter((l) => l.startsWith("/")))].sort();
  return [...deepest(paths), ...classPaths];
}

// src/contamination/votes.ts
var WEIGHT = { parameter: 3, structure: 2, orderInside: 2, orderEdge: 0.5, dataflow: 1 };
function layerTemplate(path) {
  const a = atoms(path);
  const i = a.findIndex((x) => /^\d+$/.test(x));
  if (i < 0) return path;
  a[i] = "*";
  return a.join(".");
}
function firstIndex(path) {
  return atoms(path).find((x) => /^\d+$/.test(x));
}
var StructureCounts = class {
  counts = /* @__PURE__ */ new Map();
  expected = /* @__PURE__ */ new Map();
  constructor(index, known, tree) {
    for (const n of index.nodes) {
      const c = known[n.index];
      if (c === null || c === void 0) continue;
      let m = this.counts.get(c);
      if (!m) this.counts.set(c, m = /* @__PURE__ */ new Map());
      m.set(n.node.opType, (m.get(n.node.opType) ?? 0) + 1);
    }
    const instances = /* @__PURE__ */ new Map();
    for (const p of [...this.counts.keys(), ...tree ? tree.modules.keys() : []]) {
      const a = atoms(p);
      const i = a.findIndex((x) => /^\d+$/.test(x));
      if (i < 0) continue;
      const key = [...a.slice(0, i), "*"].join(".");
      (instances.get(key) ?? instances.set(key, /* @__PURE__ */ new Set()).get(key)).add(a[i]);
    }
    for (const [c, m] of this.counts) {
      const t = layerTemplate(c);
      if (t === c) continue;
      const container = t.slice(0, t.indexOf("*") + 1);
      if ((instances.get(container)?.size ?? 0) < 2) continue;
      let e = this.expected.get(t);
      if (!e) this.expected.set(t, e = /* @__PURE__ */ new Map());
      for (const [op, k] of m) e.set(op, Math.max(e.get(op) ?? 0, k));
    }
  }
  /** How many more `op` nodes the other instances have than `context` has (0 when not repeated). */
  deficit(context, op) {
    const e = this.expected.get(layerTemplate(context));
    if (!e) return 0;
    return (e.get(op) ?? 0) - (this.counts.get(context)?.get(op) ?? 0);
  }
  /**
   * Modules this instance should have by analogy with its repeated siblings: `layer1.0.conv1`
   * when `layer1.1.conv1` exists, even if every node of `layer1.0.conv1` lost its scope.
   */
  analogues(context) {
    const index = firstIndex(context);
    if (index === void 0) return [];
    const prefix = layerTemplate(context) + ".";
    const depth = atoms(context).length;
    const out = [];
    for (const t of this.expected.keys()) {
      if (!t.startsWith(prefix)) continue;
      const extra = atoms(t).slice(depth);
      if (extra.length === 1 || extra.length === 2 && /^\d+$/.test(extra[1])) out.push(t.replace("*", index));
    }
    return out;
  }
  /** Record that a node of `op` was placed in `context`, so the same gap is not filled twice. */
  place(context, op) {
    let m = this.counts.get(context);
    if (!m) this.counts.set(context, m = /* @__PURE__ */ new Map());
    m.set(op, (m.get(op) ?? 0) + 1);
  }
};
function parameterOwner(tree, tensorName) {
  if (tensorName.includes("::") || tensorName.includes("/")) return void 0;
  const a = atoms(tensorName);
  if (a.length < 2 || a.some((x) => x === "")) return void 0;
  const owner = a.slice(0, -1).join(".");
  return tree.has(owner) || tree.has(a.slice(0, -2).join(".")) ? owner : void 0;
}
function collectVotes(v, candidates) {
  const { index, node } = v;
  const entry = index.nodes[node];
  const votes = [];
  const allow = new Set(candidates);
  for (const input of entry.node.inputs) {
    if (!index.initializers.has(input)) continue;
    const owner = parameterOwner(v.tree, input);
    if (owner !== void 0) votes.push({ context: owner, weight: WEIGHT.parameter, why: `uses parameter ${input}` });
  }
  if (v.alignment) votes.push(...v.alignment.votesFor(node));
  for (const c of [...allow]) for (const a of v.structure.analogues(c)) allow.add(a);
  for (const c of [...allow].sort()) {
    if (v.structure.deficit(c, entry.node.opType) > 0) {
      votes.push({ context: c, weight: WEIGHT.structure, why: `the other instances of ${layerTemplate(c)} have one more ${entry.node.opType}` });
    }
  }
  if (entry.graph === "") {
    let before = null;
    let after = null;
    for (let k = node - 1; k >= 0 && index.nodes[k].graph === ""; k--) {
      if (v.known[k] !== null) {
        before = v.known[k];
        break;
      }
    }
    for (let k = node + 1; k < index.nodes.length && index.nodes[k].graph === ""; k++) {
      if (v.known[k] !== null) {
        after = v.known[k];
        break;
      }
    }
    if (before !== null && before === after) {
      votes.push({ context: before, weight: WEIGHT.orderInside, why: `executes between two nodes of ${before || "(root)"}` });
    } else {
      if (before !== null) votes.push({ context: before, weight: WEIGHT.orderEdge, why: `follows a node of ${before || "(root)"}` });
      if (after !== null) votes.push({ context: after, weight: WEIGHT.orderEdge, why: `precedes a node of ${after || "(root)"}` });
    }
  }
  const share = (list, side) => {
    const ctxs = list.map((i) => v.known[i]).filter((c) => c !== null && c !== void 0);
    for (const c of ctxs) votes.push({ context: c, weight: WEIGHT.dataflow / ctxs.length, why: `${side} ${c || "(root)"}` });
  };
  share(v.producers, "reads from");
  share(v.consumers, "feeds");
  return votes;
}
function tally(votes) {
  if (votes.length === 0) return null;
  const score = /* @__PURE__ */ new Map();
  const reasons = /* @__PURE__ */ new Map();
  let total = 0;
  for (const v of votes) {
    score.set(v.context, (score.get(v.context) ?? 0) + v.weight);
    (reasons.get(v.context) ?? reasons.set(v.context, []).get(v.context)).push(v.why);
    total += v.weight;
  }
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || atoms(b[0]).length - atoms(a[0]).length || (a[0] < b[0] ? -1 : 1));
  const [context, best] = ranked[0];
  return { context, score: best, runnerUp: ranked[1]?.[1] ?? 0, total, reasons: [...new Set(reasons.get(context))] };
}

// src/contamination/resolve.ts
var DEFAULT_CONFIDENCE_THRESHOLD = 0.7;
var CONFIDENCE = { exporterScope: 0.95, residual: 0.9, shared: 0.85 };
var ADD_LIKE = /* @__PURE__ */ new Set(["Add", "Sum"]);
var show = (c) => c === "" ? "(root)" : c;
function resolved(strategy, primary, auxiliary, confidence, reasoning) {
  return { status: "resolved", primary, auxiliary: [...new Set(auxiliary)].filter((a) => a !== primary).sort(), confidence: round(confidence), strategy, reasoning };
}
function round(x) {
  return Math.round(x * 1e3) / 1e3;
}
function ctxList(nodes, known) {
  return nodes.map((i) => known[i]).filter((c) => c !== null);
}
function tryExporterScope(d, r) {
  if (d.kind !== "tag-conflicts-scope") return null;
  const scope = r.evidence[d.node].exporter;
  const others = d.contexts.filter((c) => c !== scope.path);
  const what = scope.source === "scope" ? "node-name scope" : "dynamo name_scopes";
  return resolved(
    "exporter-scope",
    scope.path,
    [],
    CONFIDENCE.exporterScope,
    `the exporter's ${what} says ${show(scope.path)}; the recorded tag (${others.map(show).join(", ")}) contradicts it and is set aside`
  );
}
function tryResidual(d, r) {
  const op = r.index.nodes[d.node].node.opType;
  if (!ADD_LIKE.has(op)) return null;
  const producers = deepest(ctxList(d.around.producers, r.known));
  const consumers = ctxList(d.around.consumers, r.known);
  if (producers.length < 2 || consumers.length === 0) return null;
  const depthWith = (p) => atoms(lowestCommonAncestor([p, ...consumers])).length;
  const ranked = [...producers].sort((a, b) => depthWith(b) - depthWith(a) || (a < b ? -1 : 1));
  const branch = ranked[0];
  const skips = ranked.slice(1);
  const blockDepth = depthWith(branch);
  if (skips.some((s) => depthWith(s) >= blockDepth)) return null;
  const primary = residualOwner(r, op, branch, consumers);
  if (primary === "" || skips.some((s) => !conflicts(s, primary) && !isAncestorOrSelf(s, primary))) return null;
  if (d.kind === "conflicting-tags" && !d.contexts.some((c) => isAncestorOrSelf(primary, c) || isAncestorOrSelf(c, primary))) return null;
  return resolved(
    "residual-connection",
    primary,
    skips,
    CONFIDENCE.residual,
    `${op} joins a skip tensor from ${skips.map(show).join(", ")} with the branch from ${show(branch)}, consumed in ${show(primary)}: it belongs to the consuming block`
  );
}
function residualOwner(r, op, branch, consumers) {
  const a = atoms(branch);
  const ancestors = [];
  for (let i = 1; i < a.length; i++) ancestors.push(a.slice(0, i).join("."));
  const missing = ancestors.filter((p) => r.structure.deficit(p, op) > 0);
  if (missing.length === 1) return missing[0];
  const lca = lowestCommonAncestor([branch, ...consumers]);
  if (r.tree.has(lca)) return lca;
  return a.slice(0, atoms(lca).length + 1).join(".");
}
function candidatesOf(contexts) {
  const out = /* @__PURE__ */ new Set();
  for (const c of contexts) {
    const a = atoms(c);
    for (let i = 0; i <= a.length; i++) out.add(a.slice(0, i).join("."));
  }
  return [...out].sort();
}
function provenance(r, node, producers, consumers, contexts) {
  const candidates = candidatesOf([...contexts, ...ctxList([...producers, ...consumers], r.known)].filter((c) => !c.startsWith("/")));
  const votes = collectVotes({ index: r.index, tree: r.tree, structure: r.structure, alignment: r.alignment, known: r.known, node, producers, consumers }, candidates);
  const t = tally(votes);
  if (!t) return null;
  return { context: t.context, confidence: t.score / (t.score + t.runnerUp), reasons: t.reasons };
}
function tryProvenance(d, r) {
  const answer = provenance(r, d.node, d.around.producers, d.around.consumers, d.contexts);
  if (!answer) return { resolution: null, guess: null };
  if (d.kind === "conflicting-tags" && !d.contexts.some((c) => isAncestorOrSelf(answer.context, c) || isAncestorOrSelf(c, answer.context))) {
    return { resolution: null, guess: answer };
  }
  if (answer.confidence < r.threshold) return { resolution: null, guess: answer };
  const aux = d.contexts.filter((c) => !c.startsWith("/") && conflicts(c, answer.context));
  return {
    resolution: resolved("tensor-provenance", answer.context, aux, answer.confidence, `${show(answer.context)}: ${answer.reasons.slice(0, 3).join("; ")}`),
    guess: answer
  };
}
function tryShared(d, r) {
  const users = deepest(ctxList(d.around.consumers, r.known));
  if (users.length < 2) return null;
  const common = lowestCommonAncestor(users);
  const producers = deepest(ctxList(d.around.producers, r.known));
  if (producers.some((p) => !isAncestorOrSelf(p, common))) return null;
  const primary = producers.length === 1 ? producers[0] : common;
  const fed = producers.length === 1 ? `computed from ${show(producers[0])} and ` : "";
  return resolved(
    "shared-node",
    primary,
    users,
    CONFIDENCE.shared,
    `${fed}used by ${users.length} conflicting modules (${users.map(show).join(", ")}): assigned to ${producers.length === 1 ? "the module that feeds them" : "their common ancestor"} ${show(primary)}`
  );
}
function resolveCases(drafts, r) {
  return drafts.map((d) => {
    const op = r.index.nodes[d.node].node.opType;
    let resolution = tryExporterScope(d, r) ?? tryResidual(d, r) ?? tryShared(d, r);
    let guess = null;
    if (!resolution) {
      const p = tryProvenance(d, r);
      resolution = p.resolution;
      guess = p.guess;
    }
    if (resolution && resolution.confidence < r.threshold) resolution = null;
    if (!resolution) {
      const best = guess;
      resolution = {
        status: "unresolved",
        primary: best ? best.context : null,
        auxiliary: [],
        confidence: best ? round(best.confidence) : 0,
        strategy: null,
        reasoning: best ? `no strategy reached the threshold ${r.threshold}: the best guess ${show(best.context)} has ${round(best.confidence)} (${best.reasons.slice(0, 2).join("; ")})` : `no strategy applies and the neighbourhood gives no testimony`
      };
    } else if (resolution.primary !== null) {
      r.structure.place(resolution.primary, op);
    }
    return { draft: d, resolution };
  });
}

// src/contamination/alignment.ts
var ALIGNMENT_WEIGHT = 4;
var EDGE = 2;
var WINDOW = 3;
var WINDOW_MATCHES = 4;
var MAX_SIBLINGS = 6;
function layerInstance(path) {
  const a = atoms(path);
  const i = a.findIndex(isIndex);
  return i < 0 ? null : a.slice(0, i + 1).join(".");
}
function templateOf(instance) {
  const a = atoms(instance);
  a[a.length - 1] = "*";
  return a.join(".");
}
var LayerAlignment = class {
  votes = /* @__PURE__ */ new Map();
  constructor(index, known) {
    const main = index.nodes.filter((n) => n.graph === "").length;
    const op = (p) => index.nodes[p].node.opType;
    const spans = /* @__PURE__ */ new Map();
    for (let p = 0; p < main; p++) {
      const c = known[p];
      if (c === null || c === void 0) continue;
      const inst = layerInstance(c);
      if (inst === null) continue;
      const s = spans.get(inst);
      if (s) s.last = p;
      else spans.set(inst, { instance: inst, first: p, last: p });
    }
    const all = [...spans.values()];
    for (const target of all) {
      const siblings = all.filter((s) => s !== target).sort((a, b) => Number(templateOf(b.instance) === templateOf(target.instance)) - Number(templateOf(a.instance) === templateOf(target.instance)) || a.first - b.first).slice(0, MAX_SIBLINGS);
      {
        for (const sibling of siblings) {
          const d = this.bestShift(target, sibling, known, op, main);
          if (d === null) continue;
          for (let p = Math.max(0, target.first - EDGE); p <= Math.min(main - 1, target.last + EDGE); p++) {
            if (known[p] !== null) continue;
            const q = p + d;
            if (q < 0 || q >= main || op(p) !== op(q)) continue;
            const theirs = known[q];
            if (theirs === null || theirs === void 0 || !inside(theirs, sibling.instance)) continue;
            const mine = target.instance + theirs.slice(sibling.instance.length);
            const list = this.votes.get(p) ?? this.votes.set(p, []).get(p);
            list.push({ context: mine, weight: ALIGNMENT_WEIGHT, why: `its counterpart in ${sibling.instance} (${index.nodes[q].node.name}) runs in ${theirs}` });
          }
        }
      }
    }
    this.windowVotes(known, op, main);
  }
  /**
   * The offset mapping target positions onto the sibling's: every op type in the span equal and
   * every node known on both sides in corresponding modules. Null when no offset near the spans'
   * starts and ends fits.
   */
  bestShift(t, s, known, op, main) {
    const tried = /* @__PURE__ */ new Set();
    let best = null;
    for (const base of [s.first - t.first, s.last - t.last]) {
      for (let delta = -EDGE; delta <= EDGE; delta++) {
        const d = base + delta;
        if (tried.has(d)) continue;
        tried.add(d);
        let agree = 0;
        let ok = true;
        for (let p = t.first; p <= t.last && ok; p++) {
          const q = p + d;
          if (q < 0 || q >= main || op(p) !== op(q)) {
            ok = false;
            break;
          }
          const a = known[p];
          const b = known[q];
          if (a === null || a === void 0 || b === null || b === void 0) continue;
          const aIn = inside(a, t.instance);
          const bIn = inside(b, s.instance);
          if (aIn !== bIn) ok = false;
          else if (aIn && a.slice(t.instance.length) !== b.slice(s.instance.length)) ok = false;
          else agree++;
        }
        if (ok && (!best || agree > best.agree)) best = { d, agree };
      }
    }
    return best && best.agree > 0 ? best.d : null;
  }
  /**
   * Analogy by local context, for nodes the span alignment could not place (the first block of T5
   * differs from the others; ALBERT runs one layer several times): another place in the graph
   * with the same op types around it, whose known neighbours sit in the same modules up to one
   * layer substitution, testifies to its own module, substituted the same way.
   */
  windowVotes(known, op, main) {
    const key = (p) => {
      const parts = [];
      for (let i = -WINDOW; i <= WINDOW; i++) parts.push(p + i < 0 || p + i >= main ? "^" : op(p + i));
      return parts.join("|");
    };
    const keys = [];
    const byKey = /* @__PURE__ */ new Map();
    for (let p = 0; p < main; p++) {
      const k = key(p);
      keys.push(k);
      (byKey.get(k) ?? byKey.set(k, []).get(k)).push(p);
    }
    for (let p = 0; p < main; p++) {
      if (known[p] !== null || this.votes.has(p)) continue;
      const found = [];
      for (const q of byKey.get(keys[p])) {
        if (found.length >= WINDOW_MATCHES) break;
        const theirs = known[q];
        if (q === p || theirs === null || theirs === void 0) continue;
        let from;
        let to;
        let agree = 0;
        let ok = true;
        for (let i = -WINDOW; i <= WINDOW && ok; i++) {
          const a = i === 0 ? void 0 : known[p + i];
          const b = i === 0 ? void 0 : known[q + i];
          if (a === null || a === void 0 || b === null || b === void 0) continue;
          if (a === b) {
            agree++;
            continue;
          }
          const ia = layerInstance(a);
          const ib = layerInstance(b);
          if (ia === null || ib === null || a.slice(ia.length) !== b.slice(ib.length) || from !== void 0 && (from !== ib || to !== ia)) ok = false;
          else {
            from = ib;
            to = ia;
            agree++;
          }
        }
        if (!ok || agree < 2) continue;
        let mine = theirs;
        if (from !== void 0 && to !== void 0 && inside(theirs, from)) mine = to + theirs.slice(from.length);
        found.push({ context: mine, weight: 1, why: `the same ops around it elsewhere run in ${theirs}` });
      }
      if (found.length > 0) this.votes.set(p, found);
    }
  }
  votesFor(node) {
    return this.votes.get(node) ?? [];
  }
};
function inside(path, instance) {
  return path === instance || path.startsWith(instance + ".");
}

// src/report/types.ts
var REPORT_SCHEMA = "modelexport-report";
var REPORT_VERSION = 2;

// src/analyze.ts
function analyzeModel(input, options = {}) {
  const threshold = options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const now = options.now ?? (() => 0);
  const timings = {};
  let t0 = now();
  const lap = (stage) => {
    const t = now();
    timings[stage] = round(t - t0);
    t0 = t;
  };
  const index = buildGraphIndex(input.model);
  lap("index");
  const { evidence, tree } = collectEvidence(index, input.sidecars ?? {});
  lap("evidence");
  const detection = detectCases({ index, evidence, tree });
  lap("detect");
  const known = detection.known;
  const structure = new StructureCounts(index, known, tree);
  const alignment = new LayerAlignment(index, known);
  const rctx = { index, evidence, tree, known, structure, alignment, threshold };
  const outcomes = new Array(index.nodes.length);
  for (let i = 0; i < index.nodes.length; i++) {
    const d = detection.direct[i];
    if (d !== null && d !== void 0) outcomes[i] = { primary: known[i], auxiliary: [], decidedBy: d, confidence: 1 };
  }
  for (const a of detection.attributable) {
    const answer = provenance(rctx, a.node, a.around.producers, a.around.consumers, a.contexts);
    const primary = answer ? answer.context : deepest(a.contexts)[0];
    structure.place(primary, index.nodes[a.node].node.opType);
    outcomes[a.node] = { primary, auxiliary: [], decidedBy: "neighbourhood", confidence: round(answer ? answer.confidence : 0.5) };
  }
  const resolvedCases = resolveCases(detection.cases, rctx);
  for (const { draft, resolution } of resolvedCases) {
    outcomes[draft.node] = { primary: resolution.primary, auxiliary: resolution.auxiliary, decidedBy: "case", confidence: resolution.confidence };
  }
  lap("resolve");
  inheritNested(index, outcomes);
  const nodes = index.nodes.map((entry, i) => {
    const o = outcomes[i] ?? { primary: null, auxiliary: [], decidedBy: "none", confidence: 0 };
    const r = {
      id: entry.id,
      name: entry.node.name,
      opType: entry.node.opType,
      primary: o.primary,
      auxiliary: o.auxiliary,
      decidedBy: o.decidedBy,
      confidence: o.confidence
    };
    const cp = o.primary !== null ? tree.classPathOf(o.primary) : void 0;
    if (cp) r.classPath = cp;
    return r;
  });
  const cases = resolvedCases.map(({ draft, resolution }) => {
    const entry = index.nodes[draft.node];
    const c = {
      id: `${draft.kind}:${entry.id}`,
      node: entry.id,
      opType: entry.node.opType,
      kind: draft.kind,
      scope: draft.scope,
      contexts: draft.contexts,
      evidence: draft.evidence,
      neighbourhood: {
        producers: uniqueSorted(draft.around.producers.map((j) => known[j])),
        consumers: uniqueSorted(draft.around.consumers.map((j) => known[j]))
      },
      resolution: { ...resolution }
    };
    if (resolution.primary !== null) {
      const cp = tree.classPathOf(resolution.primary);
      if (cp) c.resolution.primaryClassPath = cp;
    }
    const stack = evidence[draft.node].stack;
    if (stack) c.source = stack;
    return c;
  });
  const counts = countModel(nodes, cases, evidence, threshold);
  const report = {
    model: input.name,
    bytes: input.model.byteLength,
    irVersion: input.model.irVersion,
    producer: { name: input.model.producerName, version: input.model.producerVersion },
    opsets: input.model.opsetImports.map((o) => ({ domain: o.domain, version: o.version })),
    sidecars: [...input.sidecarFiles ?? []],
    counts,
    modules: summariseModules(tree, nodes, cases),
    cases,
    nodes
  };
  lap("report");
  if (options.timings) report.timings = timings;
  return report;
}
function inheritNested(index, outcomes) {
  const callSites = /* @__PURE__ */ new Map();
  for (const entry of index.nodes) {
    if (entry.graph !== "") continue;
    const key = functionKey(entry.node.domain, entry.node.opType);
    if (index.functions.has(key)) (callSites.get(key) ?? callSites.set(key, []).get(key)).push(entry.index);
  }
  for (const entry of index.nodes) {
    if (outcomes[entry.index] || entry.graph === "") continue;
    if (entry.owner !== void 0) {
      let owner = entry.owner;
      while (owner !== void 0 && !outcomes[owner]) owner = index.nodes[owner].owner;
      const o = owner !== void 0 ? outcomes[owner] : void 0;
      if (o && o.primary !== null) outcomes[entry.index] = { primary: o.primary, auxiliary: o.auxiliary, decidedBy: "neighbourhood", confidence: o.confidence };
    } else if (entry.functionKey !== void 0) {
      const sites = (callSites.get(entry.functionKey) ?? []).map((i) => outcomes[i]?.primary).filter((p) => p !== null && p !== void 0);
      if (sites.length === 0) continue;
      const unique = uniqueSorted(sites);
      outcomes[entry.index] = {
        primary: lowestCommonAncestor(unique),
        auxiliary: unique.length > 1 ? unique : [],
        decidedBy: "neighbourhood",
        confidence: unique.length > 1 ? 0.85 : 1
      };
    }
  }
}
function uniqueSorted(xs) {
  return [...new Set(xs)].sort();
}
function countModel(nodes, cases, evidence, threshold) {
  const bySource = {};
  let withEvidence = 0;
  for (const ev of evidence) {
    const sources = /* @__PURE__ */ new Set();
    if (ev.exporter) sources.add(ev.exporter.source);
    for (const t of ev.tags) sources.add(t.source);
    if (sources.size > 0) withEvidence++;
    for (const s of sources) bySource[s] = (bySource[s] ?? 0) + 1;
  }
  const casesByKind = {};
  const casesByScope = {};
  const resolvedByStrategy = {};
  let resolved2 = 0;
  let confidenceSum = 0;
  for (const c of cases) {
    casesByKind[c.kind] = (casesByKind[c.kind] ?? 0) + 1;
    casesByScope[c.scope] = (casesByScope[c.scope] ?? 0) + 1;
    if (c.resolution.status === "resolved") {
      resolved2++;
      confidenceSum += c.resolution.confidence;
      const s = c.resolution.strategy;
      resolvedByStrategy[s] = (resolvedByStrategy[s] ?? 0) + 1;
    }
  }
  const withPrimary = nodes.filter((n) => n.primary !== null).length;
  return {
    nodes: nodes.length,
    bySource: sortKeys(bySource),
    withEvidence,
    attributed: nodes.filter((n) => n.decidedBy === "neighbourhood").length,
    unattributed: nodes.length - withPrimary,
    cases: cases.length,
    casesByKind: sortKeys(casesByKind),
    casesByScope: sortKeys(casesByScope),
    resolved: resolved2,
    resolvedByStrategy: sortKeys(resolvedByStrategy),
    unresolved: cases.length - resolved2,
    meanConfidence: resolved2 > 0 ? round(confidenceSum / resolved2) : null,
    coverage: nodes.length > 0 ? round(withPrimary / nodes.length) : 0,
    evidenceCoverage: nodes.length > 0 ? round(withEvidence / nodes.length) : 0,
    uncertain: nodes.filter((n) => n.decidedBy === "neighbourhood" && n.confidence < threshold).length
  };
}
function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a < b ? -1 : 1));
}
function summariseModules(tree, nodes, cases) {
  for (const n of nodes) if (n.primary !== null && !tree.has(n.primary)) tree.add(n.primary);
  const direct = /* @__PURE__ */ new Map();
  for (const n of nodes) if (n.primary !== null) direct.set(n.primary, (direct.get(n.primary) ?? 0) + 1);
  const caseCount = /* @__PURE__ */ new Map();
  const unresolved = /* @__PURE__ */ new Map();
  for (const c of cases) {
    for (const ctx of new Set(c.contexts)) {
      caseCount.set(ctx, (caseCount.get(ctx) ?? 0) + 1);
      if (c.resolution.status === "unresolved") unresolved.set(ctx, (unresolved.get(ctx) ?? 0) + 1);
    }
  }
  const modules = [...tree.modules.values()].sort((a, b) => comparePaths(a.path, b.path));
  const total = /* @__PURE__ */ new Map();
  for (const m of [...modules].reverse()) {
    const t = (direct.get(m.path) ?? 0) + m.children.reduce((s, c) => s + (total.get(c) ?? 0), 0);
    total.set(m.path, t);
  }
  return modules.map((m) => {
    const s = {
      path: m.path,
      name: m.name,
      parent: m.parent,
      nodes: direct.get(m.path) ?? 0,
      totalNodes: total.get(m.path) ?? 0,
      cases: caseCount.get(m.path) ?? 0,
      unresolved: unresolved.get(m.path) ?? 0
    };
    if (m.className) s.className = m.className;
    if (m.classPath) s.classPath = m.classPath;
    return s;
  });
}
function buildReport(models, options = {}) {
  const sorted = [...models].sort((a, b) => a.model < b.model ? -1 : a.model > b.model ? 1 : 0);
  const nodes = sorted.reduce((s, m) => s + m.counts.nodes, 0);
  const covered = sorted.reduce((s, m) => s + (m.counts.nodes - m.counts.unattributed), 0);
  const withEvidence = sorted.reduce((s, m) => s + m.counts.withEvidence, 0);
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    tool: { name: "modelexport", version: VERSION },
    options: { confidenceThreshold: options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD },
    models: sorted,
    totals: {
      models: sorted.length,
      nodes,
      cases: sorted.reduce((s, m) => s + m.counts.cases, 0),
      resolved: sorted.reduce((s, m) => s + m.counts.resolved, 0),
      unresolved: sorted.reduce((s, m) => s + m.counts.unresolved, 0),
      coverage: nodes > 0 ? round(covered / nodes) : 0,
      withEvidence,
      evidenceCoverage: nodes > 0 ? round(withEvidence / nodes) : 0,
      uncertain: sorted.reduce((s, m) => s + m.counts.uncertain, 0)
    }
  };
}

export {
  analyzeModel,
  buildReport
};
