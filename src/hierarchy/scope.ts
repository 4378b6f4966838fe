/**
 * TorchScript node-name scopes (torch.onnx.export): `/encoder/layer.0/attention/self/query/MatMul`.
 *
 * Each scope segment is the module's "unqualified" name: its last non-numeric name part with the
 * numeric parts after it (`layer.0` for `encoder.layer.0`, whose ModuleList never runs forward).
 * A Sequential does run forward, so its child shows up under it repeating the parent's own name:
 * `/layer1/layer1.0/conv1/Conv` is `layer1.0.conv1`, `/layer2/layer2.0/downsample/downsample.0/Conv`
 * is `layer2.0.downsample.0`. The last segment is the op's own name; `/Unsqueeze` runs in the root.
 * Names without a leading slash (`Identity_0`, `Constant_12`) were made by export passes: no scope.
 *
 * A module called several times gets a call suffix from its second call on: ResNet's BasicBlock
 * runs `relu` twice (`relu`, `relu_1`), ALBERT's shared layer runs `attention`, `attention_1`,
 * `attention_2`. `ScopeNormaliser` folds those back onto the module when the unsuffixed sibling
 * exists too.
 */
import { atoms, layerTemplate } from "./paths.js";
import { isOpNameSegment, isRewriterSegment, segmentHead } from "./op-names.js";

export interface ParsedScope {
  /** Instance path of the executing module ("" for the root), before call suffixes are folded. */
  path: string;
  /** Cumulative instance paths of each scope segment: `encoder`, `encoder.layer.0`, ... */
  prefixes: string[];
}

export function parseScopeName(nodeName: string): ParsedScope | null {
  if (!nodeName.startsWith("/")) return null;
  const parts = nodeName.slice(1).split("/");
  if (parts.length === 0 || parts.some((p) => p === "")) return null;
  const prefixes = scopePrefixes(parts.slice(0, -1));
  return { path: prefixes.at(-1) ?? "", prefixes };
}

/**
 * Text before a scope that graph rewriters prepend: `fused /pooler/dense/Gemm` (ONNX Runtime's
 * Gemm fusion), `If_0_else_branch__Inline_0__/decoder/rnn/LSTM` (inliners).
 */
const REWRITER_PREFIX = /^(?:fused |[A-Za-z0-9_.]*__)(?=\/)/;

/**
 * The module scope of a node name as graph rewriters leave it. On top of TorchScript's
 * convention (`parseScopeName`): rewriter prefixes are dropped; so are trailing rewriter segments
 * and slashes (`…/key/MatMul/MatMulAddFusion`, `…/ln_2/Mul/LayerNormFusion/`), the op's own
 * name, and any op-name segments left before it (`…/Slice_2/GatherSliceToSplitFusion`): an op
 * is never a module.
 */
export function readScopeName(nodeName: string, opType?: string): ParsedScope | null {
  const parts = scopeSegments(nodeName, opType);
  return parts === null ? null : scopeOf(parts);
}

/**
 * `readScopeName(nodeName, opType)` for every `opType` but one, `exceptOpType`: the op type never
 * matters but where the op-name segments before the node's own name end (at a segment headed by
 * `exceptOpType`, which only a node of that op type would pop too). Undefined when none.
 */
export function readScopeNameAnyOp(nodeName: string): { scope: ParsedScope | null; exceptOpType: string | undefined } {
  const parts = scopeSegments(nodeName, undefined);
  if (parts === null) return { scope: null, exceptOpType: undefined };
  return { scope: scopeOf(parts), exceptOpType: parts.length > 0 ? segmentHead(parts[parts.length - 1]!) : undefined };
}

/** The module segments of a node name, as `readScopeName` reads them; null when it reads none. */
function scopeSegments(nodeName: string, opType: string | undefined): string[] | null {
  let name = nodeName;
  if (!name.startsWith("/")) {
    const m = REWRITER_PREFIX.exec(name);
    if (!m) return null;
    name = name.slice(m[0].length);
  }
  const parts = name.slice(1).split("/");
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length === 0 || parts.some((p) => p === "")) return null;
  while (parts.length > 1 && isRewriterSegment(parts[parts.length - 1]!)) parts.pop();
  parts.pop();
  while (parts.length > 0 && isOpNameSegment(parts[parts.length - 1]!, opType)) parts.pop();
  return parts;
}

