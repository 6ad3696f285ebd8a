//! The code panel's texts, in both languages.

use crate::ui::i18n::Tr;

pub const TITLE: Tr = Tr::new("Code", "코드");
pub const HINT: Tr = Tr::new(
    "This model and its training loop with the current settings, as code. The parameter names are the app's, so an exported model loads with load_state_dict.",
    "현재 설정 그대로의 모델과 학습 루프를 코드로 보여 줍니다. 파라미터 이름이 앱과 같아서 내보낸 모델을 PyTorch에서 그대로 불러올 수 있습니다.",
);
pub const WAITING: Tr = Tr::new(
    "The code appears once the model is built.",
    "모델이 만들어지면 코드가 나타납니다.",
);
pub const COPY: Tr = Tr::new("Copy", "복사");
pub const COPIED: Tr = Tr::new("Copied.", "복사했습니다.");
pub const COPY_REFUSED: Tr = Tr::new(
    "The browser refused the clipboard: select the code and copy it.",
    "브라우저가 클립보드 사용을 거부했습니다. 코드를 선택해 복사하세요.",
);
pub const EXPORT: Tr = Tr::new("Export for PyTorch", "PyTorch용 내보내기");
pub const EXPORT_TIP: Tr = Tr::new(
    "A .py file with this class, the trained weights and a check that PyTorch computes the app's output for the lesson's example",
    "이 클래스와 학습된 가중치, 그리고 레슨의 예제에서 PyTorch가 앱과 같은 출력을 내는지 확인하는 코드가 담긴 파이썬 파일",
);
pub const CELL_LOOP: Tr = Tr::new("Layer vs cell", "층과 셀");
pub const CELL_LOOP_NOTE: Tr = Tr::new(
    "The same model as one call of the layer (nn.LSTM runs every timestep inside) and as a Python loop over its cell (nn.LSTMCell is one timestep), one cell per layer and direction sharing the layer's weight tensors. The last lines check that both give the same outputs.",
    "같은 모델을 층 한 번 호출(nn.LSTM은 모든 타임스텝을 안에서 돕니다)과, 셀(nn.LSTMCell은 한 타임스텝)을 부르는 파이썬 반복문으로 나란히 씁니다. 층과 방향마다 셀 하나가 층의 가중치 텐서를 그대로 씁니다. 마지막 줄에서 두 출력이 같은지 확인합니다.",
);
pub const KERAS_NOTE: Tr = Tr::new(
    "The same model in Keras, as in the course's Keras tutorial. Keras's SimpleRNN and LSTM keep one bias vector where PyTorch keeps two, and its dropout draws one mask per sequence.",
    "강의의 Keras 예제처럼 같은 모델을 Keras로 쓴 코드입니다. Keras의 SimpleRNN과 LSTM은 편향 벡터가 하나(PyTorch는 두 개)이고, 드롭아웃 마스크를 시퀀스마다 하나 뽑습니다.",
);
