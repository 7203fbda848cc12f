/**
 * The op layer hands the generated loops every signature it produces (a module of its own: the
 * resolutions are cached per module instance, so nothing else may have called the kernels first).
 */
import { expect, test } from "vitest";
import { type DType, bool, float32, float64, int16, int32, int64, int8, uint8 } from "../dtype";
import { BINARY_DECLS, UNARY_DECLS } from "../elementwise-decls";
import { loopResolution } from "./js-elementwise";
import * as torch from "../index";

const DTYPES = [bool, uint8, int8, int16, int32, int64, float32, float64];

test("the op layer never needs the reference loop: every elementwise function over every dtype pair, tensor, 0-d tensor and JS scalar operands", () => {
  const operands = (d: DType) => [torch.tensor([1, 0, 3], { dtype: d }), torch.tensor(2, { dtype: d })];
  const scalars = [2, 0.5, true];
  const call = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof torch.TorchError)) throw e; // PyTorch raises for some dtypes (bool - bool, int pow with negative powers)
    }
  };
  let calls = 0;
  for (const d of UNARY_DECLS) for (const dt of DTYPES) for (const x of operands(dt)) call(() => (calls++, d(x)));
  for (const d of BINARY_DECLS) {
    const f = d as unknown as (a: unknown, b: unknown) => torch.Tensor;
    for (const da of DTYPES) {
      for (const a of operands(da)) {
        for (const db of DTYPES) for (const b of operands(db)) call(() => (calls++, f(a, b)));
        for (const s of scalars) call(() => (calls++, f(a, s), f(s, a)));
      }
    }
  }
  expect(calls).toBeGreaterThan(5000);
  expect(loopResolution.reference).toEqual([]);
  // the casts happen only for mixed operands or narrow integers; recorded so a change shows here
  expect(loopResolution.cast.length).toBeGreaterThan(0);
});

test("a float32 tensor with a one-element float64 tensor into float64 keeps float64 arithmetic (PyTorch 1.13.1: 2.1)", () => {
  const x = torch.tensor([2], { dtype: torch.float32 }), y = torch.tensor([0.1], { dtype: torch.float64 });
  expect(x.add(y).dtype).toBe(torch.float64);
  expect(x.add(y).item()).toBe(2.1);
  expect(torch.tensor(2, { dtype: torch.float32 }).sub(torch.tensor(0.1, { dtype: torch.float64 })).item()).toBe(2 - 0.1);
  // a 0-d float64 operand of a dimensioned float32 tensor: float32, the operand rounded as PyTorch casts it
  expect(x.add(torch.tensor(0.1, { dtype: torch.float64 })).item()).toBe(Math.fround(2 + Math.fround(0.1)));
});
