//! The course's words, once: the English term and the Korean one the course uses, for labels,
//! guided lessons and notices alike. A Korean text writes the Korean term (the check in
//! `tests/tours.rs` refuses the English one there); names the course itself writes in English
//! in code (`forget_gate`, `nn.LSTM`) stay in code spans.

use super::i18n::Tr;
use crate::nn::Gate;

/// f_t: what the LSTM keeps of its cell state.
pub const FORGET_GATE: Tr = Tr::new("forget gate", "망각 게이트");
/// i_t: how much of the candidate enters the cell state.
pub const INPUT_GATE: Tr = Tr::new("input gate", "입력 게이트");
/// o_t: how much of the cell state comes out as h_t.
pub const OUTPUT_GATE: Tr = Tr::new("output gate", "출력 게이트");
/// z_t: the GRU's mix of the old state and the candidate.
pub const UPDATE_GATE: Tr = Tr::new("update gate", "업데이트 게이트");
/// r_t: how much of the old state the GRU's candidate sees.
pub const RESET_GATE: Tr = Tr::new("reset gate", "리셋 게이트");
/// c_t: the LSTM's cell state.
pub const CELL_STATE: Tr = Tr::new("cell state", "셀 상태");
/// g_t: the candidate written to the cell state.
pub const CANDIDATE: Tr = Tr::new("candidate", "후보 값");
/// h_t: the hidden state.
pub const HIDDEN_STATE: Tr = Tr::new("hidden state", "은닉 상태");
/// One position of a sequence.
pub const TIMESTEP: Tr = Tr::new("timestep", "타임스텝");
/// The loss on held-out validation data.
pub const VALIDATION_LOSS: Tr = Tr::new("validation loss", "검증 손실");
/// Accuracy on the test split (never called validation).
pub const TEST_ACCURACY: Tr = Tr::new("test accuracy", "평가 정확도");
/// Backpropagation through time.
pub const BPTT: Tr = Tr::new("backpropagation through time", "시간에 따른 역전파");
/// The vanishing gradient problem.
pub const VANISHING_GRADIENT: Tr = Tr::new("vanishing gradient", "기울기 소멸");
/// Overfitting.
pub const OVERFITTING: Tr = Tr::new("overfitting", "과대적합");
/// Early stopping.
pub const EARLY_STOPPING: Tr = Tr::new("early stopping", "조기 종료");

/// The settings chosen before training (learning rate, hidden size, batch size…).
pub const HYPERPARAMETERS: Tr = Tr::new("hyperparameters", "하이퍼파라미터");
/// A network that reads the sequence both ways. Not in [`TERMS`]: Korean texts write PyTorch's
/// argument `bidirectional=True` as the course does, which the check would take for the term.
pub const BIDIRECTIONAL: Tr = Tr::new("bidirectional", "양방향");
/// The char lesson's task.
pub const NEXT_CHARACTER: Tr = Tr::new("next-character prediction", "다음 글자 예측");

