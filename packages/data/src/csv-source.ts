/**
 * Where CSV text comes from: a file (read in 1 MiB blocks, never whole), bytes
 * or a string. Text is handed out in chunks that end at a line feed, so a
 * UTF-8 chunk never splits a character and a 100 MB file never becomes one
 * 100 MB string. Invalid UTF-8 is an error, as pandas' UnicodeDecodeError.
 */
import { isAscii, isUtf8 } from "node:buffer";
import * as fs from "node:fs";
import { TextDecoder } from "node:util";
import { FileError, LookupError, ValueError } from "./errors";

export type CsvSource =
  | { kind: "text"; text: string }
  | { kind: "bytes"; bytes: Uint8Array; encoding: string }
  | { kind: "file"; path: string; encoding: string };

const CHUNK = 1 << 20;

function isUtf8Name(enc: string): boolean {
  const e = enc.toLowerCase();
  return e === "utf-8" || e === "utf8";
}

/** Decodes byte blocks; for UTF-8 the blocks must end on a line feed (a character boundary). */
class Decoder {
  private readonly td: TextDecoder | null;
  private first = true;
  private offset = 0;

  constructor(
    private readonly encoding: string,
    private readonly what: string,
  ) {
    if (isUtf8Name(encoding)) this.td = null;
    else {
      try {
        this.td = new TextDecoder(encoding, { fatal: true });
      } catch {
        throw new LookupError(`readCsv(): unknown encoding: ${encoding}`);
      }
    }
  }

  decode(bytes: Uint8Array, last: boolean): string {
    let text: string;
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.td) {
      try {
        text = this.td.decode(bytes, { stream: !last });
      } catch (e) {
        throw new ValueError(`readCsv: cannot decode ${this.what} as ${this.encoding}: ${(e as Error).message}`);
      }
    } else if (isAscii(buf)) {
      text = buf.toString("latin1"); // the same characters, decoded fastest
    } else {
      if (!isUtf8(buf)) {
        throw new ValueError(`readCsv: ${this.what} is not valid UTF-8 (in the bytes from offset ${this.offset}); pass { encoding } to read it`);
      }
      text = buf.toString("utf8");
    }
    this.offset += bytes.byteLength;
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  }
}

/** Text chunks whose concatenation is the whole source; each but the last ends at a line feed where one exists. */
export function* textChunks(src: CsvSource): Generator<{ text: string; last: boolean }> {
  if (src.kind === "text") {
    const t = src.text.charCodeAt(0) === 0xfeff ? src.text.slice(1) : src.text;
    let start = 0;
    while (start < t.length) {
      let end = t.indexOf("\n", Math.min(start + CHUNK, t.length) - 1);
      end = end < 0 ? t.length : end + 1;
      yield { text: t.slice(start, end), last: end >= t.length };
      start = end;
    }
    if (t.length === 0) yield { text: "", last: true };
    return;
  }
  if (src.kind === "bytes") {
    const dec = new Decoder(src.encoding, "bytes");
    const b = src.bytes;
    let start = 0;
    do {
      let end = b.indexOf(10, Math.min(start + CHUNK, b.length) - 1);
      end = end < 0 ? b.length : end + 1;
      yield { text: dec.decode(b.subarray(start, end), end >= b.length), last: end >= b.length };
      start = end;
    } while (start < b.length);
    return;
  }
  const dec = new Decoder(src.encoding, `file '${src.path}'`);
  const fd = openFile(src.path);
  try {
    let buf = Buffer.allocUnsafe(CHUNK * 2);
    let have = 0;
    for (;;) {
      if (buf.length - have < CHUNK) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      const n = readBlock(fd, buf, have, src.path);
      have += n;
      if (n === 0) {
        yield { text: dec.decode(buf.subarray(0, have), true), last: true };
        return;
      }
      const cut = buf.lastIndexOf(10, have - 1);
      if (cut < 0) continue; // no complete line yet: read more
      yield { text: dec.decode(buf.subarray(0, cut + 1), false), last: false };
      buf.copy(buf, 0, cut + 1, have);
      have -= cut + 1;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function openFile(path: string): number {
  try {
    return fs.openSync(path, "r");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new FileError(`readCsv: cannot read file '${path}': ${err.message}`, path, err.code, { cause: e });
  }
}

function readBlock(fd: number, buf: Buffer, at: number, path: string): number {
  try {
    return fs.readSync(fd, buf, at, CHUNK, null);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new FileError(`readCsv: cannot read file '${path}': ${err.message}`, path, err.code, { cause: e });
  }
}

/** Upper bound on the number of records (line breaks + 1), to size column storage once. */
export function countLines(src: CsvSource): number {
  let n = 1;
  if (src.kind === "text") {
    for (let i = src.text.indexOf("\n"); i >= 0; i = src.text.indexOf("\n", i + 1)) n++;
    return n === 1 ? n + (src.text.match(/\r/g)?.length ?? 0) : n;
  }
  const count = (b: Uint8Array): void => {
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  };
  if (src.kind === "bytes") count(src.bytes);
  else {
    const fd = openFile(src.path);
    try {
      const buf = Buffer.allocUnsafe(CHUNK);
      for (let r = readBlock(fd, buf, 0, src.path); r > 0; r = readBlock(fd, buf, 0, src.path)) count(buf.subarray(0, r));
    } finally {
      fs.closeSync(fd);
    }
  }
  return n;
}

/** The first line terminator outside quotes ("\r\n", "\n" or "\r"); papaparse needs one, pandas accepts all three. */
export function detectNewline(text: string, quote: string): string {
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === quote) inQuote = !inQuote;
    else if (!inQuote && (c === "\n" || c === "\r")) return c === "\r" ? (text[i + 1] === "\n" ? "\r\n" : "\r") : "\n";
  }
  return "\n";
}
