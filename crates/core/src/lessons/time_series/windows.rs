//! A table's columns cut into windows for many-to-one regression: the feature columns of `k`
//! consecutive rows predict the target column of the next row.
//!
//! Rows are split in time order: targets before `train_end` train, then validation up to
//! `val_end`, then test; the split is given as fractions of the rows ([`split_rows`]) or, as the
//! course gives it, as counts of windows ([`split_windows`]). Each column is scaled to [0, 1]
//! with MinMax fitted on the training rows only, so nothing of the validation or test part leaks
//! into training ([`ScaleFit::TrainingRows`]); the course fits it on the whole table instead
//! ([`ScaleFit::WholeTable`], offered and labelled as such). A window whose target is in one
//! part may read inputs from the rows before it (the past is known when forecasting).

use ndarray::{Array2, Array3};
use serde::{Deserialize, Serialize};

use crate::data::{DataError, MinMaxScaler};

use super::super::Split;

/// The rows MinMax scaling is fitted on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleFit {
    /// The training rows only: the test part stays unseen (the app's default).
    #[default]
    TrainingRows,
    /// Every row of the table, as the course's `scaler.fit_transform(df[...])` does: the test
    /// part's lowest and highest values shape the training inputs.
    WholeTable,
}

impl ScaleFit {
    /// Both choices.
    pub const ALL: [ScaleFit; 2] = [ScaleFit::TrainingRows, ScaleFit::WholeTable];

    /// The stable name (settings, the page's select).
    pub fn key(self) -> &'static str {
        match self {
            ScaleFit::TrainingRows => "training_rows",
            ScaleFit::WholeTable => "whole_table",
        }
    }
}

impl std::str::FromStr for ScaleFit {
    type Err = String;
    fn from_str(s: &str) -> Result<ScaleFit, String> {
        ScaleFit::ALL
            .into_iter()
            .find(|f| f.key() == s)
            .ok_or_else(|| format!("unknown scaling fit `{s}`"))
    }
}

/// The windows of one table, ready for the network.
#[derive(Debug, Clone, PartialEq)]
pub struct Windows {
    /// Names of the input columns (features), in input order.
    pub features: Vec<String>,
    /// Name of the predicted column.
    pub target: String,
    /// Time label of each kept row (a date, `1959Q1`, or the row number).
    pub times: Vec<String>,
    /// Inputs per row, original units: `[row][feature]`.
    pub inputs: Vec<Vec<f64>>,
    /// The target per row, original units.
    pub truth: Vec<f64>,
    /// One scaler per feature, fitted on the rows `fit` names.
    pub scalers: Vec<MinMaxScaler>,
    /// The target's scaler, fitted on the rows `fit` names.
    pub target_scaler: MinMaxScaler,
    /// What the scalers were fitted on.
    pub fit: ScaleFit,
    /// Window length `k`.
    pub window: usize,
    /// First row whose target is validation (`train_end == val_end`: no validation).
    pub train_end: usize,
    /// First row whose target is test.
    pub val_end: usize,
}

/// Where the parts start: `(train_end, val_end)` for `rows` rows: `round(rows · train)` (at
/// most `rows − 1`, so some rows test), then `round(rows · (train + validation))`. A window as
/// long as the training part is refused.
pub fn split_rows(
    rows: usize,
    window: usize,
    train: f64,
    validation: f64,
) -> Result<(usize, usize), DataError> {
    let invalid = |field: &'static str, reason: String| DataError::InvalidSetting { field, reason };
    if !(train > 0.0 && train < 1.0) {
        return Err(invalid(
            "train_fraction",
            format!("{train}: use a fraction between 0 and 1, e.g. 0.7"),
        ));
    }
    if !(validation >= 0.0 && train + validation < 1.0) {
        return Err(invalid(
            "validation_fraction",
            format!(
                "{validation}: the training and validation parts must leave some rows to test on"
            ),
        ));
    }
    if window == 0 {
        return Err(DataError::ZeroSize { what: "the window" });
    }
    let need = window + 2 + usize::from(validation > 0.0);
    if rows < need {
        return Err(DataError::TooFewValues {
            got: rows,
            need,
            window,
        });
    }
    let train_rows = (rows as f64 * train).round() as usize;
    if train_rows <= window {
        return Err(invalid(
            "window",
            format!(
                "a window of {window} rows is longer than the training part ({train_rows} of {rows} rows): use a shorter window or a larger training part"
            ),
        ));
    }
    let train_end = train_rows.min(rows - 1);
    let val_end = if validation > 0.0 {
        if train_end + 2 > rows {
            return Err(invalid(
                "validation_fraction",
                format!(
                    "the training part ({train_end} of {rows} rows) leaves no rows for both validation and test: use a smaller training part"
                ),
            ));
        }
        ((rows as f64 * (train + validation)).round() as usize).clamp(train_end + 1, rows - 1)
    } else {
        train_end
    };
    Ok((train_end, val_end))
}

