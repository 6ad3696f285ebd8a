//! Browser tests (wasm-bindgen-test in headless Chromium) of the f32 matrix product the app runs
//! in the browser — `<f32 as Float>::gemm`, which there is the SIMD128 kernel of
//! `crates/core/src/nn/gemm.rs` — and of the whole network on it: every reference case in f32 (the checker
//! is `tests/support/reference_case.rs`, shared with the native `tests/reference.rs`).
#![cfg(target_arch = "wasm32")]

#[path = "support/reference_case.rs"]
mod reference_case;
#[path = "support/shape_sweep.rs"]
mod shape_sweep;

use ndarray::{s, Array2, ArrayView2, ArrayViewMut2, ShapeBuilder};
use rnn_playground::nn::Float;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `(α, β)` pairs: plain product, accumulate, and a general scaling.
const ALPHA_BETA: [(f32, f32); 3] = [(1.0, 0.0), (1.0, 1.0), (0.5, -2.0)];

/// Error allowed, relative to the magnitude of the sums (see [`magnitude`]).
const RTOL: f64 = 1e-4;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Deterministic values in [-1, 1) (a small LCG), different for every `seed`.
fn random(rows: usize, cols: usize, seed: u64) -> Array2<f32> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    Array2::from_shape_simple_fn((rows, cols), || {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    })
}

/// `a·b` in f64, the reference.
fn naive_product(a: &Array2<f32>, b: &Array2<f32>) -> Array2<f64> {
    let (m, k) = a.dim();
    let n = b.ncols();
    let a: Vec<f64> = a.iter().map(|&v| v as f64).collect(); // row-major
    let bt: Vec<f64> = b.t().iter().map(|&v| v as f64).collect(); // columns of b, contiguous
    Array2::from_shape_fn((m, n), |(i, j)| {
        let (ar, bc) = (&a[i * k..(i + 1) * k], &bt[j * k..(j + 1) * k]);
        ar.iter().zip(bc).map(|(x, y)| x * y).sum()
    })
}

fn max_abs(x: impl IntoIterator<Item = f32>) -> f64 {
    x.into_iter().fold(0.0f64, |m, v| m.max((v as f64).abs()))
}

/// How an operand is stored for the product.
#[derive(Clone, Copy, Debug)]
enum Layout {
    /// Standard (C) order: rows contiguous.
    RowMajor,
    /// Fortran order (`ShapeBuilder::f()`): columns contiguous.
    ColMajorF,
    /// `.t()` of a row-major copy of the transpose: columns contiguous.
    Transposed,
    /// Every other column of a twice as wide row-major array: no unit stride.
    EveryOtherColumn,
}

/// `x` stored as `layout`; [`Stored::view`] shows it with `x`'s shape and values.
struct Stored {
    data: Array2<f32>,
    layout: Layout,
}

impl Stored {
    fn new(x: &Array2<f32>, layout: Layout) -> Stored {
        let (r, c) = x.dim();
        let data = match layout {
            Layout::RowMajor => x.as_standard_layout().into_owned(),
            Layout::ColMajorF => {
                let mut f = Array2::zeros((r, c).f());
                f.assign(x);
                f
            }
            Layout::Transposed => x.t().as_standard_layout().into_owned(),
            Layout::EveryOtherColumn => {
                let mut w = Array2::from_elem((r, 2 * c), f32::NAN);
                w.slice_mut(s![.., ..;2]).assign(x);
                w
            }
        };
        Stored { data, layout }
    }

    fn view(&self) -> ArrayView2<'_, f32> {
        match self.layout {
            Layout::RowMajor | Layout::ColMajorF => self.data.view(),
            Layout::Transposed => self.data.t(),
            Layout::EveryOtherColumn => self.data.slice(s![.., ..;2]),
        }
    }
}

/// Compares `got` with `α·p + β·c0` (p the f64 product); `None` when every element is finite
/// and within tolerance, else the first offending element.
fn first_error(
    got: ArrayView2<'_, f32>,
    p: &Array2<f64>,
    alpha: f32,
    beta: f32,
    c0: &Array2<f32>,
    magnitude: f64,
) -> Option<String> {
    let tol = RTOL * magnitude;
    for ((i, j), &g) in got.indexed_iter() {
        let old = if beta == 0.0 {
            0.0 // β = 0 ignores the old values (NaN here)
        } else {
            beta as f64 * c0[[i, j]] as f64
        };
        let want = alpha as f64 * p[[i, j]] + old;
        let diff = (g as f64 - want).abs();
        if diff.is_nan() || diff > tol {
            return Some(format!(
                "c[{i}, {j}] = {g:e}, want {want:e} (|diff| {diff:e} > tol {tol:e})"
            ));
        }
    }
    None
}

