/**
 * The engine from decoded model to report, pure: index → evidence → detection → resolution →
 * per-node results, module summaries and counts.
 */
import { buildGraphIndex, functionKey, type GraphIndex } from "./load/graph-index.js";
import type { OnnxModel } from "./load/model.js";
import { collectEvidence, type Sidecars } from "./hierarchy/evidence.js";
import type { ModuleTree } from "./hierarchy/module-tree.js";
import { lowestCommonAncestor } from "./hierarchy/paths.js";
import { sureness } from "./contamination/attribute.js";
import { detectCases } from "./contamination/detect.js";
import { DEFAULT_CONFIDENCE_THRESHOLD, resolveCases, round, type ResolveContext } from "./contamination/resolve.js";
import {
  REPORT_SCHEMA,
  REPORT_VERSION,
  type Case,
  type Decision,
  type EvidenceSource,
  type ModelCounts,
  type ModelReport,
  type ModuleSummary,
  type NodeResult,
  type Report,
} from "./report/types.js";
import { VERSION } from "./version.js";

export interface AnalyzeModelInput {
  /** The model's name in the report: its path as given, with '/' separators. */
  name: string;
  model: OnnxModel;
  sidecars?: Sidecars;
  /** Sidecar file names that were read, for the report. */
  sidecarFiles?: string[];
}

export interface AnalyzeOptions {
  confidenceThreshold?: number;
  /** Include per-stage timings (makes the report non-deterministic). */
  timings?: boolean;
  /** Clock for timings; injected so the core stays free of globals. */
  now?: () => number;
}

/**
 * Confidence of a node placed by the scoped name of the value it computes (no scope of its own):
 * the share of such nodes whose module was right in `npm run eval`'s rewritten graphs, rounded down.
 */
export const TENSOR_NAME_CONFIDENCE = 0.98;

/**
 * The empty auxiliary list most nodes have, shared by their results (read-only: frozen), and the
 * outcome of a node nothing placed.
 */
const NO_AUXILIARY = Object.freeze([]) as unknown as string[];
const NO_OUTCOME: Outcome = Object.freeze({ primary: null, auxiliary: NO_AUXILIARY, decidedBy: "none", confidence: 0 });

interface Outcome {
  basis?: NodeResult["basis"];
  primary: string | null;
  auxiliary: string[];
  decidedBy: Decision;
  confidence: number;
}

