/** torchvision.transforms: `transforms.ToTensor`, `Normalize`, `Compose`, `Lambda`, `Resize`. */
export { ToTensor, Normalize, Compose, Lambda, type Transform } from "./transforms";
export { Resize } from "./resize";
