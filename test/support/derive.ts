/**
 * Head models for the action's end-to-end tests, derived from real exports the way tools damage
 * them: an optimiser renames nodes generically (the TorchScript scope is gone) and two taggers
 * disagree about the layer: our `modelexport.module` metadata names the neighbouring layer
 * (layer index shifted) while the ModelInsider sidecar `<base>_htp_metadata.json` keeps the
 * original class path. The engine sees conflicting tags with no exporter record to settle them.
 */
import fs from "node:fs";
import { membershipFromScopes } from "../../src/extract/extract.js";
import { decodeModelMessage, encodeModelMessage, setModelMetadata, setNodeMetadata } from "../../src/load/encode.js";

interface ModuleEntry {
  path: string;
  class: string;
  qualname?: string;
}

function classPathOf(path: string, classes: Map<string, string>): string | undefined {
  const root = classes.get("");
  if (!root) return undefined;
  const atoms = path.split(".");
  let out = `/${root}`;
  for (let i = 1; i <= atoms.length; i++) {
    const cls = classes.get(atoms.slice(0, i).join("."));
    if (cls === undefined) return undefined;
    if (cls === "ModuleList" || cls === "ModuleDict") continue;
    const last = atoms[i - 1]!;
    out += `/${cls}${/^\d+$/.test(last) ? `.${last}` : ""}`;
  }
  return out;
}

/**
 * Rename the scoped outputs (`/encoder/layer.0/.../MatMul_output_0`) of the given nodes, where
 * they are read too: a renamed node's tensor names would otherwise still carry its scope.
 * Graph outputs keep their names (they are the model's interface).
 */
function renameScopedOutputs(msg: ReturnType<typeof decodeModelMessage>, nodes: { output?: string[] | null }[]): void {
  const graph = msg.graph!;
  const keep = new Set((graph.output ?? []).map((o) => o.name ?? ""));
  const rename = new Map<string, string>();
  for (const n of nodes) {
    n.output = (n.output ?? []).map((o) => {
      if (!o.startsWith("/") || keep.has(o)) return o;
      const to = `t_${rename.size}`;
      rename.set(o, to);
      return to;
    });
  }
  for (const n of graph.node ?? []) n.input = (n.input ?? []).map((i) => rename.get(i) ?? i);
  for (const v of graph.valueInfo ?? []) if (v.name && rename.has(v.name)) v.name = rename.get(v.name)!;
}

export interface Derived {
  onnx: Buffer;
  /** `<base>_htp_metadata.json` content. */
  sidecar: string;
  damaged: number;
}

/**
 * Damage up to `count` nodes of layers `layer.0` and `layer.1` of a TorchScript export whose
 * module list (`NAME.modules.json` of the corpus) is given.
 */
export function shiftLayerTags(onnxFile: string, modulesFile: string, count: number): Derived {
  const modules = (JSON.parse(fs.readFileSync(modulesFile, "utf8")) as { modules: ModuleEntry[] }).modules;
  const classes = new Map(modules.map((m) => [m.path, m.class]));
  const msg = decodeModelMessage(fs.readFileSync(onnxFile));
  setModelMetadata(msg, { "modelexport.modules": JSON.stringify(modules.map((m) => ({ path: m.path, class: m.class, qualname: m.qualname ?? m.class }))) });
  const nodes: Record<string, string> = {};
  const renamed: NonNullable<NonNullable<typeof msg.graph>["node"]> = [];
  let k = 0;
  for (const n of msg.graph?.node ?? []) {
    if (k >= count) break;
    const m = /^\/((?:[^/]+\/)*?layer\.[01](?:\/[^/]+)*)\/[^/]+$/.exec(n.name ?? "");
    if (!m) continue;
    const path = m[1]!.split("/").join(".");
    const tag = classPathOf(path, classes);
    if (!tag) continue;
    k++;
    const shifted = path.replace(/layer\.([01])/, (_, d: string) => `layer.${1 - Number(d)}`);
    n.name = `node_${n.opType}_${k}`;
    setNodeMetadata(n, { "modelexport.module": shifted });
    nodes[n.name] = tag;
    renamed.push(n);
  }
  renameScopedOutputs(msg, renamed);
  return { onnx: Buffer.from(encodeModelMessage(msg)), sidecar: JSON.stringify({ nodes }, null, 2) + "\n", damaged: k };
}

export interface Retagged {
  onnx: Buffer;
  /** Nodes whose tag names the neighbouring layer. */
  shifted: number;
}

/**
 * A TorchScript export as a tagging exporter with generic node names leaves it: every node
 * renamed `node_<op>_<k>` (the scope is gone), the module the exporter recorded kept as a
 * `modelexport.module` tag (nodes the exporter recorded none for stay untagged). With no exporter
 * record left, the engine trusts the tags, so its membership (and the modules cut with it) follows
 * them. `shift` tags of `layer.0` name `layer.1` instead: those nodes move to the wrong layer.
 */
export function retagGenerically(onnxFile: string, shift = 0): Retagged {
  const msg = decodeModelMessage(fs.readFileSync(onnxFile));
  const recorded = membershipFromScopes(msg);
  let k = 0;
  let shifted = 0;
  for (const n of msg.graph?.node ?? []) {
    let module = n.name ? recorded.get(n.name) : undefined;
    if (shifted < shift && module && /(^|\.)layer\.0(\.|$)/.test(module)) {
      module = module.replace(/(^|\.)layer\.0(?=\.|$)/, "$1layer.1");
      shifted++;
    }
    n.name = `node_${n.opType}_${k++}`;
    if (module !== undefined && module !== null) setNodeMetadata(n, { "modelexport.module": module });
  }
  renameScopedOutputs(msg, msg.graph?.node ?? []);
  return { onnx: Buffer.from(encodeModelMessage(msg)), shifted };
}
