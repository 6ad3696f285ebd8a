//! The Keras code of a binary classifier read from the last step (the review lesson).

use std::fmt::Write as _;

use super::data::data_code;
use super::{effective_model, py_float, CodeSpec};
use crate::nn::{CellKind, Head, Loss, Nonlinearity};
use crate::optim::OptimizerConfig;

/// The Keras name of a cell.
fn keras_cell(cell: CellKind) -> &'static str {
    crate::ui::keras_summary::keras_class(cell)
}

/// `keras.optimizers.…(learning_rate=…, …)` with every setting that differs from Keras's
/// default, and what has no Keras equivalent.
fn keras_optimizer(o: &OptimizerConfig, clip: Option<f64>) -> (String, Vec<&'static str>) {
    let mut args = Vec::new();
    let mut notes = Vec::new();
    let (name, weight_decay) = match o {
        OptimizerConfig::Sgd(c) => {
            args.push(format!("learning_rate={}", py_float(c.lr)));
            if c.momentum != 0.0 {
                args.push(format!("momentum={}", py_float(c.momentum)));
            }
            if c.nesterov {
                args.push("nesterov=True".into());
            }
            if c.dampening != 0.0 {
                notes.push("PyTorch's SGD dampening has no Keras equivalent.");
            }
            ("SGD", c.weight_decay)
        }
        OptimizerConfig::Adam(c) => {
            args.push(format!("learning_rate={}", py_float(c.lr)));
            if c.betas.0 != 0.9 {
                args.push(format!("beta_1={}", py_float(c.betas.0)));
            }
            if c.betas.1 != 0.999 {
                args.push(format!("beta_2={}", py_float(c.betas.1)));
            }
            if c.eps != 1e-7 {
                args.push(format!("epsilon={}", py_float(c.eps)));
            }
            ("Adam", c.weight_decay)
        }
        OptimizerConfig::RmsProp(c) => {
            args.push(format!("learning_rate={}", py_float(c.lr)));
            if c.alpha != 0.9 {
                args.push(format!("rho={}", py_float(c.alpha)));
            }
            if c.eps != 1e-7 {
                args.push(format!("epsilon={}", py_float(c.eps)));
            }
            if c.momentum != 0.0 {
                args.push(format!("momentum={}", py_float(c.momentum)));
            }
            if c.centered {
                args.push("centered=True".into());
            }
            ("RMSprop", c.weight_decay)
        }
    };
    if let Some(c) = clip {
        args.push(format!("global_clipnorm={}", py_float(c)));
    }
    if weight_decay != 0.0 {
        notes.push(
            "PyTorch's weight_decay (L2 added to the gradient) has no exact Keras equivalent.",
        );
    }
    (
        format!("keras.optimizers.{name}({})", args.join(", ")),
        notes,
    )
}

