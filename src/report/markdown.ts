/**
 * Markdown views of a run: the pull-request comment and the job summary. Pure.
 *
 * Everything that comes from a model (file names, node names, op types, module paths, the
 * engine's reasoning) is untrusted text: it can hold Markdown, HTML, backticks, pipes and
 * `@mentions`. Identifiers are shown as `<code>` with every character that Markdown, HTML or a
 * GFM table could interpret written as an entity (a literal `|` never reaches a table row, and
 * GitHub does not link mentions inside code); free text is entity-escaped the same way and a
 * zero-width space follows each `@`, so nobody is notified by a node name.
 */
import { markdownTable } from "markdown-table";
import { signed, type GateResult, type ModelDiff, type ReportDiff } from "./diff.js";
import { describeFigure, sharePct, type EquivalenceGate, type EquivalenceSummary } from "./equivalence.js";
import type { Case, Report } from "./types.js";

/** GitHub refuses comment bodies over 65,536 characters; keep a margin. */
export const COMMENT_LIMIT = 65_000;
/** The job summary may be up to 1 MiB (UTF-8 bytes) per step. */
export const SUMMARY_LIMIT = 1_000_000;

const MARKER_PREFIX = "<!-- modelexport-action:comment";

/** A comment key keeps one comment per workflow/job; only [A-Za-z0-9._/:-] survive. */
export function sanitizeKey(key: string): string {
  const k = key.trim().replace(/[^A-Za-z0-9._/:-]/g, "_").replace(/-{2,}/g, "-");
  return k === "" ? "default" : k.slice(0, 200);
}

