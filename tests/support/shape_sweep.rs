//! The shape sweep: the f32 network (on whatever kernel the target runs) against the f64 path,
//! forward and backward, over every cell × hidden 1…70 × batch 1…9, with layers, directions,
//! heads, input sizes, sequence lengths and one-hot inputs (a third of the cases, against the
//! f64 path's input products) rotating through the grid. Shared by the native test
//! (`tests/shape_sweep.rs`, portable lanes forced) and the browser test (`tests/web_kernel.rs`,
//! SIMD128).
//!
//! Coverage the grid guarantees: every hidden size 1…70 (so every residue of the gate width
//! `G·H` and of `H` modulo 16, the widest column chunk), every batch 1…9 (every row count below
//! the tile height 4, and past it), each with both layer counts, both directions and each head
//! across the three cells.
#![allow(dead_code)]

use ndarray::{Array1, Array3, ArrayD, IxDyn};
use rnn_playground::lessons::{Batch, BatchInput};
use rnn_playground::nn::{
    force_input_products, BackwardOptions, CellKind, Float, ForwardOptions, Head, Input, Loss,
    Network, NetworkConfig, Target,
};
use rnn_playground::train::parallel::{self, ShardSpec};

/// Allowed error, relative to the largest magnitude of the compared tensor (f32 rounding over a
/// few sums of up to ~150 terms, through tanh/sigmoid).
const RTOL: f64 = 2e-4;
/// Absolute floor for tensors that are nearly zero.
const ATOL: f64 = 1e-6;

/// One configuration of the sweep.
#[derive(Clone, Debug)]
pub struct Case {
    pub cfg: NetworkConfig,
    pub batch: usize,
    pub seq: usize,
    /// One-hot input rows (some all zero), as the character lesson's: the f32 network takes
    /// them without the input products, the f64 path through them.
    pub one_hot: bool,
}

/// Deterministic values in [-1, 1).
fn lcg(seed: u64) -> impl FnMut() -> f64 {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    move || {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((s >> 40) as f64 / (1u64 << 24) as f64) * 2.0 - 1.0
    }
}

/// The grid (see the module docs); `every` > 1 keeps one case in `every` (for slow targets),
/// always keeping every hidden size and batch at least once.
pub fn cases(every: usize) -> Vec<Case> {
    let cells = [CellKind::Rnn, CellKind::Lstm, CellKind::Gru];
    let heads = [Head::PerStep, Head::LastStep, Head::Flatten];
    let mut out = Vec::new();
    for (ci, &cell) in cells.iter().enumerate() {
        for hidden in 1..=70usize {
            for batch in 1..=9usize {
                // Keep one case in `every`, shifted per cell so each hidden size and batch
                // still appears.
                if every > 1 && (hidden + batch + ci) % every != 0 {
                    continue;
                }
                let r = hidden * 9 + batch + ci;
                let layers = 1 + r % 2;
                let bidirectional = (r / 2) % 2 == 1;
                let head = heads[(r / 4) % 3];
                let input_size = 1 + (r * 7) % 29;
                let seq = 1 + (r * 5) % 7;
                out.push(Case {
                    one_hot: (r / 12) % 3 == 1,
                    cfg: NetworkConfig {
                        cell,
                        hidden_size: hidden,
                        num_layers: layers,
                        bidirectional,
                        input_size,
                        output_size: 1 + r % 11,
                        head,
                        seq_len: Some(seq),
                        ..NetworkConfig::default()
                    },
                    batch,
                    seq,
                });
            }
        }
    }
    out
}

fn max_abs(v: impl IntoIterator<Item = f64>) -> f64 {
    v.into_iter().fold(0.0, |m, x| m.max(x.abs()))
}

fn close(what: &str, case: &Case, got: &[f64], want: &[f64]) -> Result<(), String> {
    if got.len() != want.len() {
        return Err(format!(
            "{what}: {} values, want {} ({case:?})",
            got.len(),
            want.len()
        ));
    }
    if let Some(i) = got.iter().position(|v| !v.is_finite()) {
        return Err(format!("{what}[{i}] = {} ({case:?})", got[i]));
    }
    let scale = max_abs(want.iter().copied());
    let err = max_abs(got.iter().zip(want).map(|(a, b)| a - b));
    if err > RTOL * scale + ATOL {
        return Err(format!(
            "{what}: max error {err:e} against magnitude {scale:e} ({case:?})"
        ));
    }
    Ok(())
}

/// Forward + loss + backward of one net on one input: (head output, loss, every gradient, ∂x).
fn run<F: Float>(net: &Network<F>, x: &Array3<F>, target: &Target<F>, loss: Loss) -> Vec<Vec<f64>> {
    let (out, cache) = net
        .forward(Input::Dense(x.view()), None, ForwardOptions::default())
        .expect("forward");
    let (l, dy) = loss.compute(&out.head_output, target).expect("loss");
    let back = net
        .backward(&cache, &dy, BackwardOptions::default())
        .expect("backward");
    let mut parts = vec![
        out.head_output.iter().map(|v| v.to_f64_lossy()).collect(),
        vec![l.to_f64_lossy()],
        out.h_n.iter().map(|v| v.to_f64_lossy()).collect(),
    ];
    for g in back.grads.views() {
        parts.push(g.iter().map(|v| v.to_f64_lossy()).collect());
    }
    parts
}

