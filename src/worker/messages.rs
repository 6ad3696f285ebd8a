//! Messages between the page and the training worker: small serde enums, never weight matrices.
//!
//! The page sends commands ([`ToWorker`]); the worker answers with summaries ([`FromWorker`]):
//! at most one [`Progress`] per 50 ms (20 a second), carrying only the
//! metric points added since the last one.

use serde::{Deserialize, Serialize};

use crate::lessons::{
    CorpusSize, DataFile, ExamplePicker, ExampleRef, LessonId, LessonOptions, View, ViewRequest,
};
use crate::nn::NetworkConfig;
use crate::train::memory_limit::SweepConfig;
use crate::train::{Inspection, TrainSettings};
use crate::ui::i18n::Bilingual;

pub use crate::nn::layer_params;
pub use crate::train::report::{
    CompareCurve, CompareProgress, EpochPoint, LayerCount, Level, MemoryLimitProgress,
    ModelSummary, NewPoints, ParamRow, Progress, RunEnd, Speed,
};

/// The protocol version; the page refuses a worker that speaks another one (stale cache).
pub const PROTOCOL_VERSION: u32 = 12;

/// What [`ToWorker::Open`] carries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenLesson {
    pub options: LessonOptions,
    pub model: NetworkConfig,
    pub settings: TrainSettings,
    pub seed: u64,
    /// The page's URL: the worker runs from a blob and cannot resolve relative URLs itself.
    pub assets_base: String,
    /// Restore the model this browser autosaved for this lesson and model shape, if any
    /// (the page asks on a reload; the worker keeps the weights in IndexedDB).
    pub restore: bool,
}

/// What an autosaved model belongs to: the lesson's options and the model's shape. Weights are
/// restored only into a model with the same key.
pub fn autosave_key(options: &LessonOptions, model: &NetworkConfig) -> String {
    serde_json::to_string(&(options, model)).unwrap_or_default()
}

