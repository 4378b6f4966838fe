/** Hand-written Report fixtures (test/fixtures/report/) and a builder for synthetic ones. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decodeModelMessage, encodeModelMessage } from "../../src/load/encode.js";
import type { Case, Decision, ModelReport, NodeResult, Report } from "../../src/report/types.js";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "report");

export function fixture(name: string): Report {
  return JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), "utf8")) as Report;
}

export function makeCase(id: string, node: string, status: "resolved" | "unresolved", extra: Partial<Case> = {}): Case {
  return {
    id,
    node,
    opType: "MatMul",
    kind: "tag-conflicts-scope",
    scope: "cross-layer",
    contexts: ["encoder.layer.0", "encoder.layer.1"],
    evidence: [],
    neighbourhood: { producers: [], consumers: [], producerNodes: [], consumerNodes: [] },
    resolution: {
      status,
      primary: status === "resolved" ? "encoder.layer.0" : null,
      auxiliary: [],
      confidence: status === "resolved" ? 0.9 : 0.4,
      strategy: status === "resolved" ? "exporter-scope" : null,
      reasoning: "synthetic",
    },
    ...extra,
  };
}

export function makeModel(model: string, cases: Case[], nodes = 100): ModelReport {
  const resolved = cases.filter((c) => c.resolution.status === "resolved").length;
  return {
    model,
    bytes: 1,
    irVersion: 8,
    producer: { name: "pytorch", version: "1.13.0" },
    opsets: [{ domain: "", version: 14 }],
    sidecars: [],
    counts: {
      nodes,
      bySource: {},
      withEvidence: nodes,
      attributed: 0,
      unattributed: 0,
      cases: cases.length,
      casesByKind: {},
      casesByScope: {},
      resolved,
      resolvedByStrategy: {},
      unresolved: cases.length - resolved,
      meanConfidence: null,
      coverage: 1,
      evidenceCoverage: 1,
      uncertain: 0,
    },
    modules: [],
    cases,
    nodes: [],
  };
}

export function makeReport(models: ModelReport[]): Report {
  const sum = (f: (m: ModelReport) => number) => models.reduce((n, m) => n + f(m), 0);
  return {
    schema: "modelexport-report",
    version: 2,
    tool: { name: "modelexport", version: "0.1.0" },
    options: { confidenceThreshold: 0.7 },
    models,
    totals: {
      models: models.length,
      nodes: sum((m) => m.counts.nodes),
      cases: sum((m) => m.counts.cases),
      resolved: sum((m) => m.counts.resolved),
      unresolved: sum((m) => m.counts.unresolved),
      coverage: 1,
      withEvidence: sum((m) => m.counts.withEvidence),
      evidenceCoverage: 1,
      uncertain: sum((m) => m.counts.uncertain),
    },
  };
}

/** The model with per-node results, each given as `id:decision` ("/l0/MatMul:scope"). */
export function withNodes(m: ModelReport, nodes: string[]): ModelReport {
  const list: NodeResult[] = nodes.map((spec) => {
    const at = spec.lastIndexOf(":");
    const decidedBy = spec.slice(at + 1) as Decision;
    const id = spec.slice(0, at);
    return { id, name: id, opType: "MatMul", primary: decidedBy === "none" ? null : "", auxiliary: [], decidedBy, confidence: decidedBy === "none" ? 0 : 1 };
  });
  return { ...m, nodes: list };
}

/**
 * Every trace of the hierarchy deleted: nodes renamed generically, and every value and
 * initializer name that is not a graph input or output renamed too (tensor and parameter names
 * carry module paths). No tags, no sidecar.
 */
export function deleteEvidence(onnx: Buffer): Buffer {
  const msg = decodeModelMessage(onnx);
  const g = msg.graph!;
  const keep = new Set([...(g.input ?? []), ...(g.output ?? [])].map((v) => v.name ?? ""));
  const names = new Map<string, string>();
  const rename = (n: string) => {
    if (n === "" || keep.has(n)) return n;
    let r = names.get(n);
    if (r === undefined) names.set(n, (r = `t${names.size}`));
    return r;
  };
  for (const t of g.initializer ?? []) t.name = rename(t.name ?? "");
  let k = 0;
  for (const n of g.node ?? []) {
    n.name = `node_${n.opType}_${k++}`;
    n.input = (n.input ?? []).map(rename);
    n.output = (n.output ?? []).map(rename);
  }
  for (const v of g.valueInfo ?? []) v.name = rename(v.name ?? "");
  return Buffer.from(encodeModelMessage(msg));
}

