//! The PyTorch code: the model's `nn.Module` and its training loop.

use std::fmt::Write as _;

use super::data::data_code;
use super::{
    class_name, effective_model, input_shape, py_bool, py_float, steps, target_shape, CodeSpec,
};
use crate::nn::{CellKind, Head, Loss, NetworkConfig, Nonlinearity};
use crate::optim::OptimizerConfig;

/// The `nn.Module` of `model` (its own dropout rates), with truncated BPTT every `truncate`
/// steps when set. Attribute names give the app's `state_dict` keys.
pub fn pytorch_class(model: &NetworkConfig, truncate: Option<usize>) -> String {
    if model.cell.is_course() {
        return course_class(model);
    }
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

/// Tutorial 01's class as the course writes it, with the two helpers the app's code needs:
/// `from_app` (the app's model file in the class's names) and `run` (the loop over the steps).
fn course_class(m: &NetworkConfig) -> String {
    let bias = if m.bias { "" } else { ", bias=False" };
    let mut w = String::new();
    let _ = writeln!(w, "class RNN(nn.Module):");
    let _ = writeln!(
        w,
        "    \"\"\"Tutorial 01's cell: i2h and i2o read combined = cat(x_t, h_{{t-1}}).\"\"\""
    );
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "    def __init__(self, input_size, hidden_size, output_size):"
    );
    let _ = writeln!(w, "        super(RNN, self).__init__()");
    let _ = writeln!(w, "        self.input_size = input_size");
    let _ = writeln!(w, "        self.hidden_size = hidden_size");
    let _ = writeln!(w, "        self.output_size = output_size");
    let _ = writeln!(
        w,
        "        self.i2h = nn.Linear(input_size + hidden_size, hidden_size{bias})  # one weight [H, I+H], one bias"
    );
    let _ = writeln!(
        w,
        "        self.i2o = nn.Linear(input_size + hidden_size, output_size{bias})"
    );
    let _ = writeln!(w, "        self.act_fn = nn.Tanh()");
    let _ = writeln!(w);
    let _ = writeln!(w, "    def forward(self, input, hidden):");
    let _ = writeln!(
        w,
        "        combined = torch.cat((input, hidden), 1)  # [batch, I+H]: x_t beside h_{{t-1}}"
    );
    let _ = writeln!(
        w,
        "        hidden = self.act_fn(self.i2h(combined))  # h_t = tanh(i2h(combined))"
    );
    let _ = writeln!(
        w,
        "        output = self.i2o(combined)  # from x_t and h_{{t-1}}: not from h_t"
    );
    let _ = writeln!(w, "        return output, hidden");
    let _ = writeln!(w);
    let _ = writeln!(w, "    def init_hidden(self, batch=1):");
    let _ = writeln!(
        w,
        "        return torch.zeros(batch, self.hidden_size)  # before the first input (t=0)"
    );
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(w, "def run(rnn, x):");
    let _ = writeln!(
        w,
        "    \"\"\"x: [batch, T, I] -> every step's output [batch, T, O], from init_hidden().\"\"\""
    );
    let _ = writeln!(w, "    hidden = rnn.init_hidden(x.size(0))");
    let _ = writeln!(w, "    outputs = []");
    let _ = writeln!(w, "    for j in range(x.size(1)):");
    let _ = writeln!(w, "        output, hidden = rnn(x[:, j, :], hidden)");
    let _ = writeln!(w, "        outputs.append(output)");
    let _ = writeln!(w, "    return torch.stack(outputs, 1)");
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(w, "def from_app(state_dict):");
    let _ = writeln!(
        w,
        "    \"\"\"The app's model file (Export) in this class's names: the app keeps i2h.weight as"
    );
    let _ = writeln!(
        w,
        "    its x columns (rnn.weight_ih_l0) and h columns (rnn.weight_hh_l0), i2h.bias as"
    );
    let _ = writeln!(w, "    rnn.bias_ih_l0, and i2o as fc.\"\"\"");
    let _ = writeln!(w, "    sd = {{");
    let _ = writeln!(
        w,
        "        'i2h.weight': torch.cat([state_dict['rnn.weight_ih_l0'], state_dict['rnn.weight_hh_l0']], 1),"
    );
    let _ = writeln!(w, "        'i2o.weight': state_dict['fc.weight'],");
    let _ = writeln!(w, "    }}");
    if m.bias {
        let _ = writeln!(w, "    sd['i2h.bias'] = state_dict['rnn.bias_ih_l0']");
        let _ = writeln!(w, "    sd['i2o.bias'] = state_dict['fc.bias']");
    }
    let _ = writeln!(w, "    return sd");
    w
}

