//! The code beside the model: the PyTorch code of the model and training loop as they are set
//! now (and the Keras equivalent for a binary classifier, the review lesson), copyable, and
//! "Export for PyTorch" (a `.py` file the worker builds with the weights and a check).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::app::components::code_data::CodeData;
use crate::app::context::use_app;
use crate::app::state::{Action, AppState};
use crate::ui::code::data::data_code;
use crate::ui::code::{cell_loop_code, keras_code, pytorch_code, CodeSpec};
use crate::ui::i18n::Tr;
use crate::worker::messages::{Level, ToWorker};

const TITLE: Tr = Tr::new("Code", "코드");
const HINT: Tr = Tr::new(
    "This model and its training loop with the current settings, as code. The parameter names are the app's, so an exported model loads with load_state_dict.",
    "현재 설정 그대로의 모델과 학습 루프를 코드로 보여 줍니다. 파라미터 이름이 앱과 같아서 내보낸 모델을 PyTorch에서 그대로 불러올 수 있습니다.",
);
const WAITING: Tr = Tr::new(
    "The code appears once the model is built.",
    "모델이 만들어지면 코드가 나타납니다.",
);
const COPY: Tr = Tr::new("Copy", "복사");
const COPIED: Tr = Tr::new("Copied.", "복사했습니다.");
const COPY_REFUSED: Tr = Tr::new(
    "The browser refused the clipboard: select the code and copy it.",
    "브라우저가 클립보드 사용을 거부했습니다. 코드를 선택해 복사하세요.",
);
const EXPORT: Tr = Tr::new("Export for PyTorch", "PyTorch용 내보내기");
const EXPORT_TIP: Tr = Tr::new(
    "A .py file with this class, the trained weights and a check that PyTorch computes the app's output for the lesson's example",
    "이 클래스와 학습된 가중치, 그리고 레슨의 예제에서 PyTorch가 앱과 같은 출력을 내는지 확인하는 코드가 담긴 파이썬 파일",
);
const CELL_LOOP: Tr = Tr::new("Layer vs cell", "층과 셀");
const CELL_LOOP_NOTE: Tr = Tr::new(
    "The same model as one call of the layer (nn.LSTM runs every timestep inside) and as a Python loop over its cell (nn.LSTMCell is one timestep), one cell per layer and direction sharing the layer's weight tensors. The last lines check that both give the same outputs.",
    "같은 모델을 층 한 번 호출(nn.LSTM은 모든 타임스텝을 안에서 돕니다)과, 셀(nn.LSTMCell은 한 타임스텝)을 부르는 파이썬 반복문으로 나란히 씁니다. 층과 방향마다 셀 하나가 층의 가중치 텐서를 그대로 씁니다. 마지막 줄에서 두 출력이 같은지 확인합니다.",
);
const KERAS_NOTE: Tr = Tr::new(
    "The same model in Keras, as in the course's Keras tutorial. Keras's SimpleRNN and LSTM keep one bias vector where PyTorch keeps two, and its dropout draws one mask per sequence.",
    "강의의 Keras 예제처럼 같은 모델을 Keras로 쓴 코드입니다. Keras의 SimpleRNN과 LSTM은 편향 벡터가 하나(PyTorch는 두 개)이고, 드롭아웃 마스크를 시퀀스마다 하나 뽑습니다.",
);

/// Offers the script the worker built as a download (the answer to `ToWorker::ExportPytorch`).
pub fn save(dispatch: &UseReducerDispatcher<AppState>, name: &str, text: &str) {
    if let Err(text) = crate::app::components::model_file::download(name, text) {
        dispatch.dispatch(Action::Notify {
            level: Level::Error,
            text: crate::ui::i18n::Bilingual::new(
                format!("The download failed: {text}"),
                format!("내려받기에 실패했습니다: {text}"),
            ),
        });
    }
}

/// `navigator.clipboard.writeText(text)`; `false` when the browser has no clipboard or refuses.
async fn copy_text(text: String) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &JsValue::from_str(key));
    let Ok(clipboard) = get(&window, "navigator").and_then(|n| get(&n, "clipboard")) else {
        return false;
    };
    let Ok(write) = get(&clipboard, "writeText").and_then(|f| f.dyn_into::<js_sys::Function>())
    else {
        return false;
    };
    match write.call1(&clipboard, &JsValue::from_str(&text)) {
        Ok(promise) => match promise.dyn_into::<js_sys::Promise>() {
            Ok(promise) => JsFuture::from(promise).await.is_ok(),
            Err(_) => false,
        },
        Err(_) => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    PyTorch,
    CellLoop,
    Keras,
}

