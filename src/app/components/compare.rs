use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::app::components::number_field::NumberField;
use crate::app::context::use_app;
use crate::app::draw::curves::{draw_chart, ChartSpec, Dash, Line, Mark, BLUE, GREEN, VERMILION};

use crate::nn::CellKind;

use crate::ui::describe::{self, Curve};
use crate::ui::i18n::Text;
use crate::ui::presenter::ChartLayout;
use crate::worker::messages::{CompareRequest, ToWorker};

fn cell_name(c: CellKind) -> &'static str {
    match c {
        CellKind::Rnn => "RNN",
        CellKind::Lstm => "LSTM",
        CellKind::Gru => "GRU",
    }
}

fn color(c: CellKind) -> plotters::style::RGBColor {
    match c {
        CellKind::Rnn => VERMILION,
        CellKind::Lstm => BLUE,
        CellKind::Gru => GREEN,
    }
}

/// Each cell's stroke, so that the curves are told apart without colour.
fn dash(c: CellKind) -> Dash {
    match c {
        CellKind::Rnn => Dash::Solid,
        CellKind::Lstm => Dash::Dashed,
        CellKind::Gru => Dash::Dotted,
    }
}

/// RNN, LSTM and GRU trained side by side on the same lesson, data and seed: overlaid loss
/// curves and ‖∂L/∂h_t‖ against t, so the class sees why gated cells keep long-range gradients.
#[component]
pub fn Compare() -> Html {
    let app = use_app();
    let no_data = app.t(Text::NoDataYet);
    let loss_canvas = use_node_ref();
    let grad_canvas = use_node_ref();
    let default_updates = app.state.lesson.info().compare_updates;
    let updates = use_state(|| default_updates);
    let comparison = app.state.comparison.clone();

    {
        let (lc, gc) = (loss_canvas.clone(), grad_canvas.clone());
        let axes = (app.t(Text::AxisUpdate), app.t(Text::AxisTimestep));
        let presenter = app.state.presenter;
        use_effect_with(
            (comparison.clone(), app.state.lang, presenter),
            move |(c, _, _)| {
                let Some(c) = c else { return };
                let scale = web_sys::window()
                    .map(|w| w.device_pixel_ratio())
                    .unwrap_or(1.0);
                let losses: Vec<(CellKind, Vec<(f64, f64)>)> = c
                    .cells
                    .iter()
                    .map(|(k, s, _)| {
                        (
                            *k,
                            s.points()
                                .iter()
                                .map(|p| (p.x_last as f64, p.mean))
                                .collect(),
                        )
                    })
                    .collect();
                let grads: Vec<(CellKind, Vec<(f64, f64)>)> = c
                    .cells
                    .iter()
                    .map(|(k, _, g)| {
                        (
                            *k,
                            g.iter()
                                .enumerate()
                                .map(|(t, v)| (t as f64, *v as f64))
                                .collect(),
                        )
                    })
                    .collect();
                for (canvas, series, x_label) in [(&lc, &losses, axes.0), (&gc, &grads, axes.1)] {
                    if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                        let lines = series
                            .iter()
                            .map(|(k, pts)| Line {
                                label: cell_name(*k),
                                points: pts,
                                color: color(*k),
                                dash: dash(*k),
                                mark: Mark::None,
                            })
                            .collect();
                        let spec = ChartSpec {
                            lines,
                            markers: &[],
                            log_y: true,
                            x_label,
                            x_ticks: None,
                            scale,
                            empty: no_data,
                            layout: ChartLayout::new(presenter),
                        };
                        let _ = draw_chart(&el, &spec);
                    }
                }
            },
        );
    }

    let start = {
        let app = app.clone();
        let updates = updates.clone();
        Callback::from(move |_| {
            let s = &app.state;
            let Some(picker) = &s.picker else { return };
            let example = picker.default.clone();
            app.send.emit(ToWorker::Compare(Box::new(CompareRequest {
                options: s.options.clone(),
                model: s.model.clone(),
                settings: s.settings.clone(),
                seed: s.seed,
                updates: *updates,
                example,
            })));
        })
    };
    let stop = {
        let send = app.send.clone();
        Callback::from(move |_| send.emit(ToWorker::StopCompare))
    };
    let on_updates = {
        let updates = updates.clone();
        Callback::from(move |v: f64| updates.set(v as u64))
    };
    let running = comparison.as_ref().is_some_and(|c| !c.done);
    // Text alternatives of both charts: each cell's last loss, and its gradient through time.
    let (loss_label, grad_label) = match &comparison {
        Some(c) => {
            let losses: Vec<(CellKind, Vec<(f64, f64)>)> = c
                .cells
                .iter()
                .map(|(k, s, _)| {
                    (
                        *k,
                        s.points()
                            .iter()
                            .map(|p| (p.x_last as f64, p.mean))
                            .collect(),
                    )
                })
                .collect();
            let curves: Vec<Curve> = losses
                .iter()
                .map(|(k, pts)| Curve {
                    name: cell_name(*k),
                    points: pts,
                })
                .collect();
            let grads: Vec<(&str, &[f32])> = c
                .cells
                .iter()
                .map(|(k, _, g)| (cell_name(*k), g.as_slice()))
                .collect();
            (
                describe::chart(
                    app.state.lang,
                    app.t(Text::Loss),
                    &curves,
                    app.t(Text::AxisUpdate),
                    &|x| format!("{}", x as u64),
                    no_data,
                ),
                describe::gradient(app.state.lang, &grads),
            )
        }
        None => (String::new(), String::new()),
    };
    html! {
        <section class="panel compare" data-testid="compare">
            <h2>{ app.t(Text::CompareTitle) }</h2>
            <p class="hint">{ app.t(Text::CompareHint) }</p>
            <div class="button-row">
                <NumberField label={app.t(Text::Updates)} tip={app.t(Text::CompareHint)} testid="compare-updates"
                    value={*updates as f64} min={1.0} max={100_000.0} integer=true on_change={on_updates} />
                if running {
                    <button class="secondary" onclick={stop}>{ app.t(Text::Stop) }</button>
                } else {
                    <button data-testid="compare-start" onclick={start}>{ app.t(Text::CompareStart) }</button>
                }
                if let Some(c) = &comparison {
                    <span class="status-extra" data-testid="compare-progress">{ format!("{} / {}", c.update, c.updates) }</span>
                }
            </div>
            if comparison.is_some() {
                <div class="charts">
                    <figure class="chart"><figcaption><span class="chart-title">{ app.t(Text::Loss) }</span></figcaption>
                        <canvas ref={loss_canvas} class="chart-canvas" data-testid="compare-loss" role="img" aria-label={loss_label} />
                    </figure>
                    <figure class="chart"><figcaption><span class="chart-title">{ "‖∂L/∂h_t‖" }</span></figcaption>
                        <canvas ref={grad_canvas} class="chart-canvas" data-testid="compare-grad" role="img" aria-label={grad_label} />
                    </figure>
                </div>
                if let Some(c) = &comparison {
                    <table class="compare-table" data-testid="compare-table">
                        <tr><th /><th>{ app.t(Text::Loss) }</th><th>{ "‖∂L/∂h_0‖" }</th></tr>
                        { for c.cells.iter().map(|(k, s, g)| html! {
                            <tr><th>{ cell_name(*k) }</th>
                                <td>{ s.last().map(|v| format!("{v:.4}")).unwrap_or_default() }</td>
                                <td>{ g.first().map(|v| format!("{v:.2e}")).unwrap_or_default() }</td></tr>
                        }) }
                    </table>
                }
            }
        </section>
    }
}
