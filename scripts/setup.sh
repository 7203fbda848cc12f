#!/usr/bin/env bash
# One-time setup on a fresh Debian 12 / Node 20 machine: apt packages, pnpm,
# the dependencies (frozen lockfile) and a build. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  # python3-nbclient + python3-ipykernel: run notebooks headlessly through tslab;
  # chromium: plot screenshot tests; clang-16 + lld-16: rebuild-and-compare the WebAssembly kernels;
  # dataset-fashion-mnist: the IDX files in /usr/share/datasets/fashion-mnist/ (@torchts/loaders reads them there).
  pkgs="python3-nbclient python3-ipykernel chromium fonts-dejavu-core clang-16 lld-16 dataset-fashion-mnist"
  missing=$(for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
  if [ -n "$missing" ]; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi
if ! command -v pnpm >/dev/null || [ "$(pnpm --version)" != "10.34.9" ]; then
  npm install -g pnpm@10.34.9 >/dev/null
fi
pnpm install --frozen-lockfile
pnpm build
