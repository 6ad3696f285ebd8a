//! Where the keyboard's focus goes when a panel opens or closes: into the panel when it opens
//! (the guided lesson's card, the shortcuts overlay are last in the page, many Tabs away), and
//! back to the button that opened it when it closes.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Focuses `panel` when `open` turns true after the first render, and the element with
/// `data-testid=opener` when it turns false. A panel open from the start (a link's `tour=3`)
/// leaves the focus where the browser put it.
#[hook]
pub fn use_focus_on_toggle(open: bool, panel: NodeRef, opener: &'static str) {
    let was = use_mut_ref(|| open);
    use_effect_with(open, move |&open| {
        let before = std::mem::replace(&mut *was.borrow_mut(), open);
        if before != open {
            let target = if open {
                panel.cast::<web_sys::HtmlElement>()
            } else {
                web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| {
                        d.query_selector(&format!("[data-testid=\"{opener}\"]"))
                            .ok()
                            .flatten()
                    })
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            };
            if let Some(el) = target {
                let _ = el.focus();
            }
        }
    });
}
