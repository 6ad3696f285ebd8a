//! A step's "predict, then see" question: the answers to pick from, then what the live model
//! says.

use yew::prelude::*;

use crate::app::context::AppContext;
use crate::app::state::Action;
use crate::ui::i18n::{Text, Tr};
use crate::ui::tour::{answer, TourStep};

/// The step's question: the answers to pick from, then what the live model says.
pub fn question(app: &AppContext, step: &TourStep) -> Html {
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
