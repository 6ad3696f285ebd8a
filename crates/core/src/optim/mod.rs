//! Optimizers with PyTorch's update rules and defaults, and gradient clipping.
//!
//! Every optimizer works on [`Parameters`] and a [`Gradients`] of the same structure; its
//! state is kept per tensor (in [`Parameters::names`] order) and created on the first step.

mod adam;
mod rmsprop;
mod sgd;

pub use adam::{Adam, AdamConfig};
pub use rmsprop::{RmsProp, RmsPropConfig};
pub use sgd::{Sgd, SgdConfig};

use crate::nn::{Float, Gradients, Network, Parameters};
use ndarray::{ArrayD, ArrayViewD, ArrayViewMutD};
use serde::{Deserialize, Serialize};

/// Errors from optimizer construction or steps.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptimError {
    /// A hyperparameter out of range.
    #[error("invalid optimizer setting {field} = {value}: {reason}")]
    Config {
        /// Field.
        field: &'static str,
        /// Value given.
        value: f64,
        /// What is allowed.
        reason: &'static str,
    },
    /// Gradients do not match the parameters (or the optimizer's state).
    #[error("gradient/parameter mismatch: {0}")]
    Mismatch(String),
}

pub(crate) fn check(
    field: &'static str,
    value: f64,
    ok: bool,
    reason: &'static str,
) -> Result<(), OptimError> {
    if ok && value.is_finite() {
        Ok(())
    } else {
        Err(OptimError::Config {
            field,
            value,
            reason,
        })
    }
}

/// A PyTorch-style optimizer.
pub trait Optimizer<F: Float> {
    /// One update `p ← p - ...` of every tensor from its gradient.
    fn step(&mut self, params: &mut Parameters<F>, grads: &Gradients<F>) -> Result<(), OptimError>;
    /// Steps taken so far.
    fn steps(&self) -> u64;
    /// Learning rate.
    fn lr(&self) -> f64;
    /// Sets the learning rate (for schedules and the UI slider).
    fn set_lr(&mut self, lr: f64);
    /// Named state tensors, PyTorch names: `exp_avg.<param>`, `exp_avg_sq.<param>` (Adam),
    /// `square_avg.<param>`, `grad_avg.<param>`, `momentum_buffer.<param>`.
    fn state(&self) -> Vec<(String, ArrayD<F>)>;
    /// Forgets all state (moments, step count).
    fn reset(&mut self);
}

/// Tensor names and (parameter, gradient) view pairs.
pub(crate) type Pairs<'a, F> = (Vec<String>, Vec<(ArrayViewMutD<'a, F>, ArrayViewD<'a, F>)>);

/// Pairs parameter and gradient tensors after checking they match.
pub(crate) fn pairs<'a, F: Float>(
    params: &'a mut Parameters<F>,
    grads: &'a Gradients<F>,
) -> Result<Pairs<'a, F>, OptimError> {
    let names = params.names();
    if names != grads.names() {
        return Err(OptimError::Mismatch(
            "gradient tensors differ from parameter tensors".into(),
        ));
    }
    let p = params.views_mut();
    let g = grads.views();
    for ((a, b), n) in p.iter().zip(g.iter()).zip(names.iter()) {
        if a.shape() != b.shape() {
            return Err(OptimError::Mismatch(format!(
                "{n}: parameter shape {:?}, gradient shape {:?}",
                a.shape(),
                b.shape()
            )));
        }
    }
    Ok((names, p.into_iter().zip(g).collect()))
}

/// Creates state buffers on first use, or checks they still match.
pub(crate) fn ensure_state<F: Float>(
    state: &mut Vec<ArrayD<F>>,
    pairs: &[(ArrayViewMutD<'_, F>, ArrayViewD<'_, F>)],
) -> Result<(), OptimError> {
    if state.is_empty() {
        *state = pairs
            .iter()
            .map(|(p, _)| ArrayD::zeros(p.raw_dim()))
            .collect();
        return Ok(());
    }
    if state.len() != pairs.len()
        || state
            .iter()
            .zip(pairs)
            .any(|(s, (p, _))| s.shape() != p.shape())
    {
        return Err(OptimError::Mismatch(
            "parameters changed shape since the optimizer's last step (call reset)".into(),
        ));
    }
    Ok(())
}

