/**
 * The probability rules of d2l section 1.6 as small functions over probability
 * tensors. A joint table `joint[a, b, …]` holds P(A = a, B = b, …): entries
 * are non-negative and sum to 1 (within `atol`). Tensor results are built from
 * tensor ops, so they are differentiable.
 */
import { Tensor, type TensorLike, ValueError, fmtShape, tensor } from "@torchts/autograd";
import { checkTensor, tableOptions } from "./args";
import { argTypeError } from "@torchts/tensor";

export interface TableOptions {
  /** Tolerance for "sums to 1" (default 1e-5 for float32, 1e-10 for float64). */
  atol?: number;
}

function defaultAtol(t: Tensor, atol?: number): number {
  return atol ?? (t.dtype.name === "float64" ? 1e-10 : 1e-5);
}

function normDim(op: string, dim: number, ndim: number): number {
  if (typeof dim !== "number") throw argTypeError(op, "dim", undefined, "an integer", dim);
  const d = dim < 0 ? dim + ndim : dim;
  if (!Number.isInteger(dim) || d < 0 || d >= ndim) {
    throw new ValueError(`${op}: dim ${dim} is out of range for a table with ${ndim} dims`);
  }
  return d;
}

function normDims(op: string, dims: number | readonly number[], ndim: number): number[] {
  if (typeof dims !== "number" && !Array.isArray(dims)) throw argTypeError(op, "dims", undefined, "an integer or an array of integers", dims);
  const list = (typeof dims === "number" ? [dims] : [...dims]).map((d) => normDim(op, d, ndim));
  if (new Set(list).size !== list.length) throw new ValueError(`${op}: dims [${list.join(", ")}] repeat a dim`);
  return list;
}

/** Check that `t` is a floating table of non-negative entries summing to 1 (over all dims, or `dim`). */
function checkProbabilities(op: string, name: string, t: Tensor, atol?: number, dim?: number): void {
  checkTensor(op, name, name === "prior" ? 2 : name === "probs" ? 2 : 1, t);
  if (atol !== undefined && (typeof atol !== "number" || !(atol >= 0))) throw new ValueError(`${op}(): atol must be a non-negative number, got ${String(atol)}`);
  if (!t.dtype.isFloatingPoint) throw new ValueError(`${op}: ${name} must be a floating tensor of probabilities, got ${t.dtype}`);
  const data = t.detach().contiguous().toTypedArray();
  for (let i = 0; i < data.length; i++) {
    if (!(data[i] >= 0) || data[i] === Infinity) {
      throw new ValueError(`${op}: ${name} (shape ${fmtShape([...t.shape])}) must hold probabilities in [0, 1], found ${data[i]} at flat index ${i}`);
    }
  }
  const tol = defaultAtol(t, atol);
  const sums = (dim === undefined ? t.sum() : t.sum(dim)).detach().contiguous().toTypedArray();
  for (let i = 0; i < sums.length; i++) {
    if (Math.abs(sums[i] - 1) > tol) {
      const where_ = dim === undefined ? "in total" : `along dim ${dim} (slice ${i})`;
      throw new ValueError(`${op}: ${name} (shape ${fmtShape([...t.shape])}) must sum to 1 ${where_}, but sums to ${sums[i]} (atol ${tol})`);
    }
  }
}

/**
 * The sum rule: P(B) = Σ_a P(A = a, B). Sums the joint table over `dims`.
 * @example
 * const joint = torch.tensor([[0.1, 0.2], [0.3, 0.4]]); // P(A, B)
 * marginalize(joint, 0);                               // P(B) = tensor([0.4000, 0.6000])
 */
export function marginalize(joint: Tensor, dims: number | readonly number[], options?: TableOptions & { keepdim?: boolean }): Tensor {
  tableOptions("marginalize", options);
  checkProbabilities("marginalize", "joint", joint, options?.atol);
  const list = normDims("marginalize", dims, joint.ndim);
  if (list.length === 0) return joint;
  return joint.sum({ dim: list, keepdim: options?.keepdim ?? false });
}

/**
 * Conditioning on an event: P(rest | X_dim = index) = P(rest, X_dim = index) / P(X_dim = index).
 * Returns the table of the remaining variables (dim `dim` removed).
 * @example
 * condition(joint, 0, 1); // P(B | A = 1) = tensor([0.4286, 0.5714])
 */
export function condition(joint: Tensor, dim: number, index: number, options?: TableOptions): Tensor {
  tableOptions("condition", options);
  checkProbabilities("condition", "joint", joint, options?.atol);
  const d = normDim("condition", dim, joint.ndim);
  const size = joint.shape[d];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new ValueError(`condition: index ${index} is out of range for dim ${d} of size ${size}`);
  }
  const slice = joint.select(d, index);
  const pEvent = slice.sum();
  if ((pEvent.item() as number) <= 0) {
    throw new ValueError(`condition: P(X_${d} = ${index}) is 0, so the conditional distribution is undefined`);
  }
  return slice.div(pEvent);
}

