//! The model as a loop over its cell (tutorial 03's "layer vs cell"): `nn.LSTM` runs every
//! timestep inside one call; `nn.LSTMCell` is one timestep, and a Python loop over the steps,
//! one cell per layer and direction sharing the layer's weight tensors, computes the same
//! outputs. The code ends by comparing the two on a random batch.

use std::fmt::Write as _;

use super::{class_name, effective_model, pytorch_class, CodeSpec};
use crate::nn::{CellKind, Head, Nonlinearity};

/// The runnable code: the class, the loop over cells, and the check that both agree.
/// The course's cell is already a loop over its cell: its code is the PyTorch tab's.
pub fn cell_loop_code(spec: &CodeSpec<'_>) -> String {
    let m = effective_model(spec.model, spec.settings);
    if m.cell.is_course() {
        return super::pytorch_code(spec);
    }
    let cell = m.cell.torch_name();
    let h = m.hidden_size;
    let steps = m.seq_len.unwrap_or(7);
    let mut w = String::new();
    let _ = writeln!(
        w,
        "# RNN Playground, {}: the model as a layer, and as a loop over its cell.",
        spec.options.lesson().info().title.en
    );
    let _ = writeln!(w, "import torch");
    let _ = writeln!(w, "import torch.nn as nn");
    let _ = writeln!(w);
    let _ = writeln!(w);
    w.push_str(&pytorch_class(&m, None));
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(w, "def cell_loop(model, x):");
    let _ = writeln!(
        w,
        "    \"\"\"model(x) again, one timestep at a time with nn.{cell}Cell (in eval mode).\"\"\""
    );
    if m.vocab_size.is_some() {
        let _ = writeln!(w, "    x = model.embedding(x)");
    }
    let _ = writeln!(w, "    batch, steps = x.size(0), x.size(1)");
    let _ = writeln!(w, "    layer_input = x");
    let _ = writeln!(w, "    for layer in range({}):", m.num_layers);
    let _ = writeln!(w, "        outputs = []");
    let directions = if m.bidirectional {
        "[('', range(steps)), ('_reverse', reversed(range(steps)))]"
    } else {
        "[('', range(steps))]"
    };
    let _ = writeln!(w, "        for suffix, order in {directions}:");
    let args = match (m.cell, m.nonlinearity) {
        (CellKind::Rnn, Nonlinearity::Relu) => ", nonlinearity='relu'",
        _ => "",
    };
    let bias = if m.bias { "" } else { ", bias=False" };
    let _ = writeln!(
        w,
        "            cell = nn.{cell}Cell(layer_input.size(2), {h}{bias}{args})"
    );
    let _ = writeln!(
        w,
        "            # the layer's own tensors: the cell holds what the layer holds for one step"
    );
    let names: &[&str] = if m.bias {
        &["weight_ih", "weight_hh", "bias_ih", "bias_hh"]
    } else {
        &["weight_ih", "weight_hh"]
    };
    for name in names {
        let _ = writeln!(
            w,
            "            cell.{name} = getattr(model.rnn, f'{name}_l{{layer}}{{suffix}}')"
        );
    }
    let _ = writeln!(w, "            h = torch.zeros(batch, {h})");
    if m.cell == CellKind::Lstm {
        let _ = writeln!(w, "            c = torch.zeros(batch, {h})");
    }
    let _ = writeln!(w, "            hs = [None] * steps");
    let _ = writeln!(w, "            for t in order:");
    if m.cell == CellKind::Lstm {
        let _ = writeln!(
            w,
            "                h, c = cell(layer_input[:, t], (h, c))  # c_t = f_t * c_(t-1) + i_t * g_t; h_t = o_t * tanh(c_t)"
        );
    } else {
        let _ = writeln!(w, "                h = cell(layer_input[:, t], h)");
    }
    let _ = writeln!(w, "                hs[t] = h");
    let _ = writeln!(w, "            outputs.append(torch.stack(hs, dim=1))");
    let _ = writeln!(
        w,
        "        layer_input = torch.cat(outputs, dim=2)  # the next layer reads both directions"
    );
    let _ = writeln!(
        w,
        "    out = layer_input  # [batch, steps, {}]",
        m.directions() * h
    );
    let head = match m.head {
        Head::PerStep => "model.fc(out)",
        Head::LastStep => "model.fc(out[:, -1, :])",
        Head::Flatten => "model.fc(out.reshape(batch, -1))",
    };
    if m.sigmoid_output {
        let _ = writeln!(w, "    return torch.sigmoid({head})");
    } else {
        let _ = writeln!(w, "    return {head}");
    }
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(w, "torch.manual_seed(0)");
    let _ = writeln!(w, "model = {}()", class_name(&m));
    let _ = writeln!(
        w,
        "model.eval()  # no dropout: both forms then compute the same function"
    );
    match m.vocab_size {
        Some(v) => {
            let _ = writeln!(
                w,
                "x = torch.randint(0, {v}, (3, {steps}))  # 3 examples of {steps} token ids"
            );
        }
        None => {
            let _ = writeln!(
                w,
                "x = torch.randn(3, {steps}, {})  # 3 examples of {steps} steps",
                m.input_size
            );
        }
    }
    let _ = writeln!(w, "with torch.no_grad():");
    let _ = writeln!(w, "    layer, loop = model(x), cell_loop(model, x)");
    let _ = writeln!(
        w,
        "print('largest difference, layer vs cell loop:', (layer - loop).abs().max().item())"
    );
    let _ = writeln!(
        w,
        "assert torch.allclose(layer, loop, rtol=1e-5, atol=1e-6)"
    );
    w
}
