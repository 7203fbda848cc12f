/**
 * The executed chapter-1 notebooks print what PyTorch and pandas print. These
 * read the committed outputs (`pnpm notebooks` rewrites them), so a notebook
 * that runs but shows wrong numbers fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: { output_type: string; text?: string | string[]; data?: Record<string, string | string[]>; name?: string }[];
}

const joined = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : (s ?? ""));

function cells(name: string): { source: string; text: string; svg: string }[] {
  const nb = JSON.parse(readFileSync(join(__dirname, "..", `${name}.ipynb`), "utf8")) as { cells: Cell[] };
  return nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => ({
      source: joined(c.source),
      text: (c.outputs ?? []).map((o) => joined(o.text) + joined(o.data?.["text/plain"])).join(""),
      svg: (c.outputs ?? []).map((o) => joined(o.data?.["image/svg+xml"])).join(""),
    }));
}

/** The output of the first cell whose source contains `marker`. */
function out(name: string, marker: string): string {
  const c = cells(name).find((x) => x.source.includes(marker));
  if (!c) throw new Error(`${name}: no cell contains ${JSON.stringify(marker)}`);
  return c.text;
}

describe("1.1 tensors", () => {
  it("prints PyTorch's tensors", () => {
    expect(out("1.1-tensors", "let x = torch.arange(10)")).toContain("tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])");
    expect(out("1.1-tensors", "x.shape")).toContain("torch.Size([3, 4])");
    expect(out("1.1-tensors", "X.set(1, 2, 9)")).toContain("[ 4,  5,  9,  7]");
    expect(out("1.1-tensors", 'X.set("0:2", ":", 12)')).toContain("tensor([[12, 12, 12, 12],\n        [12, 12, 12, 12],\n        [ 8,  9, 10, 11]])");
    expect(out("1.1-tensors", "torch.cat([X, Y], 1)")).toContain("[ 8.,  9., 10., 11.,  4.,  3.,  2.,  1.]])");
    expect(out("1.1-tensors", "torch.ones(2, 3).add(torch.ones(4, 3))")).toMatch(/RuntimeError: add: .*\[2,3\].*\[4,3\]/);
    expect(out("1.1-tensors", "torch.tensor([3.7])")).toContain("tensor([3.7000])");
  });
});

describe("1.2 data preprocessing", () => {
  it("reads the spaced file as pandas does and gives pandas + torch's tensors", () => {
    expect(out("1.2-data-preprocessing", "const raw = readCsv(dataFile);")).toMatch(/ Alley\s+object/);
    expect(out("1.2-data-preprocessing", "const X = toTensor(inputs)")).toContain(
      "tensor([[3., 1., 0.],\n        [2., 0., 1.],\n        [4., 0., 1.],\n        [3., 0., 1.]], dtype=torch.float64)\n" +
        "tensor([127500, 106000, 178100, 140000])",
    );
    expect(out("1.2-data-preprocessing", "getDummies(filled")).toMatch(/NumRooms\s+Alley_Pave\s+Alley_nan/);
  });
});

describe("1.3 linear algebra", () => {
  it("reductions, products and norms match PyTorch", () => {
    expect(out("1.3-linear-algebra", "A.sum({ axis: 0 })")).toContain("tensor([40., 45., 50., 55.])");
    expect(out("1.3-linear-algebra", "A.sum({ axis: [0, 1] })")).toContain("tensor(190.)");
    expect(out("1.3-linear-algebra", "A.cumsum({ dim: 0 })")).toContain("[40., 45., 50., 55.]])");
    expect(out("1.3-linear-algebra", "torch.mv(A, v)")).toContain("tensor([ 14.,  38.,  62.,  86., 110.])");
    expect(out("1.3-linear-algebra", "torch.norm(u)")).toContain("tensor(5.)");
    expect(out("1.3-linear-algebra", "torch.abs(u).sum()")).toContain("tensor(7.)");
    expect(out("1.3-linear-algebra", "torch.norm(torch.ones(4, 9))")).toContain("tensor(6.)");
  });
});

