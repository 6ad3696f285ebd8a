//! MNIST rows: each 28×28 digit is read as 28 timesteps of 28 pixels and classified after the
//! last row (or, for the Bi-LSTM preset, through a head over all timesteps).

mod python;
mod tour;
use super::CorpusSize;
use super::{argmax, count_correct, eval_batches, softmax, Batch, BatchInput, LessonId};
use super::{DataFile, Example, ExamplePicker, ExampleRef, HeldOut, Lesson, LessonInfo};
use super::{LessonOptions, Metrics, Preset, Refresh, Split, ViewContext};
use crate::data::mnist::{CLASSES, COLS, PIXELS, ROWS};
use crate::data::{DataError, MnistSet, PixelScaling};
use crate::nn::{CellKind, Head, Loss, Network, NetworkConfig, StepOutput, Target};
use crate::train::{StepDecay, TrainError, TrainSettings};
use crate::ui::i18n::{Bilingual, Tr};
use ndarray::{s, Array1, Array3, ArrayD};
use serde::{Deserialize, Serialize};

/// Digits per evaluation batch.
const EVAL_CHUNK: usize = 500;
/// Training metrics are measured on the first this many training digits (keeps the
/// end-of-epoch evaluation cheap on 60,000 digits).
pub const EVAL_TRAIN_LIMIT: usize = 2_000;

/// Misclassified digits sent with the test report.
pub const MISCLASSIFIED_SHOWN: usize = 24;

/// Training and test digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MnistData {
    /// Training digits.
    pub train: MnistSet,
    /// Test digits.
    pub test: MnistSet,
}

impl MnistData {
    /// From the four headerless files of the shipped subset (or `FULL_FILES`), gzipped or not:
    /// train images, train labels, test images, test labels.
    pub fn from_headerless(
        train_images: &[u8],
        train_labels: &[u8],
        test_images: &[u8],
        test_labels: &[u8],
    ) -> Result<MnistData, DataError> {
        Ok(MnistData {
            train: MnistSet::from_headerless(train_images, train_labels)?,
            test: MnistSet::from_headerless(test_images, test_labels)?,
        })
    }

    /// From the four original IDX files, gzipped or not.
    pub fn from_idx(
        train_images: &[u8],
        train_labels: &[u8],
        test_images: &[u8],
        test_labels: &[u8],
    ) -> Result<MnistData, DataError> {
        Ok(MnistData {
            train: MnistSet::from_idx(train_images, train_labels)?,
            test: MnistSet::from_idx(test_images, test_labels)?,
        })
    }
}

/// Options of the MNIST lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MnistOptions {
    /// Pixels in [0, 1] or standardised (mean 0.1307, std 0.3081).
    pub scaling: PixelScaling,
    /// Use only the first N training digits.
    pub train_limit: Option<usize>,
    /// Use only the first N test digits.
    pub test_limit: Option<usize>,
    /// Hold out the last N training digits as a validation set (0 = none: early stopping
    /// then watches the test set).
    pub validation: usize,
}

impl Default for MnistOptions {
    fn default() -> Self {
        MnistOptions {
            scaling: PixelScaling::Unit,
            train_limit: None,
            test_limit: None,
            validation: 0,
        }
    }
}

/// The prepared MNIST lesson.
#[derive(Debug, Clone)]
pub struct MnistRowsData {
    /// Options.
    pub options: MnistOptions,
    /// Training digits (without the validation digits).
    pub train: MnistSet,
    /// Validation digits, if held out.
    pub validation: Option<MnistSet>,
    /// Test digits.
    pub test: MnistSet,
}

/// Test-set results for the page: accuracy, confusion matrix, misclassified digits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MnistReport {
    /// Which split.
    pub split: Split,
    /// Fraction correct.
    pub accuracy: f64,
    /// Mean cross-entropy.
    pub loss: f64,
    /// `confusion[true][predicted]` counts, 10 × 10.
    pub confusion: Vec<Vec<u32>>,
    /// Indices (in the split) of wrongly classified digits, in order.
    pub misclassified: Vec<usize>,
    /// What the model said for each of them (same order).
    pub misclassified_as: Vec<usize>,
    /// Digits evaluated.
    pub examples: usize,
}

