//! Lessons: a dataset, a task shape and presets a teacher opens in one click.
//!
//! * [`char_model`] — next-character prediction on one sentence (many-to-many);
//! * [`mnist_rows`] — MNIST digits read row by row, classified at the end (many-to-one);
//! * [`time_series`] — windows of a series predicting the next value (many-to-one regression).
//!
//! A lesson is opened as a [`LessonSetup`] (its options plus any data that comes as bytes),
//! prepared into [`LessonData`] (encoded text, digit sets, scaled windows) which fits a
//! [`NetworkConfig`] to the task ([`LessonData::fit_model`]) and serves mini-batches.
//! [`presets`] lists every one-click configuration.

pub mod char_model;
pub mod mnist_rows;
pub mod time_series;

use crate::nn::{Input, Loss, Network, NetworkConfig, Target};
use crate::train::{TrainError, TrainSettings};
use ndarray::{Array2, Array3, ArrayD, Axis};
use serde::{Deserialize, Serialize};

pub use char_model::{CharData, CharOptions};
pub use mnist_rows::{MnistData, MnistOptions, MnistRowsData};
pub use time_series::{SeriesData, SeriesOptions, SeriesSource};

/// The lessons the app offers, in the order of the lesson picker.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LessonId {
    /// Next-character prediction on one sentence (many-to-many).
    #[default]
    CharModel,
    /// Each 28×28 digit read as 28 rows of 28 pixels, classified at the end (many-to-one).
    MnistRows,
    /// Windows of a series predicting the next value (many-to-one regression).
    TimeSeries,
}

impl LessonId {
    /// Every lesson, in picker order.
    pub const ALL: [LessonId; 3] = [
        LessonId::CharModel,
        LessonId::MnistRows,
        LessonId::TimeSeries,
    ];

    /// A stable, URL-safe key (used in links and saved settings).
    pub fn key(self) -> &'static str {
        match self {
            LessonId::CharModel => "char",
            LessonId::MnistRows => "mnist",
            LessonId::TimeSeries => "series",
        }
    }

    /// Parses [`LessonId::key`]; unknown keys give `None` so a bad link falls back to a default.
    pub fn from_key(key: &str) -> Option<LessonId> {
        LessonId::ALL.into_iter().find(|l| l.key() == key)
    }
}

/// A lesson's options without its bulk data (what a preset stores).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "lesson", rename_all = "snake_case")]
pub enum LessonOptions {
    /// Character model.
    Char(CharOptions),
    /// MNIST rows.
    Mnist(MnistOptions),
    /// Time series (the series itself is generated or pasted, so it is part of the options).
    Series(SeriesOptions),
}

impl LessonOptions {
    /// Which lesson.
    pub fn lesson(&self) -> LessonId {
        match self {
            LessonOptions::Char(_) => LessonId::CharModel,
            LessonOptions::Mnist(_) => LessonId::MnistRows,
            LessonOptions::Series(_) => LessonId::TimeSeries,
        }
    }

    /// What opens this lesson: the options, and for MNIST its digits (`None` without them).
    pub fn setup(self, mnist: Option<&MnistData>) -> Option<LessonSetup> {
        Some(match self {
            LessonOptions::Char(o) => LessonSetup::Char(o),
            LessonOptions::Series(o) => LessonSetup::Series(o),
            LessonOptions::Mnist(options) => LessonSetup::Mnist {
                options,
                data: mnist?.clone(),
            },
        })
    }
}

/// Everything needed to open a lesson: its options and, for MNIST, the digits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "lesson", rename_all = "snake_case")]
pub enum LessonSetup {
    /// Character model (the text is in the options).
    Char(CharOptions),
    /// MNIST rows with the digits (built from bytes by [`MnistData`]).
    Mnist {
        /// Options.
        options: MnistOptions,
        /// Training and test digits.
        data: MnistData,
    },
    /// Time series (generated from a config or given values).
    Series(SeriesOptions),
}

impl LessonSetup {
    /// Which lesson.
    pub fn lesson(&self) -> LessonId {
        match self {
            LessonSetup::Char(_) => LessonId::CharModel,
            LessonSetup::Mnist { .. } => LessonId::MnistRows,
            LessonSetup::Series(_) => LessonId::TimeSeries,
        }
    }

    /// Validates and prepares the data (encoding, scaling, windows).
    pub fn prepare(self) -> Result<LessonData, TrainError> {
        Ok(match self {
            LessonSetup::Char(o) => LessonData::Char(CharData::new(o)?),
            LessonSetup::Mnist { options, data } => {
                LessonData::Mnist(MnistRowsData::new(options, data)?)
            }
            LessonSetup::Series(o) => LessonData::Series(SeriesData::new(o)?),
        })
    }
}

/// A prepared lesson: the data in the form the network trains on.
#[derive(Debug, Clone)]
pub enum LessonData {
    /// Character model.
    Char(CharData),
    /// MNIST rows.
    Mnist(MnistRowsData),
    /// Time series.
    Series(SeriesData),
}

