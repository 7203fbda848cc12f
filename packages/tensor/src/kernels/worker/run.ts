/**
 * What a thread does with one chunk of a job, the same code on both threads:
 * the caller imports it, and the worker (main.ts) imports the built copy.
 *
 * - sharedGemm: the operands are in the arena; both threads pack parts of
 *   op(B) (packParts), then compute chunks of C's rows from it (sharedChunk).
 * - direct jobs (gemm, rowSum, map): each thread works in its own region of the
 *   memory (directLayout gives its parts) and copies with the host addon
 *   straight from the caller's arrays into its region and back, so no line of
 *   the memory is written by one core and read by the other.
 */
import type { HostAddon } from "../../memory";
import type { WasmExports } from "../wasm-runtime";
import type { DirectJob, GemmJob, SharedGemmJob } from "./jobs";
import { PACK_PARTS, Slot } from "./layout";

/** The WebAssembly module's exports (wasm/*.c). */
export type Exports = WasmExports;

const al = (x: number): number => Math.ceil(x / 64) * 64;
const bytesOf = (job: GemmJob | SharedGemmJob): number => (job.dtype === "float64" ? 8 : 4);

/** Packs parts of a shared product's op(B), taken from Slot.packNext, until none is left. */
export function packParts(ex: Exports, c: Int32Array, job: SharedGemmJob): void {
  const pack = job.dtype === "float64" ? ex.dgemm_pack_b : ex.sgemm_pack_b;
  for (let p; (p = Atomics.add(c, Slot.packNext, 1)) < PACK_PARTS; Atomics.add(c, Slot.packDone, 1)) {
    pack(job.transB ? 1 : 0, job.N, job.K, job.b, job.ldb, job.packedB, p, PACK_PARTS);
  }
}

/** Rows [r0, r0 + rows) of a shared product's C, from the packed op(B). */
export function sharedChunk(ex: Exports, job: SharedGemmJob, r0: number, rows: number, scratch: number): void {
  const es = bytesOf(job), rowStride = job.transA ? 1 : job.lda;
  (es === 8 ? ex.dgemm_rows : ex.sgemm_rows)(
    job.transA ? 1 : 0, rows, job.N, job.K, job.a + r0 * rowStride * es, job.lda, job.packedB, job.c + r0 * job.N * es, job.N, scratch,
  );
}

/** Byte offsets of the parts of a thread's region, for chunks of at most `rows` rows. */
export interface Region {
  /** op(B) as copied (gemm), or the second operand (map) */
  b: number;
  /** packed op(B) (gemm) */
  packedB: number;
  /** the chunk's rows of op(A) (gemm) */
  a: number;
  /** the chunk's result (gemm, rowSum) */
  c: number;
  bytes: number;
}

export function directLayout(ex: Exports, job: DirectJob, rows: number): Region {
  if (job.kind === "map") return { b: al(rows * 4), packedB: 0, a: 0, c: 0, bytes: 2 * al(rows * 4) };
  if (job.kind === "rowSum") return { b: 0, packedB: 0, a: 0, c: al(rows * job.cols * 4), bytes: al(rows * job.cols * 4) + al(rows * 4) };
  const es = bytesOf(job), { N, K } = job;
  const packedB = al(N * K * es), a = packedB + al(es * (es === 8 ? ex.dgemm_packed_b_size(N, K) : ex.sgemm_packed_b_size(N, K)));
  const c = a + al(rows * K * es);
  return { b: 0, packedB, a, c, bytes: c + al(rows * N * es) };
}

/** A direct product's first step on each thread: op(B) copied into the region at `base`, then packed there. */
export function directPack(ex: Exports, host: HostAddon, job: GemmJob, mem: number, base: number, L: Region): void {
  const es = bytesOf(job), { N, K } = job;
  const rows = job.transB ? N : K, cols = job.transB ? K : N;
  host.copy2d(mem + base + L.b, cols * es, job.b, job.ldb * es, rows, cols * es);
  (es === 8 ? ex.dgemm_pack_b : ex.sgemm_pack_b)(job.transB ? 1 : 0, N, K, base + L.b, cols, base + L.packedB, 0, 1);
}

/** Rows (elements, for map) [r0, r0 + rows) of a direct job, in the region at `base` (for a gemm, after directPack). */
export function directChunk(ex: Exports, host: HostAddon, job: DirectJob, mem: number, r0: number, rows: number, base: number, L: Region, scratch: number): void {
  if (job.kind === "map") {
    const fn = ex[job.op] as (...args: number[]) => void, bytes = rows * 4;
    host.copy2d(mem + base, bytes, job.x + r0 * 4, bytes, 1, bytes);
    if (job.operands === "binary") host.copy2d(mem + base + L.b, bytes, job.y + r0 * 4, bytes, 1, bytes);
    if (job.operands === "unary") fn(base, base, rows);
    else fn(base, job.operands === "binary" ? base + L.b : job.y, base, rows);
    host.copy2d(job.out + r0 * 4, bytes, mem + base, bytes, 1, bytes);
    return;
  }
  if (job.kind === "rowSum") {
    const bytes = rows * job.cols * 4;
    host.copy2d(mem + base, bytes, job.x + r0 * job.cols * 4, bytes, 1, bytes);
    ex.f32_sum_inner(base, base + L.c, rows, job.cols);
    host.copy2d(job.out + r0 * 4, rows * 4, mem + base + L.c, rows * 4, 1, rows * 4);
    return;
  }
  const es = bytesOf(job), { N, K, lda, ldc } = job;
  // op(A)'s rows of the chunk, dense: K rows of the chunk's columns when A is transposed
  if (job.transA) host.copy2d(mem + base + L.a, rows * es, job.a + r0 * es, lda * es, K, rows * es);
  else host.copy2d(mem + base + L.a, K * es, job.a + r0 * lda * es, lda * es, rows, K * es);
  (es === 8 ? ex.dgemm_rows : ex.sgemm_rows)(job.transA ? 1 : 0, rows, N, K, base + L.a, job.transA ? rows : K, base + L.packedB, base + L.c, N, scratch);
  host.copy2d(job.c + r0 * ldc * es, ldc * es, mem + base + L.c, N * es, rows, N * es);
}
