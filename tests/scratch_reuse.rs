//! The core reuses its large buffers across timesteps, steps and updates (a per-thread pool).
//! Whatever a reused buffer held must never reach a result: a step whose every buffer comes
//! from a pool filled with NaN gives exactly what a step on fresh zeroed memory gives, for
//! every cell, head, direction count, initial state, truncation and trace setting.

use ndarray::{Array3, ArrayD, IxDyn};
use rnn_playground::nn::{
    poison_scratch, seed_scratch, BackwardOptions, CellKind, ForwardOptions, Head, InitialState,
    Input, Loss, Network, NetworkConfig, Nonlinearity, StepOutput, Target,
};

#[derive(Clone, Copy, Debug)]
struct Case {
    cell: CellKind,
    nl: Nonlinearity,
    head: Head,
    bidirectional: bool,
    layers: usize,
    initial: bool,
    truncate: Option<usize>,
    trace: bool,
    tokens: bool,
}

const B: usize = 3;
const T: usize = 5;

fn step(c: Case) -> StepOutput<f32> {
    let cfg = NetworkConfig {
        cell: c.cell,
        nonlinearity: c.nl,
        input_size: 4,
        vocab_size: c.tokens.then_some(7),
        hidden_size: 6,
        num_layers: c.layers,
        bidirectional: c.bidirectional,
        output_size: 2,
        head: c.head,
        seq_len: Some(T),
        ..NetworkConfig::default()
    };
    let net = Network::<f32>::new(&cfg, 5).unwrap();
    let x = Array3::from_shape_fn((B, T, 4), |(b, t, i)| {
        ((b * 7 + t * 3 + i) as f32 * 0.37).sin()
    });
    let ids = ndarray::Array2::from_shape_fn((B, T), |(b, t)| (b * 3 + t) % 7);
    let input = if c.tokens {
        Input::Tokens(ids.view())
    } else {
        Input::Dense(x.view())
    };
    let ld = c.layers * if c.bidirectional { 2 } else { 1 };
    let initial = c.initial.then(|| InitialState {
        h0: Array3::from_shape_fn((ld, B, 6), |(l, b, j)| {
            ((l + b * 2 + j) as f32 * 0.3).cos() * 0.5
        }),
        c0: (c.cell == CellKind::Lstm).then(|| {
            Array3::from_shape_fn((ld, B, 6), |(l, b, j)| ((l * 3 + b + j) as f32 * 0.2).sin())
        }),
    });
    let shape: Vec<usize> = match c.head {
        Head::PerStep => vec![B, T, 2],
        _ => vec![B, 2],
    };
    let target = Target::Dense(ArrayD::from_shape_fn(IxDyn(&shape), |i| {
        (i[0] + i[1]) as f32 * 0.25
    }));
    net.train_step(
        input,
        initial.as_ref(),
        &target,
        Loss::MseMean,
        ForwardOptions {
            train_rng: None,
            trace: c.trace,
        },
        BackwardOptions {
            truncate: c.truncate,
            trace: c.trace,
        },
    )
    .unwrap()
}

fn same(a: &StepOutput<f32>, b: &StepOutput<f32>, c: Case) {
    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(a.loss.to_bits(), b.loss.to_bits(), "{c:?}: loss");
    assert_eq!(
        a.forward.head_output, b.forward.head_output,
        "{c:?}: head output"
    );
    assert_eq!(
        a.forward.rnn_output, b.forward.rnn_output,
        "{c:?}: rnn output"
    );
    assert_eq!(a.forward.h_n, b.forward.h_n, "{c:?}: h_n");
    assert_eq!(a.forward.c_n, b.forward.c_n, "{c:?}: c_n");
    assert_eq!(a.backward.d_h0, b.backward.d_h0, "{c:?}: d_h0");
    assert_eq!(a.backward.d_c0, b.backward.d_c0, "{c:?}: d_c0");
    for (x, y) in a
        .backward
        .grads
        .views()
        .iter()
        .zip(b.backward.grads.views().iter())
    {
        let (x, y) = (
            x.iter().copied().collect::<Vec<_>>(),
            y.iter().copied().collect::<Vec<_>>(),
        );
        assert_eq!(bits(&x), bits(&y), "{c:?}: gradients");
    }
    assert_eq!(a.forward.trace, b.forward.trace, "{c:?}: forward trace");
    assert_eq!(a.backward.trace, b.backward.trace, "{c:?}: backward trace");
    assert!(a.loss.is_finite(), "{c:?}");
}

#[test]
fn stale_values_in_reused_buffers_never_reach_a_result() {
    let mut cases = Vec::new();
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        for head in [Head::PerStep, Head::LastStep, Head::Flatten] {
            for bidirectional in [false, true] {
                for (initial, truncate, trace) in [
                    (false, None, false),
                    (true, Some(2), false),
                    (false, None, true),
                    (true, Some(3), true),
                ] {
                    cases.push(Case {
                        cell,
                        nl: Nonlinearity::Tanh,
                        head,
                        bidirectional,
                        layers: 2,
                        initial,
                        truncate,
                        trace,
                        tokens: false,
                    });
                }
            }
        }
    }
    let base = cases[0];
    cases.push(Case {
        cell: CellKind::Rnn,
        nl: Nonlinearity::Relu,
        ..base
    });
    cases.push(Case {
        cell: CellKind::Gru,
        tokens: true,
        layers: 1,
        ..base
    });
    cases.push(Case {
        cell: CellKind::Lstm,
        tokens: true,
        bidirectional: true,
        ..base
    });

    // Fresh memory: each case on a new thread, whose pool starts empty (new buffers are zeros).
    let fresh: Vec<_> = cases
        .iter()
        .map(|&c| std::thread::spawn(move || step(c)).join().unwrap())
        .collect();
    // Every buffer from a pool of NaN, twice in a row (the second reuses the first's buffers).
    for (c, want) in cases.iter().zip(&fresh) {
        for _ in 0..40 {
            seed_scratch::<f32>(4096);
        }
        for _ in 0..2 {
            poison_scratch(f32::NAN);
            same(&step(*c), want, *c);
        }
    }
}
