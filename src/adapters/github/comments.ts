/**
 * The sticky pull-request comment: found again by its hidden marker AND its author, and edited
 * in place, so a rerun never adds a second one and nobody else's comment is ever touched.
 *
 * - Ours: written by the token's own identity (`GET /user`; for an installation token such as
 *   GITHUB_TOKEN, which may not read /user, GraphQL `viewer`). A person who quotes the marker
 *   line keeps their comment as written.
 * - Never partial: the whole comment list is read (every page) before anything is written;
 *   when listing fails nothing is created blindly. A create that fails with a server error or a
 *   timeout may still have been done, so the list is read again before a second try.
 * - One, even with concurrent runs: after creating, the list is read again and our own
 *   duplicates are removed, the oldest kept (it then gets this run's body).
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
  /** Our own duplicates removed (concurrent runs). */
  removed: number;
  /** Comments holding the marker that are not ours (left alone). */
  foreign: number;
  /** Whose comments count as ours. */
  identity: string;
}

interface IssueComment {
  id: number;
  body?: string | null;
  html_url: string;
  created_at?: string;
  user?: { login?: string; type?: string } | null;
}

const PERMISSION = "pull-requests: write";

/** The login GITHUB_TOKEN acts as, when nothing else can tell. */
export const ACTIONS_BOT = "github-actions[bot]";

const identities = new WeakMap<GitHubClient, Promise<string>>();

/**
 * The login the token acts as: `GET /user` (a personal token), else GraphQL `viewer` (an
 * installation token), else github-actions[bot] (what GITHUB_TOKEN posts as). Asked once per client.
 */
export function tokenIdentity(client: GitHubClient, log: (line: string) => void = () => {}): Promise<string> {
  let p = identities.get(client);
  if (!p) {
    p = (async () => {
      try {
        const res = await client.call<{ login?: unknown }>("GET /user", {}, { what: "reading the token's own identity" });
        if (typeof res.data.login === "string" && res.data.login !== "") return res.data.login;
      } catch (err) {
        if (!(err instanceof GitHubApiError) || (err.kind !== "permission" && err.kind !== "not-found")) throw err;
      }
      try {
        const res = await client.octokit.graphql<{ viewer?: { login?: unknown } }>("query { viewer { login } }");
        if (typeof res.viewer?.login === "string" && res.viewer.login !== "") return res.viewer.login;
      } catch {
        // An installation token without GraphQL access: GITHUB_TOKEN's identity is the default.
      }
      log(`the token's identity could not be read; taking comments by ${ACTIONS_BOT} as ours`);
      return ACTIONS_BOT;
    })();
    identities.set(client, p);
  }
  return p;
}

const sameLogin = (a: string | undefined, b: string) => typeof a === "string" && a.toLowerCase() === b.toLowerCase();

/** Every comment of the pull request holding `marker`: ours (oldest first) and the others' count. */
async function markerComments(client: GitHubClient, t: CommentTarget, marker: string, identity: string): Promise<{ ours: IssueComment[]; foreign: number }> {
  const info = { what: `listing the comments of pull request #${t.issue}`, permission: "pull-requests: read" };
  const ours: IssueComment[] = [];
  let foreign = 0;
  for await (const page of client.pages<IssueComment>("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: t.owner, repo: t.repo, issue_number: t.issue }, info)) {
    for (const c of page) {
      if (typeof c.body !== "string" || !c.body.includes(marker)) continue;
      if (sameLogin(c.user?.login, identity)) ours.push(c);
      else foreign++;
    }
  }
  // Oldest first: ids grow with time on GitHub.
  ours.sort((a, b) => a.id - b.id);
  return { ours, foreign };
}

/** Our comment with that marker (the oldest), or null. Comments by anyone else never count. */
export async function findComment(client: GitHubClient, t: CommentTarget, marker: string, identity?: string): Promise<IssueComment | null> {
  const { ours } = await markerComments(client, t, marker, identity ?? (await tokenIdentity(client)));
  return ours[0] ?? null;
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

/** Delete one of our comments; already gone (another run removed it) is fine. */
async function remove(client: GitHubClient, t: CommentTarget, id: number): Promise<void> {
  try {
    await client.call(
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}",
      { owner: t.owner, repo: t.repo, comment_id: id },
      { what: `removing the duplicate comment ${id} on pull request #${t.issue}`, permission: PERMISSION },
    );
  } catch (err) {
    if (!(err instanceof GitHubApiError) || err.status !== 404) throw err;
  }
}

/**
 * Post `body` (which must contain `marker`) as the sticky comment. mode `update` edits our
 * existing comment with that marker or creates one; `new` always creates.
 */
export async function upsertComment(
  client: GitHubClient,
  t: CommentTarget,
  marker: string,
  body: string,
  mode: "update" | "new" = "update",
  log: (line: string) => void = () => {},
): Promise<CommentResult> {
  if (!body.includes(marker)) throw new Error("comment body lacks its marker");
  const identity = await tokenIdentity(client, log);
  const result = (action: CommentResult["action"], c: IssueComment, foreign: number, removed = 0): CommentResult => ({
    action,
    id: c.id,
    url: c.html_url,
    removed,
    foreign,
    identity,
  });
  let foreign = 0;
  if (mode === "update") {
    const found = await markerComments(client, t, marker, identity);
    foreign = found.foreign;
    const [existing, ...extra] = found.ours;
    if (existing) {
      const c = existing.body === body ? existing : await update(client, t, existing.id, body);
      for (const d of extra) await remove(client, t, d.id);
      return result(existing.body === body ? "unchanged" : "updated", c, foreign, extra.length);
    }
  }
  let created: IssueComment;
  try {
    created = await create(client, t, body);
  } catch (err) {
    if (!(err instanceof GitHubApiError) || !(err.status >= 500 || err.status === 0)) throw err;
    // The create may have landed: look before trying once more.
    const again = await markerComments(client, t, marker, identity);
    const landed = again.ours.find((c) => c.body === body) ?? (mode === "update" ? again.ours[0] : undefined);
    created = landed ?? (await create(client, t, body));
  }
  if (mode === "new") return result("created", created, foreign);
  // Concurrent runs may each have created one: keep the oldest of ours, remove the rest.
  const me = created.user?.login ?? identity;
  const after = await markerComments(client, t, marker, me);
  const [keep, ...dups] = after.ours.length > 0 ? after.ours : [created];
  for (const d of dups) await remove(client, t, d.id);
  if (keep!.id !== created.id) {
    const c = keep!.body === body ? keep! : await update(client, t, keep!.id, body);
    return result("updated", c, after.foreign, dups.length);
  }
  return result("created", created, after.foreign, dups.length);
}
