/** optim's fuzz targets: each optimizer and scheduler, constructed and stepped, and their state dicts. */
import * as torch from "@torchts/autograd";
import * as nn from "@torchts/nn";
import * as optim from "@torchts/optim";
import { methodTargets, type Target } from "./engine";

const params = () => { const l = new nn.Linear(2, 1); l(torch.ones(3, 2)).sum().backward(); return l.parameters(); };
const sgd = () => new optim.SGD(params(), { lr: 0.1, momentum: 0.9 });
const S = optim.lrScheduler;
const ctor = (name: string, C: new (...a: any[]) => unknown, args: () => unknown[]): Target => ({ name: `optim/new ${name}`, args, call: (a) => new C(...a) });

export const OPTIM_TARGETS: Target[] = [
  ctor("SGD", optim.SGD, () => [params(), { lr: 0.1 }]),
  ctor("Adam", optim.Adam, () => [params(), { lr: 0.1 }]),
  ctor("AdamW", optim.AdamW, () => [params(), { lr: 0.1 }]),
  ctor("RMSprop", optim.RMSprop, () => [params(), { lr: 0.1 }]),
  ctor("Adagrad", optim.Adagrad, () => [params(), { lr: 0.1 }]),
  ctor("StepLR", S.StepLR, () => [sgd(), 2, { gamma: 0.5 }]),
  ctor("MultiStepLR", S.MultiStepLR, () => [sgd(), [1, 3], { gamma: 0.5 }]),
  ctor("ExponentialLR", S.ExponentialLR, () => [sgd(), 0.9]),
  ctor("CosineAnnealingLR", S.CosineAnnealingLR, () => [sgd(), 10, { etaMin: 0 }]),
  { ...ctor("LambdaLR", S.LambdaLR, () => [sgd(), (e: number) => 0.9 ** e]), accepts: {} },
  ctor("ReduceLROnPlateau", S.ReduceLROnPlateau, () => [sgd(), { factor: 0.5, patience: 0 }]),
  ...methodTargets("optim/SGD", sgd, {
    addParamGroup: () => [{ params: [new nn.Parameter(torch.ones(2))] }], loadStateDict: () => [sgd().stateDict()], zeroGrad: () => [true],
  }),
  ...methodTargets("optim/Adam", () => new optim.Adam(params()), { loadStateDict: () => [new optim.Adam(params()).stateDict()] }, ["addParamGroup", "zeroGrad", "toString"]),
  ...methodTargets("optim/StepLR", () => new S.StepLR(sgd(), 2), { loadStateDict: () => [new S.StepLR(sgd(), 2).stateDict()] }, ["getLr"]), // getLr: TypeScript-protected
  ...methodTargets("optim/ReduceLROnPlateau", () => new S.ReduceLROnPlateau(sgd()), {
    step: () => [1.0], isBetter: () => [1.0, 2.0], loadStateDict: () => [new S.ReduceLROnPlateau(sgd()).stateDict()],
  }),
];
