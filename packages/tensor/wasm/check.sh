#!/bin/sh
# Rebuilds the WebAssembly kernels and checks the committed
# src/kernels/wasm-binary.ts and src/random-wasm-binary.ts match the C sources (skips without clang-16).
set -e
here=$(cd "$(dirname "$0")" && pwd)
"$here/../scripts/rebuild-and-compare.sh" "$here/build.sh" "$here/../src/kernels/wasm-binary.ts" packages/tensor/wasm/build.sh
exec "$here/../scripts/rebuild-and-compare.sh" "$here/build-random.sh" "$here/../src/random-wasm-binary.ts" packages/tensor/wasm/build-random.sh
