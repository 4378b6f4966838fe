/**
 * The enhanced-ONNX writer: the model with each node's resolved module context recorded in
 * `NodeProto.metadata_props` (the standard place; ONNX Runtime refuses custom attributes):
 *
 * - `modelexport.context.primary`: instance path ("" for the root);
 * - `modelexport.context.auxiliary`: JSON array of instance paths;
 * - `modelexport.context.strategy`: how the primary was decided;
 * - `modelexport.context.confidence`: a number in [0, 1].
 *
 * Nothing else changes: no node, tensor, attribute or graph field is added, removed or reordered,
 * so the model computes exactly what the original computes. Earlier `modelexport.context.*`
 * entries are replaced; nodes left without a primary context carry none. `NodeProto.metadata_props`
 * is a field of IR version 10, so a model with a tagged node declares at least that version (an
 * older one is raised to 10; the operator sets stay as they are, and the graph uses no other
 * field of a newer IR). Pure.
 */
import {
  decodeModelMessage,
  encodeModelMessage,
  forEachNodeMessage,
  removeNodeMetadataPrefix,
  setNodeMetadata,
  type ModelMsg,
} from "../load/encode.js";
import type { Case, NodeResult } from "../report/types.js";
import type { Membership } from "./extract.js";

export const CONTEXT_KEYS = {
  primary: "modelexport.context.primary",
  auxiliary: "modelexport.context.auxiliary",
  strategy: "modelexport.context.strategy",
  confidence: "modelexport.context.confidence",
} as const;

export interface NodeTags {
  primary: string | null;
  auxiliary: readonly string[];
  strategy: string | null;
  confidence: number;
}

/**
 * Tags from the engine's report: each node's primary and auxiliary contexts and confidence; the
 * strategy is the resolving strategy of the node's case when one decided it, else how the node
 * was decided (`scope`, `tag`, `neighbourhood`).
 */
export function tagsFromReport(nodes: readonly NodeResult[], cases: readonly Case[] = []): Map<string, NodeTags> {
  const strategyByNode = new Map<string, string>();
  for (const c of cases) if (c.resolution.status === "resolved" && c.resolution.strategy) strategyByNode.set(c.node, c.resolution.strategy);
  return new Map(
    nodes.map((n) => [
      n.id,
      {
        primary: n.primary,
        auxiliary: n.auxiliary,
        strategy: (n.decidedBy === "case" ? strategyByNode.get(n.id) : undefined) ?? n.decidedBy,
        confidence: n.confidence,
      },
    ]),
  );
}

/** Tags straight from a membership map (the exporter's record, taken as certain). */
export function tagsFromMembership(membership: Membership, strategy = "exporter-scope"): Map<string, NodeTags> {
  const out = new Map<string, NodeTags>();
  for (const [id, primary] of membership) out.set(id, { primary, auxiliary: [], strategy: primary === null ? null : strategy, confidence: primary === null ? 0 : 1 });
  return out;
}

function formatConfidence(c: number): string {
  return String(Math.round(Math.min(1, Math.max(0, c)) * 1e4) / 1e4);
}

/**
 * Write the tags into the model's nodes, in place. Keys are graph-index node ids, so nodes of
 * subgraphs and function bodies can be tagged too. Returns how many nodes were tagged.
 */
export function applyTags(model: ModelMsg, tags: ReadonlyMap<string, NodeTags>): number {
  let tagged = 0;
  forEachNodeMessage(model, (node, id) => {
    removeNodeMetadataPrefix(node, "modelexport.context.");
    const t = tags.get(id);
    if (!t || t.primary === null) return;
    const set: Record<string, string> = { [CONTEXT_KEYS.primary]: t.primary, [CONTEXT_KEYS.auxiliary]: JSON.stringify([...t.auxiliary]) };
    if (t.strategy !== null) set[CONTEXT_KEYS.strategy] = t.strategy;
    set[CONTEXT_KEYS.confidence] = formatConfidence(t.confidence);
    setNodeMetadata(node, set);
    tagged++;
  });
  return tagged;
}

/** The first IR version with `NodeProto.metadata_props`. */
export const NODE_METADATA_IR_VERSION = 10;

function irVersionOf(model: ModelMsg): number {
  const v = model.irVersion as ModelMsg["irVersion"] | undefined | null;
  return v === undefined || v === null ? 0 : typeof v === "number" ? v : v.toNumber();
}

/** The enhanced model's bytes: `bytes` decoded in full, tagged, its IR version raised to 10 when needed, re-encoded. */
export function writeEnhancedModel(bytes: Uint8Array, tags: ReadonlyMap<string, NodeTags>): { bytes: Uint8Array; tagged: number; irVersion: number } {
  const model = decodeModelMessage(bytes);
  const tagged = applyTags(model, tags);
  if (tagged > 0 && irVersionOf(model) < NODE_METADATA_IR_VERSION) model.irVersion = NODE_METADATA_IR_VERSION;
  return { bytes: encodeModelMessage(model), tagged, irVersion: irVersionOf(model) };
}
