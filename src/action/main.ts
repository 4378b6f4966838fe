/**
 * The GitHub Action (bundled to dist/index.js).
 *
 * mode `analyze` (default), by event:
 * - pull_request: head vs the base branch; sticky comment + gating check run. From a fork the
 *   token is read-only: report, summary and outputs only, and the `workflow_run` companion posts.
 * - push: vs the previous commit (rerun of `before`) or the baseline file; check run; on the
 *   default branch `update-baseline` ratchets the baseline file.
 * - schedule, workflow_dispatch, others: an audit (summary, badge, outputs; no comment).
 * mode `comment-from-artifact` (a `workflow_run` job with write permissions): posts the comment
 * and check run of a fork PR's run from its report artifact.
 *
 * Job summary and outputs on every event; the step fails when the gate does.
 */
import * as core from "@actions/core";
import * as glob from "@actions/glob";
import fs from "node:fs";
import path from "node:path";
import { UserError } from "../adapters/fs/model-file.js";
import { toJson, writeFileAtomic, writeFilesAtomic } from "../adapters/fs/write.js";
import { downloadArtifact, runArtifact } from "../adapters/github/artifacts.js";
import { GitHubClient } from "../adapters/github/client.js";
import { stopAll } from "../adapters/process/children.js";
import { baselineOf, diffReports, evaluateGate, ratchetCheck } from "../report/diff.js";
import { combineGates, evaluateEquivalenceGate, parseEquivalence, type EquivalenceSummary, type NamedGate } from "../report/equivalence.js";
import { AUDIT_FILES, mergeShardFolders, prepareHistory, writeAuditFiles, writeHistory } from "../audit/run.js";
import { renderAuditMarkdown, type AuditSummary } from "../audit/summary.js";
import type { Report } from "../report/types.js";
import { ARTIFACT_REPORT, obtainBaseline, reportFromJson, type Baseline } from "./baseline.js";
import { describeEvent, type EventInfo } from "./event.js";
import { readInputs, type ActionConfig } from "./inputs.js";
import { analyzeSide, type SideResult } from "./models.js";
import { BASELINE_FILE, CONTEXT_FILE, EQUIVALENCE_FILE, HTML_FILE, publish, setOutputs, writeFiles, writeSummary, type ArtifactContext, type PublishResult, type RunOutcome } from "./publish.js";
import { validateModules } from "./validate.js";

function workspace(): string {
  return path.resolve(process.env.GITHUB_WORKSPACE ?? process.cwd());
}

/** The page of a workflow run (default: this one), where its artifacts are listed. */
function runUrl(id: string | number | undefined = process.env.GITHUB_RUN_ID): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo } = process.env;
  return server && repo && id !== undefined && id !== "" ? `${server.replace(/\/+$/, "")}/${repo}/actions/runs/${id}` : undefined;
}

function defaultKey(): string {
  return [process.env.GITHUB_WORKFLOW, process.env.GITHUB_JOB].filter(Boolean).join("/") || "default";
}

/** Milliseconds one attempt of a GitHub API call may take (default DEFAULT_TIMEOUT_MS, 30 s). */
export const API_TIMEOUT_ENV = "MODELEXPORT_API_TIMEOUT_MS";

function makeClient(cfg: ActionConfig): GitHubClient | null {
  if (!cfg.githubToken) return null;
  const timeout = Number(process.env[API_TIMEOUT_ENV]);
  return new GitHubClient({ token: cfg.githubToken, log: (l) => core.info(l), ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}) });
}

interface OutcomeExtras {
  /** The module equivalence figure, when validate-modules ran (or the artifact carries one). */
  equivalence?: EquivalenceSummary | null;
  /** The run whose artifact holds report.html (default: this run). */
  htmlRunUrl?: string | undefined;
  /** With a manifest: the audit summary, whose per-model limits are a gate of their own. */
  audit?: AuditSummary | null;
}

/** The manifest's per-model limits as a gate; off when no model has one. */
function auditGate(audit: AuditSummary): NamedGate {
  const limited = audit.models.some((m) => m.status !== "report");
  return { label: "audit limits", conclusion: limited ? audit.gate.conclusion : "off", reason: audit.gate.reason };
}

