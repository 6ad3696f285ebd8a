//! One cell's parameters and the sequence loop of one layer and direction.
//!
//! Layout used throughout: sequences are time-major matrices `[T*B, features]` where rows
//! `t*B..(t+1)*B` hold timestep t. The input projection `X · W_ihᵀ` of all timesteps is one GEMM;
//! only `h_{t-1} · W_hhᵀ` is computed per step. The backward pass stacks the gate gradients of
//! all steps and forms `grad weight_ih` and `grad weight_hh` with one GEMM each.

use super::gemm::gemm;
use super::one_hot::{gather_columns, one_hot_columns, scatter_add_rows};
use super::scratch::Scratch;
use super::trace::{BackwardStepTrace, ContributionNorms, GateTrace, Matrix, StepTrace};
use super::{gru, lstm, rnn, simd_dispatch, CellKind, Float, Nonlinearity};
use ndarray::{s, Array1, Array2, ArrayView2, Axis};
use std::ops::Range;

/// Parameters of one cell (one layer, one direction), PyTorch layout.
/// G = 1 (RNN), 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n); gate j owns rows `[j*H, (j+1)*H)`.
#[derive(Debug, PartialEq)]
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

clone_reusing_buffers!(CellParams {
    weight_ih,
    weight_hh,
    bias_ih,
    bias_hh
});

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

/// What one layer-direction forward pass keeps for backward. Its matrices come from the
/// thread's scratch pool and return to it when the cache is dropped.
#[derive(Debug, Clone)]
pub(crate) struct DirForward<F: Float> {
    /// Gate activations `[T*B, G*H]` (RNN: no rows; its activation is h_t, in `hs`).
    pub acts: Scratch<F>,
    /// LSTM: c_t; GRU: `W_hn h_{t-1} + b_hn`; `[T*B, H]` (RNN: no rows).
    pub extra: Scratch<F>,
    /// LSTM: tanh(c_t) `[T*B, H]` (others: no rows).
    pub tanh_c: Scratch<F>,
    /// h_t `[T*B, H]`.
    pub hs: Scratch<F>,
    /// Initial h `[B, H]`.
    pub h0: Scratch<F>,
    /// Initial c `[B, H]` (LSTM; otherwise no rows).
    pub c0: Scratch<F>,
    /// h0 is zero (the first recurrent GEMM is skipped).
    pub zero_h0: bool,
    /// The input's one-hot columns when its rows are one-hot (see [`one_hot_columns`]), for
    /// the backward pass's scatter.
    pub one_hot: Option<Vec<Option<usize>>>,
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

/// The biases of RNN and LSTM, `b_ih + b_hh` (`[G*H]`; `None` without biases).
fn summed_bias<F: Float>(p: &CellParams<F>, gw: usize) -> Option<Vec<F>> {
    if p.bias_ih.is_none() && p.bias_hh.is_none() {
        return None;
    }
    let mut sum = vec![F::zero(); gw];
    for b in [&p.bias_ih, &p.bias_hh].into_iter().flatten() {
        sum.iter_mut().zip(b).for_each(|(s, &v)| *s += v);
    }
    Some(sum)
}

/// The GRU's biases as its pass adds them, `b_ih` and `b_hh` apart (`b_hn` sits inside
/// `r ⊙ (·)`), `[3H]` each, zeros when absent.
fn gru_biases<F: Float>(p: &CellParams<F>, gw: usize) -> (Vec<F>, Vec<F>) {
    let of = |b: &Option<Array1<F>>| {
        b.as_ref()
            .map_or_else(|| vec![F::zero(); gw], |b| b.to_vec())
    };
    (of(&p.bias_ih), of(&p.bias_hh))
}

/// `rows += bias` for every row of a step's block of pre-activations (`bias.len()` columns).
fn add_bias_to_rows<F: Float>(rows: &mut [F], bias: &[F]) {
    for row in rows.chunks_exact_mut(bias.len()) {
        row.iter_mut().zip(bias).for_each(|(v, &b)| *v += b);
    }
}

/// Adds the rows of `m` in order, one after another from zeros (the order of
/// `sum_axis(Axis(0))`, so the sums are the same to the bit).
fn sum_rows<F: Float>(m: &Array2<F>) -> Vec<F> {
    let mut sum = vec![F::zero(); m.ncols()];
    if m.ncols() > 0 {
        add_rows(&mut sum, m.as_slice().expect("standard layout"));
    }
    sum
}

simd_dispatch! {
    /// `sum += row` for every row of `rows` (`sum.len()` columns), in order.
    fn add_rows<F>(sum: &mut [F], rows: &[F]) {
        for row in rows.chunks_exact(sum.len()) {
            sum.iter_mut().zip(row).for_each(|(s, &v)| *s += v);
        }
    }
}

/// Runs one direction of one layer over the whole sequence.
/// x: `[T*B, in]` -> hs: `[T*B, H]` (inside the returned cache).
///
/// Per step: the biases into the step's block of the input projection (RNN, LSTM), one GEMM
/// `h_{t-1} · W_hhᵀ` added into that block (GRU: apart), then one elementwise pass
/// (activations, state update; the GRU's biases). Traces, when asked, are copied out of the
/// same pass. The sums are formed in the same order as ever (`x W_ihᵀ + b`, then the GEMM adds
/// `h W_hhᵀ`), so results match the unfused computation to the bit.
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
    let gw = kind.gate_count() * h;
    let (one, zero) = (F::one(), F::zero());
    let (blk, gblk) = (b * h, b * gw);
    let (is_rnn, is_lstm, is_gru) = (
        kind.is_elman(),
        kind == CellKind::Lstm,
        kind == CellKind::Gru,
    );

