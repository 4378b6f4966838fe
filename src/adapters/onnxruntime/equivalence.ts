/**
 * Proving a hierarchy with ONNX Runtime: cut modules out of a model and check that each one,
 * run on its own, computes exactly what it computes inside the whole model.
 *
 * 1. The whole model runs once on generated inputs with every boundary tensor of the selected
 *    modules exposed as an extra graph output (the probe). This captures the values crossing
 *    each boundary, and the element type and rank of boundary tensors the graph records no type
 *    for.
 * 2. Each module is extracted (src/extract/extract.ts), fed the captured values of its inputs,
 *    and its outputs are compared with the captured ones: bit for bit (same execution provider,
 *    same kernels), with the largest absolute difference reported. float16 and bfloat16 outputs
 *    are compared in rounding steps of their format, within `tolerance` steps (default 1): ONNX
 *    Runtime on CPU runs some float16 operators in float32 and rounds where values leave them,
 *    so a value read at a module's boundary is rounded where the whole model kept it wider.
 *
 * Graph optimizations are disabled in both runs: fusions see a different graph in a cut than in
 * the whole model, and a fused kernel rounds differently, which would blur the comparison.
 */
import {
  decodeModelMessage,
  encodeModelMessage,
  tensorTypeMsg,
  withExtraOutputs,
  type ModelMsg,
  type TypeMsg,
} from "../../load/encode.js";
import {
  analyzeGraph,
  buildExtractedModel,
  describeSelection,
  formatReentry,
  modulesOf,
  planExtraction,
  selectModules,
  untypedBoundary,
  type ExtractionPlan,
  type GraphFacts,
  type Membership,
  type ModuleSelection,
} from "../../extract/extract.js";
import {
  createSession,
  diffTensors,
  generateInputs,
  loadRuntime,
  onnxElemType,
  runGenerated,
  runSession,
  sessionInputs,
  type InputOptions,
  type Ort,
  type OrtTensor,
  type SessionSettings,
  type TensorMap,
} from "./runtime.js";

/** Sessions of the equivalence check: no fusions, one thread. */
export const EXACT: SessionSettings = { optimization: "disabled", threads: 1 };

export interface TensorSummary {
  name: string;
  type: string;
  shape: number[];
}

export function summarize(name: string, t: OrtTensor): TensorSummary {
  return { name, type: t.type, shape: [...t.dims] };
}

/** Type of a captured tensor as a TypeProto: element type and rank, dimensions left free. */
export function measuredType(t: OrtTensor): TypeMsg | undefined {
  const elem = onnxElemType(t.type);
  return elem ? tensorTypeMsg(elem, t.dims.map(() => null)) : undefined;
}

export interface Capture {
  feeds: TensorMap;
  /** Graph outputs and the requested tensors, by name; graph inputs included. */
  values: TensorMap;
  /** Types measured for the requested tensors. */
  types: Map<string, TypeMsg>;
}

/**
 * Run the whole model with `tensors` exposed as extra outputs. Inputs are generated from the
 * model's input types (see `generateInputs`).
 */
export async function captureTensors(ort: Ort, model: ModelMsg, tensors: readonly string[], label: string, inputs: InputOptions = {}): Promise<Capture> {
  const graphInputs = new Set(model.graph.input.map((v) => v.name));
  const extra = tensors.filter((t) => !graphInputs.has(t));
  const probe = withExtraOutputs(model, extra);
  const session = await createSession(ort, encodeModelMessage(probe), label, EXACT);
  try {
    const specs = sessionInputs(session);
    const feeds = generateInputs(ort, specs, inputs);
    const out = await runGenerated(session, specs, feeds, inputs, label);
    const values: TensorMap = { ...feeds, ...out };
    const types = new Map<string, TypeMsg>();
    for (const t of tensors) {
      const v = values[t];
      const type = v ? measuredType(v) : undefined;
      if (type) types.set(t, type);
    }
    return { feeds, values, types };
  } finally {
    await session.release();
  }
}

