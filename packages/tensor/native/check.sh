#!/bin/sh
# Rebuilds the malloc-tuning addon and checks the committed binary matches
# malloc.c (skips without clang-16).
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../scripts/rebuild-and-compare.sh" "$here/build.sh" "$here/torchts-malloc.linux-x64-gnu.node" packages/tensor/native/build.sh
