/** Small helpers for untrusted data: shape checks of parsed JSON, escaping for XML (SVG) and the terminal, suggestions. */

/** A JSON object (not null, not an array). */
export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text safe in XML content and in quoted attribute values (the SVG badges and trend chart). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

/**
 * Escape for one line of terminal text: C0/C1 controls, DEL, line and paragraph separators become
 * `\n`, `\r`, `\t` or `\uXXXX` (valid JSON escapes too, so escaped text stays valid inside JSON).
 */
export function escapeControls(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** A message as one bounded line: controls escaped, cut at `max` characters. */
export function oneLine(s: string, max = 400): string {
  const line = escapeControls(s);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Levenshtein distance, O(|a|·|b|) time and O(|b|) memory. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The candidates nearest to `word` by edit distance (all at the smallest distance found, in the
 * given order), within a distance that scales with the word: a third of its length, at least 2.
 */
export function closest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const max = Math.max(2, Math.floor(word.length / 3));
  const scored: { c: string; d: number; k: number }[] = [];
  let k = 0;
  for (const c of candidates) {
    // Lengths alone bound the distance: skip the table for hopeless candidates.
    if (Math.abs(c.length - word.length) <= max && c.length < 1000 && word.length < 1000) {
      const d = editDistance(word, c);
      if (d <= max) scored.push({ c, d, k });
    }
    k++;
  }
  // Only the nearest: two names one edit away say more than a third one three edits away.
  const best = Math.min(...scored.map((s) => s.d));
  return scored.filter((s) => s.d === best).sort((x, y) => x.k - y.k).slice(0, limit).map((s) => s.c);
}

/** "; did you mean 'a' or 'b'?" for the closest candidates, or "" when none is close. */
export function didYouMean(word: string, candidates: Iterable<string>, quote = (s: string) => `'${s}'`): string {
  const near = closest(word, candidates);
  if (near.length === 0) return "";
  const list = near.map(quote);
  return `; did you mean ${list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`}?`;
}