/// The course's cell's code: tutorial 01's class, its training loop over the steps (the MSE of
/// every step summed, or cross-entropy averaged), and generation with the raw output fed back.
fn course_code(spec: &CodeSpec<'_>, m: &NetworkConfig) -> String {
    let s = spec.settings;
    let mut w = String::new();
    let _ = writeln!(
        w,
        "# RNN Playground, {}: tutorial 01's own cell, as the app trains it.",
        spec.options.lesson().info().title.en
    );
    let _ = writeln!(
        w,
        "# The app's model file loads with rnn.load_state_dict(from_app(state_dict))."
    );
    let _ = writeln!(w, "import torch");
    let _ = writeln!(w, "import torch.nn as nn");
    let _ = writeln!(w);
    let _ = writeln!(w);
    if let Some(d) = data_code(spec.options, m, false, spec.corpus) {
        w.push_str(&d.lists);
        w.push_str(&d.tensors);
        let _ = writeln!(w);
        let _ = writeln!(w);
    }
    w.push_str(&course_class(m));
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "rnn = RNN({}, {}, {})",
        m.input_size, m.hidden_size, m.output_size
    );
    let mse = matches!(spec.loss, Loss::MseMean | Loss::MseSumT);
    if mse {
        let _ = writeln!(w, "loss_func = nn.MSELoss()");
    } else {
        let _ = writeln!(w, "loss_func = nn.CrossEntropyLoss()");
    }
    let _ = writeln!(
        w,
        "optimizer = {}",
        torch_optimizer(&s.optimizer).replace("model.parameters()", "rnn.parameters()")
    );
    if let Some(dec) = s.lr_decay {
        let _ = writeln!(
            w,
            "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size={}, gamma={})",
            dec.every_epochs,
            py_float(dec.gamma)
        );
    }
    let _ = writeln!(w, "epochs = {}", s.epochs);
    let _ = writeln!(
        w,
        "train_loader = torch.utils.data.DataLoader(train_dataset, batch_size={}, shuffle={})",
        s.batch_size,
        py_bool(s.shuffle)
    );
    let _ = writeln!(w);
    let _ = writeln!(w, "for i in range(epochs):");
    let _ = writeln!(w, "    for x, y in train_loader:");
    let _ = writeln!(w, "        optimizer.zero_grad()");
    let _ = writeln!(w, "        hidden = rnn.init_hidden(x.size(0))");
    let _ = writeln!(w, "        total_loss = 0");
    let _ = writeln!(w, "        for j in range(x.size(1)):");
    if let Some(k) = s.truncate {
        let _ = writeln!(
            w,
            "            if j > 0 and j % {k} == 0:  # truncated BPTT: the gradient stops every {k} steps"
        );
        let _ = writeln!(w, "                hidden = hidden.detach()");
    }
    let _ = writeln!(
        w,
        "            output, hidden = rnn.forward(x[:, j, :], hidden)"
    );
    if mse {
        let _ = writeln!(
            w,
            "            total_loss += loss_func(output, y[:, j, :])  # the course's total_loss: summed over the steps"
        );
    } else {
        let _ = writeln!(w, "            total_loss += loss_func(output, y[:, j])");
    }
    if !mse {
        let _ = writeln!(
            w,
            "        total_loss = total_loss / x.size(1)  # cross-entropy: the mean over the steps"
        );
    }
    let _ = writeln!(w, "        total_loss.backward()");
    if let Some(c) = s.clip_grad_norm {
        let _ = writeln!(
            w,
            "        nn.utils.clip_grad_norm_(rnn.parameters(), max_norm={})",
            py_float(c)
        );
    }
    let _ = writeln!(w, "        optimizer.step()");
    if s.lr_decay.is_some() {
        let _ = writeln!(w, "    scheduler.step()");
    }
    let _ = writeln!(w, "    if i % {} == 0:", s.eval_every.max(1));
    let _ = writeln!(w, "        print(total_loss.item())");
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# Test (tutorial 01): the start token in, then each raw output is the next input."
    );
    let _ = writeln!(w, "with torch.no_grad():");
    let _ = writeln!(w, "    hidden = rnn.init_hidden()");
    let _ = writeln!(
        w,
        "    input_ = nn.functional.one_hot(torch.tensor([start]), n_letters).float()"
    );
    let _ = writeln!(w, "    output_string = ''");
    let _ = writeln!(w, "    for i in range(len(string)):");
    let _ = writeln!(w, "        output, hidden = rnn.forward(input_, hidden)");
    let _ = writeln!(w, "        k = output.argmax().item()");
    let _ = writeln!(
        w,
        "        output_string += chars[k] if k < len(chars) else ''"
    );
    let _ = writeln!(w, "        input_ = output");
    let _ = writeln!(w, "print(output_string)");
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
    if m.cell.is_course() {
        return course_code(spec, &m);
    }
    let s = spec.settings;
    let es = s.early_stopping;
    let mut w = String::new();
    let _ = writeln!(
        w,
        "# RNN Playground, {}: the model and training loop of the current settings.",
        spec.options.lesson().info().title.en
    );
    let _ = writeln!(
        w,
        "# The parameter names are the app's: its exported state_dict loads with load_state_dict."
    );
    let data = data_code(spec.options, &m, es.is_some(), spec.corpus);
    let mut std_imports: Vec<&str> = Vec::new();
    if es.is_some() {
        std_imports.push("import copy");
    }
    if let Some(d) = &data {
        std_imports.extend(d.std_imports.iter().copied());
    }
    std_imports.sort_by_key(|i| (i.starts_with("from"), *i));
    for line in &std_imports {
        let _ = writeln!(w, "{line}");
    }
    if !std_imports.is_empty() {
        let _ = writeln!(w);
    }
    let _ = writeln!(w, "import torch");
    let _ = writeln!(w, "import torch.nn as nn");
    if let Some(d) = &data {
        for line in &d.torch_imports {
            let _ = writeln!(w, "{line}");
        }
    }
    let _ = writeln!(w);
    let _ = writeln!(w);
    if let Some(d) = &data {
        if !d.lists.is_empty() {
            w.push_str(&d.lists);
        }
        w.push_str(&d.tensors);
        let _ = writeln!(w);
        let _ = writeln!(w);
    }
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
    if data.is_none() {
        let _ = writeln!(
            w,
            "# train_dataset{}: the lesson's (x, y) pairs, x: {}, y: {}",
            if es.is_some() { ", val_dataset" } else { "" },
            input_shape(&m),
            target_shape(&m, spec.loss)
        );
    }
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
    if let Some(d) = data.as_ref().filter(|d| d.has_test) {
        let _ = writeln!(w);
        let _ = writeln!(
            w,
            "test_loader = torch.utils.data.DataLoader(test_dataset, batch_size={})",
            s.batch_size
        );
        let _ = writeln!(w, "model.eval()");
        if matches!(spec.loss, Loss::MseMean | Loss::MseSumT) {
            test_error(&mut w, d.example_noun);
        } else {
            test_accuracy(&mut w, spec.loss, d.example_noun);
        }
    }
    w
}

