/**
 * A thin GitHub REST client on @actions/github's Octokit (GITHUB_API_URL respected), adding
 * what the action needs from it:
 *
 * - retries: 5xx and network failures of idempotent requests (GET, PATCH, PUT, DELETE) with
 *   exponential backoff; rate limits for every method (the request was refused, not done):
 *   primary (`x-ratelimit-remaining: 0`, wait until `x-ratelimit-reset`) and secondary
 *   (403/429 with `retry-after`, or a "secondary rate limit" message: wait a minute).
 *   A POST that fails with a 5xx is never repeated here: it may have been done; the callers
 *   look for what it would have created first (see comments.ts, checks.ts).
 * - a timeout on every attempt (`timeoutMs`, default 30 s; MODELEXPORT_API_TIMEOUT_MS in the
 *   action): a hung connection ends the call, it never holds the job. A timed-out idempotent
 *   request is tried once more; a timed-out POST never (it may have been done).
 * - errors a person can act on, told apart by `kind`: 401 names the token input; a 403 is a
 *   locked conversation, a rate limit, or a missing permission (named: `pull-requests: write`,
 *   `checks: write`, `actions: read`), each with its own message; 404 names the permission too.
 *
 * The token is registered as a secret with the runner (masked in logs) by the action and never
 * appears in a message of this module.
 */
import { getOctokit } from "@actions/github";
import { UserError } from "../fs/model-file.js";

export type Octokit = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  /** Defaults to GITHUB_API_URL, then https://api.github.com. */
  baseUrl?: string;
  log?: (line: string) => void;
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** First backoff for 5xx, doubled on each retry. */
  backoffMs?: number;
  /** A rate limit that resets later than this is not waited for. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Each attempt of a request is abandoned after this long. */
  timeoutMs?: number;
}

const TIMEOUT_ENV_HINT = "MODELEXPORT_API_TIMEOUT_MS sets the limit, in milliseconds";

/** Default time one attempt of an API request may take. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** What a failure means for the person reading it (and for the action: warn, or fail). */
export type ApiErrorKind = "auth" | "permission" | "locked" | "rate-limit" | "not-found" | "timeout" | "server" | "other";

/** A GitHub API failure, one line: what was being done, the status, and what to change. */
export class GitHubApiError extends UserError {
  constructor(
    message: string,
    readonly status: number,
    readonly permission?: string,
    readonly kind: ApiErrorKind = "other",
  ) {
    super(message);
    this.name = "GitHubApiError";
  }
}

