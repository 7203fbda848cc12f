/** torchvision.transforms: `transforms.ToTensor`, `Normalize`, `Compose`, `Lambda`. */
export { ToTensor, Normalize, Compose, Lambda, type Transform } from "./transforms";
