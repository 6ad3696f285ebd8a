//! The period of a series, read from its time axis: the step between two rows is a day, a
//! week, a month, a quarter, a year, or just a step (row numbers, sub-daily or irregular
//! times). The verdict names it ("shifted one week to the right") and the chart's axis
//! writes compact dates (`19580503` → `1958-05-03`).

use crate::ui::i18n::Tr;

/// The step between two rows of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Daily (trading days too: weekends and holidays skipped).
    Day,
    /// Weekly.
    Week,
    /// Monthly.
    Month,
    /// Quarterly.
    Quarter,
    /// Yearly.
    Year,
    /// Row numbers, sub-daily or irregular times.
    Step,
}

/// One time label read as a point of a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stamp {
    /// Days since 1970-01-01.
    Day(i64),
    /// `year · 12 + month − 1`.
    Month(i64),
    /// `year · 4 + quarter − 1`.
    Quarter(i64),
    /// The year.
    Year(i64),
}

impl Period {
    /// The period of the rows labelled `times` (in time order): what the labels are (dates,
    /// months `2020-01`, quarters `1959Q1`, years `1700`) and the median step between two
    /// of them. Row numbers, mixed or unreadable labels, fewer than two rows and steps that
    /// are no calendar period are [`Period::Step`].
    pub fn of(times: &[String]) -> Period {
        if times.len() < 2 {
            return Period::Step;
        }
        let stamps: Option<Vec<Stamp>> = times.iter().map(|t| stamp(t, false)).collect();
        let period = stamps.map_or(Period::Step, |s| from_stamps(&s));
        if period != Period::Step {
            return period;
        }
        // `01/02/2020` is read day first above; month first when that reads regularly.
        let stamps: Option<Vec<Stamp>> = times.iter().map(|t| stamp(t, true)).collect();
        stamps.map_or(Period::Step, |s| from_stamps(&s))
    }

    /// "one week", to say how far a copy of the last value lags.
    pub fn one(self) -> Tr {
        match self {
            Period::Day => Tr::new("one day", "하루"),
            Period::Week => Tr::new("one week", "한 주"),
            Period::Month => Tr::new("one month", "한 달"),
            Period::Quarter => Tr::new("one quarter", "한 분기"),
            Period::Year => Tr::new("one year", "한 해"),
            Period::Step => Tr::new("one step", "한 스텝"),
        }
    }

    /// The time axis' title.
    pub fn axis(self) -> Tr {
        match self {
            Period::Day => Tr::new("date (daily)", "날짜 (일별)"),
            Period::Week => Tr::new("date (weekly)", "날짜 (주별)"),
            Period::Month => Tr::new("month", "월"),
            Period::Quarter => Tr::new("quarter", "분기"),
            Period::Year => Tr::new("year", "연도"),
            Period::Step => Tr::new("time step", "시간 스텝"),
        }
    }

    /// The name used in `data-` attributes and tests.
    pub fn key(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
            Period::Step => "step",
        }
    }
}

/// The period of stamps of one kind, from their median step.
fn from_stamps(stamps: &[Stamp]) -> Period {
    let value = |s: &Stamp| match *s {
        Stamp::Day(v) | Stamp::Month(v) | Stamp::Quarter(v) | Stamp::Year(v) => v,
    };
    let kind = std::mem::discriminant(&stamps[0]);
    if stamps.iter().any(|s| std::mem::discriminant(s) != kind) {
        return Period::Step;
    }
    let mut gaps: Vec<i64> = stamps
        .windows(2)
        .map(|w| value(&w[1]) - value(&w[0]))
        .collect();
    if gaps.iter().any(|&g| g <= 0) {
        // Not in time order, or several rows a day.
        return Period::Step;
    }
    gaps.sort_unstable();
    let median = gaps[gaps.len() / 2];
    match (stamps[0], median) {
        (Stamp::Day(_), 1) => Period::Day,
        (Stamp::Day(_), 7) => Period::Week,
        (Stamp::Day(_), 28..=31) => Period::Month,
        (Stamp::Day(_), 89..=92) => Period::Quarter,
        (Stamp::Day(_), 365 | 366) => Period::Year,
        (Stamp::Month(_), 1) => Period::Month,
        (Stamp::Month(_), 3) | (Stamp::Quarter(_), 1) => Period::Quarter,
        (Stamp::Month(_), 12) | (Stamp::Quarter(_), 4) | (Stamp::Year(_), 1) => Period::Year,
        _ => Period::Step,
    }
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A year of four digits.
fn year(s: &str) -> Option<i64> {
    (s.len() == 4 && digits(s))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (1000..=2999).contains(y))
}

