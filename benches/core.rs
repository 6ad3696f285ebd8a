//! Training throughput of the core, one thread, native: `cargo bench --bench core`.
//! Set `BENCH_F64=1` to also run in f64, `BENCH_SECS` to change the time per config (default 2),
//! `BENCH_FILTER=text` to run only configs whose name contains the text, `BENCH_GEMM=1` to
//! also time the single matrix products of a step, `BENCH_THREADS=2,4` to also run the
//! classifiers with each update on that many threads.
//!
//! The configurations and the timed loop live in `rnn_playground::bench`, shared with the
//! WebAssembly benchmark (`node benches/wasm.mjs`).

use rnn_playground::bench::{
    configs, gemm_shapes, header, measure, measure_gemm, measure_session, measure_sharded, row,
    SESSION_PRESETS,
};
use std::time::Instant;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() -> bool {
    extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    const M_TRIM_THRESHOLD: i32 = -1;
    const M_MMAP_THRESHOLD: i32 = -3;
    // SAFETY: mallopt only changes glibc allocator thresholds; called before other threads exist.
    unsafe { mallopt(M_MMAP_THRESHOLD, 1 << 30) == 1 && mallopt(M_TRIM_THRESHOLD, i32::MAX) == 1 }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() -> bool {
    false
}

fn main() {
    // glibc returns the few MB a training step frees to the OS and page-faults them back on the
    // next step; the browser's allocator (wasm linear memory) never does. Keep freed memory
    // like it does, unless BENCH_MALLOC_DEFAULT=1.
    if std::env::var("BENCH_MALLOC_DEFAULT").map_or(true, |v| v != "1") && keep_freed_memory() {
        println!("(glibc malloc: freed memory kept in the process, as in wasm; BENCH_MALLOC_DEFAULT=1 to disable)");
    }
    let secs: f64 = std::env::var("BENCH_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2.0);
    let f64_too = std::env::var("BENCH_F64").is_ok_and(|v| v == "1");
    let epoch = Instant::now();
    let now_ms = move || epoch.elapsed().as_secs_f64() * 1e3;
    println!("{}", header());
    let filter = std::env::var("BENCH_FILTER").unwrap_or_default();
    for b in configs().iter().filter(|b| b.name.contains(&filter)) {
        println!("{}", row(&b.name, "f32", &measure::<f32>(b, secs, &now_ms)));
        if f64_too {
            println!("{}", row(&b.name, "f64", &measure::<f64>(b, secs, &now_ms)));
        }
    }
    // BENCH_THREADS=2,4: the classifiers again with each update cut into that many shards,
    // one thread each (what the browser's helper workers do).
    let threads: Vec<usize> = std::env::var("BENCH_THREADS")
        .unwrap_or_default()
        .split(',')
        .filter_map(|t| t.trim().parse().ok())
        .collect();
    for b in configs()
        .iter()
        .filter(|b| b.name.contains(&filter) && b.loss == rnn_playground::nn::Loss::CrossEntropy)
    {
        for &n in &threads {
            let m = measure_sharded(b, n, secs, &now_ms);
            println!("{}", row(&format!("{} on {n} threads", b.name), "f32", &m));
        }
    }
    for id in SESSION_PRESETS.iter().filter(|id| id.contains(&filter)) {
        if let Some(m) = measure_session(id, secs, &now_ms) {
            println!("{}", row(&format!("session {id} (one update)"), "f32", &m));
        }
    }
    if std::env::var("BENCH_GEMM").is_ok_and(|v| v == "1") {
        println!("matrix products (f32, GFLOP/s):");
        for g in gemm_shapes() {
            println!(
                "  {:<32} {:>8.2}",
                g.name,
                measure_gemm::<f32>(&g, secs / 4.0, &now_ms)
            );
        }
    }
    println!(
        "(char model: ms/step = ms per full-sequence epoch; PyTorch 1 core: LSTM 0.74 ms/epoch,"
    );
    println!(" MNIST LSTM 64x1 ~27000 samples/s, LSTM 128x2 ~2600 samples/s)");
}
