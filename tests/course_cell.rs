//! The course's hand-written cell (tutorial 01, `CellKind::Course`) over a sweep of shapes:
//! every gradient, and ∂L/∂h0, against central finite differences in f64; with `PYTORCH_PYTHON`
//! set to a Python with PyTorch, the loss, outputs and gradients against tutorial 01's module run
//! by PyTorch. The fixed PyTorch reference cases are in `tests/reference_course/`, checked by
//! `tests/reference.rs`.

use ndarray::{Array3, ArrayD, Axis, IxDyn};
use rand::Rng;
use rnn_playground::nn::{
    seeded_rng, BackwardOptions, CellKind, ForwardOptions, Head, InitialState, Input, Loss,
    Network, NetworkConfig, StepOutput, Target,
};
use serde_json::{json, Value};
use std::process::Command;

/// (input, hidden, output, batch, steps), odd sizes and the kernels' tile edges among them.
const SHAPES: [(usize, usize, usize, usize, usize); 10] = [
    (1, 1, 1, 1, 1),
    (1, 2, 3, 1, 4),
    (2, 3, 2, 2, 3),
    (3, 5, 3, 1, 6),
    (7, 5, 7, 1, 5),
    (4, 8, 4, 3, 2),
    (5, 13, 5, 2, 4),
    (3, 16, 2, 1, 3),
    (9, 17, 9, 2, 3),
    (2, 33, 3, 1, 2),
];

fn course(input: usize, hidden: usize, output: usize) -> NetworkConfig {
    NetworkConfig {
        cell: CellKind::Course,
        input_size: input,
        hidden_size: hidden,
        output_size: output,
        head: Head::PerStep,
        ..NetworkConfig::default()
    }
}

struct Problem {
    net: Network<f64>,
    x: Array3<f64>,
    target: Target<f64>,
    h0: Option<InitialState<f64>>,
}

impl Problem {
    /// One training step of the course's loss (MSE summed over steps) from its own h0.
    fn step(&self) -> StepOutput<f64> {
        self.net
            .train_step(
                Input::Dense(self.x.view()),
                self.h0.as_ref(),
                &self.target,
                Loss::MseSumT,
                ForwardOptions::default(),
                BackwardOptions::default(),
            )
            .unwrap()
    }
}

fn uniform(shape: &[usize], rng: &mut rand_pcg::Pcg64) -> ArrayD<f64> {
    ArrayD::from_shape_simple_fn(IxDyn(shape), || rng.random::<f64>() * 2.0 - 1.0)
}

/// A seeded problem; `one_hot` draws one-hot rows (the char lesson's input, which the core
/// reads by gathering columns), `with_h0` a random initial state.
fn problem(shape: (usize, usize, usize, usize, usize), one_hot: bool, with_h0: bool) -> Problem {
    let (i, h, o, b, t) = shape;
    let mut rng = seeded_rng((i * 1000 + h * 10 + t) as u64);
    let net = Network::new(&course(i, h, o), rng.random()).unwrap();
    let x = if one_hot {
        let mut x = Array3::zeros((b, t, i));
        for bi in 0..b {
            for ti in 0..t {
                x[[bi, ti, rng.random_range(0..i)]] = 1.0;
            }
        }
        x
    } else {
        uniform(&[b, t, i], &mut rng).into_dimensionality().unwrap()
    };
    let target = Target::Dense(uniform(&[b, t, o], &mut rng));
    let h0 = with_h0.then(|| InitialState {
        h0: uniform(&[1, b, h], &mut rng).into_dimensionality().unwrap(),
        c0: None,
    });
    Problem { net, x, target, h0 }
}

impl Problem {
    fn loss_with(&self, net: &Network<f64>, h0: Option<&InitialState<f64>>) -> f64 {
        let (out, _) = net
            .forward(Input::Dense(self.x.view()), h0, ForwardOptions::default())
            .unwrap();
        Loss::MseSumT
            .compute(&out.head_output, &self.target)
            .unwrap()
            .0
    }
}