function outcome(cfg: ActionConfig, report: Report, baseline: Baseline, headLabel: string, extras: OutcomeExtras = {}): RunOutcome {
  const diff = diffReports(baseline.report, report);
  const contamination = evaluateGate(diff, { failOn: cfg.failOn, allowedIncrease: cfg.allowedIncrease, allowedCoverageDrop: cfg.allowedCoverageDrop });
  const eqGate = extras.equivalence ? evaluateEquivalenceGate(extras.equivalence, cfg.minEquivalentShare) : null;
  const gate = combineGates(contamination, eqGate, extras.audit ? [auditGate(extras.audit)] : []);
  const url = runUrl();
  const htmlRun = "htmlRunUrl" in extras ? extras.htmlRunUrl : url;
  return {
    report,
    baseline: baseline.report,
    diff,
    gate,
    render: {
      headLabel,
      ...(baseline.label ? { baseLabel: baseline.label } : {}),
      ...(baseline.note ? { baselineNote: baseline.note } : {}),
      ...(url ? { runUrl: url } : {}),
      ...(htmlRun ? { htmlReport: { runUrl: htmlRun, artifact: cfg.artifactName || "modelexport-report", file: HTML_FILE } } : {}),
      ...(extras.equivalence && eqGate ? { equivalence: { summary: extras.equivalence, gate: eqGate } } : {}),
    },
    audit: extras.audit ?? null,
  };
}

/** The line the step fails with: which rules were applied. */
function failLine(cfg: ActionConfig, o: RunOutcome): string {
  const rules = [`fail-on: ${cfg.failOn}`, ...(o.render.equivalence?.gate.threshold != null ? [`min-equivalent-share: ${o.render.equivalence.gate.threshold}`] : [])];
  return `modelexport gate failed (${rules.join(", ")}): ${o.gate.reason}`;
}

function logVerdict(o: RunOutcome): void {
  const t = o.report.totals;
  core.info(`${t.models} models, ${t.nodes} nodes, ${t.cases} cases: ${t.resolved} resolved, ${t.unresolved} unresolved`);
  if (o.diff.hasBaseline) {
    core.info(`vs baseline: ${o.diff.delta.unresolved >= 0 ? "+" : ""}${o.diff.delta.unresolved} unresolved, ${o.diff.newlyUnresolved} newly unresolved, ${o.diff.fixedCases} fixed, ${o.diff.lostCases} lost with their evidence`);
  }
  const eq = o.render.equivalence;
  if (eq) core.info(`module equivalence: ${eq.gate.reason}`);
  core.info(`gate (${o.gate.rule.failOn}${eq?.gate.threshold != null ? `, min-equivalent-share ${eq.gate.threshold}` : ""}): ${o.gate.conclusion}: ${o.gate.reason}`);
}

