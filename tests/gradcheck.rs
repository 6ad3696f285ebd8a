//! Finite-difference gradient checks (f64, central differences) for every cell, stacking,
//! direction, head, loss, input kind, bias setting, dropout and truncated BPTT.

use ndarray::{Array2, Array3, ArrayD, Axis, IxDyn};
use rand::Rng;
use rnn_playground::nn::{
    seeded_rng, BackwardOptions, CellKind, ForwardOptions, Head, InitialState, Input, Loss,
    Network, NetworkConfig, Nonlinearity, Target,
};

const EPS: f64 = 1e-6;

enum X {
    Dense(Array3<f64>),
    Tokens(Array2<usize>),
}

impl X {
    fn input(&self) -> Input<'_, f64> {
        match self {
            X::Dense(x) => Input::Dense(x.view()),
            X::Tokens(t) => Input::Tokens(t.view()),
        }
    }
}

struct Problem {
    cfg: NetworkConfig,
    x: X,
    target: Target<f64>,
    loss: Loss,
    init: Option<InitialState<f64>>,
    dropout_seed: Option<u64>,
    truncate: Option<usize>,
}

fn randn(shape: &[usize], rng: &mut rand_pcg::Pcg64) -> ArrayD<f64> {
    ArrayD::from_shape_simple_fn(IxDyn(shape), || rng.random::<f64>() * 2.0 - 1.0)
}

impl Problem {
    fn new(cfg: NetworkConfig, loss: Loss, batch: usize, seq: usize) -> Self {
        let mut rng = seeded_rng(7);
        let x = match cfg.vocab_size {
            Some(v) => X::Tokens(Array2::from_shape_simple_fn((batch, seq), || {
                rng.random_range(0..v)
            })),
            None => X::Dense(
                randn(&[batch, seq, cfg.input_size], &mut rng)
                    .into_dimensionality()
                    .unwrap(),
            ),
        };
        let o = cfg.output_size;
        let per_step = cfg.head == Head::PerStep;
        let out_shape: Vec<usize> = if per_step {
            vec![batch, seq, o]
        } else {
            vec![batch, o]
        };
        let target = match loss {
            Loss::CrossEntropy => {
                let shape: Vec<usize> = out_shape[..out_shape.len() - 1].to_vec();
                Target::Classes(ArrayD::from_shape_simple_fn(IxDyn(&shape), || {
                    rng.random_range(0..o)
                }))
            }
            Loss::BceWithLogits => {
                Target::Dense(ArrayD::from_shape_simple_fn(IxDyn(&out_shape), || {
                    if rng.random::<bool>() {
                        1.0
                    } else {
                        0.0
                    }
                }))
            }
            _ => Target::Dense(randn(&out_shape, &mut rng)),
        };
        Problem {
            cfg,
            x,
            target,
            loss,
            init: None,
            dropout_seed: None,
            truncate: None,
        }
    }

    fn with_initial_state(mut self, batch: usize) -> Self {
        let mut rng = seeded_rng(11);
        let n = self.cfg.num_layers * self.cfg.directions();
        let h = self.cfg.hidden_size;
        let shape = [n, batch, h];
        self.init = Some(InitialState {
            h0: randn(&shape, &mut rng).into_dimensionality().unwrap(),
            c0: (self.cfg.cell == CellKind::Lstm)
                .then(|| randn(&shape, &mut rng).into_dimensionality().unwrap()),
        });
        self
    }

    fn loss_of(&self, net: &Network<f64>) -> f64 {
        let mut rng = self.dropout_seed.map(seeded_rng);
        let opts = ForwardOptions {
            train_rng: rng.as_mut(),
            trace: false,
        };
        let (out, _) = net
            .forward(self.x.input(), self.init.as_ref(), opts)
            .unwrap();
        self.loss.compute(&out.head_output, &self.target).unwrap().0
    }

