import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  runExporter
} from "./chunk-BVWG3B4K.js";
import {
  numberOption,
  parseCommandArgs
} from "./chunk-THE7XHCR.js";
import {
  UsageError
} from "./chunk-THEZH5GJ.js";

// src/cli/commands/export.ts
var summary = "export a PyTorch model to ONNX with each node's module recorded (needs Python and torch)";
var usage = `usage: modelexport export --model SPEC --output FILE [options]

Runs the bundled exporter with your Python and torch: torch.onnx.export, then every node that ran
inside a module gets modelexport.module / modelexport.tag in its metadata_props, and the model
gets modelexport.modules (the module tree). A sidecar <base>_htp_metadata.json is written too.

  --model SPEC        package.module:factory or path/to/file.py:factory (the factory returns an
                      nn.Module, or (module, example_inputs)); or a Hugging Face model id when
                      transformers is installed. Imported from the current directory.
  --output FILE       the ONNX file to write
  --input SPECS       example inputs name:SHAPE:dtype[:low..high], comma separated or repeated,
                      e.g. input_ids:1x8:int64,attention_mask:1x8:int64
  --inputs SPEC       package.module:function returning the example inputs (it may take the model)
  --opset N           ONNX opset version (default: torch's)
  --dynamo            use torch's dynamo exporter (torch >= 2.1)
  --no-sidecar        do not write <base>_htp_metadata.json
  --from-onnx FILE    do not export: tag FILE, exported from the same model, and write --output
  --python PATH       interpreter with torch (default: $MODELEXPORT_PYTHON, python3, python)
  --timeout SECONDS   stop the export after this long (default 1800)
  --debug             show Python tracebacks and torch's warnings`;
async function run(argv) {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      model: { type: "string" },
      output: { type: "string", short: "o" },
      input: { type: "string", multiple: true },
      inputs: { type: "string" },
      opset: { type: "string" },
      dynamo: { type: "boolean" },
      "no-sidecar": { type: "boolean" },
      "from-onnx": { type: "string" },
      python: { type: "string" },
      timeout: { type: "string" },
      debug: { type: "boolean" }
    },
    usage
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'
${usage}`);
  if (!values.model) throw new UsageError(`--model is required
${usage}`);
  if (!values.output) throw new UsageError(`--output is required
${usage}`);
  const opset = values.opset === void 0 ? void 0 : numberOption(values.opset, "opset", 0, 7, 100);
  if (opset !== void 0 && !Number.isInteger(opset)) throw new UsageError(`--opset must be a whole number, got '${values.opset}'`);
  const timeout = numberOption(values.timeout, "timeout", 1800, 1, 7 * 24 * 3600);
  const result = await runExporter({
    model: values.model,
    output: values.output,
    inputs: values.input,
    inputsCallable: values.inputs,
    opset,
    dynamo: values.dynamo,
    sidecar: !values["no-sidecar"],
    fromOnnx: values["from-onnx"],
    python: values.python,
    debug: values.debug,
    timeoutMs: timeout * 1e3,
    onLine: (line) => process.stderr.write(`${line}
`)
  });
  const scoped = result.untagged === 0 ? "" : ` (${result.untagged} without a module scope)`;
  process.stdout.write(
    `wrote ${values.output}: ${result.nodes} nodes, ${result.tagged} tagged with their module${scoped}, ${result.modules} modules` + (result.sidecar ? `; sidecar ${result.sidecar}` : "") + "\n"
  );
  return 0;
}
export {
  run,
  summary,
  usage
};
