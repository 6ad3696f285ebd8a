//! The graph's two behaviours in time: the backward sweep ("Play backward") and keeping the
//! selected timestep, or the sweep's front, scrolled into view.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::bptt_layout::{GraphLayout, Reading};

/// Where the backward sweep stands (`None`: not playing, every step shown) and the button's
/// callback that starts it from the last timestep read.
#[hook]
pub fn use_backward_sweep(reading: Reading) -> (Option<usize>, Callback<MouseEvent>) {
    let front = use_state(|| None::<usize>);
    let timer = use_mut_ref(|| None::<Interval>);
    let play = {
        let front = front.clone();
        Callback::from(move |_| {
            let start = reading.sweep_start();
            front.set(Some(start));
            let front2 = front.clone();
            let pos = Rc::new(Cell::new(start));
            let timer2 = timer.clone();
            *timer.borrow_mut() = Some(Interval::new(reading.sweep_every_ms(), move || {
                match reading.sweep_after(pos.get()) {
                    Some(n) => {
                        pos.set(n);
                        front2.set(Some(n));
                    }
                    None => {
                        front2.set(None);
                        // Dropping the interval from inside its own callback is fine: it is
                        // cancelled on drop.
                        timer2.borrow_mut().take();
                    }
                }
            }));
        })
    };
    (*front, play)
}

/// Scrolls the graph so that timestep `focus` is in view, whenever it changes.
#[hook]
pub fn use_keep_in_view(scroller: NodeRef, steps: usize, focus: usize) {
    let g = GraphLayout::new(steps, 1);
    use_effect_with(focus, move |t| {
        let t = *t;
        let scroll = move || {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                let (left, width) = (el.scroll_left() as f64, el.client_width() as f64);
                if let Some(to) = g.scroll_to(t, left, width) {
                    el.set_scroll_left(to as i32);
                }
            }
        };
        // Measure in the next frame: reading the scroll position inside this render would
        // force a synchronous layout of the whole page (60 ms when a lesson opens).
        match web_sys::window() {
            Some(w) => {
                let frame = wasm_bindgen::closure::Closure::once_into_js(scroll);
                let _ = w.request_animation_frame(frame.unchecked_ref());
            }
            None => scroll(),
        }
    });
}
