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

/// Keras's `return_sequences` for the recurrent layer of a model: whether the head reads the
/// layer's output at every step (`True`: PyTorch's `out`, `[B, T, D·H]`) or only at the last
/// (`False`: `out[:, -1, :]`, `[B, D·H]`).
pub fn returns_sequences(head: Head) -> bool {
    !matches!(head, Head::LastStep)
}

/// The recurrent layer's output as the head receives it, with `return_sequences` on or off:
/// the PyTorch expression and its shape for a batch of `batch` sequences of `steps` steps.
pub fn layer_output(
    model: &NetworkConfig,
    all_steps: bool,
    batch: usize,
    steps: usize,
) -> (&'static str, Vec<usize>) {
    let dh = model.directions() * model.hidden_size;
    if all_steps {
        ("out", vec![batch, steps, dh])
    } else {
        ("out[:, -1, :]", vec![batch, dh])
    }
}

/// Which outputs the loss reads, drawn over `steps` timesteps: for each output `y` the
/// timesteps whose hidden state it is computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LossReads {
    /// One entry per output `y` the loss compares with a target: the steps it reads.
    pub outputs: Vec<Vec<usize>>,
    /// What the loss reads, in one sentence.
    pub sentence: Tr,
}

/// What the loss of a model with `head` reads, with `return_sequences` as `all_steps` (the
/// model's own choice when `all_steps == returns_sequences(head)`; else what the other choice
/// would give this lesson), over `steps` drawn timesteps.
pub fn loss_reads(head: Head, all_steps: bool, steps: usize) -> LossReads {
    let last = steps.saturating_sub(1);
    let every: Vec<usize> = (0..steps).collect();
    match (head, all_steps) {
        (Head::PerStep, true) => LossReads {
            outputs: every.iter().map(|&t| vec![t]).collect(),
            sentence: Tr::new(
                "The loss reads every step's output: y[:, t] = fc(out[:, t]) is compared with the target of step t, T targets per sequence, so each timestep sends a gradient of its own.",
                "손실은 모든 스텝의 출력을 읽습니다. y[:, t] = fc(out[:, t])를 스텝 t의 정답과 비교하므로 시퀀스마다 정답이 T개이고, 타임스텝마다 자기 기울기를 보냅니다.",
            ),
        },
        (Head::PerStep, false) => LossReads {
            outputs: vec![vec![last]],
            sentence: Tr::new(
                "Not this model: with return_sequences=False only the last step's output would remain, one prediction per sequence, but this lesson predicts the next symbol at every step.",
                "이 모델이 아닙니다. return_sequences=False이면 마지막 스텝의 출력만 남아 시퀀스마다 예측이 하나뿐인데, 이 강의는 스텝마다 다음 기호를 예측합니다.",
            ),
        },
        (Head::LastStep, false) => LossReads {
            outputs: vec![vec![last]],
            sentence: Tr::new(
                "The loss reads one output: y = fc(out[:, -1, :]), from the last step's hidden state. The earlier steps reach the loss only through it (BPTT).",
                "손실은 출력 하나를 읽습니다. y = fc(out[:, -1, :])는 마지막 스텝의 은닉 상태에서 나옵니다. 앞선 스텝들은 그 상태를 거쳐서만 손실에 닿습니다 (BPTT).",
            ),
        },
        (Head::LastStep, true) => LossReads {
            outputs: every.iter().map(|&t| vec![t]).collect(),
            sentence: Tr::new(
                "Not this model: with return_sequences=True the layer returns every step; an fc on each would give T outputs, and the loss would need T targets per sequence, while this lesson has one.",
                "이 모델이 아닙니다. return_sequences=True이면 층이 모든 스텝을 돌려주고, 스텝마다 fc를 두면 출력이 T개가 되어 손실에 시퀀스마다 정답 T개가 필요한데, 이 강의의 정답은 하나입니다.",
            ),
        },
        (Head::Flatten, true) => LossReads {
            outputs: vec![every],
            sentence: Tr::new(
                "The loss reads one output computed from every step: y = fc(out.reshape(B, T·D·H)), so each timestep's hidden state reaches the loss directly.",
                "손실은 모든 스텝으로 계산한 출력 하나를 읽습니다. y = fc(out.reshape(B, T·D·H))이므로 타임스텝마다의 은닉 상태가 손실에 바로 닿습니다.",
            ),
        },
        (Head::Flatten, false) => LossReads {
            outputs: vec![vec![last]],
            sentence: Tr::new(
                "Not this model: with return_sequences=False only out[:, -1, :] would remain, and the head that flattens all T steps would have nothing to flatten: it reads the last step only.",
                "이 모델이 아닙니다. return_sequences=False이면 out[:, -1, :]만 남아 T 스텝을 펼치는 헤드가 펼칠 것이 없습니다. 마지막 스텝만 읽게 됩니다.",
            ),
        },
    }
}

/// With two directions, `out[:, -1, :]` is not "after the whole sequence" for both.
pub const LAST_STEP_BIDIRECTIONAL: Tr = Tr::new(
    "Two directions: out[:, -1, :] holds the forward direction after all T inputs, but the backward direction after only the last one.",
    "두 방향: out[:, -1, :]에서 정방향은 T개의 입력을 모두 읽은 뒤이지만, 역방향은 마지막 입력 하나만 읽은 뒤입니다.",
);

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
    if model.cell.is_course() {
        return course_tensors(model, batch, steps);
    }
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