fn in_range(s: &str, lo: i64, hi: i64) -> Option<i64> {
    (digits(s) && s.len() <= 2)
        .then(|| s.parse().ok())
        .flatten()
        .filter(|v| (lo..=hi).contains(v))
}

/// A calendar date's day number (days since 1970-01-01), if the day exists.
fn day_number(y: i64, m: i64, d: i64) -> Option<i64> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > days[(m - 1) as usize] {
        return None;
    }
    // Days from civil (proleptic Gregorian calendar).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// A date's year, month and day: `20200131`, `2020-01-31`, `2020/01/31`, `2020.01.31` (a time
/// of day after `T` or a space is ignored), `31/01/2020` (or `01/31/2020` with `month_first`).
fn ymd(label: &str, month_first: bool) -> Option<(i64, i64, i64)> {
    let t = label.trim();
    if t.len() == 8 && digits(t) {
        return Some((year(&t[..4])?, t[4..6].parse().ok()?, t[6..].parse().ok()?));
    }
    let date = t.split(['T', ' ']).next()?;
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => Some((year(y)?, in_range(m, 1, 12)?, in_range(d, 1, 31)?)),
        [a, b, y] if y.len() == 4 => {
            let (d, m) = if month_first { (b, a) } else { (a, b) };
            Some((year(y)?, in_range(m, 1, 12)?, in_range(d, 1, 31)?))
        }
        _ => None,
    }
}

/// One label as a calendar point.
fn stamp(label: &str, month_first: bool) -> Option<Stamp> {
    let t = label.trim();
    if let Some(y) = year(t) {
        return Some(Stamp::Year(y));
    }
    if let Some((y, q)) = t.split_once(['Q', 'q']) {
        return Some(Stamp::Quarter(year(y)? * 4 + in_range(q, 1, 4)? - 1));
    }
    if let [y, m] = t.split(['-', '/', '.']).collect::<Vec<_>>().as_slice() {
        return Some(Stamp::Month(year(y)? * 12 + in_range(m, 1, 12)? - 1));
    }
    let (y, m, d) = ymd(t, month_first)?;
    day_number(y, m, d).map(Stamp::Day)
}

/// A time label as the chart's axis writes it: a compact date `19580503` as `1958-05-03`,
/// and when the axis spans `span_years` of 20 or more, a date as its year alone. Other labels
/// stay as they are.
pub fn axis_label(label: &str, span_years: Option<i64>) -> String {
    let t = label.trim();
    let compact = t.len() == 8 && digits(t);
    match ymd(t, false) {
        Some((y, m, d)) if day_number(y, m, d).is_some() => {
            if span_years.is_some_and(|s| s >= 20) {
                format!("{y}")
            } else if compact {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                t.to_string()
            }
        }
        _ => t.to_string(),
    }
}