/// Every parameter's gradient and ∂L/∂h0 against central differences, relative 1e-6.
fn check_against_finite_differences(p: &Problem, label: &str) {
    const EPS: f64 = 1e-6;
    let st = p.step();
    let close = |what: String, analytic: f64, numeric: f64| {
        assert!(
            (analytic - numeric).abs() <= 1e-6 * analytic.abs().max(1.0),
            "{label}: {what}: backward {analytic:e}, finite differences {numeric:e}"
        );
    };
    let names = p.net.params().names();
    let grads: Vec<Vec<f64>> = st
        .backward
        .grads
        .views()
        .iter()
        .map(|v| v.iter().copied().collect())
        .collect();
    for (k, name) in names.iter().enumerate() {
        for (j, &analytic) in grads[k].iter().enumerate() {
            let mut plus = p.net.clone();
            let mut minus = p.net.clone();
            {
                let mut v = plus.params_mut().views_mut();
                let e = v[k].iter_mut().nth(j).unwrap();
                *e += EPS;
            }
            {
                let mut v = minus.params_mut().views_mut();
                let e = v[k].iter_mut().nth(j).unwrap();
                *e -= EPS;
            }
            let fd = (p.loss_with(&plus, p.h0.as_ref()) - p.loss_with(&minus, p.h0.as_ref()))
                / (2.0 * EPS);
            close(format!("{name}[{j}]"), analytic, fd);
        }
    }
    if let Some(init) = &p.h0 {
        for (j, &g) in st.backward.d_h0.iter().enumerate() {
            let shifted = |d: f64| {
                let mut h = init.clone();
                *h.h0.iter_mut().nth(j).unwrap() += d;
                p.loss_with(&p.net, Some(&h))
            };
            close(
                format!("d_h0[{j}]"),
                g,
                (shifted(EPS) - shifted(-EPS)) / (2.0 * EPS),
            );
        }
    }
}

#[test]
fn gradients_match_finite_differences_over_a_sweep_of_shapes() {
    for (n, &shape) in SHAPES.iter().enumerate() {
        for one_hot in [false, true] {
            let p = problem(shape, one_hot, n % 2 == 1);
            check_against_finite_differences(&p, &format!("{shape:?} one-hot {one_hot}"));
        }
    }
}

/// The defining difference from `nn.RNN` with a linear head: y_t reads h_{t-1}, so the first
/// output does not depend on the recurrent weights at all, and the last h_t feeds no output.
#[test]
fn the_output_reads_the_previous_hidden_state() {
    let p = problem((3, 4, 3, 1, 3), false, false);
    let st = p.step();
    let out = &st.forward;
    let fc = &p.net.params().fc;
    let cell = &p.net.params().layers[0][0];
    for t in 0..3 {
        // y_t = W_o [x_t; h_{t-1}] + b_o, with h_{-1} = 0
        let x = p.x.index_axis(Axis(0), 0).row(t).to_owned();
        let h_prev = if t == 0 {
            ndarray::Array1::zeros(4)
        } else {
            out.rnn_output.index_axis(Axis(0), 0).row(t - 1).to_owned()
        };
        let c = ndarray::concatenate![Axis(0), x, h_prev];
        let y = fc.weight.dot(&c) + &fc.bias;
        for (a, b) in y.iter().zip(
            out.head_output
                .index_axis(Axis(0), 0)
                .index_axis(Axis(0), t),
        ) {
            assert!((a - b).abs() < 1e-12, "y_{t}: {a} vs {b}");
        }
    }
    assert_eq!(cell.bias_hh, None, "one bias, i2h.bias");
    // The last step's state feeds no output: the loss does not move with h_{T-1} alone, so a
    // one-step sequence leaves W_hh without gradient from a zero h0.
    let one = problem((3, 4, 3, 2, 1), false, false);
    let st1 = one.step();
    let g = &st1.backward.grads.layers[0][0];
    assert!(g.weight_hh.iter().all(|&v| v == 0.0));
    assert!(g.weight_ih.iter().all(|&v| v == 0.0));
    assert!(st1.backward.grads.fc.weight.iter().any(|&v| v != 0.0));
}

#[test]
fn parameters_are_the_course_modules() {
    for &(i, h, o, _, _) in &SHAPES {
        let cfg = course(i, h, o);
        let net = Network::<f64>::new(&cfg, 3).unwrap();
        // i2h: (I+H)·H + H; i2o: (I+H)·O + O, as sum(p.numel() for p in rnn.parameters())
        let want = (i + h) * h + h + (i + h) * o + o;
        assert_eq!(net.params().num_params(), want, "{i} {h} {o}");
        assert_eq!(cfg.num_params(), want);
        // nn.Linear's init bound 1/√(I+H) for both layers
        let bound = 1.0 / ((i + h) as f64).sqrt();
        for v in net.params().views() {
            assert!(v.iter().all(|x| x.abs() <= bound));
        }
    }
}

