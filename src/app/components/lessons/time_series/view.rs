use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::columns::SeriesColumns;
use super::series_input::SeriesInput;
use super::source_picker::SourcePicker;
use super::table_preview::TablePreviewCard;
use crate::app::context::use_app;
use crate::app::draw::curves::{draw_chart, ChartSpec, Dash, Line, Mark, BLUE, SKY, VERMILION};
use crate::app::visible::use_resize_tick;
use crate::lessons::time_series::{
    axis_label, span_years, Period, SeriesAnswer, SeriesRequest, Verdict,
};
use crate::lessons::{InspectionDetail, View, ViewRequest};
use crate::ui::curves::test_zoom;
use crate::ui::describe::{self, Curve};
use crate::ui::format::short_number;
use crate::ui::i18n::{Text, Tr};
use crate::ui::presenter::ChartLayout;
use crate::worker::messages::ToWorker;

const PERSISTENCE: Tr = Tr::new("persistence (last seen)", "지속 예측 (마지막 값)");
const VALIDATION: Tr = Tr::new("validation →", "검증 →");
const TEST: Tr = Tr::new("test →", "테스트 →");
const WINDOW: Tr = Tr::new("window", "윈도");
const ERRORS: Tr = Tr::new("Test MSE (scaled target)", "테스트 MSE (스케일된 타깃)");
const MODEL: Tr = Tr::new("model", "모델");
const MEAN: Tr = Tr::new("training mean", "훈련 평균");
const ROWS: Tr = Tr::new("rows used", "사용한 행");
const DROPPED: Tr = Tr::new("dropped for missing cells", "결측으로 버린 행");
const SHOW_WHOLE: Tr = Tr::new("Show the whole series", "전체 시계열 보기");
const SHOW_TEST: Tr = Tr::new("Zoom to the test part", "테스트 구간 확대");

