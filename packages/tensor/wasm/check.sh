#!/bin/sh
# Rebuilds the WebAssembly kernels and checks the committed
# src/kernels/wasm-binary.ts matches the C sources. Skips (exit 0) when
# clang-16 is not installed, so it is safe to call from any CI machine.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v "${CLANG:-clang-16}" >/dev/null 2>&1; then
  echo "check.sh: clang-16 not found; skipping the WebAssembly rebuild check"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$here/build.sh" "$tmp/wasm-binary.ts" >/dev/null
if cmp -s "$tmp/wasm-binary.ts" "$here/../src/kernels/wasm-binary.ts"; then
  echo "check.sh: src/kernels/wasm-binary.ts is up to date"
else
  echo "check.sh: src/kernels/wasm-binary.ts is stale; run packages/tensor/wasm/build.sh" >&2
  exit 1
fi
