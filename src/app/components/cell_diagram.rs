use yew::prelude::*;

use crate::app::components::inside::SharedInspection;
use crate::nn::{CellKind, Gate};
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::inside::{diverging, hex, num, previous_step, sequential, step_value, MapKey};

#[derive(Properties, PartialEq)]
pub struct CellDiagramProps {
    pub inspection: SharedInspection,
    /// `layer * directions + direction`.
    pub index: usize,
    pub t: usize,
    pub unit: usize,
    pub lang: Lang,
}

fn line(x1: f64, y1: f64, x2: f64, y2: f64, class: &'static str) -> Html {
    html! {
        <line class={class} x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}
            marker-end="url(#cell-head)" />
    }
}

fn node(x: f64, y: f64, op: &'static str) -> Html {
    html! {
        <g class="op">
            <circle cx={x.to_string()} cy={y.to_string()} r="11" />
            <text x={x.to_string()} y={(y + 4.0).to_string()}
                class={classes!((op.chars().count() > 2).then_some("small"))}>{ op }</text>
        </g>
    }
}

/// A gate box coloured by its value, with its function (σ or tanh), symbol and value from the
/// trace.
fn gate_box(x: f64, y: f64, gate: Gate, v: Option<f32>) -> Html {
    let sigmoid = gate.is_sigmoid();
    let (func, sym) = (if sigmoid { "σ" } else { "tanh" }, gate.symbol());
    let fill = match v {
        Some(v) if sigmoid => hex(sequential(v as f64)),
        Some(v) => hex(diverging(v as f64, 1.0)),
        None => "#dddddd".into(),
    };
    let dark = sigmoid && v.is_some_and(|v| v < 0.55);
    html! {
        <g class={classes!("gatebox", dark.then_some("dark"))} data-testid={format!("diag-gate-{sym}")}
            data-value={v.map(|v| v.to_string()).unwrap_or_default()}>
            <rect x={(x - 34.0).to_string()} y={(y - 20.0).to_string()} width="68" height="40" rx="6" fill={fill} />
            <text x={x.to_string()} y={(y - 4.0).to_string()}>{ format!("{func} {sym}") }</text>
            <text x={x.to_string()} y={(y + 13.0).to_string()} class="val">{ v.map(num).unwrap_or_else(|| "—".into()) }</text>
        </g>
    }
}

fn state_label(
    x: f64,
    y: f64,
    name: &str,
    testid: &'static str,
    v: Option<f32>,
    anchor: &'static str,
) -> Html {
    html! {
        <text class={classes!("state", anchor)} x={x.to_string()} y={y.to_string()} data-testid={testid}
            data-value={v.map(|v| v.to_string()).unwrap_or_default()}>
            { format!("{name} = {}", v.map(num).unwrap_or_else(|| "0".into())) }
        </text>
    }
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
    let gate = |x: f64, y: f64, g: Gate| gate_box(x, y, g, step_value(step, MapKey::Gate(g), u));
    let h = step_value(step, MapKey::Hidden, u);
    let h_prev = prev.and_then(|p| step_value(p, MapKey::Hidden, u));
    let x_label = insp
        .input_labels
        .get(t)
        .map(|l| crate::ui::inside::input_label(l, props.lang))
        .unwrap_or_default();
    let cell = dir.cell;
    let (w, hgt) = (470.0, 250.0);

    let parts = match cell {
        CellKind::Lstm => {
            let c = step_value(step, MapKey::Cell, u);
            let c_prev = prev.and_then(|p| step_value(p, MapKey::Cell, u));
            html! { <>
                // The cell-state highway.
                <line class="highway" x1="70" y1="40" x2="135" y2="40" />
                <line class="highway" x1="157" y1="40" x2="245" y2="40" />
                { line(267.0, 40.0, 400.0, 40.0, "highway") }
                { node(146.0, 40.0, "×") }
                { node(256.0, 40.0, "+") }
                { state_label(8.0, 30.0, "c_{t−1}", "diag-c-prev", c_prev, "start") }
                { state_label(462.0, 30.0, "c_t", "diag-c", c, "end") }
                // Gates.
                { gate(110.0, 160.0, Gate::Forget) }
                { gate(190.0, 160.0, Gate::Input) }
                { gate(270.0, 160.0, Gate::CellCandidate) }
                { gate(350.0, 160.0, Gate::Output) }
                { for [110.0, 190.0, 270.0, 350.0].map(|x| line(x, 215.0, x, 181.0, "wire")) }
                { line(110.0, 140.0, 142.0, 53.0, "wire") }
                { node(230.0, 95.0, "×") }
                { line(190.0, 140.0, 222.0, 104.0, "wire") }
                { line(270.0, 140.0, 238.0, 104.0, "wire") }
                { line(236.0, 85.0, 252.0, 53.0, "wire") }
                // Output: h_t = o ⊙ tanh(c_t).
                { node(420.0, 80.0, "tanh") }
                { line(400.0, 40.0, 414.0, 68.0, "wire") }
                { node(420.0, 160.0, "×") }
                { line(420.0, 92.0, 420.0, 147.0, "wire") }
                { line(384.0, 160.0, 407.0, 160.0, "wire") }
                { line(432.0, 160.0, 462.0, 160.0, "wire") }
                { state_label(462.0, 190.0, "h_t", "diag-h", h, "end") }
            </> }
        }
        CellKind::Gru => html! { <>
            // The hidden state passes along the top, mixed by the update gate.
            <line class="highway" x1="70" y1="40" x2="189" y2="40" />
            { node(200.0, 40.0, "×") }
            <line class="highway" x1="211" y1="40" x2="319" y2="40" />
            { node(330.0, 40.0, "+") }
            { line(341.0, 40.0, 400.0, 40.0, "highway") }
            { state_label(8.0, 30.0, "h_{t−1}", "diag-h-prev", h_prev, "start") }
            { state_label(462.0, 30.0, "h_t", "diag-h", h, "end") }
            { gate(110.0, 170.0, Gate::Reset) }
            { gate(200.0, 170.0, Gate::Update) }
            { gate(330.0, 170.0, Gate::New) }
            { for [110.0, 200.0, 330.0].map(|x| line(x, 215.0, x, 191.0, "wire")) }
            { line(200.0, 150.0, 200.0, 53.0, "wire") }
            { node(265.0, 100.0, "1−") }
            { line(212.0, 150.0, 256.0, 110.0, "wire") }
            { line(276.0, 100.0, 318.0, 100.0, "wire") }
            { node(330.0, 100.0, "×") }
            { line(330.0, 150.0, 330.0, 113.0, "wire") }
            { line(330.0, 88.0, 330.0, 53.0, "wire") }
            { line(144.0, 170.0, 294.0, 170.0, "wire dashed") }
        </> },
        CellKind::Rnn => html! { <>
            <line class="highway" x1="70" y1="100" x2="196" y2="100" />
            { gate(235.0, 100.0, Gate::Hidden) }
            { line(269.0, 100.0, 400.0, 100.0, "highway") }
            { state_label(8.0, 90.0, "h_{t−1}", "diag-h-prev", h_prev, "start") }
            { state_label(462.0, 90.0, "h_t", "diag-h", h, "end") }
            { line(235.0, 215.0, 235.0, 122.0, "wire") }
        </> },
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
