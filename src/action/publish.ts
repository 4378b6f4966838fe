/**
 * What a run leaves behind: files (report, badge, the context the `workflow_run` companion
 * needs), step outputs, the job summary, and on GitHub the sticky comment and the check run.
 */
import * as core from "@actions/core";
import fs from "node:fs";
import path from "node:path";
import { toJson, writeFileAtomic, writeFilesAtomic } from "../adapters/fs/write.js";
import { publishCheckRun, type Annotation, type CheckRunResult } from "../adapters/github/checks.js";
import { GitHubApiError, type GitHubClient } from "../adapters/github/client.js";
import { upsertComment, type CommentResult } from "../adapters/github/comments.js";
import { badgeSvg, shieldsEndpoint } from "../report/badge.js";
import type { GateResult, ReportDiff } from "../report/diff.js";
import { renderHtml } from "../report/html.js";
import { renderAuditMarkdown, type AuditSummary } from "../audit/summary.js";
import { commentMarker, renderComment, renderSummary, type RenderContext } from "../report/markdown.js";
import type { Case, Report } from "../report/types.js";

/** The most annotations one check run carries (10 requests of 50). */
export const MAX_ANNOTATIONS = 500;

export interface RunOutcome {
  report: Report;
  baseline: Report | null;
  diff: ReportDiff;
  gate: GateResult;
  render: Omit<RenderContext, "key" | "limit" | "allUnresolved">;
  /** With a manifest: the audit summary (per-model limits), shown in the job summary. */
  audit?: AuditSummary | null;
}

/** Sidecar files of the report artifact, next to report-path. */
export const CONTEXT_FILE = "context.json";
export const BASELINE_FILE = "baseline.json";
/** The HTML view of the report (renderHtml). */
export const HTML_FILE = "report.html";
/** The module equivalence figure (validate-modules); kept out of report.json, whose schema is versioned. */
export const EQUIVALENCE_FILE = "equivalence.json";

export interface ArtifactContext {
  schema: "modelexport-action-context";
  version: 1;
  repository: string;
  event: string;
  pullRequest: { number: number; headSha: string; baseSha: string; baseRef: string } | null;
  commentKey: string;
  baselineLabel: string | null;
  baselineNote: string | null;
}

export interface WrittenFiles {
  reportPath: string;
  htmlPath: string;
  badgePath: string | null;
  badgeSvgPath: string | null;
}

/**
 * report.json, report.html, baseline.json, context.json and equivalence.json in report-path's
 * folder; the badge JSON and SVG.
 */
export function writeFiles(
  o: RunOutcome,
  reportPath: string,
  badgePath: string,
  badgeLabel: string,
  context: ArtifactContext | null,
  /** Never overwritten (the committed baseline file, when it sits in the report's folder). */
  keep: string | null = null,
): WrittenFiles {
  // Streamed: a report of 500,000 nodes is never one string in memory.
  writeFilesAtomic([{ file: reportPath, json: o.report }]);
  const dir = path.dirname(reportPath);
  const htmlPath = path.join(dir, HTML_FILE);
  writeFileAtomic(htmlPath, renderHtml(o.report));
  // A figure left by an earlier run in the same folder must not travel in this run's artifact.
  if (o.render.equivalence) writeFileAtomic(path.join(dir, EQUIVALENCE_FILE), toJson(o.render.equivalence.summary));
  else fs.rmSync(path.join(dir, EQUIVALENCE_FILE), { force: true });
  const baselineCopy = path.join(dir, BASELINE_FILE);
  if (o.baseline && path.resolve(baselineCopy) !== path.resolve(reportPath) && (keep === null || path.resolve(keep) !== path.resolve(baselineCopy))) {
    writeFileAtomic(baselineCopy, toJson(o.baseline));
  }
  if (context) writeFileAtomic(path.join(dir, CONTEXT_FILE), toJson(context));
  if (!badgePath) return { reportPath, htmlPath, badgePath: null, badgeSvgPath: null };
  const endpoint = shieldsEndpoint(o.report, o.gate.conclusion, { label: badgeLabel });
  const isSvg = /\.svg$/i.test(badgePath);
  const json = isSvg ? badgePath.replace(/\.svg$/i, ".json") : badgePath;
  const svg = isSvg ? badgePath : badgePath.replace(/(\.json)?$/i, ".svg");
  writeFileAtomic(json, toJson(endpoint));
  writeFileAtomic(svg, badgeSvg(endpoint));
  return { reportPath, htmlPath, badgePath: json, badgeSvgPath: svg };
}

