// PyTorch through /usr/bin/python3 (Debian's python3-torch), as a persistent
// child process so its rounds interleave with the JS engines in one run.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./pytorch_worker.py", import.meta.url));
export const PYTHON = process.env.TORCHTS_BENCH_PYTHON ?? "/usr/bin/python3";

/**
 * Starts the worker. Resolves to { ok: true, version, call(request) } or
 * { ok: false, reason } when the interpreter or torch is missing.
 */
export async function startPytorch() {
  let child;
  try {
    // One OpenMP thread that sleeps instead of spinning between calls.
    child = spawn(PYTHON, [WORKER], { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, OMP_NUM_THREADS: "1", OMP_WAIT_POLICY: "PASSIVE" } });
  } catch (e) {
    return { ok: false, reason: `${PYTHON} could not start (${e.message})` };
  }
  const lines = createInterface({ input: child.stdout });
  const pending = [];
  let closed = false;
  lines.on("line", (l) => pending.shift()?.resolve(JSON.parse(l)));
  const failAll = (why) => {
    closed = true;
    while (pending.length) pending.shift().reject(new Error(why));
  };
  child.on("error", (e) => failAll(`${PYTHON}: ${e.message}`));
  child.on("exit", (code) => failAll(`${PYTHON} exited (${code})`));
  const next = () => new Promise((resolve, reject) => (closed ? reject(new Error("closed")) : pending.push({ resolve, reject })));
  let hello;
  try {
    hello = await next();
  } catch (e) {
    return { ok: false, reason: `${PYTHON} is not usable (${e.message})` };
  }
  if (!hello.ready) {
    child.stdin.end();
    return { ok: false, reason: `${PYTHON} has no torch (${hello.error}); install Debian's python3-torch` };
  }
  return {
    ok: true,
    version: hello.version,
    async call(req) {
      const p = next();
      child.stdin.write(JSON.stringify(req) + "\n");
      const r = await p;
      if (r.error) throw new Error(`PyTorch ${req.op} ${req.id}: ${r.error}`);
      return r;
    },
    close() {
      child.stdin.end();
    },
  };
}
