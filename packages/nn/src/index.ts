/**
 * @torchts/nn — PyTorch's `torch.nn`: modules that register their parameters by assignment
 * and are called like functions, the layers and losses of d2l's chapters 2–6, `nn.init`,
 * `nn.functional` and gradient clipping, with PyTorch's orders, state dicts and printing.
 *
 * @example
 * import * as torch from "@torchts/autograd";
 * import * as nn from "@torchts/nn";
 * const net = new nn.Sequential(new nn.Linear(2, 1));
 * net[0].weight.data.normal_(0, 0.01);
 * net[0].bias.data.fill_(0);
 * const loss = new nn.MSELoss();
 * const l = loss(net(X), y);
 */
export { Module, RemovableHandle, type ForwardHook, type ForwardPreHook, type NamedOptions } from "./module";
export { Parameter } from "./parameter";
export { Sequential } from "./sequential";
export { ModuleList, ModuleDict } from "./module-list";
export { type ContainerIndex } from "./container-index";
export { Linear, Identity, Flatten, Unflatten } from "./linear";
export { ReLU, LeakyReLU, PReLU, Sigmoid, Tanh, GELU, Softmax, LogSoftmax, Dropout } from "./activation";
export { ELU, SELU, CELU, Hardtanh, ReLU6, Threshold } from "./activation-pointwise";
export { MSELoss, L1Loss, SmoothL1Loss, HuberLoss, BCELoss, BCEWithLogitsLoss, NLLLoss, CrossEntropyLoss } from "./loss";
export { IncompatibleKeys, type StateDictLike, type StateDictOptions } from "./state-dict";
export { OrderedDict } from "./ordered-dict";
export { AttributeError, KeyError } from "./errors";
export * as functional from "./functional-index";
export * as init from "./init";
export * as utils from "./utils";
