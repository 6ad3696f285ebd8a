//! The parts of a step's card that read the page's state: the preset it offers and the outcome
//! it states, checked on the live model.

use yew::prelude::*;

use crate::app::context::AppContext;
use crate::app::state::Action;
use crate::ui::claims::check;
use crate::ui::i18n::Text;
use crate::ui::tour::TourStep;

/// The step's preset, offered when another model is open and already trained (the step opens
/// it by itself over an untrained one).
pub fn preset_offer(app: &AppContext, step: &TourStep) -> Html {
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
pub fn claim(app: &AppContext, step: &TourStep) -> Html {
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
