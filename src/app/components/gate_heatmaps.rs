use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::app::components::inside::SharedInspection;
use crate::app::draw::heatmap::{draw_heatmap, HeatSpec};
use crate::nn::trace::DirectionTrace;
use crate::nn::Gate;
use crate::train::Inspection;
use crate::ui::describe;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::inside::{
    hex, maps_for, num, scale_for, step_value, units, HeatLayout, MapKey, Scale,
};
use crate::ui::presenter::heat_label_px;

#[derive(Properties, PartialEq)]
pub struct GateHeatmapsProps {
    pub inspection: SharedInspection,
    /// `layer * directions + direction`.
    pub index: usize,
    pub t: usize,
    pub unit: usize,
    pub lang: Lang,
    /// A tap on a cell picks its `(timestep, unit)`.
    #[prop_or_default]
    pub on_pick: Callback<(usize, usize)>,
    /// Presenter mode: the time axis in 24 px type.
    #[prop_or_default]
    pub presenter: bool,
}

/// The title of a map in `lang`.
pub fn map_title(lang: Lang, key: MapKey) -> String {
    let text = match key {
        MapKey::Gate(Gate::Input) => Text::InputGate,
        MapKey::Gate(Gate::Forget) => Text::ForgetGate,
        MapKey::Gate(Gate::Output) => Text::OutputGate,
        MapKey::Gate(Gate::Reset) => Text::ResetGate,
        MapKey::Gate(Gate::Update) => Text::UpdateGate,
        MapKey::Gate(Gate::CellCandidate | Gate::New) => Text::CellCandidate,
        MapKey::Cell => Text::CellState,
        MapKey::Gate(Gate::Hidden) | MapKey::Hidden => Text::HiddenState,
    };
    let sym = match key {
        MapKey::Cell => "c_t".to_string(),
        MapKey::Hidden => "h_t".to_string(),
        k => format!("{}_t", k.symbol()),
    };
    format!("{} {sym}", tr(lang, text))
}

fn legend_gradient(scale: Scale) -> String {
    let stops: Vec<String> = (0..=8).map(|i| hex(scale.at(i as f64 / 8.0))).collect();
    format!(
        "background: linear-gradient(to right, {})",
        stops.join(", ")
    )
}

/// The heatmap layout, with a band of the inputs for lessons that draw one (MNIST: each row of
/// the digit under the timestep that reads it), and the layer-0 trace that band is drawn from.
fn layout_of<'a>(
    insp: &'a Inspection,
    dir: &DirectionTrace,
    presenter: bool,
) -> (HeatLayout, Option<&'a DirectionTrace>) {
    let layout =
        HeatLayout::new(dir.steps.len(), units(dir)).with_label_font(heat_label_px(presenter));
    match (
        insp.lesson.info().input_band,
        insp.forward.directions.first(),
    ) {
        (true, Some(first)) => {
            let features = first.steps.first().map(|s| s.input.cols).unwrap_or(0);
            (layout.with_strip(features), Some(first))
        }
        _ => (layout, None),
    }
}

/// What the pointer is over: map, timestep and unit (the value is read from the newest trace
/// at each render, so it stays right while training refreshes the traces).
#[derive(Clone, Copy, PartialEq)]
struct Hover {
    key: MapKey,
    t: usize,
    unit: usize,
}

