//! Units × timesteps maps of every gate and state of one layer and direction, with the
//! current timestep highlighted and the exact value under the pointer (`map.rs`: one map).

mod map;

use yew::prelude::*;

use crate::app::components::inside::SharedInspection;
use crate::nn::trace::DirectionTrace;
use crate::train::Inspection;
use crate::ui::heatmaps::cell_readout;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::inside::{maps_for, step_value, units, HeatLayout, MapKey};
use crate::ui::presenter::heat_label_px;
use map::HeatMap;

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
pub struct Hover {
    key: MapKey,
    t: usize,
    unit: usize,
}

#[component]
pub fn GateHeatmaps(props: &GateHeatmapsProps) -> Html {
    let hover = use_state(|| None::<Hover>);
    // The map that has the keyboard's focus: its readout shows the chosen cell.
    let focused = use_state(|| None::<MapKey>);
    let insp = &props.inspection.0;
    let Some(dir) = insp.forward.directions.get(props.index) else {
        return html! { <div class="gate-heatmaps" data-testid="gate-heatmap" /> };
    };
    let (layout, _) = layout_of(insp, dir, props.presenter);
    let t = props.t.min(layout.steps.saturating_sub(1));
    let unit = props.unit.min(layout.units.saturating_sub(1));
    let lang = props.lang;
    let on_hover = {
        let hover = hover.clone();
        Callback::from(move |h: Option<Hover>| hover.set(h))
    };
    let on_focus = {
        let focused = focused.clone();
        Callback::from(move |k: Option<MapKey>| focused.set(k))
    };
    let maps = maps_for(dir.cell).into_iter().map(|map| {
        html! {
            <HeatMap inspection={props.inspection.clone()} index={props.index} {map} {t} {unit} {lang}
                presenter={props.presenter} on_hover={on_hover.clone()} on_focus={on_focus.clone()}
                on_pick={props.on_pick.clone()} />
        }
    });
    let chosen = focused.map(|key| Hover { key, t, unit });
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
                    { cell_readout(lang, hv.key, hv.t, hv.unit, value) }
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
