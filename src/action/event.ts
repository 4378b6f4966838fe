/**
 * What the triggering event means for a run: which commit is the head, which is the baseline,
 * where to comment, and whether the token can write (fork pull requests get a read-only one).
 */
import fs from "node:fs";
import { UserError } from "../adapters/fs/model-file.js";

export type EventKind = "pull_request" | "push" | "audit" | "workflow_run";

export interface PullRequestInfo {
  number: number;
  headSha: string;
  headRef: string;
  baseSha: string;
  baseRef: string;
  /** Head repository differs from the base one (or was deleted): the token is read-only. */
  fork: boolean;
  headRepo: string | null;
}

export interface EventInfo {
  name: string;
  kind: EventKind;
  owner: string;
  repo: string;
  /** The commit that is analysed and checked (PR head, pushed commit, GITHUB_SHA). */
  headSha: string;
  /** The commit to compare with, for `baseline: rerun`; null when there is none. */
  baseSha: string | null;
  /** The branch whose runs and baseline the comparison uses. */
  baseRef: string | null;
  defaultBranch: string | null;
  pr: PullRequestInfo | null;
  /** push to the default branch. */
  onDefaultBranch: boolean;
  payload: Record<string, unknown>;
}

const ZERO_SHA = /^0+$/;

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (typeof x === "object" && x !== null ? (x as Obj) : {});
const str = (x: unknown): string | null => (typeof x === "string" && x !== "" ? x : null);

export function readPayload(file: string | undefined): Obj {
  if (!file) return {};
  try {
    return obj(JSON.parse(fs.readFileSync(file, "utf8")));
  } catch (err) {
    throw new UserError(`GITHUB_EVENT_PATH ${file}: cannot read the event payload: ${(err as Error).message}`);
  }
}

export function describeEvent(env: NodeJS.ProcessEnv = process.env): EventInfo {
  const name = env.GITHUB_EVENT_NAME ?? "";
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const full = env.GITHUB_REPOSITORY ?? str(obj(payload.repository).full_name) ?? "";
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(full);
  if (!m) throw new UserError(`GITHUB_REPOSITORY must be owner/name; got '${full}'`);
  const [owner, repo] = [m[1]!, m[2]!];
  const defaultBranch = str(obj(payload.repository).default_branch);
  const sha = env.GITHUB_SHA ?? "";
  const base = { name, owner, repo, defaultBranch, payload, pr: null, onDefaultBranch: false };

  if (name === "pull_request" || name === "pull_request_target") {
    const pr = obj(payload.pull_request);
    const head = obj(pr.head);
    const baseSide = obj(pr.base);
    const number = typeof pr.number === "number" ? pr.number : typeof payload.number === "number" ? payload.number : NaN;
    const headSha = str(head.sha);
    const baseSha = str(baseSide.sha);
    if (!Number.isInteger(number) || !headSha || !baseSha) throw new UserError(`the ${name} event payload lacks the pull request number or its head and base commits`);
    const headRepo = str(obj(head.repo).full_name);
    const baseRepo = str(obj(baseSide.repo).full_name) ?? full;
    const info: PullRequestInfo = {
      number,
      headSha,
      headRef: str(head.ref) ?? "",
      baseSha,
      baseRef: str(baseSide.ref) ?? defaultBranch ?? "",
      fork: headRepo === null || headRepo.toLowerCase() !== baseRepo.toLowerCase(),
      headRepo,
    };
    return { ...base, kind: "pull_request", headSha, baseSha, baseRef: info.baseRef, pr: info };
  }
  if (name === "push") {
    const after = str(payload.after) ?? sha;
    const before = str(payload.before);
    const ref = str(payload.ref) ?? env.GITHUB_REF ?? "";
    const branch = ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null;
    return {
      ...base,
      kind: "push",
      headSha: after,
      baseSha: before && !ZERO_SHA.test(before) && payload.created !== true ? before : null,
      baseRef: branch,
      onDefaultBranch: branch !== null && branch === defaultBranch,
    };
  }
  if (name === "workflow_run") {
    const run = obj(payload.workflow_run);
    return { ...base, kind: "workflow_run", headSha: str(run.head_sha) ?? sha, baseSha: null, baseRef: defaultBranch };
  }
  // schedule, workflow_dispatch and anything else: an audit of the checked-out commit.
  const ref = env.GITHUB_REF ?? str(payload.ref) ?? "";
  const branch = ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : defaultBranch;
  return { ...base, kind: "audit", headSha: sha, baseSha: null, baseRef: branch };
}
