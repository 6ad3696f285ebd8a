//! The guided lesson of time series: course tutorial 05 (tables scaled to 0–1, windows of
//! `sequence_length` rows, a head over the window, train and test parts, the RNN/LSTM/GRU
//! comparison).

use crate::ui::claims::Claim;
use crate::ui::i18n::Tr;
use crate::ui::tour::{StepSet, TourStep};

/// The steps, in the order the course tells it.
pub fn steps() -> Vec<TourStep> {
    vec![
        TourStep {
            set: StepSet { preset: Some("series-course-rnn"), ..StepSet::NONE },
            ..TourStep::new(
                Tr::new("Data in time order", "시간 순서가 있는 데이터"),
                Tr::new(
                    "A time series is data placed at regular time intervals: temperatures, prices, signals. Shuffle the days and tomorrow becomes hard to predict — the order carries the meaning. Pick a table here.",
                    "시계열 데이터는 일정 시간 간격으로 배치된 데이터입니다: 온도, 주가, 신호. 날짜 순서를 뒤섞으면 내일을 예측하기 어려워집니다. 순서에 의미가 있습니다. 여기서 표를 고르세요.",
                ),
                "series-source",
            )
        },
        TourStep::new(
            Tr::new("Features and target", "입력 특성과 타깃"),
            Tr::new(
                "The course's stock table (here a synthetic one of its shape: the course's KOSPI file cannot be shipped) has the columns Open, High, Low, Volume and Close: it scales them to 0–1 (MinMaxScaler) and predicts the next Close from the other four, 4 features per timestep. A table with several columns (the US macro table, or a CSV of your own) lets you choose them here; a single series is its own feature and target.",
                "강의의 주가 표(여기서는 같은 모양의 합성 표입니다. 강의의 KOSPI 파일은 함께 배포할 수 없습니다)에는 Open, High, Low, Volume, Close 열이 있습니다. 강의는 열을 0–1로 스케일링(MinMaxScaler)하고 나머지 넷으로 다음 종가(Close)를 예측합니다. 타임스텝마다 특성 4개입니다. 열이 여럿인 표(미국 거시경제 표나 직접 불러온 CSV)라면 여기서 열을 고릅니다. 열이 하나인 시계열은 그 자체가 특성이자 타깃입니다.",
            ),
            "feature-columns|series-source",
        ),
        TourStep::new(
            Tr::new("Windows of rows", "행의 윈도"),
            Tr::new(
                "With a sequence length of 5, rows 0–4 make the first input and row 5 is its target; rows 1–5 make the next one. So N rows give N − 5 windows (the course's 431 rows give 426). The first ones train the model; the later ones test it. The panel counts them for the open series.",
                "시퀀스 길이가 5라면 0–4행이 첫 입력, 5행이 그 타깃이고, 1–5행이 다음 입력입니다. 그래서 N개 행에서 N − 5개의 시퀀스가 나옵니다(강의의 431개 행에서는 426개). 앞의 것으로 학습하고 뒤의 것으로 평가합니다. 패널이 지금 시계열의 개수를 셉니다.",
            ),
            "series-window",
        ),
        TourStep::new(
            Tr::new("Reading the whole window", "윈도 전체 읽기"),
            Tr::new(
                "The course's model has 2 layers of 8 units and its head reads all 5 outputs flattened: nn.Linear(8 · 5, 1). Here are its tensors with their shapes.",
                "강의의 모델은 유닛 8개짜리 층 2개이고, 출력층은 다섯 출력 전체를 펼쳐서 읽습니다: nn.Linear(8 · 5, 1). 그 텐서와 모양이 여기 있습니다.",
            ),
            "shapes-panel",
        ),
        TourStep {
            set: StepSet { preset: Some("series-fast-lstm"), ..StepSet::NONE },
            action: Some(Tr::new(
                "Press Play and watch the prediction line meet the data.",
                "재생을 누르고 예측선이 데이터에 다가가는 것을 보세요.",
            )),
            claim: Some(Claim::BeatsPersistence),
            ..TourStep::new(
                Tr::new("Better than yesterday?", "어제보다 나은가?"),
                Tr::new(
                    "A forecast is only worth something if it beats the simplest guesses: “same as the last value” (persistence) and “the average”. Their errors are shown beside the model's, on the same test rows. The stock table is a random walk: by construction its best guess of the next close is the last one, so no model beats persistence there by more than luck (the course saw its prediction shifted one day to the right). This step opens the generated wave, which has a pattern to learn.",
                    "예측은 가장 단순한 추측보다 나을 때만 의미가 있습니다: “마지막 값 그대로”(지속 예측)와 “평균”. 같은 테스트 구간에서 잰 그 오차가 모델의 오차 옆에 있습니다. 주가 표는 랜덤 워크라서, 만든 방식 그대로 다음 종가의 가장 좋은 추측은 마지막 종가입니다. 그래서 어떤 모델도 거기서는 운 이상으로 지속 예측을 이기지 못합니다(강의의 예측도 오른쪽으로 하루 밀려 보였습니다). 이 단계는 배울 패턴이 있는 만든 파동을 엽니다.",
                ),
                "series-view",
            )
        },
        TourStep {
            action: Some(Tr::new(
                "Start the comparison: same windows, same seed, three cells.",
                "비교를 시작하세요: 같은 윈도, 같은 시드, 세 가지 셀.",
            )),
            ..TourStep::new(
                Tr::new("Three cells compared", "세 셀 비교: RNN, LSTM, GRU"),
                Tr::new(
                    "The course trains the same model with each cell and compares the test loss. On short windows the plain RNN often keeps up; the gates matter when the past that counts is far away.",
                    "강의는 같은 모델을 셀만 바꿔 학습시키고 테스트 손실을 비교합니다. 윈도가 짧으면 기본 RNN도 자주 따라잡습니다. 게이트는 중요한 과거가 멀리 있을 때 힘을 씁니다.",
                ),
                "compare",
            )
        },
    ]
}
