/**
 * The in-place activations PyTorch 1.13 has as `torch.*` functions and Tensor methods:
 * `relu_`, `sigmoid_`, `tanh_`. Each is declared once from its signature (signature.ts
 * checks the arguments) and is its out-of-place op written into the input (inplace.ts):
 * the result IS the input, its version is bumped, and with autograd its grad_fn is the
 * op's own node (ReluBackward0, ...), which saves the input itself as its result, as
 * PyTorch's does (these backwards read only the result, which is what makes them legal
 * in place). When nothing is recorded (noGrad, or nothing requires grad) a contiguous float
 * input is computed straight into its storage (inplace-direct.ts), without a temporary.
 * nn.functional's other in-place activations (leaky_relu_, ...) are in nn.
 * @example const x = torch.tensor([-1, 2.5]); torch.relu_(x); x   // tensor([0.0000, 2.5000])
 */
import { inplace } from "./inplace";
import { directUnary } from "./inplace-direct";
import { defineMethods } from "./methods";
import { checkedOp } from "./signature";
import type { Tensor } from "./tensor";
import { relu, sigmoid, tanh } from "./unary-ops";

type InplaceUnary = (input: Tensor) => Tensor;

/** max(x, 0), in place: `torch.relu_(x)` or `x.relu_()`; returns x. */
export const relu_ = checkedOp<InplaceUnary>("relu_(Tensor input)", (x: Tensor) => (directUnary(x, "relu") ? x : inplace(x, "relu_", relu(x))));
/** 1 / (1 + exp(−x)), in place (floating dtypes: an integer x cannot hold the result). */
export const sigmoid_ = checkedOp<InplaceUnary>("sigmoid_(Tensor input)", (x: Tensor) => (directUnary(x, "sigmoid") ? x : inplace(x, "sigmoid_", sigmoid(x))));
/** tanh x, in place (floating dtypes). */
export const tanh_ = checkedOp<InplaceUnary>("tanh_(Tensor input)", (x: Tensor) => (directUnary(x, "tanh") ? x : inplace(x, "tanh_", tanh(x))));

defineMethods({ relu_: relu_.method, sigmoid_: sigmoid_.method, tanh_: tanh_.method } as never);