export interface ModuleCheck {
  module: string;
  /** Member nodes (copied constants not counted). */
  nodes: number;
  inputs: string[];
  outputs: string[];
  /** Convex, and a standalone model could be built. */
  extractable: boolean;
  /** The extracted model loads and runs in ONNX Runtime. */
  runs: boolean;
  /** Every output bit-identical to the value captured in the whole model (float16 / bfloat16: within the tolerance). */
  equivalent: boolean;
  /** Largest absolute difference over the outputs; null when it did not run or shapes differ. */
  maxAbsDiff: number | null;
  /** float16 / bfloat16 outputs: the largest difference in rounding steps of the format; null when there are none or it did not run. */
  maxSteps: number | null;
  /** Why a check failed, one line. */
  reason?: string;
}

export interface EquivalenceFigure {
  selection: string;
  modules: number;
  extractableAndEquivalent: number;
  /** Share in [0, 1]; null when no module was selected. */
  share: number | null;
}

/** Rounding steps a float16 / bfloat16 output may differ by and still count as equivalent. */
export const DEFAULT_TOLERANCE_STEPS = 1;

export interface Tolerance {
  /** Allowed difference, in rounding steps of the output's format. */
  steps: number;
  /** The reduced-precision formats among the compared outputs (empty: everything was compared bit for bit). */
  formats: string[];
}

export interface EquivalenceResult {
  inputs: TensorSummary[];
  tolerance: Tolerance;
  outputs: TensorSummary[];
  modules: ModuleCheck[];
  figure: EquivalenceFigure;
}

export interface EquivalenceOptions {
  selection?: ModuleSelection;
  inputs?: InputOptions;
  /** Names the model in errors. */
  label?: string;
  /** Called with each extracted model's bytes (to write them out, for example). */
  onExtracted?: (module: string, bytes: Uint8Array) => void;
  /** Rounding steps a float16 / bfloat16 output may differ by (default DEFAULT_TOLERANCE_STEPS); other types are compared bit for bit. */
  tolerance?: number;
}

function reentryReason(p: ExtractionPlan): string {
  return `not convex: a path leaves the module and comes back: ${formatReentry(p.reentry!)}`;
}

/**
 * Extract the selected modules (default: the repeated layers) and check each against the whole
 * model. `model` is the full message tree, or the model's bytes.
 */
export async function checkModules(model: ModelMsg | Uint8Array, membership: Membership, options: EquivalenceOptions = {}): Promise<EquivalenceResult> {
  const full = model instanceof Uint8Array ? decodeModelMessage(model) : model;
  const label = options.label ?? "model";
  const selection = options.selection ?? { kind: "repeated" };
  const ort = await loadRuntime();
  const facts = analyzeGraph(full, membership);
  const selected = selectModules(modulesOf(membership), selection);
  const plans = selected.map((m) => planExtraction(facts, m));

  const boundary = new Set<string>();
  for (const p of plans) for (const t of [...p.inputs, ...p.outputs]) boundary.add(t);
  const capture = await captureTensors(ort, full, [...boundary], label, options.inputs);

  const modules: ModuleCheck[] = [];
  const tolerance: Tolerance = { steps: options.tolerance ?? DEFAULT_TOLERANCE_STEPS, formats: [] };
  for (const plan of plans) modules.push(await checkOne(ort, facts, plan, capture, label, tolerance, options.onExtracted));
  tolerance.formats.sort();

  const good = modules.filter((m) => m.extractable && m.equivalent).length;
  return {
    inputs: Object.entries(capture.feeds).map(([n, t]) => summarize(n, t)),
    tolerance,
    outputs: full.graph.output.flatMap((o) => {
      const t = capture.values[o.name];
      return t ? [summarize(o.name, t)] : [];
    }),
    modules,
    figure: { selection: describeSelection(selection), modules: modules.length, extractableAndEquivalent: good, share: modules.length ? good / modules.length : null },
  };
}

