//! The lesson interface: everything that differs between lessons, behind one trait.
//!
//! A lesson is a type implementing [`Lesson`]: the prepared data the network trains on, with
//! associated types for its options, the data files it reads, the requests its view makes and
//! the answers it gets. The registry in `lessons/mod.rs` lists every lesson once and derives
//! the page-facing enums ([`super::LessonOptions`], [`super::View`], …) and the type-erased
//! [`LessonData`] the [`crate::train::Session`] holds, so the training loop and the worker know
//! no lesson by name.

use std::any::Any;
use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{
    Batch, InspectionDetail, LessonId, LessonOptions, Metrics, Preset, Split, View, ViewRequest,
};
use crate::data::DataError;
use crate::nn::{CellKind, Loss, Network, NetworkConfig, StepOutput};
use crate::train::TrainError;
use crate::ui::i18n::{Bilingual, Tr};
use crate::ui::tour::TourStep;

/// A model that would read the answer it is asked to predict: training would reward copying,
/// not learning. The lesson refuses it ([`Lesson::leak`]) with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Leak {
    /// Why, in one sentence, in both languages.
    pub reason: Bilingual,
    /// The same model without what leaks (what a link or a saved session falls back to).
    pub without: NetworkConfig,
}

impl Leak {
    /// The notice when a link or a saved session asked for such a model and the page opened
    /// [`Leak::without`] instead.
    pub fn notice(&self) -> Bilingual {
        Bilingual::new(
            format!(
                "The model of the link or saved session was changed so that it does not read the answer. {}",
                self.reason.en
            ),
            format!(
                "링크나 저장된 세션의 모델을 정답을 읽지 않도록 바꾸었습니다. {}",
                self.reason.ko
            ),
        )
    }
}

/// What the inside views can follow. A lesson accepts the kinds that make sense for it and
/// refuses the others with [`TrainError::WrongLesson`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExampleRef {
    /// Example `index` of a split: a digit, a review, a window of a series.
    Item {
        /// The split.
        split: Split,
        /// Index in the split.
        index: usize,
    },
    /// Steps `start..start+len` of one long sequence (the character lesson's text; `len`
    /// defaults to the rest).
    Span {
        /// First step (0 = the start token).
        start: usize,
        /// Number of steps.
        len: Option<usize>,
    },
    /// A digit the user drew: 784 intensities in [0, 1], row-major, 0 = background.
    Drawn {
        /// Pixels.
        pixels: Vec<f32>,
        /// What it is meant to be (the prediction is the target when unknown).
        label: Option<usize>,
    },
    /// A text the user typed (a review).
    Typed {
        /// The text.
        text: String,
        /// What it is meant to be (the prediction is the target when unknown).
        label: Option<usize>,
    },
}

/// One example ready for the network: a batch of one and what is read at each timestep.
#[derive(Debug, Clone)]
pub struct Example {
    /// Input and target, batch of one.
    pub batch: Batch,
    /// What is read at each timestep (`h`, `row 3`, `1987-03`, `재`).
    pub time_labels: Vec<String>,
    /// What each input feature is (a table's columns); empty when unnamed (one-hot, pixels).
    pub input_names: Vec<String>,
}

/// How the page picks the example the inside views follow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamplePicker {
    /// The split examples are picked from.
    pub split: Split,
    /// How many there are (1: the lesson has one example, [`ExamplePicker::default`]).
    pub count: usize,
    /// What the views follow first.
    pub default: ExampleRef,
}

impl ExamplePicker {
    /// Example `index` of the picker's split (clamped), or the default for single-example
    /// lessons.
    pub fn pick(&self, index: usize) -> ExampleRef {
        if self.count <= 1 {
            self.default.clone()
        } else {
            ExampleRef::Item {
                split: self.split,
                index: index.min(self.count - 1),
            }
        }
    }
}

/// Held-out results at an epoch's end.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldOut<V> {
    /// Metrics on the validation split, if the lesson has one.
    pub validation: Option<Metrics>,
    /// Metrics on the test split, if the lesson has one.
    pub test: Option<Metrics>,
    /// A view computed in the same pass (MNIST: the test report), answering the requests that
    /// refresh at epochs' ends.
    pub view: Option<V>,
}

/// When the worker recomputes a lesson view while training runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refresh {
    /// A few times a second.
    Live,
    /// At epochs' ends, from [`HeldOut::view`] (it reads a whole split).
    EpochEnd,
}

/// What a lesson view sees of the session.
#[derive(Clone, Copy)]
pub struct ViewContext<'a> {
    /// The network as trained so far.
    pub net: &'a Network<f32>,
    /// Updates applied.
    pub update: u64,
    /// Epochs completed.
    pub epoch: u64,
    /// The weights are no longer the random initial ones: updates were applied, or they came
    /// from a model file.
    pub trained: bool,
}

/// The examples in a lesson's corpus: its training and test splits before any limit (the
/// worker tells the page with each opened model; 12,000 and 2,000 for the shipped MNIST).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusSize {
    pub train: usize,
    pub test: usize,
}

