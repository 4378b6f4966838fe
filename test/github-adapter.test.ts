import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadArtifact, latestSuccessfulArtifact } from "../src/adapters/github/artifacts.js";
import { ANNOTATIONS_PER_REQUEST, publishCheckRun, type Annotation } from "../src/adapters/github/checks.js";
import { explain, GitHubApiError, GitHubClient, retryDelay } from "../src/adapters/github/client.js";
import { findComment, upsertComment } from "../src/adapters/github/comments.js";
import { crc32, readZip } from "../src/adapters/github/zip.js";
import { FakeGitHub } from "./support/github-server.js";
import { writeZip } from "./support/zip.js";

const owner = "Codertocat";
const repo = "Hello-World";
const marker = "<!-- modelexport-action:comment key=ci/gate -->";

let gh: FakeGitHub;
const logs: string[] = [];
const client = (token = gh.writeToken) => new GitHubClient({ token, baseUrl: gh.url, log: (l) => logs.push(l), backoffMs: 10 });

beforeAll(async () => {
  gh = await new FakeGitHub({ secondaryRateLimitOnce: (m, p) => m === "POST" && p.endsWith("/check-runs") }).start();
  gh.pulls.set(`${owner}/${repo}#2`, { number: 2, head: { sha: "a".repeat(40), ref: "changes", repo: { full_name: `${owner}/${repo}` } }, base: { sha: "b".repeat(40), ref: "master", repo: { full_name: `${owner}/${repo}` } } });
});
afterAll(() => gh.close());

describe("sticky comment", () => {
  it("finds the marker on a later page and edits it in place", async () => {
    for (let i = 0; i < 150; i++) gh.addComment(owner, repo, 2, `chatter ${i}`);
    // Somebody pasted the marker by hand; the bot's own comment comes later and wins.
    gh.addComment(owner, repo, 2, `quoting ${marker}`, { login: "someone", type: "User" });
    const own = gh.addComment(owner, repo, 2, `${marker}\nold`, { login: "github-actions[bot]", type: "Bot" });
    gh.clearRequests();
    const res = await upsertComment(client(), { owner, repo, issue: 2 }, marker, `${marker}\nnew`);
    expect(res).toMatchObject({ action: "updated", id: own.id });
    const lists = gh.requests.filter((r) => r.method === "GET" && r.path.endsWith("/comments"));
    expect(lists.map((r) => r.query.page ?? "1")).toEqual(["1", "2"]);
    expect(gh.requests.filter((r) => r.method === "POST" && r.path.endsWith("/comments"))).toHaveLength(0);
    expect(own.body).toBe(`${marker}\nnew`);
    const again = await upsertComment(client(), { owner, repo, issue: 2 }, marker, `${marker}\nnew`);
    expect(again.action).toBe("unchanged");
  });

  it("creates one when there is none, and never when listing fails", async () => {
    const other = "<!-- modelexport-action:comment key=other -->";
    gh.clearRequests();
    await expect(upsertComment(client("wrong-token"), { owner, repo, issue: 2 }, other, `${other}\nx`)).rejects.toThrow(/401 Bad credentials.*github-token/);
    expect(gh.requests.filter((r) => r.method === "POST")).toHaveLength(0);
    const res = await upsertComment(client(), { owner, repo, issue: 2 }, other, `${other}\nx`);
    expect(res.action).toBe("created");
    expect((await findComment(client(), { owner, repo, issue: 2 }, other))?.id).toBe(res.id);
  });

  it("mode new adds a comment each time; a create whose response was lost is not repeated", async () => {
    const k = "<!-- modelexport-action:comment key=new -->";
    await upsertComment(client(), { owner, repo, issue: 2 }, k, `${k}\n1`, "new");
    await upsertComment(client(), { owner, repo, issue: 2 }, k, `${k}\n2`, "new");
    expect(gh.issueComments(owner, repo, 2).filter((c) => c.body.includes(k))).toHaveLength(2);
    const lost = "<!-- modelexport-action:comment key=lost -->";
    gh.lostResponseOnce = (m, p) => m === "POST" && p.endsWith("/comments");
    const res = await upsertComment(client(), { owner, repo, issue: 2 }, lost, `${lost}\nbody`);
    expect(res.action).toBe("created");
    expect(gh.issueComments(owner, repo, 2).filter((c) => c.body.includes(lost))).toHaveLength(1);
  });

  it("explains a read-only token and a missing pull request, never showing the token", async () => {
    const err = await upsertComment(client(gh.readToken), { owner, repo, issue: 2 }, "<!-- k -->", "<!-- k -->").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitHubApiError);
    expect((err as GitHubApiError).status).toBe(403);
    expect((err as Error).message).toMatch(/permissions: pull-requests: write/);
    expect((err as Error).message).not.toContain(gh.readToken);
    const missing = await upsertComment(client(), { owner, repo, issue: 99 }, "<!-- k -->", "<!-- k -->").catch((e: unknown) => e);
    expect((missing as Error).message).toMatch(/404 Not Found.*does not exist or the token cannot see it/);
  });
});

