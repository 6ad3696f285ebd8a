//! Time series for many-to-one regression: windows of `k` values predict the next one (the
//! course's stock-price exercise, with generated or pasted data instead of stock prices).
//!
//! The pipeline: [`SeriesConfig::generate`] or [`parse_values`] / [`parse_csv_column`] give a
//! `Vec<f64>`; [`SeriesDataset::new`] splits it in time order, fits a [`MinMaxScaler`] on the
//! training part only, and cuts windows `x [N, k, 1]` → `y [N, 1]`.

use ndarray::{Array2, Array3};
use num_traits::Float;
use rand::{Rng, SeedableRng};
use rand_distr::StandardNormal;
use rand_pcg::Pcg64;
use serde::{Deserialize, Serialize};

use super::DataError;

/// Most values a series may have (generated or pasted).
pub const MAX_SERIES_LEN: usize = 100_000;
/// Fewest values a generated series may have.
pub const MIN_SERIES_LEN: usize = 10;
/// Most sine components of a generated series.
pub const MAX_SINES: usize = 8;

/// One sine component: `amplitude · sin(2π t / period + phase)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Sine {
    /// Steps per cycle (at least 2).
    pub period: f64,
    /// Height of the wave (≥ 0).
    pub amplitude: f64,
    /// Shift in radians.
    pub phase: f64,
}

/// A pattern that repeats every `period` steps (think weekdays): `period` values drawn once from
/// the seed, centred on 0 and scaled so the largest is `±amplitude`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Seasonality {
    /// Steps before the pattern repeats (at least 2, at most the series length).
    pub period: usize,
    /// Largest deviation of the pattern (≥ 0).
    pub amplitude: f64,
}

/// Settings of a generated series:
/// `x[t] = level + trend·t + Σ sines + seasonality[t mod period] + noise_std·N(0, 1)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SeriesConfig {
    /// Number of values (`MIN_SERIES_LEN..=MAX_SERIES_LEN`).
    pub len: usize,
    /// Seed of the seasonal pattern and the noise: same seed, same series.
    pub seed: u64,
    /// Value at `t = 0` before the waves and noise.
    pub level: f64,
    /// Added per step (a linear trend).
    pub trend: f64,
    /// Sine components (at most [`MAX_SINES`]).
    pub sines: Vec<Sine>,
    /// Optional repeating pattern.
    pub seasonality: Option<Seasonality>,
    /// Standard deviation of the Gaussian noise (≥ 0).
    pub noise_std: f64,
}

impl Default for SeriesConfig {
    /// 400 steps: a slow wave (period 50), a faster small one (period 11), a weekly pattern,
    /// a gentle upward trend and a little noise — something with structure a small LSTM can learn.
    fn default() -> Self {
        SeriesConfig {
            len: 400,
            seed: 0,
            level: 0.0,
            trend: 0.01,
            sines: vec![
                Sine {
                    period: 50.0,
                    amplitude: 1.0,
                    phase: 0.0,
                },
                Sine {
                    period: 11.0,
                    amplitude: 0.3,
                    phase: 1.0,
                },
            ],
            seasonality: Some(Seasonality {
                period: 7,
                amplitude: 0.2,
            }),
            noise_std: 0.05,
        }
    }
}

fn invalid(field: &'static str, reason: impl Into<String>) -> DataError {
    DataError::InvalidSetting {
        field,
        reason: reason.into(),
    }
}

fn finite(field: &'static str, v: f64) -> Result<(), DataError> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(invalid(field, format!("{v} is not a finite number")))
    }
}

fn non_negative(field: &'static str, v: f64) -> Result<(), DataError> {
    finite(field, v)?;
    if v < 0.0 {
        return Err(invalid(field, format!("{v} is negative; use 0 or more")));
    }
    Ok(())
}

