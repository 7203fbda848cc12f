/**
 * A randomized differential test against PyTorch 1.13.1 (fixtures/gen_nn.py, "differential"):
 * random shapes (0-d to 4-d), float32 and float64, every reduction and random options for the
 * losses (cross-entropy and NLL on [C], [N, C], [N, C, d1] and [N, C, d1, d2], index and
 * class-probability targets), the layers' nn.functional forms in PyTorch's argument order, and
 * hostile shapes and dtypes with PyTorch's verdicts. Values, dtypes and gradients must match.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import type { Tensor } from "@torchts/autograd";
import * as nn from "./index";

const F = nn.functional;
type JsonNum = number | "nan" | "inf" | "-inf";
interface JsonTensor {
  dtype: "float32" | "float64" | "int64" | "int32" | "bool";
  shape: number[];
  data: JsonNum[];
}
interface Case {
  fn: string;
  args: (JsonTensor | number)[];
  options: Record<string, JsonTensor | string | number>;
  gradArgs?: number[];
  value?: JsonTensor;
  grads?: (JsonTensor | null)[];
  error?: [string, string];
}
interface ClipCase {
  fn: "clip_grad_norm_" | "clip_grad_value_";
  grads: JsonTensor[];
  maxNorm?: number;
  normType?: JsonNum;
  errorIfNonfinite?: boolean;
  clipValue?: number;
  total?: JsonTensor;
  clipped?: JsonTensor[];
  error?: [string, string];
}
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/nn.json"), "utf8")) as { differential: Case[]; clip: ClipCase[] };
const cases = fixture.differential;

const num = (v: JsonNum) => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : v);
const isTensor = (v: unknown): v is JsonTensor => typeof v === "object" && v !== null && "dtype" in v;
function decode(t: JsonTensor): Tensor {
  return torch.tensor(t.data.map(num), { dtype: torch.dtypes[t.dtype] }).reshape(t.shape);
}
const CAMEL: Record<string, string> = { ignore_index: "ignoreIndex", label_smoothing: "labelSmoothing", pos_weight: "posWeight" };
type Fn = (args: unknown[], o: Record<string, unknown>) => Tensor;
const a = (args: unknown[], i: number) => args[i] as Tensor;
const FNS: Record<string, Fn> = {
  mse_loss: (x, o) => F.mseLoss(a(x, 0), a(x, 1), o),
  l1_loss: (x, o) => F.l1Loss(a(x, 0), a(x, 1), o),
  smooth_l1_loss: (x, o) => F.smoothL1Loss(a(x, 0), a(x, 1), o),
  huber_loss: (x, o) => F.huberLoss(a(x, 0), a(x, 1), o),
  binary_cross_entropy: (x, o) => F.binaryCrossEntropy(a(x, 0), a(x, 1), o),
  binary_cross_entropy_with_logits: (x, o) => F.binaryCrossEntropyWithLogits(a(x, 0), a(x, 1), o),
  cross_entropy: (x, o) => F.crossEntropy(a(x, 0), a(x, 1), o),
  nll_loss: (x, o) => F.nllLoss(a(x, 0), a(x, 1), o),
  linear: (x) => F.linear(a(x, 0), a(x, 1), x.length > 2 ? a(x, 2) : undefined),
  prelu: (x) => F.prelu(a(x, 0), a(x, 1)),
  leaky_relu: (x) => F.leakyRelu(a(x, 0), x[1] as number),
  gelu: (x, o) => F.gelu(a(x, 0), o as { approximate?: "none" | "tanh" }),
  softmax: (x) => F.softmax(a(x, 0), x[1] as number),
  log_softmax: (x) => F.logSoftmax(a(x, 0), x[1] as number),
  relu: (x) => F.relu(a(x, 0)),
  sigmoid: (x) => F.sigmoid(a(x, 0)),
  tanh: (x) => F.tanh(a(x, 0)),
  one_hot: (x) => F.oneHot(a(x, 0), x.length > 1 ? (x[1] as number) : undefined),
};

/** float64 to 1e-10, float32 to 2e-5 (PyTorch sums float32 in another order), both relative to 1 + |expected|. */
function expectClose(actual: Tensor, expected: JsonTensor, what: string): void {
  expect(actual.dtype, `${what}: dtype`).toBe(torch.dtypes[expected.dtype]);
  expect(actual.shape, `${what}: shape`).toEqual(expected.shape);
  const tol = expected.dtype === "float32" ? 2e-5 : 1e-10;
  const v = actual.contiguous().toTypedArray();
  expected.data.forEach((e, i) => {
    const x = Number(v[i]);
    const y = num(e);
    if (Number.isNaN(y)) expect(x, `${what}[${i}]`).toBeNaN();
    else if (!Number.isFinite(y)) expect(x, `${what}[${i}]`).toBe(y);
    else expect(Math.abs(x - y), `${what}[${i}]: ${x} vs PyTorch ${y}`).toBeLessThanOrEqual(tol * (1 + Math.abs(y)));
  });
}

