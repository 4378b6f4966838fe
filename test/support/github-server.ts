/**
 * A small GitHub REST API on 127.0.0.1 for the action's end-to-end tests: the endpoints the
 * action uses, with GitHub's behaviours that matter to it:
 *
 * - Link-header pagination (`per_page`, `page`; rel="next"/"last");
 * - tokens: a write token, a read-only one (writes get 403 "Resource not accessible by
 *   integration", as a fork PR's GITHUB_TOKEN does), anything else 401;
 * - 422 when a check run create/update carries more than 50 annotations;
 * - an optional secondary rate limit, once (403 + `retry-after: 1`);
 * - identities: `GET /user` refused to an installation token (403, as GitHub answers
 *   GITHUB_TOKEN), GraphQL `viewer` answering its bot login;
 * - locked conversations (403 "Unable to create comment because issue is locked."), requests
 *   refused with 403, requests that never get an answer (a hung connection), and a barrier that
 *   holds requests until several have arrived (concurrent runs that listed before either posted);
 * - artifact downloads answered with a 302 to a blob URL, as GitHub does.
 *
 * Every request is recorded. The server closes itself after `lifetimeMs` even if a test forgets.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
  status: number;
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string; type: "Bot" | "User" };
  html_url: string;
  created_at: string;
  updated_at: string;
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  external_id: string | null;
  details_url: string | null;
  output: { title?: string; summary?: string; text?: string };
  annotations: Record<string, unknown>[];
  html_url: string;
}

export interface WorkflowRun {
  id: number;
  workflow: string;
  head_branch: string;
  head_sha: string;
  event: string;
  status: "completed";
  conclusion: "success" | "failure";
  head_repository: { full_name: string };
}

export interface Artifact {
  id: number;
  runId: number;
  name: string;
  expired: boolean;
  zip: Buffer;
}

export interface PullRequest {
  number: number;
  head: { sha: string; ref: string; repo: { full_name: string } | null };
  base: { sha: string; ref: string; repo: { full_name: string } };
}

export interface ServerOptions {
  writeToken?: string;
  readToken?: string;
  /** Answer the first request matching this with a secondary rate limit (403 + retry-after: 1). */
  secondaryRateLimitOnce?: (method: string, path: string) => boolean;
  lifetimeMs?: number;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments = new Map<string, Comment[]>();
  readonly checkRuns: CheckRun[] = [];
  readonly workflowRuns: WorkflowRun[] = [];
  readonly artifacts: Artifact[] = [];
  readonly pulls = new Map<string, PullRequest>();
  readonly writeToken: string;
  readonly readToken: string;
  url = "";
  private nextId = 1000;
  /** Set to answer the next matching request with a secondary rate limit, once. */
  rateLimitOnce: ((method: string, path: string) => boolean) | null;
  /** Set to carry out the next matching request but answer 502, once (the response was lost). */
  lostResponseOnce: ((method: string, path: string) => boolean) | null = null;
  /** Answer matching requests 403 with this message (a missing permission unless it says otherwise). */
  forbid: ((method: string, path: string) => string | null) | null = null;
  /** Never answer the matching requests (the connection hangs until the server closes). */
  hang: ((method: string, path: string) => boolean) | null = null;
  /** Hold matching requests until `count` of them have arrived, then answer them all. */
  barrier: { match: (method: string, path: string) => boolean; count: number; held: (() => void)[] } | null = null;
  /** Issues (`owner/repo#n`) whose conversation is locked. */
  readonly locked = new Set<string>();
  /** When true, a token may edit and delete anybody's comment (an admin's token); else only its own. */
  editAnyComment = false;
  /** The login the write token acts as (GITHUB_TOKEN's bot). */
  readonly botLogin = "github-actions[bot]";
  private readonly server: http.Server;
  private readonly timer: NodeJS.Timeout;

  constructor(opts: ServerOptions = {}) {

    this.rateLimitOnce = opts.secondaryRateLimitOnce ?? null;
    this.writeToken = opts.writeToken ?? "ghs_write_token_0123456789";
    this.readToken = opts.readToken ?? "ghs_readonly_token_0123456789";
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.handle(req, res, Buffer.concat(chunks)));
    });
    this.timer = setTimeout(() => void this.close(), opts.lifetimeMs ?? 10 * 60_000);
    this.timer.unref();
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    clearTimeout(this.timer);
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Forget recorded requests (state stays). */
  clearRequests(): void {
    this.requests.length = 0;
  }

  id(): number {
    return this.nextId++;
  }

  issueComments(owner: string, repo: string, issue: number): Comment[] {
    const key = `${owner}/${repo}#${issue}`;
    let list = this.comments.get(key);
    if (!list) this.comments.set(key, (list = []));
    return list;
  }

  addComment(owner: string, repo: string, issue: number, body: string, user: Comment["user"] = { login: "someone", type: "User" }): Comment {
    const id = this.id();
    const now = new Date().toISOString();
    const c: Comment = { id, body, user, html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`, created_at: now, updated_at: now };
    this.issueComments(owner, repo, issue).push(c);
    return c;
  }

  private send(res: http.ServerResponse, rec: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}): void {
    rec.status = status;
    const data = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-ratelimit-remaining": "4999", ...headers });
    res.end(data);
  }

  private paginate(req: RecordedRequest, res: http.ServerResponse, items: unknown[], wrap?: (page: unknown[]) => unknown): void {
    const perPage = Math.min(100, Math.max(1, Number(req.query.per_page ?? 30)));
    const page = Math.max(1, Number(req.query.page ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams({ ...req.query, per_page: String(perPage), page: String(p) });
      return `<${this.url}${req.path}?${q}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
    if (page > 1) links.push(link(1, "first"), link(page - 1, "prev"));
    this.send(res, req, 200, wrap ? wrap(slice) : slice, links.length ? { link: links.join(", ") } : {});
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): void {
    const u = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    let body: unknown = undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        body = raw.toString("utf8");
      }
    }
    const rec: RecordedRequest = {
      method,
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      authorization: req.headers.authorization,
      body,
      status: 0,
    };
    this.requests.push(rec);

    // Blob downloads (the redirect target) carry no token, like GitHub's storage URLs.
    const blob = /^\/_blobs\/(\d+)$/.exec(u.pathname);
    if (blob && method === "GET") {
      const a = this.artifacts.find((x) => x.id === Number(blob[1]));
      if (!a) return this.send(res, rec, 404, { message: "Not Found" });
      rec.status = 200;
      res.writeHead(200, { "content-type": "application/zip", "content-length": String(a.zip.length) });
      return void res.end(a.zip);
    }

    const token = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (token !== this.writeToken && token !== this.readToken) {
      return this.send(res, rec, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    }
    if (this.rateLimitOnce?.(method, u.pathname)) {
      this.rateLimitOnce = null;
      return this.send(res, rec, 403, { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." }, { "retry-after": "1" });
    }
    const writes = method !== "GET" && method !== "HEAD";
    if (writes && token === this.readToken) {
      return this.send(res, rec, 403, { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest" });
    }
    const forbidden = this.forbid?.(method, u.pathname);
    if (forbidden) return this.send(res, rec, 403, { message: forbidden, documentation_url: "https://docs.github.com/rest" });
    if (this.hang?.(method, u.pathname)) {
      rec.status = -1;
      return; // never answered
    }
    const b = this.barrier;
    if (b && b.match(method, u.pathname)) {
      b.held.push(() => this.route(method, u.pathname, rec, res));
      if (b.held.length >= b.count) {
        this.barrier = null;
        for (const go of b.held) go();
      }
      return;
    }
    if (this.lostResponseOnce?.(method, u.pathname)) {
      this.lostResponseOnce = null;
      const discard = { writeHead: () => discard, end: () => discard } as unknown as http.ServerResponse;
      this.route(method, u.pathname, { ...rec }, discard);
      return this.send(res, rec, 502, { message: "Server Error" });
    }
    this.route(method, u.pathname, rec, res);
  }

  private route(method: string, path: string, rec: RecordedRequest, res: http.ServerResponse): void {
    let m: RegExpExecArray | null;
    const body = (rec.body ?? {}) as Record<string, unknown>;
    const notFound = () => this.send(res, rec, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });

    if (path === "/user" && method === "GET") {
      // An installation token (GITHUB_TOKEN) may not read /user.
      return this.send(res, rec, 403, { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest/users/users#get-the-authenticated-user" });
    }
    if (path === "/graphql" && method === "POST") {
      const q = String(body.query ?? "");
      if (/viewer\s*\{\s*login\s*\}/.test(q)) return this.send(res, rec, 200, { data: { viewer: { login: this.botLogin } } });
      return this.send(res, rec, 200, { errors: [{ message: "unsupported query" }] });
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
      const [, owner, repo, n] = m as unknown as [string, string, string, string];
      if (!this.pulls.has(`${owner}/${repo}#${n}`)) return notFound();
      if (method === "GET") return this.paginate(rec, res, this.issueComments(owner, repo, Number(n)));
      if (method === "POST") {
        if (this.locked.has(`${owner}/${repo}#${n}`)) {
          return this.send(res, rec, 403, { message: "Unable to create comment because issue is locked.", documentation_url: "https://docs.github.com/articles/locking-conversations/" });
        }
        if (typeof body.body !== "string" || body.body.length > 65_536) return this.send(res, rec, 422, { message: "Validation Failed", errors: [{ message: "body is too long (maximum is 65536 characters)" }] });
        return this.send(res, rec, 201, this.addComment(owner, repo, Number(n), body.body, { login: this.botLogin, type: "Bot" }));
      }
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path)) && method === "DELETE") {
      const [, owner, repo, id] = m as unknown as [string, string, string, string];
      for (const [key, list] of this.comments) {
        if (!key.startsWith(`${owner}/${repo}#`)) continue;
        const at = list.findIndex((x) => x.id === Number(id));
        if (at < 0) continue;
        if (list[at]!.user.login !== this.botLogin && !this.editAnyComment) return this.send(res, rec, 403, { message: "Resource not accessible by integration" });
        list.splice(at, 1);
        return this.send(res, rec, 204, undefined);
      }
      return notFound();
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path)) && method === "PATCH") {
      const [, owner, repo, id] = m as unknown as [string, string, string, string];
      for (const [key, list] of this.comments) {
        if (!key.startsWith(`${owner}/${repo}#`)) continue;
        const c = list.find((x) => x.id === Number(id));
        if (!c) continue;
        if (c.user.login !== this.botLogin && !this.editAnyComment) return this.send(res, rec, 403, { message: "Resource not accessible by integration" });
        if (typeof body.body !== "string" || body.body.length > 65_536) return this.send(res, rec, 422, { message: "Validation Failed" });
        c.body = body.body;
        c.updated_at = new Date().toISOString();
        return this.send(res, rec, 200, c);
      }
      return notFound();
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(path)) && method === "GET") {
      const pr = this.pulls.get(`${m[1]}/${m[2]}#${m[3]}`);
      return pr ? this.send(res, rec, 200, { ...pr, html_url: `https://github.com/${m[1]}/${m[2]}/pull/${m[3]}` }) : notFound();
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/.exec(path)) && method === "POST") {
      const output = (body.output ?? {}) as { annotations?: Record<string, unknown>[]; title?: string; summary?: string; text?: string };
      const anns = output.annotations ?? [];
      if (anns.length > 50) return this.send(res, rec, 422, { message: "Validation Failed", errors: ["Only 50 annotations are allowed per request"] });
      if (typeof body.name !== "string" || typeof body.head_sha !== "string") return this.send(res, rec, 422, { message: "Validation Failed" });
      const id = this.id();
      const run: CheckRun = {
        id,
        name: body.name,
        head_sha: body.head_sha,
        status: String(body.status ?? "queued"),
        conclusion: (body.conclusion as string | undefined) ?? null,
        external_id: (body.external_id as string | undefined) ?? null,
        details_url: (body.details_url as string | undefined) ?? null,
        output: { title: output.title, summary: output.summary, text: output.text },
        annotations: [...anns],
        html_url: `https://github.com/${m[1]}/${m[2]}/runs/${id}`,
      };
      this.checkRuns.push(run);
      return this.send(res, rec, 201, run);
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/.exec(path)) && method === "PATCH") {
      const run = this.checkRuns.find((r) => r.id === Number(m![3]));
      if (!run) return notFound();
      const output = (body.output ?? {}) as { annotations?: Record<string, unknown>[]; title?: string; summary?: string };
      if ((output.annotations ?? []).length > 50) return this.send(res, rec, 422, { message: "Validation Failed", errors: ["Only 50 annotations are allowed per request"] });
      run.annotations.push(...(output.annotations ?? []));
      if (output.title) run.output.title = output.title;
      if (output.summary) run.output.summary = output.summary;
      if (body.conclusion) run.conclusion = String(body.conclusion);
      if (body.status) run.status = String(body.status);
      return this.send(res, rec, 200, run);
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/check-runs$/.exec(path)) && method === "GET") {
      const runs = this.checkRuns.filter((r) => r.head_sha === m![3] && (!rec.query.check_name || r.name === rec.query.check_name));
      return this.send(res, rec, 200, { total_count: runs.length, check_runs: runs });
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/([^/]+)\/runs$/.exec(path)) && method === "GET") {
      const wf = decodeURIComponent(m[3]!);
      const runs = this.workflowRuns
        .filter((r) => r.workflow === wf && (!rec.query.branch || r.head_branch === rec.query.branch) && (!rec.query.status || r.conclusion === rec.query.status))
        .sort((a, b) => b.id - a.id);
      return this.paginate(rec, res, runs, (page) => ({ total_count: runs.length, workflow_runs: page }));
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/artifacts$/.exec(path)) && method === "GET") {
      const list = this.artifacts
        .filter((a) => a.runId === Number(m![3]) && (!rec.query.name || a.name === rec.query.name))
        .map((a) => ({ id: a.id, name: a.name, expired: a.expired, size_in_bytes: a.zip.length, workflow_run: { id: a.runId } }));
      return this.paginate(rec, res, list, (page) => ({ total_count: list.length, artifacts: page }));
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/artifacts\/(\d+)\/zip$/.exec(path)) && method === "GET") {
      const a = this.artifacts.find((x) => x.id === Number(m![3]));
      if (!a) return notFound();
      if (a.expired) return this.send(res, rec, 410, { message: "Artifact has expired" });
      return this.send(res, rec, 302, undefined, { location: `${this.url}/_blobs/${a.id}` });
    }
    return notFound();
  }
}
