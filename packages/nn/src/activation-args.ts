/**
 * The elementwise activations with numeric parameters and an `inplace` flag (elu, selu, celu,
 * hardtanh, relu6, threshold), each declared once as its PyTorch signature's parameters; the
 * functional form (`F.elu(x, alpha, inplace)`), the in-place form (`F.elu_(x, alpha)`) and the
 * layer's constructor (`new nn.ELU(alpha, inplace)`) all take their arguments through
 * `parseActivationArgs`: PyTorch's positional order, or one trailing options object with
 * camelCase keys (`{ alpha, inplace }`), types and unknown keys checked, defaults applied.
 */
import { TypeError, argTypeError, checkOptions, isPlainObject } from "@torchts/autograd";
import { pyFloatRepr } from "@torchts/tensor/py-format";
import { maxArgs } from "./errors";
import { pyNum } from "./module-repr";

/** One numeric parameter: its torchts (camelCase) key, PyTorch's name, and its default (none: required). */
export interface ActivationParam {
  readonly key: string;
  readonly py: string;
  readonly def?: number;
}

/** An activation's declaration: `name` is the functional's torchts name; `params` follow the input. */
export interface ActivationDecl {
  readonly name: string;
  readonly params: readonly ActivationParam[];
}

export const ELU: ActivationDecl = { name: "elu", params: [{ key: "alpha", py: "alpha", def: 1 }] };
export const SELU: ActivationDecl = { name: "selu", params: [] };
export const CELU: ActivationDecl = { name: "celu", params: [{ key: "alpha", py: "alpha", def: 1 }] };
export const HARDTANH: ActivationDecl = { name: "hardtanh", params: [{ key: "minVal", py: "min_val", def: -1 }, { key: "maxVal", py: "max_val", def: 1 }] };
export const RELU6: ActivationDecl = { name: "relu6", params: [] };
export const THRESHOLD: ActivationDecl = { name: "threshold", params: [{ key: "threshold", py: "threshold" }, { key: "value", py: "value" }] };

/**
 * The parameters of `decl` from `args` (what follows the input, or a constructor's arguments):
 * each positional or by key in a trailing plain object, then `inplace` when `withInplace`
 * (the `name_` forms have none). `fn` names the call in errors; `first` is the position of args[0].
 */
export function parseActivationArgs(fn: string, decl: ActivationDecl, args: readonly unknown[], first: number, withInplace: boolean): { values: number[]; inplace: boolean; given: boolean[] } {
  const n = decl.params.length + (withInplace ? 1 : 0);
  let positional = args;
  let options: Record<string, unknown> = {};
  const last = args[args.length - 1];
  if (args.length > 0 && isPlainObject(last)) {
    positional = args.slice(0, -1);
    checkOptions(fn, last, [...decl.params.map((p) => p.key), ...(withInplace ? ["inplace"] : [])]);
    options = last;
  }
  maxArgs(fn, positional.length + first, n + first);
  const pick = (i: number, key: string, py: string): unknown => {
    const byKey = options[key];
    const byPos = positional[i];
    if (byPos !== undefined && byKey !== undefined) throw new TypeError(`${fn}(): got multiple values for argument '${py}'`);
    return byPos ?? byKey;
  };
  const given: boolean[] = [];
  const values = decl.params.map((p, i) => {
    const picked = pick(i, p.key, p.py);
    given.push(picked !== undefined);
    const v = picked ?? p.def;
    if (v === undefined) throw new TypeError(`${fn}(): missing required argument '${p.py}' (position ${first + i})`);
    if (typeof v !== "number") throw argTypeError(fn, p.py, first + i, "float", v);
    return v;
  });
  let inplace = false;
  if (withInplace) {
    const v = pick(decl.params.length, "inplace", "inplace") ?? false;
    if (typeof v !== "boolean") throw argTypeError(fn, "inplace", first + decl.params.length, "bool", v);
    inplace = v;
  }
  return { values, inplace, given };
}

/**
 * A parameter as PyTorch's layer repr prints it: a default is Python's float (`alpha=1.0`); a
 * value the caller gave prints as Python would print that number (`min_val=-2`: JavaScript
 * cannot tell 2 from 2.0, and an integer is the likelier meaning).
 */
export function paramRepr(v: number, given: boolean): string {
  return given ? pyNum(v) : pyFloatRepr(v);
}
