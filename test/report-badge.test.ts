import { describe, expect, it } from "vitest";
import { badgeSvg, COLORS, modelEndpoint, shieldsEndpoint, textWidth } from "../src/report/badge.js";
import { fixture, makeModel, makeReport } from "./support/reports.js";

describe("badge", () => {
  it("gives a shields.io endpoint document coloured by the gate", () => {
    const r = fixture("head-regression");
    expect(shieldsEndpoint(r, "fail")).toEqual({ schemaVersion: 1, label: "contamination", message: "4 unresolved", color: COLORS.fail });
    expect(shieldsEndpoint(r, "pass").color).toBe(COLORS.warn);
    const clean = makeReport([]);
    expect(shieldsEndpoint(clean, "pass", { label: "layers" })).toEqual({ schemaVersion: 1, label: "layers", message: "clean", color: COLORS.pass });
  });

  it("a model without hierarchy evidence is grey, 'no hierarchy', never clean", () => {
    const none = makeModel("plain.onnx", [], 40);
    none.counts.withEvidence = 0;
    expect(shieldsEndpoint(makeReport([none]), "pass")).toMatchObject({ message: "no hierarchy", color: COLORS.none });
    expect(shieldsEndpoint(makeReport([none, makeModel("ok.onnx", [])]), "fail")).toMatchObject({ message: "1 of 2 without hierarchy", color: COLORS.none });
    // The per-model badges of an audit: the row carries nodes and withEvidence.
    expect(modelEndpoint({ cases: 0, unresolved: 0, nodes: 40, withEvidence: 0 }, "pass")).toMatchObject({ message: "no hierarchy", color: COLORS.none });
    expect(modelEndpoint({ cases: 0, unresolved: 0, nodes: 40, withEvidence: 40 }, "pass")).toMatchObject({ message: "clean", color: COLORS.pass });
    expect(modelEndpoint({ cases: 0, unresolved: 0 }, "pass").message).toBe("clean");
  });

  it("estimates text widths: wide glyphs wider than narrow ones, roughly Verdana 11px", () => {
    expect(textWidth("mmmm")).toBeGreaterThan(textWidth("iiii") * 2.5);
    // "contamination" is about 80px wide in Verdana 11px.
    expect(textWidth("contamination")).toBeGreaterThan(70);
    expect(textWidth("contamination")).toBeLessThan(90);
    expect(textWidth("")).toBe(0);
  });

  it("draws a self-contained SVG sized to its text, with escaped content", () => {
    const svg = badgeSvg({ label: "a<b>&", message: "12 unresolved", color: COLORS.fail });
    expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("a&lt;b&gt;&amp;: 12 unresolved");
    expect(svg).toContain(`fill="${COLORS.fail}"`);
    expect(svg).not.toMatch(/href=|<script|https?:\/\/(?!www\.w3\.org)/);
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    const wider = Number(/<svg[^>]* width="(\d+)"/.exec(badgeSvg({ label: "a<b>&", message: "1234 unresolved cases", color: COLORS.fail }))![1]);
    expect(wider).toBeGreaterThan(width + 40);
    // Several badges inlined in one page must not share clip paths or gradients.
    const ids = (s: string) => [...s.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(svg)).not.toEqual(ids(badgeSvg({ label: "a<b>&", message: "13 unresolved", color: COLORS.fail })));
    // An unexpected colour value never reaches the attribute.
    expect(badgeSvg({ label: "l", message: "m", color: "red\" onload=\"x" })).not.toContain("onload");
  });
});
