/**
 * Detection: decide what each node's direct evidence says, and find the cases where evidence
 * contradicts itself or a node sits between conflicting modules.
 */
import { readsOnlyInitializers, type GraphIndex } from "../load/graph-index.js";
import { tagPaths, type NodeEvidence, type TagRecord } from "../hierarchy/evidence.js";
import type { ModuleTree } from "../hierarchy/module-tree.js";
import {
  classPathIndices,
  classPathsConflict,
  conflicts,
  conflictScope,
  deepest,
  groupScope,
  instanceIndices,
  isAncestorOrSelf,
  lowestCommonAncestor,
  mayBeStateDictName,
} from "../hierarchy/paths.js";
import type { CaseKind, CaseScope, EvidenceItem } from "../report/types.js";
import { neighbourhood, type Neighbourhood } from "./neighbourhood.js";
import { attributeNodes, type Attribution } from "./attribute.js";
import { InstanceShapes } from "./analogy.js";

export interface EngineInput {
  index: GraphIndex;
  evidence: NodeEvidence[];
  tree: ModuleTree;
}

export interface CaseDraft {
  node: number;
  kind: CaseKind;
  scope: CaseScope;
  /** The conflicting contexts (instance paths; a tag that names no known module appears as its class path). */
  contexts: string[];
  evidence: EvidenceItem[];
  around: Neighbourhood;
}

export interface Detection {
  /** Context from direct evidence (exporter scope, a value's scoped name, or agreeing tags); null otherwise. */
  known: (string | null)[];
  direct: ("scope" | "tensor-name" | "tag" | null)[];
  cases: CaseDraft[];
  /** Main-graph nodes without direct evidence: their attribution (null when nothing testifies). */
  attributions: (Attribution | null)[];
}

function evidenceItems(ev: NodeEvidence, tree: ModuleTree): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  if (ev.exporter) {
    const item: EvidenceItem = { source: ev.exporter.source, context: ev.exporter.path };
    const cp = tree.classPathOf(ev.exporter.path);
    if (cp) item.classPath = cp;
    items.push(item);
  }
  for (const t of ev.tags) {
    const item: EvidenceItem = { source: t.source, context: t.path ?? null };
    if (t.classPath) item.classPath = t.classPath;
    items.push(item);
  }
  return items;
}

/** What a tag names, for display and for grouping conflicts. */
function tagLabel(t: TagRecord): string {
  return t.path ?? t.classPath ?? "";
}

/**
 * Does a tag contradict an instance path? Mapped tags compare as paths. A tag the tree cannot map
 * names a module that does not exist when classes are known; without classes its layer indices
 * are compared with the path's (BertLayer.1 against layer.0).
 */
export function tagConflictsPath(t: TagRecord, path: string, tree: ModuleTree): boolean {
  const paths = tagPaths(t);
  if (paths.length > 0) return paths.every((p) => conflicts(p, path));
  if (t.classPath === undefined) return false;
  if (tree.hasClasses) return true;
  const a = classPathIndices(t.classPath);
  const b = instanceIndices(path);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return true;
  return false;
}

function tagsConflict(a: TagRecord, b: TagRecord, tree: ModuleTree): boolean {
  const pa = tagPaths(a);
  const pb = tagPaths(b);
  if (pa.length > 0 && pb.length > 0) return pa.every((x) => pb.every((y) => conflicts(x, y)));
  if (a.classPath !== undefined && b.classPath !== undefined) return classPathsConflict(a.classPath, b.classPath);
  const withPaths = pa.length > 0 ? pa : pb;
  const other = pa.length > 0 ? b : a;
  return withPaths.every((p) => tagConflictsPath(other, p, tree));
}

function scopeOf(contexts: string[]): CaseScope {
  if (contexts.every((c) => !c.startsWith("/"))) return groupScope(contexts);
  // Unmapped class paths: compare their indices with the others'.
  const idx = (c: string) => (c.startsWith("/") ? classPathIndices(c) : instanceIndices(c));
  for (let i = 0; i < contexts.length; i++) {
    for (let j = i + 1; j < contexts.length; j++) {
      const a = idx(contexts[i]!);
      const b = idx(contexts[j]!);
      for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return "cross-layer";
    }
  }
  return "cross-module";
}

