//! What the inside views show: the layer, the direction (bidirectional models), the unit and
//! the example followed.

use yew::prelude::*;

use crate::app::components::index_field::IndexField;
use crate::app::context::use_app;
use crate::ui::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct SelectorsProps {
    pub layers: usize,
    pub layer: usize,
    pub directions: usize,
    pub direction: usize,
    pub units: usize,
    pub unit: usize,
    pub example: usize,
    pub on_layer: Callback<usize>,
    pub on_direction: Callback<usize>,
    pub on_unit: Callback<usize>,
    pub on_example: Callback<usize>,
}

/// A `<select>`'s value as a number (0 when it is not one).
fn picked(e: Event) -> usize {
    let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
    s.value().parse().unwrap_or(0)
}

#[component]
pub fn Selectors(props: &SelectorsProps) -> Html {
    let app = use_app();
    let what = app.state.lesson.info().example.get(app.state.lang);
    let example_control = match &app.state.picker {
        Some(p) if p.count > 1 => html! {
            <label class="inline inside-example">{ app.t(Text::InExample) }{ " (" }{ what }{ ") " }
                <IndexField value={props.example} max={p.count - 1} testid="inside-example" on_change={props.on_example.clone()} />
            </label>
        },
        _ => html! {
            <span class="inside-example">{ app.t(Text::InExample) }{ ": " }{ what }</span>
        },
    };
    let (layer, dir) = (props.layer, props.direction);
    html! {
        <div class="inside-selectors">
            <label class="inline">{ app.t(Text::InLayer) }
                <select data-testid="inside-layer" onchange={props.on_layer.reform(picked)}>
                    { for (0..props.layers).map(|l| html! {
                        <option value={l.to_string()} selected={l == layer}>{ l + 1 }</option>
                    }) }
                </select>
            </label>
            if props.directions > 1 {
                <label class="inline">{ app.t(Text::InDirection) }
                    <select data-testid="inside-direction" onchange={props.on_direction.reform(picked)}>
                        <option value="0" selected={dir == 0}>{ app.t(Text::InForward) }</option>
                        <option value="1" selected={dir == 1}>{ app.t(Text::InReverse) }</option>
                    </select>
                </label>
            }
            <label class="inline">{ app.t(Text::InUnit) }
                <IndexField value={props.unit} max={props.units.saturating_sub(1)} testid="inside-unit" on_change={props.on_unit.clone()} />
            </label>
            { example_control }
        </div>
    }
}
