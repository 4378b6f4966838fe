/**
 * The check run that gates a commit: created completed with its conclusion (a check never hangs
 * "in progress" when the job dies), then its annotations appended in batches of at most 50 per
 * request, GitHub's limit.
 */
import { GitHubApiError, type GitHubClient } from "./client.js";

export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub's limit on output.summary and output.text. */
export const CHECK_TEXT_LIMIT = 65_535;

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunInput {
  owner: string;
  repo: string;
  name: string;
  headSha: string;
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
  text?: string;
  annotations: Annotation[];
  detailsUrl?: string;
  /** Identifies this run's check run, to find it again after a failed create. */
  externalId?: string;
}

export interface CheckRunResult {
  id: number;
  url: string;
  /** Annotations delivered. */
  annotations: number;
  /** Annotations there were to deliver. */
  wanted: number;
  requests: number;
  /** Set when adding annotations failed part way: the check run exists with `annotations` of `wanted`. */
  annotationError?: GitHubApiError;
}

const PERMISSION = "checks: write";

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 80)}\n\n_\u2026 cut to GitHub's ${max}-character limit._\n`;
}

function clean(a: Annotation): Annotation {
  return {
    ...a,
    path: a.path.replace(/\\/g, "/").replace(/^\.\//, ""),
    start_line: Math.max(1, Math.floor(a.start_line)),
    end_line: Math.max(1, Math.floor(a.end_line), Math.floor(a.start_line)),
    message: cut(a.message, 60_000),
    ...(a.title !== undefined ? { title: a.title.slice(0, 255) } : {}),
    ...(a.raw_details !== undefined ? { raw_details: cut(a.raw_details, 60_000) } : {}),
  };
}

interface CheckRun {
  id: number;
  html_url: string;
  external_id?: string | null;
}

export async function publishCheckRun(client: GitHubClient, input: CheckRunInput): Promise<CheckRunResult> {
  const annotations = input.annotations.map(clean);
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const output = (batch: Annotation[] | undefined) => ({
    title: input.title.slice(0, 255),
    summary: cut(input.summary, CHECK_TEXT_LIMIT),
    ...(input.text ? { text: cut(input.text, CHECK_TEXT_LIMIT) } : {}),
    ...(batch && batch.length > 0 ? { annotations: batch } : {}),
  });
  const { owner, repo } = input;
  const createParams = {
    owner,
    repo,
    name: input.name,
    head_sha: input.headSha,
    status: "completed",
    conclusion: input.conclusion,
    completed_at: new Date().toISOString(),
    ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
    ...(input.externalId ? { external_id: input.externalId } : {}),
    output: output(batches[0]),
  };
  const what = `creating the check run '${input.name}' on ${input.headSha.slice(0, 7)}`;
  let run: CheckRun;
  let requests = 1;
  try {
    run = (await client.call<CheckRun>("POST /repos/{owner}/{repo}/check-runs", createParams, { what, permission: PERMISSION })).data;
  } catch (err) {
    if (!(err instanceof GitHubApiError) || !(err.status >= 500 || err.status === 0) || !input.externalId) throw err;
    // The create may have been done: find it by external id before a second try.
    requests++;
    const found = await findByExternalId(client, input);
    if (found) run = found;
    else {
      requests++;
      run = (await client.call<CheckRun>("POST /repos/{owner}/{repo}/check-runs", createParams, { what, permission: PERMISSION })).data;
    }
  }
  let delivered = batches[0]?.length ?? 0;
  for (const batch of batches.slice(1)) {
    requests++;
    try {
      await client.call(
        "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
        { owner, repo, check_run_id: run.id, output: output(batch) },
        { what: `adding annotations ${delivered + 1}\u2013${delivered + batch.length} to check run ${run.id}`, permission: PERMISSION },
      );
    } catch (err) {
      // The check run stands; the caller says how many annotations it carries and why not more.
      if (!(err instanceof GitHubApiError)) throw err;
      return { id: run.id, url: run.html_url, annotations: delivered, wanted: annotations.length, requests, annotationError: err };
    }
    delivered += batch.length;
  }
  return { id: run.id, url: run.html_url, annotations: delivered, wanted: annotations.length, requests };
}

async function findByExternalId(client: GitHubClient, input: CheckRunInput): Promise<CheckRun | null> {
  const res = await client.call<{ check_runs: CheckRun[] }>(
    "GET /repos/{owner}/{repo}/commits/{ref}/check-runs",
    { owner: input.owner, repo: input.repo, ref: input.headSha, check_name: input.name, per_page: 100 },
    { what: `listing the check runs of ${input.headSha.slice(0, 7)}`, permission: "checks: read" },
  );
  return res.data.check_runs.find((r) => r.external_id === input.externalId) ?? null;
}
