//! The model as the course draws it: which RNN type the head makes, the live tensors with their
//! shapes (`input [B, T, I]`, `h_0 [L·D, B, H]`, `output [B, T, D·H]`…), the arguments
//! `nn.LSTM` takes, and the weights under the course's names beside PyTorch's.

use super::i18n::Tr;
use crate::nn::{CellKind, Head, NetworkConfig};

/// The RNN type a head makes (the course's tutorial 03).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RnnType {
    /// An output at every step (the character model).
    ManyToMany,
    /// One output after the last step, or from all steps flattened (MNIST rows, reviews, series).
    ManyToOne,
}

impl RnnType {
    /// The type of a head.
    pub fn of(head: Head) -> RnnType {
        match head {
            Head::PerStep => RnnType::ManyToMany,
            Head::LastStep | Head::Flatten => RnnType::ManyToOne,
        }
    }

    /// Its name in the course's words.
    pub fn name(self) -> Tr {
        match self {
            RnnType::ManyToMany => Tr::new("many-to-many", "다대다"),
            RnnType::ManyToOne => Tr::new("many-to-one", "다대일"),
        }
    }
}

/// What the head does, in one sentence.
pub fn head_sentence(head: Head) -> Tr {
    match head {
        Head::PerStep => Tr::new(
            "y[:, t] = fc(out[:, t]) at every timestep: an output per input (many-to-many). Generating text feeds each output back as the next input: one-to-many.",
            "모든 타임스텝에서 y[:, t] = fc(out[:, t]): 입력마다 출력이 하나씩 나옵니다 (다대다). 텍스트를 생성할 때는 출력을 다음 입력으로 되먹입니다: 일대다.",
        ),
        Head::LastStep => Tr::new(
            "y = fc(out[:, -1, :]): one output after reading the whole sequence (many-to-one).",
            "y = fc(out[:, -1, :]): 시퀀스 전체를 읽은 뒤 출력 하나 (다대일).",
        ),
        Head::Flatten => Tr::new(
            "y = fc(out.reshape(B, T·D·H)): one output from every timestep's hidden state (many-to-one).",
            "y = fc(out.reshape(B, T·D·H)): 모든 타임스텝의 은닉 상태로 출력 하나 (다대일).",
        ),
    }
}

/// One tensor of a forward pass.
#[derive(Debug, Clone, PartialEq)]
pub struct TensorRow {
    /// Its name in PyTorch code (`input`, `h_0`, `output`…).
    pub name: &'static str,
    /// The shape in letters (`[B, T, I]`).
    pub letters: &'static str,
    /// The shape in numbers.
    pub shape: Vec<usize>,
    /// What it is.
    pub what: Tr,
}

/// The tensors of `model` for a batch of `batch` sequences of `steps` timesteps.
pub fn tensors(model: &NetworkConfig, batch: usize, steps: usize) -> Vec<TensorRow> {
    let (b, t, h) = (batch, steps, model.hidden_size);
    let (l, d) = (model.num_layers, model.directions());
    let mut rows = Vec::new();
    match model.vocab_size {
        Some(_) => {
            rows.push(TensorRow {
                name: "tokens",
                letters: "[B, T]",
                shape: vec![b, t],
                what: Tr::new(
                    "token ids (each below the vocabulary size)",
                    "토큰 id (어휘 크기보다 작은 정수)",
                ),
            });
            rows.push(TensorRow {
                name: "input",
                letters: "[B, T, I]",
                shape: vec![b, t, model.input_size],
                what: Tr::new(
                    "after nn.Embedding: I = the embedding's size",
                    "nn.Embedding을 지난 입력: I = 임베딩 크기",
                ),
            });
        }
        None => rows.push(TensorRow {
            name: "input",
            letters: "[B, T, I]",
            shape: vec![b, t, model.input_size],
            what: Tr::new(
                "batch, sequence length (timesteps), input size",
                "배치, 시퀀스 길이 (타임스텝), 입력 크기",
            ),
        }),
    }
    rows.push(TensorRow {
        name: "h_0",
        letters: "[L·D, B, H]",
        shape: vec![l * d, b, h],
        what: Tr::new(
            "initial hidden state of every layer and direction (zeros)",
            "층과 방향마다의 초기 은닉 상태 (0)",
        ),
    });
    if model.cell == CellKind::Lstm {
        rows.push(TensorRow {
            name: "c_0",
            letters: "[L·D, B, H]",
            shape: vec![l * d, b, h],
            what: Tr::new("initial cell state (zeros)", "초기 셀 상태 (0)"),
        });
    }
    rows.push(TensorRow {
        name: "output",
        letters: "[B, T, D·H]",
        shape: vec![b, t, d * h],
        what: Tr::new(
            "the last layer's hidden state at every timestep",
            "마지막 층의 모든 타임스텝 은닉 상태",
        ),
    });
    rows.push(TensorRow {
        name: "h_n",
        letters: "[L·D, B, H]",
        shape: vec![l * d, b, h],
        what: Tr::new(
            "every layer's hidden state after the last timestep",
            "마지막 타임스텝 뒤 각 층의 은닉 상태",
        ),
    });
    if model.cell == CellKind::Lstm {
        rows.push(TensorRow {
            name: "c_n",
            letters: "[L·D, B, H]",
            shape: vec![l * d, b, h],
            what: Tr::new(
                "every layer's cell state after the last timestep",
                "마지막 타임스텝 뒤 각 층의 셀 상태",
            ),
        });
    }
    let o = model.output_size;
    rows.push(match model.head {
        Head::PerStep => TensorRow {
            name: "y",
            letters: "[B, T, O]",
            shape: vec![b, t, o],
            what: Tr::new("fc at every timestep", "모든 타임스텝의 fc 출력"),
        },
        _ => TensorRow {
            name: "y",
            letters: "[B, O]",
            shape: vec![b, o],
            what: Tr::new("fc once per sequence", "시퀀스마다 fc 출력 하나"),
        },
    });
    rows
}

