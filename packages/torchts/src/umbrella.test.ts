/**
 * The umbrella is re-exports only: the same classes and functions as the
 * layered packages, under PyTorch's namespaces.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as autograd from "@torchts/autograd";
import * as optim from "@torchts/optim";
import * as nnPkg from "@torchts/nn";
import * as loaders from "@torchts/loaders";
import * as probability from "@torchts/probability";
import * as serialization from "@torchts/serialization";
import * as tensor from "@torchts/tensor";
import * as torch from "./index";

describe("torchts (the umbrella)", () => {
  it("torch.* is @torchts/autograd's (and so @torchts/tensor's) exports, the same objects", () => {
    for (const name of Object.keys(autograd)) expect((torch as Record<string, unknown>)[name], name).toBe((autograd as Record<string, unknown>)[name]);
    expect(torch.Tensor).toBe(tensor.Tensor);
    const x = torch.arange(4, { dtype: torch.float32, requiresGrad: true });
    torch.dot(x, x).backward();
    expect(String(x.grad)).toBe("tensor([0., 2., 4., 6.])");
    expect(x instanceof tensor.Tensor).toBe(true);
  });
  it("torch.autograd is @torchts/autograd too (torch.autograd.grad, as PyTorch spells it)", () => {
    expect(torch.autograd.grad).toBe(autograd.grad);
    expect(torch.autograd.backward).toBe(autograd.backward);
    const x = torch.tensor([3], { dtype: torch.float32, requiresGrad: true });
    const [g] = torch.autograd.grad(x.mul(x).sum(), [x]);
    expect(g!.tolist()).toEqual([6]);
  });
  it("the names PyTorch's notes use resolve under their PyTorch namespaces", () => {
    const names = [
      "tensor", "arange", "randn", "zeros", "ones", "cat", "dot", "mv", "mm", "matmul", "exp", "abs", "norm", "float32", "Tensor", "Size",
      "manualSeed", "noGrad", "enableGrad", "setGradEnabled", "Generator", "save", "load",
      "nn.Module", "nn.Sequential", "nn.Linear", "nn.ReLU", "nn.Flatten", "nn.Dropout", "nn.Parameter", "nn.MSELoss", "nn.CrossEntropyLoss",
      "nn.functional.relu", "nn.functional.softmax", "nn.functional.crossEntropy", "nn.init.normal_", "nn.init.zeros_", "nn.init.constant_",
      "nn.init.xavierUniform_", "nn.init.uniform_", "optim.SGD", "optim.Adam", "optim.lrScheduler.StepLR", "distributions.Normal",
      "distributions.Multinomial", "utils.data.DataLoader", "utils.data.TensorDataset", "utils.data.Dataset", "utils.data.Subset",
      "utils.data.ConcatDataset", "utils.data.randomSplit", "utils.data.defaultCollate", "utils.data.RandomSampler", "utils.data.kFold",
      "utils.data.datasets.FashionMNIST", "utils.data.transforms.ToTensor", "utils.data.transforms.Compose", "autograd.grad",
    ];
    const missing = names.filter((n) => n.split(".").reduce<unknown>((v, p) => (v == null ? undefined : (v as Record<string, unknown>)[p]), torch) === undefined);
    expect(missing).toEqual([]);
    class Squares extends torch.utils.data.Dataset<number> {
      get length() {
        return 3;
      }
      get(i: number) {
        return i * i;
      }
    }
    expect([...new torch.utils.data.DataLoader(new Squares(), 3)][0].tolist()).toEqual([0, 1, 4]);
  });
  it("6.4's round trip: clone.loadStateDict(torch.load(torch.save(net.stateDict()))) gives clone(X) = net(X)", () => {
    torch.manualSeed(0);
    const { nn } = torch;
    class MLP extends nn.Module {
      hidden = new nn.Linear(20, 256);
      output = new nn.Linear(256, 10);
      override forward(x: torch.Tensor): torch.Tensor {
        return this.output(nn.functional.relu(this.hidden(x)));
      }
    }
    const net = new MLP();
    const X = torch.randn(2, 20);
    const bytes = torch.save(net.stateDict()) as Uint8Array;
    const clone = new MLP();
    clone.loadStateDict(torch.load(bytes) as never);
    clone.eval();
    expect(clone(X).tolist()).toEqual(net(X).tolist());
    expect([...(torch.load(bytes) as Map<string, unknown>).keys()]).toEqual(["hidden.weight", "hidden.bias", "output.weight", "output.bias"]);
  });
  it("torch.save / torch.load / torch.safetensors are @torchts/serialization's", () => {
    expect(torch.save).toBe(serialization.save);
    expect(torch.load).toBe(serialization.load);
    expect(torch.safetensors).toBe(serialization.safetensors);
    expect((torch.load(torch.save(torch.arange(3))) as torch.Tensor).toString()).toBe("tensor([0, 1, 2])");
  });
  it("torch.distributions is @torchts/probability", () => {
    for (const name of Object.keys(probability)) expect((torch.distributions as Record<string, unknown>)[name], name).toBe((probability as Record<string, unknown>)[name]);
  });
  it("torch.utils.data is @torchts/loaders", () => {
    for (const name of Object.keys(loaders)) expect((torch.utils.data as Record<string, unknown>)[name], name).toBe((loaders as Record<string, unknown>)[name]);
    const ds = new torch.utils.data.TensorDataset(torch.arange(6).reshape(3, 2));
    expect(new torch.utils.data.DataLoader(ds, 2).length).toBe(2);
  });
  it("torch.nn is @torchts/nn (functional and init included)", () => {
    for (const name of Object.keys(nnPkg)) expect((torch.nn as Record<string, unknown>)[name], name).toBe((nnPkg as Record<string, unknown>)[name]);
    const net = new torch.nn.Sequential(new torch.nn.Linear(2, 1));
    expect(net(torch.ones(3, 2)).shape.slice()).toEqual([3, 1]);
    expect(typeof torch.nn.functional.relu).toBe("function");
    expect(typeof torch.nn.init.xavierUniform_).toBe("function");
  });
  it("torch.optim is @torchts/optim", () => {
    for (const name of Object.keys(optim)) expect((torch.optim as Record<string, unknown>)[name], name).toBe((optim as Record<string, unknown>)[name]);
    expect(torch.optim.lrScheduler.StepLR).toBe(optim.lrScheduler.StepLR);
  });
  it.skipIf(!existsSync(join(__dirname, "..", "dist", "index.js")))("nothing heavy at require: no worker thread, no open handle, one small WebAssembly module compiled once", () => {
    // a fresh Node requiring the built umbrella, counting WebAssembly compilations and instantiations
    const code = `
      const WA = globalThis.WebAssembly; const made = { Module: [], Instance: 0 };
      WA.Module = new Proxy(WA.Module, { construct(t, a) { made.Module.push(a[0].byteLength); return Reflect.construct(t, a); } });
      WA.Instance = new Proxy(WA.Instance, { construct(t, a) { made.Instance++; return Reflect.construct(t, a); } });
      for (const k of ["compile", "instantiate", "compileStreaming", "instantiateStreaming"]) WA[k] = () => { throw new Error(k + " at import"); };
      const torch = require(${JSON.stringify(join(__dirname, "..", "dist", "index.js"))});
      const { workerStats } = require("@torchts/tensor/internal");
      console.log(JSON.stringify({ made, worker: workerStats().workerReady, handles: process._getActiveHandles().length, nn: typeof torch.nn.Linear }));`;
    const r = spawnSync(process.execPath, ["-e", code], { cwd: join(__dirname, ".."), encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { made: { Module: number[]; Instance: number }; worker: boolean; handles: number; nn: string };
    expect(got.worker).toBe(false);
    expect(got.handles).toBe(0);
    expect(got.nn).toBe("function");
    // tensor's kernel selection compiles its one plain module (about 50 KB) at import: a few ms; nothing more
    expect(got.made.Module.length).toBeLessThanOrEqual(1);
    expect(got.made.Module.every((bytes) => bytes < 200_000)).toBe(true);
  });
  it("holds no code of its own: every statement of its sources is a re-export", () => {
    const src = join(__dirname);
    for (const f of readdirSync(src).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      const code = readFileSync(join(src, f), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      const statements = code.split(";").map((s) => s.trim()).filter(Boolean);
      for (const s of statements) expect(s, `${f}: ${s}`).toMatch(/^export (\*|\* as \w+|\{[^}]*\}) from "[^"]+"$/);
    }
  });
});
