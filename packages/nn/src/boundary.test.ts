/**
 * A boundary sweep of @torchts/nn: every constructor, layer call, nn.functional function,
 * nn.init function, clipping util and module API method, with each of a set of bad values in
 * each argument slot. Whatever it does, it never fails with a raw JavaScript error ("Cannot
 * read properties", "is not a function", a RangeError): only with a TorchError. The hostile
 * table (hostile/rows/nn.json) holds the calls whose verdicts PyTorch gives; this covers the rest.
 */
import { expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import * as nn from "./index";

const F = nn.functional;
const BAD: unknown[] = [undefined, null, NaN, -1, 1.5, "zz", {}, [], [undefined], { bogus: 1 }, () => 1, Symbol("s"), 10n, true];
const RAW = /Cannot read|is not a function|undefined \(reading|is not iterable|Invalid typed array|Maximum call|is not a constructor|Cannot convert/;

it("bad values in every slot raise TorchErrors, never raw JavaScript errors", () => {
  const out: string[] = [];
  const check = (name: string, f: () => unknown) => {
    try {
      f();
    } catch (e) {
      const msg = (e as Error)?.message ?? String(e);
      if (!(e instanceof torch.TorchError) || RAW.test(msg)) out.push(`${name}: ${(e as Error)?.constructor?.name}: ${msg.slice(0, 140)}`);
    }
  };
  const x = () => torch.rand(2, 3);
  const y = () => torch.tensor([0, 2]);
  const slots = (name: string, good: unknown[], call: (...a: any[]) => unknown) => {
    for (let s = 0; s <= good.length; s++) {
      for (const [i, v] of BAD.entries()) {
        const args = good.slice();
        args[s] = v;
        check(`${name}(slot ${s} = BAD${i})`, () => call(...args));
      }
    }
  };
  // constructors
  const ctors: [string, new (...a: any[]) => nn.Module, unknown[]][] = [
    ["Linear", nn.Linear, [3, 2]], ["Identity", nn.Identity, []], ["Flatten", nn.Flatten, [1, -1]], ["Unflatten", nn.Unflatten, [1, [3, 1]]],
    ["ReLU", nn.ReLU, []], ["LeakyReLU", nn.LeakyReLU, [0.1]], ["PReLU", nn.PReLU, [3, 0.25]], ["Sigmoid", nn.Sigmoid, []], ["Tanh", nn.Tanh, []],
    ["GELU", nn.GELU, []], ["ELU", nn.ELU, [0.5, true]], ["SELU", nn.SELU, [true]], ["CELU", nn.CELU, [0.5, true]], ["Hardtanh", nn.Hardtanh, [-1, 1, true]],
    ["ReLU6", nn.ReLU6, [true]], ["Threshold", nn.Threshold, [0.1, 2, true]], ["Softmax", nn.Softmax, [1]], ["LogSoftmax", nn.LogSoftmax, [1]], ["Dropout", nn.Dropout, [0.5]],
    ["MSELoss", nn.MSELoss, []], ["L1Loss", nn.L1Loss, []], ["SmoothL1Loss", nn.SmoothL1Loss, []], ["HuberLoss", nn.HuberLoss, []],
    ["BCELoss", nn.BCELoss, []], ["BCEWithLogitsLoss", nn.BCEWithLogitsLoss, []], ["NLLLoss", nn.NLLLoss, []], ["CrossEntropyLoss", nn.CrossEntropyLoss, []],
    ["Sequential", nn.Sequential, [new nn.ReLU()]], ["ModuleList", nn.ModuleList, [[new nn.ReLU()]]], ["ModuleDict", nn.ModuleDict, [{ a: new nn.ReLU() }]],
    ["Parameter", nn.Parameter as never, [torch.ones(2)]],
  ];
  for (const [name, C, good] of ctors) {
    slots(`new nn.${name}`, good, (...a) => new C(...a));
    // built well, then called badly
    let m: nn.Module | null = null;
    try {
      m = new C(...good);
    } catch {
      m = null;
    }
    if (m !== null && typeof m === "function" && !(m instanceof nn.Parameter)) {
      const two = name.endsWith("Loss");
      slots(`nn.${name}(...)`, two ? [x(), y()] : [x()], (...a) => (m as unknown as (...b: unknown[]) => unknown)(...a));
    }
  }
  // nn.functional, in PyTorch's argument order
  const fns: [string, (...a: any[]) => unknown, unknown[]][] = [
    ["relu", F.relu, [x()]], ["leakyRelu", F.leakyRelu, [x(), 0.1]], ["prelu", F.prelu, [x(), torch.ones(1)]], ["gelu", F.gelu, [x()]],
    ["sigmoid", F.sigmoid, [x()]], ["tanh", F.tanh, [x()]], ["softmax", F.softmax, [x(), 1]], ["logSoftmax", F.logSoftmax, [x(), 1]],
    ["relu_", F.relu_, [x()]], ["leakyRelu_", F.leakyRelu_, [x(), 0.1]], ["elu", F.elu, [x(), 0.5, true]], ["elu_", F.elu_, [x(), 0.5]],
    ["selu", F.selu, [x(), true]], ["selu_", F.selu_, [x()]], ["celu", F.celu, [x(), 0.5, true]], ["celu_", F.celu_, [x(), 0.5]],
    ["hardtanh", F.hardtanh, [x(), -1, 1, true]], ["hardtanh_", F.hardtanh_, [x(), -1, 1]], ["relu6", F.relu6, [x(), true]],
    ["threshold", F.threshold, [x(), 0.1, 2, true]], ["threshold_", F.threshold_, [x(), 0.1, 2]],
    ["dropout", F.dropout, [x(), 0.5, true, false]], ["linear", F.linear, [x(), torch.ones(2, 3), torch.ones(2)]], ["oneHot", F.oneHot, [y(), 3]],
    ["mseLoss", F.mseLoss, [x(), x()]], ["l1Loss", F.l1Loss, [x(), x()]], ["smoothL1Loss", F.smoothL1Loss, [x(), x()]], ["huberLoss", F.huberLoss, [x(), x()]],
    ["binaryCrossEntropy", F.binaryCrossEntropy, [x(), x()]], ["binaryCrossEntropyWithLogits", F.binaryCrossEntropyWithLogits, [x(), x()]],
    ["nllLoss", F.nllLoss, [x(), y()]], ["crossEntropy", F.crossEntropy, [x(), y()]],
  ];
  for (const [name, f, good] of fns) {
    slots(`F.${name}`, good, f);
    for (const [i, v] of BAD.entries()) check(`F.${name}(..., { key: BAD${i} })`, () => f(...good.slice(0, 2), { reduction: v, weight: v, dim: v, inplace: v }));
  }
  // nn.init and nn.utils
  const inits = Object.entries(nn.init).filter(([, f]) => typeof f === "function") as [string, (...a: any[]) => unknown][];
  for (const [name, f] of inits) slots(`nn.init.${name}`, name === "calculateGain" ? ["relu"] : [torch.empty(3, 4)], f);
  const ps = () => {
    const p = new nn.Parameter(torch.zeros(2));
    p.grad = torch.ones(2);
    return [p];
  };
  slots("clipGradNorm_", [ps(), 1, 2], (...a) => nn.utils.clipGradNorm_(...(a as [never, never])));
  slots("clipGradValue_", [ps(), 1], (...a) => nn.utils.clipGradValue_(...(a as [never, never])));
  // the module API
  const mk = () => new nn.Sequential(new nn.Linear(3, 2), new nn.ReLU());
  const methods: [string, unknown[]][] = [
    ["registerParameter", ["p", null]], ["registerBuffer", ["b", null]], ["addModule", ["m", null]], ["namedModules", []], ["namedParameters", []],
    ["parameters", []], ["namedBuffers", []], ["buffers", []], ["getSubmodule", ["0"]], ["stateDict", []], ["loadStateDict", [mk().stateDict()]],
    ["apply", [() => 1]], ["train", [true]], ["requiresGrad_", [true]], ["zeroGrad", []], ["to", [torch.float64]], ["registerForwardHook", [() => 1]],
    ["registerForwardPreHook", [() => 1]], ["get", [0]], ["set", [0, new nn.Tanh()]], ["delete", [0]], ["append", [new nn.Tanh()]],
    ["insert", [0, new nn.Tanh()]], ["extend", [[new nn.Tanh()]]], ["pop", [0]],
  ];
  for (const [name, good] of methods) slots(`net.${name}`, good, (...a) => (mk() as unknown as Record<string, (...b: unknown[]) => unknown>)[name](...a));
  expect(out).toEqual([]);
});
