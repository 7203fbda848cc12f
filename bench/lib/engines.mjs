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
 * warm-up (first round only) calls fn for another budget, so V8 has tiered the
 * code up (a few calls are not enough: compilation runs in the background);
 * when a single call exceeds the budget, that call is the sample.
 */
function timeSync(fn, { budgetMs, maxCalls, warmup }) {
  if (warmup) {
    const t0 = now();
    fn();
    const dt = now() - t0;
    if (dt >= budgetMs) return [dt];
    while (now() - t0 < budgetMs) fn();
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

function loadTorchts() {
  const dist = process.env.TORCHTS_DIST ?? path.join(ROOT, "packages", "tensor", "dist");
  try {
    const registry = require(path.join(dist, "kernels", "registry.js"));
    const wasm = require(path.join(dist, "kernels", "wasm.js"));
    return { registry, wasm, dist };
  } catch (e) {
    throw new Error(`cannot load the torchts kernels from ${dist} (${e.message}); build first: pnpm turbo run build --filter @torchts/tensor`);
  }
}

/** The torchts context handed to workloads: the kernels and the built packages. */
function torchtsContext(registry) {
  return {
    kernels: registry.kernels,
    /** require("@torchts/<name>") from its built dist, e.g. pkg("tensor"). */
    pkg: (name) => require(path.join(ROOT, "packages", name, "dist", "index.js")),
  };
}

async function startWorker(registry, wasm) {
  // The worker thread starts on the first large matmul and reports ready asynchronously.
  const n = 256, A = new Float32Array(n * n), C = new Float32Array(n * n);
  registry.kernels.gemm(false, false, n, n, n, A, 0, n, A, 0, n, C, 0, n);
  for (let i = 0; i < 100 && !wasm.wasmStats().workerReady; i++) await new Promise((r) => setTimeout(r, 50));
  return wasm.wasmStats().workerReady;
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
  if (want("ts-js") || want("ts-wasm1") || want("ts")) {
    const { registry, wasm, dist } = loadTorchts();
    const ctx = torchtsContext(registry);
    const variants = [
      ["ts-js", "js", 1],
      ["ts-wasm1", "wasm", 1],
      ["ts", "auto", 2],
    ];
    for (const [key, backend, threads] of variants) {
      if (!want(key)) continue;
      let ok = true, reason;
      try {
        registry.setBackend(backend);
      } catch (e) {
        ok = false;
        reason = e.message;
      }
      let note = `kernels from ${path.relative(ROOT, dist) || dist}, backend ${backend}, ${threads} thread${threads > 1 ? "s" : ""}`;
      if (ok && key === "ts") {
        registry.setNumThreads(2);
        const ready = await startWorker(registry, wasm);
        if (!ready) note += " (worker did not start: 1 thread)";
      }
      engines.push({
        key,
        label: ENGINE_LABELS[key],
        ok,
        reason,
        note,
        tensor: ctx.pkg("tensor"),
        activate: async () => {
          registry.setBackend(backend);
          registry.setNumThreads(threads);
        },
        prepare: async (c) => (c.torchts && (!c.torchtsEngines || c.torchtsEngines.includes(key)) ? c.torchts(ctx) : null),
        time: async (fn, o) => timeSync(fn, o),
      });
    }
    registry.setBackend("auto");
    registry.setNumThreads(2);
  }
  return engines;
}
