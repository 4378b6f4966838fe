/**
 * Limits on what one model may contain, checked once after decoding so that every later stage
 * works on bounded input. They sit far above anything a real export holds (the largest language
 * models have a few hundred thousand nodes, names under 300 characters and 20 segments) and end
 * a hostile or broken file with one clear error instead of minutes of work.
 */
import { escapeControls } from "../util/text.js";
import { OnnxDecodeError, type MetadataEntry, type OnnxGraph, type OnnxModel, type OnnxNode } from "./model.js";

export const LIMITS = {
  /** Nodes in all graphs together: main graph, subgraphs and function bodies. */
  nodes: 2_000_000,
  /** Characters in a node name, op type, domain, or tensor name. */
  nameLength: 4096,
  /** `/`-separated segments in a node name (scope names are split on them). */
  nameSegments: 256,
  /** Inputs or outputs of one node. */
  nodeEdges: 10_000,
  /** Characters in one node metadata value or doc string. */
  nodeText: 64 * 1024,
  /** Characters in one model or graph metadata value (the recorded module tree lives there). */
  modelText: 16 * 1024 * 1024,
  /** Metadata entries on one node. */
  nodeMetadataEntries: 1000,
} as const;

/** Node metadata whose value is one module path (`encoder.layer.0`, `/BertModel/BertLayer.0`): at most `nameSegments` segments. */
export const PATH_KEYS: readonly string[] = ["modelexport.module", "modelexport.tag"];

/**
 * Segments of a name split on `/` (and on `.` too when `dots`), counting no further than
 * `limit + 1`. A loop over the character codes: it runs for every node name of the model.
 */
function segments(name: string, dots: boolean, limit: number): number {
  let n = 1;
  for (let i = 0; i < name.length && n <= limit; i++) {
    const c = name.charCodeAt(i);
    if (c === 47 || (dots && c === 46)) n++;
  }
  return n;
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** A name as it may appear in an error: control characters escaped, long names cut. */
export function quoteName(name: string, max = 60): string {
  return `'${escapeControls(name.length > max ? name.slice(0, max) + "…" : name)}'`;
}

/** A well-formed model that holds more than a limit allows. */
export class ModelLimitError extends OnnxDecodeError {
  constructor(reason: string) {
    super(reason);
    this.name = "ModelLimitError";
  }
}

function fail(what: string, size: number, limit: number, unit: string): never {
  throw new ModelLimitError(`${what} has ${fmt(size)} ${unit}; the limit is ${fmt(limit)}`);
}

/** `where` names the entries' owner; given as a function, it is made only for an error. */
function checkMetadata(entries: readonly MetadataEntry[], where: string | (() => string), limit: number): void {
  const place = () => (typeof where === "string" ? where : where());
  // Indexed, no destructuring (`[key, value]` walks each entry with an iterator): dynamo exports
  // give every node metadata.
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i]![0];
    const value = entries[i]![1];
    if (key.length > LIMITS.nameLength) fail(`a metadata key of ${place()}`, key.length, LIMITS.nameLength, "characters");
    if (value.length > limit) fail(`metadata ${quoteName(key)} of ${place()}`, value.length, limit, "characters");
  }
}

function nodeLabel(node: OnnxNode, position: number, graph: string): string {
  return `node #${position}${node.name ? ` ${quoteName(node.name)}` : ""}${graph}`;
}

/** A node's input or output names against the length limit. An indexed loop: `for...of` made an iterator result per name until the caller's loop was optimized. */
function checkValueNames(names: readonly string[], which: string, node: OnnxNode, position: number, graph: string): void {
  for (let k = 0; k < names.length; k++) {
    const t = names[k]!;
    if (t.length > LIMITS.nameLength) fail(`${which} name of ${nodeLabel(node, position, graph)}`, t.length, LIMITS.nameLength, "characters");
  }
}

