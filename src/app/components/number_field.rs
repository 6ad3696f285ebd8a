use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::context::AppContext;
use crate::ui::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub label: AttrValue,
    pub tip: AttrValue,
    pub testid: AttrValue,
    pub value: f64,
    pub min: f64,
    pub max: f64,
    #[prop_or(false)]
    pub integer: bool,
    #[prop_or_default]
    pub step: Option<f64>,
    /// Marks controls whose change rebuilds the model.
    #[prop_or(false)]
    pub rebuilds: bool,
    #[prop_or_default]
    pub rebuild_note: AttrValue,
    pub on_change: Callback<f64>,
}

/// Checks a typed value; the message names the allowed range.
pub fn check_number(
    lang: Lang,
    text: &str,
    min: f64,
    max: f64,
    integer: bool,
) -> Result<f64, String> {
    let ko = lang == Lang::Ko;
    let v: f64 = text.trim().parse().map_err(|_| {
        if ko {
            format!("“{}”은(는) 숫자가 아닙니다", text.trim())
        } else {
            format!("“{}” is not a number", text.trim())
        }
    })?;
    if !v.is_finite() {
        return Err(if ko {
            "유한한 숫자여야 합니다"
        } else {
            "must be a finite number"
        }
        .into());
    }
    if integer && v.fract() != 0.0 {
        return Err(if ko {
            "정수여야 합니다"
        } else {
            "must be a whole number"
        }
        .into());
    }
    if v < min || v > max {
        return Err(if ko {
            format!("{min}에서 {max} 사이여야 합니다")
        } else {
            format!("must be between {min} and {max}")
        });
    }
    Ok(v)
}

/// Keeps the input behind `node` showing `value`, writing it only when `value` changes: the
/// input stays uncontrolled, so the page's frequent re-renders during training never overwrite
/// what the user is typing (yew writes a controlled input's value back on every render).
#[hook]
pub fn use_written_value(node: NodeRef, value: String) {
    use_effect_with(value, move |value| {
        if let Some(input) = node.cast::<HtmlInputElement>() {
            input.set_value(value);
        }
    });
}

/// A labelled number input that refuses out-of-range entries with a message, keeping the
/// last good value in force.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let error = use_state(|| None::<String>);
    let input_ref = use_node_ref();
    use_written_value(input_ref.clone(), props.value.to_string());
    let id = format!("nf-{}", props.testid);
    let onchange = {
        let error = error.clone();
        let (min, max, integer) = (props.min, props.max, props.integer);
        let on_change = props.on_change.clone();
        // A plain widget: outside the app (tests mount it alone) its messages are English.
        let lang = use_context::<AppContext>()
            .map(|app| app.state.lang)
            .unwrap_or_default();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match check_number(lang, &input.value(), min, max, integer) {
                Ok(v) => {
                    error.set(None);
                    on_change.emit(v);
                }
                Err(msg) => error.set(Some(msg)),
            }
        })
    };
    let err_id = format!("{id}-err");
    html! {
        <div class={classes!("field", props.rebuilds.then_some("rebuilds"))} title={props.tip.clone()}>
            <label for={id.clone()}>
                { props.label.clone() }
                if props.rebuilds { <span class="rebuild-badge" title={props.rebuild_note.clone()} aria-hidden="true">{ "⟳" }</span> }
            </label>
            <input
                id={id}
                type="number"
                ref={input_ref}
                data-testid={props.testid.clone()}
                min={props.min.to_string()}
                max={props.max.to_string()}
                step={props.step.map(|s| s.to_string()).unwrap_or_else(|| if props.integer { "1".into() } else { "any".into() })}
                aria-invalid={error.is_some().to_string()}
                aria-describedby={err_id.clone()}
                {onchange}
            />
            <span class="field-error" id={err_id} role="alert">{ (*error).clone().unwrap_or_default() }</span>
        </div>
    }
}
