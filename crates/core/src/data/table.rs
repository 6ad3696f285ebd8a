//! Tables of numbers over time from CSV/TSV text: the delimiter and the header are detected, a
//! date or time column is recognised as the time axis, numeric columns become features or the
//! target, and missing cells are counted (and later dropped or filled, see [`Missing`]).
//!
//! What is accepted: UTF-8 text; fields separated by commas, tabs, semicolons or `|` (quoted
//! fields as in CSV); a header line when its cells are not all numbers; empty cells and `NA`,
//! `NaN`, `null`, `-` or `.` as missing. Lines with the wrong number of fields are refused one
//! by one and named; a table with too many of them, or with no numeric column, is refused.

use serde::{Deserialize, Serialize};

use super::DataError;

/// Most rows a table may have.
pub const MAX_ROWS: usize = 100_000;
/// Most columns a table may have.
pub const MAX_COLUMNS: usize = 100;
/// Most bytes of a table's text.
pub const MAX_BYTES: usize = 20 << 20;
/// Refused lines named in the summary (the rest are counted).
const NAMED_PROBLEMS: usize = 10;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Numbers (with perhaps some missing cells).
    Numeric,
    /// Dates or times: the table's time axis.
    Time,
    /// Anything else (names, notes).
    Text,
}

/// One column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its name (from the header, or `column 3`).
    pub name: String,
    /// What it holds.
    pub kind: ColumnKind,
    /// The values of a numeric column (`None`: missing); empty for other kinds.
    pub values: Vec<Option<f64>>,
    /// The cells as written (kept for time labels).
    pub cells: Vec<String>,
}

impl Column {
    /// Missing cells of a numeric column.
    pub fn missing(&self) -> usize {
        self.values.iter().filter(|v| v.is_none()).count()
    }
}

/// How missing cells are handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Rows with a missing cell in a used column are dropped.
    #[default]
    Drop,
    /// A missing cell takes the last value above it (leading gaps are dropped).
    ForwardFill,
    /// A missing cell is interpolated linearly between its neighbours (leading and trailing
    /// gaps are dropped).
    Interpolate,
}

/// A parsed table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Its name (the file's).
    pub name: String,
    /// Columns, in the file's order.
    pub columns: Vec<Column>,
    /// Data rows.
    pub rows: usize,
    /// Lines refused one by one: `(line, reason)` (at most ten named).
    pub refused: Vec<(usize, String)>,
    /// Lines refused in all.
    pub refused_count: usize,
    /// The delimiter found.
    pub delimiter: char,
    /// Whether the first line was a header.
    pub has_header: bool,
}

/// Summary of a table for the page: columns and their kinds, missing cells, refused lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableSummary {
    /// Its name.
    pub name: String,
    /// Data rows.
    pub rows: usize,
    /// `(name, kind, missing cells)` of every column.
    pub columns: Vec<(String, ColumnKind, usize)>,
    /// The column used as time axis, if any.
    pub time: Option<String>,
    /// Refused lines, `(line, reason)`.
    pub refused: Vec<(usize, String)>,
    /// Refused lines in all.
    pub refused_count: usize,
}

fn bad(file: &str, reason: impl Into<String>) -> DataError {
    DataError::BadFile {
        file: file.to_string(),
        reason: reason.into(),
    }
}

/// A number as written in a cell (`1,234.5` with thousands separators is refused: use a plain
/// `1234.5`); `None` for a missing marker.
fn number(cell: &str) -> Result<Option<f64>, ()> {
    let t = cell.trim();
    if t.is_empty()
        || ["na", "nan", "null", "none", "-", "."].contains(&t.to_ascii_lowercase().as_str())
    {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(()),
    }
}

