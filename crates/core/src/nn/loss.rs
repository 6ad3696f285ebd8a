//! Losses on the head output, each returning the loss and ∂L/∂(head output).

use super::{shape_err, Float, NnError};
use ndarray::{ArrayD, Axis, IxDyn};
use serde::{Deserialize, Serialize};

/// A loss function (PyTorch semantics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// `nn.MSELoss()`: mean over every element.
    #[default]
    MseMean,
    /// `Σ_t mean_{B,O} (y[:,t] - target[:,t])²` (the tutorial char model's summed loss).
    MseSumT,
    /// `nn.CrossEntropyLoss()` on logits with class-id targets; per-step logits `[B,T,O]`
    /// with targets `[B,T]` are averaged over `B*T`.
    CrossEntropy,
    /// `nn.BCEWithLogitsLoss()`: mean over every element.
    BceWithLogits,
}

/// Targets for a loss.
#[derive(Debug, Clone, PartialEq)]
pub enum Target<F> {
    /// Same shape as the head output (MSE, BCE).
    Dense(ArrayD<F>),
    /// Class ids: `[B]` for `[B, O]` logits, `[B, T]` for `[B, T, O]` logits.
    Classes(ArrayD<usize>),
}

impl Loss {
    /// Loss value and ∂L/∂y (same shape as `y`).
    pub fn compute<F: Float>(
        &self,
        y: &ArrayD<F>,
        target: &Target<F>,
    ) -> Result<(F, ArrayD<F>), NnError> {
        match (self, target) {
            (Loss::MseMean, Target::Dense(tg)) => {
                check_same(y, tg)?;
                let n = F::from_usize(y.len()).unwrap_or_else(F::one);
                let diff = y - tg;
                let loss = diff.iter().map(|&d| d * d).sum::<F>() / n;
                // ∂/∂y mean (y - t)² = 2 (y - t) / N
                let two = F::one() + F::one();
                Ok((loss, diff.mapv(|d| two * d / n)))
            }
            (Loss::MseSumT, Target::Dense(tg)) => {
                check_same(y, tg)?;
                // [B, T, O]: B*O elements per step; [B, O] is a single step.
                let per_step = match y.ndim() {
                    3 => y.shape()[0] * y.shape()[2],
                    _ => y.len(),
                };
                let m = F::from_usize(per_step).unwrap_or_else(F::one);
                let diff = y - tg;
                // Σ_t mean_{B,O}: every element is divided by B*O
                let loss = diff.iter().map(|&d| d * d).sum::<F>() / m;
                let two = F::one() + F::one();
                Ok((loss, diff.mapv(|d| two * d / m)))
            }
            (Loss::BceWithLogits, Target::Dense(tg)) => {
                check_same(y, tg)?;
                let n = F::from_usize(y.len()).unwrap_or_else(F::one);
                let mut loss = F::zero();
                let mut grad = ArrayD::<F>::zeros(y.raw_dim());
                for ((g, &x), &t) in grad.iter_mut().zip(y.iter()).zip(tg.iter()) {
                    // ℓ = max(x,0) - x t + log(1 + e^{-|x|})
                    loss += x.max(F::zero()) - x * t + (-x.abs()).exp().ln_1p();
                    // ∂ℓ/∂x = σ(x) - t
                    *g = (F::one() / (F::one() + (-x).exp()) - t) / n;
                }
                Ok((loss / n, grad))
            }
            (Loss::CrossEntropy, Target::Classes(cls)) => cross_entropy(y, cls),
            (l, _) => Err(NnError::Invalid(format!(
                "loss {l:?} needs {} targets",
                if *l == Loss::CrossEntropy {
                    "class-id"
                } else {
                    "dense"
                }
            ))),
        }
    }

    /// Each timestep's own loss for per-step outputs `[B, T, O]` (for traces): the loss of
    /// `y[:, t]` against `target[:, t]`. Other shapes give the whole loss as one step.
    pub fn per_step<F: Float>(&self, y: &ArrayD<F>, target: &Target<F>) -> Result<Vec<F>, NnError> {
        if y.ndim() != 3 {
            return Ok(vec![self.compute(y, target)?.0]);
        }
        let steps = y.shape()[1];
        (0..steps)
            .map(|t| {
                let yt = y.index_axis(Axis(1), t).to_owned();
                let tt = match target {
                    Target::Dense(d) => {
                        check_same(y, d)?;
                        Target::Dense(d.index_axis(Axis(1), t).to_owned())
                    }
                    Target::Classes(c) => {
                        if c.ndim() != 2 {
                            return Err(shape_err(
                                "cross-entropy targets",
                                &[y.shape()[0], steps],
                                c.shape(),
                            ));
                        }
                        Target::Classes(c.index_axis(Axis(1), t).to_owned())
                    }
                };
                let l = if *self == Loss::MseSumT {
                    Loss::MseMean
                } else {
                    *self
                };
                Ok(l.compute(&yt, &tt)?.0)
            })
            .collect()
    }
}

fn check_same<F>(y: &ArrayD<F>, t: &ArrayD<F>) -> Result<(), NnError> {
    if y.shape() != t.shape() {
        return Err(shape_err("target", y.shape(), t.shape()));
    }
    Ok(())
}

/// mean over rows of `logsumexp(y_r) - y_r[c_r]`; rows are all leading axes of `y`.
fn cross_entropy<F: Float>(y: &ArrayD<F>, cls: &ArrayD<usize>) -> Result<(F, ArrayD<F>), NnError> {
    if y.ndim() < 2 || cls.shape() != &y.shape()[..y.ndim() - 1] {
        return Err(shape_err(
            "cross-entropy targets",
            &y.shape()[..y.ndim().saturating_sub(1)],
            cls.shape(),
        ));
    }
    let classes = y.shape()[y.ndim() - 1];
    let rows = y.len() / classes.max(1);
    let y2 = y
        .to_shape((rows, classes))
        .map_err(|e| NnError::Invalid(e.to_string()))?;
    let n = F::from_usize(rows).unwrap_or_else(F::one);
    let mut grad = ndarray::Array2::<F>::zeros((rows, classes));
    let mut loss = F::zero();
    for (r, (&c, row)) in cls.iter().zip(y2.rows()).enumerate() {
        if c >= classes {
            return Err(NnError::Invalid(format!(
                "class id {c} at target index {r} is out of range for {classes} classes"
            )));
        }
        let m = row.iter().fold(F::neg_infinity(), |a, &b| a.max(b));
        // e^(y_k - m), once, in the gradient's row; softmax(y)_k = e^(y_k - m) / Σ.
        let mut g = grad.row_mut(r);
        g.zip_mut_with(&row, |e, &v| *e = (v - m).act_exp());
        let sum: F = g.iter().copied().sum();
        loss += m + sum.ln() - row[c];
        // ∂/∂y = (softmax(y) - onehot(c)) / N
        let scale = F::one() / (sum * n);
        g.mapv_inplace(|e| e * scale);
        g[c] -= F::one() / n;
    }
    let grad = grad
        .into_shape_with_order(IxDyn(y.shape()))
        .map_err(|e| NnError::Invalid(e.to_string()))?;
    Ok((loss / n, grad))
}
