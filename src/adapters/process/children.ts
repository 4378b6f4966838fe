/**
 * The processes a run started, so that a cancelled run (the runner sends SIGINT, then SIGTERM)
 * stops them before it exits instead of leaving them running.
 *
 * Commands started in their own process group (export commands, the exporter) are registered
 * here by the group's leader pid and stopped as a group; anything else this process started
 * (npm through @actions/exec, git) is found as a descendant in /proc (Linux) or `ps` output.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const groups = new Set<number>();

/** A process group this run started (its leader's pid). */
export function trackGroup(pid: number | undefined): void {
  if (pid !== undefined && pid > 0) groups.add(pid);
}

export function untrackGroup(pid: number | undefined): void {
  if (pid !== undefined) groups.delete(pid);
}

interface Proc {
  ppid: number;
  /** Process group; null when unknown (read from `ps` without it). */
  pgrp: number | null;
}

/** Every live (not zombie) process with its parent and group, from /proc, else from `ps`; null when neither can be read. */
function processes(): Map<number, Proc> | null {
  const out = new Map<number, Proc>();
  try {
    for (const name of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (rest[0] !== "Z") out.set(Number(name), { ppid: Number(rest[1]), pgrp: Number(rest[2]) });
      } catch {
        // gone meanwhile
      }
    }
    return out;
  } catch {
    // no /proc
  }
  try {
    const text = execFileSync("ps", ["-A", "-o", "pid=,ppid=,pgid="], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    for (const line of text.split("\n")) {
      const [pid, ppid, pgid] = line.trim().split(/\s+/).map(Number);
      if (pid && ppid !== undefined && Number.isFinite(ppid)) out.set(pid, { ppid, pgrp: pgid !== undefined && Number.isFinite(pgid) ? pgid : null });
    }
    return out;
  } catch {
    return null;
  }
}

/** Every live descendant of `root`, children before grandchildren. */
export function descendants(root: number = process.pid): number[] {
  const byParent = new Map<number, number[]>();
  for (const [pid, { ppid }] of processes() ?? new Map<number, Proc>()) {
    let list = byParent.get(ppid);
    if (!list) byParent.set(ppid, (list = []));
    list.push(pid);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of byParent.get(queue.shift()!) ?? []) {
      if (found.includes(child)) continue;
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function send(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Signal every registered process group and every descendant of this process. Returns how many
 * were signalled (groups and processes).
 */
export function signalAll(signal: NodeJS.Signals): number {
  let n = 0;
  for (const pid of groups) if (send(-pid, signal)) n++;
  for (const pid of descendants()) if (send(pid, signal)) n++;
  return n;
}

/** Whether anything this run started is still alive (zombies waiting to be reaped do not count). */
export function anyAlive(): boolean {
  const procs = processes();
  if (procs === null) {
    // Nothing to read the process table from: ask the kernel about each group.
    for (const pid of groups) {
      try {
        process.kill(-pid, 0);
        return true;
      } catch {
        // that group is gone
      }
    }
    return false;
  }
  for (const p of procs.values()) if (p.pgrp !== null && groups.has(p.pgrp)) return true;
  return descendants().length > 0;
}

/**
 * Stop everything this run started: SIGTERM, then SIGKILL for what is left after `graceMs`.
 * Resolves once nothing is left (or after the SIGKILL).
 */
export async function stopAll(graceMs = 3000): Promise<number> {
  const n = signalAll("SIGTERM");
  const until = Date.now() + graceMs;
  while (Date.now() < until && anyAlive()) await new Promise((r) => setTimeout(r, 50));
  if (anyAlive()) signalAll("SIGKILL");
  return n;
}
