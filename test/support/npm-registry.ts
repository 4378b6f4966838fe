/**
 * A small npm registry on 127.0.0.1 serving packages installed in this repository's
 * node_modules, so a test can run a real `npm install <name>@<version>` without the network:
 * point npm at it with `npm_config_registry`.
 *
 * Each package (and every dependency it needs, resolved as Node resolves them) is packed with
 * `npm pack` once and kept under .cache/test-npm-packs/ (packing onnxruntime-node takes a few
 * seconds); packuments carry the manifest, the tarball URL and its sha512 integrity. Every
 * request is recorded.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

interface Packed {
  name: string;
  version: string;
  manifest: Record<string, unknown>;
  file: string;
  integrity: string;
  shasum: string;
}

type Manifest = { name: string; version: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> } & Record<string, unknown>;

function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
}

/** Where Node finds `name` from a package at `from`: its own node_modules, then its ancestors'. */
function resolvePackageDir(name: string, from: string, root: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.resolve(dir) === path.resolve(root)) return null;
    const parent = path.dirname(dir);
    // Step out of `node_modules/<pkg>` (or `node_modules/@scope/<pkg>`) to the folder holding it.
    dir = path.basename(parent) === "node_modules" ? path.dirname(parent) : path.basename(path.dirname(parent)) === "node_modules" ? path.dirname(path.dirname(parent)) : parent;
  }
}

/** Every installed package folder `names` need, from `root` (the folder holding node_modules). */
export function dependencyClosure(root: string, names: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = names.map((n) => {
    const d = resolvePackageDir(n, root, root);
    if (!d) throw new Error(`${n} is not installed in ${root}`);
    return d;
  });
  while (queue.length > 0) {
    const dir = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const m = readManifest(dir);
    for (const [dep, optional] of [...Object.keys(m.dependencies ?? {}).map((d) => [d, false] as const), ...Object.keys(m.optionalDependencies ?? {}).map((d) => [d, true] as const)]) {
      const found = resolvePackageDir(dep, dir, root);
      if (!found) {
        if (optional) continue;
        throw new Error(`${m.name}: dependency ${dep} is not installed`);
      }
      queue.push(found);
    }
  }
  return [...seen].sort();
}

const tarballName = (name: string, version: string) => `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;

/** `npm pack` each folder into `cache` (skipping those already packed). */
export function packAll(dirs: readonly string[], cache: string): Packed[] {
  fs.mkdirSync(cache, { recursive: true });
  const manifests = dirs.map((d) => ({ dir: d, m: readManifest(d) }));
  const missing = manifests.filter(({ m }) => !fs.existsSync(path.join(cache, tarballName(m.name, m.version))));
  if (missing.length > 0) {
    execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", cache, ...missing.map((x) => x.dir)], { stdio: ["ignore", "ignore", "inherit"] });
  }
  return manifests.map(({ m }) => {
    const file = path.join(cache, tarballName(m.name, m.version));
    const bytes = fs.readFileSync(file);
    return {
      name: m.name,
      version: m.version,
      manifest: Object.fromEntries(Object.entries(m).filter(([k]) => !k.startsWith("_"))),
      file,
      integrity: `sha512-${crypto.createHash("sha512").update(bytes).digest("base64")}`,
      shasum: crypto.createHash("sha1").update(bytes).digest("hex"),
    };
  });
}

export interface RegistryRequest {
  method: string;
  path: string;
  status: number;
}

export class LocalRegistry {
  readonly requests: RegistryRequest[] = [];
  url = "";
  private readonly server: http.Server;
  private readonly byName = new Map<string, Packed[]>();

  constructor(packages: readonly Packed[]) {
    for (const p of packages) this.byName.set(p.name, [...(this.byName.get(p.name) ?? []), p]);
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  /** A registry serving `names` as installed under `root`, with everything they depend on. */
  static fromInstalled(root: string, names: readonly string[], cache: string): LocalRegistry {
    return new LocalRegistry(packAll(dependencyClosure(root, names), cache));
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

  private packument(name: string): Record<string, unknown> | null {
    const list = this.byName.get(name);
    if (!list) return null;
    const versions: Record<string, unknown> = {};
    for (const p of list) {
      versions[p.version] = { ...p.manifest, dist: { tarball: `${this.url}${name}/-/${path.basename(p.file)}`, integrity: p.integrity, shasum: p.shasum } };
    }
    return { name, "dist-tags": { latest: list.at(-1)!.version }, versions };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://registry");
    const p = decodeURIComponent(url.pathname);
    const reply = (status: number, type: string, body?: Buffer | string) => {
      this.requests.push({ method: req.method ?? "GET", path: p, status });
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    const tarball = /^\/((?:@[^/]+\/)?[^/@]+)\/-\/([^/]+\.tgz)$/.exec(p);
    if (req.method === "GET" && tarball) {
      const packed = this.byName.get(tarball[1]!)?.find((x) => path.basename(x.file) === tarball[2]);
      if (!packed) return reply(404, "application/json", JSON.stringify({ error: "not found" }));
      this.requests.push({ method: "GET", path: p, status: 200 });
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": fs.statSync(packed.file).size });
      fs.createReadStream(packed.file).pipe(res);
      return;
    }
    const doc = req.method === "GET" ? this.packument(p.slice(1)) : null;
    if (!doc) return reply(404, "application/json", JSON.stringify({ error: "not found" }));
    reply(200, "application/json", JSON.stringify(doc));
  }
}
