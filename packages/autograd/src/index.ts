/**
 * @torchts/autograd — reverse-mode automatic differentiation with PyTorch's
 * semantics. Importing it attaches `requiresGrad`, `backward()`, `.grad`,
 * `.gradFn` ... to every Tensor, and re-exports all of @torchts/tensor, so
 * one import gives the whole eager API.
 *
 * @example
 * import * as torch from "@torchts/autograd";
 * const x = torch.arange(4, { dtype: torch.float32, requiresGrad: true });
 * const y = torch.dot(x, x).mul(2);   // tensor(28., grad_fn=<MulBackward0>)
 * y.backward();
 * x.grad;                              // tensor([ 0.,  4.,  8., 12.])
 */
import "./install";
// the module augmentation that adds requiresGrad/backward/grad to Tensor lives here; exporting
// from it keeps its declarations in the program of every consumer (tslab included)
export { install } from "./tensor-methods";
export * from "@torchts/tensor";
export { backward, grad, type BackwardOptions, type GradOptions } from "./engine";
export { noGrad, enableGrad, isGradEnabled, setGradEnabled, type GradScope } from "./grad-mode";
export { defineOp, type CustomOp, type OpContext, type OpDefinition } from "./custom-op";
export { gradcheck, GradcheckError, type GradcheckOptions } from "./gradcheck";
export { Node, type Hook } from "./node";
export { derivatives, sumToShape } from "./derivatives";
