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

/// A number that changes when the window is resized (at most ten times a second): charts take
/// it as a dependency and redraw their canvas at the new size and pixel ratio instead of
/// stretching the old bitmap (presenter mode, a projector, a rotated tablet).
#[hook]
pub fn use_resize_tick() -> u32 {
    let tick = use_state_eq(|| 0u32);
    {
        let tick = tick.clone();
        use_effect_with((), move |_| {
            let pending = std::rc::Rc::new(std::cell::RefCell::new(
                None::<gloo_timers::callback::Timeout>,
            ));
            let count = std::rc::Rc::new(std::cell::Cell::new(0u32));
            let on_resize = Closure::<dyn FnMut()>::new(move || {
                let tick = tick.clone();
                let count = count.clone();
                *pending.borrow_mut() = Some(gloo_timers::callback::Timeout::new(100, move || {
                    count.set(count.get().wrapping_add(1));
                    tick.set(count.get());
                }));
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w
                    .add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "resize",
                        on_resize.as_ref().unchecked_ref(),
                    );
                }
                drop(on_resize);
            }
        });
    }
    *tick
}
