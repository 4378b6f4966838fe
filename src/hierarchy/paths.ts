/**
 * Module instance paths ("encoder.layer.0.attention", root "") and class paths
 * ("/BertModel/BertEncoder/BertLayer.0"), and the relations the engine reasons with.
 */

export function atoms(path: string): string[] {
  return path === "" ? [] : path.split(".");
}

/**
 * Whether a tensor name can be a parameter's state_dict name (`encoder.layer.0.attention.self.query.bias`):
 * names the exporter made (`onnx::MatMul_12`) and scoped value names (`/encoder/layer.0/Add_output_0`) are not.
 */
export function mayBeStateDictName(name: string): boolean {
  return !name.includes("/") && !name.includes("::");
}

/** `/^\d+$/` by character codes: it runs at every comparison of a sort of the whole module tree. */
export function isIndex(atom: string): boolean {
  if (atom.length === 0) return false;
  for (let i = 0; i < atom.length; i++) {
    const c = atom.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** An instance of a repeated layer: its path (`encoder.layer.3`), template (`encoder.layer.*`) and index. */
export interface LayerInstance {
  path: string;
  template: string;
  index: number;
}

const instanceCache = new Map<string, LayerInstance | null>();

/** The repeated-layer instance a path lies in (its first indexed segment), or null. Memoised. */
export function layerInstanceOf(path: string): LayerInstance | null {
  const hit = instanceCache.get(path);
  if (hit !== undefined) return hit;
  let result: LayerInstance | null = null;
  let start = 0;
  while (start <= path.length && path !== "") {
    const end = path.indexOf(".", start);
    const atom = end < 0 ? path.slice(start) : path.slice(start, end);
    if (isIndex(atom)) {
      const head = path.slice(0, start);
      result = { path: end < 0 ? path : path.slice(0, end), template: `${head}*`, index: Number(atom) };
      break;
    }
    if (end < 0) break;
    start = end + 1;
  }
  if (instanceCache.size > 100_000) instanceCache.clear();
  instanceCache.set(path, result);
  return result;
}

/**
 * `denselayer12` → stem `denselayer`, number 12; `block3-1` → `block3-`, 1; a number with a
 * letter after it counts the letters on (GoogLeNet's `inception4b` after `inception4a`, before
 * `inception5a`); null without a trailing number.
 */
function numberedName(atom: string): { stem: string; number: number } | null {
  const m = /^(.*\D)(\d+)([a-z]?)$/.exec(atom);
  if (!m) return null;
  const n = Number(m[2]);
  return { stem: m[1]!, number: m[3] === "" ? n : n * 32 + m[3]!.charCodeAt(0) - 96 };
}

/** A stem with its digits starred: `block1-` and `block2-` are one shape. */
function stemShape(stem: string): string {
  return stem.replace(/\d+/g, "#");
}

/**
 * Which modules of one model are instances of a repeated layer. Plain indices (`layer.3`) are,
 * as `layerInstanceOf` reads them, when the instance is a container; so are containers named
 * with a number among siblings of the same stem (DenseNet's `denselayer2` beside `denselayer1`,
 * RegNet's `block3-1`, torchvision ViT's `encoder_layer_0`), which a name alone cannot tell from
 * a leaf's `conv1` beside `conv2`. A path's instance: the outermost indexed container on it (T5's
 * `block.0`, not its `layer.1`), or the index container right inside it where there is one (a
 * stage of blocks, EfficientNet's `features.2.0`); else the innermost numbered one
 * (`denselayer2`, not `denseblock1`: the blocks of a stage are the stack); else what
 * `layerInstanceOf` says.
 */
export class LayerNaming {
  private readonly containers = new Set<string>();
  /** Containers with a child that is not an index. */
  private readonly named = new Set<string>();
  /** Parent path → stem → how many children carry it. */
  private readonly stems = new Map<string, Map<string, number>>();
  /** `parent\0stem` of a lone numbered child that its parent's siblings show to be an instance. */
  private readonly loneInstances = new Set<string>();
  /** `parent\0stem` where a child of that stem is a container: its siblings of the stem are instances, leaves or not. */
  private readonly containerStems = new Set<string>();
  /** The same one level up, `grandparent\0stem shape`: a like parent's child of the stem is a container. */
  private readonly containerCousins = new Set<string>();
  private readonly cache = new Map<string, LayerInstance | null>();

  constructor(modulePaths: Iterable<string>) {
    // Every proper prefix of a module path is a module too: a ModuleList (`encoder.block.0.layer`)
    // may be absent from the tree.
    const all = new Set<string>();
    for (const path of modulePaths) {
      for (let p = path; p !== "" && !all.has(p); p = parentPath(p)) {
        all.add(p);
        const parent = parentPath(p);
        if (parent !== "") this.containers.add(parent);
      }
    }
    // A container whose children are all indices is a Sequential of parts (or a ModuleList).
    const named = this.named;
    for (const path of all) {
      const cut = path.lastIndexOf(".");
      if (!isIndex(cut < 0 ? path : path.slice(cut + 1))) named.add(cut < 0 ? "" : path.slice(0, cut));
    }
    // Numbered siblings of which one is a Sequential of parts (children `0`, `1`, ...) are the
    // parts of a block (GoogLeNet's `branch2` to `branch4` beside `branch1`), or stages whose
    // blocks are the stack (ResNet's `layer1`, whose `layer1.0` is the instance): the stem never
    // names instances. Read off any one sibling, so that one whose ops all lost their names
    // changes nothing.
    const parts: [parent: string, stem: string][] = [];
    // A child path per parent and stem, for the stems only one child carries.
    const childOf = new Map<string, string>();
    for (const path of all) {
      const cut = path.lastIndexOf(".");
      const n = numberedName(cut < 0 ? path : path.slice(cut + 1));
      if (n === null) continue;
      const parent = cut < 0 ? "" : path.slice(0, cut);
      const byStem = this.stems.get(parent) ?? this.stems.set(parent, new Map()).get(parent)!;
      byStem.set(n.stem, (byStem.get(n.stem) ?? 0) + 1);
      childOf.set(`${parent}\u0000${n.stem}`, path);
      if (this.containers.has(path)) {
        this.containerStems.add(`${parent}\u0000${n.stem}`);
        if (parent !== "") this.containerCousins.add(`${parentPath(parent)}\u0000${stemShape(n.stem)}`);
      }
      if (this.containers.has(path) && !named.has(path)) parts.push([parent, n.stem]);
    }
    for (const [parent, stem] of parts) this.stems.get(parent)!.delete(stem);
    // A stage of one block (RegNet's `block1` holds only `block1-0`) numbers it like its sibling
    // stages number theirs (`block2-0`, `block2-1`): where a sibling of the parent has two or
    // more children of that stem, digits aside, the lone child is an instance too.
    const repeated = new Set<string>();
    for (const [parent, byStem] of this.stems) {
      for (const [stem, count] of byStem) if (count >= 2 && parent !== "") repeated.add(`${parentPath(parent)}\u0000${stemShape(stem)}`);
    }
    for (const [parent, byStem] of this.stems) {
      if (parent === "") continue;
      for (const [stem, count] of byStem) {
        const key = `${parent}\u0000${stem}`;
        if (count === 1 && this.containers.has(childOf.get(key)!) && repeated.has(`${parentPath(parent)}\u0000${stemShape(stem)}`)) this.loneInstances.add(key);
      }
    }
  }

  /**
   * Whether a module's children are all indices: a Sequential or a ModuleList, which run no op
   * of their own (a ModuleList may be absent from the tree: every prefix of a path counts).
   */
  holdsParts(path: string): boolean {
    return this.containers.has(path) && !this.named.has(path);
  }

  /** Whether children of `parent` named with `stem` and a number are instances. */
  private numbersInstances(parent: string, stem: string): boolean {
    return (this.stems.get(parent)?.get(stem) ?? 0) >= 2 || this.loneInstances.has(`${parent}\u0000${stem}`);
  }

  instanceOf(path: string): LayerInstance | null {
    const hit = this.cache.get(path);
    if (hit !== undefined) return hit;
    let indexed: LayerInstance | null = null;
    let numbered: LayerInstance | null = null;
    let start = 0;
    while (path !== "" && start <= path.length) {
      const end = path.indexOf(".", start);
      const prefix = end < 0 ? path : path.slice(0, end);
      const container = this.containers.has(prefix);
      // Only the atoms of containers are read (and of any module where a numbered stem names
      // containers), and the path up to one only for an instance.
      if (container || this.containerStems.size > 0) {
        const atom = path.slice(start, end < 0 ? path.length : end);
        if (container && isIndex(atom)) {
          // Inside a numbered instance, an index under one of its named parts numbers the parts
          // of a Sequential in the block (GoogLeNet's `inception3a.branch2.0`): the block stays
          // the instance. An index right inside it is a stage's blocks (ResNet's `layer1.0`).
          if (numbered !== null && path.slice(0, start - 1) !== numbered.path) break;
          indexed = { path: prefix, template: `${path.slice(0, start)}*`, index: Number(atom) };
          // A stage of blocks (`features.2.0`, a Sequential of Sequentials): the blocks inside
          // a stage are the stack, the stages differ in length.
          for (let at = end; at >= 0; ) {
            const next = path.indexOf(".", at + 1);
            const inner = next < 0 ? path.slice(at + 1) : path.slice(at + 1, next);
            const innerPath = next < 0 ? path : path.slice(0, next);
            if (!isIndex(inner) || !this.containers.has(innerPath)) break;
            indexed = { path: innerPath, template: `${path.slice(0, at + 1)}*`, index: Number(inner) };
            at = next;
          }
          break;
        }
        const n = numberedName(atom);
        const parent = start === 0 ? "" : path.slice(0, start - 1);
        // A numbered module that lost its children's ops is an instance still where a sibling of
        // its stem is a container (Inception's `branch5x5_1` beside `branch5x5_2`, its one Conv
        // nameless), or a cousin is under a parent's sibling (the next block's `branch5x5_1`,
        // where both of this block's lost theirs): which modules are instances does not depend on
        // which ops lost their names.
        const namesContainers =
          n !== null &&
          (container || this.containerStems.has(`${parent}\u0000${n.stem}`) || (parent !== "" && this.containerCousins.has(`${parentPath(parent)}\u0000${stemShape(n.stem)}`)));
        if (n !== null && namesContainers && this.numbersInstances(parent, n.stem)) {
          numbered = { path: prefix, template: `${path.slice(0, start)}${n.stem}*`, index: n.number };
        }
      }
      if (end < 0) break;
      start = end + 1;
    }
    const result = indexed ?? numbered ?? layerInstanceOf(path);
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(path, result);
    return result;
  }

  private readonly chains = new Map<string, readonly LayerInstance[]>();

  /**
   * The instances a path lies in, outermost first: `instanceOf`'s, then each indexed child of a
   * container inside it (MaxViT's `blocks.0.layers.1`, the second layer of stage `blocks.0`).
   * Layers repeated inside a repeated stage are layers of a stack too, which the outermost
   * instance alone does not show. Memoised per path.
   */
  instanceChain(path: string): readonly LayerInstance[] {
    const hit = this.chains.get(path);
    if (hit !== undefined) return hit;
    const outer = this.instanceOf(path);
    const chain: LayerInstance[] = outer ? [outer] : [];
    if (outer) {
      for (let start = outer.path.length + 1; start <= path.length; ) {
        const end = path.indexOf(".", start);
        const atom = end < 0 ? path.slice(start) : path.slice(start, end);
        const prefix = end < 0 ? path : path.slice(0, end);
        if (isIndex(atom) && this.containers.has(path.slice(0, start - 1))) chain.push({ path: prefix, template: `${path.slice(0, start)}*`, index: Number(atom) });
        if (end < 0) break;
        start = end + 1;
      }
    }
    if (this.chains.size > 100_000) this.chains.clear();
    this.chains.set(path, chain);
    return chain;
  }

  /** `instanceOf`'s template with the rest of the path: `features.denseblock1.denselayer*.conv1`. */
  templateOf(path: string): string | null {
    const inst = this.instanceOf(path);
    return inst ? inst.template + path.slice(inst.path.length) : null;
  }
}

/** `encoder.layer.3.attention` → `encoder.layer.*.attention` (its first index starred); null without an index. */
export function layerTemplate(path: string): string | null {
  const inst = layerInstanceOf(path);
  return inst ? inst.template + path.slice(inst.path.length) : null;
}

/** The path of `parent`'s child `name` (the root's children have no prefix). */
export function childPath(parent: string, name: string | number): string {
  return parent === "" ? String(name) : `${parent}.${name}`;
}

/** The parent of an instance path (`encoder.layer.0` → `encoder.layer`; a top-level module's is the root ""). */
export function parentPath(path: string): string {
  const cut = path.lastIndexOf(".");
  return cut < 0 ? "" : path.slice(0, cut);
}

/** a is b or an ancestor of b. The root "" is everyone's ancestor. */
export function isAncestorOrSelf(a: string, b: string): boolean {
  return a === "" || a === b || b.startsWith(a + ".");
}

/** Two contexts conflict when neither is the other or an ancestor of it. */
export function conflicts(a: string, b: string): boolean {
  return !isAncestorOrSelf(a, b) && !isAncestorOrSelf(b, a);
}

/** Lowest common ancestor of instance paths. */
export function lowestCommonAncestor(paths: readonly string[]): string {
  if (paths.length === 0) return "";
  let common = atoms(paths[0]!);
  for (const p of paths.slice(1)) {
    const a = atoms(p);
    let i = 0;
    while (i < common.length && i < a.length && common[i] === a[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(".");
}

/** cross-layer when the first differing atoms are both indices (layer.0 vs layer.1). */
export function conflictScope(a: string, b: string): "cross-layer" | "cross-module" {
  const x = atoms(a);
  const y = atoms(b);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i < x.length && i < y.length && isIndex(x[i]!) && isIndex(y[i]!) ? "cross-layer" : "cross-module";
}

/** Scope of a set of conflicting contexts: cross-layer if any pair is. */
export function groupScope(contexts: readonly string[]): "cross-layer" | "cross-module" {
  for (let i = 0; i < contexts.length; i++) {
    for (let j = i + 1; j < contexts.length; j++) {
      if (conflicts(contexts[i]!, contexts[j]!) && conflictScope(contexts[i]!, contexts[j]!) === "cross-layer") return "cross-layer";
    }
  }
  return "cross-module";
}

/** Keep only the deepest contexts of each ancestor chain, sorted: the conflicting set. */
export function deepest(contexts: Iterable<string>): string[] {
  const unique = new Set(contexts);
  // Every proper ancestor of every context, once: linear in the contexts' total length.
  const ancestors = new Set<string>();
  for (const c of unique) {
    if (c === "") continue;
    ancestors.add("");
    for (let cut = c.lastIndexOf("."); cut > 0; cut = c.lastIndexOf(".", cut - 1)) {
      const a = c.slice(0, cut);
      if (ancestors.has(a)) break;
      ancestors.add(a);
    }
  }
  return [...unique].filter((c) => !ancestors.has(c)).sort();
}

/** All contexts lie on one ancestor chain. */
export function onOneChain(contexts: Iterable<string>): boolean {
  return deepest(contexts).length <= 1;
}

/** The path with every index replaced by `*`: instances of one repeated module share it. */
export function template(path: string): string {
  return atoms(path)
    .map((a) => (isIndex(a) ? "*" : a))
    .join(".");
}

/** Class-path segments: "/BertModel/BertEncoder/BertLayer.0" → ["BertModel", "BertEncoder", "BertLayer.0"]. */
export function classSegments(classPath: string): string[] {
  return classPath.split("/").filter((s) => s !== "");
}

export function classPathIsAncestorOrSelf(a: string, b: string): boolean {
  const x = classSegments(a);
  const y = classSegments(b);
  return x.length <= y.length && x.every((s, i) => s === y[i]);
}

export function classPathsConflict(a: string, b: string): boolean {
  return !classPathIsAncestorOrSelf(a, b) && !classPathIsAncestorOrSelf(b, a);
}

/** The indices along a class path ("BertLayer.1" → 1) or an instance path, in order. */
export function classPathIndices(classPath: string): number[] {
  const out: number[] = [];
  for (const s of classSegments(classPath)) {
    const m = /\.(\d+)$/.exec(s);
    if (m) out.push(Number(m[1]));
  }
  return out;
}

export function instanceIndices(path: string): number[] {
  return atoms(path).filter(isIndex).map(Number);
}
