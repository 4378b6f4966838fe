/**
 * Detection: decide what each node's direct evidence says, and find the cases where evidence
 * contradicts itself or a node sits between conflicting modules.
 */
import type { GraphIndex } from "../load/graph-index.js";
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
} from "../hierarchy/paths.js";
import type { CaseKind, CaseScope, EvidenceItem } from "../report/types.js";
import { neighbourhood, type Neighbourhood } from "./neighbourhood.js";

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
  /** Context from direct evidence (exporter scope, or agreeing tags); null otherwise. */
  known: (string | null)[];
  direct: ("scope" | "tag" | null)[];
  cases: CaseDraft[];
  /** Main-graph nodes with no direct evidence whose neighbourhood agrees: attributed, not cases. */
  attributable: { node: number; around: Neighbourhood; contexts: string[] }[];
  /** Nodes with nothing to go on. */
  orphans: number[];
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
  const direct: ("scope" | "tag" | null)[] = new Array(n).fill(null);
  const tagCases: { node: number; kind: CaseKind; contexts: string[]; tags: TagRecord[] }[] = [];

  for (let i = 0; i < n; i++) {
    const ev = evidence[i]!;
    if (ev.exporter) {
      known[i] = ev.exporter.path;
      direct[i] = "scope";
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
      }
    }
  }

  const isKnown = (j: number) => known[j] !== null;
  const cases: CaseDraft[] = tagCases.map((c) => ({
    node: c.node,
    kind: c.kind,
    scope: scopeOf(c.contexts),
    contexts: c.contexts,
    evidence: evidenceItems(evidence[c.node]!, tree),
    around: neighbourhood(index, c.node, isKnown),
  }));

  const attributable: Detection["attributable"] = [];
  const orphans: number[] = [];
  for (let i = 0; i < n; i++) {
    const entry = index.nodes[i]!;
    if (known[i] !== null || direct[i] !== null) continue;
    if (evidence[i]!.tags.length > 0) continue; // a conflicting-tags case, already listed
    if (entry.graph !== "") continue; // subgraph and function bodies follow their callers
    const around = neighbourhood(index, i, isKnown);
    const contexts = [...around.producers, ...around.consumers].map((j) => known[j]!);
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
        around,
      });
    }
  }
  cases.sort((a, b) => a.node - b.node);
  return { known, direct, cases, attributable, orphans };
}

function deepestLabels(labels: string[]): string[] {
  const paths = labels.filter((l) => !l.startsWith("/"));
  const classPaths = [...new Set(labels.filter((l) => l.startsWith("/")))].sort();
  return [...deepest(paths), ...classPaths];
}

export { conflictScope };