/// What the model believes after reading each row of one digit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigitBeliefs {
    /// `per_row[k]`: class probabilities after reading rows `0..=k` (28 × 10).
    pub per_row: Vec<Vec<f32>>,
    /// The model's class probabilities for the whole digit.
    pub probabilities: Vec<f32>,
    /// The predicted class.
    pub predicted: usize,
    /// The true label, when known.
    pub label: Option<usize>,
    /// How `per_row` was computed: `"head_on_each_step"` (the `fc` head applied to the last
    /// layer's output at every row — exact for a unidirectional last-step model) or
    /// `"rows_after_k_blanked"` (the model run with the rows after k set to background, for
    /// bidirectional or flatten-head models whose output at row k depends on later rows).
    pub method: String,
}

/// A small digit picture for the page (the page holds no dataset).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thumb {
    /// Index in its split.
    pub index: usize,
    /// The true label.
    pub label: usize,
    /// What the model says, when known.
    pub predicted: Option<usize>,
    /// 784 bytes, row-major, 0 = background.
    #[serde(with = "serde_bytes")]
    pub pixels: Vec<u8>,
}

/// What the MNIST view asks for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MnistRequest {
    /// One digit and the class probabilities after each row.
    Digit {
        /// Split.
        split: Split,
        /// Index in the split.
        index: usize,
    },
    /// A digit drawn by the user, 784 intensities in [0, 1], row-major.
    Drawn {
        /// Pixels.
        pixels: Vec<f32>,
    },
    /// Test accuracy, confusion matrix, misclassified digits (refreshed at epochs' ends).
    Report,
}

/// The MNIST view's answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MnistAnswer {
    /// A digit with the model's beliefs after each row.
    Digit {
        /// Split.
        split: Split,
        /// The digit.
        digit: Thumb,
        /// Digits in the split.
        count: usize,
        /// Beliefs after each row.
        beliefs: DigitBeliefs,
    },
    /// A drawn digit's beliefs.
    Drawn {
        /// Beliefs after each row.
        beliefs: DigitBeliefs,
    },
    /// The test report.
    Report {
        /// Accuracy, confusion, misclassified indices.
        report: MnistReport,
        /// The first misclassified digits.
        misclassified: Vec<Thumb>,
        /// The update whose weights were measured (the report refreshes at epochs' ends).
        update: u64,
    },
}

/// Class probabilities along an inspected digit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DigitDetail {
    /// Beliefs after each row.
    pub beliefs: DigitBeliefs,
    /// The loss used the prediction as target (a drawn digit without a label).
    pub target_is_prediction: bool,
}

impl Lesson for MnistRowsData {
    type Options = MnistOptions;
    type Corpus = MnistData;
    type ViewRequest = MnistRequest;
    type View = MnistAnswer;
    type Detail = DigitDetail;

    fn info() -> LessonInfo {
        LessonInfo {
            title: Tr::new("MNIST rows", "MNIST 행 읽기"),
            example: Tr::new("test digit", "테스트 숫자"),
            data: Tr::new("MNIST digits", "MNIST 숫자"),
            accuracy: true,
            tokens: false,
            input_band: true,
            compare_updates: 60,
            cells: &CellKind::ALL,
        }
    }

    fn presets() -> Vec<Preset> {
        presets()
    }

    fn tour() -> Vec<crate::ui::tour::TourStep> {
        tour::steps()
    }