    // Input projection of all timesteps, X · W_ihᵀ: [T*B, G*H] (biases join step by step);
    // of one-hot rows, a gather of W_ih's columns (the same numbers).
    // The RNN's single gate is its output, so it lives in `hs`.
    let mut acts = Scratch::for_overwrite(t_len * b, gw);
    let one_hot = one_hot_columns(&x);
    match &one_hot {
        Some(cols) => gather_columns(&p.weight_ih, cols, &mut *acts),
        None => gemm(one, &x, &p.weight_ih.t(), zero, &mut *acts),
    }
    let mut hs = if is_rnn {
        std::mem::replace(&mut acts, Scratch::empty(gw))
    } else {
        Scratch::for_overwrite(t_len * b, h)
    };
    let bias = if is_gru { None } else { summed_bias(p, gw) };
    let (gru_b_ih, gru_b_hh) = if is_gru {
        gru_biases(p, gw)
    } else {
        (Vec::new(), Vec::new())
    };
    let rows_if = |yes: bool| {
        if yes {
            Scratch::for_overwrite(t_len * b, h)
        } else {
            Scratch::empty(h)
        }
    };
    let mut extra = rows_if(!is_rnn);
    let mut tanh_c = rows_if(is_lstm);
    let zero_h0 = h0.is_none();
    let h0 = h0.map_or_else(|| Scratch::zeros(b, h), Scratch::copy_of);
    let c0 = match (kind, c0) {
        (CellKind::Lstm, Some(c)) => Scratch::copy_of(c),
        (CellKind::Lstm, None) => Scratch::zeros(b, h),
        _ => Scratch::empty(h),
    };
    // GRU: h_{t-1} · W_hhᵀ of one step, [B, 3H].
    let mut gh = if is_gru {
        Scratch::for_overwrite(b, gw)
    } else {
        Scratch::empty(gw)
    };
    let w_hh_t = p.weight_hh.t();
    let tracing = trace.is_some();
    let mut pre = if tracing {
        Scratch::for_overwrite(b, gw)
    } else {
        Scratch::empty(gw)
    };

