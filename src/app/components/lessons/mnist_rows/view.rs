//! The MNIST lesson: a digit read row by row with the class probabilities after each row,
//! test accuracy, the confusion matrix (`report.rs`), misclassified digits and a pad to draw
//! one's own.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::belief_bars::{belief_strip, BeliefBars};
use super::digit_canvas::DigitCanvas;
use super::draw_pad::DrawPad;
use super::report::Report;
use crate::app::components::data_files::DataFiles;
use crate::app::components::index_field::IndexField;
use crate::app::context::use_app;
use crate::lessons::mnist_rows::{MnistAnswer, MnistRequest};
use crate::lessons::{ExampleRef, LessonId, Split, View, ViewRequest};
use crate::ui::i18n::{Text, Tr};
use crate::worker::messages::ToWorker;

pub const LABEL: Tr = Tr::new("label", "정답");
pub const PREDICTED: Tr = Tr::new("predicted", "예측");

/// The MNIST lesson: a digit read row by row with the class probabilities after each row,
/// test accuracy, the confusion matrix, misclassified digits and a pad to draw one's own.
#[component]
pub fn MnistView() -> Html {
    let app = use_app();
    let index = use_state(|| 0usize);
    let row = use_state(|| 27usize);

    // Ask for the digit (and the report) whenever the model or the digit changes.
    {
        let send = app.send.clone();
        use_effect_with((*index, app.state.open_generation), move |(i, _)| {
            send.emit(ToWorker::View(ViewRequest::MnistRows(
                MnistRequest::Digit {
                    split: Split::Test,
                    index: *i,
                },
            )));
            send.emit(ToWorker::Inspect(ExampleRef::Item {
                split: Split::Test,
                index: *i,
            }));
        });
    }
    {
        let send = app.send.clone();
        use_effect_with(app.state.open_generation, move |_| {
            send.emit(ToWorker::View(ViewRequest::MnistRows(MnistRequest::Report)))
        });
    }

    let (digit, count, beliefs) = app
        .state
        .views
        .find(|v| match v {
            View::MnistRows(MnistAnswer::Digit {
                digit,
                count,
                beliefs,
                ..
            }) => Some((Some(digit.clone()), *count, Some(beliefs.clone()))),
            _ => None,
        })
        .unwrap_or((None, 0, None));
    let r = (*row).min(27);
    let go = |delta: i64| {
        let index = index.clone();
        let count = count.max(1) as i64;
        Callback::from(move |_| index.set(((*index as i64 + delta).rem_euclid(count)) as usize))
    };
    let on_index = {
        let index = index.clone();
        Callback::from(move |v: usize| index.set(v))
    };
    let on_row = {
        let row = row.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            row.set(input.value().parse::<usize>().unwrap_or(27).min(27));
        })
    };

    let report = app.state.views.find(|v| match v {
        View::MnistRows(MnistAnswer::Report {
            report,
            misclassified,
            update,
        }) => Some((report.clone(), misclassified.clone(), *update)),
        _ => None,
    });
    let drawn = app.state.views.find(|v| match v {
        View::MnistRows(MnistAnswer::Drawn { beliefs }) => Some(beliefs.clone()),
        _ => None,
    });

    html! {
        <section class="panel lesson-view mnist-view" data-testid="mnist-view">
            <div class="mnist-grid">
                <div>
                    <h2>{ format!("{} #{}", app.t(Text::Digit), *index) }</h2>
                    if let Some(d) = &digit {
                        <DigitCanvas pixels={d.pixels.clone()} row={Some(r)} dim_after=true
                            label={format!("{} {} ({} {})", app.t(Text::Digit), d.index, app.l(LABEL), d.label)} />
                        <p class="hint" data-testid="digit-label">{ format!("{} {} · {} {}", app.l(LABEL), d.label, app.l(PREDICTED), d.predicted.map(|p| p.to_string()).unwrap_or_default()) }</p>
                    }
                    <div class="button-row">
                        <button class="secondary" data-testid="digit-prev" onclick={go(-1)}>{ app.t(Text::Previous) }</button>
                        <IndexField value={*index} max={count.saturating_sub(1)} label={app.t(Text::Digit)} class="digit-index" on_change={on_index.clone()} />
                        <button class="secondary" data-testid="digit-next" onclick={go(1)}>{ app.t(Text::Next) }</button>
                    </div>
                </div>
                <div>
                    <label class="field">
                        // Rows count from 0, as the plots' timesteps and the course's x[:, t, :].
                        <span>{ format!("{} {}", app.t(Text::AfterRow), r) }</span>
                        <input type="range" min="0" max="27" value={r.to_string()} oninput={on_row} data-testid="row-slider" />
                    </label>
                    if let Some(b) = &beliefs {
                        <BeliefBars probabilities={b.per_row.get(r).cloned().unwrap_or_default()} label={b.label} />
                        { belief_strip(b, r) }
                    }
                </div>
                <div>
                    <h3>{ app.t(Text::DrawDigit) }</h3>
                    <DrawPad />
                    if let Some(b) = &drawn {
                        <p data-testid="drawn-prediction">{ format!("→ {}", b.predicted) }</p>
                        <BeliefBars probabilities={b.probabilities.clone()} label={None::<usize>} />
                    }
                </div>
            </div>
            if let Some((report, misclassified, update)) = report {
                <Report {report} {misclassified} {update} on_pick={on_index} />
            }
            <DataFiles lesson={LessonId::MnistRows} title={app.t(Text::LoadFullMnist)} hint={app.t(Text::LoadFullMnistHint)}
                testid="mnist-files" class="mnist-files" />
        </section>
    }
}
