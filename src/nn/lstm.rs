//! The LSTM cell's elementwise part, gates in PyTorch order i, f, g, o.

use super::{simd_dispatch, Float};

simd_dispatch! {
    /// One timestep, all batch rows. `gates: [B*4H]` pre-activations in (i, f, g, o blocks of
    /// each row), activations out; `c_prev: [B*H]` -> `c: [B*H]`, `h: [B*H]`.
    fn forward_block<F>(gates: &mut [F], c_prev: &[F], c: &mut [F], h: &mut [F], hidden: usize) {
        let hn = hidden;
        for (((gates, c_prev), c), h) in gates
            .chunks_exact_mut(4 * hn)
            .zip(c_prev.chunks_exact(hn))
            .zip(c.chunks_exact_mut(hn))
            .zip(h.chunks_exact_mut(hn))
        {
            // Activations as simple in-place passes (they vectorise), then the state update.
            let (sig_if, rest) = gates.split_at_mut(2 * hn);
            sigmoid_slice(sig_if); // i = σ(W_ii x + b_ii + W_hi h + b_hi), f likewise
            let (cell_candidate, output_gate) = rest.split_at_mut(hn);
            tanh_slice(cell_candidate); // g = tanh(W_ig x + b_ig + W_hg h + b_hg)
            sigmoid_slice(output_gate); // o = σ(W_io x + b_io + W_ho h + b_ho)
            let (input_gate, forget_gate) = sig_if.split_at(hn);
            for ((c, &cp), ((&i, &f), &g)) in c
                .iter_mut()
                .zip(c_prev)
                .zip(input_gate.iter().zip(forget_gate).zip(cell_candidate.iter()))
            {
                *c = f * cp + i * g; // c_t = f ⊙ c_{t-1} + i ⊙ g
            }
            h.copy_from_slice(c);
            tanh_slice(h);
            for (h, &o) in h.iter_mut().zip(output_gate.iter()) {
                *h = o * *h; // h_t = o ⊙ tanh(c_t)
            }
        }
    }
}

/// `x ← σ(x)` elementwise.
#[inline(always)]
pub(crate) fn sigmoid_slice<F: Float>(x: &mut [F]) {
    for v in x.iter_mut() {
        *v = v.act_sigmoid();
    }
}

/// `x ← tanh(x)` elementwise.
#[inline(always)]
pub(crate) fn tanh_slice<F: Float>(x: &mut [F]) {
    for v in x.iter_mut() {
        *v = v.act_tanh();
    }
}

simd_dispatch! {
    /// One timestep of the backward pass, all batch rows. `dc: [B*H]` holds ∂L/∂c_t from step
    /// t+1 on entry and the total ∂L/∂c_t on exit; `dgates: [B*4H]` receives
    /// ∂L/∂(pre-activations).
    fn backward_block<F>(
        gates: &[F],
        c_prev: &[F],
        c: &[F],
        dh: &[F],
        dc: &mut [F],
        dgates: &mut [F],
        hidden: usize,
    ) {
        let hn = hidden;
        let one = F::one();
        for (((((gates, c_prev), c), dh), dc), dgates) in gates
            .chunks_exact(4 * hn)
            .zip(c_prev.chunks_exact(hn))
            .zip(c.chunks_exact(hn))
            .zip(dh.chunks_exact(hn))
            .zip(dc.chunks_exact_mut(hn))
            .zip(dgates.chunks_exact_mut(4 * hn))
        {
            let (d_input, rest) = dgates.split_at_mut(hn);
            let (d_forget, rest) = rest.split_at_mut(hn);
            let (d_cand, d_output) = rest.split_at_mut(hn);
            let (d_input, d_forget) = (&mut d_input[..hn], &mut d_forget[..hn]);
            let (d_cand, d_output) = (&mut d_cand[..hn], &mut d_output[..hn]);
            let (gi, gf) = (&gates[..hn], &gates[hn..2 * hn]);
            let (gg, go) = (&gates[2 * hn..3 * hn], &gates[3 * hn..4 * hn]);
            let (c_prev, c, dh, dc) = (&c_prev[..hn], &c[..hn], &dh[..hn], &mut dc[..hn]);
            d_output.copy_from_slice(c);
            tanh_slice(d_output); // tanh(c_t), overwritten below
            for j in 0..hn {
                let i = gi[j];
                let f = gf[j];
                let g = gg[j];
                let o = go[j];
                let tc = d_output[j];
                // ∂L/∂c_t = ∂L/∂c_t(from t+1) + ∂L/∂h_t ⊙ o ⊙ (1 - tanh²c_t)
                let dct = dc[j] + dh[j] * o * (one - tc * tc);
                dc[j] = dct;
                d_output[j] = dh[j] * tc * o * (one - o); // ∂o_pre = ∂h ⊙ tanh(c) ⊙ σ'
                d_input[j] = dct * g * i * (one - i); // ∂i_pre = ∂c ⊙ g ⊙ σ'
                d_forget[j] = dct * c_prev[j] * f * (one - f); // ∂f_pre = ∂c ⊙ c_{t-1} ⊙ σ'
                d_cand[j] = dct * i * (one - g * g); // ∂g_pre = ∂c ⊙ i ⊙ tanh'
            }
        }
    }
}
