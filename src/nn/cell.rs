//! One cell's parameters and the sequence loop of one layer and direction.
//!
//! Layout used throughout: sequences are time-major matrices `[T*B, features]` where rows
//! `t*B..(t+1)*B` hold timestep t. The input projection `X · W_ihᵀ` of all timesteps is one GEMM;
//! only `h_{t-1} · W_hhᵀ` is computed per step. The backward pass stacks the gate gradients of
//! all steps and forms `grad weight_ih` and `grad weight_hh` with one GEMM each.

use super::gemm::gemm;
use super::trace::{BackwardStepTrace, ContributionNorms, GateTrace, Matrix, StepTrace};
use super::{gru, lstm, rnn, CellKind, Float, Nonlinearity};
use ndarray::{s, Array1, Array2, ArrayView2, Axis};

/// Parameters of one cell (one layer, one direction), PyTorch layout.
/// G = 1 (RNN), 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n); gate j owns rows `[j*H, (j+1)*H)`.
#[derive(Debug, Clone, PartialEq)]
pub struct CellParams<F> {
    /// `[G*H, in]`
    pub weight_ih: Array2<F>,
    /// `[G*H, H]`
    pub weight_hh: Array2<F>,
    /// `[G*H]` (None when `bias=False`)
    pub bias_ih: Option<Array1<F>>,
    /// `[G*H]` (None when `bias=False`)
    pub bias_hh: Option<Array1<F>>,
}

impl<F: Float> CellParams<F> {
    /// All-zero parameters of the given sizes (used for gradients).
    pub fn zeros(gates: usize, input: usize, hidden: usize, bias: bool) -> Self {
        let gh = gates * hidden;
        CellParams {
            weight_ih: Array2::zeros((gh, input)),
            weight_hh: Array2::zeros((gh, hidden)),
            bias_ih: bias.then(|| Array1::zeros(gh)),
            bias_hh: bias.then(|| Array1::zeros(gh)),
        }
    }

    /// Hidden size H.
    pub fn hidden_size(&self) -> usize {
        self.weight_hh.ncols()
    }
}

/// Static facts of one layer-direction pass.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DirSpec {
    pub kind: CellKind,
    pub nl: Nonlinearity,
    pub batch: usize,
    pub seq: usize,
    pub reverse: bool,
}

impl DirSpec {
    /// Time index of processing step s.
    #[inline]
    fn time(&self, s: usize) -> usize {
        if self.reverse {
            self.seq - 1 - s
        } else {
            s
        }
    }
}

/// What one layer-direction forward pass keeps for backward.
#[derive(Debug, Clone)]
pub(crate) struct DirForward<F> {
    /// Gate activations `[T*B, G*H]` (RNN: h_t).
    pub acts: Array2<F>,
    /// LSTM: c_t; GRU: `W_hn h_{t-1} + b_hn`; `[T*B, H]` (RNN: empty).
    pub extra: Array2<F>,
    /// h_t `[T*B, H]`.
    pub hs: Array2<F>,
    /// Initial h `[B, H]`.
    pub h0: Array2<F>,
    /// Initial c `[B, H]` (LSTM; otherwise empty).
    pub c0: Array2<F>,
    /// h0 is zero (the first recurrent GEMM is skipped).
    pub zero_h0: bool,
}

fn slice_of<F>(a: &Array2<F>) -> &[F] {
    a.as_slice().expect("standard layout")
}

fn slice_of_mut<F>(a: &mut Array2<F>) -> &mut [F] {
    a.as_slice_mut().expect("standard layout")
}

/// Block `prev` (read) and block `cur` (write) of a block-structured buffer, `prev != cur`.
fn prev_and_cur<F>(data: &mut [F], prev: usize, cur: usize, len: usize) -> (&[F], &mut [F]) {
    if prev < cur {
        let (a, b) = data.split_at_mut(cur * len);
        (&a[prev * len..(prev + 1) * len], &mut b[..len])
    } else {
        let (a, b) = data.split_at_mut(prev * len);
        (&b[..len], &mut a[cur * len..(cur + 1) * len])
    }
}

