#!/bin/sh
# Rebuilds the fused optimizer updates and checks the committed src/wasm-binary.ts
# matches update.c (skips without clang-16); CI runs it, as it runs tensor's.
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../../tensor/scripts/rebuild-and-compare.sh" "$here/build.sh" "$here/../src/wasm-binary.ts" packages/optim/wasm/build.sh
