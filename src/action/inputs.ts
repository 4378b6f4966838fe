/**
 * The action's inputs, parsed and checked once, with one-line errors naming the input.
 *
 * The runner fills in action.yml's defaults; DEFAULTS repeats them so the action behaves the
 * same when run directly (tests, other runners). A test keeps the two in step.
 */
import * as core from "@actions/core";
import { UserError } from "../adapters/fs/model-file.js";
import { ONNXRUNTIME_VERSION } from "../adapters/onnxruntime/runtime.js";
import { FAIL_ON, type FailOn } from "../report/diff.js";
import { parseShard, type ShardSpec } from "../audit/shard.js";
import { EXACT_VERSION } from "./runtime.js";

export type Mode = "analyze" | "comment-from-artifact" | "merge";
export type BaselineMode = "rerun" | "file" | "artifact" | "none";
export type CommentMode = "update" | "new" | "off";

export interface ActionConfig {
  mode: Mode;
  models: string[];
  export: string[];
  exportInputs: string[];
  exportDir: string;
  exportCommand: string;
  python: string;
  sidecars: string[];
  baseline: BaselineMode;
  baselineFile: string;
  updateBaseline: boolean;
  artifactName: string;
  failOn: FailOn;
  allowedIncrease: number;
  /** How far a model's evidence coverage or coverage may fall, a share in [0, 1]. */
  allowedCoverageDrop: number;
  confidenceThreshold: number;
  comment: CommentMode;
  /** Empty: derived (workflow/job, or the PR job's key in comment-from-artifact mode). */
  commentKey: string;
  checkRun: boolean;
  checkName: string;
  githubToken: string;
  reportPath: string;
  badgePath: string;
  badgeLabel: string;
  workingDirectory: string;
  /** Prove the selected modules equivalent with ONNX Runtime. */
  validateModules: boolean;
  /** Instance-path depth of the modules validate-modules checks; null: the repeated layers. */
  validateDepth: number | null;
  /** Gate on the equivalence figure; null: report only. */
  minEquivalentShare: number | null;
  onnxruntimeVersion: string;
  /** An audit manifest (relative to working-directory): the models, their limits. */
  manifest: string;
  /** Audit only this part of the manifest (a matrix job). */
  shard: ShardSpec | null;
  /** mode: merge: globs of the shard folders (downloaded shard artifacts). */
  shardReports: string[];
  /** Per-stage timings in the report (then it is not byte-stable between runs). */
  timings: boolean;
  /** JSONL audit history to append to (whole audits only). */
  historyFile: string;
  /** SVG trend chart drawn from history-file. */
  trendPath: string;
}

/** action.yml's defaults (github-token's `${{ github.token }}` becomes GITHUB_TOKEN or ""). */
export const DEFAULTS: Record<string, string> = {
  mode: "analyze",
  models: "",
  export: "",
  "export-inputs": "",
  "export-dir": ".modelexport/models",
  "export-command": "",
  python: "",
  sidecars: "",
  baseline: "rerun",
  "baseline-file": ".modelexport/baseline.json",
  "update-baseline": "false",
  "artifact-name": "modelexport-report",
  "fail-on": "total",
  "allowed-increase": "0",
  "allowed-coverage-drop": "0",
  "confidence-threshold": "0.7",
  comment: "update",
  "comment-key": "",
  "check-run": "true",
  "check-name": "modelexport",
  "github-token": "${{ github.token }}",
  "report-path": "modelexport-report/report.json",
  "badge-path": "modelexport-report/badge.json",
  "badge-label": "contamination",
  "working-directory": ".",
  "validate-modules": "false",
  "validate-depth": "",
  "min-equivalent-share": "",
  "onnxruntime-version": ONNXRUNTIME_VERSION,
  manifest: "",
  shard: "",
  "shard-reports": "",
  "history-file": "",
  timings: "false",
  "trend-path": "",
};

function raw(name: string): string {
  const v = core.getInput(name);
  if (v !== "") return v;
  if (name === "github-token") return process.env.GITHUB_TOKEN ?? "";
  return DEFAULTS[name] ?? "";
}

function oneOf<T extends string>(name: string, allowed: readonly T[]): T {
  const v = raw(name).trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UserError(`input '${name}' must be one of ${allowed.join(", ")}; got '${raw(name)}'`);
  }
  return v as T;
}

function bool(name: string): boolean {
  const v = raw(name).trim().toLowerCase();
  if (["true", "yes", "on", "1"].includes(v)) return true;
  if (["false", "no", "off", "0", ""].includes(v)) return false;
  throw new UserError(`input '${name}' must be true or false; got '${raw(name)}'`);
}

function number(name: string, min: number, max: number, integer = false): number {
  const s = raw(name).trim();
  const n = Number(s);
  if (s === "" || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UserError(`input '${name}' must be ${integer ? "an integer" : "a number"} from ${min} to ${max}; got '${raw(name)}'`);
  }
  return n;
}

/** A number, or null when the input is empty. */
function optionalNumber(name: string, min: number, max: number, integer = false): number | null {
  return raw(name).trim() === "" ? null : number(name, min, max, integer);
}