export function analyzeModel(input: AnalyzeModelInput, options: AnalyzeOptions = {}): ModelReport {
  const threshold = options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const now = options.now ?? (() => 0);
  const timings: Record<string, number> = {};
  let t0 = now();
  const lap = (stage: string) => {
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
  const placed = known.map((k, i) => k ?? detection.attributions[i]?.context ?? null);
  const sure = known.map((_, i) => sureness(known, detection.attributions, i));
  const rctx: ResolveContext = { index, evidence, tree, placed, sureness: sure, attributions: detection.attributions, threshold };
  // Outcomes stored for attributions, cases and nested nodes only; a node decided directly by its
  // evidence (most nodes) gets its outcome made when asked for: a large graph would otherwise keep
  // one more object per node alive until the report is built.
  const outcomes: (Outcome | undefined)[] = new Array(index.nodes.length);
  const directOutcome = (i: number): Outcome | undefined => {
    const d = detection.direct[i];
    if (d === "tensor-name") return { primary: known[i]!, auxiliary: NO_AUXILIARY, decidedBy: "tensor-name", confidence: TENSOR_NAME_CONFIDENCE };
    if (d === null || d === undefined) return undefined;
    const absorbed = d === "scope" ? evidence[i]!.absorbed : undefined;
    return { primary: known[i]!, auxiliary: absorbed && absorbed.length > 0 ? [...absorbed] : NO_AUXILIARY, decidedBy: d, confidence: 1 };
  };
  const outcomeOf = (i: number): Outcome | undefined => outcomes[i] ?? directOutcome(i);

  for (let i = 0; i < index.nodes.length; i++) {
    const d = detection.direct[i];
    if (d !== null && d !== undefined) continue;
    const a = detection.attributions[i];
    if (a) outcomes[i] = { primary: a.context, auxiliary: NO_AUXILIARY, decidedBy: "neighbourhood", confidence: a.confidence, basis: a.basis };
  }
  const resolvedCases = resolveCases(detection.cases, rctx);
  for (const { draft, resolution } of resolvedCases) {
    outcomes[draft.node] = { primary: resolution.primary, auxiliary: resolution.auxiliary, decidedBy: "case", confidence: resolution.confidence };
  }
  lap("resolve");
  inheritNested(index, outcomes, outcomeOf);

  const nodes: NodeResult[] = index.nodes.map((entry, i) => {
    const o = outcomeOf(i) ?? NO_OUTCOME;
    const classPath = o.primary !== null ? tree.classPathOf(o.primary) : undefined;
    return nodeResult(entry.id, entry.node, o, classPath || undefined, o.decidedBy === "neighbourhood" ? o.basis || undefined : undefined);
  });

  const cases: Case[] = resolvedCases.map(({ draft, resolution }) => {
    const entry = index.nodes[draft.node]!;
    // The class path in the resolution's literal (at its end, where it was always added): a field
    // added afterwards goes to a separate property array, made for every resolved case.
    const cp = resolution.primary !== null ? tree.classPathOf(resolution.primary) : undefined;
    const c: Case = {
      id: `${draft.kind}:${entry.id}`,
      node: entry.id,
      opType: entry.node.opType,
      kind: draft.kind,
      scope: draft.scope,
      contexts: draft.contexts,
      evidence: draft.evidence,
      neighbourhood: {
        producers: uniqueSorted(draft.around.producers.map((j) => placed[j]!)),
        consumers: uniqueSorted(draft.around.consumers.map((j) => placed[j]!)),
        producerNodes: uniqueSorted(draft.around.producers.map((j) => index.nodes[j]!.id)),
        consumerNodes: uniqueSorted(draft.around.consumers.map((j) => index.nodes[j]!.id)),
      },
      resolution: cp ? { ...resolution, primaryClassPath: cp } : { ...resolution },
    };
    const stack = evidence[draft.node]!.stack;
    if (stack) c.source = stack;
    return c;
  });

  const counts = countModel(nodes, cases, evidence, threshold);
  const report: ModelReport = {
    model: input.name,
    bytes: input.model.byteLength,
    irVersion: input.model.irVersion,
    producer: { name: input.model.producerName, version: input.model.producerVersion },
    opsets: input.model.opsetImports.map((o) => ({ domain: o.domain, version: o.version })),
    sidecars: [...(input.sidecarFiles ?? [])],
    counts,
    modules: summariseModules(tree, nodes, cases),
    cases,
    nodes,
  };
  lap("report");
  if (options.timings) report.timings = timings;
  return report;
}

/**
 * A node's result in one object literal with the fields it has, in the report's order: a field
 * added after the literal goes to a separate property array, one more object for each of a large
 * graph's hundreds of thousands of results (most have a class path).
 */
function nodeResult(id: string, node: { name: string; opType: string }, o: Outcome, classPath: string | undefined, basis: NodeResult["basis"]): NodeResult {
  const { name, opType } = node;
  const { primary, auxiliary, decidedBy, confidence } = o;
  if (classPath !== undefined) {
    if (basis !== undefined) return { id, name, opType, primary, auxiliary, decidedBy, confidence, classPath, basis };
    return { id, name, opType, primary, auxiliary, decidedBy, confidence, classPath };
  }
  if (basis !== undefined) return { id, name, opType, primary, auxiliary, decidedBy, confidence, basis };
  return { id, name, opType, primary, auxiliary, decidedBy, confidence };
}

/** Subgraph bodies follow the node that owns them; a function body is shared by its call sites. */
function inheritNested(index: GraphIndex, outcomes: (Outcome | undefined)[], outcomeOf: (i: number) => Outcome | undefined): void {
  const callSites = new Map<string, number[]>();
  // Call sites only where the model has local functions (no key string per node otherwise).
  for (const entry of index.functions.size > 0 ? index.nodes : []) {
    if (entry.graph !== "") continue;
    const key = functionKey(entry.node.domain, entry.node.opType);
    if (index.functions.has(key)) (callSites.get(key) ?? callSites.set(key, []).get(key)!).push(entry.index);
  }
  // Indexed: one pass over every node, most of them in the main graph (see `countModel`).
  for (let i = 0; i < index.nodes.length; i++) {
    const entry = index.nodes[i]!;
    if (entry.graph === "" || outcomeOf(entry.index)) continue;
    if (entry.owner !== undefined) {
      let owner: number | undefined = entry.owner;
      while (owner !== undefined && !outcomeOf(owner)) owner = index.nodes[owner]!.owner;
      const o = owner !== undefined ? outcomeOf(owner) : undefined;
      if (o && o.primary !== null) outcomes[entry.index] = { primary: o.primary, auxiliary: o.auxiliary, decidedBy: "neighbourhood", confidence: o.confidence };
    } else if (entry.functionKey !== undefined) {
      const sites = (callSites.get(entry.functionKey) ?? []).map((i) => outcomeOf(i)?.primary).filter((p): p is string => p !== null && p !== undefined);
      if (sites.length === 0) continue;
      const unique = uniqueSorted(sites);
      outcomes[entry.index] = {
        primary: lowestCommonAncestor(unique),
        auxiliary: unique.length > 1 ? unique : [],
        decidedBy: "neighbourhood",
        confidence: unique.length > 1 ? 0.85 : 1,
      };
    }
  }
}

function uniqueSorted(xs: string[]): string[] {
  // Most of a case's neighbour lists hold one or two names: those without a Set and a sort.
  if (xs.length <= 1) return xs.slice();
  if (xs.length === 2) {
    const [a, b] = xs as [string, string];
    return a === b ? [a] : a < b ? [a, b] : [b, a];
  }
  return [...new Set(xs)].sort();
}

function countModel(nodes: NodeResult[], cases: Case[], evidence: { exporter?: { source: EvidenceSource }; tags: { source: EvidenceSource }[] }[], threshold: number): ModelCounts {
  const bySource: Partial<Record<EvidenceSource, number>> = {};
  let withEvidence = 0;
  // Indexed loops over the nodes here: a one-off `for...of` over hundreds of thousands of elements
  // makes an iterator result per element until the loop is optimized.
  for (let i = 0; i < evidence.length; i++) {
    const ev = evidence[i]!;
    // Most nodes have one source or none: counted without a Set each.
    if (ev.tags.length === 0) {
      if (ev.exporter) {
        withEvidence++;
        bySource[ev.exporter.source] = (bySource[ev.exporter.source] ?? 0) + 1;
      }
      continue;
    }
    const sources = new Set<EvidenceSource>();
    if (ev.exporter) sources.add(ev.exporter.source);
    for (const t of ev.tags) sources.add(t.source);
    if (sources.size > 0) withEvidence++;
    for (const s of sources) bySource[s] = (bySource[s] ?? 0) + 1;
  }
  const casesByKind: ModelCounts["casesByKind"] = {};
  const casesByScope: ModelCounts["casesByScope"] = {};
  const resolvedByStrategy: ModelCounts["resolvedByStrategy"] = {};
  let resolved = 0;
  let confidenceSum = 0;
  for (const c of cases) {
    casesByKind[c.kind] = (casesByKind[c.kind] ?? 0) + 1;
    casesByScope[c.scope] = (casesByScope[c.scope] ?? 0) + 1;
    if (c.resolution.status === "resolved") {
      resolved++;
      confidenceSum += c.resolution.confidence;
      const s = c.resolution.strategy!;
      resolvedByStrategy[s] = (resolvedByStrategy[s] ?? 0) + 1;
    }
  }
  // One pass, no filtered copies: a large graph has hundreds of thousands of nodes.
  let withPrimary = 0;
  let attributed = 0;
  let uncertain = 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.primary !== null) withPrimary++;
    if (n.decidedBy === "neighbourhood") {
      attributed++;
      if (n.confidence < threshold) uncertain++;
    }
  }
  return {
    nodes: nodes.length,
    bySource: sortKeys(bySource),
    withEvidence,
    attributed,
    unattributed: nodes.length - withPrimary,
    cases: cases.length,
    casesByKind: sortKeys(casesByKind),
    casesByScope: sortKeys(casesByScope),
    resolved,
    resolvedByStrategy: sortKeys(resolvedByStrategy),
    unresolved: cases.length - resolved,
    meanConfidence: resolved > 0 ? round(confidenceSum / resolved) : null,
    coverage: nodes.length > 0 ? round(withPrimary / nodes.length) : 0,
    evidenceCoverage: nodes.length > 0 ? round(withEvidence / nodes.length) : 0,
    uncertain,
  };
}

