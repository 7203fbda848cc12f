/** nn's fuzz targets: every module constructor and forward, functional, init, utils, Module's methods. */
import * as torch from "@torchts/autograd";
import * as nn from "@torchts/nn";
import { methodTargets, type Target } from "./engine";

const F = nn.functional;
const x23 = () => torch.arange(6, { dtype: torch.float32 }).reshape(2, 3).div(6);
const probs = () => torch.tensor([[0.2, 0.7, 0.5], [0.9, 0.1, 0.4]]);
const cls = () => torch.tensor([0, 2]);
// nanOK: PyTorch 1.13.1 gives NaN too (softplus and leaky_relu with beta/slope inf at x = 0: 0·inf;
// trunc_normal_ with std inf)
const fn = (name: string, f: (...a: any[]) => unknown, args: () => unknown[], extra = 1, accepts?: Target["accepts"], nanOK?: Target["nanOK"]): Target =>
  ({ name: `nn/${name}`, args, call: (a) => f(...a), extra, accepts, nanOK });
const ctor = (name: string, C: new (...a: any[]) => unknown, args: () => unknown[], fwd?: () => unknown[]): Target[] => {
  const out: Target[] = [{ name: `nn/new ${name}`, args, call: (a) => new C(...a) }];
  if (fwd) out.push({ name: `nn/${name}()`, args: fwd, call: (a) => (new C(...args()) as any)(...a) });
  return out;
};
const net = () => new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Linear(4, 2));