#[test]
fn the_course_cell_is_refused_where_tutorial_01_has_no_such_model() {
    let base = course(4, 5, 4);
    let refused = [
        NetworkConfig {
            num_layers: 2,
            ..base.clone()
        },
        NetworkConfig {
            bidirectional: true,
            ..base.clone()
        },
        NetworkConfig {
            vocab_size: Some(10),
            ..base.clone()
        },
        NetworkConfig {
            head: Head::LastStep,
            ..base.clone()
        },
        NetworkConfig {
            input_dropout: 0.2,
            ..base.clone()
        },
        NetworkConfig {
            sigmoid_output: true,
            ..base.clone()
        },
    ];
    for cfg in refused {
        let e = cfg.validate().unwrap_err();
        assert!(e.reason.contains("course's cell"), "{e}");
    }
    assert!(base.validate().is_ok());
    assert_eq!("course".parse::<CellKind>(), Ok(CellKind::Course));
    assert!(!CellKind::ALL.contains(&CellKind::Course));
}

/// Tutorial 01's module, the course's loss and its gradients, printed as JSON per problem.
const TORCH_SCRIPT: &str = r#"
import json, sys
import torch
from torch import nn
torch.set_default_dtype(torch.float64)

class RNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super(RNN, self).__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)
        self.i2o = nn.Linear(input_size + hidden_size, output_size)
        self.act_fn = nn.Tanh()

    def forward(self, input, hidden):
        combined = torch.cat((input, hidden), 1)
        hidden = self.act_fn(self.i2h(combined))
        output = self.i2o(combined)
        return output, hidden

results = []
for p in json.load(open(sys.argv[1])):
    rnn = RNN(p["input"], p["hidden"], p["output"])
    with torch.no_grad():
        for name, t in rnn.named_parameters():
            t.copy_(torch.tensor(p["params"][name]))
    x, target = torch.tensor(p["x"]), torch.tensor(p["target"])
    loss_func = nn.MSELoss()
    hidden = torch.zeros(x.shape[0], p["hidden"])
    total_loss, outputs = 0, []
    for j in range(x.shape[1]):
        output, hidden = rnn.forward(x[:, j, :], hidden)
        outputs.append(output)
        total_loss += loss_func(output, target[:, j, :])
    total_loss.backward()
    results.append({"loss": total_loss.item(), "y": torch.stack(outputs, 1).tolist(),
                    # one step: i2h reaches no output, so PyTorch leaves its grad None
                    "grads": {n: (t.grad if t.grad is not None else torch.zeros_like(t)).tolist()
                              for n, t in rnn.named_parameters()}})
print(json.dumps(results))
"#;

fn nested(a: ndarray::ArrayViewD<'_, f64>) -> Value {
    match a.ndim() {
        1 => json!(a.iter().copied().collect::<Vec<_>>()),
        _ => Value::Array(a.outer_iter().map(nested).collect()),
    }
}

fn flat(v: &Value) -> Vec<f64> {
    match v {
        Value::Array(a) => a.iter().flat_map(flat).collect(),
        Value::Number(n) => vec![n.as_f64().unwrap()],
        _ => panic!("not a tensor: {v}"),
    }
}

/// The course's parameters of our network: `i2h.weight = [W_ih | W_hh]`, `i2o = fc`.
fn course_params(net: &Network<f64>) -> Value {
    course_names(net.params())
}

/// Parameters (or their gradients) in the course's names.
fn course_names(p: &rnn_playground::nn::Parameters<f64>) -> Value {
    let c = &p.layers[0][0];
    let i2h = ndarray::concatenate![Axis(1), c.weight_ih, c.weight_hh];
    json!({
        "i2h.weight": nested(i2h.view().into_dyn()),
        "i2h.bias": nested(c.bias_ih.as_ref().unwrap().view().into_dyn()),
        "i2o.weight": nested(p.fc.weight.view().into_dyn()),
        "i2o.bias": nested(p.fc.bias.view().into_dyn()),
    })
}

