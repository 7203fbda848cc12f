/**
 * Every public function and method of data, probability and plot, called with
 * each of a set of bad values in each argument slot we list: whatever it does,
 * it never fails with a raw JavaScript error ("Cannot read properties",
 * "is not a function", a RangeError) — only with a TorchError. The hostile
 * table (rows/*.json) holds the calls whose verdicts Python gives; this sweep
 * covers the slots no single row does.
 */
import { expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import * as pd from "@torchts/data";
import * as dist from "@torchts/probability";
import * as plt from "@torchts/plot";
import { TorchError } from "@torchts/tensor";

const BAD: unknown[] = [undefined, null, NaN, -1, 1.5, "zz", {}, [], [undefined], { bogus: 1 }, () => 1, Symbol("s"), 10n, true];
it("bad values in every listed slot raise TorchErrors, never raw JavaScript errors", async () => {
  const out: string[] = [];
  const mk = () => new pd.DataFrame({ a: [1, null, 3], b: ["x", null, "z"], c: [1, 2, 3] });
  const targets: [string, () => any, string[]][] = [
    ["df", mk, ["get", "setColumn", "assign", "drop", "head", "tail", "iloc", "fillna", "dropna", "mean", "sum", "min", "max", "std", "var", "count", "astype", "describe"]], // toCsv(path) would write files; its options are swept below
    ["s", () => mk().get("a"), ["get", "iloc", "head", "tail", "rename", "fillna", "dropna", "astype", "mean", "sum", "min", "max", "std", "var", "count", "valueCounts", "describe"]],
  ];
  const check = async (name: string, f: () => unknown) => {
    try {
      await f();
    } catch (e) {
      const msg = (e as Error)?.message ?? String(e);
      if (!(e instanceof TorchError) || /Cannot read|is not a function|undefined \(reading|is not iterable|Invalid typed array|Maximum call/.test(msg)) out.push(`${name}: ${(e as Error)?.constructor?.name}: ${msg.slice(0, 120)}`);
    }
  };
  for (const [tname, make, methods] of targets) {
    for (const m of methods) for (const [i, v] of BAD.entries()) {
      await check(`${tname}.${m}(BAD${i})`, () => make()[m](v));
      await check(`${tname}.${m}(0, BAD${i})`, () => make()[m](0, v));
    }
  }
  const fns: [string, (v: any) => unknown][] = [
    ["readCsv", (v) => pd.readCsv(v)], ["readCsv opts", (v) => pd.readCsv("a,b\n1,2\n", v)],
    ["readCsv sep", (v) => pd.readCsv("a,b\n1,2\n", { sep: v })], ["readCsv names", (v) => pd.readCsv("a,b\n1,2\n", { names: v })],
    ["readCsv usecols", (v) => pd.readCsv("a,b\n1,2\n", { usecols: v })], ["readCsv dtype", (v) => pd.readCsv("a,b\n1,2\n", { dtype: v })],
    ["readCsv naValues", (v) => pd.readCsv("a,b\n1,2\n", { naValues: v })], ["readCsv skiprows", (v) => pd.readCsv("a,b\n1,2\n", { skiprows: v })],
    ["readCsv trueValues", (v) => pd.readCsv("a,b\n1,2\n", { trueValues: v })], ["readCsv indexCol", (v) => pd.readCsv("a,b\n1,2\n", { indexCol: v })],
    ["DataFrame", (v) => new pd.DataFrame(v)], ["DataFrame opts", (v) => new pd.DataFrame({ a: [1] }, v)],
    ["DataFrame index", (v) => new pd.DataFrame({ a: [1] }, { index: v })], ["DataFrame columns", (v) => new pd.DataFrame({ a: [1] }, { columns: v })],
    ["DataFrame dtype", (v) => new pd.DataFrame({ a: [1] }, { dtype: v })], ["DataFrame col", (v) => new pd.DataFrame({ a: v })],
    ["Series", (v) => new pd.Series(v)], ["Series opts", (v) => new pd.Series([1], v)], ["Series index", (v) => new pd.Series([1], { index: v })],
    ["Series name", (v) => new pd.Series([1], { name: v }).toString()],
    ["concat", (v) => pd.concat(v)], ["concat opts", (v) => pd.concat([mk()], v)], ["getDummies", (v) => pd.getDummies(v)],
    ["getDummies opts", (v) => pd.getDummies(mk(), v)], ["getDummies prefix", (v) => pd.getDummies(mk(), { prefix: v })], ["getDummies columns", (v) => pd.getDummies(mk(), { columns: v })],
    ["toTensor", (v) => pd.toTensor(v)], ["toTensor opts", (v) => pd.toTensor(mk().get(["c"]), v)],
    ["parseSlice", (v) => pd.parseSlice(v)], ["resolveSlice", (v) => pd.resolveSlice(v, 3)],
    ["RangeIndex", (v) => new pd.RangeIndex(v, 3).toString()], ["Index.from", (v) => pd.Index.from(v).toString()],
    ["fillna value map", (v) => mk().fillna({ a: v })], ["dropna thresh", (v) => mk().dropna({ thresh: v })], ["dropna subset", (v) => mk().dropna({ subset: v })],
    ["describe percentiles", (v) => mk().describe({ percentiles: v })], ["describe include", (v) => mk().describe({ include: v })],
    ["valueCounts opts", (v) => mk().get("a").valueCounts(v)], ["iloc cols", (v) => mk().iloc(":", v)], ["iloc list", (v) => mk().iloc([v])],
    ["drop labels", (v) => mk().drop(v, { axis: 1 })], ["drop columns", (v) => mk().drop({ columns: v })], ["drop axis", (v) => mk().drop("a", { axis: v })],
    ["assign col", (v) => mk().assign({ z: v })], ["setColumn", (v) => mk().setColumn("z", v)], ["astype map", (v) => mk().astype({ a: v })],
    ["toCsv opts", (v) => mk().toCsv(undefined, v)], ["toCsv sep", (v) => mk().toCsv(undefined, { sep: v })], ["toCsv naRep", (v) => mk().toCsv(undefined, { naRep: v })],
    ["Normal", (v) => new dist.Normal(v, 1)], ["Normal opts", (v) => new dist.Normal(0, 1, v)], ["Normal sample", (v) => new dist.Normal(0, 1).sample(v)],
    ["Normal sample opts", (v) => new dist.Normal(0, 1).sample([1], v)], ["Normal rsample", (v) => new dist.Normal(0, 1).rsample(v)], ["Normal logProb", (v) => new dist.Normal(0, 1).logProb(v)],
    ["Bernoulli", (v) => new dist.Bernoulli(v)], ["Bernoulli opts", (v) => new dist.Bernoulli(0.5, v)], ["Categorical", (v) => new dist.Categorical(v)],
    ["Multinomial n", (v) => new dist.Multinomial(v, torch.ones(2))], ["Multinomial p", (v) => new dist.Multinomial(2, v)], ["Binomial", (v) => new dist.Binomial(v, 0.5)],
    ["Uniform", (v) => new dist.Uniform(0, v)], ["Exponential", (v) => new dist.Exponential(v)], ["Poisson", (v) => new dist.Poisson(v)], ["Gamma", (v) => new dist.Gamma(v, 1)],
    ["Beta", (v) => new dist.Beta(v, 1)], ["Exponential cdf", (v) => new dist.Exponential(1).cdf(v)], ["Uniform icdf", (v) => new dist.Uniform(0, 1).icdf(v)],
    ["kl", (v) => dist.klDivergence(new dist.Normal(0, 1), v)], ["kl p", (v) => dist.klDivergence(v, new dist.Normal(0, 1))],
    ["enumerateSupport", (v) => new dist.Bernoulli(0.5).enumerateSupport(v)],
    ["marginalize", (v) => dist.marginalize(v, 0)], ["marginalize dims", (v) => dist.marginalize(torch.tensor([[0.5, 0.5]]), v)],
    ["condition", (v) => dist.condition(torch.tensor([[0.5, 0.5]]), v, 0)], ["conditional", (v) => dist.conditional(torch.tensor([[0.5, 0.5]]), v)],
    ["bayes", (v) => dist.bayes(v, torch.tensor([0.5, 0.5]))], ["bayes prior", (v) => dist.bayes(torch.tensor([0.5, 0.5]), v)],
    ["independenceGap", (v) => dist.independenceGap(torch.tensor([[0.5, 0.5]]), v)], ["expectation", (v) => dist.expectation(v, torch.tensor([0.5, 0.5]))],
    ["variance", (v) => dist.variance(torch.tensor([1, 2]), v)], ["empiricalMean", (v) => dist.empiricalMean(torch.ones(3), v)], ["empiricalVariance", (v) => dist.empiricalVariance(torch.ones(3), v)],
    ["setDefaultValidateArgs", (v) => dist.Distribution.setDefaultValidateArgs(v)], ["lgamma", (v) => dist.lgamma(v)],
    ["plot", (v) => plt.plot(v)], ["plot y", (v) => plt.plot([1, 2], v)], ["plot opts", (v) => plt.plot([1, 2], [1, 2], v)], ["plotSpec", (v) => plt.plotSpec([1, 2], [1, 2], { fmts: v })],
    ["plot legend", (v) => plt.plotSpec([1, 2], [1, 2], { legend: v })], ["plot hlines", (v) => plt.plotSpec([1, 2], [1, 2], { hlines: v })], ["plot hline", (v) => plt.plotSpec([1, 2], [1, 2], { hlines: [v] })],
    ["plot figsize", (v) => plt.plotSpec([1, 2], [1, 2], { figsize: v })], ["plot xlim", (v) => plt.plotSpec([1, 2], [1, 2], { xlim: v })],
    ["scatter", (v) => plt.scatter(v, [1])], ["scatter opts", (v) => plt.scatterSpec([1], [1], v)], ["scatter s", (v) => plt.scatterSpec([1], [1], { s: v })],
    ["scatter marker", (v) => plt.scatterSpec([1], [1], { marker: v })], ["renderSvg", (v) => plt.renderSvg(v)], ["show", (v) => plt.show(v, { svg() {} })],
    ["parseFmt", (v) => plt.parseFmt(v)],
  ];
  for (const [n, f] of fns) for (const [i, v] of BAD.entries()) await check(`${n}(BAD${i}=${String(typeof v === "symbol" ? "sym" : Array.isArray(v) ? JSON.stringify(v) : v)})`, () => f(v));
  expect(out).toEqual([]);
}, 120000);
