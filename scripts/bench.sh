#!/usr/bin/env bash
# Training speed of the core, natively and as WebAssembly in a Chromium Web Worker, on the same
# configurations (src/bench.rs). Prints two tables; nothing is asserted.
#   ./scripts/bench.sh [seconds per config] [name filter]
# BENCH_GEMM=1 also times the single matrix products of a step on both sides.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh >/dev/null
# shellcheck source=/dev/null
source .tools/env.sh
secs="${1:-2}"
filter="${2:-}"
target="${CARGO_TARGET_DIR:-target}"

# Built like the app: release profile, SIMD128 (.cargo/config.toml), wasm-opt -O3.
wasm_env cargo build --release --locked --target wasm32-unknown-unknown --example wasm_bench
out="$ROOT/target/wasm-bench"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
  "$target/wasm32-unknown-unknown/release/examples/wasm_bench.wasm"
wasm-opt -O3 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-reference-types \
  "$out/wasm_bench_bg.wasm" -o "$out/wasm_bench_bg.wasm"
cp benches/wasm/index.html benches/wasm/worker.js "$out/"

echo "== native (cargo bench --bench core) =="
BENCH_SECS="$secs" BENCH_FILTER="$filter" cargo bench --locked --bench core 2>/dev/null
echo
echo "== WebAssembly =="
node benches/wasm.mjs "$secs" "$filter"