async function analyzeMode(cfg: ActionConfig): Promise<void> {
  const event = describeEvent();
  const ws = workspace();
  const workdir = path.resolve(ws, cfg.workingDirectory);
  if (!fs.existsSync(workdir) || !fs.statSync(workdir).isDirectory()) {
    throw new UserError(`input 'working-directory': ${cfg.workingDirectory} is not a folder (resolved to ${workdir})`);
  }
  const client = makeClient(cfg);
  if (event.name === "pull_request_target") {
    core.warning("pull_request_target runs with a write token: never run a fork's export code with it; prefer the pull_request + workflow_run pair (see the docs)");
  }
  core.info(`modelexport: ${event.name || "local"} event, ${event.kind}; head ${event.headSha.slice(0, 7) || "(unknown)"}`);

  let head: SideResult;
  if (cfg.mode === "merge") {
    core.startGroup("modelexport: merge the audit's shards");
    try {
      const folders = await shardFolders(cfg.shardReports, workdir);
      core.info(`merging ${folders.length} shard folder${folders.length === 1 ? "" : "s"}: ${folders.map((f) => path.relative(workdir, f) || ".").join(", ")}`);
      const merged = mergeShardFolders(folders);
      const modelRoot = cfg.manifest ? path.dirname(path.resolve(workdir, cfg.manifest)) : workdir;
      head = { report: merged.report, files: merged.report.models.map((m) => m.model), audit: merged.audit, modelRoot };
    } finally {
      core.endGroup();
    }
  } else {
    core.startGroup("modelexport: analyse (head)");
    try {
      head = await analyzeSide(workdir, cfg, "head", false);
    } finally {
      core.endGroup();
    }
  }
  const report: Report = head.report;
  if (cfg.shard && head.audit) {
    await finishShard(cfg, head.report, head.audit, workdir);
    return;
  }
  // Checked before anything is written: a damaged history file stops the run with nothing half-done.
  const history = head.audit
    ? prepareHistory(head.audit, {
        ...(cfg.historyFile ? { history: path.resolve(workdir, cfg.historyFile) } : {}),
        ...(cfg.trendPath ? { trend: path.resolve(workdir, cfg.trendPath) } : {}),
      })
    : null;
  if (!head.audit && (cfg.historyFile || cfg.trendPath)) core.warning("history-file and trend-path record audits: set 'manifest' (or mode: merge); nothing recorded");

  let equivalence: EquivalenceSummary | null = null;
  if (cfg.validateModules) {
    core.startGroup("modelexport: module equivalence (ONNX Runtime)");
    try {
      equivalence = await validateModules(report, head.modelRoot, { onnxruntimeVersion: cfg.onnxruntimeVersion, depth: cfg.validateDepth });
    } finally {
      core.endGroup();
    }
  }

  const baseline = await obtainBaseline({ cfg, event, workdir, client });
  if (baseline.note) core.info(baseline.note);
  const headLabel = event.pr ? `${event.pr.headRef || "head"} (${event.headSha.slice(0, 7)})` : event.headSha ? event.headSha.slice(0, 7) : "working tree";
  const o = outcome(cfg, report, baseline, headLabel, { equivalence, audit: head.audit });
  logVerdict(o);

  const key = cfg.commentKey || defaultKey();
  const context: ArtifactContext | null = event.pr
    ? {
        schema: "modelexport-action-context",
        version: 1,
        repository: `${event.owner}/${event.repo}`,
        event: event.name,
        pullRequest: { number: event.pr.number, headSha: event.pr.headSha, baseSha: event.pr.baseSha, baseRef: event.pr.baseRef },
        commentKey: key,
        baselineLabel: baseline.label,
        baselineNote: baseline.note,
      }
    : null;
  const files = writeFiles(
    o,
    path.resolve(workdir, cfg.reportPath),
    cfg.badgePath ? path.resolve(workdir, cfg.badgePath) : "",
    cfg.badgeLabel,
    context,
    path.resolve(workdir, cfg.baselineFile),
  );
  core.info(`report: ${files.reportPath} (HTML: ${files.htmlPath})`);
  setOutputs(o, files);
  if (head.audit) {
    writeAuditFiles(path.dirname(files.reportPath), head.audit, cfg.badgeLabel);
    core.setOutput("audit-failing", String(head.audit.totals.failing));
    if (history) {
      const written = writeHistory(history, cfg.trendPath ? path.resolve(workdir, cfg.trendPath) : undefined);
      core.info(`audit history: ${written.join(", ")}`);
      core.setOutput("history-path", history.file);
      if (cfg.trendPath) core.setOutput("trend-path", path.resolve(workdir, cfg.trendPath));
    }
  }
  await writeSummary(o);

  // The ratchet: a push to the default branch may lower the committed baseline.
  if (cfg.updateBaseline && event.kind === "push" && event.onDefaultBranch) {
    const file = path.resolve(workdir, cfg.baselineFile);
    const current = fs.existsSync(file) ? reportFromJson(fs.readFileSync(file, "utf8"), `baseline-file ${cfg.baselineFile}`) : null;
    const r = ratchetCheck(current, report);
    if (r.ok) {
      writeFileAtomic(file, toJson(baselineOf(report)));
      core.info(`baseline file ${cfg.baselineFile} updated (${r.reason}); commit it to keep it`);
      core.setOutput("baseline-updated", "true");
    } else {
      core.warning(`baseline file ${cfg.baselineFile} not updated: ${r.reason}`);
      core.setOutput("baseline-updated", "false");
    }
  }

  // Said after the report, summary and outputs are written (a missing permission is a warning).
  if (baseline.warning) core.warning(baseline.warning);

  let res: PublishResult | null = null;
  const readOnlyFork = event.name === "pull_request" && event.pr?.fork === true;
  if (readOnlyFork) {
    core.notice(
      `Pull request #${event.pr!.number} comes from a fork (${event.pr!.headRepo ?? "deleted repository"}): its token is read-only, so no comment or check run is posted here. ` +
        `The report is in ${path.dirname(files.reportPath)} (upload it as artifact '${cfg.artifactName}'); the workflow_run companion job (mode: comment-from-artifact) posts the comment.`,
    );
  } else if ((event.kind === "pull_request" || event.kind === "push") && client) {
    res = await publish(o, {
      client,
      owner: event.owner,
      repo: event.repo,
      prNumber: event.pr?.number ?? null,
      headSha: event.headSha,
      commentMode: cfg.comment,
      commentKey: key,
      checkRun: cfg.checkRun,
      checkName: cfg.checkName,
      modelRoot: workdir,
      workspace: ws,
      ...(runUrl() ? { runUrl: runUrl()! } : {}),
    });
    if (res.readOnly && event.pr) core.notice("The token could not write to the pull request: the workflow_run companion job (mode: comment-from-artifact) can post the comment.");
  } else if (event.kind === "pull_request" || event.kind === "push") {
    core.warning("no github-token: the comment and check run are skipped");
  }

  const problems = res?.problems ?? [];
  if (o.gate.conclusion === "fail") core.setFailed(failLine(cfg, o) + (problems.length > 0 ? `; and ${problems.length} GitHub API failure${problems.length === 1 ? "" : "s"} (above)` : ""));
  else if (problems.length > 0) core.setFailed(`modelexport: the gate passed, but posting failed: ${problems.join("; ")}`);
}