const fmtSigned = (n: number) => (n > 0 ? `+${n}` : String(n));

export function setOutputs(o: RunOutcome, files: WrittenFiles | null): void {
  const t = o.report.totals;
  core.setOutput("unresolved", t.unresolved);
  core.setOutput("cases", t.cases);
  core.setOutput("resolved", t.resolved);
  core.setOutput("coverage", t.coverage);
  // Unknown (a report without the field) is empty, never 0.
  core.setOutput("evidence-coverage", typeof t.evidenceCoverage === "number" ? t.evidenceCoverage : "");
  core.setOutput("uncertain", typeof t.uncertain === "number" ? t.uncertain : "");
  core.setOutput("delta", o.diff.hasBaseline ? fmtSigned(o.diff.delta.unresolved) : "");
  // The same figures as the comment's sections (docs/action.md defines them).
  core.setOutput("new-cases", o.diff.newlyUnresolved);
  core.setOutput("fixed-cases", o.diff.fixedCases);
  core.setOutput("lost-cases", o.diff.lostCases);
  core.setOutput("gate", o.gate.conclusion);
  core.setOutput("gate-reason", o.gate.reason);
  core.setOutput("baseline-found", o.diff.hasBaseline ? "true" : "false");
  const share = o.render.equivalence?.summary.totals.share;
  core.setOutput("equivalent-share", share === null || share === undefined ? "" : share);
  if (files) {
    core.setOutput("report-path", files.reportPath);
    core.setOutput("html-path", files.htmlPath);
    core.setOutput("badge-path", files.badgePath ?? "");
    core.setOutput("badge-svg-path", files.badgeSvgPath ?? "");
  }
}

export async function writeSummary(o: RunOutcome): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const audit = o.audit ? `\n\n${renderAuditMarkdown(o.audit)}` : "";
  await core.summary.addRaw(renderSummary(o.diff, o.gate, o.report, o.render) + audit).write();
}

function repoPath(file: string, workspace: string): string | null {
  const rel = path.relative(workspace, path.resolve(workspace, file));
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? null : rel.split(path.sep).join("/");
}

/**
 * Annotations for unresolved cases, newly unresolved first: on the Python source line when the
 * case has one inside the repository, else on the model file. `modelRoot` is the folder model
 * names are relative to.
 */
export function annotations(o: RunOutcome, modelRoot: string, workspace: string): Annotation[] {
  const fresh = new Set(o.diff.models.flatMap((m) => m.newlyUnresolved.map((c) => `${m.model}\u0000${c.id}`)));
  const items: { a: Annotation; rank: number }[] = [];
  for (const m of o.report.models) {
    const modelPath = repoPath(path.resolve(modelRoot, m.model), workspace) ?? m.model;
    for (const c of m.cases) {
      if (c.resolution.status !== "unresolved") continue;
      const isNew = !o.diff.hasBaseline || fresh.has(`${m.model}\u0000${c.id}`);
      const src = c.source ? repoPath(path.resolve(workspace, c.source.file), workspace) : null;
      const line = src && c.source ? c.source.line : 1;
      items.push({
        rank: isNew ? 0 : 1,
        a: {
          path: src ?? modelPath,
          start_line: line,
          end_line: line,
          annotation_level: isNew ? (o.gate.conclusion === "fail" ? "failure" : "warning") : "notice",
          title: `${isNew && o.diff.hasBaseline ? "new " : ""}unresolved ${c.scope} ${c.kind}: ${c.node}`.slice(0, 255),
          message: caseMessage(m.model, c),
        },
      });
    }
  }
  return items
    .sort((x, y) => x.rank - y.rank)
    .slice(0, MAX_ANNOTATIONS)
    .map((x) => x.a);
}

function caseMessage(model: string, c: Case): string {
  const ctx = c.contexts.map((x) => (x === "" ? "(root)" : x)).join(" vs ");
  return `${model}: node ${c.node} (${c.opType}) sits between ${ctx}; confidence ${c.resolution.confidence.toFixed(2)}.\n${c.resolution.reasoning}`;
}

