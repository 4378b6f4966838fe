/**
 * A small ZIP reader for workflow artifacts (GitHub serves them as ZIP archives): the central
 * directory, stored and deflated entries (node:zlib inflateRaw), ZIP64 sizes and offsets, and a
 * CRC-32 check. Entries stay in memory; nothing is written to disk, so names like `../x` are
 * harmless. Sizes are bounded against zip bombs.
 */
import zlib from "node:zlib";
import { UserError } from "../fs/model-file.js";

export interface ZipEntry {
  name: string;
  data: Buffer;
}

export interface ZipOptions {
  /** Largest uncompressed entry accepted. */
  maxEntryBytes?: number;
  /** Only entries for which this returns true are inflated (the rest are skipped). */
  select?: (name: string) => boolean;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

let crcTable: Uint32Array | undefined;
export function crc32(buf: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < buf.length; i++) crc = crcTable[(crc ^ buf[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

class ZipError extends UserError {
  constructor(what: string, message: string) {
    super(`${what}: not a readable ZIP archive: ${message}`);
  }
}

export function readZip(buf: Buffer, what = "artifact", options: ZipOptions = {}): ZipEntry[] {
  const max = options.maxEntryBytes ?? 256 * 1024 * 1024;
  const fail = (m: string): never => {
    throw new ZipError(what, m);
  };
  if (buf.length < 22) fail("too short");
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail("no end-of-central-directory record");
  let count: number = buf.readUInt16LE(eocd + 10);
  let cdSize: number = buf.readUInt32LE(eocd + 12);
  let cdOffset: number = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== SIG_EOCD64_LOCATOR) fail("ZIP64 locator missing");
    const at = Number(buf.readBigUInt64LE(loc + 8));
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== SIG_EOCD64) fail("ZIP64 end record missing");
    count = Number(buf.readBigUInt64LE(at + 32));
    cdSize = Number(buf.readBigUInt64LE(at + 40));
    cdOffset = Number(buf.readBigUInt64LE(at + 48));
  }
  if (cdOffset + cdSize > buf.length) fail("central directory out of bounds");
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) fail(`bad central directory entry ${i}`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let csize: number = buf.readUInt32LE(p + 20);
    let usize: number = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let local: number = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x800 ? "utf8" : "latin1");
    // ZIP64 extended information: the 64-bit values, in order, of the fields that are 0xFFFFFFFF.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => {
          const v = q + 8 <= e + 4 + size ? Number(buf.readBigUInt64LE(q)) : fail(`bad ZIP64 field for entry ${i}`);
          q += 8;
          return v;
        };
        if (usize === 0xffffffff) usize = next();
        if (csize === 0xffffffff) csize = next();
        if (local === 0xffffffff) local = next();
      }
      e += 4 + size;
    }
    p = extraEnd + commentLen;
    if (name.endsWith("/")) continue; // a directory
    if (options.select && !options.select(name)) continue;
    if (flags & 0x1) fail(`${name} is encrypted`);
    if (usize > max) fail(`${name} is ${usize} bytes uncompressed, over the ${max}-byte limit`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== SIG_LOCAL) fail(`bad local header for ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + csize > buf.length) fail(`${name} runs past the end of the archive`);
    const raw = buf.subarray(start, start + csize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, usize) });
      } catch (err) {
        return fail(`${name}: ${(err as Error).message}`);
      }
    } else return fail(`${name} uses compression method ${method} (only stored and deflate are read)`);
    if (data.length !== usize) fail(`${name}: expected ${usize} bytes, got ${data.length}`);
    if (crc32(data) !== crc) fail(`${name}: CRC-32 mismatch`);
    out.push({ name, data });
  }
  return out;
}
