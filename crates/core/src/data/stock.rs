//! A synthetic daily stock table (Date, Open, High, Low, Close, Volume) of the course's shape:
//! a seeded geometric random walk that anyone may redistribute, made by
//! `cargo run --example stock_table` and shipped as `assets/series/stock_synthetic.csv`.
//!
//! It stands in for the course's KOSPI file (431 trading days from 2019-01-30), which the app
//! may not ship. It is not a market: each close is the previous one times `exp(drift + σ·z)`, so
//! nothing but the last value says anything about the next one (the course's model, read
//! honestly, ends up near "same as yesterday").
//!
//! Every row keeps what a real table keeps: `High ≥ max(Open, Close)`, `Low ≤ min(Open, Close)`,
//! `Volume > 0`, dates on weekdays only.

use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use rand_pcg::Pcg64;

use super::DataError;

/// The settings of the shipped table's walk.
#[derive(Debug, Clone, PartialEq)]
pub struct StockConfig {
    /// Trading days (rows).
    pub rows: usize,
    /// Seed of every random draw: same seed, same table.
    pub seed: u64,
    /// First trading day, `(year, month, day)`; later days skip Saturdays and Sundays.
    pub start: (i64, u32, u32),
    /// The first day's open.
    pub start_price: f64,
    /// Mean daily log-return.
    pub drift: f64,
    /// Standard deviation of the daily log-return from open to close.
    pub volatility: f64,
    /// Standard deviation of the overnight gap (previous close to open), as a log-return.
    pub gap: f64,
    /// Typical traded volume.
    pub volume: f64,
}

impl StockConfig {
    /// The shipped table: 431 weekdays from 2019-01-30 (the course's table's first day and
    /// length), seed 2.
    pub fn shipped() -> StockConfig {
        StockConfig {
            rows: 431,
            seed: 2,
            start: (2019, 1, 30),
            start_price: 2000.0,
            drift: 0.0,
            volatility: 0.011,
            gap: 0.004,
            volume: 500_000.0,
        }
    }
}

/// One trading day.
#[derive(Debug, Clone, PartialEq)]
pub struct StockRow {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub open: f64,
    pub high: f64,
    pub low: f64,
    pub close: f64,
    pub volume: u64,
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Monday is 0, Sunday 6.
fn weekday(days: i64) -> i64 {
    // 1970-01-01 was a Thursday.
    (days + 3).rem_euclid(7)
}

/// Rounds to cents (what the file writes).
fn cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The table's rows: a geometric random walk with an overnight gap, an intraday range around
/// open and close, and a volume that rises on days that move.
pub fn generate(cfg: &StockConfig) -> Result<Vec<StockRow>, DataError> {
    let bad = |field: &'static str, reason: &str| DataError::InvalidSetting {
        field,
        reason: reason.into(),
    };
    if cfg.rows == 0 {
        return Err(DataError::ZeroSize { what: "the table" });
    }
    let positive = [
        cfg.start_price,
        cfg.volume,
        cfg.volatility + 1.0,
        cfg.gap + 1.0,
    ];
    if positive.iter().any(|v| !(v.is_finite() && *v > 0.0)) || cfg.volatility < 0.0 {
        return Err(bad(
            "stock",
            "prices, volume and volatility must be finite and positive",
        ));
    }
    let (y, m, d) = cfg.start;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(bad("start", "not a date"));
    }
    let mut rng = Pcg64::seed_from_u64(cfg.seed);
    let mut z = || -> f64 { StandardNormal.sample(&mut rng) };
    let mut day = days_from_civil(y, m, d);
    let mut previous_close = cfg.start_price;
    let mut rows = Vec::with_capacity(cfg.rows);
    for i in 0..cfg.rows {
        while weekday(day) >= 5 {
            day += 1;
        }
        let (yy, mm, dd) = civil_from_days(day);
        let open = if i == 0 {
            cfg.start_price
        } else {
            previous_close * (cfg.gap * z()).exp()
        };
        let move_ = cfg.drift + cfg.volatility * z();
        let close = open * move_.exp();
        let (lo, hi) = (open.min(close), open.max(close));
        let spread = cfg.volatility * 0.4;
        let high = hi * (spread * z().abs()).exp();
        let low = lo * (-spread * z().abs()).exp();
        let size = (0.25 * z() + 25.0 * move_.abs()).exp();
        let volume = (cfg.volume * size).round().max(1.0) as u64;
        rows.push(StockRow {
            date: format!("{yy:04}-{mm:02}-{dd:02}"),
            open: cents(open),
            high: cents(high),
            low: cents(low),
            close: cents(close),
            volume,
        });
        previous_close = cents(close);
        day += 1;
    }
    Ok(rows)
}

/// The CSV text: a header and one line per row, prices with two decimals.
pub fn to_csv(rows: &[StockRow]) -> String {
    let mut s = String::from("Date,Open,High,Low,Close,Volume\n");
    for r in rows {
        s.push_str(&format!(
            "{},{:.2},{:.2},{:.2},{:.2},{}\n",
            r.date, r.open, r.high, r.low, r.close, r.volume
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_weekdays_are_right() {
        for (y, m, d) in [(1970, 1, 1), (2019, 1, 30), (2020, 2, 29), (2000, 12, 31)] {
            assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        // 2019-01-30 was a Wednesday, 2019-02-02 a Saturday.
        assert_eq!(weekday(days_from_civil(2019, 1, 30)), 2);
        assert_eq!(weekday(days_from_civil(2019, 2, 2)), 5);
    }

    #[test]
    fn the_walk_is_plausible_and_seeded() {
        let cfg = StockConfig::shipped();
        let rows = generate(&cfg).unwrap();
        assert_eq!(rows.len(), 431);
        assert_eq!(rows[0].date, "2019-01-30");
        assert_eq!(rows[3].date, "2019-02-04", "the weekend is skipped");
        for r in &rows {
            assert!(r.high >= r.open.max(r.close), "{r:?}");
            assert!(r.low <= r.open.min(r.close), "{r:?}");
            assert!(r.low > 0.0 && r.volume > 0, "{r:?}");
        }
        assert_eq!(rows, generate(&cfg).unwrap());
        let other = generate(&StockConfig { seed: 6, ..cfg }).unwrap();
        assert_ne!(rows[10].close, other[10].close);
        assert!(generate(&StockConfig {
            rows: 0,
            ..StockConfig::shipped()
        })
        .is_err());
    }
}
