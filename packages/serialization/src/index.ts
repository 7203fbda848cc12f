/**
 * @torchts/serialization — torch.save / torch.load in PyTorch's own `.pt` format, and safetensors.
 *
 * @example
 * import * as torch from "@torchts/tensor";
 * import { save, load } from "@torchts/serialization";
 * save({ x: torch.arange(4), y: torch.zeros(4) }, "mydict");
 * const d = load("mydict") as { x: torch.Tensor; y: torch.Tensor };
 */
export { save, archiveName } from "./save";
export { load, type LoadOptions } from "./load";
export { saveFile, loadFile, type SafetensorsMetadata } from "./safetensors";
export * as safetensors from "./safetensors";
export { FileError, UnpicklingError, SafetensorError } from "./errors";
export { PicklingError } from "./pickle-write";
export { crc32 } from "./crc32";
