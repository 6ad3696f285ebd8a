#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), builds the app in release mode and serves it at
# http://127.0.0.1:8080 (trunk serve rebuilds when a source file changes). dist/ is the same
# build as scripts/build.sh's: live reload is off (Trunk.toml), so no dev-server code lands in
# it; after a rebuild the page offers "Reload to update".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
# shellcheck source=/dev/null
source .tools/env.sh
echo "[serve] building and serving at http://127.0.0.1:8080 (Ctrl-C stops)"
exec env "${WASM_ENV[@]}" trunk serve --release --address 127.0.0.1 --port "${PORT:-8080}" "$@"