describe("sticky comment: ours only, one only", () => {
  const key = (k: string) => `<!-- modelexport-action:comment key=${k} -->`;
  it("never edits a person's comment that quotes the marker, even with a token allowed to; creates ours", async () => {
    gh.pulls.set(`${owner}/${repo}#3`, { number: 3, head: { sha: "a".repeat(40), ref: "x", repo: { full_name: `${owner}/${repo}` } }, base: { sha: "b".repeat(40), ref: "master", repo: { full_name: `${owner}/${repo}` } } });
    const m = key("person");
    const person = gh.addComment(owner, repo, 3, `As the bot said:\n> ${m}\n> 3 unresolved\nI disagree.`, { login: "octocat", type: "User" });
    const text = person.body;
    gh.editAnyComment = true;
    try {
      gh.clearRequests();
      const res = await upsertComment(client(), { owner, repo, issue: 3 }, m, `${m}\nours`);
      expect(res).toMatchObject({ action: "created", foreign: 1, identity: "github-actions[bot]" });
      expect(person.body).toBe(text);
      expect(gh.requests.filter((r) => r.method === "PATCH" || r.method === "DELETE")).toEqual([]);
      // The identity came from GraphQL viewer: GET /user is refused to an installation token.
      expect(gh.requests.filter((r) => r.path === "/user" || r.path === "/graphql").map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["GET /user 403", "POST /graphql 200"]);
      const again = await upsertComment(client(), { owner, repo, issue: 3 }, m, `${m}\nours, again`);
      expect(again).toMatchObject({ action: "updated", id: res.id });
      expect(person.body).toBe(text);
    } finally {
      gh.editAnyComment = false;
    }
  });

  it("two runs at the same moment end with one comment: the oldest kept, with the last body", async () => {
    const m = key("race");
    const t = { owner, repo, issue: 2 };
    // Both list before either creates: the race that leaves two comments without a second look.
    gh.barrier = { match: (meth, p) => meth === "GET" && p.endsWith("/issues/2/comments"), count: 2, held: [] };
    const [a, b] = await Promise.all([upsertComment(client(), t, m, `${m}\nrun A`), upsertComment(client(), t, m, `${m}\nrun B`)]);
    const left = gh.issueComments(owner, repo, 2).filter((c) => c.body.includes(m));
    expect(left).toHaveLength(1);
    expect(a.removed + b.removed).toBeGreaterThanOrEqual(1);
    expect([a.id, b.id]).toContain(left[0]!.id);
    expect(["run A", "run B"].some((x) => left[0]!.body.endsWith(x))).toBe(true);
  });

  it("a locked conversation is said to be locked, with no advice about permissions", async () => {
    gh.locked.add(`${owner}/${repo}#2`);
    try {
      const err = (await upsertComment(client(), { owner, repo, issue: 2 }, key("locked"), `${key("locked")}\nx`).catch((e: unknown) => e)) as GitHubApiError;
      expect(err).toBeInstanceOf(GitHubApiError);
      expect(err.kind).toBe("locked");
      expect(err.message).toMatch(/403 Unable to create comment because issue is locked\. The conversation is locked/);
      expect(err.message).not.toContain("grant");
    } finally {
      gh.locked.delete(`${owner}/${repo}#2`);
    }
  });
});

