/**
 * torchts — PyTorch's eager API in TypeScript, under one import, with
 * PyTorch's namespaces:
 *
 * - `torch.*`: tensors and autograd (`@torchts/autograd`, which re-exports `@torchts/tensor`),
 *   also as `torch.autograd` (`torch.autograd.grad`, `torch.autograd.backward`);
 * - `torch.nn`, `torch.nn.functional`, `torch.nn.init` (`@torchts/nn`);
 * - `torch.distributions` (`@torchts/probability`);
 * - `torch.optim`, with `torch.optim.lrScheduler` (`@torchts/optim`);
 * - `torch.utils.data` (`@torchts/loaders`: DataLoader, datasets, samplers; torchvision's
 *   `datasets` and `transforms` are there too, as `torch.utils.data.datasets` / `.transforms`);
 * - `torch.save` / `torch.load` and `torch.safetensors` (`@torchts/serialization`).
 *
 * This package holds no code of its own: each name is the layered package's
 * own export, so a tensor made through `torchts` is the same class as one made
 * through `@torchts/tensor`. Nothing heavy runs at import: the WebAssembly
 * kernels and the worker thread start on first use.
 *
 * @example
 * import * as torch from "torchts";
 * const x = torch.arange(4, { dtype: torch.float32, requiresGrad: true });
 * torch.dot(x, x).backward();
 * x.grad; // tensor([0., 2., 4., 6.])
 */
export * from "@torchts/autograd";
export * as autograd from "@torchts/autograd";
export * as distributions from "@torchts/probability";
export * as nn from "@torchts/nn";
export * as optim from "@torchts/optim";
export * as utils from "./utils";
export { save, load, safetensors } from "@torchts/serialization";
