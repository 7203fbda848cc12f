/**
 * The jobs the worker runs, as typed descriptors, and their encoding in the
 * control block (layout.ts). The caller writes a job with {@link writeJob}; the
 * worker reads it back with {@link readJob}. Both check it: a malformed job is
 * an error on the side that sees it, never a wrong result (the worker reports
 * it as a failure, and the caller computes the job alone).
 *
 * Adding a job kind: a case in `Job`, a code in KIND_CODES, its fields in
 * writeJob/readJob, its layout and chunk runner in run.ts, and a test in
 * kernels/wasm.test.ts that runs it with the worker alone and with a failure
 * injected (docs/architecture.md, "The worker thread").
 */
import { RuntimeError } from "../../errors";
import { Address, Slot } from "./layout";

/** The operands of a product C = op(A)·op(B): `a`, `b`, `c` are offsets or addresses, as the job kind says. */
interface GemmOperands {
  dtype: "float32" | "float64";
  transA: boolean;
  transB: boolean;
  M: number;
  N: number;
  K: number;
  a: number;
  lda: number;
  b: number;
  ldb: number;
  c: number;
  minRows: number;
}
/** A product over operands copied into the shared arena (offsets in the memory); op(B) is packed at `packedB`. */
export interface SharedGemmJob extends GemmOperands {
  kind: "sharedGemm";
  packedB: number;
}
/** A product where each thread copies straight from and into the caller's arrays (process addresses). */
export interface GemmJob extends GemmOperands {
  kind: "gemm";
  ldc: number;
  maxRows: number;
}
/** out[r] = Σ_j x[r·cols + j] for `rows` float32 rows (addresses), `chunkRows` rows per chunk. */
export interface RowSumJob {
  kind: "rowSum";
  rows: number;
  cols: number;
  x: number;
  out: number;
  chunkRows: number;
}
/** A float32 elementwise kernel of wasm/elementwise.c over n elements (addresses), `chunk` elements per chunk. */
export interface MapJob {
  kind: "map";
  op: string;
  operands: "unary" | "binary" | "scalar";
  n: number;
  x: number;
  /** the second operand's address (binary) or the scalar (scalar); 0 for unary */
  y: number;
  out: number;
  chunk: number;
}
export type DirectJob = GemmJob | RowSumJob | MapJob;
export type Job = SharedGemmJob | DirectJob;

/** Slot.kind's values. */
const KIND_CODES = ["gemm/float32", "gemm/float64", "rowSum", "map/unary", "map/binary", "map/scalar", "sharedGemm/float32", "sharedGemm/float64"] as const;
type KindKey = (typeof KIND_CODES)[number];

function keyOf(job: Job): KindKey {
  switch (job.kind) {
    case "gemm":
    case "sharedGemm":
      return `${job.kind}/${job.dtype}`;
    case "rowSum":
      return "rowSum";
    case "map":
      return `map/${job.operands}`;
  }
}

/** A malformed job is a bug in torchts, never the user's input: the kernels above check that. */
const check = (ok: boolean, what: string): void => {
  if (!ok) throw new RuntimeError(`internal error, worker job: ${what}`);
};
const isCount = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 0x7fffffff;

/** The rows of the job's result (elements, for a map job): what chunks are cut from. */
export function jobRows(job: Job): number {
  return job.kind === "rowSum" ? job.rows : job.kind === "map" ? job.n : job.M;
}

/** Checks a job's sizes: integers that fit an int32 slot, at least one row, chunk bounds in order. */
function validate(job: Job, ops: readonly string[]): void {
  const sizes = job.kind === "rowSum" ? [job.rows, job.cols, job.chunkRows] : job.kind === "map" ? [job.n, job.chunk] : [job.M, job.N, job.K, job.lda, job.ldb, job.minRows];
  check(sizes.every(isCount), `${job.kind}: sizes must be non-negative int32 values, got ${sizes.join(", ")}`);
  check(jobRows(job) > 0, `${job.kind}: no rows`);
  if (job.kind === "gemm") check(isCount(job.ldc) && isCount(job.maxRows) && job.minRows > 0 && job.minRows <= job.maxRows, "gemm: chunk bounds");
  if (job.kind === "map") check(ops.includes(job.op), `map: unknown kernel ${job.op}`);
  if (job.kind === "rowSum" || job.kind === "map") check((job.kind === "map" ? job.chunk : job.chunkRows) > 0, `${job.kind}: empty chunks`);
}