/// The time-series lesson: the series (or table), the model's one-step predictions and the
/// persistence baseline over it, the split, the three errors, and the source and columns.
#[component]
pub fn SeriesView() -> Html {
    let app = use_app();
    let no_data = app.t(Text::NoDataYet);
    let lang = app.state.lang;
    let canvas = use_node_ref();
    // A long series opens on its test part (`ui::curves::test_zoom`); the button shows all.
    let whole = use_state(|| false);
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
        let names = (
            app.t(Text::Truth),
            app.t(Text::Predicted),
            app.l(PERSISTENCE),
        );
        let labels = (app.l(VALIDATION), app.l(TEST), app.l(WINDOW));
        // The window the inside views follow: the rows read before the predicted one.
        let window = match app.state.inspection.as_deref().map(|i| &i.detail) {
            Some(InspectionDetail::TimeSeries(point)) => Some((point.row, point.window.len())),
            _ => None,
        };
        let layout = (use_resize_tick(), app.state.presenter);
        use_effect_with(
            (preds.clone(), window, lang, layout, *whole),
            move |(_, window, lang, layout, whole)| {
                let (lang, presenter) = (*lang, layout.1);
                let (Some(el), Some(p)) = (canvas.cast::<HtmlCanvasElement>(), preds) else {
                    return;
                };
                // Zoomed, the chart's x counts from the range's first point.
                let shown = test_zoom(p.truth.len(), p.split)
                    .filter(|_| !*whole)
                    .unwrap_or(0..p.truth.len());
                let from = shown.start as f64;
                let series = |ys: &[f64]| -> Vec<(f64, f64)> {
                    let end = shown.end.min(ys.len());
                    let start = shown.start.min(end);
                    ys[start..end]
                        .iter()
                        .enumerate()
                        .map(|(i, &y)| (i as f64, y))
                        .collect()
                };
                let (truth, pred, pers) = (
                    series(&p.truth),
                    series(&p.predicted),
                    series(&p.persistence),
                );
                let mut markers = Vec::new();
                if p.validation_start < p.split {
                    markers.push((p.validation_start as f64, labels.0.to_string()));
                }
                markers.push((p.split as f64, labels.1.to_string()));
                // Point i of the chart is row `window + i` of the table.
                if let Some((row, k)) = *window {
                    let at = row as f64 - k as f64;
                    markers.push((at - k as f64, labels.2.to_string()));
                    markers.push((at, "▶".to_string()));
                }
                let markers: Vec<(f64, String)> = markers
                    .into_iter()
                    .filter(|(x, _)| *x >= from)
                    .map(|(x, l)| (x - from, l))
                    .collect();
                // Dates as the axis reads them: `1958-05-03`, or the year over a long span.
                let times = &p.times[shown.start.min(p.times.len())..];
                let span = span_years(times);
                let ticks: Vec<String> = times.iter().map(|t| axis_label(t, span)).collect();
                let x_label = format!("{} · {}", Period::of(&p.times).axis().get(lang), p.target);
                let scale = web_sys::window()
                    .map(|w| w.device_pixel_ratio())
                    .unwrap_or(1.0);
                let spec = ChartSpec {
                    lines: vec![
                        Line {
                            label: names.0,
                            points: &truth,
                            color: BLUE,
                            dash: Dash::Solid,
                            mark: Mark::None,
                        },
                        Line {
                            label: names.2,
                            points: &pers,
                            color: SKY,
                            dash: Dash::Dotted,
                            mark: Mark::None,
                        },
                        Line {
                            label: names.1,
                            points: &pred,
                            color: VERMILION,
                            dash: Dash::Dashed,
                            mark: Mark::None,
                        },
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
            },
        );
    }
    // What the errors say, from the numbers of the model on screen.
    let verdict = preds.as_ref().map(Verdict::of);
    let zoomable = preds
        .as_ref()
        .is_some_and(|p| test_zoom(p.truth.len(), p.split).is_some());
    let on_zoom = {
        let whole = whole.clone();
        Callback::from(move |_: MouseEvent| whole.set(!*whole))
    };
    // The canvas's text alternative: each line's last value at its date, and its range.
    let title = app.t(Text::Predictions);
    let label = match &preds {
        Some(p) => {
            let pts = |ys: &[f64]| -> Vec<(f64, f64)> {
                ys.iter().enumerate().map(|(i, &y)| (i as f64, y)).collect()
            };
            let (t, m, s) = (pts(&p.truth), pts(&p.predicted), pts(&p.persistence));
            let curves = [
                Curve {
                    name: app.t(Text::Truth),
                    points: &t,
                },
                Curve {
                    name: app.t(Text::Predicted),
                    points: &m,
                },
                Curve {
                    name: app.l(PERSISTENCE),
                    points: &s,
                },
            ];
            let at = |x: f64| p.times.get(x as usize).cloned().unwrap_or_default();
            describe::chart(
                lang,
                title,
                &curves,
                Period::of(&p.times).axis().get(lang),
                &at,
                no_data,
            )
        }
        None => format!("{title}: {no_data}"),
    };
    html! {
        <section class="panel lesson-view series-view" data-testid="series-view">
            <h2>{ app.t(Text::Predictions) }</h2>
            <canvas ref={canvas} class="chart-canvas" data-testid="series-chart" role="img" aria-label={label}
                data-zoomed={(zoomable && !*whole).to_string()} />
            if zoomable {
                <button type="button" class="secondary series-zoom" data-testid="series-zoom" onclick={on_zoom}>
                    { app.l(if *whole { SHOW_TEST } else { SHOW_WHOLE }) }
                </button>
            }
            if let (Some(p), Some(verdict)) = (&preds, verdict) {
                <p data-testid="baseline-errors" class="baseline-errors">
                    { format!("{}: {} {} · {} {} · {} {}",
                        app.l(ERRORS),
                        app.l(MODEL), short_number(p.test_mse_scaled),
                        app.l(PERSISTENCE), short_number(p.persistence_mse_scaled),
                        app.l(MEAN), short_number(p.baseline_mse_scaled)) }
                </p>
                <p data-testid="series-errors" class="hint">
                    { format!("{} {} · MAE {} (", app.t(Text::TestRmse), short_number(p.test_rmse), short_number(p.test_mae)) }
                    <span class="data-name">{ &p.target }</span>
                    { format!(") · {} {} / {}{}",
                        app.l(ROWS), p.rows.0 - p.rows.1, p.rows.0,
                        if p.rows.1 > 0 { format!(" · {} {}", p.rows.1, app.l(DROPPED)) } else { String::new() }) }
                </p>
                <p class="verdict" data-testid="series-verdict" data-verdict={verdict.key()}>
                    { verdict.sentence().get(lang).to_string() }
                </p>
            }
            <SourcePicker />
            <TablePreviewCard />
            <SeriesColumns />
            <SeriesInput />
        </section>
    }
}