impl SeriesConfig {
    /// Checks every setting; the error names the field and the allowed range.
    pub fn validate(&self) -> Result<(), DataError> {
        if !(MIN_SERIES_LEN..=MAX_SERIES_LEN).contains(&self.len) {
            return Err(invalid(
                "len",
                format!(
                    "{} values; choose between {MIN_SERIES_LEN} and {MAX_SERIES_LEN}",
                    self.len
                ),
            ));
        }
        finite("level", self.level)?;
        finite("trend", self.trend)?;
        non_negative("noise_std", self.noise_std)?;
        if self.sines.len() > MAX_SINES {
            return Err(invalid(
                "sines",
                format!("{} sines; use at most {MAX_SINES}", self.sines.len()),
            ));
        }
        for s in &self.sines {
            finite("sines.period", s.period)?;
            if s.period < 2.0 {
                return Err(invalid(
                    "sines.period",
                    format!(
                        "{} steps; a wave shorter than 2 steps cannot be seen, use 2 or more",
                        s.period
                    ),
                ));
            }
            non_negative("sines.amplitude", s.amplitude)?;
            finite("sines.phase", s.phase)?;
        }
        if let Some(season) = &self.seasonality {
            if season.period < 2 || season.period > self.len {
                return Err(invalid(
                    "seasonality.period",
                    format!(
                        "{} steps; choose between 2 and the series length {}",
                        season.period, self.len
                    ),
                ));
            }
            non_negative("seasonality.amplitude", season.amplitude)?;
        }
        Ok(())
    }

    /// The series: `len` values, identical for identical settings (seeded PCG-64).
    pub fn generate(&self) -> Result<Vec<f64>, DataError> {
        self.validate()?;
        let mut rng = Pcg64::seed_from_u64(self.seed);
        let pattern = match &self.seasonality {
            Some(s) => seasonal_pattern(&mut rng, s),
            None => Vec::new(),
        };
        let tau = std::f64::consts::TAU;
        Ok((0..self.len)
            .map(|t| {
                let tf = t as f64;
                let waves: f64 = self
                    .sines
                    .iter()
                    .map(|s| s.amplitude * (tau * tf / s.period + s.phase).sin())
                    .sum();
                let season = if pattern.is_empty() {
                    0.0
                } else {
                    pattern[t % pattern.len()]
                };
                let noise: f64 = rng.sample(StandardNormal);
                self.level + self.trend * tf + waves + season + self.noise_std * noise
            })
            .collect())
    }
}

fn seasonal_pattern(rng: &mut Pcg64, s: &Seasonality) -> Vec<f64> {
    let raw: Vec<f64> = (0..s.period).map(|_| rng.random_range(-1.0..1.0)).collect();
    let mean = raw.iter().sum::<f64>() / raw.len() as f64;
    let peak = raw.iter().map(|v| (v - mean).abs()).fold(0.0, f64::max);
    if peak == 0.0 {
        return vec![0.0; s.period];
    }
    raw.iter()
        .map(|v| (v - mean) / peak * s.amplitude)
        .collect()
}

// At most this much of a bad line is quoted back in an error.
const QUOTE_MAX: usize = 40;

fn quote(s: &str) -> String {
    if s.chars().count() <= QUOTE_MAX {
        s.to_string()
    } else {
        s.chars().take(QUOTE_MAX).chain("…".chars()).collect()
    }
}

fn parse_number(token: &str, line: usize) -> Result<f64, DataError> {
    match token.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(DataError::NotFinite {
            line,
            content: quote(token),
        }),
        Err(_) => Err(DataError::NotANumber {
            line,
            content: quote(token),
        }),
    }
}

// A first line that does not parse but has letters (`price`, `Close`) is a header; a first line
// like `1.2.3` has no letters and is reported as a typo instead of being skipped silently.
fn looks_like_header(line: &str) -> bool {
    line.chars().any(char::is_alphabetic)
}

fn check_count(values: Vec<f64>) -> Result<Vec<f64>, DataError> {
    if values.len() > MAX_SERIES_LEN {
        return Err(DataError::TooManyValues {
            got: values.len(),
            max: MAX_SERIES_LEN,
        });
    }
    Ok(values)
}

/// Numbers pasted by a user, in reading order: separated by new lines, commas, semicolons,
/// spaces or tabs; `.` is the decimal point (`1e-3` and `+2` work). Blank lines are ignored and
/// the first non-blank line is skipped if it is a header (it contains letters and is not a
/// number). Anything else that is not a finite number is an error naming its line (from 1).
///
/// Say how many values a window needs with [`check_len`] or [`SeriesDataset::new`].
pub fn parse_values(text: &str) -> Result<Vec<f64>, DataError> {
    let mut values = Vec::new();
    let mut first = true;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let tokens = trimmed
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|t| !t.is_empty());
        let parsed: Result<Vec<f64>, DataError> = tokens.map(|t| parse_number(t, i + 1)).collect();
        match parsed {
            Ok(vs) => values.extend(vs),
            Err(_) if first && looks_like_header(trimmed) => {}
            Err(e) => return Err(e),
        }
        first = false;
    }
    check_count(values)
}

