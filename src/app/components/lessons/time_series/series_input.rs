use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::state::Action;
use crate::data::series::parse_values;
use crate::lessons::time_series::SeriesSource;
use crate::lessons::LessonOptions;
use crate::ui::i18n::Text;

/// Numbers the user pastes or loads as one CSV column, checked before the model is rebuilt.
#[component]
pub fn SeriesInput() -> Html {
    let app = use_app();
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    let use_numbers = {
        let app = app.clone();
        let text = text.clone();
        let error = error.clone();
        Callback::from(move |_| {
            let LessonOptions::TimeSeries(mut o) = app.state.options.clone() else {
                return;
            };
            match parse_values(&text) {
                Ok(values) if values.len() < o.window + 2 => error.set(Some(format!(
                    "{} numbers are too few for windows of {}: give at least {}.",
                    values.len(),
                    o.window,
                    o.window + 2
                ))),
                Ok(values) => {
                    error.set(None);
                    o.source = SeriesSource::Values(values);
                    app.dispatch(Action::SetOptions(LessonOptions::TimeSeries(o)));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        })
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            text.set(area.value());
        })
    };
    let on_file = {
        let text = text.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(t) = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                {
                    text.set(t);
                }
            });
        })
    };
    html! {
        <details class="series-input">
            <summary>{ app.t(Text::OwnNumbers) }</summary>
            <textarea data-testid="series-text" rows="4" placeholder="1.5\n2.25\n3.0" value={(*text).clone()} oninput={on_text} />
            <div class="button-row">
                <label class="button secondary">{ app.t(Text::LoadCsv) }
                    <input type="file" accept=".csv,.txt,text/csv,text/plain" class="visually-hidden" onchange={on_file} />
                </label>
                <button data-testid="use-numbers" onclick={use_numbers}>{ app.t(Text::UseNumbers) }</button>
            </div>
            if let Some(e) = &*error { <p class="field-error" role="alert" data-testid="series-error">{ e }</p> }
        </details>
    }
}