    for s in 0..t_len {
        let t = spec.time(s);
        let prev = (s > 0).then(|| spec.time(s - 1));
        // RNN, LSTM: x_t W_ihᵀ + b_ih + b_hh, while the block is about to be read anyway.
        if let Some(bias) = &bias {
            let gates = if is_rnn { &mut hs } else { &mut acts };
            add_bias_to_rows(&mut gates.flat_mut()[t * gblk..(t + 1) * gblk], bias);
        }
        // Recurrent part h_{t-1} · W_hhᵀ (none when h_0 = 0): added into the step's block
        // (RNN, LSTM), or kept apart (GRU: n needs r ⊙ (W_hn h_{t-1} + b_hn)).
        if s == 0 && zero_h0 {
            if is_gru {
                gh.fill(zero);
            }
        } else {
            let cur = s![t * b..(t + 1) * b, ..];
            match (kind, prev) {
                (CellKind::Rnn | CellKind::Course, Some(tp)) => {
                    let (hp, mut block) = hs.multi_slice_mut((s![tp * b..(tp + 1) * b, ..], cur));
                    gemm(one, &hp, &w_hh_t, one, &mut block);
                }
                (CellKind::Rnn | CellKind::Course, None) => {
                    gemm(one, &*h0, &w_hh_t, one, &mut hs.slice_mut(cur));
                }
                (_, prev) => {
                    let hp = match prev {
                        None => h0.view(),
                        Some(tp) => hs.slice(s![tp * b..(tp + 1) * b, ..]),
                    };
                    if is_gru {
                        gemm(one, &hp, &w_hh_t, zero, &mut *gh);
                    } else {
                        gemm(one, &hp, &w_hh_t, one, &mut acts.slice_mut(cur));
                    }
                }
            }
        }
        // Activations and state update (GRU: and biases): one pass over the step's rows.
        let pre_out = tracing.then(|| pre.flat_mut());
        match kind {
            // The course's i2h(cat(x, h)) = x W_ihᵀ + h W_hhᵀ + b with W_ih, W_hh its two
            // column blocks and b its one bias: the same step.
            CellKind::Rnn | CellKind::Course => {
                let h_cur = &mut hs.flat_mut()[t * blk..(t + 1) * blk];
                rnn::forward_step(spec.nl, h_cur, pre_out);
            }
            CellKind::Lstm => {
                let (c_prev, c_cur) = match prev {
                    None => (c0.flat(), &mut extra.flat_mut()[t * blk..(t + 1) * blk]),
                    Some(tp) => prev_and_cur(extra.flat_mut(), tp, t, blk),
                };
                lstm::forward_step(
                    &mut acts.flat_mut()[t * gblk..(t + 1) * gblk],
                    c_prev,
                    c_cur,
                    &mut tanh_c.flat_mut()[t * blk..(t + 1) * blk],
                    &mut hs.flat_mut()[t * blk..(t + 1) * blk],
                    pre_out,
                    h,
                );
            }
            CellKind::Gru => {
                let (h_prev, h_cur) = match prev {
                    None => (h0.flat(), &mut hs.flat_mut()[t * blk..(t + 1) * blk]),
                    Some(tp) => prev_and_cur(hs.flat_mut(), tp, t, blk),
                };
                gru::forward_step(
                    &mut acts.flat_mut()[t * gblk..(t + 1) * gblk],
                    gh.flat(),
                    &gru_b_ih,
                    &gru_b_hh,
                    h_prev,
                    &mut extra.flat_mut()[t * blk..(t + 1) * blk],
                    h_cur,
                    pre_out,
                    h,
                );
            }
        }
        if let Some(tr) = trace.as_deref_mut() {
            let rows = t * b..(t + 1) * b;
            let activations = if is_rnn { &hs } else { &acts };
            let gates = kind
                .gates()
                .iter()
                .enumerate()
                .map(|(j, &gate)| {
                    let cols = j * h..(j + 1) * h;
                    GateTrace {
                        gate,
                        pre_activation: Matrix::from_view(pre.slice(s![.., cols.clone()])),
                        activation: Matrix::from_view(activations.slice(s![rows.clone(), cols])),
                    }
                })
                .collect();
            tr.push(StepTrace {
                t,
                input: Matrix::from_view(x.slice(s![rows.clone(), ..])),
                h: Matrix::from_view(hs.slice(s![rows.clone(), ..])),
                c: is_lstm.then(|| Matrix::from_view(extra.slice(s![rows.clone(), ..]))),
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
        tanh_c,
        hs,
        h0,
        c0,
        zero_h0,
        one_hot,
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
pub(crate) struct DirBackward<F: Float> {
    pub dh0: Scratch<F>,
    pub dc0: Option<Scratch<F>>,
}

/// Backpropagates one direction through time.
/// `dout: [T*B, H]` is ∂L/∂h_t from above (the head or the next layer); only the timesteps in
/// `dout_steps` are read, the others count as zero (the last-step head gives only the last).
/// Accumulates into `grads` and, if given, `dx: [T*B, in]`, which the forward direction
/// overwrites and the reverse direction adds to. With `truncate = Some(k)`, the recurrent
/// gradient is cut every k steps (counted in this direction's processing order from its first
/// step).
///
/// Per step: one elementwise pass (∂ of the state update and the activations), then one GEMM
/// `∂G_t · W_hh` for ∂L/∂h_{t-1}. The weight gradients and ∂x are one GEMM each over all
/// steps, the bias gradients one sum over the rows (in time order, as ever).
#[allow(clippy::too_many_arguments)]
pub(crate) fn backward_direction<F: Float>(
    spec: DirSpec,
    p: &CellParams<F>,
    fwd: &DirForward<F>,
    x: ArrayView2<'_, F>,
    dout: ArrayView2<'_, F>,
    dout_steps: Range<usize>,
    truncate: Option<usize>,
    grads: &mut CellParams<F>,
    dx: Option<&mut Array2<F>>,
    trace: Option<&mut Vec<BackwardStepTrace>>,
) -> DirBackward<F> {
    let (b, t_len, kind) = (spec.batch, spec.seq, spec.kind);
    let h = p.hidden_size();
    let gw = kind.gate_count() * h;
    let (blk, gblk) = (b * h, b * gw);
    let (one, zero) = (F::one(), F::zero());
    let (is_lstm, is_gru) = (kind == CellKind::Lstm, kind == CellKind::Gru);

    // ∂L/∂(pre-activations) of every step: input side, and for the GRU the hidden side.
    let mut dgi = Scratch::for_overwrite(t_len * b, gw);
    let mut dgh = if is_gru {
        Scratch::for_overwrite(t_len * b, gw)
    } else {
        Scratch::empty(gw)
    };
    // ∂L/∂h_t arriving from step t+1, ∂L/∂c_t from step t+1 (LSTM): zero at the last step.
    let mut dh_next = Scratch::zeros(b, h);
    let mut dc = if is_lstm {
        Scratch::zeros(b, h)
    } else {
        Scratch::empty(h)
    };
    // A step of `dout` whose rows are not contiguous (one direction of two) is copied here.
    let mut above_copy = Scratch::empty(h);
    let tracing = trace.is_some();
    let mut dc_total = if tracing && is_lstm {
        Scratch::for_overwrite(b, h)
    } else {
        Scratch::empty(h)
    };
    let mut rec: Vec<BackwardStepTrace> = Vec::new();

    let (acts, hs) = (fwd.acts.flat(), fwd.hs.flat());
    for s in (0..t_len).rev() {
        let t = spec.time(s);
        let prev = (s > 0).then(|| spec.time(s - 1));
        let above: Option<&[F]> = if dout_steps.contains(&t) {
            let block = dout.slice_move(s![t * b..(t + 1) * b, ..]);
            match block.to_slice() {
                Some(rows) => Some(rows),
                None => {
                    if above_copy.nrows() != b {
                        above_copy = Scratch::for_overwrite(b, h);
                    }
                    above_copy.assign(&block);
                    Some(above_copy.flat())
                }
            }
        } else {
            None
        };
        // ∂L/∂h_t = from above + from step t+1 (for the trace; the pass sums it itself).
        let dh_trace = tracing.then(|| {
            let mut dh = dh_next.view().to_owned();
            if let Some(a) = above {
                dh += &ArrayView2::from_shape((b, h), a).expect("one step of dout");
            }
            Matrix::from_view(dh.view())
        });
        let dgi_blk = &mut dgi.flat_mut()[t * gblk..(t + 1) * gblk];
        match kind {
            CellKind::Rnn | CellKind::Course => {
                let h_cur = &hs[t * blk..(t + 1) * blk];
                rnn::backward_step(spec.nl, h_cur, above, dh_next.flat(), dgi_blk, h);
            }
            CellKind::Lstm => {
                let c_prev = match prev {
                    None => fwd.c0.flat(),
                    Some(tp) => &fwd.extra.flat()[tp * blk..(tp + 1) * blk],
                };
                lstm::backward_step(
                    &acts[t * gblk..(t + 1) * gblk],
                    c_prev,
                    &fwd.tanh_c.flat()[t * blk..(t + 1) * blk],
                    above,
                    dh_next.flat(),
                    dc.flat_mut(),
                    tracing.then(|| dc_total.flat_mut()),
                    dgi_blk,
                    h,
                );
            }
            CellKind::Gru => {
                let h_prev = match prev {
                    None => fwd.h0.flat(),
                    Some(tp) => &hs[tp * blk..(tp + 1) * blk],
                };
                gru::backward_step(
                    &acts[t * gblk..(t + 1) * gblk],
                    &fwd.extra.flat()[t * blk..(t + 1) * blk],
                    h_prev,
                    above,
                    dh_next.flat_mut(),
                    dgi_blk,
                    &mut dgh.flat_mut()[t * gblk..(t + 1) * gblk],
                    h,
                );
            }
        }
        if let Some(dhm) = dh_trace {
            let dcm = is_lstm.then(|| Matrix::from_view(dc_total.view()));
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
            // ∂L/∂h_{t-1} = ∂G_t · W_hh (LSTM: ∂L/∂c_{t-1} came out of the pass)
            CellKind::Rnn | CellKind::Lstm | CellKind::Course => {
                gemm(one, &dgi.slice(rows), &p.weight_hh, zero, &mut *dh_next)
            }
            // ∂L/∂h_{t-1} = ∂L/∂h_t ⊙ z_t (from the pass) + ∂gh_t · W_hh
            CellKind::Gru => gemm(one, &dgh.slice(rows), &p.weight_hh, one, &mut *dh_next),
        }
    }

    let dg_h = if is_gru { &dgh } else { &dgi };
    // grad W_ih = Σ_t ∂G_tᵀ x_t, one GEMM over all steps (of one-hot rows, a scatter).
    match &fwd.one_hot {
        Some(cols) => scatter_add_rows(&*dgi, cols, &mut grads.weight_ih),
        None => gemm(one, &dgi.t(), &x, one, &mut grads.weight_ih),
    }
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
        gemm(one, &dg0.t(), &*fwd.h0, one, &mut grads.weight_hh);
    }
    // grad b_ih = Σ ∂G, grad b_hh = Σ ∂gh (the same sum but for the GRU), over the rows in
    // time order (not the pass's reverse order: the sums stay the same to the bit).
    let db_ih = grads.bias_ih.is_some().then(|| sum_rows(&dgi));
    if let (Some(gb), Some(db)) = (grads.bias_ih.as_mut(), &db_ih) {
        gb.iter_mut().zip(db).for_each(|(g, &d)| *g += d);
    }
    if let Some(gb) = grads.bias_hh.as_mut() {
        let db = match (is_gru, db_ih) {
            (false, Some(db)) => db,
            _ => sum_rows(dg_h),
        };
        gb.iter_mut().zip(&db).for_each(|(g, &d)| *g += d);
    }
    if let Some(dx) = dx {
        // ∂L/∂x = ∂G · W_ih: the forward direction writes, the reverse direction adds.
        let beta = if spec.reverse { one } else { zero };
        gemm(one, &*dgi, &p.weight_ih, beta, dx);
    }

    if let Some(tr) = trace {
        let (has_bias, has_bias_hh) = (p.bias_ih.is_some(), p.bias_hh.is_some());
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
                bias_hh: has_bias_hh.then(|| vnorm(gh_t.sum_axis(Axis(0)))),
            };
        }
        rec.sort_by_key(|st| st.t);
        *tr = rec;
    }

    DirBackward {
        dh0: dh_next,
        dc0: is_lstm.then_some(dc),
    }
}
