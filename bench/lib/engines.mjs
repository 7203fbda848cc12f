// The engines a workload runs on, side by side in one process:
//   pytorch    PyTorch 1.13 through /usr/bin/python3, one thread
//   tfjs-cpu   @tensorflow/tfjs-backend-cpu
//   tfjs-wasm  @tensorflow/tfjs-backend-wasm (SIMD; single-threaded in Node)
//   ts-js      torchts, plain-TypeScript kernels (setBackend("js"))
//   ts-wasm1   torchts, WebAssembly kernels on one thread (setNumThreads(1))
//   ts         torchts as users get it: auto backend, 2 threads
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { startPytorch } from "./pytorch.mjs";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export const ENGINE_LABELS = {
  pytorch: "PyTorch (1 thread)",
  "tfjs-cpu": "tfjs-cpu",
  "tfjs-wasm": "tfjs-wasm",
  "ts-js": "torchts JS",
  "ts-wasm1": "torchts WASM 1t",
  ts: "torchts",
};

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Per-call times (ms) of fn until budgetMs is spent or maxCalls are made. The
 * warm-up (first round only) calls fn for warmupMs (default: the budget), so V8 has tiered the
 * code up (a few calls are not enough: compilation runs in the background);
 * when a single call exceeds the budget, that call is the sample.
 */
function timeSync(fn, { budgetMs, maxCalls, warmup, warmupMs = budgetMs }) {
  if (warmup) {
    const t0 = now();
    fn();
    const dt = now() - t0;
    if (dt >= warmupMs) return [dt];
    while (now() - t0 < warmupMs) fn();
  }
  const times = [];
  const start = now();
  while (times.length < maxCalls) {
    const t0 = now();
    fn();
    const t1 = now();
    times.push(t1 - t0);
    if (t1 - start >= budgetMs) break;
  }
  return times;
}

/** Runs `f` with console output muted (tfjs prints an advert for tfjs-node on first use). */
async function quietly(f) {
  const { log, warn, info } = console;
  console.log = console.warn = console.info = () => {};
  try {
    return await f();
  } finally {
    Object.assign(console, { log, warn, info });
  }
}

/**
 * One build of torchts: a checkout whose packages/NAME/dist are built (this tree, or a base
 * revision prepared by bench/lib/build-cache.mjs). Its packages are required from their
 * dist folders, so two builds load as two separate module instances in one process
 * (each with its own kernel registry, WebAssembly memory and worker thread).
 * `tensorDist` overrides where the tensor package is loaded from (TORCHTS_DIST).
 */
export function loadTorchtsBuild(root = ROOT, tensorDist = process.env.TORCHTS_DIST) {
  const dist = tensorDist ?? path.join(root, "packages", "tensor", "dist");
  /** require("@torchts/<name>") from the build's dist, e.g. pkg("tensor"). */
  const pkg = (name) => require(name === "tensor" ? path.join(dist, "index.js") : path.join(root, "packages", name, "dist", "index.js"));
  let tensor;
  try {
    tensor = pkg("tensor");
  } catch (e) {
    throw new Error(`cannot load @torchts/tensor from ${dist} (${e.message}); build first: pnpm turbo run build --filter @torchts/autograd...`);
  }
  // Internals, where this build has them at the paths the harness knows: the kernel registry
  // for kernel-level workloads (ctx.kernels), and wasmStats() to see the worker start.
  const internal = (file) => {
    try {
      return require(path.join(dist, "kernels", file));
    } catch {
      return null;
    }
  };
  const registry = internal("registry.js");
  // (kernels/worker/share.js's workerStats since the worker became TypeScript modules; wasm.js's wasmStats before)
  const wasmStats = internal(path.join("worker", "share.js"))?.workerStats ?? internal("wasm.js")?.wasmStats;
  return { root, dist, tensor, pkg, kernels: registry?.kernels, wasmStats: typeof wasmStats === "function" ? wasmStats : null };
}

async function startWorker(build) {
  // The worker thread starts on the first large matmul and reports ready asynchronously.
  const t = build.tensor;
  const a = t.zeros([256, 256]);
  const ready = () => (build.wasmStats ? build.wasmStats().workerReady : false);
  for (let i = 0; i < 100 && !ready(); i++) {
    a.matmul(a);
    await new Promise((r) => setTimeout(r, 50));
  }
  return build.wasmStats ? ready() : undefined;
}

export const TORCHTS_VARIANTS = {
  "ts-js": { backend: "js", threads: 1 },
  "ts-wasm1": { backend: "wasm", threads: 1 },
  ts: { backend: "auto", threads: 2 },
};

