//! The network configuration: what to build, validated before anything is built.

use super::{Gate, UnknownName};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Which recurrent cell. Its serde name is [`CellKind::key`] (a test holds them equal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CellKind {
    /// Elman RNN: `h_t = act(W_ih x + b_ih + W_hh h + b_hh)` (G = 1).
    Rnn,
    /// LSTM, gates i, f, g, o (G = 4).
    #[default]
    Lstm,
    /// GRU, gates r, z, n (G = 3).
    Gru,
    /// The course's hand-written cell (tutorial 01): `i2h`, `i2o` = `nn.Linear(in + H, ·)` on
    /// `c_t = cat(x_t, h_{t-1})`; `h_t = tanh(i2h(c_t))` with one bias, `y_t = i2o(c_t)` (the
    /// output reads `h_{t-1}`, not `h_t`). One layer, one direction, its own per-step head.
    Course,
}

impl CellKind {
    /// The three PyTorch cells, in the order the controls list them: what every lesson offers,
    /// the comparison and the memory experiment train. [`CellKind::Course`] is not among them
    /// (only the character lesson offers it: [`CellKind::EVERY`]).
    pub const ALL: [CellKind; 3] = [CellKind::Rnn, CellKind::Lstm, CellKind::Gru];

    /// Every cell, the course's last: what names parse from.
    pub const EVERY: [CellKind; 4] = [
        CellKind::Rnn,
        CellKind::Lstm,
        CellKind::Gru,
        CellKind::Course,
    ];

    /// The cell's gates in PyTorch row-block order: LSTM i, f, g, o; GRU r, z, n; the RNN's
    /// one block. `gates()[j]` owns rows `j*H..(j+1)*H` of `weight_ih [G*H, in]`.
    pub fn gates(self) -> &'static [Gate] {
        match self {
            CellKind::Rnn | CellKind::Course => &[Gate::Hidden],
            CellKind::Lstm => &[Gate::Input, Gate::Forget, Gate::CellCandidate, Gate::Output],
            CellKind::Gru => &[Gate::Reset, Gate::Update, Gate::New],
        }
    }

    /// Number of gate blocks G in `weight_ih [G*H, in]`.
    pub fn gate_count(self) -> usize {
        self.gates().len()
    }

    /// The cell's one name, as serde writes it (model files, settings), in links (`cell=lstm`),
    /// the controls and preset ids: `rnn`, `lstm`, `gru`, `course`.
    pub fn key(self) -> &'static str {
        match self {
            CellKind::Rnn => "rnn",
            CellKind::Lstm => "lstm",
            CellKind::Gru => "gru",
            CellKind::Course => "course",
        }
    }

    /// PyTorch's class name: `RNN`, `LSTM`, `GRU`; the course's cell is its own class, which
    /// tutorial 01 also calls `RNN` (never `nn.RNN`: see [`CellKind::is_course`]).
    pub fn torch_name(self) -> &'static str {
        match self {
            CellKind::Rnn | CellKind::Course => "RNN",
            CellKind::Lstm => "LSTM",
            CellKind::Gru => "GRU",
        }
    }

    /// The course's hand-written cell, not a PyTorch layer.
    pub fn is_course(self) -> bool {
        self == CellKind::Course
    }

    /// A single tanh (or relu) state update without gates: the RNN and the course's cell.
    pub fn is_elman(self) -> bool {
        matches!(self, CellKind::Rnn | CellKind::Course)
    }
}

impl FromStr for CellKind {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        super::by_key("cell", &CellKind::EVERY, CellKind::key, s)
    }
}

/// The RNN cell's nonlinearity (PyTorch `nonlinearity=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Nonlinearity {
    /// `tanh` (default).
    #[default]
    Tanh,
    /// `relu`.
    Relu,
}

/// The `fc` head on top of the recurrent stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Head {
    /// Many-to-many: `y[:, t] = fc(out[:, t])`, output `[B, T, O]`.
    #[default]
    PerStep,
    /// Many-to-one: `y = fc(out[:, T-1])`, output `[B, O]`.
    LastStep,
    /// `y = fc(out.reshape(B, T*D*H))`, output `[B, O]`; needs `seq_len`.
    Flatten,
}