/// The size of the sums `α·a·b + β·c0` (what the tolerance is relative to):
/// `|α|·k·max|a|·max|b| + |β|·max|c0|`.
fn magnitude(alpha: f32, beta: f32, k: usize, amax: f64, bmax: f64, c0: &Array2<f32>) -> f64 {
    let old = if beta == 0.0 {
        0.0 // c0 is NaN
    } else {
        beta.abs() as f64 * max_abs(c0.iter().copied())
    };
    alpha.abs() as f64 * k as f64 * amax * bmax + old
}

/// The starting C: random values, or all NaN when β = 0 (the product must not read them).
fn start_c(m: usize, n: usize, beta: f32, seed: u64) -> Array2<f32> {
    if beta == 0.0 {
        Array2::from_elem((m, n), f32::NAN)
    } else {
        random(m, n, seed)
    }
}

/// Panics listing the failures (at most 20) when there are any.
fn assert_none_failed(what: &str, checked: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} of {checked} {what} failed:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[wasm_bindgen_test]
#[allow(clippy::assertions_on_constants)] // a failing test, not a build error, says what is wrong
fn the_browser_build_runs_the_simd128_kernel() {
    // `<f32 as Float>::gemm` is the SIMD128 kernel only when the build enables simd128
    // (.cargo/config.toml); without it the tests below would check another kernel.
    assert!(
        cfg!(target_feature = "simd128"),
        "the wasm32 build lacks +simd128: f32 products would not use the SIMD128 kernel"
    );
}

#[wasm_bindgen_test]
fn simd_gemm_matches_the_naive_product_for_every_shape_and_layout() {
    let started = now_ms();
    let small = [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 35, 100];
    // 130 rows cross the 64-row A blocks twice and the 128-row mark; k of 257 and 600 use
    // 2 and 3 K blocks of 256.
    let ms: Vec<usize> = small.iter().copied().chain([130]).collect();
    let ks: Vec<usize> = small.iter().copied().chain([257, 600]).collect();
    let mut checked = 0;
    let mut failures = Vec::new();
    for &m in &ms {
        for &n in &small {
            for &k in &ks {
                let a = random(m, k, (m * 1000 + k) as u64);
                let b = random(k, n, (k * 1000 + n + 7) as u64);
                let p = naive_product(&a, &b);
                let (amax, bmax) = (max_abs(a.iter().copied()), max_abs(b.iter().copied()));
                // A and B each row-major or column-major: the four layouts. Column-major A via
                // `.f()`, column-major B via `.t()`.
                for (la, lb) in [
                    (Layout::RowMajor, Layout::RowMajor),
                    (Layout::RowMajor, Layout::Transposed),
                    (Layout::ColMajorF, Layout::RowMajor),
                    (Layout::ColMajorF, Layout::Transposed),
                ] {
                    let (sa, sb) = (Stored::new(&a, la), Stored::new(&b, lb));
                    for (t, &(alpha, beta)) in ALPHA_BETA.iter().enumerate() {
                        let c0 = start_c(m, n, beta, (m * 31 + n * 7 + t) as u64);
                        let mut c = c0.clone();
                        <f32 as Float>::gemm(alpha, sa.view(), sb.view(), beta, c.view_mut());
                        let magnitude = magnitude(alpha, beta, k, amax, bmax, &c0);
                        checked += 1;
                        if let Some(e) = first_error(c.view(), &p, alpha, beta, &c0, magnitude) {
                            failures.push(format!(
                                "m={m} n={n} k={k} a {la:?} b {lb:?} alpha={alpha} beta={beta}: {e}"
                            ));
                        }
                    }
                }
            }
        }
    }
    console_log!(
        "simd gemm: {checked} products checked ({} shapes × 4 layouts × {} (α, β)) in {:.0} ms",
        ms.len() * small.len() * ks.len(),
        ALPHA_BETA.len(),
        now_ms() - started
    );
    assert_none_failed("products", checked, &failures);
}

/// How the output C sits inside a bigger array.
#[derive(Clone, Copy, Debug)]
enum Out {
    /// Every 2nd row and every 3rd column.
    Strided,
    /// A block of a wider row-major array: rows contiguous, row stride above n.
    Block,
    /// The transpose of a block: columns contiguous.
    TransposedBlock,
    /// A block with its rows in reverse order (negative row stride).
    ReversedRows,
}

/// The bigger array's shape for an `m × n` output placed as `out`.
fn big_dim(out: Out, m: usize, n: usize) -> (usize, usize) {
    match out {
        Out::Strided => (2 * m + 2, 3 * n + 5),
        Out::Block | Out::ReversedRows => (m + 3, n + 5),
        Out::TransposedBlock => (n + 3, m + 5),
    }
}

