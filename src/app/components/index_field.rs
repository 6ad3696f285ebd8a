//! A number box that picks an index (an example, a unit, a digit, a review).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::components::number_field::use_written_value;

#[derive(Properties, PartialEq)]
pub struct IndexFieldProps {
    pub value: usize,
    /// The largest index allowed (typed values above it are clamped).
    #[prop_or_default]
    pub max: Option<usize>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub label: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    pub on_change: Callback<usize>,
}

/// Uncontrolled (see [`use_written_value`]): the views around these boxes re-render several
/// times a second while a model trains.
#[component]
pub fn IndexField(props: &IndexFieldProps) -> Html {
    let input_ref = use_node_ref();
    use_written_value(input_ref.clone(), props.value.to_string());
    let onchange = {
        let (on_change, max, value) = (props.on_change.clone(), props.max, props.value);
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match input.value().trim().parse::<usize>() {
                Ok(v) => {
                    let v = max.map_or(v, |m| v.min(m));
                    input.set_value(&v.to_string());
                    on_change.emit(v);
                }
                // Not an index: the box shows the one in force again.
                Err(_) => input.set_value(&value.to_string()),
            }
        })
    };
    html! {
        <input type="number" ref={input_ref} min="0" max={props.max.map(|m| m.to_string())} step="1"
            class={props.class.clone()} aria-label={props.label.clone()}
            data-testid={props.testid.clone()} {onchange} />
    }
}