/// The Keras equivalent of a binary classifier read from the last step (the review lesson, as
/// in the course's Keras tutorial): `Embedding`, `SimpleRNN/LSTM/GRU(dropout=…)`,
/// `Dense(1, activation='sigmoid')`, with early stopping and checkpoints when early stopping is
/// on. `None` for other models.
pub fn keras_code(spec: &CodeSpec<'_>) -> Option<String> {
    let m = effective_model(spec.model, spec.settings);
    let s = spec.settings;
    if spec.loss != Loss::BceWithLogits || m.output_size != 1 || m.head == Head::PerStep {
        return None;
    }
    let t = m.seq_len.map_or("None".to_string(), |t| t.to_string());
    let mut w = String::new();
    let _ = writeln!(
        w,
        "# RNN Playground, {}: the same model and training in Keras.",
        spec.options.lesson().info().title.en
    );
    let data =
        data_code(spec.options, spec.model, false, spec.corpus).filter(|d| !d.lists.is_empty());
    if let Some(d) = &data {
        for line in &d.std_imports {
            let _ = writeln!(w, "{line}");
        }
        let _ = writeln!(w);
        let _ = writeln!(w, "import numpy as np");
    }
    let _ = writeln!(w, "from tensorflow import keras");
    let _ = writeln!(w);
    let held_out = match &data {
        Some(d) => {
            let _ = writeln!(w);
            w.push_str(&d.lists);
            let _ = writeln!(w, "train_seq, val_seq, test_seq = np.array(train_seq), np.array(val_seq), np.array(test_seq)");
            let _ = writeln!(w, "train_target, val_target, test_target = np.array(train_target), np.array(val_target), np.array(test_target)");
            let _ = writeln!(w);
            if d.validation_held_out {
                "val"
            } else {
                "test"
            }
        }
        None => "val",
    };
    let _ = writeln!(w, "model = keras.Sequential()");
    let fit_input = match m.vocab_size {
        Some(v) => {
            let _ = writeln!(
                w,
                "model.add(keras.Input(shape=({t},)))  # {t} token ids per example"
            );
            let _ = writeln!(
                w,
                "model.add(keras.layers.Embedding({v}, {}))",
                m.input_size
            );
            "train_seq"
        }
        None => {
            let _ = writeln!(
                w,
                "model.add(keras.Input(shape=({t}, {})))  # {t} one-hot vectors of {} per example",
                m.input_size, m.input_size
            );
            "train_oh"
        }
    };
    let cell = keras_cell(m.cell);
    for k in 0..m.num_layers {
        let mut args = vec![m.hidden_size.to_string()];
        if m.cell == CellKind::Rnn && m.nonlinearity == Nonlinearity::Relu {
            args.push("activation='relu'".into());
        }
        if !m.bias {
            args.push("use_bias=False".into());
        }
        let p = if k == 0 { m.input_dropout } else { m.dropout };
        if p > 0.0 {
            args.push(format!("dropout={}", py_float(p)));
        }
        if k + 1 < m.num_layers || m.head == Head::Flatten {
            args.push("return_sequences=True".into());
        }
        let layer = format!("keras.layers.{cell}({})", args.join(", "));
        let layer = if m.bidirectional {
            format!("keras.layers.Bidirectional({layer})")
        } else {
            layer
        };
        let _ = writeln!(w, "model.add({layer})");
    }
    if m.head == Head::Flatten {
        let _ = writeln!(w, "model.add(keras.layers.Flatten())");
    }
    let _ = writeln!(w, "model.add(keras.layers.Dense(1, activation='sigmoid'))");
    if m.input_dropout > 0.0 || (m.num_layers > 1 && m.dropout > 0.0) {
        let _ = writeln!(
            w,
            "# Keras's dropout=… draws one mask per sequence, PyTorch's nn.Dropout one per timestep."
        );
    }
    let _ = writeln!(w);
    let (opt, notes) = keras_optimizer(&s.optimizer, s.clip_grad_norm);
    for n in notes {
        let _ = writeln!(w, "# {n}");
    }
    let _ = writeln!(w, "optimizer = {opt}");
    let _ = writeln!(
        w,
        "model.compile(optimizer=optimizer, loss='binary_crossentropy', metrics=['accuracy'])"
    );
    if s.truncate.is_some() {
        let _ = writeln!(
            w,
            "# The app truncates BPTT every {} steps; Keras has no such option (full BPTT here).",
            s.truncate.unwrap_or(0)
        );
    }
    let _ = writeln!(w);
    let mut callbacks = Vec::new();
    if let Some(es) = s.early_stopping {
        let _ = writeln!(
            w,
            "checkpoint_cb = keras.callbacks.ModelCheckpoint('best-model.keras', save_best_only=True)"
        );
        let mut args = vec![format!("patience={}", es.patience)];
        if es.min_delta > 0.0 {
            args.push(format!("min_delta={}", py_float(es.min_delta)));
        }
        args.push("restore_best_weights=True".into());
        let _ = writeln!(
            w,
            "early_stopping_cb = keras.callbacks.EarlyStopping({})",
            args.join(", ")
        );
        callbacks = vec!["checkpoint_cb", "early_stopping_cb"];
    }
    if data.is_none() {
        let _ = writeln!(
            w,
            "# train_seq, val_seq: [examples, {t}] token ids (pad_sequences); train_target, val_target: 0 or 1"
        );
    }
    let splits: &[&str] = if data.is_some() {
        &["train", "val", "test"]
    } else {
        &["train", "val"]
    };
    let input = match m.vocab_size {
        Some(_) => "seq",
        None => {
            for split in splits {
                let _ = writeln!(
                    w,
                    "{split}_oh = keras.utils.to_categorical({split}_seq, num_classes={})",
                    m.input_size
                );
            }
            "oh"
        }
    };
    let val = format!("{held_out}_{input}");
    let _ = write!(
        w,
        "history = model.fit({fit_input}, train_target, epochs={}, batch_size={}{},\n                    validation_data=({val}, {held_out}_target)",
        s.epochs,
        s.batch_size,
        if s.shuffle { "" } else { ", shuffle=False" }
    );
    if callbacks.is_empty() {
        let _ = writeln!(w, ")");
    } else {
        let _ = writeln!(
            w,
            ",\n                    callbacks=[{}])",
            callbacks.join(", ")
        );
    }
    if data.is_some() {
        let _ = writeln!(
            w,
            "test_loss, test_accuracy = model.evaluate(test_{input}, test_target)"
        );
        let _ = writeln!(
            w,
            "print(f'test accuracy: {{100 * test_accuracy:.1f}} % of {{len(test_target)}} test reviews')"
        );
    }
    Some(w)
}
