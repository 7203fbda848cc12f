// Deterministic input data shared by the engines (same values everywhere).

/** n float32 values uniform in [lo, hi) from a xorshift32 stream. */
export function uniform(n, lo = -1, hi = 1, seed = 1) {
  const a = new Float32Array(n);
  let s = seed | 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    a[i] = lo + ((s >>> 0) / 2 ** 32) * (hi - lo);
  }
  return a;
}

/** The same values as a Python expression building a torch tensor of the given shape (fast: one frombuffer). */
export function torchTensorFrom(name, arr, shape) {
  const b64 = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).toString("base64");
  return `import base64\n${name} = torch.frombuffer(bytearray(base64.b64decode("${b64}")), dtype=torch.float32).reshape(${JSON.stringify(shape)}).clone()\n`;
}
