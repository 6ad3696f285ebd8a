//! The Elman RNN cell's elementwise part: `h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)`.

use super::{simd_dispatch, Nonlinearity};

simd_dispatch! {
    /// One timestep forward, all batch rows, in place: `h: [B, H]` holds the pre-activations
    /// `x_t W_ihᵀ + b_ih + b_hh + h_{t-1} W_hhᵀ` on entry and h_t on exit. With `pre: [B, H]`,
    /// the pre-activations are copied there first (traces).
    fn forward_step<F>(nl: Nonlinearity, h: &mut [F], pre: Option<&mut [F]>) {
        if let Some(p) = pre {
            p.copy_from_slice(h);
        }
        match nl {
            Nonlinearity::Tanh => {
                for v in h.iter_mut() {
                    *v = v.act_tanh(); // h_t = tanh(pre)
                }
            }
            Nonlinearity::Relu => {
                for v in h.iter_mut() {
                    *v = v.max(F::zero()); // h_t = relu(pre)
                }
            }
        }
    }
}

simd_dispatch! {
    /// One timestep backward, all batch rows: `dpre = ∂L/∂h_t ⊙ act'(pre)` from h_t, with
    /// ∂L/∂h_t = `dh_above + dh_next` (`[B, H]` each, `dh_above` absent when nothing above
    /// reads step t).
    fn backward_step<F>(
        nl: Nonlinearity,
        h: &[F],
        dh_above: Option<&[F]>,
        dh_next: &[F],
        dpre: &mut [F],
        hidden: usize,
    ) {
        for (row, (h, dpre)) in h.chunks_exact(hidden).zip(dpre.chunks_exact_mut(hidden)).enumerate() {
            let rows = row * hidden..(row + 1) * hidden;
            let (h, dpre, dh_next) = (&h[..hidden], &mut dpre[..hidden], &dh_next[rows.clone()]);
            macro_rules! unit {
                ($j:expr, $dh:expr) => {{
                    let (j, dh) = ($j, $dh);
                    let d = match nl {
                        // tanh' = 1 - h²
                        Nonlinearity::Tanh => dh * (F::one() - h[j] * h[j]),
                        // relu' = [h > 0]
                        Nonlinearity::Relu => {
                            if h[j] > F::zero() {
                                dh
                            } else {
                                F::zero()
                            }
                        }
                    };
                    dpre[j] = d;
                }};
            }
            // ∂L/∂h_t = from above + from step t+1
            match dh_above {
                Some(above) => {
                    let above = &above[rows];
                    for j in 0..hidden {
                        unit!(j, above[j] + dh_next[j]);
                    }
                }
                None => {
                    for (j, &dn) in dh_next.iter().enumerate() {
                        unit!(j, dn);
                    }
                }
            }
        }
    }
}
