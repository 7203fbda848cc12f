#!/bin/sh
# Rebuilds a committed build output with its build script and fails when the
# committed bytes differ. Skips (exit 0) when clang-16 is not installed, so it
# is safe to call from any CI machine.
#
# Usage: rebuild-and-compare.sh <build script> <committed output> <how to refresh it>
set -eu
build=$1 committed=$2 refresh=$3
name=$(basename "$committed")
if ! command -v "${CLANG:-clang-16}" >/dev/null 2>&1; then
  echo "check: clang-16 not found; skipping the rebuild check of $name"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build" "$tmp/$name" >/dev/null
if cmp -s "$tmp/$name" "$committed"; then
  echo "check: $name is up to date"
else
  echo "check: $name is stale; run $refresh" >&2
  exit 1
fi
