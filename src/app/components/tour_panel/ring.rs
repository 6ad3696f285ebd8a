//! Follows the step's target: scrolls it into the part of the viewport the card leaves free
//! once when it appears, keeps the ring on it while the page reflows (a chart grows, a view
//! appears after the first trace), and moves the card off it. The decisions are
//! `ui::tour_follow`'s; this hook measures every 300 ms and applies them.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::measure::{mark_target, ring_around, scene, scroll_page, target_element, Ring};
use crate::ui::tour_follow::{Follow, Next};
use crate::ui::tour_layout::{Placement, Rect};

/// The ring and where the card goes, as last measured.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Layout {
    pub ring: Option<Ring>,
    pub card: Option<Placement>,
}

#[hook]
pub fn use_ring(step: Option<(usize, &'static str)>, card: NodeRef, presenter: bool) -> Layout {
    let layout = use_state(Layout::default);
    {
        let layout = layout.clone();
        // Every step scrolls to its target, also one that rings the same part as the last.
        use_effect_with((step, presenter), move |&(step, presenter)| {
            let target = step.map(|(_, target)| target);
            let timer = target.map(|testid| {
                let mut follow = Follow::new(layout.card);
                let mut shown = *layout;
                let mut update = move || {
                    follow.tick();
                    let found = target_element(testid).and_then(|(el, id)| {
                        if !follow.scrolled() {
                            // A part folded away in a closed <details> is opened to be seen.
                            while let Ok(Some(d)) = el.closest("details:not([open])") {
                                if d.set_attribute("open", "").is_err() {
                                    break;
                                }
                            }
                        }
                        mark_target(Some(&el));
                        Some((ring_around(&el, id)?, el))
                    });
                    let Some((ring, el)) = found else {
                        if shown.ring.is_some() {
                            shown.ring = None;
                            layout.set(shown);
                        }
                        return;
                    };
                    let r = el.get_bounding_client_rect();
                    let now = Rect::new(r.left(), r.top(), r.width(), r.height());
                    let scroll_y = web_sys::window()
                        .and_then(|w| w.scroll_y().ok())
                        .unwrap_or(0.0);
                    let corner = follow.corner();
                    match follow.observe(now, scroll_y) {
                        Next::Start => {
                            if let Some(s) = scene(&el, &card, presenter, corner, true) {
                                scroll_page(follow.started(&s));
                            }
                        }
                        Next::Keep { reflowed } => {
                            if let Some(s) = scene(&el, &card, presenter, corner, false) {
                                scroll_page(follow.keep(&s, reflowed));
                            }
                        }
                        Next::Wait => {}
                    }
                    let next = Layout {
                        ring: Some(ring),
                        card: follow.placed(),
                    };
                    if shown != next {
                        shown = next;
                        layout.set(next);
                    }
                };
                update();
                Interval::new(300, update)
            });
            move || {
                drop(timer);
                mark_target(None);
            }
        });
    }
    *layout
}