/// Parameters of one recurrent layer of `cell` with `input` features and `hidden` units, as
/// `(PyTorch, Keras)`. PyTorch keeps two bias vectors (`bias_ih`, `bias_hh`); Keras keeps one
/// for SimpleRNN and LSTM, and two for GRU (`reset_after=True`, its default since TF 2).
/// The course's cell counts its `i2h` (`[H, in + H]` and one bias `[H]`) for both.
pub fn layer_params(cell: CellKind, input: usize, hidden: usize, bias: bool) -> (usize, usize) {
    let gh = cell.gate_count() * hidden;
    if cell.is_course() {
        let n = gh * (input + hidden) + if bias { gh } else { 0 };
        return (n, n);
    }
    let weights = gh * (input + hidden);
    let keras_biases = match cell {
        CellKind::Gru => 2 * gh,
        CellKind::Rnn | CellKind::Lstm | CellKind::Course => gh,
    };
    if bias {
        (weights + 2 * gh, weights + keras_biases)
    } else {
        (weights, weights)
    }
}

/// Everything needed to build a [`crate::nn::Network`] (with a seed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NetworkConfig {
    /// Cell type.
    pub cell: CellKind,
    /// RNN nonlinearity (ignored by LSTM/GRU).
    pub nonlinearity: Nonlinearity,
    /// Features per timestep (the embedding dimension when `vocab_size` is set).
    pub input_size: usize,
    /// `Some(V)`: the input is token ids through `nn.Embedding(V, input_size)`.
    pub vocab_size: Option<usize>,
    /// Hidden units H (1..=4096).
    pub hidden_size: usize,
    /// Stacked layers (1..=4).
    pub num_layers: usize,
    /// Two directions (D = 2).
    pub bidirectional: bool,
    /// Dropout between layers in training, `0 <= p < 1` (`nn.LSTM(dropout=p)`).
    pub dropout: f64,
    /// Dropout on the first layer's input in training, `0 <= p < 1`: `nn.Dropout(p)` before the
    /// recurrent layers (Keras's `LSTM(dropout=p)` draws one mask per sequence instead of one
    /// per timestep).
    pub input_dropout: f64,
    /// `bias=False` removes `bias_ih`/`bias_hh`.
    pub bias: bool,
    /// Output features O of the `fc` head.
    pub output_size: usize,
    /// `torch.sigmoid` on the head's output (a regression target scaled to [0, 1], as in the
    /// course's stock-price model; never with a `…WithLogits` or cross-entropy loss).
    pub sigmoid_output: bool,
    /// Head kind.
    pub head: Head,
    /// Sequence length; required by the flatten head, otherwise informative.
    pub seq_len: Option<usize>,
}

impl Default for NetworkConfig {
    fn default() -> Self {
        NetworkConfig {
            cell: CellKind::Lstm,
            nonlinearity: Nonlinearity::Tanh,
            input_size: 1,
            vocab_size: None,
            hidden_size: 16,
            num_layers: 1,
            bidirectional: false,
            dropout: 0.0,
            input_dropout: 0.0,
            bias: true,
            output_size: 1,
            sigmoid_output: false,
            head: Head::PerStep,
            seq_len: None,
        }
    }
}

/// A configuration value out of range.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("invalid config: {field} = {value}: {reason}")]
pub struct ConfigError {
    /// The field name.
    pub field: &'static str,
    /// The value given.
    pub value: String,
    /// What is allowed.
    pub reason: String,
}

fn check_range(field: &'static str, v: usize, lo: usize, hi: usize) -> Result<(), ConfigError> {
    if v < lo || v > hi {
        return Err(ConfigError {
            field,
            value: v.to_string(),
            reason: format!("must be between {lo} and {hi}"),
        });
    }
    Ok(())
}

impl NetworkConfig {
    /// Number of directions D (1 or 2).
    pub fn directions(&self) -> usize {
        if self.bidirectional {
            2
        } else {
            1
        }
    }

    /// Input features of `fc`: `D*H`, or `T*D*H` for the flatten head; the course's `i2o`
    /// reads `cat(x_t, h_{t-1})`, `in + H`.
    pub fn fc_in_features(&self) -> usize {
        let dh = self.directions() * self.hidden_size;
        if self.cell.is_course() {
            return self.input_size + self.hidden_size;
        }
        match self.head {
            Head::Flatten => self.seq_len.unwrap_or(0) * dh,
            _ => dh,
        }
    }

    /// Trainable scalars of a network built from this config.
    pub fn num_params(&self) -> usize {
        let (d, h, g) = (self.directions(), self.hidden_size, self.cell.gate_count());
        // The course's i2h has one bias; PyTorch's layers two (b_ih, b_hh).
        let per_bias = if self.cell.is_course() { 1 } else { 2 };
        let biases = if self.bias { per_bias * g * h } else { 0 };
        let layers: usize = (0..self.num_layers)
            .map(|k| {
                let input = if k == 0 { self.input_size } else { d * h };
                d * (g * h * (input + h) + biases)
            })
            .sum();
        let embedding = self.vocab_size.map_or(0, |v| v * self.input_size);
        embedding + layers + self.output_size * self.fc_in_features() + self.output_size
    }

