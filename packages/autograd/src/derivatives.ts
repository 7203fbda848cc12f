/**
 * The derivative table: one rule per primitive of @torchts/tensor, and nothing
 * else. Typed over `PrimName`, so adding a primitive without a rule does not
 * compile. Composite ops (mean, softmax, var, dot, stack, ...) get their
 * gradients from the primitives they are built of.
 *
 * A rule receives the upstream gradient `g` (shaped like the output) and returns
 * one gradient per input, shaped like that input (or null where not needed).
 * Broadcast inputs reach binary rules already expanded, so the only place a
 * broadcast is undone is `expand`'s rule (sumToShape).
 * Rules are written with tensor ops, so with createGraph they are differentiable again.
 *
 * Each rule declares in `saves` the tensors it reads (inputs by index, and "output"),
 * possibly depending on which inputs need a gradient, and its node keeps only those:
 * add, sum and the views keep none, and the first matmul of an MLP keeps its data, not
 * its weight. Reading an undeclared tensor raises (an internal error, caught by the tests).
 */
import type { Node } from "./node";
import { isGradEnabled } from "./grad-mode";
import { type DType, RuntimeError, type Tensor, fromTypedArray, linalg, tensor, where, zeros, zerosLike } from "@torchts/tensor";
import { type CompositeName, type PrimAttrs, type PrimName, matmulPrim, put, sliceDim, take } from "@torchts/tensor/internal";

export interface RuleContext<K extends PrimName> {
  attrs: PrimAttrs[K];
  /** Saved input i (checked against in-place modification; freed after backward). */
  input(i: number): Tensor;
  /** The saved output. */
  output(): Tensor;
  /** Shape of input i: metadata, so never version-checked nor freed (PyTorch saves sizes, not tensors, for these). */
  shape(i: number): number[];
  /** Dtype of input i (metadata, as shape). */
  dtype(i: number): DType;
  /** needs[i]: does input i need a gradient? */
  needs: readonly boolean[];
  /** The composite whose result this node made, if any (e.g. "std" for the sqrt that ends std). */
  composite: CompositeName | null;
}

/** The context a node's rule runs with. */
export function contextOf<K extends PrimName>(node: Node): RuleContext<K> {
  return {
    attrs: node.attrs as PrimAttrs[K],
    input: (i) => node.savedTensor(i),
    output: () => node.savedTensor(node.next.length),
    shape: (i) => node.savedShape(i),
    dtype: (i) => node.savedDtype(i),
    needs: node.next.map((e) => e !== null),
    composite: node.composite,
  };
}

/** Tensors a rule reads: inputs by index, and the output. */
export type Saves = readonly (number | "output")[];

export interface Rule<K extends PrimName> {
  /** PyTorch's grad_fn name. */
  name: string | ((ctx: RuleContext<K>) => string);
  /**
   * What backward reads (default: nothing, only shapes, dtypes and attributes): a list,
   * or a function of which inputs need a gradient (PyTorch saves x of x·y only for y's).
   */
  saves?: Saves | ((needs: readonly boolean[]) => Saves);
  backward(g: Tensor, ctx: RuleContext<K>): (Tensor | null)[];
  /**
   * PyTorch's node saves an index or mask tensor (kept here as an attribute): after the
   * graph is freed, a second backward through it raises as PyTorch's does.
   */
  savesIndex?: true;
}

type Table = { [K in PrimName]: Rule<K> };

/** The tensors a node of `op` keeps, by position (input i at i, the output after the inputs), from its rule's `saves`. */
export function savedFor(op: PrimName, inputs: readonly Tensor[], out: Tensor, next: readonly (Node | null)[]): (Tensor | null)[] {
  const saves = derivatives[op].saves;
  if (saves === undefined) return [];
  const list = typeof saves === "function" ? saves(next.map((e) => e !== null)) : saves;
  if (list.length === 0) return [];
  const keep: (Tensor | null)[] = [];
  for (let i = 0; i <= inputs.length; i++) keep.push(null);
  for (const r of list) {
    if (r === "output") keep[inputs.length] = out;
    else keep[r] = inputs[r];
  }
  return keep;
}

