/** Fuzz targets of serialization, d2l, data and probability (data and probability also have boundary-sweep.test.ts). */
import { join } from "node:path";
import * as torch from "@torchts/autograd";
import * as d2l from "@torchts/d2l";
import * as pd from "@torchts/data";
import * as loaders from "@torchts/loaders";
import * as nn from "@torchts/nn";
import * as optim from "@torchts/optim";
import * as dist from "@torchts/probability";
import * as ser from "@torchts/serialization";
import { methodTargets, type Target } from "./engine";

const fn = (pkg: string, name: string, f: (...a: any[]) => unknown, args: () => unknown[], accepts?: Target["accepts"]): Target =>
  ({ name: `${pkg}/${name}`, args, call: (a) => f(...a), accepts });
/** Files go under `dir` (the test chdirs there too, so a hostile "1" path lands in it). */
export function serializationTargets(dir: string): Target[] {
  const p = (f: string) => join(dir, f);
  const obj = () => ({ w: torch.ones(2, 3), step: 3 });
  const bytes = () => ser.save(obj());
  const stBytes = () => ser.safetensors.save({ w: torch.ones(2) });
  ser.save(obj(), p("ok.pt"));
  ser.safetensors.saveFile({ w: torch.ones(2) }, p("ok.safetensors"));
  return [
    // save's obj: any dict pickles, and a BigInt is a Python int
    fn("serialization", "save(bytes)", ser.save, () => [obj()], { 0: ["{bogus:1}", "1n"] }),
    fn("serialization", "save(path)", ser.save, () => [obj(), p("a.pt")], { 0: ["{bogus:1}", "1n"] }),
    fn("serialization", "load(bytes)", ser.load, () => [bytes()]),
    fn("serialization", "load(path)", ser.load, () => [p("ok.pt")]),
    fn("serialization", "load(corrupt)", (b: Uint8Array, o: unknown) => ser.load(b, o as never), () => { const b = bytes(); b[b.length >> 1] ^= 0xff; return [b]; }),
    fn("serialization", "safetensors.save", ser.safetensors.save, () => [{ w: torch.ones(2) }]),
    fn("serialization", "safetensors.saveFile", ser.safetensors.saveFile, () => [{ w: torch.ones(2) }, p("b.safetensors")]),
    fn("serialization", "safetensors.load", ser.safetensors.load, () => [stBytes()]),
    fn("serialization", "safetensors.loadFile", ser.safetensors.loadFile, () => [p("ok.safetensors")]),
    fn("serialization", "safetensors.metadataOf", ser.safetensors.metadataOf, () => [stBytes()]),
    fn("serialization", "crc32", ser.crc32, () => [new Uint8Array([1, 2, 3])]),
    // archiveName takes no arity check: `paths.map(archiveName)` passes (value, index, array)
    fn("serialization", "archiveName", ser.archiveName, () => ["x/model.pt"], { 1: ["{bogus:1}", "Symbol", "1n"] }),
  ];
}

const X = () => torch.arange(12, { dtype: torch.float32 }).reshape(6, 2).div(12);
const y = () => torch.tensor([0, 1, 0, 1, 1, 0]);
const iter = () => new loaders.DataLoader(new loaders.TensorDataset(X(), y()), { batchSize: 3 });
const netFn = () => new nn.Sequential(new nn.Linear(2, 2));
const f2d = (x1: number, x2: number) => x1 * x1 + 2 * x2 * x2;
export const D2L_TARGETS: Target[] = [
  fn("d2l", "syntheticData", d2l.syntheticData, () => [torch.tensor([2, -3.4]), 4.2, 10]),
  fn("d2l", "loadArray", d2l.loadArray, () => [[X(), y()], 3, true]),
  fn("d2l", "linreg", d2l.linreg, () => [X(), torch.ones(2, 1), torch.zeros(1)]),
  fn("d2l", "squaredLoss", d2l.squaredLoss, () => [X(), X()]),
  fn("d2l", "sgd", d2l.sgd, () => { const w = torch.ones(2, { requiresGrad: true }); w.sum().backward(); return [[w], 0.1, 2]; }),
  fn("d2l", "accuracy", d2l.accuracy, () => [X(), torch.tensor([0, 1, 0, 1, 1, 0])]),
  fn("d2l", "evaluateAccuracy", d2l.evaluateAccuracy, () => [netFn(), iter()]),
  fn("d2l", "evaluateLoss", d2l.evaluateLoss, () => [netFn(), iter(), new nn.CrossEntropyLoss({ reduction: "none" })]),
  fn("d2l", "trainEpochCh3", d2l.trainEpochCh3, () => { const n = netFn(); return [n, iter(), new nn.CrossEntropyLoss({ reduction: "none" }), new optim.SGD(n.parameters(), { lr: 0.1 })]; }),
  fn("d2l", "trainCh3", d2l.trainCh3, () => { const n = netFn(); return [n, iter(), iter(), new nn.CrossEntropyLoss({ reduction: "none" }), 1, new optim.SGD(n.parameters(), { lr: 0.1 })]; }),
  fn("d2l", "train2d", d2l.train2d, () => [(x1: number, x2: number, s1: number, s2: number): [number, number, number, number] => [x1 - 0.1 * 2 * x1, x2 - 0.1 * 4 * x2, s1, s2], 5]),
  fn("d2l", "traceSvg", d2l.traceSvg, () => [[1, 0.5, 0.25], (x: torch.Tensor) => x.mul(x)]),
  fn("d2l", "trace2dSvg", d2l.trace2dSvg, () => [f2d, [[1, 1], [0.5, 0.5]]]),
  fn("d2l", "getDataCh11", d2l.getDataCh11, () => [10, 100]),
  fn("d2l", "getFashionMnistLabels", d2l.getFashionMnistLabels, () => [[0, 1]]),
  { name: "d2l/new Accumulator", args: () => [2], call: (a) => new (d2l.Accumulator as any)(...a) },
  { name: "d2l/new Animator", args: () => [{ xlabel: "epoch", xlim: [1, 3] }], call: (a) => new (d2l.Animator as any)(...a) },
  ...methodTargets("d2l/Accumulator", () => new d2l.Accumulator(2), { add: () => [1, 2], get: () => [0] }),
  ...methodTargets("d2l/Animator", () => new d2l.Animator({ legend: ["a"] }), { add: () => [1, 2] }, ["summary", "draw"]), // TypeScript-private
  ...methodTargets("d2l/Timer", () => new d2l.Timer(), {}),
];

