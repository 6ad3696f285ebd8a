//! Whether an element is on screen, for views that need not redraw while nobody sees them.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// `true` while the element behind `node` is within `margin` (CSS, e.g. `"300px"`) of the
/// viewport, and until the first observation. The element must be rendered on mount and stay
/// the same element.
#[hook]
pub fn use_on_screen(node: NodeRef, margin: &'static str) -> bool {
    let on = use_state_eq(|| true);
    {
        let on = on.clone();
        use_effect_with(node, move |node| {
            let watch = node.cast::<web_sys::Element>().and_then(|el| {
                let seen =
                    Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                        // The newest entry describes the element now.
                        if let Some(e) = entries.iter().last() {
                            on.set(
                                e.unchecked_into::<IntersectionObserverEntry>()
                                    .is_intersecting(),
                            );
                        }
                    });
                let init = IntersectionObserverInit::new();
                init.set_root_margin(margin);
                let observer =
                    IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &init)
                        .ok()?;
                observer.observe(&el);
                Some((observer, seen))
            });
            move || {
                if let Some((observer, _seen)) = watch {
                    observer.disconnect();
                }
            }
        });
    }
    *on
}