/// Whether a cell reads as a date or time: `2020-01-31`, `2020/01/31`, `2020.01.31`, `2020-01`,
/// `20200131` (8 digits), `1959Q1`, `2020-01-31 09:30`, `2020-01-31T09:30:00`.
pub fn is_date(cell: &str) -> bool {
    let t = cell.trim();
    let b = t.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    if b.len() == 8 && digits(b) {
        let (y, m, d) = (&t[..4], &t[4..6], &t[6..8]);
        return plausible(y, m, Some(d));
    }
    if b.len() >= 6 && digits(&b[..4]) && (b[4] == b'Q' || b[4] == b'q') && digits(&b[5..]) {
        return true;
    }
    let date = t.split(['T', ' ']).next().unwrap_or("");
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [y, m] if y.len() == 4 && digits(y.as_bytes()) && digits(m.as_bytes()) => {
            plausible(y, m, None)
        }
        [y, m, d]
            if y.len() == 4
                && digits(y.as_bytes())
                && digits(m.as_bytes())
                && digits(d.as_bytes()) =>
        {
            plausible(y, m, Some(d))
        }
        // 31/01/2020 or 01/31/2020
        [a, b2, y]
            if y.len() == 4
                && digits(a.as_bytes())
                && digits(b2.as_bytes())
                && digits(y.as_bytes()) =>
        {
            true
        }
        _ => false,
    }
}

fn plausible(y: &str, m: &str, d: Option<&str>) -> bool {
    let ok = |s: &str, lo: u32, hi: u32| s.parse::<u32>().is_ok_and(|v| (lo..=hi).contains(&v));
    ok(y, 1000, 2999) && ok(m, 1, 12) && d.is_none_or(|d| ok(d, 1, 31))
}

/// Names that mark a numeric column of years, quarters or months as part of the time axis.
fn is_time_name(name: &str) -> bool {
    matches!(
        name.trim().to_ascii_lowercase().as_str(),
        "year"
            | "years"
            | "date"
            | "time"
            | "period"
            | "quarter"
            | "qtr"
            | "month"
            | "day"
            | "week"
            | "연도"
            | "날짜"
            | "일자"
    )
}

/// Splits `text` into records with `delimiter` (quoted fields as in CSV): `(line, fields)`.
fn records(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for r in reader.records().flatten() {
        let line = r.position().map_or(0, |p| p.line() as usize);
        if r.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.push((line, r.iter().map(|f| f.trim().to_string()).collect()));
    }
    out
}

/// The delimiter that splits the first lines into the same number (> 1) of fields most
/// consistently; `None` for a single column.
fn detect_delimiter(text: &str) -> Option<u8> {
    let head: String = text.lines().take(30).collect::<Vec<_>>().join("\n");
    let mut best: Option<(u8, usize, usize)> = None;
    for d in [b',', b'\t', b';', b'|'] {
        let recs = records(&head, d);
        let Some((_, first)) = recs.first() else {
            continue;
        };
        let n = first.len();
        if n < 2 {
            continue;
        }
        let agree = recs.iter().filter(|(_, r)| r.len() == n).count();
        if best.is_none_or(|(_, a, m)| (agree, n) > (a, m)) {
            best = Some((d, agree, n));
        }
    }
    best.map(|(d, _, _)| d)
}

