/**
 * Badge data for a README: a shields.io endpoint document and a self-contained SVG. Pure.
 *
 * Colour comes from the gate: red when it failed, green when it passed with nothing unresolved,
 * yellow when it passed with unresolved cases left (tolerated, not clean). A model with nodes and
 * no hierarchy evidence at all has nothing to check: grey, "no hierarchy", never clean.
 */
import type { GateResult } from "./diff.js";
import type { Report } from "./types.js";
import { escapeXml } from "../util/text.js";

export interface ShieldsEndpoint {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
}

export const COLORS = { pass: "#4c1", warn: "#dfb317", fail: "#e05d44", none: "#9f9f9f", label: "#555" } as const;

export interface BadgeOptions {
  label?: string;
}

export function badgeColor(gate: GateResult["conclusion"], unresolved: number): string {
  if (gate === "fail") return COLORS.fail;
  return unresolved > 0 ? COLORS.warn : COLORS.pass;
}

/** Models with nodes and not one node with direct evidence (a scope, tag or sidecar entry). */
function withoutHierarchy(report: Report): number {
  return report.models.filter((m) => m.counts.nodes > 0 && m.counts.withEvidence === 0).length;
}

export function badgeMessage(report: Report): string {
  const none = withoutHierarchy(report);
  if (none > 0) return none === report.models.length ? "no hierarchy" : `${none} of ${report.models.length} without hierarchy`;
  return countsMessage(report.totals);
}

function countsMessage(c: { cases: number; unresolved: number; nodes?: number; withEvidence?: number }): string {
  if (c.nodes !== undefined && c.withEvidence !== undefined && c.nodes > 0 && c.withEvidence === 0) return "no hierarchy";
  if (c.cases === 0) return "clean";
  if (c.unresolved === 0) return `${c.cases} resolved`;
  return `${c.unresolved} unresolved`;
}

/** One model's badge (audits write one per model): its own counts, colour from its own gate. */
export function modelEndpoint(
  counts: { cases: number; unresolved: number; nodes?: number; withEvidence?: number },
  gate: GateResult["conclusion"],
  options: BadgeOptions = {},
): ShieldsEndpoint {
  const message = countsMessage(counts);
  return { schemaVersion: 1, label: options.label ?? "contamination", message, color: message === "no hierarchy" ? COLORS.none : badgeColor(gate, counts.unresolved) };
}

export function shieldsEndpoint(report: Report, gate: GateResult["conclusion"], options: BadgeOptions = {}): ShieldsEndpoint {
  return {
    schemaVersion: 1,
    label: options.label ?? "contamination",
    message: badgeMessage(report),
    color: withoutHierarchy(report) > 0 ? COLORS.none : badgeColor(gate, report.totals.unresolved),
  };
}

// Advance widths in pixels of Verdana at 11px (the face shields.io badges use), estimated per
// character class; unknown characters (non-ASCII) count as a wide glyph.
const NARROW = new Set("ijl|!.,:;'`\u00a0");
const SEMI = new Set("frt()[]{}/\\I -\"");
const WIDE = new Set("mwMW%@");
const CAPS_WIDE = new Set("ABCDGHKNOQRUVXY&");

function charWidth(ch: string): number {
  if (NARROW.has(ch)) return 3.4;
  if (SEMI.has(ch)) return ch === " " ? 3.9 : 4.7;
  if (WIDE.has(ch)) return ch === "m" ? 10.7 : ch === "w" ? 9 : 11.5;
  if (/[0-9]/.test(ch)) return 7;
  if (CAPS_WIDE.has(ch)) return 8.2;
  if (/[A-Z]/.test(ch)) return 7.3;
  if (/[a-z]/.test(ch)) return ch === "s" || ch === "c" || ch === "z" ? 5.9 : 6.8;
  if (ch.codePointAt(0)! < 128) return 7.3;
  return 11;
}

/** Estimated rendered width of `text` in Verdana 11px. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

const VALID_COLOR = /^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$/;

/** A flat badge in the shields.io style: label on grey, message on the gate colour. */
export function badgeSvg(badge: Pick<ShieldsEndpoint, "label" | "message" | "color">): string {
  const pad = 6;
  const lw = Math.round(textWidth(badge.label) + 2 * pad);
  const mw = Math.round(textWidth(badge.message) + 2 * pad);
  const w = lw + mw;
  const color = VALID_COLOR.test(badge.color) ? badge.color : COLORS.label;
  const label = escapeXml(badge.label);
  const message = escapeXml(badge.message);
  // Ids unique per content, so several badges inlined in one page do not share a clip path.
  let h = 0x811c9dc5;
  for (const ch of `${badge.label}\u0000${badge.message}\u0000${color}`) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  const id = h.toString(36);
  // Text is drawn at 10x scale and scaled down, as shields does, for crisp sub-pixel positions.
  const text = (x: number, width: number, s: string) =>
    `<text aria-hidden="true" x="${x * 10}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${width * 10}">${s}</text>` +
    `<text x="${x * 10}" y="140" transform="scale(.1)" fill="#fff" textLength="${width * 10}">${s}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${label}: ${message}">`,
    `<title>${label}: ${message}</title>`,
    `<linearGradient id="s${id}" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r${id}"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r${id})"><rect width="${lw}" height="20" fill="${COLORS.label}"/><rect x="${lw}" width="${mw}" height="20" fill="${color}"/><rect width="${w}" height="20" fill="url(#s${id})"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">`,
    text(lw / 2, lw - 2 * pad, label),
    text(lw + mw / 2, mw - 2 * pad, message),
    `</g></svg>`,
    "",
  ].join("\n");
}