/// What [`ToWorker::Compare`] carries: the lesson and model as open, the cells differ.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareRequest {
    pub options: LessonOptions,
    pub model: NetworkConfig,
    pub settings: TrainSettings,
    pub seed: u64,
    /// Updates each cell trains.
    pub updates: u64,
    /// The example whose ‖∂L/∂h_t‖ is compared.
    pub example: ExampleRef,
}

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Asks for a [`FromWorker::Pong`] carrying the same `nonce` (liveness and latency check).
    Ping {
        nonce: u32,
    },
    /// Opens a lesson (loading its data the first time) and builds a fresh model.
    Open(Box<OpenLesson>),
    /// Trains continuously until [`ToWorker::Pause`].
    Play,
    Pause,
    /// Exactly this many updates, then pause.
    Step {
        updates: u32,
    },
    /// One epoch of updates, then pause.
    Epoch,
    /// Back to the initial weights of the current seed (bit-identical to a fresh model).
    Reset,
    /// A fresh model from another seed.
    Reseed {
        seed: u64,
    },
    SetSpeed(Speed),
    /// How many workers (cores) an update may use (this worker and `workers - 1` helpers),
    /// and whether the page is hidden: then nobody looks, so no traces or lesson views are
    /// sent and progress only twice a second, until it is shown again.
    SetCores {
        workers: usize,
        page_hidden: bool,
    },
    /// Settings that keep the weights (learning rate, optimizer, clipping, batch, dropout, …).
    SetSettings(TrainSettings),
    /// Traces of one example now, and again at a steady rate while training runs.
    Inspect(ExampleRef),
    /// A lesson view now, and again while training runs (generation, a digit, the
    /// predictions) or at each epoch's end (the MNIST test report).
    View(ViewRequest),
    /// Replaces a lesson's data with files the user loaded (MNIST: train images, train
    /// labels, test images, test labels, IDX or headerless, gzipped or not); refused files
    /// change nothing.
    LoadFiles {
        lesson: LessonId,
        files: Vec<DataFile>,
    },
    /// Trains RNN, LSTM and GRU side by side on the same lesson, data and seed (the main
    /// model is paused meanwhile) and reports their curves.
    Compare(Box<CompareRequest>),
    StopCompare,
    /// Runs the memory-limit sweep (`train::memory_limit`) in slices (the main model is paused
    /// meanwhile), reporting [`FromWorker::MemoryLimit`] as runs end.
    MemoryLimit(Box<SweepConfig>),
    StopMemoryLimit,
    /// The model as a PyTorch-style JSON file.
    Export,
    /// A `.py` file that defines the model's PyTorch class, loads its weights and checks the
    /// lesson's example against the app's output ([`FromWorker::ExportedPytorch`]).
    ExportPytorch,
    /// Replaces the weights from a model file; refused files change nothing.
    Import {
        text: String,
    },
    /// Makes the worker panic with this message: the recovery path's test (the page sends it
    /// only for a `crash=worker` link, see `app::worker_health`).
    Crash {
        message: String,
    },
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// Sent once to every page that connects.
    Ready {
        protocol: u32,
    },
    /// The answer to [`ToWorker::Ping`].
    Pong {
        nonce: u32,
    },
    /// Loading a lesson's data: file `file` of `files`, `done` of `total` bytes (total 0
    /// when unknown).
    Loading {
        lesson: LessonId,
        file: usize,
        files: usize,
        done: u64,
        total: u64,
    },
    /// A model was built (opened, reseeded, rebuilt or imported): the page clears its curves.
    Opened {
        summary: ModelSummary,
        /// The model as built (fitted to the lesson, or as an imported file had it).
        model: NetworkConfig,
        seed: u64,
        examples: usize,
        /// How the inside views pick their example.
        picker: ExamplePicker,
        /// The size of the corpus it trains on (see `Lesson::corpus_size`).
        corpus: Option<CorpusSize>,
    },
    /// Traces of the followed example (no side effects on training).
    Inspection(Box<Inspection>),
    /// A lesson view (no side effects on training).
    View(Box<View>),
    /// Progress of an RNN/LSTM/GRU comparison.
    Compare(Box<CompareProgress>),
    /// Progress of a memory-limit sweep.
    MemoryLimit(Box<MemoryLimitProgress>),
    Progress(Progress),
    /// A request was refused or something needs the user's attention; nothing was lost.
    Notice {
        level: Level,
        /// In both languages: the page shows its current one.
        text: Bilingual,
    },
    /// The worker panicked (sent by its panic hook just before it stops): the page restarts it
    /// and restores the last autosaved model.
    Crashed {
        message: String,
    },
    /// The lesson or model the page asked for could not be opened; the one open before stays
    /// (the page returns to it).
    OpenRefused,
    /// The exported model file and its name (`rnn_playground_char_lstm_h13.json`, the model
    /// that is open in the worker).
    Exported {
        name: String,
        json: String,
    },
    /// The PyTorch script of [`ToWorker::ExportPytorch`]: its file name and text.
    ExportedPytorch {
        name: String,
        text: String,
    },
}

/// The bytes a message travels as (this app's binary serde format).
pub use super::wire;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::CellKind;

    #[test]
    fn messages_survive_a_json_round_trip() {
        let sent = ToWorker::Step { updates: 3 };
        let text = serde_json::to_string(&sent).unwrap();
        assert_eq!(serde_json::from_str::<ToWorker>(&text).unwrap(), sent);
        let reply = FromWorker::Ready {
            protocol: PROTOCOL_VERSION,
        };
        let text = serde_json::to_string(&reply).unwrap();
        assert_eq!(serde_json::from_str::<FromWorker>(&text).unwrap(), reply);
    }

    /// The course's Keras summaries: SimpleRNN(8) on 300 one-hot inputs 2,472 (PyTorch 2,480,
    /// its second bias), SimpleRNN(8) on 16 200, LSTM(8) on 16 800, GRU(8) on 16 624 in both.
    #[test]
    fn keras_counts_match_the_course_and_differ_from_pytorch_by_the_second_bias() {
        assert_eq!(layer_params(CellKind::Rnn, 300, 8, true), (2_480, 2_472));
        assert_eq!(layer_params(CellKind::Rnn, 16, 8, true), (208, 200));
        assert_eq!(layer_params(CellKind::Lstm, 16, 8, true), (832, 800));
        assert_eq!(layer_params(CellKind::Gru, 16, 8, true), (624, 624));
        assert_eq!(layer_params(CellKind::Lstm, 16, 8, false), (768, 768));
    }
}
