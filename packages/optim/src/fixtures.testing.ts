/** The golden data from fixtures/gen_optim.py (PyTorch 1.13.1), and the small MLP it trains. */
import * as torch from "@torchts/autograd";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as optim from "./index";

export interface RunCase {
  optimizer: "SGD" | "Adam" | "AdamW" | "RMSprop" | "Adagrad";
  options: Record<string, unknown>;
  groups?: Record<string, unknown>[];
  float64: Record<string, number[][]>;
  /** PyTorch against itself at step 100 when only the loss's summation order changes. */
  float64_self_sensitivity: number;
  float32: { grads: number[][][]; params: number[][][]; end_to_end: Record<string, number[][]> };
}

export const golden = JSON.parse(readFileSync(join(__dirname, "../fixtures/optim.json"), "utf8")) as {
  model: { X: number[]; Y: number[]; params: number[][]; shapes: number[][] };
  runs: RunCase[];
  state_dicts: Record<string, unknown>[];
  schedulers: { name: string; args: Record<string, unknown>[]; metrics: number[] | null; lrs: number[][] }[];
  scheduler_states: Record<string, Record<string, unknown>>;
  errors: Record<string, [string, string]>;
};

/** PyTorch keyword options → torchts camelCase options (betas stay an array). */
export function camelOptions(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
}

/** The MLP's four parameters (W1, b1, W2, b2), fresh leaves in `dtype`. */
export function initialParams(dtype: torch.DType): torch.Tensor[] {
  return golden.model.params.map((d, i) => torch.tensor(d, { dtype }).reshape(golden.model.shapes[i]).requiresGrad_(true));
}

/** mean((tanh(X W1ᵀ + b1) W2ᵀ + b2 − Y)²) */
export function mlpLoss(params: torch.Tensor[], dtype: torch.DType): torch.Tensor {
  const X = torch.tensor(golden.model.X, { dtype }).reshape([8, 4]);
  const Y = torch.tensor(golden.model.Y, { dtype }).reshape([8, 2]);
  const [w1, b1, w2, b2] = params;
  const h = torch.tanh(X.matmul(w1.t()).add(b1));
  return h.matmul(w2.t()).add(b2).sub(Y).pow(2).mean();
}

/** The optimizer a case describes, over `params`. */
export function makeOptimizer(c: { optimizer: string; options: Record<string, unknown>; groups?: Record<string, unknown>[] }, params: torch.Tensor[]): optim.Optimizer {
  const Cls = (optim as unknown as Record<string, new (p: unknown, o: unknown) => optim.Optimizer>)[c.optimizer];
  const input = c.groups === undefined
    ? params
    : c.groups.map((g) => ({ ...camelOptions(g), params: (g.params as number[]).map((i) => params[i]) }));
  return new Cls(input, camelOptions(c.options));
}

/** Largest |a − b| / max(|b|, floor) over all elements. */
export function maxRelErr(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-3): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i], a = actual[i];
    const err = Math.abs(a - e) / Math.max(Math.abs(e), floor);
    if (!(err <= worst)) worst = Number.isNaN(err) ? Infinity : err;
  }
  return worst;
}

export function caseName(c: { optimizer: string; options: Record<string, unknown>; groups?: unknown }): string {
  return `${c.optimizer}(${JSON.stringify(c.options)})${c.groups ? " groups" : ""}`;
}
