/**
 * The HTML view in a real browser (Debian's chromium through playwright-core): the page opens
 * from a file with no network, shows the module tree and the cases, collapses, filters, escapes
 * what comes from the model, and logs no console errors. Screenshots go to test-artifacts/.
 */
import { loadModelFile } from "../src/adapters/fs/model-file.js";
import { analyzeModel, buildReport } from "../src/analyze.js";
import { truthScopes } from "../src/eval/score.js";
import { shiftTags, stripScopes, type TruthModule } from "../src/eval/variants.js";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CASES_RENDERED_UP_FRONT, renderHtml } from "../src/report/html.js";
import type { Case, ModelReport, ModuleSummary, NodeResult, Report } from "../src/report/types.js";
import { corpusModels, repoRoot } from "./corpus.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const artifacts = path.join(repoRoot, "test-artifacts");

/** Payloads a model can carry in its node and class names; they must render as text. */
const HOSTILE_NODE = "<img src=x onerror=alert(1)>";
const HOSTILE_SCRIPT_NODE = "</script><script>window.__pwned=1</script>";
const HOSTILE_CLASS = "<i onmouseover=alert(3)>Evil</i>";

// ---------------------------------------------------------------------------------------------
// The report under test

/**
 * THE report the HTML view is tested on: a real engine report of a real export, corpus GPT-2
 * with 20% of its scopes stripped and 5% of its nodes tagged with the wrong layer, so the page
 * has resolved and unresolved cases of every kind. Every assertion below derives what it
 * expects from the report itself.
 */
function reportUnderTest(): Report {
  const entry = corpusModels().find((m) => m.name === "gpt2")!;
  const { model } = loadModelFile(entry.file);
  const truth = (JSON.parse(fs.readFileSync(entry.modulesFile, "utf8")) as { modules: TruthModule[] }).modules;
  const stripped = stripScopes(model, truthScopes(model, truth), 0.2, 3).model;
  const tagged = shiftTags(stripped, truthScopes(stripped, truth), truth, 0.05, 3).model;
  return buildReport([analyzeModel({ name: "corpus/build/gpt2.onnx", model: tagged })]);
}

/** Renames one case node (or the first node) and one more node to HTML/JS payloads, and one class name. */
function withHostileNames(report: Report): { report: Report; hostileNode: string } {
  const r = structuredClone(report);
  const m = r.models[0]!;
  const rename = (from: string, to: string) => {
    for (const n of m.nodes) if (n.name === from) n.name = to;
    for (const c of m.cases) if (c.node === from) c.node = to;
  };
  const target = m.cases[0]?.node ?? m.nodes[0]?.name;
  if (target !== undefined) rename(target, HOSTILE_NODE);
  const other = m.nodes.find((n) => n.name !== HOSTILE_NODE);
  if (other) rename(other.name, HOSTILE_SCRIPT_NODE);
  const leaf = m.modules.find((x) => x.parent !== null);
  if (leaf) leaf.className = HOSTILE_CLASS;
  if (m.cases[0]) m.cases[0].resolution.reasoning += ` <script>window.__pwned=2</script>`;
  return { report: r, hostileNode: HOSTILE_NODE };
}

// ---------------------------------------------------------------------------------------------
// A large synthetic report (BERT-like, 24 layers, ~10,000 nodes, more cases than rendered up front)

