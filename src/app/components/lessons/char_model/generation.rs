//! Generation: the prompt and temperature, and the text the model writes from the start token
//! (or the prompt); "memorised" when it writes back the whole training text.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::context::use_app;
use crate::lessons::char_model::CharAnswer;
use crate::lessons::View;
use crate::ui::i18n::{Text, Tr};

/// Temperature 0: always the most likely character.
const GREEDY: Tr = Tr::new("greedy", "가장 확률 높은 글자");

#[derive(Properties, PartialEq)]
pub struct GenerationProps {
    pub temperature: f64,
    /// The text the model trains on.
    pub text: AttrValue,
    pub on_prompt: Callback<String>,
    pub on_temperature: Callback<f64>,
}

#[component]
pub fn Generation(props: &GenerationProps) -> Html {
    let app = use_app();
    let generated = app.state.views.find(|v| match v {
        View::CharModel(CharAnswer::Generated(g)) => Some(g.clone()),
        _ => None,
    });
    let memorised = generated
        .as_ref()
        .is_some_and(|g| g.prompt.is_empty() && g.ended && g.text == *props.text);
    let on_prompt = props.on_prompt.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    let on_temperature = props.on_temperature.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.value().parse().unwrap_or(0.0)
    });
    let temperature = props.temperature;
    html! {
        <>
            <h3>{ app.t(Text::Generate) }</h3>
            <div class="gen-controls">
                <label class="inline">{ app.t(Text::Prompt) }
                    <input type="text" data-testid="gen-prompt" placeholder="hello" data-lang-neutral="" onchange={on_prompt} maxlength="100" />
                </label>
                <label class="inline">{ format!("{} {}", app.t(Text::Temperature), if temperature <= 0.0 { format!("0 ({})", app.l(GREEDY)) } else { format!("{:.2}", temperature) }) }
                    <input type="range" min="0" max="2" step="0.05" value={temperature.to_string()} oninput={on_temperature} data-testid="gen-temperature" />
                </label>
            </div>
            <p class="generated" data-testid="generated" data-lang-neutral="">
                if let Some(g) = &generated {
                    <span class="prompt">{ "⟨s⟩" }{ &g.prompt }</span><span>{ &g.text }</span>
                    if g.ended { <span class="end">{ "⟨e⟩" }</span> }
                }
            </p>
            if memorised { <p class="memorised" data-testid="memorised">{ app.t(Text::Memorised) }</p> }
        </>
    }
}
