/**
 * A map from strings to non-negative integers in two typed arrays and one array of keys: open
 * addressing, linear probing, each key's hash kept beside it so that growing never rehashes a
 * string. For the hundreds of thousands of names a large graph has (node names, tensor names),
 * where a `Map` costs a hash of every fresh string, an entry object in its table and a
 * remembered-set entry for every young string it points to.
 */
export class StringTable {
  private keys: string[];
  /** Slot → entry + 1 (0 = empty). */
  private slots: Int32Array;
  private hashes: Int32Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 16) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    const entries = Math.max(8, expected);
    this.keys = new Array<string>(entries);
    this.hashes = new Int32Array(entries);
    this.values = new Int32Array(entries);
  }

  /** The value of `key`, or -1 when the table has none. */
  get(key: string): number {
    return this.getPrefix(key, key.length);
  }

  /**
   * The value of `s.slice(0, end)`, or -1 when the table has none, without making that string:
   * the names of one module share all but their last segment.
   */
  getPrefix(s: string, end: number): number {
    const h = hashPrefix(s, end);
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = slots[slot]!;
      if (e === 0) return -1;
      if (this.hashes[e - 1] === h) {
        const k = this.keys[e - 1]!;
        if (k.length === end && s.startsWith(k)) return this.values[e - 1]!;
      }
    }
  }

  /** Set `key` to `value` (a non-negative integer); returns the value it replaced, or -1 when `key` is new. */
  set(key: string, value: number): number {
    return this.put(key, value, true);
  }

  /**
   * The value of `key` when the table has one (left as it is); otherwise `key` is set to `value`
   * and -1 returned. One hash of `key` where `get` then `set` would make two.
   */
  getOrSet(key: string, value: number): number {
    return this.put(key, value, false);
  }

  /** Finds `key`'s slot once: replaces its value when `replace`, returns the old one (or -1 when new). */
  private put(key: string, value: number, replace: boolean): number {
    const h = hashString(key);
    const mask = this.mask;
    let s = h & mask;
    for (; ; s = (s + 1) & mask) {
      const e = this.slots[s]!;
      if (e === 0) break;
      if (this.hashes[e - 1] === h && this.keys[e - 1] === key) {
        const old = this.values[e - 1]!;
        if (replace) this.values[e - 1] = value;
        return old;
      }
    }
    const e = this.count++;
    if (e === this.values.length) this.growEntries();
    this.keys[e] = key;
    this.hashes[e] = h;
    this.values[e] = value;
    this.slots[s] = e + 1;
    if (this.count * 2 > this.slots.length) this.growSlots();
    return -1;
  }

  private growEntries(): void {
    const n = this.values.length * 2;
    const hashes = new Int32Array(n);
    hashes.set(this.hashes);
    const values = new Int32Array(n);
    values.set(this.values);
    this.hashes = hashes;
    this.values = values;
    this.keys.length = n;
  }

  private growSlots(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let e = 0; e < this.count; e++) {
      let s = this.hashes[e]! & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** A hash of the UTF-16 code units, mixed at the end so that low bits depend on every unit. */
export function hashString(s: string): number {
  return hashPrefix(s, s.length);
}

/**
 * `hashString(s.slice(0, end))`. FNV-1a-style in two lanes, even and odd units: each lane waits
 * on its own multiply, so the loop runs about twice as fast as one chain over every unit (the
 * graph index hashes every tensor and node name of the model).
 */
export function hashPrefix(s: string, end: number): number {
  let even = 0x811c9dc5;
  let odd = 0x01000193 ^ end;
  let i = 0;
  for (; i + 1 < end; i += 2) {
    even = Math.imul(even ^ s.charCodeAt(i), 0x01000193);
    odd = Math.imul(odd ^ s.charCodeAt(i + 1), 0x5bd1e995);
  }
  if (i < end) even = Math.imul(even ^ s.charCodeAt(i), 0x01000193);
  // murmur3's finaliser over both lanes.
  let h = even ^ Math.imul(odd, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