    /// Checks every parameter entry (and the initial state) against central differences.
    fn check(&self) {
        let net = Network::<f64>::new(&self.cfg, 3).unwrap();
        let mut rng = self.dropout_seed.map(seeded_rng);
        let fopts = ForwardOptions {
            train_rng: rng.as_mut(),
            trace: false,
        };
        let bopts = BackwardOptions {
            truncate: self.truncate,
            trace: false,
        };
        let st = net
            .train_step(
                self.x.input(),
                self.init.as_ref(),
                &self.target,
                self.loss,
                fopts,
                bopts,
            )
            .unwrap();
        let names = net.params().names();
        let grads: Vec<ArrayD<f64>> = st
            .backward
            .grads
            .views()
            .iter()
            .map(|v| v.to_owned())
            .collect();
        let mut checked = 0;
        for (i, name) in names.iter().enumerate() {
            let len = grads[i].len();
            for j in 0..len {
                let mut p = net.clone();
                let fd = {
                    *p.params_mut().views_mut()[i].iter_mut().nth(j).unwrap() += EPS;
                    let lp = self.loss_of(&p);
                    *p.params_mut().views_mut()[i].iter_mut().nth(j).unwrap() -= 2.0 * EPS;
                    let lm = self.loss_of(&p);
                    (lp - lm) / (2.0 * EPS)
                };
                let an = *grads[i].iter().nth(j).unwrap();
                assert!(
                    (fd - an).abs() <= 1e-7 + 1e-6 * an.abs(),
                    "{name}[{j}]: analytic {an:e}, finite difference {fd:e}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, net.params().num_params());
        if let Some(init) = &self.init {
            let mut states = vec![("h0", init.h0.clone(), st.backward.d_h0.clone())];
            if let (Some(c0), Some(dc0)) = (&init.c0, &st.backward.d_c0) {
                states.push(("c0", c0.clone(), dc0.clone()));
            }
            for (which, base, grad) in states {
                for (idx, &an) in grad.indexed_iter() {
                    let eval = |delta: f64| {
                        let mut s = init.clone();
                        match which {
                            "h0" => s.h0[idx] += delta,
                            _ => s.c0.as_mut().unwrap()[idx] += delta,
                        }
                        let q = Problem {
                            init: Some(s),
                            ..self.shallow()
                        };
                        q.loss_of(&net)
                    };
                    let fd = (eval(EPS) - eval(-EPS)) / (2.0 * EPS);
                    assert!(
                        (fd - an).abs() <= 1e-7 + 1e-6 * an.abs(),
                        "{which}{idx:?}: {an:e} vs {fd:e}"
                    );
                    let _ = &base;
                }
            }
        }
    }

    fn shallow(&self) -> Problem {
        Problem {
            cfg: self.cfg.clone(),
            x: match &self.x {
                X::Dense(x) => X::Dense(x.clone()),
                X::Tokens(t) => X::Tokens(t.clone()),
            },
            target: self.target.clone(),
            loss: self.loss,
            init: self.init.clone(),
            dropout_seed: self.dropout_seed,
            truncate: self.truncate,
        }
    }
}

fn cfg(cell: CellKind, layers: usize, bi: bool, head: Head) -> NetworkConfig {
    NetworkConfig {
        cell,
        input_size: 3,
        hidden_size: 4,
        num_layers: layers,
        bidirectional: bi,
        output_size: 3,
        head,
        seq_len: Some(5),
        ..NetworkConfig::default()
    }
}

#[test]
fn rnn_tanh_per_step_mse_gradients_match_finite_differences() {
    Problem::new(
        cfg(CellKind::Rnn, 1, false, Head::PerStep),
        Loss::MseMean,
        2,
        5,
    )
    .check();
}

#[test]
fn rnn_relu_last_step_cross_entropy_gradients_match_finite_differences() {
    let c = NetworkConfig {
        nonlinearity: Nonlinearity::Relu,
        ..cfg(CellKind::Rnn, 1, false, Head::LastStep)
    };
    Problem::new(c, Loss::CrossEntropy, 3, 5).check();
}

#[test]
fn lstm_per_step_mse_sum_t_gradients_match_finite_differences() {
    Problem::new(
        cfg(CellKind::Lstm, 1, false, Head::PerStep),
        Loss::MseSumT,
        2,
        5,
    )
    .check();
}

#[test]
fn lstm_last_step_cross_entropy_gradients_match_finite_differences() {
    Problem::new(
        cfg(CellKind::Lstm, 1, false, Head::LastStep),
        Loss::CrossEntropy,
        2,
        5,
    )
    .check();
}

#[test]
fn gru_per_step_bce_gradients_match_finite_differences() {
    Problem::new(
        cfg(CellKind::Gru, 1, false, Head::PerStep),
        Loss::BceWithLogits,
        2,
        5,
    )
    .check();
}

#[test]
fn gru_flatten_mse_gradients_match_finite_differences() {
    Problem::new(
        cfg(CellKind::Gru, 1, false, Head::Flatten),
        Loss::MseMean,
        2,
        5,
    )
    .check();
}

#[test]
fn per_step_cross_entropy_with_bt_targets_gradients_match_finite_differences() {
    Problem::new(
        cfg(CellKind::Lstm, 1, false, Head::PerStep),
        Loss::CrossEntropy,
        2,
        5,
    )
    .check();
}

#[test]
fn two_layer_bidirectional_lstm_flatten_gradients_match_finite_differences() {
    Problem::new(
        cfg(CellKind::Lstm, 2, true, Head::Flatten),
        Loss::CrossEntropy,
        2,
        5,
    )
    .check();
}

#[test]
fn two_layer_bidirectional_gru_per_step_gradients_match_finite_differences() {
    Problem::new(
        cfg(CellKind::Gru, 2, true, Head::PerStep),
        Loss::MseMean,
        2,
        5,
    )
    .check();
}

#[test]
fn three_layer_bidirectional_rnn_last_step_gradients_match_finite_differences() {
    Problem::new(
        cfg(CellKind::Rnn, 3, true, Head::LastStep),
        Loss::BceWithLogits,
        2,
        5,
    )
    .check();
}

#[test]
fn embedding_input_gradients_match_finite_differences() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let c = NetworkConfig {
            vocab_size: Some(6),
            ..cfg(cell, 2, true, Head::PerStep)
        };
        Problem::new(c, Loss::CrossEntropy, 2, 5).check();
    }
}

#[test]
fn bias_off_gradients_match_finite_differences() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let c = NetworkConfig {
            bias: false,
            ..cfg(cell, 2, false, Head::LastStep)
        };
        Problem::new(c, Loss::MseMean, 2, 5).check();
    }
}

