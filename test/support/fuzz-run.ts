/**
 * Runs one fuzz case through the built CLI as real processes (`inspect --json`, then
 * `analyze --json --html --badge`), each under a time limit and an address-space cap, and
 * judges what came out: exit status, time, peak memory, the error line, workflow commands in
 * the output, and outputs left behind on error.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeCase, type FuzzCase } from "./fuzz-cases.js";

export interface RunOptions {
  cli: string;
  timeoutMs?: number;
  /** Address-space cap of each process, in KB (`ulimit -v`). */
  memoryKb?: number;
}

export interface StepResult {
  command: string;
  status: number | null;
  signal: string | null;
  seconds: number;
  peakMb: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface CaseResult {
  name: string;
  steps: StepResult[];
  /** Empty when the case behaved. */
  problems: string[];
  peakMb: number;
  seconds: number;
}

function step(command: string, args: string[], cwd: string, o: Required<RunOptions>): Promise<StepResult> {
  return new Promise((resolve) => {
    // GNU time reports the peak RSS; the shell applies the address-space cap first.
    const script = `ulimit -v ${o.memoryKb}; exec /usr/bin/time -f '__time__ %e %M' "$@"`;
    const child = spawn("sh", ["-c", script, "sh", process.execPath, o.cli, command, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout.length < 1 << 22 ? (stdout += d) : undefined));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr.length < 1 << 22 ? (stderr += d) : undefined));
    const started = Date.now();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, o.timeoutMs);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      const m = /__time__ ([\d.]+) (\d+)\s*$/.exec(stderr);
      const seconds = m ? Number(m[1]) : (Date.now() - started) / 1000;
      const peakMb = m ? Number(m[2]) / 1024 : 0;
      if (m) stderr = stderr.slice(0, m.index);
      // GNU time notes a signal or a non-zero status before its own line.
      stderr = stderr.replace(/^Command (exited with non-zero status \d+|terminated by signal \d+)\n/m, "");
      resolve({ command, status, signal, seconds, peakMb, stdout, stderr, timedOut });
    });
  });
}

/** A line a GitHub Actions runner would take for a workflow command. */
export function workflowCommandLines(text: string): string[] {
  return text.split("\n").filter((l) => l.trimStart().startsWith("::") || l.includes("##["));
}

const OUTPUTS = ["out/report.json", "out/report.html", "out/badge.svg"];

export async function runCase(c: FuzzCase, options: RunOptions): Promise<CaseResult> {
  const o: Required<RunOptions> = { timeoutMs: 10_000, memoryKb: 4 * 1024 * 1024, ...options };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mx-fuzz-"));
  const problems: string[] = [];
  const steps: StepResult[] = [];
  try {
    const model = path.relative(dir, writeCase(dir, c));
    const inspect = await step("inspect", ["--json", model], dir, o);
    const analyzeArgs = c.analyzeArgs ?? ["--json", OUTPUTS[0]!];
    const analyze = await step("analyze", [model, "--quiet", ...analyzeArgs, "--html", OUTPUTS[1]!, "--badge", OUTPUTS[2]!], dir, o);
    steps.push(inspect, analyze);
    // Text output too: the summary and the tree print the names from the file.
    const text = await step("inspect", [model], dir, o);
    steps.push(text);
    for (const s of steps) {
      const label = `${s.command}${s === text ? " (text)" : ""}`;
      if (s.timedOut || s.seconds > o.timeoutMs / 1000) problems.push(`${label}: over ${o.timeoutMs / 1000} s`);
      else if (s.status === null || ![0, 1].includes(s.status)) problems.push(`${label}: crashed (status ${s.status}, signal ${s.signal}): ${s.stderr.slice(0, 300)}`);
      if (s.status === 1) {
        const lines = s.stderr.trimEnd().split("\n");
        if (lines.length !== 1) problems.push(`${label}: error over ${lines.length} lines`);
        if (lines[0]!.length > 1000) problems.push(`${label}: error line of ${lines[0]!.length} characters`);
      }
      for (const l of workflowCommandLines(s.stdout + "\n" + s.stderr)) problems.push(`${label}: prints a workflow command: ${JSON.stringify(l.slice(0, 100))}`);
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(s.stdout + s.stderr)) problems.push(`${label}: prints raw control characters`);
      if (/SECRET-TOKEN/.test(s.stderr + s.stdout)) problems.push(`${label}: quotes the sidecar's content`);
    }
    if (analyze.status === 1) {
      const left = OUTPUTS.filter((f) => fs.existsSync(path.join(dir, f)) && fs.statSync(path.join(dir, f)).isFile());
      const tmp = fs.existsSync(path.join(dir, "out")) ? fs.readdirSync(path.join(dir, "out")).filter((f) => f.endsWith(".tmp")) : [];
      if (left.length || tmp.length) problems.push(`analyze: failed but left ${[...left, ...tmp].join(", ")}`);
    }
    const expectStatus = (want: number) => {
      for (const s of [inspect, analyze]) {
        if (s.status !== want && s.status !== null && [0, 1].includes(s.status)) {
          problems.push(`${s.command}: exit ${s.status}, expected ${want}: ${s.stderr.trim().slice(0, 300)}`);
        }
      }
    };
    if (c.expect === "ok") expectStatus(0);
    if (c.expect === "refused") {
      // A case about analyze's own arguments (sidecars, outputs) leaves inspect free to succeed.
      if (c.analyzeArgs || c.files.length > 1) {
        if (analyze.status === 0) problems.push(`analyze: exit 0, expected a refusal`);
      } else expectStatus(1);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return {
    name: c.name,
    steps,
    problems,
    peakMb: Math.max(...steps.map((s) => s.peakMb), 0),
    seconds: steps.reduce((t, s) => t + s.seconds, 0),
  };
}

/** Run cases `parallel` at a time, in order of completion reported through `onResult`. */
export async function runCases(cases: Iterable<FuzzCase>, options: RunOptions & { parallel?: number; onResult?: (r: CaseResult) => void }): Promise<CaseResult[]> {
  const it = cases[Symbol.iterator]();
  const results: CaseResult[] = [];
  const worker = async () => {
    for (let next = it.next(); !next.done; next = it.next()) {
      const r = await runCase(next.value, options);
      results.push(r);
      options.onResult?.(r);
    }
  };
  await Promise.all(Array.from({ length: options.parallel ?? 2 }, worker));
  return results;
}
