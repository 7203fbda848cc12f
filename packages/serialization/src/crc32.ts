/**
 * CRC-32 (ISO-HDLC, the zip polynomial 0xEDB88320). Node's zlib.crc32 (Node >= 20.15,
 * 22.2) runs zlib's SIMD code at several GB/s; elsewhere a slicing-by-8 table in plain
 * JavaScript (about 1 GB/s) does the same job, so older runtimes and bundlers still work.
 */
import * as zlib from "node:zlib";
import { argTypeError, checkArity } from "@torchts/tensor/errors";

const TABLES = (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) for (let s = 1; s < 8; s++) t[s * 256 + n] = (t[(s - 1) * 256 + n] >>> 8) ^ t[t[(s - 1) * 256 + n] & 0xff];
  return t;
})();

/** The slicing-by-8 fallback (exported for tests: it must agree with zlib's). */
export function crc32Js(data: Uint8Array, crc = 0): number {
  const t = TABLES;
  let c = ~crc;
  let i = 0;
  const n = data.length;
  for (; i + 8 <= n; i += 8) {
    const a = c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    c =
      t[1792 + (a & 0xff)] ^ t[1536 + ((a >>> 8) & 0xff)] ^ t[1280 + ((a >>> 16) & 0xff)] ^ t[1024 + (a >>> 24)] ^
      t[768 + data[i + 4]] ^ t[512 + data[i + 5]] ^ t[256 + data[i + 6]] ^ t[data[i + 7]];
  }
  for (; i < n; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

type Crc = (data: Uint8Array, value?: number) => number;
const native = (zlib as { crc32?: Crc }).crc32;

/** CRC-32 of `data`, continuing from `crc` (0 to start); an unsigned 32-bit number. */
export function crc32(data: Uint8Array, crc = 0): number {
  checkArity("crc32", arguments, 2);
  if (!(data instanceof Uint8Array)) throw argTypeError("crc32", "data", 0, "Uint8Array", data);
  if (typeof crc !== "number" || !Number.isInteger(crc)) throw argTypeError("crc32", "crc", 1, "int", crc);
  crc = ((crc % 0x100000000) + 0x100000000) % 0x100000000; // zlib.crc32's value & 0xffffffff
  return native !== undefined ? native(data, crc) >>> 0 : crc32Js(data, crc);
}
