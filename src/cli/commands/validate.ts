/**
 * `modelexport validate MODEL.onnx`: load and run the model in ONNX Runtime on generated inputs;
 * with `--modules`, extract modules and prove each equivalent to its place in the whole model.
 */
import fs from "node:fs";
import { loadModelFile, UsageError, UserError } from "../../adapters/fs/model-file.js";
import { checkModules, summarize, type EquivalenceResult, type TensorSummary } from "../../adapters/onnxruntime/equivalence.js";
import { DEFAULT_TOLERANCE_STEPS } from "../../adapters/onnxruntime/equivalence.js";
import { createSession, describeInputs, generateInputs, loadRuntime, parseShapes, parseValues, runGenerated, sessionInputs, type InputOptions } from "../../adapters/onnxruntime/runtime.js";
import { shapeHints } from "../../adapters/onnxruntime/shape-hints.js";
import { membershipFromEngine, resolveModuleArg, type Membership, type ModuleSelection } from "../../extract/extract.js";
import { decodeModelMessage, type ModelMsg } from "../../load/encode.js";
import { OnnxDecodeError } from "../../load/model.js";
import { numberOption, parseCommandArgs } from "../args.js";

export const summary = "run the model in ONNX Runtime; with --modules, extract each repeated layer and check it is equivalent";
export const usage = `usage: modelexport validate MODEL.onnx [--shape NAME=DIMS]... [--value NAME=N]... [--seed N] [--modules [--depth N | --module PATH...] [--tolerance STEPS]] [--json]

Loads the model in ONNX Runtime (CPU), runs it on generated inputs and prints the outputs'
types and shapes. Free dimensions take the size the model itself implies where it has a hint
(a dimension name shared with a sized one or naming the batch, a size value_info records, a
fixed size the dimension must broadcast against or multiply with), else a small default (1 for
a leading batch axis, 8 otherwise); the inputs are printed with where each size came from.
Float inputs are uniform in [-1, 1), integer inputs (token ids, masks, indices) in [0, 2).

  --shape NAME=DIMS  exact shape of an input, e.g. --shape input_ids=2x16 (repeatable);
                     inputs sharing its symbolic dimensions follow it
  --value NAME=N     every element of the input is N, e.g. --value sample_rate=16000 for a
                     scalar (repeatable)
  --seed N           seed of the generated values (default 0)
  --modules          also cut modules out as standalone models, run each on the values that
                     reach it in the whole model, and compare its outputs bit for bit; by
                     default the repeated layers (paths ending in an index: encoder.layer.3, h.1)
  --depth N          with --modules: the modules whose instance path has N dot-separated parts
  --module PATH      with --modules: this module (repeatable)
  --tolerance STEPS  with --modules: float16 and bfloat16 outputs count as equivalent within
                     this many rounding steps of their format at the output's largest
                     magnitude (default ${DEFAULT_TOLERANCE_STEPS}); ONNX Runtime
                     on CPU computes some float16 operators in float32, so a value cut at a
                     module boundary is rounded where the whole model kept it wider. Other
                     types are compared bit for bit.
  --json             print the result as JSON

Module membership is the engine's: each node's resolved primary context (exporter scopes,
tags, neighbourhood, resolved cases), as in the analyze report.
Exit status 1 when ONNX Runtime cannot load or run the model (the message lists the inputs
tried), or when a selected module is not extractable and equivalent.`;

/** Module membership: the engine's resolved primary context of every node. */
export function membershipOf(model: ModelMsg): Membership {
  return membershipFromEngine(model);
}

/** A model's bytes, after the streaming decoder has vetted the file (errors name the file). */
export function readModelForRuntime(file: string): { bytes: Uint8Array; model: ModelMsg } {
  const { model: structure } = loadModelFile(file);
  const external = structure.graph.initializers.find((t) => t.payload.kind === "external");
  if (external) {
    throw new UserError(`${file}: tensor '${external.name}' keeps its weights in an external data file, which ONNX Runtime checks do not support yet`);
  }
  const bytes = fs.readFileSync(file);
  try {
    return { bytes, model: decodeModelMessage(bytes) };
  } catch (err) {
    if (err instanceof OnnxDecodeError) throw new UserError(`${file}: not a valid ONNX model: ${err.message}`);
    throw err;
  }
}

export function inputOptions(values: { shape?: string[]; value?: string[]; seed?: string }): InputOptions {
  return { shapes: parseShapes(values.shape ?? []), values: parseValues(values.value ?? []), seed: numberOption(values.seed, "seed", 0, 0, 2 ** 32 - 1) };
}

export interface ValidateResult {
  model: string;
  runtime: string;
  inputs: TensorSummary[];
  /** The generated inputs, one line each, with where each free size came from. */
  generated: string[];
  outputs: TensorSummary[];
  equivalence?: EquivalenceResult;
}

function fmtTensor(t: TensorSummary): string {
  return `${t.name}  ${t.type}  [${t.shape.join(", ")}]`;
}

function yn(b: boolean): string {
  return b ? "yes" : "no";
}