/// Which optimizer, without its settings: what the controls pick and a link writes (`opt=adam`).
/// Its one name, [`OptimizerKind::key`], is the `kind` tag of [`OptimizerConfig`] in serde (a
/// test holds them equal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OptimizerKind {
    /// `torch.optim.SGD`.
    Sgd,
    /// `torch.optim.Adam`.
    Adam,
    /// `torch.optim.RMSprop`.
    RmsProp,
}

impl OptimizerKind {
    /// Every optimizer, in the order the controls list them.
    pub const ALL: [OptimizerKind; 3] = [
        OptimizerKind::Adam,
        OptimizerKind::Sgd,
        OptimizerKind::RmsProp,
    ];

    /// The name in serde, links and the controls: `sgd`, `adam`, `rmsprop`.
    pub fn key(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Adam => "adam",
            OptimizerKind::RmsProp => "rmsprop",
        }
    }

    /// PyTorch's class name: `SGD`, `Adam`, `RMSprop`.
    pub fn torch_name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "SGD",
            OptimizerKind::Adam => "Adam",
            OptimizerKind::RmsProp => "RMSprop",
        }
    }

    /// This optimizer with learning rate `lr` and PyTorch's other defaults.
    pub fn with_lr(self, lr: f64) -> OptimizerConfig {
        match self {
            OptimizerKind::Sgd => OptimizerConfig::Sgd(SgdConfig {
                lr,
                ..Default::default()
            }),
            OptimizerKind::Adam => OptimizerConfig::Adam(AdamConfig {
                lr,
                ..Default::default()
            }),
            OptimizerKind::RmsProp => OptimizerConfig::RmsProp(RmsPropConfig {
                lr,
                ..Default::default()
            }),
        }
    }
}

impl std::fmt::Display for OptimizerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

impl std::str::FromStr for OptimizerKind {
    type Err = crate::nn::UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::nn::by_key("optimizer", &OptimizerKind::ALL, OptimizerKind::key, s)
    }
}

/// Which optimizer, with its settings (serde: `{"kind": "adam", "lr": 0.001, ...}`; `kind` is
/// [`OptimizerKind::key`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum OptimizerConfig {
    /// SGD.
    Sgd(SgdConfig),
    /// Adam.
    Adam(AdamConfig),
    /// RMSprop.
    RmsProp(RmsPropConfig),
}

impl Default for OptimizerConfig {
    fn default() -> Self {
        OptimizerConfig::Adam(AdamConfig::default())
    }
}

impl OptimizerConfig {
    /// Which optimizer this configures.
    pub fn kind(&self) -> OptimizerKind {
        match self {
            OptimizerConfig::Sgd(_) => OptimizerKind::Sgd,
            OptimizerConfig::Adam(_) => OptimizerKind::Adam,
            OptimizerConfig::RmsProp(_) => OptimizerKind::RmsProp,
        }
    }

    /// Validates the settings and builds the optimizer.
    pub fn build<F: Float>(&self) -> Result<AnyOptimizer<F>, OptimError> {
        Ok(match self {
            OptimizerConfig::Sgd(c) => AnyOptimizer::Sgd(Sgd::new(c.clone())?),
            OptimizerConfig::Adam(c) => AnyOptimizer::Adam(Adam::new(c.clone())?),
            OptimizerConfig::RmsProp(c) => AnyOptimizer::RmsProp(RmsProp::new(c.clone())?),
        })
    }
}

/// Any of the optimizers (what [`OptimizerConfig::build`] returns).
#[derive(Debug)]
pub enum AnyOptimizer<F> {
    /// SGD.
    Sgd(Sgd<F>),
    /// Adam.
    Adam(Adam<F>),
    /// RMSprop.
    RmsProp(RmsProp<F>),
}

