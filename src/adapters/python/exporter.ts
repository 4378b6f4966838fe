/**
 * Python adapter: runs the bundled exporter (python/modelexport_export.py) with the user's
 * interpreter and torch, and runs the action's free-form `export-command`.
 *
 * Both stream output line by line to a callback while the process runs, stop the whole process
 * group on timeout, and turn every failure into a `UserError` a user can act on.
 */
import { spawn } from "node:child_process";
import { trackGroup, untrackGroup } from "../process/children.js";
import fs from "node:fs";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";
import { UserError } from "../fs/model-file.js";

export const EXPORTER_SCRIPT = path.join("python", "modelexport_export.py");
const DEFAULT_EXPORT_TIMEOUT_MS = 30 * 60_000;
const TAIL_LINES = 20;
const KILL_GRACE_MS = 2_000;
const DRAIN_MS = 1_000;

export type LineCallback = (line: string, stream: "stdout" | "stderr") => void;

export interface ExporterOptions {
  /** `package.module:factory`, `path/to/file.py:factory`, or a Hugging Face model id. */
  model: string;
  /** The ONNX file to write. */
  output: string;
  /** Example inputs as `name:SHAPE:dtype[:low..high]`, each entry possibly comma separated. */
  inputs?: string[];
  /** `package.module:function` returning the example inputs. */
  inputsCallable?: string;
  /** Like `inputs`, but used only when the factory brings no example inputs of its own (shared by several models). */
  defaultInputs?: string[];
  opset?: number;
  dynamo?: boolean;
  /** Write `<base>_htp_metadata.json` next to the model (default true). */
  sidecar?: boolean;
  /** Tag this already exported ONNX file instead of exporting. */
  fromOnnx?: string;
  debug?: boolean;
  /** Interpreter; default `MODELEXPORT_PYTHON`, then `python3`, then `python` on PATH. */
  python?: string;
  /** Working directory: the user's package is imported from here. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Progress lines of the exporter, as they come. */
  onLine?: LineCallback;
}

export interface ExportResult {
  output: string;
  sidecar: string | null;
  exporter: string;
  torch: string;
  bytes: number;
  nodes: number;
  tagged: number;
  untagged: number;
  modules: number;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== "win32") fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function searchPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  const exts = process.platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * The Python interpreter to run: the option, else `MODELEXPORT_PYTHON`, else `python3` or
 * `python` on PATH. A name without a folder is looked up on PATH.
 */
export function findPython(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = option ?? (env.MODELEXPORT_PYTHON || undefined);
  const from = option !== undefined ? "--python" : "MODELEXPORT_PYTHON";
  if (given !== undefined) {
    if (given.includes("/") || given.includes("\\")) {
      if (!isExecutableFile(given)) throw new UserError(`${from} '${given}': no executable Python interpreter there`);
      return given;
    }
    const found = searchPath(given, env);
    if (!found) throw new UserError(`${from} '${given}': not found on PATH`);
    return found;
  }
  for (const name of ["python3", "python"]) {
    const found = searchPath(name, env);
    if (found) return found;
  }
  throw new UserError(
    "no Python interpreter found (looked for python3 and python on PATH): add an `actions/setup-python` step " +
      "and `pip install torch`, or set MODELEXPORT_PYTHON / --python",
  );
}

/**
 * Where the bundled exporter script is: `python/modelexport_export.py` in this file's folder or
 * one of its parents (src/adapters/python/ under the tests, dist/ once bundled, with python/
 * shipped next to dist/).
 */
export function exporterScriptPath(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, EXPORTER_SCRIPT);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new UserError(`the bundled exporter ${EXPORTER_SCRIPT} is missing (looked in ${from} and its parents); reinstall modelexport`);
}

interface ProcessOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Last lines of both streams, in arrival order. */
  tail: string[];
  stdout: string[];
  durationMs: number;
}

interface RunSpec {
  file: string;
  args: string[];
  shell: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  onLine?: LineCallback;
  keepStdout: boolean;
  /** How to name the program in a spawn error. */
  what: string;
}