/// Where the parts start when the split is given in windows, as the course gives it (`split =
/// 200`: the first 200 windows train): `train` training windows, then `validation` validation
/// windows, the rest test (at least one). `rows − window` windows in all.
pub fn split_windows(
    rows: usize,
    window: usize,
    train: usize,
    validation: usize,
) -> Result<(usize, usize), DataError> {
    if window == 0 {
        return Err(DataError::ZeroSize { what: "the window" });
    }
    let total = rows.saturating_sub(window);
    if train == 0 {
        return Err(DataError::InvalidSetting {
            field: "train_windows",
            reason: "0: train on at least one window".into(),
        });
    }
    if train.saturating_add(validation) >= total {
        return Err(DataError::InvalidSetting {
            field: "train_windows",
            reason: format!(
                "{train} training and {validation} validation windows leave no test window: {rows} rows with a window of {window} make {total} windows"
            ),
        });
    }
    Ok((window + train, window + train + validation))
}

/// How the rows are split: fractions of the rows or counts of windows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SplitBy {
    /// `(train, validation)` fractions of the rows ([`split_rows`]).
    Fractions(f64, f64),
    /// `(train, validation)` windows ([`split_windows`]).
    Windows(usize, usize),
}

impl Windows {
    /// Scales and splits `inputs` (`[row][feature]`) and `truth`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        features: Vec<String>,
        target: String,
        times: Vec<String>,
        inputs: Vec<Vec<f64>>,
        truth: Vec<f64>,
        window: usize,
        split: SplitBy,
        fit_on: ScaleFit,
    ) -> Result<Windows, DataError> {
        let rows = truth.len();
        let (train_end, val_end) = match split {
            SplitBy::Fractions(train, validation) => split_rows(rows, window, train, validation)?,
            SplitBy::Windows(train, validation) => split_windows(rows, window, train, validation)?,
        };
        let fit_end = match fit_on {
            ScaleFit::TrainingRows => train_end,
            ScaleFit::WholeTable => rows,
        };
        let fit = |name: &str, values: Vec<f64>| -> Result<MinMaxScaler, DataError> {
            let s = MinMaxScaler::fit(&values)?;
            if s.max() == s.min() {
                return Err(DataError::InvalidSetting {
                    field: "features",
                    reason: format!(
                        "column `{name}` is constant ({}) over the {}: MinMax scaling would divide by zero; leave it out",
                        s.min(),
                        if fit_on == ScaleFit::WholeTable { "whole table" } else { "training part" }
                    ),
                });
            }
            Ok(s)
        };
        let scalers = features
            .iter()
            .enumerate()
            .map(|(f, name)| fit(name, inputs[..fit_end].iter().map(|r| r[f]).collect()))
            .collect::<Result<Vec<_>, _>>()?;
        let target_scaler = fit(&target, truth[..fit_end].to_vec())?;
        Ok(Windows {
            features,
            target,
            times,
            inputs,
            truth,
            scalers,
            target_scaler,
            fit: fit_on,
            window,
            train_end,
            val_end,
        })
    }

    /// Rows whose target belongs to `split`.
    pub fn targets(&self, split: Split) -> std::ops::Range<usize> {
        match split {
            Split::Train => self.window..self.train_end,
            Split::Validation => self.train_end..self.val_end,
            Split::Test => self.val_end..self.truth.len(),
        }
    }

    /// Windows in `split`.
    pub fn len(&self, split: Split) -> usize {
        self.targets(split).len()
    }

    /// Whether `split` has no window.
    pub fn is_empty(&self, split: Split) -> bool {
        self.len(split) == 0
    }

    /// The scaled input of `row`, feature `f`.
    pub fn x(&self, row: usize, f: usize) -> f32 {
        self.scalers[f].transform(self.inputs[row][f]) as f32
    }

    /// The scaled target of `row`.
    pub fn y(&self, row: usize) -> f32 {
        self.target_scaler.transform(self.truth[row]) as f32
    }

    /// The windows at `indices` of `split`: `x [b, k, F]`, `y [b, 1]` (scaled).
    pub fn batch(
        &self,
        split: Split,
        indices: &[usize],
    ) -> Result<(Array3<f32>, Array2<f32>), DataError> {
        let targets = self.targets(split);
        if let Some(&i) = indices.iter().find(|&&i| i >= targets.len()) {
            return Err(DataError::IndexOutOfRange {
                index: i,
                len: targets.len(),
            });
        }
        let (k, f) = (self.window, self.features.len());
        let x = Array3::from_shape_fn((indices.len(), k, f), |(b, j, c)| {
            let t = targets.start + indices[b];
            self.x(t - k + j, c)
        });
        let y = Array2::from_shape_fn((indices.len(), 1), |(b, _)| {
            self.y(targets.start + indices[b])
        });
        Ok((x, y))
    }

    /// Back to the target's units.
    pub fn unscale(&self, y: f32) -> f64 {
        self.target_scaler.inverse_transform(f64::from(y))
    }
}
