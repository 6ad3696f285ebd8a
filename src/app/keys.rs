//! Keyboard shortcuts on the page: one listener per component that wants them, never while the
//! user types in a field.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::ui::shortcuts::{action_for, Shortcut};

/// Whether the key went to a text field, a select or an editable element.
fn typing(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
                || el.has_attribute("contenteditable")
        })
        .unwrap_or(false)
}

/// Whether the key is Space or Enter on a control that the key itself works (a button, a
/// link, a disclosure's summary): the control does what the keyboard
/// expects there, rather than Space playing (Step's button steps, the folded form opens).
fn key_for_control(e: &KeyboardEvent) -> bool {
    matches!(e.key().as_str(), " " | "Enter")
        && e.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| {
                matches!(el.tag_name().as_str(), "BUTTON" | "A" | "SUMMARY")
                    || el.get_attribute("role").is_some_and(|r| r == "button")
            })
}

/// Calls `on_shortcut` for each shortcut key pressed outside a field, for as long as the
/// component is mounted. Returning `true` marks the key as handled (no browser default).
#[hook]
pub fn use_shortcuts<F>(on_shortcut: F)
where
    F: Fn(Shortcut) -> bool + 'static,
{
    use_effect_with((), move |_| {
        let handler = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            if typing(&e) || key_for_control(&e) {
                return;
            }
            if let Some(action) = action_for(&e.key(), e.ctrl_key() || e.alt_key() || e.meta_key())
            {
                if on_shortcut(action) {
                    e.prevent_default();
                }
            }
        });
        let doc = web_sys::window().and_then(|w| w.document());
        if let Some(doc) = &doc {
            let _ =
                doc.add_event_listener_with_callback("keydown", handler.as_ref().unchecked_ref());
        }
        move || {
            if let Some(doc) = doc {
                let _ = doc.remove_event_listener_with_callback(
                    "keydown",
                    handler.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
