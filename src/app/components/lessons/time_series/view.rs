//! The time-series lesson: the series (or table), the model's one-step predictions and the
//! persistence baseline over it (`prediction_chart.rs`), the split, the three errors
//! (`errors.rs`), and the source and columns.

use yew::prelude::*;

use super::columns::SeriesColumns;
use super::errors::SeriesErrors;
use super::prediction_chart::PredictionChart;
use super::series_input::SeriesInput;
use super::source_picker::SourcePicker;
use super::table_preview::TablePreviewCard;
use crate::app::context::use_app;
use crate::lessons::time_series::{SeriesAnswer, SeriesRequest};
use crate::lessons::{View, ViewRequest};
use crate::ui::curves::test_zoom;
use crate::ui::i18n::{Text, Tr};
use crate::worker::messages::ToWorker;

/// The persistence baseline's name, in the chart and the errors.
pub const PERSISTENCE: Tr = Tr::new("persistence (last seen)", "지속 예측 (마지막 값)");
const SHOW_WHOLE: Tr = Tr::new("Show the whole series", "전체 시계열 보기");
const SHOW_TEST: Tr = Tr::new("Zoom to the test part", "테스트 구간 확대");

#[component]
pub fn SeriesView() -> Html {
    let app = use_app();
    // A long series opens on its test part (`ui::curves::test_zoom`); the button shows all.
    let whole = use_state(|| false);
    // The shipped tables are fetched, not compiled in (`app::tables`).
    {
        let dispatch = app.state.dispatcher();
        use_effect_with((), move |_| crate::app::tables::fetch_missing(dispatch));
    }
    {
        let send = app.send.clone();
        use_effect_with(app.state.open_generation, move |_| {
            send.emit(ToWorker::View(ViewRequest::TimeSeries(
                SeriesRequest::Predictions,
            )))
        });
    }
    let preds = app.state.views.find(|v| match v {
        View::TimeSeries(SeriesAnswer::Predictions(p)) => Some(p.clone()),
        _ => None,
    });
    let zoomable = preds
        .as_ref()
        .is_some_and(|p| test_zoom(p.truth.len(), p.split).is_some());
    let on_zoom = {
        let whole = whole.clone();
        Callback::from(move |_: MouseEvent| whole.set(!*whole))
    };
    html! {
        <section class="panel lesson-view series-view" data-testid="series-view">
            <h2>{ app.t(Text::Predictions) }</h2>
            <PredictionChart preds={preds.clone()} whole={*whole} zoomed={zoomable && !*whole} />
            if zoomable {
                <button type="button" class="secondary series-zoom" data-testid="series-zoom" onclick={on_zoom}>
                    { app.l(if *whole { SHOW_TEST } else { SHOW_WHOLE }) }
                </button>
            }
            if let Some(p) = preds {
                <SeriesErrors preds={p} />
            }
            <SourcePicker />
            <TablePreviewCard />
            <SeriesColumns />
            <SeriesInput />
        </section>
    }
}