/**
 * The folders of the shards to merge: each glob match that is a shard folder (holding
 * audit.json), or an audit.json / report.json file inside one.
 */
async function shardFolders(patterns: string[], workdir: string): Promise<string[]> {
  const previous = process.cwd();
  process.chdir(workdir);
  let matches: string[];
  try {
    matches = await (await glob.create(patterns.join("\n"), { matchDirectories: true, implicitDescendants: false })).glob();
  } finally {
    process.chdir(previous);
  }
  const folders = new Set<string>();
  for (const m of matches) {
    const stat = fs.statSync(m);
    if (stat.isDirectory() && fs.existsSync(path.join(m, AUDIT_FILES.audit))) folders.add(m);
    else if (stat.isFile() && (path.basename(m) === AUDIT_FILES.audit || path.basename(m) === AUDIT_FILES.report)) folders.add(path.dirname(m));
  }
  if (folders.size === 0) {
    throw new UserError(`input 'shard-reports': no shard folder (one holding ${AUDIT_FILES.audit}) matched ${patterns.map((p) => `'${p}'`).join(", ")} in ${workdir}; download every shard's artifact first (actions/download-artifact)`);
  }
  return [...folders].sort();
}

/** A matrix job's part: its report and audit summary for the merge job; no comment, check or badge. */
async function finishShard(cfg: ActionConfig, report: Report, audit: AuditSummary, workdir: string): Promise<void> {
  const reportPath = path.resolve(workdir, cfg.reportPath);
  const dir = path.dirname(reportPath);
  writeFilesAtomic([{ file: path.join(dir, AUDIT_FILES.report), json: report }]);
  writeAuditFiles(dir, audit, cfg.badgeLabel);
  const shard = `${audit.shard!.index}/${audit.shard!.count}`;
  core.info(`shard ${shard}: ${audit.totals.models} models, ${audit.totals.cases} cases, ${audit.totals.unresolved} unresolved; upload ${dir} for the merge job`);
  core.setOutput("unresolved", String(report.totals.unresolved));
  core.setOutput("cases", String(report.totals.cases));
  core.setOutput("report-path", path.join(dir, AUDIT_FILES.report));
  core.setOutput("audit-failing", String(audit.totals.failing));
  core.setOutput("gate", "pass");
  core.setOutput("gate-reason", `shard ${shard} of an audit: the merge job gates`);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderAuditMarkdown(audit)).write();
}

