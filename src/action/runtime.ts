/**
 * onnxruntime-node for `validate-modules`, fetched at run time: the package is native and large,
 * so dist/ does not bundle it. It is installed, pinned, with npm into a cache folder and loaded
 * from there:
 *
 *   npm install --no-save --prefix <cache> onnxruntime-node@<version>
 *   (ONNXRUNTIME_NODE_INSTALL=skip: the CPU binaries ship in the package; no CUDA download)
 *
 * The cache is `$RUNNER_TOOL_CACHE/modelexport/onnxruntime-node/<version>` (else
 * `$XDG_CACHE_HOME` or `~/.cache`), reused when it holds a complete install of that version. The
 * tool cache of a GitHub-hosted runner lasts one job, so the folder is also kept in the Actions
 * cache (@actions/cache), keyed by version, platform and architecture: restored before npm would
 * run, saved right after an install. The Actions cache is best effort: when it is not available
 * (outside a runner) or fails, the step goes on with npm, with a warning for a failure.
 *
 * The install goes to a temporary folder beside the cache folder and is renamed into place once
 * complete: a failed or concurrent install never leaves a half-filled cache behind.
 * `$MODELEXPORT_ONNXRUNTIME_PATH` names an installed copy instead, and nothing is installed.
 */
import * as actionsCache from "@actions/cache";
import * as core from "@actions/core";
import * as exec from "@actions/exec";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UserError } from "../adapters/fs/model-file.js";
import { RUNTIME_PATH_ENV } from "../adapters/onnxruntime/runtime.js";

export const RUNTIME_PACKAGE = "onnxruntime-node";
/** Written into a cache folder once its install is complete. */
export const COMPLETE_MARKER = ".modelexport-runtime.json";

/** An exact version (the install is pinned): 1.30.0, 1.31.0-dev.20250101-abc. */
export const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** `<tool cache>/modelexport/onnxruntime-node`: one folder per version below it. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.RUNNER_TOOL_CACHE || (env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : path.join(env.HOME || os.homedir(), ".cache"));
  return path.join(base, "modelexport", RUNTIME_PACKAGE);
}

export function cacheDir(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheRoot(env), version);
}

/** The version installed in a cache folder, when the install there is complete. */
export function cachedVersion(dir: string): string | null {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(dir, COMPLETE_MARKER), "utf8")) as { version?: unknown };
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "node_modules", RUNTIME_PACKAGE, "package.json"), "utf8")) as { version?: unknown };
    return typeof manifest.version === "string" && manifest.version === marker.version ? manifest.version : null;
  } catch {
    return null;
  }
}

export interface NpmCommand {
  command: string;
  args: string[];
  /** Added to the environment npm runs in. */
  env: Record<string, string>;
}

/** The npm command that installs `version` into `prefix`. */
export function installCommand(version: string, prefix: string): NpmCommand {
  return {
    command: "npm",
    args: ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", prefix, `${RUNTIME_PACKAGE}@${version}`],
    env: { ONNXRUNTIME_NODE_INSTALL: "skip" },
  };
}

/** The Actions cache key of an install: one per version, platform and architecture. */
export function actionsCacheKey(version: string, platform: string = process.platform, arch: string = process.arch): string {
  return `modelexport-${RUNTIME_PACKAGE}-${version}-${platform}-${arch}`;
}

/** The Actions cache as ensureRuntime uses it (the @actions/cache functions; a test may pass its own). */
export interface ActionsCache {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], key: string): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export const defaultActionsCache: ActionsCache = {
  isFeatureAvailable: () => actionsCache.isFeatureAvailable(),
  restoreCache: (paths, key) => actionsCache.restoreCache(paths, key),
  saveCache: (paths, key) => actionsCache.saveCache(paths, key),
};

export type RuntimePlan =
  /** $MODELEXPORT_ONNXRUNTIME_PATH names an installed copy. */
  | { kind: "given"; dir: string }
  /** The cache holds a complete install of the version. */
  | { kind: "cached"; dir: string }
  /** npm installs it into `staging`, which is then renamed to `dir`. */
  | { kind: "install"; dir: string; staging: string; command: NpmCommand };

