/** `optim.lrScheduler`: PyTorch's torch.optim.lr_scheduler. */
export {
  LRScheduler, StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LambdaLR, KeyError, type SchedulerOptions,
} from "./lr-scheduler";
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from "./reduce-lr-on-plateau";
