//! The unrolled graph's SVG: the boxes and arrows of every layer and timestep (`step.rs`), the
//! inputs below, the outputs above and the band behind the selected timestep.

use yew::prelude::*;

use super::step::{step, Step};
use crate::app::components::inside::SharedInspection;
use crate::nn::CellKind;
use crate::ui::bptt_layout::{GraphLayout, Reading, Weight};
use crate::ui::i18n::Lang;
use crate::ui::inside::axis_label;

#[derive(Properties, PartialEq)]
pub struct UnrolledProps {
    pub inspection: SharedInspection,
    /// 0 forward, 1 reverse.
    pub direction: usize,
    /// The selected timestep (within the trace).
    pub t: usize,
    pub weight: Option<Weight>,
    /// The backward sweep's front, while it plays.
    pub front: Option<usize>,
    /// The log range of ‖∂L/∂h_t‖ over every direction.
    pub lo: f64,
    pub hi: f64,
    /// The drawing's text alternative.
    pub label: AttrValue,
    pub lang: Lang,
}

#[component]
pub fn Unrolled(props: &UnrolledProps) -> Html {
    let insp = &props.inspection.0;
    let d = props.inspection.num_directions();
    let layers = props.inspection.num_layers().max(1);
    let steps = props.inspection.steps();
    let (dir, t_sel) = (props.direction, props.t);
    let g = GraphLayout::new(steps, layers);
    let (w, h) = g.size();
    let cell = insp.forward.directions.first().map(|d| d.cell);
    let lstm = cell == Some(CellKind::Lstm);
    let course = cell == Some(CellKind::Course);
    let reading = Reading {
        direction: dir,
        steps,
    };
    let mut body: Vec<Html> = Vec::new();
    for layer in 0..layers {
        let back = insp.backward.directions.get(layer * d + dir);
        let at = Step {
            g: &g,
            reading,
            layer,
            back,
            lstm,
            weight: props.weight,
            front: props.front,
            lo: props.lo,
            hi: props.hi,
            lang: props.lang,
        };
        body.extend((0..steps).flat_map(|t| step(&at, t, t == t_sel)));
    }
    // Inputs below, outputs above.
    let per_step_out = insp.forward.head.outputs.len() == steps;
    for t in 0..steps {
        let x = g.x(t);
        let label = insp
            .input_labels
            .get(t)
            .map(|s| axis_label(s))
            .unwrap_or_default();
        body.push(html! {
            <text class={classes!("in-label", (t == t_sel).then_some("current"))}
                x={x.to_string()} y={g.input_y().to_string()}>{ label }</text>
        });
        if course {
            // ŷ_t = i2o(cat(x_t, h_{t−1})): from the box before, and from x_t beside box t.
            let (a, b) = (g.course_output_arrow(t), g.course_input_arrow(t));
            body.push(html! {
                <>
                    <line class="up" data-testid="bptt-course-out" data-t={t.to_string()}
                        x1={a.x1.to_string()} y1={a.y1.to_string()} x2={a.x2.to_string()}
                        y2={a.y2.to_string()} marker-end="url(#bptt-head)" />
                    <line class="up skip" stroke-dasharray="3 3" x1={b.x1.to_string()} y1={b.y1.to_string()}
                        x2={b.x2.to_string()} y2={b.y2.to_string()} marker-end="url(#bptt-head)" />
                    <text class="out-label" x={x.to_string()} y={g.output_y().to_string()}>{ "ŷ" }</text>
                </>
            });
        } else if reading.has_output(t, per_step_out) {
            let a = g.output_arrow(t);
            body.push(html! {
                <>
                    <line class="up" x1={a.x1.to_string()} y1={a.y1.to_string()} x2={a.x2.to_string()}
                        y2={a.y2.to_string()} marker-end="url(#bptt-head)" />
                    <text class="out-label" x={x.to_string()} y={g.output_y().to_string()}>{ "ŷ" }</text>
                </>
            });
        }
    }
    let col = g.current_column(t_sel);
    html! {
        <svg class="bptt-svg" width={w.to_string()} height={h.to_string()}
            viewBox={format!("0 0 {w} {h}")} role="img" aria-label={props.label.clone()}>
            <defs>
                <marker id="bptt-head" viewBox="0 0 10 10" refX="9" refY="5"
                    markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" fill="#555" />
                </marker>
            </defs>
            <rect class="col-hi" data-testid="bptt-current" data-t={t_sel.to_string()}
                x={col.x.to_string()} y="0" width={col.width.to_string()} height={h.to_string()} />
            { for body }
        </svg>
    }
}
