import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bool, DType, dtypes, DTypeName, float32, float64, int64 } from "./dtype";
import { formatTensor } from "./format";
import { escapeHTML, formatTensorHTML } from "./format-html";

interface FormatCase {
  name: string;
  dtype: DTypeName;
  shape: number[];
  values_b64: string;
  extras: string[];
  options: unknown;
  repr: string;
}
const cases = (
  JSON.parse(readFileSync(join(__dirname, "../fixtures/format.json"), "utf8")) as { cases: FormatCase[] }
).cases;

function decode(c: FormatCase): Float32Array | Float64Array | Uint8Array {
  const buf = Buffer.from(c.values_b64, "base64");
  const bytes = new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  if (c.dtype === "float32") return new Float32Array(bytes.buffer);
  const f64 = new Float64Array(bytes.buffer);
  return c.dtype === "bool" ? Uint8Array.from(f64) : f64;
}

const cellsOf = (html: string, tag: "td" | "th") =>
  [...html.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, "g"))].map((m) => m[1]);
const rowsOf = (html: string) => (html.match(/<tbody>.*<\/tbody>/)?.[0].match(/<tr>/g) ?? []).length;

/** The element strings of a text repr, in order, with `...` gaps dropped. */
function reprElements(repr: string): string[] {
  const start = repr.indexOf("[") >= 0 ? repr.indexOf("[") : "tensor(".length;
  const data = repr.slice(start, repr.lastIndexOf("]") + 1 || undefined);
  return data
    .replace(/[[\]]/g, " ")
    .split(/[,\s]+/)
    .filter((s) => s !== "" && s !== "...");
}

describe("formatTensorHTML", () => {
  it("shows every 0-D/1-D/2-D fixture's elements exactly as the text repr does", () => {
    let checked = 0;
    for (const c of cases) {
      if (c.shape.length > 2 || c.options || c.shape.includes(0)) continue;
      const html = formatTensorHTML(decode(c), c.shape, dtypes[c.dtype] as DType, c.extras);
      const shown = cellsOf(html, "td").filter((s) => !["…", "⋮", "⋱"].includes(s));
      const text = c.shape.length === 0 ? [c.repr.slice(7).split(",")[0].replace(/\)$/, "")] : reprElements(c.repr);
      expect(shown, c.name).toEqual(text);
      checked++;
    }
    expect(checked).toBeGreaterThan(80);
  });

  it("summarises a large matrix like the text form, with index headers", () => {
    const c = cases.find((x) => x.name === "summary_3")!; // randn(50, 60)
    const html = formatTensorHTML(decode(c), c.shape, float32);
    expect(rowsOf(html)).toBe(7);
    const heads = cellsOf(html, "th");
    expect(heads.slice(0, 8)).toEqual(["", "0", "1", "2", "…", "57", "58", "59"]);
    expect(heads.slice(8)).toEqual(["0", "1", "2", "⋮", "47", "48", "49"]);
    const tds = cellsOf(html, "td");
    expect(tds).toHaveLength(49);
    expect(tds[3 * 7 + 3]).toBe("⋱");
    expect(tds[3]).toBe("…");
    expect(tds[3 * 7]).toBe("⋮");
  });

  it("captions shape, dtype and extras, escaped", () => {
    const html = formatTensorHTML(new Float64Array([1, 2]), [2], float64, ["grad_fn=<MulBackward0>"]);
    expect(html).toContain("<caption");
    expect(html).toContain("torch.Size([2]), dtype=torch.float64, grad_fn=&lt;MulBackward0&gt;</caption>");
    expect(cellsOf(html, "td")).toEqual(["1.", "2."]);
  });

  it("renders 0-D as a single cell and empty tensors without cells", () => {
    const scalar = formatTensorHTML([7], [], int64);
    expect(cellsOf(scalar, "td")).toEqual(["7"]);
    expect(scalar).toContain("torch.Size([])");
    const empty = formatTensorHTML([], [0, 3], bool);
    expect(cellsOf(empty, "td")).toEqual([]);
    expect(empty).toContain("torch.Size([0, 3]), dtype=torch.bool");
  });

  it("puts higher ranks in an escaped <pre> of the text repr", () => {
    const values = Float32Array.from({ length: 12 }, (_, i) => i - 6);
    const extras = ["grad_fn=<AddBackward0>"];
    const html = formatTensorHTML(values, [2, 3, 2], float32, extras);
    const pre = html.match(/<pre>([\s\S]*)<\/pre>/)![1];
    expect(pre).toBe(escapeHTML(formatTensor(values, [2, 3, 2], float32, extras)));
    expect(pre).toContain("grad_fn=&lt;AddBackward0&gt;)");
    expect(html).toContain("<figcaption");
    expect(html).toContain("torch.Size([2, 3, 2])");
  });

  it("escapes HTML metacharacters", () => {
    expect(escapeHTML(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });
});
