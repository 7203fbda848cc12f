/**
 * How an elementwise op is declared: once, as the `torch.*` function itself,
 * carrying the data every layer needs (its kernel expression and its flags).
 *
 * The declaring modules (unary-ops.ts, binary-ops.ts, logical-ops.ts) are
 * leaves: they import nothing at runtime but this file and errors.ts. So the
 * kernel layer can read the expressions, and the op layer (elementwise.ts),
 * which imports the kernels, binds each op's implementation when it loads and
 * defines the Tensor methods from the same declarations. No import cycle.
 */
import { RuntimeError } from "./errors";
import type { Tensor } from "./tensor";
import type { TensorLike } from "./tensor-types";

/** A scalar function a kernel expression may call by name (e.g. `erf(v)`). */
export type ScalarFn = (...v: number[]) => number;

export interface UnarySpec {
  /** The value for one element `v`, a JS expression with PyTorch's semantics (computed in float64). */
  readonly expr: string;
  /**
   * The expression when the output is a narrow integer (uint8, int8, int16, int32), if it differs:
   * the operands are then integers and the store keeps the low bits (C's wrapping), e.g. `Math.imul(v, v)`.
   */
  readonly intExpr?: string;
  /** Integer and bool inputs give float32 (PyTorch's "int-to-float" ops). */
  readonly toFloat?: boolean;
  /** PyTorch raises for bool input (the message names the op). */
  readonly noBool?: boolean;
  /** PyTorch raises for bool input with this message. */
  readonly boolError?: string;
  /** Bool input gives int64 (square is pow(x, 2)). */
  readonly boolToInt64?: boolean;
  /** The result is a truth value (0/1 or bool): never recorded for autograd. */
  readonly predicate?: boolean;
  /** wasm/elementwise.c has a float32 SIMD kernel `f32_<op>`. */
  readonly wasm?: boolean;
  /** Scalar functions the expression calls, by name. */
  readonly helpers?: Readonly<Record<string, ScalarFn>>;
}

export interface BinarySpec {
  /** The value for one pair `a`, `b`, a JS expression with PyTorch's semantics. */
  readonly expr: string;
  /** As UnarySpec.intExpr: the expression for a narrow integer output, if it differs (`Math.imul(a, b)`). */
  readonly intExpr?: string;
  /** A comparison or logical op: bool result, never recorded for autograd. */
  readonly predicate?: boolean;
  /** An ordering comparison (eq..ge): compared in the promoted dtype. */
  readonly ordering?: boolean;
  /** PyTorch raises for bool operands. */
  readonly noBool?: boolean;
  /** wasm/elementwise.c has float32 SIMD kernels `f32_<op>` and `f32_<op>_scalar`. */
  readonly wasm?: boolean;
  /** The op layer implements the function itself (options such as `alpha`), see elementwise.ts. */
  readonly custom?: boolean;
  /** PyTorch's numbers-as-tensors ops: `torch.add(1, 2)` is `tensor(3)` (signature.ts). */
  readonly numbersAsTensors?: boolean;
}

/** A declared unary op: `torch.<op>(x)`, with its name, spec and signature. */
export interface UnaryDecl {
  (input: Tensor): Tensor;
  readonly kind: "unary";
  readonly op: string;
  readonly spec: UnarySpec;
  /** PyTorch's schema: `exp(Tensor input)` (signature.ts derives the argument checks from it). */
  readonly signature: string;
  /** @internal The checked entry, bound by the op layer when it loads. */
  impl: (...args: never[]) => Tensor;
}

/** A declared binary op: `torch.<op>(input, other, ...)`, with its name, spec and signature. */
export type BinaryDecl<F extends (...args: never[]) => Tensor> = F & {
  readonly kind: "binary";
  readonly op: string;
  readonly spec: BinarySpec;
  /** PyTorch's schema, e.g. `add(Tensor|Number input, Tensor|Number other, *, Number alpha=1)`. */
  readonly signature: string;
  /** @internal The checked entry, bound by the op layer when it loads. */
  impl: F;
};

/** The default signature of a binary op. */
export type BinaryFn = (input: TensorLike, other: TensorLike) => Tensor;

function unbound(op: string): never {
  throw new RuntimeError(`${op}: the op layer is not loaded (import "@torchts/tensor", not one of its files)`);
}

type Entry = (a?: never, b?: never, c?: never, d?: never) => Tensor;

/**
 * Declares a unary elementwise op; elementwise.ts binds its checked implementation
 * and defines `Tensor.prototype[op]` from the signature `op(Tensor input)`.
 */
export function unaryOp(op: string, spec: UnarySpec): UnaryDecl {
  const d = ((a?: never, b?: never) => (d.impl as Entry)(a, b)) as unknown as UnaryDecl;
  Object.defineProperties(d, {
    name: { value: op }, kind: { value: "unary" }, op: { value: op }, spec: { value: spec }, signature: { value: `${op}(Tensor input)` },
  });
  d.impl = () => unbound(op);
  return d;
}

/**
 * Declares a binary elementwise op; `F` is its function signature (the method drops the first
 * argument), `signature` its PyTorch schema. The default, `op(Tensor|Number input, Tensor|Number other)`,
 * takes a tensor and a tensor or JS number/boolean in either order (`torch.lt(7, x)` is Python's
 * reflected `7 < x`; two numbers raise). The op layer binds the checked implementation (elementwise.ts).
 */
export function binaryOp<F extends (...args: never[]) => Tensor = BinaryFn>(op: string, spec: BinarySpec, signature?: string): BinaryDecl<F> {
  const d = ((a?: never, b?: never, c?: never, e?: never) => (d.impl as unknown as Entry)(a, b, c, e)) as unknown as BinaryDecl<F>;
  Object.defineProperties(d, {
    name: { value: op }, kind: { value: "binary" }, op: { value: op }, spec: { value: spec },
    signature: { value: signature ?? `${op}(Tensor|Number input, Tensor|Number other)` },
  });
  d.impl = (() => unbound(op)) as unknown as F;
  return d;
}
/** A function's signature without its first parameter: the method form of a `torch.*` function. */
export type MethodOf<F> = F extends (input: never, ...args: infer A) => infer R ? (...args: A) => R : never;

/** The Tensor methods of a family: one per declared op, with the op's doc comment (a homomorphic mapped type keeps it). */
export type MethodsOf<T> = { [K in keyof T]: MethodOf<T[K]> };

/** The names in module namespace `M` whose declaration is of kind `K`. */
export type NamesOf<M, K extends "unary" | "binary"> = { [N in keyof M]: M[N] extends { readonly kind: K } ? N : never }[keyof M] & string;