/// Which part of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// What the model trains on.
    #[default]
    Train,
    /// Held out from training, used for early stopping.
    Validation,
    /// The test set.
    Test,
}

/// A mini-batch's input, batch first.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchInput {
    /// `[B, T, features]`.
    Dense(Array3<f32>),
    /// `[B, T]` token ids (embedding input).
    Tokens(Array2<usize>),
}

impl BatchInput {
    /// The view the network takes.
    pub fn as_input(&self) -> Input<'_, f32> {
        match self {
            BatchInput::Dense(x) => Input::Dense(x.view()),
            BatchInput::Tokens(t) => Input::Tokens(t.view()),
        }
    }

    /// Batch size B.
    pub fn batch_size(&self) -> usize {
        match self {
            BatchInput::Dense(x) => x.dim().0,
            BatchInput::Tokens(t) => t.nrows(),
        }
    }
}

/// Inputs and targets of one mini-batch.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Input.
    pub input: BatchInput,
    /// Target for the lesson's loss.
    pub target: Target<f32>,
}

/// Loss (and accuracy for classification) over a set of examples.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Mean loss per example (as the training loss is computed).
    pub loss: f64,
    /// Fraction predicted correctly (classification lessons only).
    pub accuracy: Option<f64>,
    /// Examples evaluated.
    pub examples: usize,
}

impl LessonData {
    /// Which lesson.
    pub fn lesson(&self) -> LessonId {
        match self {
            LessonData::Char(_) => LessonId::CharModel,
            LessonData::Mnist(_) => LessonId::MnistRows,
            LessonData::Series(_) => LessonId::TimeSeries,
        }
    }

    /// The model config adjusted to the task: input/output sizes, embedding, head and sequence
    /// length come from the lesson; cell, hidden size, layers, direction, bias and
    /// nonlinearity from `model`.
    pub fn fit_model(&self, model: &NetworkConfig) -> NetworkConfig {
        match self {
            LessonData::Char(d) => d.fit_model(model),
            LessonData::Mnist(d) => d.fit_model(model),
            LessonData::Series(d) => d.fit_model(model),
        }
    }

    /// Serves batches for `fitted` (a config from [`LessonData::fit_model`]): the character
    /// lesson switches between one-hot and token input.
    pub fn adopt_model(&mut self, fitted: &NetworkConfig) {
        if let LessonData::Char(d) = self {
            d.set_encoding(char_model::CharEncoding::of(fitted));
        }
    }

    /// The lesson's loss.
    pub fn loss(&self) -> Loss {
        match self {
            LessonData::Char(d) => d.loss(),
            LessonData::Mnist(_) => Loss::CrossEntropy,
            LessonData::Series(_) => Loss::MseMean,
        }
    }

    /// Number of training examples (windows, digits, series windows).
    pub fn train_len(&self) -> usize {
        match self {
            LessonData::Char(d) => d.train_len(),
            LessonData::Mnist(d) => d.train.len(),
            LessonData::Series(d) => d.dataset.y_train.nrows(),
        }
    }

    /// The training examples at `indices` as one mini-batch.
    pub fn train_batch(&self, indices: &[usize]) -> Result<Batch, TrainError> {
        match self {
            LessonData::Char(d) => d.batch(indices),
            LessonData::Mnist(d) => d.batch(Split::Train, indices),
            LessonData::Series(d) => d.batch(Split::Train, indices),
        }
    }

    /// Metrics on a split; `None` when the lesson has no such split.
    pub fn evaluate(
        &self,
        net: &Network<f32>,
        split: Split,
    ) -> Result<Option<Metrics>, TrainError> {
        match self {
            LessonData::Char(d) => d.evaluate(net, split),
            LessonData::Mnist(d) => d.evaluate(net, split),
            LessonData::Series(d) => d.evaluate(net, split),
        }
    }

    /// The split early stopping watches: validation if there is one, else test, else train.
    pub fn monitor_split(&self) -> Split {
        match self {
            LessonData::Char(_) => Split::Train,
            LessonData::Mnist(d) if d.validation.is_some() => Split::Validation,
            LessonData::Mnist(_) | LessonData::Series(_) => Split::Test,
        }
    }
}

/// One-click configuration of a lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preset {
    /// Stable id, e.g. `char-course-lstm`.
    pub id: String,
    /// Name shown in the picker.
    pub name: String,
    /// One sentence on what it shows.
    pub description: String,
    /// Which lesson.
    pub lesson: LessonId,
    /// `true` for the course's own settings, `false` for fast classroom presets.
    pub from_course: bool,
    /// The model (the lesson fits sizes and head to the task).
    pub model: NetworkConfig,
    /// Training settings (`settings.epochs` is the run length).
    pub settings: TrainSettings,
    /// Lesson options.
    pub options: LessonOptions,
}

/// Every preset, grouped by lesson in picker order.
pub fn presets() -> Vec<Preset> {
    let mut all = char_model::presets();
    all.extend(mnist_rows::presets());
    all.extend(time_series::presets());
    all
}

