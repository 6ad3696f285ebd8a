//! The guided lesson of the character model: course tutorials 01 (the sentence, one-hot
//! characters, RNN/LSTM/GRU), 02 (the LSTM's gates) and 03 (BPTT), on the live model.

use crate::nn::Gate;
use crate::ui::claims::Claim;
use crate::ui::i18n::Tr;
use crate::ui::tour::{Ask, Reveal, StepSet, TourStep};

/// The answers of the step's question.
const FORGET_CHOICES: [Tr; 3] = [
    Tr::new(
        "Mostly closed (below 0.35): it forgets",
        "대부분 닫힘(0.35 미만): 잊어버린다",
    ),
    Tr::new("In between (0.35 to 0.65)", "중간(0.35~0.65)"),
    Tr::new(
        "Mostly open (0.65 or more): it keeps its memory",
        "대부분 열림(0.65 이상): 기억을 유지한다",
    ),
];

/// The steps, in the order the course tells it.
pub fn steps() -> Vec<TourStep> {
    vec![
        TourStep {
            set: StepSet { preset: Some("char-course-rnn"), ..StepSet::NONE },
            ..TourStep::new(
                Tr::new("A sentence to remember", "외울 문장"),
                Tr::new(
                    "The course asks a network to remember “hello pytorch. how long can a rnn cell remember? show me your limit!”, one character at a time. At every timestep the input is one character and the target is the next one: the strip shows what the model expects after each character.",
                    "강의는 네트워크에게 “hello pytorch. how long can a rnn cell remember? show me your limit!”를 한 글자씩 외우게 합니다. 매 타임스텝의 입력은 글자 하나, 정답은 그다음 글자입니다. 아래 띠는 모델이 글자마다 다음에 올 것이라 예상한 글자입니다.",
                ),
                "char-view",
            )
        },
        TourStep::new(
            Tr::new("One-hot characters, PyTorch shapes", "원-핫 글자와 PyTorch 모양"),
            Tr::new(
                "Each character is a one-hot vector over the course's 35 characters “abcdefghijklmnopqrstuvwxyz ?!.,:;01” (the last two mark the start and the end). So input_size is 35, and the course also picks n_hidden = 35. Here are the tensors PyTorch sees, with their shapes.",
                "글자마다 강의의 35개 문자 “abcdefghijklmnopqrstuvwxyz ?!.,:;01”에 대한 원-핫 벡터가 됩니다(마지막 두 개는 시작과 끝 표시). 그래서 input_size는 35이고, 강의는 n_hidden도 35로 정합니다. PyTorch가 보는 텐서와 그 모양이 여기 있습니다.",
            ),
            "shapes-panel",
        ),
        TourStep {
            action: Some(Tr::new(
                "Press Step (or the . key) five times and watch the loss.",
                "한 단계 버튼(또는 . 키)을 다섯 번 누르고 손실을 보세요.",
            )),
            claim: Some(Claim::LossFalls { fraction: 0.95 }),
            ..TourStep::new(
                Tr::new("One update", "한 번의 업데이트"),
                Tr::new(
                    "One update runs the whole sentence forward, adds up the squared error at every timestep, goes back through time (BPTT) and moves every weight once with Adam (lr 0.01).",
                    "업데이트 한 번은 문장 전체를 앞으로 계산하고, 타임스텝마다 제곱 오차를 더한 뒤, 시간을 거슬러 역전파(BPTT)하고, Adam(학습률 0.01)으로 모든 가중치를 한 번 움직입니다.",
                ),
                "step",
            )
        },
        TourStep {
            action: Some(Tr::new(
                "Press Play (Space): the run stops by itself after the course's 1000 epochs.",
                "재생(스페이스)을 누르세요. 강의의 1000 에포크가 끝나면 저절로 멈춥니다.",
            )),
            claim: Some(Claim::LossFalls { fraction: 0.1 }),
            ..TourStep::new(
                Tr::new("The loss falls", "손실이 줄어듭니다"),
                Tr::new(
                    "Training repeats that update, once per epoch (the whole sentence is one batch). Watch the loss curve and the strip of predicted characters: the check below says when the loss has fallen to a tenth of its first value on this model.",
                    "학습은 그 업데이트를 에포크마다 한 번 반복합니다(문장 전체가 배치 하나). 손실 곡선과 예측 글자 띠를 보세요. 아래 확인란은 이 모델의 손실이 처음 값의 10분의 1로 줄었는지 알려 줍니다.",
                ),
                "loss-chart",
            )
        },
        TourStep {
            set: StepSet { timestep: Some(1), unit: Some(0), ..StepSet::NONE },
            action: Some(Tr::new(
                "Step through time with the ◀ ▶ buttons and watch the numbers change.",
                "◀ ▶ 버튼으로 시간을 한 칸씩 옮기며 숫자가 바뀌는 것을 보세요.",
            )),
            ..TourStep::new(
                Tr::new("A memory made of the past", "과거로 만든 기억"),
                Tr::new(
                    "The first input makes the first memory h_1; the second input and h_1 make h_2, and so on: h_t = tanh(W_xh x_t + W_hh h_{t-1} + b). The same weights are used at every timestep. This is that sum for one unit.",
                    "첫 번째 입력이 첫 번째 기억 h_1을 만들고, 두 번째 입력과 h_1이 h_2를 만듭니다. 이렇게 이어집니다: h_t = tanh(W_xh x_t + W_hh h_{t-1} + b). 모든 타임스텝이 같은 가중치를 씁니다. 여기는 유닛 하나에 대한 그 계산입니다.",
                ),
                "unit-arithmetic",
            )
        },
        TourStep::new(
            Tr::new("Back through time", "시간을 거슬러"),
            Tr::new(
                "The error made at t = 2 reaches t = 2, 1 and 0; the error at t = 1 reaches t = 1 and 0. Each weight is updated once with the sum over timesteps. The bars show how much gradient ‖∂L/∂h_t‖ reaches each timestep.",
                "t = 2에서 생긴 오차는 t = 2, 1, 0 모두에 영향을 주고, t = 1의 오차는 t = 1과 0에 영향을 줍니다. 가중치는 시점별 기울기를 모두 더해 한 번에 업데이트합니다. 막대는 각 타임스텝에 도달하는 기울기 ‖∂L/∂h_t‖의 크기입니다.",
            ),
            "bptt-graph",
        ),
        TourStep {
            set: StepSet { preset: Some("char-course-lstm"), ..StepSet::NONE },
            action: Some(Tr::new(
                "Open this step's preset if the model is not an LSTM, press Play until the run ends, then pick an answer.",
                "모델이 LSTM이 아니면 이 단계의 프리셋을 열고, 실행이 끝날 때까지 재생한 뒤 답을 고르세요.",
            )),
            ask: Some(Ask {
                question: Tr::new(
                    "At the first space (after “hello”), where will the trained LSTM's forget gate be, on average over its units?",
                    "첫 번째 띄어쓰기(“hello” 다음)에서 학습된 LSTM의 망각 게이트는 유닛 평균으로 어디쯤일까요?",
                ),
                choices: &FORGET_CHOICES,
                reveal: Reveal::GateAt { gate: Gate::Forget, label: "␣" },
            }),
            ..TourStep::new(
                Tr::new("LSTM: predict the forget gate", "LSTM: 망각 게이트 예측하기"),
                Tr::new(
                    "The LSTM adds a cell state the gates write to: c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t. The forget gate f_t (a sigmoid, 0 to 1) scales what is kept of the cell state: at 1 all of it, at 0 none. What a trained model does with it is not fixed in advance: it is read from this model.",
                    "LSTM은 게이트가 값을 쓰는 셀 상태를 더합니다: c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t. 망각 게이트 f_t(시그모이드, 0~1)는 셀 상태를 얼마나 남길지 정합니다. 1이면 전부, 0이면 하나도 남기지 않습니다. 학습된 모델이 이 게이트를 어떻게 쓰는지는 미리 정해져 있지 않고, 이 모델에서 읽습니다.",
                ),
                "gate-heatmap",
            )
        },
        TourStep {
            action: Some(Tr::new(
                "Pick a unit and a timestep in the heatmaps (tap a cell, or Tab to a map and press ↑/↓ for the unit, ←/→ for the timestep) and follow c_t in the diagram.",
                "히트맵에서 유닛과 타임스텝을 골라(칸을 누르거나, 탭 키로 히트맵에 가서 ↑/↓로 유닛, ←/→로 타임스텝) 다이어그램의 c_t를 따라가 보세요.",
            )),
            ..TourStep::new(
                Tr::new("Inside one LSTM cell", "LSTM 셀 하나의 안"),
                Tr::new(
                    "The input gate decides how much of the candidate g_t (tanh, −1 to 1) goes into the cell state; the output gate decides how much of it comes out as h_t = o_t ⊙ tanh(c_t). Four small networks, all fed h_{t-1} and x_t.",
                    "입력 게이트는 후보 값 g_t(tanh, −1~1)를 셀 상태에 얼마나 반영할지, 출력 게이트는 그 값을 h_t = o_t ⊙ tanh(c_t)로 얼마나 밖으로 빼낼지 결정합니다. 네 개의 작은 신경망이 모두 h_{t-1}과 x_t를 입력받습니다.",
                ),
                "cell-diagram",
            )
        },
        TourStep {
            action: Some(Tr::new(
                "Start the comparison and see which cell remembers the sentence first.",
                "비교를 시작하고 어느 셀이 먼저 문장을 외우는지 보세요.",
            )),
            ..TourStep::new(
                Tr::new("RNN, LSTM and GRU side by side", "RNN, LSTM, GRU 나란히"),
                Tr::new(
                    "The course trains its RNN on this sentence; the app adds the LSTM and the GRU beside it. The GRU merges the forget and input gates into one update gate and has no separate cell state. Same data, same seed, same number of updates: only the cell changes, and the chart shows which one learns first on this run.",
                    "강의는 이 문장으로 RNN을 학습시키고, 앱은 그 옆에 LSTM과 GRU를 더합니다. GRU는 망각 게이트와 입력 게이트를 업데이트 게이트 하나로 합치고 셀 상태가 따로 없습니다. 같은 데이터, 같은 시드, 같은 업데이트 횟수에서 셀만 바뀌고, 차트는 이번 실행에서 어느 셀이 먼저 배우는지 보여 줍니다.",
                ),
                "compare",
            )
        },
    ]
}
