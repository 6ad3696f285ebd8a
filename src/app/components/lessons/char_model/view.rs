use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::top5_bars::Top5Bars;
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::data::Alphabet;
use crate::lessons::char_model::{
    AlphabetChoice, CharAnswer, CharDetail, CharRequest, GenerateOptions, Sampling,
};
use crate::lessons::{ExampleRef, InspectionDetail, LessonOptions, View, ViewRequest};
use crate::ui::i18n::{Text, Tr};
use crate::worker::messages::ToWorker;

/// Temperature 0: always the most likely character.
const GREEDY: Tr = Tr::new("greedy", "가장 확률 높은 글자");

const READS: Tr = Tr::new("reads", "입력");
const SHOULD: Tr = Tr::new("next should be", "다음 정답");
const PREDICTS: Tr = Tr::new("predicts", "예측");

/// Characters outside the course alphabet, for the offer to extend it.
fn unknown_for_course(text: &str) -> Vec<char> {
    Alphabet::course().unknown_chars(text)
}

/// The character lesson: the text with what the model predicts at each position, generation
/// from the start token or a prompt, and the text itself (editable).
#[component]
pub fn CharView() -> Html {
    let app = use_app();
    let selected = use_state(|| 0usize);
    let prompt = use_state(String::new);
    let temperature = use_state(|| 0.0f64);
    let draft_text = use_state(|| None::<String>);
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

    let steps = match app.state.inspection.as_deref().map(|i| &i.detail) {
        Some(InspectionDetail::CharModel(CharDetail { steps })) => steps.clone(),
        _ => Vec::new(),
    };
    let sel = (*selected).min(steps.len().saturating_sub(1));
    let strip = steps.iter().enumerate().map(|(i, st)| {
        let selected = selected.clone();
        let onclick = Callback::from(move |_| selected.set(i));
        html! {
            <button class={classes!("sym", st.correct.then_some("ok"), (!st.correct).then_some("wrong"), (i == sel).then_some("selected"))}
                title={format!("{} t = {}: {} {:?} · {} {:?} · {} {:?}", if st.correct { "✓" } else { "✗" }, st.t, app.l(READS), st.input, app.l(SHOULD), st.target, app.l(PREDICTS), st.predicted)}
                data-t={i.to_string()} {onclick}>{ &st.input }</button>
        }
    });
    let detail = steps.get(sel).map(|st| html! {
        <div class="char-detail">
            <p>{ format!("t = {} · {} ", st.t, app.l(READS)) }<b>{ &st.input }</b>{ format!(" · {} ", app.l(SHOULD)) }<b>{ &st.target }</b></p>
            <Top5Bars candidates={st.top5.clone()} target={Some(st.target.clone())} />
        </div>
    });
    let correct = steps.iter().filter(|s| s.correct).count();

    let generated = app.state.views.find(|v| match v {
        View::CharModel(CharAnswer::Generated(g)) => Some(g.clone()),
        _ => None,
    });
    let memorised = generated
        .as_ref()
        .is_some_and(|g| g.prompt.is_empty() && g.ended && g.text == options.text);

    let on_prompt = {
        let prompt = prompt.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            prompt.set(input.value());
        })
    };
    let on_temperature = {
        let temperature = temperature.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            temperature.set(input.value().parse().unwrap_or(0.0));
        })
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
    let unknown = if options.alphabet == AlphabetChoice::Course {
        unknown_for_course(&text_now)
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

    html! { <>
        <section class="panel lesson-view char-view" data-testid="char-view">
            <h2>{ app.t(Text::TheText) }</h2>
            <div class="char-strip" data-testid="char-strip" aria-label={app.t(Text::TheText)}>{ for strip }</div>
            if !steps.is_empty() {
                <p class="hint" data-testid="char-correct">{ format!("{correct} / {} {}", steps.len(), app.t(Text::PredictedRight)) }</p>
            }
            { for detail }
            <h3>{ app.t(Text::Generate) }</h3>
            <div class="gen-controls">
                <label class="inline">{ app.t(Text::Prompt) }
                    <input type="text" data-testid="gen-prompt" placeholder="hello" data-lang-neutral="" onchange={on_prompt} maxlength="100" />
                </label>
                <label class="inline">{ format!("{} {}", app.t(Text::Temperature), if *temperature <= 0.0 { format!("0 ({})", app.l(GREEDY)) } else { format!("{:.2}", *temperature) }) }
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
        </section>
        <crate::app::components::memory_limit::MemoryLimit />
    </> }
}
