/**
 * The in-place activations against PyTorch 1.13.1 (fixtures/gen_inplace.py → inplace.json), in
 * float32 and float64: the result is the input itself, its grad_fn and versions, values and
 * gradients, writes into views, PyTorch's errors, a Sequential with inplace activations trained
 * three SGD steps; and a float64 finite-difference gradient check of each form.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import type { Tensor } from "@torchts/autograd";
import { type JsonTensor, decodeTensor, mismatch } from "@torchts/autograd/testing";
import * as nn from "./index";

const F = nn.functional;

interface OpCase { op: string; same: boolean; gradFn: string; next: (string | null)[]; versions: [number, number]; value: JsonTensor; grad: JsonTensor }
interface ViewCase { op: string; viewGradFn: string; baseGradFn: string; value: JsonTensor; grad: JsonTensor }
type Outcome = { ok: true; value: JsonTensor } | { ok: false; error: [string, string] };
interface TrainCase { act: string; init: Record<string, JsonTensor>; X: JsonTensor; Y: JsonTensor; losses: number[]; grads: Record<string, JsonTensor>; final: Record<string, JsonTensor> }
interface PerDtype { ops: OpCase[]; outOfPlace: OpCase[]; views: ViewCase[]; errors: Record<string, Outcome>; training: TrainCase[] }
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/inplace.json"), "utf8")) as { W: number[][]; G: number[][]; reprs: Record<string, string> } & Record<"float32" | "float64", PerDtype>;

const seeded = (f: (a: Tensor) => Tensor) => (a: Tensor) => {
  torch.manualSeed(0);
  return f(a);
};
/** The torchts form of each PyTorch call the fixture names. */
const OPS: Record<string, (a: Tensor) => Tensor> = {
  "Tensor.relu_": (a) => a.relu_(),
  "torch.relu_": (a) => torch.relu_(a),
  "F.relu_": (a) => F.relu_(a),
  "F.relu(inplace)": (a) => F.relu(a, true),
  "nn.ReLU(True)": (a) => new nn.ReLU(true)(a),
  "Tensor.sigmoid_": (a) => a.sigmoid_(),
  "torch.sigmoid_": (a) => torch.sigmoid_(a),
  "Tensor.tanh_": (a) => a.tanh_(),
  "torch.tanh_": (a) => torch.tanh_(a),
  "F.leaky_relu_": (a) => F.leakyRelu_(a),
  "F.leaky_relu_(0.2)": (a) => F.leakyRelu_(a, 0.2),
  "F.leaky_relu_(0)": (a) => F.leakyRelu_(a, { negativeSlope: 0 }),
  "F.leaky_relu(0.2, inplace)": (a) => F.leakyRelu(a, { negativeSlope: 0.2, inplace: true }),
  "nn.LeakyReLU(0.2, True)": (a) => new nn.LeakyReLU(0.2, true)(a),
  "F.dropout(inplace)": seeded((a) => F.dropout(a, 0.5, true, true)),
  "nn.Dropout(0.5, True)": seeded((a) => new nn.Dropout(0.5, { inplace: true })(a)),
  "F.elu_": (a) => F.elu_(a),
  "F.elu_(0.5)": (a) => F.elu_(a, 0.5),
  "F.elu(0.5, inplace)": (a) => F.elu(a, { alpha: 0.5, inplace: true }),
  "nn.ELU(0.5, True)": (a) => new nn.ELU(0.5, true)(a),
  // torch.selu_, torch.celu_ and torch.threshold_ are nn.functional's in torchts
  "torch.selu_": (a) => F.selu_(a),
  "F.selu(inplace)": (a) => F.selu(a, true),
  "nn.SELU(True)": (a) => new nn.SELU({ inplace: true })(a),
  "torch.celu_(0.5)": (a) => F.celu_(a, { alpha: 0.5 }),
  "F.celu(0.5, inplace)": (a) => F.celu(a, 0.5, true),
  "nn.CELU(0.5, True)": (a) => new nn.CELU(0.5, true)(a),
  "F.hardtanh_": (a) => F.hardtanh_(a),
  "F.hardtanh_(-0.5, 2)": (a) => F.hardtanh_(a, -0.5, 2),
  "F.hardtanh(-0.5, 2, inplace)": (a) => F.hardtanh(a, -0.5, { maxVal: 2, inplace: true }),
  "nn.Hardtanh(-0.5, 2, True)": (a) => new nn.Hardtanh({ minVal: -0.5, maxVal: 2, inplace: true })(a),
  "F.relu6(inplace)": (a) => F.relu6(a, { inplace: true }),
  "nn.ReLU6(True)": (a) => new nn.ReLU6(true)(a),
  "torch.threshold_(0.5, 2)": (a) => F.threshold_(a, 0.5, 2),
  "F.threshold_(0.5, -3)": (a) => F.threshold_(a, { threshold: 0.5, value: -3 }),
  "F.threshold(0.5, -3, inplace)": (a) => F.threshold(a, 0.5, -3, true),
  "nn.Threshold(0.5, -3, True)": (a) => new nn.Threshold(0.5, -3, true)(a),
};
const OUT_OPS: Record<string, (a: Tensor) => Tensor> = {
  "F.leaky_relu(0.2)": (a) => F.leakyRelu(a, 0.2),
  "F.elu(0.5)": (a) => F.elu(a, 0.5),
  "F.selu": (a) => F.selu(a),
  "F.celu(0.5)": (a) => F.celu(a, 0.5),
  "F.hardtanh(-0.5, 2)": (a) => F.hardtanh(a, -0.5, 2),
  "F.relu6": (a) => F.relu6(a),
  "F.threshold(0.5, 2)": (a) => F.threshold(a, 0.5, 2),
  "nn.ELU()": (a) => new nn.ELU()(a),
};
const LAYERS: Record<string, () => nn.Module> = {
  "ELU()": () => new nn.ELU(), "ELU(0.5, True)": () => new nn.ELU(0.5, true), "SELU()": () => new nn.SELU(), "SELU(True)": () => new nn.SELU(true),
  "CELU()": () => new nn.CELU(), "CELU(0.5, True)": () => new nn.CELU({ alpha: 0.5, inplace: true }), "Hardtanh()": () => new nn.Hardtanh(),
  "Hardtanh(-2, 2, True)": () => new nn.Hardtanh(-2, 2, true), "ReLU6()": () => new nn.ReLU6(), "ReLU6(True)": () => new nn.ReLU6(true),
  "Threshold(0.1, 20)": () => new nn.Threshold(0.1, 20), "Threshold(0.1, 20.5, True)": () => new nn.Threshold(0.1, 20.5, true),
};