/**
 * Writes `job` into the control block (and its addresses into the float64 slots).
 * `ops` is the worker's list of map kernels (a map job names its kernel by index in it).
 */
export function writeJob(c: Int32Array, f: Float64Array, job: Job, ops: readonly string[]): void {
  validate(job, ops);
  c[Slot.kind] = KIND_CODES.indexOf(keyOf(job));
  switch (job.kind) {
    case "sharedGemm":
    case "gemm":
      c[Slot.transA] = job.transA ? 1 : 0;
      c[Slot.transB] = job.transB ? 1 : 0;
      c[Slot.rows] = job.M;
      c[Slot.n] = job.N;
      c[Slot.k] = job.K;
      c[Slot.lda] = job.lda;
      c[Slot.ldb] = job.ldb;
      c[Slot.minRows] = job.minRows;
      if (job.kind === "gemm") {
        c[Slot.ldc] = job.ldc;
        c[Slot.maxRows] = job.maxRows;
        f[Address.a] = job.a;
        f[Address.b] = job.b;
        f[Address.c] = job.c;
      } else {
        c[Slot.ldc] = job.N; // the arena's C is dense
        c[Slot.maxRows] = job.M;
        c[Slot.arenaA] = job.a;
        c[Slot.arenaB] = job.b;
        c[Slot.arenaC] = job.c;
        c[Slot.arenaPackedB] = job.packedB;
      }
      return;
    case "rowSum":
      c[Slot.rows] = job.rows;
      c[Slot.k] = job.cols;
      c[Slot.minRows] = c[Slot.maxRows] = job.chunkRows;
      f[Address.a] = job.x;
      f[Address.c] = job.out;
      return;
    case "map":
      c[Slot.op] = ops.indexOf(job.op);
      c[Slot.rows] = job.n;
      c[Slot.minRows] = c[Slot.maxRows] = job.chunk;
      f[Address.a] = job.x;
      f[Address.b] = job.y;
      f[Address.c] = job.out;
      return;
  }
}

/** Reads the job in the control block back (the worker does, once per job), checking it as writeJob did. */
export function readJob(c: Int32Array, f: Float64Array, ops: readonly string[]): Job {
  const key = KIND_CODES[c[Slot.kind]];
  check(key !== undefined, `unknown kind code ${c[Slot.kind]}`);
  let job: Job;
  if (key.startsWith("gemm/") || key.startsWith("sharedGemm/")) {
    const shape = {
      dtype: key.endsWith("float64") ? ("float64" as const) : ("float32" as const),
      transA: c[Slot.transA] === 1, transB: c[Slot.transB] === 1,
      M: c[Slot.rows], N: c[Slot.n], K: c[Slot.k], lda: c[Slot.lda], ldb: c[Slot.ldb], minRows: c[Slot.minRows],
    };
    job = key.startsWith("gemm/")
      ? { kind: "gemm", ...shape, a: f[Address.a], b: f[Address.b], c: f[Address.c], ldc: c[Slot.ldc], maxRows: c[Slot.maxRows] }
      : { kind: "sharedGemm", ...shape, a: c[Slot.arenaA], b: c[Slot.arenaB], c: c[Slot.arenaC], packedB: c[Slot.arenaPackedB] };
  } else if (key === "rowSum") {
    job = { kind: "rowSum", rows: c[Slot.rows], cols: c[Slot.k], x: f[Address.a], out: f[Address.c], chunkRows: c[Slot.minRows] };
  } else {
    const op = ops[c[Slot.op]];
    check(op !== undefined, `map: kernel index ${c[Slot.op]} out of range (${ops.length} kernels)`);
    job = { kind: "map", op, operands: key.slice(4) as MapJob["operands"], n: c[Slot.rows], x: f[Address.a], y: f[Address.b], out: f[Address.c], chunk: c[Slot.minRows] };
  }
  validate(job, ops);
  return job;
}