/** The hidden first line by which the sticky comment is found again. */
export function commentMarker(key: string): string {
  return `${MARKER_PREFIX} key=${sanitizeKey(key)} -->`;
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "|": "&#124;",
  "\\": "&#92;",
  "`": "&#96;",
  "*": "&#42;",
  _: "&#95;",
  "[": "&#91;",
  "]": "&#93;",
  "~": "&#126;",
  "!": "&#33;",
  "#": "&#35;",
  $: "&#36;",
  "@": "&#64;",
};
const SPECIAL = /[&<>"|\\`*_[\]~!#$@]/g;

function clip(text: string, max: number): string {
  const flat = text.replace(/[\r\n\t\f\v]+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
}

/** Free text (reasoning, messages) safe anywhere in Markdown, including table cells. */
export function escapeText(text: string, max = 1000): string {
  // A zero-width space after '@' stops GitHub from turning `@name` into a mention.
  return clip(text, max).replace(SPECIAL, (ch) => (ch === "@" ? "@\u200b" : ENTITIES[ch]!));
}

/** An identifier (node, model, module) shown verbatim in monospace, safe anywhere. */
export function code(text: string, max = 200): string {
  const shown = clip(text, max);
  if (shown === "") return "<code>\u2205</code>";
  return `<code>${shown.replace(SPECIAL, (ch) => ENTITIES[ch]!)}</code>`;
}

/** A module context; the root module is "" and is shown as (root). */
function context(path: string | null): string {
  if (path === null) return "<i>unmapped</i>";
  return path === "" ? "<i>(root)</i>" : code(path);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pctDelta = (x: number) => {
  const v = Math.round(x * 1000) / 10;
  return v === 0 ? "" : ` (${v > 0 ? "+" : "\u2212"}${Math.abs(v).toFixed(1)})`;
};

function statusMark(m: ModelDiff, hasBaseline: boolean): string {
  if (!hasBaseline) return m.head && m.head.unresolved > 0 ? "\u26a0\ufe0f" : "\u2705";
  if (m.status === "added") return "\ud83c\udd95";
  if (m.status === "removed") return "\ud83d\uddd1\ufe0f";
  if (m.delta.unresolved > 0) return "\ud83d\udd34";
  if (m.delta.unresolved < 0) return "\ud83d\udfe2";
  return "\u26aa";
}

export interface RenderContext {
  /** Comment key: present for the PR comment (adds the hidden marker), absent for the summary. */
  key?: string;
  title?: string;
  /** e.g. "main @ f95f852". */
  baseLabel?: string;
  headLabel?: string;
  /** Shown under the title when there is no baseline or it could not be made. */
  baselineNote?: string;
  /** Where the full report can be found (workflow run page). */
  runUrl?: string;
  /** Character budget; defaults: comment 65,000 characters, summary 1,000,000 bytes. */
  limit?: number;
  /** List every unresolved case, not only new ones (the job summary does). */
  allUnresolved?: boolean;
  /**
   * The HTML report: `file` inside the report artifact `artifact`, uploaded by the workflow run
   * whose page is `runUrl`.
   */
  htmlReport?: { runUrl: string; artifact: string; file: string };
  /** The module equivalence figure and its gate (validate-modules). */
  equivalence?: { summary: EquivalenceSummary; gate: EquivalenceGate };
}

/** Models listed in the equivalence table, and failing modules listed under it. */
const EQUIVALENCE_ROWS = 50;
const EQUIVALENCE_FAILURES = 20;

/** A URL as a Markdown link target: nothing in it can end the link. */
function linkTarget(url: string): string {
  // encodeURIComponent leaves parentheses alone; an unbalanced ')' would end the link.
  return encodeURI(url).replace(/\(/g, "%28").replace(/\)/g, "%29");
}

/** The equivalence figure: a line with the verdict, a table per model, the failing modules. */
export function renderEquivalence(summary: EquivalenceSummary, gate: EquivalenceGate): string {
  const t = summary.totals;
  const verdict =
    gate.conclusion === "off"
      ? "report only"
      : `${gate.conclusion === "fail" ? "\u274c below" : "\u2705 at least"} \`min-equivalent-share: ${gate.threshold}\``;
  const lines = [`**Module equivalence** (ONNX Runtime ${escapeText(summary.runtime, 40)}): ${escapeText(describeFigure(summary), 300)} \u00b7 ${verdict}`, ""];
  const share = (x: number | null) => (x === null ? "\u2014" : sharePct(x));
  const shown = summary.models.slice(0, EQUIVALENCE_ROWS);
  const rows = shown.map((m) =>
    m.error !== undefined
      ? [code(m.model), "\u2014", "\u2014", "\u2014", `not checked: ${escapeText(m.error, 300)}`]
      : [code(m.model), String(m.modules), String(m.extractable), String(m.equivalent), m.modules === 0 ? "no module selected" : share(m.share)],
  );
  if (summary.models.length > shown.length) rows.push(["", `_\u2026 ${summary.models.length - shown.length} more models_`, "", "", ""]);
  const total = ["**Total**", String(t.modules), String(t.extractable), String(t.equivalent), `**${share(t.share)}**`];
  lines.push(
    markdownTable([["Model", "Modules checked", "Extractable", "Equivalent", "Share"], ...rows, ...(summary.models.length > 1 ? [total] : [])], {
      alignDelimiters: false,
      align: ["l", "r", "r", "r", "r"],
    }),
  );
  const failures = summary.models.flatMap((m) => m.failures.map((f) => ({ model: m.model, ...f })));
  if (failures.length > 0) {
    const items = failures.slice(0, EQUIVALENCE_FAILURES).map((f) => `- ${code(f.model, 160)} ${code(f.module)}: ${escapeText(f.reason, 300)}`);
    if (failures.length > items.length) items.push(`- _\u2026 and ${failures.length - items.length} more_`);
    lines.push(
      "",
      `<details${gate.conclusion === "fail" ? " open" : ""}><summary>${failures.length} module${failures.length === 1 ? "" : "s"} not extractable and equivalent</summary>\n`,
      ...items,
      "</details>",
    );
  }
  return lines.join("\n");
}

/** Where to find the HTML report: the run page, its artifact, the file in it. */
export function renderHtmlLink(link: { runUrl: string; artifact: string; file: string }): string {
  return (
    `\ud83d\udcc4 **Full report (HTML):** download the ${code(link.artifact, 100)} artifact from [the workflow run](${linkTarget(link.runUrl)}) ` +
    `and open ${code(link.file, 100)} in a browser: the module tree, every case with its evidence and resolution, and a search box.`
  );
}

interface Section {
  open: string;
  items: string[];
  close: string;
  /** Line to add inside the section when items were cut; gets the count. */
  more: (n: number) => string;
}

/** Items under a bold heading per model (models without items are left out). */
function grouped(groups: [model: string, items: string[]][]): { items: string[]; count: number } {
  const items: string[] = [];
  let count = 0;
  for (const [model, list] of groups) {
    if (list.length === 0) continue;
    items.push(`${items.length > 0 ? "\n" : ""}**${code(model, 160)}**\n`);
    items.push(...list);
    count += list.length;
  }
  return { items, count };
}

function caseItem(c: Case, threshold: number): string {
  const r = c.resolution;
  const where = c.source ? ` \u00b7 ${code(`${c.source.file}:${c.source.line}`, 160)}` : "";
  const head = [
    `${code(c.node)} (${code(c.opType, 40)})`,
    ` \u00b7 ${c.scope} ${c.kind}`,
    ` \u00b7 ${c.contexts.map(context).join(" vs ")}`,
    where,
  ].join("");
  const verdict =
    r.status === "resolved"
      ? `resolved to ${context(r.primary)} by ${r.strategy ?? "?"} (confidence ${r.confidence.toFixed(2)})`
      : `unresolved (confidence ${r.confidence.toFixed(2)} &lt; ${threshold})`;
  return `- ${head}\n  ${verdict}: ${escapeText(r.reasoning, 600)}`;
}

function table(diff: ReportDiff): { header: string; rows: string[]; total: string } {
  const base = diff.hasBaseline;
  const head = base
    ? ["", "Model", "Unresolved (base \u2192 head)", "\u0394", "Cases (resolved)", "Coverage"]
    : ["", "Model", "Unresolved", "Cases (resolved)", "Coverage"];
  const row = (m: ModelDiff): string[] => {
    const h = m.head;
    const b = m.base;
    const cases = h ? `${h.cases} (${h.resolved})` : "\u2014";
    const cov = h ? `${pct(h.coverage)}${b ? pctDelta(m.delta.coverage) : ""}` : "\u2014";
    if (!base) return [statusMark(m, false), code(m.model), String(h?.unresolved ?? 0), cases, cov];
    const unres = `${b ? b.unresolved : "\u2014"} \u2192 ${h ? h.unresolved : "\u2014"}`;
    return [statusMark(m, true), code(m.model), unres, signed(m.delta.unresolved), cases, cov];
  };
  const totalRow = base
    ? [
        "",
        "**Total**",
        `**${diff.base!.unresolved} \u2192 ${diff.head.unresolved}**`,
        `**${signed(diff.delta.unresolved)}**`,
        `${diff.head.cases} (${diff.head.resolved})`,
        `${pct(diff.head.coverage)}${pctDelta(diff.delta.coverage)}`,
      ]
    : ["", "**Total**", `**${diff.head.unresolved}**`, `${diff.head.cases} (${diff.head.resolved})`, pct(diff.head.coverage)];
  const rows = diff.models.map(row);
  // Render all rows at once (markdown-table), then split so rows can be cut one by one.
  const lines = markdownTable([head, ...rows, totalRow], { alignDelimiters: false, align: base ? ["c", "l", "r", "r", "r", "r"] : ["c", "l", "r", "r", "r"] }).split("\n");
  return { header: lines.slice(0, 2).join("\n"), rows: lines.slice(2, -1), total: lines[lines.length - 1]! };
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/**
 * The comment (with `ctx.key`) or the job summary (without): a title carrying the gate verdict,
 * the table of models, and collapsible lists of cases. Cut to the budget with a note.
 */
export function renderMarkdown(diff: ReportDiff, gate: GateResult, head: Report, ctx: RenderContext = {}): string {
  const isComment = ctx.key !== undefined;
  const limit = ctx.limit ?? (isComment ? COMMENT_LIMIT : SUMMARY_LIMIT);
  const measure = isComment ? (s: string) => s.length : utf8Length;
  const threshold = head.options.confidenceThreshold;

  const icon = gate.conclusion === "fail" ? "\u274c" : diff.head.unresolved > 0 ? "\u26a0\ufe0f" : "\u2705";
  const title = ctx.title ?? "modelexport: cross-layer contamination";
  const top: string[] = [];
  if (isComment) top.push(commentMarker(ctx.key!));
  top.push(`### ${icon} ${escapeText(title, 200)}`, "");
  const eqRule = ctx.equivalence && ctx.equivalence.gate.threshold !== null ? `, \`min-equivalent-share: ${ctx.equivalence.gate.threshold}\`` : "";
  top.push(`**Gate ${gate.conclusion === "fail" ? "failed" : "passed"}** (\`fail-on: ${gate.rule.failOn}\`${eqRule}): ${escapeText(gate.reason, 600)}`);
  if (ctx.baselineNote) top.push("", `> ${escapeText(ctx.baselineNote, 400)}`);
  if (diff.hasBaseline && (diff.added.length > 0 || diff.removed.length > 0)) {
    const bits: string[] = [];
    if (diff.added.length > 0) bits.push(`${diff.added.length} model${diff.added.length === 1 ? "" : "s"} added`);
    if (diff.removed.length > 0) bits.push(`${diff.removed.length} removed`);
    top.push("", bits.join(", ") + ".");
  }
  top.push("");

  const t = table(diff);
  const sections: Section[] = [];
  if (diff.hasBaseline) {
    const fresh = grouped(diff.models.map((m) => [m.model, m.newlyUnresolved.map((c) => caseItem(c, threshold))]));
    if (fresh.count > 0) {
      sections.push({
        open: `<details${gate.conclusion === "fail" ? " open" : ""}><summary><b>${fresh.count} new unresolved case${fresh.count === 1 ? "" : "s"}</b></summary>\n\n`,
        items: fresh.items,
        close: "\n</details>\n",
        more: (n) => `- _\u2026 and ${n} more not shown_`,
      });
    }
    const fixed = grouped(
      diff.models.map((m) => [
        m.model,
        [
          ...m.fixedCases.filter((c) => c.resolution.status === "unresolved").map((c) => `- ${code(c.node)} (${code(c.opType, 40)}) \u00b7 ${c.scope} ${c.kind}: no longer present`),
          ...m.newlyResolved.map((c) => caseItem(c, threshold)),
        ],
      ]),
    );
    if (fixed.count > 0) {
      sections.push({
        open: `<details><summary>${fixed.count} unresolved case${fixed.count === 1 ? "" : "s"} fixed</summary>\n\n`,
        items: fixed.items,
        close: "\n</details>\n",
        more: (n) => `- _\u2026 and ${n} more not shown_`,
      });
    }
  }
  if (ctx.allUnresolved || !diff.hasBaseline) {
    const all = grouped(head.models.map((m) => [m.model, m.cases.filter((c) => c.resolution.status === "unresolved").map((c) => caseItem(c, threshold))]));
    if (all.count > 0) {
      sections.push({
        open: `<details><summary>All ${all.count} unresolved case${all.count === 1 ? "" : "s"}</summary>\n\n`,
        items: all.items,
        close: "\n</details>\n",
        more: (n) => `- _\u2026 and ${n} more not shown_`,
      });
    }
  }

  const mid = ctx.equivalence ? ["", renderEquivalence(ctx.equivalence.summary, ctx.equivalence.gate)] : [];
  const foot: string[] = [];
  if (ctx.htmlReport) foot.push("", renderHtmlLink(ctx.htmlReport));
  const meta = [
    ctx.baseLabel ? `base ${escapeText(ctx.baseLabel, 120)}` : null,
    ctx.headLabel ? `head ${escapeText(ctx.headLabel, 120)}` : null,
    `confidence threshold ${threshold}`,
    `${escapeText(head.tool.name, 40)} ${escapeText(head.tool.version, 40)}`,
  ].filter((x): x is string => x !== null);
  foot.push("", `<sub>${meta.join(" \u00b7 ")}${ctx.runUrl ? ` \u00b7 [run](${linkTarget(ctx.runUrl)})` : ""}</sub>`, "");

  // Fit to the budget: the fixed parts always, then table rows, then case items in order.
  const cutNote = (n: number) =>
    `\n> [!NOTE]\n> Cut to fit GitHub's ${isComment ? "65,536-character comment" : "1 MiB job summary"} limit: ${n} ${n === 1 ? "entry" : "entries"} (models or cases) not shown.${isComment ? " The job summary and the report artifact have everything." : " The report artifact has everything."}\n`;
  const fixedText = top.join("\n") + "\n" + t.header + "\n" + t.total + "\n" + mid.join("\n") + "\n" + foot.join("\n");
  const reserve = measure(cutNote(999_999)) + 16;
  let budget = limit - measure(fixedText) - reserve;
  let omitted = 0;
  const rows: string[] = [];
  for (const [i, r] of t.rows.entries()) {
    const cost = measure(r) + 1;
    if (cost > budget) {
      omitted += t.rows.length - i;
      // Say so inside the table so the total row is not mistaken for the sum of what is shown.
      rows.push(`| | _\u2026 ${t.rows.length - i} more models_ | | |`);
      break;
    }
    budget -= cost;
    rows.push(r);
  }
  const parts: string[] = [];
  for (const s of sections) {
    const moreCost = measure(s.more(999_999)) + 1;
    const shellCost = measure(s.open) + measure(s.close) + moreCost + 2;
    if (shellCost > budget) {
      omitted += s.items.filter((i) => i.startsWith("- ")).length;
      continue;
    }
    budget -= shellCost;
    const kept: string[] = [];
    for (const item of s.items) {
      const cost = measure(item) + 1;
      if (cost > budget) break;
      budget -= cost;
      kept.push(item);
    }
    // Count the cases cut, not the model headings between them.
    const cut = s.items.slice(kept.length).filter((i) => i.startsWith("- ")).length;
    if (cut > 0) {
      kept.push(s.more(cut));
      omitted += cut;
    }
    parts.push(s.open + kept.join("\n") + s.close);
  }
  const out = [top.join("\n"), t.header, ...rows, t.total, ...mid, "", ...parts, foot.join("\n")].join("\n");
  return omitted > 0 ? out.replace(/\n*$/, "\n") + cutNote(omitted) : out;
}

/** The sticky PR comment body (with the hidden marker). */
export function renderComment(diff: ReportDiff, gate: GateResult, head: Report, ctx: RenderContext & { key: string }): string {
  return renderMarkdown(diff, gate, head, ctx);
}

/** The job summary: every unresolved case, no marker, the larger budget. */
export function renderSummary(diff: ReportDiff, gate: GateResult, head: Report, ctx: Omit<RenderContext, "key"> = {}): string {
  return renderMarkdown(diff, gate, head, { allUnresolved: true, ...ctx, key: undefined });
}
