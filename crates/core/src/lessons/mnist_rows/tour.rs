//! The guided lesson of MNIST rows: course tutorials 01 and 05 (an image read row by row,
//! many-to-one, stacked and bidirectional layers) and 03 (the vanishing gradient).

use crate::ui::claims::Claim;
use crate::ui::i18n::Tr;
use crate::ui::tour::{Ask, Reveal, StepSet, TourStep};

/// The answers of the step's question.
const VANISHING_CHOICES: [Tr; 2] = [
    Tr::new(
        "About as much as at the last rows",
        "마지막 행들과 비슷하다",
    ),
    Tr::new("A hundred times less, or smaller still", "100배 이상 작다"),
];

/// The steps, in the order the course tells it.
pub fn steps() -> Vec<TourStep> {
    vec![
        TourStep {
            set: StepSet { preset: Some("mnist-course-rnn"), ..StepSet::NONE },
            ..TourStep::new(
                Tr::new("An image as a sequence", "이미지를 시퀀스로"),
                Tr::new(
                    "A 28 × 28 handwritten digit becomes a sequence: one row of 28 pixels per timestep, 28 timesteps (sequence_length = 28, input_size = 28). Move the row slider to see which row the network reads at each step.",
                    "28 × 28 손글씨 숫자 하나가 시퀀스가 됩니다. 타임스텝마다 28픽셀짜리 행 하나, 모두 28 타임스텝입니다(sequence_length = 28, input_size = 28). 행 슬라이더를 움직여 네트워크가 각 단계에서 읽는 행을 보세요.",
                ),
                "mnist-view",
            )
        },
        TourStep::new(
            Tr::new("Many to one", "다대일"),
            Tr::new(
                "The course stacks 2 layers of 128 hidden units and reads only the last output: out = fc(out[:, -1, :]) with fc = nn.Linear(128, 10). Many inputs, one answer — the digit.",
                "강의는 은닉 유닛 128개짜리 층 2개를 쌓고 마지막 출력만 읽습니다: out = fc(out[:, -1, :]), fc = nn.Linear(128, 10). 입력은 여럿, 답은 하나(숫자)입니다.",
            ),
            "shapes-panel",
        ),
        TourStep {
            set: StepSet { timestep: Some(0), ..StepSet::NONE },
            action: Some(Tr::new(
                "Press Step once, then read the plot: the first row is on the left.",
                "한 단계를 한 번 누르고 그래프를 읽으세요. 첫 번째 행이 왼쪽에 있습니다.",
            )),
            ask: Some(Ask {
                question: Tr::new(
                    "The loss is measured after row 27 only. How much gradient will reach row 0 in the plain RNN?",
                    "손실은 27행 다음에만 계산됩니다. 기본 RNN에서 0행까지 도달하는 기울기는 얼마나 될까요?",
                ),
                choices: &VANISHING_CHOICES,
                reveal: Reveal::Vanishing,
            }),
            ..TourStep::new(
                Tr::new("Predict: does the gradient reach row 0?", "예측: 기울기가 0행까지 갈까요?"),
                Tr::new(
                    "BPTT carries the error back through all 28 timesteps, multiplying by W_hh and by tanh′ at each one. The course warns that the further it travels, the less of it arrives: the vanishing gradient.",
                    "BPTT는 오차를 28 타임스텝 전체로 되돌려 보내며 매번 W_hh와 tanh′을 곱합니다. 강의는 오차가 멀리 전파될수록 전파되는 양이 점차 적어진다고 경고합니다. 기울기 소멸 문제입니다.",
                ),
                "bptt-graph",
            )
        },
        TourStep {
            set: StepSet { preset: Some("mnist-course-lstm"), ..StepSet::NONE },
            action: Some(Tr::new(
                "Press Step once and compare the plot with the RNN's; then press Play, pause after about 50 updates and look again.",
                "한 단계를 한 번 누르고 RNN의 그래프와 비교하세요. 그다음 재생을 누르고 업데이트 50번쯤에서 일시정지한 뒤 다시 보세요.",
            )),
            claim: Some(Claim::GradientArrives { factor: 100.0 }),
            ..TourStep::new(
                Tr::new("What training does to the gradient", "학습이 기울기에 하는 일"),
                Tr::new(
                    "Same digit, same plot, with an LSTM. Along the cell state the gradient is multiplied by the forget gate instead of by W_hh and tanh′. Freshly initialised, the forget gates sit near 0.5, so the LSTM loses the gradient by row 0 too; training moves the gates, and the check below says when the gradient reaching row 0 is less than 100 times smaller than the largest on this model. On 28 rows a trained RNN often gets there too; the gates matter most when the past that counts is much further back.",
                    "같은 숫자, 같은 그래프를 LSTM으로 봅니다. 셀 상태를 따라가는 기울기는 W_hh와 tanh′ 대신 망각 게이트와 곱해집니다. 갓 초기화된 망각 게이트는 0.5 근처라서 LSTM도 0행에서는 기울기를 잃습니다. 학습하면 게이트가 바뀝니다. 아래 확인란은 이 모델에서 0행에 닿는 기울기가 가장 큰 값보다 100배 미만으로 작아졌는지 알려 줍니다. 28행 정도면 학습된 RNN도 자주 그렇게 됩니다. 게이트는 중요한 과거가 훨씬 멀리 있을 때 가장 힘을 씁니다.",
                ),
                "bptt-graph",
            )
        },
        TourStep {
            action: Some(Tr::new(
                "Press Play (Space): the run stops by itself after the course's 2 epochs; the test accuracy appears at each epoch's end.",
                "재생(스페이스)을 누르세요. 강의의 2 에포크가 끝나면 저절로 멈추고, 에포크가 끝날 때마다 평가 정확도가 나타납니다.",
            )),
            claim: Some(Claim::HeldOutAccuracy { at_least: 0.8 }),
            ..TourStep::new(
                Tr::new("Train and test", "학습과 평가"),
                Tr::new(
                    "The course trains for 2 epochs with batches of 100 and Adam (lr 0.001), then counts the test images the model gets right — images it never trained on. In the test phase no gradient is computed.",
                    "강의는 배치 100, Adam(학습률 0.001)으로 2 에포크 학습한 뒤, 학습에 쓰지 않은 테스트 이미지 중 몇 개를 맞히는지 셉니다. 평가 단계에서는 기울기를 계산하지 않습니다.",
                ),
                "accuracy-chart",
            )
        },
        TourStep::new(
            Tr::new("Which digits get confused", "어떤 숫자를 헷갈리는지"),
            Tr::new(
                "Rows are the true digits, columns the predicted ones: everything off the diagonal is a mistake. Then draw your own digit on the pad and watch the belief change row by row.",
                "행은 실제 숫자, 열은 예측한 숫자입니다. 대각선 밖은 모두 틀린 것입니다. 그다음 패드에 직접 숫자를 그리고, 행마다 믿음이 바뀌는 것을 보세요.",
            ),
            "confusion|draw-pad",
        ),
        TourStep {
            set: StepSet { preset: Some("mnist-course-bilstm"), ..StepSet::NONE },
            ..TourStep::new(
                Tr::new("Both directions", "양방향"),
                Tr::new(
                    "bidirectional=True runs a second LSTM from the last row to the first and concatenates both: the feature dimension doubles (12 → 24). The course's head then reads all 28 timesteps: nn.Linear(28 · 12 · 2, 10).",
                    "bidirectional=True는 마지막 행에서 첫 행으로 가는 LSTM을 하나 더 돌려 둘을 이어 붙입니다. feature dimension이 두 배가 됩니다(12 → 24). 강의의 출력층은 28 타임스텝 전체를 읽습니다: nn.Linear(28 · 12 · 2, 10).",
                ),
                "shapes-panel",
            )
        },
    ]
}