/// Units × timesteps maps of every gate and state of one layer and direction, with the
/// current timestep highlighted and the exact value under the pointer.
#[component]
pub fn GateHeatmaps(props: &GateHeatmapsProps) -> Html {
    let canvases = use_memo((), |_| {
        (0..6).map(|_| NodeRef::default()).collect::<Vec<_>>()
    });
    let hover = use_state(|| None::<Hover>);
    // The map that has the keyboard's focus: its readout shows the chosen cell.
    let focused = use_state(|| None::<MapKey>);
    let insp = &props.inspection.0;
    let dir = insp.forward.directions.get(props.index);

    {
        let canvases = canvases.clone();
        let shared = props.inspection.clone();
        let index = props.index;
        let presenter = props.presenter;
        use_effect_with((shared, index, presenter), move |(shared, index, _)| {
            let insp = &shared.0;
            if let Some(dir) = insp.forward.directions.get(*index) {
                let (layout, inputs) = layout_of(insp, dir, presenter);
                let dpr = web_sys::window()
                    .map(|w| w.device_pixel_ratio())
                    .unwrap_or(1.0);
                for (key, node) in maps_for(dir.cell).into_iter().zip(canvases.iter()) {
                    if let Some(canvas) = node.cast::<HtmlCanvasElement>() {
                        let spec = HeatSpec {
                            dir,
                            key,
                            scale: scale_for(dir, key),
                            layout,
                            labels: &insp.input_labels,
                            dpr,
                            inputs,
                        };
                        if let Err(e) = draw_heatmap(&canvas, &spec) {
                            web_sys::console::warn_1(&format!("heatmap: {e}").into());
                        }
                    }
                }
            }
        });
    }

    let Some(dir) = dir else {
        return html! { <div class="gate-heatmaps" data-testid="gate-heatmap" /> };
    };
    let (layout, _) = layout_of(insp, dir, props.presenter);
    let (w, h) = layout.size();
    let t = props.t.min(layout.steps.saturating_sub(1));
    let lang = props.lang;

    let maps = maps_for(dir.cell)
        .into_iter()
        .zip(canvases.iter())
        .map(|(key, node)| {
            let scale = scale_for(dir, key);
            let (lo, hi) = scale.range();
            let at = move |e: &MouseEvent| -> Option<(usize, usize)> {
                layout.hit(e.offset_x() as f64, e.offset_y() as f64)
            };
            let onmousemove = {
                let hover = hover.clone();
                Callback::from(move |e: MouseEvent| {
                    hover.set(at(&e).map(|(t, unit)| Hover { key, t, unit }))
                })
            };
            let onclick = {
                let hover = hover.clone();
                let on_pick = props.on_pick.clone();
                Callback::from(move |e: MouseEvent| {
                    if let Some((t, unit)) = at(&e) {
                        hover.set(Some(Hover { key, t, unit }));
                        on_pick.emit((t, unit));
                    }
                })
            };
            let unit = props.unit.min(layout.units.saturating_sub(1));
            // Keys on a focused map: ↑/↓ choose the unit (←/→ the timestep, as everywhere).
            let onkeydown = {
                let on_pick = props.on_pick.clone();
                let last = layout.units.saturating_sub(1);
                Callback::from(move |e: KeyboardEvent| {
                    let to = match e.key().as_str() {
                        "ArrowUp" => unit.saturating_sub(1),
                        "ArrowDown" => (unit + 1).min(last),
                        "Home" => 0,
                        "End" => last,
                        "Enter" => unit,
                        _ => return,
                    };
                    e.prevent_default();
                    on_pick.emit((t, to));
                })
            };
            let onfocus = {
                let focused = focused.clone();
                Callback::from(move |_: FocusEvent| focused.set(Some(key)))
            };
            let onblur = {
                let focused = focused.clone();
                Callback::from(move |_: FocusEvent| focused.set(None))
            };
            let read = |t: usize, u: usize| dir.steps.get(t).and_then(|s| step_value(s, key, u));
            let label = describe::heatmap(lang, &map_title(lang, key), layout.steps, layout.units, &read, (t, unit));
            let (cx, _, cw, _) = layout.rect(t, 0);
            let (_, uy, _, uh) = layout.rect(0, unit);
            html! {
                <figure class="heatmap" data-map={key.id()}>
                    <figcaption>
                        <span class="heatmap-title">{ map_title(lang, key) }</span>
                        <span class="legend">
                            <span class="legend-end">{ num_short(lo) }</span>
                            <span class="legend-bar" style={legend_gradient(scale)} />
                            <span class="legend-end">{ num_short(hi) }</span>
                        </span>
                    </figcaption>
                    <div class="heatmap-box" style={format!("width:{w}px;height:{h}px")}>
                        <canvas ref={node.clone()} class="heatmap-canvas" role="img" tabindex="0"
                            aria-label={label} data-testid="heatmap-canvas" data-map={key.id()}
                            aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight"
                            style={format!("width:{w}px;height:{h}px")}
                            {onkeydown} {onfocus} {onblur}
                            onmousemove={onmousemove} onclick={onclick}
                            onmouseleave={{ let hover = hover.clone(); Callback::from(move |_| hover.set(None)) }} />
                        <div class="heat-col" data-testid="heat-highlight" data-t={t.to_string()}
                            style={format!("left:{cx}px;width:{cw}px;height:{}px", layout.grid_h())} />
                        <div class="heat-row" style={format!("top:{uy}px;height:{uh}px;width:{}px", layout.grid_w())} />
                    </div>
                </figure>
            }
        });

    let chosen = focused.map(|key| Hover {
        key,
        t,
        unit: props.unit.min(layout.units.saturating_sub(1)),
    });
    let readout = match (*hover).or(chosen) {
        Some(hv) => {
            let value = dir
                .steps
                .get(hv.t)
                .and_then(|s| step_value(s, hv.key, hv.unit));
            html! {
            <div class="heat-readout" data-testid="heat-readout" data-map={hv.key.id()}
                data-t={hv.t.to_string()} data-unit={hv.unit.to_string()}
                data-v={value.map(|v| v.to_string()).unwrap_or_default()}>
                { format!("{} · t = {} · {} {} · {} = {}",
                    map_title(lang, hv.key), hv.t, tr(lang, Text::InUnit), hv.unit, tr(lang, Text::InValue),
                    value.map(num).unwrap_or_else(|| "—".into())) }
            </div>
            }
        }
        None => html! {
            <div class="heat-readout hint" data-testid="heat-readout">{ tr(lang, Text::InHeatHint) }</div>
        },
    };

    html! {
        <div class="gate-heatmaps" data-testid="gate-heatmap" data-t={t.to_string()}>
            <h3>{ tr(lang, Text::InHeatmaps) }</h3>
            if !insp.input_names.is_empty() {
                <p class="hint" data-testid="input-names">
                    { format!("{}: {}", tr(lang, Text::InInputBand), insp.input_names.join(" · ")) }
                </p>
            }
            { readout }
            <div class="heatmap-grid">{ for maps }</div>
        </div>
    }
}

fn num_short(v: f64) -> String {
    let s = format!("{v}");
    s.replace('-', "−")
}