/** The `workflow_run` companion: post a fork PR run's results from its artifact. */
async function commentFromArtifact(cfg: ActionConfig): Promise<void> {
  const event: EventInfo = describeEvent();
  if (event.kind !== "workflow_run") throw new UserError(`mode: comment-from-artifact runs on the workflow_run event, not ${event.name || "a local run"}`);
  const run = event.payload.workflow_run as { id?: unknown; head_sha?: unknown; event?: unknown; conclusion?: unknown } | undefined;
  const runId = typeof run?.id === "number" ? run.id : NaN;
  const headSha = typeof run?.head_sha === "string" ? run.head_sha : "";
  if (!Number.isInteger(runId) || !headSha) throw new UserError("the workflow_run payload lacks the run id or head commit");
  if (run?.event !== "pull_request") {
    core.info(`the triggering run ${runId} was a ${String(run?.event)} run, not a pull request: nothing to post`);
    return;
  }
  const client = makeClient(cfg);
  if (!client) throw new UserError("mode: comment-from-artifact needs a github-token with pull-requests: write and checks: write");
  const artifact = await runArtifact(client, { owner: event.owner, repo: event.repo, runId, name: cfg.artifactName });
  if (!artifact) {
    core.warning(`run ${runId} has no artifact '${cfg.artifactName}' (did the pull_request job upload it?): nothing to post`);
    return;
  }
  const entries = await downloadArtifact(client, { owner: event.owner, repo: event.repo, artifactId: artifact.id, select: (n) => n.endsWith(".json") });
  const byName = (name: string) => entries.find((e) => path.posix.basename(e.name) === name);
  const ctxEntry = byName(CONTEXT_FILE);
  const reportEntry = byName(ARTIFACT_REPORT);
  if (!ctxEntry || !reportEntry) throw new UserError(`artifact '${cfg.artifactName}' of run ${runId} lacks ${!ctxEntry ? CONTEXT_FILE : ARTIFACT_REPORT}`);
  // Everything in the artifact was written by the pull request's own code: check it against GitHub.
  let ctx: ArtifactContext;
  try {
    ctx = JSON.parse(ctxEntry.data.toString("utf8")) as ArtifactContext;
  } catch (err) {
    throw new UserError(`artifact ${CONTEXT_FILE}: not valid JSON: ${(err as Error).message}`);
  }
  const number = ctx?.pullRequest?.number;
  if (ctx?.schema !== "modelexport-action-context" || typeof number !== "number" || !Number.isInteger(number) || number <= 0) {
    throw new UserError(`artifact ${CONTEXT_FILE}: not a modelexport action context (no pull request number)`);
  }
  const pull = (
    await client.call<{ head: { sha: string }; base: { ref: string; sha: string; repo: { full_name: string } }; html_url: string }>(
      "GET /repos/{owner}/{repo}/pulls/{pull_number}",
      { owner: event.owner, repo: event.repo, pull_number: number },
      { what: `reading pull request #${number}`, permission: "pull-requests: read" },
    )
  ).data;
  if (pull.head.sha !== headSha) {
    throw new UserError(`artifact names pull request #${number}, whose head is ${pull.head.sha.slice(0, 7)}, but run ${runId} built ${headSha.slice(0, 7)}: not posting`);
  }
  if (pull.base.repo.full_name.toLowerCase() !== `${event.owner}/${event.repo}`.toLowerCase()) {
    throw new UserError(`pull request #${number} does not target ${event.owner}/${event.repo}: not posting`);
  }
  const report = reportFromJson(reportEntry.data.toString("utf8"), `artifact ${ARTIFACT_REPORT}`);

  // The gate rule is this (trusted) job's; the baseline too unless it is the PR job's rerun.
  let baseline: Baseline;
  if (cfg.baseline === "rerun") {
    const b = byName(BASELINE_FILE);
    baseline = b
      ? { report: reportFromJson(b.data.toString("utf8"), `artifact ${BASELINE_FILE}`), label: `${pull.base.ref} (${String(ctx.pullRequest?.baseSha ?? "").slice(0, 7)})`, note: null }
      : { report: null, label: null, note: typeof ctx.baselineNote === "string" ? ctx.baselineNote : "No baseline in the artifact." };
  } else {
    const prEvent: EventInfo = { ...event, kind: "pull_request", headSha, baseSha: pull.base.sha, baseRef: pull.base.ref };
    baseline = await obtainBaseline({ cfg, event: prEvent, workdir: path.resolve(workspace(), cfg.workingDirectory), client });
  }
  // The figure the PR run measured, if it validated modules; gated by this job's min-equivalent-share.
  const eqEntry = byName(EQUIVALENCE_FILE);
  let equivalence: EquivalenceSummary | null = null;
  if (eqEntry) equivalence = equivalenceFromJson(eqEntry.data.toString("utf8"), `artifact ${EQUIVALENCE_FILE}`);
  else if (cfg.minEquivalentShare !== null) throw new UserError(`min-equivalent-share is set but artifact '${cfg.artifactName}' of run ${runId} has no ${EQUIVALENCE_FILE} (did the pull_request job run with validate-modules: true?)`);
  const o = outcome(cfg, report, baseline, headSha.slice(0, 7), { equivalence, htmlRunUrl: runUrl(runId) });
  logVerdict(o);
  setOutputs(o, null);
  await writeSummary(o);
  const key = cfg.commentKey || (typeof ctx.commentKey === "string" && ctx.commentKey ? ctx.commentKey : defaultKey());
  const res = await publish(o, {
    client,
    owner: event.owner,
    repo: event.repo,
    prNumber: number,
    headSha,
    commentMode: cfg.comment,
    commentKey: key,
    checkRun: cfg.checkRun,
    checkName: cfg.checkName,
    modelRoot: path.resolve(workspace(), cfg.workingDirectory),
    workspace: workspace(),
    ...(runUrl() ? { runUrl: runUrl()! } : {}),
  });
  // The check run carries the verdict to the pull request; this job itself succeeds.
  if (o.gate.conclusion === "fail") core.warning(`modelexport gate failed for pull request #${number}: ${o.gate.reason}`);
  if (res.problems.length > 0) core.setFailed(`modelexport: posting for pull request #${number} failed: ${res.problems.join("; ")}`);
}

function equivalenceFromJson(text: string, what: string): EquivalenceSummary {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${what}: not valid JSON: ${(err as Error).message}`);
  }
  const figure = parseEquivalence(data);
  if (!figure) throw new UserError(`${what}: not a modelexport equivalence figure`);
  return figure;
}

/**
 * A cancelled job: the runner sends SIGINT, then SIGTERM. Stop every process this run started
 * (export commands, the exporter, npm, git) before exiting, and say so.
 */
function stopOnSignals(): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`modelexport: ${signal} received (the job was cancelled): stopping the processes this run started\n`);
    void stopAll().then((n) => {
      process.stdout.write(`modelexport: stopped ${n} process${n === 1 ? "" : "es"}; exiting\n`);
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

export async function run(): Promise<void> {
  stopOnSignals();
  try {
    const cfg = readInputs();
    if (cfg.mode === "comment-from-artifact") await commentFromArtifact(cfg);
    // merge: the shards' merged report takes the place of the head analysis; the rest is the same.
    else await analyzeMode(cfg);
  } catch (err) {
    if (err instanceof UserError) core.setFailed([err.message, ...err.details].join("\n"));
    else core.setFailed(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

await run();
