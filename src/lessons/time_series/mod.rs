//! Time series: windows of `k` scaled values predict the next value (many-to-one regression),
//! the course's stock-price exercise on generated or pasted numbers.

use super::lesson::no_corpus;
use super::{eval_batches, Batch, BatchInput, LessonId, LessonOptions, Metrics, Preset, Split};
use super::{DataFile, Example, ExamplePicker, ExampleRef, Lesson, LessonInfo, ViewContext};
use crate::data::{DataError, SeriesConfig, SeriesDataset};
use crate::nn::{CellKind, Head, Loss, Network, NetworkConfig, StepOutput, Target};
use crate::train::{TrainError, TrainSettings};
use crate::ui::i18n::Tr;
use ndarray::{Array2, Array3, Axis};
use serde::{Deserialize, Serialize};

/// Where the numbers come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum SeriesSource {
    /// Generated (sum of sines, trend, seasonality, noise; seeded).
    Generated(SeriesConfig),
    /// Given values (pasted or a CSV column, parsed with `data::series`).
    Values(Vec<f64>),
}

/// Options of the time-series lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SeriesOptions {
    /// The series.
    pub source: SeriesSource,
    /// Window length k (values read before predicting the next one).
    pub window: usize,
    /// Fraction of the series (in time order) used for training.
    pub train_fraction: f64,
}

impl Default for SeriesOptions {
    fn default() -> Self {
        SeriesOptions {
            source: SeriesSource::Generated(SeriesConfig::default()),
            window: 5,
            train_fraction: 0.7,
        }
    }
}

/// The prepared series.
#[derive(Debug, Clone)]
pub struct SeriesData {
    /// Options.
    pub options: SeriesOptions,
    /// Scaled windows and the split.
    pub dataset: SeriesDataset<f32>,
}

/// Predictions over the truth, in the series' own units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesPredictions {
    /// Time index of every predicted value (`window..len`).
    pub times: Vec<usize>,
    /// The true values.
    pub truth: Vec<f64>,
    /// The model's one-step-ahead predictions.
    pub predicted: Vec<f64>,
    /// First test time: `times` before it are training targets.
    pub split: usize,
    /// Test MSE in scaled units (what the loss chart shows).
    pub test_mse_scaled: f64,
    /// Test root-mean-square error in the series' units.
    pub test_rmse: f64,
    /// Test mean absolute error in the series' units.
    pub test_mae: f64,
    /// Test MSE (scaled) of always predicting the training mean: the bar to beat.
    pub baseline_mse_scaled: f64,
    /// Test MSE (scaled) of predicting the last value of the window ("tomorrow = today").
    pub persistence_mse_scaled: f64,
}

/// One window's prediction (inspection).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint {
    /// Time of the predicted value.
    pub time: usize,
    /// The window's values (series units).
    pub window: Vec<f64>,
    /// The true next value.
    pub truth: f64,
    /// The prediction.
    pub predicted: f64,
}

/// What the series view asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SeriesRequest {
    /// Predictions over the truth.
    Predictions,
}

/// The series view's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SeriesAnswer {
    /// Predictions over the truth, with test errors.
    Predictions(SeriesPredictions),
}

impl Lesson for SeriesData {
    type Options = SeriesOptions;
    type Corpus = ();
    type ViewRequest = SeriesRequest;
    type View = SeriesAnswer;
    type Detail = SeriesPoint;

    fn info() -> LessonInfo {
        LessonInfo {
            title: Tr::new("Time series", "시계열"),
            example: Tr::new("test window", "테스트 구간"),
            data: Tr::new("series", "시계열"),
            accuracy: false,
            tokens: false,
            input_band: false,
            compare_updates: 2000,
        }
    }

    fn presets() -> Vec<Preset> {
        presets()
    }

    fn parse_corpus(files: &[DataFile]) -> Result<(), DataError> {
        no_corpus(files)
    }

    fn prepare(options: SeriesOptions, _: &()) -> Result<SeriesData, TrainError> {
        SeriesData::new(options)
    }

    /// Input 1 feature, output 1 value; a per-step head becomes last-step; `seq_len` = k.
    fn fit_model(&self, model: &NetworkConfig) -> NetworkConfig {
        NetworkConfig {
            input_size: 1,
            vocab_size: None,
            output_size: 1,
            head: match model.head {
                Head::PerStep => Head::LastStep,
                h => h,
            },
            seq_len: Some(self.dataset.window),
            ..model.clone()
        }
    }

    fn loss(&self) -> Loss {
        Loss::MseMean
    }

    fn train_len(&self) -> usize {
        self.dataset.y_train.nrows()
    }

    fn train_batch(&self, indices: &[usize]) -> Result<Batch, TrainError> {
        self.batch(Split::Train, indices)
    }

