//! Training-throughput benchmark shared by the native program (`cargo bench --bench core`) and
//! the WebAssembly one (`node benches/wasm.mjs`), so both time exactly the same work.
//!
//! A training step = forward + loss + backward (full BPTT) + Adam step. GFLOP/s counts the
//! matrix products only: forward `2·B·T·G·H·(in+H)` per layer and direction plus the head,
//! and 2× that for backward. `products` is the GFLOP/s of the step's own products run alone
//! (recorded from one step, replayed in order); `share` is their time alone over the step's
//! time, the step's efficiency: 100% would be a step that does nothing but its products.

use crate::nn::{
    BackwardOptions, CellKind, Float, ForwardOptions, Head, Input, Loss, Network, NetworkConfig,
    ProductRecord, Target,
};
use crate::optim::{AdamConfig, Optimizer, OptimizerConfig};
use ndarray::{Array3, ArrayD, IxDyn};

/// One benchmarked configuration.
pub struct Bench {
    pub name: String,
    pub cfg: NetworkConfig,
    pub batch: usize,
    pub seq: usize,
    pub loss: Loss,
}

/// What one configuration measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    pub ms_per_step: f64,
    pub samples_per_second: f64,
    pub gflops: f64,
    /// GFLOP/s of the step's own matrix products run alone (NaN when not measured).
    pub products_gflops: f64,
    /// Time of those products alone / time of the whole step (NaN when not measured).
    pub efficiency: f64,
}

/// The course's char model (all three cells) and the MNIST-rows configurations.
pub fn configs() -> Vec<Bench> {
    // The tutorial's char model: "hello pytorch. ..." (68 chars) + start/end tokens = 69 steps.
    let sentence = "hello pytorch. how long can a rnn cell remember? show me your limit!";
    let char_steps = sentence.len() + 1;
    let mut benches = Vec::new();
    for (cell, n) in [
        (CellKind::Rnn, "RNN"),
        (CellKind::Lstm, "LSTM"),
        (CellKind::Gru, "GRU"),
    ] {
        benches.push(Bench {
            name: format!("char model {n} h35 (1 x {char_steps} steps, epoch)"),
            cfg: NetworkConfig {
                cell,
                input_size: 35,
                hidden_size: 35,
                output_size: 35,
                head: Head::PerStep,
                ..NetworkConfig::default()
            },
            batch: 1,
            seq: char_steps,
            loss: Loss::MseSumT,
        });
    }
    for (cell, h, l, n) in [
        (CellKind::Lstm, 64, 1, "LSTM 64x1"),
        (CellKind::Lstm, 128, 2, "LSTM 128x2"),
        (CellKind::Gru, 128, 2, "GRU 128x2"),
        (CellKind::Rnn, 128, 2, "RNN 128x2"),
    ] {
        benches.push(Bench {
            name: format!("MNIST rows {n} (B100, 28x28)"),
            cfg: NetworkConfig {
                cell,
                input_size: 28,
                hidden_size: h,
                num_layers: l,
                output_size: 10,
                head: Head::LastStep,
                ..NetworkConfig::default()
            },
            batch: 100,
            seq: 28,
            loss: Loss::CrossEntropy,
        });
    }
    benches
}

/// Floating-point operations of the matrix products in one training step.
pub fn flops(b: &Bench) -> f64 {
    let c = &b.cfg;
    let (g, h, d) = (
        c.cell.gate_count() as f64,
        c.hidden_size as f64,
        c.directions() as f64,
    );
    let (bt, t) = ((b.batch * b.seq) as f64, b.seq as f64);
    let mut fwd = 0.0;
    for k in 0..c.num_layers {
        let inp = if k == 0 { c.input_size as f64 } else { d * h };
        fwd += d * 2.0 * bt * g * h * (inp + h);
    }
    let o = c.output_size as f64;
    fwd += match c.head {
        Head::PerStep => 2.0 * bt * o * d * h,
        Head::LastStep => 2.0 * b.batch as f64 * o * d * h,
        Head::Flatten => 2.0 * b.batch as f64 * o * d * h * t,
    };
    3.0 * fwd
}

