//! The gates of the three cells, as one type: what the traces record, the views draw and the
//! tours ask about.
//!
//! Shapes: every gate of a cell is a block of `H` rows in `weight_ih [G*H, in]`,
//! `weight_hh [G*H, H]`, `bias_ih [G*H]` and `bias_hh [G*H]`, in [`CellKind::gates`] order (the
//! PyTorch layout); its trace holds `[batch, H]` pre-activations and activations.
//!
//! The name ([`Gate::name`]) is the trace's and the page's: it is the gate's serde form (the
//! model files, the worker's messages) and the `data-map` of the heatmaps, and it never changes.

use super::{CellKind, UnknownName};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// One gate of a cell (`σ` = sigmoid; `W_i·`, `b_i·` the gate's rows of `weight_ih`,
/// `bias_ih`; `W_h·`, `b_h·` those of `weight_hh`, `bias_hh`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gate {
    /// LSTM `i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)`, rows `0..H`.
    Input,
    /// LSTM `f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)`, rows `H..2H`.
    Forget,
    /// LSTM `g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)`, rows `2H..3H`; then
    /// `c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t`.
    CellCandidate,
    /// LSTM `o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)`, rows `3H..4H`; then
    /// `h_t = o_t ⊙ tanh(c_t)`.
    Output,
    /// GRU `r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)`, rows `0..H`.
    Reset,
    /// GRU `z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)`, rows `H..2H`.
    Update,
    /// GRU `n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))`, rows `2H..3H`; then
    /// `h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}`.
    New,
    /// The Elman RNN's only block, `h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)` with
    /// `act` tanh or ReLU, rows `0..H`.
    Hidden,
}

impl Gate {
    /// Every gate, LSTM's then GRU's then the RNN's.
    pub const ALL: [Gate; 8] = [
        Gate::Input,
        Gate::Forget,
        Gate::CellCandidate,
        Gate::Output,
        Gate::Reset,
        Gate::Update,
        Gate::New,
        Gate::Hidden,
    ];

    /// The trace and serde name (`forget_gate`, …), stable across versions.
    pub fn name(self) -> &'static str {
        match self {
            Gate::Input => "input_gate",
            Gate::Forget => "forget_gate",
            Gate::CellCandidate => "cell_candidate",
            Gate::Output => "output_gate",
            Gate::Reset => "reset_gate",
            Gate::Update => "update_gate",
            Gate::New => "new_gate",
            Gate::Hidden => "hidden",
        }
    }

    /// The letter in the formulas: i, f, g, o, r, z, n, and h for the RNN.
    pub fn symbol(self) -> &'static str {
        match self {
            Gate::Input => "i",
            Gate::Forget => "f",
            Gate::CellCandidate => "g",
            Gate::Output => "o",
            Gate::Reset => "r",
            Gate::Update => "z",
            Gate::New => "n",
            Gate::Hidden => "h",
        }
    }

    /// Whether the activation is a sigmoid (values 0…1); otherwise tanh (or the RNN's ReLU).
    pub fn is_sigmoid(self) -> bool {
        matches!(
            self,
            Gate::Input | Gate::Forget | Gate::Output | Gate::Reset | Gate::Update
        )
    }

    /// The cell this gate belongs to.
    pub fn cell(self) -> CellKind {
        match self {
            Gate::Input | Gate::Forget | Gate::CellCandidate | Gate::Output => CellKind::Lstm,
            Gate::Reset | Gate::Update | Gate::New => CellKind::Gru,
            Gate::Hidden => CellKind::Rnn,
        }
    }
}

impl fmt::Display for Gate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Gate {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        super::by_key("gate", &Gate::ALL, Gate::name, s)
    }
}

/// Written as its name, a plain string, exactly as the traces' `String` names were.
impl Serialize for Gate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Gate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the traces, model files and the e2e tests have always used.
    const OLD_NAMES: [(Gate, &str); 8] = [
        (Gate::Input, "input_gate"),
        (Gate::Forget, "forget_gate"),
        (Gate::CellCandidate, "cell_candidate"),
        (Gate::Output, "output_gate"),
        (Gate::Reset, "reset_gate"),
        (Gate::Update, "update_gate"),
        (Gate::New, "new_gate"),
        (Gate::Hidden, "hidden"),
    ];

    #[test]
    fn gates_round_trip_through_serde_as_their_old_strings() {
        for (gate, name) in OLD_NAMES {
            let json = serde_json::to_string(&gate).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<Gate>(&json).unwrap(), gate);
            let packed = crate::wire::to_bytes(&gate).unwrap();
            assert_eq!(crate::wire::from_bytes::<Gate>(&packed), Ok(gate));
            assert_eq!(name.parse::<Gate>(), Ok(gate));
            assert_eq!(gate.to_string(), name);
        }
        assert!(serde_json::from_str::<Gate>("\"candidate\"").is_err());
        let e = "forget".parse::<Gate>().unwrap_err();
        assert_eq!((e.what, e.name.as_str()), ("gate", "forget"));
    }

    #[test]
    fn cells_list_their_gates_in_pytorch_weight_order() {
        use Gate::*;
        // torch.nn.LSTM: weight_ih_l0 = (W_ii|W_if|W_ig|W_io); torch.nn.GRU: (W_ir|W_iz|W_in).
        assert_eq!(
            CellKind::Lstm.gates(),
            [Input, Forget, CellCandidate, Output]
        );
        assert_eq!(CellKind::Gru.gates(), [Reset, Update, New]);
        assert_eq!(CellKind::Rnn.gates(), [Hidden]);
        let symbols = |c: CellKind| c.gates().iter().map(|g| g.symbol()).collect::<String>();
        assert_eq!(symbols(CellKind::Lstm), "ifgo");
        assert_eq!(symbols(CellKind::Gru), "rzn");
        for cell in CellKind::ALL {
            assert_eq!(cell.gate_count(), cell.gates().len());
            assert!(cell.gates().iter().all(|g| g.cell() == cell));
        }
        // Every gate belongs to exactly one cell.
        let listed: usize = CellKind::ALL.iter().map(|c| c.gate_count()).sum();
        assert_eq!(listed, Gate::ALL.len());
        let sigmoid: String = Gate::ALL
            .iter()
            .filter(|g| g.is_sigmoid())
            .map(|g| g.symbol())
            .collect();
        assert_eq!(sigmoid, "iforz");
    }
}
