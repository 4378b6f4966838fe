/** Median of a non-empty list of numbers. */
export function median(xs: number[]): number;
/** Least-squares slope of log(y) against log(x); undefined with fewer than two distinct x. */
export function logLogSlope(points: Array<[number, number]>): number | undefined;
/** Parse `--sizes 10000,100k,0.5m` style lists into sorted, distinct node counts. */
export function parseSizes(text: string): number[];