/** torchts's message is PyTorch's after `op: ` and up to the hint (the saved tensor named by its legacy type, [torch.FloatTensor [3, 4]]). */
function samePyTorchMessage(got: string, want: string): boolean {
  const py = want.split(" Hint:")[0];
  const mine = got.split(" Hint:")[0];
  return mine === py || mine.replace(/^[\w.]+: /, "") === py;
}

for (const dname of ["float32", "float64"] as const) {
  const dtype = torch[dname];
  const data = fixture[dname];
  const leaf = () => torch.tensor(fixture.W, { dtype, requiresGrad: true });
  const G = () => torch.tensor(fixture.G, { dtype });
  const tol = dname === "float32" ? 1e-6 : 1e-12;

  describe(`in-place activations, ${dname}`, () => {
    it.each([...data.ops, ...data.outOfPlace].map((c) => [c.op, c] as const))("%s: PyTorch's result (the input itself in place), grad_fn, versions, values and gradient", (_, c) => {
      const w = leaf();
      const a = w.mul(1.5);
      const v0 = a._storage.version;
      const y = (OPS[c.op] ?? OUT_OPS[c.op])(a);
      expect(y === a).toBe(c.same);
      expect(y.gradFn?.name).toBe(c.gradFn);
      expect(y.gradFn?.next.map((n) => n?.name ?? null)).toEqual(c.next);
      expect([v0, a._storage.version]).toEqual(c.versions);
      expect(String(y)).toContain(`grad_fn=<${c.gradFn}>`);
      expect(mismatch("value", y, c.value, tol, tol)).toBeNull();
      y.backward(G());
      expect(mismatch("grad", w.grad!, c.grad, tol, tol)).toBeNull();
    });

    it.each(data.views.map((c) => [c.op, c] as const))("%s into a view: CopySlices on the base, AsStridedBackward0 on the view", (_, c) => {
      const w = leaf();
      const a = w.mul(1.5);
      const b = a.get(":", 1);
      OPS[c.op](b);
      expect(b.gradFn?.name).toBe(c.viewGradFn);
      expect(a.gradFn?.name).toBe(c.baseGradFn);
      expect(mismatch("value", a, c.value, tol, tol)).toBeNull();
      a.backward(G());
      expect(mismatch("grad", w.grad!, c.grad, tol, tol)).toBeNull();
    });

    const ints = () => torch.tensor([[3, -2], [0, 5]]);
    const calls: Record<string, () => Tensor> = {
      "negative alpha": () => {
        const w = leaf();
        F.elu_(w.mul(1.5), -0.5).backward(G());
        return w.grad!;
      },
      "int64 F.elu(0.5)": () => F.elu(ints(), 0.5),
      "int64 F.hardtanh(-0.5, 2)": () => F.hardtanh(ints(), -0.5, 2),
      "int64 F.threshold(0.5, 2)": () => F.threshold(ints(), 0.5, 2),
      "celu alpha 0": () => F.celu(leaf(), 0),
      "bool Tensor.relu_": () => torch.tensor([true, false]).relu_(),
      "negative slope": () => {
        const w = leaf();
        F.leakyRelu_(w.mul(1.5), -0.1).backward(G());
        return w.grad!;
      },
      "ReLU(True) then Dropout(0.5, True)": () => {
        const w = leaf();
        torch.manualSeed(0);
        new nn.Sequential(new nn.ReLU(true), new nn.Dropout(0.5, true))(w.mul(1.5)).backward(G());
        return w.grad!;
      },
    };
    for (const [name, f] of Object.entries(OPS)) {
      calls[`leaf ${name}`] = () => f(leaf());
      calls[`modified ${name}`] = () => {
        const w = leaf();
        const a = w.mul(1.5);
        const y = f(a);
        a.mul_(2);
        y.backward(G());
        return w.grad!;
      };
      calls[`int64 ${name}`] = () => f(ints());
      calls[`saved ${name}`] = () => {
        const w = leaf();
        const a = w.mul(1.5);
        const y = a.sin(); // SinBackward0 saves a
        f(a);
        y.backward(G());
        return w.grad!;
      };
    }
    it.each(Object.entries(data.errors))("%s: as PyTorch", (name, want) => {
      const call = calls[name];
      expect(call).toBeDefined();
      if (want.ok) {
        expect(mismatch(name, call(), want.value, tol, tol)).toBeNull();
        return;
      }
      let err: unknown = null;
      try {
        call();
      } catch (e) {
        err = e;
      }
      expect(err, name).toBeInstanceOf(torch.TorchError);
      const e = err as Error;
      if (name.startsWith("bool")) {
        // known difference: torchts's unary ops refuse bool with a DTypeError of their own wording
        expect(e).toBeInstanceOf(torch.DTypeError);
        expect(e.message).toMatch(/relu.*Bool/);
        return;
      }
      expect(e).toBeInstanceOf(torch.RuntimeError);
      expect(samePyTorchMessage(e.message, want.error[1]), `${e.message}\nPyTorch: ${want.error[1]}`).toBe(true);
    });

    it.each(data.training.map((c) => [c.act, c] as const))("Sequential(Linear, %s, Linear) trains as PyTorch's", (_, c) => {
      const act = c.act === "ReLU(True)" ? new nn.ReLU(true) : new nn.LeakyReLU(0.1, true);
      const net = new nn.Sequential(new nn.Linear(4, 8, { dtype }), act, new nn.Linear(8, 3, { dtype }));
      net.loadStateDict(new Map(Object.entries(c.init).map(([k, v]) => [k, decodeTensor(v, dtype)])));
      const X = decodeTensor(c.X, dtype);
      const Y = decodeTensor(c.Y, dtype);
      const losses: number[] = [];
      for (let step = 0; step < 3; step++) {
        for (const p of net.parameters()) p.grad = null;
        const loss = F.mseLoss(net(X), Y);
        expect(net(X).gradFn?.name).toBe("AddmmBackward0");
        loss.backward();
        if (step === 0) for (const [k, p] of net.namedParameters()) expect(mismatch(`grad ${k}`, p.grad!, c.grads[k], tol * 10, tol * 10)).toBeNull();
        losses.push(loss.item() as number);
        torch.noGrad(() => net.parameters().forEach((p) => p.sub_(p.grad!.mul(0.1)))); // SGD, lr 0.1 (optim sits above nn)
      }
      losses.forEach((l, i) => expect(Math.abs(l - c.losses[i])).toBeLessThanOrEqual(tol * 10 * Math.abs(c.losses[i])));
      for (const [k, p] of net.namedParameters()) expect(mismatch(`final ${k}`, p, c.final[k], tol * 10, tol * 10)).toBeNull();
    });
  });
}

