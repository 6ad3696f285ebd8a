//! Time series: the feature columns of `k` consecutive rows predict the target column of the
//! next row (many-to-one regression), the course's stock-price lesson: a generated series,
//! pasted numbers, a shipped public-domain table (sunspots, Mauna Loa CO2, US macro data) or
//! any CSV/TSV table (a date column as the time axis, several features, one target).
//!
//! Every column is MinMax-scaled on the training rows only (or, labelled as the course's
//! choice, on the whole table); rows are split in time order (train, validation, test) by
//! fractions or, as the course does, by counts of windows. Beside the model, two honest
//! baselines are measured on the same test rows: persistence ("next = last seen") and the
//! training mean.

mod period;
mod python;
mod source;
mod tour;
mod verdict;
mod windows;

pub use period::{axis_label, span_years, Period};
pub use source::{default_columns, pasted, Columns, SeriesSource, ShippedTable};
pub use verdict::{Verdict, LAGGING_SHARE};
pub use windows::{split_rows, split_windows, ScaleFit, SplitBy, Windows};

use super::CorpusSize;
use super::{eval_batches, Batch, BatchInput, LessonId, LessonOptions, Metrics, Preset, Split};
use super::{DataFile, Example, ExamplePicker, ExampleRef, Lesson, LessonInfo, ViewContext};
use crate::data::table::{Missing, TableSummary};
use crate::data::{DataError, SeriesConfig};
use crate::nn::{CellKind, Head, Input, Loss, Network, NetworkConfig, StepOutput, Target};
use crate::train::{TrainError, TrainSettings};
use crate::ui::i18n::{Bilingual, Tr};
use serde::{Deserialize, Serialize};

/// What keeps the answer out of the inputs, said on the page under the columns (the lesson's
/// guarantees, held by `tests/leak.rs`).
pub const NO_LEAK: Tr = Tr::new(
    "Nothing of the answer leaks in: the window that predicts row t reads rows t−k … t−1 only, so the target among the features is only its past; validation and test rows come after the training rows and never overlap them; MinMax scaling is fitted on the training rows only.",
    "정답이 입력에 새어 들어가지 않습니다. 행 t를 예측하는 윈도는 행 t−k … t−1만 읽으므로 특성 중의 타깃도 과거 값일 뿐입니다. 검증 행과 테스트 행은 훈련 행 뒤에 오며 훈련 행과 겹치지 않습니다. MinMax 스케일링은 훈련 행에만 맞춥니다.",
);

/// The same, when MinMax is fitted on the whole table (the course's choice): the windows and
/// the split keep the answer out, the scaling does not, and the page says why.
pub const NO_LEAK_WHOLE_TABLE: Tr = Tr::new(
    "The window that predicts row t reads rows t−k … t−1 only, and validation and test rows come after the training rows and never overlap them. But MinMax is fitted on the whole table here, as the course does. Fitted on the whole table, MinMax lets the test rows' lowest and highest values set the 0–1 scale of the training data, so the model trains on a scale that already knows how far the test part will rise or fall.",
    "행 t를 예측하는 윈도는 행 t−k … t−1만 읽고, 검증 행과 테스트 행은 훈련 행 뒤에 오며 겹치지 않습니다. 하지만 여기서는 강의처럼 MinMax를 표 전체에 맞춥니다. MinMax를 표 전체에 맞추면 평가 데이터 행의 최솟값과 최댓값이 학습 데이터의 0–1 눈금을 정하므로, 모델은 평가 구간이 어디까지 오르내릴지 이미 아는 눈금 위에서 학습합니다.",
);

/// What the page says under the columns about leaks, for a scaling choice.
pub fn no_leak(fit: ScaleFit) -> Tr {
    match fit {
        ScaleFit::TrainingRows => NO_LEAK,
        ScaleFit::WholeTable => NO_LEAK_WHOLE_TABLE,
    }
}

/// Allowed window lengths (timesteps read before predicting).
pub const WINDOW: (usize, usize) = (2, 200);

/// Options of the time-series lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SeriesOptions {
    /// The series or table.
    pub source: SeriesSource,
    /// Input columns of a table (empty: the table's natural choice).
    pub features: Vec<String>,
    /// The predicted column of a table (`None`: the table's natural choice).
    pub target: Option<String>,
    /// What happens to rows with missing cells.
    pub missing: Missing,
    /// Window length k (rows read before predicting the next one).
    pub window: usize,
    /// Fraction of the rows (in time order) used for training.
    pub train_fraction: f64,
    /// Fraction of the rows after the training part used for validation (0: none).
    pub validation_fraction: f64,
    /// A sigmoid on the output (the course's model; the target is scaled to [0, 1]).
    pub sigmoid: bool,
    /// The split counted in windows, as the course gives it: `Some(200)` trains on the first
    /// 200 windows, then `validation_windows`, the rest test; `None`: the two fractions.
    pub train_windows: Option<usize>,
    /// Validation windows after the training ones (with `train_windows`).
    pub validation_windows: usize,
    /// The rows MinMax scaling is fitted on.
    pub scaling: ScaleFit,
}

