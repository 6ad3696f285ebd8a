//! Behaviour of the core's API: config validation, seeded init, input errors, traces,
//! optimizers and clipping.

use ndarray::{Array2, Array3, ArrayD, IxDyn};
use rnn_playground::nn::{
    BackwardOptions, CellKind, ForwardOptions, Gate, Head, Input, Loss, Network, NetworkConfig,
    NnError, Target,
};
use rnn_playground::optim::{
    clip_grad_norm, AdamConfig, Optimizer, OptimizerConfig, RmsPropConfig, Sgd, SgdConfig,
};

fn cfg(cell: CellKind) -> NetworkConfig {
    NetworkConfig {
        cell,
        input_size: 3,
        hidden_size: 5,
        output_size: 2,
        ..NetworkConfig::default()
    }
}

fn input(b: usize, t: usize, i: usize) -> Array3<f64> {
    Array3::from_shape_fn((b, t, i), |(x, y, z)| {
        ((x * 7 + y * 3 + z) as f64 * 0.37).sin()
    })
}

#[test]
fn config_out_of_range_gives_clear_errors() {
    let bad = |c: NetworkConfig| Network::<f32>::new(&c, 0).unwrap_err().to_string();
    let base = cfg(CellKind::Lstm);
    assert_eq!(
        bad(NetworkConfig {
            hidden_size: 0,
            ..base.clone()
        }),
        "invalid config: hidden_size = 0: must be between 1 and 4096"
    );
    assert_eq!(
        bad(NetworkConfig {
            num_layers: 5,
            ..base.clone()
        }),
        "invalid config: num_layers = 5: must be between 1 and 4"
    );
    assert_eq!(
        bad(NetworkConfig {
            dropout: 1.5,
            ..base.clone()
        }),
        "invalid config: dropout = 1.5: must be in [0, 1)"
    );
    assert!(bad(NetworkConfig {
        head: Head::Flatten,
        seq_len: None,
        ..base.clone()
    })
    .contains("flatten head needs"));
    // The config is serde: unknown fields are refused, defaults fill the rest.
    let c: NetworkConfig =
        serde_json::from_str(r#"{"cell":"gru","hidden_size":7,"head":"last_step"}"#).unwrap();
    assert_eq!(
        (c.cell, c.hidden_size, c.head, c.num_layers),
        (CellKind::Gru, 7, Head::LastStep, 1)
    );
    assert!(serde_json::from_str::<NetworkConfig>(r#"{"hiden_size":7}"#).is_err());
}

#[test]
fn same_seed_gives_same_weights_within_pytorch_bounds() {
    let c = NetworkConfig {
        num_layers: 2,
        bidirectional: true,
        vocab_size: Some(4),
        ..cfg(CellKind::Gru)
    };
    let a = Network::<f64>::new(&c, 42).unwrap();
    assert_eq!(a, Network::<f64>::new(&c, 42).unwrap());
    assert_ne!(a, Network::<f64>::new(&c, 43).unwrap());
    // f32 weights are the f64 weights rounded.
    let b = Network::<f32>::new(&c, 42).unwrap();
    for (x, y) in a.params().views().iter().zip(b.params().views()) {
        assert!(x.iter().zip(y.iter()).all(|(p, q)| (*p as f32) == *q));
    }
    let bound = 1.0 / (5.0f64).sqrt();
    for (n, v) in a.params().names().iter().zip(a.params().views()) {
        let max = v.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        if n.starts_with("rnn.") {
            assert!(max <= bound, "{n}: {max} > {bound}");
        } else if n.starts_with("fc.") {
            assert!(max <= 1.0 / (10.0f64).sqrt(), "{n}");
        } else {
            assert!(max > bound, "embedding looks N(0,1)");
        }
    }
    // Shapes in PyTorch layout: GRU weight_ih_l1 is [3H, 2H].
    let names = a.params().names();
    let i = names.iter().position(|n| n == "rnn.weight_ih_l1").unwrap();
    assert_eq!(a.params().views()[i].shape(), &[15, 10]);
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let net = Network::<f64>::new(&cfg(CellKind::Lstm), 0).unwrap();
    let x = input(2, 4, 4);
    let e = net
        .forward(Input::Dense(x.view()), None, ForwardOptions::default())
        .unwrap_err();
    assert_eq!(
        e,
        NnError::Shape {
            what: "input [batch, seq, features]".into(),
            expected: vec![2, 4, 3],
            found: vec![2, 4, 4]
        }
    );
    let ids = Array2::<usize>::zeros((2, 3));
    assert!(net
        .forward(Input::Tokens(ids.view()), None, ForwardOptions::default())
        .is_err());
    let emb = Network::<f64>::new(
        &NetworkConfig {
            vocab_size: Some(5),
            ..cfg(CellKind::Gru)
        },
        0,
    )
    .unwrap();
    let ids = Array2::from_elem((2, 3), 5usize);
    let e = emb
        .forward(Input::Tokens(ids.view()), None, ForwardOptions::default())
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("token id 5 at [0, 0] is out of range for vocabulary size 5"),
        "{e}"
    );
    // Wrong target shape / class id.
    let x = input(2, 4, 3);
    let (out, cache) = net
        .forward(Input::Dense(x.view()), None, ForwardOptions::default())
        .unwrap();
    let bad = Target::Dense(ArrayD::zeros(IxDyn(&[2, 4])));
    assert!(Loss::MseMean.compute(&out.head_output, &bad).is_err());
    let cls = Target::Classes(ArrayD::from_elem(IxDyn(&[2, 4]), 2usize));
    assert!(Loss::CrossEntropy
        .compute(&out.head_output, &cls)
        .unwrap_err()
        .to_string()
        .contains("class id 2"));
    // Wrong gradient shape and zero truncation window.
    assert!(net
        .backward(
            &cache,
            &ArrayD::zeros(IxDyn(&[2, 2])),
            BackwardOptions::default()
        )
        .is_err());
    let d = ArrayD::zeros(out.head_output.raw_dim());
    // A cache from a network of another shape is refused, not a panic.
    let gru = Network::<f64>::new(&cfg(CellKind::Gru), 0).unwrap();
    assert!(gru
        .backward(&cache, &d, BackwardOptions::default())
        .is_err());
    assert!(net
        .backward(
            &cache,
            &d,
            BackwardOptions {
                truncate: Some(0),
                trace: false
            }
        )
        .is_err());
}

#[test]
fn traces_are_absent_unless_asked() {
    let net = Network::<f64>::new(&cfg(CellKind::Lstm), 0).unwrap();
    let x = input(2, 4, 3);
    let tg = Target::Dense(ArrayD::zeros(IxDyn(&[2, 4, 2])));
    let st = net
        .train_step(
            Input::Dense(x.view()),
            None,
            &tg,
            Loss::MseSumT,
            ForwardOptions::default(),
            BackwardOptions::default(),
        )
        .unwrap();
    assert!(st.forward.trace.is_none() && st.backward.trace.is_none());
}

#[test]
fn forward_trace_records_inputs_states_and_named_gates() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let c = NetworkConfig {
            num_layers: 2,
            bidirectional: true,
            ..cfg(cell)
        };
        let net = Network::<f64>::new(&c, 1).unwrap();
        let (b, t) = (2, 4);
        let x = input(b, t, 3);
        let tg = Target::Dense(ArrayD::from_elem(IxDyn(&[b, t, 2]), 0.5));
        let st = net
            .train_step(
                Input::Dense(x.view()),
                None,
                &tg,
                Loss::MseSumT,
                ForwardOptions {
                    train_rng: None,
                    trace: true,
                },
                BackwardOptions {
                    truncate: None,
                    trace: true,
                },
            )
            .unwrap();
        let tr = st.forward.trace.as_ref().unwrap();
        assert_eq!(tr.directions.len(), 4);
        let gates: Vec<Gate> = tr.directions[0].steps[0]
            .gates
            .iter()
            .map(|g| g.gate)
            .collect();
        let want: &[Gate] = match cell {
            CellKind::Rnn | CellKind::Course => &[Gate::Hidden],
            CellKind::Lstm => &[Gate::Input, Gate::Forget, Gate::CellCandidate, Gate::Output],
            CellKind::Gru => &[Gate::Reset, Gate::Update, Gate::New],
        };
        assert_eq!(gates, want);
        assert!(tr.directions.iter().all(|d| d.cell == cell));
        // Last layer's h_t traces equal rnn_output halves; steps are in time order.
        for dt in &tr.directions[2..] {
            for (ti, s) in dt.steps.iter().enumerate() {
                assert_eq!(s.t, ti);
                for bi in 0..b {
                    for j in 0..5 {
                        let want = st.forward.rnn_output[[bi, ti, dt.direction * 5 + j]] as f32;
                        assert_eq!(s.h.get(bi, j), Some(want));
                    }
                }
                assert_eq!(s.c.is_some(), cell == CellKind::Lstm);
                for g in &s.gates {
                    assert_eq!((g.activation.rows, g.activation.cols), (b, 5));
                    if g.gate.is_sigmoid() {
                        // sigmoid gates: σ(pre)
                        for (p, a) in g.pre_activation.data.iter().zip(&g.activation.data) {
                            assert!((1.0 / (1.0 + (-p).exp()) - a).abs() < 1e-5);
                        }
                    }
                }
            }
        }
        // Layer 1 inputs are layer 0 outputs (both directions concatenated).
        assert_eq!(tr.directions[2].steps[1].input.cols, 10);
        // Per-step head: one output and one loss per step; losses add up to mse_sum_t.
        assert_eq!(tr.head.outputs.len(), t);
        let total: f32 = tr.head.step_losses.iter().sum();
        assert!((total - st.loss as f32).abs() < 1e-5);
        // Backward trace: dh per step with its norm; contribution norms; dc for LSTM.
        let bt = st.backward.trace.as_ref().unwrap();
        assert_eq!(bt.directions.len(), 4);
        for d in &bt.directions {
            assert_eq!(d.steps.len(), t);
            for s in &d.steps {
                assert!((s.dh.norm() - s.dh_norm).abs() < 1e-6);
                assert_eq!(s.dc.is_some(), cell == CellKind::Lstm);
                assert!(s.contributions.weight_ih > 0.0 && s.contributions.bias_ih.is_some());
            }
        }
        // The trace serialises (it is sent from the worker to the page).
        let json = serde_json::to_string(&(tr, bt)).unwrap();
        assert!(json.contains("\"dh_norm\""));
    }
}