/** An attempt that got no answer within the timeout (status 0: nothing is known about it). */
export class ApiTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms / 1000}s (timed out)`);
    this.name = "ApiTimeoutError";
  }
}

interface HttpErrorLike {
  status: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
}

function isHttpError(err: unknown): err is HttpErrorLike {
  return typeof err === "object" && err !== null && typeof (err as { status?: unknown }).status === "number";
}

function header(err: HttpErrorLike, name: string): string | undefined {
  const v = err.response?.headers?.[name];
  return v === undefined ? undefined : String(v);
}

/** The API's own message (response body), without the request (which holds the token header). */
function apiMessage(err: HttpErrorLike): string {
  const data = err.response?.data as { message?: unknown; errors?: unknown } | undefined;
  let msg = typeof data?.message === "string" ? data.message : err.message;
  if (Array.isArray(data?.errors) && data.errors.length > 0) {
    const details = data.errors.map((e) => (typeof e === "string" ? e : typeof e === "object" && e && "message" in e ? String((e as { message: unknown }).message) : JSON.stringify(e)));
    msg += ` (${details.join("; ").slice(0, 300)})`;
  }
  return msg.replace(/\s+/g, " ").trim().slice(0, 400);
}

const IDEMPOTENT = new Set(["GET", "HEAD", "PATCH", "PUT", "DELETE", "OPTIONS"]);

/** How long to wait before retrying, or null when the failure is not retried. */
export function retryDelay(err: unknown, method: string, attempt: number, backoffMs: number, now = Date.now()): { ms: number; why: string } | null {
  // A hung request is tried once more, and only when repeating it cannot do anything twice.
  if (err instanceof ApiTimeoutError) return IDEMPOTENT.has(method) && attempt === 0 ? { ms: backoffMs, why: `timed out after ${err.ms / 1000}s` } : null;
  if (!isHttpError(err)) return IDEMPOTENT.has(method) ? { ms: backoffMs * 2 ** attempt, why: "network error" } : null;
  const { status } = err;
  if (status === 403 || status === 429) {
    const retryAfter = header(err, "retry-after");
    if (retryAfter !== undefined && Number.isFinite(Number(retryAfter))) {
      return { ms: Math.max(0, Number(retryAfter)) * 1000, why: `secondary rate limit (retry-after ${retryAfter}s)` };
    }
    if (header(err, "x-ratelimit-remaining") === "0") {
      const reset = Number(header(err, "x-ratelimit-reset"));
      const ms = Number.isFinite(reset) ? Math.max(0, reset * 1000 - now) + 1000 : 60_000;
      return { ms, why: "primary rate limit exhausted" };
    }
    if (/secondary rate limit|abuse detection/i.test(apiMessage(err))) return { ms: 60_000, why: "secondary rate limit" };
    return null;
  }
  // @octokit/request reports a failed fetch (connection reset, DNS) as status 500 too.
  if (status >= 500 && IDEMPOTENT.has(method)) return { ms: backoffMs * 2 ** attempt, why: `server error ${status}` };
  return null;
}

export interface CallInfo {
  /** What was being done, for the message: "listing the comments of pull request #2". */
  what: string;
  /** The job permission the call needs: "pull-requests: write". */
  permission?: string;
}

/** Turn an Octokit failure into a GitHubApiError that says what to change. */
export function explain(err: unknown, info: CallInfo): Error {
  if (err instanceof GitHubApiError) return err;
  if (err instanceof ApiTimeoutError) {
    return new GitHubApiError(`GitHub API: ${info.what} failed: ${err.message}. The API did not answer in time (${TIMEOUT_ENV_HINT}).`, 0, info.permission, "timeout");
  }
  if (!isHttpError(err)) return new GitHubApiError(`GitHub API: ${info.what} failed: ${err instanceof Error ? err.message : String(err)}`, 0, info.permission, "other");
  const msg = apiMessage(err).replace(/\.$/, "");
  const base = `GitHub API: ${info.what} failed: ${err.status} ${msg}`;
  const perm = info.permission ? `\`permissions: ${info.permission}\`` : "the needed permission";
  const kind = errorKind(err);
  switch (kind) {
    case "auth":
      return new GitHubApiError(`${base}. The token was rejected: check the github-token input (an expired or revoked token?).`, err.status, info.permission, kind);
    case "locked":
      return new GitHubApiError(`${base}. The conversation is locked: only collaborators can comment on it; no permission change helps.`, err.status, info.permission, kind);
    case "rate-limit": {
      const reset = Number(header(err, "x-ratelimit-reset"));
      const when = Number.isFinite(reset) ? ` (the limit resets at ${new Date(reset * 1000).toISOString()})` : "";
      return new GitHubApiError(`${base}. Rate limited${when}: the waits allowed ran out; run the job again later.`, err.status, info.permission, kind);
    }
    case "permission":
      return new GitHubApiError(
        `${base}. The token may not do this: grant ${perm} to the job (pull requests from forks always get a read-only token; see the workflow_run companion in the docs).`,
        err.status,
        info.permission,
        kind,
      );
    case "not-found":
      return new GitHubApiError(
        `${base}. It does not exist or the token cannot see it${info.permission ? `: the job needs ${perm}` : ""} (a private repository also needs \`contents: read\`).`,
        err.status,
        info.permission,
        kind,
      );
    default:
      return new GitHubApiError(base, err.status, info.permission, kind);
  }
}

