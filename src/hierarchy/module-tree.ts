/**
 * The module tree: instance paths merged from every evidence source, with classes and class
 * paths where a source knows them.
 */
import { atoms, isIndex, LayerNaming } from "./paths.js";

/** Containers that never run `forward`: absent from class paths (DOMAIN §1). */
const CONTAINERS = new Set(["ModuleList", "ModuleDict", "ParameterList", "ParameterDict"]);

export interface ModuleInfo {
  path: string;
  /** Name as it appears in its parent ("layer.0" when the ModuleList itself is not in the tree). */
  name: string;
  parent: string | null;
  className?: string;
  qualname?: string;
  classPath?: string;
  children: string[];
}

export class ModuleTree {
  private readonly classes = new Map<string, { className?: string; qualname?: string }>();
  private readonly recordedClassPaths = new Map<string, string>();
  /** Modules also called from elsewhere than their parent: module path -> caller paths. */
  private readonly callSites = new Map<string, Set<string>>();
  private built: Map<string, ModuleInfo> | undefined;
  private byClassPath: Map<string, string[]> | undefined;
  private readonly classPathCache = new Map<string, string[]>();
  private readonly classlessCache = new Map<string, { byIndex: Map<string, string[]>; named: string[] }>();

  constructor() {
    this.classes.set("", {});
  }

  /** Record a module (and, implicitly, that its path exists). Later facts fill gaps, never overwrite. */
  add(path: string, className?: string, qualname?: string): void {
    this.built = undefined;
    const known = this.classes.get(path) ?? {};
    if (className && !known.className) known.className = className;
    if (qualname && !known.qualname) known.qualname = qualname;
    this.classes.set(path, known);
  }

  /** A class path a tagger recorded for a module (sidecar `traced_tag` ↔ `scope`). */
  addClassPath(path: string, classPath: string): void {
    this.built = undefined;
    this.add(path);
    if (!this.recordedClassPaths.has(path)) this.recordedClassPaths.set(path, classPath);
  }

  /**
   * `module` also runs inside `caller` (a module reachable under two names, called from the
   * other's parent). A tagger that records the execution chain names it by the caller's class
   * path plus its own class: that class path names `module` too. Its own class path is unchanged.
   */
  addCallSite(module: string, caller: string): void {
    this.built = undefined;
    this.add(module);
    this.add(caller);
    (this.callSites.get(module) ?? this.callSites.set(module, new Set()).get(module)!).add(caller);
  }

  has(path: string): boolean {
    return this.classes.has(path);
  }

  private readonly declaredPaths = new Set<string>();

  /** A module the model's own module list declares (torch's `named_modules()`). */
  declare(path: string): void {
    this.add(path);
    this.declaredPaths.add(path);
  }

  /** The modules the model's own module list declares (empty without one). */
  get declared(): ReadonlySet<string> {
    return this.declaredPaths;
  }

  /**
   * Whether `path` may be reported: without a module list any path may; with one, only the
   * modules it declares (no analogy or parameter name invents one outside it).
   */
  allows(path: string): boolean {
    return this.declaredPaths.size === 0 || this.declaredPaths.has(path);
  }

  /** Every module by path, in `comparePaths` order (parents before their children). */
  get modules(): Map<string, ModuleInfo> {
    if (!this.built) this.build();
    return this.built!;
  }

  private namingOf: { built: Map<string, ModuleInfo>; naming: LayerNaming } | undefined;

  /** Which modules are instances of repeated layers (paths.ts `LayerNaming`), for the tree as it is now. */
  get naming(): LayerNaming {
    const built = this.modules;
    if (this.namingOf?.built !== built) this.namingOf = { built, naming: new LayerNaming(built.keys()) };
    return this.namingOf.naming;
  }

  get(path: string): ModuleInfo | undefined {
    return this.modules.get(path);
  }

  classPathOf(path: string): string | undefined {
    return this.modules.get(path)?.classPath;
  }

