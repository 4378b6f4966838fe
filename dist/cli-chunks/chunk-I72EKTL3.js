import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  UserError,
  isObject,
  oneLine
} from "./chunk-THEZH5GJ.js";

// src/report/diff.ts
var num = (x) => typeof x === "number" && Number.isFinite(x) ? x : null;
function modelStats(m) {
  const c = m.counts;
  return {
    cases: c.cases,
    resolved: c.resolved,
    unresolved: c.unresolved,
    coverage: c.coverage,
    nodes: c.nodes,
    withEvidence: num(c.withEvidence),
    evidenceCoverage: num(c.evidenceCoverage),
    uncertain: num(c.uncertain)
  };
}
function reportStats(r) {
  const t = r.totals;
  return {
    cases: t.cases,
    resolved: t.resolved,
    unresolved: t.unresolved,
    coverage: t.coverage,
    nodes: t.nodes,
    withEvidence: num(t.withEvidence),
    evidenceCoverage: num(t.evidenceCoverage),
    uncertain: num(t.uncertain)
  };
}
var ZERO = { cases: 0, resolved: 0, unresolved: 0, coverage: 0, nodes: 0, withEvidence: 0, evidenceCoverage: 0, uncertain: 0 };
var round9 = (x) => Math.round(x * 1e9) / 1e9;
function delta(base, head) {
  const b = base ?? ZERO;
  const h = head ?? ZERO;
  const known = (f, round) => {
    const x = f(h);
    const y = f(b);
    return x === null || y === null ? null : round ? round9(x - y) : x - y;
  };
  return {
    cases: h.cases - b.cases,
    resolved: h.resolved - b.resolved,
    unresolved: h.unresolved - b.unresolved,
    coverage: round9(h.coverage - b.coverage),
    nodes: h.nodes - b.nodes,
    evidenceCoverage: known((s) => s.evidenceCoverage, true),
    uncertain: known((s) => s.uncertain, false)
  };
}
function byId(cases) {
  const m = /* @__PURE__ */ new Map();
  for (const c of cases) if (!m.has(c.id)) m.set(c.id, c);
  return m;
}
var isUnresolved = (c) => c.resolution.status === "unresolved";
function evidenceOf(m) {
  if (m.nodes.length === 0 && m.counts.nodes > 0) return null;
  const shared = new Set(m.cases.filter((c) => c.kind === "shared-across-modules").map((c) => c.node));
  const has = /* @__PURE__ */ new Map();
  for (const n of m.nodes) {
    has.set(n.id, n.decidedBy === "scope" || n.decidedBy === "tag" || n.decidedBy === "case" && !shared.has(n.id));
  }
  return (node) => has.get(node);
}
function hasNoHierarchy(m) {
  if (!m) return false;
  const w = num(m.counts.withEvidence);
  return m.counts.nodes > 0 && w === 0;
}
function diffCases(b, h) {
  const base = byId(b?.cases ?? []);
  const head = byId(h?.cases ?? []);
  const newCases = [];
  const newlyUnresolved = [];
  for (const [id, c] of head) {
    const was = base.get(id);
    if (!was) newCases.push(c);
    if (isUnresolved(c) && (!was || !isUnresolved(was))) newlyUnresolved.push(c);
  }
  const fixedCases = [];
  const lostCases = [];
  if (b && h) {
    const evidence = evidenceOf(h);
    const bw = num(b.counts.withEvidence);
    const hw = num(h.counts.withEvidence);
    const fell = bw !== null && hw !== null && hw < bw;
    for (const [id, was] of base) {
      if (!isUnresolved(was)) continue;
      const now = head.get(id) ?? null;
      if (now && isUnresolved(now)) continue;
      const kept = evidence?.(was.node) ?? !fell;
      (kept ? fixedCases : lostCases).push({ base: was, head: now });
    }
  }
  return { newCases, newlyUnresolved, fixedCases, lostCases };
}
function sameStats(a, b) {
  return a.cases === b.cases && a.resolved === b.resolved && a.unresolved === b.unresolved && Math.abs(a.coverage - b.coverage) < 1e-9 && a.nodes === b.nodes && a.withEvidence === b.withEvidence && a.uncertain === b.uncertain;
}
function diffReports(base, head) {
  const baseModels = new Map((base?.models ?? []).map((m) => [m.model, m]));
  const headModels = new Map(head.models.map((m) => [m.model, m]));
  const names2 = [.../* @__PURE__ */ new Set([...baseModels.keys(), ...headModels.keys()])].sort();
  const models = names2.map((model) => {
    const b = baseModels.get(model);
    const h = headModels.get(model);
    const bs = b ? modelStats(b) : null;
    const hs = h ? modelStats(h) : null;
    const cases = diffCases(b, h);
    let status;
    if (!b) status = "added";
    else if (!h) status = "removed";
    else if (sameStats(bs, hs) && cases.newCases.length === 0 && cases.fixedCases.length === 0 && cases.lostCases.length === 0 && cases.newlyUnresolved.length === 0) status = "unchanged";
    else status = "changed";
    return { model, status, base: bs, head: hs, delta: delta(bs, hs), ...cases, noHierarchy: hasNoHierarchy(h) };
  });
  const baseStats = base ? reportStats(base) : null;
  const headStats = reportStats(head);
  const sum = (f) => models.reduce((n, m) => n + f(m), 0);
  return {
    hasBaseline: base !== null,
    baseVersion: base ? base.version : null,
    models,
    added: base ? models.filter((m) => m.status === "added").map((m) => m.model) : [],
    removed: models.filter((m) => m.status === "removed").map((m) => m.model),
    base: baseStats,
    head: headStats,
    delta: delta(baseStats ?? headStats, headStats),
    newCases: base ? sum((m) => m.newCases.length) : 0,
    newlyUnresolved: base ? sum((m) => m.newlyUnresolved.length) : 0,
    fixedCases: sum((m) => m.fixedCases.length),
    lostCases: sum((m) => m.lostCases.length),
    noHierarchy: models.filter((m) => m.noHierarchy).map((m) => m.model)
  };
}
var FAIL_ON = ["total", "any-model", "new-cases", "never"];
var plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
var signed = (n) => n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : "\xB10";
var pct1 = (x) => `${(x * 100).toFixed(1)}%`;
function names(list, max = 3) {
  return list.length <= max ? list.join(", ") : `${list.slice(0, max).join(", ")} and ${list.length - max} more`;
}
function evaluateGate(diff, rule) {
  const checks = [];
  const offenders = /* @__PURE__ */ new Set();
  const notes = [];
  const allowed = rule.allowedIncrease;
  const tolerance = allowed > 0 ? ` (allowed increase ${allowed})` : "";
  const done = (lead) => {
    const failed = checks.filter((c) => c.conclusion === "fail");
    const passed = checks.filter((c) => c.conclusion === "pass").sort((a, b) => Number(b.name === "unresolved") - Number(a.name === "unresolved"));
    const ordered = [...failed, ...passed];
    const reason = [lead, ...ordered.map((c) => c.reason)].filter((x) => x !== void 0 && x !== "").join("; ");
    return { conclusion: failed.length > 0 ? "fail" : "pass", rule, reason, checks, offenders: [...offenders].sort(), notes };
  };
  if (rule.failOn === "never") return done(`gate disabled (fail-on: never); ${plural(diff.head.unresolved, "unresolved case")}`);
  if (diff.noHierarchy.length > 0) {
    for (const m of diff.noHierarchy) offenders.add(m);
    checks.push({
      name: "hierarchy",
      conclusion: "fail",
      reason: `no hierarchy evidence in ${names(diff.noHierarchy)} (no node carries a module scope, tag or sidecar entry)`
    });
  }
  if (!diff.hasBaseline) {
    if (rule.withoutBaseline === "absolute") {
      const n = diff.head.unresolved;
      checks.push({ name: "unresolved", conclusion: n > allowed ? "fail" : "pass", reason: `${plural(n, "unresolved case")}${n > allowed ? tolerance : ""}` });
      if (n > allowed) diff.models.filter((m) => (m.head?.unresolved ?? 0) > 0).forEach((m) => offenders.add(m.model));
      return done();
    }
    return done(checks.length === 0 ? `no baseline yet: ${plural(diff.head.unresolved, "unresolved case")} recorded, nothing to compare with` : void 0);
  }
  const both = diff.models.filter((m) => m.base !== null && m.head !== null);
  const drop = rule.allowedCoverageDrop ?? 0;
  const fell = [];
  const fellText = [];
  for (const m of both) {
    const b = m.base;
    const h = m.head;
    const parts = [];
    if (b.evidenceCoverage !== null && h.evidenceCoverage !== null && b.evidenceCoverage - h.evidenceCoverage > drop + 1e-9) {
      parts.push(`evidence ${pct1(b.evidenceCoverage)} \u2192 ${pct1(h.evidenceCoverage)}`);
    }
    if (b.coverage - h.coverage > drop + 1e-9) parts.push(`coverage ${pct1(b.coverage)} \u2192 ${pct1(h.coverage)}`);
    if (parts.length > 0) {
      fell.push(m.model);
      fellText.push(`${m.model} (${parts.join(", ")})`);
    }
  }
  if (both.some((m) => m.base.evidenceCoverage === null)) {
    notes.push(`the baseline is a version ${diff.baseVersion ?? 1} report: it records no evidence coverage or uncertain attributions, so those are unknown for the base and were not compared`);
  }
  const dropText = drop > 0 ? ` (allowed drop ${pct1(drop)})` : "";
  if (fell.length > 0) {
    fell.forEach((m) => offenders.add(m));
    checks.push({ name: "coverage", conclusion: "fail", reason: `coverage fell in ${plural(fell.length, "model")}${dropText}: ${names(fellText)}` });
  } else if (both.length > 0) {
    checks.push({ name: "coverage", conclusion: "pass", reason: "no model lost coverage" + dropText });
  }
  const lostText = diff.lostCases > 0 ? `; ${plural(diff.lostCases, "case")} lost with ${diff.lostCases === 1 ? "its node's" : "their nodes'"} evidence, not counted as fixed` : "";
  const base = diff.base;
  switch (rule.failOn) {
    case "total": {
      const d = diff.delta.unresolved + diff.lostCases;
      const what = `unresolved cases ${base.unresolved} \u2192 ${diff.head.unresolved} (${signed(diff.delta.unresolved)}${lostText})`;
      checks.push({ name: "unresolved", conclusion: d > allowed ? "fail" : "pass", reason: d > allowed ? `${what}${tolerance}` : what });
      break;
    }
    case "any-model": {
      const worse = diff.models.filter((m) => m.head !== null && m.delta.unresolved + m.lostCases.length > allowed);
      if (worse.length === 0) {
        checks.push({ name: "unresolved", conclusion: "pass", reason: `no model gained more than ${plural(allowed, "unresolved case")}${lostText}` });
      } else {
        worse.forEach((m) => offenders.add(m.model));
        const list = worse.map((m) => `${m.model} ${signed(m.delta.unresolved)}${m.lostCases.length > 0 ? ` (${m.lostCases.length} lost)` : ""}`);
        checks.push({ name: "unresolved", conclusion: "fail", reason: `${plural(worse.length, "model")} gained unresolved cases${tolerance}: ${names(list)}` });
      }
      break;
    }
    case "new-cases": {
      const n = diff.newlyUnresolved + diff.lostCases;
      const what = `${plural(diff.newlyUnresolved, "new unresolved case")}${lostText}`;
      checks.push({ name: "unresolved", conclusion: n > allowed ? "fail" : "pass", reason: n > allowed ? `${what}${tolerance}` : what });
      break;
    }
  }
  const known = both.filter((m) => m.delta.uncertain !== null);
  if (known.length > 0) {
    const b = known.reduce((n, m) => n + m.base.uncertain, 0);
    const h = known.reduce((n, m) => n + m.head.uncertain, 0);
    if (rule.failOn === "any-model") {
      const worse = known.filter((m) => m.delta.uncertain > allowed);
      worse.forEach((m) => offenders.add(m.model));
      checks.push(
        worse.length > 0 ? { name: "uncertain", conclusion: "fail", reason: `${plural(worse.length, "model")} gained uncertain attributions${tolerance}: ${names(worse.map((m) => `${m.model} ${signed(m.delta.uncertain)}`))}` } : { name: "uncertain", conclusion: "pass", reason: `uncertain attributions ${b} \u2192 ${h}` }
      );
    } else {
      const d = h - b;
      checks.push({ name: "uncertain", conclusion: d > allowed ? "fail" : "pass", reason: `uncertain attributions ${b} \u2192 ${h} (${signed(d)})${d > allowed ? tolerance : ""}` });
    }
  }
  return done();
}
function ratchetCheck(baseline, head) {
  if (!baseline) return { ok: true, reason: "no baseline yet" };
  const d = diffReports(baseline, head);
  const worse = d.models.filter((m) => m.head && m.delta.unresolved > 0 && m.status !== "added");
  if (worse.length > 0) {
    return {
      ok: false,
      reason: `the report has more unresolved cases than the baseline in ${worse.map((m) => `${m.model} (${signed(m.delta.unresolved)})`).join(", ")}`
    };
  }
  if (d.delta.unresolved > 0 && d.added.length === 0) {
    return { ok: false, reason: `the report has more unresolved cases in total (${signed(d.delta.unresolved)})` };
  }
  return { ok: true, reason: `unresolved cases ${d.base.unresolved} \u2192 ${d.head.unresolved}` };
}
var ReportShapeError = class extends Error {
};
function parseReport(data) {
  const fail = (m) => {
    throw new ReportShapeError(m);
  };
  if (!isObject(data)) return fail("not a JSON object");
  if (data.schema !== "modelexport-report") return fail(`schema is ${JSON.stringify(data.schema)}, expected "modelexport-report"`);
  if (data.version !== 1 && data.version !== 2) return fail(`report version ${JSON.stringify(data.version)} is not supported (this build reads versions 1 and 2)`);
  if (!Array.isArray(data.models)) return fail("models is not an array");
  if (!isObject(data.totals)) return fail("totals is missing");
  if (!isObject(data.options) || typeof data.options.confidenceThreshold !== "number") return fail("options.confidenceThreshold is missing");
  for (const k of ["models", "nodes", "cases", "resolved", "unresolved", "coverage"]) {
    if (typeof data.totals[k] !== "number") fail(`totals.${k} is not a number`);
  }
  data.models.forEach((m, i) => {
    if (!isObject(m) || typeof m.model !== "string") return fail(`models[${i}].model is not a string`);
    if (!isObject(m.counts)) return fail(`models[${i}] (${m.model}): counts is missing`);
    for (const k of ["nodes", "cases", "resolved", "unresolved", "coverage"]) {
      if (typeof m.counts[k] !== "number") fail(`models[${i}] (${m.model}): counts.${k} is not a number`);
    }
    if (!Array.isArray(m.cases)) return fail(`models[${i}] (${m.model}): cases is not an array`);
    m.cases.forEach((c, j) => {
      if (!isObject(c) || typeof c.id !== "string" || typeof c.node !== "string" || !isObject(c.resolution) || !Array.isArray(c.contexts)) {
        fail(`models[${i}] (${m.model}): cases[${j}] lacks id, node, contexts or resolution`);
      }
    });
  });
  return data;
}
function baselineOf(report, keepNodes = false) {
  return {
    ...report,
    models: report.models.map((m) => {
      const { timings: _t, ...rest } = m;
      return { ...rest, nodes: keepNodes ? m.nodes : [] };
    })
  };
}

