/**
 * The op table (PyTorch's OpInfo idea): every differentiable op of
 * @torchts/tensor, with the sample inputs it is checked on. Generic tests
 * (op-gradcheck.test.ts, fixtures.test.ts) drive it; fixtures/gen_grads.py
 * mirrors each entry by name with PyTorch 1.13.1.
 *
 * A sample lists one input spec per argument: a shape, a value domain and a
 * layout. "transposed" and "strided" inputs reach the op as non-contiguous
 * views (`.mT` of a leaf, every other element of a leaf).
 */
import * as torch from "./index";
import type { GradcheckOptions, Tensor } from "./index";

export type Domain = "any" | "positive" | "nonzero";
export interface InputSpec {
  shape: number[];
  domain: Domain;
  layout?: "transposed" | "strided";
}
export interface OpInfo {
  name: string;
  fn: (...xs: Tensor[]) => Tensor;
  samples: InputSpec[][];
  gradcheck?: GradcheckOptions;
}

const I = (shape: number[], domain: Domain = "any", layout?: InputSpec["layout"]): InputSpec => ({ shape, domain, layout });
const f64 = { dtype: torch.float64 };
const long = (v: number[] | number[][]) => torch.tensor(v, { dtype: torch.int64 });
const mask = (v: boolean[] | boolean[][]) => torch.tensor(v, { dtype: torch.bool });

/** A unary op on a matrix, a transposed view, a 0-d tensor and a strided view. */
const unarySamples = (d: Domain = "any"): InputSpec[][] => [
  [I([3, 4], d)],
  [I([4, 3], d, "transposed")],
  [I([], d)],
  [I([2, 3], d, "strided")],
];
/** A binary op: same shapes, two-sided broadcasting, a leading-dims broadcast, a 0-d operand, non-contiguous views. */
const binarySamples = (db: Domain = "any", da: Domain = "any"): InputSpec[][] => [
  [I([3, 4], da), I([3, 4], db)],
  [I([3, 1], da), I([1, 4], db)],
  [I([2, 3, 4], da), I([4], db)],
  [I([3, 4], da), I([], db)],
  [I([4, 3], da, "transposed"), I([4, 3], db, "strided")],
];
const mat = (d: Domain = "any"): InputSpec[][] => [[I([3, 4], d)], [I([3, 4], d, "transposed")]];
const cube = (d: Domain = "any"): InputSpec[][] => [[I([2, 3, 4], d)], [I([2, 3, 4], d, "strided")]];

const unary = (name: string, fn: (x: Tensor) => Tensor, d: Domain = "any"): OpInfo => ({ name, fn, samples: unarySamples(d) });
const binary = (name: string, fn: (a: Tensor, b: Tensor) => Tensor, db: Domain = "any", da: Domain = "any"): OpInfo => ({
  name,
  fn,
  samples: binarySamples(db, da),
});

/** Well-conditioned square matrices for inv/solve: A + 4I. */
const wellConditioned = (a: Tensor) => a.add(torch.eye(a.shape[a.ndim - 1], f64).mul(4));

