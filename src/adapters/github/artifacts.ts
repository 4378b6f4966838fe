/**
 * Workflow artifacts over REST: the report artifact of a branch's latest successful run of a
 * workflow (the `artifact` baseline), and of a given run (the `workflow_run` companion), downloaded
 * as ZIP and read in memory.
 */
import type { GitHubClient } from "./client.js";
import { readZip, type ZipEntry } from "./zip.js";

const PERMISSION = "actions: read";

interface WorkflowRun {
  id: number;
  head_sha: string;
  head_branch: string | null;
  event: string;
  conclusion: string | null;
  head_repository?: { full_name?: string } | null;
  html_url?: string;
}

interface Artifact {
  id: number;
  name: string;
  expired: boolean;
  size_in_bytes?: number;
}

export interface FoundArtifact {
  runId: number;
  headSha: string;
  artifactId: number;
  runUrl?: string;
}

/** The artifact called `name` of run `runId`, or null (none, or expired). */
export async function runArtifact(client: GitHubClient, o: { owner: string; repo: string; runId: number; name: string }): Promise<Artifact | null> {
  const res = await client.call<{ artifacts: Artifact[] }>(
    "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts",
    { owner: o.owner, repo: o.repo, run_id: o.runId, name: o.name, per_page: 100 },
    { what: `listing the artifacts of run ${o.runId}`, permission: PERMISSION },
  );
  return res.data.artifacts.find((a) => a.name === o.name && !a.expired) ?? null;
}

/**
 * The newest successful run of `workflow` (file name or id) on `branch` of this repository (runs
 * from forks' branches of the same name are skipped) that still has the artifact `name`.
 */
export async function latestSuccessfulArtifact(
  client: GitHubClient,
  o: { owner: string; repo: string; workflow: string; branch: string; name: string; excludeRunId?: number; maxRuns?: number },
): Promise<FoundArtifact | null> {
  const res = await client.call<{ workflow_runs: WorkflowRun[] }>(
    "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
    { owner: o.owner, repo: o.repo, workflow_id: o.workflow, branch: o.branch, status: "success", exclude_pull_requests: true, per_page: o.maxRuns ?? 10 },
    { what: `listing the successful runs of workflow ${o.workflow} on ${o.branch}`, permission: PERMISSION },
  );
  const full = `${o.owner}/${o.repo}`.toLowerCase();
  for (const run of res.data.workflow_runs) {
    if (run.id === o.excludeRunId) continue;
    if (run.head_repository?.full_name && run.head_repository.full_name.toLowerCase() !== full) continue;
    if (run.head_branch !== null && run.head_branch !== o.branch) continue;
    const a = await runArtifact(client, { owner: o.owner, repo: o.repo, runId: run.id, name: o.name });
    if (a) return { runId: run.id, headSha: run.head_sha, artifactId: a.id, ...(run.html_url ? { runUrl: run.html_url } : {}) };
  }
  return null;
}

/** Download an artifact (GitHub answers with a redirect to the ZIP) and read its files. */
export async function downloadArtifact(client: GitHubClient, o: { owner: string; repo: string; artifactId: number; select?: (name: string) => boolean }): Promise<ZipEntry[]> {
  const res = await client.call<ArrayBuffer>(
    "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}",
    { owner: o.owner, repo: o.repo, artifact_id: o.artifactId, archive_format: "zip" },
    { what: `downloading artifact ${o.artifactId}`, permission: PERMISSION },
  );
  const data = res.data as unknown;
  const buf = Buffer.isBuffer(data) ? data : data instanceof ArrayBuffer ? Buffer.from(data) : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : null;
  if (!buf) throw new Error(`downloading artifact ${o.artifactId}: the API did not answer with a ZIP archive`);
  return readZip(buf, `artifact ${o.artifactId}`, o.select ? { select: o.select } : {});
}