  /** The instance path a class path (hierarchy tag) names, if the tree knows exactly one. */
  pathOfClassPath(classPath: string): string | undefined {
    const all = this.pathsOfClassPath(classPath);
    return all.length === 1 ? all[0] : undefined;
  }

  /**
   * Every instance path a class path can name. Siblings of one class share a class path
   * (`query`, `key` and `value` are all `.../BertSelfAttention/Linear`): such a tag is ambiguous.
   */
  pathsOfClassPath(classPath: string): string[] {
    if (!this.built) this.build();
    const raw = this.classPathCache.get(classPath);
    if (raw) return raw;
    const cp = normaliseClassPath(classPath);
    const hit = this.classPathCache.get(cp);
    if (hit) {
      this.classPathCache.set(classPath, hit);
      return hit;
    }
    // From the root down, one segment at a time (iterative: a file controls how many there are).
    // Modules whose class no source gave (scope-only modules, or siblings a sidecar's class-keyed
    // `children` object collapsed) could be the one meant: they are kept as candidates.
    const segments = cp.split("/").slice(1);
    let prefix = "";
    let paths: string[] = [];
    for (let k = 0; k < segments.length; k++) {
      prefix += "/" + segments[k];
      const cached = this.classPathCache.get(prefix);
      if (cached) {
        paths = cached;
        continue;
      }
      const exact = this.byClassPath!.get(prefix) ?? [];
      const out = [...exact];
      if (k > 0) {
        const seen = new Set(out);
        const index = /\.(\d+)$/.exec(segments[k]!)?.[1];
        for (const parent of paths) {
          const classless = this.classlessChildren(parent);
          for (const child of (index !== undefined ? classless.byIndex.get(index) : classless.named) ?? []) {
            if (seen.has(child)) continue;
            out.push(child);
            seen.add(child);
          }
        }
      } else if (out.length === 0 && !this.hasClassesBuilt()) {
        // A one-segment class path names the root, whatever its class, when no class is known.
        out.push("");
      }
      this.classPathCache.set(prefix, out);
      paths = out;
    }
    this.classPathCache.set(classPath, paths);
    return paths;
  }

  /**
   * The children of `parent` no source gave a class, in child order: by their index when their
   * last atom is one (`layer.3` under a ModuleList the sidecar left out), the others apart.
   * Grouped once per parent: an encoder may have thousands of layer children, and every class
   * path through it would otherwise scan all of them.
   */
  private classlessChildren(parent: string): { byIndex: Map<string, string[]>; named: string[] } {
    const hit = this.classlessCache.get(parent);
    if (hit) return hit;
    const groups = { byIndex: new Map<string, string[]>(), named: [] as string[] };
    for (const child of this.built!.get(parent)?.children ?? []) {
      if (this.built!.get(child)!.className !== undefined) continue;
      const last = lastAtom(child);
      if (isIndex(last)) (groups.byIndex.get(last) ?? groups.byIndex.set(last, []).get(last)!).push(child);
      else groups.named.push(child);
    }
    this.classlessCache.set(parent, groups);
    return groups;
  }

  private hasClassesBuilt(): boolean {
    return this.byClassPath!.size > 0;
  }

  /** Whether any class is known: without classes, tags can only be compared by their indices. */
  get hasClasses(): boolean {
    if (!this.built) this.build();
    return this.byClassPath!.size > 0;
  }

