//! The interface in English and Korean. Korean terms follow the course material
//! (은닉 상태, 셀 상태, 망각 게이트, 타임스텝, 역전파 …).

use serde::{Deserialize, Serialize};

/// Interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 tag (`<html lang>`, URLs, storage).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The interface language for a browser language tag (`ko-KR` → Korean, anything else →
    /// English).
    pub fn from_browser(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }

    /// The language's name in itself, for the picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }
}

/// A text in both languages, kept beside what it describes (a lesson's title, what its examples
/// are called).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tr {
    /// English.
    pub en: &'static str,
    /// Korean.
    pub ko: &'static str,
}

impl Tr {
    /// Both texts.
    pub const fn new(en: &'static str, ko: &'static str) -> Tr {
        Tr { en, ko }
    }

    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ko => self.ko,
        }
    }
}

/// A text in both languages built at run time (a preset's name with its sizes, a notice with
/// its numbers); the page shows the one of its current language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    /// English.
    pub en: String,
    /// Korean.
    pub ko: String,
}

impl Bilingual {
    /// Both texts.
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Bilingual {
        Bilingual {
            en: en.into(),
            ko: ko.into(),
        }
    }

    /// The same text in both languages (names, numbers).
    pub fn same(text: impl Into<String>) -> Bilingual {
        let t = text.into();
        Bilingual {
            en: t.clone(),
            ko: t,
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }
}

impl From<Tr> for Bilingual {
    fn from(t: Tr) -> Bilingual {
        Bilingual::new(t.en, t.ko)
    }
}

macro_rules! texts {
    ($($key:ident => $en:literal, $ko:literal;)*) => {
        /// Every text the interface shows.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Text { $($key),* }

        impl Text {
            /// All keys (for completeness tests).
            pub const ALL: &'static [Text] = &[$(Text::$key),*];
        }

        /// The text for `key` in `lang`.
        pub fn tr(lang: Lang, key: Text) -> &'static str {
            match (lang, key) {
                $((Lang::En, Text::$key) => $en, (Lang::Ko, Text::$key) => $ko,)*
            }
        }
    };
}