/// The PyTorch (and Keras) code of the open model, a Copy button and "Export for PyTorch".
#[component]
pub fn CodePanel() -> Html {
    let app = use_app();
    let s = &*app.state;
    let tab = use_state(|| Tab::PyTorch);
    let copied = use_state(|| None::<bool>);
    // The model the worker built, with the lesson options it was built for.
    let open = s.confirmed.clone();
    let loss = use_memo(open.clone(), |open| {
        open.as_ref().map(|(options, _)| options.loss())
    });
    let codes = use_memo(
        (open, s.settings.clone(), *loss),
        |(open, settings, loss)| {
            open.as_ref().zip(*loss).map(|((options, model), loss)| {
                let spec = CodeSpec {
                    options,
                    model,
                    settings,
                    loss,
                };
                let data = data_code(options, model, false);
                let files = data.as_ref().map(|d| d.files.clone()).unwrap_or_default();
                let torchvision = data.as_ref().is_some_and(|d| d.uses_torchvision());
                let own = data.as_ref().is_some_and(|d| d.reads_own_files);
                (
                    pytorch_code(&spec),
                    keras_code(&spec),
                    files,
                    (torchvision, own),
                    cell_loop_code(&spec),
                )
            })
        },
    );
    {
        let copied = copied.clone();
        use_effect_with(codes.clone(), move |_| copied.set(None));
    }
    let Some((pytorch, keras, files, (torchvision, reads_own_files), cell_loop)) = codes.as_ref().clone() else {
        return html! {
            <section class="panel code-panel" data-testid="code-panel" aria-labelledby="code-title">
                <h2 id="code-title">{ app.l(TITLE) }</h2>
                <p class="hint">{ app.l(WAITING) }</p>
            </section>
        };
    };
    let shown = match (*tab, &keras) {
        (Tab::Keras, Some(k)) => (Tab::Keras, k.clone()),
        (Tab::CellLoop, _) => (Tab::CellLoop, cell_loop.clone()),
        _ => (Tab::PyTorch, pytorch.clone()),
    };
    let on_copy = {
        let text = shown.1.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let text = text.clone();
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(copy_text(text).await));
            });
        })
    };
    let on_export = {
        let send = app.send.clone();
        Callback::from(move |_: MouseEvent| send.emit(ToWorker::ExportPytorch))
    };
    let tab_button = |t: Tab, label: &'static str, testid: &'static str| {
        let set = {
            let tab = tab.clone();
            Callback::from(move |_: MouseEvent| tab.set(t))
        };
        html! {
            <button role="tab" class="code-tab" data-testid={testid} aria-selected={(shown.0 == t).to_string()} onclick={set}>{ label }</button>
        }
    };
    let lang_class = match shown.0 {
        Tab::PyTorch => "language-python code-pytorch",
        Tab::Keras => "language-python code-keras",
        Tab::CellLoop => "language-python code-cell-loop",
    };
    html! {
        <section class="panel code-panel" data-testid="code-panel" aria-labelledby="code-title">
            <h2 id="code-title">{ app.l(TITLE) }</h2>
            <p class="hint">{ app.l(HINT) }</p>
            <div class="code-bar">
                <div role="tablist" class="code-tabs" aria-label={app.l(TITLE)}>
                    { tab_button(Tab::PyTorch, "PyTorch", "code-tab-pytorch") }
                    { tab_button(Tab::CellLoop, app.l(CELL_LOOP), "code-tab-cell-loop") }
                    if keras.is_some() {
                        { tab_button(Tab::Keras, "Keras", "code-tab-keras") }
                    }
                </div>
                <div class="button-row">
                    <button class="secondary" data-testid="code-copy" onclick={on_copy}>{ app.l(COPY) }</button>
                    <button class="secondary" data-testid="export-pytorch" onclick={on_export} title={app.l(EXPORT_TIP)}>{ app.l(EXPORT) }</button>
                </div>
                <span class="code-copied" aria-live="polite" data-testid="code-copied">
                    { match *copied { Some(true) => app.l(COPIED), Some(false) => app.l(COPY_REFUSED), None => "" } }
                </span>
            </div>
            <CodeData {files} {torchvision} {reads_own_files} />
            if shown.0 == Tab::Keras {
                <p class="hint">{ app.l(KERAS_NOTE) }</p>
            }
            if shown.0 == Tab::CellLoop {
                <p class="hint" data-testid="code-cell-loop-note">{ app.l(CELL_LOOP_NOTE) }</p>
            }
            <pre class="code-block" tabindex="0"><code class={lang_class} data-testid="code-text">{ shown.1 }</code></pre>
        </section>
    }
}