/// The years an axis spans, when its first and last labels are dates (or months, quarters,
/// years).
pub fn span_years(times: &[String]) -> Option<i64> {
    let year_of = |t: &String| match stamp(t, false)? {
        Stamp::Year(y) => Some(y),
        Stamp::Quarter(q) => Some(q.div_euclid(4)),
        Stamp::Month(m) => Some(m.div_euclid(12)),
        Stamp::Day(_) => ymd(t, false).map(|(y, _, _)| y),
    };
    Some(year_of(times.last()?)? - year_of(times.first()?)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::table::Table;
    use crate::lessons::time_series::ShippedTable;

    fn labels(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_shipped_table_has_its_period() {
        for (t, period) in [
            (ShippedTable::Sunspots, Period::Year),
            (ShippedTable::Co2, Period::Week),
            (ShippedTable::Macro, Period::Quarter),
            (ShippedTable::Stock, Period::Day),
        ] {
            let table = Table::parse_text(t.file(), t.text().unwrap()).unwrap();
            assert_eq!(Period::of(&table.time_labels()), period, "{}", t.file());
        }
    }

    #[test]
    fn co2_is_weekly_with_its_missing_weeks_dropped() {
        let table = Table::parse_text("co2.csv", ShippedTable::Co2.text().unwrap()).unwrap();
        let labels = table.time_labels();
        let co2 = table.column("co2").unwrap();
        let kept: Vec<String> = (0..table.rows)
            .filter(|&r| co2.values[r].is_some())
            .map(|r| labels[r].clone())
            .collect();
        assert!(kept.len() < labels.len());
        assert_eq!(Period::of(&kept), Period::Week);
    }

    #[test]
    fn generated_series_and_row_numbers_are_steps() {
        let generated: Vec<String> = (0..50).map(|t| format!("t{t}")).collect();
        assert_eq!(Period::of(&generated), Period::Step);
        let rows: Vec<String> = (1..=3000).map(|r| r.to_string()).collect();
        assert_eq!(Period::of(&rows), Period::Step);
        assert_eq!(
            Period::of(&rows[1200..]),
            Period::Step,
            "4-digit rows past 2999"
        );
        assert_eq!(Period::of(&labels(&["1999"])), Period::Step, "one row");
        assert_eq!(Period::of(&[]), Period::Step);
    }

    #[test]
    fn synthetic_axes() {
        let cases: [(&[&str], Period); 14] = [
            (
                &["2021-01-04", "2021-01-05", "2021-01-06", "2021-01-07"],
                Period::Day,
            ),
            // Trading days: Friday to Monday is three days, the median one.
            (
                &[
                    "2021-01-07",
                    "2021-01-08",
                    "2021-01-11",
                    "2021-01-12",
                    "2021-01-13",
                ],
                Period::Day,
            ),
            (
                &["20200101", "20200108", "20200115", "20200129"],
                Period::Week,
            ),
            (
                &["2020/01/31", "2020/02/29", "2020/03/31", "2020/04/30"],
                Period::Month,
            ),
            (&["2020-01", "2020-02", "2020-03"], Period::Month),
            (&["2020-01", "2020-04", "2020-07"], Period::Quarter),
            (&["2019-12-31", "2020-03-31", "2020-06-30"], Period::Quarter),
            (
                &["1959Q1", "1959Q2", "1959Q3", "1959Q4", "1960Q1"],
                Period::Quarter,
            ),
            (&["1959Q1", "1960Q1", "1961Q1"], Period::Year),
            (&["2001-01-01", "2002-01-01", "2003-01-01"], Period::Year),
            (&["1700", "1701", "1702"], Period::Year),
            // Day first, then month first when day first is irregular.
            (&["01/02/2020", "02/02/2020", "03/02/2020"], Period::Day),
            (&["02/01/2020", "02/08/2020", "02/15/2020"], Period::Week),
            (
                &["2020-01-31T09:00", "2020-02-01T09:00", "2020-02-02T09:00"],
                Period::Day,
            ),
        ];
        for (times, period) in cases {
            assert_eq!(Period::of(&labels(times)), period, "{times:?}");
        }
        let irregular: [&[&str]; 5] = [
            &["2020-01-01", "2020-01-03", "2020-01-13", "2020-02-20"],
            &["2020-01-01 09:00", "2020-01-01 10:00", "2020-01-01 11:00"],
            &["1700", "1702", "1704"],
            &["2020-01-02", "2020-01-01"],
            &["1959Q1", "2020-01", "1700"],
        ];
        for times in irregular {
            assert_eq!(Period::of(&labels(times)), Period::Step, "{times:?}");
        }
    }

    #[test]
    fn day_numbers_follow_the_calendar() {
        assert_eq!(day_number(1970, 1, 1), Some(0));
        assert_eq!(day_number(2000, 3, 1), Some(11_017));
        assert_eq!(
            day_number(2020, 2, 29).map(|d| d + 1),
            day_number(2020, 3, 1)
        );
        assert_eq!(day_number(2019, 2, 29), None);
        assert_eq!(
            day_number(1958, 12, 31).map(|d| d + 1),
            day_number(1959, 1, 1)
        );
    }

    #[test]
    fn axis_labels_write_dates_readably() {
        assert_eq!(axis_label("19580503", Some(3)), "1958-05-03");
        assert_eq!(axis_label("19580503", Some(43)), "1958");
        assert_eq!(axis_label("2021-01-04", Some(0)), "2021-01-04");
        assert_eq!(axis_label("2021-01-04", Some(30)), "2021");
        for same in ["1959Q1", "1700", "t12", "17", "2020-01"] {
            assert_eq!(axis_label(same, Some(50)), same);
        }
        let co2 = Table::parse_text("co2.csv", ShippedTable::Co2.text().unwrap()).unwrap();
        assert_eq!(span_years(&co2.time_labels()), Some(43));
        let gen: Vec<String> = (0..9).map(|t| format!("t{t}")).collect();
        assert_eq!(span_years(&gen), None);
        assert_eq!(span_years(&labels(&["1959Q1", "2009Q3"])), Some(50));
    }
}
