/**
 * Options objects, key by key: each value of the wrong kind must raise, never pass silently.
 * nanOK entries: PyTorch 1.13.1 gives NaN too (an infinite weight decay, lr, momentum or lr
 * decay, RMSprop's alpha 1.5 or inf after one step; PReLU's init inf at x = 0), checked by hand.
 */
import * as torch from "@torchts/autograd";
import * as d2l from "@torchts/d2l";
import * as loaders from "@torchts/loaders";
import * as nn from "@torchts/nn";
import * as optim from "@torchts/optim";
import * as dist from "@torchts/probability";
import * as ser from "@torchts/serialization";
import type { Kind, Target } from "./engine";

const params = () => { const l = new nn.Linear(2, 1); l(torch.ones(3, 2)).sum().backward(); return l.parameters(); };
const sgd = () => new optim.SGD(params(), { lr: 0.1 });
const ds = () => new loaders.TensorDataset(torch.arange(12, { dtype: torch.float32 }).reshape(6, 2), torch.arange(6));
const iterate = (x: Iterable<unknown>) => [...x];
const x23 = () => torch.arange(6, { dtype: torch.float32 }).reshape(2, 3).div(6);
const K = (keys: string, kind: Kind): Record<string, Kind> => Object.fromEntries(keys.split(" ").map((k) => [k, kind]));
/** `make(...args)` then `use` it: the options object is args[slot]. */
const opt = (name: string, args: () => unknown[], slot: number, keys: Record<string, Kind>, call: (a: unknown[]) => unknown, nanOK?: Target["nanOK"]): Target =>
  ({ name: `options/${name}`, args, call, extra: 0, options: { slot, keys }, keysOnly: true, nanOK });
const stepOnce = (o: optim.Optimizer) => { o.step(); return o.paramGroups[0].params[0]; };

