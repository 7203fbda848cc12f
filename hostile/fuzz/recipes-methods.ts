/** More instance methods: the classes the other recipes construct but do not walk. */
import * as torch from "@torchts/autograd";
import * as loaders from "@torchts/loaders";
import * as nn from "@torchts/nn";
import * as optim from "@torchts/optim";
import * as dist from "@torchts/probability";
import { methodTargets, type Target } from "./engine";

const ds = () => new loaders.TensorDataset(torch.arange(12, { dtype: torch.float32 }).reshape(6, 2), torch.arange(6));
const params = () => { const l = new nn.Linear(2, 1); l(torch.ones(3, 2)).sum().backward(); return l.parameters(); };
const sgd = () => new optim.SGD(params(), { lr: 0.1 });
const S = optim.lrScheduler;
const v = (x: number[]) => () => [torch.tensor(x)];
const PROTECTED = ["init", "validateSample", "validatedParams", "explicitParams", "sharedTotalCount"]; // TypeScript-protected or -private
const PRIVATE = ["namedMembers"]; // Module's TypeScript-private helper

export const METHOD_TARGETS: Target[] = [
  ...methodTargets("nn/Linear", () => new nn.Linear(3, 2), { forward: () => [torch.ones(2, 3)] }, PRIVATE),
  ...methodTargets("nn/PReLU", () => new nn.PReLU(), { forward: () => [torch.ones(2, 3)] }, PRIVATE),
  ...methodTargets("nn/CrossEntropyLoss", () => new nn.CrossEntropyLoss(), { forward: () => [torch.ones(2, 3), torch.tensor([0, 2])] }, PRIVATE),
  ...methodTargets("loaders/Subset", () => new loaders.Subset(ds(), [0, 2, 4]), { get: () => [1], getBatch: () => [[0, 1]] }),
  ...methodTargets("loaders/ConcatDataset", () => new loaders.ConcatDataset([ds(), ds()]), { get: () => [7] }),
  ...methodTargets("loaders/FashionMNIST", () => new loaders.datasets.FashionMNIST("/usr/share/datasets/fashion-mnist", { train: false }), { get: () => [0] }),
  ...methodTargets("loaders/Compose", () => new loaders.transforms.Compose([new loaders.transforms.Normalize([0.5], [0.5])]), { forward: () => [torch.ones(1, 2, 2)] }),
  ...methodTargets("loaders/Lambda", () => new loaders.transforms.Lambda((x: unknown) => x), { forward: () => [1] }, [], { forward: { 0: ["{bogus:1}", "Symbol", "1n"] } }), // the identity lambda returns anything
  ...methodTargets("optim/RMSprop", () => new optim.RMSprop(params()), { loadStateDict: () => [new optim.RMSprop(params()).stateDict()] }),
  ...methodTargets("optim/Adagrad", () => new optim.Adagrad(params()), { loadStateDict: () => [new optim.Adagrad(params()).stateDict()] }),
  ...methodTargets("optim/MultiStepLR", () => new S.MultiStepLR(sgd(), [1, 2]), { loadStateDict: () => [new S.MultiStepLR(sgd(), [1, 2]).stateDict()] }, ["getLr"]),
  ...methodTargets("optim/CosineAnnealingLR", () => new S.CosineAnnealingLR(sgd(), 5), { loadStateDict: () => [new S.CosineAnnealingLR(sgd(), 5).stateDict()] }, ["getLr"]),
  ...methodTargets("optim/LambdaLR", () => new S.LambdaLR(sgd(), (e: number) => 0.9 ** e), { loadStateDict: () => [new S.LambdaLR(sgd(), (e: number) => 0.9 ** e).stateDict()] }, ["getLr"]),
  ...methodTargets("probability/Bernoulli", () => new dist.Bernoulli(0.3), { sample: () => [[2]], logProb: v([1]), enumerateSupport: () => [true] }, PROTECTED),
  ...methodTargets("probability/Uniform", () => new dist.Uniform(0, 2), { sample: () => [[2]], logProb: v([0.5]), cdf: v([0.5]), icdf: v([0.5]) }, PROTECTED),
  // NaN as in PyTorch 1.13.1 (checked): Exponential(2).icdf(1.5) and icdf(inf), Gamma(2, 1).log_prob(inf)
  ...methodTargets("probability/Exponential", () => new dist.Exponential(2), { sample: () => [[2]], logProb: v([0.5]), cdf: v([0.5]), icdf: v([0.5]) }, PROTECTED)
    .map((t) => (t.name.endsWith("#icdf") ? { ...t, nanOK: { 0: ["1.5", "Infinity"] } } : t)),
  ...methodTargets("probability/Gamma", () => new dist.Gamma(2, 1), { sample: () => [[2]], logProb: v([0.5]) }, PROTECTED)
    .map((t) => (t.name.endsWith("#logProb") ? { ...t, nanOK: { 0: ["Infinity"] } } : t)),
  ...methodTargets("probability/Beta", () => new dist.Beta(2, 3), { sample: () => [[2]], logProb: v([0.5]) }, PROTECTED),
  ...methodTargets("probability/Binomial", () => new dist.Binomial(5, 0.3), { sample: () => [[2]], logProb: v([2]), enumerateSupport: () => [true] }, PROTECTED),
  ...methodTargets("probability/Poisson", () => new dist.Poisson(2), { sample: () => [[2]], logProb: v([2]) }, PROTECTED),
  ...methodTargets("probability/Multinomial", () => new dist.Multinomial(3, torch.tensor([0.2, 0.8])), { sample: () => [[2]], logProb: v([1, 2]) }, PROTECTED),
];