/// A data file: shipped with the app (fetched by the worker) or loaded by the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataFile {
    /// File name (without folders), e.g. `ratings_train.txt`.
    pub name: String,
    /// Its bytes (gzipped or not).
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}

/// Long sequences cut into windows when the options set no window (the char lesson's text):
/// a sequence of more than `above` steps trains on windows of `window` steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AutoWindow {
    /// The longest sequence trained whole.
    pub above: usize,
    /// The window a longer one is cut into.
    pub window: usize,
}

/// Static facts about a lesson, for pickers and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LessonInfo {
    /// Its name in the lesson picker.
    pub title: Tr,
    /// What one example of the inside views is called (`test digit`).
    pub example: Tr,
    /// What its data files are called while they load (`MNIST digits`).
    pub data: Tr,
    /// A classification lesson: accuracy curves are drawn.
    pub accuracy: bool,
    /// Its input is tokens, so the model may read them one-hot or through an embedding.
    pub tokens: bool,
    /// The inside views draw each timestep's input as a band (pixels, feature values).
    pub input_band: bool,
    /// Updates each cell trains in the RNN/LSTM/GRU comparison by default (enough to see the
    /// curves part within a minute).
    pub compare_updates: u64,
    /// The cells its controls offer: the three PyTorch cells, and in the character lesson the
    /// course's hand-written cell as well (links and saved sessions asking for another are
    /// opened without it).
    pub cells: &'static [CellKind],
}

/// One lesson: the prepared data a network trains on, and everything that differs between
/// lessons. Implement it in `crates/core/src/lessons/<name>/`, add one line to the registry in
/// `lessons/mod.rs`, and the session, the worker and the page's generic views take it.
pub trait Lesson: Clone + Debug + Send + Sized + 'static {
    /// Small options (what presets, links and saved sessions store).
    type Options: Clone + Debug + PartialEq + Default + Serialize + DeserializeOwned + Send;
    /// The data read from files beside the options, parsed once and kept by the worker
    /// (`()` when the options carry everything).
    type Corpus: Clone + Debug + PartialEq + Send + 'static;
    /// What the lesson's view asks for.
    type ViewRequest: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send;
    /// What it gets back.
    type View: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send;
    /// The lesson's part of an inspection (predictions along the example).
    type Detail: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send;

    /// Static facts: title, names, what the page shows.
    fn info() -> LessonInfo;
    /// One-click configurations, the course's first.
    fn presets() -> Vec<Preset>;
    /// The guided lesson: steps that follow the course (none by default).
    fn tour() -> Vec<TourStep> {
        Vec::new()
    }
    /// Shipped files the corpus is parsed from, relative to the app's folder (`mnist/…`),
    /// in the order [`Lesson::parse_corpus`] takes them. None by default.
    fn corpus_files() -> &'static [&'static str] {
        &[]
    }
    /// Parses the corpus from the shipped files, or from files the user loaded from disk.
    fn parse_corpus(files: &[DataFile]) -> Result<Self::Corpus, DataError>;
    /// What a corpus holds, for the notice after loading files (`200 training and 30 test
    /// digits`).
    fn corpus_summary(_corpus: &Self::Corpus) -> String {
        String::new()
    }
    /// How many examples a corpus holds where its size changes the code panel's data code
    /// (the full MNIST against the shipped slice). None by default.
    fn corpus_size(_corpus: &Self::Corpus) -> Option<CorpusSize> {
        None
    }
    /// Validates the options and prepares the data.
    fn prepare(options: Self::Options, corpus: &Self::Corpus) -> Result<Self, TrainError>;
    /// The options it was prepared from.
    fn options(&self) -> Self::Options;

    /// The model config adjusted to the task: input/output sizes, embedding, head and sequence
    /// length come from the lesson; cell, hidden size, layers, direction and bias from `model`.
    fn fit_model(&self, model: &NetworkConfig) -> NetworkConfig;
    /// Whether `model` would see the answer it must predict with these options (a leak): the
    /// session refuses such a model whatever asks for it (controls, links, presets, model
    /// files). None by default.
    fn leak(_options: &Self::Options, _model: &NetworkConfig) -> Option<Leak> {
        None
    }
    /// The Python that builds this data as the lesson does, for the code panel (with
    /// `val_dataset` when `validation`), or `None` where the panel only describes it.
    fn python_data(
        _options: &Self::Options,
        _model: &NetworkConfig,
        _validation: bool,
        _corpus: Option<CorpusSize>,
    ) -> Option<crate::ui::code::data::DataCode> {
        None
    }
    /// Serves batches for `fitted` from now on (one-hot or token input).
    fn adopt_model(&mut self, _fitted: &NetworkConfig) {}
    /// The loss these options train with (the page shows it before anything is prepared).
    fn loss(options: &Self::Options) -> Loss;
    /// How long sequences are cut into BPTT windows when the options set none; the session
    /// sizes a model without a fixed `seq_len` by [`AutoWindow::above`]. None by default
    /// (every example has the fitted model's `seq_len` steps).
    fn auto_window() -> Option<AutoWindow> {
        None
    }
    /// Training examples per epoch.
    fn train_len(&self) -> usize;
    /// The training examples at `indices` as one mini-batch.
    fn train_batch(&self, indices: &[usize]) -> Result<Batch, TrainError>;
    /// Metrics on a split (eval mode); `None` when the lesson has no such split.
    fn evaluate(&self, net: &Network<f32>, split: Split) -> Result<Option<Metrics>, TrainError>;
    /// Validation and test metrics at an epoch's end (and a view from the same pass).
    fn evaluate_held_out(&self, cx: ViewContext<'_>) -> Result<HeldOut<Self::View>, TrainError> {
        Ok(HeldOut {
            validation: self.evaluate(cx.net, Split::Validation)?,
            test: self.evaluate(cx.net, Split::Test)?,
            view: None,
        })
    }
    /// The split early stopping watches.
    fn monitor_split(&self) -> Split;

    /// How the page picks examples.
    fn picker(&self) -> ExamplePicker;
    /// One example ready for the network (eval mode: no side effects).
    fn example(&self, net: &Network<f32>, example: &ExampleRef) -> Result<Example, TrainError>;
    /// The lesson's reading of an example's forward and backward pass.
    fn detail(
        &self,
        net: &Network<f32>,
        example: &ExampleRef,
        prepared: &Example,
        out: &StepOutput<f32>,
    ) -> Result<Self::Detail, TrainError>;

    /// Answers a view request (eval mode: no side effects).
    fn view(
        &self,
        cx: ViewContext<'_>,
        request: &Self::ViewRequest,
    ) -> Result<Self::View, TrainError>;
    /// When a request is recomputed while training runs.
    fn refresh(_request: &Self::ViewRequest) -> Refresh {
        Refresh::Live
    }
}