    fn corpus_files() -> &'static [&'static str] {
        &SHIPPED
    }

    /// Four files, told apart by their names (`train`/`t10k`/`test`, `images`/`labels`/`idx3`/
    /// `idx1`, as in `train-images-idx3-ubyte.gz` or `test2k-labels.u8.gz`): IDX (the original
    /// files) or the headerless layout of the shipped subset, gzipped or not. When both fail,
    /// the IDX error is reported (it names what is wrong with which file).
    fn parse_corpus(files: &[DataFile]) -> Result<MnistData, DataError> {
        let mut slots: [Option<&[u8]>; 4] = [None; 4];
        for f in files {
            let slot = match file_role(&f.name) {
                Some((true, true)) => 0,
                Some((true, false)) => 1,
                Some((false, true)) => 2,
                Some((false, false)) => 3,
                None => return Err(DataError::BadFile {
                    file: f.name.clone(),
                    reason:
                        "not an MNIST file name (expected train/t10k and images/labels in the name)"
                            .into(),
                }),
            };
            slots[slot] = Some(&f.bytes);
        }
        let [Some(a), Some(b), Some(c), Some(d)] = slots else {
            return Err(DataError::BadFile {
                file: files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", "),
                reason: "choose all four MNIST files: train images, train labels, test images, test labels".into(),
            });
        };
        MnistData::from_idx(a, b, c, d)
            .or_else(|idx_err| MnistData::from_headerless(a, b, c, d).map_err(|_| idx_err))
    }

    fn corpus_size(corpus: &MnistData) -> Option<CorpusSize> {
        Some(CorpusSize {
            train: corpus.train.len(),
            test: corpus.test.len(),
        })
    }

    fn corpus_summary(corpus: &MnistData) -> String {
        format!(
            "{} training and {} test digits",
            corpus.train.len(),
            corpus.test.len()
        )
    }

    fn prepare(options: MnistOptions, corpus: &MnistData) -> Result<Self, TrainError> {
        MnistRowsData::new(options, corpus.clone())
    }

    fn options(&self) -> MnistOptions {
        self.options
    }

    /// Input 28 per row, 10 classes; a per-step head becomes last-step; `seq_len` 28.
    fn fit_model(&self, model: &NetworkConfig) -> NetworkConfig {
        NetworkConfig {
            input_size: COLS,
            vocab_size: None,
            output_size: CLASSES,
            head: match model.head {
                Head::PerStep => Head::LastStep,
                h => h,
            },
            seq_len: Some(ROWS),
            sigmoid_output: false,
            ..model.clone()
        }
    }

    fn python_data(
        options: &Self::Options,
        _model: &NetworkConfig,
        validation: bool,
        corpus: Option<CorpusSize>,
    ) -> Option<crate::ui::code::data::DataCode> {
        Some(python::mnist_code(options, validation, corpus))
    }

    fn loss(_: &MnistOptions) -> Loss {
        Loss::CrossEntropy
    }

    fn train_len(&self) -> usize {
        self.train.len()
    }

    fn train_batch(&self, indices: &[usize]) -> Result<Batch, TrainError> {
        self.batch(Split::Train, indices)
    }

    /// Mean cross-entropy and accuracy on a split (`None` for a missing validation split;
    /// the training split is measured on its first [`EVAL_TRAIN_LIMIT`] digits).
    fn evaluate(&self, net: &Network<f32>, split: Split) -> Result<Option<Metrics>, TrainError> {
        let Some(set) = self.set(split) else {
            return Ok(None);
        };
        let n = match split {
            Split::Train => set.len().min(EVAL_TRAIN_LIMIT),
            _ => set.len(),
        };
        let idx: Vec<usize> = (0..n).collect();
        let chunks = idx.chunks(EVAL_CHUNK).map(|c| self.batch(split, c));
        eval_batches(net, Loss::CrossEntropy, chunks).map(Some)
    }

    /// One pass over the test digits gives the test metrics and the page's report.
    fn evaluate_held_out(&self, cx: ViewContext<'_>) -> Result<HeldOut<MnistAnswer>, TrainError> {
        let report = self.report(cx.net, Split::Test)?;
        Ok(HeldOut {
            validation: self.evaluate(cx.net, Split::Validation)?,
            test: Some(Metrics {
                loss: report.loss,
                accuracy: Some(report.accuracy),
                examples: report.examples,
            }),
            view: Some(self.report_answer(report, cx.update)),
        })
    }

    fn monitor_split(&self) -> Split {
        if self.validation.is_some() {
            Split::Validation
        } else {
            Split::Test
        }
    }

    fn picker(&self) -> ExamplePicker {
        ExamplePicker {
            split: Split::Test,
            count: self.test.len(),
            default: ExampleRef::Item {
                split: Split::Test,
                index: 0,
            },
        }
    }

    fn example(&self, net: &Network<f32>, example: &ExampleRef) -> Result<Example, TrainError> {
        let batch = match example {
            ExampleRef::Item { split, index } => self.batch(*split, &[*index])?,
            ExampleRef::Drawn { pixels, label } => {
                let x = Array3::from_shape_vec((1, ROWS, COLS), self.scale_drawn(pixels)?)
                    .map_err(|e| TrainError::invalid("pixels", e.to_string()))?;
                let class = match label {
                    Some(l) if *l < CLASSES => *l,
                    Some(l) => {
                        return Err(TrainError::invalid(
                            "label",
                            format!("{l} is not a digit 0–9"),
                        ))
                    }
                    None => {
                        let (o, _) = net.forward(
                            crate::nn::Input::Dense(x.view()),
                            None,
                            Default::default(),
                        )?;
                        argmax(&o.head_output.iter().copied().collect::<Vec<_>>())
                    }
                };
                Batch {
                    input: BatchInput::Dense(x),
                    target: Target::Classes(Array1::from(vec![class]).into_dyn()),
                }
            }
            _ => {
                return Err(TrainError::WrongLesson(
                    "the MNIST lesson inspects digits".into(),
                ))
            }
        };
        Ok(Example {
            batch,
            // Row t is timestep t, counted from 0 (the tour's "row 0", the course's x[:, t, :]).
            time_labels: (0..ROWS).map(|r| format!("row {r}")).collect(),
            input_names: Vec::new(),
        })
    }

    fn detail(
        &self,
        net: &Network<f32>,
        example: &ExampleRef,
        prepared: &Example,
        _: &StepOutput<f32>,
    ) -> Result<DigitDetail, TrainError> {
        let target_is_prediction = matches!(example, ExampleRef::Drawn { label: None, .. });
        let BatchInput::Dense(x) = &prepared.batch.input else {
            return Err(TrainError::WrongLesson("MNIST input is pixels".into()));
        };
        let label = match &prepared.batch.target {
            Target::Classes(c) if !target_is_prediction => c.iter().next().copied(),
            _ => None,
        };
        let pixels: Vec<f32> = x.iter().copied().collect();
        Ok(DigitDetail {
            beliefs: self.beliefs(net, &pixels, label)?,
            target_is_prediction,
        })
    }

    fn view(&self, cx: ViewContext<'_>, request: &MnistRequest) -> Result<MnistAnswer, TrainError> {
        Ok(match request {
            MnistRequest::Digit { split, index } => {
                let (pixels, label) = self.digit_pixels(*split, *index)?;
                let beliefs = self.beliefs(cx.net, &pixels, Some(label))?;
                let digit = self.thumb(*split, *index, Some(beliefs.predicted))?;
                MnistAnswer::Digit {
                    split: *split,
                    digit,
                    count: self.set(*split).map_or(0, |s| s.len()),
                    beliefs,
                }
            }
            MnistRequest::Drawn { pixels } => MnistAnswer::Drawn {
                beliefs: self.beliefs(cx.net, &self.scale_drawn(pixels)?, None)?,
            },
            MnistRequest::Report => {
                self.report_answer(self.report(cx.net, Split::Test)?, cx.update)
            }
        })
    }

    fn refresh(request: &MnistRequest) -> Refresh {
        match request {
            MnistRequest::Report => Refresh::EpochEnd,
            _ => Refresh::Live,
        }
    }
}

