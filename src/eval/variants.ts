/**
 * Variants of a real export for the evaluation: each damages the hierarchy evidence the way
 * real tools do, and returns the ground truth of what was damaged. Pure and seeded.
 *
 * The ground truth is the original export's own record (node-name scopes), computed before the
 * variant is made and never handed to the engine.
 */
import type { MetadataEntry, OnnxModel, OnnxNode } from "../load/model.js";
import { META } from "../hierarchy/evidence.js";
import { atoms, conflictScope, conflicts, deepest, isIndex, lowestCommonAncestor } from "../hierarchy/paths.js";
import { seededRandom } from "../util/random.js";

export interface TruthModule {
  path: string;
  class: string;
  qualname?: string;
  calls?: number;
  /** The module's other paths (`named_modules(remove_duplicate=False)`): a module reachable under several names. */
  aliases?: string[];
}

/** A copy a variant may change freely: nodes, graph inputs and outputs, initializer list, metadata. */
export function cloneModel(model: OnnxModel): OnnxModel {
  return {
    ...model,
    metadataProps: [...model.metadataProps],
    graph: {
      ...model.graph,
      nodes: model.graph.nodes.map((n) => ({ ...n, inputs: [...n.inputs], outputs: [...n.outputs], metadataProps: [...n.metadataProps] })),
      inputs: model.graph.inputs.map((v) => ({ ...v })),
      outputs: model.graph.outputs.map((v) => ({ ...v })),
      initializers: [...model.graph.initializers],
    },
  };
}

/** Class path of an instance path from the truth module list (ModuleList containers skipped). */
export function classPathFor(path: string, classes: Map<string, string>): string | undefined {
  const root = classes.get("");
  if (!root) return undefined;
  let out = `/${root}`;
  const a = atoms(path);
  for (let i = 1; i <= a.length; i++) {
    const p = a.slice(0, i).join(".");
    const cls = classes.get(p);
    if (cls === undefined) return undefined;
    if (cls === "ModuleList" || cls === "ModuleDict") continue;
    const last = a[i - 1]!;
    out += `/${cls}${isIndex(last) ? "." + last : ""}`;
  }
  return out;
}

function moduleListMetadata(truth: TruthModule[]): MetadataEntry {
  return [META.modules, JSON.stringify(truth.map((m) => ({ path: m.path, class: m.class, qualname: m.qualname ?? m.class })))];
}

export interface ShiftedTags {
  model: OnnxModel;
  /** Node names whose tag was moved to another layer. */
  shifted: Set<string>;
}

/**
 * Tag every scoped node with its module (as a tagging exporter would), then move a fraction of
 * the tags of nodes inside repeated layers to the next layer (layer.0 → layer.1, the seed's bug).
 */
export function shiftTags(model: OnnxModel, truthScopes: Map<string, string>, truth: TruthModule[], fraction: number, seed: number): ShiftedTags {
  const m = cloneModel(model);
  const random = seededRandom(seed);
  const classes = new Map(truth.map((t) => [t.path, t.class]));
  const paths = new Set(truth.map((t) => t.path));
  m.metadataProps.push(moduleListMetadata(truth));
  const shifted = new Set<string>();
  for (const node of m.graph.nodes) {
    const path = truthScopes.get(node.name);
    if (path === undefined) continue;
    let tagPath = path;
    if (random() < fraction) {
      const moved = shiftLayer(path, paths);
      if (moved !== undefined) {
        tagPath = moved;
        shifted.add(node.name);
      }
    }
    node.metadataProps.push([META.module, tagPath]);
    const cp = classPathFor(tagPath, classes);
    if (cp) node.metadataProps.push([META.tag, cp]);
  }
  return { model: m, shifted };
}

/** The same module in the next layer (wrapping to layer 0), if the model has it. */
function shiftLayer(path: string, known: Set<string>): string | undefined {
  const a = atoms(path);
  for (let i = a.length - 1; i >= 0; i--) {
    if (!isIndex(a[i]!)) continue;
    for (const candidate of [Number(a[i]) + 1, 0]) {
      const b = [...a];
      b[i] = String(candidate);
      const p = b.join(".");
      if (p !== path && known.has(p)) return p;
    }
  }
  return undefined;
}

export interface Stripped {
  model: OnnxModel;
  /** New node name → the original scope path. */
  stripped: Map<string, string>;
  /** New node name → the node's name in the original export. */
  originals: Map<string, string>;
}