/** Splits a byte stream into lines (without the newline) across chunk boundaries. */
function lineSplitter(emit: (line: string) => void) {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  const push = (text: string) => {
    pending += text;
    let nl: number;
    while ((nl = pending.indexOf("\n")) >= 0) {
      emit(pending.slice(0, nl).replace(/\r$/, ""));
      pending = pending.slice(nl + 1);
    }
  };
  return {
    write: (chunk: Buffer) => push(decoder.write(chunk)),
    end: () => {
      push(decoder.end());
      if (pending !== "") emit(pending.replace(/\r$/, ""));
      pending = "";
    },
  };
}

function runProcess(spec: RunSpec): Promise<ProcessOutcome> {
  const started = Date.now();
  const groups = process.platform !== "win32";
  return new Promise((resolve, reject) => {
    const child = spawn(spec.file, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      shell: spec.shell,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a timeout stops the command's children too.
      detached: groups,
      windowsHide: true,
    });
    // Registered so that a cancelled run stops the whole group (adapters/process/children.ts).
    if (groups) trackGroup(child.pid);
    const tail: string[] = [];
    const stdout: string[] = [];
    let timedOut = false;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;

    const kill = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        if (groups) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // already gone
      }
    };
    const onParentExit = () => kill("SIGKILL");
    process.on("exit", onParentExit);

    const line = (stream: "stdout" | "stderr") => (text: string) => {
      tail.push(text);
      if (tail.length > TAIL_LINES) tail.shift();
      if (stream === "stdout" && spec.keepStdout) stdout.push(text);
      spec.onLine?.(text, stream);
    };
    const out = lineSplitter(line("stdout"));
    const err = lineSplitter(line("stderr"));
    child.stdout!.on("data", out.write);
    child.stderr!.on("data", err.write);

    const timer = setTimeout(() => {
      timedOut = true;
      kill("SIGTERM");
      killTimer = setTimeout(() => kill("SIGKILL"), KILL_GRACE_MS);
    }, spec.timeoutMs);
    let drainTimer: NodeJS.Timeout | undefined;

    const settle = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      clearTimeout(drainTimer);
      process.removeListener("exit", onParentExit);
      untrackGroup(child.pid);
      out.end();
      err.end();
      // After a timeout, make sure nothing the command started is left behind.
      if (timedOut) kill("SIGKILL");
      resolve({ code, signal, timedOut, tail, stdout, durationMs: Date.now() - started });
    };
    child.on("error", (e: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      process.removeListener("exit", onParentExit);
      untrackGroup(child.pid);
      const why = e.code === "ENOENT" ? "not found" : e.code === "EACCES" ? "permission denied" : e.message;
      reject(new UserError(`cannot run ${spec.what}: ${why}`));
    });
    child.on("exit", (code, signal) => {
      // Output is complete once the pipes close; a background process that inherited them may
      // hold them open forever, so stop waiting shortly after the command itself ended.
      drainTimer = setTimeout(() => {
        child.stdout!.destroy();
        child.stderr!.destroy();
        settle(code, signal);
      }, DRAIN_MS);
    });
    child.on("close", (code, signal) => settle(code, signal));
  });
}

