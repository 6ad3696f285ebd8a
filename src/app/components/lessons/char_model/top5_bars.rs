use yew::prelude::*;

use crate::lessons::char_model::Candidate;

#[derive(Properties, PartialEq)]
pub struct Top5BarsProps {
    pub candidates: Vec<Candidate>,
    /// The symbol that should come next, highlighted when present.
    #[prop_or_default]
    pub target: Option<String>,
}

/// The five most likely next symbols as horizontal bars with their probabilities.
#[component]
pub fn Top5Bars(props: &Top5BarsProps) -> Html {
    html! {
        <ol class="top5" data-testid="top5">
            { for props.candidates.iter().map(|c| {
                let is_target = props.target.as_deref() == Some(c.label.as_str());
                html! {
                    <li class={classes!(is_target.then_some("target"))}>
                        <span class="sym">{ &c.label }</span>
                        <span class="bar"><span style={format!("width:{:.1}%", (c.p * 100.0).clamp(0.0, 100.0))} /></span>
                        <span class="p" data-p={c.p.to_string()}>{ format!("{:.1}%", c.p * 100.0) }</span>
                        // The right answer is marked, not told by the bar's colour alone.
                        <span class="mark" aria-hidden="true">{ if is_target { "✓" } else { "" } }</span>
                    </li>
                }
            }) }
        </ol>
    }
}