/// Column `column` (counting from 1) of a CSV text: fields separated by commas, semicolons or
/// tabs; blank lines ignored; an optional header line (see [`parse_values`]). Other columns may
/// hold anything (dates, names). Errors name the line of a missing field or a non-number.
pub fn parse_csv_column(text: &str, column: usize) -> Result<Vec<f64>, DataError> {
    if column == 0 {
        return Err(invalid("column", "columns count from 1"));
    }
    let mut values = Vec::new();
    let mut first = true;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let is_first = std::mem::replace(&mut first, false);
        let fields: Vec<&str> = trimmed.split([',', ';', '\t']).map(str::trim).collect();
        let parsed = match fields.get(column - 1) {
            Some(field) => parse_number(field, i + 1),
            None => Err(DataError::MissingColumn {
                line: i + 1,
                column,
                found: fields.len(),
            }),
        };
        match parsed {
            Ok(v) => values.push(v),
            Err(_) if is_first && looks_like_header(trimmed) => {}
            Err(e) => return Err(e),
        }
    }
    check_count(values)
}

/// Refuses a series too short for `window`: at least `window + 2` values are needed (one
/// training window and one test value).
pub fn check_len(len: usize, window: usize) -> Result<(), DataError> {
    if window == 0 {
        return Err(DataError::ZeroSize { what: "the window" });
    }
    let need = window.saturating_add(2);
    if len < need {
        return Err(DataError::TooFewValues {
            got: len,
            need,
            window,
        });
    }
    Ok(())
}

/// Min–max scaling to [0, 1]: `(x − min) / (max − min)`, fitted on training values only so the
/// test part stays unseen. For a constant series (`max = min`) the scale is 1 instead, so
/// nothing is divided by zero: `transform(x) = x − min` (0 for the constant itself).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MinMaxScaler {
    min: f64,
    max: f64,
}

impl MinMaxScaler {
    /// Fits on `values` (at least one, all finite).
    pub fn fit(values: &[f64]) -> Result<MinMaxScaler, DataError> {
        if values.is_empty() {
            return Err(invalid("values", "nothing to fit the scaler on"));
        }
        if let Some(i) = values.iter().position(|v| !v.is_finite()) {
            return Err(invalid(
                "values",
                format!("value {} is {}, not a finite number", i + 1, values[i]),
            ));
        }
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Ok(MinMaxScaler { min, max })
    }

    /// Smallest fitted value (maps to 0).
    pub fn min(&self) -> f64 {
        self.min
    }

    /// Largest fitted value (maps to 1).
    pub fn max(&self) -> f64 {
        self.max
    }

    fn scale(&self) -> f64 {
        let range = self.max - self.min;
        if range > 0.0 && range.is_finite() {
            range
        } else {
            1.0
        }
    }

    /// Scaled value. Test values outside the training range fall outside [0, 1]; that is
    /// expected and shows the student when the test period leaves the training range.
    pub fn transform(&self, x: f64) -> f64 {
        (x - self.min) / self.scale()
    }

    /// Back to the original units.
    pub fn inverse_transform(&self, y: f64) -> f64 {
        y * self.scale() + self.min
    }

    /// [`transform`](Self::transform) of every value.
    pub fn transform_all(&self, xs: &[f64]) -> Vec<f64> {
        xs.iter().map(|&x| self.transform(x)).collect()
    }

    /// [`inverse_transform`](Self::inverse_transform) of every value.
    pub fn inverse_transform_all(&self, ys: &[f64]) -> Vec<f64> {
        ys.iter().map(|&y| self.inverse_transform(y)).collect()
    }
}

/// Sliding windows: `x [N, k, 1]` (window `i` is `values[i..i+k]`) and `y [N, 1]` (`values[i+k]`,
/// the next value), `N = len − k`. Needs at least `k + 1` values.
pub fn windows<F: Float>(
    values: &[f64],
    window: usize,
) -> Result<(Array3<F>, Array2<F>), DataError> {
    if window == 0 {
        return Err(DataError::ZeroSize { what: "the window" });
    }
    if values.len() <= window {
        return Err(DataError::TooFewValues {
            got: values.len(),
            need: window + 1,
            window,
        });
    }
    Ok(windows_for_targets(values, window, window..values.len()))
}

