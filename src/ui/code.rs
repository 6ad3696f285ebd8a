//! The code beside the model: the PyTorch code of exactly the model and training loop the app
//! runs (and, for a binary classifier such as the review lesson, the Keras equivalent), as
//! plain text the page shows and copies.
//!
//! Everything is a pure function of the fitted [`NetworkConfig`], the [`TrainSettings`], the
//! lesson's [`Loss`] and the lesson. The class keeps the app's parameter names (`rnn.*`,
//! `embedding.weight`, `fc.*`), so the app's exported `state_dict` loads into it with
//! `load_state_dict(..., strict=True)`; [`export`] writes a script that checks it also computes
//! the app's output.

pub mod export;

use std::fmt::Write as _;

use crate::lessons::{LessonId, LessonOptions};
use crate::nn::{CellKind, Head, Loss, NetworkConfig, Nonlinearity};
use crate::optim::OptimizerConfig;
use crate::train::TrainSettings;

/// What the code is generated from.
#[derive(Debug, Clone, Copy)]
pub struct CodeSpec<'a> {
    /// The lesson (its name heads the code).
    pub lesson: LessonId,
    /// The model as the worker built it (fitted to the lesson).
    pub model: &'a NetworkConfig,
    /// The training settings; their dropout rates win over the model's, as in the session.
    pub settings: &'a TrainSettings,
    /// The lesson's loss.
    pub loss: Loss,
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

fn py_bool(b: bool) -> &'static str {
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

/// The loss the worker trains a lesson with, for the page (which has the options and the
/// fitted model, not the prepared data). A many-to-many model (the character lesson, where the
/// options choose the loss) is prepared from its options, which carry everything; the others
/// follow from the lesson's task: regression is `nn.MSELoss`, one output of a classifier is
/// `nn.BCEWithLogitsLoss`, several are `nn.CrossEntropyLoss`.
pub fn lesson_loss(options: &LessonOptions, model: &NetworkConfig) -> Loss {
    let lesson = options.lesson();
    if model.head == Head::PerStep {
        if let Ok(corpus) = lesson.parse_corpus(&[]) {
            if let Ok(data) = options.clone().prepare(&corpus) {
                return data.loss();
            }
        }
    }
    match (lesson.info().accuracy, model.output_size) {
        (false, _) => Loss::MseMean,
        (true, 1) => Loss::BceWithLogits,
        (true, _) => Loss::CrossEntropy,
    }
}

/// `T` for shapes in comments: the sequence length, or `seq` when it varies.
fn steps(model: &NetworkConfig) -> String {
    model.seq_len.map_or("seq".into(), |t| t.to_string())
}

/// The shape of one example's input (without the batch), for comments.
fn input_shape(model: &NetworkConfig) -> String {
    match model.vocab_size {
        Some(_) => format!("[{}] token ids", steps(model)),
        None => format!("[{}, {}] floats", steps(model), model.input_size),
    }
}

