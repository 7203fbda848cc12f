import { afterEach, describe, expect, test, vi } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { getBackend, getNumThreads, kernels, setBackend, setNumThreads } from "./registry";
import { jsKernels } from "./js";
import { RuntimeError } from "../errors";

afterEach(() => {
  setBackend("auto");
  setNumThreads(2);
  vi.unstubAllEnvs();
});

describe("backend selection", () => {
  test("auto selects WebAssembly on Node 20; js and wasm can be forced", () => {
    setBackend("auto");
    expect(getBackend()).toBe("wasm");
    setBackend("js");
    expect(getBackend()).toBe("js");
    setBackend("wasm");
    expect(getBackend()).toBe("wasm");
  });

  test("with the JS backend forced, every kernel is the TypeScript one", () => {
    setBackend("js");
    const js = jsKernels();
    const x = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 5);
    const a = new Float32Array(1000), b = new Float32Array(1000);
    kernels.unary.exp(x, a, 1000);
    js.unary.exp(x, b, 1000);
    expect(a).toEqual(b); // bit-identical: the same code ran
    const A = Float32Array.from({ length: 64 * 64 }, (_, i) => (i % 7) - 3);
    const C1 = new Float32Array(64 * 64), C2 = new Float32Array(64 * 64);
    kernels.gemm(false, true, 64, 64, 64, A, 0, 64, A, 0, 64, C1, 0, 64);
    js.gemm(false, true, 64, 64, 64, A, 0, 64, A, 0, 64, C2, 0, 64);
    expect(C1).toEqual(C2);
  });

  test("the kernels object is mutated in place, so a held reference follows the backend", () => {
    const held = kernels;
    setBackend("js");
    const jsGemm = held.gemm;
    setBackend("wasm");
    expect(held.gemm).not.toBe(jsGemm);
  });

  test("bad names raise a RuntimeError naming the choices", () => {
    expect(() => setBackend("gpu" as never)).toThrow(RuntimeError);
    expect(() => setBackend("gpu" as never)).toThrow(/"js", "wasm" or "auto"/);
    expect(() => setNumThreads(0)).toThrow(/positive integer/);
    setNumThreads(1);
    expect(getNumThreads()).toBe(1);
  });

  test("TORCHTS_BACKEND=js selects the JS kernels at load; an unknown value raises", async () => {
    vi.stubEnv("TORCHTS_BACKEND", "js");
    vi.resetModules();
    const fresh = await import("./registry");
    expect(fresh.getBackend()).toBe("js");
    vi.stubEnv("TORCHTS_BACKEND", "cuda");
    vi.resetModules();
    await expect(import("./registry")).rejects.toThrow(/TORCHTS_BACKEND="cuda"/);
  });
});

/** Compiles the kernel sources to CommonJS in a temp dir, so a plain `node` child can load them. */
function transpileKernels(): string {
  const dir = mkdtempSync(join(tmpdir(), "torchts-kernels-"));
  for (const sub of ["worker", "loops"]) mkdirSync(join(dir, "kernels", sub), { recursive: true });
  const src = join(__dirname, "..");
  // the kernels read the elementwise declarations (leaf modules)
  const decls = ["op-decl.ts", "elementwise-decls.ts", "unary-ops.ts", "binary-ops.ts", "logical-ops.ts"];
  const files = ["errors.ts", "memory.ts", ...decls, ...["", "worker/", "loops/"].flatMap((sub) => readdirSync(join(__dirname, sub)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f) => `kernels/${sub}${f}`))];
  for (const f of files) {
    const out = ts.transpileModule(readFileSync(join(src, f), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(dir, f.replace(/\.ts$/, ".js")), out.outputText);
  }
  return dir;
}

describe("processes", () => {
  const dir = transpileKernels();
  const run = (script: string, env: Record<string, string> = {}) =>
    execFileSync(process.execPath, ["-e", script], { cwd: dir, env: { ...process.env, ...env }, timeout: 20000, encoding: "utf8" });

  test("a process that ran a matmul on two threads exits normally (the worker is unref'd)", () => {
    const script = `
      const { kernels, getBackend } = require("./kernels/registry.js");
      const { workerStats } = require("./kernels/worker/share.js");
      const n = 256, A = new Float32Array(n * n).fill(1), C = new Float32Array(n * n);
      kernels.gemm(false, false, n, n, n, A, 0, n, A, 0, n, C, 0, n);
      const t0 = Date.now();
      (function again() {
        if (!workerStats().workerReady && Date.now() - t0 < 10000) return setTimeout(again, 20);
        kernels.gemm(false, false, n, n, n, A, 0, n, A, 0, n, C, 0, n);
        console.log(getBackend(), workerStats().sharedJobs, C[0]);
      })();`;
    const t = Date.now();
    expect(run(script, { TORCHTS_BACKEND: "auto" }).trim()).toBe("wasm 1 256");
    expect(Date.now() - t).toBeLessThan(15000);
  });

  test("TORCHTS_BACKEND=js runs the TypeScript kernels and starts no worker", () => {
    const script = `
      const { kernels, getBackend } = require("./kernels/registry.js");
      const { workerStats } = require("./kernels/worker/share.js");
      const n = 256, A = new Float32Array(n * n).fill(1), C = new Float32Array(n * n);
      kernels.gemm(false, false, n, n, n, A, 0, n, A, 0, n, C, 0, n);
      console.log(getBackend(), workerStats().workerReady, C[n * n - 1]);`;
    expect(run(script, { TORCHTS_BACKEND: "js" }).trim()).toBe("js false 256");
  });
});
