//! Adam as `torch.optim.Adam` (L2 weight decay added to the gradient, not AdamW).

use super::{check, ensure_state, named_state, pairs, OptimError, Optimizer};
use crate::nn::{Float, Gradients, Parameters};
use ndarray::{ArrayD, Zip};
use serde::{Deserialize, Serialize};

/// `torch.optim.Adam` settings, PyTorch defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AdamConfig {
    /// Learning rate (default 1e-3).
    pub lr: f64,
    /// (β1, β2), default (0.9, 0.999).
    pub betas: (f64, f64),
    /// Added to the denominator, default 1e-8.
    pub eps: f64,
    /// L2 penalty added to the gradient, default 0.
    pub weight_decay: f64,
}

impl Default for AdamConfig {
    fn default() -> Self {
        AdamConfig {
            lr: 1e-3,
            betas: (0.9, 0.999),
            eps: 1e-8,
            weight_decay: 0.0,
        }
    }
}

/// Adam; state: `exp_avg`, `exp_avg_sq` per tensor and the step count.
#[derive(Debug)]
pub struct Adam<F> {
    cfg: AdamConfig,
    steps: u64,
    names: Vec<String>,
    exp_avg: Vec<ArrayD<F>>,
    exp_avg_sq: Vec<ArrayD<F>>,
}

clone_reusing_buffers!(Adam {
    cfg,
    steps,
    names,
    exp_avg,
    exp_avg_sq
});

impl<F: Float> Adam<F> {
    /// Validates and builds.
    pub fn new(cfg: AdamConfig) -> Result<Self, OptimError> {
        check("lr", cfg.lr, cfg.lr >= 0.0, "must be >= 0")?;
        check(
            "betas.0",
            cfg.betas.0,
            (0.0..1.0).contains(&cfg.betas.0),
            "must be in [0, 1)",
        )?;
        check(
            "betas.1",
            cfg.betas.1,
            (0.0..1.0).contains(&cfg.betas.1),
            "must be in [0, 1)",
        )?;
        check("eps", cfg.eps, cfg.eps >= 0.0, "must be >= 0")?;
        check(
            "weight_decay",
            cfg.weight_decay,
            cfg.weight_decay >= 0.0,
            "must be >= 0",
        )?;
        Ok(Adam {
            cfg,
            steps: 0,
            names: Vec::new(),
            exp_avg: Vec::new(),
            exp_avg_sq: Vec::new(),
        })
    }
}

impl<F: Float> Optimizer<F> for Adam<F> {
    fn step(&mut self, params: &mut Parameters<F>, grads: &Gradients<F>) -> Result<(), OptimError> {
        let (names, pg) = pairs(params, grads)?;
        ensure_state(&mut self.exp_avg, &pg)?;
        ensure_state(&mut self.exp_avg_sq, &pg)?;
        let c = &self.cfg;
        let t = (self.steps + 1) as i32;
        let (b1, b2) = c.betas;
        let bc1 = 1.0 - b1.powi(t);
        let bc2_sqrt = (1.0 - b2.powi(t)).sqrt();
        let step_size = F::from_f64_lossy(c.lr / bc1);
        let bc2_sqrt = F::from_f64_lossy(bc2_sqrt);
        let (fb1, fb2) = (F::from_f64_lossy(1.0 - b1), F::from_f64_lossy(b2));
        let fb2c = F::from_f64_lossy(1.0 - b2);
        let eps = F::from_f64_lossy(c.eps);
        let wd = F::from_f64_lossy(c.weight_decay);
        for (i, (mut p, g)) in pg.into_iter().enumerate() {
            Zip::from(&mut p)
                .and(g)
                .and(&mut self.exp_avg[i])
                .and(&mut self.exp_avg_sq[i])
                .for_each(|p, &g, m, v| {
                    let g = g + wd * *p;
                    *m += fb1 * (g - *m); // m ← β1 m + (1-β1) g
                    *v = fb2 * *v + fb2c * g * g; // v ← β2 v + (1-β2) g²
                                                  // p ← p - lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + eps)
                    let denom = v.sqrt() / bc2_sqrt + eps;
                    *p -= step_size * *m / denom;
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
        let mut s = named_state("exp_avg", &self.names, &self.exp_avg);
        s.extend(named_state("exp_avg_sq", &self.names, &self.exp_avg_sq));
        s
    }
    fn reset(&mut self) {
        self.steps = 0;
        self.exp_avg.clear();
        self.exp_avg_sq.clear();
    }
}