/// The arguments `nn.RNN/LSTM/GRU(...)` is built with, as `(name, value)`.
pub fn module_args(model: &NetworkConfig) -> Vec<(&'static str, String)> {
    let py_bool = |b: bool| if b { "True" } else { "False" }.to_string();
    vec![
        ("input_size", model.input_size.to_string()),
        ("hidden_size", model.hidden_size.to_string()),
        ("num_layers", model.num_layers.to_string()),
        ("bias", py_bool(model.bias)),
        ("batch_first", py_bool(true)),
        ("dropout", model.dropout.to_string()),
        ("bidirectional", py_bool(model.bidirectional)),
    ]
}

/// The module's class name in PyTorch.
pub fn module_name(cell: CellKind) -> &'static str {
    match cell {
        CellKind::Rnn => "nn.RNN",
        CellKind::Lstm => "nn.LSTM",
        CellKind::Gru => "nn.GRU",
    }
}

/// The weights under the course's names: `(course name, PyTorch name, shape)` for the first
/// layer and the head (`W_xh`, `W_hh`, `W_hy`).
pub fn course_weights(model: &NetworkConfig) -> Vec<(&'static str, &'static str, Vec<usize>)> {
    let gh = model.cell.gate_count() * model.hidden_size;
    vec![
        ("W_xh", "rnn.weight_ih_l0", vec![gh, model.input_size]),
        ("W_hh", "rnn.weight_hh_l0", vec![gh, model.hidden_size]),
        (
            "W_hy",
            "fc.weight",
            vec![model.output_size, model.fc_in_features()],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bidirectional_two_layer_lstm_has_the_shapes_pytorch_gives() {
        let m = NetworkConfig {
            cell: CellKind::Lstm,
            input_size: 28,
            hidden_size: 12,
            num_layers: 2,
            bidirectional: true,
            output_size: 10,
            head: Head::Flatten,
            seq_len: Some(28),
            ..NetworkConfig::default()
        };
        let t = tensors(&m, 128, 28);
        let shape = |n: &str| t.iter().find(|r| r.name == n).unwrap().shape.clone();
        assert_eq!(shape("input"), [128, 28, 28]);
        assert_eq!(shape("h_0"), [4, 128, 12]);
        assert_eq!(shape("c_n"), [4, 128, 12]);
        assert_eq!(shape("output"), [128, 28, 24]);
        assert_eq!(shape("y"), [128, 10]);
        assert_eq!(course_weights(&m)[2].2, [10, 28 * 24]);
        assert_eq!(RnnType::of(m.head), RnnType::ManyToOne);
        assert!(module_args(&m).contains(&("bidirectional", "True".into())));
    }

    #[test]
    fn a_gru_has_no_cell_state_and_a_per_step_head_is_many_to_many() {
        let m = NetworkConfig {
            cell: CellKind::Gru,
            ..NetworkConfig::default()
        };
        let t = tensors(&m, 1, 69);
        assert!(t.iter().all(|r| r.name != "c_0" && r.name != "c_n"));
        assert_eq!(RnnType::of(m.head).name().ko, "다대다");
    }
}
