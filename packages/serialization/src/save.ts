/**
 * torch.save: PyTorch's zip format, as 1.13 writes it (see zip-write.ts for the layout),
 * with the `byteorder` and `.data/serialization_id` records that 2.1+ add. The archive
 * prefix is the file's base name without its last extension (`mlp.params` → `mlp`), or
 * `archive` for bytes, as in PyTorch. A file is written atomically: to a temporary file
 * beside the target, then renamed over it, so a failed save leaves the old file intact.
 */
import { basename, extname } from "node:path";
import * as torch from "@torchts/tensor";
import { argTypeError, checkArity } from "@torchts/tensor/errors";
import { writeAtomic } from "./atomic";
import { crc32 } from "./crc32";
import { TypeError } from "./errors";
import { pickle } from "./pickle-write";
import { encodeStorage } from "./storage-types";
import { type Sink, ZipWriter } from "./zip-write";

/**
 * Save `obj` in PyTorch's `.pt` format: to `path`, or, without a path, into the returned bytes.
 * `obj`: a tensor, an array, a Map (written as an OrderedDict: a state dict), a plain object
 * (a dict), strings, numbers (integers as Python ints, others as floats), bigints, booleans,
 * null, nested. Tensors sharing a storage are saved once and share it again when loaded.
 *
 * @example
 * save(torch.arange(4), "x-file");                          // torch.load("x-file") in Python: tensor([0, 1, 2, 3])
 * save(new Map([["weight", torch.ones(2, 3)]]), "lin.pt"); // an OrderedDict state dict
 * const bytes = save({ x: torch.zeros(2) });               // Uint8Array, for the browser
 */
export function save(obj: unknown): Uint8Array;
export function save(obj: unknown, f: string): void;
export function save(obj: unknown, f?: string): Uint8Array | void {
  checkArity("save", arguments, 2);
  if (f !== undefined && typeof f !== "string") throw new TypeError(`save(): argument 'f' (position 2) must be a path (string) or omitted, not ${typeof f}`);
  if (f === undefined) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    write(obj, "archive", { write: (c) => { chunks.push(c); total += c.length; } });
    // tensor memory, not `new Uint8Array`: a large one gets huge pages before its first touch,
    // and on these VMs the page faults of 100 fresh MB cost more than the copy (save() was 220 MB/s)
    const out = torch.empty([total], { dtype: torch.uint8 })._storage.data as Uint8Array;
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
  saveFile(obj, f);
}

/** The archive prefix PyTorch 1.13 uses for a path (serialization.py: os.path.splitext(basename)). */
export function archiveName(path: string): string {
  // no arity check: `paths.map(archiveName)` passes (value, index, array), a JavaScript idiom
  if (typeof path !== "string") throw argTypeError("archiveName", "path", 0, "str", path);
  const b = basename(path);
  const e = extname(b);
  return e ? b.slice(0, -e.length) : b;
}

function write(obj: unknown, prefix: string, sink: Sink, fn = "save"): void {
  const { bytes, storages } = pickle(obj, fn);
  const z = new ZipWriter(sink);
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  z.add(`${prefix}/data.pkl`, [bytes]);
  z.add(`${prefix}/byteorder`, [text("little")]);
  // data/<key> in sorted(keys) order, a string sort (0, 1, 10, 2, ...), as PyTorch writes them
  let id = crc32(bytes);
  for (const s of [...storages].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const data = encodeStorage(s.dtype, s.data);
    id = crc32(data.subarray(0, 64), id);
    z.add(`${prefix}/data/${s.key}`, [data]);
  }
  z.add(`${prefix}/version`, [text("3\n")]);
  z.add(`${prefix}/.data/serialization_id`, [text(String(id).padStart(20, "0"))]);
  z.finish();
}

function saveFile(obj: unknown, path: string): void {
  writeAtomic(path, (w) => write(obj, archiveName(path), { write: w }));
}