export const NN_TARGETS: Target[] = [
  ...ctor("Linear", nn.Linear, () => [3, 2], () => [x23()]),
  // PyTorch's Identity(*args, **kwargs) ignores its arguments ("any argument (unused)")
  { ...ctor("Identity", nn.Identity, () => [])[0], accepts: { 0: ["{bogus:1}", "Symbol", "1n"] } },
  { ...ctor("Identity", nn.Identity, () => [], () => [x23()])[1], accepts: { 0: ["{bogus:1}", "Symbol", "1n"] } }, // returns its input, whatever it is
  ...ctor("Flatten", nn.Flatten, () => [0, -1], () => [x23()]),
  ...ctor("Unflatten", nn.Unflatten, () => [1, [3, 1]], () => [x23()]),
  ...ctor("ReLU", nn.ReLU, () => [], () => [x23()]),
  ...ctor("LeakyReLU", nn.LeakyReLU, () => [0.1], () => [x23()]),
  ...ctor("PReLU", nn.PReLU, () => [1, 0.25], () => [x23()]),
  ...ctor("Sigmoid", nn.Sigmoid, () => [], () => [x23()]),
  ...ctor("Tanh", nn.Tanh, () => [], () => [x23()]),
  ...ctor("GELU", nn.GELU, () => [], () => [x23()]),
  ...ctor("Softmax", nn.Softmax, () => [1], () => [x23()]),
  ...ctor("LogSoftmax", nn.LogSoftmax, () => [1], () => [x23()]),
  ...ctor("Dropout", nn.Dropout, () => [0.5], () => [x23()]),
  ...ctor("MSELoss", nn.MSELoss, () => [], () => [x23(), probs()]),
  ...ctor("L1Loss", nn.L1Loss, () => [], () => [x23(), probs()]),
  ...ctor("SmoothL1Loss", nn.SmoothL1Loss, () => [], () => [x23(), probs()]),
  ...ctor("HuberLoss", nn.HuberLoss, () => [], () => [x23(), probs()]),
  ...ctor("BCELoss", nn.BCELoss, () => [], () => [probs(), x23()]),
  ...ctor("BCEWithLogitsLoss", nn.BCEWithLogitsLoss, () => [], () => [x23(), probs()]),
  ...ctor("NLLLoss", nn.NLLLoss, () => [], () => [x23().logSoftmax(1), cls()]),
  ...ctor("CrossEntropyLoss", nn.CrossEntropyLoss, () => [], () => [x23(), cls()]),
  ...ctor("Sequential", nn.Sequential, () => [new nn.Linear(3, 2), new nn.ReLU()], () => [x23()]),
  ...ctor("ModuleList", nn.ModuleList, () => [[new nn.Linear(3, 2)]]),
  ...ctor("ModuleDict", nn.ModuleDict, () => [{ a: new nn.Linear(3, 2) }]),
  ...ctor("Parameter", nn.Parameter, () => [x23(), true]),
  fn("F.softplus", F.softplus, () => [x23()], 1, undefined, { 1: ["Infinity"] }), fn("F.logsigmoid", F.logsigmoid, () => [x23()]),
  fn("F.relu", F.relu, () => [x23()]), fn("F.leakyRelu", F.leakyRelu, () => [x23(), 0.1], 1, undefined, { 1: ["Infinity"] }),
  fn("F.prelu", F.prelu, () => [x23(), torch.tensor([0.25])]), fn("F.gelu", F.gelu, () => [x23()]),
  fn("F.sigmoid", F.sigmoid, () => [x23()]), fn("F.tanh", F.tanh, () => [x23()]),
  fn("F.softmax", F.softmax, () => [x23(), 1]), fn("F.logSoftmax", F.logSoftmax, () => [x23(), 1]),
  fn("F.linear", F.linear, () => [x23(), torch.ones(2, 3), torch.zeros(2)]), fn("F.dropout", F.dropout, () => [x23(), 0.5]),
  fn("F.oneHot", F.oneHot, () => [cls(), 3]),
  fn("F.mseLoss", F.mseLoss, () => [x23(), probs()]), fn("F.l1Loss", F.l1Loss, () => [x23(), probs()]),
  fn("F.smoothL1Loss", F.smoothL1Loss, () => [x23(), probs()]), fn("F.huberLoss", F.huberLoss, () => [x23(), probs()]),
  fn("F.binaryCrossEntropy", F.binaryCrossEntropy, () => [probs(), x23()]),
  fn("F.binaryCrossEntropyWithLogits", F.binaryCrossEntropyWithLogits, () => [x23(), probs()]),
  fn("F.nllLoss", F.nllLoss, () => [x23().logSoftmax(1), cls()]), fn("F.crossEntropy", F.crossEntropy, () => [x23(), cls()]),
  fn("init.calculateGain", nn.init.calculateGain, () => ["leaky_relu", 0.1]),
  fn("init.calculateFanInAndFanOut", nn.init.calculateFanInAndFanOut, () => [torch.zeros(2, 3)]),
  fn("init.uniform_", nn.init.uniform_, () => [torch.zeros(2, 3), 0, 1]), fn("init.normal_", nn.init.normal_, () => [torch.zeros(2, 3), 0, 1]),
  fn("init.constant_", nn.init.constant_, () => [torch.zeros(2, 3), 0.5]), fn("init.ones_", nn.init.ones_, () => [torch.zeros(2, 3)]),
  fn("init.zeros_", nn.init.zeros_, () => [torch.zeros(2, 3)]), fn("init.eye_", nn.init.eye_, () => [torch.zeros(2, 3)]),
  fn("init.xavierUniform_", nn.init.xavierUniform_, () => [torch.zeros(2, 3), 1]), fn("init.xavierNormal_", nn.init.xavierNormal_, () => [torch.zeros(2, 3), 1]),
  fn("init.kaimingUniform_", nn.init.kaimingUniform_, () => [torch.zeros(2, 3), 0, "fan_in", "leaky_relu"]),
  fn("init.kaimingNormal_", nn.init.kaimingNormal_, () => [torch.zeros(2, 3), 0, "fan_in", "leaky_relu"]),
  fn("init.truncNormal_", nn.init.truncNormal_, () => [torch.zeros(2, 3), 0, 1, -2, 2], 1, undefined, { 2: ["Infinity"] }),
  fn("utils.clipGradNorm_", nn.utils.clipGradNorm_, () => { const p = net(); p(x23()).sum().backward(); return [p.parameters(), 1.0]; }),
  fn("utils.clipGradValue_", nn.utils.clipGradValue_, () => { const p = net(); p(x23()).sum().backward(); return [p.parameters(), 1.0]; }),
  ...methodTargets("nn/Sequential", net, {
    forward: () => [x23()], registerParameter: () => ["w", new nn.Parameter(torch.ones(2))], addModule: () => ["m", new nn.ReLU()],
    registerModule: () => ["m", new nn.ReLU()], registerBuffer: () => ["b", torch.ones(2)], getSubmodule: () => ["0"],
    loadStateDict: () => [net().stateDict()], apply: () => [(m: unknown) => m], train: () => [true], requiresGrad_: () => [false],
    to: () => [torch.float64], registerForwardPreHook: () => [() => undefined], registerForwardHook: () => [() => undefined],
    get: () => [0], set: () => [0, new nn.ReLU()], delete: () => [0], insert: () => [0, new nn.ReLU()], append: () => [new nn.ReLU()],
    extend: () => [[new nn.ReLU()]], pop: () => [0], namedModules: () => [], stateDict: () => [],
  }, ["forgetNames", "indexPositions", "namedMembers"]), // TypeScript-private helpers
  ...methodTargets("nn/ModuleDict", () => new nn.ModuleDict({ a: new nn.Linear(3, 2) }), {
    get: () => ["a"], set: () => ["b", new nn.ReLU()], has: () => ["a"], delete: () => ["a"], pop: () => ["a"], update: () => [{ b: new nn.ReLU() }],
  }, ["registerParameter", "addModule", "registerModule", "registerBuffer", "namedModules", "modules", "namedChildren", "children", "namedMembers", "namedParameters", "parameters", "namedBuffers", "buffers", "getSubmodule", "stateDict", "loadStateDict", "apply", "train", "eval", "requiresGrad_", "zeroGrad", "to", "cpu", "cuda", "float", "double", "registerForwardPreHook", "registerForwardHook", "extraRepr", "toString"]),
  ...methodTargets("nn/ModuleList", () => new nn.ModuleList([new nn.Linear(3, 2)]), {
    get: () => [0], set: () => [0, new nn.ReLU()], append: () => [new nn.ReLU()], extend: () => [[new nn.ReLU()]], insert: () => [0, new nn.ReLU()], delete: () => [0], pop: () => [0],
  }, ["registerParameter", "addModule", "registerModule", "registerBuffer", "namedModules", "modules", "namedChildren", "children", "namedMembers", "namedParameters", "parameters", "namedBuffers", "buffers", "getSubmodule", "stateDict", "loadStateDict", "apply", "train", "eval", "requiresGrad_", "zeroGrad", "to", "cpu", "cuda", "float", "double", "registerForwardPreHook", "registerForwardHook", "extraRepr", "toString", "forward"]),
];
