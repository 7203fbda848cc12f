import { expect, test } from "vitest";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import Module from "node:module";
import { join } from "node:path";
import { show, tslabDisplay, tslabNewDisplay } from "./show";
import { PlotError } from "./errors";

test("show awaits the SVG and hands it to the display", async () => {
  const shown: string[] = [];
  await show(Promise.resolve("<svg/>"), { svg: (s) => shown.push(s) });
  await show("<svg id='b'/>", { svg: (s) => shown.push(s) });
  expect(shown).toEqual(["<svg/>", "<svg id='b'/>"]);
});

test("tslab's display is found from the working directory, as the kernel runs", async () => {
  const dir = mkdtempSync(join(tmpdir(), "plot-show-"));
  mkdirSync(join(dir, "node_modules", "tslab"), { recursive: true });
  writeFileSync(join(dir, "node_modules", "tslab", "package.json"), JSON.stringify({ name: "tslab", main: "index.js" }));
  writeFileSync(
    join(dir, "node_modules", "tslab", "index.js"),
    "exports.shown = []; exports.display = { svg: (s) => exports.shown.push(s) };",
  );
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const display = tslabDisplay();
    expect(display).not.toBeNull();
    await show("<svg/>");
    expect((display as unknown as { svg: unknown }).svg).toBeTypeOf("function");
    const fake = (await import(join(dir, "node_modules", "tslab", "index.js"))) as { shown: string[] };
    expect(fake.shown).toEqual(["<svg/>"]);
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
});

test("outside tslab, show says what to do instead", async () => {
  const dir = mkdtempSync(join(tmpdir(), "plot-show-none-"));
  const cwd = process.cwd();
  // pnpm's bin shims put its hoisted store on NODE_PATH, where tslab is; a kernel
  // would find that copy too, but here it must not be found. Node reads NODE_PATH
  // once, so re-read it without.
  const nodePath = process.env.NODE_PATH;
  delete process.env.NODE_PATH;
  (Module as unknown as { _initPaths(): void })._initPaths();
  process.chdir(dir);
  try {
    expect(tslabDisplay()).toBeNull();
    expect(tslabNewDisplay()).toBeNull();
    await expect(show("<svg/>")).rejects.toThrow(PlotError);
    await expect(show("<svg/>")).rejects.toThrow(/show: tslab was not found/);
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
    if (nodePath !== undefined) process.env.NODE_PATH = nodePath;
    (Module as unknown as { _initPaths(): void })._initPaths();
  }
});

test("tslabNewDisplay: tslab's newDisplay() once a kernel runs, null while none does", () => {
  const dir = mkdtempSync(join(tmpdir(), "plot-newdisplay-"));
  const pkg = join(dir, "node_modules", "tslab");
  mkdirSync(join(pkg, "dist"), { recursive: true });
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "tslab", main: "dist/public.js" }));
  // tslab 1.0's layout: public.js's displays write through jupyter.js's lastWriteDisplayData
  writeFileSync(join(pkg, "dist", "jupyter.js"), "exports.lastWriteDisplayData = null;");
  writeFileSync(
    join(pkg, "dist", "public.js"),
    `const jupyter = require("./jupyter");
     let ids = 0;
     const make = (id) => ({ svg: (s) => jupyter.lastWriteDisplayData({ id, s }) });
     exports.display = make(undefined);
     exports.newDisplay = () => make(++ids);`,
  );
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    expect(tslabNewDisplay()).toBeNull(); // tslab installed, no kernel: plain Node
    const jupyter = Module.createRequire(join(dir, "x.js"))(join(pkg, "dist", "jupyter.js")) as { lastWriteDisplayData: unknown };
    const sent: unknown[] = [];
    jupyter.lastWriteDisplayData = (m: unknown) => sent.push(m);
    const a = tslabNewDisplay(), b = tslabNewDisplay();
    a!.svg("<svg id='1'/>");
    a!.svg("<svg id='2'/>");
    b!.svg("<svg id='3'/>");
    expect(sent).toEqual([{ id: 1, s: "<svg id='1'/>" }, { id: 1, s: "<svg id='2'/>" }, { id: 2, s: "<svg id='3'/>" }]);
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
});
