/**
 * @torchts/optim — torch.optim in TypeScript: optimizers with PyTorch 1.13's
 * exact single-tensor update order, fused into one pass over each parameter;
 * parameter groups; state dicts in PyTorch's layout; learning-rate schedules.
 *
 * @example
 * import * as torch from "@torchts/autograd";
 * import * as optim from "@torchts/optim";
 * const w = torch.zeros([2, 1], { requiresGrad: true });
 * const opt = new optim.SGD([w], { lr: 0.03, momentum: 0.9 });
 * const sched = new optim.lrScheduler.StepLR(opt, 10, { gamma: 0.5 });
 * for (let epoch = 0; epoch < 30; epoch++) {
 *   opt.zeroGrad();
 *   X.matmul(w).sub(y).pow(2).mean().backward();
 *   opt.step();
 *   sched.step();
 * }
 */
export { Optimizer, required, type ParamGroup, type ParamGroupInput, type ParamsInput } from "./optimizer";
export type { OptimizerStateDict, ParamState } from "./state-dict";
export { SGD, type SGDOptions, type SGDGroup } from "./sgd";
export { Adam, AdamW, type AdamOptions, type AdamGroup } from "./adam";
export { RMSprop, type RMSpropOptions, type RMSpropGroup } from "./rmsprop";
export { Adagrad, type AdagradOptions, type AdagradGroup } from "./adagrad";
export * as lrScheduler from "./schedulers";
export { optimKernels, type KernelKind } from "./wasm-module";