function largeReport(): Report {
  const modules: ModuleSummary[] = [];
  const nodes: NodeResult[] = [];
  const cases: Case[] = [];
  const mod = (p: string, name: string, parent: string | null, cls: string) =>
    modules.push({ path: p, name, parent, className: cls, nodes: 0, totalNodes: 0, cases: 0, unresolved: 0 });
  mod("", "", null, "BertModel");
  mod("embeddings", "embeddings", "", "BertEmbeddings");
  mod("encoder", "encoder", "", "BertEncoder");
  const leaves: string[] = ["embeddings"];
  for (let l = 0; l < 24; l++) {
    const L = `encoder.layer.${l}`;
    mod(L, `layer.${l}`, "encoder", "BertLayer");
    for (const [sub, cls, kids] of [
      ["attention", "BertAttention", ["query", "key", "value", "dense"]],
      ["intermediate", "BertIntermediate", ["dense"]],
      ["output", "BertOutput", ["dense", "LayerNorm"]],
    ] as const) {
      mod(`${L}.${sub}`, sub, L, cls);
      for (const k of kids) {
        mod(`${L}.${sub}.${k}`, k, `${L}.${sub}`, k === "LayerNorm" ? "LayerNorm" : "Linear");
        leaves.push(`${L}.${sub}.${k}`);
      }
    }
  }
  let id = 0;
  const node = (primary: string | null, op: string) => {
    const name = primary === null ? `${op}_${id}` : `/${(primary || "root").replace(/\./g, "/")}/${op}_${id}`;
    id++;
    nodes.push({ id: name, name, opType: op, primary, auxiliary: [], decidedBy: primary === null ? "none" : "scope", confidence: primary === null ? 0 : 1 });
    return name;
  };
  while (nodes.length < 9_000) node(leaves[nodes.length % leaves.length]!, ["MatMul", "Add", "Mul", "Div"][nodes.length % 4]!);
  for (let i = 0; i < 700; i++) node("", "Constant");
  for (let i = 0; i < 300; i++) node(null, "Identity");
  for (let i = 0; i < 320; i++) {
    const l = i % 23;
    const a = `encoder.layer.${l}.output.dense`;
    const b = `encoder.layer.${l + 1}.attention.query`;
    const unresolved = i % 5 === 0;
    const n = nodes[i * 7]!;
    cases.push({
      id: `conflicting-tags:${n.id}`,
      node: n.name,
      opType: n.opType,
      kind: "conflicting-tags",
      scope: "cross-layer",
      contexts: [a, b],
      evidence: [
        { source: "htp-sidecar", context: a },
        { source: "htp-sidecar", context: b },
      ],
      neighbourhood: { producers: [a], consumers: [b], producerNodes: [], consumerNodes: [] },
      resolution: {
        status: unresolved ? "unresolved" : "resolved",
        primary: unresolved ? null : a,
        auxiliary: unresolved ? [] : [b],
        confidence: unresolved ? 0.3 : 0.9,
        strategy: unresolved ? null : "tensor-provenance",
        reasoning: "synthetic",
      },
    });
  }
  const byPath = new Map(modules.map((m) => [m.path, m]));
  for (const n of nodes) {
    if (n.primary === null) continue;
    byPath.get(n.primary)!.nodes++;
    for (let p: string | null = n.primary; p !== null; p = byPath.get(p)!.parent) byPath.get(p)!.totalNodes++;
  }
  for (const c of cases) for (const ctx of c.contexts) {
    byPath.get(ctx)!.cases++;
    if (c.resolution.status === "unresolved") byPath.get(ctx)!.unresolved++;
  }
  const unresolved = cases.filter((c) => c.resolution.status === "unresolved").length;
  const unattributed = nodes.filter((n) => n.primary === null).length;
  const model: ModelReport = {
    model: "models/bert-large-synthetic.onnx",
    bytes: 1_340_000_000,
    irVersion: 8,
    producer: { name: "pytorch", version: "1.13.1" },
    opsets: [{ domain: "", version: 14 }],
    sidecars: [],
    counts: {
      nodes: nodes.length,
      bySource: { scope: nodes.length - unattributed },
      withEvidence: nodes.length - unattributed,
      attributed: 0,
      unattributed,
      cases: cases.length,
      casesByKind: { "conflicting-tags": cases.length },
      casesByScope: { "cross-layer": cases.length },
      resolved: cases.length - unresolved,
      resolvedByStrategy: { "tensor-provenance": cases.length - unresolved },
      unresolved,
      meanConfidence: 0.9,
      coverage: (nodes.length - unattributed) / nodes.length,
      evidenceCoverage: (nodes.length - unattributed) / nodes.length,
      uncertain: 0,
    },
    modules,
    cases,
    nodes,
  };
  return {
    schema: "modelexport-report",
    version: 2,
    tool: { name: "modelexport", version: "0.1.0" },
    options: { confidenceThreshold: 0.7 },
    models: [model],
    totals: {
      models: 1,
      nodes: nodes.length,
      cases: cases.length,
      resolved: cases.length - unresolved,
      unresolved,
      coverage: model.counts.coverage,
      withEvidence: model.counts.withEvidence,
      evidenceCoverage: model.counts.evidenceCoverage,
      uncertain: 0,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Browser plumbing

/** null when chromium is usable; otherwise why the browser tests cannot run. */
function chromiumUnavailable(): string | null {
  if (fs.existsSync(CHROMIUM)) return null;
  const attempts: string[][] = [["install", "-y", "chromium"], ["update"], ["install", "-y", "chromium"]];
  let lastError = "";
  for (const args of attempts) {
    try {
      execFileSync("apt-get", args, { stdio: "ignore", timeout: 600_000 });
      if (fs.existsSync(CHROMIUM)) return null;
    } catch (e) {
      lastError = e instanceof Error ? e.message.split("\n")[0]! : String(e);
    }
  }
  return `${CHROMIUM} is missing and 'apt-get install -y chromium' failed (${lastError || "no binary after install"})`;
}

const skipReason = chromiumUnavailable();
if (skipReason) console.warn(`[html.test] SKIPPED: ${skipReason}`);

interface Watched {
  page: Page;
  errors: string[];
  requests: string[];
  dialogs: string[];
}

function pngSize(file: string): { bytes: number; width: number; height: number } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(buf.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { bytes: buf.length, width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Modules a search for `q` must leave visible: those matching, holding a matching node, or above one. */
function expectedVisible(m: ModelReport, q: string): Set<string> {
  const ql = q.toLowerCase();
  const out = new Set<string>();
  const parent = new Map(m.modules.map((x) => [x.path, x.parent]));
  const mark = (p: string | null) => {
    for (let cur = p; cur !== null && cur !== undefined && !out.has(cur); cur = parent.get(cur) ?? null) out.add(cur);
  };
  for (const x of m.modules) if ([x.path, x.className ?? "", x.classPath ?? ""].join("\n").toLowerCase().includes(ql)) mark(x.path);
  for (const n of m.nodes) if (n.primary !== null && n.name.toLowerCase().includes(ql) && parent.has(n.primary)) mark(n.primary);
  return out;
}

describe("HTML report view as text", () => {
  it("says a model without hierarchy evidence has no hierarchy, never no contamination", () => {
    const r = structuredClone(largeReport());
    Object.assign(r.models[0]!.counts, { withEvidence: 0, cases: 0, unresolved: 0 });
    const html = renderHtml(r);
    expect(html).toContain(`<span class="pill none">no hierarchy</span>`);
    expect(html).not.toContain("no contamination");
  });
  it("renders deterministically, self-contained, and escapes what the model holds", () => {
    const { report } = withHostileNames(reportUnderTest());
    const html = renderHtml(report);
    expect(renderHtml(structuredClone(report))).toBe(html);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toContain(HOSTILE_NODE);
    expect(html).not.toContain(HOSTILE_SCRIPT_NODE);
    expect(html).not.toContain(HOSTILE_CLASS);
    expect(html).not.toMatch(/<(link|script|img|iframe)[^>]+(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    // One JSON block per model plus the page script: no payload closed a <script> element.
    expect(html.match(/<\/script>/g)?.length).toBe(report.models.length + 1);
  });
});

describe.skipIf(skipReason !== null)(`HTML report view in chromium${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  let browser: Browser;
  let context: BrowserContext;
  const base = reportUnderTest();
  const { report, hostileNode } = withHostileNames(base);
  const model = report.models[0]!;
  const html = renderHtml(report);
  const htmlFile = path.join(artifacts, "html-report.html");

  beforeAll(async () => {
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(htmlFile, html);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  async function open(file: string): Promise<Watched> {
    const page = await context.newPage();
    const w: Watched = { page, errors: [], requests: [], dialogs: [] };
    page.on("console", (msg) => {
      if (msg.type() === "error" || msg.type() === "warning") w.errors.push(`console.${msg.type()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => w.errors.push(`pageerror: ${err.message}`));
    page.on("request", (req) => w.requests.push(req.url()));
    page.on("dialog", (d) => {
      w.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForLoadState("load");
    return w;
  }

  async function finish(w: Watched): Promise<void> {
    await w.page.waitForTimeout(50);
    expect(w.errors).toEqual([]);
    expect(w.dialogs).toEqual([]);
    expect(w.requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:"))).toEqual([]);
    expect(await w.page.evaluate("typeof window.__pwned")).toBe("undefined");
    await w.page.close();
  }

  const row = (p: Page, modulePath: string) => {
    const i = expectedIndex(modulePath);
    return p.locator(`#m0-mod-${i} > .row`);
  };
  /** The tree's preorder index of a module, as the view numbers its rows. */
  const expectedIndex = (() => {
    const kids = new Map<string | null, string[]>();
    const paths = new Set(model.modules.map((m) => m.path));
    for (const m of model.modules) {
      const p = m.parent !== null && paths.has(m.parent) ? m.parent : null;
      kids.set(p, [...(kids.get(p) ?? []), m.path]);
    }
    const order: string[] = [];
    const walk = (p: string | null) => {
      for (const c of kids.get(p) ?? []) {
        order.push(c);
        walk(c);
      }
    };
    walk(null);
    return (p: string) => order.indexOf(p);
  })();

  it("shows the module tree and the cases, with no console errors or network", async () => {
    const w = await open(htmlFile);
    const p = w.page;
    expect(await p.locator(".model").count()).toBe(report.models.length);
    expect(await p.locator("#m0 .tree .mod:not(.pseudo)").count()).toBe(model.modules.length);
    const root = model.modules.find((m) => m.parent === null)!;
    await expect.poll(() => row(p, root.path).isVisible()).toBe(true);
    expect(await row(p, root.path).locator(".cls").textContent()).toBe(root.className ?? "");

    // Contaminated modules are highlighted, stronger with unresolved cases; all visible by default.
    for (const m of model.modules.filter((x) => x.cases > 0)) {
      const r = row(p, m.path);
      expect(await r.isVisible(), m.path).toBe(true);
      expect(await r.getAttribute("class"), m.path).toContain(m.unresolved > 0 ? "sev-bad" : "sev-warn");
    }
    for (const m of model.modules.filter((x) => x.cases === 0)) expect(await row(p, m.path).getAttribute("class")).not.toMatch(/sev-/);

    // Every case is there with its evidence, neighbourhood and resolution.
    expect(await p.locator("#m0 details.case").count()).toBe(Math.min(model.cases.length, CASES_RENDERED_UP_FRONT));
    for (const [ci, c] of model.cases.entries()) {
      const d = p.locator(`#m0-c${ci}`);
      await d.evaluate((e) => ((e as unknown as { open: boolean }).open = true));
      expect(await d.locator("summary code.node").textContent()).toBe(c.node);
      const text = (await d.textContent()) ?? "";
      expect(text).toContain(c.resolution.status);
      expect(text).toContain(c.resolution.reasoning);
      if (c.resolution.strategy) expect(text).toContain(c.resolution.strategy);
      expect(text).toContain(c.resolution.confidence.toFixed(2));
      for (const ctx of c.contexts) expect(text).toContain(ctx === "" ? "(root)" : ctx);
      for (const e of c.evidence) expect(text).toContain(e.source);
      for (const n of [...c.neighbourhood.producers, ...c.neighbourhood.consumers]) expect(text).toContain(n === "" ? "(root)" : n);
      expect(await d.locator("table.ev tbody tr").count()).toBe(c.evidence.length);
    }
    const residual = model.cases.findIndex((c) => c.resolution.strategy === "residual-connection");
    if (residual >= 0) expect(await p.locator(`#m0-c${residual} .strategy`).textContent()).toBe("residual-connection");

    // Escaping: the hostile node renders as text, nothing executes.
    expect(await p.locator("img").count()).toBe(0);
    expect(await p.locator("i").count()).toBe(0);
    const hostileCase = model.cases.findIndex((c) => c.node === hostileNode);
    if (hostileCase >= 0) expect(await p.locator(`#m0-c${hostileCase} summary code.node`).textContent()).toBe(hostileNode);
    await finish(w);
  });

  it("collapses and expands subtrees", async () => {
    const w = await open(htmlFile);
    const p = w.page;
    // The first module with children that starts expanded.
    const parentPath = model.modules.find((m) => model.modules.some((k) => k.parent === m.path) && m.parent !== null)!.path;
    const child = model.modules.find((k) => k.parent === parentPath)!;
    const mod = p.locator(`#m0-mod-${expectedIndex(parentPath)}`);
    expect(await mod.getAttribute("aria-expanded")).toBe("true");
    expect(await row(p, child.path).isVisible()).toBe(true);
    await mod.locator(":scope > .row .tw").click();
    expect(await mod.getAttribute("aria-expanded")).toBe("false");
    expect(await row(p, child.path).isVisible()).toBe(false);
    await mod.locator(":scope > .row .tw").click();
    expect(await row(p, child.path).isVisible()).toBe(true);

    // Collapse all hides everything below the root's children; a path link in a case reveals its module.
    await p.locator("#m0 .collapse-all").click();
    const deep = model.cases[0]?.contexts.find((c) => c.split(".").length > 2);
    if (deep) {
      expect(await row(p, deep).isVisible()).toBe(false);
      const link = p.locator(`#m0-c0 a.path[href="#m0-mod-${expectedIndex(deep)}"]`).first();
      await p.locator("#m0-c0").evaluate((e) => ((e as unknown as { open: boolean }).open = true));
      await link.click();
      await expect.poll(() => row(p, deep).isVisible()).toBe(true);
    }
    await p.locator("#m0 .expand-all").click();
    for (const m of model.modules) expect(await row(p, m.path).isVisible(), m.path).toBe(true);
    await finish(w);
  });

  it("filters the tree, the node lists and the cases by module path and node name", async () => {
    const w = await open(htmlFile);
    const p = w.page;
    const visibleMods = async () =>
      new Set(await p.locator("#m0 .tree .mod:not(.pseudo)").evaluateAll((els) => els.filter((e) => (e as unknown as { offsetParent: unknown }).offsetParent !== null).map((e) => e.getAttribute("data-path") ?? "")));

    // By module path: a module of the first case (deep in the tree).
    const c0 = model.cases[0]!;
    const modPath = [...c0.contexts].sort((a, b) => b.length - a.length)[0]!;
    await p.fill("#q", modPath);
    expect(await visibleMods()).toEqual(expectedVisible(model, modPath));
    expect(await row(p, modPath).isVisible()).toBe(true);
    const casesShown = await p.locator("#m0 details.case:not(.f-hide)").count();
    const casesExpected = model.cases.filter((c) =>
      [c.id, c.node, c.opType, ...c.contexts, ...c.evidence.flatMap((e) => [e.context ?? "", e.classPath ?? ""]), ...c.neighbourhood.producers, ...c.neighbourhood.consumers, c.resolution.primary ?? "", ...c.resolution.auxiliary]
        .join("\n")
        .toLowerCase()
        .includes(modPath.toLowerCase()),
    ).length;
    expect(casesShown).toBe(casesExpected);
    expect(await p.locator("#q-status").textContent()).toMatch(/match/);

    // By node name: a scoped node of some leaf module; its list opens with the node in it.
    const target = model.nodes.find((n) => n.primary !== null && n.primary.split(".").length > 3 && n.decidedBy === "scope")!;
    await p.fill("#q", target.name);
    expect(await visibleMods()).toEqual(expectedVisible(model, target.name));
    const panel = p.locator(`#m0-mod-${expectedIndex(target.primary!)} > .nodes-panel`);
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.locator("td.nname").allTextContents()).toContain(target.name);

    // The hostile node, by name: shown as text in its module's list and in its case.
    await p.fill("#q", "onerror");
    const hostile = model.nodes.find((n) => n.name === hostileNode);
    if (hostile?.primary != null) {
      const hp = p.locator(`#m0-mod-${expectedIndex(hostile.primary)} > .nodes-panel`);
      await expect.poll(() => hp.isVisible()).toBe(true);
      expect(await hp.locator("td.nname").allTextContents()).toContain(hostileNode);
    }
    const hostileCases = model.cases.filter((c) => c.node === hostileNode).length;
    expect(await p.locator("#m0 details.case:not(.f-hide)").count()).toBe(hostileCases);
    expect(await p.locator("img").count()).toBe(0);

    // Nothing matches: everything hidden, with a note; clearing brings it all back.
    await p.fill("#q", "no-such-node-or-module-zzz");
    expect((await visibleMods()).size).toBe(0);
    expect(await p.locator("#m0 .tree-no-match").isVisible()).toBe(true);
    await p.fill("#q", "");
    expect((await visibleMods()).size).toBeGreaterThan(0);
    expect(await p.locator("#m0 details.case:not(.f-hide)").count()).toBe(model.cases.length);
    expect(await p.locator("#m0 .nodes-panel:not([hidden])").count()).toBe(0);

    // Contaminated only: modules with cases and their ancestors.
    await p.check("#m0 .only-contaminated");
    const parentOf = new Map(model.modules.map((m) => [m.path, m.parent]));
    const withAncestors = new Set<string>();
    for (const m of model.modules.filter((x) => x.cases > 0))
      for (let cur: string | null | undefined = m.path; cur != null && !withAncestors.has(cur); cur = parentOf.get(cur)) withAncestors.add(cur);
    await p.locator("#m0 .expand-all").click();
    expect(await visibleMods()).toEqual(withAncestors);
    await p.uncheck("#m0 .only-contaminated");
    expect((await visibleMods()).size).toBe(model.modules.length);

    // Status and per-module case filters.
    await p.click('#m0 .seg button[data-status="unresolved"]');
    expect(await p.locator("#m0 details.case:not(.f-hide)").count()).toBe(model.counts.unresolved);
    await p.click('#m0 .seg button[data-status="all"]');
    const contaminated = model.modules.find((m) => m.cases > 0)!;
    await row(p, contaminated.path).locator(".cases-btn").click();
    // The button shows the cases of the module and of those below it (the row counts its subtree).
    const under = (x: string) => contaminated.path === "" || x === contaminated.path || x.startsWith(`${contaminated.path}.`);
    expect(await p.locator("#m0 details.case:not(.f-hide)").count()).toBe(model.cases.filter((c) => c.contexts.some(under)).length);
    await p.click("#m0 .clear-mod");
    expect(await p.locator("#m0 details.case:not(.f-hide)").count()).toBe(model.cases.length);
    await finish(w);
  });

  it("lists a module's nodes on demand and saves screenshots", async () => {
    const w = await open(htmlFile);
    const p = w.page;
    expect(await p.locator("table.nodes").count()).toBe(0);
    const busiest = [...model.modules].sort((a, b) => b.nodes - a.nodes)[0]!;
    await row(p, busiest.path).locator(".nodes-btn").click();
    const panel = p.locator(`#m0-mod-${expectedIndex(busiest.path)} > .nodes-panel`);
    expect(await panel.locator("tbody tr").count()).toBe(model.nodes.filter((n) => n.primary === busiest.path).length);

    const shot = path.join(artifacts, "html-report.png");
    await p.evaluate("window.scrollTo(0, 0)");
    await p.screenshot({ path: shot, fullPage: true });
    const png = pngSize(shot);
    expect(png.width).toBe(1360);
    expect(png.height).toBeGreaterThan(900);
    expect(png.bytes).toBeGreaterThan(40_000);
    expect(png.bytes).toBeLessThan(20_000_000);

    const searchShot = path.join(artifacts, "html-report-search.png");
    await p.fill("#q", model.cases[0]?.contexts[0]?.split(".").slice(0, 4).join(".") ?? "");
    await p.locator("#m0 .tree-panel").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await p.screenshot({ path: searchShot, fullPage: false });
    expect(pngSize(searchShot).bytes).toBeGreaterThan(20_000);
    await finish(w);
  });

  it("a plain TorchScript export: no Class column, parent rows roll up their subtree, guesses look like guesses, neighbours are nodes", async () => {
    // Corpus BERT as torch exports it (scopes, no classes), 60% of its scopes stripped.
    const entry = corpusModels().find((m) => m.name === "bert")!;
    const { model: onnx } = loadModelFile(entry.file);
    const truth = (JSON.parse(fs.readFileSync(entry.modulesFile, "utf8")) as { modules: TruthModule[] }).modules;
    const plain = buildReport([analyzeModel({ name: "corpus/build/bert.onnx", model: stripScopes(onnx, truthScopes(onnx, truth), 0.6, 7).model })]);
    const pm = plain.models[0]!;
    expect(pm.modules.every((x) => !x.className)).toBe(true);
    const unresolved = pm.cases.filter((c) => c.resolution.status === "unresolved");
    expect(unresolved.some((c) => c.resolution.primary !== null)).toBe(true);
    const file = path.join(artifacts, "html-report-plain.html");
    fs.writeFileSync(file, renderHtml(plain));
    const w = await open(file);
    const p = w.page;

    // No Class column at all: no header, no empty cells; the grid has one column less.
    expect(await p.locator("#m0 .tree-head").textContent()).not.toContain("Class");
    expect(await p.locator("#m0 .row .cls").count()).toBe(0);
    type Css = { getComputedStyle: (e: unknown) => { gridTemplateColumns: string; fontStyle: string; borderTopStyle: string } };
    const cols = await p.locator("#m0 .tree-head").evaluate((e) => (globalThis as unknown as Css).getComputedStyle(e).gridTemplateColumns.split(" ").length);
    expect(cols).toBe(5);

    // Each row counts the distinct cases naming its module or one below it (computed here from the
    // report's parent links, independently of the view).
    const kids = new Map<string, string[]>();
    for (const x of pm.modules) if (x.parent !== null) kids.set(x.parent, [...(kids.get(x.parent) ?? []), x.path]);
    const subtree = (root: string): Set<string> => {
      const out = new Set([root]);
      for (const k of kids.get(root) ?? []) for (const d of subtree(k)) out.add(d);
      return out;
    };
    let rolledSomewhere = false;
    const rows = await p.locator("#m0 .tree .mod:not(.pseudo)").evaluateAll((els) =>
      els.map((e) => {
        const cells = e.querySelectorAll(":scope > .row > .num");
        return { path: e.getAttribute("data-path") ?? "", cases: Number(cells[2]?.textContent ?? "-1"), unresolved: Number(cells[3]?.textContent ?? "-1") };
      }),
    );
    expect(rows).toHaveLength(pm.modules.length);
    for (const r of rows) {
      const sub = subtree(r.path);
      const inSub = pm.cases.filter((c) => c.contexts.some((x) => sub.has(x)));
      expect(r.cases, r.path).toBe(inSub.length);
      expect(r.unresolved, r.path).toBe(inSub.filter((c) => c.resolution.status === "unresolved").length);
      const own = pm.modules.find((x) => x.path === r.path)!;
      if (r.cases > own.cases) rolledSomewhere = true;
    }
    expect(rolledSomewhere).toBe(true);
    const root = rows.find((r) => r.path === "")!;
    expect(root.cases).toBe(pm.cases.filter((c) => c.contexts.length > 0).length);

    // A parent's cases button shows the cases of its whole subtree.
    const parent = rows.filter((r) => r.path !== "" && (kids.get(r.path)?.length ?? 0) > 0 && r.cases > 0).sort((a, b) => b.cases - a.cases)[0]!;
    await p.locator("#m0 .expand-all").click();
    await p.locator(`#m0 .mod[data-path="${parent.path}"] > .row .cases-btn`).dispatchEvent("click");
    expect(await p.locator("#m0 details.case:not(.f-hide)").count()).toBe(parent.cases);

    // An unresolved case's best answer is styled as a guess; a resolved one as the answer.
    const gi = pm.cases.findIndex((c) => c.resolution.status === "unresolved" && c.resolution.primary !== null);
    const ri = pm.cases.findIndex((c) => c.resolution.status === "resolved" && c.resolution.primary !== null);
    const guess = p.locator(`#m0-c${gi} summary .outcome`);
    expect(await guess.getAttribute("class")).toContain("guess");
    expect(await guess.textContent()).toContain("best guess");
    const style = (sel: string) =>
      p
        .locator(sel)
        .first()
        .evaluate((e) => {
          const st = (globalThis as unknown as Css).getComputedStyle(e);
          return { font: st.fontStyle, border: st.borderTopStyle };
        });
    expect(await style(`#m0-c${gi} summary .outcome code`)).toEqual({ font: "italic", border: "dashed" });
    expect(await style(`#m0-c${ri} summary .outcome code`)).toEqual({ font: "normal", border: "none" });
    await p.locator(`#m0-c${gi}`).evaluate((e) => ((e as unknown as { open: boolean }).open = true));
    expect(await p.locator(`#m0-c${gi} dl.res`).textContent()).toContain("Best guess");
    expect(await p.locator(`#m0-c${gi} dl.res`).textContent()).toContain("below the threshold: not applied");

    // The neighbourhood as nodes: name, op and module (linked into the tree).
    const ni = pm.cases.findIndex((c) => c.neighbourhood.producerNodes.length > 0 && c.neighbourhood.consumerNodes.length > 0);
    const nc = pm.cases[ni]!;
    const d = p.locator(`#m0-c${ni}`);
    await d.evaluate((e) => ((e as unknown as { open: boolean }).open = true));
    const nbRows = await d.locator("table.nb tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
    const byId = new Map(pm.nodes.map((n) => [n.id, n]));
    const want = [...nc.neighbourhood.producerNodes, ...nc.neighbourhood.consumerNodes].map((id) => {
      const n = byId.get(id)!;
      return [n.name, n.opType, n.primary === "" ? "(root)" : n.primary!];
    });
    expect(nbRows).toEqual(want);
    expect(await d.locator("table.nb a.path").count()).toBeGreaterThan(0);

    // Clear the module filter, then photograph the opened case with its neighbours.
    await p.locator("#m0 .clear-mod").dispatchEvent("click");
    expect(await p.locator("#m0 details.case:not(.f-hide)").count()).toBe(Math.min(pm.cases.length, CASES_RENDERED_UP_FRONT));
    const shot = path.join(artifacts, "html-report-plain.png");
    await d.scrollIntoViewIfNeeded();
    await p.screenshot({ path: shot, fullPage: false });
    expect(pngSize(shot).bytes).toBeGreaterThan(20_000);
    await finish(w);
  });

  it("keeps a 10,000-node report light: nodes on demand, cases capped up front", async () => {
    const big = largeReport();
    const bm = big.models[0]!;
    const started = performance.now();
    const bigHtml = renderHtml(big);
    const renderMs = performance.now() - started;
    console.info(`[html.test] 10,000-node report: rendered in ${renderMs.toFixed(0)} ms, ${(bigHtml.length / 1e6).toFixed(2)} MB`);
    expect(renderMs).toBeLessThan(5_000);
    expect(bigHtml.length).toBeLessThan(10_000_000);
    const file = path.join(artifacts, "html-report-large.html");
    fs.writeFileSync(file, bigHtml);
    const w = await open(file);
    const p = w.page;
    expect(await p.locator("table.nodes tr").count()).toBe(0);
    expect(await p.locator("details.case").count()).toBe(CASES_RENDERED_UP_FRONT);
    // One row per node would be ~70,000 elements; the tree plus the first cases stay far below.
    const elements = await p.evaluate("document.getElementsByTagName('*').length");
    expect(elements).toBeLessThan(15_000);

    // The root holds 700 nodes: the list pages them.
    await p.locator("#m0-mod-0 > .row .nodes-btn").click();
    expect(await p.locator("#m0-mod-0 > .nodes-panel tbody tr").count()).toBe(250);
    await p.locator("#m0-mod-0 > .nodes-panel .more-rows").click();
    expect(await p.locator("#m0-mod-0 > .nodes-panel tbody tr").count()).toBe(500);

    // Unattributed nodes have their own row.
    expect(await p.locator("#m0 .mod.pseudo .nodes-btn").textContent()).toBe(String(bm.counts.unattributed));

    // Searching reaches nodes and cases that were not rendered up front.
    const lastCase = bm.cases[bm.cases.length - 1]!;
    await p.fill("#q", lastCase.node);
    expect(await p.locator("details.case:not(.f-hide)").count()).toBe(bm.cases.filter((c) => c.node.toLowerCase().includes(lastCase.node.toLowerCase())).length);
    expect(await p.locator(".nodes-panel:not([hidden]) td.nname").allTextContents()).toContain(lastCase.node);
    await p.fill("#q", "");
    expect(await p.locator("details.case:not(.f-hide)").count()).toBe(bm.cases.length);
    await finish(w);
  });
});
