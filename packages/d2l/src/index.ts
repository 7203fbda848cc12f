/**
 * `@torchts/d2l`: the helpers of *Dive into Deep Learning* (PyTorch edition), with d2l's names in
 * camelCase. It sits on top of the layers: it may import every torchts package, and nothing imports it.
 *
 * ```ts
 * import * as torch from "torchts";
 * import * as d2l from "@torchts/d2l";
 * const [X, y] = d2l.syntheticData(torch.tensor([2, -3.4]), 4.2, 1000);
 * ```
 *
 * @packageDocumentation
 */
export { AssertionError } from "./errors";
export { syntheticData, loadArray, loadDataFashionMnist, getFashionMnistLabels, type LoadFashionMnistOptions, type FashionMnistIter } from "./data";
export { linreg, squaredLoss, sgd } from "./scratch";
export { Accumulator } from "./accumulator";
export { Timer } from "./timer";
export { accuracy, evaluateAccuracy, evaluateLoss } from "./metrics";
export type { Net, Loss } from "./args";
export { Animator, type AnimatorOptions, type AnimatorValue } from "./animator";
export { trainEpochCh3, trainCh3, type Updater, type Ch3Result } from "./train-ch3";
export { showImages, predictCh3, type ShowImagesOptions, type PredictCh3Options } from "./images";
// the optimisation chapter (d2l chapter 11; nb5)
export { train2d, type FGrad2d, type Trainer2d } from "./optimization";
export { showTrace, showTrace2d, traceSvg, trace2dSvg, type F2d } from "./optimization-plots";
export { trainCh11, trainConciseCh11, type TrainerFn, type OptimizerClass } from "./train-ch11";
export { getDataCh11, loadDiabetesTable, SKLEARN_DATA_DIR, type Ch11Iter, type GetDataCh11Options } from "./optimization-data";