/// A prepared lesson as the session sees it, with the page-facing enums. The registry
/// implements it for every [`Lesson`]; nothing else needs to.
pub trait LessonData: Debug + Send {
    /// Which lesson.
    fn id(&self) -> LessonId;
    /// The options it was prepared from.
    fn options(&self) -> LessonOptions;
    /// See [`Lesson::fit_model`].
    fn fit_model(&self, model: &NetworkConfig) -> NetworkConfig;
    /// See [`Lesson::leak`], with the options the data was prepared from.
    fn leak(&self, model: &NetworkConfig) -> Option<Leak>;
    /// See [`Lesson::adopt_model`].
    fn adopt_model(&mut self, fitted: &NetworkConfig);
    /// See [`Lesson::loss`], with the options the data was prepared from.
    fn loss(&self) -> Loss;
    /// See [`Lesson::auto_window`].
    fn auto_window(&self) -> Option<AutoWindow>;
    /// See [`Lesson::train_len`].
    fn train_len(&self) -> usize;
    /// See [`Lesson::train_batch`].
    fn train_batch(&self, indices: &[usize]) -> Result<Batch, TrainError>;
    /// See [`Lesson::evaluate`].
    fn evaluate(&self, net: &Network<f32>, split: Split) -> Result<Option<Metrics>, TrainError>;
    /// See [`Lesson::evaluate_held_out`].
    fn evaluate_held_out(&self, cx: ViewContext<'_>) -> Result<HeldOut<View>, TrainError>;
    /// See [`Lesson::monitor_split`].
    fn monitor_split(&self) -> Split;
    /// See [`Lesson::picker`].
    fn picker(&self) -> ExamplePicker;
    /// See [`Lesson::example`].
    fn example(&self, net: &Network<f32>, example: &ExampleRef) -> Result<Example, TrainError>;
    /// See [`Lesson::detail`].
    fn detail(
        &self,
        net: &Network<f32>,
        example: &ExampleRef,
        prepared: &Example,
        out: &StepOutput<f32>,
    ) -> Result<InspectionDetail, TrainError>;
    /// See [`Lesson::view`]; a request of another lesson is [`TrainError::WrongLesson`].
    fn view(&self, cx: ViewContext<'_>, request: &ViewRequest) -> Result<View, TrainError>;
    /// A boxed copy.
    fn clone_box(&self) -> Box<dyn LessonData>;
    /// The concrete lesson (see `Session::lesson_data`).
    fn as_any(&self) -> &dyn Any;
}

impl Clone for Box<dyn LessonData> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

/// The corpus needed by a lesson whose options carry everything.
pub(crate) fn no_corpus(files: &[DataFile]) -> Result<(), DataError> {
    match files.first() {
        None => Ok(()),
        Some(f) => Err(DataError::BadFile {
            file: f.name.clone(),
            reason: "this lesson reads no data files".into(),
        }),
    }
}

/// Used by the registry: a corpus or request of another lesson.
pub(crate) fn wrong_lesson(lesson: LessonId, what: &str) -> TrainError {
    TrainError::WrongLesson(format!(
        "{what} does not belong to the {} lesson",
        lesson.key()
    ))
}
