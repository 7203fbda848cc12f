/** The golden data from fixtures/gen_d2l.py (d2l's helpers on PyTorch 1.13.1). */
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Epochs = [number, number, number][];
export const golden = JSON.parse(readFileSync(join(__dirname, "../fixtures/d2l.json"), "utf8")) as {
  synthetic: { seed: number; X_head: number[][]; y_head: number[][]; X_sum: number; y_sum: number };
  load_array: { seed: number; epochs: number[][][] };
  linreg_scratch: { seed: number; losses: number[]; w: number[]; b: number };
  ch3_concise: { seed: number; epochs: Epochs; weight: number[][] };
  ch3_scratch: { seed: number; epochs: Epochs; W: number[][] };
  evaluate_loss: { seed: number; value: number };
};
