//! The model as Keras's `model.summary()` prints it (course tutorial 04): one row per layer with
//! `Layer (type)`, `Output Shape` and `Param #`, and the total, computed from the model's config,
//! beside PyTorch's count of the same model.
//!
//! Keras's layers: `Embedding(V, E)` when the input is token ids, one `SimpleRNN` / `LSTM` /
//! `GRU` per layer (`Bidirectional(…)` around it for two directions; `return_sequences=True`
//! below another layer or a head that reads every step), `Flatten()` for the flatten head, and
//! `Dense(O)`. Keras keeps one bias vector per recurrent layer (GRU: two, `reset_after=True`),
//! PyTorch two (`bias_ih`, `bias_hh`): see [`crate::nn::layer_params`].

use serde::{Deserialize, Serialize};

use crate::nn::{layer_params, CellKind, Head, NetworkConfig};

/// One row of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KerasLayer {
    /// Keras's automatic name: `embedding`, `simple_rnn`, `lstm_1`, `dense`.
    pub name: String,
    /// The class: `Embedding`, `SimpleRNN`, `Bidirectional`, `Flatten`, `Dense`.
    pub kind: String,
    /// The output shape without the batch (`None` in Keras): `[100, 16]`, `[8]`.
    pub output: Vec<Option<usize>>,
    /// Trainable parameters.
    pub params: usize,
}

impl KerasLayer {
    /// `embedding (Embedding)`, as the summary's first column writes it.
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.kind)
    }

    /// `(None, 100, 16)`, as Keras writes it.
    pub fn output_text(&self) -> String {
        let dims: Vec<String> = std::iter::once("None".to_string())
            .chain(
                self.output
                    .iter()
                    .map(|d| d.map_or("None".to_string(), |d| d.to_string())),
            )
            .collect();
        format!("({})", dims.join(", "))
    }
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KerasSummary {
    /// The layers in order.
    pub layers: Vec<KerasLayer>,
    /// Keras's "Total params".
    pub total: usize,
    /// PyTorch's count of the same model (`sum(p.numel() for p in model.parameters())`).
    pub pytorch_total: usize,
}

/// Keras's class of a cell. Keras has no layer for the course's cell (its output reads
/// `h_{t-1}`); its `i2h` is a `SimpleRNN` step, the closest Keras names.
pub fn keras_class(cell: CellKind) -> &'static str {
    match cell {
        CellKind::Rnn | CellKind::Course => "SimpleRNN",
        CellKind::Lstm => "LSTM",
        CellKind::Gru => "GRU",
    }
}

/// Keras's automatic names: the class in snake_case, `_1`, `_2` … for the next ones.
fn name(seen: &mut Vec<&'static str>, base: &'static str) -> String {
    let n = seen.iter().filter(|b| **b == base).count();
    seen.push(base);
    if n == 0 {
        base.to_string()
    } else {
        format!("{base}_{n}")
    }
}

/// The summary of the model `m` as Keras would build it.
pub fn keras_summary(m: &NetworkConfig) -> KerasSummary {
    let mut seen = Vec::new();
    let mut layers = Vec::new();
    let t = m.seq_len;
    if let Some(v) = m.vocab_size {
        layers.push(KerasLayer {
            name: name(&mut seen, "embedding"),
            kind: "Embedding".into(),
            output: vec![t, Some(m.input_size)],
            params: v * m.input_size,
        });
    }
    let (d, h) = (m.directions(), m.hidden_size);
    let class = keras_class(m.cell);
    let snake = match m.cell {
        CellKind::Rnn | CellKind::Course => "simple_rnn",
        CellKind::Lstm => "lstm",
        CellKind::Gru => "gru",
    };
    for k in 0..m.num_layers {
        let input = if k == 0 { m.input_size } else { d * h };
        let (_, keras) = layer_params(m.cell, input, h, m.bias);
        let sequences = k + 1 < m.num_layers || m.head != Head::LastStep;
        let output = if sequences {
            vec![t, Some(d * h)]
        } else {
            vec![Some(d * h)]
        };
        let (name_, kind) = if m.bidirectional {
            (name(&mut seen, "bidirectional"), "Bidirectional")
        } else {
            (name(&mut seen, snake), class)
        };
        layers.push(KerasLayer {
            name: name_,
            kind: kind.into(),
            output,
            params: d * keras,
        });
    }
    if m.head == Head::Flatten {
        layers.push(KerasLayer {
            name: name(&mut seen, "flatten"),
            kind: "Flatten".into(),
            output: vec![t.map(|t| t * d * h)],
            params: 0,
        });
    }
    let o = m.output_size;
    layers.push(KerasLayer {
        name: name(&mut seen, "dense"),
        kind: "Dense".into(),
        output: if m.head == Head::PerStep {
            vec![t, Some(o)]
        } else {
            vec![Some(o)]
        },
        params: m.fc_in_features() * o + o,
    });
    KerasSummary {
        total: layers.iter().map(|l| l.params).sum(),
        layers,
        pytorch_total: m.num_params(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::Network;

    fn review(cell: CellKind, vocab: usize, layers: usize) -> NetworkConfig {
        NetworkConfig {
            cell,
            input_size: 16,
            vocab_size: Some(vocab),
            hidden_size: 8,
            num_layers: layers,
            output_size: 1,
            head: Head::LastStep,
            seq_len: Some(100),
            ..NetworkConfig::default()
        }
    }

    #[test]
    fn the_pytorch_total_is_the_built_networks() {
        for m in [
            review(CellKind::Lstm, 500, 2),
            NetworkConfig {
                bidirectional: true,
                head: Head::Flatten,
                ..review(CellKind::Gru, 300, 1)
            },
        ] {
            let net = Network::<f32>::new(&m, 0).unwrap();
            let built: usize = net.params().views().iter().map(|v| v.len()).sum();
            assert_eq!(keras_summary(&m).pytorch_total, built);
        }
    }

    #[test]
    fn names_shapes_and_counts_follow_keras() {
        let m = NetworkConfig {
            bidirectional: true,
            head: Head::Flatten,
            ..review(CellKind::Lstm, 50, 2)
        };
        let s = keras_summary(&m);
        let rows: Vec<(String, String, usize)> = s
            .layers
            .iter()
            .map(|l| (l.label(), l.output_text(), l.params))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "embedding (Embedding)".into(),
                    "(None, 100, 16)".into(),
                    800
                ),
                // 2 × LSTM(8) on 16: 2 × 4·8·(16 + 8 + 1).
                (
                    "bidirectional (Bidirectional)".into(),
                    "(None, 100, 16)".into(),
                    1_600
                ),
                (
                    "bidirectional_1 (Bidirectional)".into(),
                    "(None, 100, 16)".into(),
                    2 * 4 * 8 * (16 + 8 + 1)
                ),
                ("flatten (Flatten)".into(), "(None, 1600)".into(), 0),
                ("dense (Dense)".into(), "(None, 1)".into(), 1_601),
            ]
        );
        // A per-step head reads every step; an unknown length is None.
        let per_step = keras_summary(&NetworkConfig {
            head: Head::PerStep,
            seq_len: None,
            vocab_size: None,
            ..review(CellKind::Rnn, 1, 1)
        });
        assert_eq!(per_step.layers[0].label(), "simple_rnn (SimpleRNN)");
        assert_eq!(per_step.layers[0].output_text(), "(None, None, 8)");
        assert_eq!(per_step.layers[1].output_text(), "(None, None, 1)");
    }
}
