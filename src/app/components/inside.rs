//! Inside the network: timestep stepper, gate heatmaps, unrolled BPTT graph, cell arithmetic.
//! It follows one example through the worker's inspection traces.

mod cursor;
mod selectors;
mod shared;
mod stepper;

use yew::prelude::*;

use crate::app::components::bptt_graph::BpttGraph;
use crate::app::components::cell_diagram::CellDiagram;
use crate::app::components::gate_heatmaps::GateHeatmaps;
use crate::app::components::unit_arithmetic::UnitArithmetic;
use crate::app::context::use_app;
use crate::ui::cursor::CursorAction;
use crate::ui::i18n::Text;
use cursor::{use_guided_focus, use_play_through, use_timestep_keys, CursorState};
use selectors::Selectors;
pub use shared::SharedInspection;
use shared::{use_follow_example, use_shown_inspection};
use stepper::Stepper;

/// The panel: its toolbar over the four views, or a hint until the first trace arrives.
#[component]
pub fn InsideNetwork() -> Html {
    let app = use_app();
    let lang = app.state.lang;
    let cursor = use_reducer(CursorState::default);
    let layer = use_state(|| 0usize);
    let direction = use_state(|| 0usize);
    let unit = use_state(|| 0usize);
    let example = use_state(|| 0usize);
    use_follow_example(&app, *example);
    let section = use_node_ref();
    let shared = use_shown_inspection(&app, section.clone());
    let steps = shared.as_ref().map(|s| s.steps()).unwrap_or(0);
    {
        let cursor = cursor.clone();
        use_effect_with(steps, move |n| cursor.dispatch(CursorAction::Steps(*n)));
    }
    use_guided_focus(
        app.state.focus.clone(),
        cursor.dispatcher(),
        unit.clone(),
        example.clone(),
    );
    use_timestep_keys(cursor.dispatcher(), app.state.clone());
    use_play_through(cursor.dispatcher(), cursor.playing);

    let title = html! { <h2>{ app.t(Text::InTitle) }</h2> };
    let Some(shared) = shared.filter(|s| s.steps() > 0) else {
        return html! {
            <section class="panel inside" data-testid="inside-network" ref={section}>
                { title }
                <p class="hint" data-testid="inside-waiting">{ app.t(Text::InWaiting) }</p>
            </section>
        };
    };
    let layers = shared.num_layers().max(1);
    let dirs = shared.num_directions();
    let layer_v = (*layer).min(layers - 1);
    let dir_v = (*direction).min(dirs - 1);
    let index = layer_v * dirs + dir_v;
    let units = shared
        .0
        .forward
        .directions
        .get(index)
        .map(crate::ui::inside::units)
        .unwrap_or(0);
    let unit_v = (*unit).min(units.saturating_sub(1));
    let t = cursor.t.min(steps - 1);
    let input = shared
        .0
        .input_labels
        .get(t)
        .map(|l| crate::ui::inside::input_label(l, lang))
        .unwrap_or_default();
    let set = |h: &UseStateHandle<usize>| {
        let h = h.clone();
        Callback::from(move |v: usize| h.set(v))
    };
    let on_cursor = {
        let cursor = cursor.clone();
        Callback::from(move |a: CursorAction| cursor.dispatch(a))
    };
    let on_pick = {
        let (cursor, unit) = (cursor.clone(), unit.clone());
        Callback::from(move |(t, u): (usize, usize)| {
            cursor.dispatch(CursorAction::Set(t));
            unit.set(u);
        })
    };
    html! {
        <section class="panel inside" data-testid="inside-network" ref={section}>
            { title }
            <div class="inside-toolbar">
                <Stepper {t} {steps} playing={cursor.playing} {input} {on_cursor} />
                <Selectors {layers} layer={layer_v} directions={dirs} direction={dir_v} {units} unit={unit_v}
                    example={*example} on_layer={set(&layer)} on_direction={set(&direction)}
                    on_unit={set(&unit)} on_example={set(&example)} />
            </div>
            <GateHeatmaps inspection={shared.clone()} {index} {t} unit={unit_v} {lang} {on_pick} presenter={app.state.presenter} />
            <BpttGraph inspection={shared.clone()} direction={dir_v} {t} {lang} />
            <div class="inside-cell">
                <CellDiagram inspection={shared.clone()} {index} {t} unit={unit_v} {lang} />
                <UnitArithmetic inspection={shared} {index} {t} unit={unit_v} {lang} />
            </div>
        </section>
    }
}
