/**
 * d2l's `Timer`: records running times, in seconds.
 */
import { RuntimeError } from "torchts";
import { performance } from "node:perf_hooks";
import { checkArity, guardArity } from "@torchts/tensor/errors";

/**
 * Starts on construction; `stop()` records the seconds since the last `start()`.
 * @example
 * const timer = new Timer();
 * work();
 * `${timer.stop().toFixed(5)} sec`
 */
export class Timer {
  /** Every recorded time, in seconds. */
  times: number[] = [];
  private tik = 0;

  constructor() {
    checkArity("Timer", arguments, 0);
    this.start();
  }

  /** Starts (or restarts) the timer. */
  start(): void {
    this.tik = performance.now();
  }

  /** Stops the timer, records the time since start() and returns it (seconds). */
  stop(): number {
    this.times.push((performance.now() - this.tik) / 1000);
    return this.times[this.times.length - 1];
  }

  /** The mean recorded time. */
  avg(): number {
    // Python: ZeroDivisionError; say why instead of returning NaN
    if (this.times.length === 0) throw new RuntimeError("Timer.avg(): no times recorded yet (call stop() first)");
    return this.sum() / this.times.length;
  }

  /** The total recorded time. */
  sum(): number {
    return this.times.reduce((a, b) => a + b, 0);
  }

  /** The running totals: `cumsum()[i]` is the sum of the first i + 1 times. */
  cumsum(): number[] {
    let s = 0;
    return this.times.map((t) => (s += t));
  }
}
guardArity(Timer, { start: 0, stop: 0, avg: 0, sum: 0, cumsum: 0 });
