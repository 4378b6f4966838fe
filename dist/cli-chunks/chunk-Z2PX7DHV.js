import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  signed
} from "./chunk-I72EKTL3.js";

// node_modules/markdown-table/index.js
function defaultStringLength(value) {
  return value.length;
}
function markdownTable(table2, options) {
  const settings = options || {};
  const align = (settings.align || []).concat();
  const stringLength = settings.stringLength || defaultStringLength;
  const alignments = [];
  const cellMatrix = [];
  const sizeMatrix = [];
  const longestCellByColumn = [];
  let mostCellsPerRow = 0;
  let rowIndex = -1;
  while (++rowIndex < table2.length) {
    const row2 = [];
    const sizes2 = [];
    let columnIndex2 = -1;
    if (table2[rowIndex].length > mostCellsPerRow) {
      mostCellsPerRow = table2[rowIndex].length;
    }
    while (++columnIndex2 < table2[rowIndex].length) {
      const cell = serialize(table2[rowIndex][columnIndex2]);
      if (settings.alignDelimiters !== false) {
        const size = stringLength(cell);
        sizes2[columnIndex2] = size;
        if (longestCellByColumn[columnIndex2] === void 0 || size > longestCellByColumn[columnIndex2]) {
          longestCellByColumn[columnIndex2] = size;
        }
      }
      row2.push(cell);
    }
    cellMatrix[rowIndex] = row2;
    sizeMatrix[rowIndex] = sizes2;
  }
  let columnIndex = -1;
  if (typeof align === "object" && "length" in align) {
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = toAlignment(align[columnIndex]);
    }
  } else {
    const code2 = toAlignment(align);
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = code2;
    }
  }
  columnIndex = -1;
  const row = [];
  const sizes = [];
  while (++columnIndex < mostCellsPerRow) {
    const code2 = alignments[columnIndex];
    let before = "";
    let after = "";
    if (code2 === 99) {
      before = ":";
      after = ":";
    } else if (code2 === 108) {
      before = ":";
    } else if (code2 === 114) {
      after = ":";
    }
    let size = settings.alignDelimiters === false ? 1 : Math.max(
      1,
      longestCellByColumn[columnIndex] - before.length - after.length
    );
    const cell = before + "-".repeat(size) + after;
    if (settings.alignDelimiters !== false) {
      size = before.length + size + after.length;
      if (size > longestCellByColumn[columnIndex]) {
        longestCellByColumn[columnIndex] = size;
      }
      sizes[columnIndex] = size;
    }
    row[columnIndex] = cell;
  }
  cellMatrix.splice(1, 0, row);
  sizeMatrix.splice(1, 0, sizes);
  rowIndex = -1;
  const lines = [];
  while (++rowIndex < cellMatrix.length) {
    const row2 = cellMatrix[rowIndex];
    const sizes2 = sizeMatrix[rowIndex];
    const cellsInRow = settings.fillRows === false ? Math.max(1, cellMatrix[rowIndex === 1 ? 0 : rowIndex].length) : mostCellsPerRow;
    columnIndex = -1;
    const line = [];
    while (++columnIndex < cellsInRow) {
      const cell = row2[columnIndex] || "";
      let before = "";
      let after = "";
      if (settings.alignDelimiters !== false) {
        const size = longestCellByColumn[columnIndex] - (sizes2[columnIndex] || 0);
        const code2 = alignments[columnIndex];
        if (code2 === 114) {
          before = " ".repeat(size);
        } else if (code2 === 99) {
          const half = size / 2;
          if (size % 2) {
            before = " ".repeat(half + 0.5);
            after = " ".repeat(half - 0.5);
          } else {
            before = " ".repeat(half);
            after = before;
          }
        } else {
          after = " ".repeat(size);
        }
      }
      if (settings.delimiterStart !== false && !columnIndex) {
        line.push("|");
      }
      if (settings.padding !== false && // Don’t add the opening space if we’re not aligning and the cell is
      // empty: there will be a closing space.
      !(settings.alignDelimiters === false && cell === "") && (settings.delimiterStart !== false || columnIndex)) {
        line.push(" ");
      }
      if (settings.alignDelimiters !== false) {
        line.push(before);
      }
      line.push(cell);
      if (settings.alignDelimiters !== false) {
        line.push(after);
      }
      if (settings.padding !== false) {
        line.push(" ");
      }
      if (settings.delimiterEnd !== false || columnIndex !== cellsInRow - 1) {
        line.push("|");
      }
    }
    lines.push(
      settings.delimiterEnd === false ? line.join("").replace(/ +$/, "") : line.join("")
    );
  }
  return lines.join("\n");
}
function serialize(value) {
  return value === null || value === void 0 ? "" : String(value);
}
function toAlignment(value) {
  const code2 = typeof value === "string" ? value.codePointAt(0) : 0;
  return code2 === 67 || code2 === 99 ? 99 : code2 === 76 || code2 === 108 ? 108 : code2 === 82 || code2 === 114 ? 114 : 0;
}

