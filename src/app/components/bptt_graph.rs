use gloo_timers::callback::Interval;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::app::components::inside::SharedInspection;
use crate::nn::CellKind;
use crate::ui::describe;
use crate::ui::format::short_number;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::inside::{
    arrow_color, arrow_width, axis_label, decades, dh_norms, hex, log_plot, log_position,
    log_range, num, vanishing_factor, GraphLayout,
};

#[derive(Properties, PartialEq)]
pub struct BpttGraphProps {
    pub inspection: SharedInspection,
    /// 0 forward, 1 reverse.
    pub direction: usize,
    pub t: usize,
    pub lang: Lang,
}

/// Which shared weight matrix is highlighted.
#[derive(Clone, Copy, PartialEq)]
enum Weight {
    Ih,
    Hh,
}

impl Weight {
    fn name(self) -> &'static str {
        match self {
            Weight::Ih => "W_ih",
            Weight::Hh => "W_hh",
        }
    }

    /// As the course names it, and as PyTorch's state dict does.
    fn label(self) -> &'static str {
        match self {
            Weight::Ih => "W_xh · weight_ih",
            Weight::Hh => "W_hh · weight_hh",
        }
    }
}

/// The network unrolled over time: one box per timestep and layer, h (and c) carried forward,
/// ∂L/∂h_t carried back with width and colour on a log scale; the shared weights highlighted
/// at every timestep with each timestep's contribution to their gradient; and ‖∂L/∂h_t‖
/// against t.
#[component]
pub fn BpttGraph(props: &BpttGraphProps) -> Html {
    // The weight under the pointer, else the one pinned by a tap or click.
    let hovered = use_state(|| None::<Weight>);
    let pinned = use_state(|| None::<Weight>);
    let weight = hovered.or(*pinned);
    // Play backward: the gradient has reached timesteps ≥ `front` (None = all shown).
    let front = use_state(|| None::<usize>);
    let timer = use_mut_ref(|| None::<Interval>);
    let scroller = use_node_ref();
    // Keep the selected timestep (or the gradient front while playing backward) in view.
    {
        let scroller = scroller.clone();
        let g = GraphLayout::new(props.inspection.steps(), 1);
        let focus = front.unwrap_or(props.t);
        use_effect_with(focus, move |t| {
            let t = *t;
            let scroll = move || {
                if let Some(el) = scroller.cast::<web_sys::Element>() {
                    let (left, width) = (el.scroll_left() as f64, el.client_width() as f64);
                    let x = g.x(t);
                    if x - g.col_w < left || x + g.col_w > left + width {
                        el.set_scroll_left((x - width / 2.0).max(0.0) as i32);
                    }
                }
            };
            // Measure in the next frame: reading the scroll position inside this render would
            // force a synchronous layout of the whole page (60 ms when a lesson opens).
            match web_sys::window() {
                Some(w) => {
                    let frame = wasm_bindgen::closure::Closure::once_into_js(scroll);
                    let _ = w.request_animation_frame(frame.unchecked_ref());
                }
                None => scroll(),
            }
        });
    }
    let insp = &props.inspection.0;
    let lang = props.lang;
    let d = props.inspection.num_directions();
    let layers = props.inspection.num_layers().max(1);
    let steps = props.inspection.steps();
    let dir = props.direction.min(d - 1);
    if steps == 0 {
        return html! { <div class="bptt" data-testid="bptt-graph" /> };
    }
    let t_sel = props.t.min(steps - 1);
    let g = GraphLayout::new(steps, layers);
    let (w, h) = g.size();
    let all_norms = insp
        .backward
        .directions
        .iter()
        .flat_map(|bd| bd.steps.iter().map(|s| s.dh_norm));
    let (lo, hi) = log_range(all_norms);
    let lstm = insp
        .forward
        .directions
        .first()
        .map(|d| d.cell == CellKind::Lstm)
        .unwrap_or(false);
    let per_step_out = insp.forward.head.outputs.len() == steps;
    // Reading order: forward direction left to right, reverse right to left.
    let next_of = |t: usize| -> Option<usize> {
        if dir == 0 {
            (t + 1 < steps).then_some(t + 1)
        } else {
            t.checked_sub(1)
        }
    };
    let reached = |t: usize| -> bool {
        match *front {
            None => true,
            Some(f) => {
                if dir == 0 {
                    t >= f
                } else {
                    t <= f
                }
            }
        }
    };

    let on_play_back = {
        let front = front.clone();
        let timer = timer.clone();
        Callback::from(move |_| {
            // From the last timestep read to the first.
            let (start, end) = if dir == 0 {
                (steps - 1, 0)
            } else {
                (0, steps - 1)
            };
            front.set(Some(start));
            let front2 = front.clone();
            let pos = std::rc::Rc::new(std::cell::Cell::new(start));
            let timer2 = timer.clone();
            let every = (4000 / steps.max(1) as u32).clamp(60, 400);
            *timer.borrow_mut() = Some(Interval::new(every, move || {
                let p = pos.get();
                if p == end {
                    front2.set(None);
                    // Dropping the interval from inside its own callback is fine: it is
                    // cancelled on drop.
                    timer2.borrow_mut().take();
                    return;
                }
                let n = if dir == 0 { p - 1 } else { p + 1 };
                pos.set(n);
                front2.set(Some(n));
            }));
        })
    };

    let mut body: Vec<Html> = Vec::new();
    let max_contrib = |wt: Weight, idx: usize| -> f32 {
        insp.backward
            .directions
            .get(idx)
            .map(|bd| {
                bd.steps
                    .iter()
                    .map(|s| match wt {
                        Weight::Ih => s.contributions.weight_ih,
                        Weight::Hh => s.contributions.weight_hh,
                    })
                    .fold(0.0f32, f32::max)
            })
            .unwrap_or(0.0)
    };
    for l in 0..layers {
        let idx = l * d + dir;
        let y = g.y(l);
        let back = insp.backward.directions.get(idx);
        for t in 0..steps {
            let x = g.x(t);
            let cur = t == t_sel;
            // Input arrow (W_ih): from below.
            let (y_from, y_to) = if l == 0 {
                (g.input_y() - 16.0, y + g.box_h / 2.0 + 2.0)
            } else {
                (g.y(l - 1) - g.box_h / 2.0, y + g.box_h / 2.0 + 2.0)
            };
            let ih_hi = weight == Some(Weight::Ih);
            body.push(html! {
                <line class={classes!("up", ih_hi.then_some("w-hi"))} x1={x.to_string()} y1={y_from.to_string()}
                    x2={x.to_string()} y2={y_to.to_string()} marker-end="url(#bptt-head)" />
            });
            // Forward arrows to the next timestep read: h (and c for LSTM).
            if let Some(n) = next_of(t) {
                let xn = g.x(n);
                let sgn = if n > t { 1.0 } else { -1.0 };
                let x1 = x + sgn * g.box_w / 2.0;
                let x2 = xn - sgn * (g.box_w / 2.0 + 2.0);
                let hh_hi = weight == Some(Weight::Hh);
                body.push(html! {
                    <line class={classes!("fwd", hh_hi.then_some("w-hi"))} x1={x1.to_string()} y1={(y - 6.0).to_string()}
                        x2={x2.to_string()} y2={(y - 6.0).to_string()} marker-end="url(#bptt-head)" />
                });
                if lstm {
                    body.push(html! {
                        <line class="fwd-c" x1={x1.to_string()} y1={(y - 13.0).to_string()}
                            x2={x2.to_string()} y2={(y - 13.0).to_string()} marker-end="url(#bptt-head)" />
                    });
                }
                // Backward arrow: ∂L/∂h_t arriving at t, drawn from the step after it.
                if let Some(bs) = back.and_then(|b| b.steps.get(t)) {
                    let v = bs.dh_norm as f64;
                    let x_from = xn - sgn * g.box_w / 2.0;
                    let x_to = x + sgn * (g.box_w / 2.0 + 3.0);
                    let width = arrow_width(v, lo, hi);
                    let color = hex(arrow_color(v, lo, hi));
                    let shown = reached(t);
                    body.push(html! {
                        <line class={classes!("back", (!shown).then_some("pending"))}
                            data-testid="bptt-back" data-t={t.to_string()} data-layer={l.to_string()}
                            data-norm={bs.dh_norm.to_string()}
                            x1={x_from.to_string()} y1={(y + 9.0).to_string()}
                            x2={x_to.to_string()} y2={(y + 9.0).to_string()}
                            stroke={color} stroke-width={format!("{width:.2}")}>
                            <title>{ format!("‖∂L/∂h_{t}‖ = {}", num(bs.dh_norm)) }</title>
                        </line>
                    });
                }
            }
            let norm = back.and_then(|b| b.steps.get(t)).map(|s| s.dh_norm);
            let fill = norm
                .filter(|_| reached(t))
                .map(|v| hex(arrow_color(v as f64, lo, hi)))
                .unwrap_or_else(|| "#ffffff".into());
            body.push(html! {
                <g class={classes!("cellbox", cur.then_some("current"), weight.is_some().then_some("w-hi"))}
                    data-t={t.to_string()} data-layer={l.to_string()}>
                    <rect x={(x - g.box_w / 2.0).to_string()} y={(y - g.box_h / 2.0).to_string()}
                        width={g.box_w.to_string()} height={g.box_h.to_string()} rx="5" />
                    <rect class="gradmark" x={(x - g.box_w / 2.0 + 4.0).to_string()} y={(y + g.box_h / 2.0 - 8.0).to_string()}
                        width={(g.box_w - 8.0).to_string()} height="4" fill={fill} />
                    <text x={x.to_string()} y={(y + 1.0).to_string()} class="boxlabel">{ format!("h{}", l + 1) }</text>
                    <title>{ format!("{} {} · t = {t} · ‖∂L/∂h_t‖ = {}", tr(lang, Text::InLayer), l + 1, norm.map(num).unwrap_or_else(|| "—".into())) }</title>
                </g>
            });
            // Contribution bars of the hovered weight.
            if let (Some(wt), Some(bs)) = (weight, back.and_then(|b| b.steps.get(t))) {
                let c = match wt {
                    Weight::Ih => bs.contributions.weight_ih,
                    Weight::Hh => bs.contributions.weight_hh,
                };
                let m = max_contrib(wt, idx);
                let bh = if m > 0.0 { 28.0 * (c / m) as f64 } else { 0.0 };
                let bx = x + g.box_w / 2.0 + 3.0;
                let by = y + g.box_h / 2.0;
                body.push(html! {
                    <rect class="contrib" data-testid="bptt-contrib" data-t={t.to_string()}
                        data-layer={l.to_string()} data-weight={wt.name()} data-value={c.to_string()}
                        x={bx.to_string()} y={(by - bh).to_string()} width="6" height={bh.max(0.5).to_string()}>
                        <title>{ format!("{} · t = {t}: {}", wt.name(), num(c)) }</title>
                    </rect>
                });
            }
        }
    }
    // Inputs below, outputs above.
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
        let has_out = per_step_out || (dir == 0 && t == steps - 1) || (dir == 1 && t == 0);
        if has_out {
            let top = g.y(layers - 1) - g.box_h / 2.0;
            body.push(html! {
                <>
                    <line class="up" x1={x.to_string()} y1={top.to_string()} x2={x.to_string()}
                        y2={(g.output_y() + 8.0).to_string()} marker-end="url(#bptt-head)" />
                    <text class="out-label" x={x.to_string()} y={g.output_y().to_string()}>{ "ŷ" }</text>
                </>
            });
        }
    }
    // Current timestep column.
    let col_x = g.x(t_sel) - g.col_w / 2.0;

    let weight_chip = |wt: Weight| {
        let set = |v: Option<Weight>| {
            let hovered = hovered.clone();
            Callback::from(move |_: MouseEvent| hovered.set(v))
        };
        let focus = |v: Option<Weight>| {
            let hovered = hovered.clone();
            Callback::from(move |_: FocusEvent| hovered.set(v))
        };
        let on_click = {
            let pinned = pinned.clone();
            Callback::from(move |_| pinned.set(if *pinned == Some(wt) { None } else { Some(wt) }))
        };
        html! {
            <button type="button" class={classes!("weight-chip", (weight == Some(wt)).then_some("active"))}
                data-testid={format!("weight-{}", wt.name())} aria-pressed={(*pinned == Some(wt)).to_string()}
                onmouseenter={set(Some(wt))} onmouseleave={set(None)} onfocus={focus(Some(wt))} onblur={focus(None)}
                onclick={on_click}>{ wt.label() }</button>
        }
    };

    // ‖∂L/∂h_t‖ against t, log scale, for each layer of the selected direction.
    let (pw, ph) = (260.0, 120.0);
    let (ml, mb) = (44.0, 18.0);
    let ticks = decades(lo, hi);
    let mut plot: Vec<Html> = Vec::new();
    for v in &ticks {
        let yy = ph - log_position(*v, lo, hi) * ph;
        plot.push(html! {
            <>
                <line class="grid" x1={ml.to_string()} x2={(ml + pw).to_string()} y1={yy.to_string()} y2={yy.to_string()} />
                <text class="tick" x={(ml - 4.0).to_string()} y={(yy + 4.0).to_string()}>{ format!("1e{}", v.log10().round() as i32) }</text>
            </>
        });
    }
    // Layers differ by colour and by dash (legible without colour), and the legend draws both.
    let colors = ["#0072b2", "#e69f00", "#009e73", "#d55e00"];
    let dashes = ["none", "6 3", "2 3", "8 3 2 3"];
    let mut layer_norms: Vec<(String, Vec<f32>)> = Vec::new();
    for l in 0..layers {
        let norms = dh_norms(&insp.backward, l * d + dir);
        let pts = log_plot(&norms, pw, ph, lo, hi);
        let s: Vec<String> = pts
            .iter()
            .map(|(x, y)| format!("{:.1},{:.1}", x + ml, y))
            .collect();
        plot.push(html! {
            <polyline class="normline" points={s.join(" ")} stroke={colors[l % 4]}
                stroke-dasharray={dashes[l % 4]} data-testid="grad-line" data-layer={l.to_string()} />
        });
        layer_norms.push((
            format!("{} {}", tr(lang, Text::InLayer), l + 1),
            norms.clone(),
        ));
        if let Some(v) = norms.get(t_sel).filter(|v| **v > 0.0 && v.is_finite()) {
            let x = if steps > 1 {
                t_sel as f64 / (steps - 1) as f64 * pw
            } else {
                pw / 2.0
            } + ml;
            let y = ph - log_position(*v as f64, lo, hi) * ph;
            plot.push(html! {
                <circle cx={x.to_string()} cy={y.to_string()} r="4" fill={colors[l % 4]}
                    data-testid="grad-point" data-layer={l.to_string()} data-value={v.to_string()} />
            });
        }
    }
    // The vanishing gradient, named where the plot shows it: the first layer's gradient at the
    // first step against its largest.
    let vanishing = vanishing_factor(&dh_norms(&insp.backward, dir));
    let legend: Html = (0..layers)
        .map(|l| html! {
            <span class="plot-key">
                <svg width="24" height="8" aria-hidden="true"><line x1="0" y1="4" x2="24" y2="4" stroke={colors[l % 4]}
                    stroke-width="2" stroke-dasharray={dashes[l % 4]} /></svg>
                { format!(" {} {}", tr(lang, Text::InLayer), l + 1) }
            </span>
        })
        .collect();
    // The text alternative of both drawings: the gradient at the first, last and largest step.
    let named: Vec<(&str, &[f32])> = layer_norms
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_slice()))
        .collect();
    let summary = describe::gradient(lang, &named);

    let playing = front.is_some();
    html! {
        <div class="bptt" data-testid="bptt-graph" data-t={t_sel.to_string()}>
            <h3>{ tr(lang, Text::Backprop) }</h3>
            <div class="bptt-tools">
                <button type="button" data-testid="play-backward" onclick={on_play_back} disabled={playing}>
                    { tr(lang, Text::InPlayBackward) }
                </button>
                { weight_chip(Weight::Ih) }
                { weight_chip(Weight::Hh) }
                <span class="hint">{ tr(lang, Text::InWeightHint) }</span>
            </div>
            <p class="hint">{ tr(lang, Text::InGraphHint) }</p>
            <div class="bptt-row">
                <div class="bptt-scroll" ref={scroller} tabindex="0" role="region" aria-label={tr(lang, Text::Backprop)}>
                    <svg class="bptt-svg" width={w.to_string()} height={h.to_string()}
                        viewBox={format!("0 0 {w} {h}")} role="img" aria-label={format!("{}: {summary}", tr(lang, Text::Backprop))}>
                        <defs>
                            <marker id="bptt-head" viewBox="0 0 10 10" refX="9" refY="5"
                                markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                                <path d="M 0 0 L 10 5 L 0 10 z" fill="#555" />
                            </marker>
                        </defs>
                        <rect class="col-hi" data-testid="bptt-current" data-t={t_sel.to_string()}
                            x={col_x.to_string()} y="0" width={g.col_w.to_string()} height={h.to_string()} />
                        { for body }
                    </svg>
                </div>
                <figure class="gradplot" data-testid="grad-plot">
                    <figcaption>{ tr(lang, Text::InGradPlot) }</figcaption>
                    <svg width={(pw + ml + 8.0).to_string()} height={(ph + mb).to_string()}
                        viewBox={format!("0 0 {} {}", pw + ml + 8.0, ph + mb)} role="img" aria-label={summary.clone()}>
                        <line class="axis" x1={ml.to_string()} x2={ml.to_string()} y1="0" y2={ph.to_string()} />
                        <line class="axis" x1={ml.to_string()} x2={(ml + pw).to_string()} y1={ph.to_string()} y2={ph.to_string()} />
                        { for plot }
                        <text class="tick" x={ml.to_string()} y={(ph + 14.0).to_string()}>{ "t = 0" }</text>
                        <text class="tick end" x={(ml + pw).to_string()} y={(ph + 14.0).to_string()}>{ format!("{}", steps - 1) }</text>
                    </svg>
                    <div class="plot-keys">{ legend }</div>
                    if let Some(f) = vanishing {
                        <p class="vanishing" data-testid="vanishing" data-factor={f.to_string()}>
                            { format!("{}: {}", tr(lang, Text::VanishingGradient), tr(lang, Text::VanishingDetail).replace("{x}", &if f.is_finite() { short_number(f) } else { "∞".into() })) }
                        </p>
                    }
                </figure>
            </div>
        </div>
    }
}