export interface PublishTarget {
  client: GitHubClient;
  owner: string;
  repo: string;
  prNumber: number | null;
  headSha: string;
  commentMode: "update" | "new" | "off";
  commentKey: string;
  checkRun: boolean;
  checkName: string;
  modelRoot: string;
  workspace: string;
  runUrl?: string;
}

export interface PublishResult {
  comment: CommentResult | null;
  check: CheckRunResult | null;
  /** A write was refused for want of a permission (403): a read-only token. */
  readOnly: boolean;
  /** Failures that are not a missing permission (timeouts, rate limits, server errors, lost annotations): they fail the step. */
  problems: string[];
}

/**
 * Comment then check run. A missing permission or a locked conversation is a warning (the
 * report, summary and outputs are written already); any other failure is an error reported in
 * `problems`, and the other half is still attempted.
 */
export async function publish(o: RunOutcome, t: PublishTarget): Promise<PublishResult> {
  const out: PublishResult = { comment: null, check: null, readOnly: false, problems: [] };
  const problem = (err: unknown, what: string) => {
    if (!(err instanceof GitHubApiError)) throw err;
    if (err.kind === "permission") {
      out.readOnly = true;
      core.warning(`${err.message}\nThe report, summary and outputs are written; ${what}`);
    } else if (err.kind === "locked") {
      core.warning(`${err.message}\nNo comment on a locked conversation; the check run and the job summary carry the verdict.`);
    } else {
      core.error(err.message);
      out.problems.push(err.message);
    }
  };
  if (t.prNumber !== null && t.commentMode !== "off") {
    const marker = commentMarker(t.commentKey);
    const body = renderComment(o.diff, o.gate, o.report, { ...o.render, key: t.commentKey });
    try {
      out.comment = await upsertComment(t.client, { owner: t.owner, repo: t.repo, issue: t.prNumber }, marker, body, t.commentMode, (l) => core.info(l));
      const c = out.comment;
      core.info(`comment ${c.action}: ${c.url}${c.removed > 0 ? ` (${c.removed} duplicate${c.removed === 1 ? "" : "s"} from a concurrent run removed)` : ""}`);
      if (c.foreign > 0) core.info(`${c.foreign} comment${c.foreign === 1 ? "" : "s"} by others quote the marker: left as they are (ours are ${c.identity}'s)`);
      core.setOutput("comment-url", c.url);
    } catch (err) {
      problem(err, "a workflow_run companion job (mode: comment-from-artifact) can post the comment.");
    }
  }
  if (t.checkRun) {
    const eq = o.render.equivalence?.summary.totals;
    const title =
      `${o.gate.conclusion === "fail" ? "Failed" : "Passed"}: ${o.report.totals.unresolved} unresolved${o.diff.hasBaseline ? ` (${o.diff.delta.unresolved > 0 ? "+" : ""}${o.diff.delta.unresolved})` : ""}` +
      (eq ? `, ${eq.good}/${eq.modules} modules equivalent` : "");
    const summary = renderSummary(o.diff, o.gate, o.report, { ...o.render, limit: 60_000 });
    try {
      const check = await publishCheckRun(t.client, {
        owner: t.owner,
        repo: t.repo,
        name: t.checkName,
        headSha: t.headSha,
        conclusion: o.gate.conclusion === "fail" ? "failure" : "success",
        title,
        summary,
        annotations: annotations(o, t.modelRoot, t.workspace),
        ...(t.runUrl ? { detailsUrl: t.runUrl } : {}),
        externalId: `modelexport:${process.env.GITHUB_RUN_ID ?? "local"}:${process.env.GITHUB_RUN_ATTEMPT ?? "1"}:${t.checkName}`,
      });
      out.check = check;
      core.info(`check run '${t.checkName}': ${check.url} (${check.annotations} annotations in ${check.requests} requests)`);
      core.setOutput("check-run-url", check.url);
      if (check.annotationError) {
        // The check run stands, but it does not show every case: never a quiet success.
        const line = `check run '${t.checkName}' (${check.url}) carries only ${check.annotations} of ${check.wanted} annotations: ${check.annotationError.message}`;
        core.error(line);
        out.problems.push(line);
      }
    } catch (err) {
      problem(err, "the check run is not created (grant `checks: write`).");
    }
  }
  return out;
}
