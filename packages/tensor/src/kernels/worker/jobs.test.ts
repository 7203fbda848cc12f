/**
 * The control block's layout and the job encoding: every job kind survives
 * writeJob → readJob unchanged, and a malformed job is rejected on either side.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { readJob, writeJob, type Job } from "./jobs";
import { Address, CONTROL_BYTES, INT32_SLOTS, Slot } from "./layout";

const OPS = ["f32_exp", "f32_add", "f32_mul_scalar"];
const block = () => {
  const buf = new ArrayBuffer(CONTROL_BYTES);
  return { c: new Int32Array(buf, 0, INT32_SLOTS), f: new Float64Array(buf) };
};

describe("the control block", () => {
  test("every int32 slot has its own index, below the float64 addresses", () => {
    const slots = Object.values(Slot);
    expect(new Set(slots).size).toBe(slots.length);
    expect(Math.max(...slots)).toBeLessThan(INT32_SLOTS);
    for (const a of Object.values(Address)) expect(a * 8).toBeGreaterThanOrEqual(INT32_SLOTS * 4);
    expect((Math.max(...Object.values(Address)) + 1) * 8).toBeLessThanOrEqual(CONTROL_BYTES);
  });
});

describe("jobs", () => {
  const size = fc.integer({ min: 1, max: 1 << 20 });
  const addr = fc.integer({ min: 0, max: 2 ** 47 });
  const job: fc.Arbitrary<Job> = fc.oneof(
    fc.record({
      kind: fc.constant("gemm" as const), dtype: fc.constantFrom("float32" as const, "float64" as const), transA: fc.boolean(), transB: fc.boolean(),
      M: size, N: size, K: size, a: addr, lda: size, b: addr, ldb: size, c: addr, ldc: size, minRows: fc.constant(8), maxRows: fc.constant(64),
    }),
    fc.record({
      kind: fc.constant("sharedGemm" as const), dtype: fc.constantFrom("float32" as const, "float64" as const), transA: fc.boolean(), transB: fc.boolean(),
      M: size, N: size, K: size, a: size, lda: size, b: size, ldb: size, c: size, packedB: size, minRows: size,
    }),
    fc.record({ kind: fc.constant("rowSum" as const), rows: size, cols: size, x: addr, out: addr, chunkRows: size }),
    fc.record({
      kind: fc.constant("map" as const), op: fc.constantFrom(...OPS), operands: fc.constantFrom("unary" as const, "binary" as const, "scalar" as const),
      n: size, x: addr, y: fc.double({ noNaN: true }), out: addr, chunk: size,
    }),
  );

  test("readJob(writeJob(job)) is the job, for every kind", () => {
    fc.assert(
      fc.property(job, (j) => {
        const { c, f } = block();
        writeJob(c, f, j, OPS);
        expect(readJob(c, f, OPS)).toEqual(j);
      }),
    );
  });

  test("the caller rejects a malformed job before publishing it", () => {
    const { c, f } = block();
    const map = { kind: "map", op: "f32_exp", operands: "unary", n: 10, x: 0, y: 0, out: 0, chunk: 4 } as const;
    expect(() => writeJob(c, f, { ...map, op: "f32_nope" }, OPS)).toThrow("unknown kernel f32_nope");
    expect(() => writeJob(c, f, { ...map, n: 0 }, OPS)).toThrow("no rows");
    expect(() => writeJob(c, f, { ...map, n: 1.5 }, OPS)).toThrow("sizes");
    expect(() => writeJob(c, f, { ...map, chunk: 0 }, OPS)).toThrow("empty chunks");
    expect(() => writeJob(c, f, { kind: "rowSum", rows: -1, cols: 3, x: 0, out: 0, chunkRows: 1 }, OPS)).toThrow("sizes");
  });

  test("the worker rejects a block that does not hold a valid job", () => {
    const { c, f } = block();
    writeJob(c, f, { kind: "map", op: "f32_add", operands: "binary", n: 10, x: 0, y: 0, out: 0, chunk: 4 }, OPS);
    expect(() => readJob(c, f, ["f32_exp"])).toThrow("out of range");
    c[Slot.kind] = 99;
    expect(() => readJob(c, f, OPS)).toThrow("unknown kind code 99");
    writeJob(c, f, { kind: "rowSum", rows: 5, cols: 3, x: 0, out: 0, chunkRows: 2 }, OPS);
    c[Slot.rows] = 0;
    expect(() => readJob(c, f, OPS)).toThrow("no rows");
  });
});
