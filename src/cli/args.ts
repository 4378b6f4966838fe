/** Argument parsing shared by the commands: node's parseArgs with errors a user can act on. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../adapters/fs/errors.js";
import { didYouMean } from "../util/text.js";

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${optionProblem(err, options)}\n${usage}`);
  }
}

/** parseArgs' complaint in the CLI's words, with the nearest option for a misspelt one. */
export function optionProblem(err: unknown, options: NonNullable<ParseArgsConfig["options"]>): string {
  const code = (err as NodeJS.ErrnoException).code;
  const message = err instanceof Error ? err.message : String(err);
  const named = /'(-[^' ,]*)/.exec(message)?.[1] ?? "";
  const flag = named.replace(/=.*$/, "");
  const known = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return `unknown option '${flag}'${didYouMean(flag, known, (s) => s)}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const name = flag.replace(/^-+/, "");
    const option = Object.entries(options).find(([n, o]) => n === name || o.short === name);
    if (option?.[1].type === "boolean") return `option --${option[0]} takes no value`;
    if (option) return `option --${option[0]} needs a value`;
  }
  return `cannot read the command line: ${message.replace(/\. To specify a positional.*$/s, "")}`;
}

export function numberOption(value: string | undefined, name: string, fallback: number, min = -Infinity, max = Infinity): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a number between ${min} and ${max}, got '${value}'`);
  }
  return n;
}
