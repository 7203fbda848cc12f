/**
 * A STORED (uncompressed) zip writer laid out as PyTorch 1.13's PyTorchStreamWriter
 * (miniz) lays out a `.pt` file: flags 0x0808 (data descriptor + UTF-8 names), zero
 * time/date, CRC and sizes in a data descriptor after each record and in the central
 * directory, an `FB` extra field of `Z` padding so every record's data starts at a
 * multiple of 64 bytes, and a zip64 end-of-central-directory record before the classic
 * one. Sizes or offsets past 4 GiB use zip64 fields (APPNOTE 4.5.3).
 *
 * The data goes to a sink chunk by chunk, so a storage's bytes are written from the
 * tensor's own memory (no copy) when the sink is a file.
 */
import { crc32 } from "./crc32";

/** Where the bytes go: a file descriptor or a list of chunks. */
export interface Sink {
  write(chunk: Uint8Array): void;
}

const ALIGN = 64;
const MAX32 = 0xffffffff;

interface Entry {
  name: Uint8Array;
  offset: number;
  crc: number;
  size: number;
}

function header(n: number): [Uint8Array, DataView] {
  const b = new Uint8Array(n);
  return [b, new DataView(b.buffer)];
}

function u64(v: DataView, at: number, x: number): void {
  v.setUint32(at, x % 0x100000000, true);
  v.setUint32(at + 4, Math.floor(x / 0x100000000), true);
}

export class ZipWriter {
  private pos = 0;
  private readonly entries: Entry[] = [];
  constructor(private readonly sink: Sink) {}

  private emit(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.sink.write(chunk);
    this.pos += chunk.length;
  }

  /** Append one record; `parts` are its bytes in order (written as they are, not copied). */
  add(name: string, parts: readonly Uint8Array[]): void {
    const nameBytes = new TextEncoder().encode(name);
    const offset = this.pos;
    // local header (APPNOTE 4.3.7): signature, version 20, flags, method 0, time, date, crc/sizes 0 (descriptor follows)
    const base = offset + 30 + nameBytes.length + 4;
    const pad = (ALIGN - (base % ALIGN)) % ALIGN;
    const [h, v] = header(30 + nameBytes.length + 4 + pad);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 0x0808, true);
    v.setUint16(26, nameBytes.length, true);
    v.setUint16(28, 4 + pad, true);
    h.set(nameBytes, 30);
    const x = 30 + nameBytes.length;
    v.setUint16(x, 0x4246, true); // "FB": PyTorch's alignment padding
    v.setUint16(x + 2, pad, true);
    h.fill(0x5a, x + 4); // 'Z'
    this.emit(h);
    let crc = 0;
    let size = 0;
    for (const p of parts) {
      crc = crc32(p, crc);
      size += p.length;
      this.emit(p);
    }
    // data descriptor (APPNOTE 4.3.9): 8-byte sizes when zip64
    const big = size >= MAX32;
    const [d, dv] = header(big ? 24 : 16);
    dv.setUint32(0, 0x08074b50, true);
    dv.setUint32(4, crc, true);
    if (big) {
      u64(dv, 8, size);
      u64(dv, 16, size);
    } else {
      dv.setUint32(8, size, true);
      dv.setUint32(12, size, true);
    }
    this.emit(d);
    this.entries.push({ name: nameBytes, offset, crc, size });
  }

  /** Write the central directory and the end records. */
  finish(): void {
    const cdStart = this.pos;
    for (const e of this.entries) {
      const needs: number[] = [];
      if (e.size >= MAX32) needs.push(e.size, e.size);
      if (e.offset >= MAX32) needs.push(e.offset);
      const extra = needs.length ? 4 + 8 * needs.length : 0;
      const [h, v] = header(46 + e.name.length + extra);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 45, true);
      v.setUint16(6, needs.length ? 45 : 20, true);
      v.setUint16(8, 0x0808, true);
      v.setUint32(16, e.crc, true);
      v.setUint32(20, e.size >= MAX32 ? MAX32 : e.size, true);
      v.setUint32(24, e.size >= MAX32 ? MAX32 : e.size, true);
      v.setUint16(28, e.name.length, true);
      v.setUint16(30, extra, true);
      v.setUint32(42, e.offset >= MAX32 ? MAX32 : e.offset, true);
      h.set(e.name, 46);
      if (extra) {
        const at = 46 + e.name.length;
        v.setUint16(at, 0x0001, true);
        v.setUint16(at + 2, extra - 4, true);
        needs.forEach((n, i) => u64(v, at + 4 + 8 * i, n));
      }
      this.emit(h);
    }
    const cdSize = this.pos - cdStart;
    const n = this.entries.length;
    const z64 = this.pos;
    const [h, v] = header(56 + 20 + 22);
    v.setUint32(0, 0x06064b50, true); // zip64 end of central directory (APPNOTE 4.3.14)
    u64(v, 4, 44);
    v.setUint16(12, 45, true);
    v.setUint16(14, 45, true);
    u64(v, 24, n);
    u64(v, 32, n);
    u64(v, 40, cdSize);
    u64(v, 48, cdStart);
    v.setUint32(56, 0x07064b50, true); // zip64 locator (4.3.15)
    u64(v, 64, z64);
    v.setUint32(72, 1, true);
    v.setUint32(76, 0x06054b50, true); // end of central directory (4.3.16)
    v.setUint16(84, Math.min(n, 0xffff), true);
    v.setUint16(86, Math.min(n, 0xffff), true);
    v.setUint32(88, Math.min(cdSize, MAX32), true);
    v.setUint32(92, Math.min(cdStart, MAX32), true);
    this.emit(h);
  }
}