function lastLines(tail: string[]): string {
  return tail.length === 0 ? "(no output)" : tail.map((l) => `  ${l}`).join("\n");
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

/** Command-line arguments of the exporter script for these options. */
export function exporterArgs(options: ExporterOptions): string[] {
  const args = ["--model", options.model, "--output", options.output];
  for (const spec of options.inputs ?? []) args.push("--input", spec);
  if (options.inputsCallable) args.push("--inputs", options.inputsCallable);
  for (const spec of options.defaultInputs ?? []) args.push("--default-input", spec);
  if (options.opset !== undefined) args.push("--opset", String(options.opset));
  if (options.dynamo) args.push("--dynamo");
  if (options.sidecar === false) args.push("--no-sidecar");
  if (options.fromOnnx) args.push("--from-onnx", options.fromOnnx);
  if (options.debug) args.push("--debug");
  return args;
}

/**
 * Export a model with the bundled exporter. Progress lines go to `onLine` as they come; a
 * failure of the exporter becomes a `UserError` carrying the exporter's own message.
 */
export async function runExporter(options: ExporterOptions): Promise<ExportResult> {
  const python = findPython(options.python, options.env ?? process.env);
  const script = exporterScriptPath();
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXPORT_TIMEOUT_MS;
  // The exporter reports a problem as `error: MESSAGE` (possibly continued on the next lines),
  // followed by a traceback only with --debug.
  const errors: string[] = [];
  let inError = false;
  const outcome = await runProcess({
    file: python,
    args: [script, ...exporterArgs(options)],
    shell: false,
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), PYTHONUNBUFFERED: "1" },
    timeoutMs,
    keepStdout: true,
    what: `the Python interpreter '${python}'`,
    onLine: (text, stream) => {
      if (stream === "stderr") {
        if (text.startsWith("error: ")) {
          inError = true;
          errors.push(text.slice("error: ".length));
        } else if (inError) {
          if (text.startsWith("(run with --debug") || text.startsWith("Traceback (most recent call last)")) inError = false;
          else errors.push(text);
        }
      }
      if (stream === "stdout" && text.startsWith("{")) return;
      options.onLine?.(text, stream);
    },
  });
  if (outcome.timedOut) {
    throw new UserError(`exporting ${options.model} timed out after ${seconds(timeoutMs)}; last lines:\n${lastLines(outcome.tail)}`);
  }
  if (outcome.code === 2 && errors.length > 0) {
    throw new UserError(`exporting ${options.model} failed: ${errors.join("\n")}`);
  }
  if (outcome.code !== 0) {
    const how = outcome.code === null ? `was stopped by ${outcome.signal}` : `failed with exit code ${outcome.code}`;
    throw new UserError(`exporting ${options.model}: the exporter (${python}) ${how}; last lines:\n${lastLines(outcome.tail)}`);
  }
  const resultLine = [...outcome.stdout].reverse().find((l) => l.startsWith("{"));
  if (!resultLine) {
    throw new UserError(`exporting ${options.model}: the exporter (${python}) ended without a result; last lines:\n${lastLines(outcome.tail)}`);
  }
  try {
    return JSON.parse(resultLine) as ExportResult;
  } catch {
    throw new UserError(`exporting ${options.model}: the exporter printed an unreadable result: ${resultLine.slice(0, 200)}`);
  }
}

export interface ExportCommandOptions {
  cwd?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  onLine?: LineCallback;
}

export interface ExportCommandResult {
  durationMs: number;
  /** The last lines of output (up to 20). */
  tail: string[];
}

/**
 * Run the action's `export-command` through the shell, streaming its output lines. A non-zero
 * exit, a signal or the timeout becomes a `UserError` quoting the command's last 20 lines.
 */
export async function runExportCommand(command: string, options: ExportCommandOptions = {}): Promise<ExportCommandResult> {
  if (command.trim() === "") throw new UserError("export-command is empty");
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXPORT_TIMEOUT_MS;
  const outcome = await runProcess({
    file: command,
    args: [],
    shell: true,
    cwd: options.cwd,
    env: options.env,
    timeoutMs,
    keepStdout: false,
    onLine: options.onLine,
    what: `export-command '${command}'`,
  });
  const shown = command.length > 200 ? `${command.slice(0, 200)}...` : command;
  if (outcome.timedOut) {
    throw new UserError(`export-command timed out after ${seconds(timeoutMs)}: ${shown}\nlast lines:\n${lastLines(outcome.tail)}`);
  }
  if (outcome.code !== 0) {
    const how = outcome.code === null ? `was stopped by ${outcome.signal}` : `failed with exit code ${outcome.code}`;
    throw new UserError(`export-command ${how}: ${shown}\nlast lines:\n${lastLines(outcome.tail)}`);
  }
  return { durationMs: outcome.durationMs, tail: outcome.tail };
}
