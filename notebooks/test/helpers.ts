/**
 * Running notebooks through scripts/run_notebooks.py from tests. The runner
 * needs Debian's Python with nbclient and the tslab install in notebooks/;
 * tests skip without them, except on CI (CI=true), where they must run.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "..", "..");
export const NOTEBOOKS = join(ROOT, "notebooks");
export const PYTHON = "/usr/bin/python3";

/** Whether the runner can work here: nbclient importable and tslab installed. */
export function runnerAvailable(): boolean {
  const py = spawnSync(PYTHON, ["-c", "import nbclient"], { stdio: "ignore" });
  return py.status === 0 && existsSync(join(NOTEBOOKS, "node_modules", ".bin", "tslab"));
}

/** Skip only off CI; on CI a missing runner fails the tests instead. */
export const skipRunner = !runnerAvailable() && process.env.CI !== "true";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a python script of the repo with arguments; resolves with its exit code and output. */
export function runScript(script: string, args: string[], timeoutMs = 120000): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    execFile(PYTHON, [join(ROOT, "scripts", script), ...args], { timeout: timeoutMs, cwd: ROOT }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolvePromise({ code, stdout, stderr });
    });
  });
}

const tempDirs: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs(). */
export function tempDir(prefix = "nb-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Removes the directories tempDir() made (call from afterAll). */
export function removeTempDirs(): void {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A fresh directory holding `<name>.md` converted to `<name>.ipynb`; returns the notebook path. */
export async function notebookFrom(name: string, markdown: string): Promise<string> {
  const dir = tempDir();
  const md = join(dir, `${name}.md`);
  writeFileSync(md, markdown);
  const made = await runScript("make_notebook.py", ["--out-dir", dir, md]);
  if (made.code !== 0) throw new Error(`make_notebook failed: ${made.stderr}${made.stdout}`);
  return join(dir, `${name}.ipynb`);
}

export interface CodeCell {
  cell_type: string;
  source: string | string[];
  execution_count: number | null;
  outputs: { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown> }[];
  metadata: { tags?: string[] };
}

export function readNotebook(path: string): { cells: CodeCell[]; metadata: Record<string, unknown> } {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** The text a code cell printed to one stream. */
export function streamText(cell: CodeCell, name = "stdout"): string {
  return cell.outputs
    .filter((o) => o.output_type === "stream" && o.name === name)
    .map((o) => (Array.isArray(o.text) ? o.text.join("") : o.text ?? ""))
    .join("");
}

export const codeCells = (nb: { cells: CodeCell[] }): CodeCell[] => nb.cells.filter((c) => c.cell_type === "code");

/** The fenced TypeScript cell of a notebook source. */
export const ts = (code: string, info = ""): string => "```ts" + (info ? " " + info : "") + "\n" + code.trim() + "\n```\n";

export interface ExecutedCell {
  source: string;
  /** everything the cell printed: streams and text/plain results */
  text: string;
  /** the SVG images it displayed, concatenated */
  svg: string;
}

const joinText = (s: string | string[] | undefined): string => (Array.isArray(s) ? s.join("") : (s ?? ""));

/** The code cells of the committed, executed notebook `notebooks/<name>.ipynb`. */
export function executedCells(name: string): ExecutedCell[] {
  const nb = JSON.parse(readFileSync(join(NOTEBOOKS, `${name}.ipynb`), "utf8")) as { cells: { cell_type: string; source: string | string[]; outputs?: { text?: string | string[]; data?: Record<string, string | string[]> }[] }[] };
  return nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => ({
      source: joinText(c.source),
      text: (c.outputs ?? []).map((o) => joinText(o.text) + joinText(o.data?.["text/plain"])).join(""),
      svg: (c.outputs ?? []).map((o) => joinText(o.data?.["image/svg+xml"])).join(""),
    }));
}

/** The first executed cell whose source contains `marker` (throws when none does). */
export function executedCell(name: string, marker: string): ExecutedCell {
  const cell = executedCells(name).find((c) => c.source.includes(marker));
  if (!cell) throw new Error(`${name}: no code cell contains ${JSON.stringify(marker)}`);
  return cell;
}