/// Runs one direction of one layer over the whole sequence.
/// x: `[T*B, in]` -> hs: `[T*B, H]` (inside the returned cache).
pub(crate) fn forward_direction<F: Float>(
    spec: DirSpec,
    p: &CellParams<F>,
    x: ArrayView2<'_, F>,
    h0: Option<ArrayView2<'_, F>>,
    c0: Option<ArrayView2<'_, F>>,
    mut trace: Option<&mut Vec<StepTrace>>,
) -> DirForward<F> {
    let (b, t_len, kind) = (spec.batch, spec.seq, spec.kind);
    let h = p.hidden_size();
    let gw = kind.gates() * h;
    let (one, zero) = (F::one(), F::zero());
    let blk = b * h;

    // Input projection of all timesteps: X · W_ihᵀ + biases, [T*B, G*H].
    let mut acts = Array2::<F>::zeros((t_len * b, gw));
    gemm(one, &x, &p.weight_ih.t(), zero, &mut acts);
    let mut bias = Array1::<F>::zeros(gw);
    if let Some(bi) = &p.bias_ih {
        bias += bi;
    }
    if kind != CellKind::Gru {
        if let Some(bh) = &p.bias_hh {
            bias += bh;
        }
    }
    if p.bias_ih.is_some() || p.bias_hh.is_some() {
        acts += &bias;
    }

    let mut hs = Array2::<F>::zeros((t_len * b, h));
    let mut extra = match kind {
        CellKind::Rnn => Array2::zeros((0, h)),
        _ => Array2::zeros((t_len * b, h)),
    };
    let zero_h0 = h0.is_none();
    let h0 = h0.map_or_else(|| Array2::zeros((b, h)), |v| v.to_owned());
    let c0 = match kind {
        CellKind::Lstm => c0.map_or_else(|| Array2::zeros((b, h)), |v| v.to_owned()),
        _ => Array2::zeros((0, h)),
    };
    let mut gh = match kind {
        CellKind::Gru => Array2::<F>::zeros((b, gw)),
        _ => Array2::zeros((0, 0)),
    };
    let w_hh_t = p.weight_hh.t();
    let tracing = trace.is_some();
    let mut pre_buf = if tracing {
        Array2::<F>::zeros((b, gw))
    } else {
        Array2::zeros((0, 0))
    };
    let mut pre_n = if tracing && kind == CellKind::Gru {
        vec![zero; blk]
    } else {
        Vec::new()
    };

    for s in 0..t_len {
        let t = spec.time(s);
        let prev = (s > 0).then(|| spec.time(s - 1));
        let skip_recurrent = s == 0 && zero_h0;
        // Recurrent part: pre += h_{t-1} · W_hhᵀ (GRU: into gh, which keeps b_hh).
        {
            let hp = match prev {
                None => h0.view(),
                Some(tp) => hs.slice(s![tp * b..(tp + 1) * b, ..]),
            };
            match kind {
                CellKind::Rnn | CellKind::Lstm => {
                    if !skip_recurrent {
                        let mut block = acts.slice_mut(s![t * b..(t + 1) * b, ..]);
                        gemm(one, &hp, &w_hh_t, one, &mut block);
                    }
                }
                CellKind::Gru => {
                    match &p.bias_hh {
                        Some(bh) => gh.assign(&bh.broadcast((b, gw)).expect("bias broadcast")),
                        None => gh.fill(zero),
                    }
                    if !skip_recurrent {
                        gemm(one, &hp, &w_hh_t, one, &mut gh);
                    }
                    let mut block = acts.slice_mut(s![t * b..(t + 1) * b, ..2 * h]);
                    block += &gh.slice(s![.., ..2 * h]);
                    extra
                        .slice_mut(s![t * b..(t + 1) * b, ..])
                        .assign(&gh.slice(s![.., 2 * h..]));
                }
            }
        }
        if tracing {
            pre_buf.assign(&acts.slice(s![t * b..(t + 1) * b, ..]));
        }
        // Elementwise gate math, one batch row at a time.
        let acts_blk = &mut slice_of_mut(&mut acts)[t * b * gw..(t + 1) * b * gw];
        match kind {
            CellKind::Rnn => {
                let h_cur = &mut slice_of_mut(&mut hs)[t * blk..(t + 1) * blk];
                rnn::forward_block(spec.nl, acts_blk, h_cur);
            }
            CellKind::Lstm => {
                let h_cur = &mut slice_of_mut(&mut hs)[t * blk..(t + 1) * blk];
                let (c_prev, c_cur) = match prev {
                    None => (
                        slice_of(&c0),
                        &mut slice_of_mut(&mut extra)[t * blk..(t + 1) * blk],
                    ),
                    Some(tp) => prev_and_cur(slice_of_mut(&mut extra), tp, t, blk),
                };
                lstm::forward_block(acts_blk, c_prev, c_cur, h_cur, h);
            }
            CellKind::Gru => {
                let gh_n = &slice_of(&extra)[t * blk..(t + 1) * blk];
                let (h_prev, h_cur) = match prev {
                    None => (
                        slice_of(&h0),
                        &mut slice_of_mut(&mut hs)[t * blk..(t + 1) * blk],
                    ),
                    Some(tp) => prev_and_cur(slice_of_mut(&mut hs), tp, t, blk),
                };
                let pn = if tracing { Some(&mut pre_n[..]) } else { None };
                gru::forward_block(acts_blk, gh_n, h_prev, h_cur, pn, h);
            }
        }
        if let Some(tr) = trace.as_deref_mut() {
            let rows = t * b..(t + 1) * b;
            let gates = kind
                .gate_names()
                .iter()
                .enumerate()
                .map(|(j, name)| {
                    let cols = j * h..(j + 1) * h;
                    let pre = if kind == CellKind::Gru && j == 2 {
                        Matrix::from_rows(b, h, &pre_n)
                    } else {
                        Matrix::from_view(pre_buf.slice(s![.., cols.clone()]))
                    };
                    GateTrace {
                        name: (*name).to_string(),
                        pre_activation: pre,
                        activation: Matrix::from_view(acts.slice(s![rows.clone(), cols])),
                    }
                })
                .collect();
            tr.push(StepTrace {
                t,
                input: Matrix::from_view(x.slice(s![rows.clone(), ..])),
                h: Matrix::from_view(hs.slice(s![rows.clone(), ..])),
                c: (kind == CellKind::Lstm)
                    .then(|| Matrix::from_view(extra.slice(s![rows.clone(), ..]))),
                gates,
            });
        }
    }
    if let Some(tr) = trace {
        tr.sort_by_key(|st| st.t);
    }
    DirForward {
        acts,
        extra,
        hs,
        h0,
        c0,
        zero_h0,
    }
}

