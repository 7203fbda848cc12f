/**
 * The parameterised activation layers with PyTorch's `inplace` flag: ELU, SELU, CELU, Hardtanh,
 * ReLU6, Threshold. Each takes its arguments as its functional twin does (activation-args.ts:
 * PyTorch's positional order or one options object) and calls it, so `new nn.ELU(0.5, true)`
 * writes into its input with PyTorch's EluBackward1.
 */
import { type Tensor, ValueError } from "@torchts/autograd";
import { Module } from "./module";
import * as F from "./functional-pointwise";
import { CELU as CELU_DECL, ELU as ELU_DECL, HARDTANH, RELU6, SELU as SELU_DECL, THRESHOLD, paramRepr, parseActivationArgs } from "./activation-args";

const inplaceRepr = (inplace: boolean) => (inplace ? ", inplace=True" : "");

/** alpha·(exp(x) − 1) for x ≤ 0, x otherwise: `new nn.ELU()`, `new nn.ELU(0.5, true)`, `new nn.ELU({ alpha: 0.5, inplace: true })`. */
export class ELU extends Module {
  readonly alpha: number;
  #given: boolean[];
  readonly inplace: boolean;
  constructor(alpha?: number | { alpha?: number; inplace?: boolean }, inplace?: boolean | { inplace?: boolean }) {
    super();
    const { values, inplace: ip, given } = parseActivationArgs("ELU", ELU_DECL, [...arguments], 0, true);
    [this.alpha, this.inplace, this.#given] = [values[0], ip, given];
  }
  override forward(input: Tensor): Tensor {
    return F.elu(input, this.alpha, this.inplace);
  }
  override extraRepr(): string {
    return `alpha=${paramRepr(this.alpha, this.#given[0])}${inplaceRepr(this.inplace)}`;
  }
}

/** SELU (scaled ELU with PyTorch's constants): `new nn.SELU()`, `new nn.SELU(true)`. */
export class SELU extends Module {
  readonly inplace: boolean;
  constructor(inplace?: boolean | { inplace?: boolean }) {
    super();
    this.inplace = parseActivationArgs("SELU", SELU_DECL, [...arguments], 0, true).inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.selu(input, this.inplace);
  }
  override extraRepr(): string {
    return this.inplace ? "inplace=True" : "";
  }
}

/** CELU: `new nn.CELU(alpha = 1, inplace = false)`. */
export class CELU extends Module {
  readonly alpha: number;
  #given: boolean[];
  readonly inplace: boolean;
  constructor(alpha?: number | { alpha?: number; inplace?: boolean }, inplace?: boolean | { inplace?: boolean }) {
    super();
    const { values, inplace: ip, given } = parseActivationArgs("CELU", CELU_DECL, [...arguments], 0, true);
    [this.alpha, this.inplace, this.#given] = [values[0], ip, given];
  }
  override forward(input: Tensor): Tensor {
    return F.celu(input, this.alpha, this.inplace);
  }
  override extraRepr(): string {
    return `alpha=${paramRepr(this.alpha, this.#given[0])}${inplaceRepr(this.inplace)}`;
  }
}

/** x clamped to [minVal, maxVal]: `new nn.Hardtanh(-2, 2, true)` or `{ minVal, maxVal, inplace }`. */
export class Hardtanh extends Module {
  #given: boolean[];
  readonly minVal: number;
  readonly maxVal: number;
  readonly inplace: boolean;
  constructor(minVal?: number | { minVal?: number; maxVal?: number; inplace?: boolean }, maxVal?: number | { maxVal?: number; inplace?: boolean }, inplace?: boolean | { inplace?: boolean }) {
    super();
    const { values, inplace: ip, given } = parseActivationArgs("Hardtanh", HARDTANH, [...arguments], 0, true);
    [this.minVal, this.maxVal, this.inplace, this.#given] = [values[0], values[1], ip, given];
    // PyTorch asserts max_val > min_val (an AssertionError, which torchts has no class for)
    if (!(this.maxVal > this.minVal)) throw new ValueError(`Hardtanh: max_val (${this.maxVal}) must be greater than min_val (${this.minVal})`);
  }
  override forward(input: Tensor): Tensor {
    return F.hardtanh(input, this.minVal, this.maxVal, this.inplace);
  }
  override extraRepr(): string {
    return `min_val=${paramRepr(this.minVal, this.#given[0])}, max_val=${paramRepr(this.maxVal, this.#given[1])}${inplaceRepr(this.inplace)}`;
  }
}

/** min(max(0, x), 6): `new nn.ReLU6()`, `new nn.ReLU6(true)`. */
export class ReLU6 extends Module {
  readonly inplace: boolean;
  constructor(inplace?: boolean | { inplace?: boolean }) {
    super();
    this.inplace = parseActivationArgs("ReLU6", RELU6, [...arguments], 0, true).inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.relu6(input, this.inplace);
  }
  override extraRepr(): string {
    return this.inplace ? "inplace=True" : "";
  }
}

/** `value` where x ≤ threshold, else x: `new nn.Threshold(0.1, 20)`, `new nn.Threshold(0.1, 20, true)`. */
export class Threshold extends Module {
  readonly threshold: number;
  readonly value: number;
  readonly inplace: boolean;
  constructor(threshold: number | { threshold: number; value: number; inplace?: boolean }, value?: number | { value: number; inplace?: boolean }, inplace?: boolean | { inplace?: boolean }) {
    super();
    const { values, inplace: ip } = parseActivationArgs("Threshold", THRESHOLD, [...arguments], 0, true);
    [this.threshold, this.value, this.inplace] = [values[0], values[1], ip];
  }
  override forward(input: Tensor): Tensor {
    return F.threshold(input, this.threshold, this.value, this.inplace);
  }
  override extraRepr(): string {
    return `threshold=${paramRepr(this.threshold, true)}, value=${paramRepr(this.value, true)}${inplaceRepr(this.inplace)}`;
  }
}