/// Which of the four MNIST files a name is: `(is_train, is_images)`, from the usual names
/// (`train-images-idx3-ubyte.gz`, `t10k-labels-idx1-ubyte`, `test-images.u8.gz`, …).
pub fn file_role(name: &str) -> Option<(bool, bool)> {
    let n = name.to_ascii_lowercase();
    let train = if n.contains("train") {
        true
    } else if n.contains("t10k") || n.contains("test") {
        false
    } else {
        return None;
    };
    let images = if n.contains("image") || n.contains("idx3") {
        true
    } else if n.contains("label") || n.contains("idx1") {
        false
    } else {
        return None;
    };
    Some((train, images))
}

/// The shipped subset, as the worker fetches it (relative to the app's folder).
const SHIPPED: [&str; 4] = [
    "mnist/train12k-images.u8.gz",
    "mnist/train12k-labels.u8.gz",
    "mnist/test2k-images.u8.gz",
    "mnist/test2k-labels.u8.gz",
];

impl MnistRowsData {
    /// A digit of a split as a thumbnail.
    fn thumb(
        &self,
        split: Split,
        index: usize,
        predicted: Option<usize>,
    ) -> Result<Thumb, TrainError> {
        let set = self
            .set(split)
            .ok_or_else(|| TrainError::invalid("split", "no validation digits are held out"))?;
        Ok(Thumb {
            index,
            label: set.label(index)?,
            predicted,
            pixels: set.image(index)?.to_vec(),
        })
    }

