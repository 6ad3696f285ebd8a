//! The training text, editable: a text too short is refused, characters outside the course
//! alphabet are named with the offer to use the text's own alphabet.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::state::Action;
use crate::data::Alphabet;
use crate::lessons::char_model::AlphabetChoice;
use crate::lessons::LessonOptions;
use crate::ui::i18n::Text;

#[component]
pub fn TextEditor() -> Html {
    let app = use_app();
    let draft_text = use_state(|| None::<String>);
    let LessonOptions::CharModel(options) = &app.state.options else {
        return html! {};
    };
    let on_text_input = {
        let draft_text = draft_text.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            draft_text.set(Some(area.value()));
        })
    };
    let text_now = (*draft_text)
        .clone()
        .unwrap_or_else(|| options.text.clone());
    // Characters outside the course alphabet, for the offer to extend it.
    let unknown = if options.alphabet == AlphabetChoice::Course {
        Alphabet::course().unknown_chars(&text_now)
    } else {
        Vec::new()
    };
    let too_short = text_now.chars().count() < 2;
    let apply_text = |alphabet: AlphabetChoice| {
        let app = app.clone();
        let draft_text = draft_text.clone();
        let text = text_now.clone();
        Callback::from(move |_| {
            if let LessonOptions::CharModel(mut o) = app.state.options.clone() {
                o.text = text.clone();
                o.alphabet = alphabet.clone();
                app.dispatch(Action::SetOptions(LessonOptions::CharModel(o)));
                draft_text.set(None);
            }
        })
    };
    let changed = draft_text.as_ref().is_some_and(|t| *t != options.text);
    html! {
        <details class="text-editor">
            <summary>{ app.t(Text::ChangeText) }</summary>
            <textarea data-testid="text-input" rows="3" value={text_now.clone()} oninput={on_text_input} maxlength="20000" />
            if too_short {
                <p class="field-error" role="alert">{ app.t(Text::TextTooShort) }</p>
            } else if !unknown.is_empty() {
                <div class="field-error" role="alert" data-testid="unknown-chars">
                    { format!("{}: {}", app.t(Text::NotInAlphabet), unknown.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", ")) }
                    <button data-testid="extend-alphabet" onclick={apply_text(AlphabetChoice::FromText)}>{ app.t(Text::UseTextAlphabet) }</button>
                </div>
            } else if changed {
                <button data-testid="use-text" onclick={apply_text(options.alphabet.clone())}>{ app.t(Text::UseThisText) }</button>
            }
        </details>
    }
}
