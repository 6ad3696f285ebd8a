//! The LSTM cell's elementwise part, gates in PyTorch order i, f, g, o.
//!
//! A timestep works one batch row at a time, so a row's gates and states stay in the L1 cache
//! while a few short passes go over them: each pass is a plain loop over contiguous values
//! that the compiler vectorises (one loop doing everything for a unit, with its five
//! activations, does not vectorise: too many pointers into the same buffer). tanh(c_t) is
//! kept from the forward pass for backward; backward is one pass per row.

use super::{simd_dispatch, Float};

simd_dispatch! {
    /// One timestep forward, all batch rows.
    /// `gates: [B, 4H]` holds the pre-activations `x_t W_ihᵀ + b_ih + b_hh + h_{t-1} W_hhᵀ`
    /// (blocks i, f, g, o of each row) on entry and the activations on exit; `c_prev: [B, H]`;
    /// `c`, `tanh_c`, `h: [B, H]` receive c_t, tanh(c_t) (kept for backward) and h_t. With
    /// `pre: [B, 4H]`, the pre-activations are copied there first (traces).
    fn forward_step<F>(
        gates: &mut [F],
        c_prev: &[F],
        c: &mut [F],
        tanh_c: &mut [F],
        h: &mut [F],
        pre: Option<&mut [F]>,
        hidden: usize,
    ) {
        let hn = hidden;
        if let Some(p) = pre {
            p.copy_from_slice(gates);
        }
        for ((((gates, c_prev), c), tanh_c), h) in gates
            .chunks_exact_mut(4 * hn)
            .zip(c_prev.chunks_exact(hn))
            .zip(c.chunks_exact_mut(hn))
            .zip(tanh_c.chunks_exact_mut(hn))
            .zip(h.chunks_exact_mut(hn))
        {
            let (sig_if, rest) = gates.split_at_mut(2 * hn);
            sigmoid_slice(sig_if); // i_t = σ(pre_i), f_t = σ(pre_f)
            let (cell_candidate, output_gate) = rest.split_at_mut(hn);
            tanh_slice(cell_candidate); // g_t = tanh(pre_g)
            sigmoid_slice(output_gate); // o_t = σ(pre_o)
            let (input_gate, forget_gate) = sig_if.split_at(hn);
            for (((c, tanh_c), h), (((&cp, &i), &f), (&g, &o))) in c
                .iter_mut()
                .zip(tanh_c.iter_mut())
                .zip(h.iter_mut())
                .zip(
                    c_prev
                        .iter()
                        .zip(input_gate)
                        .zip(forget_gate)
                        .zip(cell_candidate.iter().zip(output_gate.iter())),
                )
            {
                let c_t = f * cp + i * g; // c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
                let tc = c_t.act_tanh();
                *c = c_t;
                *tanh_c = tc;
                *h = o * tc; // h_t = o_t ⊙ tanh(c_t)
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
    /// One timestep backward, all batch rows, in one pass.
    /// `gates: [B, 4H]` activations i, f, g, o; `c_prev`, `tanh_c: [B, H]` are c_{t-1} and
    /// tanh(c_t); ∂L/∂h_t is `dh_above + dh_next` (from the layer above or the head, absent
    /// when nothing there reads step t, and from step t+1 through `W_hh`), `[B, H]` each.
    /// `dc: [B, H]` holds ∂L/∂c_t from step t+1 on entry and ∂L/∂c_{t-1} = ∂L/∂c_t ⊙ f_t on
    /// exit; with `dc_total`, the total ∂L/∂c_t is stored there too (traces).
    /// `dgates: [B, 4H]` receives ∂L/∂(pre-activations).
    fn backward_step<F>(
        gates: &[F],
        c_prev: &[F],
        tanh_c: &[F],
        dh_above: Option<&[F]>,
        dh_next: &[F],
        dc: &mut [F],
        dc_total: Option<&mut [F]>,
        dgates: &mut [F],
        hidden: usize,
    ) {
        let hn = hidden;
        let one = F::one();
        let mut dc_total = dc_total;
        for (row, ((((gates, c_prev), tanh_c), dc), dgates)) in gates
            .chunks_exact(4 * hn)
            .zip(c_prev.chunks_exact(hn))
            .zip(tanh_c.chunks_exact(hn))
            .zip(dc.chunks_exact_mut(hn))
            .zip(dgates.chunks_exact_mut(4 * hn))
            .enumerate()
        {
            let rows = row * hn..(row + 1) * hn;
            let dh_next = &dh_next[rows.clone()];
            let (d_input, rest) = dgates.split_at_mut(hn);
            let (d_forget, rest) = rest.split_at_mut(hn);
            let (d_cand, d_output) = rest.split_at_mut(hn);
            let d_output = &mut d_output[..hn];
            let (gi, gf) = (&gates[..hn], &gates[hn..2 * hn]);
            let (gg, go) = (&gates[2 * hn..3 * hn], &gates[3 * hn..4 * hn]);
            let (c_prev, tanh_c, dc) = (&c_prev[..hn], &tanh_c[..hn], &mut dc[..hn]);
            // One unit j with ∂L/∂h_t = dh; evaluates to the total ∂L/∂c_t. (A macro, not a
            // closure: the slices stay distinct to the optimiser, so the loops vectorise.)
            macro_rules! unit {
                ($j:expr, $dh:expr) => {{
                    let (j, dh) = ($j, $dh);
                    let (i, f, g, o, tc) = (gi[j], gf[j], gg[j], go[j], tanh_c[j]);
                    // ∂L/∂c_t = ∂L/∂c_t (from t+1) + ∂L/∂h_t ⊙ o_t ⊙ (1 - tanh²(c_t))
                    let dct = dc[j] + dh * o * (one - tc * tc);
                    let d_o = dh * tc * o * (one - o); // ∂o_pre = ∂h_t ⊙ tanh(c_t) ⊙ σ'
                    let d_i = dct * g * i * (one - i); // ∂i_pre = ∂c_t ⊙ g_t ⊙ σ'
                    let d_f = dct * c_prev[j] * f * (one - f); // ∂f_pre = ∂c_t ⊙ c_{t-1} ⊙ σ'
                    let d_g = dct * i * (one - g * g); // ∂g_pre = ∂c_t ⊙ i_t ⊙ tanh'
                    d_input[j] = d_i;
                    d_forget[j] = d_f;
                    d_cand[j] = d_g;
                    d_output[j] = d_o;
                    dc[j] = dct * f; // ∂L/∂c_{t-1} = ∂L/∂c_t ⊙ f_t
                    dct
                }};
            }
            // ∂L/∂h_t = from above + from step t+1
            match (dh_above, dc_total.as_deref_mut()) {
                (Some(above), None) => {
                    let above = &above[rows];
                    for j in 0..hn {
                        unit!(j, above[j] + dh_next[j]);
                    }
                }
                (None, None) => {
                    for (j, &dn) in dh_next.iter().enumerate() {
                        unit!(j, dn);
                    }
                }
                (above, Some(total)) => {
                    let total = &mut total[rows.clone()];
                    for j in 0..hn {
                        let dh = above.map_or(F::zero(), |a| a[rows.start + j]) + dh_next[j];
                        total[j] = unit!(j, dh);
                    }
                }
            }
        }
    }
}
