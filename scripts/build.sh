#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and builds dist/ for any static host: a release build
# with no dev-server code, no inline script (index.html's Content-Security-Policy), relative
# URLs (works from a sub-folder) and the service worker with the build's file list (offline
# use). Trunk.toml's post_build hook (scripts/post-build.mjs) does the last three.
# Copy dist/ as it is to the host. Extra arguments go to `trunk build` (e.g. --dist DIR).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
# shellcheck source=/dev/null
source .tools/env.sh

dist="dist"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    -d | --dist) dist="${args[i + 1]:-dist}" ;;
    --dist=*) dist="${args[i]#--dist=}" ;;
  esac
done

echo "[build] release build into $dist/"
env "${WASM_ENV[@]}" trunk build --release "$@"

# The hook refuses a live-reload client in index.html; check every file once more.
if grep -rlF -e '__TRUNK_ADDRESS__' -e '.well-known/trunk/ws' "$dist"; then
  echo "[build] error: the files above hold Trunk's dev-server (live-reload) code" >&2
  exit 1
fi
for f in index.html sw.js manifest.webmanifest; do
  [ -f "$dist/$f" ] || { echo "[build] error: $dist/$f is missing (did the post_build hook run?)" >&2; exit 1; }
done
echo "[build] $dist/ is ready for a static host ($(du -sh "$dist" | cut -f1)); $(grep -o 'VERSION = "[0-9a-f]*"' "$dist/sw.js")"
