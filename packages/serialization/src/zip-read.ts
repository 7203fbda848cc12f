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
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    const b = bytes;
    const v = (this.view = new DataView(b.buffer, b.byteOffset, b.byteLength));
    // the end-of-central-directory record: 22 bytes plus a comment of at most 65535 bytes
    let eocd = -1;
    for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xffff; i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6 && i + 22 + v.getUint16(i + 20, true) === b.length) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) fail("failed finding central directory (truncated, or not a zip file)");
    let count = v.getUint16(eocd + 10, true);
    let cdSize = v.getUint32(eocd + 12, true);
    let cdStart = v.getUint32(eocd + 16, true);
    const loc = eocd - 20;
    if (loc >= 0 && v.getUint32(loc, true) === 0x07064b50) {
      const z = u64(v, loc + 8);
      if (z + 56 > loc || v.getUint32(z, true) !== 0x06064b50) fail("invalid zip64 end of central directory");
      count = u64(v, z + 32);
      cdSize = u64(v, z + 40);
      cdStart = u64(v, z + 48);
    }
    if (cdStart + cdSize > b.length || cdSize < 46 * count) fail(`central directory (${count} entries, ${cdSize} bytes at ${cdStart}) lies outside the ${b.length}-byte file`);
    const dec = new TextDecoder("utf-8", { fatal: false });
    let p = cdStart;
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
      if (offset + 30 > b.length) fail(`record ${name} starts at ${offset}, beyond the ${b.length}-byte file`);
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
    const v = this.view;
    const h = e.headerOffset;
    if (v.getUint32(h, true) !== 0x04034b50) fail(`record ${e.name}: bad local header signature`);
    const start = h + 30 + v.getUint16(h + 26, true) + v.getUint16(h + 28, true);
    if (start + e.compressedSize > this.bytes.length) {
      fail(`record ${e.name} claims ${e.compressedSize} bytes at ${start}, beyond the ${this.bytes.length}-byte file (truncated?)`);
    }
    const raw = this.bytes.subarray(start, start + e.compressedSize);
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
