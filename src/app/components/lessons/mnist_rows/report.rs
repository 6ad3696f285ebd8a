//! The MNIST lesson's test report, refreshed at each epoch's end: accuracy, the confusion
//! matrix, and the misclassified digits (a tap opens one).

use yew::prelude::*;

use super::digit_canvas::DigitCanvas;
use super::view::{LABEL, PREDICTED};
use crate::app::context::use_app;
use crate::lessons::mnist_rows::{MnistReport, Thumb};
use crate::ui::colour::{css, tint_cell};
use crate::ui::i18n::{Text, Tr};

const DIGITS: Tr = Tr::new("digits", "개 숫자");
/// The confusion matrix's tints: blue where right, vermilion where wrong (Okabe–Ito).
const DIAGONAL: [u8; 3] = [0, 114, 178];
const OFF: [u8; 3] = [213, 94, 0];

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub report: MnistReport,
    pub misclassified: Vec<Thumb>,
    /// The update whose weights were measured.
    pub update: u64,
    /// A misclassified digit was picked: its test index.
    pub on_pick: Callback<usize>,
}

#[component]
pub fn Report(props: &ReportProps) -> Html {
    let app = use_app();
    let (rep, wrong) = (&props.report, &props.misclassified);
    html! {
        <div class="mnist-report">
            // Refreshed at each epoch's end: say which weights it measured.
            <p class="big" data-testid="test-accuracy" data-update={props.update.to_string()}>
                { format!("{}: {:.1}% ({} {})", app.t(Text::TestAccuracy), rep.accuracy * 100.0, rep.examples, app.l(DIGITS)) }
                <span class="hint">{ format!(" · {} {}", app.t(Text::Update).to_lowercase(), props.update) }</span>
            </p>
            <table class="confusion" data-testid="confusion" aria-label={app.t(Text::Confusion)}>
                <caption>{ app.t(Text::Confusion) }</caption>
                <thead><tr><th />{ for (0..10).map(|k| html! { <th>{ k }</th> }) }</tr></thead>
                <tbody>
                    { for rep.confusion.iter().enumerate().map(|(t, row)| {
                        let total: u32 = row.iter().sum::<u32>().max(1);
                        html! {
                            <tr><th>{ t }</th>
                                { for row.iter().enumerate().map(|(p, n)| {
                                    let f = *n as f32 / total as f32;
                                    // Tinted no darker than the ink's 4.5:1 allows.
                                    let (base, share) = if t == p { (DIAGONAL, f) } else { (OFF, (f * 3.0).min(1.0)) };
                                    let style = format!("background: {}", css(tint_cell(base, share.into())));
                                    html! { <td {style}>{ n }</td> }
                                }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <h3>{ app.t(Text::Misclassified) }</h3>
            <div class="thumbs" data-testid="misclassified">
                { for wrong.iter().map(|t| {
                    let on_pick = props.on_pick.clone();
                    let i = t.index;
                    html! {
                        <button class="thumb" title={format!("#{} · {} {} · {} {}", t.index, app.l(LABEL), t.label, app.l(PREDICTED), t.predicted.map(|p| p.to_string()).unwrap_or_default())}
                            onclick={move |_| on_pick.emit(i)}>
                            <DigitCanvas pixels={t.pixels.clone()} size={56} label={format!("{} {}", app.t(Text::Digit), t.index)} />
                            <span>{ format!("{}→{}", t.label, t.predicted.map(|p| p.to_string()).unwrap_or_default()) }</span>
                        </button>
                    }
                }) }
            </div>
        </div>
    }
}
