use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::components::number_field::{check_number, use_written_value};
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::train::{optimizer_lr, with_lr};
use crate::ui::format::short_number;
use crate::ui::i18n::{tr, Text};
use crate::ui::url::limits;

/// Learning rate: a log-scale slider (1e-5 … 1) plus an exact entry.
#[component]
pub fn LrField() -> Html {
    let app = use_app();
    let error = use_state(|| None::<String>);
    let lr = optimizer_lr(&app.state.settings.optimizer);
    let slider_ref = use_node_ref();
    let exact_ref = use_node_ref();
    // Uncontrolled inputs: written only when the learning rate changes.
    use_written_value(slider_ref.clone(), lr.log10().to_string());
    use_written_value(exact_ref.clone(), short_number(lr));
    let set = {
        let app = app.clone();
        move |v: f64| {
            let mut st = app.state.settings.clone();
            st.optimizer = with_lr(&st.optimizer, v);
            app.dispatch(Action::SetSettings(st));
        }
    };
    let on_slider = {
        let set = set.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(exp) = input.value().parse::<f64>() {
                // Round to 2 significant digits so slider values read well.
                let v = 10f64.powf(exp);
                let mag = 10f64.powf(v.log10().floor() - 1.0);
                set((v / mag).round() * mag);
            }
        })
    };
    let on_exact = {
        let error = error.clone();
        let lang = app.state.lang;
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match check_number(lang, &input.value(), limits::LR.0, limits::LR.1, false) {
                Ok(v) => {
                    error.set(None);
                    set(v);
                }
                Err(m) => error.set(Some(format!("{}: {m}", tr(lang, Text::LearningRate)))),
            }
        })
    };
    html! {
        <div class="field" title={app.t(Text::LearningRateTip)}>
            <label for="lr-exact">{ app.t(Text::LearningRate) }{ " " }<output>{ short_number(lr) }</output></label>
            <div class="lr-row">
                <input type="range" aria-label={app.t(Text::LearningRate)} min="-5" max="0" step="0.05"
                    ref={slider_ref} oninput={on_slider} data-testid="learning-rate-slider" />
                <input id="lr-exact" ref={exact_ref} type="text" inputmode="decimal" data-testid="learning-rate"
                    onchange={on_exact} aria-invalid={error.is_some().to_string()}
                    aria-describedby="lr-err" />
            </div>
            <span class="field-error" id="lr-err" role="alert">{ (*error).clone().unwrap_or_default() }</span>
        </div>
    }
}
