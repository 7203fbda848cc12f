#!/bin/sh
# Builds the host-memory Node-API addon (host.c: allocator tuning, raw copies) for Linux x64 with glibc,
# using Debian's clang-16 + lld-16 and no Node headers, into the committed
# torchts-host.linux-x64-gnu.node the package ships. Users need no compiler.
#
# Usage: packages/tensor/native/build.sh [output.node]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/torchts-host.linux-x64-gnu.node"}
clang=$(command -v "${CLANG:-clang-16}" || true)
[ -n "$clang" ] || { echo "build.sh: clang-16 not found (apt-get install clang-16 lld-16)" >&2; exit 2; }
# No build id and no debug info, so the bytes depend on the source and the compiler only.
# -Wl,-z,undefs: the napi_* symbols are resolved against the node binary at load time.
"$clang" --target=x86_64-linux-gnu -O2 -shared -fPIC -Wall -Wextra -Werror \
  -fuse-ld=lld -Wl,--build-id=none -Wl,-z,undefs -Wl,--strip-all \
  -o "$out" "$here/host.c"
echo "build.sh: wrote $out"