/** Sum `g` down to `shape` — the one place broadcasting is undone. */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) if (i < lead || (shape[i - lead] === 1 && g._shape[i] !== 1)) dims.push(i);
  let r = dims.length > 0 ? g.sum({ dim: dims, keepdim: true }) : g;
  if (lead > 0 || r.ndim !== shape.length) r = r.reshape([...shape]);
  return r;
}

/** Re-insert reduced dims as size 1 so the gradient broadcasts against the input. */
function unsqueezeDims(g: Tensor, dims: number[], keepdim: boolean): Tensor {
  if (keepdim) return g;
  let r = g;
  for (const d of dims) r = r.unsqueeze(d);
  return r;
}

/** Row-major positions, within a tensor of `shape`, of the elements of `view(iota)`. */
function positionsOf(shape: number[], view: (iota: Tensor) => Tensor): Int32Array {
  const n = shape.reduce((p, s) => p * s, 1);
  const iota = new Float64Array(n);
  for (let i = 0; i < n; i++) iota[i] = i;
  return Int32Array.from(view(tensor(iota).reshape(shape)).toTypedArray());
}

/** Scatter g (shaped like the reduced output) back to the positions a max/min picked. */
function indexBackward(g: Tensor, shape: number[], dtype: DType, dim: number, indices: Float64Array): Tensor {
  if (shape.length === 0) return g;
  const inner = shape.slice(dim + 1).reduce((p, s) => p * s, 1);
  const size = shape[dim];
  const pos = new Int32Array(indices.length);
  for (let o = 0; o < indices.length; o++) {
    const outer = Math.floor(o / inner);
    const i = o % inner;
    pos[o] = (outer * size + indices[o]) * inner + i;
  }
  const numel = shape.reduce((p, s) => p * s, 1);
  return put(zeros([numel], { dtype }), pos, g.reshape(-1), true).reshape([...shape]);
}

/**
 * d/dxᵢ of a product over groups: ∏_{j≠i} xⱼ. Without zeros that is out/xᵢ. With zeros
 * (PyTorch's exact rule): at a nonzero xᵢ it is out/xᵢ, which is 0 as out is; at the zero of a
 * group with exactly one zero it is the product of the others; with two zeros or more, 0.
 * Written with tensor ops, so it is differentiable again.
 */
function prodBackward(g: Tensor, x: Tensor, out: Tensor, dims: number[], keepdim: boolean): Tensor {
  if (x.ndim === 0) return g;
  const gu = unsqueezeDims(g, dims, keepdim);
  const ou = unsqueezeDims(out, dims, keepdim);
  const isZero = x.eq(0);
  if (!isZero.any().item()) return gu.mul(ou).div(x);
  const safe = where(isZero, 1, x);
  const single = isZero.sum({ dim: dims, keepdim: true }).eq(1);
  const othersAtZero = safe.prod({ dim: dims, keepdim: true }).mul(single.to(x.dtype));
  return gu.mul(where(isZero, othersAtZero, ou.div(safe)));
}

/**
 * d/dxᵢ of cumprod: Σ_{j≥i} gⱼ·∏_{k≤j, k≠i} xₖ. Without zeros: (reverse cumsum of g·out)/xᵢ.
 * With zeros (per line, z = the first zero): the same before z; at z, (∏_{k<z} xₖ)·Σ_{j≥z} gⱼ·∏_{z<k≤j} xₖ;
 * after z, 0.
 */
function cumprodBackward(g: Tensor, x: Tensor, out: Tensor, d: number): Tensor {
  if (x.ndim === 0) return g;
  const go = g.mul(out);
  const revSum = (t: Tensor) => t.sum({ dim: d, keepdim: true }).sub(t.cumsum(d)).add(t);
  const isZero = x.eq(0);
  if (!isZero.any().item()) return revSum(go).div(x);
  const zerosSoFar = isZero.cumsum(d);
  const before = zerosSoFar.eq(0);
  const first = isZero.logicalAnd(zerosSoFar.eq(1));
  const after = zerosSoFar.ge(1).logicalAnd(first.logicalNot());
  const xBefore = where(before, x, 1);
  const prefix = xBefore.prod({ dim: d, keepdim: true }); // ∏_{k<z} xₖ
  const fromZero = zerosSoFar.ge(1).to(x.dtype); // j ≥ z
  const tail = g.mul(where(after, x, 1).cumprod(d)).mul(fromZero).sum({ dim: d, keepdim: true }); // Σ_{j≥z} gⱼ·∏_{z<k≤j} xₖ
  return where(before, revSum(go).div(xBefore), where(first, prefix.mul(tail), 0));
}