    /// MSE (scaled units) on the train or test part.
    fn evaluate(&self, net: &Network<f32>, split: Split) -> Result<Option<Metrics>, TrainError> {
        let Some((_, y)) = self.xy(split) else {
            return Ok(None);
        };
        let idx: Vec<usize> = (0..y.nrows()).collect();
        let chunks = idx.chunks(1024).map(|c| self.batch(split, c));
        eval_batches(net, Loss::MseMean, chunks).map(Some)
    }

    fn monitor_split(&self) -> Split {
        Split::Test
    }

    fn picker(&self) -> ExamplePicker {
        ExamplePicker {
            split: Split::Test,
            count: self.dataset.y_test.nrows(),
            default: ExampleRef::Item {
                split: Split::Test,
                index: 0,
            },
        }
    }

    fn example(&self, _: &Network<f32>, example: &ExampleRef) -> Result<Example, TrainError> {
        let ExampleRef::Item { split, index } = example else {
            return Err(TrainError::WrongLesson(
                "the time-series lesson inspects windows of its series".into(),
            ));
        };
        let t = self.time_of(*split, *index);
        let k = self.dataset.window;
        Ok(Example {
            batch: self.batch(*split, &[*index])?,
            time_labels: (t - k..t).map(|i| format!("t{i}")).collect(),
        })
    }

    fn detail(
        &self,
        _: &Network<f32>,
        example: &ExampleRef,
        _: &Example,
        out: &StepOutput<f32>,
    ) -> Result<SeriesPoint, TrainError> {
        let ExampleRef::Item { split, index } = example else {
            return Err(TrainError::WrongLesson("not a window of the series".into()));
        };
        let (window, truth) = self.window_values(*split, *index)?;
        let pred = out
            .forward
            .head_output
            .iter()
            .next()
            .copied()
            .unwrap_or(f32::NAN);
        Ok(SeriesPoint {
            time: self.time_of(*split, *index),
            window,
            truth,
            predicted: self.dataset.unscale(&[pred])[0],
        })
    }

    fn view(
        &self,
        cx: ViewContext<'_>,
        request: &SeriesRequest,
    ) -> Result<SeriesAnswer, TrainError> {
        match request {
            SeriesRequest::Predictions => self.predictions(cx.net).map(SeriesAnswer::Predictions),
        }
    }
}

impl SeriesData {
    /// Generates or checks the values, splits in time order, scales and cuts windows.
    pub fn new(options: SeriesOptions) -> Result<SeriesData, TrainError> {
        let values = match &options.source {
            SeriesSource::Generated(cfg) => cfg.generate()?,
            SeriesSource::Values(v) => v.clone(),
        };
        let dataset = SeriesDataset::new(&values, options.window, options.train_fraction)?;
        if dataset.y_train.nrows() == 0 {
            return Err(TrainError::invalid(
                "window",
                "no training window fits before the split: use a shorter window or more values",
            ));
        }
        Ok(SeriesData { options, dataset })
    }

    fn xy(&self, split: Split) -> Option<(&Array3<f32>, &Array2<f32>)> {
        match split {
            Split::Train => Some((&self.dataset.x_train, &self.dataset.y_train)),
            Split::Test => Some((&self.dataset.x_test, &self.dataset.y_test)),
            Split::Validation => None,
        }
    }

    /// Windows at `indices`: `[b, k, 1]` → `[b, 1]`.
    pub fn batch(&self, split: Split, indices: &[usize]) -> Result<Batch, TrainError> {
        let (x, y) = self
            .xy(split)
            .ok_or_else(|| TrainError::invalid("split", "the series has no validation part"))?;
        if let Some(&i) = indices.iter().find(|&&i| i >= y.nrows()) {
            return Err(crate::data::DataError::IndexOutOfRange {
                index: i,
                len: y.nrows(),
            }
            .into());
        }
        Ok(Batch {
            input: BatchInput::Dense(x.select(Axis(0), indices)),
            target: Target::Dense(y.select(Axis(0), indices).into_dyn()),
        })
    }

    fn predict_scaled(&self, net: &Network<f32>, x: &Array3<f32>) -> Result<Vec<f32>, TrainError> {
        let mut out = Vec::with_capacity(x.dim().0);
        for chunk in x.axis_chunks_iter(Axis(0), 1024) {
            let (o, _) = net.forward(crate::nn::Input::Dense(chunk), None, Default::default())?;
            out.extend(o.head_output.iter().copied());
        }
        Ok(out)
    }

