#!/usr/bin/env bash
# Training speed of the core, natively and as WebAssembly in a Chromium Web Worker, on the same
# configurations (crates/core/src/bench.rs). Prints two tables; nothing is asserted.
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

# Built like the app: release profile, SIMD128 (.cargo/config.toml), wasm-opt -O3. wasm-opt's
# -O3 inlines every function that has one caller, whatever its size: here it made the benchmark's
# step one 102 KB function, above the 100,000 bytes that JavaScriptCore (Safari, WebKitGTK)
# compiles with its optimising tier, so WebKit ran the step in its baseline tier (MNIST LSTM
# 64: 64 ms a step instead of 32). A cap on the size that inlining makes keeps every function
# under it (node benches/wasm_functions.mjs FILE lists the largest).
wasm_env cargo build --release --locked --target wasm32-unknown-unknown --example wasm_bench
out="$ROOT/target/wasm-bench"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
  "$target/wasm32-unknown-unknown/release/examples/wasm_bench.wasm"
wasm-opt -O3 --inline-max-combined-binary-size=90000 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-reference-types \
  "$out/wasm_bench_bg.wasm" -o "$out/wasm_bench_bg.wasm"
cp benches/wasm/index.html benches/wasm/worker.js "$out/"

echo "== native (cargo bench --bench core) =="
BENCH_SECS="$secs" BENCH_FILTER="$filter" cargo bench --locked --bench core 2>/dev/null
echo
echo "== WebAssembly =="
node benches/wasm.mjs "$secs" "$filter"