export function detectCases(input: EngineInput): Detection {
  const { index, evidence, tree } = input;
  const n = index.nodes.length;
  const known: (string | null)[] = new Array(n).fill(null);
  const direct: Detection["direct"] = new Array(n).fill(null);
  const tagCases: { node: number; kind: CaseKind; contexts: string[]; tags: TagRecord[] }[] = [];

  for (let i = 0; i < n; i++) {
    const ev = evidence[i]!;
    if (ev.exporter) {
      known[i] = ev.exporter.path;
      direct[i] = ev.exporter.source === "tensor-name" ? "tensor-name" : "scope";
      const bad = ev.tags.filter((t) => tagConflictsPath(t, ev.exporter!.path, tree));
      if (bad.length > 0) {
        tagCases.push({ node: i, kind: "tag-conflicts-scope", contexts: deepestLabels([ev.exporter.path, ...bad.map(tagLabel)]), tags: bad });
      }
    } else if (ev.tags.length > 0) {
      let conflict = false;
      for (let a = 0; a < ev.tags.length && !conflict; a++) {
        for (let b = a + 1; b < ev.tags.length && !conflict; b++) conflict = tagsConflict(ev.tags[a]!, ev.tags[b]!, tree);
      }
      if (conflict) {
        tagCases.push({ node: i, kind: "conflicting-tags", contexts: deepestLabels(ev.tags.map(tagLabel)), tags: ev.tags });
      } else {
        const paths = ev.tags.map((t) => t.path).filter((p): p is string => p !== undefined);
        if (paths.length > 0) {
          known[i] = deepest(paths)[0]!;
          direct[i] = "tag";
        }
        // Tags that name no module of the tree are kept as evidence items but place nothing: the
        // node is attributed from its neighbourhood like a node without evidence.
      }
    }
  }

  const isKnown = (j: number) => known[j] !== null;
  // Built on first use: a graph with no boundary to judge never pays for it.
  let shapes: InstanceShapes | undefined;
  const instanceShapes = () => (shapes ??= new InstanceShapes(index, known, tree.naming));
  const spansLayers = (contexts: readonly string[]) => instanceShapes().spansLayers(contexts);
  // Whether node `i`'s users lie in several layers, at any level of nesting. A node with a fixed
  // value (a constant) carries nothing from one instance into another: read by several instances
  // of one repeated container, alike or not, it is one value they share.
  const usersSpan = (i: number, users: readonly string[]) =>
    readsOnlyInitializers(index, i) ? instanceShapes().spansInstances(users) : instanceShapes().spansLayers(users, true);
  const caseNodes = new Set<number>();
  const cases: CaseDraft[] = tagCases.map((c) => {
    caseNodes.add(c.node);
    return {
      node: c.node,
      kind: c.kind,
      scope: scopeOf(c.contexts),
      contexts: c.contexts,
      evidence: evidenceItems(evidence[c.node]!, tree),
      around: neighbourhood(index, c.node, isKnown),
    };
  });

  // A node whose evidence names one module while its users sit in sibling layers, fed from
  // above them (or from nothing): one computation serving several layers, whatever its name
  // says (a constant merged by common-subexpression elimination keeps the first copy's name).
  for (let i = 0; i < n; i++) {
    const own = known[i] ?? null;
    if (own === null || caseNodes.has(i) || index.nodes[i]!.graph !== "") continue;
    const shared = sharedUse(input, i, own, known, usersSpan);
    if (!shared) continue;
    caseNodes.add(i);
    cases.push({ node: i, kind: "shared-across-modules", scope: "cross-layer", contexts: deepest([own, ...shared.users]), evidence: evidenceItems(evidence[i]!, tree), around: shared.around });
  }

  const attributions = attributeNodes({ index, tree, known, shapes: instanceShapes });
  for (let i = 0; i < n; i++) {
    const a = attributions[i];
    if (!a || caseNodes.has(i) || a.dataflow.length < 2) continue;
    const users = deepest(userModules(index, i, known));
    if (!(spansLayers(a.dataflow) || usersSpan(i, users))) continue;
    // Its producers and consumers lie in different layers (a boundary the gate must see), or its
    // users do: one node read by layers of a stack nested in one stage, or a constant read by
    // several instances (as above).
    caseNodes.add(i);
    cases.push({ node: i, kind: "shared-across-modules", scope: "cross-layer", contexts: a.dataflow, evidence: evidenceItems(evidence[i]!, tree), around: a.around });
  }
  cases.sort((a, b) => (index.nodes[a.node]!.id < index.nodes[b.node]!.id ? -1 : index.nodes[a.node]!.id > index.nodes[b.node]!.id ? 1 : 0));
  return { known, direct, cases, attributions };
}

/**
 * Users of node `i` in several instances of one repeated layer, at least one outside the module
 * its evidence names, with every producer above them all (or none: a constant) and no parameter
 * of the named module among its inputs. A node fed from inside its module (T5's position bias,
 * computed from block 0's own parameter) is that module's output read by later layers, not sharing.
 */
function sharedUse(
  input: EngineInput,
  i: number,
  own: string,
  known: (string | null)[],
  usersSpan: (i: number, users: readonly string[]) => boolean,
): { users: string[]; around: Neighbourhood } | null {
  const { index } = input;
  // Most nodes feed one module: tell that before building any set.
  let first: string | undefined;
  let several = false;
  const { start, targets } = index.consumers;
  for (let e = start[i]!; e < start[i + 1]!; e++) {
    const k = known[targets[e]!];
    if (k === null || k === undefined) continue;
    if (first === undefined) first = k;
    else if (k !== first) {
      several = true;
      break;
    }
  }
  if (!several) return null;
  const deep = deepest(userModules(index, i, known));
  if (deep.length < 2 || !usersSpan(i, deep) || !deep.some((u) => conflicts(u, own))) return null;
  const common = lowestCommonAncestor(deep);
  for (const p of index.producers.of(i)) {
    const k = known[p];
    if (k === null || k === undefined || !isAncestorOrSelf(k, common)) return null;
  }
  for (const t of index.nodes[i]!.node.inputs) {
    if (index.initializers.has(t) && mayBeStateDictName(t) && t.startsWith(own + ".")) return null;
  }
  return { users: deep, around: neighbourhood(index, i, (j) => known[j] !== null) };
}

/** The modules, by direct evidence, of the nodes that read node `i`'s outputs (in consumer order, repeats kept). */
function userModules(index: GraphIndex, i: number, known: readonly (string | null)[]): string[] {
  const out: string[] = [];
  const { start, targets } = index.consumers;
  for (let e = start[i]!; e < start[i + 1]!; e++) {
    const k = known[targets[e]!];
    if (k !== null && k !== undefined) out.push(k);
  }
  return out;
}

function deepestLabels(labels: string[]): string[] {
  const paths = labels.filter((l) => !l.startsWith("/"));
  const classPaths = [...new Set(labels.filter((l) => l.startsWith("/")))].sort();
  return [...deepest(paths), ...classPaths];
}

export { conflictScope };