describe("403s told apart, timeouts", () => {
  it("a rate limit that outlasts the waits allowed is a rate limit, not a permission", async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const err = explain({ status: 403, message: "x", response: { headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) }, data: { message: "API rate limit exceeded for installation" } } }, { what: "listing", permission: "pull-requests: read" }) as GitHubApiError;
    expect(err.kind).toBe("rate-limit");
    expect(err.message).toContain(`Rate limited (the limit resets at ${new Date(reset * 1000).toISOString()})`);
    expect(err.message).not.toContain("grant");
    const perm = explain({ status: 403, message: "x", response: { headers: {}, data: { message: "Resource not accessible by integration" } } }, { what: "creating", permission: "checks: write" }) as GitHubApiError;
    expect(perm.kind).toBe("permission");
    expect(perm.message).toContain("grant `permissions: checks: write`");
  });

  it("a hung call ends within its timeout; a hung POST is not repeated", async () => {
    const quick = new GitHubClient({ token: gh.writeToken, baseUrl: gh.url, backoffMs: 10, timeoutMs: 300 });
    gh.hang = (_m, p) => p.endsWith("/issues/2/comments") || p.includes("/actions/");
    try {
      gh.clearRequests();
      const started = Date.now();
      const err = (await latestSuccessfulArtifact(quick, { owner, repo, workflow: "gate.yml", branch: "master", name: "x" }).catch((e: unknown) => e)) as GitHubApiError;
      const took = Date.now() - started;
      expect(err.kind).toBe("timeout");
      expect(err.message).toMatch(/listing the successful runs .* failed: no answer within 0\.3s \(timed out\)/);
      // One attempt and one retry (a GET), each cut at 0.3 s.
      expect(gh.requests.filter((r) => r.path.includes("/actions/"))).toHaveLength(2);
      expect(took).toBeLessThan(2000);
      gh.clearRequests();
      const post = (await quick
        .call("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner, repo, issue_number: 2, body: "x" }, { what: "creating a comment" })
        .catch((e: unknown) => e)) as GitHubApiError;
      expect(post.kind).toBe("timeout");
      expect(gh.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    } finally {
      gh.hang = null;
    }
  });
});

