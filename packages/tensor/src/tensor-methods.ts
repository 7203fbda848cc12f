/**
 * The Tensor methods derived from the `torch.*` functions of reduce-ops.ts,
 * view-ops.ts and linalg-ops.ts: `x.sum(dim)` is `sum(x, dim)`. The types come
 * from the functions' signatures minus the first argument (their doc comments
 * carry over); the values are the checked methods compiled from each op's
 * signature (signature.ts), or one forwarding closure per op (methods.ts).
 * The elementwise families attach theirs in elementwise.ts, which also binds them.
 */
import { defineMethods, methodsFrom } from "./methods";
import type { MethodsOf } from "./op-decl";
import * as Reduce from "./reduce-ops";
import * as Views from "./view-ops";
import * as Linalg from "./linalg-ops";
// the in-place methods' argument checks (after inplace.ts has defined them)
import "./inplace-signatures";

/** reshape and permute take their sizes as rest arguments: views.ts defines those methods. */
type ViewMethods = Omit<typeof Views, "reshape" | "permute">;

/** The derived methods (tensor.ts: `interface Tensor extends ...`). */
export type ReduceMethods = MethodsOf<typeof Reduce>;
export type DerivedViewMethods = MethodsOf<ViewMethods>;
export type LinalgMethods = MethodsOf<typeof Linalg>;

const { reshape: _r, permute: _p, ...views } = Views;
const fns: Record<string, unknown> = { ...Reduce, ...views, ...Linalg };
// an op declared from its signature (signature.ts) brings its checked method; the others forward
const checked = Object.fromEntries(Object.entries(fns).flatMap(([k, f]) => ("method" in (f as object) ? [[k, (f as { method: () => unknown }).method]] : [])));
const plain = Object.fromEntries(Object.entries(fns).filter(([k]) => !(k in checked)));
defineMethods({ ...methodsFrom(plain as never), ...checked });
