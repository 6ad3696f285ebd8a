//! The network unrolled over time: one box per timestep and layer, h (and c) carried forward,
//! ∂L/∂h_t carried back with width and colour on a log scale; the shared weights highlighted
//! at every timestep with each timestep's contribution to their gradient; and ‖∂L/∂h_t‖
//! against t. Every coordinate comes from `ui::bptt_layout`.

mod gradient_plot;
mod step;
mod sweep;
mod unrolled;
mod weight_chip;

use yew::prelude::*;

use crate::app::components::inside::SharedInspection;
use crate::ui::bptt_layout::{Reading, Weight};
use crate::ui::describe;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::inside::{dh_norms, log_range};
use gradient_plot::GradientPlot;
use sweep::{use_backward_sweep, use_keep_in_view};
use unrolled::Unrolled;
use weight_chip::WeightChip;

#[derive(Properties, PartialEq)]
pub struct BpttGraphProps {
    pub inspection: SharedInspection,
    /// 0 forward, 1 reverse.
    pub direction: usize,
    pub t: usize,
    pub lang: Lang,
}

/// The unrolled graph beside the gradient plot, with the backward sweep and the weight chips.
/// How the graph draws the course's cell.
const COURSE_NOTE: crate::ui::i18n::Tr = crate::ui::i18n::Tr::new(
    "The course's cell: each `ŷ_t = i2o(torch.cat((x_t, h_{t−1}), 1))` reads the box before it and its input x_t (dashed), so the last h feeds no output and ∂L/∂h_t comes only from step t+1. The weight chips name `i2h.weight`'s columns for x and for h; its one bias is `i2h.bias`.",
    "강의의 셀: 각 `ŷ_t = i2o(torch.cat((x_t, h_{t−1}), 1))`는 바로 앞 상자와 입력 x_t(점선)를 읽습니다. 그래서 마지막 h는 어떤 출력에도 쓰이지 않고, ∂L/∂h_t는 t+1 스텝에서만 옵니다. 가중치 버튼은 `i2h.weight`에서 x와 h에 곱하는 열들을 가리키고, 편향은 `i2h.bias` 하나입니다.",
);

#[component]
pub fn BpttGraph(props: &BpttGraphProps) -> Html {
    // The weight under the pointer, else the one pinned by a tap or click.
    let hovered = use_state(|| None::<Weight>);
    let pinned = use_state(|| None::<Weight>);
    let weight = hovered.or(*pinned);
    let insp = &props.inspection.0;
    let lang = props.lang;
    let steps = props.inspection.steps();
    let dir = props.direction.min(props.inspection.num_directions() - 1);
    let reading = Reading {
        direction: dir,
        steps,
    };
    // Play backward: the gradient has reached the timesteps from `front` on (None: all shown).
    let (front, on_play_back) = use_backward_sweep(reading);
    let scroller = use_node_ref();
    use_keep_in_view(scroller.clone(), steps, front.unwrap_or(props.t));
    if steps == 0 {
        return html! { <div class="bptt" data-testid="bptt-graph" /> };
    }
    let t_sel = props.t.min(steps - 1);
    let all_norms = insp
        .backward
        .directions
        .iter()
        .flat_map(|bd| bd.steps.iter().map(|s| s.dh_norm));
    let (lo, hi) = log_range(all_norms);
    // The text alternative of both drawings: the gradient at the first, last and largest step.
    let d = props.inspection.num_directions();
    let layer_norms: Vec<(String, Vec<f32>)> = (0..props.inspection.num_layers().max(1))
        .map(|l| {
            let name = format!("{} {}", tr(lang, Text::InLayer), l + 1);
            (name, dh_norms(&insp.backward, l * d + dir))
        })
        .collect();
    let named: Vec<(&str, &[f32])> = layer_norms
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_slice()))
        .collect();
    let summary = describe::gradient(lang, &named);
    let course = insp
        .forward
        .directions
        .first()
        .is_some_and(|d| d.cell.is_course());
    // The course's cell has one `i2h.weight [H, I+H]`: the chips name its two column blocks.
    let course_inputs = insp
        .forward
        .directions
        .first()
        .filter(|d| d.cell.is_course())
        .and_then(|d| d.steps.first())
        .map(|s| s.input.cols);

    let on_hover = {
        let hovered = hovered.clone();
        Callback::from(move |w: Option<Weight>| hovered.set(w))
    };
    let on_pin = {
        let pinned = pinned.clone();
        Callback::from(move |w: Weight| pinned.set(if *pinned == Some(w) { None } else { Some(w) }))
    };
    let chip = |w: Weight| {
        html! {
            <WeightChip weight={w} {course_inputs} active={weight == Some(w)} pinned={*pinned == Some(w)}
                on_hover={on_hover.clone()} on_pin={on_pin.clone()} />
        }
    };
    html! {
        <div class="bptt" data-testid="bptt-graph" data-t={t_sel.to_string()}>
            <h3>{ tr(lang, Text::Backprop) }</h3>
            <div class="bptt-tools">
                <button type="button" data-testid="play-backward" onclick={on_play_back} disabled={front.is_some()}>
                    { tr(lang, Text::InPlayBackward) }
                </button>
                { chip(Weight::Ih) }
                { chip(Weight::Hh) }
                <span class="hint">{ tr(lang, Text::InWeightHint) }</span>
            </div>
            <p class="hint">{ tr(lang, Text::InGraphHint) }</p>
            if course {
                <p class="hint" data-testid="bptt-course-note">{ crate::app::components::with_code_spans(COURSE_NOTE.get(lang)) }</p>
            }
            <div class="bptt-row">
                <div class="bptt-scroll" ref={scroller} tabindex="0" role="region" aria-label={tr(lang, Text::Backprop)}>
                    <Unrolled inspection={props.inspection.clone()} direction={dir} t={t_sel} {weight} {front}
                        {lo} {hi} label={format!("{}: {summary}", tr(lang, Text::Backprop))} {lang} />
                </div>
                <GradientPlot {layer_norms} t={t_sel} {steps} {lo} {hi} {summary} {lang} />
            </div>
        </div>
    }
}
