import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  UserError
} from "./chunk-THEZH5GJ.js";

// src/adapters/python/exporter.ts
import { spawn } from "node:child_process";

// src/adapters/process/children.ts
var groups = /* @__PURE__ */ new Set();
function trackGroup(pid) {
  if (pid !== void 0 && pid > 0) groups.add(pid);
}
function untrackGroup(pid) {
  if (pid !== void 0) groups.delete(pid);
}

// src/adapters/python/exporter.ts
import fs from "node:fs";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";
var EXPORTER_SCRIPT = path.join("python", "modelexport_export.py");
var DEFAULT_EXPORT_TIMEOUT_MS = 30 * 6e4;
var TAIL_LINES = 20;
var KILL_GRACE_MS = 2e3;
var DRAIN_MS = 1e3;
function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== "win32") fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
function searchPath(command, env) {
  const exts = process.platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return void 0;
}
function findPython(option, env = process.env) {
  const given = option ?? (env.MODELEXPORT_PYTHON || void 0);
  const from = option !== void 0 ? "--python" : "MODELEXPORT_PYTHON";
  if (given !== void 0) {
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
    "no Python interpreter found (looked for python3 and python on PATH): add an `actions/setup-python` step and `pip install torch`, or set MODELEXPORT_PYTHON / --python"
  );
}
function exporterScriptPath(from = path.dirname(fileURLToPath(import.meta.url))) {
  let dir = path.resolve(from);
  for (; ; ) {
    const candidate = path.join(dir, EXPORTER_SCRIPT);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new UserError(`the bundled exporter ${EXPORTER_SCRIPT} is missing (looked in ${from} and its parents); reinstall modelexport`);
}
function lineSplitter(emit) {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  const push = (text) => {
    pending += text;
    let nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      emit(pending.slice(0, nl).replace(/\r$/, ""));
      pending = pending.slice(nl + 1);
    }
  };
  return {
    write: (chunk) => push(decoder.write(chunk)),
    end: () => {
      push(decoder.end());
      if (pending !== "") emit(pending.replace(/\r$/, ""));
      pending = "";
    }
  };
}
function runProcess(spec) {
  const started = Date.now();
  const groups2 = process.platform !== "win32";
  return new Promise((resolve, reject) => {
    const child = spawn(spec.file, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      shell: spec.shell,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a timeout stops the command's children too.
      detached: groups2,
      windowsHide: true
    });
    if (groups2) trackGroup(child.pid);
    const tail = [];
    const stdout = [];
    let timedOut = false;
    let settled = false;
    let killTimer;
    const kill = (signal) => {
      if (child.pid === void 0) return;
      try {
        if (groups2) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
      }
    };
    const onParentExit = () => kill("SIGKILL");
    process.on("exit", onParentExit);
    const line = (stream) => (text) => {
      tail.push(text);
      if (tail.length > TAIL_LINES) tail.shift();
      if (stream === "stdout" && spec.keepStdout) stdout.push(text);
      spec.onLine?.(text, stream);
    };
    const out = lineSplitter(line("stdout"));
    const err = lineSplitter(line("stderr"));
    child.stdout.on("data", out.write);
    child.stderr.on("data", err.write);
    const timer = setTimeout(() => {
      timedOut = true;
      kill("SIGTERM");
      killTimer = setTimeout(() => kill("SIGKILL"), KILL_GRACE_MS);
    }, spec.timeoutMs);
    let drainTimer;
    const settle = (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      clearTimeout(drainTimer);
      process.removeListener("exit", onParentExit);
      untrackGroup(child.pid);
      out.end();
      err.end();
      if (timedOut) kill("SIGKILL");
      resolve({ code, signal, timedOut, tail, stdout, durationMs: Date.now() - started });
    };
    child.on("error", (e) => {
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
      drainTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        settle(code, signal);
      }, DRAIN_MS);
    });
    child.on("close", (code, signal) => settle(code, signal));
  });
}
function lastLines(tail) {
  return tail.length === 0 ? "(no output)" : tail.map((l) => `  ${l}`).join("\n");
}
function seconds(ms) {
  return ms % 1e3 === 0 ? `${ms / 1e3}s` : `${(ms / 1e3).toFixed(1)}s`;
}
function exporterArgs(options) {
  const args = ["--model", options.model, "--output", options.output];
  for (const spec of options.inputs ?? []) args.push("--input", spec);
  if (options.inputsCallable) args.push("--inputs", options.inputsCallable);
  for (const spec of options.defaultInputs ?? []) args.push("--default-input", spec);
  if (options.opset !== void 0) args.push("--opset", String(options.opset));
  if (options.dynamo) args.push("--dynamo");
  if (options.sidecar === false) args.push("--no-sidecar");
  if (options.fromOnnx) args.push("--from-onnx", options.fromOnnx);
  if (options.debug) args.push("--debug");
  return args;
}
async function runExporter(options) {
  const python = findPython(options.python, options.env ?? process.env);
  const script = exporterScriptPath();
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXPORT_TIMEOUT_MS;
  const errors = [];
  let inError = false;
  const outcome = await runProcess({
    file: python,
    args: [script, ...exporterArgs(options)],
    shell: false,
    cwd: options.cwd,
    env: { ...options.env ?? process.env, PYTHONUNBUFFERED: "1" },
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
    }
  });
  if (outcome.timedOut) {
    throw new UserError(`exporting ${options.model} timed out after ${seconds(timeoutMs)}; last lines:
${lastLines(outcome.tail)}`);
  }
  if (outcome.code === 2 && errors.length > 0) {
    throw new UserError(`exporting ${options.model} failed: ${errors.join("\n")}`);
  }
  if (outcome.code !== 0) {
    const how = outcome.code === null ? `was stopped by ${outcome.signal}` : `failed with exit code ${outcome.code}`;
    throw new UserError(`exporting ${options.model}: the exporter (${python}) ${how}; last lines:
${lastLines(outcome.tail)}`);
  }
  const resultLine = [...outcome.stdout].reverse().find((l) => l.startsWith("{"));
  if (!resultLine) {
    throw new UserError(`exporting ${options.model}: the exporter (${python}) ended without a result; last lines:
${lastLines(outcome.tail)}`);
  }
  try {
    return JSON.parse(resultLine);
  } catch {
    throw new UserError(`exporting ${options.model}: the exporter printed an unreadable result: ${resultLine.slice(0, 200)}`);
  }
}

export {
  runExporter
};
