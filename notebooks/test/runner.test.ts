/**
 * scripts/run_notebooks.py against the real tslab kernel: it must fail a
 * notebook for every way tslab reports (or hides) an error, and pass and
 * write back a good one.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { codeCells, notebookFrom, readNotebook, runScript, skipRunner, streamText, ts, removeTempDirs } from "./helpers";

afterAll(removeTempDirs);

const run = (path: string, ...args: string[]) => runScript("run_notebooks.py", [...args, path]);

// Sequential: each run starts a kernel (2-4 s of CPU), and the machines have 2 cores.
describe.skipIf(skipRunner)("run_notebooks.py", () => {
  test("a good notebook passes, its outputs are written back, and the summary names it", async () => {
    const path = await notebookFrom(
      "good",
      "# Good\n\n" +
        ts("const x = 1 + 2;\nx") +
        "\nText between cells.\n\n" +
        ts('console.log("hello", x * 2);\nawait new Promise((r) => setTimeout(r, 20));\nconsole.log("after the timer");') +
        ts("let p = Promise.reject(new Error(\"handled\"));\np.catch(() => {});\nconsole.log(process.cwd().endsWith(\"/notebooks\"))"),
    );
    const r = await run(path);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ok +3 cells +\d+\.\d s +.*good\.ipynb$/m);
    expect(r.stdout).toMatch(/^1\/1 notebooks passed/m);
    const cells = codeCells(readNotebook(path));
    expect(cells.map((c) => c.execution_count)).toEqual([1, 2, 3]);
    expect(streamText(cells[0]!)).toBe("3\n");
    expect(streamText(cells[1]!)).toBe("hello 6\nafter the timer\n");
    // Kernels run in notebooks/, wherever the notebook is.
    expect(streamText(cells[2]!)).toBe("true\n");
  }, 120000);

  test("--no-write leaves the notebook as it was", async () => {
    const path = await notebookFrom("nowrite", ts("1 + 1"));
    const before = readFileSync(path, "utf8");
    const r = await run(path, "--no-write");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(before);
  }, 120000);

  // [what, notebook source, expected message, extra runner arguments]
  const failing: [string, string, RegExp, string[]?][] = [
    ["a thrown error", ts('const a = 1;\nthrow new Error("thrown on purpose");'), /code cell #1.*failed:[^]*Error: thrown on purpose/],
    ["a type error", ts('const s: string = 1;'), /failed:[^]*Type 'number' is not assignable to type 'string'/],
    [
      "an error thrown inside setTimeout",
      ts('setTimeout(() => { throw new Error("thrown in a timer"); }, 5);') + ts('console.log("next cell");'),
      /raised asynchronously during or after cell 0 \(code cell #1[^]*UncaughtException: Error: thrown in a timer/,
    ],
    [
      "an un-awaited rejected promise",
      ts('Promise.reject(new Error("nobody awaits me"));\nconsole.log("cell ends normally");'),
      /raised asynchronously during or after cell 0 \(code cell #1[^]*UnhandledPromiseRejection: Error: nobody awaits me/,
    ],
    [
      "an error in a timer that fires after the last cell",
      ts('setTimeout(() => { throw new Error("late"); }, 500);'),
      /before the kernel stopped:[^]*Error: late/,
    ],
    ["output on stderr", ts('console.error("something went wrong");'), /wrote to stderr:[^]*something went wrong/],
    ["a cell tagged raises-exception that does not raise", ts("1 + 1", "raises-exception"), /tagged raises-exception but raised nothing/],
    ["a cell past the per-cell timeout", ts("await new Promise((r) => setTimeout(r, 20000));"), /longer than 2 s/, ["--timeout", "2"]],
  ];
  test.each(failing)("fails the notebook for %s, and does not write it back", async (_what, source, message, args = []) => {
    const path = await notebookFrom("bad", source);
    const before = readFileSync(path, "utf8");
    const r = await run(path, ...args);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^FAIL +\d+ cells/m);
    expect(r.stdout).toMatch(message);
    expect(r.stdout).toMatch(/^0\/1 notebooks passed/m);
    expect(readFileSync(path, "utf8")).toBe(before);
  }, 120000);

  test("a cell tagged raises-exception may fail, and the rest runs", async () => {
    const path = await notebookFrom("expected", ts('throw new Error("shown on purpose");', "raises-exception") + ts('console.log("still running")'));
    const r = await run(path);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const cells = codeCells(readNotebook(path));
    expect(streamText(cells[0]!, "stderr")).toContain("shown on purpose");
    expect(streamText(cells[1]!)).toBe("still running\n");
  }, 120000);

  test("one failing notebook among several: exit 1, the others still run", async () => {
    const good = await notebookFrom("fine", ts("2 * 21"));
    const bad = await notebookFrom("broken", ts('throw new Error("x")'));
    const r = await runScript("run_notebooks.py", [bad, good]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL .*broken\.ipynb$/m);
    expect(r.stdout).toMatch(/^ok .*fine\.ipynb$/m);
    expect(r.stdout).toMatch(/^1\/2 notebooks passed/m);
  }, 120000);
});
