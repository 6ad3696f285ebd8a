//! The GRU cell's elementwise part, gates in PyTorch order r, z, n.
//!
//! As for the LSTM (`lstm.rs`): forward is a few short vectorised passes over each batch row
//! while it sits in the L1 cache (biases included), backward one pass per row.

use super::lstm::{sigmoid_slice, tanh_slice};
use super::simd_dispatch;

simd_dispatch! {
    /// One timestep forward, all batch rows.
    /// `gates: [B, 3H]` holds `x_t W_ihᵀ` (blocks r, z, n of each row) on entry and the
    /// activations on exit; `gh: [B, 3H]` is `h_{t-1} W_hhᵀ`; `b_ih`, `b_hh: [3H]`;
    /// `gh_n: [B, H]` receives `W_hn h_{t-1} + b_hn` (kept for backward), `h: [B, H]` h_t.
    /// With `pre: [B, 3H]`, the pre-activations are stored there too (traces).
    fn forward_step<F>(
        gates: &mut [F],
        gh: &[F],
        b_ih: &[F],
        b_hh: &[F],
        h_prev: &[F],
        gh_n: &mut [F],
        h: &mut [F],
        pre: Option<&mut [F]>,
        hidden: usize,
    ) {
        let hn = hidden;
        let mut pre = pre;
        let (bi_rz, bi_n) = b_ih[..3 * hn].split_at(2 * hn);
        let (bh_rz, bh_n) = b_hh[..3 * hn].split_at(2 * hn);
        for (row, ((((gates, gh), h_prev), gh_n), h)) in gates
            .chunks_exact_mut(3 * hn)
            .zip(gh.chunks_exact(3 * hn))
            .zip(h_prev.chunks_exact(hn))
            .zip(gh_n.chunks_exact_mut(hn))
            .zip(h.chunks_exact_mut(hn))
            .enumerate()
        {
            let mut pre_row = pre.as_deref_mut().map(|p| &mut p[row * 3 * hn..(row + 1) * 3 * hn]);
            let (rz, new_gate) = gates.split_at_mut(2 * hn);
            let (gh_rz, gh_nn) = gh.split_at(2 * hn);
            // pre_r = W_ir x_t + b_ir + W_hr h_{t-1} + b_hr, pre_z likewise
            for (((v, &bi), &g), &bh) in rz.iter_mut().zip(bi_rz).zip(gh_rz).zip(bh_rz) {
                *v = (*v + bi) + (g + bh);
            }
            // W_hn h_{t-1} + b_hn
            for ((o, &g), &bh) in gh_n.iter_mut().zip(gh_nn).zip(bh_n) {
                *o = g + bh;
            }
            if let Some(p) = pre_row.as_deref_mut() {
                p[..2 * hn].copy_from_slice(rz);
            }
            sigmoid_slice(rz); // r_t = σ(pre_r), z_t = σ(pre_z)
            let (reset_gate, update_gate) = rz.split_at(hn);
            // pre_n = W_in x_t + b_in + r_t ⊙ (W_hn h_{t-1} + b_hn)
            for (((n, &bi), &r), &ghn) in new_gate.iter_mut().zip(bi_n).zip(reset_gate).zip(gh_n.iter()) {
                *n = (*n + bi) + r * ghn;
            }
            if let Some(p) = pre_row {
                p[2 * hn..].copy_from_slice(new_gate);
            }
            tanh_slice(new_gate); // n_t = tanh(pre_n)
            // h_t = (1 - z_t) ⊙ n_t + z_t ⊙ h_{t-1}
            for (((h, &z), &n), &hp) in h.iter_mut().zip(update_gate).zip(new_gate.iter()).zip(h_prev) {
                *h = (F::one() - z) * n + z * hp;
            }
        }
    }
}

simd_dispatch! {
    /// One timestep backward, all batch rows, in one pass. ∂L/∂h_t is `dh_above + dh_next`
    /// (from the layer above or the head, absent when nothing there reads step t, and from
    /// step t+1), `[B, H]` each. Writes ∂L/∂(input-side pre-activations) `dgi: [B, 3H]` and
    /// ∂L/∂(hidden-side pre-activations) `dgh: [B, 3H]` (n block: ∂ of `W_hn h + b_hn`), and
    /// leaves in `dh_next` the direct part of
    /// ∂L/∂h_{t-1}, `∂L/∂h_t ⊙ z_t` (the product with `W_hh` is added after).
    fn backward_step<F>(
        gates: &[F],
        gh_n: &[F],
        h_prev: &[F],
        dh_above: Option<&[F]>,
        dh_next: &mut [F],
        dgi: &mut [F],
        dgh: &mut [F],
        hidden: usize,
    ) {
        let hn = hidden;
        let one = F::one();
        for (row, (((((gates, gh_n), h_prev), dh_next), dgi), dgh)) in gates
            .chunks_exact(3 * hn)
            .zip(gh_n.chunks_exact(hn))
            .zip(h_prev.chunks_exact(hn))
            .zip(dh_next.chunks_exact_mut(hn))
            .zip(dgi.chunks_exact_mut(3 * hn))
            .zip(dgh.chunks_exact_mut(3 * hn))
            .enumerate()
        {
            let (gr, gz, gn) = (&gates[..hn], &gates[hn..2 * hn], &gates[2 * hn..3 * hn]);
            let (gh_n, h_prev, dh_next) = (&gh_n[..hn], &h_prev[..hn], &mut dh_next[..hn]);
            let (dgi_r, rest) = dgi.split_at_mut(hn);
            let (dgi_z, dgi_n) = rest.split_at_mut(hn);
            let (dgh_r, rest) = dgh.split_at_mut(hn);
            let (dgh_z, dgh_n) = rest.split_at_mut(hn);
            let (dgi_n, dgh_n) = (&mut dgi_n[..hn], &mut dgh_n[..hn]);
            macro_rules! unit {
                ($j:expr, $dh:expr) => {{
                    let (j, dh) = ($j, $dh);
                    let (r, z, n) = (gr[j], gz[j], gn[j]);
                    let dn_pre = dh * (one - z) * (one - n * n); // ∂n_pre = ∂h_t ⊙ (1 - z_t) ⊙ tanh'
                    let dz_pre = dh * (h_prev[j] - n) * z * (one - z); // ∂z_pre = ∂h_t ⊙ (h_{t-1} - n_t) ⊙ σ'
                    let dr_pre = dn_pre * gh_n[j] * r * (one - r); // ∂r_pre = ∂n_pre ⊙ (W_hn h_{t-1} + b_hn) ⊙ σ'
                    let dghn = dn_pre * r; // ∂(W_hn h_{t-1} + b_hn) = ∂n_pre ⊙ r_t
                    dgi_r[j] = dr_pre;
                    dgi_z[j] = dz_pre;
                    dgi_n[j] = dn_pre;
                    dgh_r[j] = dr_pre;
                    dgh_z[j] = dz_pre;
                    dgh_n[j] = dghn;
                    dh_next[j] = dh * z; // ∂L/∂h_{t-1}, direct part: ∂L/∂h_t ⊙ z_t
                }};
            }
            // ∂L/∂h_t = from above + from step t+1
            match dh_above {
                Some(above) => {
                    let above = &above[row * hn..(row + 1) * hn];
                    for j in 0..hn {
                        unit!(j, above[j] + dh_next[j]);
                    }
                }
                None => {
                    for j in 0..hn {
                        unit!(j, dh_next[j]);
                    }
                }
            }
        }
    }
}
