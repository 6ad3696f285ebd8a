//! "Reload to update": tells the user that a new version of the app is waiting.
//!
//! The service worker keeps the running version until the user asks for the new one (see
//! `assets/sw.js`). `assets/sw-register.js` announces a waiting version with the
//! `rnn-playground-update` event on `window` (and the `data-update-waiting` attribute on
//! `<html>`, for an update found before the page mounted) and shows the "Reload to update"
//! button; this hook puts the explanation among the page's notices.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::i18n::Bilingual;

use crate::app::state::{Action, AppState};
use crate::worker::messages::Level;

/// Dispatched on `window` by `assets/sw-register.js` when a new version is waiting.
pub const UPDATE_EVENT: &str = "rnn-playground-update";
/// Set on `<html>` by `assets/sw-register.js` while a new version is waiting.
pub const WAITING_ATTR: &str = "data-update-waiting";

/// The notice, in the page's language (`<html lang>`, which the page keeps current).
fn notice_text() -> Bilingual {
    Bilingual::new(
        "A new version of RNN Playground is ready. Press “⟳ Reload to update” (bottom right) to switch to it.",
        "새 버전의 RNN Playground가 준비되었습니다. 오른쪽 아래의 “⟳ 새로고침하여 업데이트” 버튼을 누르면 새 버전으로 바뀝니다.",
    )
}

/// Shows an information notice when a new version of the app is waiting.
#[hook]
pub fn use_update_notice(dispatch: UseReducerDispatcher<AppState>) {
    use_effect_with((), move |_| {
        let notify = Rc::new(move || {
            dispatch.dispatch(Action::Notify {
                level: Level::Info,
                text: notice_text(),
            })
        });
        let listener = {
            let notify = notify.clone();
            Closure::<dyn Fn()>::new(move || notify())
        };
        let window = web_sys::window();
        if let Some(w) = &window {
            let _ =
                w.add_event_listener_with_callback(UPDATE_EVENT, listener.as_ref().unchecked_ref());
            let waiting = w
                .document()
                .and_then(|d| d.document_element())
                .is_some_and(|e| e.has_attribute(WAITING_ATTR));
            if waiting {
                notify();
            }
        }
        move || {
            if let Some(w) = window {
                let _ = w.remove_event_listener_with_callback(
                    UPDATE_EVENT,
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
