//! Training throughput of the core, one thread, native: `cargo bench --bench core`.
//! Set `BENCH_F64=1` to also run in f64, `BENCH_SECS` to change the time per config (default 2),
//! `BENCH_FILTER=text` to run only configs whose name contains the text.
//!
//! A training step = forward + loss + backward (full BPTT) + Adam step. GFLOP/s counts the
//! matrix products only: forward `2·B·T·G·H·(in+H)` per layer and direction plus the head,
//! and 2× that for backward.

use ndarray::{Array3, ArrayD, IxDyn};
use rnn_playground::nn::{
    BackwardOptions, CellKind, Float, ForwardOptions, Head, Input, Loss, Network, NetworkConfig,
    Target,
};
use rnn_playground::optim::{AdamConfig, Optimizer, OptimizerConfig};
use std::time::{Duration, Instant};

struct Bench {
    name: String,
    cfg: NetworkConfig,
    batch: usize,
    seq: usize,
    loss: Loss,
}

fn flops(b: &Bench) -> f64 {
    let c = &b.cfg;
    let (g, h, d) = (
        c.cell.gates() as f64,
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

fn run<F: Float>(b: &Bench, secs: f64) -> (f64, f64, f64) {
    let c = &b.cfg;
    let mut net = Network::<F>::new(c, 1).unwrap();
    let mut opt = OptimizerConfig::Adam(AdamConfig {
        lr: 0.01,
        ..AdamConfig::default()
    })
    .build::<F>()
    .unwrap();
    let x = Array3::<F>::from_shape_fn((b.batch, b.seq, c.input_size), |(i, t, k)| {
        if c.input_size == 35 {
            // one-hot characters
            if (i + t * 7) % 35 == k {
                F::one()
            } else {
                F::zero()
            }
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
                if (i[0] + (i[1] + 1) * 7) % 35 == i[2] {
                    F::one()
                } else {
                    F::zero()
                }
            },
        )),
    };
    let mut step = || {
        let st = net
            .train_step(
                Input::Dense(x.view()),
                None,
                &target,
                b.loss,
                ForwardOptions::default(),
                BackwardOptions::default(),
            )
            .unwrap();
        opt.step(net.params_mut(), &st.backward.grads).unwrap();
    };
    for _ in 0..3 {
        step();
    }
    let start = Instant::now();
    let mut iters = 0u64;
    while start.elapsed() < Duration::from_secs_f64(secs) || iters < 5 {
        step();
        iters += 1;
    }
    let per_iter = start.elapsed().as_secs_f64() / iters as f64;
    let samples = b.batch as f64 / per_iter;
    (per_iter * 1e3, samples, flops(b) / per_iter / 1e9)
}

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
    println!(
        "{:<44} {:>6} {:>12} {:>14} {:>9}",
        "config (one thread)", "type", "ms/step", "samples/s", "GFLOP/s"
    );
    let filter = std::env::var("BENCH_FILTER").unwrap_or_default();
    for b in benches.iter().filter(|b| b.name.contains(&filter)) {
        let (ms, sps, gf) = run::<f32>(b, secs);
        println!(
            "{:<44} {:>6} {:>12.3} {:>14.0} {:>9.2}",
            b.name, "f32", ms, sps, gf
        );
        if f64_too {
            let (ms, sps, gf) = run::<f64>(b, secs);
            println!(
                "{:<44} {:>6} {:>12.3} {:>14.0} {:>9.2}",
                b.name, "f64", ms, sps, gf
            );
        }
    }
    println!(
        "(char model: ms/step = ms per full-sequence epoch; PyTorch 1 core: LSTM 0.74 ms/epoch,"
    );
    println!(" MNIST LSTM 64x1 ~27000 samples/s, LSTM 128x2 ~2600 samples/s)");
}
