// The raw wasm core (crates/core/src/bench.rs, built by ./scripts/bench.sh into target/wasm-bench/) in a
// dedicated worker: one configuration, a warm-up call first (V8 tiers the hot functions up to
// optimised code), then the measured call. bench_run prints the fastest of five windows.
import init, { bench_names, bench_run } from '../../target/wasm-bench/wasm_bench.js';

onmessage = async (e) => {
  try {
    const { prefix, secs, warmupSecs } = e.data;
    await init();
    const name = bench_names('').find((n) => n.startsWith(prefix));
    if (!name) throw new Error(`no core benchmark named "${prefix}…"`);
    bench_run(name, warmupSecs);
    const row = bench_run(name, secs);
    // `name  f32  ms/step  samples/s  GFLOP/s  products  share%` (crates/core/src/bench.rs, row): the
    // numbers after the type column (the name has spaces of its own).
    const cols = row.trim().split(/\s+/);
    const at = cols.lastIndexOf('f32') + 1;
    const [ms, samples, gflops, products] = cols.slice(at, at + 4).map(Number);
    const share = Number(cols[at + 4]?.replace('%', '')) / 100;
    postMessage({ name, ms_per_step: ms, samples_per_s: samples, gflops, products_gflops: products, share });
  } catch (err) {
    postMessage({ error: String(err?.stack ?? err) });
  }
};