/// The printed test error of a regression (the app's test MSE, in scaled units).
fn test_error(w: &mut String, noun: &str) {
    let _ = writeln!(w, "squared, count = 0.0, 0");
    let _ = writeln!(w, "with torch.no_grad():");
    let _ = writeln!(w, "    for x, y in test_loader:");
    let _ = writeln!(w, "        squared += ((model(x) - y) ** 2).sum().item()");
    let _ = writeln!(w, "        count += y.numel()");
    let _ = writeln!(
        w,
        "print(f'test MSE (scaled): {{squared / count:.6f}} over {{count}} {noun}')"
    );
}

/// The printed test accuracy of a classifier.
fn test_accuracy(w: &mut String, loss: Loss, noun: &str) {
    let predicted = match loss {
        Loss::BceWithLogits => "(out > 0).float()  # a positive logit: positive",
        _ => "out.argmax(1)  # the class with the highest score",
    };
    let _ = writeln!(w, "correct, total = 0, 0");
    let _ = writeln!(w, "with torch.no_grad():");
    let _ = writeln!(w, "    for x, y in test_loader:");
    let _ = writeln!(w, "        out = model(x)");
    let _ = writeln!(w, "        predicted = {predicted}");
    let _ = writeln!(w, "        correct += (predicted == y).sum().item()");
    let _ = writeln!(w, "        total += len(y)");
    let _ = writeln!(
        w,
        "print(f'test accuracy: {{100 * correct / total:.1f}} % of {{total}} {noun}')"
    );
}