/// The shape of one example's target, for comments.
fn target_shape(model: &NetworkConfig, loss: Loss) -> String {
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

/// The `nn.Module` of `model` (its own dropout rates), with truncated BPTT every `truncate`
/// steps when set. Attribute names give the app's `state_dict` keys.
pub fn pytorch_class(model: &NetworkConfig, truncate: Option<usize>) -> String {
    let m = model;
    let (d, h) = (m.directions(), m.hidden_size);
    let t = steps(m);
    let cell = m.cell.torch_name();
    let mut w = String::new();
    let _ = writeln!(w, "class {}(nn.Module):", class_name(m));
    let _ = writeln!(w, "    def __init__(self):");
    let _ = writeln!(w, "        super().__init__()");
    if let Some(v) = m.vocab_size {
        let _ = writeln!(
            w,
            "        self.embedding = nn.Embedding({v}, {})  # token id -> {} numbers",
            m.input_size, m.input_size
        );
    }
    if m.input_dropout > 0.0 {
        let _ = writeln!(
            w,
            "        self.drop = nn.Dropout({})  # on the RNN's input, in training only",
            py_float(m.input_dropout)
        );
    }
    let _ = writeln!(w, "        self.rnn = nn.{cell}(");
    let _ = writeln!(w, "            input_size={},", m.input_size);
    let _ = writeln!(w, "            hidden_size={h},");
    let _ = writeln!(w, "            num_layers={},", m.num_layers);
    if m.cell == CellKind::Rnn {
        let nl = match m.nonlinearity {
            Nonlinearity::Tanh => "tanh",
            Nonlinearity::Relu => "relu",
        };
        let _ = writeln!(w, "            nonlinearity='{nl}',");
    }
    let _ = writeln!(w, "            bias={},", py_bool(m.bias));
    let _ = writeln!(w, "            batch_first=True,");
    if m.num_layers > 1 {
        let _ = writeln!(
            w,
            "            dropout={},  # between layers, in training only",
            py_float(m.dropout)
        );
    } else {
        let _ = writeln!(w, "            dropout=0.0,");
    }
    let _ = writeln!(w, "            bidirectional={},", py_bool(m.bidirectional));
    let _ = writeln!(w, "        )");
    let _ = writeln!(
        w,
        "        self.fc = nn.Linear({}, {})",
        m.fc_in_features(),
        m.output_size
    );
    let _ = writeln!(w);
    let _ = writeln!(w, "    def forward(self, x):");
    let _ = writeln!(w, "        # x: [batch, {}", &input_shape(m)[1..]);
    if m.vocab_size.is_some() {
        let _ = writeln!(
            w,
            "        x = self.embedding(x)  # [batch, {t}, {}]",
            m.input_size
        );
    }
    if m.input_dropout > 0.0 {
        let _ = writeln!(w, "        x = self.drop(x)");
    }
    let states = if m.cell == CellKind::Lstm {
        "h0 and c0 start at zero"
    } else {
        "h0 starts at zero"
    };
    match truncate {
        Some(k) if !m.bidirectional => {
            let _ = writeln!(
                w,
                "        # truncated BPTT: {k} timesteps at a time, the states detached in between"
            );
            let _ = writeln!(
                w,
                "        # (same outputs; the gradient stops every {k} steps)"
            );
            let _ = writeln!(w, "        outs, state = [], None  # {states}");
            let _ = writeln!(w, "        for chunk in x.split({k}, dim=1):");
            let _ = writeln!(w, "            out, state = self.rnn(chunk, state)");
            let _ = writeln!(w, "            outs.append(out)");
            if m.cell == CellKind::Lstm {
                let _ = writeln!(w, "            state = tuple(s.detach() for s in state)");
            } else {
                let _ = writeln!(w, "            state = state.detach()");
            }
            let _ = writeln!(
                w,
                "        out = torch.cat(outs, dim=1)  # [batch, {t}, {}]",
                d * h
            );
        }
        Some(k) => {
            let _ = writeln!(
                w,
                "        # The app cuts each direction's gradient every {k} steps (truncated BPTT);"
            );
            let _ = writeln!(
                w,
                "        # a bidirectional nn.{cell} cannot, so this trains with full BPTT."
            );
            let _ = writeln!(
                w,
                "        out, _ = self.rnn(x)  # [batch, {t}, {}]; {states}",
                d * h
            );
        }
        None => {
            let _ = writeln!(
                w,
                "        out, _ = self.rnn(x)  # [batch, {t}, {}]; {states}",
                d * h
            );
        }
    }
    let o = m.output_size;
    let (expr, what) = match m.head {
        Head::PerStep => (
            "self.fc(out)".to_string(),
            format!("an output at every timestep: [batch, {t}, {o}]"),
        ),
        Head::LastStep => (
            "self.fc(out[:, -1, :])".to_string(),
            format!("the last timestep's output: [batch, {o}]"),
        ),
        Head::Flatten => {
            let _ = writeln!(
                w,
                "        out = out.reshape(out.size(0), -1)  # every timestep in a row: [batch, {}]",
                m.fc_in_features()
            );
            ("self.fc(out)".to_string(), format!("[batch, {o}]"))
        }
    };
    if m.sigmoid_output {
        let _ = writeln!(w, "        y = {expr}  # {what}");
        let _ = writeln!(
            w,
            "        return torch.sigmoid(y)  # between 0 and 1, like the scaled target"
        );
    } else {
        let _ = writeln!(w, "        return {expr}  # {what}");
    }
    w
}

/// `torch.optim.…(model.parameters(), lr=…, …)` with every setting that differs from PyTorch's
/// default.
fn torch_optimizer(o: &OptimizerConfig) -> String {
    let mut args = Vec::new();
    let name = match o {
        OptimizerConfig::Sgd(c) => {
            args.push(format!("lr={}", py_float(c.lr)));
            if c.momentum != 0.0 {
                args.push(format!("momentum={}", py_float(c.momentum)));
            }
            if c.dampening != 0.0 {
                args.push(format!("dampening={}", py_float(c.dampening)));
            }
            if c.weight_decay != 0.0 {
                args.push(format!("weight_decay={}", py_float(c.weight_decay)));
            }
            if c.nesterov {
                args.push("nesterov=True".into());
            }
            "SGD"
        }
        OptimizerConfig::Adam(c) => {
            args.push(format!("lr={}", py_float(c.lr)));
            if c.betas != (0.9, 0.999) {
                args.push(format!(
                    "betas=({}, {})",
                    py_float(c.betas.0),
                    py_float(c.betas.1)
                ));
            }
            if c.eps != 1e-8 {
                args.push(format!("eps={}", py_float(c.eps)));
            }
            if c.weight_decay != 0.0 {
                args.push(format!("weight_decay={}", py_float(c.weight_decay)));
            }
            "Adam"
        }
        OptimizerConfig::RmsProp(c) => {
            args.push(format!("lr={}", py_float(c.lr)));
            if c.alpha != 0.99 {
                args.push(format!("alpha={}", py_float(c.alpha)));
            }
            if c.eps != 1e-8 {
                args.push(format!("eps={}", py_float(c.eps)));
            }
            if c.weight_decay != 0.0 {
                args.push(format!("weight_decay={}", py_float(c.weight_decay)));
            }
            if c.momentum != 0.0 {
                args.push(format!("momentum={}", py_float(c.momentum)));
            }
            if c.centered {
                args.push("centered=True".into());
            }
            "RMSprop"
        }
    };
    format!(
        "torch.optim.{name}(model.parameters(), {})",
        args.join(", ")
    )
}

/// The criterion line and the loss of a batch (`out`, `y`), with a comment when the loss is
/// not the criterion as such.
fn torch_loss(model: &NetworkConfig, loss: Loss) -> (String, String, Option<&'static str>) {
    let o = model.output_size;
    match (loss, model.head) {
        (Loss::MseMean, _) => ("nn.MSELoss()".into(), "criterion(out, y)".into(), None),
        (Loss::MseSumT, Head::PerStep) => (
            "nn.MSELoss()".into(),
            "sum(criterion(out[:, t], y[:, t]) for t in range(out.size(1)))".into(),
            Some("the MSE of every timestep, summed over the timesteps (the course's total_loss)"),
        ),
        (Loss::MseSumT, _) => ("nn.MSELoss()".into(), "criterion(out, y)".into(), None),
        (Loss::CrossEntropy, Head::PerStep) => (
            "nn.CrossEntropyLoss()".into(),
            format!("criterion(out.reshape(-1, {o}), y.reshape(-1))"),
            Some("every timestep is one classification: [batch * seq, classes]"),
        ),
        (Loss::CrossEntropy, _) => (
            "nn.CrossEntropyLoss()".into(),
            "criterion(out, y)".into(),
            None,
        ),
        (Loss::BceWithLogits, _) => (
            "nn.BCEWithLogitsLoss()  # sigmoid and binary cross-entropy in one, on the logit"
                .into(),
            "criterion(out, y)".into(),
            None,
        ),
    }
}

/// The PyTorch code of the model and its training loop.
pub fn pytorch_code(spec: &CodeSpec<'_>) -> String {
    let m = effective_model(spec.model, spec.settings);
    let s = spec.settings;
    let es = s.early_stopping;
    let mut w = String::new();
    let _ = writeln!(
        w,
        "# RNN Playground, {}: the model and training loop of the current settings.",
        spec.lesson.info().title.en
    );
    let _ = writeln!(
        w,
        "# The parameter names are the app's: its exported state_dict loads with load_state_dict."
    );
    if es.is_some() {
        let _ = writeln!(w, "import copy");
        let _ = writeln!(w);
    }
    let _ = writeln!(w, "import torch");
    let _ = writeln!(w, "import torch.nn as nn");
    let _ = writeln!(w);
    let _ = writeln!(w);
    w.push_str(&pytorch_class(&m, s.truncate));
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(w, "model = {}()", class_name(&m));
    let (criterion, loss_expr, loss_note) = torch_loss(&m, spec.loss);
    let _ = writeln!(w, "criterion = {criterion}");
    let _ = writeln!(w, "optimizer = {}", torch_optimizer(&s.optimizer));
    if let Some(dec) = s.lr_decay {
        let _ = writeln!(
            w,
            "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size={}, gamma={})",
            dec.every_epochs,
            py_float(dec.gamma)
        );
    }
    if s.until_paused {
        // The app trains until paused; a script needs a number: the preset's run length.
        let _ = writeln!(
            w,
            "epochs = {}  # the app trains until paused; set the epochs you want",
            s.epochs
        );
    } else {
        let _ = writeln!(w, "epochs = {}", s.epochs);
    }
    if let Some(es) = es {
        let _ = writeln!(
            w,
            "patience = {}  # early stopping: evaluations without a lower validation loss",
            es.patience
        );
    }
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# train_dataset{}: the lesson's (x, y) pairs, x: {}, y: {}",
        if es.is_some() { ", val_dataset" } else { "" },
        input_shape(&m),
        target_shape(&m, spec.loss)
    );
    let _ = writeln!(
        w,
        "train_loader = torch.utils.data.DataLoader(train_dataset, batch_size={}, shuffle={})",
        s.batch_size,
        py_bool(s.shuffle)
    );
    if es.is_none() {
        let _ = writeln!(w);
    }
    if es.is_some() {
        let _ = writeln!(
            w,
            "val_loader = torch.utils.data.DataLoader(val_dataset, batch_size={})",
            s.batch_size
        );
        let _ = writeln!(w);
        let _ = writeln!(w);
        let _ = writeln!(w, "def evaluate(loader):");
        let _ = writeln!(w, "    model.eval()  # no dropout");
        let _ = writeln!(w, "    total, count = 0.0, 0");
        let _ = writeln!(w, "    with torch.no_grad():");
        let _ = writeln!(w, "        for x, y in loader:");
        let _ = writeln!(w, "            out = model(x)");
        let _ = writeln!(w, "            total += ({loss_expr}).item() * len(x)");
        let _ = writeln!(w, "            count += len(x)");
        let _ = writeln!(w, "    return total / count");
        let _ = writeln!(w);
        let _ = writeln!(w);
        let _ = writeln!(w, "best_loss, best_state, waited = float('inf'), None, 0");
    }
    let _ = writeln!(w, "for epoch in range(epochs):");
    let dropout_on = m.input_dropout > 0.0 || (m.num_layers > 1 && m.dropout > 0.0);
    if dropout_on {
        let _ = writeln!(w, "    model.train()  # dropout on");
    } else {
        let _ = writeln!(w, "    model.train()");
    }
    let _ = writeln!(w, "    for x, y in train_loader:");
    let _ = writeln!(w, "        optimizer.zero_grad()");
    let _ = writeln!(w, "        out = model(x)");
    if let Some(note) = loss_note {
        let _ = writeln!(w, "        # {note}");
    }
    let _ = writeln!(w, "        loss = {loss_expr}");
    let _ = writeln!(w, "        loss.backward()");
    if let Some(c) = s.clip_grad_norm {
        let _ = writeln!(
            w,
            "        nn.utils.clip_grad_norm_(model.parameters(), max_norm={})",
            py_float(c)
        );
    }
    let _ = writeln!(w, "        optimizer.step()");
    if s.lr_decay.is_some() {
        let _ = writeln!(w, "    scheduler.step()");
    }
    let every = s.eval_every.max(1);
    let pad = if every > 1 {
        let _ = writeln!(w, "    if (epoch + 1) % {every} == 0:");
        "        "
    } else {
        "    "
    };
    match es {
        Some(es) => {
            let _ = writeln!(w, "{pad}val_loss = evaluate(val_loader)");
            let _ = writeln!(
                w,
                "{pad}print(f'epoch {{epoch + 1}}: loss {{loss.item():.4f}}, validation loss {{val_loss:.4f}}')"
            );
            if es.min_delta > 0.0 {
                let _ = writeln!(
                    w,
                    "{pad}if val_loss < best_loss - {}:",
                    py_float(es.min_delta)
                );
            } else {
                let _ = writeln!(w, "{pad}if val_loss < best_loss:");
            }
            let _ = writeln!(
                w,
                "{pad}    best_loss, best_state, waited = val_loss, copy.deepcopy(model.state_dict()), 0"
            );
            let _ = writeln!(w, "{pad}else:");
            let _ = writeln!(w, "{pad}    waited += 1");
            let _ = writeln!(w, "{pad}    if waited >= patience:");
            let _ = writeln!(w, "{pad}        break");
            let _ = writeln!(
                w,
                "if best_state is not None:\n    model.load_state_dict(best_state)  # the best epoch's weights, as the app keeps them"
            );
        }
        None => {
            let _ = writeln!(
                w,
                "{pad}print(f'epoch {{epoch + 1}}: loss {{loss.item():.4f}}')"
            );
        }
    }
    w
}

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
        spec.lesson.info().title.en
    );
    let _ = writeln!(w, "from tensorflow import keras");
    let _ = writeln!(w);
    let _ = writeln!(w, "model = keras.Sequential()");
    let data = match m.vocab_size {
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
    let _ = writeln!(
        w,
        "# train_seq, val_seq: [examples, {t}] token ids (pad_sequences); train_target, val_target: 0 or 1"
    );
    let val = match m.vocab_size {
        Some(_) => "val_seq",
        None => {
            for split in ["train", "val"] {
                let _ = writeln!(
                    w,
                    "{split}_oh = keras.utils.to_categorical({split}_seq, num_classes={})",
                    m.input_size
                );
            }
            "val_oh"
        }
    };
    let _ = write!(
        w,
        "history = model.fit({data}, train_target, epochs={}, batch_size={}{},\n                    validation_data=({val}, val_target)",
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
    Some(w)
}