// src/report/equivalence.ts
function describeFigure(s) {
  const t = s.totals;
  return `${t.good}/${t.modules} ${s.selection} extractable and equivalent${t.share === null ? "" : ` (${sharePct(t.share)})`}`;
}
function sharePct(x) {
  let v = Math.round(x * 1e3) / 10;
  if (v === 100 && x < 1) v = 99.9;
  if (v === 0 && x > 0) v = 0.1;
  return `${v.toFixed(1)}%`;
}

// src/report/markdown.ts
var COMMENT_LIMIT = 65e3;
var SUMMARY_LIMIT = 1e6;
var MARKER_PREFIX = "<!-- modelexport-action:comment";
function sanitizeKey(key) {
  const k = key.trim().replace(/[^A-Za-z0-9._/:-]/g, "_").replace(/-{2,}/g, "-");
  return k === "" ? "default" : k.slice(0, 200);
}
function commentMarker(key) {
  return `${MARKER_PREFIX} key=${sanitizeKey(key)} -->`;
}
var ENTITIES = {
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
  "@": "&#64;"
};
var SPECIAL = /[&<>"|\\`*_[\]~!#$@]/g;
function clip(text, max) {
  const flat = text.replace(/[\r\n\t\f\v]+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
}
function escapeText(text, max = 1e3) {
  return clip(text, max).replace(SPECIAL, (ch) => ch === "@" ? "@\u200B" : ENTITIES[ch]);
}
function code(text, max = 200) {
  const shown = clip(text, max);
  if (shown === "") return "<code>\u2205</code>";
  return `<code>${shown.replace(SPECIAL, (ch) => ENTITIES[ch])}</code>`;
}
function context(path) {
  if (path === null) return "<i>unmapped</i>";
  return path === "" ? "<i>(root)</i>" : code(path);
}
var pct = (x) => `${(x * 100).toFixed(1)}%`;
var pctDelta = (x) => {
  const v = Math.round(x * 1e3) / 10;
  return v === 0 ? "" : ` (${v > 0 ? "+" : "\u2212"}${Math.abs(v).toFixed(1)})`;
};
function statusMark(m, hasBaseline, failed = false) {
  if (m.noHierarchy) return "\u26AB";
  if (!hasBaseline) return m.head && m.head.unresolved > 0 ? "\u26A0\uFE0F" : "\u2705";
  if (failed && m.status !== "added") return "\u{1F534}";
  if (m.status === "added") return "\u{1F195}";
  if (m.status === "removed") return "\u{1F5D1}\uFE0F";
  if (m.delta.unresolved > 0) return "\u{1F534}";
  if (m.delta.unresolved < 0 && m.lostCases.length === 0) return "\u{1F7E2}";
  return "\u26AA";
}
var EQUIVALENCE_ROWS = 50;
var EQUIVALENCE_FAILURES = 20;
function linkTarget(url) {
  return encodeURI(url).replace(/\(/g, "%28").replace(/\)/g, "%29");
}
function renderEquivalence(summary, gate) {
  const t = summary.totals;
  const verdict = gate.conclusion === "off" ? "report only" : `${gate.conclusion === "fail" ? "\u274C below" : "\u2705 at least"} \`min-equivalent-share: ${gate.threshold}\``;
  const lines = [`**Module equivalence** (ONNX Runtime ${escapeText(summary.runtime, 40)}): ${escapeText(describeFigure(summary), 300)} \xB7 ${verdict}`, ""];
  const share = (x) => x === null ? "\u2014" : sharePct(x);
  const shown = summary.models.slice(0, EQUIVALENCE_ROWS);
  const rows = shown.map(
    (m) => m.error !== void 0 ? [code(m.model), "\u2014", "\u2014", "\u2014", `not checked: ${escapeText(m.error, 300)}`] : [code(m.model), String(m.modules), String(m.extractable), String(m.equivalent), m.modules === 0 ? "no module selected" : share(m.share)]
  );
  if (summary.models.length > shown.length) rows.push(["", `_\u2026 ${summary.models.length - shown.length} more models_`, "", "", ""]);
  const total = ["**Total**", String(t.modules), String(t.extractable), String(t.equivalent), `**${share(t.share)}**`];
  lines.push(
    markdownTable([["Model", "Modules checked", "Extractable", "Equivalent", "Share"], ...rows, ...summary.models.length > 1 ? [total] : []], {
      alignDelimiters: false,
      align: ["l", "r", "r", "r", "r"]
    })
  );
  const failures = summary.models.flatMap((m) => m.failures.map((f) => ({ model: m.model, ...f })));
  if (failures.length > 0) {
    const items = failures.slice(0, EQUIVALENCE_FAILURES).map((f) => `- ${code(f.model, 160)} ${code(f.module)}: ${escapeText(f.reason, 300)}`);
    if (failures.length > items.length) items.push(`- _\u2026 and ${failures.length - items.length} more_`);
    lines.push(
      "",
      `<details${gate.conclusion === "fail" ? " open" : ""}><summary>${failures.length} module${failures.length === 1 ? "" : "s"} not extractable and equivalent</summary>
`,
      ...items,
      "</details>"
    );
  }
  return lines.join("\n");
}
function renderHtmlLink(link) {
  return `\u{1F4C4} **Full report (HTML):** download the ${code(link.artifact, 100)} artifact from [the workflow run](${linkTarget(link.runUrl)}) and open ${code(link.file, 100)} in a browser: the module tree, every case with its evidence and resolution, and a search box.`;
}
var INDEX_SEGMENT = /(^|\.)(\d+)(?=[./]|$)/g;
function shapeOf(ctx) {
  return ctx.replace(INDEX_SEGMENT, "$1N");
}
function indexesOf(ctx) {
  return [...ctx.matchAll(INDEX_SEGMENT)].map((m) => m[2]).join(".");
}
function casePatterns(cases) {
  const groups = /* @__PURE__ */ new Map();
  for (const c of cases) {
    const shape = c.contexts.map(shapeOf);
    const key = [c.opType, c.kind, c.scope, ...shape].join("\0");
    let g = groups.get(key);
    if (!g) groups.set(key, g = { key, opType: c.opType, kind: c.kind, scope: c.scope, shape, cases: [], layers: [] });
    g.cases.push(c);
    const layers = c.contexts.map(indexesOf).filter((x) => x !== "").join("/");
    if (layers !== "" && !g.layers.includes(layers)) g.layers.push(layers);
  }
  return [...groups.values()].sort((a, b) => b.cases.length - a.cases.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
var COMMENT_PATTERNS = 8;
var PATTERN_LAYERS = 8;
var PATTERN_NODES = 6;
function confidenceRange(cases) {
  const cs = cases.map((c) => c.resolution.confidence);
  const lo = Math.min(...cs);
  const hi = Math.max(...cs);
  return lo === hi ? `confidence ${lo.toFixed(2)}` : `confidence ${lo.toFixed(2)}\u2013${hi.toFixed(2)}`;
}
function verdictOf(c) {
  const r = c.resolution;
  const why = escapeText(r.reasoning, 400);
  return r.status === "resolved" ? `resolved to ${context(r.primary)} by ${r.strategy ?? "?"} (confidence ${r.confidence.toFixed(2)}): ${why}` : why;
}
function patternItem(p, nodes, note) {
  const first = p.cases[0];
  const where = first.source ? ` \xB7 ${code(`${first.source.file}:${first.source.line}`, 160)}` : "";
  const pair = p.shape.map((s) => context(s)).join(" vs ");
  const layers = p.layers.length > 0 ? ` \xB7 layers ${p.layers.slice(0, PATTERN_LAYERS).map((l) => escapeText(l, 40)).join(", ")}${p.layers.length > PATTERN_LAYERS ? `, \u2026 (${p.layers.length})` : ""}` : "";
  const count = p.cases.length > 1 ? `**${p.cases.length}\xD7** ` : "";
  const head = `- ${count}${code(p.opType, 40)} \xB7 ${p.scope} ${p.kind} \xB7 ${pair}${layers} \xB7 ${confidenceRange(p.cases)}${where}`;
  const shown = p.cases.slice(0, Math.max(1, nodes)).map((c) => code(c.node));
  const names = p.cases.length > 1 ? `  ${p.cases.length > shown.length ? "e.g. " : ""}${shown.join(", ")}${p.cases.length > shown.length ? ", \u2026" : ""}` : `  ${shown[0]}`;
  return `${head}
${names}: ${note ? note(first) : verdictOf(first)}`;
}
function patternSection(groups, maxPatterns, nodes, note) {
  const items = [];
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
    items.push(`${items.length > 0 ? "\n" : ""}**${code(model, 160)}**
`);
    items.push(...take.map((p) => patternItem(p, nodes, note)));
  }
  if (hiddenPatterns > 0) {
    items.push(`- _\u2026 ${plural(hiddenPatterns, "more pattern")} (${plural(hiddenCases, "case")}): every case is in the HTML report_`);
  }
  return { items, count, patterns };
}
var plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
function table(diff, gate) {
  const base = diff.hasBaseline;
  const offenders = new Set(gate.offenders);
  const head = base ? ["", "Model", "Unresolved (base \u2192 head)", "\u0394", "Cases (resolved)", "Evidence", "Coverage", "Uncertain"] : ["", "Model", "Unresolved", "Cases (resolved)", "Evidence", "Coverage", "Uncertain"];
  const share = (h, b, f) => {
    if (!h) return "\u2014";
    const x = f(h);
    if (x === null) return "?";
    if (!b) return pct(x);
    const y = f(b);
    return y === null ? `${pct(x)} (base ?)` : `${pct(x)}${pctDelta(x - y)}`;
  };
  const count = (h, b, f) => {
    if (!h) return "\u2014";
    const x = f(h);
    if (x === null) return "?";
    if (!b) return String(x);
    const y = f(b);
    return y === null ? `? \u2192 ${x}` : y === x ? String(x) : `${y} \u2192 ${x}`;
  };
  const row = (m) => {
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
    count(diff.head, diff.base, (s) => s.uncertain)
  ];
  const totalRow = base ? ["", "**Total**", `**${diff.base.unresolved} \u2192 ${diff.head.unresolved}**`, `**${signed(diff.delta.unresolved)}**`, ...totalTail] : ["", "**Total**", `**${diff.head.unresolved}**`, ...totalTail];
  const rows = diff.models.map(row);
  const align = base ? ["c", "l", "r", "r", "r", "r", "r", "r"] : ["c", "l", "r", "r", "r", "r", "r"];
  const lines = markdownTable([head, ...rows, totalRow], { alignDelimiters: false, align }).split("\n");
  return { header: lines.slice(0, 2).join("\n"), rows: lines.slice(2, -1), total: lines[lines.length - 1] };
}
function utf8Length(s) {
  return Buffer.byteLength(s, "utf8");
}
function renderMarkdown(diff, gate, head, ctx = {}) {
  const isComment = ctx.key !== void 0;
  const limit = ctx.limit ?? (isComment ? COMMENT_LIMIT : SUMMARY_LIMIT);
  const measure = isComment ? (s) => s.length : utf8Length;
  const threshold = head.options.confidenceThreshold;
  const maxPatterns = isComment ? COMMENT_PATTERNS : Number.MAX_SAFE_INTEGER;
  const nodes = isComment ? 3 : PATTERN_NODES * 50;
  const icon = gate.conclusion === "fail" ? "\u274C" : diff.noHierarchy.length > 0 ? "\u26AB" : diff.head.unresolved > 0 ? "\u26A0\uFE0F" : "\u2705";
  const title = ctx.title ?? "modelexport: cross-layer contamination";
  const top = [];
  if (isComment) top.push(commentMarker(ctx.key));
  top.push(`### ${icon} ${escapeText(title, 200)}`, "");
  const eqRule = ctx.equivalence && ctx.equivalence.gate.threshold !== null ? `, \`min-equivalent-share: ${ctx.equivalence.gate.threshold}\`` : "";
  const dropRule = gate.rule.allowedCoverageDrop ? `, \`allowed-coverage-drop: ${gate.rule.allowedCoverageDrop}\`` : "";
  top.push(`**Gate ${gate.conclusion === "fail" ? "failed" : "passed"}** (\`fail-on: ${gate.rule.failOn}\`${dropRule}${eqRule}): ${escapeText(gate.reason, 900)}`);
  if (ctx.baselineNote) top.push("", `> ${escapeText(ctx.baselineNote, 400)}`);
  for (const n of gate.notes) top.push("", `> ${escapeText(n.charAt(0).toUpperCase() + n.slice(1), 400)}.`);
  if (diff.hasBaseline && (diff.added.length > 0 || diff.removed.length > 0)) {
    const bits = [];
    if (diff.added.length > 0) bits.push(`${diff.added.length} model${diff.added.length === 1 ? "" : "s"} added`);
    if (diff.removed.length > 0) bits.push(`${diff.removed.length} removed`);
    top.push("", bits.join(", ") + ".");
  }
  top.push("");
  const t = table(diff, gate);
  const sections = [];
  const more = (n) => `- _\u2026 and ${n} more not shown_`;
  const below = `confidence below ${threshold}`;
  if (diff.hasBaseline) {
    const fresh = patternSection(diff.models.map((m) => [m.model, m.newlyUnresolved]), maxPatterns, nodes);
    if (fresh.count > 0) {
      const open = gate.conclusion === "fail" && fresh.patterns <= 3 ? " open" : "";
      sections.push({
        open: `<details${open}><summary><b>${plural(fresh.count, "new unresolved case")}</b> (${below}) in ${plural(fresh.patterns, "pattern")}</summary>

`,
        items: fresh.items,
        close: "\n</details>\n",
        more
      });
    }
    const lost = patternSection(diff.models.map((m) => [m.model, m.lostCases.map((c) => c.base)]), maxPatterns, nodes, () => "its node no longer carries any module evidence");
    if (lost.count > 0) {
      sections.push({
        open: `<details><summary><b>${plural(lost.count, "unresolved case")} lost with ${lost.count === 1 ? "its node's" : "their nodes'"} evidence</b> (not fixed)</summary>

`,
        items: lost.items,
        close: "\n</details>\n",
        more
      });
    }
    const fixedByModel = diff.models.map((m) => [m.model, m.fixedCases.map((c) => c.head ?? c.base)]);
    const gone = new Set(diff.models.flatMap((m) => m.fixedCases.filter((c) => c.head === null).map((c) => c.base)));
    const fixed = patternSection(fixedByModel, maxPatterns, nodes, (c) => gone.has(c) ? "no longer present" : verdictOf(c));
    if (fixed.count > 0) {
      sections.push({
        open: `<details><summary>${plural(fixed.count, "unresolved case")} fixed</summary>

`,
        items: fixed.items,
        close: "\n</details>\n",
        more
      });
    }
  }
  if (ctx.allUnresolved || !diff.hasBaseline) {
    const all = patternSection(head.models.map((m) => [m.model, m.cases.filter((c) => c.resolution.status === "unresolved")]), maxPatterns, nodes);
    if (all.count > 0) {
      sections.push({
        open: `<details><summary>All ${plural(all.count, "unresolved case")} (${below}) in ${plural(all.patterns, "pattern")}</summary>

`,
        items: all.items,
        close: "\n</details>\n",
        more
      });
    }
  }
  const mid = ctx.equivalence ? ["", renderEquivalence(ctx.equivalence.summary, ctx.equivalence.gate)] : [];
  const foot = [];
  if (ctx.htmlReport) foot.push("", renderHtmlLink(ctx.htmlReport));
  const meta = [
    ctx.baseLabel ? `base ${escapeText(ctx.baseLabel, 120)}` : null,
    ctx.headLabel ? `head ${escapeText(ctx.headLabel, 120)}` : null,
    `confidence threshold ${threshold}`,
    `${escapeText(head.tool.name, 40)} ${escapeText(head.tool.version, 40)}`
  ].filter((x) => x !== null);
  foot.push("", `<sub>${meta.join(" \xB7 ")}${ctx.runUrl ? ` \xB7 [run](${linkTarget(ctx.runUrl)})` : ""}</sub>`, "");
  const cutNote = (n) => `
> [!NOTE]
> Cut to fit GitHub's ${isComment ? "65,536-character comment" : "1 MiB job summary"} limit: ${n} ${n === 1 ? "entry" : "entries"} (models or cases) not shown.${isComment ? " The job summary and the report artifact have everything." : " The report artifact has everything."}
`;
  const fixedText = top.join("\n") + "\n" + t.header + "\n" + t.total + "\n" + mid.join("\n") + "\n" + foot.join("\n");
  const reserve = measure(cutNote(999999)) + 16;
  let budget = limit - measure(fixedText) - reserve;
  let omitted = 0;
  const rows = [];
  const width = t.header.split("\n")[0].split("|").length - 2;
  for (const [i, r] of t.rows.entries()) {
    const cost = measure(r) + 1;
    if (cost > budget) {
      omitted += t.rows.length - i;
      rows.push(`| | _\u2026 ${t.rows.length - i} more models_ |${" |".repeat(Math.max(0, width - 2))}`);
      break;
    }
    budget -= cost;
    rows.push(r);
  }
  const parts = [];
  for (const s of sections) {
    const moreCost = measure(s.more(999999)) + 1;
    const shellCost = measure(s.open) + measure(s.close) + moreCost + 2;
    if (shellCost > budget) {
      omitted += s.items.filter((i) => i.startsWith("- ")).length;
      continue;
    }
    budget -= shellCost;
    const kept = [];
    for (const item of s.items) {
      const cost = measure(item) + 1;
      if (cost > budget) break;
      budget -= cost;
      kept.push(item);
    }
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
function renderSummary(diff, gate, head, ctx = {}) {
  return renderMarkdown(diff, gate, head, { allUnresolved: true, ...ctx, key: void 0 });
}

export {
  markdownTable,
  escapeText,
  code,
  renderSummary
};