export const OPTION_TARGETS: Target[] = [
  opt("DataLoader", () => [ds(), { batchSize: 4 }], 1,
    { ...K("batchSize numWorkers prefetchFactor", "int"), ...K("shuffle pinMemory dropLast persistentWorkers", "bool"), timeout: "num", ...K("sampler batchSampler collateFn workerInitFn generator", "any") },
    ([d, o]) => iterate(new loaders.DataLoader(d as never, o as never))),
  opt("RandomSampler", () => [ds(), {}], 1, { replacement: "bool", numSamples: "int", generator: "any" }, ([d, o]) => iterate(new loaders.RandomSampler(d as never, o as never))),
  opt("randomSplit", () => [ds(), [4, 2], {}], 2, { generator: "any" }, ([d, l, o]) => loaders.randomSplit(d as never, l as never, o as never)),
  opt("FashionMNIST", () => ["/usr/share/datasets/fashion-mnist", { train: false }], 1, { train: "bool", download: "bool", transform: "any", targetTransform: "any" },
    ([r, o]) => new loaders.datasets.FashionMNIST(r as never, o as never).get(0)),
  opt("Normalize", () => [[0.5], [0.5], {}], 2, { inplace: "bool" }, ([m, s, o]) => new loaders.transforms.Normalize(m as never, s as never, o as never).forward(torch.ones(1, 2, 2))),
  opt("SGD", () => [params(), { lr: 0.1 }], 1, { ...K("lr momentum dampening weightDecay", "num"), ...K("nesterov maximize differentiable", "bool"), foreach: "any" },
    ([p, o]) => stepOnce(new optim.SGD(p as never, o as never))),
  opt("Adam", () => [params(), {}], 1, { ...K("lr eps weightDecay", "num"), ...K("amsgrad maximize capturable differentiable fused", "bool"), betas: "any", foreach: "any" },
    ([p, o]) => stepOnce(new optim.Adam(p as never, o as never)), { ".weightDecay": ["Infinity"] }),
  opt("AdamW", () => [params(), {}], 1, { ...K("lr eps weightDecay", "num"), ...K("amsgrad maximize", "bool"), betas: "any" }, ([p, o]) => stepOnce(new optim.AdamW(p as never, o as never)), { ".lr": ["Infinity"] }),
  opt("RMSprop", () => [params(), {}], 1, { ...K("lr alpha eps weightDecay momentum", "num"), ...K("centered maximize differentiable", "bool"), foreach: "any" },
    ([p, o]) => stepOnce(new optim.RMSprop(p as never, o as never)), { ".alpha": ["1.5", "Infinity"], ".momentum": ["Infinity"], ".weightDecay": ["Infinity"] }),
  opt("Adagrad", () => [params(), {}], 1, { ...K("lr lrDecay weightDecay initialAccumulatorValue eps", "num"), maximize: "bool", foreach: "any" },
    ([p, o]) => stepOnce(new optim.Adagrad(p as never, o as never)), { ".lrDecay": ["Infinity"], ".weightDecay": ["Infinity"] }),
  opt("zeroGrad", () => [sgd(), {}], 1, { setToNone: "bool" }, ([o, x]) => (o as optim.Optimizer).zeroGrad(x as never)),
  opt("StepLR", () => [sgd(), 2, {}], 2, { gamma: "num", lastEpoch: "int", verbose: "bool" }, ([o, s, x]) => new optim.lrScheduler.StepLR(o as never, s as never, x as never).step()),
  opt("CosineAnnealingLR", () => [sgd(), 10, {}], 2, { etaMin: "num", lastEpoch: "int", verbose: "bool" }, ([o, s, x]) => new optim.lrScheduler.CosineAnnealingLR(o as never, s as never, x as never).step()),
  opt("ReduceLROnPlateau", () => [sgd(), {}], 1, { ...K("factor threshold eps", "num"), ...K("patience cooldown", "int"), verbose: "bool", mode: "any", thresholdMode: "any", minLr: "any" },
    ([o, x]) => { const s = new optim.lrScheduler.ReduceLROnPlateau(o as never, x as never); s.step(1); s.step(2); return s.getLastLr(); }),
  opt("Linear", () => [2, 3, {}], 2, { bias: "bool", dtype: "any", device: "any" }, ([a, b, o]) => new nn.Linear(a as never, b as never, o as never)(torch.ones(1, 2))),
  opt("PReLU", () => [{}], 0, { numParameters: "int", init: "num", dtype: "any", device: "any" }, ([o]) => new nn.PReLU(o as never)(x23()), { ".init": ["Infinity"] }),
  opt("Dropout", () => [{}], 0, { p: "num", inplace: "bool" }, ([o]) => new nn.Dropout(o as never)(x23())),
  opt("GELU", () => [{}], 0, { approximate: "any" }, ([o]) => new nn.GELU(o as never)(x23())),
  opt("CrossEntropyLoss", () => [{}], 0, { weight: "any", ignoreIndex: "int", reduction: "any", labelSmoothing: "num" },
    ([o]) => new nn.CrossEntropyLoss(o as never)(x23(), torch.tensor([0, 2]))),
  opt("HuberLoss", () => [{}], 0, { reduction: "any", delta: "num" }, ([o]) => new nn.HuberLoss(o as never)(x23(), x23().mul(0.5))),
  opt("SmoothL1Loss", () => [{}], 0, { reduction: "any", beta: "num" }, ([o]) => new nn.SmoothL1Loss(o as never)(x23(), x23().mul(0.5))),
  opt("BCEWithLogitsLoss", () => [{}], 0, { weight: "any", reduction: "any", posWeight: "any" }, ([o]) => new nn.BCEWithLogitsLoss(o as never)(x23(), x23())),
  opt("stateDict", () => [new nn.Linear(2, 1), {}], 1, { prefix: "any", keepVars: "bool" }, ([m, o]) => [...(m as nn.Module).stateDict(o as never).keys()]),
  opt("F.softmax", () => [x23(), { dim: 1 }], 1, { dim: "int", dtype: "any" }, ([x, o]) => nn.functional.softmax(x as never, o as never)),
  opt("F.crossEntropy", () => [x23(), torch.tensor([0, 2]), {}], 2, { weight: "any", ignoreIndex: "int", reduction: "any", labelSmoothing: "num" },
    ([x, y, o]) => nn.functional.crossEntropy(x as never, y as never, o as never)),
  opt("init.kaimingUniform_", () => [torch.zeros(2, 3), {}], 1, { a: "num", mode: "any", nonlinearity: "any", generator: "any" }, ([t, o]) => nn.init.kaimingUniform_(t as never, o as never)),
  opt("utils.clipGradNorm_", () => [params(), 1.0, {}], 2, { normType: "any", errorIfNonfinite: "bool", foreach: "any" }, ([p, m, o]) => nn.utils.clipGradNorm_(p as never, m as never, o as never)),
  opt("load", () => [ser.save({ a: torch.ones(2) }), {}], 1, { weightsOnly: "bool", mapLocation: "any" }, ([b, o]) => ser.load(b as never, o as never)),
  opt("Normal", () => [0, 1, {}], 2, { validateArgs: "bool" }, ([m, s, o]) => new dist.Normal(m as never, s as never, o as never).sample([2])),
  opt("Normal.sample", () => [[2], {}], 1, { generator: "any" }, ([s, o]) => new dist.Normal(0, 1).sample(s as never, o as never)),
  opt("d2l.loadDataFashionMnist", () => [256, {}], 1, { resize: "any", root: "any" }, ([b, o]) => d2l.loadDataFashionMnist(b as never, o as never).length),
  opt("d2l.Animator", () => [{}], 0, { ...K("xlabel ylabel legend xlim ylim xscale yscale fmts figsize display", "any"), ...K("nrows ncols", "int") },
    ([o]) => new d2l.Animator(o as never).add(1, [1])),
];