/** The node's label is made only for an error (it quotes and escapes the name), never a closure per node. */
function checkNode(node: OnnxNode, position: number, graph: string): void {
  if (node.name.length > LIMITS.nameLength) fail(`the name of node #${position}${graph}`, node.name.length, LIMITS.nameLength, "characters");
  // A name has at most one segment more than it has characters: a shorter one is never scanned.
  if (node.name.length >= LIMITS.nameSegments && segments(node.name, false, LIMITS.nameSegments) > LIMITS.nameSegments) {
    fail(`the name of ${nodeLabel(node, position, graph)}`, node.name.split("/").length, LIMITS.nameSegments, "'/'-separated segments");
  }
  if (node.opType.length > LIMITS.nameLength) fail(`the op type of ${nodeLabel(node, position, graph)}`, node.opType.length, LIMITS.nameLength, "characters");
  if (node.domain.length > LIMITS.nameLength) fail(`the domain of ${nodeLabel(node, position, graph)}`, node.domain.length, LIMITS.nameLength, "characters");
  if (node.inputs.length > LIMITS.nodeEdges) fail(nodeLabel(node, position, graph), node.inputs.length, LIMITS.nodeEdges, "inputs");
  if (node.outputs.length > LIMITS.nodeEdges) fail(nodeLabel(node, position, graph), node.outputs.length, LIMITS.nodeEdges, "outputs");
  checkValueNames(node.inputs, "an input", node, position, graph);
  checkValueNames(node.outputs, "an output", node, position, graph);
  if (node.docString.length > LIMITS.nodeText) fail(`the doc string of ${nodeLabel(node, position, graph)}`, node.docString.length, LIMITS.nodeText, "characters");
  if (node.metadataProps.length > LIMITS.nodeMetadataEntries) fail(nodeLabel(node, position, graph), node.metadataProps.length, LIMITS.nodeMetadataEntries, "metadata entries");
  if (node.metadataProps.length === 0) return;
  checkMetadata(node.metadataProps, () => nodeLabel(node, position, graph), LIMITS.nodeText);
  for (let i = 0; i < node.metadataProps.length; i++) {
    const key = node.metadataProps[i]![0];
    const value = node.metadataProps[i]![1];
    if (PATH_KEYS.includes(key) && value.length >= LIMITS.nameSegments && segments(value, true, LIMITS.nameSegments) > LIMITS.nameSegments) {
      fail(`metadata ${quoteName(key)} of ${nodeLabel(node, position, graph)}`, value.split(/[./]/).length, LIMITS.nameSegments, "segments");
    }
  }
}

/** Throws `ModelLimitError` naming the first limit the model exceeds. Linear; iterative. */
export function checkLimits(model: OnnxModel): void {
  checkMetadata(model.metadataProps, "the model", LIMITS.modelText);
  let total = 0;
  const pending: { nodes: OnnxNode[]; where: string; graph?: OnnxGraph }[] = [{ nodes: model.graph.nodes, where: "", graph: model.graph }];
  for (const fn of model.functions) {
    pending.push({ nodes: fn.nodes, where: ` of function ${quoteName(fn.name)}` });
    checkMetadata(fn.metadataProps, `function ${quoteName(fn.name)}`, LIMITS.modelText);
  }
  while (pending.length > 0) {
    const { nodes, where, graph } = pending.pop()!;
    if (graph) checkMetadata(graph.metadataProps, `graph ${quoteName(graph.name)}`, LIMITS.modelText);
    total += nodes.length;
    if (total > LIMITS.nodes) fail("the model", total, LIMITS.nodes, "nodes (all graphs and functions)");
    for (let position = 0; position < nodes.length; position++) {
      const node = nodes[position]!;
      checkNode(node, position, where);
      for (let k = 0; k < node.attributes.length; k++) {
        const a = node.attributes[k]!;
        if (!a.g && !a.graphs) continue;
        const sub = where.startsWith(" in a subgraph") ? where : ` in a subgraph of node #${position}${where}`;
        if (a.g) pending.push({ nodes: a.g.nodes, where: sub, graph: a.g });
        for (const g of a.graphs ?? []) pending.push({ nodes: g.nodes, where: sub, graph: g });
      }
    }
  }
}