/**
 * Rename the outputs of the given nodes (`t_<k>`) everywhere they are read, graph outputs
 * included: the scope a TorchScript tensor name carries (`<node>_output_0`) is evidence too, and
 * a variant that strips evidence strips it as well.
 */
function renameOutputs(m: OnnxModel, nodes: readonly OnnxNode[], prefix: string): void {
  const rename = new Map<string, string>();
  let k = 0;
  for (const node of nodes) {
    node.outputs = node.outputs.map((o) => {
      if (o === "") return o;
      const to = `${prefix}${k++}`;
      rename.set(o, to);
      return to;
    });
  }
  for (const node of m.graph.nodes) node.inputs = node.inputs.map((i) => rename.get(i) ?? i);
  for (const o of m.graph.outputs) o.name = rename.get(o.name) ?? o.name;
}

/** Strip the scope from a fraction of scoped nodes, as optimizers do (`Add_12` style names, outputs renamed). */
export function stripScopes(model: OnnxModel, truthScopes: Map<string, string>, fraction: number, seed: number, keepValueNames = false): Stripped {
  const m = cloneModel(model);
  const random = seededRandom(seed);
  const stripped = new Map<string, string>();
  const originals = new Map<string, string>();
  const nodes: OnnxNode[] = [];
  let k = 0;
  for (const node of m.graph.nodes) {
    const path = truthScopes.get(node.name);
    if (path === undefined || random() >= fraction) continue;
    const original = node.name;
    node.name = `${node.opType}_stripped_${k++}`;
    stripped.set(node.name, path);
    originals.set(node.name, original);
    nodes.push(node);
  }
  if (!keepValueNames) renameOutputs(m, nodes, "stripped_t");
  return { model: m, stripped, originals };
}

export interface Merged {
  model: OnnxModel;
  /** Name of each surviving merged constant → the modules of the merged copies (deepest) and their common ancestor. */
  merged: Map<string, { users: string[]; common: string }>;
}

/**
 * Common-subexpression elimination of constants: identical Constant nodes from different layers
 * become one node that every former user reads, renamed (`Constant_merged_N`) or, as ONNX
 * Runtime does, keeping the first copy's scoped name (`keepName`).
 */
