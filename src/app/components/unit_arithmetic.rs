use yew::prelude::*;

use crate::app::components::inside::SharedInspection;
use crate::nn::{CellKind, Gate};
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::inside::{num, pre_activation, previous_step, step_value, MapKey};

#[derive(Properties, PartialEq)]
pub struct UnitArithmeticProps {
    pub inspection: SharedInspection,
    /// `layer * directions + direction`.
    pub index: usize,
    pub t: usize,
    pub unit: usize,
    pub lang: Lang,
}

/// The course's cell's pre-activation: one weight over cat(x, h), one bias.
const COURSE_PRE_NOTE: crate::ui::i18n::Tr = crate::ui::i18n::Tr::new(
    "the pre-activation is `i2h(torch.cat((x, h), 1)) = W_x·x + W_h·h + b` (`W_x`, `W_h`: `i2h.weight`'s columns for x and h; one bias, `i2h.bias`), as recorded in the trace",
    "사전 활성값은 추적에 기록된 `i2h(torch.cat((x, h), 1)) = W_x·x + W_h·h + b` 입니다 (`W_x`, `W_h`: `i2h.weight`에서 x와 h에 곱하는 열, 편향은 `i2h.bias` 하나)",
);

/// What the course's cell outputs, under its state update.
const COURSE_OUTPUT: crate::ui::i18n::Tr = crate::ui::i18n::Tr::new(
    "Its output `y_t = i2o(torch.cat((x_t, h_{t−1}), 1))` reads the previous hidden state h_{t−1}, not h_t: this h_t first shapes the output of step t+1.",
    "출력 `y_t = i2o(torch.cat((x_t, h_{t−1}), 1))`는 h_t가 아니라 이전 은닉 상태 h_{t−1}을 읽습니다. 이 h_t는 t+1 스텝의 출력에 처음 쓰입니다.",
);

/// A number from a trace, with its exact value for tests and a readable rendering.
pub fn value(testid: &str, v: Option<f32>) -> Html {
    match v {
        Some(v) => html! {
            <span class="num" data-testid={testid.to_string()} data-value={v.to_string()}>{ num(v) }</span>
        },
        None => html! { <span class="num missing" data-testid={testid.to_string()}>{ "—" }</span> },
    }
}

