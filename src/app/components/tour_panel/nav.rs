//! The card's foot: back, a numbered dot per step, next (finish on the last step).

use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::state::Action;
use crate::ui::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct TourNavProps {
    /// The step shown (0-based).
    pub n: usize,
}

#[component]
pub fn TourNav(props: &TourNavProps) -> Html {
    let app = use_app();
    let steps = app.state.lesson.tour();
    let (n, last) = (props.n, steps.len().saturating_sub(1));
    let go = |to: usize| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::TourStep(to)))
    };
    let close = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::TourClose))
    };
    html! {
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
    }
}
