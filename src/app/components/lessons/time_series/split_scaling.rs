use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{apply, options};
use crate::app::components::number_field::NumberField;
use crate::app::context::use_app;
use crate::lessons::time_series::{no_leak, ScaleFit, SeriesData, SeriesOptions};
use crate::lessons::Split;
use crate::ui::glossary::{FIT_ON_TRAINING_ROWS, FIT_ON_WHOLE_TABLE, MINMAX_SCALING};
use crate::ui::i18n::Tr;

const SPLIT_BY: Tr = Tr::new("Split given as", "나누는 방법");
const BY_FRACTIONS: Tr = Tr::new("fractions of the rows", "행의 비율");
const BY_WINDOWS: Tr = Tr::new(
    "counts of windows (the course: split = 200)",
    "시퀀스 개수 (강의: 앞 200개로 학습)",
);
const TRAIN: Tr = Tr::new("Training part", "훈련 비율");
const VALIDATION: Tr = Tr::new("Validation part", "검증 비율");
const TRAIN_WINDOWS: Tr = Tr::new("Training windows", "학습 데이터 시퀀스 수");
const VALIDATION_WINDOWS: Tr = Tr::new("Validation windows", "검증 시퀀스 수");
const SPLIT_TIP: Tr = Tr::new(
    "Rows in time order: training first, then validation, then the test rows (the rest).",
    "행은 시간 순서대로: 훈련, 검증, 그리고 나머지가 테스트입니다.",
);
const WINDOWS_TIP: Tr = Tr::new(
    "The first windows train, the next ones validate, the rest test, as the course's x_seq[:split] and x_seq[split:].",
    "앞 시퀀스로 학습하고 다음 것으로 검증하며 나머지로 평가합니다. 강의가 시퀀스를 앞 200개와 나머지로 나누는 방식입니다.",
);
const TEST_WINDOWS: Tr = Tr::new("test windows", "평가 시퀀스");

/// How the rows are split (fractions, or windows as the course counts them) and what MinMax
/// scaling is fitted on, with what that choice lets leak.
#[component]
pub fn SeriesSplit() -> Html {
    let app = use_app();
    let error = use_state(|| None::<String>);
    let o = options(&app);
    let change = {
        let app = app.clone();
        let error = error.clone();
        move |f: fn(&mut SeriesOptions, f64)| {
            let app = app.clone();
            let error = error.clone();
            Callback::from(move |v: f64| {
                let mut o = options(&app);
                f(&mut o, v);
                error.set(apply(&app, o).err());
            })
        }
    };
    let on_select = |f: fn(&mut SeriesOptions, &str)| {
        let app = app.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            let mut o = options(&app);
            f(&mut o, &s.value());
            error.set(apply(&app, o).err());
        })
    };
    // Switching to windows starts from the windows the fractions give now.
    let on_split = on_select(|o, v| {
        if v == "windows" {
            let counts = SeriesData::new(o.clone()).ok().map(|d| {
                let w = &d.windows;
                (w.len(Split::Train), w.len(Split::Validation))
            });
            let (train, validation) = counts.unwrap_or((o.train_windows.unwrap_or(1), 0));
            o.train_windows = Some(train);
            o.validation_windows = validation;
        } else {
            o.train_windows = None;
        }
    });
    let on_scaling = on_select(|o, v| o.scaling = v.parse().unwrap_or(o.scaling));
    let test = SeriesData::new(o.clone())
        .ok()
        .map(|d| d.windows.len(Split::Test));
    html! {
        <div class="series-split">
            <label class="field">
                <span>{ app.l(SPLIT_BY) }</span>
                <select data-testid="split-by" onchange={on_split}>
                    <option value="fractions" selected={o.train_windows.is_none()}>{ app.l(BY_FRACTIONS) }</option>
                    <option value="windows" selected={o.train_windows.is_some()}>{ app.l(BY_WINDOWS) }</option>
                </select>
            </label>
            if let Some(n) = o.train_windows {
                <NumberField label={app.l(TRAIN_WINDOWS)} tip={app.l(WINDOWS_TIP)} testid="train-windows"
                    value={n as f64} min={1.0} max={100_000.0} integer=true rebuilds=true
                    on_change={change(|o, v| o.train_windows = Some(v as usize))} />
                <NumberField label={app.l(VALIDATION_WINDOWS)} tip={app.l(WINDOWS_TIP)} testid="validation-windows"
                    value={o.validation_windows as f64} min={0.0} max={100_000.0} integer=true rebuilds=true
                    on_change={change(|o, v| o.validation_windows = v as usize)} />
            } else {
                <NumberField label={app.l(TRAIN)} tip={app.l(SPLIT_TIP)} testid="train-fraction"
                    value={o.train_fraction} min={0.1} max={0.9} step={Some(0.05)} rebuilds=true
                    on_change={change(|o, v| o.train_fraction = v)} />
                <NumberField label={app.l(VALIDATION)} tip={app.l(SPLIT_TIP)} testid="validation-fraction"
                    value={o.validation_fraction} min={0.0} max={0.5} step={Some(0.05)} rebuilds=true
                    on_change={change(|o, v| o.validation_fraction = v)} />
            }
            if let Some(t) = test {
                <p class="hint" data-testid="test-windows">{ format!("{}: {t}", app.l(TEST_WINDOWS)) }</p>
            }
            <label class="field">
                <span>{ app.l(MINMAX_SCALING) }</span>
                <select data-testid="series-scaling" onchange={on_scaling}>
                    <option value={ScaleFit::TrainingRows.key()} selected={o.scaling == ScaleFit::TrainingRows}>{ app.l(FIT_ON_TRAINING_ROWS) }</option>
                    <option value={ScaleFit::WholeTable.key()} selected={o.scaling == ScaleFit::WholeTable}>{ app.l(FIT_ON_WHOLE_TABLE) }</option>
                </select>
            </label>
            <p class="hint" data-testid="series-no-leak" data-scaling={o.scaling.key()}>{ app.l(no_leak(o.scaling)) }</p>
            if let Some(e) = &*error { <p class="field-error" role="alert" data-testid="series-split-error">{ e }</p> }
        </div>
    }
}
