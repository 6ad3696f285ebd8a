//! The selected cell type drawn in the familiar style (`cell_diagram/cells.rs`) with the live
//! values of one unit at the selected timestep.

mod cells;
mod parts;

use yew::prelude::*;

use crate::app::components::inside::SharedInspection;
use crate::nn::CellKind;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::inside::{num, previous_step, step_value, MapKey};
use cells::At;

#[derive(Properties, PartialEq)]
pub struct CellDiagramProps {
    pub inspection: SharedInspection,
    /// `layer * directions + direction`.
    pub index: usize,
    pub t: usize,
    pub unit: usize,
    pub lang: Lang,
}

/// The selected cell type drawn in the familiar style (the LSTM's cell-state highway, the
/// GRU's update mixing) with the live values of one unit at the selected timestep.
#[component]
pub fn CellDiagram(props: &CellDiagramProps) -> Html {
    let insp = &props.inspection.0;
    let Some(dir) = insp.forward.directions.get(props.index) else {
        return html! { <figure class="cell-diagram" data-testid="cell-diagram" /> };
    };
    let steps = dir.steps.len();
    if steps == 0 {
        return html! { <figure class="cell-diagram" data-testid="cell-diagram" /> };
    }
    let t = props.t.min(steps - 1);
    let u = props.unit;
    let step = &dir.steps[t];
    let prev = previous_step(dir.direction, t, steps).map(|p| &dir.steps[p]);
    let h_prev = prev.and_then(|p| step_value(p, MapKey::Hidden, u));
    let x_label = insp
        .input_labels
        .get(t)
        .map(|l| crate::ui::inside::input_label(l, props.lang))
        .unwrap_or_default();
    let cell = dir.cell;
    let (w, hgt) = (470.0, 250.0);

    let at = At { step, prev, u };
    let parts = match cell {
        CellKind::Lstm => cells::lstm(&at),
        CellKind::Gru => cells::gru(&at),
        CellKind::Rnn => cells::rnn(&at),
        CellKind::Course => cells::course(&at),
    };

    html! {
        <figure class="cell-diagram" data-testid="cell-diagram" data-t={t.to_string()} data-unit={u.to_string()}>
            <figcaption>{ format!("{} · {} {u} · t = {t}", tr(props.lang, Text::InCell), tr(props.lang, Text::InUnit)) }</figcaption>
            <div class="cell-scroll" tabindex="0" role="region" aria-label={tr(props.lang, Text::InCell)}>
                <svg width={w.to_string()} height={hgt.to_string()} viewBox={format!("0 0 {w} {hgt}")} role="img"
                    aria-label={tr(props.lang, Text::InCell)}>
                    <defs>
                        <marker id="cell-head" viewBox="0 0 10 10" refX="9" refY="5"
                            markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                            <path d="M 0 0 L 10 5 L 0 10 z" fill="#444" />
                        </marker>
                    </defs>
                    { parts }
                    // Inputs at the bottom: h_{t−1} and x_t feed every gate.
                    <line class="bus" x1="60" y1="215" x2="400" y2="215" />
                    <text class="state start" x="8" y="240">{ format!("x_t = “{x_label}”") }</text>
                    <text class="state end" x="462" y="240">{ format!("h_{{t−1}} = {}", h_prev.map(num).unwrap_or_else(|| "0".into())) }</text>
                </svg>
            </div>
        </figure>
    }
}