export function formatValidate(r: ValidateResult): string {
  const lines = [`${r.model}: loads and runs in ONNX Runtime ${r.runtime} (CPU)`, "inputs (generated):"];
  for (const l of r.generated) lines.push(`  ${l}`);
  lines.push("outputs:");
  for (const t of r.outputs) lines.push(`  ${fmtTensor(t)}`);
  const eq = r.equivalence;
  if (eq) {
    lines.push("");
    if (eq.modules.length === 0) {
      lines.push(`no module matches the selection (${eq.figure.selection})`);
    } else {
      const steps = eq.tolerance.formats.length > 0;
      const rows = [["module", "nodes", "in", "out", "extractable", "runs", "equivalent", "max |diff|", ...(steps ? ["steps"] : [])]];
      for (const m of eq.modules) {
        rows.push([
          m.module,
          String(m.nodes),
          String(m.inputs.length),
          String(m.outputs.length),
          yn(m.extractable),
          yn(m.runs),
          yn(m.equivalent),
          m.maxAbsDiff === null ? "-" : String(m.maxAbsDiff),
          ...(steps ? [m.maxSteps === null ? "-" : String(m.maxSteps)] : []),
        ]);
      }
      const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
      for (const row of rows) lines.push(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd());
      for (const m of eq.modules) if (m.reason) lines.push(`  ${m.module}: ${m.reason}`);
      const f = eq.figure;
      lines.push("", `${f.extractableAndEquivalent}/${f.modules} ${f.selection} extractable and equivalent (${Math.round((f.share ?? 0) * 1000) / 10}%)`);
      const t = eq.tolerance;
      if (t.formats.length > 0) {
        const worst = Math.max(0, ...eq.modules.map((m) => m.maxSteps ?? 0));
        lines.push(
          `${t.formats.join(" and ")} outputs compared within ${t.steps} rounding step${t.steps === 1 ? "" : "s"} of the format (--tolerance); the largest difference was ${worst} step${worst === 1 ? "" : "s"}`,
        );
      } else lines.push("outputs compared bit for bit");
    }
  }
  return lines.join("\n");
}

export async function validateModel(file: string, options: { inputs: InputOptions; selection?: ModuleSelection; tolerance?: number }): Promise<ValidateResult> {
  const { bytes, model } = readModelForRuntime(file);
  const ort = await loadRuntime();
  const session = await createSession(ort, bytes, file);
  const inputs: InputOptions = { ...options.inputs, hints: shapeHints(model) };
  let result: ValidateResult;
  try {
    const specs = sessionInputs(session);
    const feeds = generateInputs(ort, specs, inputs);
    const out = await runGenerated(session, specs, feeds, inputs, file);
    result = {
      model: file,
      runtime: ort.env.versions?.common ?? "",
      inputs: Object.entries(feeds).map(([n, t]) => summarize(n, t)),
      generated: describeInputs(specs, inputs),
      outputs: session.outputNames.filter((n) => out[n]).map((n) => summarize(n, out[n]!)),
    };
  } finally {
    await session.release();
  }
  if (options.selection) {
    const membership = membershipOf(model);
    let selection = options.selection;
    if (selection.kind === "paths") selection = { kind: "paths", paths: selection.paths.map((p) => moduleArg(file, p, model, membership)) };
    result.equivalence = await checkModules(model, membership, { selection, inputs, label: file, ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}) });
  }
  return result;
}

/** A `--module` argument (instance or class path) as an instance path; bad names are a UserError. */
export function moduleArg(file: string, arg: string, model: ModelMsg, membership: Membership): string {
  try {
    return resolveModuleArg(arg, model, membership);
  } catch (err) {
    throw new UserError(`${file}: --module ${arg}: ${(err as Error).message}`);
  }
}

export function selectionFrom(values: { depth?: string; module?: string[] }): ModuleSelection {
  if (values.depth !== undefined && values.module?.length) throw new UserError("--depth and --module choose modules in different ways: give one of them");
  if (values.depth !== undefined) return { kind: "depth", depth: numberOption(values.depth, "depth", 1, 1, 1000) };
  if (values.module?.length) return { kind: "paths", paths: values.module };
  return { kind: "repeated" };
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      shape: { type: "string", multiple: true },
      value: { type: "string", multiple: true },
      seed: { type: "string" },
      tolerance: { type: "string" },
      modules: { type: "boolean" },
      depth: { type: "string" },
      module: { type: "string", multiple: true },
      json: { type: "boolean" },
    },
    usage,
  );
  if (positionals.length !== 1) throw new UsageError(`expected one model file\n${usage}`);
  if (!values.modules && (values.depth !== undefined || values.module?.length || values.tolerance !== undefined)) throw new UserError("--depth, --module and --tolerance need --modules");
  const selection = values.modules ? selectionFrom(values) : undefined;
  const tolerance = values.tolerance === undefined ? undefined : numberOption(values.tolerance, "tolerance", DEFAULT_TOLERANCE_STEPS, 0, 1e6);
  const result = await validateModel(positionals[0]!, { inputs: inputOptions(values), ...(selection ? { selection } : {}), ...(tolerance !== undefined ? { tolerance } : {}) });
  process.stdout.write((values.json ? JSON.stringify(result, null, 2) : formatValidate(result)) + "\n");
  const failed = result.equivalence?.modules.some((m) => !(m.extractable && m.equivalent)) ?? false;
  return failed ? 1 : 0;
}