/// [`run`] for f32 with the loss and gradients computed on `workers` shards of the batch, as the
/// app computes an update on several workers (outputs and `h_n` from the whole batch).
fn run_sharded(
    net: &Network<f32>,
    x: &Array3<f32>,
    target: &Target<f32>,
    loss: Loss,
    workers: usize,
) -> Vec<Vec<f64>> {
    let mut parts = run(net, x, target, loss);
    let batch = Batch {
        input: BatchInput::Dense(x.clone()),
        target: target.clone(),
    };
    let spec = ShardSpec {
        loss,
        truncate: None,
    };
    let sum = parallel::sharded_gradients(net, &batch, workers, spec).expect("shards");
    parts.truncate(3);
    parts[1] = vec![sum.loss];
    for g in sum.grads.views() {
        parts.push(g.iter().map(|v| f64::from(*v)).collect());
    }
    parts
}

/// Runs one case: the same weights and input in f32 and f64; every output, the loss, `h_n` and
/// every gradient must agree to f32 rounding.
pub fn check(case: &Case) -> Result<(), String> {
    check_on(case, 1)
}

/// [`check`] with the f32 update computed on `workers` shards of the batch.
pub fn check_on(case: &Case, workers: usize) -> Result<(), String> {
    let net32 = Network::<f32>::new(&case.cfg, case.cfg.hidden_size as u64)
        .map_err(|e| format!("{e} ({case:?})"))?;
    let mut net64 = Network::<f64>::new(&case.cfg, 0).map_err(|e| e.to_string())?;
    for (dst, src) in net64
        .params_mut()
        .views_mut()
        .into_iter()
        .zip(net32.params().views())
    {
        for (d, s) in dst.into_iter().zip(src.iter()) {
            *d = f64::from(*s);
        }
    }
    let (b, t, i) = (case.batch, case.seq, case.cfg.input_size);
    let mut next = lcg((b * 1000 + t * 100 + i) as u64);
    let mut x64 = Array3::from_shape_simple_fn((b, t, i), &mut next);
    if case.one_hot {
        // Each row's 1 where its largest value was; rows whose first value is below -0.8 zero.
        for mut row in x64.rows_mut() {
            let hot = (0..i).fold(0, |m, k| if row[k] > row[m] { k } else { m });
            let zero = row[0] < -0.8;
            row.fill(0.0);
            if !zero {
                row[hot] = 1.0;
            }
        }
    }
    let x32 = x64.mapv(|v| v as f32);
    let o = case.cfg.output_size;
    let (t64, t32, loss) = match case.cfg.head {
        Head::PerStep => {
            let y = ArrayD::from_shape_simple_fn(IxDyn(&[b, t, o]), &mut next);
            (
                Target::Dense(y.clone()),
                Target::Dense(y.mapv(|v| v as f32)),
                Loss::MseMean,
            )
        }
        _ => {
            let c = Array1::from_shape_fn(b, |k| (k * 7 + t) % o).into_dyn();
            (
                Target::Classes(c.clone()),
                Target::Classes(c),
                Loss::CrossEntropy,
            )
        }
    };
    let got = if workers > 1 {
        run_sharded(&net32, &x32, &t32, loss, workers)
    } else {
        run(&net32, &x32, &t32, loss)
    };
    force_input_products(true);
    let want = run(&net64, &x64, &t64, loss);
    force_input_products(false);
    let names = ["head output", "loss", "h_n"];
    let grad_names = net32.params().names();
    for (k, (g, w)) in got.iter().zip(&want).enumerate() {
        let what = names
            .get(k)
            .map(|s| s.to_string())
            .unwrap_or_else(|| format!("∂{}", grad_names[k - names.len()]));
        close(&what, case, g, w).map_err(|e| format!("{e} on {workers} worker(s)"))?;
    }
    Ok(())
}

/// Checks every case; returns how many passed, or every failure (at most 10 shown).
pub fn sweep(cases: &[Case]) -> Result<usize, String> {
    sweep_on(cases, 1)
}

/// [`sweep`] with each update on `workers` shards of the batch.
pub fn sweep_on(cases: &[Case], workers: usize) -> Result<usize, String> {
    let mut failures = Vec::new();
    for case in cases {
        if let Err(e) = check_on(case, workers) {
            failures.push(e);
        }
    }
    if failures.is_empty() {
        Ok(cases.len())
    } else {
        let n = failures.len();
        failures.truncate(10);
        Err(format!(
            "{n} of {} cases failed:\n{}",
            cases.len(),
            failures.join("\n")
        ))
    }
}