function shardInput(): ShardSpec | null {
  try {
    return parseShard(raw("shard"));
  } catch (err) {
    throw new UserError(`input 'shard' ${(err as Error).message}`);
  }
}

/** One item per line (blank lines and `#` comments dropped); commas do not split (globs use them). */
function lines(name: string): string[] {
  return raw(name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

export function readInputs(): ActionConfig {
  const cfg: ActionConfig = {
    mode: oneOf("mode", ["analyze", "comment-from-artifact", "merge"] as const),
    models: lines("models"),
    export: lines("export"),
    exportInputs: lines("export-inputs"),
    exportDir: raw("export-dir").trim(),
    exportCommand: raw("export-command").trim(),
    python: raw("python").trim(),
    sidecars: lines("sidecars"),
    baseline: oneOf("baseline", ["rerun", "file", "artifact", "none"] as const),
    baselineFile: raw("baseline-file").trim(),
    updateBaseline: bool("update-baseline"),
    artifactName: raw("artifact-name").trim(),
    failOn: oneOf("fail-on", FAIL_ON),
    allowedIncrease: number("allowed-increase", 0, 1e9, true),
    allowedCoverageDrop: number("allowed-coverage-drop", 0, 1),
    confidenceThreshold: number("confidence-threshold", 0, 1),
    comment: oneOf("comment", ["update", "new", "off"] as const),
    commentKey: raw("comment-key").trim(),
    checkRun: bool("check-run"),
    checkName: raw("check-name").trim() || "modelexport",
    githubToken: raw("github-token").trim(),
    reportPath: raw("report-path").trim(),
    badgePath: raw("badge-path").trim(),
    badgeLabel: raw("badge-label").trim() || "contamination",
    workingDirectory: raw("working-directory").trim() || ".",
    validateModules: bool("validate-modules"),
    validateDepth: optionalNumber("validate-depth", 1, 1000, true),
    minEquivalentShare: optionalNumber("min-equivalent-share", 0, 1),
    onnxruntimeVersion: raw("onnxruntime-version").trim() || ONNXRUNTIME_VERSION,
    manifest: raw("manifest").trim(),
    shard: shardInput(),
    shardReports: lines("shard-reports"),
    historyFile: raw("history-file").trim(),
    timings: bool("timings"),
    trendPath: raw("trend-path").trim(),
  };
  if (cfg.githubToken.startsWith("${{")) cfg.githubToken = "";
  if (cfg.githubToken) core.setSecret(cfg.githubToken);
  if (cfg.mode === "analyze" && cfg.models.length === 0 && cfg.export.length === 0 && cfg.manifest === "") {
    throw new UserError("input 'models' is required: a glob of the ONNX files to analyse (one per line), unless 'export' names models to export or 'manifest' lists them");
  }
  if (cfg.manifest !== "" && (cfg.models.length > 0 || cfg.export.length > 0)) {
    throw new UserError(`input 'manifest' lists the models itself: leave '${cfg.models.length > 0 ? "models" : "export"}' empty`);
  }
  if (cfg.shard !== null && (cfg.manifest === "" || cfg.mode !== "analyze")) {
    throw new UserError(cfg.mode === "analyze" ? "input 'shard' splits an audit: it needs 'manifest'" : `input 'shard' is for the matrix jobs (mode: analyze), not mode: ${cfg.mode}`);
  }
  if (cfg.mode === "merge") {
    if (cfg.shardReports.length === 0) throw new UserError("mode: merge needs 'shard-reports': the folders the shard artifacts were downloaded to (a glob, one per line)");
    if (cfg.baseline === "rerun") throw new UserError("mode: merge cannot re-run the base commit (the zoo is split for a reason): set baseline to file, artifact or none");
  }
  if ((cfg.historyFile !== "" || cfg.trendPath !== "") && cfg.shard !== null) {
    throw new UserError("inputs 'history-file' and 'trend-path' record whole audits: set them on the merge job, not on a shard");
  }
  if (cfg.trendPath !== "" && cfg.historyFile === "") throw new UserError("input 'trend-path' draws the audit history: set 'history-file' too");
  if (cfg.reportPath === "") throw new UserError("input 'report-path' must not be empty");
  if (/\.html?$/i.test(cfg.reportPath)) throw new UserError(`input 'report-path' names the JSON report (report.html is written beside it); got '${cfg.reportPath}'`);
  if (cfg.baseline === "file" && cfg.baselineFile === "") throw new UserError("input 'baseline-file' is required with baseline: file");
  if (cfg.artifactName === "" && (cfg.baseline === "artifact" || cfg.mode === "comment-from-artifact")) {
    throw new UserError("input 'artifact-name' must not be empty");
  }
  if (!EXACT_VERSION.test(cfg.onnxruntimeVersion)) {
    throw new UserError(`input 'onnxruntime-version' must be an exact version such as ${ONNXRUNTIME_VERSION} (the install is pinned); got '${raw("onnxruntime-version")}'`);
  }
  if (cfg.mode === "analyze" && !cfg.validateModules && (cfg.minEquivalentShare !== null || cfg.validateDepth !== null)) {
    throw new UserError(`input '${cfg.minEquivalentShare !== null ? "min-equivalent-share" : "validate-depth"}' needs validate-modules: true`);
  }
  return cfg;
}
