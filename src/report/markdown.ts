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
import { signed, type GateResult, type ModelDiff, type ReportDiff, type Stats } from "./diff.js";
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

function statusMark(m: ModelDiff, hasBaseline: boolean, failed = false): string {
  if (m.noHierarchy) return "\u26ab";
  if (!hasBaseline) return m.head && m.head.unresolved > 0 ? "\u26a0\ufe0f" : "\u2705";
  if (failed && m.status !== "added") return "\ud83d\udd34";
  if (m.status === "added") return "\ud83c\udd95";
  if (m.status === "removed") return "\ud83d\uddd1\ufe0f";
  if (m.delta.unresolved > 0) return "\ud83d\udd34";
  if (m.delta.unresolved < 0 && m.lostCases.length === 0) return "\ud83d\udfe2";
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

// ---------------------------------------------------------------------------------------------
// Cases grouped by pattern: the same op, kind and module pair repeated across layers is one
// entry with a count and the layers, so a regression in every layer reads as one finding.

export interface CasePattern {
  /** opType, kind, scope and the contexts with their indexes written as N. */
  key: string;
  opType: string;
  kind: Case["kind"];
  scope: Case["scope"];
  /** The conflicting contexts with layer indexes replaced by N ("encoder.layer.N.output"). */
  shape: string[];
  cases: Case[];
  /** The distinct index combinations of the cases' contexts ("0/1"), in order of first appearance. */
  layers: string[];
}

// An index segment of an instance path (`layer.3`) or a class path (`BertLayer.3/...`).
const INDEX_SEGMENT = /(^|\.)(\d+)(?=[./]|$)/g;

function shapeOf(ctx: string): string {
  return ctx.replace(INDEX_SEGMENT, "$1N");
}

function indexesOf(ctx: string): string {
  return [...ctx.matchAll(INDEX_SEGMENT)].map((m) => m[2]).join(".");
}

/** Group cases by pattern, largest first (then by key, so the order is deterministic). */
export function casePatterns(cases: readonly Case[]): CasePattern[] {
  const groups = new Map<string, CasePattern>();
  for (const c of cases) {
    const shape = c.contexts.map(shapeOf);
    const key = [c.opType, c.kind, c.scope, ...shape].join("\u0000");
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, opType: c.opType, kind: c.kind, scope: c.scope, shape, cases: [], layers: [] }));
    g.cases.push(c);
    const layers = c.contexts.map(indexesOf).filter((x) => x !== "").join("/");
    if (layers !== "" && !g.layers.includes(layers)) g.layers.push(layers);
  }
  return [...groups.values()].sort((a, b) => b.cases.length - a.cases.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Patterns listed in the comment per section; the summary lists them all. */
export const COMMENT_PATTERNS = 8;
/** Layer combinations and example nodes shown for one pattern. */
const PATTERN_LAYERS = 8;
const PATTERN_NODES = 6;

function confidenceRange(cases: readonly Case[]): string {
  const cs = cases.map((c) => c.resolution.confidence);
  const lo = Math.min(...cs);
  const hi = Math.max(...cs);
  return lo === hi ? `confidence ${lo.toFixed(2)}` : `confidence ${lo.toFixed(2)}\u2013${hi.toFixed(2)}`;
}

/** What became of a case: for unresolved ones the reasoning; for resolved, the answer. */
function verdictOf(c: Case): string {
  const r = c.resolution;
  const why = escapeText(r.reasoning, 400);
  return r.status === "resolved" ? `resolved to ${context(r.primary)} by ${r.strategy ?? "?"} (confidence ${r.confidence.toFixed(2)}): ${why}` : why;
}

/**
 * One pattern as a list item: the count, the op, the module pair, the layers, then the first
 * case's reasoning. `nodes` lists that many of the pattern's node names (the summary lists more).
 */
function patternItem(p: CasePattern, nodes: number, note?: (c: Case) => string): string {
  const first = p.cases[0]!;
  const where = first.source ? ` \u00b7 ${code(`${first.source.file}:${first.source.line}`, 160)}` : "";
  const pair = p.shape.map((s) => context(s)).join(" vs ");
  const layers =
    p.layers.length > 0
      ? ` \u00b7 layers ${p.layers.slice(0, PATTERN_LAYERS).map((l) => escapeText(l, 40)).join(", ")}${p.layers.length > PATTERN_LAYERS ? `, \u2026 (${p.layers.length})` : ""}`
      : "";
  const count = p.cases.length > 1 ? `**${p.cases.length}\u00d7** ` : "";
  const head = `- ${count}${code(p.opType, 40)} \u00b7 ${p.scope} ${p.kind} \u00b7 ${pair}${layers} \u00b7 ${confidenceRange(p.cases)}${where}`;
  const shown = p.cases.slice(0, Math.max(1, nodes)).map((c) => code(c.node));
  const names = p.cases.length > 1 ? `  ${p.cases.length > shown.length ? "e.g. " : ""}${shown.join(", ")}${p.cases.length > shown.length ? ", \u2026" : ""}` : `  ${shown[0]}`;
  return `${head}\n${names}: ${note ? note(first) : verdictOf(first)}`;
}

/**
 * A section of patterns, per model, at most `maxPatterns` of them; the rest are counted in one
 * line that points at the HTML report.
 */
function patternSection(
  groups: [model: string, cases: Case[]][],
  maxPatterns: number,
  nodes: number,
  note?: (c: Case) => string,
): { items: string[]; count: number; patterns: number } {
  const items: string[] = [];
  let count = 0;
  let patterns = 0;
  let shown = 0;
  let hiddenPatterns = 0;
  let hiddenCases = 0;
  for (const [model, cases] of groups) {
    if (cases.length === 0) continue;
    const ps = casePatterns(cases);
    count += cases.length;
    patterns += ps.length;
    const take = ps.slice(0, Math.max(0, maxPatterns - shown));
    shown += take.length;
    for (const p of ps.slice(take.length)) {
      hiddenPatterns++;
      hiddenCases += p.cases.length;
    }
    if (take.length === 0) continue;
    items.push(`${items.length > 0 ? "\n" : ""}**${code(model, 160)}**\n`);
    items.push(...take.map((p) => patternItem(p, nodes, note)));
  }
  if (hiddenPatterns > 0) {
    items.push(`- _\u2026 ${plural(hiddenPatterns, "more pattern")} (${plural(hiddenCases, "case")}): every case is in the HTML report_`);
  }
  return { items, count, patterns };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function table(diff: ReportDiff, gate: GateResult): { header: string; rows: string[]; total: string } {
  const base = diff.hasBaseline;
  const offenders = new Set(gate.offenders);
  const head = base
    ? ["", "Model", "Unresolved (base \u2192 head)", "\u0394", "Cases (resolved)", "Evidence", "Coverage", "Uncertain"]
    : ["", "Model", "Unresolved", "Cases (resolved)", "Evidence", "Coverage", "Uncertain"];
  const share = (h: Stats | null, b: Stats | null, f: (s: Stats) => number | null) => {
    if (!h) return "\u2014";
    const x = f(h);
    if (x === null) return "?";
    if (!b) return pct(x);
    const y = f(b);
    return y === null ? `${pct(x)} (base ?)` : `${pct(x)}${pctDelta(x - y)}`;
  };
  const count = (h: Stats | null, b: Stats | null, f: (s: Stats) => number | null) => {
    if (!h) return "\u2014";
    const x = f(h);
    if (x === null) return "?";
    if (!b) return String(x);
    const y = f(b);
    return y === null ? `? \u2192 ${x}` : y === x ? String(x) : `${y} \u2192 ${x}`;
  };
  const row = (m: ModelDiff): string[] => {
    const h = m.head;
    const b = base ? m.base : null;
    const cases = h ? `${h.cases} (${h.resolved})` : "\u2014";
    const evidence = m.noHierarchy ? "**no hierarchy**" : share(h, b, (s) => s.evidenceCoverage);
    const tail = [cases, evidence, share(h, b, (s) => s.coverage), count(h, b, (s) => s.uncertain)];
    const mark = statusMark(m, base, offenders.has(m.model));
    if (!base) return [mark, code(m.model), String(h?.unresolved ?? 0), ...tail];
    const unres = `${m.base ? m.base.unresolved : "\u2014"} \u2192 ${h ? h.unresolved : "\u2014"}${m.lostCases.length > 0 ? ` (${m.lostCases.length} lost)` : ""}`;
    return [mark, code(m.model), unres, signed(m.delta.unresolved), ...tail];
  };
  const totalTail = [
    `${diff.head.cases} (${diff.head.resolved})`,
    share(diff.head, diff.base, (s) => s.evidenceCoverage),
    share(diff.head, diff.base, (s) => s.coverage),
    count(diff.head, diff.base, (s) => s.uncertain),
  ];
  const totalRow = base
    ? ["", "**Total**", `**${diff.base!.unresolved} \u2192 ${diff.head.unresolved}**`, `**${signed(diff.delta.unresolved)}**`, ...totalTail]
    : ["", "**Total**", `**${diff.head.unresolved}**`, ...totalTail];
  const rows = diff.models.map(row);
  // Render all rows at once (markdown-table), then split so rows can be cut one by one.
  const align = (base ? ["c", "l", "r", "r", "r", "r", "r", "r"] : ["c", "l", "r", "r", "r", "r", "r"]) as ("c" | "l" | "r")[];
  const lines = markdownTable([head, ...rows, totalRow], { alignDelimiters: false, align }).split("\n");
  return { header: lines.slice(0, 2).join("\n"), rows: lines.slice(2, -1), total: lines[lines.length - 1]! };
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/**
 * The comment (with `ctx.key`) or the job summary (without): a title carrying the gate verdict,
 * the table of models, then the cases grouped by pattern in collapsible sections. The comment
 * shows at most COMMENT_PATTERNS patterns per section (the HTML report has every case); both are
 * cut to their budget with a note.
 */
export function renderMarkdown(diff: ReportDiff, gate: GateResult, head: Report, ctx: RenderContext = {}): string {
  const isComment = ctx.key !== undefined;
  const limit = ctx.limit ?? (isComment ? COMMENT_LIMIT : SUMMARY_LIMIT);
  const measure = isComment ? (s: string) => s.length : utf8Length;
  const threshold = head.options.confidenceThreshold;
  const maxPatterns = isComment ? COMMENT_PATTERNS : Number.MAX_SAFE_INTEGER;
  const nodes = isComment ? 3 : PATTERN_NODES * 50;

  const icon = gate.conclusion === "fail" ? "\u274c" : diff.noHierarchy.length > 0 ? "\u26ab" : diff.head.unresolved > 0 ? "\u26a0\ufe0f" : "\u2705";
  const title = ctx.title ?? "modelexport: cross-layer contamination";
  const top: string[] = [];
  if (isComment) top.push(commentMarker(ctx.key!));
  top.push(`### ${icon} ${escapeText(title, 200)}`, "");
  const eqRule = ctx.equivalence && ctx.equivalence.gate.threshold !== null ? `, \`min-equivalent-share: ${ctx.equivalence.gate.threshold}\`` : "";
  const dropRule = gate.rule.allowedCoverageDrop ? `, \`allowed-coverage-drop: ${gate.rule.allowedCoverageDrop}\`` : "";
  top.push(`**Gate ${gate.conclusion === "fail" ? "failed" : "passed"}** (\`fail-on: ${gate.rule.failOn}\`${dropRule}${eqRule}): ${escapeText(gate.reason, 900)}`);
  if (ctx.baselineNote) top.push("", `> ${escapeText(ctx.baselineNote, 400)}`);
  for (const n of gate.notes) top.push("", `> ${escapeText(n.charAt(0).toUpperCase() + n.slice(1), 400)}.`);
  if (diff.hasBaseline && (diff.added.length > 0 || diff.removed.length > 0)) {
    const bits: string[] = [];
    if (diff.added.length > 0) bits.push(`${diff.added.length} model${diff.added.length === 1 ? "" : "s"} added`);
    if (diff.removed.length > 0) bits.push(`${diff.removed.length} removed`);
    top.push("", bits.join(", ") + ".");
  }
  top.push("");

  const t = table(diff, gate);
  const sections: Section[] = [];
  const more = (n: number) => `- _\u2026 and ${n} more not shown_`;
  const below = `confidence below ${threshold}`;
  if (diff.hasBaseline) {
    const fresh = patternSection(diff.models.map((m) => [m.model, m.newlyUnresolved]), maxPatterns, nodes);
    if (fresh.count > 0) {
      // Open only when it is short: a long list stays one click away, the table stays on screen.
      const open = gate.conclusion === "fail" && fresh.patterns <= 3 ? " open" : "";
      sections.push({
        open: `<details${open}><summary><b>${plural(fresh.count, "new unresolved case")}</b> (${below}) in ${plural(fresh.patterns, "pattern")}</summary>\n\n`,
        items: fresh.items,
        close: "\n</details>\n",
        more,
      });
    }
    const lost = patternSection(diff.models.map((m) => [m.model, m.lostCases.map((c) => c.base)]), maxPatterns, nodes, () => "its node no longer carries any module evidence");
    if (lost.count > 0) {
      sections.push({
        open: `<details><summary><b>${plural(lost.count, "unresolved case")} lost with ${lost.count === 1 ? "its node's" : "their nodes'"} evidence</b> (not fixed)</summary>\n\n`,
        items: lost.items,
        close: "\n</details>\n",
        more,
      });
    }
    const fixedByModel = diff.models.map((m) => [m.model, m.fixedCases.map((c) => c.head ?? c.base)] as [string, Case[]]);
    const gone = new Set(diff.models.flatMap((m) => m.fixedCases.filter((c) => c.head === null).map((c) => c.base)));
    const fixed = patternSection(fixedByModel, maxPatterns, nodes, (c) => (gone.has(c) ? "no longer present" : verdictOf(c)));
    if (fixed.count > 0) {
      sections.push({
        open: `<details><summary>${plural(fixed.count, "unresolved case")} fixed</summary>\n\n`,
        items: fixed.items,
        close: "\n</details>\n",
        more,
      });
    }
  }
  if (ctx.allUnresolved || !diff.hasBaseline) {
    const all = patternSection(head.models.map((m) => [m.model, m.cases.filter((c) => c.resolution.status === "unresolved")]), maxPatterns, nodes);
    if (all.count > 0) {
      sections.push({
        open: `<details><summary>All ${plural(all.count, "unresolved case")} (${below}) in ${plural(all.patterns, "pattern")}</summary>\n\n`,
        items: all.items,
        close: "\n</details>\n",
        more,
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
  const width = t.header.split("\n")[0]!.split("|").length - 2;
  for (const [i, r] of t.rows.entries()) {
    const cost = measure(r) + 1;
    if (cost > budget) {
      omitted += t.rows.length - i;
      // Say so inside the table so the total row is not mistaken for the sum of what is shown.
      rows.push(`| | _\u2026 ${t.rows.length - i} more models_ |${" |".repeat(Math.max(0, width - 2))}`);
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
    // Count the entries cut, not the model headings between them.
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
