//! Messages between the page and the training worker: small serde enums, never weight matrices.
//!
//! The page sends commands ([`ToWorker`]); the worker answers with summaries ([`FromWorker`]):
//! at most one [`Progress`] per 50 ms (20 a second), carrying only the
//! metric points added since the last one.

use serde::{Deserialize, Serialize};

use crate::lessons::{
    DataFile, ExamplePicker, ExampleRef, LessonId, LessonOptions, View, ViewRequest,
};
use crate::nn::{Network, NetworkConfig};
use crate::train::memory_limit::{CellBudget, RunResult, SweepConfig};
use crate::train::{Inspection, TrainSettings};
use crate::ui::i18n::Bilingual;

/// The protocol version; the page refuses a worker that speaks another one (stale cache).
pub const PROTOCOL_VERSION: u32 = 11;

/// How fast to train.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Speed {
    /// As many updates as fit, leaving the worker responsive between slices.
    Max,
    /// Slow motion for a class: this many updates a second (e.g. 1.0).
    PerSecond(f64),
}

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

/// One cell's curves in a comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareCurve {
    pub cell: crate::nn::CellKind,
    /// `(update, loss)` added since the last message.
    pub new_losses: Vec<(u64, f32)>,
    /// ‖∂L/∂h_t‖ for t = 0…T-1 (first layer, forward direction), latest.
    pub grad_by_t: Vec<f32>,
}

/// Where a comparison stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareProgress {
    pub update: u64,
    pub updates: u64,
    pub done: bool,
    pub cells: Vec<CompareCurve>,
}

/// Where a memory-limit sweep stands ([`FromWorker::MemoryLimit`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemoryLimitProgress {
    /// Which sweep of this worker (each Start is a new one).
    pub sweep: u64,
    /// Its settings.
    pub config: SweepConfig,
    /// Each cell's hidden size and parameter count at the budget.
    pub budgets: Vec<CellBudget>,
    /// Runs that ended since the last message.
    pub new_results: Vec<RunResult>,
    /// Runs ended so far, of `total_runs`.
    pub runs_done: usize,
    pub total_runs: usize,
    /// The run in progress: cell, distance, updates done.
    pub current: Option<(crate::nn::CellKind, usize, u64)>,
    /// Time since Start, in the worker.
    pub elapsed_ms: f64,
    /// Every run ended.
    pub done: bool,
    /// Stopped before the end (Stop, training, or an error).
    pub stopped: bool,
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

/// One row of the model summary (like Keras's `model.summary()`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParamRow {
    /// PyTorch `state_dict` name, e.g. `rnn.weight_ih_l0`.
    pub name: String,
    pub shape: Vec<usize>,
    pub count: usize,
}

/// One recurrent layer (one direction) counted as PyTorch and as Keras count it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerCount {
    /// 0-based layer.
    pub layer: usize,
    /// 1 for the reverse direction.
    pub direction: usize,
    /// `weight_ih + weight_hh + bias_ih + bias_hh`.
    pub pytorch: usize,
    /// The same layer in Keras (`SimpleRNN`, `LSTM`, `GRU` with `reset_after=True`).
    pub keras: usize,
}

/// Every parameter tensor and the total.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelSummary {
    pub rows: Vec<ParamRow>,
    pub total: usize,
    /// The recurrent layers beside Keras's count for the same layer.
    #[serde(default)]
    pub layers: Vec<LayerCount>,
    /// The same model as Keras's `model.summary()` prints it, from the model's config.
    #[serde(default)]
    pub keras: Option<crate::ui::keras_summary::KerasSummary>,
}

pub use crate::nn::layer_params;

impl ModelSummary {
    /// The summary of a network, in PyTorch's parameter order.
    pub fn of(net: &Network<f32>) -> ModelSummary {
        let params = net.params();
        let rows: Vec<ParamRow> = params
            .names()
            .into_iter()
            .zip(params.views())
            .map(|(name, v)| ParamRow {
                name,
                shape: v.shape().to_vec(),
                count: v.len(),
            })
            .collect();
        let total = rows.iter().map(|r| r.count).sum();
        let cfg = net.config();
        let (d, h) = (cfg.directions(), cfg.hidden_size);
        let layers = (0..cfg.num_layers)
            .flat_map(|layer| {
                let input = if layer == 0 { cfg.input_size } else { d * h };
                let (pytorch, keras) = layer_params(cfg.cell, input, h, cfg.bias);
                (0..d).map(move |direction| LayerCount {
                    layer,
                    direction,
                    pytorch,
                    keras,
                })
            })
            .collect();
        ModelSummary {
            rows,
            total,
            layers,
            keras: Some(crate::ui::keras_summary::keras_summary(&cfg)),
        }
    }
}

