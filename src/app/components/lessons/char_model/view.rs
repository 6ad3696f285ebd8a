//! The character lesson: the text with what the model predicts at each position
//! (`reading.rs`), generation from the start token or a prompt (`generation.rs`), and the text
//! itself, editable (`text_editor.rs`).

use yew::prelude::*;

use super::generation::Generation;
use super::reading::CharReading;
use super::text_editor::TextEditor;
use crate::app::context::use_app;
use crate::lessons::char_model::{CharRequest, GenerateOptions, Sampling};
use crate::lessons::{ExampleRef, LessonOptions, ViewRequest};
use crate::ui::i18n::Text;
use crate::worker::messages::ToWorker;

#[component]
pub fn CharView() -> Html {
    let app = use_app();
    let prompt = use_state(String::new);
    let temperature = use_state(|| 0.0f64);
    // Ask for a generation whenever the model or the generation settings change; the worker
    // refreshes it while training runs.
    {
        let send = app.send.clone();
        let summary = app.state.summary.clone();
        use_effect_with(
            ((*prompt).clone(), temperature.to_bits(), summary),
            move |(prompt, t, _)| {
                let t = f64::from_bits(*t);
                let sampling = if t <= 0.0 {
                    Sampling::Greedy
                } else {
                    Sampling::Temperature {
                        temperature: t,
                        seed: 1,
                    }
                };
                let request = CharRequest::Generate(GenerateOptions {
                    prompt: prompt.clone(),
                    max_len: 200,
                    sampling,
                });
                send.emit(ToWorker::View(ViewRequest::CharModel(request)));
            },
        );
    }
    // Follow the whole text (the worker keeps following it across rebuilds).
    {
        let send = app.send.clone();
        use_effect_with(app.state.open_generation, move |_| {
            send.emit(ToWorker::Inspect(ExampleRef::Span {
                start: 0,
                len: None,
            }));
        });
    }
    let LessonOptions::CharModel(options) = &app.state.options else {
        return html! {};
    };
    let on_prompt = {
        let prompt = prompt.clone();
        Callback::from(move |v: String| prompt.set(v))
    };
    let on_temperature = {
        let temperature = temperature.clone();
        Callback::from(move |v: f64| temperature.set(v))
    };
    html! { <>
        <section class="panel lesson-view char-view" data-testid="char-view">
            <h2>{ app.t(Text::TheText) }</h2>
            <CharReading />
            <Generation temperature={*temperature} text={options.text.clone()} {on_prompt} {on_temperature} />
            <TextEditor />
        </section>
        <crate::app::components::memory_limit::MemoryLimit />
    </> }
}
