use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::series_input::SeriesInput;
use crate::app::context::use_app;
use crate::app::draw::curves::{draw_chart, ChartSpec, Line, BLUE, VERMILION};
use crate::lessons::time_series::{SeriesAnswer, SeriesRequest};
use crate::lessons::{InspectionDetail, View, ViewRequest};
use crate::ui::format::short_number;
use crate::ui::i18n::Text;
use crate::worker::messages::ToWorker;

/// The time-series lesson: the series, the model's one-step predictions over it, the split.
#[component]
pub fn SeriesView() -> Html {
    let app = use_app();
    let canvas = use_node_ref();
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
    // Drawing happens here, after the canvas exists.
    {
        let canvas = canvas.clone();
        let preds = preds.clone();
        let names = (app.t(Text::Truth), app.t(Text::Predicted));
        // The window the inside views follow: the values read before the predicted one.
        let window = match app.state.inspection.as_deref().map(|i| &i.detail) {
            Some(InspectionDetail::TimeSeries(point)) => Some((point.time, point.window.len())),
            _ => None,
        };
        use_effect_with((preds.clone(), window), move |(_, window)| {
            let (Some(el), Some(p)) = (canvas.cast::<HtmlCanvasElement>(), preds) else {
                return;
            };
            let truth: Vec<(f64, f64)> = p
                .times
                .iter()
                .zip(&p.truth)
                .map(|(&t, &y)| (t as f64, y))
                .collect();
            let pred: Vec<(f64, f64)> = p
                .times
                .iter()
                .zip(&p.predicted)
                .map(|(&t, &y)| (t as f64, y))
                .collect();
            let mut markers = vec![(p.split as f64, "test →".to_string())];
            if let Some((time, k)) = *window {
                markers.push((time.saturating_sub(k) as f64, "window".to_string()));
                markers.push((time as f64, "→ predicted".to_string()));
            }
            let scale = web_sys::window()
                .map(|w| w.device_pixel_ratio())
                .unwrap_or(1.0);
            let spec = ChartSpec {
                lines: vec![
                    Line {
                        label: names.0,
                        points: &truth,
                        color: BLUE,
                        dots: false,
                    },
                    Line {
                        label: names.1,
                        points: &pred,
                        color: VERMILION,
                        dots: false,
                    },
                ],
                markers: &markers,
                log_y: false,
                x_label: "time",
                scale,
            };
            let _ = draw_chart(&el, &spec);
        });
    }
    html! {
        <section class="panel lesson-view series-view" data-testid="series-view">
            <h2>{ app.t(Text::Predictions) }</h2>
            <canvas ref={canvas} class="chart-canvas" data-testid="series-chart" role="img" aria-label={app.t(Text::Predictions)} />
            if let Some(p) = &preds {
                <p data-testid="series-errors">
                    { format!("{} {} · test MSE (scaled) {} · {} {}", app.t(Text::TestRmse), short_number(p.test_rmse),
                        short_number(p.test_mse_scaled), app.t(Text::Baseline), short_number(p.baseline_mse_scaled)) }
                </p>
            }
            <SeriesInput />
        </section>
    }
}
