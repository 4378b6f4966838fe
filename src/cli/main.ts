/**
 * `modelexport`: the command-line face of the engine. Each command lives in its own module under
 * ./commands and is loaded on demand, so `inspect` never pays for onnxruntime or Octokit.
 */
import { UserError } from "../adapters/fs/model-file.js";
import { VERSION } from "../version.js";

export interface CommandModule {
  /** One line for `modelexport --help`. */
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<CommandModule>> = {
  inspect: () => import("./commands/inspect.js"),
  analyze: () => import("./commands/analyze.js"),
  export: () => import("./commands/export.js"),
  baseline: () => import("./commands/baseline.js"),
  validate: () => import("./commands/validate.js"),
  extract: () => import("./commands/extract.js"),
  enhance: () => import("./commands/enhance.js"),
  audit: () => import("./commands/audit.js"),
  merge: () => import("./commands/merge.js"),
};

export function registerCommand(name: string, load: () => Promise<CommandModule>): void {
  commands[name] = load;
}

async function help(): Promise<string> {
  const lines = [`modelexport ${VERSION}: module hierarchy and cross-layer contamination in ONNX models`, "", "Commands:"];
  for (const name of Object.keys(commands).sort()) {
    const mod = await commands[name]!();
    lines.push(`  ${name.padEnd(10)} ${mod.summary}`);
  }
  lines.push("", "Run `modelexport COMMAND --help` for a command's options.");
  return lines.join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write((await help()) + "\n");
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`modelexport: unknown command '${name}'. Commands: ${Object.keys(commands).sort().join(", ")}\n`);
    return 2;
  }
  const mod = await load();
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${mod.usage}\n`);
    return 0;
  }
  try {
    return await mod.run(rest);
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`modelexport ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
