//! Held-out accuracy against distance, one line per cell, as SVG: x is d on a log scale
//! (ticks at each distance of the sweep), y is accuracy 0–1 with chance and the threshold
//! marked. Cells differ by colour, dash and marker, and are named in the legend.

use yew::prelude::*;

use crate::nn::CellKind;
use crate::ui::colour::css;
use crate::ui::format::short_number;
use crate::ui::inside::Rgb;
use crate::ui::memory_limit::{cell_name, MemoryLimitView};

const W: f64 = 600.0;
const H: f64 = 300.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 584.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 256.0;

/// Okabe–Ito colours, the comparison's: each at 3:1 or more on white.
fn colour(c: CellKind) -> Rgb {
    match c {
        CellKind::Rnn | CellKind::Course => [213, 94, 0],
        CellKind::Lstm => [0, 114, 178],
        CellKind::Gru => [0, 158, 115],
    }
}

/// Each cell's dash (SVG `stroke-dasharray`, empty = solid).
fn dash(c: CellKind) -> &'static str {
    match c {
        CellKind::Rnn | CellKind::Course => "",
        CellKind::Lstm => "8 4",
        CellKind::Gru => "2 3",
    }
}

/// A marker at `(x, y)`: RNN a circle, LSTM a triangle, GRU a square.
fn marker(c: CellKind, x: f64, y: f64, fill: &str) -> Html {
    match c {
        CellKind::Rnn | CellKind::Course => {
            html! { <circle cx={x.to_string()} cy={y.to_string()} r="4" fill={fill.to_string()} /> }
        }
        CellKind::Lstm => {
            let p = format!(
                "{},{} {},{} {},{}",
                x,
                y - 5.0,
                x - 5.0,
                y + 4.0,
                x + 5.0,
                y + 4.0
            );
            html! { <polygon points={p} fill={fill.to_string()} /> }
        }
        CellKind::Gru => {
            html! { <rect x={(x - 4.0).to_string()} y={(y - 4.0).to_string()} width="8" height="8" fill={fill.to_string()} /> }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub view: std::rc::Rc<MemoryLimitView>,
    /// The text alternative (`ui::memory_limit::describe`).
    pub label: AttrValue,
    /// The x axis's name.
    pub x_label: AttrValue,
    /// The y axis's name.
    pub y_label: AttrValue,
    /// "chance" and "mastered" in the page's language.
    pub chance: AttrValue,
    pub mastered: AttrValue,
}

/// The accuracy-against-distance chart.
#[component]
pub fn AccuracyChart(p: &ChartProps) -> Html {
    let v = &p.view;
    let ds = &v.config.distances;
    let (lo, hi) = (
        (*ds.first().unwrap_or(&1) as f64).ln(),
        (*ds.last().unwrap_or(&1) as f64).ln(),
    );
    let x = |d: f64| {
        let span = (hi - lo).max(1e-9);
        LEFT + (d.ln() - lo) / span * (RIGHT - LEFT)
    };
    let y = |a: f64| BOTTOM - a.clamp(0.0, 1.0) * (BOTTOM - TOP);
    let hline = |a: f64, text: String, dashed: bool| {
        html! { <g class="ml-ref">
            <line x1={LEFT.to_string()} x2={RIGHT.to_string()} y1={y(a).to_string()} y2={y(a).to_string()}
                stroke="#767676" stroke-dasharray={if dashed { "4 4" } else { "" }} />
            <text x={(RIGHT - 2.0).to_string()} y={(y(a) - 4.0).to_string()} text-anchor="end">{ text }</text>
        </g> }
    };
    let ticks = ds.iter().map(|&d| {
        let px = x(d as f64);
        html! { <text x={px.to_string()} y={(BOTTOM + 16.0).to_string()} text-anchor="middle">{ d }</text> }
    });
    let lines = v.config.cells.iter().map(|&c| {
        let pts = v.curve(c);
        let fill = css(colour(c));
        let path: Vec<String> = pts.iter().map(|&(d, a)| format!("{},{}", x(d), y(a))).collect();
        html! {
            <g class="ml-curve" data-cell={c.key()} data-points={pts.len().to_string()}>
                <polyline points={path.join(" ")} fill="none" stroke={fill.clone()} stroke-width="2.5" stroke-dasharray={dash(c)} />
                { for pts.iter().map(|&(d, a)| marker(c, x(d), y(a), &fill)) }
            </g>
        }
    });
    let legend = v.config.cells.iter().enumerate().map(|(i, &c)| {
        let lx = LEFT + 10.0 + i as f64 * 150.0;
        let fill = css(colour(c));
        html! { <g class="ml-legend">
            <line x1={lx.to_string()} x2={(lx + 36.0).to_string()} y1="16" y2="16" stroke={fill.clone()} stroke-width="2.5" stroke-dasharray={dash(c)} />
            { marker(c, lx + 18.0, 16.0, &fill) }
            <text x={(lx + 44.0).to_string()} y="21">{ cell_name(c) }</text>
        </g> }
    });
    // The middle tick gives way to the rotated axis name on a phone (styles: `.ml-tick-mid`).
    let y_ticks = [0.0, 0.5, 1.0].map(|a| html! {
        <text class={(a == 0.5).then_some("ml-tick-mid")} x={(LEFT - 6.0).to_string()} y={(y(a) + 4.0).to_string()} text-anchor="end">{ short_number(a) }</text>
    });
    html! {
        <svg class="ml-chart" data-testid="memory-limit-chart" viewBox={format!("0 0 {W} {H}")} role="img" aria-label={p.label.clone()}>
            <rect x={LEFT.to_string()} y={TOP.to_string()} width={(RIGHT - LEFT).to_string()} height={(BOTTOM - TOP).to_string()} fill="none" stroke="#767676" />
            { hline(v.chance(), format!("{} {}", p.chance, short_number(v.chance())), true) }
            { hline(v.config.threshold, format!("{} ≥ {}", p.mastered, short_number(v.config.threshold)), false) }
            { for y_ticks }
            { for ticks }
            <text x={((LEFT + RIGHT) / 2.0).to_string()} y={(H - 6.0).to_string()} text-anchor="middle">{ p.x_label.clone() }</text>
            <text x="12" y={((TOP + BOTTOM) / 2.0).to_string()} text-anchor="middle" transform={format!("rotate(-90 12 {})", (TOP + BOTTOM) / 2.0)}>{ p.y_label.clone() }</text>
            { for lines }
            { for legend }
        </svg>
    }
}
