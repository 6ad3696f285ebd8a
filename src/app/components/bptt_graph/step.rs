//! One box of the unrolled graph and its arrows: the input from below, h (and c) to the next
//! timestep read, ∂L/∂h_t arriving from it, and the highlighted weight's contribution bar.

use yew::prelude::*;

use crate::nn::trace::BackwardDirectionTrace;
use crate::ui::bptt_layout::{GraphLayout, Lane, Line, Reading, Weight};
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::inside::{arrow_color, arrow_width, hex, num};

/// What every box of one layer shares.
pub struct Step<'a> {
    pub g: &'a GraphLayout,
    pub reading: Reading,
    pub layer: usize,
    /// The layer's backward trace in the drawn direction.
    pub back: Option<&'a BackwardDirectionTrace>,
    pub lstm: bool,
    pub weight: Option<Weight>,
    pub front: Option<usize>,
    pub lo: f64,
    pub hi: f64,
    pub lang: Lang,
}

fn contribution(wt: Weight, c: &crate::nn::trace::ContributionNorms) -> f32 {
    match wt {
        Weight::Ih => c.weight_ih,
        Weight::Hh => c.weight_hh,
    }
}

fn line(class: Classes, l: Line) -> Html {
    html! {
        <line {class} x1={l.x1.to_string()} y1={l.y1.to_string()}
            x2={l.x2.to_string()} y2={l.y2.to_string()} marker-end="url(#bptt-head)" />
    }
}

/// The parts drawn at timestep `t` (`current`: the selected one), in drawing order.
pub fn step(at: &Step, t: usize, current: bool) -> Vec<Html> {
    let (g, l, lang) = (at.g, at.layer, at.lang);
    let (lo, hi) = (at.lo, at.hi);
    let back = at.back.and_then(|b| b.steps.get(t));
    let mut parts = vec![line(
        classes!("up", (at.weight == Some(Weight::Ih)).then_some("w-hi")),
        g.input_arrow(t, l),
    )];
    // Forward arrows to the next timestep read: h (and c for LSTM).
    if let Some(n) = at.reading.next(t) {
        let hh = (at.weight == Some(Weight::Hh)).then_some("w-hi");
        parts.push(line(classes!("fwd", hh), g.forward_arrow(t, n, l, Lane::H)));
        if at.lstm {
            parts.push(line(classes!("fwd-c"), g.forward_arrow(t, n, l, Lane::C)));
        }
        // Backward arrow: ∂L/∂h_t arriving at t, drawn from the step after it.
        if let Some(bs) = back {
            let v = bs.dh_norm as f64;
            let a = g.backward_arrow(t, n, l);
            let (width, color) = (arrow_width(v, lo, hi), hex(arrow_color(v, lo, hi)));
            let shown = at.reading.reached(t, at.front);
            parts.push(html! {
                <line class={classes!("back", (!shown).then_some("pending"))}
                    data-testid="bptt-back" data-t={t.to_string()} data-layer={l.to_string()}
                    data-norm={bs.dh_norm.to_string()}
                    x1={a.x1.to_string()} y1={a.y1.to_string()}
                    x2={a.x2.to_string()} y2={a.y2.to_string()}
                    stroke={color} stroke-width={format!("{width:.2}")}>
                    <title>{ format!("‖∂L/∂h_{t}‖ = {}", num(bs.dh_norm)) }</title>
                </line>
            });
        }
    }
    let norm = back.map(|s| s.dh_norm);
    let fill = norm
        .filter(|_| at.reading.reached(t, at.front))
        .map(|v| hex(arrow_color(v as f64, lo, hi)))
        .unwrap_or_else(|| "#ffffff".into());
    let (b, m, (lx, ly)) = (g.cell_box(t, l), g.grad_mark(t, l), g.box_label(t, l));
    parts.push(html! {
        <g class={classes!("cellbox", current.then_some("current"), at.weight.is_some().then_some("w-hi"))}
            data-t={t.to_string()} data-layer={l.to_string()}>
            <rect x={b.x.to_string()} y={b.y.to_string()}
                width={b.width.to_string()} height={b.height.to_string()} rx="5" />
            <rect class="gradmark" x={m.x.to_string()} y={m.y.to_string()}
                width={m.width.to_string()} height="4" fill={fill} />
            <text x={lx.to_string()} y={ly.to_string()} class="boxlabel">{ format!("h{}", l + 1) }</text>
            <title>{ format!("{} {} · t = {t} · ‖∂L/∂h_t‖ = {}", tr(lang, Text::InLayer), l + 1, norm.map(num).unwrap_or_else(|| "—".into())) }</title>
        </g>
    });
    // Contribution bars of the highlighted weight.
    if let (Some(wt), Some(bs)) = (at.weight, back) {
        let c = contribution(wt, &bs.contributions);
        let max = at.back.map_or(0.0, |b| {
            b.steps
                .iter()
                .map(|s| contribution(wt, &s.contributions))
                .fold(0.0f32, f32::max)
        });
        let r = g.contribution_bar(t, l, c, max);
        parts.push(html! {
            <rect class="contrib" data-testid="bptt-contrib" data-t={t.to_string()}
                data-layer={l.to_string()} data-weight={wt.name()} data-value={c.to_string()}
                x={r.x.to_string()} y={r.y.to_string()} width="6" height={r.height.to_string()}>
                <title>{ format!("{} · t = {t}: {}", wt.name(), num(c)) }</title>
            </rect>
        });
    }
    parts
}
