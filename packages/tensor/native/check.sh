#!/bin/sh
# Rebuilds the host-memory addon and checks the committed binary matches
# host.c (skips without clang-16).
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../scripts/rebuild-and-compare.sh" "$here/build.sh" "$here/torchts-host.linux-x64-gnu.node" packages/tensor/native/build.sh