export function mergeConstants(model: OnnxModel, truthScopes: Map<string, string>, keepName = false): Merged {
  const m = cloneModel(model);
  const groups = new Map<string, OnnxNode[]>();
  for (const node of m.graph.nodes) {
    if (node.opType !== "Constant" || node.inputs.length > 0 || node.outputs.length !== 1) continue;
    const value = node.attributes.find((a) => a.name === "value")?.t;
    if (!value?.digest) continue;
    const key = `${value.dataType}:${value.dims.join("x")}:${value.digest}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(node);
  }
  const rename = new Map<string, string>();
  const removed = new Set<OnnxNode>();
  const merged = new Map<string, { users: string[]; common: string }>();
  let k = 0;
  for (const nodes of groups.values()) {
    const scoped = nodes.filter((n) => truthScopes.has(n.name));
    const users = deepest(scoped.map((n) => truthScopes.get(n.name)!));
    // Only groups that span layers: the merge this variant is about.
    const crossLayer = users.some((a, i) => users.slice(i + 1).some((b) => conflicts(a, b) && conflictScope(a, b) === "cross-layer"));
    if (scoped.length < 2 || !crossLayer) continue;
    // ONNX Runtime's common-subexpression elimination keeps one copy's scoped name: here a copy
    // inside a layer, so the name lies (a group whose only honest name is kept is not this case).
    const common = lowestCommonAncestor(scoped.map((n) => truthScopes.get(n.name)!));
    const keep = keepName ? scoped.find((n) => truthScopes.get(n.name) !== common) : scoped[0];
    if (!keep) continue;
    for (const other of scoped) {
      if (other === keep) continue;
      rename.set(other.outputs[0]!, keep.outputs[0]!);
      removed.add(other);
    }
    if (!keepName) {
      keep.name = `Constant_merged_${k}`;
      // Its output's scoped name goes too: nothing of the copies' evidence is left.
      rename.set(keep.outputs[0]!, `merged_t${k}`);
      for (const other of scoped) if (other !== keep) rename.set(other.outputs[0]!, `merged_t${k}`);
      keep.outputs = [`merged_t${k}`];
      k++;
    }
    merged.set(keep.name, { users, common });
  }
  m.graph.nodes = m.graph.nodes.filter((n) => !removed.has(n));
  for (const node of m.graph.nodes) node.inputs = node.inputs.map((i) => rename.get(i) ?? i);
  for (const o of m.graph.outputs) if (rename.has(o.name)) o.name = rename.get(o.name)!;
  return { model: m, merged };
}

export interface Generic {
  model: OnnxModel;
  /** New node name → original scope path, for every node that had one. */
  truth: Map<string, string>;
  /** New names of nodes that kept dynamo metadata. */
  withMetadata: Set<string>;
  /** New node name → the node's name in the original export. */
  originals: Map<string, string>;
}

/**
 * Dynamo-style export: every node named generically (`node_MatMul_12`), hierarchy recorded in
 * `pkg.torch.onnx.name_scopes` / `class_hierarchy` metadata on only a fraction of them (later
 * passes drop it on the rest).
 */
export function genericWithDynamo(model: OnnxModel, truthScopes: Map<string, string>, truth: TruthModule[], fraction: number, seed: number, keepValueNames = false): Generic {
  const m = cloneModel(model);
  const random = seededRandom(seed);
  const classes = new Map(truth.map((t) => [t.path, t]));
  const out = new Map<string, string>();
  const withMetadata = new Set<string>();
  const originals = new Map<string, string>();
  // The dynamo exporter names values generically too (`val_12`): no scope survives in them.
  if (!keepValueNames) renameOutputs(m, m.graph.nodes, "val_");
  m.graph.nodes.forEach((node, i) => {
    const path = truthScopes.get(node.name);
    const generic = `node_${node.opType}_${i}`;
    originals.set(generic, node.name);
    node.name = generic;
    if (path === undefined) return;
    out.set(node.name, path);
    if (random() >= fraction) return;
    // Cumulative paths of the modules that ran forward (containers never do), root first.
    const a = atoms(path);
    const scopes = [""];
    for (let j = 1; j <= a.length; j++) {
      const p = a.slice(0, j).join(".");
      const cls = classes.get(p)?.class;
      if (cls === "ModuleList" || cls === "ModuleDict") continue;
      scopes.push(p);
    }
    const classList = scopes.map((p) => classes.get(p)?.qualname ?? classes.get(p)?.class ?? "");
    const repr = (xs: string[]) => `[${xs.map((x) => `'${x.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`).join(", ")}]`;
    node.metadataProps.push([META.dynamoScopes, repr([...scopes, node.name])]);
    node.metadataProps.push([META.dynamoClasses, repr([...classList, `aten.${node.opType.toLowerCase()}.default`])]);
    withMetadata.add(node.name);
  });
  return { model: m, truth: out, withMetadata, originals };
}



/** ModelInsider's `_htp_metadata.json` for given node tags (instance paths), as its tagger writes it. */
export function htpSidecar(modelName: string, tags: Map<string, string>, truth: TruthModule[]): object {
  const classes = new Map(truth.map((t) => [t.path, t.class]));
  const byPath = new Map(truth.map((t) => [t.path, t]));
  const runsForward = (t: TruthModule) => t.class !== "ModuleList" && t.class !== "ModuleDict";
  const parentOf = (p: string): string | undefined => {
    const a = atoms(p);
    for (let i = a.length - 1; i >= 0; i--) {
      const q = a.slice(0, i).join(".");
      const m = byPath.get(q);
      if (m && runsForward(m)) return q;
    }
    return undefined;
  };
  const node = (p: string): object => ({
    class_name: byPath.get(p)!.class,
    traced_tag: classPathFor(p, classes),
    scope: p,
    children: Object.fromEntries(
      truth
        .filter((c) => c.path !== p && runsForward(c) && parentOf(c.path) === p)
        .map((c) => {
          const last = atoms(c.path).at(-1)!;
          return [c.class + (isIndex(last) ? "." + last : ""), node(c.path)];
        }),
    ),
  });
  const nodes: Record<string, string> = {};
  for (const [name, p] of [...tags].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const cp = classPathFor(p, classes);
    if (cp) nodes[name] = cp;
  }
  return { model: { name: modelName, class_name: classes.get("") }, nodes, modules: node("") };
}
