//! The guided lesson: a card in the corner with the step's text, a ring around the part of the
//! page it is about, and "predict, then see" questions answered from the live model. It never
//! covers or blocks the controls: the class does what the step says with the real buttons.

mod measure;
mod nav;
mod offers;
mod question;
mod ring;
mod toggle;

use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::keys::use_shortcuts;
use crate::app::state::Action;
use crate::ui::i18n::Text;
use crate::ui::shortcuts::Shortcut;
use nav::TourNav;
use offers::{claim, preset_offer};
use question::question;
use ring::use_ring;
pub use toggle::TourToggle;

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
    let close = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::TourClose))
    };
    let ring_html = layout.ring.map(|r| {
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
                        title={app.t(Text::TourClose)} onclick={close}>{ "×" }</button>
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
                <TourNav {n} />
            </aside>
        </>
    }
}
