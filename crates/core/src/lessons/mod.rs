//! Lessons: a dataset, a task shape, presets a teacher opens in one click, and the views that
//! explain them.
//!
//! * [`char_model`] — next-character prediction on one sentence (many-to-many);
//! * [`mnist_rows`] — MNIST digits read row by row, classified at the end (many-to-one);
//! * [`time_series`] — windows of a series predicting the next value (many-to-one regression);
//! * [`sentiment`] — movie reviews read token by token, positive or negative (many-to-one).
//!
//! Every lesson implements [`Lesson`] (see `lesson.rs`) in its own folder and has one line in
//! the registry below, which derives [`LessonId`], [`LessonOptions`], [`Corpus`],
//! [`ViewRequest`], [`View`], [`InspectionDetail`] and the type-erased [`LessonData`] a
//! [`crate::train::Session`] trains on. Nothing outside a lesson's folder names it, except the
//! page's view registry (`app::components::lessons`).

pub mod char_model;
pub mod embedding;
mod lesson;
pub mod mnist_rows;
mod registry;
pub mod sentiment;
pub mod time_series;

use crate::data::DataError;
use crate::nn::{Input, Loss, Network, NetworkConfig, StepOutput, Target};
use crate::train::{TrainError, TrainSettings};
use crate::ui::i18n::Bilingual;
use ndarray::{Array2, Array3, ArrayD, Axis};
use serde::{Deserialize, Serialize};

pub use char_model::{CharData, CharOptions};
pub use lesson::{
    AutoWindow, CorpusSize, DataFile, Example, ExamplePicker, ExampleRef, HeldOut, Leak, Lesson,
    LessonData, LessonInfo, Refresh, ViewContext,
};
pub use mnist_rows::{MnistData, MnistOptions, MnistRowsData};
pub use time_series::{SeriesData, SeriesOptions, SeriesSource};

registry::lessons! {
    /// Next-character prediction on one sentence (many-to-many).
    CharModel: char_model::CharData = "char",
    /// Each 28×28 digit read as 28 rows of 28 pixels, classified at the end (many-to-one).
    MnistRows: mnist_rows::MnistRowsData = "mnist",
    /// Windows of a series predicting the next value (many-to-one regression).
    TimeSeries: time_series::SeriesData = "series",
    /// Movie reviews read token by token, classified positive or negative (many-to-one).
    Sentiment: sentiment::SentimentData = "sentiment",
}

impl Default for LessonId {
    fn default() -> Self {
        LessonId::ALL[0]
    }
}

impl Default for LessonOptions {
    fn default() -> Self {
        LessonId::default().default_options()
    }
}

/// The corpus of a lesson from its shipped files under `assets` (native runs: examples,
/// tests, benchmarks; the worker fetches the same files).
pub fn shipped_corpus(lesson: LessonId, assets: &std::path::Path) -> Result<Corpus, DataError> {
    let files = lesson
        .corpus_files()
        .iter()
        .map(|path| {
            let bytes = std::fs::read(assets.join(path)).map_err(|e| DataError::BadFile {
                file: path.to_string(),
                reason: e.to_string(),
            })?;
            let name = path.rsplit('/').next().unwrap_or(path).to_string();
            Ok(DataFile { name, bytes })
        })
        .collect::<Result<Vec<_>, DataError>>()?;
    lesson.parse_corpus(&files)
}

/// How tokens (characters, syllables, words) enter the network. It is part of the model, not
/// of the lesson: `NetworkConfig::vocab_size` set means an embedding of `input_size`
/// dimensions (see [`InputEncoding::of`] and [`InputEncoding::apply`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InputEncoding {
    /// A one-hot vector of length V per step (the course).
    #[default]
    OneHot,
    /// `nn.Embedding(V, dim)`.
    Embedding {
        /// Embedding dimension.
        dim: usize,
    },
}

impl InputEncoding {
    /// The encoding a model config asks for.
    pub fn of(model: &NetworkConfig) -> InputEncoding {
        match model.vocab_size {
            Some(_) => InputEncoding::Embedding {
                dim: model.input_size,
            },
            None => InputEncoding::OneHot,
        }
    }

