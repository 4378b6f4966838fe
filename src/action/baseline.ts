/**
 * The baseline a run is compared with, in the mode the workflow asked for:
 *
 * - `rerun`: a git worktree of the base commit (the PR's base SHA, or the commit before a push);
 *   the same export and glob run there and are analysed. Fetches the commit when a shallow
 *   checkout lacks it.
 * - `file`: a committed baseline report (`modelexport baseline update` writes it).
 * - `artifact`: the report artifact of the base branch's latest successful run of this workflow.
 * - `none`.
 *
 * No baseline (first run, new branch, no artifact yet) is not an error: the run reports and passes.
 */
import * as core from "@actions/core";
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UserError } from "../adapters/fs/model-file.js";
import { downloadArtifact, latestSuccessfulArtifact } from "../adapters/github/artifacts.js";
import { GitHubApiError, type GitHubClient } from "../adapters/github/client.js";
import { parseReport, ReportShapeError } from "../report/diff.js";
import type { Report } from "../report/types.js";
import type { EventInfo } from "./event.js";
import type { ActionConfig } from "./inputs.js";
import { analyzeSide } from "./models.js";

export interface Baseline {
  report: Report | null;
  /** "main @ f95f852", "baseline file .modelexport/baseline.json", ... */
  label: string | null;
  /** Why there is no baseline, or a caveat about it; shown in the comment and summary. */
  note: string | null;
  /** A warning to give once the report, summary and outputs are written (a missing permission). */
  warning?: string;
}

/** The report file name inside the artifact (report-path's base name is used when uploading). */
export const ARTIFACT_REPORT = "report.json";

export function reportFromJson(text: string, what: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${what}: not valid JSON: ${(err as Error).message}`);
  }
  try {
    return parseReport(data);
  } catch (err) {
    if (err instanceof ReportShapeError) throw new UserError(`${what}: not a modelexport report: ${err.message}`);
    throw err;
  }
}

function git(args: string[], cwd: string): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 * 1024 * 1024 }).trim();
}

function gitError(err: unknown): string {
  const e = err as { stderr?: string | Buffer; message?: string };
  const text = (e.stderr ? String(e.stderr) : e.message ?? String(err)).trim();
  return text.split("\n").filter(Boolean).slice(-3).join(" / ");
}

function hasCommit(top: string, sha: string): boolean {
  try {
    git(["cat-file", "-e", `${sha}^{commit}`], top);
    return true;
  } catch {
    return false;
  }
}

/** Analyse `sha` in a temporary worktree of the repository holding `workdir`. */
async function rerun(cfg: ActionConfig, workdir: string, sha: string, label: string): Promise<Baseline> {
  let top: string;
  try {
    top = git(["rev-parse", "--show-toplevel"], workdir);
  } catch (err) {
    throw new UserError(`baseline: rerun needs a git checkout; ${workdir} is not in one (${gitError(err)}). Use actions/checkout, or baseline: file / artifact`);
  }
  if (!hasCommit(top, sha)) {
    core.info(`base commit ${sha.slice(0, 7)} is not in the checkout; fetching it`);
    try {
      git(["fetch", "--no-tags", "--depth=1", "origin", sha], top);
    } catch (err) {
      throw new UserError(
        `baseline: rerun cannot get the base commit ${sha}: ${gitError(err)}. Check out with \`fetch-depth: 0\`, or use baseline: file / artifact`,
      );
    }
  }
  const rel = path.relative(fs.realpathSync(top), fs.realpathSync(workdir));
  const tmpRoot = process.env.RUNNER_TEMP && fs.existsSync(process.env.RUNNER_TEMP) ? process.env.RUNNER_TEMP : os.tmpdir();
  const tree = path.join(tmpRoot, `modelexport-base-${sha.slice(0, 12)}-${crypto.randomBytes(4).toString("hex")}`);
  try {
    git(["worktree", "add", "--detach", "--force", tree, sha], top);
  } catch (err) {
    throw new UserError(`baseline: rerun cannot check out ${sha} in a worktree: ${gitError(err)}`);
  }
  try {
    const baseDir = path.join(tree, rel);
    if (!fs.existsSync(baseDir)) {
      return { report: null, label, note: `The working directory did not exist at the base commit ${sha.slice(0, 7)}: nothing to compare with.` };
    }
    try {
      const { report } = await analyzeSide(baseDir, cfg, `base ${sha.slice(0, 7)}`, true);
      return { report, label, note: null };
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      // The base could not be exported or analysed (it may predate the export setup): the
      // comparison is skipped rather than blaming this change for it.
      core.warning(`baseline: the base commit ${sha.slice(0, 7)} could not be analysed: ${err.message}`);
      return { report: null, label, note: `The base commit ${sha.slice(0, 7)} could not be analysed (${err.message.split("\n")[0]}); nothing to compare with.` };
    }
  } finally {
    try {
      git(["worktree", "remove", "--force", tree], top);
    } catch {
      fs.rmSync(tree, { recursive: true, force: true });
      try {
        git(["worktree", "prune"], top);
      } catch {
        // best effort
      }
    }
  }
}

