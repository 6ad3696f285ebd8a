//! One units × timesteps map with its legend, the current timestep's column and the unit's row
//! over it; it paints its canvas (`app::draw::heatmap`) whenever the trace changes.

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::{layout_of, Hover};
use crate::app::components::inside::SharedInspection;
use crate::app::draw::heatmap::{draw_heatmap, HeatSpec};
use crate::ui::describe;
use crate::ui::heatmaps::{legend_end, legend_gradient, map_title, unit_for_key};
use crate::ui::i18n::Lang;
use crate::ui::inside::{scale_for, step_value, MapKey};

#[derive(Properties, PartialEq)]
pub struct HeatMapProps {
    pub inspection: SharedInspection,
    /// `layer * directions + direction` (a direction the trace has).
    pub index: usize,
    pub map: MapKey,
    /// The selected timestep and unit.
    pub t: usize,
    pub unit: usize,
    pub lang: Lang,
    pub presenter: bool,
    /// The cell under the pointer, `None` when it leaves.
    pub on_hover: Callback<Option<Hover>>,
    /// The map has the keyboard's focus (`Some`) or lost it.
    pub on_focus: Callback<Option<MapKey>>,
    pub on_pick: Callback<(usize, usize)>,
}

#[component]
pub fn HeatMap(props: &HeatMapProps) -> Html {
    let node = use_node_ref();
    let key = props.map;
    {
        let node = node.clone();
        let deps = (props.inspection.clone(), props.index, props.presenter, key);
        use_effect_with(deps, move |(shared, index, presenter, key)| {
            let insp = &shared.0;
            let Some(dir) = insp.forward.directions.get(*index) else {
                return;
            };
            let (layout, inputs) = layout_of(insp, dir, *presenter);
            let dpr = web_sys::window()
                .map(|w| w.device_pixel_ratio())
                .unwrap_or(1.0);
            if let Some(canvas) = node.cast::<HtmlCanvasElement>() {
                let spec = HeatSpec {
                    dir,
                    key: *key,
                    scale: scale_for(dir, *key),
                    layout,
                    labels: &insp.input_labels,
                    dpr,
                    inputs,
                };
                if let Err(e) = draw_heatmap(&canvas, &spec) {
                    web_sys::console::warn_1(&format!("heatmap: {e}").into());
                }
            }
        });
    }
    let insp = &props.inspection.0;
    let Some(dir) = insp.forward.directions.get(props.index) else {
        return html! {};
    };
    let (layout, _) = layout_of(insp, dir, props.presenter);
    let (w, h) = layout.size();
    let (t, unit, lang) = (props.t, props.unit, props.lang);
    let scale = scale_for(dir, key);
    let (lo, hi) = scale.range();
    let at = move |e: &MouseEvent| layout.hit(e.offset_x() as f64, e.offset_y() as f64);
    let onmousemove = props
        .on_hover
        .reform(move |e: MouseEvent| at(&e).map(|(t, unit)| Hover { key, t, unit }));
    let onclick = {
        let (on_hover, on_pick) = (props.on_hover.clone(), props.on_pick.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some((t, unit)) = at(&e) {
                on_hover.emit(Some(Hover { key, t, unit }));
                on_pick.emit((t, unit));
            }
        })
    };
    let onmouseleave = props.on_hover.reform(|_: MouseEvent| None);
    // Keys on a focused map: ↑/↓ choose the unit (←/→ the timestep, as everywhere).
    let onkeydown = {
        let on_pick = props.on_pick.clone();
        let last = layout.units.saturating_sub(1);
        Callback::from(move |e: KeyboardEvent| {
            if let Some(to) = unit_for_key(&e.key(), unit, last) {
                e.prevent_default();
                on_pick.emit((t, to));
            }
        })
    };
    let onfocus = props.on_focus.reform(move |_: FocusEvent| Some(key));
    let onblur = props.on_focus.reform(|_: FocusEvent| None);
    let read = |t: usize, u: usize| dir.steps.get(t).and_then(|s| step_value(s, key, u));
    let title = map_title(lang, key);
    let label = describe::heatmap(lang, &title, layout.steps, layout.units, &read, (t, unit));
    let (cx, _, cw, _) = layout.rect(t, 0);
    let (_, uy, _, uh) = layout.rect(0, unit);
    html! {
        <figure class="heatmap" data-map={key.id()}>
            <figcaption>
                <span class="heatmap-title">{ title }</span>
                <span class="legend">
                    <span class="legend-end">{ legend_end(lo) }</span>
                    <span class="legend-bar" style={legend_gradient(scale)} />
                    <span class="legend-end">{ legend_end(hi) }</span>
                </span>
            </figcaption>
            <div class="heatmap-box" style={format!("width:{w}px;height:{h}px")}>
                <canvas ref={node} class="heatmap-canvas" role="img" tabindex="0"
                    aria-label={label} data-testid="heatmap-canvas" data-map={key.id()}
                    aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight"
                    style={format!("width:{w}px;height:{h}px")}
                    {onkeydown} {onfocus} {onblur} {onmousemove} {onclick} {onmouseleave} />
                <div class="heat-col" data-testid="heat-highlight" data-t={t.to_string()}
                    style={format!("left:{cx}px;width:{cw}px;height:{}px", layout.grid_h())} />
                <div class="heat-row" style={format!("top:{uy}px;height:{uh}px;width:{}px", layout.grid_w())} />
            </div>
        </figure>
    }
}
