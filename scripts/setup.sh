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
  # dataset-fashion-mnist: the IDX files in /usr/share/datasets/fashion-mnist/ (@torchts/loaders reads them there);
  # python3-torch (PyTorch 1.13.1) + python3-pip: serialization's load-in-real-PyTorch suite;
  # python3-sklearn: its diabetes table (sklearn/datasets/data/diabetes_*.csv.gz, plain text) is the real
  #   regression table of the optimisation chapter (@torchts/d2l's getDataCh11), standing in for d2l's airfoil.
  pkgs="python3-nbclient python3-ipykernel chromium fonts-dejavu-core clang-16 lld-16 dataset-fashion-mnist python3-torch python3-pip python3-sklearn"
  missing=$(for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
  if [ -n "$missing" ]; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi
# Python's safetensors (not in Debian): serialization's interop suite loads torchts's files with it
if [ -x /usr/bin/python3 ] && ! /usr/bin/python3 -c "import safetensors" 2>/dev/null; then
  /usr/bin/python3 -m pip install -q --break-system-packages --root-user-action=ignore safetensors==0.8.0
fi
if ! command -v pnpm >/dev/null || [ "$(pnpm --version)" != "10.34.9" ]; then
  npm install -g pnpm@10.34.9 >/dev/null
fi
pnpm install --frozen-lockfile
pnpm build
