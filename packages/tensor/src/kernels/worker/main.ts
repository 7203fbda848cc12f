/**
 * The worker thread's entry (pool.ts spawns the built copy, dist/kernels/worker/main.js):
 * instantiate the kernels over the shared memory, then serve jobs forever.
 * The protocol is pool.ts's; the chunk code is run.ts's, the same as the caller's.
 */
import { workerData } from "node:worker_threads";
import type { HostAddon } from "../../memory";
import type { WasmApi, WasmExports } from "../wasm-runtime";
import { readJob, type DirectJob, type SharedGemmJob } from "./jobs";
import { PACK_PARTS, Slot, controlViews } from "./layout";
import type { WorkerData } from "./pool";
import { directChunk, directLayout, directPack, packParts, sharedChunk } from "./run";
import { chunkRows, takeChunk } from "./schedule";

const { module: wasmModule, memory, ctrl, scratch, hostPath, ops } = workerData as WorkerData;
const { i32: c, f64: f } = controlViews(memory.buffer, ctrl);
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly; // lib ES2022 has no WebAssembly types
const ex = new WA.Instance(wasmModule, { env: { memory } }).exports as unknown as WasmExports;
/** Matmuls come in bursts (a training step): spin this long for the next job before sleeping, which saves a futex wake-up per job. */
const SPIN_MS = 0.2;

let host: HostAddon | null = null;
let mem = 0;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (hostPath) host = require(hostPath) as HostAddon;
  if (host) mem = host.address(new Uint8Array(memory.buffer));
} catch {
  host = null;
}
Atomics.store(c, Slot.hostOk, host === null ? 0 : 1);

/** Tests inject failures through Slot.testFail (policy.ts's switches.failAt): -1 while packing, 1 + r on the chunk at row r. */
function injectedPacking(): void {
  if (c[Slot.testFail] === -1) throw new Error("injected packing failure (tests)");
}
function injectedChunk(r0: number): void {
  if (c[Slot.testFail] === r0 + 1) throw new Error("injected chunk failure (tests)");
}

function finish(s: number): void {
  Atomics.store(c, Slot.done, s);
  Atomics.notify(c, Slot.done);
}

function serveDirect(job: DirectJob): void {
  let r0 = -1;
  try {
    // A failure before any chunk is taken needs no report: the caller takes every chunk left.
    injectedPacking();
    const base = c[Slot.region0] + c[Slot.regionBytes];
    const L = directLayout(ex, job, chunkRows(c, 0));
    if (job.kind === "gemm") directPack(ex, host!, job, mem, base, L);
    while ((r0 = takeChunk(c)) >= 0) {
      injectedChunk(r0);
      directChunk(ex, host!, job, mem, r0, chunkRows(c, r0), base, L, scratch);
      Atomics.add(c, Slot.workerChunks, 1);
    }
  } catch {
    if (r0 >= 0) Atomics.store(c, Slot.failedChunk, r0 + 1);
  }
}

function serveShared(job: SharedGemmJob, s: number): void {
  // The caller is copying the operands in: well under a millisecond.
  while (Atomics.load(c, Slot.bIn) !== s);
  try {
    injectedPacking();
    packParts(ex, c, job);
  } catch {
    Atomics.store(c, Slot.packFailed, s);
    return;
  }
  while (Atomics.load(c, Slot.packDone) < PACK_PARTS || Atomics.load(c, Slot.aIn) !== s);
  let r0 = -1;
  try {
    for (;;) {
      Atomics.store(c, Slot.workerRow, -2);
      if ((r0 = takeChunk(c)) < 0) break;
      Atomics.store(c, Slot.workerRow, r0);
      injectedChunk(r0);
      sharedChunk(ex, job, r0, chunkRows(c, r0), scratch);
      Atomics.add(c, Slot.workerChunks, 1);
    }
  } catch {
    Atomics.store(c, Slot.failedChunk, r0 + 1);
  }
  Atomics.store(c, Slot.workerRow, -1);
}

let seen = Atomics.load(c, Slot.seq);
Atomics.store(c, Slot.ready, 1);
for (;;) {
  const until = performance.now() + SPIN_MS;
  while (Atomics.load(c, Slot.seq) === seen && performance.now() < until);
  Atomics.wait(c, Slot.seq, seen);
  const s = Atomics.load(c, Slot.seq);
  seen = s;
  const v = Atomics.load(c, Slot.claim);
  if (v === s || v === -s || Atomics.compareExchange(c, Slot.claim, v, s) !== v) continue;
  let job;
  try {
    job = readJob(c, f, ops);
  } catch {
    // a job this side cannot read: report it as a packing failure (shared) / take no chunk (direct)
    Atomics.store(c, Slot.packFailed, s);
    finish(s);
    continue;
  }
  if (job.kind === "sharedGemm") serveShared(job, s);
  else serveDirect(job);
  finish(s);
}
