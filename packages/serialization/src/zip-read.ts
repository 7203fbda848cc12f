/**
 * A zip reader that trusts no number in the file: the end records, the central
 * directory and every local header are bounds-checked against the buffer, and every
 * record's CRC-32 is verified when it is read (PyTorch 1.13 verifies none, so a
 * flipped byte loads as garbage there). STORED records come back as views of the
 * buffer (no copy); DEFLATEd ones (zips made by other tools) are inflated, capped at
 * their declared size. zip64 end records and extra fields are read (APPNOTE 4.3.14, 4.5.3).
 */
import * as zlib from "node:zlib";
import { crc32 } from "./crc32";
import { RuntimeError } from "./errors";

/** Random access to the zip's bytes: a buffer in memory, or a file read record by record. */
export interface Source {
  readonly size: number;
  /** `len` bytes at `pos` (the caller has bounds-checked them); may be a view, never shared with another call's result when `fresh` */
  readAt(pos: number, len: number): Uint8Array;
  /** true when readAt returns new memory the caller may keep and write (a file), false for views of someone's buffer */
  readonly fresh: boolean;
}

export function bytesSource(b: Uint8Array): Source {
  return { size: b.length, readAt: (pos, len) => b.subarray(pos, pos + len), fresh: false };
}

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

const fail = (what: string): never => {
  throw new RuntimeError(`PytorchStreamReader failed reading zip archive: ${what}`);
};

function u64(v: DataView, at: number): number {
  const hi = v.getUint32(at + 4, true);
  if (hi >= 0x200000) fail("a zip64 size or offset beyond 2^53 bytes");
  return hi * 0x100000000 + v.getUint32(at, true);
}

export class ZipReader {
  readonly entries: ZipEntry[] = [];
  private readonly byName = new Map<string, ZipEntry>();

  constructor(readonly src: Source) {
    const fileSize = src.size;
    // the end records: a classic one of 22 bytes plus a comment of at most 65535 bytes, a zip64 locator (20) and record (56) before it
    const tailStart = Math.max(0, fileSize - (22 + 0xffff + 20 + 56));
    const tail = src.readAt(tailStart, fileSize - tailStart);
    const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0 && i >= tail.length - 22 - 0xffff; i--) {
      if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 5 && tail[i + 3] === 6 && i + 22 + tv.getUint16(i + 20, true) === tail.length) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) fail("failed finding central directory (truncated, or not a zip file)");
    let count = tv.getUint16(eocd + 10, true);
    let cdSize = tv.getUint32(eocd + 12, true);
    let cdStart = tv.getUint32(eocd + 16, true);
    const loc = eocd - 20;
    if (loc >= 0 && tv.getUint32(loc, true) === 0x07064b50) {
      const z = u64(tv, loc + 8) - tailStart;
      if (z < 0 || z + 56 > loc || tv.getUint32(z, true) !== 0x06064b50) fail("invalid zip64 end of central directory");
      count = u64(tv, z + 32);
      cdSize = u64(tv, z + 40);
      cdStart = u64(tv, z + 48);
    }
    if (cdStart + cdSize > fileSize || cdSize < 46 * count) fail(`central directory (${count} entries, ${cdSize} bytes at ${cdStart}) lies outside the ${fileSize}-byte file`);
    const cd = src.readAt(cdStart, cdSize);
    const v = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
    const b = cd;
    const dec = new TextDecoder("utf-8", { fatal: false });
    let p = 0;
    cdSize = cd.length;
    cdStart = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > cdStart + cdSize || v.getUint32(p, true) !== 0x02014b50) fail(`central directory entry ${k} is corrupt`);
      const method = v.getUint16(p + 10, true);
      const crc = v.getUint32(p + 16, true);
      let csize = v.getUint32(p + 20, true);
      let size = v.getUint32(p + 24, true);
      const nameLen = v.getUint16(p + 28, true);
      const extraLen = v.getUint16(p + 30, true);
      const commentLen = v.getUint16(p + 32, true);
      let offset = v.getUint32(p + 42, true);
      const end = p + 46 + nameLen + extraLen + commentLen;
      if (end > cdStart + cdSize) fail(`central directory entry ${k} is corrupt`);
      const name = dec.decode(b.subarray(p + 46, p + 46 + nameLen));
      // zip64 extra field: the 0xFFFFFFFF fields, in order
      for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; ) {
        const id = v.getUint16(x, true);
        const len = v.getUint16(x + 2, true);
        if (id === 0x0001) {
          let q = x + 4;
          const take = (): number => {
            if (q + 8 > x + 4 + len) fail(`zip64 field of ${name} is short`);
            const r = u64(v, q);
            q += 8;
            return r;
          };
          if (size === 0xffffffff) size = take();
          if (csize === 0xffffffff) csize = take();
          if (offset === 0xffffffff) offset = take();
        }
        x += 4 + len;
      }
      if (method !== 0 && method !== 8) fail(`record ${name} uses compression method ${method} (only stored and deflate are read)`);
      if (method === 0 && csize !== size) fail(`record ${name} is stored but its sizes differ (${csize} vs ${size})`);
      if (offset + 30 > fileSize) fail(`record ${name} starts at ${offset}, beyond the ${fileSize}-byte file`);
      const e: ZipEntry = { name, method, crc, compressedSize: csize, size, headerOffset: offset };
      this.entries.push(e);
      this.byName.set(name, e);
      p = end;
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The bytes of one record, CRC-checked: a view of the buffer when stored. */
  read(name: string): Uint8Array {
    const e = this.byName.get(name);
    if (e === undefined) throw new RuntimeError(`PytorchStreamReader failed locating file ${name}: file not found`);
    const size = this.src.size;
    const lh = this.src.readAt(e.headerOffset, 30);
    const v = new DataView(lh.buffer, lh.byteOffset, 30);
    if (v.getUint32(0, true) !== 0x04034b50) fail(`record ${e.name}: bad local header signature`);
    const start = e.headerOffset + 30 + v.getUint16(26, true) + v.getUint16(28, true);
    if (start + e.compressedSize > size) {
      fail(`record ${e.name} claims ${e.compressedSize} bytes at ${start}, beyond the ${size}-byte file (truncated?)`);
    }
    const raw = this.src.readAt(start, e.compressedSize);
    let data = raw;
    if (e.method === 8) {
      try {
        data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
      } catch (err) {
        fail(`record ${e.name} does not inflate: ${(err as Error).message}`);
      }
      if (data.length !== e.size) fail(`record ${e.name} inflates to ${data.length} bytes, not ${e.size}`);
    }
    const got = crc32(data);
    if (got !== e.crc) {
      fail(`CRC-32 mismatch in record ${e.name} (stored ${hex(e.crc)}, computed ${hex(got)}): the file is corrupt`);
    }
    return data;
  }
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, "0")}`;