texts! {
    AppName => "RNN Playground", "RNN 플레이그라운드";
    Lesson => "Lesson", "단원";
    Language => "Language", "언어";
    Visualization => "Visualization", "시각화";
    Run => "Run", "실행";
    Play => "Play", "재생";
    Pause => "Pause", "일시정지";
    Step => "Step", "한 단계";
    StepTip => "One training update (one mini-batch)", "학습 한 번 (미니배치 하나)";
    Reset => "Reset", "초기화";
    ResetTip => "Back to the same initial weights (same seed)", "같은 초기 가중치로 되돌리기 (같은 시드)";
    NewSeed => "New seed", "새 시드";
    Speed => "Speed", "속도";
    Model => "Model", "모델";
    Training => "Training", "학습";
    CellType => "Cell type", "셀 종류";
    CellTypeTip => "RNN (tanh), LSTM (input, forget, output gates and a cell state) or GRU (reset and update gates)", "RNN(tanh), LSTM(입력·망각·출력 게이트와 셀 상태), GRU(리셋·업데이트 게이트)";
    HiddenSize => "Hidden size", "은닉 상태 크기";
    HiddenSizeTip => "Units in each layer's hidden state h_t", "각 층의 은닉 상태 h_t의 유닛 수";
    Layers => "Layers", "층 수";
    LayersTip => "Recurrent layers stacked on top of each other", "위로 쌓은 순환 층의 수";
    Bidirectional => "Bidirectional", "양방향";
    BidirectionalTip => "A second layer reads the sequence backwards; outputs are concatenated", "두 번째 층이 시퀀스를 거꾸로 읽고, 출력을 이어 붙입니다";
    Dropout => "Dropout between layers", "층 사이 드롭아웃";
    DropoutTip => "nn.LSTM(dropout=p): fraction of the outputs of each layer but the last dropped while training (no effect with one layer)", "nn.LSTM(dropout=p): 훈련 중 마지막 층을 뺀 각 층의 출력에서 버리는 비율 (층이 하나면 효과 없음)";
    InputDropout => "Input dropout", "입력 드롭아웃";
    RoundTrip => "round trip", "왕복";
    TourStart => "Guided lesson", "수업 따라가기";
    TourTitle => "Guided lesson", "수업 안내";
    TourClose => "Close the guided lesson", "수업 안내 닫기";
    TourBack => "Back", "이전";
    TourNext => "Next", "다음";
    TourFinish => "Finish", "마치기";
    TourRight => "As you predicted.", "예측한 대로입니다.";
    TourNotYet => "Not what you predicted.", "예측과 다릅니다.";
    TourLive => "(Read from the live model: it changes as the model trains.)", "(지금 모델에서 읽은 값입니다. 학습하면서 바뀝니다.)";
    TourNoTrace => "The model has not been traced yet: train for a moment, then look again.", "아직 모델을 추적하지 않았습니다. 잠시 학습시킨 뒤 다시 보세요.";
    ClaimSeen => "✓ Seen on this model:", "✓ 이 모델에서 확인:";
    ClaimNotYet => "Not yet seen on this model:", "이 모델에서 아직 보이지 않음:";
    TourNotInModel => "The open model has nothing to answer this with (another cell, or no such input): open this step's preset.", "지금 모델에는 이 질문에 답할 값이 없습니다(다른 셀이거나 그런 입력이 없음). 이 단계의 프리셋을 여세요.";
    TourOpenPreset => "Open the preset this step uses:", "이 단계의 프리셋 열기:";
    TourReplaces => "This replaces the model being trained: save it first if you want to keep it.", "지금 학습 중인 모델을 바꿉니다. 남겨 두려면 먼저 저장하세요.";
    InputDropoutTip => "nn.Dropout(p) before the RNN: fraction of the first layer's inputs dropped while training (Keras: LSTM(dropout=p), which keeps one mask per sequence)", "RNN 앞의 nn.Dropout(p): 훈련 중 첫 층의 입력에서 버리는 비율 (케라스의 LSTM(dropout=p)는 시퀀스마다 마스크 하나를 씁니다)";
    Encoding => "Input encoding", "입력 인코딩";
    EncodingTip => "One-hot vectors, or a learned embedding of each symbol", "원-핫 벡터, 또는 학습되는 임베딩";
    LossFn => "Loss", "손실 함수";
    LossTip => "What training minimises", "학습이 줄이는 값";
    Optimizer => "Optimizer", "옵티마이저";
    OptimizerTip => "How gradients turn into weight updates", "기울기를 가중치 갱신으로 바꾸는 방법";
    LearningRate => "Learning rate", "학습률";
    LearningRateTip => "Step size of each update (log scale)", "갱신 한 번의 크기 (로그 눈금)";
    BatchSize => "Batch size", "배치 크기";
    BatchSizeTip => "Examples averaged in one update", "갱신 한 번에 평균하는 예제 수";
    Clipping => "Gradient clipping", "기울기 클리핑";
    ClippingTip => "Largest allowed global gradient norm (0 = off)", "허용하는 전체 기울기 노름의 최댓값 (0 = 끔)";
    Truncation => "BPTT window", "BPTT 구간";
    TruncationTip => "Backpropagate through at most this many timesteps (0 = full)", "이만큼의 타임스텝까지만 역전파 (0 = 전체)";
    Seed => "Seed", "시드";
    SeedTip => "Same seed, same initial weights and data order", "같은 시드면 같은 초기 가중치와 데이터 순서";
    Preset => "Preset", "프리셋";
    RebuildWarning => "Changing this rebuilds the model from new initial weights.", "이 값을 바꾸면 모델을 새 초기 가중치로 다시 만듭니다.";
    Loss => "Loss", "손실";
    Accuracy => "Accuracy", "정확도";
    Epoch => "Epoch", "에포크";
    Update => "Update", "갱신";
    Timestep => "Timestep", "타임스텝";
    HiddenState => "Hidden state", "은닉 상태";
    CellState => "Cell state", "셀 상태";
    InputGate => "Input gate", "입력 게이트";
    ForgetGate => "Forget gate", "망각 게이트";
    OutputGate => "Output gate", "출력 게이트";
    CellCandidate => "Candidate", "후보 값";
    UpdateGate => "Update gate", "업데이트 게이트";
    ResetGate => "Reset gate", "리셋 게이트";
    Backprop => "Backpropagation through time", "시간에 따른 역전파 (BPTT)";
    WorkerStarting => "Starting the training worker…", "학습 워커를 시작하는 중…";
    WorkerReady => "Training worker ready", "학습 워커 준비됨";
    WorkerOutdated => "The training worker is out of date: reload the page.", "학습 워커가 오래된 버전입니다. 페이지를 새로 고치세요.";
    WorkerSilent => "The training worker is not answering; it is restarted if it stays silent.", "학습 워커가 응답하지 않습니다. 계속 응답이 없으면 다시 시작합니다.";
    Presenter => "Presenter mode", "발표 모드";
    Shortcuts => "Keyboard shortcuts", "단축키";
    ModelSummary => "Model summary", "모델 요약";
    Parameters => "Parameters", "파라미터";
    Total => "Total", "합계";
    Rebuild => "Rebuild model", "모델 다시 만들기";
    Cancel => "Cancel", "취소";
    OneEpoch => "Epoch", "에포크 한 번";
    OneEpochTip => "Train one full pass over the data, then pause", "데이터 전체를 한 번 학습하고 멈춤";
    PlayTip => "Train until the run's last epoch, or until paused (space)", "실행의 마지막 에포크까지, 또는 일시정지할 때까지 학습 (스페이스)";
    Continue => "Continue", "계속";
    ContinueTip => "Train on past the end of the run, until paused", "실행이 끝난 뒤에도 일시정지할 때까지 계속 학습";
    Epochs => "Epochs", "에포크 수";
    EpochsTip => "How many epochs Play trains before it stops by itself (the preset's run is the course's)", "재생이 스스로 멈추기 전까지 학습하는 에포크 수 (프리셋의 값은 강의의 값)";
    UntilPaused => "until paused", "일시정지할 때까지";
    RunDoneEpochs => "Done: the run's {0} epochs are trained.", "완료: 실행의 {0} 에포크를 모두 학습했습니다.";
    RunDoneEarly => "Done: early stopping ended the run at epoch {0} and kept the weights of epoch {1}, the best validation loss.", "완료: 조기 종료가 {0} 에포크에서 실행을 끝내고, 검증 손실이 가장 좋았던 {1} 에포크의 가중치를 남겼습니다.";
    NewSeedTip => "New random initial weights and data order", "새 무작위 초기 가중치와 데이터 순서";
    SpeedMax => "as fast as possible", "최대 속도";
    SpeedSlow => "slow motion", "느리게";
    NoDataYet => "No data yet: press Play or Step", "아직 데이터가 없습니다: 재생이나 한 단계를 누르세요";
    AccuracyAtEpochEnd => "Accuracy is measured when the first epoch ends", "첫 에포크가 끝나면 정확도를 잽니다";
    Cores => "Cores", "코어";
    CoresAuto => "auto", "자동";
    CoresUsed => "last update on", "마지막 업데이트";
    CoresTip => "Workers that share each update (the batch is split between them). Auto leaves one core to the page while it is visible and uses every core while it is hidden.", "업데이트 하나를 나누어 계산하는 워커 수 (배치를 나눕니다). 자동은 페이지가 보이는 동안 코어 하나를 화면에 남기고, 숨겨지면 모든 코어를 씁니다.";
    LoadingData => "Loading data", "데이터를 불러오는 중";
    Dismiss => "Dismiss", "닫기";
    LogScale => "log scale", "로그 눈금";
    Smoothing => "smoothing", "평활화";
    TrainLoss => "train loss", "훈련 손실";
    TrainLossSmoothed => "train loss (smoothed)", "훈련 손실 (평활화)";
    ValLoss => "validation loss", "검증 손실";
    EpochTrainLoss => "train loss (epoch mean)", "훈련 손실 (에포크 평균)";
    BestEpoch => "best epoch", "최상의 에포크";
    ExamplesPerSecond => "examples/s", "예제/초";
    VanishingGradient => "Vanishing gradient", "기울기 소멸";
    VanishingDetail => "the gradient reaching the first timestep is {x} times smaller than the largest: the first inputs barely change the weights (long-term dependency)", "첫 타임스텝에 도착하는 기울기가 가장 큰 기울기보다 {x}배 작습니다: 처음 입력들은 가중치를 거의 바꾸지 못합니다 (장기 의존성 문제)";
    AxisUpdate => "update", "업데이트";
    AxisTimestep => "timestep t", "타임스텝 t";
    OneHot => "one-hot", "원-핫";
    EmbeddingDim => "embedding (16)", "단어 임베딩 (16)";
    MseSumT => "MSE, summed over timesteps", "MSE (타임스텝마다 더함)";
    CrossEntropy => "cross-entropy", "교차 엔트로피";
    RecurrentLayer => "Recurrent layer", "순환층";
    KerasCountNote => "PyTorch keeps two bias vectors per layer (bias_ih and bias_hh), Keras one (GRU: two, reset_after=True), so Keras counts one G·H bias fewer for RNN and LSTM.", "PyTorch는 층마다 편향 벡터를 두 개(bias_ih, bias_hh) 두고 케라스는 하나(GRU는 reset_after=True로 두 개)를 두므로, RNN과 LSTM에서는 케라스가 편향 G·H개만큼 적게 셉니다.";
    TrainAcc => "train accuracy", "훈련 정확도";
    ValAcc => "validation accuracy", "검증 정확도";
    TestLoss => "test loss", "평가 손실";
    TestAcc => "test accuracy", "평가 정확도";
    Curves => "Loss and accuracy", "손실과 정확도";
    Shape => "Shape", "모양";
    Name => "Name", "이름";
    Close => "Close", "닫기";
    ModelFileTitle => "Model file", "모델 파일";
    CompareTitle => "RNN, LSTM and GRU side by side", "RNN, LSTM, GRU 나란히 비교";
    CompareHint => "The same lesson, data and seed with each cell: see which learns faster and whose gradient still reaches the first timesteps.", "같은 단원, 데이터, 시드로 세 셀을 학습: 어느 셀이 빨리 배우고, 어느 셀의 기울기가 첫 타임스텝까지 전해지는지 봅니다.";
    CompareStart => "Compare", "비교하기";
    Updates => "Updates", "갱신 횟수";
    Stop => "Stop", "멈추기";
    OptimizerSettingsTip => "The optimizer's own settings, with PyTorch's names and defaults", "옵티마이저 고유 설정 (PyTorch 이름과 기본값)";
    EarlyStopping => "Early stopping", "조기 종료";
    EarlyStoppingTip => "Stop when the validation loss stops improving, and go back to the best weights", "검증 손실이 더 나아지지 않으면 멈추고 가장 좋았던 가중치로 되돌리기";
    Patience => "Patience (evaluations)", "인내 (평가 횟수)";
    LoadFullMnist => "Load the full MNIST files from disk", "디스크에서 전체 MNIST 파일 불러오기";
    LoadFullMnistHint => "Choose the four files (train/t10k images and labels, IDX format, gzipped or not).", "네 파일을 고르세요 (훈련용과 테스트용 이미지와 레이블, IDX 형식, gzip 압축 여부 무관).";
    OwnNumbers => "Your own numbers", "직접 입력한 숫자";
    LoadCsv => "Load a CSV column", "CSV 열 불러오기";
    UseNumbers => "Use these numbers (rebuilds the model)", "이 숫자 사용 (모델을 다시 만듦)";
    Export => "Export", "내보내기";
    ExportTip => "Download the weights as a PyTorch state_dict JSON file", "가중치를 PyTorch state_dict JSON 파일로 내려받기";
    Import => "Import", "가져오기";
    ImportTip => "Load weights from a model file (a bad file changes nothing)", "모델 파일에서 가중치 불러오기 (잘못된 파일은 아무것도 바꾸지 않음)";
    TheText => "The text, as the model reads it", "모델이 읽는 텍스트";
    PredictedRight => "next characters predicted right", "개의 다음 문자를 맞게 예측";
    Generate => "Generation", "문자 생성";
    Prompt => "Prompt", "시작 문자열";
    Temperature => "Temperature", "온도";
    Memorised => "Memorised: greedy generation from the start token reproduces the text.", "암기 완료: 시작 토큰에서 탐욕적으로 생성하면 텍스트가 그대로 나옵니다.";
    ChangeText => "Change the text", "텍스트 바꾸기";
    TextTooShort => "The text needs at least 2 characters.", "텍스트는 최소 2글자여야 합니다.";
    NotInAlphabet => "Not in the course alphabet", "강의 알파벳에 없는 문자";
    UseTextAlphabet => "Use the text's own alphabet", "텍스트의 문자로 알파벳 만들기";
    UseThisText => "Use this text (rebuilds the model)", "이 텍스트 사용 (모델을 다시 만듦)";
    Digit => "Digit", "숫자";
    Row => "Row", "행";
    AfterRow => "Class probabilities after reading row", "클래스 확률 · 읽은 행";
    TestAccuracy => "Test accuracy", "테스트 정확도";
    Confusion => "Confusion matrix (rows: true digit, columns: predicted)", "혼동 행렬 (행: 실제, 열: 예측)";
    Misclassified => "Misclassified test digits", "잘못 분류된 테스트 숫자";
    DrawDigit => "Draw a digit", "숫자 그리기";
    Clear => "Clear", "지우기";
    Classify => "Classify", "분류하기";
    Previous => "Previous", "이전";
    Next => "Next", "다음";
    Predictions => "Predictions over the truth", "실제 값과 예측";
    Truth => "truth", "실제 값";
    Predicted => "predicted", "예측";
    TestRmse => "Test RMSE", "테스트 RMSE";
    Baseline => "predicting the mean", "평균으로 예측";
    // ---- inside the network ----
    InTitle => "Inside the network", "신경망 내부";
    InPrev => "Previous timestep (←)", "이전 타임스텝 (←)";
    InNext => "Next timestep (→)", "다음 타임스텝 (→)";
    InPlayThrough => "Play through", "차례로 재생";
    InStop => "Stop", "정지";
    InLayer => "Layer", "층";
    InDirection => "Direction", "방향";
    InForward => "forward", "정방향";
    InReverse => "reverse", "역방향";
    InExample => "Example", "예제";
    InHeatmaps => "Gates and states over time", "시간에 따른 게이트와 상태";
    InHeatHint => "Rows are hidden units, columns are timesteps. Tap or click a cell for its exact value and to pick that unit and timestep (pointing at a cell shows its value too). With the keyboard: Tab to a map, then ↑/↓ choose the unit and ←/→ the timestep.", "행은 은닉 유닛, 열은 타임스텝입니다. 칸을 누르면 정확한 값이 보이고 그 유닛과 타임스텝을 고릅니다 (포인터를 칸 위에 두어도 값이 보입니다). 키보드로는 탭 키로 히트맵에 가서 ↑/↓로 유닛, ←/→로 타임스텝을 고릅니다.";
    InPlayBackward => "Play backward", "역전파 재생";
    InGradPlot => "‖∂L/∂h_t‖ against t (log scale)", "t에 따른 ‖∂L/∂h_t‖ (로그 눈금)";
    InWeightHint => "Select a weight matrix (tap or click it, or reach it with Tab): the same weights act at every timestep; the bars show how much each timestep adds to its gradient.", "가중치 행렬을 누르거나 키보드로 고르세요: 같은 가중치가 모든 타임스텝에서 쓰이며, 막대는 각 타임스텝이 기울기에 더하는 크기입니다.";
    InGraphHint => "Arrows to the right carry the hidden state forward; arrows to the left carry ∂L/∂h_t back, thicker and brighter when larger (log scale).", "오른쪽 화살표는 은닉 상태를 앞으로 전달하고, 왼쪽 화살표는 ∂L/∂h_t를 거꾸로 전달합니다. 클수록 굵고 밝습니다 (로그 눈금).";
    InCell => "The cell at this timestep", "이 타임스텝의 셀";
    InUnit => "Unit", "유닛";
    InForwardPass => "Forward", "순전파";
    InBackwardPass => "Backward", "역전파";
    InWaiting => "The traces appear when the model is ready.", "모델이 준비되면 추적값이 나타납니다.";
    InInitial => "initial state: 0", "초기 상태: 0";
    InInput => "input", "입력";
    InInputBand => "Input at each timestep (rows of the grey band, scaled to 0–1)", "각 타임스텝의 입력 (회색 띠의 행, 0–1로 스케일)";
    InOutput => "output", "출력";
    InArriving => "gradient arriving at this unit", "이 유닛에 도착하는 기울기";
    InPreNote => "the pre-activation is the sum W_ih·x + b_ih + W_hh·h + b_hh, as recorded in the trace", "사전 활성값은 추적에 기록된 합 W_ih·x + b_ih + W_hh·h + b_hh 입니다";
    InValue => "value", "값";
    InNoBackward => "not reached by backpropagation (outside the BPTT window)", "역전파가 닿지 않음 (BPTT 구간 밖)";
    // ---- text alternatives of the drawings (ui::describe): the numbers a screen reader reads ----
    DescCurve => "{0} {1} at {2} {3} (range {4} to {5})", "{0}: {2} {3}에서 {1} (범위 {4}~{5})";
    DescHeat => "{0}: {1} units × {2} {3}s, values from {4} to {5}, mean {6}; at {3} {7}, unit {8}: {9}.", "{0}: 유닛 {1}개 × {3} {2}개, 값 {4}~{5}, 평균 {6}; {3} {7}, 유닛 {8}: {9}.";
    DescGrad => "{0}: {1} at t = 0, {2} at t = {3}, largest {4} at t = {5}", "{0}: t = 0에서 {1}, t = {3}에서 {2}, 가장 큰 값 {4} (t = {5})";
    DescGradTitle => "‖∂L/∂h_t‖ over {0} {1}s", "{1} {0}개의 ‖∂L/∂h_t‖";
    DescNoGrad => "no gradient traced yet", "아직 추적한 기울기가 없음";
}