/// Final (h, c) of a direction: at t = T-1 forward, at t = 0 reverse. Shapes `[B, H]`.
pub(crate) fn final_state<F: Float>(
    spec: DirSpec,
    f: &DirForward<F>,
) -> (ArrayView2<'_, F>, Option<ArrayView2<'_, F>>) {
    let t = spec.time(spec.seq - 1);
    let b = spec.batch;
    let h = f.hs.slice(s![t * b..(t + 1) * b, ..]);
    let c = (spec.kind == CellKind::Lstm).then(|| f.extra.slice(s![t * b..(t + 1) * b, ..]));
    (h, c)
}

/// Gradients w.r.t. the initial state of one direction.
pub(crate) struct DirBackward<F> {
    pub dh0: Array2<F>,
    pub dc0: Option<Array2<F>>,
}

/// Backpropagates one direction through time.
/// `dout: [T*B, H]` is ∂L/∂h_t from above. Accumulates into `grads` and, if given,
/// `dx: [T*B, in]`. With `truncate = Some(k)`, the recurrent gradient is cut every k steps
/// (counted in this direction's processing order from its first step).
#[allow(clippy::too_many_arguments)]
pub(crate) fn backward_direction<F: Float>(
    spec: DirSpec,
    p: &CellParams<F>,
    fwd: &DirForward<F>,
    x: ArrayView2<'_, F>,
    dout: ArrayView2<'_, F>,
    truncate: Option<usize>,
    grads: &mut CellParams<F>,
    dx: Option<&mut Array2<F>>,
    trace: Option<&mut Vec<BackwardStepTrace>>,
) -> DirBackward<F> {
    let (b, t_len, kind) = (spec.batch, spec.seq, spec.kind);
    let h = p.hidden_size();
    let gw = kind.gates() * h;
    let blk = b * h;
    let (one, zero) = (F::one(), F::zero());
    let is_gru = kind == CellKind::Gru;

    let mut dgi = Array2::<F>::zeros((t_len * b, gw));
    let mut dgh = if is_gru {
        Array2::<F>::zeros((t_len * b, gw))
    } else {
        Array2::zeros((0, 0))
    };
    let mut dh = Array2::<F>::zeros((b, h));
    let mut dh_next = Array2::<F>::zeros((b, h));
    let mut dc = Array2::<F>::zeros((b, h));
    let tracing = trace.is_some();
    let mut rec: Vec<BackwardStepTrace> = Vec::new();

    let acts = slice_of(&fwd.acts);
    let hs = slice_of(&fwd.hs);
    for s in (0..t_len).rev() {
        let t = spec.time(s);
        let prev = (s > 0).then(|| spec.time(s - 1));
        // ∂L/∂h_t = from above + from step t+1
        dh.assign(&dout.slice(s![t * b..(t + 1) * b, ..]));
        dh += &dh_next;
        let a_blk = &acts[t * b * gw..(t + 1) * b * gw];
        let dh_s = slice_of(&dh);
        {
            let dgi_blk = &mut slice_of_mut(&mut dgi)[t * b * gw..(t + 1) * b * gw];
            match kind {
                CellKind::Rnn => {
                    let h_cur = &hs[t * blk..(t + 1) * blk];
                    rnn::backward_block(spec.nl, h_cur, dh_s, dgi_blk);
                }
                CellKind::Lstm => {
                    let c_all = slice_of(&fwd.extra);
                    let c_prev = match prev {
                        None => slice_of(&fwd.c0),
                        Some(tp) => &c_all[tp * blk..(tp + 1) * blk],
                    };
                    let c_cur = &c_all[t * blk..(t + 1) * blk];
                    lstm::backward_block(
                        a_blk,
                        c_prev,
                        c_cur,
                        dh_s,
                        slice_of_mut(&mut dc),
                        dgi_blk,
                        h,
                    );
                }
                CellKind::Gru => {
                    let gh_n = &slice_of(&fwd.extra)[t * blk..(t + 1) * blk];
                    let h_prev = match prev {
                        None => slice_of(&fwd.h0),
                        Some(tp) => &hs[tp * blk..(tp + 1) * blk],
                    };
                    let dgh_blk = &mut slice_of_mut(&mut dgh)[t * b * gw..(t + 1) * b * gw];
                    gru::backward_block(
                        a_blk,
                        gh_n,
                        h_prev,
                        dh_s,
                        dgi_blk,
                        dgh_blk,
                        slice_of_mut(&mut dh_next),
                        h,
                    );
                }
            }
        }
        if tracing {
            let dhm = Matrix::from_view(dh.view());
            let dcm = (kind == CellKind::Lstm).then(|| Matrix::from_view(dc.view()));
            rec.push(BackwardStepTrace {
                t,
                dh_norm: dhm.norm(),
                dh: dhm,
                dc_norm: dcm.as_ref().map(Matrix::norm),
                dc: dcm,
                contributions: ContributionNorms::default(),
            });
        }
        // Truncated BPTT: the state entering step s is detached when s is a multiple of k.
        let cut = s > 0 && truncate.is_some_and(|k| s % k == 0);
        if cut {
            dh_next.fill(zero);
            dc.fill(zero);
            continue;
        }
        let rows = s![t * b..(t + 1) * b, ..];
        match kind {
            CellKind::Rnn | CellKind::Lstm => {
                // ∂L/∂h_{t-1} = ∂pre_t · W_hh
                gemm(one, &dgi.slice(rows), &p.weight_hh, zero, &mut dh_next);
                if kind == CellKind::Lstm {
                    // ∂L/∂c_{t-1} = ∂L/∂c_t ⊙ f_t
                    let f_gate = fwd.acts.slice(s![t * b..(t + 1) * b, h..2 * h]);
                    dc *= &f_gate;
                }
            }
            CellKind::Gru => {
                // ∂L/∂h_{t-1} = ∂h_t ⊙ z + ∂gh_t · W_hh
                gemm(one, &dgh.slice(rows), &p.weight_hh, one, &mut dh_next);
            }
        }
    }

    let dg_h = if is_gru { &dgh } else { &dgi };
    // grad W_ih = Σ_t ∂pre_tᵀ x_t, one GEMM over all steps.
    gemm(one, &dgi.t(), &x, one, &mut grads.weight_ih);
    // grad W_hh = Σ_t ∂gh_tᵀ h_{t-1}: the steps after the first pair with shifted hs rows.
    if t_len > 1 {
        let n = (t_len - 1) * b;
        let (dg, hp) = if spec.reverse {
            (dg_h.slice(s![..n, ..]), fwd.hs.slice(s![b.., ..]))
        } else {
            (dg_h.slice(s![b.., ..]), fwd.hs.slice(s![..n, ..]))
        };
        gemm(one, &dg.t(), &hp, one, &mut grads.weight_hh);
    }
    if !fwd.zero_h0 {
        let t0 = spec.time(0);
        let dg0 = dg_h.slice(s![t0 * b..(t0 + 1) * b, ..]);
        gemm(one, &dg0.t(), &fwd.h0, one, &mut grads.weight_hh);
    }
    if let Some(gb) = grads.bias_ih.as_mut() {
        *gb += &dgi.sum_axis(Axis(0));
    }
    if let Some(gb) = grads.bias_hh.as_mut() {
        *gb += &dg_h.sum_axis(Axis(0));
    }
    if let Some(dx) = dx {
        gemm(one, &dgi, &p.weight_ih, one, dx);
    }

    if let Some(tr) = trace {
        let has_bias = p.bias_ih.is_some();
        for st in rec.iter_mut() {
            let t = st.t;
            let s_idx = if spec.reverse { t_len - 1 - t } else { t };
            let rows = s![t * b..(t + 1) * b, ..];
            let gi_t = dgi.slice(rows);
            let gh_t = dg_h.slice(rows);
            let x_t = x.slice(rows);
            let hp = if s_idx == 0 {
                fwd.h0.view()
            } else {
                let tp = spec.time(s_idx - 1);
                fwd.hs.slice(s![tp * b..(tp + 1) * b, ..])
            };
            let norm = |a: &Array2<F>| {
                a.iter()
                    .map(|v| v.to_f64_lossy().powi(2))
                    .sum::<f64>()
                    .sqrt() as f32
            };
            let c_ih = gi_t.t().dot(&x_t);
            let c_hh = gh_t.t().dot(&hp);
            let vnorm = |a: Array1<F>| {
                a.iter()
                    .map(|v| v.to_f64_lossy().powi(2))
                    .sum::<f64>()
                    .sqrt() as f32
            };
            st.contributions = ContributionNorms {
                weight_ih: norm(&c_ih),
                weight_hh: norm(&c_hh),
                bias_ih: has_bias.then(|| vnorm(gi_t.sum_axis(Axis(0)))),
                bias_hh: has_bias.then(|| vnorm(gh_t.sum_axis(Axis(0)))),
            };
        }
        rec.sort_by_key(|st| st.t);
        *tr = rec;
    }

    DirBackward {
        dh0: dh_next,
        dc0: (kind == CellKind::Lstm).then_some(dc),
    }
}