function sortKeys<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1))) as T;
}

function summariseModules(tree: ModuleTree, nodes: NodeResult[], cases: Case[]): ModuleSummary[] {
  // A module no evidence names that attributions placed nodes in: known by analogy only.
  // One indexed loop over the nodes (see `countModel`).
  const inferred = new Set<string>();
  const direct = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) {
    const primary = nodes[i]!.primary;
    if (primary === null) continue;
    if (!tree.has(primary)) {
      inferred.add(primary);
      tree.add(primary);
    }
    direct.set(primary, (direct.get(primary) ?? 0) + 1);
  }
  const caseCount = new Map<string, number>();
  const unresolved = new Map<string, number>();
  for (const c of cases) {
    for (const ctx of new Set(c.contexts)) {
      caseCount.set(ctx, (caseCount.get(ctx) ?? 0) + 1);
      if (c.resolution.status === "unresolved") unresolved.set(ctx, (unresolved.get(ctx) ?? 0) + 1);
    }
  }
  // The tree lists its modules in path order already (sortByPath's order: tens of thousands of
  // modules were split into atoms and sorted again here).
  const modules = [...tree.modules.values()];
  const total = new Map<string, number>();
  // Children come after parents in path order: accumulate bottom-up.
  for (const m of [...modules].reverse()) {
    const t = (direct.get(m.path) ?? 0) + m.children.reduce((s, c) => s + (total.get(c) ?? 0), 0);
    total.set(m.path, t);
  }
  return modules.map((m) => {
    const s: ModuleSummary = {
      path: m.path,
      name: m.name,
      parent: m.parent,
      nodes: direct.get(m.path) ?? 0,
      totalNodes: total.get(m.path) ?? 0,
      cases: caseCount.get(m.path) ?? 0,
      unresolved: unresolved.get(m.path) ?? 0,
    };
    if (m.className) s.className = m.className;
    if (m.classPath) s.classPath = m.classPath;
    if (inferred.has(m.path)) s.inferred = true;
    return s;
  });
}

export function buildReport(models: ModelReport[], options: { confidenceThreshold?: number } = {}): Report {
  const sorted = [...models].sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
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
      uncertain: sorted.reduce((s, m) => s + m.counts.uncertain, 0),
    },
  };
}