#[test]
fn single_step_contribution_norms_equal_gradient_norms() {
    let net = Network::<f64>::new(&cfg(CellKind::Gru), 1).unwrap();
    let x = input(3, 1, 3);
    let tg = Target::Dense(ArrayD::from_elem(IxDyn(&[3, 1, 2]), 0.5));
    let st = net
        .train_step(
            Input::Dense(x.view()),
            None,
            &tg,
            Loss::MseMean,
            ForwardOptions::default(),
            BackwardOptions {
                truncate: None,
                trace: true,
            },
        )
        .unwrap();
    let c = &st.backward.trace.as_ref().unwrap().directions[0].steps[0].contributions;
    let g = &st.backward.grads.layers[0][0];
    let norm = |v: &ndarray::Array2<f64>| v.iter().map(|x| x * x).sum::<f64>().sqrt() as f32;
    assert!((c.weight_ih - norm(&g.weight_ih)).abs() < 1e-6);
    assert!((c.weight_hh - norm(&g.weight_hh)).abs() < 1e-6);
}

#[test]
fn backward_trace_shows_truncation_cutting_the_recurrent_gradient() {
    let c = NetworkConfig {
        head: Head::LastStep,
        ..cfg(CellKind::Lstm)
    };
    let net = Network::<f64>::new(&c, 1).unwrap();
    let x = input(2, 6, 3);
    let tg = Target::Dense(ArrayD::from_elem(IxDyn(&[2, 2]), 0.5));
    let run = |truncate| {
        net.train_step(
            Input::Dense(x.view()),
            None,
            &tg,
            Loss::MseMean,
            ForwardOptions::default(),
            BackwardOptions {
                truncate,
                trace: true,
            },
        )
        .unwrap()
        .backward
        .trace
        .unwrap()
    };
    let full = run(None);
    let cut = run(Some(2));
    let norms = |t: &rnn_playground::nn::BackwardTrace| {
        t.directions[0]
            .steps
            .iter()
            .map(|s| s.dh_norm)
            .collect::<Vec<_>>()
    };
    // Only the last step receives gradient from the head; with k = 2 steps 0..4 get none.
    assert!(norms(&full).iter().all(|&n| n > 0.0));
    assert_eq!(&norms(&cut)[..4], &[0.0, 0.0, 0.0, 0.0]);
    assert!(norms(&cut)[4] > 0.0 && norms(&cut)[5] > 0.0);
    assert_eq!(cut.truncate, Some(2));
}