/// The presets of one lesson.
pub fn presets_for(lesson: LessonId) -> Vec<Preset> {
    presets()
        .into_iter()
        .filter(|p| p.lesson == lesson)
        .collect()
}

/// The preset with this id.
pub fn preset(id: &str) -> Option<Preset> {
    presets().into_iter().find(|p| p.id == id)
}

// ---- shared helpers -----------------------------------------------------------------------

/// Softmax of one row of logits (stable).
pub fn softmax(logits: &[f32]) -> Vec<f32> {
    let m = logits.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
    let e: Vec<f32> = logits.iter().map(|&v| (v - m).exp()).collect();
    let s: f32 = e.iter().sum();
    e.iter().map(|v| v / s).collect()
}

/// Index of the largest value (first on ties); 0 for an empty slice.
pub fn argmax(v: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if x > v[best] {
            best = i;
        }
    }
    best
}

/// Indices of the `k` largest values, largest first.
pub fn top_k(v: &[f32], k: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[b].total_cmp(&v[a]).then(a.cmp(&b)));
    idx.truncate(k);
    idx
}

/// Runs `net` in eval mode over mini-batches and averages loss (weighted by batch size) and
/// accuracy (class targets only: argmax over the last axis).
pub(crate) fn eval_batches(
    net: &Network<f32>,
    loss: Loss,
    batches: impl Iterator<Item = Result<Batch, TrainError>>,
) -> Result<Metrics, TrainError> {
    let (mut sum, mut n, mut correct, mut total) = (0.0f64, 0usize, 0usize, 0usize);
    let mut classes = false;
    for b in batches {
        let b = b?;
        let bs = b.input.batch_size();
        let (out, _) = net.forward(b.input.as_input(), None, Default::default())?;
        let (l, _) = loss.compute(&out.head_output, &b.target)?;
        sum += f64::from(l) * bs as f64;
        n += bs;
        if let Target::Classes(c) = &b.target {
            classes = true;
            let (ok, all) = count_correct(&out.head_output, c);
            correct += ok;
            total += all;
        } else if let Some(ids) = dense_one_hot_ids(&b.target) {
            // MSE on one-hot targets (the course's char model): accuracy by argmax.
            classes = true;
            let (ok, all) = count_correct(&out.head_output, &ids);
            correct += ok;
            total += all;
        }
    }
    Ok(Metrics {
        loss: if n > 0 { sum / n as f64 } else { f64::NAN },
        accuracy: (classes && total > 0).then(|| correct as f64 / total as f64),
        examples: n,
    })
}

/// Rows of `y` (all axes but the last) whose argmax equals the class in `c`.
pub(crate) fn count_correct(y: &ArrayD<f32>, c: &ArrayD<usize>) -> (usize, usize) {
    let classes = *y.shape().last().unwrap_or(&1);
    let rows = y.len() / classes.max(1);
    let flat = y.as_standard_layout();
    let data = flat.as_slice().unwrap_or(&[]);
    let ok = c
        .iter()
        .enumerate()
        .filter(|(r, &cls)| {
            let row = &data[r * classes..(r + 1) * classes];
            argmax(row) == cls
        })
        .count();
    (ok, rows)
}

/// For a dense target whose rows are one-hot (per-step `[B, T, V]`), the class ids `[B, T]`.
fn dense_one_hot_ids(t: &Target<f32>) -> Option<ArrayD<usize>> {
    let Target::Dense(d) = t else { return None };
    if d.ndim() != 3 || d.iter().any(|&v| v != 0.0 && v != 1.0) {
        return None;
    }
    Some(d.map_axis(Axis(2), |row| {
        row.iter().position(|&v| v == 1.0).unwrap_or(usize::MAX)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lesson_keys_round_trip_and_unknown_keys_are_rejected() {
        for lesson in LessonId::ALL {
            assert_eq!(LessonId::from_key(lesson.key()), Some(lesson));
        }
        assert_eq!(LessonId::from_key("<script>"), None);
    }

    #[test]
    fn preset_ids_are_unique_and_every_lesson_has_presets() {
        let all = presets();
        let mut ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
        for l in LessonId::ALL {
            assert!(presets_for(l).iter().any(|p| p.from_course));
            assert!(presets_for(l).iter().any(|p| !p.from_course));
        }
        for p in &all {
            p.settings.validate().unwrap();
            assert_eq!(p.options.lesson(), p.lesson);
        }
    }

    #[test]
    fn presets_and_setups_survive_json() {
        let all = presets();
        let text = serde_json::to_string(&all).unwrap();
        let back: Vec<Preset> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, all);
        let setup = LessonSetup::Char(CharOptions::default());
        let text = serde_json::to_string(&setup).unwrap();
        assert_eq!(serde_json::from_str::<LessonSetup>(&text).unwrap(), setup);
        let series = LessonSetup::Series(SeriesOptions {
            source: SeriesSource::Values(vec![1.0, 2.0, 3.5]),
            ..SeriesOptions::default()
        });
        let text = serde_json::to_string(&series).unwrap();
        assert_eq!(serde_json::from_str::<LessonSetup>(&text).unwrap(), series);
    }
}