    /// `model` with this encoding (the vocabulary size is filled in by the lesson).
    pub fn apply(self, model: &NetworkConfig) -> NetworkConfig {
        match self {
            InputEncoding::OneHot => NetworkConfig {
                vocab_size: None,
                ..model.clone()
            },
            InputEncoding::Embedding { dim } => NetworkConfig {
                vocab_size: Some(model.vocab_size.unwrap_or(1)),
                input_size: dim,
                ..model.clone()
            },
        }
    }
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

/// One-click configuration of a lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preset {
    /// Stable id, e.g. `char-course-lstm`.
    pub id: String,
    /// Name shown in the picker.
    pub name: Bilingual,
    /// One sentence on what it shows.
    pub description: Bilingual,
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
    LessonId::ALL.iter().flat_map(|l| l.presets()).collect()
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
        if let Some((ok, all)) = classified(loss, &out.head_output, &b.target) {
            classes = true;
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

/// `(correct, predictions)` of a classification (BCE, classes, or MSE on one-hot targets as
/// the course's char model has: accuracy by argmax); `None` for a regression.
pub(crate) fn classified(
    loss: Loss,
    y: &ArrayD<f32>,
    target: &Target<f32>,
) -> Option<(usize, usize)> {
    if let Some(counted) = binary_correct(loss, y, target) {
        return Some(counted);
    }
    match target {
        Target::Classes(c) => Some(count_correct(y, c)),
        t => dense_one_hot_ids(t).map(|ids| count_correct(y, &ids)),
    }
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

/// Binary classification (BCE on logits): outputs above 0 are "1", targets above 0.5 are "1";
/// `(correct, total)`, or `None` for another loss.
pub(crate) fn binary_correct(
    loss: Loss,
    y: &ArrayD<f32>,
    t: &Target<f32>,
) -> Option<(usize, usize)> {
    let (Loss::BceWithLogits, Target::Dense(t)) = (loss, t) else {
        return None;
    };
    let ok = y
        .iter()
        .zip(t.iter())
        .filter(|(&y, &t)| (y > 0.0) == (t > 0.5))
        .count();
    Some((ok, t.len()))
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

/// What a lesson's latest views say that guided steps check: the series' test MSE of the model
/// and of persistence, and whether greedy generation reproduces the char lesson's text.
pub fn view_evidence<'a>(
    views: impl IntoIterator<Item = &'a View>,
    options: &LessonOptions,
) -> (Option<(f64, f64)>, Option<bool>) {
    let (mut series, mut memorised) = (None, None);
    for v in views {
        match (v, options) {
            (View::TimeSeries(time_series::SeriesAnswer::Predictions(p)), _) => {
                series = Some((p.test_mse_scaled, p.persistence_mse_scaled));
            }
            (
                View::CharModel(char_model::CharAnswer::Generated(g)),
                LessonOptions::CharModel(o),
            ) if g.prompt.is_empty() => {
                memorised = Some(g.ended && g.text == o.text);
            }
            _ => {}
        }
    }
    (series, memorised)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lesson_keys_round_trip_and_unknown_keys_are_rejected() {
        for &lesson in LessonId::ALL {
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
        for &l in LessonId::ALL {
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
        let options = LessonOptions::CharModel(CharOptions::default());
        let text = serde_json::to_string(&options).unwrap();
        assert!(text.starts_with("{\"lesson\":\"char\""), "{text}");
        assert_eq!(
            serde_json::from_str::<LessonOptions>(&text).unwrap(),
            options
        );
        let series = LessonOptions::TimeSeries(SeriesOptions {
            source: SeriesSource::Values(vec![1.0, 2.0, 3.5]),
            ..SeriesOptions::default()
        });
        let text = serde_json::to_string(&series).unwrap();
        assert_eq!(
            serde_json::from_str::<LessonOptions>(&text).unwrap(),
            series
        );
    }
}
