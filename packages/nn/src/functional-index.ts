/** `nn.functional` (PyTorch's `torch.nn.functional`, imported as `F`): activations, linear, dropout, oneHot and the losses. */
export * from "./functional";
export * from "./functional-pointwise";
export * from "./loss-functional";