#[test]
fn given_initial_state_gradients_match_finite_differences() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        Problem::new(cfg(cell, 2, true, Head::PerStep), Loss::MseMean, 2, 5)
            .with_initial_state(2)
            .check();
    }
}

#[test]
fn dropout_with_fixed_seed_gradients_match_finite_differences() {
    for cell in [CellKind::Lstm, CellKind::Gru] {
        let c = NetworkConfig {
            dropout: 0.4,
            ..cfg(cell, 3, true, Head::PerStep)
        };
        let mut p = Problem::new(c, Loss::MseMean, 2, 5);
        p.dropout_seed = Some(99);
        p.check();
    }
}

/// Input dropout (`nn.Dropout` before the RNN) with a fixed mask: on dense input, and on an
/// embedding's output (the sentiment model: Embedding → LSTM → last step → BCE), where the
/// mask also reaches the embedding's gradient.
#[test]
fn input_dropout_with_fixed_seed_gradients_match_finite_differences() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let c = NetworkConfig {
            input_dropout: 0.3,
            ..cfg(cell, 2, false, Head::LastStep)
        };
        let mut p = Problem::new(c, Loss::MseMean, 2, 5);
        p.dropout_seed = Some(5);
        p.check();
    }
    let review = NetworkConfig {
        cell: CellKind::Lstm,
        vocab_size: Some(9),
        input_size: 4,
        hidden_size: 3,
        output_size: 1,
        head: Head::LastStep,
        input_dropout: 0.3,
        dropout: 0.2,
        num_layers: 2,
        ..NetworkConfig::default()
    };
    let mut p = Problem::new(review, Loss::BceWithLogits, 3, 6);
    p.dropout_seed = Some(17);
    p.check();
}

