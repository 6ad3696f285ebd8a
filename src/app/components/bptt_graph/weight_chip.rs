//! A button naming one shared weight matrix: hovering or focusing it highlights the matrix at
//! every timestep, a tap or click pins it.

use yew::prelude::*;

use crate::ui::bptt_layout::Weight;

#[derive(Properties, PartialEq)]
pub struct WeightChipProps {
    pub weight: Weight,
    /// The course cell's input size (its chips name `i2h.weight`'s columns), else `None`.
    pub course_inputs: Option<usize>,
    /// Highlighted (hovered or pinned).
    pub active: bool,
    pub pinned: bool,
    /// The weight under the pointer or focus, `None` when it leaves.
    pub on_hover: Callback<Option<Weight>>,
    pub on_pin: Callback<Weight>,
}

#[component]
pub fn WeightChip(props: &WeightChipProps) -> Html {
    let w = props.weight;
    let hover = |v: Option<Weight>| props.on_hover.reform(move |_: MouseEvent| v);
    let focus = |v: Option<Weight>| props.on_hover.reform(move |_: FocusEvent| v);
    let onclick = props.on_pin.reform(move |_: MouseEvent| w);
    html! {
        <button type="button" class={classes!("weight-chip", props.active.then_some("active"))}
            data-testid={format!("weight-{}", w.name())} aria-pressed={props.pinned.to_string()}
            onmouseenter={hover(Some(w))} onmouseleave={hover(None)} onfocus={focus(Some(w))} onblur={focus(None)}
            {onclick}>{ w.label(props.course_inputs) }</button>
    }
}