export const opTable: OpInfo[] = [
  // ---- elementwise, unary -------------------------------------------------
  unary("neg", (x) => x.neg()),
  unary("abs", (x) => x.abs(), "nonzero"),
  unary("exp", (x) => x.exp()),
  unary("log", (x) => x.log(), "positive"),
  unary("sqrt", (x) => x.sqrt(), "positive"),
  unary("rsqrt", (x) => x.rsqrt(), "positive"),
  unary("sin", (x) => x.sin()),
  unary("cos", (x) => x.cos()),
  unary("tanh", (x) => x.tanh()),
  unary("sigmoid", (x) => x.sigmoid()),
  unary("relu", (x) => x.relu(), "nonzero"),
  unary("reciprocal", (x) => x.reciprocal(), "nonzero"),
  unary("square", (x) => x.square()),
  unary("log1p", (x) => x.log1p(), "positive"),
  unary("expm1", (x) => x.expm1()),
  unary("sign", (x) => x.sign(), "nonzero"),
  unary("floor", (x) => x.floor()),
  unary("ceil", (x) => x.ceil()),
  unary("round", (x) => x.round()),
  unary("erf", (x) => x.erf()),
  unary("pow_scalar", (x) => x.pow(3)),
  unary("pow_half", (x) => x.pow(0.5), "positive"),
  unary("pow_neg", (x) => x.pow(-2), "nonzero"),
  unary("pow_zero", (x) => x.pow(0)),
  unary("rpow", (x) => torch.pow(2, x)),
  unary("add_scalar", (x) => x.add(2.5)),
  unary("rsub", (x) => torch.sub(2, x)),
  unary("mul_scalar", (x) => x.mul(-1.5)),
  unary("div_scalar", (x) => x.div(4)),
  unary("rdiv", (x) => torch.div(2, x), "nonzero"),
  unary("clamp", (x) => x.clamp(-0.5, 0.5)),
  unary("clamp_min", (x) => x.clamp({ min: 0.2 })),
  unary("clamp_max", (x) => x.clamp(null, 0.2)),
  unary("where_scalar", (x) => torch.where(x.gt(0), x, 0)),
  unary("masked_fill", (x) => x.maskedFill(x.lt(0), 2)),
  unary("div_trunc", (x) => x.div(0.7, { roundingMode: "trunc" })),
  unary("div_floor_scalar", (x) => x.div(0.7, { roundingMode: "floor" })),
  unary("remainder_scalar", (x) => x.remainder(0.7)),
  // float32 rounding limits finite differences: a wider step and tolerance
  { ...unary("to_float32", (x) => x.to(torch.float32).mul(3).to(torch.float64)), gradcheck: { eps: 1e-3, atol: 1e-3 } },
  // ---- elementwise, binary (with broadcasting) ---------------------------
  binary("add", (a, b) => a.add(b)),
  binary("sub", (a, b) => a.sub(b)),
  binary("mul", (a, b) => a.mul(b)),
  binary("div", (a, b) => a.div(b), "nonzero"),
  binary("pow", (a, b) => a.pow(b), "any", "positive"),
  binary("maximum", (a, b) => torch.maximum(a, b)),
  binary("minimum", (a, b) => torch.minimum(a, b)),
  binary("max_binary", (a, b) => a.max(b)),
  binary("add_alpha", (a, b) => a.add(b, { alpha: 2 })),
  binary("sub_alpha", (a, b) => a.sub(b, { alpha: -3 })),
  binary("where", (a, b) => torch.where(a.gt(0), a, b)),
  binary("remainder", (a, b) => a.remainder(b), "nonzero"),
  binary("div_floor", (a, b) => a.div(b, { roundingMode: "floor" }), "nonzero"),
  binary("div_trunc_tensor", (a, b) => a.div(b, { roundingMode: "trunc" }), "nonzero"),
  // ---- reductions ---------------------------------------------------------
  { name: "sum", fn: (x) => x.sum(), samples: [...cube(), [I([])]] },
  { name: "sum_dim", fn: (x) => x.sum(1), samples: cube() },
  { name: "sum_dims_keepdim", fn: (x) => x.sum({ dim: [0, 2], keepdim: true }), samples: cube() },
  { name: "sum_neg_dim", fn: (x) => x.sum(-1), samples: mat() },
  { name: "sum_dim_1d", fn: (x) => x.sum(0), samples: [[I([5])]] },
  { name: "mean", fn: (x) => x.mean(), samples: cube() },
  { name: "mean_dim_keepdim", fn: (x) => x.mean(1, { keepdim: true }), samples: cube() },
  { name: "prod", fn: (x) => x.prod(), samples: mat("nonzero") },
  { name: "prod_dim", fn: (x) => x.prod(1), samples: cube("nonzero") },
  { name: "prod_keepdim", fn: (x) => x.prod(0, { keepdim: true }), samples: mat("nonzero") },
  { name: "prod_dim_1d", fn: (x) => x.prod(0), samples: [[I([5], "nonzero")]] },
  { name: "amax", fn: (x) => x.amax(), samples: mat() },
  { name: "amax_dims", fn: (x) => x.amax({ dim: [0, 2] }), samples: cube() },
  { name: "amin_keepdim", fn: (x) => x.amin(1, { keepdim: true }), samples: cube() },
  { name: "max", fn: (x) => x.max(), samples: mat() },
  { name: "min", fn: (x) => x.min(), samples: mat() },
  { name: "max_dim", fn: (x) => x.max(1).values, samples: cube() },
  { name: "max_dim_keepdim", fn: (x) => x.max(0, { keepdim: true }).values, samples: mat() },
  { name: "min_dim", fn: (x) => x.min(-1).values, samples: cube() },
  { name: "var", fn: (x) => x.var(), samples: cube() },
  { name: "var_dim_biased", fn: (x) => x.var(1, { correction: 0 }), samples: cube() },
  { name: "std", fn: (x) => x.std(), samples: mat() },
  { name: "std_dim_keepdim", fn: (x) => x.std({ dim: [0, 2], keepdim: true }), samples: cube() },
  { name: "logsumexp", fn: (x) => x.logsumexp(1), samples: cube() },
  { name: "logsumexp_keepdim", fn: (x) => x.logsumexp({ dim: [0, 1], keepdim: true }), samples: cube() },
  { name: "softmax", fn: (x) => x.softmax(1), samples: cube() },
  { name: "softmax_dim0", fn: (x) => torch.softmax(x, 0), samples: mat() },
  { name: "log_softmax", fn: (x) => x.logSoftmax(-1), samples: cube() },
  { name: "cumsum", fn: (x) => x.cumsum(1), samples: cube() },
  { name: "cumsum_dim0", fn: (x) => x.cumsum(0), samples: [[I([5])], [I([3, 4], "any", "transposed")]] },
  { name: "cumprod", fn: (x) => x.cumprod(1), samples: cube("nonzero") },
  { name: "norm", fn: (x) => x.norm(), samples: cube() },
  { name: "norm_1", fn: (x) => x.norm(1), samples: mat("nonzero") },
  { name: "norm_inf", fn: (x) => x.norm(Infinity), samples: mat() },
  { name: "norm_neg_inf", fn: (x) => x.norm(-Infinity), samples: mat() },
  { name: "norm_3", fn: (x) => x.norm(3), samples: mat() },
  { name: "norm_1_5", fn: (x) => x.norm(1.5), samples: mat() },
  { name: "norm_0_5", fn: (x) => x.norm(0.5), samples: mat("nonzero") },
  { name: "norm_dim_keepdim", fn: (x) => x.norm({ dim: 1, keepdim: true }), samples: cube() },
  { name: "norm_fro_dims", fn: (x) => x.norm("fro", { dim: [0, 2] }), samples: cube() },
  { name: "linalg_vector_norm", fn: (x) => torch.linalg.vectorNorm(x, 1, { dim: -1 }), samples: mat("nonzero") },
  { name: "norm_dims_default", fn: (x) => x.norm({ dim: [0, 2] }), samples: cube() },
  { name: "linalg_norm", fn: (x) => torch.linalg.norm(x), samples: mat() },
  { name: "linalg_norm_1", fn: (x) => torch.linalg.norm(x, 1), samples: mat("nonzero") },
  { name: "linalg_norm_neg_inf_keepdim", fn: (x) => torch.linalg.norm(x, -Infinity, { keepdim: true }), samples: mat("nonzero") },
  // ---- shape and views ----------------------------------------------------
  { name: "reshape", fn: (x) => x.reshape(4, 3), samples: mat() },
  { name: "reshape_copy", fn: (x) => x.t().reshape(-1), samples: mat() },
  { name: "view", fn: (x) => x.view(2, -1), samples: [[I([3, 4])]] },
  { name: "flatten", fn: (x) => x.flatten(), samples: cube() },
  { name: "flatten_partial", fn: (x) => x.flatten(1), samples: cube() },
  { name: "unflatten", fn: (x) => x.unflatten(1, [2, 2]), samples: mat() },
  { name: "squeeze", fn: (x) => x.squeeze(), samples: [[I([3, 1, 4])], [I([1, 4, 1])], [I([3, 1, 2], "any", "strided")]] },
  { name: "squeeze_dim", fn: (x) => x.squeeze(1), samples: [[I([3, 1, 4])]] },
  { name: "unsqueeze", fn: (x) => x.unsqueeze(1), samples: mat() },
  { name: "permute", fn: (x) => x.permute(2, 0, 1), samples: cube() },
  { name: "transpose", fn: (x) => x.transpose(0, 2), samples: cube() },
  { name: "t", fn: (x) => x.t(), samples: mat() },
  { name: "t_1d", fn: (x) => x.t(), samples: [[I([4])]] },
  { name: "transpose_same", fn: (x) => x.transpose(1, 1), samples: mat() },
  { name: "T", fn: (x) => x.T, samples: cube() },
  { name: "mT", fn: (x) => x.mT, samples: cube() },
  { name: "expand", fn: (x) => x.expand(2, 3, 4), samples: [[I([3, 1])], [I([4])]] },
  { name: "expand_as", fn: (x, y) => x.expandAs(y), samples: [[I([1, 4]), I([3, 4])]] },
  { name: "repeat", fn: (x) => x.repeat(2, 1, 3), samples: [[I([2, 3])], [I([3, 2], "any", "transposed")]] },
  { name: "repeat_ones", fn: (x) => x.repeat(1, 1), samples: [[I([2, 3])]] },
  { name: "narrow", fn: (x) => x.narrow(1, 1, 2), samples: mat() },
  { name: "select", fn: (x) => x.select(1, -1), samples: cube() },
  { name: "unbind", fn: (x) => x.unbind(1)[1], samples: mat() },
  { name: "split", fn: (x) => x.split(2, 1)[1], samples: [[I([3, 5])]] },
  { name: "split_sizes", fn: (x) => x.split([1, 3], 1)[1], samples: mat() },
  { name: "chunk", fn: (x) => x.chunk(2)[1], samples: [[I([5, 3])]] },
  { name: "contiguous", fn: (x) => x.t().contiguous(), samples: mat() },
  { name: "clone", fn: (x) => x.clone(), samples: mat() },
  { name: "view_as", fn: (x, y) => x.viewAs(y), samples: [[I([3, 4]), I([2, 6])]] },
  { name: "reshape_as", fn: (x, y) => x.reshapeAs(y), samples: [[I([3, 4], "any", "transposed"), I([2, 6])]] },
  // ---- indexing: reads ------------------------------------------------------
  { name: "get_int", fn: (x) => x.get(1), samples: cube() },
  { name: "get_neg_int", fn: (x) => x.get(-1, 2), samples: cube() },
  { name: "get_slice", fn: (x) => x.get("1:3"), samples: [[I([4, 3])]] },
  { name: "get_step", fn: (x) => x.get("::2", "1:"), samples: [[I([5, 3])], [I([5, 3], "any", "transposed")]] },
  { name: "get_ellipsis", fn: (x) => x.get("...", 1), samples: cube() },
  { name: "get_int_ellipsis", fn: (x) => x.get(1, "..."), samples: cube() },
  { name: "get_alias", fn: (x) => x.get("..."), samples: mat() },
  { name: "get_none", fn: (x) => x.get(null, "1:"), samples: mat() },
  { name: "get_int_tensor", fn: (x) => x.get(long([0, 2, 0])), samples: mat() },
  { name: "get_two_int_tensors", fn: (x) => x.get(long([0, 2, 2]), long([1, 1, 3])), samples: mat() },
  { name: "get_slice_int_tensor", fn: (x) => x.get(":", long([[3, 0], [3, 3]])), samples: mat() },
  { name: "get_bool_mask", fn: (x) => x.get(mask([[true, false, true, false], [false, false, true, true], [true, true, true, false]])), samples: mat() },
  { name: "get_bool_mask_rows", fn: (x) => x.get(mask([true, false, true])), samples: mat() },
  { name: "gather", fn: (x) => x.gather(1, long([[0, 0], [3, 1], [2, 2]])), samples: mat() },
  { name: "index_select", fn: (x) => x.indexSelect(1, long([3, 0, 3])), samples: mat() },
  { name: "masked_select", fn: (x) => x.maskedSelect(mask([true, false, false, true])), samples: mat() },
  { name: "diag_embed", fn: (x) => torch.diag(x), samples: [[I([3])]] },
  { name: "diag_embed_offset", fn: (x) => x.diag(1), samples: [[I([3])]] },
  { name: "diag", fn: (x) => x.diag(), samples: mat() },
  { name: "diag_offset", fn: (x) => x.diag(-1), samples: mat() },
  { name: "trace", fn: (x) => x.trace(), samples: mat() },
  // ---- indexing and in-place: writes into tensors with history ------------
  { name: "set_slice", fn: (x, v) => x.mul(1).set(["0:2", 1], v), samples: [[I([3, 4]), I([2])], [I([3, 4]), I([])]] },
  { name: "set_int_tensor", fn: (x, v) => x.mul(1).set([long([2, 0])], v), samples: [[I([3, 4]), I([4])]] },
  { name: "set_mask", fn: (x, v) => x.mul(1).set([mask([[true, false, false, true], [false, true, false, false], [false, false, false, true]])], v), samples: [[I([3, 4]), I([4])], [I([3, 4]), I([])]] },
  { name: "set_constant", fn: (x) => x.mul(2).set([1], 5), samples: mat() },
  { name: "set_ellipsis_constant", fn: (x) => x.mul(2).set(["..."], 5), samples: mat() },
  { name: "set_int_and_tensor", fn: (x, v) => x.mul(1).set([1, long([0, 2])], v), samples: [[I([3, 4]), I([2])]] },
  // writes into views made while nothing required grad (the zeros are not an input)
  { name: "untracked_view_copy_", fn: (v) => { const z = torch.zeros([3, 4], f64); z.get(0).copy_(v); return z; }, samples: [[I([4])]] },
  {
    name: "untracked_view_regenerated",
    fn: (v) => { const z = torch.zeros([3, 4], f64); const w = z.get(":", 1); z.get(0).copy_(v); return w; },
    samples: [[I([4])]],
  },
  { name: "view_mul_", fn: (x, v) => { const y = x.mul(1); y.get(0).mul_(v); return y; }, samples: [[I([3, 4]), I([4])]] },
  { name: "view_copy_", fn: (x, v) => { const y = x.mul(1); y.get(":", 1).copy_(v); return y; }, samples: [[I([3, 4]), I([3])]] },
  { name: "view_zero_", fn: (x) => { const y = x.mul(2); y.get("1:").zero_(); return y; }, samples: mat() },
  { name: "inplace_add_", fn: (x, v) => x.mul(1).add_(v), samples: [[I([3, 4]), I([4])]] },
  { name: "inplace_mul_", fn: (x, v) => x.mul(1).mul_(v), samples: [[I([3, 4]), I([3, 1])]] },
  { name: "inplace_div_", fn: (x, v) => x.mul(1).div_(v), samples: [[I([3, 4]), I([4], "nonzero")]] },
  { name: "inplace_sub_alpha", fn: (x, v) => x.mul(1).sub_(v, { alpha: 2 }), samples: [[I([3, 4]), I([3, 4])]] },
  { name: "inplace_clamp_", fn: (x) => x.mul(1).clamp_(-0.5, 0.5), samples: mat() },
  { name: "copy_", fn: (x) => torch.zeros([3, 4], f64).copy_(x), samples: [[I([3, 4])], [I([4])]] },
  // ---- matrix products ------------------------------------------------------
  { name: "dot", fn: (a, b) => torch.dot(a, b), samples: [[I([5]), I([5])], [I([5], "any", "strided"), I([5])]] },
  { name: "mv", fn: (a, v) => a.mv(v), samples: [[I([3, 4]), I([4])], [I([3, 4], "any", "transposed"), I([4], "any", "strided")]] },
  { name: "mm", fn: (a, b) => a.mm(b), samples: [[I([3, 4]), I([4, 2])], [I([3, 4], "any", "transposed"), I([4, 2], "any", "transposed")]] },
  { name: "bmm", fn: (a, b) => a.bmm(b), samples: [[I([2, 3, 4]), I([2, 4, 2])], [I([2, 3, 4], "any", "transposed"), I([2, 4, 2], "any", "strided")]] },
  { name: "matmul_1d_2d", fn: (a, b) => a.matmul(b), samples: [[I([4]), I([4, 3])]] },
  { name: "matmul_2d_1d", fn: (a, b) => a.matmul(b), samples: [[I([3, 4]), I([4])]] },
  { name: "matmul_3d_2d", fn: (a, b) => a.matmul(b), samples: [[I([2, 3, 4]), I([4, 2])]] },
  { name: "matmul_3d_1d", fn: (a, b) => torch.matmul(a, b), samples: [[I([2, 3, 4]), I([4])]] },
  { name: "matmul_batch_broadcast", fn: (a, b) => a.matmul(b), samples: [[I([2, 1, 3, 4]), I([3, 4, 2])]] },
  { name: "matmul_1d_3d", fn: (a, b) => a.matmul(b), samples: [[I([4]), I([2, 4, 3])]] },
  { name: "matmul_2d_3d", fn: (a, b) => a.matmul(b), samples: [[I([3, 4]), I([2, 4, 5])]] },
  { name: "matmul_row_3d", fn: (a, b) => a.matmul(b), samples: [[I([1, 4]), I([2, 4, 5])]] },
  { name: "outer", fn: (a, b) => torch.outer(a, b), samples: [[I([3]), I([4])]] },
  { name: "linalg_inv", fn: (a) => torch.linalg.inv(wellConditioned(a)), samples: [[I([3, 3])], [I([2, 3, 3], "any", "transposed")]] },
  { name: "linalg_solve", fn: (a, b) => torch.linalg.solve(wellConditioned(a), b), samples: [[I([3, 3]), I([3, 2])], [I([3, 3], "any", "transposed"), I([3, 2], "any", "transposed")]] },
  { name: "linalg_solve_vector", fn: (a, b) => torch.linalg.solve(wellConditioned(a), b), samples: [[I([3, 3]), I([3])]] },
  { name: "linalg_solve_batched", fn: (a, b) => torch.linalg.solve(wellConditioned(a), b), samples: [[I([2, 3, 3]), I([3, 2])]] },
  // ---- joining ----------------------------------------------------------------
  { name: "cat", fn: (a, b, c) => torch.cat([a, b, c]), samples: [[I([2, 3]), I([1, 3]), I([3, 3], "any", "transposed")]] },
  { name: "cat_dim1", fn: (a, b) => torch.cat([a, b], 1), samples: [[I([2, 3]), I([2, 1])]] },
  { name: "stack", fn: (a, b) => torch.stack([a, b]), samples: [[I([2, 3]), I([2, 3], "any", "strided")]] },
  { name: "stack_last", fn: (a, b) => torch.stack([a, b], -1), samples: [[I([2, 3]), I([2, 3])]] },
  // ---- composites from the d2l notes -------------------------------------------
  { name: "d2l_dot_twice", fn: (x) => torch.dot(x, x).mul(2), samples: [[I([4])]] },
  { name: "d2l_squared_loss", fn: (X, w, b) => X.matmul(w).add(b).sub(X.sum(1, { keepdim: true })).pow(2).div(2).mean(), samples: [[I([5, 2]), I([2, 1]), I([1])]] },
];

/** A deterministic generator of input values (mulberry32), so every run checks the same points. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function value(domain: Domain, next: () => number): number {
  const u = next();
  if (domain === "positive") return 0.5 + 1.5 * u;
  if (domain === "nonzero") return (next() < 0.5 ? -1 : 1) * (0.5 + 1.5 * u);
  return -2 + 4 * u;
}

/** The input a spec describes: a float64 leaf that requires grad, seen through the spec's layout. */
export function makeInput(spec: InputSpec, next: () => number): Tensor {
  let leafShape = spec.shape.slice();
  const nd = leafShape.length;
  if (spec.layout === "transposed") [leafShape[nd - 2], leafShape[nd - 1]] = [leafShape[nd - 1], leafShape[nd - 2]];
  if (spec.layout === "strided") leafShape = [...leafShape.slice(0, -1), 2 * leafShape[nd - 1] - 1];
  const n = leafShape.reduce((p, s) => p * s, 1);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = value(spec.domain, next);
  const leaf = torch.fromTypedArray(data, leafShape).requiresGrad_();
  if (spec.layout === "transposed") return leaf.mT;
  if (spec.layout === "strided") return leaf.get("...", "::2");
  return leaf;
}
