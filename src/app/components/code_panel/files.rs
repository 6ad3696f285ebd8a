//! What the code panel hands to the browser: a file to download, text to the clipboard.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::app::state::{Action, AppState};
use crate::worker::messages::Level;

/// Offers a file the worker built as a download (the model file, or its PyTorch script); a
/// refused download is an error notice.
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
pub async fn copy_text(text: String) -> bool {
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
