//! Training settings: everything that can change between two updates without rebuilding the
//! network (learning rate, optimizer, clipping, batch size, dropout, truncation, stopping).

use super::TrainError;
use crate::optim::{AdamConfig, OptimizerConfig, SgdConfig};
use serde::{Deserialize, Serialize};

/// Largest mini-batch accepted.
pub const MAX_BATCH_SIZE: usize = 4096;
/// Longest run the Epochs control accepts (a run "until paused" has no length).
pub const MAX_EPOCHS: u64 = 1_000_000;

/// Stop when the validation loss has not improved for `patience` evaluations.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EarlyStopping {
    /// Evaluations without improvement before stopping (≥ 1).
    pub patience: usize,
    /// An improvement must lower the validation loss by more than this (≥ 0).
    pub min_delta: f64,
}

impl Default for EarlyStopping {
    fn default() -> Self {
        EarlyStopping {
            patience: 5,
            min_delta: 0.0,
        }
    }
}

/// `torch.optim.lr_scheduler.StepLR`: the learning rate is multiplied by `gamma` every
/// `every_epochs` epochs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StepDecay {
    /// Epochs between two decays (≥ 1).
    pub every_epochs: u64,
    /// Factor, `0 < gamma ≤ 1`.
    pub gamma: f64,
}

impl Default for StepDecay {
    fn default() -> Self {
        StepDecay {
            every_epochs: 1,
            gamma: 0.5,
        }
    }
}

impl StepDecay {
    /// The learning rate after `epochs` completed epochs, from the base rate.
    pub fn lr_at(&self, base: f64, epochs: u64) -> f64 {
        let k = epochs / self.every_epochs.max(1);
        base * self.gamma.powi(k.min(i32::MAX as u64) as i32)
    }
}

/// How to train (serde, all fields optional: `{"optimizer": {"kind": "adam", "lr": 0.01}}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrainSettings {
    /// Optimizer and its settings, including the learning rate.
    pub optimizer: OptimizerConfig,
    /// Learning-rate decay by epoch (`None` = constant; the optimizer's `lr` is the base).
    pub lr_decay: Option<StepDecay>,
    /// Clip the gradient's global norm to this value (`None` = no clipping).
    pub clip_grad_norm: Option<f64>,
    /// Examples per update (windows, digits or series windows).
    pub batch_size: usize,
    /// Dropout between stacked layers during training, `0 ≤ p < 1` (overrides the model
    /// config's `dropout`; PyTorch's `nn.LSTM(dropout=p)`).
    pub dropout: f64,
    /// Dropout on the first layer's input during training, `0 ≤ p < 1` (overrides the model
    /// config's `input_dropout`; `nn.Dropout(p)` before the RNN, Keras's `LSTM(dropout=p)`).
    pub input_dropout: f64,
    /// Truncated BPTT window k (`None` = full backpropagation through time).
    pub truncate: Option<usize>,
    /// Shuffle the training examples every epoch (seeded).
    pub shuffle: bool,
    /// Epochs a full run lasts: Play stops when this epoch ends (the session itself never
    /// stops on it; Step and Epoch go past it).
    pub epochs: u64,
    /// Play runs until paused (or early stopping), whatever `epochs` says.
    pub until_paused: bool,
    /// Evaluate every this many epochs (≥ 1); evaluation feeds the epoch charts and early
    /// stopping.
    pub eval_every: u64,
    /// Early stopping on the validation loss (off when `None`).
    pub early_stopping: Option<EarlyStopping>,
}

impl Default for TrainSettings {
    fn default() -> Self {
        TrainSettings {
            optimizer: OptimizerConfig::Adam(AdamConfig::default()),
            lr_decay: None,
            clip_grad_norm: None,
            batch_size: 32,
            dropout: 0.0,
            input_dropout: 0.0,
            truncate: None,
            shuffle: true,
            epochs: 10,
            until_paused: false,
            eval_every: 1,
            early_stopping: None,
        }
    }
}

