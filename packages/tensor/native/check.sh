#!/bin/sh
# Rebuilds the malloc-tuning addon and checks the committed binary matches
# malloc.c. Skips (exit 0) when clang-16 is not installed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v "${CLANG:-clang-16}" >/dev/null 2>&1; then
  echo "check.sh: clang-16 not found; skipping the native addon rebuild check"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$here/build.sh" "$tmp/addon.node" >/dev/null
if cmp -s "$tmp/addon.node" "$here/torchts-malloc.linux-x64-gnu.node"; then
  echo "check.sh: native/torchts-malloc.linux-x64-gnu.node is up to date"
else
  echo "check.sh: native/torchts-malloc.linux-x64-gnu.node is stale; run packages/tensor/native/build.sh" >&2
  exit 1
fi
