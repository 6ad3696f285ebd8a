//! The Elman RNN cell's elementwise part: `h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)`.

use super::lstm::tanh_slice;
use super::{simd_dispatch, Nonlinearity};

simd_dispatch! {
    /// One timestep, all batch rows. `pre: [B*H]` pre-activations in, activations out;
    /// `h: [B*H]` receives h_t.
    fn forward_block<F>(nl: Nonlinearity, pre: &mut [F], h: &mut [F]) {
        match nl {
            Nonlinearity::Tanh => tanh_slice(pre), // h_t = tanh(pre)
            Nonlinearity::Relu => {
                for p in pre.iter_mut() {
                    *p = p.max(F::zero()); // h_t = relu(pre)
                }
            }
        }
        h.copy_from_slice(pre);
    }
}

simd_dispatch! {
    /// One timestep, all batch rows: `dpre = dh ⊙ act'(pre)` from h_t and ∂L/∂h_t (`[B*H]`).
    fn backward_block<F>(nl: Nonlinearity, h: &[F], dh: &[F], dpre: &mut [F]) {
        for ((dp, &h), &dh) in dpre.iter_mut().zip(h).zip(dh) {
            *dp = match nl {
                // tanh' = 1 - h²
                Nonlinearity::Tanh => dh * (F::one() - h * h),
                // relu' = [h > 0]
                Nonlinearity::Relu => {
                    if h > F::zero() {
                        dh
                    } else {
                        F::zero()
                    }
                }
            };
        }
    }
}
