#!/bin/sh
# Rebuilds the WebAssembly kernels and checks the committed
# src/kernels/wasm-binary.ts matches the C sources (skips without clang-16).
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../scripts/rebuild-and-compare.sh" "$here/build.sh" "$here/../src/kernels/wasm-binary.ts" packages/tensor/wasm/build.sh
