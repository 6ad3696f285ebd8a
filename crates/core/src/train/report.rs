//! What training reports to whoever shows it: where a run stands and the points it added, the
//! model's parameter summary, a comparison's curves, how serious a notice is. Plain data: the
//! worker sends them (`worker::messages`) and the page's reducer keeps them (`ui::state`).

use serde::{Deserialize, Serialize};

use crate::nn::{layer_params, Network};
use crate::train::memory_limit::{CellBudget, RunResult, SweepConfig};

/// How fast to train.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Speed {
    /// As many updates as fit, leaving the worker responsive between slices.
    Max,
    /// Slow motion for a class: this many updates a second (e.g. 1.0).
    PerSecond(f64),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::NetworkConfig;

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
}

/// Where a memory-limit sweep stands (the worker's `FromWorker::MemoryLimit`).
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
