/**
 * How the process's allocator treats tensor memory.
 *
 * A tensor's storage is an ordinary ArrayBuffer that V8 frees when it is
 * garbage. V8 frees them in batches, and with glibc's defaults a batch of
 * large blocks is handed back to the OS (munmap, or trimming the heap top),
 * so the next outputs land on pages the process has never touched. A first
 * touch costs a page fault: ~0.25 µs on bare metal, 15-18 µs on this
 * project's VMs (measured: 18 µs per 4 KiB page), which made a 1M-element
 * add cost 2-13 ns/element instead of 0.7, and a 512×512 matmul lose a third.
 *
 * So on Linux x64 with glibc, loading @torchts/tensor sets three glibc
 * malloc parameters through a 6 KB Node-API addon (native/host.c), exactly
 * what the MALLOC_*_ environment variables would set at startup:
 *   M_MMAP_THRESHOLD 32 MiB  blocks below this come from the heap, which keeps freed memory
 *   M_TRIM_THRESHOLD 256 MiB the heap top is returned to the OS only beyond this much free
 *   M_TOP_PAD        64 MiB  and then 64 MiB stay mapped for the next allocations
 * Memory is still freed and reused; the process just keeps up to ~256 MiB of
 * freed heap instead of returning it at once. TORCHTS_MALLOC=system leaves
 * glibc's defaults alone. Elsewhere (macOS, Windows, musl, browsers) nothing
 * is changed.
 *
 * The same addon gives the matmul worker thread raw copies between the
 * caller's tensors and its part of the WebAssembly memory (hostAddon(); see
 * kernels/worker/run.ts). Without it those copies go through the shared
 * memory, as elsewhere.
 */

const M_TRIM_THRESHOLD = -1;
const M_TOP_PAD = -2;
const M_MMAP_THRESHOLD = -3;
const MiB = 1 << 20;

/** Whether the allocator tuning is in effect, and why (not). */
export interface MallocTuning {
  applied: boolean;
  reason: string;
}

let state: MallocTuning = { applied: false, reason: "not attempted" };

/** The outcome of the allocator tuning done when the package loaded (see memory.ts). */
export function mallocTuning(): MallocTuning {
  return { ...state };
}

/** Applies the tuning once; never throws. */
export function tuneMalloc(): MallocTuning {
  state = attempt();
  return mallocTuning();
}

/** The addon's functions (native/host.c). Addresses and byte counts are plain numbers. */
export interface HostAddon {
  /** Where the addon was loaded from (a worker thread loads it again). */
  readonly path: string;
  mallopt(param: number, value: number): number;
  address(a: ArrayBufferView): number;
  copy2d(dst: number, dstStride: number, src: number, srcStride: number, rows: number, rowBytes: number): void;
  /** madvise(MADV_HUGEPAGE) over the whole 2 MiB pages inside a's bytes: the bytes advised, or -errno. */
  hugepages(a: ArrayBufferView): number;
}

let addon: HostAddon | null | undefined;
let addonError = "";

/** @internal The host addon, loaded once; null where there is none (not Linux x64 glibc, not Node). */
export function hostAddon(): HostAddon | null {
  if (addon !== undefined) return addon;
  addon = null;
  if (typeof process === "undefined" || typeof process.versions?.node !== "string") {
    addonError = "not running in Node.js";
  } else if (process.platform !== "linux" || process.arch !== "x64") {
    addonError = `no addon for ${process.platform}-${process.arch}`;
  } else {
    try {
      // The same relative path from src/ (tests) and dist/ (the package).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const path = require.resolve("../native/torchts-host.linux-x64-gnu.node");
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      addon = { ...(require(path) as Omit<HostAddon, "path">), path };
    } catch (e) {
      // e.g. a musl libc, whose loader cannot resolve the glibc build
      addonError = `the addon did not load: ${(e as Error).message.split("\n")[0]}`;
    }
  }
  return addon;
}

function attempt(): MallocTuning {
  if (typeof process !== "undefined" && process.env?.TORCHTS_MALLOC === "system") {
    return { applied: false, reason: "TORCHTS_MALLOC=system" };
  }
  const host = hostAddon();
  if (host === null) return { applied: false, reason: addonError };
  const ok =
    host.mallopt(M_MMAP_THRESHOLD, 32 * MiB) === 1 &&
    host.mallopt(M_TRIM_THRESHOLD, 256 * MiB) === 1 &&
    host.mallopt(M_TOP_PAD, 64 * MiB) === 1;
  return ok ? { applied: true, reason: "glibc keeps freed memory for reuse" } : { applied: false, reason: "glibc's mallopt refused a setting" };
}

/**
 * Arrays of at least this many bytes are fresh mappings (the mmap threshold set above),
 * which nothing has touched yet.
 */
export const HUGE_MIN = 32 * MiB;

/**
 * Asks for transparent huge pages under a new array of HUGE_MIN bytes or more, before
 * its first touch. A 4 KiB page's first touch costs ~18 µs on this project's VMs
 * (above), so filling a fresh 188 MB array (Fashion-MNIST's training set as float32,
 * which ToTensor writes once) cost ~0.8 s in page faults alone; with Linux's THP mode
 * "madvise" (Debian's default) a 2 MiB page faults once (measured with a C probe:
 * touching 188 MB took 1.75-1.97 s in 4 KiB pages and 35-311 ms in huge pages).
 * Nothing else changes: the memory is freed as before. Only with the tuning applied.
 */
export function adviseHugePages(a: ArrayBufferView): void {
  if (a.byteLength < HUGE_MIN || !state.applied) return;
  addon?.hugepages(a);
}
