/** Scoring the engine on variants against the original export's scopes. Pure. */
import { analyzeModel } from "../analyze.js";
import { buildGraphIndex } from "../load/graph-index.js";
import type { OnnxModel } from "../load/model.js";
import { parseScopeName, ScopeNormaliser } from "../hierarchy/scope.js";
import { conflicts, conflictScope, deepest, isAncestorOrSelf, lowestCommonAncestor } from "../hierarchy/paths.js";
import type { ModelReport, NodeResult } from "../report/types.js";
import { genericWithDynamo, mergeConstants, shiftTags, stripScopes, type TruthModule } from "./variants.js";
import { fp16Style, quantizedStyle, shuffleNodes, truthByTensors, type VariantTruth } from "./rewritten.js";
import { aliasedScopePath, collectEvidence } from "../hierarchy/evidence.js";

/**
 * The original export's record: node name → module instance path. With torch's module list, a
 * scope torch spelt for a module reachable under two names (`encoder.shared`) is given its
 * `named_modules()` name (`shared`), as torch itself knows it.
 */
export function truthScopes(model: OnnxModel, truth?: readonly TruthModule[]): Map<string, string> {
  const known = new Set((truth ?? []).map((t) => t.path));
  const norm = new ScopeNormaliser();
  const parsed = model.graph.nodes.map((n) => parseScopeName(n.name));
  for (const p of parsed) if (p) norm.addAll(p.prefixes);
  // A module reachable under several names appears in the scope of the caller it was reached
  // through, under its first name: BART's `model.shared`, called as `model.encoder.embed_tokens`,
  // has scope `model.encoder.shared`. The generator's record of its other paths says so.
  const viaAlias = new Map<string, string>();
  for (const t of truth ?? []) {
    const name = t.path.slice(t.path.lastIndexOf(".") + 1);
    for (const a of t.aliases ?? []) {
      const cut = a.lastIndexOf(".");
      viaAlias.set(cut < 0 ? name : `${a.slice(0, cut)}.${name}`, t.path);
    }
  }
  const out = new Map<string, string>();
  // A local function's call node stands for the whole called module, not the op its name ends in.
  const functions = new Set(model.functions.map((f) => `${f.domain}:${f.name}`));
  model.graph.nodes.forEach((n, i) => {
    const p = parsed[i];
    if (!p || functions.has(`${n.domain}:${n.opType}`)) return;
    const path = norm.normalise(p.path);
    out.set(n.name, known.has(path) ? path : (viaAlias.get(path) ?? aliasedScopePath(path, known)?.module ?? path));
  });
  return out;
}

/**
 * Nodes the exporter itself shared across layers, from the original export alone: a node whose
 * outputs are read in two or more instances of one repeated layer (torch's constant folding
 * makes one `Constant` for every layer's attention and keeps the first layer's name). The engine
 * is asked to find these and give them to the users' common ancestor (a case, not a false
 * alarm): node name → that ancestor.
 */
export function exporterShared(model: OnnxModel, scopes: Map<string, string>): Map<string, string> {
  const readers = new Map<string, string[]>();
  for (const n of model.graph.nodes) {
    const m = scopes.get(n.name);
    if (m === undefined) continue;
    for (const t of n.inputs) if (t !== "") (readers.get(t) ?? readers.set(t, []).get(t)!).push(m);
  }
  const out = new Map<string, string>();
  for (const n of model.graph.nodes) {
    if (!scopes.has(n.name)) continue;
    const users = deepest(n.outputs.flatMap((t) => readers.get(t) ?? []));
    const across = users.some((a, i) => users.slice(i + 1).some((b) => conflicts(a, b) && conflictScope(a, b) === "cross-layer"));
    if (across) out.set(n.name, lowestCommonAncestor(users));
  }
  return out;
}

/** `shared` keyed by a variant's new node names (`originals`: new name → the export's name). */
function sharedRenamed(shared: Map<string, string>, originals: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, original] of originals) {
    const common = shared.get(original);
    if (common !== undefined) out.set(name, common);
  }
  return out;
}

/** Whether a primary context is one of a node's truth modules. */
function isRight(primary: string | null | undefined, modules: readonly string[]): boolean {
  return primary !== null && primary !== undefined && modules.includes(primary);
}

/** Truth with the exporter's shared nodes also right at their users' common ancestor. */
function withShared(truth: VariantTruth, shared: Map<string, string>): VariantTruth {
  const out: VariantTruth = new Map(truth);
  for (const [name, common] of shared) {
    const t = out.get(name);
    if (t !== undefined && !t.includes(common)) out.set(name, [...t, common]);
  }
  return out;
}

