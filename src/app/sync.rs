//! Keeping the worker, the browser's storage and the URL in step with the page's state.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::startup::{storage, store, LANG_KEY};
use crate::app::state::{Action, AppState};
use crate::ui::i18n::Bilingual;
use crate::worker::messages::{Level, OpenLesson, ToWorker};

/// Opens the lesson in the worker whenever the model, lesson or seed changes (restoring the
/// autosaved weights the first time when `restore` says so), sends settings as they change,
/// keeps them in the browser, and writes the URL and the document's language.
#[hook]
pub fn use_sync(
    state: &UseReducerHandle<AppState>,
    send: &Callback<ToWorker>,
    restore: Rc<RefCell<bool>>,
) {
    // (Re)open the lesson whenever the model, lesson or seed changes.
    {
        let send = send.clone();
        let s = state.clone();
        let restore = restore.clone();
        use_effect_with(s.open_generation, move |_| {
            // A rebuilt model starts from fresh weights.
            let restoring = std::mem::replace(&mut *restore.borrow_mut(), false);
            let base = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            send.emit(ToWorker::Open(Box::new(OpenLesson {
                options: s.options.clone(),
                model: s.model.clone(),
                settings: s.settings.clone(),
                seed: s.seed,
                assets_base: base,
                restore: restoring,
            })));
            send.emit(ToWorker::SetSpeed(s.speed));
        });
    }

    // Cores: as many workers as the choice allows now (Auto uses every core while the page is
    // hidden, one fewer while it draws); a hidden page gets no traces or views.
    {
        let send = send.clone();
        use_effect_with((state.cores, state.page_hidden), move |(cores, hidden)| {
            let hardware = web_sys::window()
                .map(|w| w.navigator().hardware_concurrency() as usize)
                .unwrap_or(1);
            send.emit(ToWorker::SetCores {
                workers: cores.workers(*hidden, hardware),
                page_hidden: *hidden,
            });
        });
    }

    // Whether the page is hidden (another tab, a minimised window).
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let doc = web_sys::window().and_then(|w| w.document());
            let listener = doc.clone().map(|doc| {
                let d = doc.clone();
                dispatch.dispatch(Action::PageHidden(doc.hidden()));
                Closure::<dyn Fn()>::new(move || dispatch.dispatch(Action::PageHidden(d.hidden())))
            });
            if let (Some(doc), Some(l)) = (&doc, &listener) {
                let _ = doc.add_event_listener_with_callback(
                    "visibilitychange",
                    l.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let (Some(doc), Some(l)) = (doc, listener) {
                    let _ = doc.remove_event_listener_with_callback(
                        "visibilitychange",
                        l.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    // Live settings: sent as they change, the weights stay.
    {
        let send = send.clone();
        let first_run = use_mut_ref(|| true);
        use_effect_with(state.settings.clone(), move |settings| {
            if !std::mem::replace(&mut *first_run.borrow_mut(), false) {
                send.emit(ToWorker::SetSettings(settings.clone()));
            }
        });
    }

    // Settings are kept as they change; a browser that refuses is said once, and the app works
    // on without them.
    {
        let dispatch = state.dispatcher();
        let warned = use_mut_ref(|| false);
        use_effect_with(state.to_saved(), move |saved| {
            if !store(saved) && !std::mem::replace(&mut *warned.borrow_mut(), true) {
                dispatch.dispatch(Action::Notify {
                    level: Level::Warning,
                    text: Bilingual::new(
                        "This browser does not let the page keep your settings (private mode, or its storage is full or switched off): everything works, but a reload starts from the link's settings.",
                        "이 브라우저는 설정을 보관하지 못하게 합니다 (사생활 보호 모드이거나 저장 공간이 가득 찼거나 꺼져 있음). 모든 기능은 그대로 쓸 수 있지만, 새로 고치면 링크의 설정으로 시작합니다.",
                    ),
                });
            }
        });
    }

    // The URL always describes the lesson, so a teacher can copy it; the language is remembered.
    {
        let share = state.to_share();
        let lang = state.lang;
        use_effect_with((share, lang), move |(share, lang)| {
            if let Some(w) = web_sys::window() {
                let url = format!("?{}", share.to_query());
                if let Ok(h) = w.history() {
                    let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
                }
                if let Some(doc) = w.document().and_then(|d| d.document_element()) {
                    let _ = doc.set_attribute("lang", lang.code());
                }
            }
            if let Some(s) = storage() {
                let _ = s.set_item(LANG_KEY, lang.code());
            }
        });
    }
}
