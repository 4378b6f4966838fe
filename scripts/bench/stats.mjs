// Small statistics for the benchmark: medians and the log-log slope of time against size.

/** Median of a non-empty list of numbers. */
export function median(xs) {
  if (xs.length === 0) throw new Error("median of nothing");
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Least-squares slope of log(y) against log(x): 1 for linear growth, 2 for quadratic. Points with a
 * non-positive coordinate are left out; undefined with fewer than two distinct x.
 */
export function logLogSlope(points) {
  const p = points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => [Math.log(x), Math.log(y)]);
  if (new Set(p.map(([x]) => x)).size < 2) return undefined;
  const mx = p.reduce((t, [x]) => t + x, 0) / p.length;
  const my = p.reduce((t, [, y]) => t + y, 0) / p.length;
  let num = 0;
  let den = 0;
  for (const [x, y] of p) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return num / den;
}

/** Parse `--sizes 10000,100k,0.5m` style lists into node counts. */
export function parseSizes(text) {
  const out = [];
  for (const part of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(part);
    if (!m) throw new Error(`--sizes: '${part}' is not a node count (examples: 10000, 100k, 0.5m)`);
    const n = Math.round(Number(m[1]) * (m[2].toLowerCase() === "k" ? 1e3 : m[2].toLowerCase() === "m" ? 1e6 : 1));
    if (n < 1000) throw new Error(`--sizes: ${part} is below the smallest graph (1000 nodes)`);
    out.push(n);
  }
  if (out.length === 0) throw new Error("--sizes: no sizes given");
  return [...new Set(out)].sort((a, b) => a - b);
}
