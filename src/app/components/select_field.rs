use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub label: AttrValue,
    pub tip: AttrValue,
    pub testid: AttrValue,
    /// `(value, shown text)`.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    #[prop_or(false)]
    pub rebuilds: bool,
    #[prop_or_default]
    pub rebuild_note: AttrValue,
    pub on_change: Callback<String>,
}

/// A labelled `<select>`.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let id = format!("sf-{}", props.testid);
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_change.emit(select.value());
        })
    };
    html! {
        <div class={classes!("field", props.rebuilds.then_some("rebuilds"))} title={props.tip.clone()}>
            <label for={id.clone()}>
                { props.label.clone() }
                if props.rebuilds { <span class="rebuild-badge" title={props.rebuild_note.clone()} aria-hidden="true">{ "⟳" }</span> }
            </label>
            <select id={id} data-testid={props.testid.clone()} {onchange}>
                { for props.options.iter().map(|(v, text)| html! {
                    <option value={v.clone()} selected={*v == props.value}>{ text.clone() }</option>
                }) }
            </select>
        </div>
    }
}
