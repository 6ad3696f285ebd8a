use std::rc::Rc;

use gloo_timers::callback::Timeout;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::draw::curves::{
    draw_chart, ChartGeometry, ChartSpec, Dash, Line, Mark, BLUE, GREEN, ORANGE, SKY, VERMILION,
};
use crate::app::now_ms;
use crate::app::state::Curves;
use crate::app::visible::use_resize_tick;
use crate::train::history::Series;
use crate::ui::curves::{nearest, smooth};
use crate::ui::describe::{self, Curve};
use crate::ui::format::short_number;
use crate::ui::i18n::Text;
use crate::ui::presenter::ChartLayout;

/// Which chart.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Loss,
    Accuracy,
}

#[derive(Properties, PartialEq)]
pub struct CurveChartProps {
    pub kind: ChartKind,
    pub curves: Rc<Curves>,
}

/// Shortest time between two redraws of a chart (10 a second).
const MIN_REDRAW_MS: f64 = 100.0;

/// `(x, y)` points of one curve.
type Points = Vec<(f64, f64)>;

fn xy(s: &Series) -> Points {
    s.points()
        .iter()
        .map(|p| (p.x_last as f64, p.mean))
        .collect()
}

/// A live chart of loss or accuracy against updates, with log scale, smoothing, markers where
/// settings changed and a readout of the nearest point under the pointer.
#[component]
pub fn CurveChart(props: &CurveChartProps) -> Html {
    let app = use_app();
    // Accuracy comes once an epoch (the char model's epochs are single updates): while the
    // first one runs, say so rather than "press Play".
    let no_data = if props.kind == ChartKind::Accuracy && !props.curves.loss.points().is_empty() {
        app.t(Text::AccuracyAtEpochEnd)
    } else {
        app.t(Text::NoDataYet)
    };
    let canvas = use_node_ref();
    let log_y = use_state(|| props.kind == ChartKind::Loss);
    let smoothing = use_state(|| 0.6f64);
    let geometry = use_mut_ref(ChartGeometry::default);
    let readout = use_state(|| None::<String>);
    let pending = use_mut_ref(|| None::<Timeout>);
    let last_draw = use_mut_ref(|| f64::NEG_INFINITY);

    // With several updates an epoch, the epochs' mean training loss beside the validation
    // loss shows where the two part (overfitting).
    let c = &props.curves;
    // The drawn training loss is smoothed unless the slider is at 0; the legend and the
    // readout say so (the status line shows the latest raw value).
    let train_loss = if *smoothing > 0.0 {
        Text::TrainLossSmoothed
    } else {
        Text::TrainLoss
    };
    let epochs_shown = c.epoch_train_loss.points().len() * 2 < c.loss.points().len();
    // Held-out numbers of a lesson without a validation split are the test split's.
    let (held_out_loss, held_out_acc) = if c.held_out_is_test {
        (Text::TestLoss, Text::TestAcc)
    } else {
        (Text::ValLoss, Text::ValAcc)
    };
    let (names, series): (Vec<&str>, Vec<Points>) = match props.kind {
        ChartKind::Loss if epochs_shown => (
            vec![
                app.t(train_loss),
                app.t(held_out_loss),
                app.t(Text::EpochTrainLoss),
            ],
            vec![
                smooth(&xy(&c.loss), *smoothing),
                xy(&c.epoch_val_loss),
                xy(&c.epoch_train_loss),
            ],
        ),
        ChartKind::Loss => (
            vec![app.t(train_loss), app.t(held_out_loss)],
            vec![smooth(&xy(&c.loss), *smoothing), xy(&c.epoch_val_loss)],
        ),
        ChartKind::Accuracy => (
            vec![app.t(Text::TrainAcc), app.t(held_out_acc)],
            vec![
                xy(&props.curves.epoch_train_accuracy),
                xy(&props.curves.epoch_val_accuracy),
            ],
        ),
    };
    let series = Rc::new(series);

    {
        let canvas = canvas.clone();
        let geometry = geometry.clone();
        let series = series.clone();
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let mut markers: Vec<(f64, String)> = props
            .curves
            .markers
            .iter()
            .map(|(x, t)| {
                (
                    *x as f64,
                    crate::ui::format::marker_label(t, app.state.lang),
                )
            })
            .collect();
        if let Some((update, epoch)) = props.curves.best {
            markers.push((update as f64, format!("{} {epoch}", app.t(Text::BestEpoch))));
        }
        let kind = props.kind;
        let x_label = app.t(Text::AxisUpdate);
        let log = *log_y;
        let pending = pending.clone();
        let last_draw = last_draw.clone();
        // A resize or presenter mode changes the canvas's size: redraw at the new size.
        let layout = (use_resize_tick(), app.state.presenter);
        let presenter = app.state.presenter;
        use_effect_with(
            (
                series.clone(),
                markers.clone(),
                log,
                names.clone(),
                layout,
                no_data,
            ),
            move |_| {
                let draw = move || {
                    if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                        let colors = match kind {
                            ChartKind::Loss => [BLUE, ORANGE, SKY],
                            ChartKind::Accuracy => [GREEN, VERMILION, SKY],
                        };
                        let lines = series
                            .iter()
                            .zip(&names)
                            .zip(colors)
                            .enumerate()
                            .map(|(i, ((pts, name), color))| Line {
                                label: name,
                                points: pts,
                                color,
                                // Told apart without colour: by dash and by mark.
                                dash: [Dash::Solid, Dash::Dashed, Dash::Dotted][i.min(2)],
                                mark: match (kind, i) {
                                    (ChartKind::Loss, 0) => Mark::None,
                                    (ChartKind::Accuracy, 0) | (_, 2) => Mark::Triangle,
                                    _ => Mark::Circle,
                                },
                            })
                            .collect();
                        let scale = web_sys::window()
                            .map(|w| w.device_pixel_ratio())
                            .unwrap_or(1.0);
                        let spec = ChartSpec {
                            lines,
                            markers: &markers,
                            log_y: log,
                            x_label,
                            x_ticks: None,
                            scale,
                            empty: no_data,
                            layout: ChartLayout::new(presenter),
                        };
                        match draw_chart(&el, &spec) {
                            Ok(g) => *geometry.borrow_mut() = g,
                            Err(e) => web_sys::console::warn_1(&format!("chart: {e}").into()),
                        }
                    }
                };
                // Drawn in a task of its own, not inside the render of the message that brought
                // the points (that task would grow past 50 ms), and at most once per
                // MIN_REDRAW_MS: a redraw (axes, text) is the page's largest steady cost.
                // Replacing the pending redraw cancels it: only the newest points are drawn.
                let wait = (MIN_REDRAW_MS - (now_ms() - *last_draw.borrow())).max(0.0);
                *pending.borrow_mut() = Some(Timeout::new(wait.ceil() as u32, move || {
                    *last_draw.borrow_mut() = now_ms();
                    draw();
                }));
            },
        );
    }

    let onmousemove = {
        let geometry = geometry.clone();
        let readout = readout.clone();
        let series = series.clone();
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        Callback::from(move |e: MouseEvent| {
            let Some(x) = geometry.borrow().data_x(e.offset_x() as f64) else {
                readout.set(None);
                return;
            };
            let mut parts = Vec::new();
            for (pts, name) in series.iter().zip(&names) {
                if let Some(i) = nearest(pts, x) {
                    parts.push(format!(
                        "{name} {} @ {}",
                        short_number(pts[i].1),
                        pts[i].0 as u64
                    ));
                }
            }
            readout.set((!parts.is_empty()).then(|| parts.join(" · ")));
        })
    };
    let onmouseleave = {
        let readout = readout.clone();
        Callback::from(move |_| readout.set(None))
    };
    let toggle_log = {
        let log_y = log_y.clone();
        Callback::from(move |_| log_y.set(!*log_y))
    };
    let on_smooth = {
        let smoothing = smoothing.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse() {
                smoothing.set(v);
            }
        })
    };
    let testid = match props.kind {
        ChartKind::Loss => "loss-chart",
        ChartKind::Accuracy => "accuracy-chart",
    };
    let title = match props.kind {
        ChartKind::Loss => app.t(Text::Loss),
        ChartKind::Accuracy => app.t(Text::Accuracy),
    };
    // The canvas's text alternative carries its numbers: each line's last value, where, and
    // its range (an empty chart says why, as the canvas does).
    let curves: Vec<Curve> = names
        .iter()
        .zip(series.iter())
        .map(|(name, points)| Curve { name, points })
        .collect();
    let label = describe::chart(
        app.state.lang,
        title,
        &curves,
        app.t(Text::AxisUpdate),
        &|x| format!("{}", x as u64),
        no_data,
    );
    html! {
        <figure class="chart" data-testid={testid}>
            <figcaption>
                <span class="chart-title">{ title }</span>
                <label class="inline"><input type="checkbox" checked={*log_y} onchange={toggle_log} />{ app.t(Text::LogScale) }</label>
                if props.kind == ChartKind::Loss {
                    <label class="inline">{ app.t(Text::Smoothing) }
                        <input type="range" min="0" max="0.99" step="0.01" value={smoothing.to_string()} oninput={on_smooth} />
                    </label>
                }
            </figcaption>
            <canvas ref={canvas} class="chart-canvas" role="img" aria-label={label} {onmousemove} {onmouseleave} />
            <div class="chart-readout" aria-live="off">{ (*readout).clone().unwrap_or_else(|| "\u{a0}".into()) }</div>
        </figure>
    }
}