/// `clone_from` reuses the state's buffers when both are the same optimizer.
impl<F: Clone> Clone for AnyOptimizer<F> {
    fn clone(&self) -> Self {
        match self {
            AnyOptimizer::Sgd(o) => AnyOptimizer::Sgd(o.clone()),
            AnyOptimizer::Adam(o) => AnyOptimizer::Adam(o.clone()),
            AnyOptimizer::RmsProp(o) => AnyOptimizer::RmsProp(o.clone()),
        }
    }
    fn clone_from(&mut self, source: &Self) {
        match (self, source) {
            (AnyOptimizer::Sgd(a), AnyOptimizer::Sgd(b)) => a.clone_from(b),
            (AnyOptimizer::Adam(a), AnyOptimizer::Adam(b)) => a.clone_from(b),
            (AnyOptimizer::RmsProp(a), AnyOptimizer::RmsProp(b)) => a.clone_from(b),
            (a, b) => *a = b.clone(),
        }
    }
}

macro_rules! dispatch {
    ($s:expr, $o:ident => $e:expr) => {
        match $s {
            AnyOptimizer::Sgd($o) => $e,
            AnyOptimizer::Adam($o) => $e,
            AnyOptimizer::RmsProp($o) => $e,
        }
    };
}

impl<F: Float> Optimizer<F> for AnyOptimizer<F> {
    fn step(&mut self, params: &mut Parameters<F>, grads: &Gradients<F>) -> Result<(), OptimError> {
        dispatch!(self, o => o.step(params, grads))
    }
    fn steps(&self) -> u64 {
        dispatch!(self, o => o.steps())
    }
    fn lr(&self) -> f64 {
        dispatch!(self, o => o.lr())
    }
    fn set_lr(&mut self, lr: f64) {
        dispatch!(self, o => o.set_lr(lr))
    }
    fn state(&self) -> Vec<(String, ArrayD<F>)> {
        dispatch!(self, o => o.state())
    }
    fn reset(&mut self) {
        dispatch!(self, o => o.reset())
    }
}

/// Convenience: one optimizer step on a network's parameters.
pub fn step_network<F: Float, O: Optimizer<F> + ?Sized>(
    opt: &mut O,
    net: &mut Network<F>,
    grads: &Gradients<F>,
) -> Result<(), OptimError> {
    opt.step(net.params_mut(), grads)
}

/// Clips gradients by their global L2 norm like `torch.nn.utils.clip_grad_norm_`:
/// if `norm > max_norm`, every gradient is scaled by `max_norm / (norm + 1e-6)`.
/// Returns the norm before clipping.
pub fn clip_grad_norm<F: Float>(grads: &mut Gradients<F>, max_norm: F) -> F {
    let norm = grads.global_norm();
    let coef = max_norm.to_f64_lossy() / (norm.to_f64_lossy() + 1e-6);
    if coef < 1.0 {
        grads.scale(F::from_f64_lossy(coef));
    }
    norm
}

pub(crate) fn named_state<F: Float>(
    prefix: &str,
    names: &[String],
    bufs: &[ArrayD<F>],
) -> Vec<(String, ArrayD<F>)> {
    names
        .iter()
        .zip(bufs)
        .map(|(n, b)| (format!("{prefix}.{n}"), b.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_optimizer_has_one_name_in_serde_links_and_controls() {
        for kind in OptimizerKind::ALL {
            let config = kind.with_lr(0.125);
            assert_eq!(config.kind(), kind);
            let json = serde_json::to_value(&config).unwrap();
            assert_eq!(json["kind"], kind.key(), "the serde tag is the key");
            assert_eq!(json["lr"], 0.125);
            assert_eq!(kind.key().parse::<OptimizerKind>(), Ok(kind));
            assert_eq!(kind.to_string(), kind.key());
        }
        let e = "Adam".parse::<OptimizerKind>().unwrap_err();
        assert_eq!((e.what, e.name.as_str()), ("optimizer", "Adam"));
    }
}