/**
 * The conditional table P(rest | given) = P(rest, given) / P(given), same
 * shape as `joint`: every slice with the `given` dims fixed sums to 1.
 * Raises when some value of the given variables has probability 0.
 * @example conditional(joint, 0).sum(1) // tensor([1., 1.])
 */
export function conditional(joint: Tensor, given: number | readonly number[], options?: TableOptions): Tensor {
  tableOptions("conditional", options);
  checkProbabilities("conditional", "joint", joint, options?.atol);
  const givenDims = normDims("conditional", given, joint.ndim);
  const rest = [...joint.shape.keys()].filter((d) => !givenDims.includes(d));
  if (rest.length === 0) throw new ValueError("conditional: conditioning on every dim leaves nothing to distribute");
  const pGiven = joint.sum({ dim: rest, keepdim: true });
  if (pGiven.le(0).any().item() as boolean) {
    throw new ValueError(`conditional: some values of the given dims [${givenDims.join(", ")}] have probability 0, so P(rest | given) is undefined there`);
  }
  return joint.div(pGiven);
}

/**
 * Bayes' rule along `dim` (default −1) over the hypotheses A:
 * P(A | B = b) = P(B = b | A)·P(A) / Σ_a P(B = b | a)·P(a).
 * `likelihood[..., a]` is P(B = b | A = a); `prior[..., a]` is P(A = a) and sums to 1.
 * @example
 * // d2l's HIV test: P(D = 1 | H) = [0.01, 1] for H = 0, 1; P(H = 1) = 0.0015
 * bayes(torch.tensor([0.01, 1]), torch.tensor([0.9985, 0.0015])); // tensor([0.8694, 0.1306])
 */
export function bayes(likelihood: Tensor, prior: Tensor, options?: TableOptions & { dim?: number }): Tensor {
  tableOptions("bayes", options);
  checkTensor("bayes", "likelihood", 1, likelihood);
  const dim = options?.dim ?? -1;
  checkProbabilities("bayes", "prior", prior, options?.atol, dim);
  const lk = likelihood.detach().contiguous().toTypedArray();
  for (let i = 0; i < lk.length; i++) {
    if (!(lk[i] >= 0 && lk[i] <= 1)) throw new ValueError(`bayes: likelihood values must lie in [0, 1], found ${lk[i]} at flat index ${i}`);
  }
  const joint = likelihood.mul(prior);
  const evidence = joint.sum({ dim, keepdim: true });
  if (evidence.le(0).any().item() as boolean) {
    throw new ValueError("bayes: the evidence P(B = b) = Σ_a P(B = b | a)·P(a) is 0, so the posterior is undefined");
  }
  return joint.div(evidence);
}

/**
 * max |P(A, B | C) − P(A | C)·P(B | C)| over the table: 0 exactly when A ⊥ B | C.
 * `dims` picks A and B (default the first two dims), `given` the conditioning
 * dims C (default none); the other dims are marginalised out.
 */
export function independenceGap(joint: Tensor, options?: TableOptions & { dims?: [number, number]; given?: number | readonly number[] }): number {
  tableOptions("independenceGap", options);
  checkProbabilities("independenceGap", "joint", joint, options?.atol);
  if (joint.ndim < 2) throw new ValueError(`independenceGap: a joint table needs at least 2 dims, got shape ${fmtShape([...joint.shape])}`);
  const [a, b] = normDims("independenceGap", options?.dims ?? [0, 1], joint.ndim);
  const given = options?.given === undefined ? [] : normDims("independenceGap", options.given, joint.ndim);
  if (given.includes(a) || given.includes(b)) throw new ValueError("independenceGap: the given dims must differ from the tested dims");
  const keep = [...given, a, b];
  const others = [...joint.shape.keys()].filter((d) => !keep.includes(d));
  let t = others.length > 0 ? joint.sum({ dim: others, keepdim: true }) : joint;
  t = t.permute([...keep, ...others]).contiguous();
  const na = joint.shape[a];
  const nb = joint.shape[b];
  const values = t.detach().toTypedArray();
  const groups = values.length / (na * nb);
  let gap = 0;
  for (let g = 0; g < groups; g++) {
    const o = g * na * nb;
    let pc = 0;
    for (let i = 0; i < na * nb; i++) pc += values[o + i];
    if (pc <= 0) continue; // conditioning on an impossible event constrains nothing
    const pa = new Float64Array(na);
    const pb = new Float64Array(nb);
    for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) {
      pa[i] += values[o + i * nb + j] / pc;
      pb[j] += values[o + i * nb + j] / pc;
    }
    for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) {
      gap = Math.max(gap, Math.abs(values[o + i * nb + j] / pc - pa[i] * pb[j]));
    }
  }
  return gap;
}

