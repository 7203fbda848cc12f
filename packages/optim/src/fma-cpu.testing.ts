/** Whether this CPU has a fused multiply-add that relaxed SIMD's `relaxed_madd` can use (x86 FMA3, arm64). */
import { readFileSync } from "node:fs";

export const fmaCpu = process.arch === "arm64" || (process.platform === "linux" && process.arch === "x64" &&
  /^flags\s*:.*\bfma\b/m.test(readFileSync("/proc/cpuinfo", "utf8")));
