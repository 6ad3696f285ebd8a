//! The guided lesson of MNIST rows: course tutorials 01 and 05 (an image read row by row,
//! many-to-one, stacked and bidirectional layers) and 03 (the vanishing gradient).

use crate::ui::i18n::Tr;
use crate::ui::tour::{Ask, Reveal, StepSet, TourStep};

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
                "Step을 한 번 누르고 그래프를 읽으세요. 첫 번째 행이 왼쪽에 있습니다.",
            )),
            ask: Some(Ask {
                question: Tr::new(
                    "The loss is measured after row 27 only. How much gradient will reach row 0 in the plain RNN?",
                    "손실은 27번째 행 다음에만 계산됩니다. 기본 RNN에서 0번째 행까지 도달하는 기울기는 얼마나 될까요?",
                ),
                choices: [
                    Tr::new("About as much as at the last rows", "마지막 행들과 비슷하다"),
                    Tr::new("A hundred times less, or smaller still", "100배 이상 작다"),
                ],
                reveal: Reveal::Vanishing,
            }),
            ..TourStep::new(
                Tr::new("Predict: does the gradient reach row 0?", "예측: 기울기가 0번째 행까지 갈까요?"),
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
                "Press Step once and compare the plot with the RNN's.",
                "Step을 한 번 누르고 RNN의 그래프와 비교해 보세요.",
            )),
            ..TourStep::new(
                Tr::new("The LSTM carries it further", "LSTM은 더 멀리 전달합니다"),
                Tr::new(
                    "Same digit, same plot, with an LSTM. Along the cell state the gradient is multiplied by the forget gate instead of by W_hh and tanh′, so more of it reaches the early rows. This is why LSTM and GRU were made.",
                    "같은 숫자, 같은 그래프를 LSTM으로 봅니다. cell state를 따라가는 기울기는 W_hh와 tanh′ 대신 forget gate와 곱해지므로 앞쪽 행까지 더 많이 도달합니다. LSTM과 GRU가 만들어진 이유입니다.",
                ),
                "bptt-graph",
            )
        },
        TourStep {
            action: Some(Tr::new(
                "Press Play (Space); the accuracy on test images appears after each evaluation.",
                "Play(스페이스)를 누르세요. 평가할 때마다 테스트 이미지의 정확도가 나타납니다.",
            )),
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