    /// Predictions over the whole series (train and test windows) with test errors.
    pub fn predictions(&self, net: &Network<f32>) -> Result<SeriesPredictions, TrainError> {
        let d = &self.dataset;
        let p_train = self.predict_scaled(net, &d.x_train)?;
        let p_test = self.predict_scaled(net, &d.x_test)?;
        let y_test: Vec<f64> = d.y_test.iter().map(|&v| f64::from(v)).collect();
        let mse = |p: &dyn Fn(usize) -> f64| {
            y_test
                .iter()
                .enumerate()
                .map(|(i, y)| (p(i) - y).powi(2))
                .sum::<f64>()
                / y_test.len().max(1) as f64
        };
        let test_mse_scaled = mse(&|i| f64::from(p_test[i]));
        let train_mean =
            d.y_train.iter().map(|&v| f64::from(v)).sum::<f64>() / d.y_train.len().max(1) as f64;
        let baseline_mse_scaled = mse(&|_| train_mean);
        let k = d.window;
        let persistence_mse_scaled = mse(&|i| f64::from(d.x_test[[i, k - 1, 0]]));
        let pred_test = d.unscale(&p_test);
        let truth_test = &d.values[d.split..];
        let n = truth_test.len().max(1) as f64;
        let test_rmse = (pred_test
            .iter()
            .zip(truth_test)
            .map(|(p, t)| (p - t).powi(2))
            .sum::<f64>()
            / n)
            .sqrt();
        let test_mae = pred_test
            .iter()
            .zip(truth_test)
            .map(|(p, t)| (p - t).abs())
            .sum::<f64>()
            / n;
        let mut predicted = d.unscale(&p_train);
        predicted.extend(pred_test);
        Ok(SeriesPredictions {
            times: (k..d.values.len()).collect(),
            truth: d.values[k..].to_vec(),
            predicted,
            split: d.split,
            test_mse_scaled,
            test_rmse,
            test_mae,
            baseline_mse_scaled,
            persistence_mse_scaled,
        })
    }

    /// Time of the value predicted by window `index` of a split.
    pub fn time_of(&self, split: Split, index: usize) -> usize {
        match split {
            Split::Test => self.dataset.split + index,
            _ => self.dataset.window + index,
        }
    }

    /// The window values and truth (series units) of window `index` of a split.
    pub fn window_values(&self, split: Split, index: usize) -> Result<(Vec<f64>, f64), TrainError> {
        let b = self.batch(split, &[index])?;
        let BatchInput::Dense(x) = &b.input else {
            unreachable!("series input is dense")
        };
        let w = self.dataset.unscale(&x.iter().copied().collect::<Vec<_>>());
        let t = match &b.target {
            Target::Dense(y) => self.dataset.unscale(&[y[[0, 0]]])[0],
            Target::Classes(_) => f64::NAN,
        };
        Ok((w, t))
    }
}

fn series_model(cell: CellKind, hidden: usize, layers: usize, head: Head) -> NetworkConfig {
    NetworkConfig {
        cell,
        hidden_size: hidden,
        num_layers: layers,
        input_size: 1,
        output_size: 1,
        head,
        seq_len: Some(5),
        ..NetworkConfig::default()
    }
}

/// The time-series presets: the course's 8 × 2 with a head over all 5 steps, and a fast one.
fn presets() -> Vec<Preset> {
    let course = TrainSettings {
        batch_size: 20,
        epochs: 301,
        eval_every: 10,
        ..TrainSettings::adam(1e-3)
    };
    let mut v = Vec::new();
    for (cell, key, name) in [
        (CellKind::Rnn, "rnn", "RNN"),
        (CellKind::Lstm, "lstm", "LSTM"),
        (CellKind::Gru, "gru", "GRU"),
    ] {
        v.push(Preset {
            id: format!("series-course-{key}"),
            name: format!("Course: {name} 8 × 2, window 5"),
            description: format!(
                "The course's {name}: 2 layers of 8 hidden units, windows of 5 values, a linear head over all 5 outputs, MSE, batch 20, Adam lr 0.001, 301 epochs."
            ),
            lesson: LessonId::TimeSeries,
            from_course: true,
            model: series_model(cell, 8, 2, Head::Flatten),
            settings: course.clone(),
            options: LessonOptions::TimeSeries(SeriesOptions::default()),
        });
    }
    v.push(Preset {
        id: "series-fast-lstm".into(),
        name: "Fast: LSTM 16 × 1, window 10".into(),
        description: "One layer of 16 LSTM units reading 10 values, last-step head, Adam lr 0.01: follows the wave within a few seconds.".into(),
        lesson: LessonId::TimeSeries,
        from_course: false,
        model: NetworkConfig {
            seq_len: Some(10),
            ..series_model(CellKind::Lstm, 16, 1, Head::LastStep)
        },
        settings: TrainSettings {
            batch_size: 16,
            epochs: 60,
            eval_every: 2,
            ..TrainSettings::adam(1e-2)
        },
        options: LessonOptions::TimeSeries(SeriesOptions {
            window: 10,
            ..SeriesOptions::default()
        }),
    });
    v
}
