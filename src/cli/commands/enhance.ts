/** `modelexport enhance MODEL.onnx -o OUT.onnx`: the model with resolved tags in metadata_props. */
import fs from "node:fs";
import { UsageError, UserError } from "../../adapters/fs/model-file.js";
import { writeFileAtomic } from "../../adapters/fs/write.js";
import { tagsFromReport, writeEnhancedModel } from "../../extract/enhance.js";
import { analyzeFiles } from "../../pipeline.js";
import { numberOption, parseCommandArgs } from "../args.js";

export const summary = "write the model with each node's resolved module (primary, auxiliary, strategy, confidence) in metadata_props";
export const usage = `usage: modelexport enhance MODEL.onnx -o OUT.onnx [--threshold X] [--sidecar PATH]...

Analyses the model and writes a copy whose nodes carry the resolved hierarchy in the standard
NodeProto.metadata_props: modelexport.context.primary, modelexport.context.auxiliary (JSON
list), modelexport.context.strategy, modelexport.context.confidence, plus modelexport.module and
modelexport.tag. Nothing else in the graph changes: ONNX Runtime gives identical outputs.

  -o, --output FILE   where to write (never the input file)
  --threshold X       confidence below which a case is unresolved (default 0.7)
  --sidecar PATH      a sidecar file or folder to read tags from (repeatable)`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { output: { type: "string", short: "o" }, threshold: { type: "string" }, sidecar: { type: "string", multiple: true } },
    usage,
  );
  if (positionals.length !== 1) throw new UsageError(`expected one model file\n${usage}`);
  if (!values.output) throw new UsageError(`-o OUT.onnx is required\n${usage}`);
  const file = positionals[0]!;
  if (fs.existsSync(values.output) && fs.realpathSync(values.output) === fs.realpathSync(file)) {
    throw new UserError(`${values.output}: refusing to overwrite the input model; choose another -o`);
  }
  const report = analyzeFiles([file], { confidenceThreshold: numberOption(values.threshold, "threshold", 0.7, 0, 1), sidecars: values.sidecar ?? [] });
  const m = report.models[0]!;
  const { bytes, tagged } = writeEnhancedModel(fs.readFileSync(file), tagsFromReport(m.nodes, m.cases));
  writeFileAtomic(values.output, bytes);
  process.stdout.write(`${values.output}: ${tagged} of ${m.counts.nodes} nodes tagged (${m.counts.cases} cases, ${m.counts.unresolved} unresolved)\n`);
  return 0;
}