// Windows whose target indices are `targets` (each ≥ window).
fn windows_for_targets<F: Float>(
    values: &[f64],
    window: usize,
    targets: std::ops::Range<usize>,
) -> (Array3<F>, Array2<F>) {
    let cast = |v: f64| F::from(v).expect("an f64 fits any float type");
    let start = targets.start;
    let n = targets.len();
    let x = Array3::from_shape_fn((n, window, 1), |(i, j, _)| {
        cast(values[start + i - window + j])
    });
    let y = Array2::from_shape_fn((n, 1), |(i, _)| cast(values[start + i]));
    (x, y)
}

/// Where a series of `len` values splits: values `..split` train, `split..` test, with
/// `split ≈ len · train_fraction` kept in `window + 1 ..= len − 1` so both sides have windows.
pub fn split_index(len: usize, window: usize, train_fraction: f64) -> Result<usize, DataError> {
    check_len(len, window)?;
    if !(train_fraction > 0.0 && train_fraction < 1.0) {
        return Err(invalid(
            "train_fraction",
            format!("{train_fraction}; use a fraction between 0 and 1, e.g. 0.8"),
        ));
    }
    let split = (len as f64 * train_fraction).round() as usize;
    Ok(split.clamp(window + 1, len - 1))
}

/// A series ready for training: split in time order (no shuffling across the split), scaled
/// with a scaler fitted on the training values only, cut into windows.
///
/// Training windows predict the values `window..split`; test windows predict `split..len`.
/// A test window's inputs may reach back into the last training values — past values are known
/// when forecasting — but no test value is ever a training input or target or affects the
/// scaler.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesDataset<F = f32> {
    /// Window length `k`.
    pub window: usize,
    /// First test index: `values[..split]` is the training part.
    pub split: usize,
    /// Fitted on `values[..split]`.
    pub scaler: MinMaxScaler,
    /// The original values.
    pub values: Vec<f64>,
    /// All values after scaling (for plotting the truth in model units).
    pub scaled: Vec<f64>,
    /// Training inputs `[N_train, k, 1]`, `N_train = split − k`.
    pub x_train: Array3<F>,
    /// Training targets `[N_train, 1]`.
    pub y_train: Array2<F>,
    /// Test inputs `[N_test, k, 1]`, `N_test = len − split`.
    pub x_test: Array3<F>,
    /// Test targets `[N_test, 1]`.
    pub y_test: Array2<F>,
}

impl<F: Float> SeriesDataset<F> {
    /// Splits `values` at `train_fraction` (e.g. 0.8), scales, and cuts windows of `window`.
    /// Needs at least `window + 2` values.
    pub fn new(values: &[f64], window: usize, train_fraction: f64) -> Result<Self, DataError> {
        let split = split_index(values.len(), window, train_fraction)?;
        if let Some(i) = values.iter().position(|v| !v.is_finite()) {
            return Err(invalid(
                "values",
                format!("value {} is {}, not a finite number", i + 1, values[i]),
            ));
        }
        let scaler = MinMaxScaler::fit(&values[..split])?;
        let scaled = scaler.transform_all(values);
        let (x_train, y_train) = windows_for_targets(&scaled, window, window..split);
        let (x_test, y_test) = windows_for_targets(&scaled, window, split..values.len());
        Ok(SeriesDataset {
            window,
            split,
            scaler,
            values: values.to_vec(),
            scaled,
            x_train,
            y_train,
            x_test,
            y_test,
        })
    }

    /// Time index of each training target (`window..split`), for plotting.
    pub fn train_times(&self) -> std::ops::Range<usize> {
        self.window..self.split
    }

    /// Time index of each test target (`split..len`), for plotting.
    pub fn test_times(&self) -> std::ops::Range<usize> {
        self.split..self.values.len()
    }

    /// Model outputs (scaled) back in the series' units.
    pub fn unscale(&self, outputs: &[F]) -> Vec<f64> {
        outputs
            .iter()
            .map(|o| {
                self.scaler
                    .inverse_transform(o.to_f64().unwrap_or(f64::NAN))
            })
            .collect()
    }
}