    /// Bytes a training session of this model needs, roughly, for mini-batches of `batch`
    /// sequences of `seq_len` steps in `f32`: the weights six times over (weights, gradients,
    /// two optimizer moments, the divergence guard's copy of weights and moments) and the
    /// forward cache of every layer and direction (gates, states, inputs) kept for backward.
    pub fn memory_estimate(&self, batch: usize, seq_len: usize) -> u64 {
        let params = self.num_params() as u64;
        let (d, h, g) = (
            self.directions() as u64,
            self.hidden_size as u64,
            self.cell.gate_count() as u64,
        );
        let steps = (batch as u64).saturating_mul(seq_len.max(1) as u64);
        let per_layer = steps.saturating_mul(d * h * (2 * g + 4));
        let inputs = steps.saturating_mul(
            self.input_size as u64 + (self.num_layers as u64).saturating_mul(d * h),
        );
        let activations = per_layer
            .saturating_mul(self.num_layers as u64)
            .saturating_add(inputs)
            .saturating_add(steps.saturating_mul(self.output_size as u64) * 2);
        params
            .saturating_mul(6)
            .saturating_add(activations)
            .saturating_mul(4)
    }

    /// Checks every field; the first problem found is returned.
    pub fn validate(&self) -> Result<(), ConfigError> {
        check_range("input_size", self.input_size, 1, 1 << 16)?;
        check_range("hidden_size", self.hidden_size, 1, 4096)?;
        check_range("num_layers", self.num_layers, 1, 4)?;
        check_range("output_size", self.output_size, 1, 1 << 16)?;
        if let Some(v) = self.vocab_size {
            check_range("vocab_size", v, 1, 1 << 20)?;
        }
        for (field, p) in [
            ("dropout", self.dropout),
            ("input_dropout", self.input_dropout),
        ] {
            if !(p.is_finite() && (0.0..1.0).contains(&p)) {
                return Err(ConfigError {
                    field,
                    value: p.to_string(),
                    reason: "must be in [0, 1)".into(),
                });
            }
        }
        match (self.head, self.seq_len) {
            (Head::Flatten, None) => {
                return Err(ConfigError {
                    field: "seq_len",
                    value: "none".into(),
                    reason: "the flatten head needs a sequence length".into(),
                })
            }
            (_, Some(t)) => check_range("seq_len", t, 1, 1 << 16)?,
            _ => {}
        }
        if self.cell.is_course() {
            self.validate_course()?;
        }
        Ok(())
    }

    /// The course's cell is tutorial 01's module: one layer, one direction, tanh, dense input,
    /// its `i2o` on every step, no input dropout, no sigmoid.
    fn validate_course(&self) -> Result<(), ConfigError> {
        let refuse = |field: &'static str, value: String| {
            ConfigError {
            field,
            value,
            reason: "the course's cell is one layer, one direction, tanh, dense (one-hot) input, an output at every step, without input dropout or sigmoid".into(),
        }
        };
        if self.num_layers != 1 {
            return Err(refuse("num_layers", self.num_layers.to_string()));
        }
        if self.bidirectional {
            return Err(refuse("bidirectional", "true".into()));
        }
        if self.nonlinearity != Nonlinearity::Tanh {
            return Err(refuse("nonlinearity", "relu".into()));
        }
        if let Some(v) = self.vocab_size {
            return Err(refuse("vocab_size", v.to_string()));
        }
        if self.head != Head::PerStep {
            return Err(refuse("head", format!("{:?}", self.head)));
        }
        // (dropout between layers has no second layer to act on)
        if self.input_dropout != 0.0 {
            return Err(refuse("input_dropout", self.input_dropout.to_string()));
        }
        if self.sigmoid_output {
            return Err(refuse("sigmoid_output", "true".into()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_has_one_name_in_serde_links_and_controls() {
        for cell in CellKind::EVERY {
            let json = serde_json::to_string(&cell).unwrap();
            assert_eq!(json, format!("\"{}\"", cell.key()));
            assert_eq!(serde_json::from_str::<CellKind>(&json).unwrap(), cell);
            assert_eq!(cell.key().parse::<CellKind>(), Ok(cell));
        }
        assert_eq!(
            "LSTM".parse::<CellKind>().unwrap_err().to_string(),
            "unknown cell `LSTM` (one of rnn, lstm, gru, course)"
        );
    }
}
