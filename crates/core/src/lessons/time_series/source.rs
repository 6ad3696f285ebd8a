//! Where a series comes from: generated, pasted numbers, a shipped public-domain table, or a
//! CSV/TSV table the user loaded; and how its columns become features and a target.

use serde::{Deserialize, Serialize};

use crate::data::series::parse_values;
use crate::data::table::{Missing, Table};
use crate::data::{DataError, SeriesConfig};

/// A table compiled into the app (`assets/series/`, see its ATTRIBUTION.md): three public-domain
/// series and the synthetic stock table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShippedTable {
    /// Yearly sunspot activity 1700–2008 (NOAA NGDC).
    Sunspots,
    /// Weekly CO2 at Mauna Loa 1958–2001, with missing weeks (Keeling & Whorf, SIO).
    Co2,
    /// US quarterly macro data 1959–2009, 14 columns (FRED, BLS).
    Macro,
    /// Synthetic daily stock table of the course's shape (431 rows, Date, Open, High, Low,
    /// Close, Volume): a seeded random walk made by `examples/stock_table.rs`, not market data.
    Stock,
}

impl ShippedTable {
    /// Every shipped table.
    pub const ALL: [ShippedTable; 4] = [
        ShippedTable::Sunspots,
        ShippedTable::Co2,
        ShippedTable::Macro,
        ShippedTable::Stock,
    ];

    /// The file's name.
    pub fn file(self) -> &'static str {
        match self {
            ShippedTable::Sunspots => "sunspots.csv",
            ShippedTable::Co2 => "co2.csv",
            ShippedTable::Macro => "macrodata.csv",
            ShippedTable::Stock => "stock_synthetic.csv",
        }
    }

    /// Where the built app serves each table, relative to the page, in [`Self::ALL`]'s order.
    pub const HREFS: [&'static str; 4] = [
        "series/sunspots.csv",
        "series/co2.csv",
        "series/macrodata.csv",
        "series/stock_synthetic.csv",
    ];

    /// Where the built app serves the file, relative to the page (the code panel offers it).
    pub fn href(self) -> &'static str {
        Self::HREFS[self as usize]
    }

    /// The file's text: the copy [`provide`](Self::provide)d to this thread; natively, the file
    /// compiled in when none was. In the browser the tables are not compiled in (they would
    /// weigh 28 kB gzip in each binary before any lesson opens): the page and the worker each
    /// fetch them from [`href`](Self::href) when the series lesson opens, so `None` until then.
    pub fn text(self) -> Option<&'static str> {
        let provided = PROVIDED.with(|p| p.borrow()[self as usize]);
        #[cfg(not(target_arch = "wasm32"))]
        let provided = provided.or(Some(self.compiled()));
        provided
    }

    /// Keeps `text` as this table's text for the rest of the thread's life (each table once:
    /// at most the four files' 76 kB).
    pub fn provide(self, text: String) {
        PROVIDED.with(|p| {
            let mut p = p.borrow_mut();
            if p[self as usize].is_none() {
                p[self as usize] = Some(Box::leak(text.into_boxed_str()));
            }
        });
    }

    /// The table whose file is named `name` (`co2.csv`, or a path ending in it).
    pub fn from_file(name: &str) -> Option<ShippedTable> {
        let base = name.rsplit('/').next().unwrap_or(name);
        Self::ALL.into_iter().find(|t| t.file() == base)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn compiled(self) -> &'static str {
        match self {
            ShippedTable::Sunspots => include_str!("../../../../../assets/series/sunspots.csv"),
            ShippedTable::Co2 => include_str!("../../../../../assets/series/co2.csv"),
            ShippedTable::Macro => include_str!("../../../../../assets/series/macrodata.csv"),
            ShippedTable::Stock => include_str!("../../../../../assets/series/stock_synthetic.csv"),
        }
    }

    /// Made up rather than measured (shown as "synthetic" / "합성" wherever it is named).
    pub fn synthetic(self) -> bool {
        self == ShippedTable::Stock
    }

    /// The target and features it opens with.
    pub fn defaults(self) -> (&'static str, &'static [&'static str]) {
        match self {
            ShippedTable::Sunspots => ("SUNACTIVITY", &["SUNACTIVITY"]),
            ShippedTable::Co2 => ("co2", &["co2"]),
            // Several features → one target, like the course's Open, High, Low, Volume → Close.
            ShippedTable::Macro => (
                "realgdp",
                &["realgdp", "realcons", "realinv", "unemp", "infl"],
            ),
            // The course's choice: Open, High, Low, Volume → Close.
            ShippedTable::Stock => ("Close", &["Open", "High", "Low", "Volume"]),
        }
    }
}