/**
 * An engine running workloads' `torchts(ctx)` on one build of torchts, in one of the
 * TORCHTS_VARIANTS (its backend and thread count are set again on every activate()).
 * key/label default to the variant's; `variant` is what a case's torchtsEngines lists.
 */
export async function torchtsEngine(build, variant, { key = variant, label = ENGINE_LABELS[variant] } = {}) {
  const { backend, threads } = TORCHTS_VARIANTS[variant];
  const t = build.tensor;
  let ok = true, reason;
  try {
    t.setBackend(backend);
  } catch (e) {
    ok = false;
    reason = e.message;
  }
  const rel = path.relative(ROOT, build.dist);
  let note = `kernels from ${rel.startsWith("..") ? build.dist : rel || build.dist}, backend ${backend}, ${threads} thread${threads > 1 ? "s" : ""}`;
  try {
    // which kernels run float32 SGD/Adam (relaxed SIMD on Node 22+, SIMD128 on Node 20): the optimizer rows depend on it
    const kind = build.pkg("optim").optimKernels?.();
    if (kind) note += `, optim kernels ${kind}`;
  } catch {
    // a build without @torchts/optim (an older commit in ab.mjs)
  }
  if (ok && threads > 1) {
    t.setNumThreads(threads);
    const ready = await startWorker(build);
    if (ready === false) note += " (worker did not start: 1 thread)";
  }
  const ctx = { kernels: build.kernels, pkg: build.pkg };
  return {
    key,
    label,
    variant,
    ok,
    reason,
    note,
    tensor: t,
    activate: async () => {
      t.setBackend(backend);
      t.setNumThreads(threads);
    },
    prepare: async (c) => (c.torchts && (!c.torchtsEngines || c.torchtsEngines.includes(variant)) ? c.torchts(ctx) : null),
    time: async (fn, o) => timeSync(fn, o),
  };
}

/** Creates the requested engines; each has { key, label, ok, reason?, activate(), prepare(c), time(prepared, opts) }. */
export async function createEngines(keys) {
  const engines = [];
  const want = (k) => keys.includes(k);
  if (want("pytorch")) {
    const py = await startPytorch();
    engines.push(
      py.ok
        ? {
            key: "pytorch",
            label: ENGINE_LABELS.pytorch,
            ok: true,
            note: `PyTorch ${py.version} via ${process.env.TORCHTS_BENCH_PYTHON ?? "/usr/bin/python3"}, 1 thread`,
            activate: async () => {},
            async prepare(c) {
              if (!c.pytorch) return null;
              await py.call({ op: "prepare", id: c.id, setup: c.pytorch.setup, stmt: c.pytorch.stmt });
              return c.id;
            },
            async time(id, o) {
              return (await py.call({ op: "time", id, budget_ms: o.budgetMs, max_calls: o.maxCalls, warmup: o.warmup })).times_ms;
            },
            close: () => py.close(),
          }
        : { key: "pytorch", label: ENGINE_LABELS.pytorch, ok: false, reason: py.reason },
    );
  }
  if (want("tfjs-cpu") || want("tfjs-wasm")) {
    const tf = require("@tensorflow/tfjs-core");
    require("@tensorflow/tfjs-backend-cpu");
    const tfw = require("@tensorflow/tfjs-backend-wasm");
    tfw.setWasmPaths(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm")) + path.sep);
    for (const [key, backend] of [["tfjs-cpu", "cpu"], ["tfjs-wasm", "wasm"]]) {
      if (!want(key)) continue;
      const ok = await quietly(() => tf.setBackend(backend));
      const simd = backend === "wasm" ? tf.env().getBool("WASM_HAS_SIMD_SUPPORT") : undefined;
      engines.push({
        key,
        label: ENGINE_LABELS[key],
        ok,
        reason: ok ? undefined : `tf.setBackend("${backend}") failed`,
        note: `@tensorflow/tfjs-core ${tf.version_core}, backend ${backend}${simd === undefined ? "" : simd ? " (SIMD)" : " (no SIMD)"}`,
        activate: () => quietly(() => tf.setBackend(backend)),
        prepare: async (c) => (c.tfjs ? c.tfjs(tf) : null),
        time: async (fn, o) => timeSync(fn, o),
      });
    }
  }
  const variants = Object.keys(TORCHTS_VARIANTS).filter(want);
  if (variants.length) {
    const build = loadTorchtsBuild();
    for (const v of variants) engines.push(await torchtsEngine(build, v));
    build.tensor.setBackend("auto");
    build.tensor.setNumThreads(2);
  }
  return engines;
}
