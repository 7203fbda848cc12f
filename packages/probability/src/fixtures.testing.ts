/**
 * Test helpers: load fixtures/dists.json (written by fixtures/gen_dists.py
 * from PyTorch 1.13.1), decode its tensors, build the distributions it names,
 * and compare tensors elementwise with NaN/∞ awareness.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as torch from "@torchts/autograd";
import { Bernoulli, Beta, Binomial, Categorical, type Distribution, Exponential, Gamma, Multinomial, Normal, Poisson, Uniform } from "./index";

export type JsonNum = number | "nan" | "inf" | "-inf";
export interface JsonTensor {
  dtype: "float32" | "float64" | "int64" | "bool";
  shape: number[];
  data: JsonNum[];
}
export type JsonParam = JsonTensor | number;
export interface DistSpec {
  dist: string;
  params: Record<string, JsonParam>;
}
export interface Case extends DistSpec {
  batchShape: number[];
  eventShape: number[];
  value: JsonTensor;
  logProb: JsonTensor;
  mean: JsonTensor;
  variance: JsonTensor;
  stddev: JsonTensor;
  entropy: JsonTensor | null;
  mode: JsonTensor | null;
}
export interface KLCase {
  p: DistSpec;
  q: DistSpec;
  kl?: JsonTensor;
  error?: string;
  expandedInTorch?: boolean;
}
export interface Fixture {
  torch: string;
  cases: Case[];
  kl: KLCase[];
  errors: Record<string, { type: string; message: string }>;
  reprs: Record<string, string>;
  special: { x: number[]; lgamma: number[]; digamma: number[]; trigamma: number[]; polygamma2: number[]; polygamma3: number[] };
}

export const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/dists.json"), "utf8")) as Fixture;

export function num(v: JsonNum): number {
  return v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : v;
}

export function decode(t: JsonTensor, requiresGrad = false): torch.Tensor {
  const dtype = torch.dtypes[t.dtype];
  const out = torch.tensor(t.data.map(num), { dtype }).reshape(t.shape);
  if (requiresGrad) out.requiresGrad = true;
  return out;
}

export function decodeParam(p: JsonParam, requiresGrad = false): torch.Tensor | number {
  return typeof p === "number" ? p : decode(p, requiresGrad);
}

/** Build a distribution from a fixture spec; tensor parameters may be replaced (e.g. by grad-tracking leaves). */
export function build(spec: DistSpec, override: Record<string, torch.Tensor | number> = {}): Distribution {
  const p = { ...Object.fromEntries(Object.entries(spec.params).map(([k, v]) => [k, decodeParam(v)])), ...override };
  const probsOrLogits = p.probs !== undefined ? { probs: p.probs } : { logits: p.logits };
  switch (spec.dist) {
    case "Normal":
      return new Normal(p.loc, p.scale);
    case "Uniform":
      return new Uniform(p.low, p.high);
    case "Exponential":
      return new Exponential(p.rate);
    case "Poisson":
      return new Poisson(p.rate);
    case "Gamma":
      return new Gamma(p.concentration, p.rate);
    case "Beta":
      return new Beta(p.concentration1, p.concentration0);
    case "Bernoulli":
      return new Bernoulli(probsOrLogits);
    case "Categorical":
      return new Categorical(probsOrLogits);
    case "Binomial":
      return new Binomial(p.total_count ?? 1, probsOrLogits);
    case "Multinomial":
      return new Multinomial(p.total_count as number, probsOrLogits);
    default:
      throw new Error(`unknown distribution ${spec.dist}`);
  }
}

/**
 * Elementwise closeness with matching shape and dtype-appropriate tolerance;
 * NaN matches NaN and infinities must match exactly. Returns a message, or null.
 */
export function mismatch(actual: torch.Tensor, expected: JsonTensor, rtol: number, atol: number): string | null {
  const shape = [...actual.shape];
  if (shape.join() !== expected.shape.join()) return `shape [${shape}] vs expected [${expected.shape}]`;
  const a = actual.detach().contiguous().toTypedArray();
  for (let i = 0; i < a.length; i++) {
    const e = num(expected.data[i]);
    const v = a[i];
    if (Number.isNaN(e) ? !Number.isNaN(v) : !Number.isFinite(e) ? v !== e : !(Math.abs(v - e) <= atol + rtol * Math.abs(e))) {
      return `element ${i}: ${v} vs expected ${e}`;
    }
  }
  return null;
}
