/**
 * torchts → PyTorch: files torchts writes load in real PyTorch 1.13 (and, without floats,
 * in its weights_only=True loader), with every value checked in Python
 * (test/check_in_pytorch.py). The one suite that runs Python at test time: it skips,
 * loudly, only outside CI when /usr/bin/python3 has no torch; in CI it must run.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as torch from "@torchts/tensor";
import { Tensor } from "@torchts/tensor";
import { describe, expect, it } from "vitest";
import { save, saveFile } from "./index";

const PY = "/usr/bin/python3";
const hasTorch = spawnSync(PY, ["-c", "import torch"], { cwd: tmpdir(), encoding: "utf8" }).status === 0;
if (!hasTorch) {
  const msg = `\n\n*** pytorch-interop.test.ts: ${PY} cannot import torch (apt-get install python3-torch): the torchts → PyTorch checks are SKIPPED ***\n`;
  if (process.env.CI) throw new Error(`${msg}In CI they must run.`);
  console.warn(msg);
}

type E = Record<string, unknown>;
const special = (v: number): number | string => (Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : v);
const describeT = (t: Tensor, geometry = true): E => {
  // float16/bfloat16: their values, and their 16-bit words, which Python checks bit for bit
  const half = t.dtype === torch.float16 || t.dtype === torch.bfloat16;
  const flat = Array.from((half ? t.float() : t.contiguous()).toTypedArray() as ArrayLike<number>);
  const values = t.dtype === torch.int64 ? flat.map(String) : flat.map(special);
  const words = half ? { words: Array.from(t.contiguous().toTypedArray()) } : {};
  return { dtype: t.dtype.name, shape: [...t.shape], ...(geometry ? { stride: t.stride(), offset: t.storageOffset() } : {}), values, ...words };
};
const tensorE = (t: Tensor): E => ({ tensor: describeT(t) });
const dictE = (o: Record<string, unknown> | Map<string, unknown>, weightsOnly?: boolean): E => {
  const entries = o instanceof Map ? [...o.entries()] : Object.entries(o);
  return { dict: entries.map(([k, v]) => [k, walk(v)]), ordered: o instanceof Map, ...(weightsOnly ? { weights_only: true } : {}) };
};
function walk(v: unknown): E {
  if (v instanceof Tensor) return tensorE(v);
  if (v instanceof Map || (v !== null && typeof v === "object" && !Array.isArray(v))) return dictE(v as Record<string, unknown>);
  if (Array.isArray(v)) return { list: v.map(walk) };
  return { value: typeof v === "number" ? special(v) : v, type: v === null ? "NoneType" : typeof v === "string" ? "str" : typeof v === "boolean" ? "bool" : Number.isInteger(v) ? "int" : "float" };
}

describe.skipIf(!hasTorch)("files written by torchts load in PyTorch 1.13", () => {
  it("6.4's objects, shared storages, every dtype, nesting, safetensors: values checked in Python", () => {
    const dir = mkdtempSync(join(tmpdir(), "torchts-to-pytorch-"));
    torch.manualSeed(0);
    const files: Record<string, E> = {};
    const put = (name: string, obj: unknown, weightsOnly: boolean): void => {
      save(obj, join(dir, name));
      files[name] = { ...walk(obj), ...(weightsOnly ? { weights_only: true } : {}) };
    };
    const x = torch.arange(4);
    const y = torch.zeros(4);
    put("x-file", x, true);
    put("x-files", [x, y], true);
    put("mydict", { x, y }, true);
    const sd = new Map<string, Tensor>([
      ["hidden.weight", torch.randn(256, 20)], ["hidden.bias", torch.randn(256)],
      ["output.weight", torch.randn(10, 256)], ["output.bias", torch.randn(10)],
    ]);
    put("mlp.params", sd, true);
    const base = torch.arange(12, { dtype: torch.float32 });
    const w = torch.randn(2, 3);
    put("shared.pt", { base, view: base.reshape(3, 4).narrow(0, 1, 2), t: base.reshape(3, 4).t(), tied_a: w, tied_b: w, scalar: torch.tensor(-1.5), empty: torch.zeros(2, 0) }, true);
    put("dtypes.pt", new Map<string, Tensor>([
      ["f32", torch.tensor([1.5, NaN, -Infinity], { dtype: torch.float32 })], ["f64", torch.tensor([0.1, -0.0], { dtype: torch.float64 })],
      ["i64", torch.tensor([2 ** 53 - 1, -(2 ** 40), 0], { dtype: torch.int64 })], ["i32", torch.tensor([-(2 ** 31), 5], { dtype: torch.int32 })],
      ["i16", torch.tensor([-3], { dtype: torch.int16 })], ["i8", torch.tensor([-128], { dtype: torch.int8 })],
      ["u8", torch.tensor([255], { dtype: torch.uint8 })], ["b", torch.tensor([true, false])],
      ["f16", torch.tensor([0.1, -65504, 6e-8, Infinity, NaN, -0.0], { dtype: torch.float16 })],
      ["bf16", torch.tensor([0.1, -3e38, 1e-40, -Infinity, NaN], { dtype: torch.bfloat16 })],
      ["f16_view", torch.arange(12, { dtype: torch.float32 }).div(7).half().reshape(3, 4).t()],
    ]), true);
    // an optimizer-like state dict: Python floats, so only the full loader of 1.13 reads it
    put("optim.pt", { state: {}, param_groups: [{ lr: 0.03, momentum: 0.9, nesterov: false, params: [0, 1], name: null }] }, false);
    const st = { w: torch.arange(6, { dtype: torch.float32 }).reshape(2, 3), i: torch.tensor([1, -2, 2 ** 40]), flag: torch.tensor([true, false]), d: torch.tensor([0.5], { dtype: torch.float64 }),
      h: torch.tensor([0.1, -2, 65504], { dtype: torch.float16 }), bf: torch.tensor([[0.1, 1e30]], { dtype: torch.bfloat16 }) };
    saveFile(st, join(dir, "tensors.safetensors"), { format: "pt" });
    const X = torch.randn(2, 20);
    const h = torch.relu(X.matmul(sd.get("hidden.weight")!.t()).add(sd.get("hidden.bias")!));
    const Y = h.matmul(sd.get("output.weight")!.t()).add(sd.get("output.bias")!);
    const spec = {
      files,
      mlp: { X: Array.from(X.toTypedArray()), Y: Array.from(Y.toTypedArray()) },
      safetensors: Object.fromEntries(Object.entries(st).map(([k, t]) => [k, describeT(t, false)])),
    };
    writeFileSync(join(dir, "expected.json"), JSON.stringify(spec));
    const out = execFileSync(PY, [join(__dirname, "..", "test", "check_in_pytorch.py"), dir], { cwd: dir, encoding: "utf8", env: { ...process.env } });
    expect(out.trim().split("\n").pop()).toBe("OK");
  });
});