describe("1.4 gradients", () => {
  it("the limit approaches 2, autograd agrees, the table rows check out, and the plot is drawn", () => {
    expect(out("1.4-gradients", "numericalLim")).toContain("h=0.00001, numerical limit=2.00003");
    expect(out("1.4-gradients", "x1.pow(2)")).toContain("tensor([2.])");
    const table = out("1.4-gradients", "const rows");
    expect(table.match(/true/g)?.length).toBe(7);
    expect(table).not.toContain("false");
    const plotCell = cells("1.4-gradients").find((c) => c.source.includes("Tangent line"))!;
    expect(plotCell.svg).toContain("<svg");
    expect(plotCell.svg).toContain("Tangent line (x=1)");
  });
});

describe("1.5 autograd", () => {
  it("prints PyTorch's gradients for every example", () => {
    expect(out("1.5-autograd", "let y = torch.dot(x, x).mul(2)")).toContain("tensor(28., grad_fn=<MulBackward0>)");
    expect(out("1.5-autograd", "y.backward();\nx.grad")).toContain("tensor([ 0.,  4.,  8., 12.])");
    expect(out("1.5-autograd", "y = x.sum();")).toContain("tensor([1., 1., 1., 1.])");
    expect(out("1.5-autograd", "y.sum().backward();")).toContain("tensor([0., 2., 4., 6.])");
    expect(out("1.5-autograd", "y.backward(torch.ones(x.length))")).toContain("tensor([0., 2., 4., 6.])");
    expect(out("1.5-autograd", "x.mul(x).backward()")).toContain("grad can be implicitly created only for scalar outputs");
    expect(out("1.5-autograd", "const d = f(a)")).toContain("tensor(True)");
    expect(out("1.5-autograd", "torch.grad(dy!.sum()")).toContain("tensor([ 6., 15., -9.])");
  });
});

describe("1.6 probability", () => {
  it("samples counts, converges towards 1/6, and computes the section's quantities", () => {
    const one = out("1.6-probability", "new Multinomial(1, fairProbs).sample()");
    const counts = one.match(/tensor\(\[(.*)\]\)/)![1].split(",").map(Number);
    expect(counts).toHaveLength(6);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const last = out("1.6-probability", "const estimates").match(/tensor\(\[(.*)\]\)/)![1].split(",").map(Number);
    for (const p of last) expect(Math.abs(p - 1 / 6)).toBeLessThan(0.03);
    const plotCell = cells("1.6-probability").find((c) => c.source.includes("hlines"))!;
    expect(plotCell.svg).toContain("P(die=6)");
    expect(out("1.6-probability", "const posterior = bayes")).toContain("tensor([0.8694, 0.1306], dtype=torch.float64)");
    expect(out("1.6-probability", "isIndependent(indep)")).toContain("[ true, false ]");
    expect(out("1.6-probability", "const ex = expectation")).toContain("tensor(3.5000, dtype=torch.float64)");
    expect(out("1.6-probability", "const ex = expectation")).toContain("tensor(2.9167, dtype=torch.float64)");
  });
});

describe("HTML display", () => {
  it("tensors and frames display as HTML tables", () => {
    const html = (name: string, marker: string) => {
      const nb = JSON.parse(readFileSync(join(__dirname, "..", `${name}.ipynb`), "utf8")) as { cells: Cell[] };
      const c = nb.cells.find((x) => x.cell_type === "code" && joined(x.source).includes(marker))!;
      return (c.outputs ?? []).map((o) => joined(o.data?.["text/html"])).join("");
    };
    expect(html("1.1-tensors", "X.toHTML()")).toMatch(/<table class="torchts-tensor"[\s\S]*torch\.Size\(\[3, 4\]\)/);
    expect(html("1.2-data-preprocessing", "data.toHTML()")).toMatch(/<table border="1" class="dataframe">[\s\S]*NumRooms/);
  });
});
