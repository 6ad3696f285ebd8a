use yew::prelude::*;

use super::options;
use crate::app::context::use_app;
use crate::lessons::time_series::{SeriesData, SeriesSource};
use crate::ui::glossary::SYNTHETIC;
use crate::ui::i18n::Tr;
use crate::ui::table_preview::{shape_text, table_preview};

/// Rows shown, as `df.head()` shows them.
const HEAD_ROWS: usize = 5;

const TITLE: Tr = Tr::new("The table's first rows", "표의 첫 행");
const SCALED: Tr = Tr::new(
    "scaled to 0–1, as the model reads them",
    "0–1로 스케일링, 모델이 읽는 값",
);
const RAW: Tr = Tr::new("as in the file", "파일의 값 그대로");
const TARGET: Tr = Tr::new("target", "타깃");
const ROWS: Tr = Tr::new("rows", "행");
const WINDOWS: Tr = Tr::new("windows", "시퀀스");
const TRAINING: Tr = Tr::new("training", "학습");
const VALIDATION: Tr = Tr::new("validation", "검증");
const TEST: Tr = Tr::new("test", "평가");
const SHAPE_HINT: Tr = Tr::new(
    "[windows, sequence length, features], as torch.Size prints it; the targets are [windows, 1].",
    "[시퀀스 수, 시퀀스 길이, 특성 수], PyTorch가 텐서 크기를 출력하는 순서입니다. 타깃은 [시퀀스 수, 1]입니다.",
);

/// The course's `df.head()`: the first rows with their column names, scaled or raw, and the
/// tensor shapes of the windows (`[426, 5, 4]` for the course's table).
#[component]
pub fn TablePreviewCard() -> Html {
    let app = use_app();
    let scaled = use_state(|| true);
    let o = options(&app);
    // Preparing the windows parses the table: once per options, not at every render.
    let data = use_memo((o.clone(), app.state.tables_fetched), |(o, _)| {
        SeriesData::new(o.clone()).ok()
    });
    let Some(data) = data.as_ref() else {
        return Html::default();
    };
    let p = table_preview(data, HEAD_ROWS, *scaled);
    let synthetic = matches!(o.source, SeriesSource::Shipped(t) if t.synthetic());
    let toggle = {
        let scaled = scaled.clone();
        Callback::from(move |_: Event| scaled.set(!*scaled))
    };
    let part = |name: Tr, shape: [usize; 3]| format!("{} {}", app.l(name), shape_text(&shape));
    let mut parts = vec![
        format!("x {}", shape_text(&p.windows)),
        format!("y {}", shape_text(&[p.windows[0], 1])),
        part(TRAINING, p.train),
    ];
    if p.validation[0] > 0 {
        parts.push(part(VALIDATION, p.validation));
    }
    parts.push(part(TEST, p.test));
    html! {
        <section class="table-preview" data-testid="table-preview" data-shape={shape_text(&p.windows)}>
            <h3>
                { app.l(TITLE) }{ " " }<code>{ "df.head()" }</code>
                if synthetic { <span class="badge" data-testid="table-synthetic">{ format!(" · {}", app.l(SYNTHETIC)) }</span> }
            </h3>
            <label class="field check">
                <input type="checkbox" data-testid="table-preview-scaled" checked={*scaled} onchange={toggle} />
                { app.l(SCALED) }
                if !*scaled { <span class="hint">{ format!(" ({})", app.l(RAW)) }</span> }
            </label>
            <div class="table-scroll">
                <table>
                    <thead><tr>
                        { for p.columns.iter().enumerate().map(|(i, c)| html! {
                            <th class={classes!((i > 0).then_some("num"))} title={(i == p.target).then(|| AttrValue::from(app.l(TARGET)))}>
                                { c.clone() }{ if i == p.target { " →" } else { "" } }
                            </th>
                        }) }
                    </tr></thead>
                    <tbody>
                        { for p.rows.iter().map(|row| html! {
                            <tr>{ for row.iter().enumerate().map(|(i, v)| html! {
                                <td class={classes!((i > 0).then_some("num"))}>{ v.clone() }</td>
                            }) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p data-testid="table-preview-shape">
                { format!("{} {} → {} {}: {}", p.table_rows, app.l(ROWS), p.windows[0], app.l(WINDOWS), parts.join(" · ")) }
            </p>
            <p class="hint">{ app.l(SHAPE_HINT) }</p>
        </section>
    }
}
