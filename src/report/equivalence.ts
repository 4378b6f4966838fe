/**
 * The module equivalence figure of a run: per model, how many of the selected modules (default:
 * the repeated layers) could be cut out as standalone models (extractable) and compute, run on
 * their own, exactly what they compute inside the whole model (equivalent). The share of modules
 * that are both is what `min-equivalent-share` gates on. Pure.
 *
 * The figure is not part of report.json (whose schema is versioned); the action writes it beside
 * the report as equivalence.json.
 */
import type { GateResult } from "./diff.js";

export const EQUIVALENCE_SCHEMA = "modelexport-equivalence";

/** One selected module that is not extractable and equivalent. */
export interface ModuleFailure {
  module: string;
  reason: string;
}

export interface ModelEquivalence {
  model: string;
  /** Modules selected and checked. */
  modules: number;
  extractable: number;
  equivalent: number;
  /** Extractable and equivalent. */
  good: number;
  /** good / modules; null when no module was selected or the model could not be checked. */
  share: number | null;
  /** The modules that are not extractable and equivalent (all of them), with the reason. */
  failures: ModuleFailure[];
  /** Why the model could not be checked at all (ONNX Runtime cannot load or run it). */
  error?: string;
}

export interface EquivalenceSummary {
  schema: typeof EQUIVALENCE_SCHEMA;
  version: 1;
  /** The modules checked, in words: "repeated layers (paths ending in an index)", "modules at depth 3". */
  selection: string;
  /** ONNX Runtime version the checks ran on. */
  runtime: string;
  models: ModelEquivalence[];
  totals: { modules: number; extractable: number; equivalent: number; good: number; share: number | null; errors: number };
}

const count = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 0;
const shareOk = (x: unknown) => x === null || (typeof x === "number" && x >= 0 && x <= 1);

/**
 * An equivalence.json read back (the `workflow_run` companion reads it from a pull request's
 * artifact, so it is untrusted): the figure when it has the expected shape, else null.
 */
export function parseEquivalence(data: unknown): EquivalenceSummary | null {
  const d = data as Partial<EquivalenceSummary> | null;
  const t = d?.totals;
  const ok =
    d?.schema === EQUIVALENCE_SCHEMA &&
    d.version === 1 &&
    typeof d.selection === "string" &&
    typeof d.runtime === "string" &&
    Array.isArray(d.models) &&
    d.models.every(
      (m) =>
        typeof m?.model === "string" &&
        [m.modules, m.extractable, m.equivalent, m.good].every(count) &&
        shareOk(m.share) &&
        (m.error === undefined || typeof m.error === "string") &&
        Array.isArray(m.failures) &&
        m.failures.every((f) => typeof f?.module === "string" && typeof f.reason === "string"),
    ) &&
    typeof t === "object" &&
    t !== null &&
    [t.modules, t.extractable, t.equivalent, t.good, t.errors].every(count) &&
    shareOk(t.share);
  return ok ? (d as EquivalenceSummary) : null;
}

/** What one module check says (src/adapters/onnxruntime/equivalence.ts's ModuleCheck). */
export interface ModuleVerdict {
  module: string;
  extractable: boolean;
  equivalent: boolean;
  reason?: string;
}

export function modelEquivalence(model: string, checks: readonly ModuleVerdict[]): ModelEquivalence {
  const good = checks.filter((c) => c.extractable && c.equivalent);
  return {
    model,
    modules: checks.length,
    extractable: checks.filter((c) => c.extractable).length,
    equivalent: checks.filter((c) => c.equivalent).length,
    good: good.length,
    share: checks.length > 0 ? good.length / checks.length : null,
    failures: checks.filter((c) => !(c.extractable && c.equivalent)).map((c) => ({ module: c.module, reason: c.reason ?? (c.extractable ? "not equivalent" : "not extractable") })),
  };
}

export function modelError(model: string, error: string): ModelEquivalence {
  return { model, modules: 0, extractable: 0, equivalent: 0, good: 0, share: null, failures: [], error };
}