// src/adapters/fs/json.ts
import fs from "node:fs";
var MAX_JSON_BYTES = 256 * 1024 * 1024;
function readTextFile(file, what, maxBytes = MAX_JSON_BYTES) {
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = err.code;
    throw new UserError(`${file}: cannot read ${what}: ${code === "ENOENT" ? "no such file" : code ?? err.message}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new UserError(`${file}: cannot read ${what}: not a regular file`);
    if (stat.size > maxBytes) throw new UserError(`${file}: cannot read ${what}: ${stat.size} bytes, more than the ${maxBytes} accepted`);
    const buf = Buffer.alloc(stat.size);
    let done = 0;
    while (done < buf.length) {
      const n = fs.readSync(fd, buf, done, buf.length - done, done);
      if (n === 0) break;
      done += n;
    }
    return buf.toString("utf8", 0, done);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${file}: cannot read ${what}: ${err.code ?? err.message}`);
  } finally {
    fs.closeSync(fd);
  }
}
function jsonProblem(err) {
  const message = err instanceof Error ? err.message : "";
  const at = /at position (\d+)/.exec(message);
  if (at) return `not valid JSON (at character ${at[1]})`;
  if (/end of JSON input/.test(message)) return "not valid JSON (it ends early)";
  return "not valid JSON";
}
function readJsonFile(file, what, maxBytes = MAX_JSON_BYTES) {
  const text = readTextFile(file, what, maxBytes);
  try {
    return JSON.parse(text.charCodeAt(0) === 65279 ? text.slice(1) : text);
  } catch (err) {
    if (err instanceof RangeError) throw new UserError(`${file}: ${what} is nested too deeply to read`);
    throw new UserError(`${file}: ${jsonProblem(err)}`);
  }
}
function readReportFile(file, what) {
  const data = readJsonFile(file, what);
  try {
    return parseReport(data);
  } catch (err) {
    if (err instanceof ReportShapeError) throw new UserError(`${file}: not a modelexport report: ${oneLine(err.message)}`);
    if (err instanceof RangeError) throw new UserError(`${file}: not a modelexport report: nested too deeply`);
    throw err;
  }
}

export {
  diffReports,
  FAIL_ON,
  signed,
  evaluateGate,
  ratchetCheck,
  baselineOf,
  readJsonFile,
  readReportFile
};
