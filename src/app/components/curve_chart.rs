//! A live chart of loss or accuracy against updates, with log scale, smoothing, markers where
//! settings changed and a readout of the nearest point under the pointer. Which lines it draws
//! is `ui::chart`; `paint.rs` paints them.

mod paint;

use std::rc::Rc;

use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::draw::curves::ChartGeometry;
use crate::app::state::Curves;
use crate::ui::chart::{lines, markers, readout};
use crate::ui::describe::{self, Curve};
use crate::ui::i18n::Text;
use paint::{use_paint, Painting};

pub use crate::ui::chart::ChartKind;

#[derive(Properties, PartialEq)]
pub struct CurveChartProps {
    pub kind: ChartKind,
    pub curves: Rc<Curves>,
}

#[component]
pub fn CurveChart(props: &CurveChartProps) -> Html {
    let app = use_app();
    let no_data = app.t(props.kind.empty(&props.curves));
    let canvas = use_node_ref();
    let log_y = use_state(|| props.kind == ChartKind::Loss);
    let smoothing = use_state(|| 0.6f64);
    let geometry = use_mut_ref(ChartGeometry::default);
    let hover = use_state(|| None::<String>);
    let (names, series): (Vec<String>, Vec<_>) = lines(props.kind, &props.curves, *smoothing)
        .into_iter()
        .map(|(name, points)| (app.t(name).to_string(), points))
        .unzip();
    let series = Rc::new(series);
    use_paint(
        canvas.clone(),
        geometry.clone(),
        Painting {
            kind: props.kind,
            lines: series.clone(),
            names: names.clone(),
            markers: markers(&props.curves, app.state.lang),
            log_y: *log_y,
            x_label: app.t(Text::AxisUpdate),
            empty: no_data,
            presenter: app.state.presenter,
        },
    );

    let onmousemove = {
        let (geometry, hover) = (geometry.clone(), hover.clone());
        let (series, names) = (series.clone(), names.clone());
        Callback::from(move |e: MouseEvent| {
            let x = geometry.borrow().data_x(e.offset_x() as f64);
            hover.set(x.and_then(|x| readout(&series, &names, x)));
        })
    };
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_| hover.set(None))
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
    let title = app.t(props.kind.title());
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
        <figure class="chart" data-testid={props.kind.testid()}>
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
            <div class="chart-readout" aria-live="off">{ (*hover).clone().unwrap_or_else(|| "\u{a0}".into()) }</div>
        </figure>
    }
}
