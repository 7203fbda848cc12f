/**
 * The optimisation chapter's 2-D trainer loop (d2l's `train_2d`).
 */
import { ValueError } from "@torchts/tensor";
import { argTypeError, checkArity } from "@torchts/tensor/errors";

/** The gradient of a function of two variables: `(x1, x2) => [∂f/∂x1, ∂f/∂x2]`. */
export type FGrad2d = (x1: number, x2: number) => [number, number];

/**
 * One step of a 2-D optimiser, as d2l writes them: takes the point and two state variables
 * (`s1, s2`; momentum's velocities, Adagrad's sums, ...), returns the new ones.
 * @example const gd2d = (x1, x2, s1, s2, fGrad) => { const [g1, g2] = fGrad(x1, x2); return [x1 - eta * g1, x2 - eta * g2, 0, 0]; };
 */
export type Trainer2d = (x1: number, x2: number, s1: number, s2: number, fGrad?: FGrad2d) => [number, number, number, number];

/** Python's `f"{x:f}"`: six decimals. */
const pyF = (x: number): string => (Number.isFinite(x) ? x.toFixed(6) : Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf");

/**
 * d2l's `train_2d`: starts at (x1, x2) = (-5, -2) with states 0, applies `trainer` `steps` times
 * (passing `fGrad` when given), prints `epoch 20, x1: -0.057646, x2: -0.000073`, and returns the
 * `steps + 1` points of the trajectory.
 * @example const results = train2d(gd2d, 20, fGrad2d); // [[-5, -2], [-4.6, -1.2], ...]
 */
export function train2d(trainer: Trainer2d, steps = 20, fGrad?: FGrad2d): [number, number][] {
  checkArity("train2d", arguments, 3);
  if (typeof trainer !== "function") throw argTypeError("train2d", "trainer", 1, "a function (x1, x2, s1, s2, fGrad?) => [x1, x2, s1, s2]", trainer);
  if (typeof steps !== "number" || !Number.isInteger(steps) || steps < 1) throw argTypeError("train2d", "steps", 2, "a positive integer", steps);
  if (fGrad !== undefined && typeof fGrad !== "function") throw argTypeError("train2d", "fGrad", 3, "a function (x1, x2) => [g1, g2]", fGrad);
  let [x1, x2, s1, s2] = [-5, -2, 0, 0];
  const results: [number, number][] = [[x1, x2]];
  for (let i = 0; i < steps; i++) {
    const next: unknown = fGrad ? trainer(x1, x2, s1, s2, fGrad) : trainer(x1, x2, s1, s2);
    // Python's unpacking `x1, x2, s1, s2 = trainer(...)`: a ValueError for the wrong count
    if (Array.isArray(next) && next.length !== 4) {
      throw new ValueError(`train2d: the trainer returned ${next.length} values; expected 4: [x1, x2, s1, s2]`);
    }
    if (!Array.isArray(next) || next.some((v) => typeof v !== "number")) {
      throw argTypeError("train2d", "trainer", 1, "a function returning four numbers [x1, x2, s1, s2]", next);
    }
    [x1, x2, s1, s2] = next as [number, number, number, number];
    results.push([x1, x2]);
  }
  console.log(`epoch ${steps}, x1: ${pyF(x1)}, x2: ${pyF(x2)}`);
  return results;
}
