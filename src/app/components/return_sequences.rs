//! Keras's `return_sequences` on the model on screen: the recurrent layer's output with it on or
//! off, its shape now, and which outputs the loss reads, drawn over four steps. The model's own
//! choice is marked; the other is said to be another model.

use yew::prelude::*;

use crate::app::context::use_app;
use crate::nn::Head;
use crate::ui::i18n::Tr;
use crate::ui::shapes::{layer_output, loss_reads, returns_sequences, LAST_STEP_BIDIRECTIONAL};

const LEGEND: Tr = Tr::new(
    "Keras's return_sequences: which outputs the head and the loss read",
    "Keras의 return_sequences: 헤드와 손실이 읽는 출력",
);
const THIS_MODEL: Tr = Tr::new("this model", "이 모델");
const OUTPUT: Tr = Tr::new("The layer's output: ", "층의 출력: ");
const DRAWN: Tr = Tr::new(
    "Drawn over four steps: the outputs y the loss compares with a target, and the steps each reads.",
    "네 스텝으로 그렸습니다: 손실이 정답과 비교하는 출력 y와, 각 y가 읽는 스텝.",
);
/// Steps drawn.
const DRAWN_STEPS: usize = 4;

#[derive(Properties, PartialEq)]
pub struct ReturnSequencesProps {
    /// Sequences per batch (B).
    pub batch: usize,
    /// Timesteps the model reads (T).
    pub steps: usize,
}

/// Cells in a row, each output `y` joined to the steps it reads.
fn diagram(outputs: &[Vec<usize>]) -> Html {
    let cx = |t: usize| 35 + t * 46;
    let cells = (0..DRAWN_STEPS).map(|t| {
        let x = cx(t);
        html! {
            <g>
                <rect x={(x - 15).to_string()} y="40" width="30" height="22" rx="4" class="shape-cell" />
                <line x1={x.to_string()} y1="82" x2={x.to_string()} y2="64" class="shape-arrow" />
                <text x={x.to_string()} y="94" class="shape-label">{ "x" }</text>
                if t + 1 < DRAWN_STEPS {
                    <line x1={(x + 16).to_string()} y1="51" x2={(x + 30).to_string()} y2="51" class="shape-arrow" />
                }
            </g>
        }
    });
    let ys = outputs.iter().map(|reads| {
        let x = reads.iter().map(|&t| cx(t)).sum::<usize>() / reads.len().max(1);
        html! {
            <g class="loss-read">
                { for reads.iter().map(|&t| html! {
                    <line x1={cx(t).to_string()} y1="38" x2={x.to_string()} y2="18" class="shape-arrow" />
                }) }
                <text x={x.to_string()} y="12" class="shape-label">{ "y" }</text>
            </g>
        }
    });
    html! {
        <svg class="rnn-type" width="214" height="100" viewBox="0 0 214 100" aria-hidden="true">
            { for cells }{ for ys }
        </svg>
    }
}

/// The `return_sequences` switch under the model's shapes.
#[component]
pub fn ReturnSequences(props: &ReturnSequencesProps) -> Html {
    let app = use_app();
    let m = &app.state.model;
    let own = returns_sequences(m.head);
    // The choice looked at, for the head it was made on (a new head shows its own again).
    let looked = use_state(|| None::<(Head, bool)>);
    let all = match *looked {
        Some((h, v)) if h == m.head => v,
        _ => own,
    };
    let (expr, shape) = layer_output(m, all, props.batch, props.steps);
    let reads = loss_reads(m.head, all, DRAWN_STEPS);
    let option = |value: bool| {
        let looked = looked.clone();
        let head = m.head;
        let onchange = Callback::from(move |_| looked.set(Some((head, value))));
        let name = if value { "True" } else { "False" };
        html! {
            <label>
                <input type="radio" name="return-sequences" checked={all == value} {onchange}
                    data-testid={format!("return-sequences-{}", name.to_lowercase())} />
                <code>{ name }</code>
                if value == own { <span class="hint">{ format!(" ({})", app.l(THIS_MODEL)) }</span> }
            </label>
        }
    };
    html! {
        <fieldset class="return-sequences" data-testid="return-sequences" data-own={own.to_string()}>
            <legend>{ app.l(LEGEND) }</legend>
            <div class="return-sequences-options">{ option(true) }{ option(false) }</div>
            <div class="shapes-type">
                { diagram(&reads.outputs) }
                <p>
                    <span data-testid="return-sequences-shape">
                        { app.l(OUTPUT) }<code>{ expr }</code>{ " " }<code>{ format!("{shape:?}") }</code>
                    </span>
                    <br />
                    <span data-testid="loss-reads">{ app.l(reads.sentence) }</span>
                    if !all && m.bidirectional { { " " }{ app.l(LAST_STEP_BIDIRECTIONAL) } }
                    <br /><span class="hint">{ app.l(DRAWN) }</span>
                </p>
            </div>
        </fieldset>
    }
}