/// The `m × n` output inside `big`.
fn region<T>(big: &mut Array2<T>, out: Out, m: usize, n: usize) -> ArrayViewMut2<'_, T> {
    match out {
        Out::Strided => big.slice_mut(s![1..1 + 2 * m;2, 3..3 + 3 * n;3]),
        Out::Block => big.slice_mut(s![2..2 + m, 1..1 + n]),
        Out::TransposedBlock => big.slice_mut(s![1..1 + n, 2..2 + m]).reversed_axes(),
        Out::ReversedRows => big.slice_mut(s![2..2 + m;-1, 1..1 + n]),
    }
}

#[wasm_bindgen_test]
fn simd_gemm_writes_only_inside_a_strided_output_view() {
    const OUTSIDE: f32 = 7.25;
    let shapes = [
        (1, 1, 1),
        (1, 9, 35),
        (2, 35, 100),
        (3, 8, 16),
        (4, 8, 16),
        (5, 17, 9),
        (9, 7, 257),
        (17, 35, 300),
        (130, 9, 600),
    ];
    let outs = [
        Out::Strided,
        Out::Block,
        Out::TransposedBlock,
        Out::ReversedRows,
    ];
    let inputs = [
        Layout::RowMajor,
        Layout::Transposed,
        Layout::EveryOtherColumn,
    ];
    let mut checked = 0;
    let mut failures = Vec::new();
    for &(m, n, k) in &shapes {
        let a = random(m, k, 11 + m as u64);
        let b = random(k, n, 13 + n as u64);
        let p = naive_product(&a, &b);
        let (amax, bmax) = (max_abs(a.iter().copied()), max_abs(b.iter().copied()));
        for out in outs {
            for &la in &inputs {
                for &lb in &inputs {
                    let (sa, sb) = (Stored::new(&a, la), Stored::new(&b, lb));
                    for &(alpha, beta) in &ALPHA_BETA {
                        let c0 = start_c(m, n, beta, 17 + k as u64);
                        let mut big = Array2::from_elem(big_dim(out, m, n), OUTSIDE);
                        let mut inside = Array2::from_elem(big.dim(), false);
                        region(&mut inside, out, m, n).fill(true);
                        region(&mut big, out, m, n).assign(&c0);
                        let c = region(&mut big, out, m, n);
                        <f32 as Float>::gemm(alpha, sa.view(), sb.view(), beta, c);
                        checked += 1;
                        let label = format!(
                            "m={m} n={n} k={k} c {out:?} a {la:?} b {lb:?} alpha={alpha} beta={beta}"
                        );
                        let magnitude = magnitude(alpha, beta, k, amax, bmax, &c0);
                        if let Some(e) = first_error(
                            region(&mut big, out, m, n).view(),
                            &p,
                            alpha,
                            beta,
                            &c0,
                            magnitude,
                        ) {
                            failures.push(format!("{label}: {e}"));
                        }
                        let changed = big
                            .indexed_iter()
                            .filter(|&(ix, &v)| !inside[ix] && v.to_bits() != OUTSIDE.to_bits())
                            .map(|(ix, v)| format!("{ix:?} = {v}"))
                            .take(3)
                            .collect::<Vec<_>>();
                        if !changed.is_empty() {
                            failures.push(format!(
                                "{label}: wrote outside the output: {}",
                                changed.join(", ")
                            ));
                        }
                    }
                }
            }
        }
    }
    console_log!("simd gemm: {checked} products into views of bigger arrays checked");
    assert_none_failed("products into views", checked, &failures);
}

