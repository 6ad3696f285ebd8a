//! The GRU cell's elementwise part, gates in PyTorch order r, z, n.

use super::lstm::{sigmoid_slice, tanh_slice};
use super::simd_dispatch;

simd_dispatch! {
    /// One timestep, all batch rows. `gates: [B*3H]` holds `gi + gh` for r and z and
    /// `gi_n = W_in x + b_in` for n on entry, activations on exit; `gh_n: [B*H]` is
    /// `W_hn h + b_hn`; `h: [B*H]` receives h_t. With `pre_n`, the n gate's pre-activation is
    /// stored there (for traces).
    fn forward_block<F>(
        gates: &mut [F],
        gh_n: &[F],
        h_prev: &[F],
        h: &mut [F],
        pre_n: Option<&mut [F]>,
        hidden: usize,
    ) {
        let hn = hidden;
        let mut pre_n = pre_n;
        for (row, (((gates, gh_n), h_prev), h)) in gates
            .chunks_exact_mut(3 * hn)
            .zip(gh_n.chunks_exact(hn))
            .zip(h_prev.chunks_exact(hn))
            .zip(h.chunks_exact_mut(hn))
            .enumerate()
        {
            let (sig_rz, new_gate) = gates.split_at_mut(2 * hn);
            sigmoid_slice(sig_rz); // r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + ...)
            let (reset_gate, update_gate) = sig_rz.split_at(hn);
            for ((n, &r), &ghn) in new_gate.iter_mut().zip(reset_gate).zip(gh_n) {
                *n += r * ghn; // W_in x + b_in + r ⊙ (W_hn h + b_hn)
            }
            if let Some(p) = pre_n.as_deref_mut() {
                p[row * hn..(row + 1) * hn].copy_from_slice(new_gate);
            }
            tanh_slice(new_gate); // n = tanh(...)
            for ((h, &hp), (&z, &n)) in h.iter_mut().zip(h_prev).zip(update_gate.iter().zip(new_gate.iter())) {
                *h = (F::one() - z) * n + z * hp; // h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}
            }
        }
    }
}

simd_dispatch! {
    /// One timestep of the backward pass, all batch rows: from ∂L/∂h_t writes ∂L/∂(input-side
    /// pre-activations) `dgi: [B*3H]`, ∂L/∂(hidden-side pre-activations) `dgh: [B*3H]` (n
    /// block: ∂ of `W_hn h + b_hn`), and the direct part of ∂L/∂h_{t-1}, `dh_prev = ∂h ⊙ z`.
    fn backward_block<F>(
        gates: &[F],
        gh_n: &[F],
        h_prev: &[F],
        dh: &[F],
        dgi: &mut [F],
        dgh: &mut [F],
        dh_prev: &mut [F],
        hidden: usize,
    ) {
        let hn = hidden;
        let one = F::one();
        for ((((((gates, gh_n), h_prev), dh), dgi), dgh), dh_prev) in gates
            .chunks_exact(3 * hn)
            .zip(gh_n.chunks_exact(hn))
            .zip(h_prev.chunks_exact(hn))
            .zip(dh.chunks_exact(hn))
            .zip(dgi.chunks_exact_mut(3 * hn))
            .zip(dgh.chunks_exact_mut(3 * hn))
            .zip(dh_prev.chunks_exact_mut(hn))
        {
            let (gr, gz, gn) = (&gates[..hn], &gates[hn..2 * hn], &gates[2 * hn..3 * hn]);
            let (gh_n, h_prev, dh, dh_prev) = (&gh_n[..hn], &h_prev[..hn], &dh[..hn], &mut dh_prev[..hn]);
            let (dgi_r, rest) = dgi.split_at_mut(hn);
            let (dgi_z, dgi_n) = rest.split_at_mut(hn);
            let (dgh_r, rest) = dgh.split_at_mut(hn);
            let (dgh_z, dgh_n) = rest.split_at_mut(hn);
            let (dgi_r, dgi_z, dgi_n) = (&mut dgi_r[..hn], &mut dgi_z[..hn], &mut dgi_n[..hn]);
            let (dgh_r, dgh_z, dgh_n) = (&mut dgh_r[..hn], &mut dgh_z[..hn], &mut dgh_n[..hn]);
            for j in 0..hn {
                let r = gr[j];
                let z = gz[j];
                let n = gn[j];
                let dn_pre = dh[j] * (one - z) * (one - n * n); // ∂n_pre = ∂h ⊙ (1-z) ⊙ tanh'
                let dz_pre = dh[j] * (h_prev[j] - n) * z * (one - z); // ∂z_pre = ∂h ⊙ (h_{t-1} - n) ⊙ σ'
                let dr_pre = dn_pre * gh_n[j] * r * (one - r); // ∂r_pre = ∂n_pre ⊙ gh_n ⊙ σ'
                dgi_r[j] = dr_pre;
                dgi_z[j] = dz_pre;
                dgi_n[j] = dn_pre;
                dgh_r[j] = dr_pre;
                dgh_z[j] = dz_pre;
                dgh_n[j] = dn_pre * r; // ∂gh_n = ∂n_pre ⊙ r
                dh_prev[j] = dh[j] * z;
            }
        }
    }
}