thread_local! {
    /// The shipped tables' texts given to this thread, by [`ShippedTable`] index.
    static PROVIDED: std::cell::RefCell<[Option<&'static str>; 4]> =
        const { std::cell::RefCell::new([None; 4]) };
}

/// Where the numbers come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "SourceRepr", into = "SourceRepr")]
pub enum SeriesSource {
    /// Generated (sum of sines, trend, seasonality, noise; seeded).
    Generated(SeriesConfig),
    /// Pasted numbers (one series).
    Values(Vec<f64>),
    /// A shipped table.
    Shipped(ShippedTable),
    /// A table the user loaded from disk (its text travels with the options).
    Table {
        /// The file's name.
        name: String,
        /// Its text.
        text: String,
    },
}

/// How a [`SeriesSource`] is written: `{"kind": "table", "value": {"name": …, "text": …}}` in
/// JSON. The table is a newtype of a struct, not a struct variant: serde reads an adjacently
/// tagged struct variant only from a map, and the worker's wire format writes structs as
/// sequences (`worker::wire`); a newtype's struct reads from either. Same JSON.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
enum SourceRepr {
    Generated(SeriesConfig),
    Values(Vec<f64>),
    Shipped(ShippedTable),
    Table(TableFile),
}

#[derive(Serialize, Deserialize)]
struct TableFile {
    name: String,
    text: String,
}

impl From<SourceRepr> for SeriesSource {
    fn from(r: SourceRepr) -> Self {
        match r {
            SourceRepr::Generated(c) => SeriesSource::Generated(c),
            SourceRepr::Values(v) => SeriesSource::Values(v),
            SourceRepr::Shipped(t) => SeriesSource::Shipped(t),
            SourceRepr::Table(TableFile { name, text }) => SeriesSource::Table { name, text },
        }
    }
}

impl From<SeriesSource> for SourceRepr {
    fn from(s: SeriesSource) -> Self {
        match s {
            SeriesSource::Generated(c) => SourceRepr::Generated(c),
            SeriesSource::Values(v) => SourceRepr::Values(v),
            SeriesSource::Shipped(t) => SourceRepr::Shipped(t),
            SeriesSource::Table { name, text } => SourceRepr::Table(TableFile { name, text }),
        }
    }
}

/// The columns chosen from a source: names, time labels and values per row.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    /// Input column names.
    pub features: Vec<String>,
    /// Target column name.
    pub target: String,
    /// Time label per kept row.
    pub times: Vec<String>,
    /// `[row][feature]`.
    pub inputs: Vec<Vec<f64>>,
    /// Target per row.
    pub truth: Vec<f64>,
    /// Rows of the source.
    pub rows_total: usize,
    /// Rows dropped for missing cells.
    pub rows_dropped: usize,
}

impl SeriesSource {
    /// The table behind a shipped or loaded source (`None` for generated or pasted numbers).
    pub fn table(&self) -> Option<Result<Table, DataError>> {
        match self {
            SeriesSource::Shipped(t) => Some(match t.text() {
                Some(text) => Table::parse_text(t.file(), text),
                None => Err(DataError::TableNotLoaded { file: t.href() }),
            }),
            SeriesSource::Table { name, text } => Some(Table::parse(name, text.as_bytes())),
            _ => None,
        }
    }

