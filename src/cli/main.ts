/**
 * `modelexport`: the command-line face of the engine. Each command lives in its own module under
 * ./commands and is loaded on demand, so `inspect` never pays for onnxruntime or Octokit.
 */
import { UserError } from "../adapters/fs/errors.js";
import { didYouMean, oneLine } from "../util/text.js";
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

/** An argument as the CLI quotes it: controls escaped, long ones cut. */
function quoteArg(arg: string): string {
  return `'${oneLine(arg, 80)}'`;
}

/**
 * The error line of a failed command: one line of bounded length whatever the file said, then
 * the command's usage when the error is about the command line (commands append it).
 */
export function formatError(command: string, message: string, usage: string, details: readonly string[] = []): string {
  const withUsage = message.endsWith(`\n${usage}`);
  const body = withUsage ? message.slice(0, -usage.length - 1) : message;
  const extra = details.map((d) => `\n${oneLine(d, 600)}`).join("");
  return `modelexport ${command}: ${oneLine(body, 600)}${extra}${withUsage ? `\n${usage}` : ""}`;
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
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    const names = Object.keys(commands).sort();
    const hint = didYouMean(name, names);
    process.stderr.write(`modelexport: unknown command ${quoteArg(name)}${hint || `; commands: ${names.join(", ")}`}\n`);
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
      process.stderr.write(formatError(name, err.message, mod.usage, err.details) + "\n");
      return err.exitCode;
    }
    throw err;
  }
}
