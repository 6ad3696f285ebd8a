use yew::prelude::*;

use super::token_strip::verdict;
use crate::app::context::use_app;
use crate::lessons::sentiment::ReviewReport;
use crate::ui::i18n::{Text, Tr};

const CONFUSION: Tr = Tr::new(
    "Test reviews: true label (rows) against prediction (columns)",
    "테스트 리뷰: 정답(행)과 예측(열)",
);
const REVIEWS: Tr = Tr::new("reviews", "개 리뷰");
const NEG: Tr = Tr::new("negative", "부정");
const POS: Tr = Tr::new("positive", "긍정");
const WRONG: Tr = Tr::new(
    "Misclassified test reviews (click one to read it)",
    "잘못 분류된 테스트 리뷰 (누르면 읽습니다)",
);

#[derive(Properties, PartialEq)]
pub struct ReviewReportProps {
    pub report: ReviewReport,
    /// A misclassified review was picked (its index in the test set).
    pub on_pick: Callback<usize>,
}

/// Test accuracy, the 2×2 confusion table and the misclassified reviews.
#[component]
pub fn ReviewReportView(props: &ReviewReportProps) -> Html {
    let app = use_app();
    let lang = app.state.lang;
    let r = &props.report;
    let names = [app.l(NEG), app.l(POS)];
    html! {
        <div class="review-report">
            <p class="big" data-testid="test-accuracy" data-update={r.update.to_string()}>
                { format!("{}: {:.1}% ({} {})", app.t(Text::TestAccuracy), r.accuracy * 100.0, r.examples, app.l(REVIEWS)) }
                <span class="hint">{ format!(" · {} {}", app.t(Text::Update).to_lowercase(), r.update) }</span>
            </p>
            <table class="confusion" data-testid="confusion">
                <caption>{ app.l(CONFUSION) }</caption>
                <thead><tr><th />{ for names.iter().map(|n| html! { <th>{ *n }</th> }) }</tr></thead>
                <tbody>
                    { for r.confusion.iter().enumerate().map(|(t, row)| html! {
                        <tr><th>{ names[t] }</th>
                            { for row.iter().enumerate().map(|(p, n)| {
                                let style = if t == p { "background: rgba(0,114,178,0.25)" } else { "background: rgba(213,94,0,0.2)" };
                                html! { <td {style}>{ n }</td> }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <h3>{ app.l(WRONG) }</h3>
            <ul class="wrong-reviews" data-testid="misclassified">
                { for r.misclassified.iter().map(|(i, p, text)| {
                    let on_pick = props.on_pick.clone();
                    let i = *i;
                    html! {
                        <li>
                            <button class="link" onclick={move |_| on_pick.emit(i)}>{ format!("#{i}") }</button>
                            <span class="hint">{ format!(" {} · ", verdict(lang, *p)) }</span>
                            { text.chars().take(90).collect::<String>() }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