  private build(): void {
    this.classPathCache.clear();
    this.classlessCache.clear();
    const paths = sortPaths([...this.classes.keys()]);
    const modules = new Map<string, ModuleInfo>();
    for (const path of paths) {
      const info = this.classes.get(path)!;
      const parent = path === "" ? null : nearestAncestor(path, this.classes);
      const m: ModuleInfo = { path, name: parent === null ? "" : parent === "" ? path : path.slice(parent.length + 1), parent, children: [] };
      if (info.className) m.className = info.className;
      if (info.qualname) m.qualname = info.qualname;
      modules.set(path, m);
      if (parent !== null) modules.get(parent)!.children.push(path);
    }
    const byClassPath = new Map<string, string[]>();
    for (const path of paths) {
      const m = modules.get(path)!;
      const recorded = this.recordedClassPaths.get(path);
      const derived = deriveClassPath(m, modules);
      const cp = recorded ?? derived;
      if (cp) {
        m.classPath = cp;
        (byClassPath.get(cp) ?? byClassPath.set(cp, []).get(cp)!).push(path);
      }
    }
    for (const [module, callers] of this.callSites) {
      const m = modules.get(module)!;
      if (!m.className) continue;
      const last = atoms(module).at(-1)!;
      for (const caller of [...callers].sort()) {
        const prefix = modules.get(caller)?.classPath;
        if (prefix === undefined) continue;
        const cp = `${prefix}/${m.className}${isIndex(last) ? "." + last : ""}`;
        const list = byClassPath.get(cp) ?? byClassPath.set(cp, []).get(cp)!;
        if (!list.includes(module)) list.push(module);
      }
    }
    this.built = modules;
    this.byClassPath = byClassPath;
  }
}

function lastAtom(path: string): string {
  const cut = path.lastIndexOf(".");
  return cut < 0 ? path : path.slice(cut + 1);
}

/** The longest proper prefix of `path` (cut at a '.') that `known` has, else the root "". One slice per level, no atoms joined. */
function nearestAncestor(path: string, known: Map<string, unknown>): string {
  for (let cut = path.lastIndexOf("."); cut >= 0; cut = cut === 0 ? -1 : path.lastIndexOf(".", cut - 1)) {
    const p = path.slice(0, cut);
    if (known.has(p)) return p;
  }
  return "";
}

function deriveClassPath(m: ModuleInfo, modules: Map<string, ModuleInfo>): string | undefined {
  if (!m.className) return undefined;
  if (m.parent === null) return `/${m.className}`;
  if (CONTAINERS.has(m.className)) return undefined;
  // The nearest ancestor that runs forward carries the prefix.
  let parent = modules.get(m.parent);
  while (parent && parent.className && CONTAINERS.has(parent.className) && parent.parent !== null) parent = modules.get(parent.parent);
  if (!parent) return undefined;
  const prefix = parent.parent === null ? (parent.className ? `/${parent.className}` : undefined) : parent.classPath ?? deriveClassPath(parent, modules);
  if (prefix === undefined) return undefined;
  const last = lastAtom(m.path);
  return `${prefix}/${m.className}${isIndex(last) ? "." + last : ""}`;
}

export function normaliseClassPath(classPath: string): string {
  const trimmed = classPath.trim().replace(/\/+$/, "");
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

/** Depth-first order with numeric atoms compared as numbers: layer.2 before layer.10. */
export function comparePaths(a: string, b: string): number {
  return compareAtoms(atoms(a), atoms(b));
}

/**
 * `paths` sorted by `comparePaths`, each path split into atoms once rather than at every
 * comparison (a tree of a large model has tens of thousands of modules). The same order: the
 * sort is stable and sees the same comparisons.
 */
export function sortPaths(paths: string[]): string[] {
  return sortByPath(paths, (path) => path);
}

/** `items` sorted by `comparePaths` of their paths, as `sortPaths` sorts paths (a new array). */
export function sortByPath<T>(items: readonly T[], pathOf: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, atoms: atoms(pathOf(item)) }));
  keyed.sort((a, b) => compareAtoms(a.atoms, b.atoms));
  return keyed.map((k) => k.item);
}

function compareAtoms(x: readonly string[], y: readonly string[]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const nx = isIndex(x[i]!);
    const ny = isIndex(y[i]!);
    if (nx && ny) return Number(x[i]) - Number(y[i]);
    if (nx !== ny) return nx ? -1 : 1;
    return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}
