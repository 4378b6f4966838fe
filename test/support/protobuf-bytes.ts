/** Protobuf wire bytes written by hand, for tests of how the decoder meets them. */

/** `n` as a protobuf varint. */
export function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
