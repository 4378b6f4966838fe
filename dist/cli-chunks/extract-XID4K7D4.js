import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  analyzeGraph,
  buildExtractedModel,
  checkModules,
  formatReentry,
  inputOptions,
  measureBoundaryTypes,
  membershipOf,
  moduleArg,
  planExtraction,
  readModelForRuntime,
  untypedBoundary
} from "./chunk-AEOPIAXI.js";
import {
  writeFileAtomic
} from "./chunk-4Z6MGRSL.js";
import {
  encodeModelMessage
} from "./chunk-BKIXX63V.js";
import "./chunk-ORYZIPJU.js";
import "./chunk-MG3C76CF.js";
import "./chunk-PAMJ3YLT.js";
import {
  parseCommandArgs
} from "./chunk-THE7XHCR.js";
import {
  UsageError,
  UserError,
  escapeControls
} from "./chunk-THEZH5GJ.js";

// src/cli/commands/extract.ts
var summary = "cut one module out of a model as a standalone ONNX model";
var usage = `usage: modelexport extract MODEL.onnx --module PATH -o OUT.onnx [--shape NAME=DIMS]... [--check] [--force] [--json]

Writes the nodes of one module (its instance path, like encoder.layer.0, or its class path,
like /BertModel/BertEncoder/BertLayer.0, when the model records module classes) as a valid
ONNX model: the tensors flowing into the module become its inputs, the tensors it passes on
become its outputs, and the initializers and constants it uses are copied in. Tensors keep
their names.

Boundary tensors whose type the graph does not record are typed by running the model once in
ONNX Runtime (on generated inputs; --shape as for validate).

  --module PATH     the module to extract (required)
  -o, --output OUT  where to write the model (required)
  --check           run the module on the values that reach it in the whole model and
                    compare its outputs bit for bit (exit status 1 when they differ)
  --force           extract even when the module is not convex (a path leaves it and comes
                    back: it cannot run as one unit, usually a sign of contaminated tags)
  --shape NAME=DIMS input shape for the runs (repeatable)
  --seed N          seed of the generated input values
  --json            print the result as JSON`;
var esc = (s) => escapeControls(s);
async function run(argv) {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      module: { type: "string" },
      output: { type: "string", short: "o" },
      shape: { type: "string", multiple: true },
      seed: { type: "string" },
      check: { type: "boolean" },
      force: { type: "boolean" },
      json: { type: "boolean" }
    },
    usage
  );
  if (positionals.length !== 1) throw new UsageError(`expected one model file
${usage}`);
  if (values.module === void 0) throw new UsageError(`--module is required
${usage}`);
  if (values.output === void 0) throw new UsageError(`-o OUT.onnx is required
${usage}`);
  const file = positionals[0];
  const inputs = inputOptions(values);
  const { model } = readModelForRuntime(file);
  const membership = membershipOf(model);
  const module = moduleArg(file, values.module, model, membership);
  const facts = analyzeGraph(model, membership);
  const plan = planExtraction(facts, module);
  if (plan.problem) throw new UserError(`${file}: cannot extract '${module}': ${plan.problem}`);
  if (plan.reentry && !values.force) {
    throw new UserError(
      `${file}: module '${module}' is not convex: a path leaves it and comes back (${formatReentry(plan.reentry)}), so it cannot run as one unit (are its nodes tagged right?); --force extracts it anyway`
    );
  }
  let types;
  if (untypedBoundary(facts, [plan]).length > 0) {
    try {
      types = await measureBoundaryTypes(model, facts, [plan], file, inputs);
    } catch (err) {
      if (err instanceof UserError) throw new UserError(`${file}: the graph records no type for some tensors at the boundary of '${module}', and measuring them failed: ${err.message}`);
      throw err;
    }
  }
  const built = buildExtractedModel(facts, plan, types);
  if (!built.model) {
    throw new UserError(`${file}: cannot extract '${module}': no type known for ${built.missingTypes.map((t) => `'${t}'`).join(", ")} (only tensors can cross a module boundary)`);
  }
  const bytes = encodeModelMessage(built.model);
  writeFileAtomic(values.output, bytes);
  const result = {
    model: file,
    module,
    output: values.output,
    nodes: plan.members.length,
    copiedConstants: plan.copied.length,
    initializers: plan.initializers.length,
    inputs: plan.inputs,
    outputs: plan.outputs,
    convex: plan.reentry === null,
    bytes: bytes.length
  };
  if (values.check) {
    const eq = await checkModules(model, membership, { selection: { kind: "paths", paths: [module] }, inputs, label: file });
    result.check = eq.modules[0];
  }
  if (values.json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  else {
    const lines = [
      `${esc(result.output)}: module '${esc(module) || "(root)"}' of ${esc(file)}: ${result.nodes} nodes` + (result.copiedConstants ? ` (+${result.copiedConstants} constants copied)` : "") + `, ${result.initializers} initializers, ${result.bytes} bytes`,
      `  inputs:  ${result.inputs.map(esc).join(", ") || "(none)"}`,
      `  outputs: ${result.outputs.map(esc).join(", ")}`
    ];
    if (!result.convex) lines.push("  warning: the module is not convex; it needs outside nodes between its parts");
    if (result.check) {
      const c = result.check;
      lines.push(
        c.runs && c.equivalent ? `  check: runs, outputs bit-identical to the whole model's` : `  check: ${c.runs ? "runs" : "does not run"}, ${c.equivalent ? "equivalent" : `not equivalent${c.maxAbsDiff !== null ? ` (max |diff| ${c.maxAbsDiff})` : ""}`}${c.reason ? `: ${c.reason}` : ""}`
      );
    }
    process.stdout.write(lines.join("\n") + "\n");
  }
  return result.check && !(result.check.runs && result.check.equivalent) ? 1 : 0;
}
export {
  run,
  summary,
  usage
};
