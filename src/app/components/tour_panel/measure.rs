//! What the guided lesson measures and changes in the page: the element a step is about, the
//! ring around it, the scene its card is placed in (`ui::tour_layout`), the page's scroll.

use yew::NodeRef;

use crate::ui::tour_layout::{Corner, Rect as LayoutRect, Scene};

/// Where the ring goes, in page coordinates (CSS pixels), and the `data-testid` it rings.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ring {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    pub target: &'static str,
}

/// The element a step is about: the first of its `data-testid`s (`a|b`: `b` until `a` is
/// drawn) on the page, or the label around it for a field.
pub fn target_element(targets: &'static str) -> Option<(web_sys::Element, &'static str)> {
    let doc = web_sys::window()?.document()?;
    targets.split('|').find_map(|testid| {
        let el = doc
            .query_selector(&format!("[data-testid=\"{testid}\"]"))
            .ok()??;
        if matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA") {
            if let Ok(Some(label)) = el.closest("label") {
                return Some((label, testid));
            }
        }
        Some((el, testid))
    })
}

/// The ring around `el`, 6 px outside it, in page coordinates.
pub fn ring_around(el: &web_sys::Element, target: &'static str) -> Option<Ring> {
    let w = web_sys::window()?;
    let r = el.get_bounding_client_rect();
    if r.width() <= 0.0 && r.height() <= 0.0 {
        return None; // hidden (a closed details, a view not drawn yet)
    }
    let (sx, sy) = (w.scroll_x().ok()?, w.scroll_y().ok()?);
    Some(Ring {
        left: r.left() + sx - 6.0,
        top: r.top() + sy - 6.0,
        width: r.width() + 12.0,
        height: r.height() + 12.0,
        target,
    })
}

/// Marks the element the tour rings (`data-tour-target`), and only it.
pub fn mark_target(el: Option<&web_sys::Element>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(marked) = doc.query_selector_all("[data-tour-target]") {
        for i in 0..marked.length() {
            if let Some(m) = marked
                .item(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            {
                if el != Some(&m) {
                    let _ = m.remove_attribute("data-tour-target");
                }
            }
        }
    }
    if let Some(el) = el {
        if !el.has_attribute("data-tour-target") {
            let _ = el.set_attribute("data-tour-target", "");
        }
    }
}

/// What the card's placement depends on, measured now (`None` until the card is drawn).
pub fn scene(
    el: &web_sys::Element,
    card: &NodeRef,
    presenter: bool,
    current: Option<Corner>,
    recenter: bool,
) -> Option<Scene> {
    let w = web_sys::window()?;
    let doc = w.document()?;
    let root = doc.document_element()?;
    let card_el = card.cast::<web_sys::Element>()?;
    let card = card_el.get_bounding_client_rect();
    // Its own height, also while a shorter one is set: the border box plus what scrolls (its
    // text, and the card itself when even the fixed parts do not fit).
    let hidden = |e: &web_sys::Element| f64::from(e.scroll_height() - e.client_height()).max(0.0);
    let body = card_el.query_selector(".tour-body").ok().flatten();
    let card_height = card.height() + hidden(&card_el) + body.as_ref().map_or(0.0, hidden);
    let t = el.get_bounding_client_rect();
    // Presenter mode's run bar stays across the top of the viewport.
    let top_inset = if presenter {
        doc.query_selector(".app.presenter .controls")
            .ok()
            .flatten()
            .map_or(0.0, |c| c.get_bounding_client_rect().height())
    } else {
        0.0
    };
    let (vw, vh) = (root.client_width() as f64, root.client_height() as f64);
    let scroll_y = w.scroll_y().ok()?;
    // The run bar's buttons, which steps ask to press (presenter mode keeps them in its bar).
    let controls = (!presenter)
        .then(|| {
            doc.query_selector(".control-group.run .button-row")
                .ok()
                .flatten()
        })
        .flatten()
        .map(|c| {
            let r = c.get_bounding_client_rect();
            LayoutRect::new(r.left(), r.top(), r.width(), r.height())
        });
    Some(Scene {
        viewport_width: vw,
        viewport_height: vh,
        top_inset,
        target: LayoutRect::new(t.left(), t.top(), t.width(), t.height()),
        card_width: card.width(),
        card_height,
        scroll_up: scroll_y,
        scroll_down: (root.scroll_height() as f64 - vh - scroll_y).max(0.0),
        controls,
        current,
        recenter,
    })
}

/// Scrolls the page by `dy` pixels, smoothly (at once for a reader who asked for less motion).
pub fn scroll_page(dy: f64) {
    if dy.abs() < 1.0 {
        return;
    }
    if let Some(w) = web_sys::window() {
        let opts = web_sys::ScrollToOptions::new();
        opts.set_top(w.scroll_y().unwrap_or(0.0) + dy);
        opts.set_behavior(if crate::app::reduced_motion() {
            web_sys::ScrollBehavior::Instant
        } else {
            web_sys::ScrollBehavior::Smooth
        });
        w.scroll_to_with_scroll_to_options(&opts);
    }
}
