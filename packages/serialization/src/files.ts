/** System errors as FileErrors that name the path, as Python's OSError messages do. */
import { FileError } from "./errors";

const TEXT: Record<string, string> = {
  ENOENT: "No such file or directory",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  EROFS: "Read-only file system",
  ENOSPC: "No space left on device",
};

export function fileError(e: unknown, path: string, detail = ""): FileError {
  const code = (e as { code?: string })?.code;
  const text = (code && TEXT[code]) ?? (e as Error)?.message ?? String(e);
  return new FileError(`[Errno ${code ?? "?"}] ${text}: '${path}'${detail}`, path, code, { cause: e });
}
