#!/usr/bin/env bash
# Runs every test, in this order, stopping at the first failure:
#   1. cargo fmt --check
#   2. cargo clippy, warnings denied (every package of the workspace: native, and wasm32 for the
#      page, its worker and the browser binary)
#   3. native cargo test of the workspace (the core crate's unit tests, PyTorch reference cases,
#      gradient checks, lessons)
#   4. browser tests: wasm-bindgen-test in headless Chromium (tests/web_*.rs)
#   5. end-to-end tests against the static build (scripts/build.sh, tests/e2e/): Chromium through
#      Playwright (every other file), and the shared core in Firefox ESR (WebDriver BiDi) and WebKitGTK
#      (WebKitWebDriver) in tests/e2e/engines.test.mjs
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
# shellcheck source=/dev/null
source .tools/env.sh

# CI runs on a fresh clone each time: keep compiled dependencies in one place across runs.
if [ "${CI:-}" = true ] && [ -z "${CARGO_TARGET_DIR:-}" ]; then
  export CARGO_TARGET_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/rnn-playground/target"
fi

step() { printf '\n=== %s ===\n' "$*"; }
started=$SECONDS

step "1/5 cargo fmt --check"
cargo fmt --all -- --check

step "2/5 cargo clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings
wasm_env cargo clippy --workspace --target wasm32-unknown-unknown --lib --bins --examples --locked -- -D warnings

step "3/5 native tests"
# tests/pytorch_code.rs also runs the exported scripts and the code panel's training loops in
# PyTorch when a Python with torch is found; otherwise it checks their text only.
if [ -z "${PYTORCH_PYTHON:-}" ] && python3 -c 'import torch' >/dev/null 2>&1; then
  PYTORCH_PYTHON="$(command -v python3)"
fi
if [ -n "${PYTORCH_PYTHON:-}" ]; then
  export PYTORCH_PYTHON
  echo "PyTorch runs in tests/pytorch_code.rs: on, with $PYTORCH_PYTHON"
else
  echo "PyTorch runs in tests/pytorch_code.rs: skipped (no Python with torch here; set PYTORCH_PYTHON=/path/to/python to run them)"
fi
cargo test --workspace --locked

step "4/5 browser tests (wasm-bindgen-test, headless Chromium)"
web_tests=()
for f in tests/web_*.rs; do web_tests+=(--test "$(basename "$f" .rs)"); done
CHROMEDRIVER="$CHROMEDRIVER" wasm_env cargo test --target wasm32-unknown-unknown --locked "${web_tests[@]}"

step "5/5 end-to-end tests (release build: Chromium; Firefox ESR and WebKitGTK in engines.test.mjs)"
# The same dist/ as the deploy command builds.
bash scripts/build.sh
node --test --test-concurrency=1 tests/e2e/

printf '\nall test stages passed in %ss\n' "$((SECONDS - started))"
