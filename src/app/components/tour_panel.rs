//! The guided lesson: a card in the corner with the step's text, a ring around the part of the
//! page it is about, and "predict, then see" questions answered from the live model. It never
//! covers or blocks the controls: the class does what the step says with the real buttons.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::keys::use_shortcuts;
use crate::app::state::Action;
use crate::ui::claims::check;
use crate::ui::i18n::{Text, Tr};
use crate::ui::shortcuts::Shortcut;
use crate::ui::tour::{answer, TourStep};
use crate::ui::tour_layout::{place, Corner, Placement, Rect as LayoutRect, Scene};

/// Where the ring goes, in page coordinates (CSS pixels), and the `data-testid` it rings.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Ring {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    target: &'static str,
}

/// The element a step is about: the first of its `data-testid`s (`a|b`: `b` until `a` is
/// drawn) on the page, or the label around it for a field.
fn target_element(targets: &'static str) -> Option<(web_sys::Element, &'static str)> {
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
fn ring_around(el: &web_sys::Element, target: &'static str) -> Option<Ring> {
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
fn mark_target(el: Option<&web_sys::Element>) {
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

/// The ring and where the card goes, as last measured.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Layout {
    ring: Option<Ring>,
    card: Option<Placement>,
}

/// What the card's placement depends on, measured now (`None` until the card is drawn).
fn scene(
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
fn scroll_page(dy: f64) {
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

/// Follows the step's target: scrolls it into the part of the viewport the card leaves free
/// once when it appears, keeps the ring on it while the page reflows (a chart grows, a view
/// appears after the first trace), and moves the card off it (`ui::tour_layout`).
#[hook]
fn use_ring(step: Option<(usize, &'static str)>, card: NodeRef, presenter: bool) -> Layout {
    let layout = use_state(Layout::default);
    {
        let layout = layout.clone();
        // Every step scrolls to its target, also one that rings the same part as the last.
        use_effect_with((step, presenter), move |&(step, presenter)| {
            let target = step.map(|(_, target)| target);
            let timer = target.map(|testid| {
                let mut scrolled = false;
                // Measures since the step started, the target's last box, and the scrolls made
                // to free it after the first (a reflow while the step settles).
                let mut ticks = 0u32;
                let mut last: Option<(f64, f64, f64, f64)> = None;
                let mut corrections = 0u32;
                // The target's place in the page (its top plus the scroll): it changes when the
                // page reflows, not when the reader scrolls.
                let mut anchor: Option<f64> = None;
                let mut placed = layout.card;
                let mut shown = *layout;
                let update = move || {
                    ticks += 1;
                    let found = target_element(testid).and_then(|(el, id)| {
                        if !scrolled {
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
                    let now = (r.left(), r.top(), r.width(), r.height());
                    // Still moving (a smooth scroll, a chart growing): the card waits.
                    let stable = last.is_some_and(|l| {
                        (l.0 - now.0).abs() < 1.0
                            && (l.1 - now.1).abs() < 1.0
                            && (l.2 - now.2).abs() < 1.0
                            && (l.3 - now.3).abs() < 1.0
                    });
                    last = Some(now);
                    let current = placed.map(|p| p.corner);
                    let page_y = now.1
                        + web_sys::window()
                            .and_then(|w| w.scroll_y().ok())
                            .unwrap_or(0.0);
                    let reflowed = anchor.is_some_and(|a: f64| (a - page_y).abs() >= 1.0);
                    anchor = Some(page_y);
                    if !scrolled {
                        if let Some(s) = scene(&el, &card, presenter, current, true) {
                            scrolled = true;
                            let p = place(&s);
                            scroll_page(p.scroll_by);
                            placed = Some(p);
                            last = None;
                        }
                    } else if stable {
                        if let Some(s) = scene(&el, &card, presenter, current, false) {
                            // While the step settles, or after the page reflowed (never after
                            // the reader scrolled), a target pushed out of view or under the card
                            // is brought back as at the step's start.
                            let settling = (ticks <= 14 || reflowed) && corrections < 4;
                            let away = s.target.bottom() <= s.top_inset
                                || s.target.top >= s.viewport_height;
                            let mut p = place(&s);
                            if settling && (away || !p.clear) {
                                p = place(&Scene {
                                    recenter: true,
                                    ..s
                                });
                                if p.scroll_by.abs() >= 1.0 {
                                    corrections += 1;
                                    scroll_page(p.scroll_by);
                                    last = None;
                                }
                            }
                            placed = Some(p);
                        }
                    }
                    let next = Layout {
                        ring: Some(ring),
                        card: placed,
                    };
                    if shown != next {
                        shown = next;
                        layout.set(next);
                    }
                };
                let mut update = update;
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

/// The guided lesson's card and ring, while a tour is open.
#[component]
pub fn TourPanel() -> Html {
    let app = use_app();
    let steps = app.state.lesson.tour();
    let current = app.state.tour.filter(|&n| n < steps.len());
    let card = use_node_ref();
    let layout = use_ring(
        current.map(|n| (n, steps[n].target)),
        card.clone(),
        app.state.presenter,
    );
    let ring = layout.ring;
    crate::app::focus::use_focus_on_toggle(current.is_some(), card.clone(), "tour-start");

    // PageDown / PageUp (what a presentation clicker sends) move through the steps; in
    // presenter mode → and ← do too (the timestep buttons stay on screen).
    {
        let state = app.state.clone();
        use_shortcuts(move |action| {
            let Some(n) = state.tour else { return false };
            let last = state.lesson.tour().len().saturating_sub(1);
            let (next, back) = match action {
                Shortcut::TourNext => (true, false),
                Shortcut::TourBack => (false, true),
                Shortcut::NextTimestep if state.presenter => (true, false),
                Shortcut::PrevTimestep if state.presenter => (false, true),
                _ => return false,
            };
            if next && n < last {
                state.dispatch(Action::TourStep(n + 1));
            } else if back && n > 0 {
                state.dispatch(Action::TourStep(n - 1));
            }
            true
        });
    }

    let Some(n) = current else {
        return html! {};
    };
    let step = steps[n];
    let go = |to: usize| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::TourStep(to)))
    };
    let close = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::TourClose))
    };
    let last = steps.len() - 1;
    let ring_html = ring.map(|r| {
        let style = format!(
            "left:{:.0}px;top:{:.0}px;width:{:.0}px;height:{:.0}px",
            r.left, r.top, r.width, r.height
        );
        html! { <div class="tour-ring" data-testid="tour-ring" data-target={r.target} {style} aria-hidden="true" /> }
    });
    // Docked where it leaves the target free; the stylesheet's corner until first measured.
    let card_style = layout.card.map(|p| {
        let short = p
            .max_height
            .map_or(String::new(), |h| format!(";max-height:{h:.0}px"));
        format!(
            "left:{:.0}px;top:{:.0}px;right:auto;bottom:auto{short}",
            p.card.left, p.card.top
        )
    });
    html! {
        <>
            { for ring_html }
            <aside class="tour" data-testid="tour" ref={card} style={card_style}
                data-corner={layout.card.map(|p| p.corner.name())} role="region" aria-label={app.t(Text::TourTitle)} aria-live="polite" tabindex="-1">
                <header class="tour-head">
                    <span class="tour-count" data-testid="tour-step" data-step={(n + 1).to_string()} data-target={step.target}>
                        { format!("{} · {} / {}", app.t(Text::TourTitle), n + 1, steps.len()) }
                    </span>
                    <button type="button" class="secondary tour-x" data-testid="tour-close" aria-label={app.t(Text::TourClose)}
                        title={app.t(Text::TourClose)} onclick={close.clone()}>{ "×" }</button>
                </header>
                // The text scrolls when the card is short; the claim and the buttons stay in view.
                <div class="tour-body" tabindex="0" aria-label={app.l(step.title)}>
                    <h2 class="tour-title">{ app.l(step.title) }</h2>
                    <p class="tour-text">{ app.l(step.text) }</p>
                    { preset_offer(&app, &step) }
                    { question(&app, &step) }
                    if let Some(action) = step.action {
                        <p class="tour-action" data-testid="tour-action">{ app.l(action) }</p>
                    }
                </div>
                { claim(&app, &step) }
                <nav class="tour-nav">
                    <button type="button" class="secondary" data-testid="tour-back" disabled={n == 0}
                        onclick={go(n.saturating_sub(1))} aria-keyshortcuts="PageUp">{ app.t(Text::TourBack) }</button>
                    <ol class="tour-dots">
                        { for (0..steps.len()).map(|k| html! {
                            <li>
                                <button type="button" class={classes!("tour-dot", (k == n).then_some("current"))}
                                    aria-current={(k == n).then_some("step")} onclick={go(k)}
                                    title={app.l(steps[k].title)}>{ k + 1 }</button>
                            </li>
                        }) }
                    </ol>
                    if n < last {
                        <button type="button" class="primary" data-testid="tour-next" onclick={go(n + 1)}
                            aria-keyshortcuts="PageDown">{ app.t(Text::TourNext) }</button>
                    } else {
                        <button type="button" class="primary" data-testid="tour-finish" onclick={close}>{ app.t(Text::TourFinish) }</button>
                    }
                </nav>
            </aside>
        </>
    }
}

/// The step's preset, offered when another model is open and already trained (the step opens
/// it by itself over an untrained one).
fn preset_offer(app: &crate::app::context::AppContext, step: &TourStep) -> Html {
    let Some(p) = step
        .set
        .preset
        .filter(|id| *id != app.state.preset_id)
        .and_then(crate::lessons::preset)
    else {
        return html! {};
    };
    let onclick = {
        let app = app.clone();
        let id = p.id.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::SelectPreset(id.clone())))
    };
    html! {
        <p class="tour-preset">
            <button type="button" data-testid="tour-open-preset" {onclick}>
                { format!("{} {}", app.t(Text::TourOpenPreset), p.name.get(app.state.lang)) }
            </button>
            <span class="hint">{ app.t(Text::TourReplaces) }</span>
        </p>
    }
}

/// The outcome the step states, checked on the live model: seen ✓ or not yet, with the numbers
/// that decided it.
fn claim(app: &crate::app::context::AppContext, step: &TourStep) -> Html {
    let Some(claim) = step.claim else {
        return html! {};
    };
    let c = check(claim, &crate::app::evidence::evidence(&app.state));
    let (class, head) = if c.holds {
        ("seen", app.t(Text::ClaimSeen))
    } else {
        ("not-yet", app.t(Text::ClaimNotYet))
    };
    html! {
        <p class={classes!("tour-claim", class)} data-testid="tour-claim" data-holds={c.holds.to_string()}>
            <strong>{ head }</strong>{ " " }{ c.said.get(app.state.lang).to_string() }
        </p>
    }
}

/// The step's question: the answers to pick from, then what the live model says.
fn question(app: &crate::app::context::AppContext, step: &TourStep) -> Html {
    let Some(ask) = step.ask else {
        return html! {};
    };
    let picked = app.state.tour_answer;
    let choice = |k: usize, text: Tr| {
        let onclick = {
            let app = app.clone();
            Callback::from(move |_: MouseEvent| app.dispatch(Action::TourAnswer(k)))
        };
        html! {
            <button type="button" class={classes!("tour-choice", (picked == Some(k)).then_some("picked"))}
                data-testid={format!("tour-choice-{k}")} aria-pressed={(picked == Some(k)).to_string()} {onclick}>
                { app.l(text) }
            </button>
        }
    };
    let lesson = app.state.lesson;
    let said = picked.map(|k| {
        let measured = app
            .state
            .inspection
            .as_ref()
            .filter(|i| i.lesson == lesson)
            .and_then(|i| answer(ask.reveal, i));
        match measured {
            Some(a) => html! {
                <p class={classes!("tour-answer", if a.right == k { "right" } else { "wrong" })}
                    data-testid="tour-answer" data-right={a.right.to_string()} data-value={a.value.to_string()}>
                    <strong>{ if a.right == k { app.t(Text::TourRight) } else { app.t(Text::TourNotYet) } }</strong>
                    { " " }{ a.said.get(app.state.lang).to_string() }
                    { " " }{ app.t(Text::TourLive) }
                </p>
            },
            None if app.state.inspection.is_some() => html! {
                <p class="tour-answer" data-testid="tour-answer">{ app.t(Text::TourNotInModel) }</p>
            },
            None => html! {
                <p class="tour-answer" data-testid="tour-answer">{ app.t(Text::TourNoTrace) }</p>
            },
        }
    });
    html! {
        <div class="tour-question" data-testid="tour-question">
            <p><strong>{ app.l(ask.question) }</strong></p>
            <div class="tour-choices" role="group">
                { for ask.choices.iter().enumerate().map(|(k, t)| choice(k, *t)) }
            </div>
            { for said }
        </div>
    }
}

/// The button that opens (or closes) the guided lesson, for the header.
#[component]
pub fn TourToggle() -> Html {
    let app = use_app();
    if app.state.lesson.tour().is_empty() {
        return html! {};
    }
    let open = app.state.tour.is_some();
    let onclick = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            app.dispatch(if open {
                Action::TourClose
            } else {
                Action::TourStep(0)
            })
        })
    };
    html! {
        <button class={if open { "secondary" } else { "primary" }} data-testid="tour-start"
            aria-pressed={open.to_string()} {onclick}>{ app.t(Text::TourStart) }</button>
    }
}
