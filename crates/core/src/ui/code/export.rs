//! "Export for PyTorch": one `.py` file that defines the model's class, loads the app's weights
//! (the model file is embedded), runs the lesson's example and checks that PyTorch computes the
//! app's output to within `ATOL + RTOL · |app|` (as `torch.allclose`), saying what it compared.

use ndarray::ArrayD;
use serde_json::Value;

use super::{class_name, pytorch_class};
use crate::lessons::{BatchInput, LessonId};
use crate::nn::{CellKind, ForwardOptions, NetworkConfig};
use crate::train::{Session, TrainError};

/// Relative tolerance of the exported check. Both sides compute in float32 (unit roundoff
/// 2⁻²⁴ ≈ 6e-8), but not in the same order: the app's matrix products sum in SIMD tiles and its
/// `exp`/`tanh` are its own, PyTorch's are BLAS's and libm's, so every timestep differs by a
/// few units in the last place and the recurrence carries them on through up to ~70 steps
/// (reported with PyTorch 2.x in issue 26: up to 1.7e-5 absolute on the char LSTM's logits
/// of 30–68, so under 6e-7 relative; not measured here, no PyTorch on this machine). 1e-5
/// (≈ 170 units in the last place) leaves room for that and still catches a real mismatch (a
/// wrong gate order, bias or weight moves outputs by 1e-2 and more).
pub const RTOL: f64 = 1e-5;
/// Absolute tolerance, for outputs near zero where a relative one means nothing (what the
/// check used alone before, and `torch.testing.assert_close`'s float32 default).
pub const ATOL: f64 = 1e-5;

/// The file name's stem of a model: lesson, cell, hidden size, layers when more than one,
/// `_bi` when bidirectional: `rnn_playground_char_lstm_h13`, `rnn_playground_mnist_gru_h64_l2_bi`.
pub fn file_stem(lesson: LessonId, model: &NetworkConfig) -> String {
    let cell = match model.cell {
        CellKind::Rnn => "rnn",
        CellKind::Lstm => "lstm",
        CellKind::Gru => "gru",
        CellKind::Course => "course",
    };
    let mut stem = format!(
        "rnn_playground_{}_{cell}_h{}",
        lesson.key(),
        model.hidden_size
    );
    if model.num_layers > 1 {
        stem.push_str(&format!("_l{}", model.num_layers));
    }
    if model.bidirectional {
        stem.push_str("_bi");
    }
    stem
}

/// The name of a model file (Export): [`file_stem`]`.json`.
pub fn model_file_name(lesson: LessonId, model: &NetworkConfig) -> String {
    format!("{}.json", file_stem(lesson, model))
}

/// A generated script: its file name and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PytorchScript {
    /// `rnn_playground_char_lstm_h13.py` ([`file_stem`]).
    pub name: String,
    /// The Python source.
    pub text: String,
}

/// What a script is built from (everything [`pytorch_export`] takes from a session).
#[derive(Debug, Clone, Copy)]
pub struct ScriptParts<'a> {
    /// The lesson (its name and key).
    pub lesson: LessonId,
    /// The model as built, with its dropout rates.
    pub model: &'a NetworkConfig,
    /// Truncated BPTT window of the training settings (the class is the panel's).
    pub truncate: Option<usize>,
    /// The app's model file ([`Session::export_model`]).
    pub model_json: &'a str,
    /// The example, batch of one.
    pub input: &'a BatchInput,
    /// The app's head output for it (eval mode).
    pub expected: &'a ArrayD<f32>,
    /// What the example is (`the whole text`, `test digit`).
    pub example: &'a str,
}

/// Nested lists of `shape` from row-major values.
fn nested(shape: &[usize], values: &[Value]) -> Value {
    match shape.split_first() {
        None => values.first().cloned().unwrap_or(Value::Null),
        Some((&n, rest)) => {
            let step = values.len() / n.max(1);
            Value::Array(
                (0..n)
                    .map(|i| nested(rest, &values[i * step..(i + 1) * step]))
                    .collect(),
            )
        }
    }
}

/// A float as JSON: exactly the f32's value (the f64 shortest form reads back bit for bit).
fn number(v: f32) -> Result<Value, TrainError> {
    serde_json::Number::from_f64(f64::from(v))
        .map(Value::Number)
        .ok_or_else(|| TrainError::invalid("export", "the output holds NaN or infinity"))
}