/** What an HTTP failure means: a 403 can be a locked conversation, a rate limit or a permission. */
function errorKind(err: HttpErrorLike): ApiErrorKind {
  const msg = apiMessage(err);
  if (err.status === 401) return "auth";
  if ((err.status === 403 || err.status === 422) && /\blocked\b/i.test(msg)) return "locked";
  if (err.status === 429 || (err.status === 403 && (header(err, "x-ratelimit-remaining") === "0" || header(err, "retry-after") !== undefined || /rate limit|abuse detection/i.test(msg)))) {
    return "rate-limit";
  }
  if (err.status === 403) return "permission";
  if (err.status === 404) return "not-found";
  if (err.status >= 500) return "server";
  return "other";
}

export class GitHubClient {
  readonly octokit: Octokit;
  private readonly log: (line: string) => void;

  constructor(options: ClientOptions) {
    const baseUrl = (options.baseUrl ?? process.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
    this.log = options.log ?? (() => {});
    const maxRetries = options.maxRetries ?? 4;
    const backoffMs = options.backoffMs ?? 1000;
    const maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    this.octokit = getOctokit(options.token, { baseUrl, log: silent });
    const log = this.log;
    this.octokit.hook.wrap("request", async (request, opts) => {
      const method = String(opts.method ?? "GET").toUpperCase();
      for (let attempt = 0; ; attempt++) {
        // Every attempt has its own deadline; the body is read under it too.
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs);
        try {
          // Set on the options object itself: inner hooks (the token's) are bound to it and
          // ignore any other object passed here.
          opts.request = { ...opts.request, signal: controller.signal };
          return await request(opts);
        } catch (caught) {
          const err = timedOut ? new ApiTimeoutError(timeoutMs) : caught;
          const delay = attempt < maxRetries ? retryDelay(err, method, attempt, backoffMs) : null;
          if (!delay || delay.ms > maxWaitMs) throw err;
          const route = String(opts.url ?? "").replace(/\?.*$/, "");
          log(`GitHub API ${method} ${route}: ${delay.why}; retrying in ${Math.ceil(delay.ms / 1000)}s (attempt ${attempt + 2} of ${maxRetries + 1})`);
          await sleep(delay.ms);
        } finally {
          clearTimeout(timer);
        }
      }
    });
  }

  /** One REST call; failures become GitHubApiError naming `info.what` and the permission. */
  async call<T = unknown>(route: string, params: Record<string, unknown>, info: CallInfo): Promise<{ status: number; data: T; headers: Record<string, unknown> }> {
    try {
      const res = await this.octokit.request(route, params);
      return { status: res.status, data: res.data as T, headers: res.headers as Record<string, unknown> };
    } catch (err) {
      throw explain(err, info);
    }
  }

  /**
   * Every page of a list endpoint (Link-header pagination), up to `maxPages`; `stop` ends early.
   * The whole listing fails when any page does: callers never act on a partial list.
   */
  async *pages<T>(route: string, params: Record<string, unknown>, info: CallInfo, maxPages = 100): AsyncGenerator<T[]> {
    let n = 0;
    try {
      for await (const page of this.octokit.paginate.iterator(route, { per_page: 100, ...params })) {
        yield page.data as T[];
        if (++n >= maxPages) {
          throw new GitHubApiError(`GitHub API: ${info.what}: more than ${maxPages} pages; giving up`, 0, info.permission);
        }
      }
    } catch (err) {
      throw explain(err, info);
    }
  }
}

/** `owner/name` of GITHUB_REPOSITORY, checked. */
export function parseRepo(full: string | undefined): { owner: string; repo: string } {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(full ?? "");
  if (!m) throw new UserError(`GITHUB_REPOSITORY must be owner/name, got '${full ?? ""}'`);
  return { owner: m[1]!, repo: m[2]! };
}