/// The exact computation of one hidden unit at the selected timestep: each gate's
/// pre-activation and activation, the state update, and the gradients arriving in the
/// backward pass. Every number is read from the traces.
#[component]
pub fn UnitArithmetic(props: &UnitArithmeticProps) -> Html {
    let insp = &props.inspection.0;
    let lang = props.lang;
    let Some(dir) = insp.forward.directions.get(props.index) else {
        return html! { <div class="arith" data-testid="unit-arithmetic" /> };
    };
    let steps = dir.steps.len();
    if steps == 0 {
        return html! { <div class="arith" data-testid="unit-arithmetic" /> };
    }
    let t = props.t.min(steps - 1);
    let u = props.unit;
    let step = &dir.steps[t];
    let prev = previous_step(dir.direction, t, steps).map(|p| &dir.steps[p]);
    let cell = dir.cell;
    let gate = |gate: Gate| {
        let key = MapKey::Gate(gate);
        let sym = gate.symbol();
        let act = if gate.is_sigmoid() { "σ" } else { "tanh" };
        let w = match gate {
            Gate::New => "W_in·x + b_in + r ⊙ (W_hn·h_{t−1} + b_hn)",
            _ => "W_ih·x + b_ih + W_hh·h_{t−1} + b_hh",
        };
        html! {
            <div class="arith-line" data-gate={gate.name()}>
                <span class="sym">{ sym }</span>
                <span class="formula">{ format!("= {act}({w})") }</span>
                <span>{ format!("= {act}(") }{ value(&format!("arith-{sym}-pre"), pre_activation(step, gate, u)) }{ ")" }</span>
                <span>{ "= " }{ value(&format!("arith-{sym}"), step_value(step, key, u)) }</span>
            </div>
        }
    };
    let prev_h = |id: &str| match prev {
        Some(p) => value(id, step_value(p, MapKey::Hidden, u)),
        None => html! { <span class="num initial" data-testid={id.to_string()} data-value="0"
        title={tr(lang, Text::InInitial)}>{ "0" }</span> },
    };
    let prev_c = |id: &str| match prev {
        Some(p) => value(id, step_value(p, MapKey::Cell, u)),
        None => html! { <span class="num initial" data-testid={id.to_string()} data-value="0"
        title={tr(lang, Text::InInitial)}>{ "0" }</span> },
    };
    let h = || value("arith-h", step_value(step, MapKey::Hidden, u));
    let g = |gate: Gate, id: &str| value(id, step_value(step, MapKey::Gate(gate), u));
    // The LSTM's and the GRU's gate lines, in PyTorch order.
    let gate_lines = || cell.gates().iter().map(|&g| gate(g)).collect::<Html>();

    let (gates, update) = match cell {
        CellKind::Lstm => (
            gate_lines(),
            html! { <>
                <p class="update">{ "c_t = f ⊙ c_{t−1} + i ⊙ g = " }
                    { g(Gate::Forget, "upd-f") }{ " × " }{ prev_c("arith-c-prev") }{ " + " }
                    { g(Gate::Input, "upd-i") }{ " × " }{ g(Gate::CellCandidate, "upd-g") }{ " = " }
                    { value("arith-c", step_value(step, MapKey::Cell, u)) }</p>
                <p class="update">{ "h_t = o ⊙ tanh(c_t) = " }
                    { g(Gate::Output, "upd-o") }{ " × tanh(" }{ value("upd-c", step_value(step, MapKey::Cell, u)) }{ ") = " }
                    { h() }</p>
            </> },
        ),
        CellKind::Gru => (
            gate_lines(),
            html! {
                <p class="update">{ "h_t = (1 − z) ⊙ n + z ⊙ h_{t−1} = (1 − " }
                    { g(Gate::Update, "upd-z") }{ ") × " }{ g(Gate::New, "upd-n") }{ " + " }
                    { g(Gate::Update, "upd-z2") }{ " × " }{ prev_h("arith-h-prev") }{ " = " }{ h() }</p>
            },
        ),
        CellKind::Rnn | CellKind::Course => (
            html! { <div class="arith-line" data-gate={Gate::Hidden.name()}>
                <span class="sym">{ "h" }</span>
                <span class="formula" data-lang-neutral="">{ if cell.is_course() {
                    // tutorial 01: i2h.weight = [W_x | W_h], one bias
                    "= tanh(i2h(cat(x, h_{t−1}))) = tanh(W_x·x + W_h·h_{t−1} + b)"
                } else {
                    "= tanh(W_ih·x + b_ih + W_hh·h_{t−1} + b_hh)"
                } }</span>
                <span>{ "= tanh(" }{ value("arith-h-pre", pre_activation(step, Gate::Hidden, u)) }{ ")" }</span>
                <span>{ "= " }{ value("arith-hidden", step_value(step, MapKey::Gate(Gate::Hidden), u)) }</span>
            </div> },
            html! { <>
                <p class="update">{ "h_{t−1} = " }{ prev_h("arith-h-prev") }{ " → h_t = " }{ h() }</p>
                if cell.is_course() {
                    <p class="hint" data-testid="arith-course-output">{ crate::app::components::with_code_spans(COURSE_OUTPUT.get(lang)) }</p>
                }
            </> },
        ),
    };

    // Backward: what arrives at this unit.
    let back = insp
        .backward
        .directions
        .get(props.index)
        .and_then(|b| b.steps.get(t));
    let backward = match back {
        Some(b) => html! { <>
            <p>{ "∂L/∂h_t = " }{ value("arith-dh", b.dh.get(0, u)) }
                <span class="hint">{ " · ‖∂L/∂h_t‖ = " }{ value("arith-dh-norm", Some(b.dh_norm)) }</span></p>
            if cell == CellKind::Lstm {
                <p>{ "∂L/∂c_t = " }{ value("arith-dc", b.dc.as_ref().and_then(|m| m.get(0, u))) }
                    <span class="hint">{ " · ‖∂L/∂c_t‖ = " }{ value("arith-dc-norm", b.dc_norm) }</span></p>
            }
            <p class="hint">{ "‖Δ∇W_ih‖ = " }{ value("arith-contrib-ih", Some(b.contributions.weight_ih)) }
                { " · ‖Δ∇W_hh‖ = " }{ value("arith-contrib-hh", Some(b.contributions.weight_hh)) }</p>
        </> },
        None => html! { <p class="hint">{ tr(lang, Text::InNoBackward) }</p> },
    };

    html! {
        <div class="arith" data-testid="unit-arithmetic" data-t={t.to_string()} data-unit={u.to_string()}>
            <h3>{ format!("{} {u} · t = {t}", tr(lang, Text::InUnit)) }</h3>
            <h4>{ tr(lang, Text::InForwardPass) }</h4>
            <p class="hint">{ if cell.is_course() { crate::app::components::with_code_spans(COURSE_PRE_NOTE.get(lang)) } else { html! { tr(lang, Text::InPreNote) } } }</p>
            <div class="arith-lines">{ gates }</div>
            { update }
            <h4>{ tr(lang, Text::InBackwardPass) }<span class="hint">{ format!(" — {}", tr(lang, Text::InArriving)) }</span></h4>
            { backward }
        </div>
    }
}