/// A sigmoid on the head (the course's stock model: `torch.sigmoid(fc(out))` under MSE), on
/// the last-step and flatten heads.
#[test]
fn sigmoid_output_gradients_match_finite_differences() {
    for (cell, head) in [
        (CellKind::Gru, Head::Flatten),
        (CellKind::Lstm, Head::LastStep),
    ] {
        let c = NetworkConfig {
            sigmoid_output: true,
            output_size: 1,
            ..cfg(cell, 2, false, head)
        };
        Problem::new(c, Loss::MseMean, 3, 5).check();
    }
}

fn grads_with(net: &Network<f64>, p: &Problem, truncate: Option<usize>) -> Vec<ArrayD<f64>> {
    let st = net
        .train_step(
            p.x.input(),
            p.init.as_ref(),
            &p.target,
            p.loss,
            ForwardOptions::default(),
            BackwardOptions {
                truncate,
                trace: false,
            },
        )
        .unwrap();
    st.backward
        .grads
        .views()
        .iter()
        .map(|v| v.to_owned())
        .collect()
}

#[test]
fn truncated_bptt_with_window_at_least_seq_len_equals_full_bptt() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let p = Problem::new(cfg(cell, 2, true, Head::PerStep), Loss::MseSumT, 2, 5);
        let net = Network::<f64>::new(&p.cfg, 5).unwrap();
        let full = grads_with(&net, &p, None);
        for k in [5, 6, 100] {
            assert_eq!(full, grads_with(&net, &p, Some(k)), "{cell:?} k={k}");
        }
        assert_ne!(
            full,
            grads_with(&net, &p, Some(2)),
            "{cell:?}: k=2 must cut something"
        );
    }
}

/// Truncated BPTT with window k equals the sum of gradients of chunks of k steps run one after
/// the other, each starting from the previous chunk's final state taken as a constant.
#[test]
fn truncated_bptt_equals_chunked_training_with_detached_state() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let (b, t, k) = (2, 7, 3);
        let c = NetworkConfig {
            seq_len: Some(t),
            ..cfg(cell, 2, false, Head::PerStep)
        };
        let p = Problem::new(c, Loss::MseSumT, b, t);
        let net = Network::<f64>::new(&p.cfg, 9).unwrap();
        let truncated = grads_with(&net, &p, Some(k));
        let X::Dense(x) = &p.x else { unreachable!() };
        let Target::Dense(tg) = &p.target else {
            unreachable!()
        };
        let mut sum = net.zero_grads();
        let mut state: Option<InitialState<f64>> = None;
        let mut start = 0;
        while start < t {
            let end = (start + k).min(t);
            let xc = x.slice(ndarray::s![.., start..end, ..]).to_owned();
            let tc = Target::Dense(
                tg.slice(ndarray::s![.., start..end, ..])
                    .to_owned()
                    .into_dyn(),
            );
            let st = net
                .train_step(
                    Input::Dense(xc.view()),
                    state.as_ref(),
                    &tc,
                    Loss::MseSumT,
                    ForwardOptions::default(),
                    BackwardOptions::default(),
                )
                .unwrap();
            sum.add_assign(&st.backward.grads).unwrap();
            state = Some(InitialState {
                h0: st.forward.h_n.clone(),
                c0: st.forward.c_n.clone(),
            });
            start = end;
        }
        for (a, s) in truncated.iter().zip(sum.views()) {
            let err = (a - &s).iter().fold(0.0f64, |m, v| m.max(v.abs()));
            assert!(
                err < 1e-12,
                "{cell:?}: truncated vs chunked differ by {err:e}"
            );
        }
    }
}

