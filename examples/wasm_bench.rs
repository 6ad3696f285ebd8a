//! The core's training benchmark compiled to WebAssembly, for `./scripts/bench.sh`, which builds
//! it, runs it in a Web Worker in headless Chromium and prints it next to the native numbers.
//! Natively this example only says so: the native benchmark is `cargo bench --bench core`.

#[cfg(target_arch = "wasm32")]
mod wasm {
    use rnn_playground::bench::{
        configs, gemm_shapes, header, measure, measure_gemm, measure_session, row, GemmShape,
        SESSION_PRESETS,
    };
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// `performance.now()`: present in pages, workers and Node.
        #[wasm_bindgen(js_namespace = performance, js_name = now)]
        fn performance_now() -> f64;
    }

    /// The benchmark table header.
    #[wasm_bindgen]
    pub fn bench_header() -> String {
        header()
    }

    /// Names of the configurations (and `session <preset>` entries) containing `filter`.
    #[wasm_bindgen]
    pub fn bench_names(filter: &str) -> Vec<String> {
        configs()
            .into_iter()
            .map(|b| b.name)
            .chain(SESSION_PRESETS.iter().map(|id| format!("session {id}")))
            .filter(|n| n.contains(filter))
            .collect()
    }

    /// GFLOP/s of each single matrix product of a step, one line each.
    #[wasm_bindgen]
    pub fn bench_gemm(secs: f64) -> Vec<String> {
        gemm_shapes()
            .iter()
            .map(|g| {
                format!(
                    "  {:<32} {:>8.2}",
                    g.name,
                    measure_gemm::<f32>(g, secs, &performance_now)
                )
            })
            .collect()
    }

    /// GFLOP/s of one product `[m, k] · [k, n]` (operands optionally transposed views).
    #[wasm_bindgen]
    pub fn bench_gemm_shape(m: usize, n: usize, k: usize, at: bool, bt: bool, secs: f64) -> f64 {
        let shape = GemmShape {
            name: "custom",
            m,
            n,
            k,
            a_transposed: at,
            b_transposed: bt,
        };
        measure_gemm::<f32>(&shape, secs, &performance_now)
    }

    /// Runs the configuration called `name` for `secs` seconds; returns its table row.
    #[wasm_bindgen]
    pub fn bench_run(name: &str, secs: f64) -> Option<String> {
        if let Some(id) = name.strip_prefix("session ") {
            let m = measure_session(id, secs, &performance_now)?;
            return Some(row(&format!("session {id} (one update)"), "f32", &m));
        }
        let b = configs().into_iter().find(|b| b.name == name)?;
        Some(row(
            &b.name,
            "f32",
            &measure::<f32>(&b, secs, &performance_now),
        ))
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    println!(
        "wasm_bench runs in the browser: ./scripts/bench.sh (native: cargo bench --bench core)"
    );
}