/// Trains `b` for about `secs` seconds after 3 warm-up steps; time per step is the fastest of 5
/// windows (see [`best_window`]). For `f32`, the step's own matrix products are then replayed
/// alone (the same shapes and layouts, in order) for `secs / 2` seconds: how fast the products
/// run by themselves, and which share of the step's time they would take at that speed.
/// `now_ms` is the platform's clock in milliseconds.
pub fn measure<F: Float>(b: &Bench, secs: f64, now_ms: &dyn Fn() -> f64) -> Measured {
    let mut step = trainer::<F>(b);
    for _ in 0..3 {
        step();
    }
    let per_iter = best_window(secs, now_ms, &mut step);
    let (products_gflops, efficiency) =
        if std::any::TypeId::of::<F>() == std::any::TypeId::of::<f32>() {
            let (_, products) = crate::nn::record_products(&mut step);
            let (flops, per_replay) = replay_products(&products, secs / 2.0, now_ms);
            (flops / per_replay / 1e9, per_replay / per_iter)
        } else {
            (f64::NAN, f64::NAN)
        };
    Measured {
        ms_per_step: per_iter * 1e3,
        samples_per_second: b.batch as f64 / per_iter,
        gflops: flops(b) / per_iter / 1e9,
        products_gflops,
        efficiency,
    }
}

/// One training step of `b` (forward, loss, backward, Adam) on fixed data, as a closure.
fn trainer<F: Float>(b: &Bench) -> impl FnMut() + '_ {
    let c = &b.cfg;
    let mut net = Network::<F>::new(c, 1).expect("benchmark configs are valid");
    let mut opt = OptimizerConfig::Adam(AdamConfig {
        lr: 0.01,
        ..AdamConfig::default()
    })
    .build::<F>()
    .expect("benchmark optimizer is valid");
    let x = Array3::<F>::from_shape_fn((b.batch, b.seq, c.input_size), |(i, t, k)| {
        if c.input_size == 35 {
            // one-hot characters
            F::from_f64_lossy(if (i + t * 7) % 35 == k { 1.0 } else { 0.0 })
        } else {
            F::from_f64_lossy((((i * 31 + t * 17 + k * 7) % 97) as f64) / 97.0)
        }
    });
    let target = match b.loss {
        Loss::CrossEntropy => Target::Classes(ArrayD::from_shape_fn(IxDyn(&[b.batch]), |i| {
            i[0] % c.output_size
        })),
        _ => Target::Dense(ArrayD::from_shape_fn(
            IxDyn(&[b.batch, b.seq, c.output_size]),
            |i| {
                F::from_f64_lossy(if (i[0] + (i[1] + 1) * 7) % 35 == i[2] {
                    1.0
                } else {
                    0.0
                })
            },
        )),
    };
    move || {
        let st = net
            .train_step(
                Input::Dense(x.view()),
                None,
                &target,
                b.loss,
                ForwardOptions::default(),
                BackwardOptions::default(),
            )
            .expect("benchmark step runs");
        opt.step(net.params_mut(), &st.backward.grads)
            .expect("benchmark optimizer step runs");
    }
}

/// One update of `b` (f32, Adam) cut into `shards` computed on as many threads
/// (`train::parallel::compute_shards`; in turn on wasm32), as a closure.
fn sharded_trainer(b: &Bench, shards: usize) -> impl FnMut() + '_ {
    use crate::lessons::{Batch, BatchInput};
    use crate::train::parallel::{compute_shards, split_batch, sum_shards, ShardSpec};
    let c = &b.cfg;
    let mut net = Network::<f32>::new(c, 1).expect("benchmark configs are valid");
    let mut opt = OptimizerConfig::Adam(AdamConfig {
        lr: 0.01,
        ..AdamConfig::default()
    })
    .build::<f32>()
    .expect("benchmark optimizer is valid");
    let batch = Batch {
        input: BatchInput::Dense(Array3::from_shape_fn(
            (b.batch, b.seq, c.input_size),
            |(i, t, k)| (((i * 31 + t * 17 + k * 7) % 97) as f32) / 97.0,
        )),
        target: Target::Classes(ArrayD::from_shape_fn(IxDyn(&[b.batch]), |i| {
            i[0] % c.output_size
        })),
    };
    let parts = split_batch(&batch, shards, |i| i as u64);
    let spec = ShardSpec {
        loss: b.loss,
        truncate: None,
    };
    move || {
        let outs = compute_shards(&net, &parts, spec).expect("benchmark shards run");
        let sum = sum_shards(outs).expect("benchmark shards sum");
        opt.step(net.params_mut(), &sum.grads)
            .expect("benchmark optimizer step runs");
    }
}

