# Sourced (not run) by the WebAssembly build scripts: tensor's build.sh and build-random.sh,
# optim's wasm/build.sh. Set `name` first (for messages). Gives:
#   $tmp      a scratch directory, removed on exit
#   wasm_cc   Debian's clang-16 for wasm32 with the flags every build shares. Only the linker is
#             on its PATH: clang runs wasm-opt (binaryen) when it finds one, which would make the
#             output depend on the machine; --strip-all drops the name and producers sections (the
#             latter holds clang's exact patch version), so check.sh compares code only.
clang=$(command -v "${CLANG:-clang-16}" || true)
[ -n "$clang" ] || { echo "$name: clang-16 not found (apt-get install clang-16 lld-16)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$(command -v wasm-ld-16 || command -v wasm-ld)" "$tmp/bin/wasm-ld-16"
ln -s "$(command -v wasm-ld-16 || command -v wasm-ld)" "$tmp/bin/wasm-ld"
wasm_cc() {
  PATH="$tmp/bin" "$clang" --target=wasm32 -msimd128 -O3 -nostdlib -Wall -Werror -Wl,--no-entry -Wl,--strip-all "$@"
}