function describeCase(c: Case): string {
  const shapes = c.args.map((x) => (isTensor(x) ? `${x.dtype}[${x.shape.join(",")}]` : String(x))).join(" ");
  const opts = Object.entries(c.options).map(([k, v]) => (isTensor(v) ? `${k}=[${v.shape.join(",")}]` : `${k}=${v}`));
  return `${c.fn} ${shapes} ${opts.join(" ")}`;
}

describe("random shapes, dtypes and options against PyTorch 1.13.1", () => {
  for (const [i, c] of cases.entries()) {
    it(`${i}: ${describeCase(c)}${c.error ? " -> " + c.error[0] : ""}`, () => {
      const grads = new Set(c.gradArgs ?? []);
      const args = c.args.map((x, j) => (isTensor(x) ? (grads.has(j) ? decode(x).requiresGrad_() : decode(x)) : x));
      const opts = Object.fromEntries(Object.entries(c.options).map(([k, v]) => [CAMEL[k] ?? k, isTensor(v) ? decode(v) : v]));
      if (c.error) {
        let err: unknown;
        try {
          FNS[c.fn](args, opts);
        } catch (e) {
          err = e;
        }
        expect(err, "PyTorch raised; torchts did not").toBeInstanceOf(torch.TorchError);
        expect((err as Error).name).toBe(c.error[0]);
        expect((err as Error).message).toContain(c.error[1]);
        return;
      }
      const v = FNS[c.fn](args, opts);
      expectClose(v, c.value!, "value");
      if (c.grads) {
        const inputs = [...grads].map((j) => args[j] as Tensor);
        const gs = torch.grad(v.sum(), inputs, { allowUnused: true });
        c.grads.forEach((g, k) => {
          if (g === null) expect(gs[k]).toBeNull();
          else expectClose(gs[k]!, g, `grad of argument ${[...grads][k]}`);
        });
      }
    });
  }
});

describe("gradient clipping against PyTorch 1.13.1 (fixtures/gen_nn.py, \"clip\")", () => {
  for (const [i, c] of fixture.clip.entries()) {
    const what = c.fn === "clip_grad_norm_" ? `norm ${c.normType} max ${c.maxNorm} ${c.grads[0].dtype}${c.errorIfNonfinite ? " errorIfNonfinite" : ""}` : `value ${c.clipValue}`;
    it(`${i}: ${c.fn} ${what}${c.error ? " -> " + c.error[0] : ""}`, () => {
      const ps = c.grads.map((g) => {
        const p = new nn.Parameter(torch.zeros(g.shape, { dtype: torch.dtypes[g.dtype] }));
        p.grad = decode(g);
        return p;
      });
      if (c.fn === "clip_grad_value_") {
        nn.utils.clipGradValue_(ps, c.clipValue!);
      } else {
        const call = () => nn.utils.clipGradNorm_(ps, c.maxNorm!, num(c.normType!), { errorIfNonfinite: c.errorIfNonfinite });
        if (c.error) {
          expect(call).toThrow(torch.RuntimeError);
          expect(call).toThrow(c.error[1]);
          return;
        }
        expectClose(call(), c.total!, "total norm");
      }
      // PyTorch's steps in the gradients' dtype (reciprocal, product, clamp, in-place product): within one
      // float32 ulp (a 1-norm's float32 sum may round differently), NaN where PyTorch's is NaN
      ps.forEach((p, k) => {
        const e = c.clipped![k];
        expect(p.grad!.dtype).toBe(torch.dtypes[e.dtype]);
        const got = Array.from(p.grad!.contiguous().toTypedArray(), Number);
        e.data.map(num).forEach((y, j) => {
          if (Number.isNaN(y)) expect(got[j]).toBeNaN();
          else expect(Math.abs(got[j] - y), `grad ${k}[${j}]: ${got[j]} vs PyTorch ${y}`).toBeLessThanOrEqual(e.dtype === "float32" ? 1.2e-7 * Math.abs(y) : 1e-15 * Math.abs(y));
        });
      });
    });
  }
});