/// The tensors of tutorial 01's loop over its cell: one step at a time, the hidden state
/// carried by hand.
fn course_tensors(model: &NetworkConfig, b: usize, t: usize) -> Vec<TensorRow> {
    let (i, h, o) = (model.input_size, model.hidden_size, model.output_size);
    vec![
        TensorRow {
            name: "input",
            letters: "[B, T, I]",
            shape: vec![b, t, i],
            what: Tr::new(
                "batch, sequence length (timesteps), input size; the loop reads `input[:, t]` [B, I]",
                "배치, 시퀀스 길이 (타임스텝), 입력 크기. 반복문이 `input[:, t]` [B, I]를 한 스텝씩 읽습니다",
            ),
        },
        TensorRow {
            name: "hidden",
            letters: "[B, H]",
            shape: vec![b, h],
            what: Tr::new(
                "`init_hidden()`: zeros, then each step's h_t",
                "`init_hidden()`: 0으로 시작하고, 스텝마다 h_t로 바뀝니다",
            ),
        },
        TensorRow {
            name: "combined",
            letters: "[B, I+H]",
            shape: vec![b, i + h],
            what: Tr::new(
                "`torch.cat((input, hidden), 1)` at each step: x_t beside h_{t−1}",
                "스텝마다 `torch.cat((input, hidden), 1)`: x_t 옆에 h_{t−1}",
            ),
        },
        TensorRow {
            name: "output",
            letters: "[B, O]",
            shape: vec![b, o],
            what: Tr::new(
                "`i2o(combined)` at each step: read from h_{t−1}, not h_t",
                "스텝마다 `i2o(combined)`: h_t가 아니라 h_{t−1}에서 읽습니다",
            ),
        },
        TensorRow {
            name: "y",
            letters: "[B, T, O]",
            shape: vec![b, t, o],
            what: Tr::new(
                "every step's output, stacked",
                "모든 스텝의 출력을 쌓은 것",
            ),
        },
    ]
}

/// The arguments `nn.RNN/LSTM/GRU(...)` is built with, as `(name, value)`; the course's cell's
/// class takes `input_size`, `hidden_size`, `output_size`.
pub fn module_args(model: &NetworkConfig) -> Vec<(&'static str, String)> {
    if model.cell.is_course() {
        return vec![
            ("input_size", model.input_size.to_string()),
            ("hidden_size", model.hidden_size.to_string()),
            ("output_size", model.output_size.to_string()),
        ];
    }
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
        // tutorial 01's own class (`class RNN(nn.Module)`), not a PyTorch layer
        CellKind::Course => "RNN",
    }
}

/// The weights under the course's names: `(course name, PyTorch name, shape)` for the first
/// layer and the head (`W_xh`, `W_hh`, `W_hy`).
/// The course's cell names its own: `i2h` over `cat(x, h)` holds `W_xh` and `W_hh` side by
/// side, which the app keeps as `weight_ih_l0` and `weight_hh_l0` with `i2h.bias` as
/// `bias_ih_l0`; `i2o` is the app's `fc`.
pub fn course_weights(model: &NetworkConfig) -> Vec<(&'static str, &'static str, Vec<usize>)> {
    let (i, h, o) = (model.input_size, model.hidden_size, model.output_size);
    if model.cell.is_course() {
        return vec![
            (
                "i2h.weight",
                "[rnn.weight_ih_l0 | rnn.weight_hh_l0]",
                vec![h, i + h],
            ),
            ("i2h.bias", "rnn.bias_ih_l0", vec![h]),
            ("i2o.weight", "fc.weight", vec![o, i + h]),
            ("i2o.bias", "fc.bias", vec![o]),
        ];
    }
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
    fn return_sequences_gives_every_step_or_the_last_and_the_loss_reads_what_the_head_reads() {
        let m = NetworkConfig {
            hidden_size: 12,
            bidirectional: true,
            ..NetworkConfig::default()
        };
        assert_eq!(layer_output(&m, true, 32, 28), ("out", vec![32, 28, 24]));
        assert_eq!(
            layer_output(&m, false, 32, 28),
            ("out[:, -1, :]", vec![32, 24])
        );
        assert!(returns_sequences(Head::PerStep) && returns_sequences(Head::Flatten));
        assert!(!returns_sequences(Head::LastStep));
        // The model's own choice: per step, T outputs of one step each; last step, one output
        // of the last step; flatten, one output of every step.
        let per = loss_reads(Head::PerStep, true, 4);
        assert_eq!(per.outputs, vec![vec![0], vec![1], vec![2], vec![3]]);
        assert_eq!(loss_reads(Head::LastStep, false, 4).outputs, vec![vec![3]]);
        assert_eq!(
            loss_reads(Head::Flatten, true, 4).outputs,
            vec![vec![0, 1, 2, 3]]
        );
        // The other choice is said to be another model.
        for head in [Head::PerStep, Head::LastStep, Head::Flatten] {
            let own = loss_reads(head, returns_sequences(head), 4);
            let other = loss_reads(head, !returns_sequences(head), 4);
            assert!(!own.sentence.en.starts_with("Not this model"), "{head:?}");
            assert!(other.sentence.en.starts_with("Not this model"), "{head:?}");
            assert!(
                other.sentence.ko.starts_with("이 모델이 아닙니다"),
                "{head:?}"
            );
            assert_ne!(own.outputs, other.outputs, "{head:?}");
        }
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