async function checkOne(
  ort: Ort,
  facts: GraphFacts,
  plan: ExtractionPlan,
  capture: Capture,
  label: string,
  tolerance: Tolerance,
  onExtracted?: (module: string, bytes: Uint8Array) => void,
): Promise<ModuleCheck> {
  const check: ModuleCheck = {
    module: plan.module,
    nodes: plan.members.length,
    inputs: plan.inputs,
    outputs: plan.outputs,
    extractable: false,
    runs: false,
    equivalent: false,
    maxAbsDiff: null,
    maxSteps: null,
  };
  if (plan.problem) {
    check.reason = plan.problem;
    return check;
  }
  const built = buildExtractedModel(facts, plan, capture.types);
  if (!built.model) {
    check.reason = `no type known for boundary tensor(s) ${built.missingTypes.slice(0, 3).map((t) => `'${t}'`).join(", ")} (not tensors?)`;
    return check;
  }
  const reasons: string[] = [];
  check.extractable = plan.reentry === null;
  if (plan.reentry) reasons.push(reentryReason(plan));
  const bytes = encodeModelMessage(built.model);
  onExtracted?.(plan.module, bytes);
  const moduleLabel = `${label} [module ${plan.module}]`;
  let session;
  try {
    session = await createSession(ort, bytes, moduleLabel, EXACT);
  } catch (err) {
    reasons.push((err as Error).message);
    check.reason = reasons.join("; ");
    return check;
  }
  try {
    const feeds: TensorMap = {};
    for (const t of plan.inputs) {
      const v = capture.values[t];
      if (!v) throw new Error(`no captured value for input '${t}'`);
      feeds[t] = v;
    }
    const out = await runSession(session, feeds, moduleLabel);
    check.runs = true;
    let max = 0;
    let steps: number | null = null;
    let exact = true;
    for (const t of plan.outputs) {
      const want = capture.values[t];
      const got = out[t];
      if (!want || !got) {
        exact = false;
        max = NaN;
        reasons.push(`output '${t}' ${got ? "was not captured" : "is missing"}`);
        continue;
      }
      const d = diffTensors(got, want);
      if (d.maxSteps !== null) {
        steps = Math.max(steps ?? 0, d.maxSteps);
        if (!tolerance.formats.includes(got.type)) tolerance.formats.push(got.type);
      }
      const within = d.maxSteps !== null && d.maxSteps <= tolerance.steps;
      if (!d.bitExact && !within) {
        exact = false;
        if (!d.sameType || !d.sameShape) {
          max = NaN;
          reasons.push(`output '${t}' is ${got.type}[${got.dims.join("x")}], whole model gives ${want.type}[${want.dims.join("x")}]`);
        } else if (reasons.length < 3) {
          const inSteps = d.maxSteps !== null ? ` (${d.maxSteps} ${got.type} rounding step${d.maxSteps === 1 ? "" : "s"}; tolerance ${tolerance.steps})` : "";
          reasons.push(`output '${t}' differs by up to ${d.maxAbsDiff}${inSteps}`);
        }
      }
      if (d.maxAbsDiff !== null) max = Math.max(max, d.maxAbsDiff);
    }
    check.equivalent = exact;
    check.maxAbsDiff = Number.isNaN(max) ? null : max;
    check.maxSteps = steps;
  } catch (err) {
    reasons.push((err as Error).message);
  } finally {
    await session.release();
  }
  if (reasons.length) check.reason = reasons.join("; ");
  return check;
}

/** Capture types for an extraction whose boundary the graph does not fully type. */
export async function measureBoundaryTypes(model: ModelMsg, facts: GraphFacts, plans: readonly ExtractionPlan[], label: string, inputs?: InputOptions): Promise<Map<string, TypeMsg>> {
  const missing = untypedBoundary(facts, plans);
  if (missing.length === 0) return new Map();
  const ort = await loadRuntime();
  return (await captureTensors(ort, model, missing, label, inputs)).types;
}
