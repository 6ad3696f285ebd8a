use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{apply, options};
use crate::app::context::use_app;
use crate::app::files::read_chosen;
use crate::data::stock::StockConfig;
use crate::data::SeriesConfig;
use crate::lessons::time_series::{SeriesSource, ShippedTable};
use crate::ui::glossary::SYNTHETIC;
use crate::ui::i18n::Tr;

const SOURCE: Tr = Tr::new("Data", "데이터");
const GENERATED: Tr = Tr::new(
    "generated series (waves, trend, noise)",
    "만든 시계열 (파동, 추세, 잡음)",
);
const SUNSPOTS: Tr = Tr::new(
    "sunspots, yearly 1700–2008 (NOAA)",
    "태양 흑점, 연도별 1700–2008 (NOAA)",
);
const CO2: Tr = Tr::new(
    "CO2 at Mauna Loa, weekly 1958–2001 (SIO)",
    "마우나로아 CO2, 주별 1958–2001 (SIO)",
);
const MACRO: Tr = Tr::new(
    "US macro data, quarterly 1959–2009, 14 columns (FRED)",
    "미국 거시경제, 분기별 1959–2009, 14열 (FRED)",
);
const STOCK: Tr = Tr::new(
    "stock table, daily, 431 days (Open, High, Low, Close, Volume)",
    "주가 표, 일별 431일 (Open, High, Low, Close, Volume)",
);
const SEEDED_WALK: Tr = Tr::new("a seeded random walk", "시드를 고정한 랜덤 워크");
const SEED: Tr = Tr::new("seed", "시드");
const OWN: Tr = Tr::new("your table", "내 표");
const NUMBERS: Tr = Tr::new("pasted numbers", "붙여넣은 숫자");
const LOAD: Tr = Tr::new("Load a table (CSV or TSV)…", "표 불러오기 (CSV 또는 TSV)…");
const LOAD_HINT: Tr = Tr::new(
    "A header line, a date column (used as the time axis) and numeric columns, like the course's KOSPI table (Date, Open, High, Low, Close, Volume).",
    "머리글 줄, 날짜 열(시간 축), 숫자 열이 있는 표. 강의의 KOSPI 표(Date, Open, High, Low, Close, Volume)와 같은 형식입니다.",
);

fn key(s: &SeriesSource) -> &'static str {
    match s {
        SeriesSource::Generated(_) => "generated",
        SeriesSource::Shipped(ShippedTable::Sunspots) => "sunspots",
        SeriesSource::Shipped(ShippedTable::Co2) => "co2",
        SeriesSource::Shipped(ShippedTable::Macro) => "macro",
        SeriesSource::Shipped(ShippedTable::Stock) => "stock",
        SeriesSource::Table { .. } => "table",
        SeriesSource::Values(_) => "values",
    }
}

/// Where the series comes from: generated, a shipped table, a table from disk, or the pasted
/// numbers (kept while they are the source).
#[component]
pub fn SourcePicker() -> Html {
    let app = use_app();
    let error = use_state(|| None::<String>);
    let current = options(&app);
    let on_pick = {
        let app = app.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let o = options(&app);
            let source = match select.value().as_str() {
                "generated" => SeriesSource::Generated(SeriesConfig::default()),
                "sunspots" => SeriesSource::Shipped(ShippedTable::Sunspots),
                "co2" => SeriesSource::Shipped(ShippedTable::Co2),
                "macro" => SeriesSource::Shipped(ShippedTable::Macro),
                "stock" => SeriesSource::Shipped(ShippedTable::Stock),
                _ => return,
            };
            error.set(apply(&app, o.with_source(source)).err());
        })
    };
    let on_file = {
        let app = app.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let app = app.clone();
            let error = error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = match read_chosen(&input).await {
                    Ok(files) => match files.into_iter().next() {
                        None => return,
                        Some(f) => match String::from_utf8(f.bytes) {
                            Ok(text) if !text.contains('\0') => {
                                let source = SeriesSource::Table { name: f.name, text };
                                apply(&app, options(&app).with_source(source))
                            }
                            _ => Err(format!("{}: this is not a text table: choose a CSV or TSV file saved as UTF-8", f.name)),
                        },
                    },
                    Err(e) => Err(e),
                };
                error.set(result.err());
            });
        })
    };
    // The synthetic table says so in its name, in both languages.
    let stock = format!(
        "{} — {}: {}, {} {}",
        app.l(STOCK),
        app.l(SYNTHETIC),
        app.l(SEEDED_WALK),
        app.l(SEED),
        StockConfig::shipped().seed
    );
    let choices = [
        ("generated", app.l(GENERATED).to_string()),
        ("stock", stock),
        ("sunspots", app.l(SUNSPOTS).to_string()),
        ("co2", app.l(CO2).to_string()),
        ("macro", app.l(MACRO).to_string()),
    ];
    let own = match &current.source {
        SeriesSource::Table { name, .. } => Some(format!("{}: {name}", app.l(OWN))),
        SeriesSource::Values(v) => Some(format!("{} ({})", app.l(NUMBERS), v.len())),
        _ => None,
    };
    html! {
        <div class="series-source">
            <label class="field">
                <span>{ app.l(SOURCE) }</span>
                <select data-testid="series-source" onchange={on_pick}>
                    { for choices.iter().map(|(k, t)| html! {
                        <option value={*k} selected={key(&current.source) == *k}>{ t.clone() }</option>
                    }) }
                    if let Some(own) = own {
                        <option value={key(&current.source)} selected=true>{ own }</option>
                    }
                </select>
            </label>
            <label class="button secondary" title={app.l(LOAD_HINT)}>{ app.l(LOAD) }
                <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values" class="visually-hidden"
                    data-testid="series-file" onchange={on_file} />
            </label>
            if let Some(e) = &*error { <p class="field-error" role="alert" data-testid="series-source-error">{ e }</p> }
        </div>
    }
}
