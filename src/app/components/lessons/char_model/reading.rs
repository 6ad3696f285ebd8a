//! The text as the model reads it: each character coloured by whether the next one was
//! predicted right, and for the chosen position what it read, what should come and the five
//! most likely next characters.

use yew::prelude::*;

use super::top5_bars::Top5Bars;
use crate::app::context::use_app;
use crate::lessons::char_model::CharDetail;
use crate::lessons::InspectionDetail;
use crate::ui::i18n::{Text, Tr};

const READS: Tr = Tr::new("reads", "입력");
const SHOULD: Tr = Tr::new("next should be", "다음 정답");
const PREDICTS: Tr = Tr::new("predicts", "예측");

#[component]
pub fn CharReading() -> Html {
    let app = use_app();
    let selected = use_state(|| 0usize);
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
    html! {
        <>
            <div class="char-strip" data-testid="char-strip" aria-label={app.t(Text::TheText)}>{ for strip }</div>
            if !steps.is_empty() {
                <p class="hint" data-testid="char-correct">{ format!("{correct} / {} {}", steps.len(), app.t(Text::PredictedRight)) }</p>
            }
            { for detail }
        </>
    }
}