#[test]
fn sgd_momentum_nesterov_and_weight_decay_follow_pytorch_rules() {
    let net = Network::<f64>::new(&cfg(CellKind::Rnn), 0).unwrap();
    let mut p = net.params().clone();
    let mut g = p.zeros_like();
    for mut v in g.views_mut() {
        v.fill(0.5);
    }
    let p0 = p.views()[0].to_owned();
    let mut opt = Sgd::<f64>::new(SgdConfig {
        lr: 0.1,
        momentum: 0.9,
        dampening: 0.0,
        weight_decay: 0.01,
        nesterov: true,
    })
    .unwrap();
    opt.step(&mut p, &g).unwrap();
    opt.step(&mut p, &g).unwrap();
    // by hand
    let (lr, mu, wd) = (0.1, 0.9, 0.01);
    let want = p0.mapv(|x0| {
        let d1 = 0.5 + wd * x0;
        let b1 = d1;
        let x1 = x0 - lr * (d1 + mu * b1);
        let d2 = 0.5 + wd * x1;
        let b2 = mu * b1 + d2;
        x1 - lr * (d2 + mu * b2)
    });
    let got = p.views()[0].to_owned();
    assert!(got
        .iter()
        .zip(want.iter())
        .all(|(a, b)| (a - b).abs() < 1e-14));
    assert_eq!(opt.state().len(), p.views().len());
    assert!(opt.state()[0]
        .0
        .starts_with("momentum_buffer.rnn.weight_ih_l0"));
    // Nesterov without momentum is refused.
    assert!(Sgd::<f64>::new(SgdConfig {
        nesterov: true,
        ..SgdConfig::default()
    })
    .is_err());
}

