/** `torch.utils`: `torch.utils.data` is @torchts/loaders (DataLoader, TensorDataset, samplers; also its datasets and transforms). */
export * as data from "@torchts/loaders";
