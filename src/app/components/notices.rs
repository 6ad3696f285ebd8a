use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::state::Action;
use crate::ui::i18n::Text;
use crate::worker::messages::Level;

/// Messages that need the user's attention (refused input, divergence, link problems).
#[component]
pub fn Notices() -> Html {
    let app = use_app();
    html! {
        <div class="notices" aria-live="assertive" data-testid="notices">
            { for app.state.notices.iter().map(|n| {
                let id = n.id;
                let dismiss = {
                    let app = app.clone();
                    Callback::from(move |_| app.dispatch(Action::Dismiss(id)))
                };
                let class = match n.level { Level::Info => "info", Level::Warning => "warning", Level::Error => "error" };
                html! {
                    <div class={classes!("notice", class)} role="alert" data-testid="notice">
                        <span>{ n.text.get(app.state.lang) }</span>
                        <button class="dismiss" aria-label={app.t(Text::Dismiss)} onclick={dismiss}>{ "×" }</button>
                    </div>
                }
            }) }
        </div>
    }
}