/// Every reference case (`tests/reference/`, `tests/reference_extra/`,
/// `tests/reference_torch/`), embedded: the browser test has no file system.
const CASES: [(&str, &str); 22] = [
    ("01_rnn_mse", include_str!("reference/01_rnn_mse.json")),
    (
        "02_rnn_ce_last",
        include_str!("reference/02_rnn_ce_last.json"),
    ),
    ("03_lstm_mse", include_str!("reference/03_lstm_mse.json")),
    (
        "04_lstm_ce_last",
        include_str!("reference/04_lstm_ce_last.json"),
    ),
    ("05_gru_mse", include_str!("reference/05_gru_mse.json")),
    (
        "06_gru_ce_last",
        include_str!("reference/06_gru_ce_last.json"),
    ),
    (
        "07_lstm_char_mse_sum_t",
        include_str!("reference/07_lstm_char_mse_sum_t.json"),
    ),
    (
        "08_rnn_char_mse_sum_t",
        include_str!("reference/08_rnn_char_mse_sum_t.json"),
    ),
    (
        "x01_lstm_2layer_mse",
        include_str!("reference_extra/x01_lstm_2layer_mse.json"),
    ),
    (
        "x02_gru_bidir_ce_last",
        include_str!("reference_extra/x02_gru_bidir_ce_last.json"),
    ),
    (
        "x03_lstm_bidir_2layer_flatten_ce",
        include_str!("reference_extra/x03_lstm_bidir_2layer_flatten_ce.json"),
    ),
    (
        "x04_rnn_bidir_2layer_long_mse_sum_t",
        include_str!("reference_extra/x04_rnn_bidir_2layer_long_mse_sum_t.json"),
    ),
    (
        "x05_gru_3layer_long_ce_last",
        include_str!("reference_extra/x05_gru_3layer_long_ce_last.json"),
    ),
    (
        "x06_rnn_relu_bce_per_step",
        include_str!("reference_extra/x06_rnn_relu_bce_per_step.json"),
    ),
    (
        "x07_lstm_nobias_bidir_ce_per_step",
        include_str!("reference_extra/x07_lstm_nobias_bidir_ce_per_step.json"),
    ),
    (
        "x08_gru_bidir_4layer_flatten_mse",
        include_str!("reference_extra/x08_gru_bidir_4layer_flatten_mse.json"),
    ),
    (
        "x09_lstm_bidir_long_mse_last",
        include_str!("reference_extra/x09_lstm_bidir_long_mse_last.json"),
    ),
    (
        "t01_lstm_h13_ce_last",
        include_str!("reference_torch/t01_lstm_h13_ce_last.json"),
    ),
    (
        "t02_gru_h14_bidir_mse_per_step",
        include_str!("reference_torch/t02_gru_h14_bidir_mse_per_step.json"),
    ),
    (
        "t03_rnn_h15_2layer_flatten_ce",
        include_str!("reference_torch/t03_rnn_h15_2layer_flatten_ce.json"),
    ),
    (
        "t04_embedding_lstm_last_bce",
        include_str!("reference_torch/t04_embedding_lstm_last_bce.json"),
    ),
    (
        "t05_rnn_h29_bidir_mse_last",
        include_str!("reference_torch/t05_rnn_h29_bidir_mse_last.json"),
    ),
];

/// The folders' indexes, to notice a case added there but not to [`CASES`].
const INDEXES: [&str; 3] = [
    include_str!("reference/index.json"),
    include_str!("reference_extra/index.json"),
    include_str!("reference_torch/index.json"),
];

#[wasm_bindgen_test]
fn the_embedded_reference_cases_are_exactly_those_of_the_indexes() {
    let mut indexed: Vec<String> = Vec::new();
    for text in INDEXES {
        let index: serde_json::Value = serde_json::from_str(text).expect("index.json parses");
        for case in index["cases"].as_array().expect("index.json has cases") {
            let file = case["file"].as_str().expect("a case names its file");
            indexed.push(file.strip_suffix(".json").unwrap_or(file).to_string());
        }
    }
    let embedded: Vec<String> = CASES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        embedded, indexed,
        "tests/web_kernel.rs CASES differs from the reference folders' index.json"
    );
}

#[wasm_bindgen_test]
fn reference_cases_match_in_f32_in_the_browser() {
    let started = now_ms();
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|(name, text)| reference_case::check_case_f32(name, text).err())
        .collect();
    let checked = CASES.len() - failures.len();
    console_log!(
        "reference cases checked in f32 in the browser: {checked} passed of {} in {:.0} ms",
        CASES.len(),
        now_ms() - started
    );
    assert_none_failed("reference cases (f32)", CASES.len(), &failures);
}

/// The shape sweep on the SIMD128 kernel: every cell × hidden 1…70 × batch 1…9 (layers,
/// directions and heads rotating), f32 against f64, forward and backward. One case in three
/// keeps it quick; every hidden size and batch still appears.
#[wasm_bindgen_test]
fn every_hidden_size_and_batch_agrees_with_f64_on_the_simd128_kernel() {
    let started = now_ms();
    let cases = shape_sweep::cases(3);
    let result = shape_sweep::sweep(&cases);
    console_log!(
        "shape sweep on SIMD128: {} cases in {:.0} ms",
        cases.len(),
        now_ms() - started
    );
    for hidden in 1..=70 {
        assert!(
            cases.iter().any(|c| c.cfg.hidden_size == hidden),
            "hidden {hidden}"
        );
    }
    for batch in 1..=9 {
        assert!(cases.iter().any(|c| c.batch == batch), "batch {batch}");
    }
    if let Err(e) = result {
        panic!("{e}");
    }
}
