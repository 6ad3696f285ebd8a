use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::state::Action;
use crate::ui::i18n::Text;
use crate::worker::messages::{Level, MnistFiles, ToWorker};

/// Which of the four MNIST files a name is: `(is_train, is_images)`, from the usual names
/// (`train-images-idx3-ubyte.gz`, `t10k-labels-idx1-ubyte`, `test-images.u8.gz`, …).
pub fn role(name: &str) -> Option<(bool, bool)> {
    let n = name.to_ascii_lowercase();
    let train = if n.contains("train") {
        true
    } else if n.contains("t10k") || n.contains("test") {
        false
    } else {
        return None;
    };
    let images = if n.contains("image") || n.contains("idx3") {
        true
    } else if n.contains("label") || n.contains("idx1") {
        false
    } else {
        return None;
    };
    Some((train, images))
}

async fn bytes(file: &File) -> Option<Vec<u8>> {
    let buf = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(Uint8Array::new(&buf).to_vec())
}

/// Loads the full MNIST set (or any four MNIST files) from disk into the worker.
#[component]
pub fn MnistFilesPicker() -> Html {
    let app = use_app();
    let onchange = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let files: Vec<File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
            input.set_value("");
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let fail = |text: String| {
                    app.dispatch(Action::Notify {
                        level: Level::Error,
                        text,
                    })
                };
                let mut slots: [Option<Vec<u8>>; 4] = Default::default();
                for f in &files {
                    let Some((train, images)) = role(&f.name()) else {
                        fail(format!("{}: not an MNIST file name (expected train/t10k and images/labels in the name).", f.name()));
                        return;
                    };
                    let slot = match (train, images) {
                        (true, true) => 0,
                        (true, false) => 1,
                        (false, true) => 2,
                        (false, false) => 3,
                    };
                    slots[slot] = bytes(f).await;
                }
                let [Some(a), Some(b), Some(c), Some(d)] = slots else {
                    fail("Choose all four MNIST files: train images, train labels, test images, test labels.".into());
                    return;
                };
                app.dispatch(Action::Notify {
                    level: Level::Info,
                    text: "Reading the MNIST files…".into(),
                });
                app.send.emit(ToWorker::LoadMnist(Box::new(MnistFiles {
                    train_images: a,
                    train_labels: b,
                    test_images: c,
                    test_labels: d,
                })));
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
