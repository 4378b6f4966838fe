/**
 * Splitting an audit across a CI matrix. The split depends on the manifest only (names and
 * weights, never file sizes or timings), so every job of the matrix computes the same one.
 */

export interface ShardSpec {
  /** 1-based, as written in `shard: 2/3`. */
  index: number;
  count: number;
}

/** `i/n` with 1 <= i <= n; null for an empty string (no sharding). Throws a message on bad input. */
export function parseShard(text: string): ShardSpec | null {
  const t = text.trim();
  if (t === "") return null;
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (!m) throw new Error(`must look like i/n (for example 2/3), got '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 256) throw new Error(`'${text}': the number of shards must be between 1 and 256`);
  if (index < 1 || index > count) throw new Error(`'${text}': the shard number must be between 1 and ${count}`);
  return { index, count };
}

/**
 * Assign items to `count` shards: heaviest first (ties by name), each to the shard with the
 * least weight so far (ties to the lowest shard). Returns the names of each shard, sorted.
 */
export function splitShards(items: readonly { name: string; weight: number }[], count: number): string[][] {
  const order = [...items].sort((a, b) => b.weight - a.weight || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const load = new Array<number>(count).fill(0);
  const shards: string[][] = Array.from({ length: count }, () => []);
  for (const item of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s]! < load[best]!) best = s;
    load[best]! += item.weight;
    shards[best]!.push(item.name);
  }
  for (const s of shards) s.sort();
  return shards;
}

/** The names in shard `spec` (all names when spec is null). */
export function shardNames(items: readonly { name: string; weight: number }[], spec: ShardSpec | null): string[] {
  if (spec === null) return items.map((i) => i.name).sort();
  return splitShards(items, spec.count)[spec.index - 1]!;
}
