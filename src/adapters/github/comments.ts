/**
 * The sticky pull-request comment: found again by its hidden marker and edited in place, so a
 * rerun never adds a second one.
 *
 * Never partial, never duplicated: the whole comment list is read (every page) before anything
 * is written, and when listing fails nothing is created blindly. A create that fails with a
 * server error may still have been done, so the list is read again before a second try.
 */
import { GitHubApiError, type GitHubClient } from "./client.js";

export interface CommentTarget {
  owner: string;
  repo: string;
  /** Pull request (issue) number. */
  issue: number;
}

export interface CommentResult {
  action: "created" | "updated" | "unchanged";
  id: number;
  url: string;
}

interface IssueComment {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { login?: string; type?: string } | null;
}

const PERMISSION = "pull-requests: write";

/**
 * The comment whose body contains `marker`, reading every page: the oldest one written by a
 * bot (the GITHUB_TOKEN's identity) when there is one, else the oldest (a personal token).
 * Anybody can paste a marker into a comment; preferring bots keeps us on our own.
 */
export async function findComment(client: GitHubClient, t: CommentTarget, marker: string): Promise<IssueComment | null> {
  const info = { what: `listing the comments of pull request #${t.issue}`, permission: "pull-requests: read" };
  let first: IssueComment | null = null;
  for await (const page of client.pages<IssueComment>("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: t.owner, repo: t.repo, issue_number: t.issue }, info)) {
    for (const c of page) {
      if (typeof c.body !== "string" || !c.body.includes(marker)) continue;
      if (c.user?.type === "Bot") return c;
      first ??= c;
    }
  }
  return first;
}

async function create(client: GitHubClient, t: CommentTarget, body: string): Promise<IssueComment> {
  const res = await client.call<IssueComment>(
    "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    { owner: t.owner, repo: t.repo, issue_number: t.issue, body },
    { what: `creating the comment on pull request #${t.issue}`, permission: PERMISSION },
  );
  return res.data;
}

async function update(client: GitHubClient, t: CommentTarget, id: number, body: string): Promise<IssueComment> {
  const res = await client.call<IssueComment>(
    "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
    { owner: t.owner, repo: t.repo, comment_id: id, body },
    { what: `updating comment ${id} on pull request #${t.issue}`, permission: PERMISSION },
  );
  return res.data;
}

/**
 * Post `body` (which must contain `marker`) as the sticky comment. mode `update` edits the
 * existing comment with that marker or creates one; `new` always creates.
 */
export async function upsertComment(client: GitHubClient, t: CommentTarget, marker: string, body: string, mode: "update" | "new" = "update"): Promise<CommentResult> {
  if (!body.includes(marker)) throw new Error("comment body lacks its marker");
  if (mode === "update") {
    const existing = await findComment(client, t, marker);
    if (existing) {
      if (existing.body === body) return { action: "unchanged", id: existing.id, url: existing.html_url };
      const c = await update(client, t, existing.id, body);
      return { action: "updated", id: c.id, url: c.html_url };
    }
  }
  try {
    const c = await create(client, t, body);
    return { action: "created", id: c.id, url: c.html_url };
  } catch (err) {
    if (!(err instanceof GitHubApiError) || !(err.status >= 500 || err.status === 0)) throw err;
    // The create may have landed: look before trying once more.
    const landed = await findComment(client, t, marker);
    if (landed && landed.body === body) return { action: "created", id: landed.id, url: landed.html_url };
    if (landed && mode === "update") {
      const c = await update(client, t, landed.id, body);
      return { action: "updated", id: c.id, url: c.html_url };
    }
    const c = await create(client, t, body);
    return { action: "created", id: c.id, url: c.html_url };
  }
}