impl Table {
    /// Parses a table from a file's bytes (gzipped or not).
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Table, DataError> {
        let bytes =
            super::mnist::maybe_gunzip(bytes, "table").map_err(|e| bad(name, e.to_string()))?;
        if bytes.len() > MAX_BYTES {
            return Err(bad(
                name,
                format!(
                    "{} MB is more than the {} MB a table may have",
                    bytes.len() >> 20,
                    MAX_BYTES >> 20
                ),
            ));
        }
        if let Some(i) = bytes.iter().take(8192).position(|&b| b == 0) {
            return Err(bad(name, format!("this is not a text table (a zero byte at position {i}): choose a CSV or TSV file")));
        }
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            bad(
                name,
                format!("line {line} is not UTF-8 text: save the table as UTF-8 CSV"),
            )
        })?;
        Table::parse_text(name, text)
    }

    /// Parses a table from text.
    pub fn parse_text(name: &str, text: &str) -> Result<Table, DataError> {
        let text = text.trim_start_matches('\u{feff}');
        let delimiter = detect_delimiter(text);
        let recs = match delimiter {
            Some(d) => records(text, d),
            None => text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| (i + 1, vec![l.trim().to_string()]))
                .collect(),
        };
        let Some((_, first)) = recs.first() else {
            return Err(bad(name, "the table is empty"));
        };
        let width = first.len();
        if width > MAX_COLUMNS {
            return Err(bad(
                name,
                format!("{width} columns is more than the {MAX_COLUMNS} a table may have"),
            ));
        }
        // A header when some cell of the first line is neither a number nor a date while
        // the same column below holds numbers or dates.
        let has_header = first.iter().any(|c| number(c).is_err() && !is_date(c))
            && recs.get(1).is_some_and(|(_, r)| {
                r.iter()
                    .any(|c| number(c).is_ok_and(|v| v.is_some()) || is_date(c))
            });
        let names: Vec<String> = if has_header {
            first
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    if n.is_empty() {
                        format!("column {}", i + 1)
                    } else {
                        n.clone()
                    }
                })
                .collect()
        } else {
            (1..=width).map(|i| format!("column {i}")).collect()
        };
        let mut refused = Vec::new();
        let mut refused_count = 0;
        let mut rows: Vec<Vec<String>> = Vec::new();
        for (line, r) in recs.into_iter().skip(usize::from(has_header)) {
            if r.len() != width {
                refused_count += 1;
                if refused.len() < NAMED_PROBLEMS {
                    refused.push((line, format!("{} fields, the header has {width}", r.len())));
                }
                continue;
            }
            if rows.len() >= MAX_ROWS {
                return Err(bad(
                    name,
                    format!("more than {MAX_ROWS} rows: use a shorter table"),
                ));
            }
            rows.push(r);
        }
        if rows.len() < 2 {
            return Err(bad(
                name,
                format!("{} data rows: a series needs more than one row", rows.len()),
            ));
        }
        if refused_count * 10 > rows.len() + refused_count {
            return Err(bad(
                name,
                format!(
                    "{refused_count} of {} lines have the wrong number of fields (first: line {}, {})",
                    rows.len() + refused_count,
                    refused[0].0,
                    refused[0].1
                ),
            ));
        }
        let columns = names
            .into_iter()
            .enumerate()
            .map(|(j, name)| {
                let cells: Vec<String> = rows.iter().map(|r| r[j].clone()).collect();
                let parsed: Vec<Result<Option<f64>, ()>> =
                    cells.iter().map(|c| number(c)).collect();
                let present = parsed.iter().filter(|p| !matches!(p, Ok(None))).count();
                let numeric = parsed.iter().filter(|p| matches!(p, Ok(Some(_)))).count();
                let dates = cells.iter().filter(|c| is_date(c)).count();
                let kind = if present > 0 && dates * 10 >= present * 9 {
                    ColumnKind::Time
                } else if present > 0 && numeric * 10 >= present * 9 {
                    ColumnKind::Numeric
                } else {
                    ColumnKind::Text
                };
                let values = if kind == ColumnKind::Numeric {
                    parsed.into_iter().map(|p| p.ok().flatten()).collect()
                } else {
                    Vec::new()
                };
                Column {
                    name,
                    kind,
                    values,
                    cells,
                }
            })
            .collect::<Vec<_>>();
        if !columns.iter().any(|c| c.kind == ColumnKind::Numeric) {
            return Err(bad(name, "no column holds numbers"));
        }
        Ok(Table {
            name: name.to_string(),
            columns,
            rows: rows.len(),
            refused,
            refused_count,
            delimiter: delimiter.map_or(',', char::from),
            has_header,
        })
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Numeric columns, in order.
    pub fn numeric(&self) -> impl Iterator<Item = &Column> {
        self.columns
            .iter()
            .filter(|c| c.kind == ColumnKind::Numeric && !is_time_name(&c.name))
    }

    /// The time axis: the first date column; or numeric columns named like years, quarters or
    /// months (`year` + `quarter` → `1959Q1`).
    pub fn time_columns(&self) -> Vec<&Column> {
        if let Some(c) = self.columns.iter().find(|c| c.kind == ColumnKind::Time) {
            return vec![c];
        }
        self.columns
            .iter()
            .filter(|c| c.kind == ColumnKind::Numeric && is_time_name(&c.name))
            .collect()
    }

    /// The time label of each row (row numbers when there is no time axis).
    pub fn time_labels(&self) -> Vec<String> {
        let cols = self.time_columns();
        (0..self.rows)
            .map(|r| match cols.as_slice() {
                [] => format!("{}", r + 1),
                [c] => c.cells[r].clone(),
                [y, q, ..] if q.name.to_ascii_lowercase().starts_with('q') => {
                    format!("{}Q{}", y.cells[r], q.cells[r])
                }
                [y, m, ..] => format!("{}-{:0>2}", y.cells[r], m.cells[r]),
            })
            .collect()
    }

    /// The page's summary.
    pub fn summary(&self) -> TableSummary {
        let time = self.time_columns();
        TableSummary {
            name: self.name.clone(),
            rows: self.rows,
            columns: self
                .columns
                .iter()
                .map(|c| {
                    let kind = if time.iter().any(|t| t.name == c.name) {
                        ColumnKind::Time
                    } else {
                        c.kind
                    };
                    (c.name.clone(), kind, c.missing())
                })
                .collect(),
            time: (!time.is_empty()).then(|| {
                time.iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" + ")
            }),
            refused: self.refused.clone(),
            refused_count: self.refused_count,
        }
    }

    /// The chosen columns as rows of values, missing cells handled by `missing`: returns the
    /// kept rows' indices and their values `[row][column]`.
    pub fn select(
        &self,
        columns: &[&str],
        missing: Missing,
    ) -> Result<(Vec<usize>, Vec<Vec<f64>>), DataError> {
        let cols: Vec<&Column> = columns
            .iter()
            .map(|n| {
                let c = self
                    .column(n)
                    .ok_or_else(|| bad(&self.name, format!("there is no column `{n}`")))?;
                if c.kind != ColumnKind::Numeric {
                    return Err(bad(
                        &self.name,
                        format!("column `{n}` does not hold numbers"),
                    ));
                }
                Ok(c)
            })
            .collect::<Result<_, _>>()?;
        let mut filled: Vec<Vec<Option<f64>>> = cols.iter().map(|c| c.values.clone()).collect();
        match missing {
            Missing::Drop => {}
            Missing::ForwardFill => {
                for col in &mut filled {
                    let mut last = None;
                    for v in col.iter_mut() {
                        match v {
                            Some(x) => last = Some(*x),
                            None => *v = last,
                        }
                    }
                }
            }
            Missing::Interpolate => {
                for col in &mut filled {
                    let known: Vec<usize> = (0..col.len()).filter(|&i| col[i].is_some()).collect();
                    for w in known.windows(2) {
                        let (a, b) = (w[0], w[1]);
                        let (va, vb) = (col[a].unwrap_or(0.0), col[b].unwrap_or(0.0));
                        for (i, v) in col.iter_mut().enumerate().take(b).skip(a + 1) {
                            *v = Some(va + (vb - va) * (i - a) as f64 / (b - a) as f64);
                        }
                    }
                }
            }
        }
        let kept: Vec<usize> = (0..self.rows)
            .filter(|&r| filled.iter().all(|c| c[r].is_some()))
            .collect();
        let values = kept
            .iter()
            .map(|&r| filled.iter().map(|c| c[r].unwrap_or(f64::NAN)).collect())
            .collect();
        Ok((kept, values))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_recognised_in_the_usual_formats() {
        for d in [
            "2020-01-31",
            "2020/01/31",
            "2020.01.31",
            "2020-01",
            "20200131",
            "1959Q1",
            "2020-01-31 09:30",
            "2020-01-31T09:30:00",
            "31/01/2020",
        ] {
            assert!(is_date(d), "{d}");
        }
        for d in ["2020", "12.5", "abc", "20201399", "2020-13", ""] {
            assert!(!is_date(d), "{d}");
        }
    }
}