export interface VariantScore {
  variant: string;
  /** Nodes the variant damaged (ground-truth positives). */
  damaged: number;
  cases: number;
  unresolved: number;
  precision?: number;
  recall?: number;
  accuracy?: number;
  /** Free-form facts: false cases, tree check, ... */
  notes: string[];
  ms: number;
  /** Attribution judged against ground truth (variants with per-node truth). */
  judged?: Judgement;
}

/** How the engine's primary contexts compare with the truth, node by node. */
export interface Judgement {
  /** Nodes with ground truth. */
  withTruth: number;
  /** Primary is one of the truth modules. */
  right: number;
  /** Not right, stated at or above the threshold: the errors nobody is told about. */
  silent: number;
  /** Not right, stated below the threshold (uncertain or unresolved): flagged. */
  flagged: number;
  /** Left unattributed. */
  unattributed: number;
  /** Primary a proper ancestor of the truth (coarse, not conflicting); counted in silent or flagged too. */
  ancestor: number;
  /**
   * Wrong answers whose truth module the report's tree lacks (neither evidence nor inference put
   * it there: a module whose every op lost its name, with no sibling layer or Sequential part to
   * infer it from): the engine could only have named it by inventing it.
   */
  absent: number;
  /** Report modules that are not modules of the model (torch's named_modules). */
  phantoms: string[];
  /** Inserted conversion nodes scored against the documented rule: right / total. */
  inserted?: { right: number; total: number };
  /** (stated confidence, right) of every inferred answer (not direct evidence), for calibration. */
  samples: [number, boolean, string][];
}

/**
 * Judge a report against per-node truth. Only inferred answers (attribution from the
 * neighbourhood, a case's resolution) enter the calibration samples: direct evidence is the
 * exporter's record and is stated as 1.
 */
export function judge(r: ModelReport, truth: VariantTruth, threshold: number, modulePaths: ReadonlySet<string>, inserted?: Map<string, string>, verbose?: (line: string) => void): Judgement {
  const nodes = byName(r);
  const caseOf = new Map(r.cases.map((c) => [c.node, c.resolution.strategy ?? "unresolved case"]));
  const j: Judgement = { withTruth: 0, right: 0, silent: 0, flagged: 0, unattributed: 0, ancestor: 0, absent: 0, phantoms: [], samples: [] };
  const inTree = new Set(r.modules.map((m) => m.path));
  for (const [name, modules] of truth) {
    const n = nodes.get(name);
    if (!n) continue;
    j.withTruth++;
    const right = isRight(n.primary, modules);
    if (n.decidedBy !== "scope" && n.decidedBy !== "tag" && n.primary !== null) j.samples.push([n.confidence, right, n.basis ?? (n.decidedBy === "case" ? `case: ${caseOf.get(n.id)}` : n.decidedBy)]);
    if (right) {
      j.right++;
      continue;
    }
    if (n.primary === null) {
      j.unattributed++;
      continue;
    }
    if (modules.some((m) => isAncestorOrSelf(n.primary!, m))) j.ancestor++;
    if (!modules.some((m) => inTree.has(m))) j.absent++;
    if (n.confidence >= threshold) j.silent++;
    else j.flagged++;
    verbose?.(`${r.model} ${name} (${n.opType}): truth ${modules.map((m) => m || "(root)").join("|")} → ${n.primary || "(root)"} at ${n.confidence} by ${n.decidedBy}${n.basis ? ` (${n.basis})` : ""}`);
  }
  if (inserted) {
    let right = 0;
    for (const [name, module] of inserted) {
      const n = nodes.get(name);
      if (n && n.primary === module) right++;
      else verbose?.(`${r.model} inserted ${name}: rule ${module || "(root)"} → ${n?.primary ?? "none"}`);
    }
    j.inserted = { right, total: inserted.size };
  }
  j.phantoms = r.modules.filter((m) => !modulePaths.has(m.path)).map((m) => m.path);
  for (const p of j.phantoms) verbose?.(`${r.model} phantom module ${p}`);
  return j;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 10000) / 10000);

function byName(report: ModelReport): Map<string, NodeResult> {
  return new Map(report.nodes.filter((n) => !n.id.includes(">")).map((n) => [n.name, n]));
}

function timed<T>(now: () => number, f: () => T): [T, number] {
  const t = now();
  const r = f();
  return [r, Math.round((now() - t) * 10) / 10];
}

export interface EvalOptions {
  seed: number;
  shiftFraction: number;
  stripFraction: number;
  dynamoFraction: number;
  threshold: number;
  now: () => number;
  /** Receives one line per wrong attribution, for looking into what limits accuracy. */
  verbose?: (line: string) => void;
  /** The model as ONNX Runtime's optimizer rewrote it, per level label. */
  optimized?: [string, OnnxModel][];
}