/// Throughput of `b` (a classifier, f32) with each update on `shards` threads.
pub fn measure_sharded(b: &Bench, shards: usize, secs: f64, now_ms: &dyn Fn() -> f64) -> Measured {
    let mut step = sharded_trainer(b, shards);
    for _ in 0..3 {
        step();
    }
    let per_iter = best_window(secs, now_ms, &mut step);
    Measured {
        ms_per_step: per_iter * 1e3,
        samples_per_second: b.batch as f64 / per_iter,
        gflops: flops(b) / per_iter / 1e9,
        products_gflops: f64::NAN,
        efficiency: f64::NAN,
    }
}

/// Runs `products` (recorded from one step) in order, alone, for about `secs` seconds; returns
/// their floating-point operations and the seconds one pass over them takes (fastest window).
/// Products of the same shape and layout share their operands, as a step's per-timestep
/// products share the weights.
fn replay_products(products: &[ProductRecord], secs: f64, now_ms: &dyn Fn() -> f64) -> (f64, f64) {
    use ndarray::{Array2, ShapeBuilder};
    use std::collections::HashMap;
    let fill = |(i, j): (usize, usize)| ((i * 7 + j * 3) % 11) as f32 / 11.0 - 0.5;
    // A, B and C of each distinct product.
    type Operands = (Array2<f32>, Array2<f32>, Array2<f32>);
    let mut operands: HashMap<ProductRecord, Operands> = HashMap::new();
    for p in products {
        operands.entry(*p).or_insert_with(|| {
            let a = if p.a_col_major {
                Array2::from_shape_fn((p.m, p.k).f(), fill)
            } else {
                Array2::from_shape_fn((p.m, p.k), fill)
            };
            let b = if p.b_col_major {
                Array2::from_shape_fn((p.k, p.n).f(), fill)
            } else {
                Array2::from_shape_fn((p.k, p.n), fill)
            };
            (a, b, Array2::zeros((p.m, p.n)))
        });
    }
    let flops: f64 = products.iter().map(ProductRecord::flops).sum();
    let mut run = || {
        for p in products {
            let (a, b, c) = operands.get_mut(p).expect("operands made above");
            let beta = if p.beta_zero { 0.0 } else { 1.0 };
            f32::gemm(1.0, a.view(), b.view(), beta, c.view_mut());
        }
    };
    run();
    (flops, best_window(secs, now_ms, &mut run))
}

/// One table row, the same on every platform.
pub fn row(name: &str, ty: &str, m: &Measured) -> String {
    format!(
        "{:<44} {:>6} {:>10.3} {:>10.0} {:>8.2} {:>9.2} {:>6.0}%",
        name,
        ty,
        m.ms_per_step,
        m.samples_per_second,
        m.gflops,
        m.products_gflops,
        m.efficiency * 100.0
    )
}

/// The table header matching [`row`].
pub fn header() -> String {
    format!(
        "{:<44} {:>6} {:>10} {:>10} {:>8} {:>9} {:>7}",
        "config (one thread)", "type", "ms/step", "samples/s", "GFLOP/s", "products", "share"
    )
}

/// One matrix product of the training step: `[m, k] · [k, n]`, operands possibly transposed
/// views (as the cells use them: `X · W_ihᵀ`, `∂Gᵀ · X`).
pub struct GemmShape {
    pub name: &'static str,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub a_transposed: bool,
    pub b_transposed: bool,
}