impl Default for SeriesOptions {
    fn default() -> Self {
        SeriesOptions {
            source: SeriesSource::Generated(SeriesConfig::default()),
            features: Vec::new(),
            target: None,
            missing: Missing::Drop,
            window: 5,
            train_fraction: 0.7,
            validation_fraction: 0.0,
            sigmoid: false,
            train_windows: None,
            validation_windows: 0,
            scaling: ScaleFit::TrainingRows,
        }
    }
}

/// The prepared series.
#[derive(Debug, Clone)]
pub struct SeriesData {
    /// Options.
    pub options: SeriesOptions,
    /// Scaled windows and the split.
    pub windows: Windows,
    /// Rows of the source and rows dropped for missing cells.
    pub rows: (usize, usize),
    /// The table's summary (tables only).
    pub table: Option<TableSummary>,
}

/// Predictions over the truth, in the target's own units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesPredictions {
    /// Name of the predicted column.
    pub target: String,
    /// Input column names.
    pub features: Vec<String>,
    /// Time label of every predicted row.
    pub times: Vec<String>,
    /// The true values.
    pub truth: Vec<f64>,
    /// The model's one-step-ahead predictions.
    pub predicted: Vec<f64>,
    /// Persistence: the last value seen before each row.
    pub persistence: Vec<f64>,
    /// Index (into `times`) of the first validation row.
    pub validation_start: usize,
    /// Index (into `times`) of the first test row: rows before it are training or validation.
    pub split: usize,
    /// Test MSE in scaled units (what the loss chart shows).
    pub test_mse_scaled: f64,
    /// Test root-mean-square error in the target's units.
    pub test_rmse: f64,
    /// Test mean absolute error in the target's units.
    pub test_mae: f64,
    /// Test MSE (scaled) of always predicting the training mean.
    pub baseline_mse_scaled: f64,
    /// Test MSE (scaled) of persistence ("next = last seen").
    pub persistence_mse_scaled: f64,
    /// Rows of the source and rows dropped for missing cells.
    pub rows: (usize, usize),
    /// Updates applied to the model.
    pub updates: u64,
    /// The weights are not the random initial ones (updates applied or a model file loaded).
    pub trained: bool,
    /// Whether the model's head ends in a sigmoid (its output stays in the training range).
    pub sigmoid: bool,
    /// The lowest and highest test target on the 0–1 scale fitted on the training rows
    /// (outside [0, 1]: the test part leaves the training range).
    pub test_scaled_range: (f64, f64),
}

/// One window's prediction (inspection).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint {
    /// Time label of the predicted row.
    pub time: String,
    /// Row of the predicted value (among the kept rows).
    pub row: usize,
    /// The window's target values (original units), oldest first.
    pub window: Vec<f64>,
    /// Feature names, and the window's inputs `[step][feature]` in original units.
    pub features: Vec<String>,
    /// `[step][feature]`.
    pub inputs: Vec<Vec<f64>>,
    /// The true next value.
    pub truth: f64,
    /// The prediction.
    pub predicted: f64,
}

