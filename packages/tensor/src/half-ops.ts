/**
 * The ops that compute on float16 and bfloat16 tensors: add, sub, mul, div and neg
 * (and their in-place forms add_, sub_, mul_, div_). As PyTorch 1.13's CPU kernels
 * do, each converts its operands to float32 (after the cast to the common dtype),
 * computes in float32 and rounds the result to the 16-bit dtype once per op; a JS
 * number is rounded to the 16-bit dtype first, as 1.13 does. With a float32/float64 operand
 * the result is that dtype and the op is the ordinary one on widened operands.
 *
 * Every other op with such an operand raises (signature.ts), naming the op and the
 * dtype, as PyTorch does for the kernels it lacks (`"exp_vml_cpu" not implemented for 'Half'`).
 * @example torch.tensor([1.5, 0.1], { dtype: torch.float16 }).add(1) // tensor([2.5000, 1.0996], dtype=torch.float16)
 */
import { type DType, bfloat16, castScalar, float32, isReducedFloat } from "./dtype";
import { bfloat16Value, halfValue } from "./kernels/half-bits";
import { RuntimeError } from "./errors";
import { resultType } from "./promotion";
import { bindReducedOp } from "./signature";
import { Tensor, type TensorLike } from "./tensor";
import { to } from "./convert";
import { add, binary, div, sub, unary } from "./elementwise";
import { inplace } from "./inplace";

/**
 * An operand as the float32 computation sees it: cast to the common dtype `r` first, then
 * widened exactly. A JS number too becomes an `r` value first (PyTorch 1.13 wraps it in a
 * tensor of the common dtype: `x * 0.3` multiplies by float16's 0.2999267578125).
 */
function widen(x: TensorLike, r: DType): TensorLike {
  if (x instanceof Tensor) return to(to(x, r), float32);
  if (!isReducedFloat(r)) return x;
  const w = castScalar(r, x);
  return r === bfloat16 ? bfloat16Value(w) : halfValue(w);
}

type Binary = (a: TensorLike, b: TensorLike) => Tensor;

/** `f` over operands one of which is float16/bfloat16. */
function reducedBinary(op: string, a: TensorLike, b: TensorLike, f: Binary): Tensor {
  const r = resultType(a, b);
  if (!isReducedFloat(r)) return f(widen(a, r), widen(b, r)); // float32 or float64: the ordinary op
  return to(f(widen(a, r), widen(b, r)), r);
}

function noAlpha(op: string, alpha: unknown, d: DType): void {
  if (alpha !== undefined && alpha !== 1) throw new RuntimeError(`"${op}" with alpha other than 1 is not implemented for '${d.scalarType}' in torchts`);
}

function dtypeOf(a: TensorLike, b: TensorLike): DType {
  return a instanceof Tensor && isReducedFloat(a.dtype) ? a.dtype : (b as Tensor).dtype;
}

const ADD: Binary = (a, b) => add(a, b);
const SUB: Binary = (a, b) => sub(a, b);
const MUL: Binary = (a, b) => binary("mul", a, b);
const DIV: Binary = (a, b) => div(a, b);

function addImpl(op: string, f: Binary) {
  return ([a, b, alpha]: unknown[]): Tensor => {
    noAlpha(op, alpha, dtypeOf(a as TensorLike, b as TensorLike));
    return reducedBinary(op, a as TensorLike, b as TensorLike, f);
  };
}

function divImpl([a, b, mode]: unknown[]): Tensor {
  const d = dtypeOf(a as TensorLike, b as TensorLike);
  if (mode !== undefined && mode !== null) throw new RuntimeError(`"div" with roundingMode is not implemented for '${d.scalarType}' in torchts`);
  // PyTorch computes `2 / x` as reciprocal(x) * 2, with its own rounding of the reciprocal
  if (!(a instanceof Tensor)) throw new RuntimeError(`"div" of a number by a tensor is not implemented for '${d.scalarType}' in torchts (use x.float())`);
  return reducedBinary("div", a as TensorLike, b as TensorLike, DIV);
}

const add_ = addImpl("add", ADD);
const sub_ = addImpl("sub", SUB);
const mul_ = addImpl("mul", MUL);

bindReducedOp("add", add_);
bindReducedOp("sub", sub_);
bindReducedOp("mul", mul_);
bindReducedOp("div", divImpl);
bindReducedOp("neg", ([x]) => to(unary("neg", to(x as Tensor, float32)), (x as Tensor).dtype));
// in place: computed as above (in the promoted dtype), then cast into the target as every in-place op is
bindReducedOp("add_", (args) => inplace(args[0] as Tensor, "add_", add_(args)));
bindReducedOp("sub_", (args) => inplace(args[0] as Tensor, "sub_", sub_(args)));
bindReducedOp("mul_", (args) => inplace(args[0] as Tensor, "mul_", mul_(args)));
bindReducedOp("div_", (args) => inplace(args[0] as Tensor, "div_", divImpl(args)));