    /// The report with thumbnails of the first misclassified digits.
    fn report_answer(&self, report: MnistReport, update: u64) -> MnistAnswer {
        let misclassified = report
            .misclassified
            .iter()
            .zip(&report.misclassified_as)
            .take(MISCLASSIFIED_SHOWN)
            .filter_map(|(&i, &p)| self.thumb(report.split, i, Some(p)).ok())
            .collect();
        MnistAnswer::Report {
            report,
            misclassified,
            update,
        }
    }

    /// Applies limits and the validation split.
    pub fn new(options: MnistOptions, data: MnistData) -> Result<MnistRowsData, TrainError> {
        let mut train = match options.train_limit {
            Some(n) => data.train.take(n),
            None => data.train,
        };
        let test = match options.test_limit {
            Some(n) => data.test.take(n),
            None => data.test,
        };
        let validation = if options.validation > 0 {
            if options.validation >= train.len() {
                return Err(TrainError::invalid(
                    "validation",
                    format!(
                        "{} validation digits leave none of the {} training digits to train on",
                        options.validation,
                        train.len()
                    ),
                ));
            }
            let keep = train.len() - options.validation;
            let pixels = train.pixels()[keep * PIXELS..].to_vec();
            let labels = train.labels()[keep..].to_vec();
            let val = MnistSet::from_parts(pixels, labels)?;
            train = train.take(keep);
            Some(val)
        } else {
            None
        };
        if train.is_empty() {
            return Err(TrainError::invalid("train", "there are no training digits"));
        }
        if test.is_empty() {
            return Err(TrainError::invalid("test", "there are no test digits"));
        }
        Ok(MnistRowsData {
            options,
            train,
            validation,
            test,
        })
    }

    /// The digits of a split.
    pub fn set(&self, split: Split) -> Option<&MnistSet> {
        match split {
            Split::Train => Some(&self.train),
            Split::Validation => self.validation.as_ref(),
            Split::Test => Some(&self.test),
        }
    }

    /// Digits at `indices` of a split: input `[b, 28, 28]`, class targets `[b]`.
    pub fn batch(&self, split: Split, indices: &[usize]) -> Result<Batch, TrainError> {
        let set = self
            .set(split)
            .ok_or_else(|| TrainError::invalid("split", "no validation digits are held out"))?;
        let b = set.batch::<f32>(indices, self.options.scaling)?;
        Ok(Batch {
            input: BatchInput::Dense(b.images),
            target: Target::Classes(Array1::from(b.labels).into_dyn()),
        })
    }

    /// Accuracy, 10×10 confusion matrix and misclassified indices on a split.
    pub fn report(&self, net: &Network<f32>, split: Split) -> Result<MnistReport, TrainError> {
        let set = self
            .set(split)
            .ok_or_else(|| TrainError::invalid("split", "no validation digits are held out"))?;
        let mut confusion = vec![vec![0u32; CLASSES]; CLASSES];
        let (mut misclassified, mut misclassified_as) = (Vec::new(), Vec::new());
        let (mut loss, mut correct) = (0.0f64, 0usize);
        let idx: Vec<usize> = (0..set.len()).collect();
        for chunk in idx.chunks(EVAL_CHUNK) {
            let b = self.batch(split, chunk)?;
            let (out, _) = net.forward(b.input.as_input(), None, Default::default())?;
            let (l, _) = Loss::CrossEntropy.compute(&out.head_output, &b.target)?;
            loss += f64::from(l) * chunk.len() as f64;
            if let Target::Classes(c) = &b.target {
                correct += count_correct(&out.head_output, c).0;
                for (r, (&i, &label)) in chunk.iter().zip(c.iter()).enumerate() {
                    let row: Vec<f32> = out.head_output.slice(s![r, ..]).to_vec();
                    let pred = argmax(&row);
                    confusion[label][pred] += 1;
                    if pred != label {
                        misclassified.push(i);
                        misclassified_as.push(pred);
                    }
                }
            }
        }
        let n = set.len().max(1) as f64;
        Ok(MnistReport {
            split,
            accuracy: correct as f64 / n,
            loss: loss / n,
            confusion,
            misclassified,
            misclassified_as,
            examples: set.len(),
        })
    }

