use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::app::context::use_app;
use crate::data::series::parse_values;
use crate::lessons::time_series::{SeriesOptions, SeriesSource};
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
            let o = super::options(&app);
            // Checked like every other series change: too few numbers for the window, a value
            // that is not a number… are refused with the reason, and nothing changes.
            let result = parse_values(&text)
                .map_err(|e| e.to_string())
                .and_then(|values| {
                    super::apply(
                        &app,
                        SeriesOptions {
                            source: SeriesSource::Values(values),
                            validation_fraction: 0.0,
                            ..o
                        },
                    )
                });
            error.set(result.err());
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