function scopeOf(parts: readonly string[]): ParsedScope {
  const prefixes = scopePrefixes(parts);
  return { path: prefixes.at(-1) ?? "", prefixes };
}

/**
 * The scope recorded in a tensor name: TorchScript names a node's outputs `<node name>_output_N`,
 * and rewriters keep the names of the values that survive, so a fused or renamed node still
 * computes a value whose name says which module produced it.
 */
export function readTensorScope(tensorName: string): ParsedScope | null {
  const m = /^(\/.*)_output_\d+$/.exec(tensorName);
  return m ? readScopeName(m[1]!) : null;
}

export function scopePrefixes(segments: readonly string[]): string[] {
  const out: string[] = [];
  let path = "";
  let previous: string | undefined;
  for (const seg of segments) {
    if (previous !== undefined && seg.startsWith(previous + ".") && /^(\.\d+)+$/.test(seg.slice(previous.length))) {
      // Child of an executing container (Sequential): `layer1` then `layer1.0` is `layer1.0`.
      path += seg.slice(previous.length);
    } else {
      path = path === "" ? seg : `${path}.${seg}`;
    }
    out.push(path);
    previous = seg;
  }
  return out;
}

export function scopeSegmentsToPath(segments: readonly string[]): string {
  return scopePrefixes(segments).at(-1) ?? "";
}

const CALL_SUFFIX = /^(.+)_(\d+)$/;


/** Folds call suffixes (`relu_1` → `relu`) given every scope path seen in the graph. */
export class ScopeNormaliser {
  private readonly seen = new Set<string>();
  /** The same paths with their first index starred: a sibling layer's module counts too. */
  private readonly seenInSiblings = new Set<string>();
  private readonly cache = new Map<string, string>();
  /** `base\0suffixed` for every module seen next to a sibling named like its later call; built on first use. */
  private calledTwice: Set<string> | null = null;

  /** `also`: module paths known from elsewhere (the modules parameters are named after). */
  constructor(private readonly also: ReadonlySet<string> = new Set()) {}

  addAll(prefixes: readonly string[]): void {
    for (const p of prefixes) {
      if (this.seen.has(p)) continue;
      this.seen.add(p);
      this.calledTwice = null;
      const t = layerTemplate(p);
      if (t !== null) this.seenInSiblings.add(t);
    }
  }

  /**
   * Whether the unsuffixed module exists: seen in a scope, seen in a sibling instance of its
   * layer (its own first call may have lost its name), or named by parameters. Or, short of
   * that, whether some other module runs both names side by side (`layer1.0.relu` and
   * `layer1.0.relu_1`): then the suffix is that design's second call, though every first call of
   * one stage lost its name. Real modules named like a later call (Inception's `branch3x3_1`,
   * `branch3x3_2`) never stand next to the unsuffixed name, so they stay as they are.
   */
  private exists(path: string, base: string, atom: string): boolean {
    if (this.seen.has(path) || this.also.has(path) || this.seenInSiblings.has(layerTemplate(path) ?? path)) return true;
    if (this.calledTwice === null) {
      this.calledTwice = new Set();
      for (const p of this.seen) {
        const dot = p.lastIndexOf(".");
        const m = CALL_SUFFIX.exec(p.slice(dot + 1));
        if (m && this.seen.has(`${p.slice(0, dot + 1)}${m[1]!}`)) this.calledTwice.add(`${m[1]!}\u0000${m[0]}`);
      }
    }
    return this.calledTwice.has(`${base}\u0000${atom}`);
  }

  /** One pass over the atoms, the raw prefix built incrementally: linear in the path's length. */
  normalise(path: string): string {
    const hit = this.cache.get(path);
    if (hit !== undefined) return hit;
    let raw = "";
    let result = "";
    for (const atom of atoms(path)) {
      const m = CALL_SUFFIX.exec(atom);
      const base = m ? m[1]! : undefined;
      const folded = base !== undefined && this.exists(raw === "" ? base : `${raw}.${base}`, base, atom) ? base : atom;
      result = result === "" ? folded : `${result}.${folded}`;
      raw = raw === "" ? atom : `${raw}.${atom}`;
    }
    this.cache.set(path, result);
    return result;
  }
}
