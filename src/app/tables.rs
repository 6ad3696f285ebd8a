//! The page's copy of the shipped series tables. They are not compiled into the page (see
//! `ShippedTable::text`): the series lesson fetches them when it shows, and the page draws
//! again when they arrive. The worker fetches its own copy with the lesson's corpus.

use std::cell::Cell;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::Response;
use yew::UseReducerDispatcher;

use crate::app::state::{Action, AppState};
use crate::lessons::time_series::ShippedTable;
use crate::ui::i18n::Bilingual;
use crate::worker::fetch::js_text;
use crate::worker::messages::Level;

thread_local! {
    static IN_FLIGHT: Cell<bool> = const { Cell::new(false) };
}

/// Fetches every shipped table the page does not have yet (once at a time), then dispatches
/// [`Action::TablesFetched`]; a table that fails is said in a notice.
pub fn fetch_missing(dispatch: UseReducerDispatcher<AppState>) {
    let missing: Vec<ShippedTable> = ShippedTable::ALL
        .into_iter()
        .filter(|t| t.text().is_none())
        .collect();
    if missing.is_empty() || IN_FLIGHT.with(|f| f.replace(true)) {
        return;
    }
    spawn_local(async move {
        let mut failed = Vec::new();
        for t in missing {
            match fetch_text(t.href()).await {
                Ok(text) => t.provide(text),
                Err(e) => failed.push(e),
            }
        }
        IN_FLIGHT.with(|f| f.set(false));
        if !failed.is_empty() {
            let why = failed.join("; ");
            dispatch.dispatch(Action::Notify {
                level: Level::Warning,
                text: Bilingual::new(
                    format!("This page could not download the shipped tables ({why}): their preview and column choices stay empty; reload the page when the connection is back."),
                    format!("이 페이지가 제공되는 표를 내려받지 못했습니다 ({why}). 표 미리보기와 열 선택이 비어 있습니다. 연결이 돌아오면 페이지를 새로 고치세요."),
                ),
            });
        }
        dispatch.dispatch(Action::TablesFetched);
    });
}

/// GETs `href` (relative to the page) as text.
async fn fetch_text(href: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let fail = |e: wasm_bindgen::JsValue| format!("{href}: {}", js_text(e));
    let resp: Response = JsFuture::from(window.fetch_with_str(href))
        .await
        .map_err(fail)?
        .unchecked_into();
    if !resp.ok() {
        return Err(format!("{href}: HTTP {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(fail)?)
        .await
        .map_err(fail)?;
    text.as_string().ok_or_else(|| format!("{href}: not text"))
}
