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

/// Which optimizer, with its settings (serde: `{"kind": "adam", "lr": 0.001, ...}`).
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