export interface BaselineContext {
  cfg: ActionConfig;
  event: EventInfo;
  workdir: string;
  client: GitHubClient | null;
}

export async function obtainBaseline({ cfg, event, workdir, client }: BaselineContext): Promise<Baseline> {
  switch (cfg.baseline) {
    case "none":
      return { report: null, label: null, note: "No baseline (baseline: none): the gate passes." };
    case "file": {
      const file = path.resolve(workdir, cfg.baselineFile);
      if (!fs.existsSync(file)) {
        return { report: null, label: null, note: `No baseline file ${cfg.baselineFile} yet: this run records the state (run \`modelexport baseline update\` to create it).` };
      }
      const report = reportFromJson(fs.readFileSync(file, "utf8"), `baseline-file ${cfg.baselineFile}`);
      return { report, label: `baseline file ${cfg.baselineFile}`, note: null };
    }
    case "rerun": {
      if (event.kind === "audit" || event.kind === "workflow_run") {
        return { report: null, label: null, note: `A ${event.name || "manual"} run is an audit: no base commit to compare with.` };
      }
      if (!event.baseSha) return { report: null, label: null, note: "A new branch: no previous commit to compare with." };
      const label = event.kind === "pull_request" ? `${event.baseRef ?? "base"} (${event.baseSha.slice(0, 7)})` : `previous commit ${event.baseSha.slice(0, 7)}`;
      core.startGroup(`modelexport: baseline (rerun at ${event.baseSha.slice(0, 7)})`);
      try {
        return await rerun(cfg, workdir, event.baseSha, label);
      } finally {
        core.endGroup();
      }
    }
    case "artifact": {
      try {
        return await artifactBaseline(cfg, event, client);
      } catch (err) {
        // A missing permission (or an artifact the token cannot see) is a warning, not a crash:
        // the run reports without a baseline and says why.
        if (!(err instanceof GitHubApiError) || (err.kind !== "permission" && err.kind !== "not-found")) throw err;
        return {
          report: null,
          label: null,
          note: `The baseline artifact could not be read (${err.status} ${err.kind === "permission" ? "forbidden" : "not found"}): nothing to compare with.`,
          warning: err.message,
        };
      }
    }
  }
}

async function artifactBaseline(cfg: ActionConfig, event: EventInfo, client: GitHubClient | null): Promise<Baseline> {
  if (!client) throw new UserError("baseline: artifact needs a github-token");
  const branch = event.baseRef;
  if (!branch) return { report: null, label: null, note: "No base branch to take a baseline artifact from." };
  const workflow = workflowFile(process.env.GITHUB_WORKFLOW_REF);
  if (!workflow) throw new UserError("baseline: artifact needs GITHUB_WORKFLOW_REF (set by the runner) to find this workflow's runs");
  const currentRun = Number(process.env.GITHUB_RUN_ID);
  const found = await latestSuccessfulArtifact(client, {
    owner: event.owner,
    repo: event.repo,
    workflow,
    branch,
    name: cfg.artifactName,
    ...(Number.isFinite(currentRun) ? { excludeRunId: currentRun } : {}),
  });
  if (!found) {
    return { report: null, label: null, note: `No successful run of ${workflow} on ${branch} with an artifact '${cfg.artifactName}' yet: nothing to compare with.` };
  }
  const entries = await downloadArtifact(client, { owner: event.owner, repo: event.repo, artifactId: found.artifactId, select: (n) => n.endsWith(".json") });
  const entry = entries.find((e) => path.posix.basename(e.name) === ARTIFACT_REPORT) ?? entries.find((e) => !/(^|\/)(baseline|context|badge|equivalence)\.json$/.test(e.name));
  if (!entry) throw new UserError(`baseline: artifact '${cfg.artifactName}' of run ${found.runId} has no ${ARTIFACT_REPORT}`);
  const report = reportFromJson(entry.data.toString("utf8"), `artifact '${cfg.artifactName}' of run ${found.runId}`);
  return { report, label: `${branch} (${found.headSha.slice(0, 7)}, run ${found.runId})`, note: null };
}

/** `.github/workflows/gate.yml` from `owner/repo/.github/workflows/gate.yml@refs/heads/main`. */
export function workflowFile(ref: string | undefined): string | null {
  const m = /^[^/]+\/[^/]+\/(.+)@[^@]*$/.exec(ref ?? "");
  if (!m) return null;
  return path.posix.basename(m[1]!);
}
