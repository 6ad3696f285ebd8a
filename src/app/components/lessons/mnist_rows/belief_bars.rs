use yew::prelude::*;

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