describe("check runs", () => {
  it("sends annotations in batches of at most 50, riding out a secondary rate limit", async () => {
    gh.clearRequests();
    logs.length = 0;
    const annotations: Annotation[] = Array.from({ length: 120 }, (_, i) => ({ path: "models/bert.onnx", start_line: 1, end_line: 1, annotation_level: "warning", message: `case ${i}` }));
    const started = Date.now();
    const res = await publishCheckRun(client(), { owner, repo, name: "modelexport", headSha: "a".repeat(40), conclusion: "failure", title: "t", summary: "s", annotations, externalId: "x-1" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(logs.some((l) => /secondary rate limit \(retry-after 1s\); retrying in 1s/.test(l))).toBe(true);
    const writes = gh.requests.filter((r) => r.method !== "GET" && r.status < 300);
    expect(writes.map((r) => r.method)).toEqual(["POST", "PATCH", "PATCH"]);
    for (const w of writes) expect(((w.body as { output: { annotations?: unknown[] } }).output.annotations ?? []).length).toBeLessThanOrEqual(ANNOTATIONS_PER_REQUEST);
    const run = gh.checkRuns.find((r) => r.id === res.id)!;
    expect(run.annotations).toHaveLength(120);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure", external_id: "x-1" });
    expect(res.requests).toBe(3);
  });

  it("finds a check run whose create answer was lost by its external id instead of creating another", async () => {
    gh.lostResponseOnce = (m, p) => m === "POST" && p.endsWith("/check-runs");
    const sha = "c".repeat(40);
    const res = await publishCheckRun(client(), { owner, repo, name: "modelexport", headSha: sha, conclusion: "success", title: "t", summary: "s", annotations: [], externalId: "run-7" });
    expect(gh.checkRuns.filter((r) => r.head_sha === sha)).toHaveLength(1);
    expect(res.id).toBe(gh.checkRuns.find((r) => r.head_sha === sha)!.id);
  });

  it("names checks: write on a 403", async () => {
    const err = await publishCheckRun(client(gh.readToken), { owner, repo, name: "m", headSha: "a".repeat(40), conclusion: "success", title: "t", summary: "s", annotations: [] }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/permissions: checks: write/);
  });
  it("a failed annotation update is reported with how many annotations were delivered", async () => {
    gh.forbid = (m, p) => (m === "PATCH" && /\/check-runs\/\d+$/.test(p) ? "Resource not accessible by integration" : null);
    try {
      const annotations: Annotation[] = Array.from({ length: 120 }, (_, i) => ({ path: "m.onnx", start_line: 1, end_line: 1, annotation_level: "warning", message: `case ${i}` }));
      const res = await publishCheckRun(client(), { owner, repo, name: "partial", headSha: "e".repeat(40), conclusion: "failure", title: "t", summary: "s", annotations });
      expect(res).toMatchObject({ annotations: 50, wanted: 120 });
      expect(res.annotationError?.message).toMatch(/adding annotations 51\u2013100 to check run \d+ failed: 403/);
      expect(gh.checkRuns.find((r) => r.id === res.id)!.annotations).toHaveLength(50);
    } finally {
      gh.forbid = null;
    }
  });

});

describe("retry policy", () => {
  const err = (status: number, headers: Record<string, string>, message = "x") => ({ status, message, response: { headers, data: { message } } });
  it("waits for the primary rate limit reset, honours retry-after, backs off on 5xx for idempotent calls only", () => {
    const now = 1_700_000_000_000;
    expect(retryDelay(err(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 30) }), "POST", 0, 1000, now)?.ms).toBe(31_000);
    expect(retryDelay(err(429, { "retry-after": "7" }), "POST", 0, 1000)?.ms).toBe(7000);
    expect(retryDelay(err(403, {}, "You have exceeded a secondary rate limit"), "GET", 0, 1000)?.ms).toBe(60_000);
    expect(retryDelay(err(403, {}, "Resource not accessible by integration"), "GET", 0, 1000)).toBeNull();
    expect(retryDelay(err(502, {}), "GET", 2, 1000)?.ms).toBe(4000);
    expect(retryDelay(err(502, {}), "POST", 0, 1000)).toBeNull();
    expect(retryDelay(err(404, {}), "GET", 0, 1000)).toBeNull();
  });
});

