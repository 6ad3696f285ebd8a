//! SGD with momentum, dampening, Nesterov and (L2) weight decay, as `torch.optim.SGD`.

use super::{check, ensure_state, named_state, pairs, OptimError, Optimizer};
use crate::nn::{Float, Gradients, Parameters};
use ndarray::{ArrayD, Zip};
use serde::{Deserialize, Serialize};

/// `torch.optim.SGD` settings (PyTorch defaults except `lr`, which PyTorch requires).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SgdConfig {
    /// Learning rate.
    pub lr: f64,
    /// Momentum factor (0 = plain SGD).
    pub momentum: f64,
    /// Dampening for momentum.
    pub dampening: f64,
    /// L2 penalty added to the gradient.
    pub weight_decay: f64,
    /// Nesterov momentum (needs momentum > 0 and dampening 0).
    pub nesterov: bool,
}

impl Default for SgdConfig {
    fn default() -> Self {
        SgdConfig {
            lr: 0.01,
            momentum: 0.0,
            dampening: 0.0,
            weight_decay: 0.0,
            nesterov: false,
        }
    }
}

/// SGD; state: `momentum_buffer` per tensor.
#[derive(Debug)]
pub struct Sgd<F> {
    cfg: SgdConfig,
    steps: u64,
    names: Vec<String>,
    momentum_buffer: Vec<ArrayD<F>>,
}

clone_reusing_buffers!(Sgd {
    cfg,
    steps,
    names,
    momentum_buffer
});

impl<F: Float> Sgd<F> {
    /// Validates and builds.
    pub fn new(cfg: SgdConfig) -> Result<Self, OptimError> {
        check("lr", cfg.lr, cfg.lr >= 0.0, "must be >= 0")?;
        check(
            "momentum",
            cfg.momentum,
            cfg.momentum >= 0.0,
            "must be >= 0",
        )?;
        check("dampening", cfg.dampening, true, "must be finite")?;
        check(
            "weight_decay",
            cfg.weight_decay,
            cfg.weight_decay >= 0.0,
            "must be >= 0",
        )?;
        if cfg.nesterov && (cfg.momentum <= 0.0 || cfg.dampening != 0.0) {
            return Err(OptimError::Config {
                field: "nesterov",
                value: cfg.momentum,
                reason: "Nesterov momentum requires momentum > 0 and dampening = 0",
            });
        }
        Ok(Sgd {
            cfg,
            steps: 0,
            names: Vec::new(),
            momentum_buffer: Vec::new(),
        })
    }
}

impl<F: Float> Optimizer<F> for Sgd<F> {
    fn step(&mut self, params: &mut Parameters<F>, grads: &Gradients<F>) -> Result<(), OptimError> {
        let (names, pg) = pairs(params, grads)?;
        let c = &self.cfg;
        let lr = F::from_f64_lossy(c.lr);
        let wd = F::from_f64_lossy(c.weight_decay);
        let mom = F::from_f64_lossy(c.momentum);
        let damp = F::from_f64_lossy(1.0 - c.dampening);
        let use_mom = c.momentum != 0.0;
        if use_mom {
            ensure_state(&mut self.momentum_buffer, &pg)?;
        }
        let first = self.steps == 0;
        for (i, (mut p, g)) in pg.into_iter().enumerate() {
            if !use_mom {
                // p ← p - lr (g + wd p)
                Zip::from(&mut p).and(g).for_each(|p, &g| {
                    let d = g + wd * *p;
                    *p -= lr * d;
                });
                continue;
            }
            let buf = &mut self.momentum_buffer[i];
            let nesterov = c.nesterov;
            Zip::from(&mut p).and(g).and(buf).for_each(|p, &g, b| {
                let d = g + wd * *p;
                // b ← d (first step), else b ← μ b + (1 - dampening) d
                *b = if first { d } else { mom * *b + damp * d };
                // Nesterov: d + μ b, else b
                let u = if nesterov { d + mom * *b } else { *b };
                *p -= lr * u;
            });
        }
        self.names = names;
        self.steps += 1;
        Ok(())
    }
    fn steps(&self) -> u64 {
        self.steps
    }
    fn lr(&self) -> f64 {
        self.cfg.lr
    }
    fn set_lr(&mut self, lr: f64) {
        self.cfg.lr = lr;
    }
    fn state(&self) -> Vec<(String, ArrayD<F>)> {
        named_state("momentum_buffer", &self.names, &self.momentum_buffer)
    }
    fn reset(&mut self) {
        self.steps = 0;
        self.momentum_buffer.clear();
    }
}
