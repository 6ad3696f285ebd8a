//! The timestep stepper: back, a slider, forward, where the cursor stands and its input, and
//! play-through.

use yew::prelude::*;

use crate::app::context::use_app;
use crate::ui::cursor::CursorAction;
use crate::ui::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct StepperProps {
    /// The selected timestep, of `steps` (at least one).
    pub t: usize,
    pub steps: usize,
    pub playing: bool,
    /// The input read at `t`.
    pub input: AttrValue,
    pub on_cursor: Callback<CursorAction>,
}

#[component]
pub fn Stepper(props: &StepperProps) -> Html {
    let app = use_app();
    let (t, steps, playing) = (props.t, props.steps, props.playing);
    let on = |a: CursorAction| props.on_cursor.reform(move |_: MouseEvent| a);
    let on_slider = {
        let on_cursor = props.on_cursor.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<usize>() {
                on_cursor.emit(CursorAction::Set(v));
            }
        })
    };
    let play = if playing {
        CursorAction::Stop
    } else {
        CursorAction::Play
    };
    html! {
        <div class="stepper" role="group" aria-label={app.t(Text::Timestep)}>
            <button type="button" data-testid="timestep-prev" title={app.t(Text::InPrev)}
                aria-label={app.t(Text::InPrev)} onclick={on(CursorAction::Prev)} disabled={t == 0}>{ "◀" }</button>
            <label class="inline stepper-slider">
                <span>{ app.t(Text::Timestep) }</span>
                <input type="range" min="0" max={(steps - 1).to_string()} step="1"
                    value={t.to_string()} data-testid="timestep-slider" oninput={on_slider}
                    aria-label={app.t(Text::Timestep)}
                    aria-valuetext={format!("t = {t}")} />
            </label>
            <button type="button" data-testid="timestep-next" title={app.t(Text::InNext)}
                aria-label={app.t(Text::InNext)} onclick={on(CursorAction::Next)} disabled={t + 1 >= steps}>{ "▶" }</button>
            <output class="stepper-readout" data-testid="timestep-readout" data-t={t.to_string()}>
                { format!("t = {t} / {}", steps - 1) }
                <span class="stepper-input">{ format!(" · {} “{}”", app.t(Text::InInput), props.input) }</span>
            </output>
            <button type="button" data-testid="timestep-play" onclick={on(play)}
                aria-pressed={playing.to_string()}>
                { if playing { app.t(Text::InStop) } else { app.t(Text::InPlayThrough) } }
            </button>
        </div>
    }
}
