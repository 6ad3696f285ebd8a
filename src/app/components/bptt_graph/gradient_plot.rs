//! ‖∂L/∂h_t‖ against t on a log scale, one line per layer of the drawn direction, with the
//! selected timestep's points and the vanishing factor named under it.

use yew::prelude::*;

use crate::ui::bptt_layout::{layer_style, GradPlot};
use crate::ui::format::short_number;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::inside::{decades, vanishing_factor};

#[derive(Properties, PartialEq)]
pub struct GradientPlotProps {
    /// Each layer's name and ‖∂L/∂h_t‖ for every t.
    pub layer_norms: Vec<(String, Vec<f32>)>,
    /// The selected timestep, of `steps`.
    pub t: usize,
    pub steps: usize,
    /// The log range of the y axis.
    pub lo: f64,
    pub hi: f64,
    /// The plot's text alternative.
    pub summary: AttrValue,
    pub lang: Lang,
}

#[component]
pub fn GradientPlot(props: &GradientPlotProps) -> Html {
    let (lo, hi, lang) = (props.lo, props.hi, props.lang);
    let p = GradPlot::default();
    let (w, h) = p.size();
    let (ml, pw, ph) = (p.left, p.width, p.height);
    let ticks: Html = decades(lo, hi)
        .iter()
        .map(|v| {
            let yy = p.y(*v, lo, hi);
            html! {
                <>
                    <line class="grid" x1={ml.to_string()} x2={(ml + pw).to_string()} y1={yy.to_string()} y2={yy.to_string()} />
                    <text class="tick" x={(ml - 4.0).to_string()} y={(yy + 4.0).to_string()}>{ format!("1e{}", v.log10().round() as i32) }</text>
                </>
            }
        })
        .collect();
    let lines: Html = props
        .layer_norms
        .iter()
        .enumerate()
        .map(|(l, (_, norms))| {
            let (colour, dash) = layer_style(l);
            let point = norms
                .get(props.t)
                .filter(|v| **v > 0.0 && v.is_finite())
                .map(|v| {
                    let (x, y) = (p.x(props.t, props.steps), p.y(*v as f64, lo, hi));
                    html! {
                        <circle cx={x.to_string()} cy={y.to_string()} r="4" fill={colour}
                            data-testid="grad-point" data-layer={l.to_string()} data-value={v.to_string()} />
                    }
                });
            html! {
                <>
                    <polyline class="normline" points={p.points(norms, lo, hi)} stroke={colour}
                        stroke-dasharray={dash} data-testid="grad-line" data-layer={l.to_string()} />
                    { for point }
                </>
            }
        })
        .collect();
    let legend: Html = (0..props.layer_norms.len())
        .map(|l| {
            let (colour, dash) = layer_style(l);
            html! {
                <span class="plot-key">
                    <svg width="24" height="8" aria-hidden="true"><line x1="0" y1="4" x2="24" y2="4" stroke={colour}
                        stroke-width="2" stroke-dasharray={dash} /></svg>
                    { format!(" {} {}", tr(lang, Text::InLayer), l + 1) }
                </span>
            }
        })
        .collect();
    // The vanishing gradient, named where the plot shows it: the first layer's gradient at the
    // first step against its largest.
    let vanishing = props
        .layer_norms
        .first()
        .and_then(|(_, n)| vanishing_factor(n));
    let factor = |f: f64| {
        if f.is_finite() {
            short_number(f)
        } else {
            "∞".into()
        }
    };
    html! {
        <figure class="gradplot" data-testid="grad-plot">
            <figcaption>{ tr(lang, Text::InGradPlot) }</figcaption>
            <svg width={w.to_string()} height={h.to_string()}
                viewBox={format!("0 0 {w} {h}")} role="img" aria-label={props.summary.clone()}>
                <line class="axis" x1={ml.to_string()} x2={ml.to_string()} y1="0" y2={ph.to_string()} />
                <line class="axis" x1={ml.to_string()} x2={(ml + pw).to_string()} y1={ph.to_string()} y2={ph.to_string()} />
                { ticks }
                { lines }
                <text class="tick" x={ml.to_string()} y={(ph + 14.0).to_string()}>{ "t = 0" }</text>
                <text class="tick end" x={(ml + pw).to_string()} y={(ph + 14.0).to_string()}>{ format!("{}", props.steps - 1) }</text>
            </svg>
            <div class="plot-keys">{ legend }</div>
            if let Some(f) = vanishing {
                <p class="vanishing" data-testid="vanishing" data-factor={f.to_string()}>
                    { format!("{}: {}", tr(lang, Text::VanishingGradient), tr(lang, Text::VanishingDetail).replace("{x}", &factor(f))) }
                </p>
            }
        </figure>
    }
}