it.each(Object.entries(fixture.reprs))("nn.%s prints as PyTorch's", (name, want) => {
  expect(String(LAYERS[name]())).toBe(want);
});

describe("in-place activations: float64 gradcheck", () => {
  const forms = [...Object.entries(OPS), ...Object.entries(OUT_OPS)].filter(([n]) => !n.includes("dropout") && !n.includes("Dropout"));
  it.each(forms)("%s", (_, f) => {
    // avoid the kinks: |x| ≥ 0.1 (finite differences straddling 0 disagree with any one-sided derivative)
    const x = torch.tensor([[-1.3, 0.7, -0.2, 2.1], [0.4, -0.9, 1.6, -2.4]], { dtype: torch.float64, requiresGrad: true });
    expect(torch.gradcheck((t: Tensor) => f(t.mul(1)), [x])).toBe(true);
    expect(torch.gradcheck((t: Tensor) => f(t.mul(1)).mul(t), [x])).toBe(true);
  });
  it("dropout in place, with the mask fixed by the seed", () => {
    const x = torch.tensor([[-1.3, 0.7, -0.2, 2.1], [0.4, -0.9, 1.6, -2.4]], { dtype: torch.float64, requiresGrad: true });
    expect(torch.gradcheck((t: Tensor) => OPS["F.dropout(inplace)"](t.mul(1)), [x])).toBe(true);
  });
});