/// The products of an MNIST-rows LSTM 128×2 step (batch 100, 28 rows) and the char model's.
pub fn gemm_shapes() -> Vec<GemmShape> {
    let g = |name, m, n, k, a_transposed, b_transposed| GemmShape {
        name,
        m,
        n,
        k,
        a_transposed,
        b_transposed,
    };
    vec![
        g("X·W_ihᵀ layer 2 (all steps)", 2800, 512, 128, false, true),
        g("h·W_hhᵀ (one step)", 100, 512, 128, false, true),
        g("∂G·W_hh (one step back)", 100, 128, 512, false, false),
        g("∂Gᵀ·H (grad W_hh)", 512, 128, 2700, true, false),
        g("∂Gᵀ·X (grad W_ih layer 1)", 512, 28, 2800, true, false),
        g("∂G·W_ih (∂x, layer 2)", 2800, 128, 512, false, false),
        g("char h·W_hhᵀ (batch 1)", 1, 140, 35, false, true),
        g("char ∂G·W_hh (batch 1)", 1, 35, 140, false, false),
    ]
}

/// Seconds per call of `f`: the fastest of 5 windows of `secs / 5` (at least 3 calls each).
/// Other load on a shared machine only ever slows a window down, so the fastest is the
/// machine's own speed.
fn best_window(secs: f64, now_ms: &dyn Fn() -> f64, f: &mut dyn FnMut()) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = now_ms();
        let mut iters = 0u64;
        while now_ms() - start < secs * 200.0 || iters < 3 {
            f();
            iters += 1;
        }
        best = best.min((now_ms() - start) / 1e3 / iters as f64);
    }
    best
}

/// GFLOP/s of `F::gemm` (`c = a·b + c`) on one shape.
pub fn measure_gemm<F: Float>(s: &GemmShape, secs: f64, now_ms: &dyn Fn() -> f64) -> f64 {
    use ndarray::{Array2, ShapeBuilder};
    let fill = |(i, j): (usize, usize)| F::from_f64_lossy(((i * 7 + j * 3) % 11) as f64 / 11.0);
    let a = if s.a_transposed {
        Array2::from_shape_fn((s.m, s.k).f(), fill)
    } else {
        Array2::from_shape_fn((s.m, s.k), fill)
    };
    let b = if s.b_transposed {
        Array2::from_shape_fn((s.k, s.n).f(), fill)
    } else {
        Array2::from_shape_fn((s.k, s.n), fill)
    };
    let mut c = Array2::<F>::zeros((s.m, s.n));
    let mut run = || F::gemm(F::one(), a.view(), b.view(), F::one(), c.view_mut());
    run();
    let per = best_window(secs, now_ms, &mut run);
    2.0 * (s.m * s.n * s.k) as f64 / per / 1e9
}

/// Training updates of a whole lesson session (`Session::step`: batches from the lesson's data,
/// the divergence guard, history, epoch ends and their evaluations), for a preset whose data
/// needs no download (the character and time-series lessons).
pub fn measure_session(preset_id: &str, secs: f64, now_ms: &dyn Fn() -> f64) -> Option<Measured> {
    use crate::lessons::preset;
    use crate::train::Session;
    let p = preset(preset_id)?;
    let lesson = p.lesson;
    let data = p.options.prepare(&lesson.parse_corpus(&[]).ok()?).ok()?;
    let settings = crate::train::TrainSettings {
        until_paused: true,
        ..p.settings
    };
    let mut s = Session::new(data, p.model, settings, 1).ok()?;
    let batch = s.settings().batch_size as f64;
    let mut step = || {
        let _ = s.step();
    };
    for _ in 0..3 {
        step();
    }
    let per_iter = best_window(secs, now_ms, &mut step);
    Some(Measured {
        ms_per_step: per_iter * 1e3,
        samples_per_second: batch / per_iter,
        gflops: f64::NAN,
        products_gflops: f64::NAN,
        efficiency: f64::NAN,
    })
}

/// Presets [`measure_session`] can run.
pub const SESSION_PRESETS: [&str; 2] = ["char-course-lstm", "char-fast-lstm"];
