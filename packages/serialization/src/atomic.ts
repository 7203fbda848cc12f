/**
 * Atomic file writes: the bytes go to a temporary file beside the target, which is then
 * renamed over it, so a failed save leaves the old file intact and a reader never sees half
 * a file. Chunks are written as they are (no copy). No fsync, as PyTorch does none: it would
 * bound saves by the disk's write speed (ext4 flushes a file renamed over another anyway).
 */
import { accessSync, constants, closeSync, openSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { FileError } from "./errors";
import { fileError } from "./files";

export function writeAtomic(path: string, produce: (write: (chunk: Uint8Array) => void) => void): void {
  let st;
  try {
    st = statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    throw fileError(e, path);
  }
  if (st?.isDirectory()) throw new FileError(`[Errno 21] Is a directory: '${path}'`, path, "EISDIR");
  // the rename would replace a file we may not write; refuse as open(path, "wb") would
  if (st !== undefined) {
    try {
      accessSync(path, constants.W_OK);
    } catch (e) {
      throw fileError(e, path);
    }
  }
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, "w");
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOENT") throw new FileError(`[Errno 2] No such file or directory: '${path}' (the directory '${dir}' does not exist)`, path, code, { cause: e });
    throw fileError(e, path);
  }
  let ok = false;
  try {
    produce((c) => {
      for (let at = 0; at < c.length; ) at += writeSync(fd, c, at, Math.min(c.length - at, 1 << 30));
    });
    ok = true;
  } catch (e) {
    if (e instanceof Error && "code" in e && "syscall" in e) throw fileError(e, path);
    throw e;
  } finally {
    closeSync(fd);
    if (!ok) unlinkSync(tmp);
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    unlinkSync(tmp);
    throw fileError(e, path);
  }
}
