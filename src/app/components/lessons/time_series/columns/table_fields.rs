//! The table's part of the columns form: what the table holds, the feature columns, the
//! target and what is done with missing cells.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::Edit;
use crate::app::context::use_app;
use crate::data::table::{ColumnKind, Missing, TableSummary};
use crate::lessons::time_series::SeriesOptions;
use crate::ui::glossary::SYNTHETIC;
use crate::ui::i18n::Tr;

const FEATURES: Tr = Tr::new(
    "Features (inputs at each timestep)",
    "특성 (각 타임스텝의 입력)",
);
const TARGET: Tr = Tr::new(
    "Target (the next row's value is predicted)",
    "타깃 (다음 행의 값을 예측)",
);
const MISSING: Tr = Tr::new("Missing cells", "결측값");
const DROP: Tr = Tr::new("drop those rows", "그 행을 버림");
const FFILL: Tr = Tr::new("forward fill", "앞 값으로 채움");
const INTERPOLATE: Tr = Tr::new("linear interpolation", "선형 보간");
const TIME: Tr = Tr::new("time axis", "시간 축");
const ROWS: Tr = Tr::new("rows", "행");
const REFUSED: Tr = Tr::new("lines refused", "거부된 줄");
const MISSING_CELLS: Tr = Tr::new("missing", "결측");

#[derive(Properties, PartialEq)]
pub struct TableFieldsProps {
    pub summary: TableSummary,
    /// The features and target as the options resolve them.
    pub features: Vec<String>,
    pub target: String,
    pub missing: Missing,
    /// The table is the synthetic stock table.
    pub synthetic: bool,
    /// An edit of the options with a control's value.
    pub on_edit: Callback<(Edit, String)>,
}

#[component]
pub fn TableFields(props: &TableFieldsProps) -> Html {
    let app = use_app();
    let (summary, features, target) = (&props.summary, &props.features, &props.target);
    let synthetic = props.synthetic;
    let edit = |f: Edit| props.on_edit.reform(move |v: String| (f, v));
    let on_select = |cb: Callback<String>| {
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(s.value());
        })
    };
    let numeric: Vec<&(String, ColumnKind, usize)> = summary
        .columns
        .iter()
        .filter(|c| c.1 == ColumnKind::Numeric)
        .collect();
    let toggle = edit(|o: &mut SeriesOptions, name: String| {
        if let Some(i) = o.features.iter().position(|f| *f == name) {
            o.features.remove(i);
        } else {
            o.features.push(name);
        }
    });
    html! {
        <>
            <p class="hint" data-testid="table-summary">
                <span class="data-name">{ &summary.name }</span>
                { format!("{}: {} {}{}{}",
                    if synthetic { format!(" ({})", app.l(SYNTHETIC)) } else { String::new() },
                    summary.rows, app.l(ROWS),
                    summary.time.as_ref().map(|t| format!(" · {}: {t}", app.l(TIME))).unwrap_or_default(),
                    if summary.refused_count > 0 {
                        format!(" · {} {}: {}", summary.refused_count, app.l(REFUSED),
                            summary.refused.iter().take(3).map(|(l, r)| format!("line {l} ({r})")).collect::<Vec<_>>().join("; "))
                    } else { String::new() }) }
            </p>
            <fieldset class="feature-columns" data-testid="feature-columns">
                <legend>{ app.l(FEATURES) }</legend>
                { for numeric.iter().map(|(name, _, missing)| {
                    let toggle = toggle.clone();
                    let n = name.clone();
                    html! {
                        <label class="inline">
                            <input type="checkbox" value={name.clone()} checked={features.contains(name)}
                                onchange={move |_| toggle.emit(n.clone())} />
                            { name.clone() }
                            if *missing > 0 { <span class="hint">{ format!(" ({missing} {})", app.l(MISSING_CELLS)) }</span> }
                        </label>
                    }
                }) }
            </fieldset>
            <label class="field">
                <span>{ app.l(TARGET) }</span>
                <select data-testid="target-column" onchange={on_select(edit(|o, v| o.target = Some(v)))}>
                    { for numeric.iter().map(|(name, _, _)| html! {
                        <option value={name.clone()} selected={name == target}>{ name.clone() }</option>
                    }) }
                </select>
            </label>
            <label class="field">
                <span>{ app.l(MISSING) }</span>
                <select data-testid="missing-select" onchange={on_select(edit(|o, v| {
                    o.missing = match v.as_str() { "ffill" => Missing::ForwardFill, "interpolate" => Missing::Interpolate, _ => Missing::Drop };
                }))}>
                    <option value="drop" selected={props.missing == Missing::Drop}>{ app.l(DROP) }</option>
                    <option value="ffill" selected={props.missing == Missing::ForwardFill}>{ app.l(FFILL) }</option>
                    <option value="interpolate" selected={props.missing == Missing::Interpolate}>{ app.l(INTERPOLATE) }</option>
                </select>
            </label>
        </>
    }
}
