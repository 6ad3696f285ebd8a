//! What the page starts from: the link, the session saved in this browser, the language
//! remembered or the browser's; and keeping the settings in the browser's storage.

use crate::ui::i18n::{Bilingual, Lang};
use crate::ui::saved::{self, SavedSession};
use crate::ui::state::AppState;
use crate::ui::url::ShareState;

/// Where the chosen language is remembered.
pub const LANG_KEY: &str = "rnn-playground.lang";

/// The browser's local storage, when it lets the page have one.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}
/// The initial state: the session saved in this browser when the link describes it (a reload),
/// else the link's settings; plus whether to restore the autosaved weights, and notices.
pub fn initial_state() -> (AppState, bool, Vec<Bilingual>) {
    crate::app::worker_health::note_crash_link();
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let (share, mut notes) = ShareState::parse(&query);
    if let Some(s) = storage() {
        // Version 1 kept the whole model file here; the worker now keeps it in IndexedDB.
        let _ = s.remove_item(saved::OLD_KEY);
    }
    let saved_text = storage().and_then(|s| s.get_item(saved::KEY).ok().flatten());
    let saved = saved_text.as_deref().and_then(SavedSession::parse);
    if saved_text.is_some() && saved.is_none() {
        notes.push(Bilingual::new(
            "The session saved in this browser could not be read; starting from the lesson's defaults.",
            "이 브라우저에 저장된 세션을 읽지 못해 단원의 기본값으로 시작합니다.",
        ));
    }
    let query = query.trim_start_matches('?');
    let (mut state, restore) = match saved {
        Some(saved)
            if query.is_empty() || AppState::from_saved(&saved).to_share().to_query() == query =>
        {
            (AppState::from_saved(&saved), true)
        }
        _ => (AppState::from_share(&share), false),
    };
    if let Some(p) = share.presenter {
        state.presenter = p;
    }
    // A model that would read the answer (a bidirectional char model) opens without it.
    if let Some(leak) = state.options.leak(&state.model) {
        state.model = leak.without.clone();
        state.draft = leak.without.clone();
        notes.push(leak.notice());
    }
    // The link's language, else the one chosen here before, else the browser's.
    let remembered = storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|c| Lang::from_code(&c));
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|l| Lang::from_browser(&l));
    if let Some(l) = share.lang.or(remembered).or(browser) {
        state.lang = l;
    }
    (state, restore, notes)
}

/// Keeps `saved` (settings only, a few hundred bytes) in the browser's storage; `false` when
/// the browser refuses (private mode, storage full or switched off).
pub fn store(saved: &SavedSession) -> bool {
    storage().is_some_and(|s| s.set_item(saved::KEY, &saved.to_json()).is_ok())
}
