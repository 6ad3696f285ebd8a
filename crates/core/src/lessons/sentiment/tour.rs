//! The guided lesson of review sentiment: course tutorial 04 (SimpleRNN, one-hot then
//! embeddings, LSTM with dropout, stacked layers, GRU, early stopping), on NSMC reviews.

use crate::ui::claims::Claim;
use crate::ui::i18n::Tr;
use crate::ui::tour::{StepSet, TourStep};

/// The steps, in the order the course tells it.
pub fn steps() -> Vec<TourStep> {
    vec![
        TourStep {
            set: StepSet { preset: Some("sentiment-course-onehot-rnn"), ..StepSet::NONE },
            ..TourStep::new(
                Tr::new("A review as a sequence of tokens", "토큰의 시퀀스가 된 리뷰"),
                Tr::new(
                    "Each movie review becomes a sequence of token numbers, padded or cut to the same length; the label says whether the review is positive. The course keeps only the most frequent tokens; everything else becomes one “unknown” token. Here the reviews are Korean (NSMC) and a token is a syllable.",
                    "영화 리뷰 하나가 같은 길이로 채우거나 자른 토큰 번호의 시퀀스가 됩니다. 레이블은 리뷰가 긍정인지 알려 줍니다. 강의는 가장 자주 나오는 토큰만 남기고 나머지는 모두 “모르는 토큰” 하나로 바꿉니다. 여기서는 한국어 리뷰(NSMC)이고 토큰은 음절입니다.",
                ),
                "sentiment-view",
            )
        },
        TourStep::new(
            Tr::new("One-hot is big", "원-핫은 큽니다"),
            Tr::new(
                "The first model feeds one-hot vectors to a SimpleRNN with 8 units and a Dense(1, sigmoid) output. The course's catch: every token grows into a vector as long as the vocabulary, so the input becomes hundreds of times larger.",
                "첫 모델은 원-핫 벡터를 유닛 8개의 SimpleRNN에 넣고 Dense(1, sigmoid)로 출력합니다. 강의가 짚는 단점은 토큰 하나가 어휘 크기만큼 긴 벡터가 되어 입력 데이터가 수백 배 커진다는 것입니다.",
            ),
            "shapes-panel",
        ),
        TourStep {
            set: StepSet { preset: Some("sentiment-course-embedding-rnn"), ..StepSet::NONE },
            ..TourStep::new(
                Tr::new("Word embeddings", "단어 임베딩"),
                Tr::new(
                    "An Embedding layer turns each token into a short vector of real numbers (16 here) that is learned with the rest. Compare the parameter count with the one-hot model in the summary.",
                    "Embedding 층은 토큰마다 나머지와 함께 학습되는 짧은 실수 벡터(여기서는 16개)를 줍니다. 요약에서 원-핫 모델과 파라미터 수를 비교해 보세요.",
                ),
                "model-summary",
            )
        },
        TourStep {
            set: StepSet { preset: Some("sentiment-overfit-lstm"), ..StepSet::NONE },
            action: Some(Tr::new(
                "Open this step's preset (1,000 reviews), press Play and watch the two curves part.",
                "이 단계의 프리셋(리뷰 1,000개)을 열고 재생을 누른 뒤 두 곡선이 벌어지는 것을 보세요.",
            )),
            claim: Some(Claim::ValidationTurnsUp),
            ..TourStep::new(
                Tr::new("Training loss and validation loss", "훈련 손실과 검증 손실"),
                Tr::new(
                    "The validation loss is measured on reviews the model never trains on. On a small training set the training loss keeps falling while the validation loss, after a few epochs, turns up: the model is memorising its training reviews (overfitting). The check below says whether this run shows it.",
                    "검증 손실은 모델이 학습하지 않는 리뷰로 잽니다. 훈련 데이터가 작으면 훈련 손실은 계속 줄지만 검증 손실은 몇 에포크 뒤 다시 올라갑니다. 모델이 훈련 리뷰를 외우는 것입니다(과대적합). 아래 확인란은 이번 실행에서 그것이 보이는지 알려 줍니다.",
                ),
                "loss-chart",
            )
        },
        TourStep {
            claim: Some(Claim::EarlyStopped),
            ..TourStep::new(
                Tr::new("Dropout and early stopping", "드롭아웃과 조기 종료"),
                Tr::new(
                    "Early stopping ends a run when the validation loss has not improved for a few epochs (the course: patience 3) and goes back to the best weights; the marker on the chart shows the epoch kept. The course's LSTM preset also drops 30% of its inputs while training, against overfitting.",
                    "조기 종료는 검증 손실이 몇 에포크 동안 나아지지 않으면(강의: 인내 3) 실행을 끝내고 가장 좋았던 가중치로 돌아갑니다. 차트의 표시가 남긴 에포크입니다. 강의의 LSTM 프리셋은 과대적합을 막으려고 학습할 때 입력의 30%를 드롭아웃하기도 합니다.",
                ),
                "early-stopping|loss-chart",
            )
        },
        TourStep {
            action: Some(Tr::new(
                "Type a review of your own and read it token by token.",
                "직접 리뷰를 써서 토큰마다 읽어 보세요.",
            )),
            ..TourStep::new(
                Tr::new("Read your own review", "직접 쓴 리뷰 읽기"),
                Tr::new(
                    "The recurrent layer outputs only the hidden state of the last timestep by default; the strip shows what the model would answer if the review stopped at each token.",
                    "순환층은 기본적으로 마지막 타임스텝의 은닉 상태만 출력합니다. 띠는 리뷰가 각 토큰에서 끝났다면 모델이 무엇이라 답했을지를 보여 줍니다.",
                ),
                "review-input",
            )
        },
    ]
}
