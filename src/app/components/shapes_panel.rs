use yew::prelude::*;

use crate::app::components::return_sequences::ReturnSequences;
use crate::app::context::use_app;
use crate::nn::Head;
use crate::ui::i18n::Tr;
use crate::ui::shapes::{
    course_weights, head_sentence, module_args, module_name, tensors, RnnType,
};

const TITLE: Tr = Tr::new("The model's shapes", "모델의 모양");
/// The name of the call's box, which scrolls sideways when the call is long (reached with Tab).
const CALL: Tr = Tr::new("The PyTorch module call", "PyTorch 모듈 호출");
/// Why Keras's `return_sequences` is not shown for the course's cell.
const NO_KERAS: Tr = Tr::new(
    "The course's cell is its own class, looped by hand one step at a time: it has no Keras layer, so return_sequences does not apply. It outputs at every step (many-to-many), each output read from the previous hidden state.",
    "강의의 셀은 한 스텝씩 직접 반복하는 자체 클래스라 Keras 층이 없으므로 return_sequences는 해당하지 않습니다. 모든 스텝에서 출력하며 (다대다), 각 출력은 이전 은닉 상태에서 읽습니다.",
);
const TENSOR: Tr = Tr::new("tensor", "텐서");
const SHAPE: Tr = Tr::new("shape", "모양");
const NOW: Tr = Tr::new("now", "지금");
const WEIGHTS: Tr = Tr::new(
    "Weights (the course's names and PyTorch's)",
    "가중치 (강의의 이름과 PyTorch의 이름)",
);
const BATCH_NOTE: Tr = Tr::new(
    "B: batch size, T: sequence length, I: input size, H: hidden size, L: layers, D: directions, O: outputs",
    "B: 배치 크기, T: 시퀀스 길이, I: 입력 크기, H: 은닉 크기, L: 층 수, D: 방향 수, O: 출력 크기",
);

/// A small picture of the RNN type: inputs below, outputs above at every step or the last.
fn type_diagram(t: RnnType) -> Html {
    let n = 4;
    let cells = (0..n).map(|i| {
        let x = 20 + i * 46;
        let out = matches!(t, RnnType::ManyToMany) || i == n - 1;
        html! {
            <g>
                <rect x={x.to_string()} y="30" width="30" height="22" rx="4" class="shape-cell" />
                <line x1={(x + 15).to_string()} y1="72" x2={(x + 15).to_string()} y2="54" class="shape-arrow" />
                <text x={(x + 15).to_string()} y="84" class="shape-label">{ "x" }</text>
                if out {
                    <line x1={(x + 15).to_string()} y1="28" x2={(x + 15).to_string()} y2="10" class="shape-arrow" />
                    <text x={(x + 15).to_string()} y="8" class="shape-label">{ "y" }</text>
                }
                if i + 1 < n {
                    <line x1={(x + 31).to_string()} y1="41" x2={(x + 45).to_string()} y2="41" class="shape-arrow" />
                }
            </g>
        }
    });
    html! {
        <svg class="rnn-type" width="214" height="90" viewBox="0 0 214 90" role="img" aria-hidden="true">
            { for cells }
        </svg>
    }
}

/// The model as the course draws it: its RNN type with a picture, the live tensors with their
/// shapes, the arguments `nn.LSTM` takes, and `W_xh` / `W_hh` / `W_hy` beside PyTorch's names.
#[component]
pub fn ShapesPanel() -> Html {
    let app = use_app();
    let m = &app.state.model;
    let batch = app.state.settings.batch_size;
    // T: the sequence the model reads (the character lesson's text: the inspected span).
    let steps = m.seq_len.unwrap_or_else(|| {
        app.state
            .inspection
            .as_ref()
            .map_or(1, |i| i.input_labels.len().max(1))
    });
    let kind = RnnType::of(m.head);
    let args = module_args(m)
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <section class="panel shapes" data-testid="shapes-panel">
            <h2>{ app.l(TITLE) }</h2>
            <div class="shapes-type">
                { type_diagram(kind) }
                <p>
                    <b data-testid="rnn-type">{ app.l(kind.name()) }</b>{ " · " }
                    { app.l(head_sentence(m.head)) }
                    if m.head == Head::Flatten { <span class="hint">{ format!(" (F = T·D·H = {})", m.fc_in_features()) }</span> }
                </p>
            </div>
            if m.cell.is_course() {
                <p class="hint" data-testid="return-sequences-course">{ app.l(NO_KERAS) }</p>
            } else {
                <ReturnSequences {batch} {steps} />
            }
            <pre class="module-call" data-testid="module-call" tabindex="0" role="region" aria-label={app.l(CALL)}><code>{
                if m.cell.is_course() {
                    format!("rnn = {}({args})", module_name(m.cell))
                } else {
                    format!("self.rnn = {}({args})", module_name(m.cell))
                }
            }</code></pre>
            <table class="shapes-table">
                <thead><tr><th>{ app.l(TENSOR) }</th><th>{ app.l(SHAPE) }</th><th>{ app.l(NOW) }</th><th /></tr></thead>
                <tbody>
                    { for tensors(m, batch, steps).into_iter().map(|r| html! {
                        <tr data-tensor={r.name}>
                            <td><code>{ r.name }</code></td>
                            <td><code>{ r.letters }</code></td>
                            <td><code>{ format!("{:?}", r.shape) }</code></td>
                            <td class="hint">{ crate::app::components::with_code_spans(app.l(r.what)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="hint">{ app.l(BATCH_NOTE) }</p>
            <h3>{ app.l(WEIGHTS) }</h3>
            <ul class="course-weights">
                { for course_weights(m).into_iter().map(|(course, torch, shape)| html! {
                    <li><code>{ course }</code>{ " = " }<code>{ torch }</code>{ format!(" {shape:?}") }</li>
                }) }
            </ul>
        </section>
    }
}