#[test]
fn pytorch_runs_the_course_module_to_the_same_numbers_over_the_sweep() {
    let Some(python) = std::env::var("PYTORCH_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
    else {
        eprintln!("skipped: the course's cell against PyTorch over the sweep (PYTORCH_PYTHON is not set to a Python with PyTorch)");
        return;
    };
    let problems: Vec<Problem> = SHAPES
        .iter()
        .enumerate()
        .map(|(n, &s)| problem(s, n % 2 == 0, false))
        .collect();
    let spec: Vec<Value> = SHAPES
        .iter()
        .zip(&problems)
        .map(|(&(i, h, o, _, _), p)| {
            let Target::Dense(t) = &p.target else {
                unreachable!()
            };
            json!({"input": i, "hidden": h, "output": o, "params": course_params(&p.net),
                   "x": nested(p.x.view().into_dyn()), "target": nested(t.view())})
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("course_cell_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("problems.json"),
        serde_json::to_string(&spec).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("course.py"), TORCH_SCRIPT).unwrap();
    let out = Command::new(&python)
        .arg(dir.join("course.py"))
        .arg(dir.join("problems.json"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut worst = 0.0f64;
    for ((shape, p), r) in SHAPES.iter().zip(&problems).zip(&results) {
        let st = p.step();
        let mut pairs = vec![
            ("loss", vec![st.loss], vec![r["loss"].as_f64().unwrap()]),
            (
                "y",
                st.forward.head_output.iter().copied().collect(),
                flat(&r["y"]),
            ),
        ];
        let ours = course_names(&st.backward.grads);
        for name in ["i2h.weight", "i2h.bias", "i2o.weight", "i2o.bias"] {
            pairs.push((name, flat(&ours[name]), flat(&r["grads"][name])));
        }
        for (what, a, b) in pairs {
            assert_eq!(a.len(), b.len(), "{shape:?} {what}");
            let scale = b.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-300);
            for (x, y) in a.iter().zip(&b) {
                let rel = (x - y).abs() / scale;
                worst = worst.max(rel);
                assert!(rel <= 1e-10, "{shape:?} {what}: ours {x:e}, PyTorch {y:e}");
            }
        }
    }
    println!(
        "course cell vs PyTorch over {} shapes: worst relative difference {worst:.1e}",
        SHAPES.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The preset `char-course-cell` trains tutorial 01's model with its settings: every next
/// character right under teacher forcing well before the 1000 epochs end.
#[test]
fn the_course_preset_learns_the_sentence() {
    use rnn_playground::lessons::{preset, Corpus};
    use rnn_playground::train::Session;
    let p = preset("char-course-cell").unwrap();
    assert!(p.from_course);
    assert_eq!(p.model.cell, CellKind::Course);
    assert_eq!((p.model.hidden_size, p.settings.epochs), (35, 1000));
    let data = p.options.prepare(&Corpus::CharModel(())).unwrap();
    let mut s = Session::new(data, p.model, p.settings, 0).unwrap();
    let num = s.network().params().num_params();
    assert_eq!(
        num,
        70 * 35 + 35 + 70 * 35 + 35,
        "i2h and i2o, PyTorch's count"
    );
    let mut last = None;
    for _ in 0..600 {
        last = s.run_epoch().unwrap().eval;
    }
    let train = last.unwrap().train;
    assert_eq!(train.accuracy, Some(1.0), "loss {}", train.loss);
    assert!(train.loss < 0.05, "{}", train.loss);
}

/// Only the char lesson offers the course's cell: a link asking for it elsewhere opens the
/// lesson's own cell.
#[test]
fn only_the_char_lesson_opens_the_course_cell_from_a_link() {
    use rnn_playground::ui::state::AppState;
    use rnn_playground::ui::url::ShareState;
    let (char_link, notes) = ShareState::parse("?lesson=char&cell=course");
    assert!(notes.is_empty());
    assert_eq!(
        AppState::from_share(&char_link).model.cell,
        CellKind::Course
    );
    for lesson in ["mnist", "series", "sentiment"] {
        let (link, _) = ShareState::parse(&format!("?lesson={lesson}&cell=course"));
        assert_ne!(
            AppState::from_share(&link).model.cell,
            CellKind::Course,
            "{lesson}"
        );
    }
}
