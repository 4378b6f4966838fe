import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isObject
} from "./chunk-7M4KYW6X.js";
import {
  UserError
} from "./chunk-UWEOBCVG.js";

// src/adapters/fs/write.ts
import fs from "node:fs";
import path from "node:path";
function writeFileAtomic(file, data) {
  const dir = path.dirname(path.resolve(file));
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UserError(`${file}: cannot create folder '${dir}': ${err.code ?? err.message}`);
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new UserError(`${file}: cannot write: ${err.code ?? err.message}`);
  }
}
function toJson(value) {
  return JSON.stringify(value, null, 2) + "\n";
}

// src/report/diff.ts
function modelStats(m) {
  return {
    cases: m.counts.cases,
    resolved: m.counts.resolved,
    unresolved: m.counts.unresolved,
    coverage: m.counts.coverage,
    nodes: m.counts.nodes
  };
}
function reportStats(r) {
  return {
    cases: r.totals.cases,
    resolved: r.totals.resolved,
    unresolved: r.totals.unresolved,
    coverage: r.totals.coverage,
    nodes: r.totals.nodes
  };
}
var ZERO = { cases: 0, resolved: 0, unresolved: 0, coverage: 0, nodes: 0 };
function delta(base, head) {
  const b = base ?? ZERO;
  const h = head ?? ZERO;
  return {
    cases: h.cases - b.cases,
    resolved: h.resolved - b.resolved,
    unresolved: h.unresolved - b.unresolved,
    // Rounded so that equal coverages computed in different orders compare equal.
    coverage: Math.round((h.coverage - b.coverage) * 1e9) / 1e9,
    nodes: h.nodes - b.nodes
  };
}
function byId(cases) {
  const m = /* @__PURE__ */ new Map();
  for (const c of cases) if (!m.has(c.id)) m.set(c.id, c);
  return m;
}
var isUnresolved = (c) => c.resolution.status === "unresolved";
function diffCases(base, head) {
  const b = byId(base);
  const h = byId(head);
  const newCases = [];
  const newlyUnresolved = [];
  const newlyResolved = [];
  for (const [id, c] of h) {
    const was = b.get(id);
    if (!was) newCases.push(c);
    if (isUnresolved(c) && (!was || !isUnresolved(was))) newlyUnresolved.push(c);
    if (was && isUnresolved(was) && !isUnresolved(c)) newlyResolved.push(c);
  }
  const fixedCases = [...b.values()].filter((c) => !h.has(c.id));
  return { newCases, fixedCases, newlyUnresolved, newlyResolved };
}
function sameStats(a, b) {
  return a.cases === b.cases && a.resolved === b.resolved && a.unresolved === b.unresolved && Math.abs(a.coverage - b.coverage) < 1e-9 && a.nodes === b.nodes;
}
function diffReports(base, head) {
  const baseModels = new Map((base?.models ?? []).map((m) => [m.model, m]));
  const headModels = new Map(head.models.map((m) => [m.model, m]));
  const names = [.../* @__PURE__ */ new Set([...baseModels.keys(), ...headModels.keys()])].sort();
  const models = names.map((model) => {
    const b = baseModels.get(model);
    const h = headModels.get(model);
    const bs = b ? modelStats(b) : null;
    const hs = h ? modelStats(h) : null;
    const cases = diffCases(b?.cases ?? [], h?.cases ?? []);
    let status;
    if (!b) status = "added";
    else if (!h) status = "removed";
    else if (sameStats(bs, hs) && cases.newCases.length === 0 && cases.fixedCases.length === 0 && cases.newlyResolved.length === 0 && cases.newlyUnresolved.length === 0) status = "unchanged";
    else status = "changed";
    return { model, status, base: bs, head: hs, delta: delta(bs, hs), ...cases };
  });
  const baseStats = base ? reportStats(base) : null;
  const headStats = reportStats(head);
  const sum = (f) => models.reduce((n, m) => n + f(m), 0);
  return {
    hasBaseline: base !== null,
    models,
    added: base ? models.filter((m) => m.status === "added").map((m) => m.model) : [],
    removed: models.filter((m) => m.status === "removed").map((m) => m.model),
    base: baseStats,
    head: headStats,
    delta: delta(baseStats ?? headStats, headStats),
    newCases: base ? sum((m) => m.newCases.length) : 0,
    fixedCases: base ? sum((m) => m.fixedCases.length) : 0,
    newlyUnresolved: base ? sum((m) => m.newlyUnresolved.length) : 0,
    newlyResolved: base ? sum((m) => m.newlyResolved.length) : 0
  };
}
var FAIL_ON = ["total", "any-model", "new-cases", "never"];
var plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
var signed = (n) => n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : "\xB10";
function evaluateGate(diff, rule) {
  const pass = (reason) => ({ conclusion: "pass", rule, reason, offenders: [] });
  const fail = (reason, offenders = []) => ({ conclusion: "fail", rule, reason, offenders });
  const allowed = rule.allowedIncrease;
  const tolerance = allowed > 0 ? ` (allowed increase ${allowed})` : "";
  if (rule.failOn === "never") return pass(`gate disabled (fail-on: never); ${plural(diff.head.unresolved, "unresolved case")}`);
  if (!diff.hasBaseline) return pass(`no baseline yet: ${plural(diff.head.unresolved, "unresolved case")} recorded, nothing to compare with`);
  const base = diff.base;
  switch (rule.failOn) {
    case "total": {
      const d = diff.delta.unresolved;
      const what = `unresolved cases ${base.unresolved} \u2192 ${diff.head.unresolved} (${signed(d)})`;
      return d > allowed ? fail(`${what}${tolerance}`) : pass(what);
    }
    case "any-model": {
      const offenders = diff.models.filter((m) => m.delta.unresolved > allowed && m.head !== null);
      if (offenders.length === 0) {
        return pass(`no model gained more than ${plural(allowed, "unresolved case")}`);
      }
      const first = offenders[0];
      return fail(
        `${plural(offenders.length, "model")} gained unresolved cases${tolerance}: ${first.model} ${signed(first.delta.unresolved)}${offenders.length > 1 ? ", \u2026" : ""}`,
        offenders.map((m) => m.model)
      );
    }
    case "new-cases": {
      const n = diff.newlyUnresolved;
      const what = `${plural(n, "new unresolved case")}`;
      return n > allowed ? fail(`${what}${tolerance}`) : pass(what);
    }
  }
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
  if (data.version !== 1) return fail(`report version ${JSON.stringify(data.version)} is not supported (this build reads version 1)`);
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
import fs2 from "node:fs";
function readJsonFile(file, what) {
  let text;
  try {
    text = fs2.readFileSync(file, "utf8");
  } catch (err) {
    throw new UserError(`${file}: cannot read ${what}: ${err.code ?? err.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}: not valid JSON: ${err.message}`);
  }
}
function readReportFile(file, what) {
  const data = readJsonFile(file, what);
  try {
    return parseReport(data);
  } catch (err) {
    if (err instanceof ReportShapeError) throw new UserError(`${file}: not a modelexport report: ${err.message}`);
    throw err;
  }
}

export {
  writeFileAtomic,
  toJson,
  diffReports,
  FAIL_ON,
  signed,
  evaluateGate,
  ratchetCheck,
  baselineOf,
  readJsonFile,
  readReportFile
};
