//! The series lesson's columns form: the table's fields (`columns/table_fields.rs`), window,
//! split, head and sigmoid.

mod table_fields;

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::split_scaling::SeriesSplit;
use super::{apply, options};
use crate::app::components::number_field::NumberField;
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::data::table::{Table, TableSummary};
use crate::lessons::time_series::{default_columns, SeriesOptions, SeriesSource, WINDOW};
use crate::nn::Head;
use crate::ui::i18n::{Text, Tr};
use table_fields::TableFields;

const COLUMNS: Tr = Tr::new("Columns", "열");
const WINDOW_L: Tr = Tr::new("Window (sequence length)", "윈도 (시퀀스 길이)");
const WINDOW_TIP: Tr = Tr::new(
    "Rows read before predicting the next one",
    "다음 값을 예측하기 전에 읽는 행 수",
);
const HEAD: Tr = Tr::new("Head", "출력층");
const LAST: Tr = Tr::new("last step: Linear(H, 1)", "마지막 스텝: Linear(H, 1)");
const FLATTEN: Tr = Tr::new(
    "flatten: Linear(H × window, 1) (the course)",
    "펼치기: Linear(H × 윈도, 1) (강의)",
);
const SIGMOID: Tr = Tr::new(
    "Sigmoid on the output (the course)",
    "출력에 시그모이드 (강의)",
);

/// An edit of the options from a control's value.
pub type Edit = fn(&mut SeriesOptions, String);

/// The source's table, parsed (`None` for generated or pasted numbers).
fn parsed(o: &SeriesOptions) -> Option<Table> {
    o.source.table()?.ok()
}

/// The table's columns as the options resolve them: `(summary, features, target)`.
fn resolved(o: &SeriesOptions, table: &Table) -> (TableSummary, Vec<String>, String) {
    let (target, features) = default_columns(&o.source, table);
    let target = o.target.clone().unwrap_or(target);
    let features = if o.features.is_empty() {
        features
    } else {
        o.features.clone()
    };
    (table.summary(), features, target)
}

/// Columns, missing cells, window, split, head and sigmoid. Every change is checked on the page
/// first: a choice that makes no dataset is refused with the reason and nothing changes.
#[component]
pub fn SeriesColumns() -> Html {
    let app = use_app();
    let error = use_state(|| None::<String>);
    let o = options(&app);
    // Parsing a table costs a few milliseconds: once per source (and when the shipped tables
    // arrive), not at every render.
    let table = use_memo((o.source.clone(), app.state.tables_fetched), |_| {
        parsed(&options(&app)).map(Rc::new)
    });
    let on_edit = {
        let app = app.clone();
        let error = error.clone();
        Callback::from(move |(f, v): (Edit, String)| {
            let mut o = options(&app);
            // Pin the resolved columns before editing them.
            if let Some((_, features, target)) = parsed(&o).map(|t| resolved(&o, &t)) {
                if o.features.is_empty() {
                    o.features = features;
                }
                o.target.get_or_insert(target);
            }
            f(&mut o, v);
            error.set(apply(&app, o).err());
        })
    };
    let edit = |f: Edit| on_edit.reform(move |v: String| (f, v));
    let on_number = |cb: Callback<String>| Callback::from(move |v: f64| cb.emit(v.to_string()));
    let on_head = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            let mut cfg = app.state.draft.clone();
            cfg.head = if s.value() == "flatten" {
                Head::Flatten
            } else {
                Head::LastStep
            };
            app.dispatch(Action::EditModel(cfg));
        })
    };
    let synthetic = matches!(o.source, SeriesSource::Shipped(t) if t.synthetic());
    let table_html = table.as_ref().as_ref().map(|t| {
        let (summary, features, target) = resolved(&o, t);
        html! {
            <TableFields {summary} {features} {target} missing={o.missing} {synthetic} on_edit={on_edit.clone()} />
        }
    });
    let head = if app.state.draft.head == Head::Flatten {
        "flatten"
    } else {
        "last"
    };
    html! {
        <details class="series-columns" open={!matches!(o.source, SeriesSource::Generated(_))}>
            <summary>{ app.l(COLUMNS) }</summary>
            { table_html.unwrap_or_default() }
            <NumberField label={app.l(WINDOW_L)} tip={app.l(WINDOW_TIP)} testid="series-window"
                value={o.window as f64} min={WINDOW.0 as f64} max={WINDOW.1 as f64} integer=true rebuilds=true
                rebuild_note={AttrValue::from(app.t(Text::RebuildWarning))}
                on_change={on_number(edit(|o, v| o.window = v.parse().unwrap_or(o.window)))} />
            <SeriesSplit />
            <label class="field">
                <span>{ app.l(HEAD) }</span>
                <select data-testid="series-head" onchange={on_head}>
                    <option value="last" selected={head == "last"}>{ app.l(LAST) }</option>
                    <option value="flatten" selected={head == "flatten"}>{ app.l(FLATTEN) }</option>
                </select>
            </label>
            <label class="field check">
                <input type="checkbox" data-testid="series-sigmoid" checked={o.sigmoid}
                    onchange={{
                        let cb = edit(|o, _| o.sigmoid = !o.sigmoid);
                        Callback::from(move |e: Event| { let _: HtmlInputElement = e.target_unchecked_into(); cb.emit(String::new()) })
                    }} />
                { app.l(SIGMOID) }
            </label>
            if let Some(e) = &*error { <p class="field-error" role="alert" data-testid="series-columns-error">{ e }</p> }
        </details>
    }
}
