use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::state::Action;
use crate::ui::i18n::Bilingual;
use crate::ui::i18n::Text;
use crate::worker::messages::{Level, ToWorker};

/// Largest model file read (a 4-layer bidirectional 512-unit LSTM is about 100 MB of JSON).
const MAX_FILE_BYTES: f64 = 200.0 * 1024.0 * 1024.0;

/// Offers `text` as a download named `name`.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "cannot build the file")?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "cannot build the file")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "no link")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Export the model as a PyTorch-style JSON file, or import one (a bad file changes nothing).
#[component]
pub fn ModelFile() -> Html {
    let app = use_app();
    let on_export = {
        let send = app.send.clone();
        Callback::from(move |_| send.emit(ToWorker::Export))
    };
    let on_import = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            if file.size() > MAX_FILE_BYTES {
                app.dispatch(Action::Notify {
                    level: Level::Error,
                    text: Bilingual::new(
                        format!("{} is too large to be a model file.", file.name()),
                        format!("{}은(는) 모델 파일이라기에는 너무 큽니다.", file.name()),
                    ),
                });
                return;
            }
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                {
                    Some(text) => app.send.emit(ToWorker::Import { text }),
                    None => app.dispatch(Action::Notify {
                        level: Level::Error,
                        text: Bilingual::new(
                            format!("{} could not be read as text.", file.name()),
                            format!("{}을(를) 텍스트로 읽지 못했습니다.", file.name()),
                        ),
                    }),
                }
            });
        })
    };
    html! {
        <section class="control-group" aria-labelledby="cg-file">
            <h2 id="cg-file">{ app.t(Text::ModelFileTitle) }</h2>
            <div class="button-row">
                <button class="secondary" data-testid="export" onclick={on_export} title={app.t(Text::ExportTip)}>{ app.t(Text::Export) }</button>
                <label class="button secondary" title={app.t(Text::ImportTip)}>
                    { app.t(Text::Import) }
                    <input type="file" accept=".json,application/json" data-testid="import" class="visually-hidden" onchange={on_import} />
                </label>
            </div>
        </section>
    }
}