fn shape_text(shape: &[usize]) -> String {
    format!(
        "[{}]",
        shape
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The script from its parts.
pub fn pytorch_script(p: &ScriptParts<'_>) -> Result<PytorchScript, TrainError> {
    let (input, input_shape, dtype, kind) = match p.input {
        BatchInput::Dense(x) => (
            x.iter()
                .map(|&v| number(v))
                .collect::<Result<Vec<_>, _>>()?,
            x.shape().to_vec(),
            "torch.float32",
            "floats",
        ),
        BatchInput::Tokens(t) => (
            t.iter().map(|&id| Value::from(id as u64)).collect(),
            t.shape().to_vec(),
            "torch.long",
            "token ids",
        ),
    };
    let expected: Vec<Value> = p
        .expected
        .iter()
        .map(|&v| number(v))
        .collect::<Result<_, _>>()?;
    let input_text = nested(&input_shape, &input).to_string();
    let expected_text = nested(p.expected.shape(), &expected).to_string();
    if p.model_json.contains("'''") || p.model_json.contains('\\') {
        return Err(TrainError::invalid(
            "export",
            "the model file cannot be embedded in a Python string",
        ));
    }
    let title = p.lesson.info().title.en;
    let m = p.model;
    // The course's cell: tutorial 01's class, its loop, and the app's names converted.
    let (construct, load_arg, call) = if m.cell.is_course() {
        (
            format!(
                "RNN({}, {}, {})",
                m.input_size, m.hidden_size, m.output_size
            ),
            "from_app(state_dict)",
            "run(model, x)",
        )
    } else {
        (format!("{}()", class_name(m)), "state_dict", "model(x)")
    };
    let name = format!("{}.py", file_stem(p.lesson, p.model));
    let text = format!(
        r#""""RNN Playground, {title}: the model exported for PyTorch.

Run it with `python {name}` (or whatever your browser named it): it builds the model, loads
the app's weights with load_state_dict(strict=True), runs the lesson's example ({example}) and
checks that PyTorch computes the app's output to within ATOL + RTOL * |app output|, as
torch.allclose does, printing what it compared.
In your own code, whatever the file is called (run_path does not run the check below):
    import runpy
    load_model = runpy.run_path('path/to/this_file.py')['load_model']
    model = load_model()
or copy the class and MODEL_FILE.
"""
import json

import torch
import torch.nn as nn


{class_src}

# The app's model file (Export): its config and state_dict, in PyTorch's parameter names.
MODEL_FILE = r'''{json}'''

# The example, batch of one: {input_shape} {kind}
EXAMPLE_INPUT = {input_text}

# The app's output for it (float32): {output_shape}
APP_OUTPUT = {expected_text}

# Both sides compute in float32 (unit roundoff 6e-8) but sum and approximate exp/tanh in
# different orders: a few units in the last place per timestep, carried on by the recurrence.
# A relative tolerance for large outputs (the char model's logits reach 30-70), an absolute
# one near zero.
RTOL = {rtol:e}
ATOL = {atol:e}


def load_model():
    model = {construct}
    state_dict = json.loads(MODEL_FILE)['state_dict']
    state_dict = {{k: torch.tensor(v) for k, v in state_dict.items()}}
    model.load_state_dict({load_arg}, strict=True)
    return model.eval()


if __name__ == '__main__':
    model = load_model()
    x = torch.tensor(EXAMPLE_INPUT, dtype={dtype})
    with torch.no_grad():
        y = {call}
    expected = torch.tensor(APP_OUTPUT, dtype=torch.float32)
    if y.shape != expected.shape:
        raise SystemExit(f'output shape {{tuple(y.shape)}}, the app gave {{tuple(expected.shape)}}')
    diff = (y - expected).abs()
    nonzero = expected != 0
    rel = (diff[nonzero] / expected[nonzero].abs()).max().item() if nonzero.any() else 0.0
    print(f'compared {{expected.numel()}} outputs of shape {{tuple(expected.shape)}}: '
          f'max |PyTorch - app| = {{diff.max().item():.3g}}, '
          f'max relative difference = {{rel:.3g}}, largest |app| = {{expected.abs().max().item():.3g}}')
    if not torch.allclose(y, expected, rtol=RTOL, atol=ATOL):
        worst = (diff / (ATOL + RTOL * expected.abs())).max().item()
        raise SystemExit(f'PyTorch differs from the app by {{worst:.3g}} times '
                         f'the allowed ATOL + RTOL * |app| (ATOL {{ATOL:g}}, RTOL {{RTOL:g}})')
    print('OK')
"#,
        example = p.example,
        rtol = RTOL,
        atol = ATOL,
        class_src = pytorch_class(p.model, p.truncate),
        json = p.model_json,
        input_shape = shape_text(&input_shape),
        output_shape = shape_text(p.expected.shape()),
    );
    Ok(PytorchScript { name, text })
}

/// The script of a session's model: the lesson's default example (what the inside views follow
/// first) through the network in eval mode, and the app's output for it.
pub fn pytorch_export(session: &Session) -> Result<PytorchScript, TrainError> {
    let net = session.network();
    let example_ref = session.picker().default;
    let example = session.data().example(net, &example_ref)?;
    let (out, _) = net.forward(
        example.batch.input.as_input(),
        None,
        ForwardOptions::default(),
    )?;
    let model = session.model().clone();
    let json = session.export_model();
    pytorch_script(&ScriptParts {
        lesson: session.lesson(),
        model: &model,
        truncate: session.settings().truncate,
        model_json: &json,
        input: &example.batch.input,
        expected: &out.head_output,
        example: session.lesson().info().example.en,
    })
}
