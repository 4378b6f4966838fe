/**
 * The GitHub Actions cache service (the REST protocol @actions/cache speaks when
 * ACTIONS_CACHE_URL is set: look up, reserve, upload in ranges, commit, download) on 127.0.0.1,
 * so a test runs the real @actions/cache client, tar and all, without a runner. Entries are kept
 * in memory by key and version, as the service keeps them; every request is recorded.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

interface Entry {
  key: string;
  version: string;
  parts: { start: number; bytes: Buffer }[];
  archive: Buffer | null;
}

export class FakeActionsCache {
  readonly requests: string[] = [];
  url = "";
  private readonly server: http.Server;
  private readonly entries: Entry[] = [];

  constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.handle(req, Buffer.concat(chunks), res));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The committed entries' keys. */
  keys(): string[] {
    return this.entries.filter((e) => e.archive !== null).map((e) => e.key);
  }

  /** The environment a runner gives a step for this service. */
  env(): Record<string, string> {
    return { ACTIONS_CACHE_URL: this.url, ACTIONS_RUNTIME_TOKEN: "test-token" };
  }

  private handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", this.url);
    const send = (status: number, json?: unknown) => {
      this.requests.push(`${req.method} ${url.pathname} ${status}`);
      if (json === undefined) {
        res.writeHead(status).end();
      } else {
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
      }
    };
    if (req.headers.authorization !== "Bearer test-token" && !url.pathname.startsWith("/archive/")) return send(401, { message: "no token" });
    const api = "/_apis/artifactcache/";
    if (req.method === "GET" && url.pathname === `${api}cache`) {
      const keys = (url.searchParams.get("keys") ?? "").split(",");
      const version = url.searchParams.get("version");
      const hit = this.entries.find((e) => e.archive !== null && e.version === version && keys.includes(e.key));
      if (!hit) return send(204);
      return send(200, { cacheKey: hit.key, scope: "refs/heads/main", archiveLocation: `${this.url}archive/${this.entries.indexOf(hit)}` });
    }
    if (req.method === "POST" && url.pathname === `${api}caches`) {
      const { key, version } = JSON.parse(body.toString("utf8")) as { key: string; version: string };
      if (this.entries.some((e) => e.key === key && e.version === version)) return send(409, { message: `Cache already exists. Key: ${key}` });
      this.entries.push({ key, version, parts: [], archive: null });
      return send(201, { cacheId: this.entries.length }); // ids start at 1: the client takes 0 for none
    }
    const m = new RegExp(`^${api}caches/(\\d+)$`).exec(url.pathname);
    const entry = m ? this.entries[Number(m[1]) - 1] : undefined;
    if (entry && req.method === "PATCH") {
      const range = /^bytes (\d+)-(\d+)\/\*$/.exec(String(req.headers["content-range"]));
      if (!range || Number(range[2]) - Number(range[1]) + 1 !== body.length) return send(400, { message: "bad Content-Range" });
      entry.parts.push({ start: Number(range[1]), bytes: body });
      return send(204);
    }
    if (entry && req.method === "POST") {
      const { size } = JSON.parse(body.toString("utf8")) as { size: number };
      const archive = Buffer.alloc(size);
      let covered = 0;
      for (const p of entry.parts) {
        p.bytes.copy(archive, p.start);
        covered += p.bytes.length;
      }
      if (covered !== size) return send(400, { message: `uploaded ${covered} bytes, committed ${size}` });
      entry.archive = archive;
      return send(204);
    }
    const a = /^\/archive\/(\d+)$/.exec(url.pathname);
    const stored = a ? this.entries[Number(a[1])]?.archive : undefined;
    if (req.method === "GET" && stored) {
      this.requests.push(`GET ${url.pathname} 200`);
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": stored.length }).end(stored);
      return;
    }
    send(404, { message: "not found" });
  }
}