function normBackward(g: Tensor, x: Tensor, out: Tensor, a: PrimAttrs["norm"]): Tensor {
  const gu = unsqueezeDims(g, a.dims, a.keepdim);
  const nu = unsqueezeDims(out, a.dims, a.keepdim);
  const p = a.p;
  if (p === 0) return zerosLike(x);
  if (p === 1) return gu.mul(x.sign());
  if (p === 2) return where(nu.eq(0), 0, gu.mul(x).div(nu));
  if (!Number.isFinite(p)) {
    // the gradient is shared evenly among the elements that attain the max (or min) |x|
    const hit = x.abs().eq(nu).to(x.dtype);
    return gu.mul(x.sign()).mul(hit).div(hit.sum({ dim: a.dims, keepdim: true }));
  }
  // general p: g · sgn(x)·|x|^(p−1) / ‖x‖^(p−1) (0 at x = 0 when p > 1; masked there when p < 1, as PyTorch)
  let scaled = x.sign().mul(x.abs().pow(p - 1));
  if (p < 1) scaled = where(x.eq(0), 0, scaled);
  return where(nu.eq(0), 0, gu.mul(scaled).div(nu.pow(p - 1)));
}

/** PyTorch 1.13's error for ops without a derivative (their grad_fn is named NotImplemented). */
function notImplemented(aten: string): RuntimeError {
  return new RuntimeError(`derivative for aten::${aten} is not implemented`);
}

/**
 * maximum/minimum: the winning side gets g, ties split it in half (PyTorch). `loses` is
 * the comparison under which input 0 loses ("lt" for maximum, "gt" for minimum).
 */
function extremumBackward(g: Tensor, c: RuleContext<"maximum" | "minimum">, loses: "lt" | "gt"): (Tensor | null)[] {
  const a = c.input(0);
  const b = c.input(1);
  const wins = loses === "lt" ? "gt" : "lt";
  const half = where(a.eq(b), g.div(2), g);
  return [c.needs[0] ? where(a[loses](b), 0, half) : null, c.needs[1] ? where(a[wins](b), 0, half) : null];
}

const unaryNames: Record<string, string> = {
  neg: "NegBackward0", abs: "AbsBackward0", exp: "ExpBackward0", log: "LogBackward0", sqrt: "SqrtBackward0",
  rsqrt: "RsqrtBackward0", sin: "SinBackward0", cos: "CosBackward0", sinh: "SinhBackward0", cosh: "CoshBackward0", tanh: "TanhBackward0", sigmoid: "SigmoidBackward0",
  relu: "ReluBackward0", reciprocal: "ReciprocalBackward0", square: "PowBackward0", log1p: "Log1PBackward0",
  expm1: "Expm1Backward0", sign: "SignBackward0", floor: "FloorBackward0", ceil: "CeilBackward0", round: "RoundBackward0",
  erf: "ErfBackward0",
};

const X: Saves = [0];
const OUT: Saves = ["output"];
const NOTHING: Saves = [];

function u<K extends PrimName>(op: K, saves: Saves, backward: (g: Tensor, ctx: RuleContext<K>) => Tensor): Rule<K> {
  return { name: unaryNames[op], saves, backward: (g, ctx) => [backward(g, ctx)] };
}