/** What `ensureRuntime` will do, decided from the environment and the cache folder. */
export function planRuntime(version: string, env: NodeJS.ProcessEnv = process.env): RuntimePlan {
  if (!EXACT_VERSION.test(version)) throw new UserError(`input 'onnxruntime-version' must be an exact version such as 1.30.0; got '${version}'`);
  const given = env[RUNTIME_PATH_ENV];
  if (given) return { kind: "given", dir: path.resolve(given) };
  const dir = cacheDir(version, env);
  if (cachedVersion(dir) === version) return { kind: "cached", dir };
  const staging = `${dir}.partial-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  return { kind: "install", dir, staging, command: installCommand(version, staging) };
}

export interface RuntimeLocation {
  /** The folder to load onnxruntime-node from (see RUNTIME_PATH_ENV). */
  dir: string;
  /** Where it came from: `restored` is the Actions cache, put into the cache folder. */
  source: RuntimePlan["kind"] | "restored";
}

function tail(text: string, lines = 6): string {
  return text
    .split("\n")
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-lines)
    .join(" / ");
}

/**
 * Make `version` of onnxruntime-node available (given, cached, restored from the Actions cache,
 * or installed now and saved there) and say where.
 */
export async function ensureRuntime(version: string, env: NodeJS.ProcessEnv = process.env, cache: ActionsCache = defaultActionsCache): Promise<RuntimeLocation> {
  const plan = planRuntime(version, env);
  if (plan.kind === "given") {
    core.info(`onnxruntime-node: using ${plan.dir} (${RUNTIME_PATH_ENV})`);
    return { dir: plan.dir, source: plan.kind };
  }
  if (plan.kind === "cached") {
    core.info(`onnxruntime-node ${version}: cached in ${plan.dir}`);
    return { dir: plan.dir, source: plan.kind };
  }
  const key = actionsCacheKey(version);
  const useActionsCache = cache.isFeatureAvailable();
  if (useActionsCache && (await restoreFromActionsCache(cache, plan.dir, key, version))) {
    core.info(`onnxruntime-node ${version}: restored from the Actions cache (${key}) into ${plan.dir}`);
    return { dir: plan.dir, source: "restored" };
  }
  core.info(`onnxruntime-node ${version}: not cached; installing into ${plan.dir}`);
  const installed = await install(plan, version, env);
  if (useActionsCache) await saveToActionsCache(cache, plan.dir, key);
  return installed;
}

async function restoreFromActionsCache(cache: ActionsCache, dir: string, key: string, version: string): Promise<boolean> {
  let hit: string | undefined;
  try {
    // An incomplete leftover would mix with the restored files.
    if (fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });
    hit = await cache.restoreCache([dir], key);
  } catch (err) {
    core.warning(`onnxruntime-node ${version}: the Actions cache could not be read (${(err as Error).message}); installing with npm`);
    return false;
  }
  if (hit === undefined) return false;
  if (cachedVersion(dir) === version) return true;
  core.warning(`onnxruntime-node ${version}: the Actions cache entry ${key} does not hold a complete install; installing with npm`);
  fs.rmSync(dir, { recursive: true, force: true });
  return false;
}

async function saveToActionsCache(cache: ActionsCache, dir: string, key: string): Promise<void> {
  try {
    const id = await cache.saveCache([dir], key);
    if (id !== -1) core.info(`onnxruntime-node: saved ${dir} to the Actions cache (${key})`);
  } catch (err) {
    core.warning(`onnxruntime-node: the install could not be saved to the Actions cache (${(err as Error).message}); the next job installs it again`);
  }
}

async function install(plan: Extract<RuntimePlan, { kind: "install" }>, version: string, env: NodeJS.ProcessEnv): Promise<RuntimeLocation> {
  fs.mkdirSync(plan.staging, { recursive: true });
  try {
    let res: exec.ExecOutput;
    try {
      res = await exec.getExecOutput(plan.command.command, plan.command.args, {
        cwd: plan.staging,
        env: { ...stringEnv(env), ...plan.command.env },
        ignoreReturnCode: true,
      });
    } catch (err) {
      throw new UserError(
        `validate-modules needs npm to install ${RUNTIME_PACKAGE}@${version}, and npm could not be started (${(err as Error).message}); ` +
          `add actions/setup-node before this step, or set ${RUNTIME_PATH_ENV} to an installed copy`,
      );
    }
    if (res.exitCode !== 0) {
      throw new UserError(`installing ${RUNTIME_PACKAGE}@${version} failed (npm exit ${res.exitCode}): ${tail(res.stderr || res.stdout) || "no output"}`);
    }
    const got = readVersion(path.join(plan.staging, "node_modules", RUNTIME_PACKAGE, "package.json"));
    if (got !== version) {
      throw new UserError(`installing ${RUNTIME_PACKAGE}@${version}: npm finished but installed ${got === null ? "no package" : `version ${got}`}`);
    }
    fs.writeFileSync(path.join(plan.staging, COMPLETE_MARKER), JSON.stringify({ package: RUNTIME_PACKAGE, version }) + "\n");
    // Into place: an incomplete leftover is replaced; a complete one another job just made is kept.
    if (fs.existsSync(plan.dir) && cachedVersion(plan.dir) !== version) fs.rmSync(plan.dir, { recursive: true, force: true });
    try {
      fs.renameSync(plan.staging, plan.dir);
    } catch (err) {
      if (cachedVersion(plan.dir) !== version) throw new UserError(`cannot move the onnxruntime-node install into ${plan.dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    core.info(`onnxruntime-node ${version}: installed in ${plan.dir}`);
    return { dir: plan.dir, source: plan.kind };
  } finally {
    fs.rmSync(plan.staging, { recursive: true, force: true });
  }
}

function readVersion(manifest: string): string | null {
  try {
    const v = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version?: unknown }).version;
    return typeof v === "string" ? v : null;
  } catch {
    return null;
  }
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
