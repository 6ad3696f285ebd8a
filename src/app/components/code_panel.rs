//! The code beside the model: the PyTorch code of the model and training loop as they are set
//! now (and the Keras equivalent for a binary classifier, the review lesson), copyable, and
//! "Export for PyTorch" (a `.py` file the worker builds with the weights and a check).

mod files;
mod texts;

use yew::prelude::*;

use crate::app::components::code_data::CodeData;
use crate::app::context::use_app;
use crate::ui::code::data::data_code;
use crate::ui::code::tabs::CodeTab;
use crate::ui::code::{cell_loop_code, keras_code, pytorch_code, CodeSpec};
use crate::worker::messages::ToWorker;
use files::copy_text;
pub use files::save;
use texts::*;

/// The PyTorch (and Keras) code of the open model, a Copy button and "Export for PyTorch".
#[component]
pub fn CodePanel() -> Html {
    let app = use_app();
    let s = &*app.state;
    let tab = use_state(|| CodeTab::PyTorch);
    let copied = use_state(|| None::<bool>);
    // The model the worker built, with the lesson options it was built for.
    let open = s.confirmed.clone();
    let loss = use_memo(open.clone(), |open| {
        open.as_ref().map(|(options, _)| options.loss())
    });
    let codes = use_memo(
        (open, s.settings.clone(), *loss, s.corpus),
        |(open, settings, loss, corpus)| {
            open.as_ref().zip(*loss).map(|((options, model), loss)| {
                let spec = CodeSpec {
                    options,
                    model,
                    settings,
                    loss,
                    corpus: *corpus,
                };
                let data = data_code(options, model, false, *corpus);
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
    let Some((pytorch, keras, files, (torchvision, reads_own_files), cell_loop)) =
        codes.as_ref().clone()
    else {
        return html! {
            <section class="panel code-panel" data-testid="code-panel" aria-labelledby="code-title">
                <h2 id="code-title">{ app.l(TITLE) }</h2>
                <p class="hint">{ app.l(WAITING) }</p>
            </section>
        };
    };
    // The course's cell is a loop over its cell already: no second tab for it.
    let course = s
        .confirmed
        .as_ref()
        .is_some_and(|(_, m)| m.cell.is_course());
    let t = match CodeTab::shown(*tab, keras.is_some()) {
        CodeTab::CellLoop if course => CodeTab::PyTorch,
        t => t,
    };
    let shown = match t {
        CodeTab::Keras => (t, keras.clone().unwrap_or_default()),
        CodeTab::CellLoop => (t, cell_loop.clone()),
        CodeTab::PyTorch => (t, pytorch.clone()),
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
    let tab_button = |t: CodeTab, label: &'static str| {
        let set = {
            let tab = tab.clone();
            Callback::from(move |_: MouseEvent| tab.set(t))
        };
        html! {
            <button role="tab" class="code-tab" data-testid={t.testid()} aria-selected={(shown.0 == t).to_string()} onclick={set}>{ label }</button>
        }
    };
    let lang_class = shown.0.class();
    html! {
        <section class="panel code-panel" data-testid="code-panel" aria-labelledby="code-title">
            <h2 id="code-title">{ app.l(TITLE) }</h2>
            <p class="hint">{ app.l(HINT) }</p>
            <div class="code-bar">
                <div role="tablist" class="code-tabs" aria-label={app.l(TITLE)}>
                    { tab_button(CodeTab::PyTorch, "PyTorch") }
                    if !course {
                        { tab_button(CodeTab::CellLoop, app.l(CELL_LOOP)) }
                    }
                    if keras.is_some() {
                        { tab_button(CodeTab::Keras, "Keras") }
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
            if shown.0 == CodeTab::Keras {
                <p class="hint">{ app.l(KERAS_NOTE) }</p>
            }
            if shown.0 == CodeTab::CellLoop {
                <p class="hint" data-testid="code-cell-loop-note">{ app.l(CELL_LOOP_NOTE) }</p>
            }
            <pre class="code-block" tabindex="0"><code class={lang_class} data-testid="code-text">{ shown.1 }</code></pre>
        </section>
    }
}