export const derivatives: Table = {
  // d(−x) = −1
  neg: u("neg", NOTHING, (g) => g.neg()),
  // d|x| = sign(x)
  abs: u("abs", X, (g, c) => g.mul(c.input(0).sign())),
  // d eˣ = eˣ (the saved output)
  exp: u("exp", OUT, (g, c) => g.mul(c.output())),
  // d ln x = 1/x
  log: u("log", X, (g, c) => g.div(c.input(0))),
  // d √x = 1 / (2√x); std (= √var) takes 0 where it is 0, as PyTorch's std_backward does
  sqrt: u("sqrt", OUT, (g, c) => {
    const d = g.div(c.output().mul(2));
    return c.composite === "std" ? where(c.output().eq(0), 0, d) : d;
  }),
  // d x^(−1/2) = −½ x^(−3/2)
  rsqrt: u("rsqrt", OUT, (g, c) => g.mul(c.output().pow(3)).mul(-0.5)),
  // d sin x = cos x
  sin: u("sin", X, (g, c) => g.mul(c.input(0).cos())),
  // d cos x = −sin x
  cos: u("cos", X, (g, c) => g.mul(c.input(0).sin()).neg()),
  // d sinh x = cosh x; d cosh x = sinh x
  sinh: u("sinh", X, (g, c) => g.mul(c.input(0).cosh())),
  cosh: u("cosh", X, (g, c) => g.mul(c.input(0).sinh())),
  // d tanh x = 1 − tanh² x
  tanh: u("tanh", OUT, (g, c) => g.mul(c.output().square().neg().add(1))),
  // d σ(x) = σ(x)(1 − σ(x))
  sigmoid: u("sigmoid", OUT, (g, c) => g.mul(c.output().mul(c.output().neg().add(1)))),
  // PyTorch's threshold_backward: g where relu(x) > 0, else 0 — a select, not g·mask, so relu'(0) = 0,
  // an infinite g on a dead unit gives 0 (not inf·0 = NaN) and a NaN input passes g (NaN <= 0 is false)
  relu: u("relu", OUT, (g, c) => where(c.output().le(0), 0, g)),
  // d (1/x) = −1/x²
  reciprocal: u("reciprocal", OUT, (g, c) => g.mul(c.output().square()).neg()),
  // d x² = 2x
  square: u("square", X, (g, c) => g.mul(c.input(0)).mul(2)),
  // d ln(1+x) = 1/(1+x)
  log1p: u("log1p", X, (g, c) => g.div(c.input(0).add(1))),
  // d (eˣ − 1) = eˣ
  expm1: u("expm1", OUT, (g, c) => g.mul(c.output().add(1))),
  // piecewise constant: zero gradient almost everywhere
  sign: u("sign", NOTHING, (g) => zerosLike(g)),
  floor: u("floor", NOTHING, (g) => zerosLike(g)),
  ceil: u("ceil", NOTHING, (g) => zerosLike(g)),
  round: u("round", NOTHING, (g) => zerosLike(g)),
  // d erf x = 2/√π · e^(−x²)
  erf: u("erf", X, (g, c) => g.mul(c.input(0).square().neg().exp().mul(2 / Math.sqrt(Math.PI)))),

  // d(a + b) = (1, 1)
  add: { name: "AddBackward0", saves: NOTHING, backward: (g) => [g, g] },
  // d(a − b) = (1, −1)
  sub: { name: "SubBackward0", saves: NOTHING, backward: (g, c) => [g, c.needs[1] ? g.neg() : null] },
  // d(ab) = (b, a)
  mul: { name: "MulBackward0", saves: (n) => (n[0] && n[1] ? [0, 1] : n[0] ? [1] : [0]), backward: (g, c) => [c.needs[0] ? g.mul(c.input(1)) : null, c.needs[1] ? g.mul(c.input(0)) : null] },
  // d(a/b) = (1/b, −a/b²)
  div: {
    name: "DivBackward0",
    saves: (n) => (n[1] ? [0, 1] : [1]),
    backward: (g, c) => [c.needs[0] ? g.div(c.input(1)) : null, c.needs[1] ? g.mul(c.input(0)).div(c.input(1).square()).neg() : null],
  },
  // d aᵇ = (b·aᵇ⁻¹, aᵇ·ln a); PyTorch zeroes the first where b = 0 and the second where a = 0, b ≥ 0.
  // Names: x ** scalar is PowBackward0, scalar ** x PowBackward2, tensor ** tensor PowBackward1.
  pow: {
    name: (c) =>
      c.shape(1).length === 0 && !c.needs[1] ? "PowBackward0" : c.shape(0).length === 0 && !c.needs[0] ? "PowBackward2" : "PowBackward1",
    saves: (n) => (n[1] ? [0, 1, "output"] : [0, 1]),
    backward: (g, c) => {
      const a = c.input(0);
      const b = c.input(1);
      let ga: Tensor | null = null;
      if (c.needs[0] && b.ndim === 0 && !c.needs[1]) {
        // a constant exponent: g·(b·a^(b−1)), so the second derivative of x³ is again a power rule
        const e = Number(b.item());
        ga = e === 0 ? zerosLike(g) : g.mul(a.pow(e - 1).mul(e));
      } else if (c.needs[0]) ga = where(b.eq(0), 0, g.mul(b.mul(a.pow(b.sub(1)))));
      const gb = c.needs[1] ? where(a.eq(0).logicalAnd(b.ge(0)), 0, g.mul(c.output()).mul(a.log())) : null;
      return [ga, gb];
    },
  },
  // a mod b = a − floor(a/b)·b: d/da = 1, d/db = −floor(a/b). Named RemainderBackward0 by
  // remainder(x, number); a number dividend (`2 % x`) is NotImplemented in PyTorch 1.13: backward raises
  remainder: {
    name: "RemainderBackward1",
    saves: (n) => (n[1] ? [0, 1] : NOTHING),
    backward: (g, c) => {
      if (c.composite === "remainderNumberDividend") throw notImplemented("remainder");
      return [c.needs[0] ? g : null, c.needs[1] ? g.mul(c.input(0).div(c.input(1), { roundingMode: "floor" })).neg() : null];
    },
  },
  // floor_divide has no derivative in PyTorch 1.13 (its grad_fn is NotImplemented); div with a rounding mode does
  floorDivide: { name: "NotImplemented", backward: () => { throw notImplemented("floor_divide"); } },
  // a rounded quotient is piecewise constant: zero gradient almost everywhere
  divRounding: { name: "DivBackward2", backward: (g, c) => [c.needs[0] ? zerosLike(g) : null, c.needs[1] ? zerosLike(g) : null] },
  // max(a, b): the larger side gets g; ties split it in half (PyTorch)
  maximum: { name: "MaximumBackward0", saves: [0, 1], backward: (g, c) => extremumBackward(g, c, "lt") },
  minimum: { name: "MinimumBackward0", saves: [0, 1], backward: (g, c) => extremumBackward(g, c, "gt") },
  // where(c, a, b): g flows to the chosen side
  where: {
    savesIndex: true,
    name: "WhereBackward0",
    backward: (g, c) => {
      const cond = fromTypedArray(c.attrs.cond, [...g._shape]);
      return [c.needs[0] ? where(cond, g, 0) : null, c.needs[1] ? where(cond, 0, g) : null];
    },
  },
  // clamp: g where min ≤ x ≤ max (bounds inclusive, as PyTorch)
  clamp: {
    name: "ClampBackward1",
    saves: X,
    backward: (g, c) => {
      const x = c.input(0);
      let mask = x.eq(x);
      if (c.attrs.min !== null) mask = mask.logicalAnd(x.ge(c.attrs.min));
      if (c.attrs.max !== null) mask = mask.logicalAnd(x.le(c.attrs.max));
      return [where(mask, g, 0)];
    },
  },

  // Σ: broadcast g back over the reduced dims
  sum: {
    name: (c) => (c.attrs.dimGiven ? "SumBackward1" : "SumBackward0"),
    backward: (g, c) => [unsqueezeDims(g, c.attrs.dims, c.attrs.keepdim).expand([...c.shape(0)])],
  },
  // amax/amin: g shared evenly among the elements equal to the result
  amax: { name: "AmaxBackward0", saves: [0, "output"], backward: (g, c) => [extremumShare(g, c as RuleContext<"amax" | "amin">)] },
  amin: { name: "AminBackward0", saves: [0, "output"], backward: (g, c) => [extremumShare(g, c as RuleContext<"amax" | "amin">)] },
  // max/min along a dim: g goes to the index that was picked
  maxDim: { name: "MaxBackward0", savesIndex: true, backward: (g, c) => [indexBackward(g, c.shape(0), c.dtype(0), c.attrs.dim, c.attrs.indices)] },
  minDim: { name: "MinBackward0", savesIndex: true, backward: (g, c) => [indexBackward(g, c.shape(0), c.dtype(0), c.attrs.dim, c.attrs.indices)] },
  // ∏: ∂/∂xᵢ = ∏_{j≠i} xⱼ
  prod: {
    name: (c) => (c.attrs.dimGiven ? "ProdBackward1" : "ProdBackward0"),
    saves: [0, "output"],
    backward: (g, c) => [prodBackward(g, c.input(0), c.output(), c.attrs.dims, c.attrs.keepdim)],
  },
  // cumsum: the reversed cumulative sum of g, Σ_{j≥i} gⱼ = Σ g − cumsum(g) + g
  // softmax: d yᵢ = yᵢ (gᵢ − Σⱼ gⱼ yⱼ)
  softmax: {
    name: "SoftmaxBackward0",
    saves: OUT,
    backward: (g, c) => {
      const y = c.output();
      return [y.mul(g.sub(g.mul(y).sum({ dim: c.attrs.dim, keepdim: true })))];
    },
  },
  // log_softmax: d = g − softmax(x) Σ g = g − exp(y) Σ g
  logSoftmax: {
    name: "LogSoftmaxBackward0",
    saves: OUT,
    backward: (g, c) => [g.sub(c.output().exp().mul(g.sum({ dim: c.attrs.dim, keepdim: true })))],
  },
  cumsum: {
    name: "CumsumBackward0",
    backward: (g, c) => [g.sum({ dim: c.attrs.dim, keepdim: true }).sub(g.cumsum(c.attrs.dim)).add(g)],
  },
  // cumprod: ∂/∂xᵢ = Σ_{j≥i} gⱼ·∏_{k≤j, k≠i} xₖ (exact with zeros too)
  cumprod: { name: "CumprodBackward0", saves: [0, "output"], backward: (g, c) => [cumprodBackward(g, c.input(0), c.output(), c.attrs.dim)] },

  // views: move g back through the same geometry
  reshape: { name: "ViewBackward0", backward: (g, c) => [g.reshape([...c.shape(0)])] },
  permute: {
    name: "PermuteBackward0",
    backward: (g, c) => {
      const inv = new Array<number>(c.attrs.dims.length);
      c.attrs.dims.forEach((d, i) => (inv[d] = i));
      return [g.permute(inv)];
    },
  },
  expand: { name: "ExpandBackward0", backward: (g, c) => [sumToShape(g, c.shape(0))] },
  // slice: g lands in the sliced positions of a zero tensor
  slice: {
    name: "SliceBackward0",
    backward: (g, c) => {
      const shape = c.shape(0);
      const { dim, start, step, length } = c.attrs;
      const pos = positionsOf(shape, (iota) => sliceDim(iota, dim, start, step, length));
      return [put(zeros([...shape], { dtype: g.dtype }), pos, g.reshape(-1))];
    },
  },
  // take (every gather-like read): scatter-add g back to the positions read
  take: {
    savesIndex: true,
    name: "IndexBackward0",
    backward: (g, c) => {
      const shape = c.shape(0);
      const numel = shape.reduce((p, s) => p * s, 1);
      return [put(zeros([numel], { dtype: g.dtype }), c.attrs.index, g.reshape(-1), true).reshape([...shape])];
    },
  },
  // put: overwritten positions get no gradient from x; v receives g at them
  put: {
    savesIndex: true,
    name: "IndexPutBackward0",
    backward: (g, c) => {
      const gx = c.needs[0] ? (c.attrs.accumulate ? g : put(g, c.attrs.index, zeros([c.attrs.index.length], { dtype: g.dtype }))) : null;
      const gv = c.needs[1] ? take(g.reshape(-1), c.attrs.index, [...c.shape(1)]) : null;
      return [gx, gv];
    },
  },
  // cat: each input gets its slab of g
  cat: {
    name: "CatBackward0",
    backward: (g, c) => {
      const out: (Tensor | null)[] = [];
      let start = 0;
      for (let i = 0; i < c.needs.length; i++) {
        const len = c.shape(i)[c.attrs.dim];
        out.push(c.needs[i] ? g.narrow(c.attrs.dim, start, len) : null);
        start += len;
      }
      return out;
    },
  },
  // C = AB: dA = g Bᵀ, dB = Aᵀ g (transposes are views; the kernel reads them in place)
  matmul: {
    name: (c) => (c.shape(0).length === 2 ? "MmBackward0" : "BmmBackward0"),
    saves: (n) => (n[0] && n[1] ? [0, 1] : n[0] ? [1] : [0]),
    backward: (g, c) => [
      c.needs[0] ? matmulPrim(g, c.input(1).mT) : null,
      c.needs[1] ? matmulPrim(c.input(0).mT, g) : null,
    ],
  },
  norm: { name: "NormBackward1", saves: [0, "output"], backward: (g, c) => [normBackward(g, c.input(0), c.output(), c.attrs)] },
  // d(A⁻¹) = −A⁻ᵀ g A⁻ᵀ
  inv: {
    name: "LinalgInvExBackward0",
    saves: OUT,
    backward: (g, c) => {
      const ai = c.output().mT;
      return [matmulPrim(matmulPrim(ai, g), ai).neg()];
    },
  },
  // X = A⁻¹B: dB = A⁻ᵀ g, dA = −dB Xᵀ
  solve: {
    name: "LinalgSolveExBackward0",
    saves: (n) => (n[0] ? [0, "output"] : X),
    backward: (g, c) => {
      const gb = solveT(c.input(0), g);
      return [c.needs[0] ? matmulPrim(gb, c.output().mT).neg() : null, gb];
    },
  },
  // S = svdvals(A): dA = U diag(gS) Vh (PyTorch's svd_backward with only gS given). U and Vh are the
  // forward's constants, so a graph of this gradient would miss their dependence on A: refuse it.
  svdvals: {
    name: "LinalgSvdBackward0",
    backward: (g, c) => {
      if (isGradEnabled()) {
        throw new RuntimeError("linalg.svdvals: a second derivative (createGraph: true) through svdvals is not implemented in torchts yet");
      }
      return [matmulPrim(c.attrs.u.mul(g.unsqueeze(-2)), c.attrs.vh)];
    },
  },
  cast: { name: "ToCopyBackward0", backward: (g, c) => [g.to(c.dtype(0))] },
  clone: { name: "CloneBackward0", backward: (g) => [g] },
  // PyTorch's CopyBackwards: the overwritten values get a zero gradient, the source the (summed, cast) rest
  copy: {
    name: "CopyBackwards",
    backward: (g, c) => [c.needs[0] ? zerosLike(g) : null, c.needs[1] ? sumToShape(g, c.shape(1)).to(c.dtype(1)) : null],
  },
};

/**
 * amax/amin's gradient, shared evenly among the ties. amax scales the mask (PyTorch's
 * scale_grad_by_count: a negative share times 0 is -0 elsewhere); max()/min() over everything
 * fill zeros at the ties (evenly_distribute_backward: +0 elsewhere).
 */
function extremumShare(g: Tensor, c: RuleContext<"amax" | "amin">): Tensor {
  const x = c.input(0);
  const hit = x.eq(unsqueezeDims(c.output(), c.attrs.dims, c.attrs.keepdim));
  const count = hit.to(x.dtype).sum({ dim: c.attrs.dims, keepdim: true });
  const share = unsqueezeDims(g, c.attrs.dims, c.attrs.keepdim).div(count);
  if (c.composite === "maxAll" || c.composite === "minAll") return where(hit, share, 0);
  return hit.to(x.dtype).mul(share);
}

// solve with Aᵀ, through the public op (its rule makes this differentiable again)
function solveT(a: Tensor, g: Tensor): Tensor {
  return linalg.solve(a.mT, g);
}

