//! The header's button that opens or closes the guided lesson.

use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::state::Action;
use crate::ui::i18n::Text;

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
