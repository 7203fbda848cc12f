/** scripts/make_notebook.py: markdown sources with ```ts cells -> .ipynb for the tslab kernel. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readNotebook, runScript, skipRunner, ts, removeTempDirs, tempDir } from "./helpers";

afterAll(removeTempDirs);

const joined = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);

function source(name: string, text: string): { dir: string; md: string; ipynb: string } {
  const dir = tempDir("nb-make-");
  const md = join(dir, `${name}.md`);
  writeFileSync(md, text);
  return { dir, md, ipynb: join(dir, `${name}.ipynb`) };
}

describe.skipIf(skipRunner)("make_notebook.py", () => {
  test("each ```ts fence is a code cell, the text between is a markdown cell", async () => {
    const text =
      "# Title\n\nIntro with `inline` code.\n\n" +
      ts("const a = 1;\na") +
      "\nPython for comparison stays in the text:\n\n```python\nx = torch.arange(4)\n```\n\n" +
      "````markdown\n```ts\nnot a cell: inside another fence\n```\n````\n\n" +
      "~~~\ntilde fence\n~~~\n" +
      ts('throw new Error("on purpose")', "raises-exception") +
      "```typescript\nconst b = 2;\n```\n";
    const { md, ipynb, dir } = source("demo", text);
    const r = await runScript("make_notebook.py", ["--out-dir", dir, md]);
    expect(r.code, r.stderr).toBe(0);
    const nb = readNotebook(ipynb);
    expect(nb.cells.map((c) => c.cell_type)).toEqual(["markdown", "code", "markdown", "code", "code"]);
    expect(nb.cells.map((c) => (c as unknown as { id: string }).id)).toEqual(["c000", "c001", "c002", "c003", "c004"]);
    expect(joined(nb.cells[0]!.source)).toBe("# Title\n\nIntro with `inline` code.");
    expect(joined(nb.cells[1]!.source)).toBe("const a = 1;\na");
    const middle = joined(nb.cells[2]!.source);
    expect(middle).toContain("```python\nx = torch.arange(4)\n```");
    expect(middle).toContain("```ts\nnot a cell: inside another fence\n```");
    expect(middle).toContain("~~~\ntilde fence\n~~~");
    expect(nb.cells[3]!.metadata).toEqual({ tags: ["raises-exception"] });
    expect(nb.cells[4]!.metadata).toEqual({});
    expect(nb.cells[1]!.outputs).toEqual([]);
    expect(nb.metadata).toEqual({ kernelspec: { name: "tslab", display_name: "TypeScript (tslab)", language: "typescript" } });
    // The same source gives the same file.
    const again = await runScript("make_notebook.py", ["--out-dir", dir, md]);
    expect(again.stdout).toMatch(/^same/m);
  });

  test("an unclosed ```ts fence is an error naming the line", async () => {
    const { md, dir } = source("open", "text\n\n```ts\nconst a = 1;\n");
    const r = await runScript("make_notebook.py", ["--out-dir", dir, md]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/open\.md:3: unclosed ```ts fence/);
  });

  test("--check reports notebooks whose cells differ from their source; regenerating keeps outputs of unchanged ones", async () => {
    const { md, ipynb, dir } = source("check", ts("1 + 1"));
    await runScript("make_notebook.py", ["--out-dir", dir, md]);
    // Pretend it was executed: outputs must survive an unchanged source.
    const nb = JSON.parse(readFileSync(ipynb, "utf8"));
    nb.cells[0].outputs = [{ output_type: "stream", name: "stdout", text: ["2\n"] }];
    writeFileSync(ipynb, JSON.stringify(nb));
    expect((await runScript("make_notebook.py", ["--check", "--out-dir", dir, md])).code).toBe(0);
    await runScript("make_notebook.py", ["--out-dir", dir, md]);
    expect(readNotebook(ipynb).cells[0]!.outputs).toHaveLength(1);
    writeFileSync(md, ts("1 + 2"));
    const stale = await runScript("make_notebook.py", ["--check", "--out-dir", dir, md]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/stale/);
  });

  test("the committed notebooks match their sources in notebooks/src", async () => {
    const r = await runScript("make_notebook.py", ["--check"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});
