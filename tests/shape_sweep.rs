//! The f32 network against the f64 path over a sweep of shapes (see `support/shape_sweep.rs`),
//! natively: once on the default kernels (matrixmultiply, dot rows and row sums below 4 rows),
//! once with every product on the portable blocked kernel the browser runs with SIMD128 lanes.

#[path = "support/shape_sweep.rs"]
mod shape_sweep;

use rnn_playground::nn::force_portable_kernel;

#[test]
fn every_cell_hidden_size_and_batch_agrees_with_f64_on_the_default_kernels() {
    let cases = shape_sweep::cases(1);
    let n = shape_sweep::sweep(&cases).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(n, 3 * 70 * 9);
}

#[test]
fn every_cell_hidden_size_and_batch_agrees_with_f64_on_the_portable_kernel() {
    force_portable_kernel(true);
    let result = shape_sweep::sweep(&shape_sweep::cases(1));
    force_portable_kernel(false);
    let n = result.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(n, 3 * 70 * 9);
}

#[test]
fn every_cell_hidden_size_and_batch_agrees_with_f64_on_2_3_and_4_workers() {
    // One case in three per worker count (each still covers every hidden size and batch).
    for workers in 2..=4 {
        let cases = shape_sweep::cases(3);
        let n = shape_sweep::sweep_on(&cases, workers).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(n, cases.len());
    }
}
