// Time to an SVG string for the figures of chapters 2-6, @torchts/plot beside matplotlib 3.6
// (/usr/bin/python3, savefig to an in-memory SVG) drawing the same figure, in one run: d2l's
// show_images of 18 Fashion-MNIST images (2 x 9, titles) and show_trace_2d (a 21-point '-o'
// trajectory over the contour of x1² + 2 x2² on a 65 x 40 grid). Median of the rounds after
// one warm-up.
//
//   pnpm turbo run build --filter @torchts/plot --filter @torchts/loaders && node bench/plot-figures.mjs [--rounds 7]
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const plt = require("../packages/plot/dist/index.js");
const { readIdx, getFashionMnistLabels } = require("../packages/loaders/dist/index.js");
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1] || 7) || 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const DIR = "/usr/share/datasets/fashion-mnist";

const X = readIdx(`${DIR}/train-images-idx3-ubyte.gz`).get("0:18");
const titles = getFashionMnistLabels(readIdx(`${DIR}/train-labels-idx1-ubyte.gz`).get("0:18"));
const a = Array.from({ length: 65 }, (_, i) => -5.5 + i * 0.1);
const b = Array.from({ length: 40 }, (_, j) => -3 + j * 0.1);
const X1 = a.map((u) => b.map(() => u));
const X2 = a.map(() => b.map((v) => v));
const Z = a.map((u) => b.map((v) => u * u + 2 * v * v));
const trace = [[-5, -2]];
for (let k = 0; k < 20; k++) {
  const [x1, x2] = trace[trace.length - 1];
  trace.push([x1 * 0.8, x2 * 0.6]);
}

async function time(f) {
  await f();
  const ts = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    await f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

const ours = {
  show_images: await time(() => plt.imageGrid(X, 2, 9, { titles })),
  show_trace_2d: await time(() =>
    plt.layer([
      plt.plotSpec(trace.map((p) => p[0]), trace.map((p) => p[1]), { fmts: ["-oC1"] }),
      plt.contourSpec(X1, X2, Z, { colors: "#1f77b4" }),
    ], { xlabel: "x1", ylabel: "x2" }),
  ),
};

const py = `
import gzip, io, statistics, time, json, numpy as np, matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
rounds = ${rounds}
with gzip.open("${DIR}/train-images-idx3-ubyte.gz") as f: imgs = np.frombuffer(f.read(), np.uint8, offset=16)[:18 * 784].reshape(18, 28, 28)
titles = ${JSON.stringify(titles)}
def show_images():
    _, axes = plt.subplots(2, 9, figsize=(13.5, 3))
    for i, (ax, img) in enumerate(zip(axes.flatten(), imgs)):
        ax.imshow(img); ax.axes.get_xaxis().set_visible(False); ax.axes.get_yaxis().set_visible(False); ax.set_title(titles[i])
    plt.savefig(io.BytesIO(), format="svg"); plt.close("all")
x1, x2 = np.meshgrid(np.arange(-5.5, 1.0, 0.1), np.arange(-3.0, 1.0, 0.1), indexing="ij")
trace = ${JSON.stringify(trace)}
def show_trace_2d():
    plt.figure(figsize=(3.5, 2.5))
    plt.plot(*zip(*trace), "-o", color="#ff7f0e"); plt.contour(x1, x2, x1 ** 2 + 2 * x2 ** 2, colors="#1f77b4")
    plt.xlabel("x1"); plt.ylabel("x2"); plt.savefig(io.BytesIO(), format="svg"); plt.close("all")
def timed(f):
    f(); ts = []
    for _ in range(rounds):
        t0 = time.perf_counter(); f(); ts.append((time.perf_counter() - t0) * 1000)
    return sorted(ts)[len(ts) // 2]
print(json.dumps({"show_images": timed(show_images), "show_trace_2d": timed(show_trace_2d)}))
`;
const run = spawnSync("/usr/bin/python3", ["-c", py], { encoding: "utf8" });
if (run.status !== 0) throw new Error(run.stderr);
const theirs = JSON.parse(run.stdout.trim().split("\n").pop());
console.log(`| figure | @torchts/plot (ms) | matplotlib 3.6, savefig svg (ms) | ratio |`);
console.log(`|---|---|---|---|`);
for (const k of Object.keys(ours)) console.log(`| ${k} | ${ours[k].toFixed(0)} | ${theirs[k].toFixed(0)} | ${(ours[k] / theirs[k]).toFixed(2)} |`);