/// The learning rate of an optimizer config.
pub fn optimizer_lr(o: &OptimizerConfig) -> f64 {
    match o {
        OptimizerConfig::Sgd(c) => c.lr,
        OptimizerConfig::Adam(c) => c.lr,
        OptimizerConfig::RmsProp(c) => c.lr,
    }
}

/// A copy of `o` with learning rate `lr`.
pub fn with_lr(o: &OptimizerConfig, lr: f64) -> OptimizerConfig {
    let mut o = o.clone();
    match &mut o {
        OptimizerConfig::Sgd(c) => c.lr = lr,
        OptimizerConfig::Adam(c) => c.lr = lr,
        OptimizerConfig::RmsProp(c) => c.lr = lr,
    }
    o
}

impl TrainSettings {
    /// Adam with learning rate `lr`, everything else default.
    pub fn adam(lr: f64) -> Self {
        TrainSettings {
            optimizer: OptimizerConfig::Adam(AdamConfig {
                lr,
                ..AdamConfig::default()
            }),
            ..TrainSettings::default()
        }
    }

    /// Plain SGD with learning rate `lr`.
    pub fn sgd(lr: f64) -> Self {
        TrainSettings {
            optimizer: OptimizerConfig::Sgd(SgdConfig {
                lr,
                ..SgdConfig::default()
            }),
            ..TrainSettings::default()
        }
    }

    /// The learning rate.
    pub fn lr(&self) -> f64 {
        optimizer_lr(&self.optimizer)
    }

    /// Checks every field; the optimizer's own ranges are checked when it is built.
    pub fn validate(&self) -> Result<(), TrainError> {
        if self.batch_size == 0 || self.batch_size > MAX_BATCH_SIZE {
            return Err(TrainError::invalid(
                "batch_size",
                format!(
                    "{} is out of range: choose between 1 and {MAX_BATCH_SIZE}",
                    self.batch_size
                ),
            ));
        }
        for (field, p) in [
            ("dropout", self.dropout),
            ("input_dropout", self.input_dropout),
        ] {
            if !(p.is_finite() && (0.0..1.0).contains(&p)) {
                return Err(TrainError::invalid(
                    field,
                    format!("{p} is out of range: use a value in [0, 1)"),
                ));
            }
        }
        if let Some(c) = self.clip_grad_norm {
            if !(c.is_finite() && c > 0.0) {
                return Err(TrainError::invalid(
                    "clip_grad_norm",
                    format!("{c} is not a positive number: use e.g. 1.0, or turn clipping off"),
                ));
            }
        }
        if self.truncate == Some(0) {
            return Err(TrainError::invalid(
                "truncate",
                "the truncated BPTT window must be at least 1 step (or off for full BPTT)",
            ));
        }
        if let Some(d) = self.lr_decay {
            if d.every_epochs == 0 || !(d.gamma > 0.0 && d.gamma <= 1.0) {
                return Err(TrainError::invalid(
                    "lr_decay",
                    format!(
                        "every {} epochs × {}: use at least 1 epoch and a factor in (0, 1]",
                        d.every_epochs, d.gamma
                    ),
                ));
            }
        }
        if !(1..=MAX_EPOCHS).contains(&self.epochs) {
            return Err(TrainError::invalid(
                "epochs",
                format!(
                    "{} is out of range: choose between 1 and {MAX_EPOCHS}, or train until paused",
                    self.epochs
                ),
            ));
        }
        if self.eval_every == 0 {
            return Err(TrainError::invalid("eval_every", "must be at least 1"));
        }
        if let Some(es) = self.early_stopping {
            if es.patience == 0 {
                return Err(TrainError::invalid(
                    "early_stopping.patience",
                    "must be at least 1 evaluation",
                ));
            }
            if !(es.min_delta.is_finite() && es.min_delta >= 0.0) {
                return Err(TrainError::invalid(
                    "early_stopping.min_delta",
                    format!("{} must be a number ≥ 0", es.min_delta),
                ));
            }
        }
        self.optimizer.build::<f32>()?;
        Ok(())
    }
}