    /// A digit of a split, scaled, as `[28, 28]` row-major f32 values.
    pub fn digit_pixels(
        &self,
        split: Split,
        index: usize,
    ) -> Result<(Vec<f32>, usize), TrainError> {
        let set = self
            .set(split)
            .ok_or_else(|| TrainError::invalid("split", "no validation digits are held out"))?;
        let d = set.digit::<f32>(index, self.options.scaling)?;
        Ok((d.iter().copied().collect(), set.label(index)?))
    }

    /// Scales a user-drawn digit given as 784 intensities in [0, 1] (0 = background) like the
    /// training pixels.
    pub fn scale_drawn(&self, pixels: &[f32]) -> Result<Vec<f32>, TrainError> {
        if pixels.len() != PIXELS {
            return Err(TrainError::invalid(
                "pixels",
                format!(
                    "a drawn digit needs {PIXELS} values (28 × 28), got {}",
                    pixels.len()
                ),
            ));
        }
        if let Some(i) = pixels.iter().position(|p| !p.is_finite()) {
            return Err(TrainError::invalid(
                "pixels",
                format!("pixel {i} is not a finite number"),
            ));
        }
        Ok(pixels
            .iter()
            .map(|&p| {
                let u = f64::from(p.clamp(0.0, 1.0));
                match self.options.scaling {
                    PixelScaling::Unit => u as f32,
                    PixelScaling::Standardized => {
                        ((u - crate::data::mnist::MEAN) / crate::data::mnist::STD) as f32
                    }
                }
            })
            .collect())
    }

    /// Class probabilities after each row for one (already scaled) digit.
    pub fn beliefs(
        &self,
        net: &Network<f32>,
        scaled: &[f32],
        label: Option<usize>,
    ) -> Result<DigitBeliefs, TrainError> {
        let x = Array3::from_shape_vec((1, ROWS, COLS), scaled.to_vec())
            .map_err(|e| TrainError::invalid("pixels", e.to_string()))?;
        let (out, _) = net.forward(crate::nn::Input::Dense(x.view()), None, Default::default())?;
        let probabilities = softmax(&out.head_output.iter().copied().collect::<Vec<_>>());
        let predicted = argmax(&probabilities);
        let exact = net.directions() == 1 && net.head() == Head::LastStep;
        let per_row = if exact {
            head_on_each_step(net, &out.rnn_output)
        } else {
            // Rows after k replaced by the background value (pixel 0 after scaling).
            let bg = match self.options.scaling {
                PixelScaling::Unit => 0.0,
                PixelScaling::Standardized => {
                    (-crate::data::mnist::MEAN / crate::data::mnist::STD) as f32
                }
            };
            let xs = Array3::from_shape_fn((ROWS, ROWS, COLS), |(k, r, c)| {
                if r <= k {
                    scaled[r * COLS + c]
                } else {
                    bg
                }
            });
            let (o, _) =
                net.forward(crate::nn::Input::Dense(xs.view()), None, Default::default())?;
            rows_of(&o.head_output).iter().map(|r| softmax(r)).collect()
        };
        Ok(DigitBeliefs {
            per_row,
            probabilities,
            predicted,
            label,
            method: if exact {
                "head_on_each_step"
            } else {
                "rows_after_k_blanked"
            }
            .into(),
        })
    }
}

/// Softmax of `fc(out[0, t])` for every t of a batch-of-one output `[1, T, D*H]`.
pub fn head_on_each_step(net: &Network<f32>, rnn_output: &Array3<f32>) -> Vec<Vec<f32>> {
    let fc = &net.params().fc;
    (0..rnn_output.dim().1)
        .map(|t| {
            let h = rnn_output.slice(s![0, t, ..]);
            let logits: Array1<f32> = fc.weight.dot(&h) + &fc.bias;
            softmax(&logits.to_vec())
        })
        .collect()
}

fn rows_of(y: &ArrayD<f32>) -> Vec<Vec<f32>> {
    y.outer_iter()
        .map(|r| r.iter().copied().collect())
        .collect()
}

fn mnist_model(cell: CellKind, hidden: usize, layers: usize) -> NetworkConfig {
    NetworkConfig {
        cell,
        hidden_size: hidden,
        num_layers: layers,
        input_size: COLS,
        output_size: CLASSES,
        head: Head::LastStep,
        seq_len: Some(ROWS),
        ..NetworkConfig::default()
    }
}