/// What the series view asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SeriesRequest {
    /// Predictions over the truth with the baselines.
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
            input_band: true,
            compare_updates: 2000,
            cells: &CellKind::ALL,
        }
    }

    fn presets() -> Vec<Preset> {
        presets()
    }

    fn tour() -> Vec<crate::ui::tour::TourStep> {
        tour::steps()
    }

    /// The shipped tables: downloaded when the lesson opens, not compiled into the browser's
    /// binaries (see [`ShippedTable::text`]).
    fn corpus_files() -> &'static [&'static str] {
        &ShippedTable::HREFS
    }

    /// Keeps each shipped table's text for this thread; a table the user loads travels in the
    /// options instead ([`SeriesSource::Table`]).
    fn parse_corpus(files: &[DataFile]) -> Result<(), DataError> {
        for f in files {
            let bad = |reason: &str| DataError::BadFile {
                file: f.name.clone(),
                reason: reason.into(),
            };
            let table = ShippedTable::from_file(&f.name)
                .ok_or_else(|| bad("not one of the shipped tables: open your own table with the lesson's source choice"))?;
            let text = std::str::from_utf8(&f.bytes).map_err(|_| bad("not UTF-8 text"))?;
            table.provide(text.to_owned());
        }
        Ok(())
    }

    fn prepare(options: SeriesOptions, _: &()) -> Result<SeriesData, TrainError> {
        SeriesData::new(options)
    }

    fn options(&self) -> SeriesOptions {
        self.options.clone()
    }

    /// One input per feature column, one output; a per-step head becomes last-step;
    /// `seq_len` = k; the sigmoid when the options ask for it.
    fn fit_model(&self, model: &NetworkConfig) -> NetworkConfig {
        NetworkConfig {
            input_size: self.windows.features.len(),
            vocab_size: None,
            output_size: 1,
            sigmoid_output: self.options.sigmoid,
            head: match model.head {
                Head::PerStep => Head::LastStep,
                h => h,
            },
            seq_len: Some(self.windows.window),
            ..model.clone()
        }
    }

    fn loss(_: &SeriesOptions) -> Loss {
        Loss::MseMean
    }

    fn python_data(
        options: &SeriesOptions,
        _model: &NetworkConfig,
        validation: bool,
        _corpus: Option<CorpusSize>,
    ) -> Option<crate::ui::code::data::DataCode> {
        Some(python::series_code(options, validation))
    }

    fn train_len(&self) -> usize {
        self.windows.len(Split::Train)
    }

    fn train_batch(&self, indices: &[usize]) -> Result<Batch, TrainError> {
        self.batch(Split::Train, indices)
    }

    /// MSE (scaled units) on a part; `None` for an empty validation part.
    fn evaluate(&self, net: &Network<f32>, split: Split) -> Result<Option<Metrics>, TrainError> {
        if self.windows.is_empty(split) {
            return Ok(None);
        }
        let idx: Vec<usize> = (0..self.windows.len(split)).collect();
        let chunks = idx.chunks(1024).map(|c| self.batch(split, c));
        eval_batches(net, Loss::MseMean, chunks).map(Some)
    }

    fn monitor_split(&self) -> Split {
        if self.windows.is_empty(Split::Validation) {
            Split::Test
        } else {
            Split::Validation
        }
    }

    fn picker(&self) -> ExamplePicker {
        ExamplePicker {
            split: Split::Test,
            count: self.windows.len(Split::Test),
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
        let t = self.row_of(*split, *index)?;
        let k = self.windows.window;
        Ok(Example {
            batch: self.batch(*split, &[*index])?,
            time_labels: self.windows.times[t - k..t].to_vec(),
            input_names: self.windows.features.clone(),
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
        let w = &self.windows;
        let t = self.row_of(*split, *index)?;
        let k = w.window;
        let pred = out
            .forward
            .head_output
            .iter()
            .next()
            .copied()
            .unwrap_or(f32::NAN);
        Ok(SeriesPoint {
            time: w.times[t].clone(),
            row: t,
            window: w.truth[t - k..t].to_vec(),
            features: w.features.clone(),
            inputs: w.inputs[t - k..t].to_vec(),
            truth: w.truth[t],
            predicted: w.unscale(pred),
        })
    }

    fn view(
        &self,
        cx: ViewContext<'_>,
        request: &SeriesRequest,
    ) -> Result<SeriesAnswer, TrainError> {
        match request {
            SeriesRequest::Predictions => self
                .predictions(cx.net, cx.update, cx.trained)
                .map(SeriesAnswer::Predictions),
        }
    }
}

impl SeriesOptions {
    /// The options with another source: a table opens with its natural columns, a window of at
    /// least 5, and a validation part of 0.1 when split by fractions; a split in windows (the
    /// course's 200) is kept when the new source has room for it, otherwise the fractions
    /// take over (a teacher's shorter table still opens).
    pub fn with_source(&self, source: SeriesSource) -> SeriesOptions {
        let table = matches!(
            source,
            SeriesSource::Shipped(_) | SeriesSource::Table { .. }
        );
        let mut o = SeriesOptions {
            source,
            features: Vec::new(),
            target: None,
            window: if table {
                self.window.max(5)
            } else {
                self.window
            },
            ..self.clone()
        };
        if let Some(n) = o.train_windows {
            let rows = o
                .source
                .columns(&[], None, o.missing)
                .map(|c| c.truth.len())
                .unwrap_or(0);
            if split_windows(rows, o.window, n, o.validation_windows).is_err() {
                o.train_windows = None;
            }
        }
        if o.train_windows.is_none() {
            o.validation_fraction = if table { 0.1 } else { 0.0 };
        }
        o
    }

    /// The split as the options give it: windows when `train_windows` is set, else fractions.
    pub fn split(&self) -> SplitBy {
        match self.train_windows {
            Some(n) => SplitBy::Windows(n, self.validation_windows),
            None => SplitBy::Fractions(self.train_fraction, self.validation_fraction),
        }
    }
}

impl SeriesData {
    /// Resolves the source and its columns, handles missing cells, splits in time order,
    /// scales on the training rows and cuts windows.
    pub fn new(options: SeriesOptions) -> Result<SeriesData, TrainError> {
        let (lo, hi) = WINDOW;
        if !(lo..=hi).contains(&options.window) {
            return Err(TrainError::invalid(
                "window",
                format!(
                    "{} is out of range: choose between {lo} and {hi}",
                    options.window
                ),
            ));
        }
        let table = options.source.table().transpose()?.map(|t| t.summary());
        let c = options.source.columns(
            &options.features,
            options.target.as_deref(),
            options.missing,
        )?;
        let rows = (c.rows_total, c.rows_dropped);
        let windows = Windows::new(
            c.features,
            c.target,
            c.times,
            c.inputs,
            c.truth,
            options.window,
            options.split(),
            options.scaling,
        )?;
        Ok(SeriesData {
            options,
            windows,
            rows,
            table,
        })
    }

    /// The kept row predicted by window `index` of a split.
    pub fn row_of(&self, split: Split, index: usize) -> Result<usize, TrainError> {
        let targets = self.windows.targets(split);
        if index >= targets.len() {
            return Err(DataError::IndexOutOfRange {
                index,
                len: targets.len(),
            }
            .into());
        }
        Ok(targets.start + index)
    }

    /// Windows at `indices`: `[b, k, F]` → `[b, 1]`.
    pub fn batch(&self, split: Split, indices: &[usize]) -> Result<Batch, TrainError> {
        let (x, y) = self.windows.batch(split, indices)?;
        Ok(Batch {
            input: BatchInput::Dense(x),
            target: Target::Dense(y.into_dyn()),
        })
    }

    fn predict_scaled(&self, net: &Network<f32>, split: Split) -> Result<Vec<f32>, TrainError> {
        let n = self.windows.len(split);
        let mut out = Vec::with_capacity(n);
        let idx: Vec<usize> = (0..n).collect();
        for chunk in idx.chunks(1024) {
            let (x, _) = self.windows.batch(split, chunk)?;
            let (o, _) = net.forward(Input::Dense(x.view()), None, Default::default())?;
            out.extend(o.head_output.iter().copied());
        }
        Ok(out)
    }

    /// Predictions over every window (train, validation, test) with the test errors of the
    /// model, persistence and the training mean; `updates`: the updates applied to `net`,
    /// `trained`: its weights are not the random initial ones.
    pub fn predictions(
        &self,
        net: &Network<f32>,
        updates: u64,
        trained: bool,
    ) -> Result<SeriesPredictions, TrainError> {
        let w = &self.windows;
        let mut scaled = self.predict_scaled(net, Split::Train)?;
        scaled.extend(self.predict_scaled(net, Split::Validation)?);
        let first_test = scaled.len();
        scaled.extend(self.predict_scaled(net, Split::Test)?);
        let rows = w.window..w.truth.len();
        let test = w.targets(Split::Test);
        let y = |t: usize| f64::from(w.y(t));
        let mse = |p: &dyn Fn(usize) -> f64| {
            test.clone().map(|t| (p(t) - y(t)).powi(2)).sum::<f64>() / test.len().max(1) as f64
        };
        let test_mse_scaled = mse(&|t| f64::from(scaled[t - w.window]));
        let train = w.targets(Split::Train);
        let train_mean = train.clone().map(y).sum::<f64>() / train.len().max(1) as f64;
        let baseline_mse_scaled = mse(&|_| train_mean);
        let persistence_mse_scaled = mse(&|t| y(t - 1));
        let predicted: Vec<f64> = scaled.iter().map(|&v| w.unscale(v)).collect();
        let errors: Vec<f64> = test
            .clone()
            .map(|t| predicted[t - w.window] - w.truth[t])
            .collect();
        let n = errors.len().max(1) as f64;
        let test_scaled_range = test
            .clone()
            .map(y)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        Ok(SeriesPredictions {
            target: w.target.clone(),
            features: w.features.clone(),
            times: w.times[rows.clone()].to_vec(),
            truth: w.truth[rows.clone()].to_vec(),
            predicted,
            persistence: rows.map(|t| w.truth[t - 1]).collect(),
            validation_start: w.train_end - w.window,
            split: first_test,
            test_mse_scaled,
            test_rmse: (errors.iter().map(|e| e * e).sum::<f64>() / n).sqrt(),
            test_mae: errors.iter().map(|e| e.abs()).sum::<f64>() / n,
            baseline_mse_scaled,
            persistence_mse_scaled,
            rows: self.rows,
            updates,
            trained,
            sigmoid: self.options.sigmoid,
            test_scaled_range,
        })
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

/// The course's options for tutorial 05: the synthetic stock table (the course's KOSPI file is
/// not ours to ship), Open, High, Low, Volume → Close, MinMax fitted on the whole table as the
/// course fits it, windows of 5 (431 rows → 426 windows), the first 200 windows for training and
/// the other 226 for test; the sigmoid on the output for the RNN only (the course's
/// `VanillaRNN`; its LSTM and GRU end in a plain `nn.Linear`).
pub fn course_options(cell: CellKind) -> SeriesOptions {
    SeriesOptions {
        source: SeriesSource::Shipped(ShippedTable::Stock),
        features: ["Open", "High", "Low", "Volume"].map(String::from).to_vec(),
        target: Some("Close".into()),
        missing: Missing::Drop,
        window: 5,
        train_fraction: 0.7,
        validation_fraction: 0.0,
        sigmoid: cell == CellKind::Rnn,
        train_windows: Some(200),
        validation_windows: 0,
        scaling: ScaleFit::WholeTable,
    }
}

/// The time-series presets: the course's 8 × 2 with a head over all 5 steps on the stock table,
/// and a fast one on the generated series.
fn presets() -> Vec<Preset> {
    let course = TrainSettings {
        batch_size: 20,
        epochs: 301,
        eval_every: 10,
        ..TrainSettings::adam(1e-3)
    };
    let mut v = Vec::new();
    for cell in CellKind::ALL {
        let (key, name) = (cell.key(), cell.torch_name());
        let options = course_options(cell);
        let (sig_en, sig_ko) = if options.sigmoid {
            (" and a sigmoid", "과 시그모이드")
        } else {
            ("", "")
        };
        v.push(Preset {
            id: format!("series-course-{key}"),
            name: Bilingual::new(
                format!("Course: {name} 8 × 2 on the stock table (synthetic)"),
                format!("강의: 주가 표(합성) 위의 {name} 8 × 2"),
            ),
            description: Bilingual::new(
                format!("Tutorial 05 as taught, on a synthetic 431-day stock table (a seeded random walk; the course's KOSPI file cannot be shipped): Open, High, Low, Volume → next Close, MinMax fitted on the whole table as the course does, windows of 5 → 426, the first 200 for training and the other 226 for test; the course's {name}: 2 layers of 8 hidden units, a linear head over all 5 outputs (Linear(40, 1)){sig_en}, MSE, batch 20, Adam lr 0.001, 301 epochs."),
                format!("강의 05 그대로, 431일치 합성 주가 표(시드를 고정한 랜덤 워크, 강의의 KOSPI 파일은 함께 배포할 수 없습니다) 위에서: Open, High, Low, Volume → 다음 날 Close, 강의처럼 MinMax를 표 전체에 맞춤, 길이 5의 시퀀스 426개 중 앞 200개는 학습, 나머지 226개는 평가; 강의의 {name}: 은닉 유닛 8개짜리 은닉층 2개, 다섯 출력 전체를 읽는 선형 출력층(Linear(40, 1)){sig_ko}, MSE, 배치 20, Adam 학습률 0.001, 301 에포크."),
            ),
            lesson: LessonId::TimeSeries,
            from_course: true,
            model: series_model(cell, 8, 2, Head::Flatten),
            settings: course.clone(),
            options: LessonOptions::TimeSeries(options),
        });
    }
    v.push(Preset {
        id: "series-fast-lstm".into(),
        name: Bilingual::new("Fast: LSTM 16 × 1, window 10", "빠르게: LSTM 16 × 1, 윈도 10"),
        description: Bilingual::new(
            "One layer of 16 LSTM units reading 10 values, last-step head, Adam lr 0.01: follows the wave within a few seconds.",
            "값 10개를 읽는 LSTM 유닛 16개짜리 층 하나, 마지막 타임스텝 출력층, Adam 학습률 0.01: 몇 초 만에 파동을 따라갑니다.",
        ),
        lesson: LessonId::TimeSeries,
        from_course: false,
        model: NetworkConfig {
            seq_len: Some(10),
            ..series_model(CellKind::Lstm, 16, 1, Head::LastStep)
        },
        settings: TrainSettings {
            batch_size: 16,
            // Enough for the guided lesson's "better than yesterday" on every seed tried.
            epochs: 200,
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