#[test]
fn optimizer_defaults_are_pytorch_defaults_and_configs_validate() {
    let a = AdamConfig::default();
    assert_eq!(
        (a.lr, a.betas, a.eps, a.weight_decay),
        (1e-3, (0.9, 0.999), 1e-8, 0.0)
    );
    let r = RmsPropConfig::default();
    assert_eq!(
        (r.lr, r.alpha, r.eps, r.momentum, r.centered),
        (1e-2, 0.99, 1e-8, 0.0, false)
    );
    let bad = OptimizerConfig::Adam(AdamConfig {
        betas: (1.0, 0.999),
        ..a
    });
    assert!(bad
        .build::<f32>()
        .unwrap_err()
        .to_string()
        .contains("betas.0"));
    let c: OptimizerConfig =
        serde_json::from_str(r#"{"kind":"rmsprop","lr":0.001,"centered":true}"#).unwrap();
    assert!(matches!(
        c,
        OptimizerConfig::RmsProp(RmsPropConfig { centered: true, .. })
    ));
}

#[test]
fn optimizer_refuses_gradients_of_another_network() {
    let a = Network::<f32>::new(&cfg(CellKind::Lstm), 0).unwrap();
    let b = Network::<f32>::new(&cfg(CellKind::Gru), 0).unwrap();
    let mut opt = OptimizerConfig::default().build::<f32>().unwrap();
    let mut p = a.params().clone();
    assert!(opt.step(&mut p, &b.zero_grads()).is_err());
    assert_eq!(&p, a.params());
}

#[test]
fn clip_grad_norm_returns_norm_before_clipping_and_scales_like_pytorch() {
    let net = Network::<f64>::new(&cfg(CellKind::Lstm), 0).unwrap();
    let mut g = net.zero_grads();
    g.fc.bias[0] = 3.0;
    g.fc.bias[1] = 4.0;
    let n = clip_grad_norm(&mut g, 1.0);
    assert_eq!(n, 5.0);
    assert!((g.global_norm() - 1.0).abs() < 1e-6);
    assert!((g.fc.bias[0] - 3.0 / (5.0 + 1e-6)).abs() < 1e-15);
    // Below the threshold nothing changes.
    let before = g.clone();
    let n2 = clip_grad_norm(&mut g, 10.0);
    assert!((n2 - 1.0).abs() < 1e-6);
    assert_eq!(g, before);
}

#[test]
fn global_norm_sums_every_value_whatever_the_tensor_sizes() {
    // Sizes around the eight partial sums: every remainder.
    for hidden in 1..=12 {
        let c = NetworkConfig {
            hidden_size: hidden,
            ..cfg(CellKind::Gru)
        };
        let mut g = Network::<f64>::new(&c, 3).unwrap().params().clone();
        let mut k = 0.0;
        for mut v in g.views_mut() {
            v.mapv_inplace(|_| {
                k += 1.0;
                (k * 0.7f64).sin()
            });
        }
        let expected: f64 = g.views().iter().flat_map(|v| v.iter()).map(|x| x * x).sum();
        let rel = (g.global_norm() - expected.sqrt()).abs() / expected.sqrt();
        assert!(rel < 1e-14, "hidden {hidden}: {rel}");
        assert!(g.all_finite());
        g.fc.bias[0] = f64::NAN;
        assert!(!g.all_finite() && g.global_norm().is_nan());
    }
}

#[test]
fn a_copy_into_another_networks_buffers_equals_the_original() {
    // The session keeps its snapshot before each update in the buffers of an older one, which
    // may belong to another shape (after a rebuild): the copy must be exact either way.
    let small = Network::<f32>::new(&cfg(CellKind::Lstm), 1).unwrap();
    let big = Network::<f32>::new(
        &NetworkConfig {
            hidden_size: 9,
            num_layers: 2,
            bidirectional: true,
            ..cfg(CellKind::Gru)
        },
        2,
    )
    .unwrap();
    for (from, into) in [(&small, &big), (&big, &small), (&small, &small)] {
        let mut copy = into.clone();
        copy.clone_from(from);
        assert_eq!(&copy, from);
    }
    let mut opt_a = OptimizerConfig::Adam(AdamConfig::default())
        .build::<f32>()
        .unwrap();
    let mut net = small.clone();
    let g = net.zero_grads();
    opt_a.step(net.params_mut(), &g).unwrap();
    let mut opt_b = OptimizerConfig::Sgd(SgdConfig::default())
        .build::<f32>()
        .unwrap();
    opt_b.clone_from(&opt_a);
    assert_eq!(opt_b.state(), opt_a.state());
    assert_eq!(opt_b.steps(), 1);
}

#[test]
fn training_a_char_model_lowers_the_loss_in_f32() {
    // The tutorial setup in miniature: one-hot next-symbol prediction, per-step MSE summed.
    let text: Vec<usize> = "hello hello hello"
        .bytes()
        .map(|c| (c % 5) as usize)
        .collect();
    let v = 5;
    let t = text.len() - 1;
    let x = Array3::from_shape_fn(
        (1, t, v),
        |(_, s, k)| if text[s] == k { 1.0f32 } else { 0.0 },
    );
    let y = ArrayD::from_shape_fn(IxDyn(&[1, t, v]), |i| {
        if text[i[1] + 1] == i[2] {
            1.0f32
        } else {
            0.0
        }
    });
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let c = NetworkConfig {
            cell,
            input_size: v,
            hidden_size: 16,
            output_size: v,
            ..NetworkConfig::default()
        };
        let mut net = Network::<f32>::new(&c, 1).unwrap();
        let mut opt = OptimizerConfig::Adam(AdamConfig {
            lr: 0.01,
            ..AdamConfig::default()
        })
        .build::<f32>()
        .unwrap();
        let tg = Target::Dense(y.clone());
        let mut first = None;
        let mut last = 0.0;
        for _ in 0..150 {
            let st = net
                .train_step(
                    Input::Dense(x.view()),
                    None,
                    &tg,
                    Loss::MseSumT,
                    ForwardOptions::default(),
                    BackwardOptions::default(),
                )
                .unwrap();
            first.get_or_insert(st.loss);
            last = st.loss;
            opt.step(net.params_mut(), &st.backward.grads).unwrap();
        }
        assert!(last < 0.2 * first.unwrap(), "{cell:?}: {first:?} -> {last}");
    }
}

/// The count a config predicts is the count its network has (the memory check relies on it).
#[test]
fn a_config_counts_the_parameters_its_network_has() {
    for (cell, layers, bi, head, vocab, bias) in [
        (CellKind::Rnn, 1, false, Head::PerStep, None, true),
        (CellKind::Lstm, 2, true, Head::Flatten, None, true),
        (CellKind::Gru, 3, false, Head::LastStep, Some(17), false),
        (CellKind::Lstm, 1, true, Head::LastStep, Some(5), true),
    ] {
        let c = NetworkConfig {
            cell,
            num_layers: layers,
            bidirectional: bi,
            head,
            vocab_size: vocab,
            bias,
            input_size: 6,
            hidden_size: 7,
            output_size: 3,
            seq_len: Some(4),
            ..NetworkConfig::default()
        };
        let net = Network::<f32>::new(&c, 0).unwrap();
        assert_eq!(c.num_params(), net.params().num_params(), "{c:?}");
    }
}