/// The MNIST presets: the course's RNN/GRU/LSTM 128 × 2 and Bi-LSTM 12 × 2, and fast ones.
fn presets() -> Vec<Preset> {
    let course = |lr: f64, batch: usize, epochs: u64| TrainSettings {
        batch_size: batch,
        epochs,
        ..TrainSettings::adam(lr)
    };
    let opts = LessonOptions::MnistRows(MnistOptions::default());
    let mut v = Vec::new();
    for cell in [CellKind::Rnn, CellKind::Gru, CellKind::Lstm] {
        let (key, name) = (cell.key(), cell.torch_name());
        v.push(Preset {
            id: format!("mnist-course-{key}"),
            name: Bilingual::new(
                format!("Course: {name} 128 × 2 layers"),
                format!("강의: {name} 128 × 2층"),
            ),
            description: Bilingual::new(
                format!("The course's {name}: 2 layers of 128 hidden units, last-step head, batch 100, Adam lr 0.001, 2 epochs."),
                format!("강의의 {name}: 은닉 유닛 128개짜리 은닉층 2개, 마지막 타임스텝 출력층, 배치 100, Adam 학습률 0.001, 2 에포크."),
            ),
            lesson: LessonId::MnistRows,
            from_course: true,
            model: mnist_model(cell, 128, 2),
            settings: course(1e-3, 100, 2),
            options: opts.clone(),
        });
    }
    v.push(Preset {
        id: "mnist-course-bilstm".into(),
        name: Bilingual::new("Course: Bi-LSTM 12 × 2, flattened head", "강의: 양방향 LSTM 12 × 2, 펼친 출력층"),
        description: Bilingual::new(
            "The course's bidirectional LSTM: 2 layers of 12 units per direction, a linear head over all 28 timesteps (28·12·2 inputs), batch 128, Adam lr 0.005.",
            "강의의 양방향 LSTM: 방향마다 유닛 12개인 층 2개, 28 타임스텝 전체를 읽는 선형 출력층 (입력 28·12·2개), 배치 128, Adam 학습률 0.005.",
        ),
        lesson: LessonId::MnistRows,
        from_course: true,
        model: NetworkConfig {
            bidirectional: true,
            head: Head::Flatten,
            ..mnist_model(CellKind::Lstm, 12, 2)
        },
        settings: course(5e-3, 128, 51),
        options: opts.clone(),
    });
    let fast_options = LessonOptions::MnistRows(MnistOptions {
        scaling: PixelScaling::Standardized,
        ..MnistOptions::default()
    });
    v.push(Preset {
        id: "mnist-fast-lstm".into(),
        name: Bilingual::new("Fast: LSTM 64 × 1", "빠르게: LSTM 64 × 1"),
        description: Bilingual::new(
            "One layer of 64 LSTM units, standardised pixels, batch 32, Adam lr 0.005 decaying ×0.6 per epoch, clipping at 1: about 90% on the test digits after one epoch of the 12k subset, 96% after four.",
            "LSTM 유닛 64개인 층 하나, 표준화한 픽셀, 배치 32, 에포크마다 ×0.6씩 줄어드는 Adam 학습률 0.005, 기울기 클리핑 1: 1만 2천 개 중 한 에포크 뒤 테스트 숫자의 약 90%, 네 에포크 뒤 96%.",
        ),
        lesson: LessonId::MnistRows,
        from_course: false,
        model: mnist_model(CellKind::Lstm, 64, 1),
        settings: TrainSettings {
            batch_size: 32,
            epochs: 4,
            clip_grad_norm: Some(1.0),
            lr_decay: Some(StepDecay {
                every_epochs: 1,
                gamma: 0.6,
            }),
            ..TrainSettings::adam(5e-3)
        },
        options: fast_options.clone(),
    });
    v.push(Preset {
        id: "mnist-fast-gru".into(),
        name: Bilingual::new("Fast: GRU 32 × 1", "빠르게: GRU 32 × 1"),
        description: Bilingual::new(
            "A small GRU that learns in seconds: good for watching the gates.",
            "몇 초 만에 배우는 작은 GRU: 게이트를 지켜보기에 좋습니다.",
        ),
        lesson: LessonId::MnistRows,
        from_course: false,
        model: mnist_model(CellKind::Gru, 32, 1),
        settings: TrainSettings {
            batch_size: 32,
            epochs: 2,
            clip_grad_norm: Some(1.0),
            ..TrainSettings::adam(5e-3)
        },
        options: fast_options,
    });
    v
}
