/**
 * Python's KeyError, which nn raises where PyTorch does (registering a name with a dot,
 * a name that is already an attribute, a missing ModuleDict key). A TorchError, as every
 * torchts error.
 */
import { Tensor, TorchError, TypeError } from "@torchts/autograd";

export class KeyError extends TorchError {
  override name = "KeyError";
}

/** Python's AttributeError (getSubmodule on a missing or non-module attribute, as PyTorch). */
export class AttributeError extends TorchError {
  override name = "AttributeError";
}

/** PyTorch's legacy type name of a value, as its messages print it: 'torch.FloatTensor', 'int', a class name. */
export function pyTypeName(v: unknown): string {
  if (v instanceof Tensor) return `torch.${v.dtype.scalarType}Tensor`;
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (v === null || v === undefined) return "NoneType";
  if (Array.isArray(v)) return "list";
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
  const name = proto?.constructor?.name;
  if (typeof v === "function") return name && name !== "Function" ? name : "function";
  return name && name !== "Object" ? name : "dict";
}

/** PyTorch raises on extra positional arguments (`relu() takes from 1 to 2 positional arguments but 3 were given`); so does nn. */
export function maxArgs(fn: string, given: number, most: number): void {
  if (given > most) throw new TypeError(`${fn}() takes at most ${most} argument${most === 1 ? "" : "s"} (${given} given)`);
}
