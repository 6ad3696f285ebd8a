//! RMSprop as `torch.optim.RMSprop` (alpha, eps, momentum, centered, weight decay).

use super::{check, ensure_state, named_state, pairs, OptimError, Optimizer};
use crate::nn::{Float, Gradients, Parameters};
use ndarray::ArrayD;
use serde::{Deserialize, Serialize};

/// `torch.optim.RMSprop` settings, PyTorch defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RmsPropConfig {
    /// Learning rate (default 1e-2).
    pub lr: f64,
    /// Smoothing constant (default 0.99).
    pub alpha: f64,
    /// Added to the denominator (default 1e-8).
    pub eps: f64,
    /// L2 penalty added to the gradient (default 0).
    pub weight_decay: f64,
    /// Momentum (default 0).
    pub momentum: f64,
    /// Normalise by the centred second moment (default false).
    pub centered: bool,
}

impl Default for RmsPropConfig {
    fn default() -> Self {
        RmsPropConfig {
            lr: 1e-2,
            alpha: 0.99,
            eps: 1e-8,
            weight_decay: 0.0,
            momentum: 0.0,
            centered: false,
        }
    }
}

/// RMSprop; state: `square_avg` (+ `grad_avg` centred, + `momentum_buffer`).
#[derive(Debug)]
pub struct RmsProp<F> {
    cfg: RmsPropConfig,
    steps: u64,
    names: Vec<String>,
    square_avg: Vec<ArrayD<F>>,
    grad_avg: Vec<ArrayD<F>>,
    momentum_buffer: Vec<ArrayD<F>>,
}

clone_reusing_buffers!(RmsProp {
    cfg,
    steps,
    names,
    square_avg,
    grad_avg,
    momentum_buffer
});

impl<F: Float> RmsProp<F> {
    /// Validates and builds.
    pub fn new(cfg: RmsPropConfig) -> Result<Self, OptimError> {
        check("lr", cfg.lr, cfg.lr >= 0.0, "must be >= 0")?;
        check("alpha", cfg.alpha, cfg.alpha >= 0.0, "must be >= 0")?;
        check("eps", cfg.eps, cfg.eps >= 0.0, "must be >= 0")?;
        check(
            "momentum",
            cfg.momentum,
            cfg.momentum >= 0.0,
            "must be >= 0",
        )?;
        check(
            "weight_decay",
            cfg.weight_decay,
            cfg.weight_decay >= 0.0,
            "must be >= 0",
        )?;
        Ok(RmsProp {
            cfg,
            steps: 0,
            names: Vec::new(),
            square_avg: Vec::new(),
            grad_avg: Vec::new(),
            momentum_buffer: Vec::new(),
        })
    }
}

impl<F: Float> Optimizer<F> for RmsProp<F> {
    fn step(&mut self, params: &mut Parameters<F>, grads: &Gradients<F>) -> Result<(), OptimError> {
        let (names, pg) = pairs(params, grads)?;
        let c = self.cfg.clone();
        ensure_state(&mut self.square_avg, &pg)?;
        if c.centered {
            ensure_state(&mut self.grad_avg, &pg)?;
        }
        if c.momentum > 0.0 {
            ensure_state(&mut self.momentum_buffer, &pg)?;
        }
        let lr = F::from_f64_lossy(c.lr);
        let alpha = F::from_f64_lossy(c.alpha);
        let one_m_alpha = F::from_f64_lossy(1.0 - c.alpha);
        let eps = F::from_f64_lossy(c.eps);
        let wd = F::from_f64_lossy(c.weight_decay);
        let mom = F::from_f64_lossy(c.momentum);
        for (i, (mut p, g)) in pg.into_iter().enumerate() {
            let n = p.len();
            let ps = p.as_slice_mut();
            let gs = g.as_slice();
            let (Some(ps), Some(gs)) = (ps, gs) else {
                return Err(OptimError::Mismatch("non-contiguous tensor".into()));
            };
            let sq = self.square_avg[i].as_slice_mut().unwrap_or(&mut []);
            for j in 0..n {
                let g = gs[j] + wd * ps[j];
                sq[j] = alpha * sq[j] + one_m_alpha * g * g; // v ← α v + (1-α) g²
                let avg = if c.centered {
                    let ga = &mut self.grad_avg[i].as_slice_mut().unwrap_or(&mut [])[j];
                    *ga += one_m_alpha * (g - *ga); // ḡ ← α ḡ + (1-α) g
                    (sq[j] - *ga * *ga).sqrt() + eps
                } else {
                    sq[j].sqrt() + eps
                };
                if c.momentum > 0.0 {
                    let b = &mut self.momentum_buffer[i].as_slice_mut().unwrap_or(&mut [])[j];
                    *b = mom * *b + g / avg; // b ← μ b + g / (sqrt(v) + eps)
                    ps[j] -= lr * *b;
                } else {
                    ps[j] -= lr * g / avg; // p ← p - lr g / (sqrt(v) + eps)
                }
            }
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
        let mut s = named_state("square_avg", &self.names, &self.square_avg);
        s.extend(named_state("grad_avg", &self.names, &self.grad_avg));
        s.extend(named_state(
            "momentum_buffer",
            &self.names,
            &self.momentum_buffer,
        ));
        s
    }
    fn reset(&mut self) {
        self.steps = 0;
        self.square_avg.clear();
        self.grad_avg.clear();
        self.momentum_buffer.clear();
    }
}