export function evaluateModel(name: string, model: OnnxModel, truth: TruthModule[], o: EvalOptions): VariantScore[] {
  const scopes = truthScopes(model, truth);
  const shared = exporterShared(model, scopes);
  const truthPaths = new Set(truth.map((t) => t.path));
  const analyze = (m: OnnxModel) => analyzeModel({ name, model: m }, { confidenceThreshold: o.threshold });
  const scores: VariantScore[] = [];

  // Unmodified: no false cases, and the tree the engine rebuilds is torch's.
  {
    const [r, ms] = timed(o.now, () => analyze(model));
    const onShared = r.cases.filter((c) => shared.has(c.node) && c.kind === "shared-across-modules").length;
    const falseCases = r.cases.filter((c) => scopes.has(c.node)).length - onShared;
    const { tree } = collectEvidence(buildGraphIndex(model));
    const unknown = [...tree.modules.keys()].filter((p) => !truthPaths.has(p));
    scores.push({
      variant: "unmodified",
      damaged: 0,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      notes: [
        `false cases ${falseCases}`,
        `cases on nodes the exporter shared across layers ${onShared} of ${shared.size}`,
        `cases on exporter-made nodes ${r.counts.cases - falseCases - onShared}`,
        // Attributions below the threshold on a clean export are false alarms of a gate on `uncertain`.
        `uncertain ${r.counts.uncertain}`,
        `tree modules not in named_modules ${unknown.length}${unknown.length ? ` (${unknown.slice(0, 3).join(", ")})` : ""}`,
      ],
      ms,
    });
  }

  // Shifted tags: detection precision and recall.
  {
    const v = shiftTags(model, scopes, truth, o.shiftFraction, o.seed);
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const detected = new Set(r.cases.filter((c) => c.kind === "tag-conflicts-scope").map((c) => c.node));
    const tp = [...detected].filter((n) => v.shifted.has(n)).length;
    const nodes = byName(r);
    const correct = [...v.shifted].filter((n) => nodes.get(n)?.primary === scopes.get(n)).length;
    scores.push({
      variant: `shifted tags ${Math.round(o.shiftFraction * 100)}%`,
      damaged: v.shifted.size,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      precision: ratio(tp, detected.size),
      recall: ratio(tp, v.shifted.size),
      accuracy: ratio(correct, v.shifted.size),
      notes: [],
      ms,
      judged: judge(r, new Map([...v.shifted].map((n) => [n, [scopes.get(n)!]])), o.threshold, truthPaths),
    });
  }

  // Stripped scopes: attribution accuracy of the primary context. With the values' scoped names
  // renamed too, and (as earlier releases measured it) with only node names stripped.
  for (const keepValues of [false, true]) {
    const v = stripScopes(model, scopes, o.stripFraction, o.seed, keepValues);
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const nodes = byName(r);
    let correct = 0;
    let ancestor = 0;
    const mistakes: string[] = [];
    // An exporter-shared node is right at its scope or at its users' common ancestor, as in
    // every other variant.
    const strippedTruth = withShared(new Map([...v.stripped].map(([n, p]) => [n, [p]])), sharedRenamed(shared, v.originals));
    for (const [n, path] of v.stripped) {
      const p = nodes.get(n)?.primary;
      if (isRight(p, strippedTruth.get(n)!)) correct++;
      else {
        if (p !== null && p !== undefined && isAncestorOrSelf(p, path)) ancestor++;
        mistakes.push(`${n}: ${path} → ${p}`);
      }
    }
    if (o.verbose) for (const m of mistakes) o.verbose(`${name} stripped ${m}`);
    scores.push({
      variant: keepValues ? `renamed nodes ${Math.round(o.stripFraction * 100)}%, value names kept` : `stripped scopes ${Math.round(o.stripFraction * 100)}%`,
      damaged: v.stripped.size,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      accuracy: ratio(correct, v.stripped.size),
      notes: [`primary an ancestor of the truth ${ancestor}`, `wrong ${v.stripped.size - correct - ancestor}`],
      ms,
      judged: judge(r, strippedTruth, o.threshold, truthPaths, undefined, o.verbose),
    });
  }

  // Merged constants: resolved to the common ancestor, sharing layers auxiliary; renamed, or
  // keeping one layer's name (the name then lies: found by its use, not its name).
  for (const keepName of [false, true]) {
    const v = mergeConstants(model, scopes, keepName);
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const cases = new Map(r.cases.map((c) => [c.node, c]));
    let correct = 0;
    let detected = 0;
    for (const [n, { users, common }] of v.merged) {
      const c = cases.get(n);
      if (!c) {
        o.verbose?.(`${name} merged ${n}: no case (users ${users.join(", ")})`);
        continue;
      }
      detected++;
      const res = c.resolution;
      if (res.status === "resolved" && res.strategy === "shared-node" && res.primary === common && users.every((u) => u === common || res.auxiliary.includes(u))) correct++;
      else o.verbose?.(`${name} merged ${n}: ${res.status} ${res.strategy} ${res.primary} aux ${res.auxiliary.join(",")} (users ${users.join(", ")}; common ${common})`);
    }
    scores.push({
      variant: keepName ? "merged constants, one layer's name kept" : "merged constants",
      damaged: v.merged.size,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      recall: ratio(detected, v.merged.size),
      accuracy: ratio(correct, v.merged.size),
      notes: [],
      ms,
      judged: judge(r, new Map([...v.merged].map(([n, { common }]) => [n, [common]])), o.threshold, truthPaths),
    });
  }

  // Rewritten graphs of the uncontaminated export: reordered, fp16, quantized, and the optimized
  // graphs the caller made with ONNX Runtime. Truth by names; inserted nodes by the rule.
  {
    const [base] = timed(o.now, () => analyze(model));
    const shuffled = shuffleNodes(model, scopes, o.seed);
    const [r, ms] = timed(o.now, () => analyze(shuffled.model));
    // Node ids do not depend on the list's order (unnamed nodes are known by their first output).
    const baseById = new Map(base.nodes.map((n) => [n.id, n]));
    let differ = 0;
    for (const n of r.nodes) {
      const b = baseById.get(n.id);
      if (!b || b.primary !== n.primary || b.confidence !== n.confidence || b.decidedBy !== n.decidedBy || b.auxiliary.join() !== n.auxiliary.join()) differ++;
    }
    const sameCases = JSON.stringify(r.cases.map((c) => [c.id, c.resolution]).sort()) === JSON.stringify(base.cases.map((c) => [c.id, c.resolution]).sort());
    scores.push({
      variant: "reordered nodes",
      damaged: 0,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      notes: [`nodes attributed differently from the sorted file ${differ}`, `same cases ${sameCases ? "yes" : "NO"}`],
      ms,
      judged: judge(r, withShared(shuffled.truth, shared), o.threshold, truthPaths, undefined, o.verbose),
    });
  }
  const rewrites: [string, () => { model: OnnxModel; truth: VariantTruth; inserted?: Map<string, string> }][] = [
    ["fp16 (converter casts)", () => fp16Style(model, scopes)],
    ["quantized (QDQ pairs)", () => quantizedStyle(model, scopes)],
    ...(o.optimized ?? []).map(([label, m]): [string, () => { model: OnnxModel; truth: VariantTruth }] => [label, () => ({ model: m, truth: truthByTensors(model, scopes, m) })]),
  ];
  for (const [variant, make] of rewrites) {
    const v = make();
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const judged = judge(r, withShared(v.truth, shared), o.threshold, truthPaths, v.inserted, o.verbose);
    scores.push({
      variant,
      damaged: 0,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      notes: judged.phantoms.length ? [`phantom modules ${judged.phantoms.slice(0, 3).join(", ")}`] : [],
      ms,
      judged,
    });
  }

  // Generic names with dynamo metadata on some nodes (generic value names too, as the dynamo
  // exporter writes them; and, as earlier releases measured it, value names kept).
  for (const keepValues of [false, true]) {
    const v = genericWithDynamo(model, scopes, truth, o.dynamoFraction, o.seed, keepValues);
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const nodes = byName(r);
    let correctMissing = 0;
    let missing = 0;
    let correctAll = 0;
    // An exporter-shared node is right at its scope or at its users' common ancestor.
    const genericTruth = withShared(new Map([...v.truth].map(([n, p]) => [n, [p]])), sharedRenamed(shared, v.originals));
    for (const [n] of v.truth) {
      const p = nodes.get(n)?.primary;
      const ok = isRight(p, genericTruth.get(n)!);
      if (ok) correctAll++;
      if (!v.withMetadata.has(n)) {
        missing++;
        if (ok) correctMissing++;
      }
    }
    scores.push({
      variant: keepValues ? `renamed nodes, dynamo metadata on ${Math.round(o.dynamoFraction * 100)}%, value names kept` : `generic names, dynamo metadata on ${Math.round(o.dynamoFraction * 100)}%`,
      damaged: missing,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      accuracy: ratio(correctMissing, missing),
      notes: [`accuracy over all nodes ${ratio(correctAll, v.truth.size)}`],
      ms,
      judged: judge(r, new Map([...genericTruth].filter(([n]) => !v.withMetadata.has(n))), o.threshold, truthPaths, undefined, o.verbose),
    });
  }
  return scores;
}