    /// Resolves the columns: `target` (default: the table's natural one) predicted from
    /// `features` (default: the target alone), missing cells handled by `missing`.
    pub fn columns(
        &self,
        features: &[String],
        target: Option<&str>,
        missing: Missing,
    ) -> Result<Columns, DataError> {
        let single = |values: Vec<f64>| {
            let n = values.len();
            Columns {
                features: vec!["value".into()],
                target: "value".into(),
                times: (0..n).map(|t| format!("t{t}")).collect(),
                inputs: values.iter().map(|&v| vec![v]).collect(),
                truth: values,
                rows_total: n,
                rows_dropped: 0,
            }
        };
        let table = match self {
            SeriesSource::Generated(cfg) => return Ok(single(cfg.generate()?)),
            SeriesSource::Values(v) => return Ok(single(v.clone())),
            SeriesSource::Shipped(_) | SeriesSource::Table { .. } => {
                self.table().expect("a table source")?
            }
        };
        let (default_target, default_features) = default_columns(self, &table);
        let target = target.map(str::to_string).unwrap_or(default_target);
        let features: Vec<String> = if features.is_empty() {
            default_features
        } else {
            features.to_vec()
        };
        let mut used: Vec<&str> = features.iter().map(String::as_str).collect();
        if !used.contains(&target.as_str()) {
            used.push(&target);
        }
        let (kept, values) = table.select(&used, missing)?;
        let labels = table.time_labels();
        let t_col = used
            .iter()
            .position(|c| *c == target)
            .expect("target is used");
        Ok(Columns {
            times: kept.iter().map(|&r| labels[r].clone()).collect(),
            inputs: values
                .iter()
                .map(|row| row[..features.len()].to_vec())
                .collect(),
            truth: values.iter().map(|row| row[t_col]).collect(),
            features,
            target,
            rows_total: table.rows,
            rows_dropped: table.rows - kept.len(),
        })
    }
}

/// A table's natural target and features: a shipped table's own; otherwise a column named
/// `close` (a stock table: its other numeric columns are the features, like the course's
/// Open, High, Low, Volume → Close), else the last numeric column predicted from itself.
pub fn default_columns(source: &SeriesSource, table: &Table) -> (String, Vec<String>) {
    if let SeriesSource::Shipped(t) = source {
        let (target, features) = t.defaults();
        return (
            target.into(),
            features.iter().map(|s| s.to_string()).collect(),
        );
    }
    let numeric: Vec<&str> = table.numeric().map(|c| c.name.as_str()).collect();
    if let Some(close) = numeric.iter().find(|n| n.eq_ignore_ascii_case("close")) {
        let features: Vec<String> = numeric
            .iter()
            .filter(|n| !n.eq_ignore_ascii_case("close") && !n.eq_ignore_ascii_case("adj close"))
            .map(|s| s.to_string())
            .collect();
        let features = if features.is_empty() {
            vec![close.to_string()]
        } else {
            features
        };
        return (close.to_string(), features);
    }
    let last = numeric.last().map_or_else(String::new, |s| s.to_string());
    (last.clone(), vec![last])
}

/// Parses pasted numbers into a source.
pub fn pasted(text: &str) -> Result<SeriesSource, DataError> {
    parse_values(text).map(SeriesSource::Values)
}

#[cfg(test)]
mod serde_tests {
    use super::*;

    #[test]
    fn a_loaded_table_keeps_its_json_and_crosses_the_wire() {
        let source = SeriesSource::Table {
            name: "kospi.csv".into(),
            text: "Date,Close\n2021-01-04,2911.6\n".into(),
        };
        let json = serde_json::to_string(&source).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"table","value":{"name":"kospi.csv","text":"Date,Close\n2021-01-04,2911.6\n"}}"#
        );
        assert_eq!(serde_json::from_str::<SeriesSource>(&json).unwrap(), source);
        let bytes = crate::wire::to_bytes(&source).unwrap();
        assert_eq!(crate::wire::from_bytes::<SeriesSource>(&bytes), Ok(source));
    }
}
