use yew::prelude::*;

use crate::lessons::mnist_rows::DigitBeliefs;

#[derive(Properties, PartialEq)]
pub struct BeliefBarsProps {
    pub probabilities: Vec<f32>,
    pub label: Option<usize>,
}

/// Ten bars: the probability of each class.
#[component]
pub fn BeliefBars(props: &BeliefBarsProps) -> Html {
    let best = crate::lessons::argmax(&props.probabilities);
    html! {
        <ol class="beliefs" data-testid="beliefs">
            { for props.probabilities.iter().enumerate().map(|(k, p)| html! {
                <li class={classes!((k == best).then_some("best"), (Some(k) == props.label).then_some("truth"))}>
                    <span class="sym">{ k }</span>
                    <span class="bar"><span style={format!("width:{:.1}%", p * 100.0)} /></span>
                    <span class="p">{ format!("{:.0}%", p * 100.0) }</span>
                    // The true digit is marked, not told by the bar's colour alone.
                    <span class="mark" aria-hidden="true">{ if Some(k) == props.label { "✓" } else { "" } }</span>
                </li>
            }) }
        </ol>
    }
}

/// A 28 × 10 strip: how belief in each class grows row by row.
pub fn belief_strip(b: &DigitBeliefs, row: usize) -> Html {
    html! {
        <div class="belief-strip" aria-hidden="true">
            { for b.per_row.iter().enumerate().map(|(r, probs)| html! {
                <div class={classes!("strip-row", (r == row).then_some("now"))}>
                    { for probs.iter().map(|p| html! {
                        <span style={format!("opacity:{:.3}", p.clamp(0.0, 1.0))} />
                    }) }
                </div>
            }) }
        </div>
    }
}
