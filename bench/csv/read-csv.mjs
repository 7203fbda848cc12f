// Benchmark (not a test): readCsv of a 1,000,000 x 10 numeric CSV.
//
//   pnpm turbo run build --filter @torchts/data && node bench/csv/read-csv.mjs   (ROWS=... to change the size)
//
// Generates the file in a temporary directory, times @torchts/data's readCsv
// from the built dist (median of 3), measures the memory the frame holds, and
// times pandas' read_csv on the same file in the same run (/usr/bin/python3).
// Danfo.js is timed only if DANFO_DIR points at a directory where danfojs-node
// is installed (it does not install here: see the printed note).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { readCsv } = require(path.join(here, "..", "..", "packages", "data", "dist", "index.js"));

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const COLS = 10;
const RUNS = 3;

function generate(file) {
  // Deterministic: even columns integers, odd columns floats with 6 decimals.
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const fd = fs.openSync(file, "w");
  let buf = Array.from({ length: COLS }, (_, j) => `c${j}`).join(",") + "\n";
  for (let i = 0; i < ROWS; i++) {
    const row = [];
    for (let j = 0; j < COLS; j++) row.push(j % 2 ? (rnd() * 1000 - 500).toFixed(6) : String(Math.floor(rnd() * 100000)));
    buf += row.join(",") + "\n";
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = "";
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mem = () => {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
};

if (typeof globalThis.gc !== "function") {
  // Parent: write the file, then measure in a fresh process with an exposed garbage
  // collector (generating in the measuring process left its heap in a state that
  // slowed the reads it timed).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "torchts-csv-bench-"));
  const file = path.join(dir, "numeric.csv");
  try {
    generate(file);
    const r = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), file], { stdio: "inherit", env: { ...process.env, ROWS: String(ROWS) } });
    process.exitCode = r.status ?? 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
} else {
  await measure(process.argv[2]);
}

async function measure(file) {
  const bytes = fs.statSync(file).size;
  const MB = bytes / 1e6;
  console.log(`file: ${ROWS} x ${COLS} numeric CSV, ${MB.toFixed(1)} MB`);

  const times = [];
  const cpus = [];
  let df = null;
  for (let k = 0; k < RUNS; k++) {
    df = null;
    globalThis.gc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    df = readCsv(file);
    times.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1e6);
  }
  const t = median(times);
  const tc = median(cpus);
  console.log(`readCsv: ${times.map((x) => x.toFixed(2)).join(" / ")} s -> median ${t.toFixed(2)} s, ${(MB / t).toFixed(1)} MB/s (CPU time median ${tc.toFixed(2)} s), shape [${df.shape}], dtypes ${[...new Set(df.dtypes.tolist())].join("/")}`);

  df = null;
  const before = mem();
  df = readCsv(file);
  const after = mem();
  const heapMB = (after.heap - before.heap) / 2 ** 20;
  const bufMB = (after.buffers - before.buffers) / 2 ** 20;
  console.log(`frame memory: ${(heapMB + bufMB).toFixed(1)} MiB (JS heap ${heapMB.toFixed(1)} MiB + typed-array backing stores ${bufMB.toFixed(1)} MiB)`);
  const keep = df.shape; // keep df alive until after the measurement
  df = null;

  const py = spawnSync(
    "/usr/bin/python3",
    [
      "-c",
      `import sys, time, json, pandas as pd
ts, cs = [], []
for _ in range(${RUNS}):
    df = None
    c0 = time.process_time(); t0 = time.perf_counter(); df = pd.read_csv(sys.argv[1])
    ts.append(time.perf_counter() - t0); cs.append(time.process_time() - c0)
print(json.dumps({"times": ts, "cpus": cs, "version": pd.__version__, "shape": list(df.shape)}))`,
      file,
    ],
    { encoding: "utf8" },
  );
  let pandasT = NaN;
  if (py.status === 0) {
    const r = JSON.parse(py.stdout);
    pandasT = median(r.times);
    const pandasC = median(r.cpus);
    console.log(`pandas ${r.version} read_csv: ${r.times.map((x) => x.toFixed(2)).join(" / ")} s -> median ${pandasT.toFixed(2)} s, ${(MB / pandasT).toFixed(1)} MB/s (CPU time median ${pandasC.toFixed(2)} s), shape [${r.shape}]`);
    console.log(`readCsv / pandas time ratio: ${(t / pandasT).toFixed(2)}x wall, ${(tc / pandasC).toFixed(2)}x CPU (target <= 3x)`);
  } else {
    console.log(`pandas: could not run /usr/bin/python3 (${py.stderr.trim().split("\n").pop()})`);
  }

  if (process.env.DANFO_DIR) {
    const dfd = createRequire(path.join(process.env.DANFO_DIR, "noop.js"))("danfojs-node");
    const dt = [];
    for (let k = 0; k < RUNS; k++) {
      const t0 = performance.now();
      await dfd.readCSV(file);
      dt.push((performance.now() - t0) / 1000);
    }
    console.log(`danfojs-node readCSV: median ${median(dt).toFixed(2)} s, ${(MB / median(dt)).toFixed(1)} MB/s`);
  } else {
    console.log("danfojs-node: not measured. It does not install here: it depends on xlsx from cdn.sheetjs.com (not the npm registry) and on @tensorflow/tfjs-node, whose install script downloads a native binary.");
  }
  console.log(`load average during the run: ${os.loadavg().map((x) => x.toFixed(1)).join(", ")} on ${os.cpus().length} cores`);
  console.log(`targets: >= 40 MB/s ${MB / t >= 40 ? "met" : "MISSED"}; <= 3x pandas ${t / pandasT <= 3 ? "met" : "MISSED"}; frame <= 120 MB ${(heapMB + bufMB) * 1.048576 <= 120 ? "met" : "MISSED"} (${keep[0]} rows)`);
}