/// A text with its numbered places filled: `fill("epoch {0} of {1}", &["2", "5"])`.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = template.to_string();
    for (k, a) in args.iter().enumerate() {
        out = out.replace(&format!("{{{k}}}"), a);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_each_argument_in_its_numbered_place() {
        assert_eq!(
            fill("epoch {0} of {1}, {0}", &["2", "5"]),
            "epoch 2 of 5, 2"
        );
        assert_eq!(fill("no places", &["x"]), "no places");
    }

    #[test]
    fn every_text_exists_in_both_languages_and_differs_where_it_should() {
        for &key in Text::ALL {
            for lang in Lang::ALL {
                assert!(
                    !tr(lang, key).trim().is_empty(),
                    "{key:?} is empty in {lang:?}"
                );
            }
        }
        assert_ne!(
            tr(Lang::En, Text::ForgetGate),
            tr(Lang::Ko, Text::ForgetGate)
        );
    }

    /// What a text tells the reader to do works with a finger and a keyboard too: no text
    /// asks to hover (a phone has no pointer to rest on a cell).
    #[test]
    fn no_text_asks_to_hover() {
        for &key in Text::ALL {
            for lang in Lang::ALL {
                let t = tr(lang, key).to_lowercase();
                assert!(
                    !t.contains("hover") && !t.contains("마우스를 올"),
                    "{key:?} in {lang:?}: {t}"
                );
            }
        }
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("xx"), None);
        assert_eq!(Lang::from_browser("ko-KR"), Lang::Ko);
        assert_eq!(Lang::from_browser("en-GB"), Lang::En);
    }
}
