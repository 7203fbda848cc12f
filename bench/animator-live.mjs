// Per-add() cost of d2l's Animator figure: a fresh plot() of all points (what each add() cost
// before) against LivePlot.draw() (compiled once, data swapped), alternating in one process.
// Usage: pnpm turbo run build --filter @torchts/plot && node bench/animator-live.mjs --rounds 5
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { plot, LivePlot } = require("../packages/plot/dist/index.js");
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1] || 5) || 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cases = [
  {
    name: "trainCh3: 3 series, 10 epochs (xlim, ylim, legend)",
    options: { xlabel: "epoch", xlim: [1, 10], ylim: [0.3, 0.9], legend: ["train loss", "train acc", "test acc"], fmts: ["-", "m--", "g-."], figsize: [3.5, 2.5] },
    point: (e) => [0.9 - 0.04 * e, 0.6 + 0.02 * e, 0.58 + 0.021 * e],
    n: 10,
  },
  {
    name: "trainCh11: 1 series, 30 points (xlim, ylim)",
    options: { xlabel: "epoch", ylabel: "loss", xlim: [0, 2], ylim: [0.22, 0.35], fmts: ["-", "m--", "g-.", "r:"], figsize: [3.5, 2.5] },
    point: (e) => [0.22 + 0.1 / e],
    n: 30,
  },
];

for (const c of cases) {
  const before = [];
  const after = [];
  let same = true;
  for (let r = 0; r < rounds; r++) {
    const live = new LivePlot(c.options);
    const X = c.point(1).map(() => []);
    const Y = c.point(1).map(() => []);
    for (let e = 1; e <= c.n; e++) {
      c.point(e).forEach((v, k) => (X[k].push(c.options.xlim[0] + (e * (c.options.xlim[1] - c.options.xlim[0])) / c.n), Y[k].push(v)));
      let t = performance.now();
      const a = await plot(X, Y, c.options);
      before.push(performance.now() - t);
      t = performance.now();
      const b = await live.draw(X, Y);
      after.push(performance.now() - t);
      same &&= a === b;
    }
    live.finalize();
  }
  const [b, a] = [median(before), median(after)];
  console.log(`${c.name}: plot() ${b.toFixed(1)} ms, LivePlot.draw() ${a.toFixed(1)} ms per add (median of ${before.length}), ${(b / a).toFixed(1)}x; SVGs identical: ${same}`);
}
