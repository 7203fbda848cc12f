/**
 * Python-style rendering for validation messages, so that they read exactly
 * as PyTorch 1.13's: `repr(float)`, `tuple(shape)`, `torch.Size([...])` and
 * `'{}'.format(tensor)` (a 0-d tensor formats as its Python scalar).
 */
import { Tensor } from "@torchts/autograd";

/** Python's `repr(x)` of a float: shortest round-trip digits, `1.0`, `1e-07`, `inf`, `nan`. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // toExponential() without digits gives the shortest round-trip mantissa, as Python's repr does
  const [mantissa, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const sign = exp < 0 ? "-" : "+";
    const mag = Math.abs(exp);
    return `${mantissa}e${sign}${mag < 10 ? "0" : ""}${mag}`;
  }
  const s = String(x);
  return s.includes(".") ? s : `${s}.0`;
}

/** A Python scalar from a tensor element: `True`, `3`, `2.5`. */
export function pyScalar(t: Tensor): string {
  const v = t.item();
  if (typeof v === "boolean") return v ? "True" : "False";
  return t.dtype.isFloatingPoint ? pyFloat(v) : String(v);
}

/** `'{}'.format(value)`: a 0-d tensor prints as its scalar, other tensors as their repr. */
export function pyFormat(value: Tensor | number, isInt = false): string {
  if (value instanceof Tensor) return value.ndim === 0 ? pyScalar(value) : String(value);
  return isInt && Number.isInteger(value) ? String(value) : pyFloat(value);
}

/** `tuple(shape)`: `()`, `(2,)`, `(2, 3)`. */
export function pyTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/** `torch.Size([2, 3])`. */
export function pySize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(", ")}])`;
}
