/**
 * OpInfo (PyTorch's idea, torch/testing/_internal/common_methods_invocations.py): an op with
 * the sample inputs it is checked on, and the generic checks every op table runs —
 * float64 gradcheck on every sample, and second order on the first. nn and optim test
 * their ops with these too (`import { checkGradients } from "@torchts/autograd/testing"`).
 *
 * A sample lists one input spec per argument: a shape, a value domain and a
 * layout. "transposed" and "strided" inputs reach the op as non-contiguous
 * views (`.mT` of a leaf, every other element of a leaf).
 */
import * as torch from "../index";
import type { GradcheckOptions, Tensor } from "../index";

export type Domain = "any" | "positive" | "nonzero";
export interface InputSpec {
  shape: number[];
  domain: Domain;
  layout?: "transposed" | "strided";
}
export interface OpInfo {
  name: string;
  fn: (...xs: Tensor[]) => Tensor;
  samples: InputSpec[][];
  gradcheck?: GradcheckOptions;
}

/** One input spec. @example spec([3, 4], "positive", "strided") */
export const spec = (shape: number[], domain: Domain = "any", layout?: InputSpec["layout"]): InputSpec => ({ shape, domain, layout });

/** A unary op on a matrix, a transposed view, a 0-d tensor and a strided view. */
export const unarySamples = (d: Domain = "any"): InputSpec[][] => [
  [spec([3, 4], d)],
  [spec([4, 3], d, "transposed")],
  [spec([], d)],
  [spec([2, 3], d, "strided")],
];
/** A binary op: same shapes, two-sided broadcasting, a leading-dims broadcast, a 0-d operand, non-contiguous views. */
export const binarySamples = (db: Domain = "any", da: Domain = "any"): InputSpec[][] => [
  [spec([3, 4], da), spec([3, 4], db)],
  [spec([3, 1], da), spec([1, 4], db)],
  [spec([2, 3, 4], da), spec([4], db)],
  [spec([3, 4], da), spec([], db)],
  [spec([4, 3], da, "transposed"), spec([4, 3], db, "strided")],
];

/** A deterministic generator of input values (mulberry32), so every run checks the same points. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function value(domain: Domain, next: () => number): number {
  const u = next();
  if (domain === "positive") return 0.5 + 1.5 * u;
  if (domain === "nonzero") return (next() < 0.5 ? -1 : 1) * (0.5 + 1.5 * u);
  return -2 + 4 * u;
}

/** The input a spec describes: a float64 leaf that requires grad, seen through the spec's layout. */
export function makeInput(spec: InputSpec, next: () => number): Tensor {
  let leafShape = spec.shape.slice();
  const nd = leafShape.length;
  if (spec.layout === "transposed") [leafShape[nd - 2], leafShape[nd - 1]] = [leafShape[nd - 1], leafShape[nd - 2]];
  if (spec.layout === "strided") leafShape = [...leafShape.slice(0, -1), 2 * leafShape[nd - 1] - 1];
  const n = leafShape.reduce((p, s) => p * s, 1);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = value(spec.domain, next);
  const leaf = torch.fromTypedArray(data, leafShape).requiresGrad_();
  if (spec.layout === "transposed") return leaf.mT;
  if (spec.layout === "strided") return leaf.get("...", "::2");
  return leaf;
}

/** A short label for a sample: its shapes and layouts, e.g. `[3,4] [4,3] transposed`. */
export function sampleLabel(sample: InputSpec[]): string {
  return sample.map((s) => `[${s.shape.join(",")}]${s.layout ? ` ${s.layout}` : ""}`).join(" ");
}

/** The inputs of `op`'s sample k, from a seed fixed by the op's name and k (every run checks the same points). */
export function sampleInputs(op: OpInfo, k: number): Tensor[] {
  const next = rng(1000 + k * 7919 + op.name.length * 31);
  return op.samples[k].map((s) => makeInput(s, next));
}

/**
 * The gradients of `op` with respect to all its inputs, flattened into one differentiable
 * tensor: gradcheck of this function checks the second derivatives.
 */
export function gradientsOf(op: OpInfo): (...xs: Tensor[]) => Tensor {
  // enableGrad: gradcheck evaluates under noGrad for its finite differences
  return (...xs) =>
    torch.enableGrad(() => {
      const out = op.fn(...xs);
      const up = torch.linspace(0.5, 1.5, out.numel(), { dtype: torch.float64 }).reshape(out.shape);
      const gs = torch.grad(out, xs, { gradOutputs: up, createGraph: true, allowUnused: true });
      let r = torch.cat(gs.map((g, i) => (g ?? torch.zerosLike(xs[i])).reshape(-1)));
      // linear ops have constant gradients: keep the output attached to the inputs
      for (const x of xs) r = r.add(x.sum().mul(0));
      return r;
    });
}

/**
 * Float64 gradcheck of `op` on sample k (order 1), or of its gradients (order 2). Throws
 * GradcheckError naming the worst element; returns the op's output for further checks.
 * @example checkGradients({ name: "gelu", fn: (x) => gelu(x), samples: unarySamples() }, 0)
 */
export function checkGradients(op: OpInfo, k: number, order: 1 | 2 = 1): Tensor {
  const inputs = sampleInputs(op, k);
  const out = op.fn(...inputs);
  torch.gradcheck(order === 1 ? op.fn : gradientsOf(op), inputs, op.gradcheck);
  return out;
}