/// Scaling every column to 0–1 by its lowest and highest value (`MinMaxScaler`).
pub const MINMAX_SCALING: Tr = Tr::new("MinMax scaling", "MinMax 스케일링");
/// The app's choice: MinMax fitted on the training rows.
pub const FIT_ON_TRAINING_ROWS: Tr = Tr::new(
    "fitted on the training rows (the app)",
    "학습 데이터 행에만 맞춤 (앱)",
);
/// The course's choice: `scaler.fit_transform` over the whole table.
pub const FIT_ON_WHOLE_TABLE: Tr = Tr::new(
    "fitted on the whole table (the course)",
    "표 전체에 맞춤 (강의)",
);
/// Why fitting MinMax on the whole table leaks: one sentence, said wherever that choice is on.
pub const WHOLE_TABLE_LEAK: Tr = Tr::new(
    "Fitted on the whole table, MinMax lets the test rows' lowest and highest values set the 0–1 scale of the training data, so the model trains on a scale that already knows how far the test part will rise or fall.",
    "MinMax를 표 전체에 맞추면 평가 데이터 행의 최솟값과 최댓값이 학습 데이터의 0–1 눈금을 정하므로, 모델은 평가 구간이 어디까지 오르내릴지 이미 아는 눈금 위에서 학습합니다.",
);
/// Tutorial 01's hand-written cell: `i2h` and `i2o` on `cat(x_t, h_{t-1})` (`CellKind::Course`).
pub const COURSE_CELL: Tr = Tr::new("the course's cell", "강의의 셀");
/// The cell picker's name of it.
pub const COURSE_CELL_LABEL: Tr = Tr::new("The course's cell (i2h, i2o)", "강의의 셀 (i2h, i2o)");
/// A table made up by a program rather than measured.
pub const SYNTHETIC: Tr = Tr::new("synthetic", "합성");

/// Every term, for the checks.
pub const TERMS: [Tr; 18] = [
    FORGET_GATE,
    INPUT_GATE,
    OUTPUT_GATE,
    UPDATE_GATE,
    RESET_GATE,
    CELL_STATE,
    CANDIDATE,
    HIDDEN_STATE,
    TIMESTEP,
    VALIDATION_LOSS,
    TEST_ACCURACY,
    BPTT,
    VANISHING_GRADIENT,
    OVERFITTING,
    EARLY_STOPPING,
    HYPERPARAMETERS,
    NEXT_CHARACTER,
    COURSE_CELL,
];

/// A gate's term (`Gate::Forget` → 망각 게이트); the LSTM's g and the GRU's n are both the
/// candidate, the RNN's one block is the hidden state.
pub fn gate(gate: Gate) -> Tr {
    match gate {
        Gate::Forget => FORGET_GATE,
        Gate::Input => INPUT_GATE,
        Gate::Output => OUTPUT_GATE,
        Gate::Update => UPDATE_GATE,
        Gate::Reset => RESET_GATE,
        Gate::CellCandidate | Gate::New => CANDIDATE,
        Gate::Hidden => HIDDEN_STATE,
    }
}

/// The English terms a Korean text contains (it should write the Korean ones); text inside
/// The Korean subject particle after a cell's name, as it is read aloud: RNN(알엔엔)이,
/// LSTM(엘에스티엠)이, GRU(지알유)가.
pub fn cell_subject(cell: crate::nn::CellKind) -> &'static str {
    match cell {
        crate::nn::CellKind::Rnn => "RNN이",
        crate::nn::CellKind::Lstm => "LSTM이",
        crate::nn::CellKind::Gru => "GRU가",
        crate::nn::CellKind::Course => "강의의 셀이",
    }
}

/// `code spans` and the snake_case names of the course's code do not count.
pub fn english_terms_in(korean: &str) -> Vec<&'static str> {
    let lower = korean.to_lowercase();
    TERMS
        .iter()
        .map(|t| t.en)
        .filter(|en| lower.contains(en))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_has_a_korean_word_and_distinct_english() {
        for t in TERMS {
            assert!(t.ko.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)));
            assert_eq!(TERMS.iter().filter(|u| u.en == t.en).count(), 1);
        }
    }

    #[test]
    fn english_terms_are_found_in_korean_text_but_code_names_are_not() {
        assert_eq!(
            english_terms_in("LSTM의 forget gate는 열려 있을까요?"),
            vec!["forget gate"]
        );
        assert!(english_terms_in("망각 게이트 (forget_gate)").is_empty());
    }

    #[test]
    fn every_gate_has_a_term() {
        assert_eq!(gate(Gate::Forget), FORGET_GATE);
        assert_eq!(gate(Gate::New), CANDIDATE);
        for g in Gate::ALL {
            assert!(TERMS.contains(&gate(g)), "{g}");
        }
    }
}