export function summarizeEquivalence(selection: string, runtime: string, models: ModelEquivalence[]): EquivalenceSummary {
  const sum = (f: (m: ModelEquivalence) => number) => models.reduce((a, m) => a + f(m), 0);
  const modules = sum((m) => m.modules);
  const good = sum((m) => m.good);
  return {
    schema: EQUIVALENCE_SCHEMA,
    version: 1,
    selection,
    runtime,
    models,
    totals: {
      modules,
      extractable: sum((m) => m.extractable),
      equivalent: sum((m) => m.equivalent),
      good,
      share: modules > 0 ? good / modules : null,
      errors: models.filter((m) => m.error !== undefined).length,
    },
  };
}

/** The figure as a fraction and percentage: "7/8 repeated layers … (87.5%)". */
export function describeFigure(s: EquivalenceSummary): string {
  const t = s.totals;
  return `${t.good}/${t.modules} ${s.selection} extractable and equivalent${t.share === null ? "" : ` (${sharePct(t.share)})`}`;
}

/** A share as a percentage with one decimal; never 100.0% short of all, nor 0.0% above none. */
export function sharePct(x: number): string {
  let v = Math.round(x * 1000) / 10;
  if (v === 100 && x < 1) v = 99.9;
  if (v === 0 && x > 0) v = 0.1;
  return `${v.toFixed(1)}%`;
}

export interface EquivalenceGate {
  /** min-equivalent-share; null: report only. */
  threshold: number | null;
  conclusion: "pass" | "fail" | "off";
  reason: string;
}

/** The gate on the figure: fails below `threshold`, and when something could not be checked. */
export function evaluateEquivalenceGate(s: EquivalenceSummary, threshold: number | null): EquivalenceGate {
  const t = s.totals;
  if (threshold === null) return { threshold, conclusion: "off", reason: `${describeFigure(s)} (report only: no min-equivalent-share)` };
  const fail = (reason: string): EquivalenceGate => ({ threshold, conclusion: "fail", reason });
  if (t.errors > 0) {
    const first = s.models.find((m) => m.error !== undefined)!;
    return fail(`${t.errors} model${t.errors === 1 ? "" : "s"} could not be checked (${first.model}: ${first.error})`);
  }
  if (t.share === null) return fail(`no module matched the selection (${s.selection}): nothing to prove with min-equivalent-share ${threshold}`);
  // The share is an exact ratio of small integers; the tolerance only absorbs the threshold's decimal rounding.
  if (t.share + 1e-12 < threshold) return fail(`${describeFigure(s)} < min-equivalent-share ${threshold}`);
  return { threshold, conclusion: "pass", reason: `${describeFigure(s)} \u2265 min-equivalent-share ${threshold}` };
}

/** Another gate the run answers to (module equivalence, an audit's per-model limits). */
export interface NamedGate {
  label: string;
  conclusion: "pass" | "fail" | "off";
  reason: string;
}

/**
 * One verdict from the contamination gate and the others (the equivalence gate, an audit's
 * limits): fails when any fails, and says which, failing ones first. With no other gate in
 * force the contamination gate is the verdict, unchanged.
 */
export function combineGates(contamination: GateResult, eq: EquivalenceGate | null, more: NamedGate[] = []): GateResult {
  const others = [...(eq ? [{ label: "module equivalence", conclusion: eq.conclusion, reason: eq.reason }] : []), ...more].filter((g) => g.conclusion !== "off");
  if (others.length === 0) return contamination;
  const parts = [{ label: "contamination", conclusion: contamination.conclusion, reason: contamination.reason }, ...others].sort(
    (a, b) => Number(b.conclusion === "fail") - Number(a.conclusion === "fail"),
  );
  const conclusion = parts.some((p) => p.conclusion === "fail") ? "fail" : "pass";
  return {
    ...contamination,
    conclusion,
    reason: parts.map((p) => `${p.label} ${p.conclusion === "fail" ? "failed" : "passed"}: ${p.reason}`).join("; "),
  };
}