#[test]
fn truncated_bptt_window_one_equals_chunks_of_one_step() {
    // k = 1: no gradient crosses a timestep; equals summing one-step chunks.
    let (b, t) = (2, 4);
    let c = NetworkConfig {
        seq_len: Some(t),
        ..cfg(CellKind::Gru, 1, false, Head::PerStep)
    };
    let p = Problem::new(c, Loss::MseSumT, b, t);
    let net = Network::<f64>::new(&p.cfg, 2).unwrap();
    let g1 = grads_with(&net, &p, Some(1));
    assert_ne!(g1, grads_with(&net, &p, None));
    let X::Dense(x) = &p.x else { unreachable!() };
    let Target::Dense(tg) = &p.target else {
        unreachable!()
    };
    let mut sum = net.zero_grads();
    let mut state: Option<InitialState<f64>> = None;
    for s in 0..t {
        let xc = x.slice(ndarray::s![.., s..s + 1, ..]).to_owned();
        let tc = Target::Dense(
            tg.slice(ndarray::s![.., s..s + 1, ..])
                .to_owned()
                .into_dyn(),
        );
        let st = net
            .train_step(
                Input::Dense(xc.view()),
                state.as_ref(),
                &tc,
                Loss::MseSumT,
                ForwardOptions::default(),
                BackwardOptions::default(),
            )
            .unwrap();
        sum.add_assign(&st.backward.grads).unwrap();
        state = Some(InitialState {
            h0: st.forward.h_n.clone(),
            c0: None,
        });
    }
    for (a, s) in g1.iter().zip(sum.views()) {
        let err = (a - &s).iter().fold(0.0f64, |m, v| m.max(v.abs()));
        assert!(err < 1e-12, "k=1 vs one-step chunks differ by {err:e}");
    }
}

#[test]
fn dropout_is_deterministic_for_a_seed_and_off_in_eval() {
    let c = NetworkConfig {
        dropout: 0.5,
        ..cfg(CellKind::Lstm, 3, false, Head::PerStep)
    };
    let p = Problem::new(c.clone(), Loss::MseMean, 2, 5);
    let net = Network::<f64>::new(&c, 1).unwrap();
    let run = |seed: Option<u64>| {
        let mut rng = seed.map(seeded_rng);
        let opts = ForwardOptions {
            train_rng: rng.as_mut(),
            trace: false,
        };
        net.forward(p.x.input(), None, opts).unwrap().0.rnn_output
    };
    assert_eq!(run(Some(4)), run(Some(4)));
    assert_ne!(run(Some(4)), run(Some(5)));
    assert_ne!(run(Some(4)), run(None));
    // Eval mode equals the same weights with dropout 0.
    let mut no_drop = Network::<f64>::new(&NetworkConfig { dropout: 0.0, ..c }, 1).unwrap();
    *no_drop.params_mut() = net.params().clone();
    let eval = no_drop
        .forward(p.x.input(), None, ForwardOptions::default())
        .unwrap()
        .0
        .rnn_output;
    assert_eq!(run(None), eval);
    // Dropout only acts between layers: the first layer's h_n is unaffected.
    let mut rng = seeded_rng(4);
    let tr = net
        .forward(
            p.x.input(),
            None,
            ForwardOptions {
                train_rng: Some(&mut rng),
                trace: false,
            },
        )
        .unwrap()
        .0;
    let ev = net
        .forward(p.x.input(), None, ForwardOptions::default())
        .unwrap()
        .0;
    assert_eq!(tr.h_n.index_axis(Axis(0), 0), ev.h_n.index_axis(Axis(0), 0));
    assert_ne!(tr.h_n.index_axis(Axis(0), 2), ev.h_n.index_axis(Axis(0), 2));
}
