//! The code beside the model: the PyTorch code of exactly the model and training loop the app
//! runs (and, for a binary classifier such as the review lesson, the Keras equivalent), as
//! plain text the page shows and copies.
//!
//! Everything is a pure function of the fitted [`NetworkConfig`], the [`TrainSettings`], the
//! lesson's [`Loss`] and the lesson. The class keeps the app's parameter names (`rnn.*`,
//! `embedding.weight`, `fc.*`), so the app's exported `state_dict` loads into it with
//! `load_state_dict(..., strict=True)`; [`export`] writes a script that checks it also computes
//! the app's output.

pub mod cell_loop;
pub mod data;
pub mod export;
mod keras;
mod pytorch;
pub mod tabs;

use crate::lessons::{CorpusSize, LessonOptions};
use crate::nn::{Head, Loss, NetworkConfig};
use crate::train::TrainSettings;

pub use cell_loop::cell_loop_code;
pub use keras::keras_code;
pub use pytorch::{pytorch_class, pytorch_code};

/// What the code is generated from.
#[derive(Debug, Clone, Copy)]
pub struct CodeSpec<'a> {
    /// The lesson's options (its name heads the code; its data is built from them).
    pub options: &'a LessonOptions,
    /// The model as the worker built it (fitted to the lesson).
    pub model: &'a NetworkConfig,
    /// The training settings; their dropout rates win over the model's, as in the session.
    pub settings: &'a TrainSettings,
    /// The lesson's loss.
    pub loss: Loss,
    /// The size of the corpus the model trains on, where the worker told it (the full MNIST
    /// a teacher loaded; `None`: the shipped data).
    pub corpus: Option<CorpusSize>,
}

/// A Python float literal that reads back as exactly `x` (`0.01`, `1e-4`, `1.0`).
pub fn py_float(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "float('nan')".into()
        } else if x > 0.0 {
            "float('inf')".into()
        } else {
            "float('-inf')".into()
        };
    }
    let a = x.abs();
    if x == 0.0 {
        "0.0".into()
    } else if x.fract() == 0.0 && a < 1e16 {
        format!("{x:.1}")
    } else if !(1e-3..1e16).contains(&a) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

pub(crate) fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// The generated class's name: `LSTMModel`, `BiGRUModel`, …
pub fn class_name(model: &NetworkConfig) -> String {
    format!(
        "{}{}Model",
        if model.bidirectional { "Bi" } else { "" },
        model.cell.torch_name()
    )
}

/// `model` with the dropout rates of `settings` (dropout is a training setting, as in the
/// session).
pub fn effective_model(model: &NetworkConfig, settings: &TrainSettings) -> NetworkConfig {
    NetworkConfig {
        dropout: settings.dropout,
        input_dropout: settings.input_dropout,
        ..model.clone()
    }
}

/// `T` for shapes in comments: the sequence length, or `seq` when it varies.
pub(crate) fn steps(model: &NetworkConfig) -> String {
    model.seq_len.map_or("seq".into(), |t| t.to_string())
}

/// The shape of one example's input (without the batch), for comments.
pub(crate) fn input_shape(model: &NetworkConfig) -> String {
    match model.vocab_size {
        Some(_) => format!("[{}] token ids", steps(model)),
        None => format!("[{}, {}] floats", steps(model), model.input_size),
    }
}

/// The shape of one example's target, for comments.
pub(crate) fn target_shape(model: &NetworkConfig, loss: Loss) -> String {
    let (t, o) = (steps(model), model.output_size);
    match (loss, model.head) {
        (Loss::CrossEntropy, Head::PerStep) => format!("[{t}] class ids"),
        (Loss::CrossEntropy, _) => "a class id".into(),
        (Loss::BceWithLogits, Head::PerStep) => format!("[{t}, {o}] labels 0.0 or 1.0"),
        (Loss::BceWithLogits, _) => format!("[{o}] label 0.0 or 1.0"),
        (_, Head::PerStep) => format!("[{t}, {o}] floats"),
        (_, _) => format!("[{o}] floats"),
    }
}