/// Per-update and per-epoch metric points added since the previous [`Progress`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewPoints {
    /// `(update, loss)`.
    pub loss: Vec<(u64, f32)>,
    /// `(update, gradient norm before clipping)`.
    pub grad_norm: Vec<(u64, f32)>,
    /// `(update at the epoch's end, train loss, validation loss, train accuracy, validation accuracy)`.
    pub epochs: Vec<EpochPoint>,
    /// `(update, what changed)`: markers on the curves.
    pub markers: Vec<(u64, String)>,
}

/// One evaluation at the end of an epoch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpochPoint {
    pub epoch: u64,
    pub update: u64,
    pub train_loss: Option<f64>,
    pub val_loss: Option<f64>,
    pub train_accuracy: Option<f64>,
    pub val_accuracy: Option<f64>,
    /// Early stopping: the best epoch so far (its weights are the ones kept).
    #[serde(default)]
    pub best_epoch: Option<u64>,
    /// `val_loss`/`val_accuracy` are the test split's (the lesson has no validation split).
    #[serde(default)]
    pub held_out_is_test: bool,
}

/// Where training stands; sent at most 20 times a second while anything changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub running: bool,
    pub epoch: u64,
    pub update: u64,
    pub loss: Option<f64>,
    pub grad_norm: Option<f64>,
    pub lr: f64,
    /// Measured training speed over the last second (examples per second).
    pub examples_per_second: Option<f64>,
    /// Workers (cores) the last update used.
    pub workers: usize,
    /// How the last run ended, while nothing has trained since.
    pub run_end: Option<RunEnd>,
    /// Seconds the run needs to reach its last epoch at the measured speed (while Play runs
    /// towards it).
    pub seconds_left: Option<f64>,
    pub new: NewPoints,
}

/// How a run started with Play ended (by itself: a pause is not an end).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunEnd {
    /// The run reached its length (`TrainSettings::epochs`).
    Epochs { epochs: u64 },
    /// Early stopping ended it at `epoch` and restored the weights of `best_epoch`.
    EarlyStopped { epoch: u64, best_epoch: u64 },
}

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    Info,
    Warning,
    Error,
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

/// The bytes a message travels as: MessagePack with named fields.
///
/// One byte buffer crosses `postMessage` as a single memcpy and decodes in wasm; a tree of
/// JavaScript objects (serde-wasm-bindgen) cost the page ~10 ms per inspection to clone and walk.
/// MessagePack describes itself, so tagged enums, skipped fields, NaN and full `u64` seeds
/// survive.
pub mod wire {
    use serde::{de::DeserializeOwned, Serialize};

    /// Encodes a message.
    pub fn to_bytes<T: Serialize>(message: &T) -> Result<Vec<u8>, String> {
        rmp_serde::to_vec_named(message).map_err(|e| e.to_string())
    }

    /// Decodes a message; bytes that are not one are an error, never a panic.
    pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
        rmp_serde::from_slice(bytes).map_err(|e| e.to_string())
    }
}

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

    #[test]
    fn model_summary_lists_pytorch_names_shapes_and_the_total() {
        let cfg = NetworkConfig {
            input_size: 28,
            hidden_size: 64,
            output_size: 10,
            ..Default::default()
        };
        let net = Network::<f32>::new(&cfg, 1).unwrap();
        let s = ModelSummary::of(&net);
        assert_eq!(s.rows[0].name, "rnn.weight_ih_l0");
        assert_eq!(s.rows[0].shape, vec![256, 28]);
        // LSTM 28→64 plus fc 64→10, as PyTorch counts it.
        assert_eq!(s.total, 4 * 64 * (28 + 64 + 2) + 64 * 10 + 10);
        assert_eq!(s.layers.len(), 1);
        assert_eq!(s.layers[0].pytorch, 4 * 64 * (28 + 64 + 2));
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
