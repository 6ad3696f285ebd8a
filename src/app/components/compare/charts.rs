//! A comparison's two charts, loss by update and ‖∂L/∂h_t‖ by timestep, one line per cell,
//! and its table: each cell's last loss and its gradient at the first step.

use std::rc::Rc;

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::draw::curves::{draw_chart, ChartSpec, Dash, Line, Mark, BLUE, GREEN, VERMILION};
use crate::nn::CellKind;
use crate::ui::chart::{comparison_gradients, comparison_losses, comparison_row};
use crate::ui::describe::{self, Curve};
use crate::ui::i18n::Text;
use crate::ui::presenter::ChartLayout;
use crate::ui::state::Comparison;

fn color(c: CellKind) -> plotters::style::RGBColor {
    match c {
        CellKind::Rnn | CellKind::Course => VERMILION,
        CellKind::Lstm => BLUE,
        CellKind::Gru => GREEN,
    }
}

/// Each cell's stroke, so that the curves are told apart without colour.
fn dash(c: CellKind) -> Dash {
    match c {
        CellKind::Rnn | CellKind::Course => Dash::Solid,
        CellKind::Lstm => Dash::Dashed,
        CellKind::Gru => Dash::Dotted,
    }
}

#[derive(Properties, PartialEq)]
pub struct CompareChartsProps {
    pub comparison: Rc<Comparison>,
}

#[component]
pub fn CompareCharts(props: &CompareChartsProps) -> Html {
    let app = use_app();
    let no_data = app.t(Text::NoDataYet);
    let loss_canvas = use_node_ref();
    let grad_canvas = use_node_ref();
    let c = &props.comparison;
    {
        let (lc, gc) = (loss_canvas.clone(), grad_canvas.clone());
        let axes = (app.t(Text::AxisUpdate), app.t(Text::AxisTimestep));
        let presenter = app.state.presenter;
        let deps = (c.clone(), app.state.lang, presenter);
        use_effect_with(deps, move |(c, _, _)| {
            let scale = web_sys::window()
                .map(|w| w.device_pixel_ratio())
                .unwrap_or(1.0);
            let (losses, grads) = (comparison_losses(c), comparison_gradients(c));
            for (canvas, series, x_label) in [(&lc, &losses, axes.0), (&gc, &grads, axes.1)] {
                if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                    let lines = series
                        .iter()
                        .map(|(k, pts)| Line {
                            label: k.torch_name(),
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
        });
    }
    // Text alternatives of both charts: each cell's last loss, and its gradient through time.
    let losses = comparison_losses(c);
    let curves: Vec<Curve> = losses
        .iter()
        .map(|(k, pts)| Curve {
            name: k.torch_name(),
            points: pts,
        })
        .collect();
    let loss_label = describe::chart(
        app.state.lang,
        app.t(Text::Loss),
        &curves,
        app.t(Text::AxisUpdate),
        &|x| format!("{}", x as u64),
        no_data,
    );
    let grads: Vec<(&str, &[f32])> = c
        .cells
        .iter()
        .map(|(k, _, g)| (k.torch_name(), g.as_slice()))
        .collect();
    let grad_label = describe::gradient(app.state.lang, &grads);
    html! {
        <>
            <div class="charts">
                <figure class="chart"><figcaption><span class="chart-title">{ app.t(Text::Loss) }</span></figcaption>
                    <canvas ref={loss_canvas} class="chart-canvas" data-testid="compare-loss" role="img" aria-label={loss_label} />
                </figure>
                <figure class="chart"><figcaption><span class="chart-title">{ "‖∂L/∂h_t‖" }</span></figcaption>
                    <canvas ref={grad_canvas} class="chart-canvas" data-testid="compare-grad" role="img" aria-label={grad_label} />
                </figure>
            </div>
            <table class="compare-table" data-testid="compare-table">
                <tr><th /><th>{ app.t(Text::Loss) }</th><th>{ "‖∂L/∂h_0‖" }</th></tr>
                { for c.cells.iter().map(|cell| {
                    let [name, loss, grad] = comparison_row(cell);
                    html! { <tr><th>{ name }</th><td>{ loss }</td><td>{ grad }</td></tr> }
                }) }
            </table>
        </>
    }
}
