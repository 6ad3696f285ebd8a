//! The cell diagram's drawing parts: a wire, an operation node, a gate box coloured by its
//! value, a state's label with its value.

use yew::prelude::*;

use crate::nn::Gate;
use crate::ui::inside::{diverging, hex, num, sequential};

pub fn line(x1: f64, y1: f64, x2: f64, y2: f64, class: &'static str) -> Html {
    html! {
        <line class={class} x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}
            marker-end="url(#cell-head)" />
    }
}

pub fn node(x: f64, y: f64, op: &'static str) -> Html {
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
pub fn gate_box(x: f64, y: f64, gate: Gate, v: Option<f32>) -> Html {
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

pub fn state_label(
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