const df = () => new pd.DataFrame({ a: [1, null, 3], b: ["x", null, "z"] });
export const DATA_TARGETS: Target[] = [
  fn("data", "readCsv", pd.readCsv, () => ["a,b\n1,2\n"]),
  fn("data", "concat", pd.concat, () => [[df(), df()]]),
  fn("data", "getDummies", pd.getDummies, () => [df()]),
  fn("data", "toTensor", pd.toTensor, () => [new pd.DataFrame({ a: [1, 2], b: [0.5, 1] })]),
  { name: "data/new DataFrame", args: () => [{ a: [1, 2] }], call: (a) => new (pd.DataFrame as any)(...a) },
  { name: "data/new Series", args: () => [[1, 2]], call: (a) => new (pd.Series as any)(...a) },
  // toCsv(path) would write files (boundary-sweep.test.ts sweeps its options); assign({ bogus: 1 }) adds column "bogus", as pandas' assign(bogus=1)
  ...methodTargets("data/DataFrame", df, { get: () => ["a"], iloc: () => [0], head: () => [2], fillna: () => [0], setColumn: () => ["c", [1, 2, 3]] }, ["toCsv"], { assign: { 0: ["{bogus:1}"] }, fillna: { 0: ["{bogus:1}"] }, setColumn: { 1: ["{bogus:1}"] } }),
  // fillna({ bogus: 1 }): a per-column dict, unknown columns skipped; setColumn("c", { bogus: 1 }): a dict aligned on the row labels (all NaN), as pandas' df["c"] = {"bogus": 1}
  // a Series without missing values, so that any NaN in a result is a bug
  ...methodTargets("data/Series", () => new pd.Series([1, 2.5, 3], { name: "a" }), { get: () => [0], iloc: () => [0], head: () => [2], fillna: () => [0], rename: () => ["z"] }),
];

const normal = () => new dist.Normal(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]));
export const PROBABILITY_TARGETS: Target[] = [
  { name: "probability/new Normal", args: () => [0, 1], call: (a) => new (dist.Normal as any)(...a) },
  { name: "probability/new Categorical", args: () => [torch.tensor([0.2, 0.8])], call: (a) => new (dist.Categorical as any)(...a) },
  { name: "probability/new Multinomial", args: () => [3, torch.tensor([0.2, 0.8])], call: (a) => new (dist.Multinomial as any)(...a) },
  fn("probability", "klDivergence", dist.klDivergence, () => [normal(), normal()]),
  fn("probability", "marginalize", dist.marginalize, () => [torch.tensor([[0.1, 0.2], [0.3, 0.4]]), 0]),
  fn("probability", "expectation", dist.expectation, () => [torch.tensor([1, 2]), torch.tensor([0.5, 0.5])]),
  fn("probability", "empiricalMean", dist.empiricalMean, () => [torch.ones(3)]),
  fn("probability", "lgamma", dist.lgamma, () => [torch.tensor([1.5])]),
  fn("probability", "xlogy", dist.xlogy, () => [torch.tensor([1.5]), torch.tensor([2.0])]),
  // init, validateSample, validatedParams, explicitParams: TypeScript-protected
  ...methodTargets("probability/Normal", normal, { sample: () => [[2]], rsample: () => [[2]], logProb: () => [torch.tensor([0.5, 0.5])], cdf: () => [torch.tensor([0.5, 0.5])], icdf: () => [torch.tensor([0.5, 0.5])], expand: () => [[3, 2]] }, ["init", "validateSample", "validatedParams", "explicitParams"]),
  ...methodTargets("probability/Categorical", () => new dist.Categorical(torch.tensor([0.2, 0.8])), { sample: () => [[2]], logProb: () => [torch.tensor([1])] }, ["init", "validateSample", "validatedParams", "explicitParams"]),
];
