/** torchvision.datasets: the image datasets (`datasets.FashionMNIST`, `datasets.MNIST`). */
export { MNIST, FashionMNIST, type MNISTOptions } from "./mnist";
