/**
 * The report: one versioned JSON document per run. Markdown, badges and HTML are views of it.
 * `schema/report.schema.json` is the JSON Schema of this shape; bump REPORT_VERSION on any
 * incompatible change.
 *
 * Contexts are module instance paths as `named_modules()` spells them ("encoder.layer.0.attention";
 * the root module is ""). Class paths ("/BertModel/BertEncoder/BertLayer.0/BertAttention") are
 * given where module classes are known.
 */

export const REPORT_SCHEMA = "modelexport-report";
export const REPORT_VERSION = 2;

/** Where a node's module evidence came from. */
export type EvidenceSource =
  | "scope" // TorchScript node-name scope: the exporter's own record
  | "dynamo" // pkg.torch.onnx.name_scopes metadata: the exporter's own record
  | "tensor-name" // the scope in an output's name (`<scoped node>_output_N`): the exporter's record of the value, kept by rewriters
  | "htp-sidecar" // ModelInsider <base>_htp_metadata.json `nodes`
  | "hierarchy-attr" // non-standard `hierarchy_tag` node attribute
  | "doc-string" // legacy doc_string JSON
  | "legacy-sidecar" // <base>_hierarchy.json `node_tags`
  | "metadata-tag"; // modelexport.* keys in NodeProto.metadata_props

export type CaseKind =
  /** A recorded tag names a module that conflicts with the exporter's scope for the node. */
  | "tag-conflicts-scope"
  /** Several recorded tags for one node conflict with each other. */
  | "conflicting-tags"
  /** A node with no direct evidence whose producers and consumers belong to conflicting modules. */
  | "shared-across-modules";

/** cross-layer: the contexts first differ at an indexed segment (layer.0 vs layer.1). */
export type CaseScope = "cross-layer" | "cross-module";

export type Strategy = "exporter-scope" | "residual-connection" | "shared-node" | "tensor-provenance";

export interface EvidenceItem {
  source: EvidenceSource;
  /** Instance path, or null when a tag could not be mapped to a module of the tree. */
  context: string | null;
  /** The class path as recorded (tags) or derived (scopes, when classes are known). */
  classPath?: string;
}

export interface Resolution {
  status: "resolved" | "unresolved";
  primary: string | null;
  primaryClassPath?: string;
  auxiliary: string[];
  /** In [0, 1]; a case below the run's threshold is unresolved. */
  confidence: number;
  strategy: Strategy | null;
  /** One line a person can check against the graph. */
  reasoning: string;
}

export interface SourceLocation {
  file: string;
  line: number;
}

export interface Case {
  /** Stable across runs: `<kind>:<node id>`. */
  id: string;
  node: string;
  opType: string;
  kind: CaseKind;
  scope: CaseScope;
  /** Conflicting contexts, sorted. */
  contexts: string[];
  evidence: EvidenceItem[];
  /**
   * Contexts of the nearest producers and consumers with evidence (looking through plumbing ops),
   * and those nodes themselves (ids, as in `nodes`), so a view can show and link them.
   */
  neighbourhood: { producers: string[]; consumers: string[]; producerNodes: string[]; consumerNodes: string[] };
  resolution: Resolution;
  /** Python source of the node when dynamo stack traces give one. */
  source?: SourceLocation;
}

export type Decision =
  | "scope" // the exporter's own record (TorchScript scope or dynamo name_scopes)
  | "tensor-name" // no scope of its own: the exporter's record of the value it computes
  | "tag" // recorded tags, agreeing, with no exporter scope
  | "case" // the resolution of a case
  | "neighbourhood" // no direct evidence; producers and consumers agree
  | "none"; // nothing to go on: left unattributed (never defaulted to the root)

export interface NodeResult {
  id: string;
  name: string;
  opType: string;
  /** Instance path, or null when unattributed. */
  primary: string | null;
  classPath?: string;
  auxiliary: string[];
  decidedBy: Decision;
  confidence: number;
  /**
   * For attributed nodes (decidedBy "neighbourhood"): the class of testimony that decided it,
   * whose measured share of right answers the confidence states.
   */
  basis?: "corroborated" | "bothSides" | "producersOnly" | "consumersOnly" | "chain" | "contested";
}

export interface ModuleSummary {
  path: string;
  /** Last name part as it appears in its parent ("layer.0" for a ModuleList child). */
  name: string;
  parent: string | null;
  className?: string;
  classPath?: string;
  /** Nodes whose primary context is exactly this module. */
  nodes: number;
  /** Nodes in this module and its descendants. */
  totalNodes: number;
  /** Cases whose conflicting contexts include this module. */
  cases: number;
  unresolved: number;
  /**
   * Known only by analogy with sibling layers (no evidence names it: its one op was renamed
   * away, and its counterparts in the siblings run in it).
   */
  inferred?: true;
}

export interface ModelCounts {
  nodes: number;
  /** Nodes carrying evidence of each source. */
  bySource: Partial<Record<EvidenceSource, number>>;
  /** Nodes with any direct evidence. */
  withEvidence: number;
  /** Nodes with no direct evidence given a context from their neighbourhood. */
  attributed: number;
  /** Nodes left with no context. */
  unattributed: number;
  cases: number;
  casesByKind: Partial<Record<CaseKind, number>>;
  casesByScope: Partial<Record<CaseScope, number>>;
  resolved: number;
  resolvedByStrategy: Partial<Record<Strategy, number>>;
  unresolved: number;
  /** Mean confidence of resolved cases; null when there are none. */
  meanConfidence: number | null;
  /** Share of nodes with a primary context (evidence, attribution or resolution). */
  coverage: number;
  /** Share of nodes with direct evidence (withEvidence / nodes): what deleting evidence lowers. */
  evidenceCoverage: number;
  /**
   * Nodes without direct evidence that are not cases, attributed below the confidence threshold:
   * doubt the gate can see. Unresolved cases are counted in `unresolved`, not here.
   */
  uncertain: number;
}

export interface ModelReport {
  /** The model file as given, with '/' separators: the key runs are diffed on. */
  model: string;
  bytes: number;
  irVersion: number;
  producer: { name: string; version: string };
  opsets: { domain: string; version: number }[];
  /** Sidecar files that were read, relative to the model's folder. */
  sidecars: string[];
  counts: ModelCounts;
  modules: ModuleSummary[];
  cases: Case[];
  nodes: NodeResult[];
  /** Milliseconds per stage; present only when asked for (it makes output non-deterministic). */
  timings?: Record<string, number>;
}

export interface Totals {
  models: number;
  nodes: number;
  cases: number;
  resolved: number;
  unresolved: number;
  coverage: number;
  withEvidence: number;
  evidenceCoverage: number;
  uncertain: number;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  version: typeof REPORT_VERSION;
  tool: { name: "modelexport"; version: string };
  options: { confidenceThreshold: number };
  models: ModelReport[];
  totals: Totals;
}