describe("zip reader", () => {
  const py = "/usr/bin/python3";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mx-zip-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const pyZip = (file: string, code: string) => execFileSync(py, ["-c", `import zipfile\n${code}`], { cwd: dir, env: { ...process.env, F: file } });

  it("reads archives written by Python's zipfile: deflated, stored, ZIP64, with a comment", () => {
    pyZip("a.zip", `
import os
with zipfile.ZipFile(os.environ["F"], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("report.json", '{"a": 1}' * 1000)
    z.writestr("sub/", "")
    z.writestr(zipfile.ZipInfo("stored.txt"), "plain")
    z.comment = b"artifact"
`);
    pyZip("b.zip", `
import os
with zipfile.ZipFile(os.environ["F"], "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("big.json", "w", force_zip64=True) as f:
        f.write(b"x" * 5000)
`);
    const a = readZip(fs.readFileSync(path.join(dir, "a.zip")));
    expect(a.map((e) => e.name)).toEqual(["report.json", "stored.txt"]);
    expect(a[0]!.data.toString()).toBe('{"a": 1}'.repeat(1000));
    expect(a[1]!.data.toString()).toBe("plain");
    const b = readZip(fs.readFileSync(path.join(dir, "b.zip")));
    expect(b[0]!.data.length).toBe(5000);
  });

  it("refuses damaged and oversized archives with one line", () => {
    const good = writeZip([{ name: "r.json", data: "hello world" }]);
    expect(readZip(good)[0]!.data.toString()).toBe("hello world");
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    const stored = writeZip([{ name: "r.json", data: "hello world" }], { deflate: false });
    const bad = Buffer.from(stored);
    const at = 30 + "r.json".length + 2; // inside the payload
    bad[at] = bad[at]! ^ 0xff;
    expect(() => readZip(bad, "artifact 7")).toThrow(/artifact 7: not a readable ZIP archive: r.json: CRC-32 mismatch/);
    const cut = good.subarray(0, good.length - 30);
    expect(() => readZip(cut)).toThrow(/not a readable ZIP archive/);
    expect(() => readZip(Buffer.from("not a zip at all, not at all"))).toThrow(/no end-of-central-directory/);
    expect(() => readZip(writeZip([{ name: "big", data: Buffer.alloc(4096) }]), "a", { maxEntryBytes: 1000 })).toThrow(/over the 1000-byte limit/);
  });
});

describe("artifacts", () => {
  it("finds the base branch's latest successful run with the artifact and downloads it through the redirect", async () => {
    const full = `${owner}/${repo}`;
    gh.workflowRuns.push(
      { id: 10, workflow: "gate.yml", head_branch: "master", head_sha: "1".repeat(40), event: "push", status: "completed", conclusion: "success", head_repository: { full_name: full } },
      { id: 11, workflow: "gate.yml", head_branch: "master", head_sha: "2".repeat(40), event: "push", status: "completed", conclusion: "failure", head_repository: { full_name: full } },
      { id: 12, workflow: "gate.yml", head_branch: "master", head_sha: "3".repeat(40), event: "pull_request", status: "completed", conclusion: "success", head_repository: { full_name: "evil/fork" } },
      { id: 13, workflow: "gate.yml", head_branch: "master", head_sha: "4".repeat(40), event: "push", status: "completed", conclusion: "success", head_repository: { full_name: full } },
    );
    gh.artifacts.push(
      { id: 500, runId: 10, name: "modelexport-report", expired: false, zip: writeZip([{ name: "report.json", data: '{"run":10}' }]) },
      { id: 501, runId: 12, name: "modelexport-report", expired: false, zip: writeZip([{ name: "report.json", data: '{"run":12}' }]) },
      { id: 502, runId: 13, name: "modelexport-report", expired: true, zip: writeZip([{ name: "report.json", data: '{"run":13}' }]) },
    );
    const found = await latestSuccessfulArtifact(client(), { owner, repo, workflow: "gate.yml", branch: "master", name: "modelexport-report" });
    expect(found).toMatchObject({ runId: 10, artifactId: 500, headSha: "1".repeat(40) });
    gh.clearRequests();
    const files = await downloadArtifact(client(), { owner, repo, artifactId: 500 });
    expect(files[0]!.data.toString()).toBe('{"run":10}');
    const blob = gh.requests.find((r) => r.path === "/_blobs/500")!;
    expect(blob.status).toBe(200);
    expect(await latestSuccessfulArtifact(client(), { owner, repo, workflow: "gate.yml", branch: "dev", name: "modelexport-report" })).toBeNull();
  });
});