/**
 * Whether A ⊥ B (or A ⊥ B | C with `given`) within `tolerance` (default 1e-6):
 * P(A, B | C) = P(A | C)·P(B | C) for every entry.
 * @example isIndependent(torch.outer(pA, pB)) // true
 */
export function isIndependent(
  joint: Tensor,
  options?: TableOptions & { dims?: [number, number]; given?: number | readonly number[]; tolerance?: number },
): boolean {
  tableOptions("isIndependent", options);
  const { tolerance, ...rest } = options ?? {};
  return independenceGap(joint, rest) <= (tolerance ?? 1e-6);
}

function asFloat(x: TensorLike, like: Tensor): Tensor {
  if (typeof x !== "number" && typeof x !== "boolean" && !(x instanceof Tensor)) throw argTypeError("expectation", "values", 1, "Tensor or a number", x);
  if (typeof x === "number" || typeof x === "boolean") return tensor(Number(x), { dtype: like.dtype });
  return x.dtype.isFloatingPoint ? x : x.to(like.dtype);
}

/**
 * E[X] = Σ_x x·P(X = x) along `dim` (default −1) for a discrete random
 * variable; `values` broadcasts with `probs`, which must sum to 1 along dim.
 * For E[f(X)], pass f applied to the values.
 * @example expectation(torch.arange(1, 7), torch.ones([6]).div(6)) // tensor(3.5000)
 */
export function expectation(values: TensorLike, probs: Tensor, options?: TableOptions & { dim?: number }): Tensor {
  tableOptions("expectation", options);
  const dim = options?.dim ?? -1;
  checkProbabilities("expectation", "probs", probs, options?.atol, dim);
  return asFloat(values, probs).mul(probs).sum(dim);
}

/**
 * Var[X] = E[(X − E[X])²] along `dim` (default −1) for a discrete random variable.
 * @example variance(torch.arange(1, 7), torch.ones([6]).div(6)) // tensor(2.9167)
 */
export function variance(values: TensorLike, probs: Tensor, options?: TableOptions & { dim?: number }): Tensor {
  tableOptions("variance", options);
  const dim = options?.dim ?? -1;
  checkProbabilities("variance", "probs", probs, options?.atol, dim);
  const x = asFloat(values, probs);
  const mean = x.mul(probs).sum({ dim, keepdim: true });
  return x.sub(mean).square().mul(probs).sum(dim);
}

/** √Var[X] for a discrete random variable. */
export function standardDeviation(values: TensorLike, probs: Tensor, options?: TableOptions & { dim?: number }): Tensor {
  return variance(values, probs, options).sqrt();
}

/**
 * The sample mean of `samples` over `dim` (default: all elements). Integer
 * samples (e.g. Categorical draws) are averaged as float32.
 * @example empiricalMean(new Normal(3, 1).sample([10000])) // ≈ 3
 */
export function empiricalMean(samples: Tensor, options?: { dim?: number | number[]; keepdim?: boolean }): Tensor {
  tableOptions("empiricalMean", options);
  checkTensor("empiricalMean", "samples", 1, samples);
  const x = samples.dtype.isFloatingPoint ? samples : samples.float();
  return options?.dim === undefined ? x.mean() : x.mean({ dim: options.dim, keepdim: options.keepdim ?? false });
}

/**
 * The sample variance over `dim` (default: all elements), with Bessel's
 * correction by default (`correction: 1`, as torch.var); `correction: 0`
 * gives the plug-in estimate E[(X − mean)²].
 * @example empiricalVariance(new Normal(0, 2).sample([10000])) // ≈ 4
 */
export function empiricalVariance(samples: Tensor, options?: { dim?: number | number[]; keepdim?: boolean; correction?: number }): Tensor {
  tableOptions("empiricalVariance", options);
  checkTensor("empiricalVariance", "samples", 1, samples);
  const x = samples.dtype.isFloatingPoint ? samples : samples.float();
  const correction = options?.correction ?? 1;
  const n = options?.dim === undefined ? x.numel() : (typeof options.dim === "number" ? [options.dim] : options.dim).reduce((acc, d) => acc * x.shape[d < 0 ? d + x.ndim : d], 1);
  if (n - correction <= 0) {
    throw new ValueError(`empiricalVariance: ${n} sample(s) with correction ${correction} leave no degrees of freedom`);
  }
  return options?.dim === undefined
    ? x.var({ correction })
    : x.var({ dim: options.dim, keepdim: options.keepdim ?? false, correction });
}
