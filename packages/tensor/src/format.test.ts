import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bool, DType, dtypes, DTypeName, float32, float64, int64 } from "./dtype";
import { formatTensor } from "./format";

interface FormatCase {
  name: string;
  expr: string;
  dtype: DTypeName;
  shape: number[];
  values_b64: string;
  extras: string[];
  options?: Record<string, number | boolean | null>;
  repr: string;
}

const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/format.json"), "utf8")) as {
  cases: FormatCase[];
};

/** Decodes the stored elements into the storage the dtype uses. */
function decodeValues(c: { dtype: DTypeName; values_b64: string }): Float32Array | Float64Array | Uint8Array {
  const buf = Buffer.from(c.values_b64, "base64");
  const bytes = new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  if (c.dtype === "float32") return new Float32Array(bytes.buffer);
  const f64 = new Float64Array(bytes.buffer);
  return c.dtype === "bool" ? Uint8Array.from(f64) : f64;
}

function optionsOf(c: FormatCase) {
  if (!c.options) return {};
  const o = c.options;
  return {
    ...(o.precision != null && { precision: o.precision as number }),
    ...(o.threshold != null && { threshold: o.threshold as number }),
    ...(o.edgeitems != null && { edgeitems: o.edgeitems as number }),
    ...(o.linewidth != null && { linewidth: o.linewidth as number }),
    ...(o.sci_mode != null && { sciMode: o.sci_mode as boolean }),
  };
}

describe("formatTensor matches PyTorch 1.13 repr", () => {
  it("has a broad fixture", () => {
    expect(fixture.cases.length).toBeGreaterThan(100);
    for (const name of ["float32", "float64", "int64", "bool"]) {
      expect(fixture.cases.some((c) => c.dtype === name)).toBe(true);
    }
  });

  for (const c of fixture.cases) {
    it(`${c.name}: ${c.expr}`, () => {
      const values = decodeValues(c);
      expect(values.length).toBe(c.shape.reduce((a, b) => a * b, 1));
      expect(formatTensor(values, c.shape, dtypes[c.dtype] as DType, c.extras, optionsOf(c))).toBe(c.repr);
    });
  }
});

describe("formatTensor structure", () => {
  it("pads elements to the widest and appends extras after the dtype", () => {
    expect(formatTensor(new Float64Array([1, -2.5]), [2], float64, ["requires_grad=True"])).toBe(
      "tensor([ 1.0000, -2.5000], dtype=torch.float64, requires_grad=True)",
    );
    expect(formatTensor([1, 0], [2], bool)).toBe("tensor([ True, False])");
    expect(formatTensor([], [0], int64)).toBe("tensor([], dtype=torch.int64)");
    expect(formatTensor(new Float32Array([0.1]), [], float32)).toBe("tensor(0.1000)");
  });

  it("summarises exactly when numel passes the threshold", () => {
    const data = Array.from({ length: 1001 }, (_, i) => i);
    expect(formatTensor(data.slice(0, 1000), [1000], int64)).not.toContain("...");
    expect(formatTensor(data, [1001], int64)).toBe("tensor([   0,    1,    2,  ...,  998,  999, 1000])");
  });
});
