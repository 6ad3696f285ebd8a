use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::files::read_chosen;
use crate::app::state::Action;
use crate::lessons::LessonId;
use crate::ui::i18n::Text;
use crate::worker::messages::{Level, ToWorker};

/// Loads the full MNIST set (or any four MNIST files) from disk into the worker, which sorts
/// them by name and refuses them with the reason if they are not MNIST.
#[component]
pub fn MnistFilesPicker() -> Html {
    let app = use_app();
    let onchange = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match read_chosen(&input).await {
                    Ok(files) if files.is_empty() => {}
                    Ok(files) => {
                        app.dispatch(Action::Notify {
                            level: Level::Info,
                            text: "Reading the MNIST files…".into(),
                        });
                        app.send.emit(ToWorker::LoadFiles {
                            lesson: LessonId::MnistRows,
                            files,
                        });
                    }
                    Err(text) => app.dispatch(Action::Notify {
                        level: Level::Error,
                        text,
                    }),
                }
            });
        })
    };
    html! {
        <details class="mnist-files">
            <summary>{ app.t(Text::LoadFullMnist) }</summary>
            <p class="hint">{ app.t(Text::LoadFullMnistHint) }</p>
            <input type="file" multiple=true data-testid="mnist-files" {onchange} />
        </details>
    }
}
