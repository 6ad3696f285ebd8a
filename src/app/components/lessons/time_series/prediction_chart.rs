//! The series lesson's chart: the truth, the model's one-step predictions and the persistence
//! baseline, with the split and the followed window marked (`ui::series_chart`), zoomed to the
//! test part of a long series.

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::view::PERSISTENCE;
use crate::app::context::use_app;
use crate::app::draw::curves::{draw_chart, ChartSpec, Dash, Line, Mark, BLUE, SKY, VERMILION};
use crate::app::visible::use_resize_tick;
use crate::lessons::time_series::{axis_label, span_years, Period, SeriesPredictions};
use crate::lessons::InspectionDetail;
use crate::ui::describe::{self, Curve};
use crate::ui::i18n::{Text, Tr};
use crate::ui::presenter::ChartLayout;
use crate::ui::series_chart::{markers, points, shown_rows};

const VALIDATION: Tr = Tr::new("validation →", "검증 →");
const TEST: Tr = Tr::new("test →", "테스트 →");
const WINDOW: Tr = Tr::new("window", "윈도");

#[derive(Properties, PartialEq)]
pub struct PredictionChartProps {
    pub preds: Option<SeriesPredictions>,
    /// Draw the whole series, not only its test part.
    pub whole: bool,
    /// Whether the chart is zoomed (`data-zoomed`).
    pub zoomed: bool,
}

#[component]
pub fn PredictionChart(props: &PredictionChartProps) -> Html {
    let app = use_app();
    let no_data = app.t(Text::NoDataYet);
    let lang = app.state.lang;
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let names = (
            app.t(Text::Truth),
            app.t(Text::Predicted),
            app.l(PERSISTENCE),
        );
        let labels = [app.l(VALIDATION), app.l(TEST), app.l(WINDOW)];
        // The window the inside views follow: the rows read before the predicted one.
        let window = match app.state.inspection.as_deref().map(|i| &i.detail) {
            Some(InspectionDetail::TimeSeries(point)) => Some((point.row, point.window.len())),
            _ => None,
        };
        let layout = (use_resize_tick(), app.state.presenter);
        let deps = (props.preds.clone(), window, lang, layout, props.whole);
        use_effect_with(deps, move |(preds, window, lang, layout, whole)| {
            let (lang, presenter) = (*lang, layout.1);
            let (Some(el), Some(p)) = (canvas.cast::<HtmlCanvasElement>(), preds) else {
                return;
            };
            let shown = shown_rows(p, *whole);
            let (truth, pred, pers) = (
                points(&p.truth, &shown),
                points(&p.predicted, &shown),
                points(&p.persistence, &shown),
            );
            let markers = markers(p, *window, labels, &shown);
            // Dates as the axis reads them: `1958-05-03`, or the year over a long span.
            let times = &p.times[shown.start.min(p.times.len())..];
            let span = span_years(times);
            let ticks: Vec<String> = times.iter().map(|t| axis_label(t, span)).collect();
            let x_label = format!("{} · {}", Period::of(&p.times).axis().get(lang), p.target);
            let scale = web_sys::window()
                .map(|w| w.device_pixel_ratio())
                .unwrap_or(1.0);
            let line = |label, points, color, dash| Line {
                label,
                points,
                color,
                dash,
                mark: Mark::None,
            };
            let spec = ChartSpec {
                lines: vec![
                    line(names.0, &truth, BLUE, Dash::Solid),
                    line(names.2, &pers, SKY, Dash::Dotted),
                    line(names.1, &pred, VERMILION, Dash::Dashed),
                ],
                markers: &markers,
                log_y: false,
                x_label: &x_label,
                x_ticks: Some(&ticks),
                scale,
                empty: no_data,
                layout: ChartLayout::new(presenter),
            };
            let _ = draw_chart(&el, &spec);
        });
    }
    // The canvas's text alternative: each line's last value at its date, and its range.
    let title = app.t(Text::Predictions);
    let label = match &props.preds {
        Some(p) => {
            let all = 0..usize::MAX;
            let (t, m, s) = (
                points(&p.truth, &all),
                points(&p.predicted, &all),
                points(&p.persistence, &all),
            );
            let curve = |name, points| Curve { name, points };
            let curves = [
                curve(app.t(Text::Truth), &t),
                curve(app.t(Text::Predicted), &m),
                curve(app.l(PERSISTENCE), &s),
            ];
            let at = |x: f64| p.times.get(x as usize).cloned().unwrap_or_default();
            let axis = Period::of(&p.times).axis().get(lang);
            describe::chart(lang, title, &curves, axis, &at, no_data)
        }
        None => format!("{title}: {no_data}"),
    };
    html! {
        <canvas ref={canvas} class="chart-canvas" data-testid="series-chart" role="img" aria-label={label}
            data-zoomed={props.zoomed.to_string()} />
    }
}
