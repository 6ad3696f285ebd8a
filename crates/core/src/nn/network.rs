//! Layers × directions of cells, dropout on the input and between layers, the embedding and
//! the `fc` head.

use super::cell::{
    backward_direction, final_state, forward_direction, CellParams, DirForward, DirSpec,
};
use super::config::{CellKind, ConfigError, Head, NetworkConfig, Nonlinearity};
use super::gemm::gemm;
use super::init::{standard_normal, uniform, Rng64};
use super::loss::{Loss, Target};
use super::scratch::Scratch;
use super::trace::{
    BackwardDirectionTrace, BackwardTrace, DirectionTrace, ForwardTrace, HeadTrace, Matrix,
};
use super::{shape_err, Float, NnError};
use ndarray::{
    s, Array1, Array2, Array3, ArrayD, ArrayView2, ArrayView3, ArrayViewD, ArrayViewMutD, Axis,
};
use rand::Rng;

/// A fully connected layer `y = x Wᵀ + b` (PyTorch `nn.Linear`).
#[derive(Debug, PartialEq)]
pub struct Linear<F> {
    /// `[out, in]`
    pub weight: Array2<F>,
    /// `[out]`
    pub bias: Array1<F>,
}

/// All trainable tensors of a network; gradients have the same structure ([`Gradients`]).
#[derive(Debug, PartialEq)]
pub struct Parameters<F> {
    /// `embedding.weight [vocab, input_size]` when the input is token ids.
    pub embedding: Option<Array2<F>>,
    /// `layers[k][d]`: layer k, direction d (0 forward, 1 reverse).
    pub layers: Vec<Vec<CellParams<F>>>,
    /// The head.
    pub fc: Linear<F>,
}

clone_reusing_buffers!(Linear { weight, bias });
clone_reusing_buffers!(Parameters {
    embedding,
    layers,
    fc
});

/// Gradients: one tensor per parameter, same names and shapes.
pub type Gradients<F> = Parameters<F>;

impl<F: Float> Parameters<F> {
    /// PyTorch `state_dict` names, in [`Parameters::views`] order:
    /// `embedding.weight`, `rnn.weight_ih_l0`, `rnn.weight_hh_l0`, `rnn.bias_ih_l0`,
    /// `rnn.bias_hh_l0`, (`..._reverse`), ..., `fc.weight`, `fc.bias`.
    pub fn names(&self) -> Vec<String> {
        let mut n = Vec::new();
        if self.embedding.is_some() {
            n.push("embedding.weight".to_string());
        }
        for (k, layer) in self.layers.iter().enumerate() {
            for (d, c) in layer.iter().enumerate() {
                let sfx = if d == 1 { "_reverse" } else { "" };
                n.push(format!("rnn.weight_ih_l{k}{sfx}"));
                n.push(format!("rnn.weight_hh_l{k}{sfx}"));
                if c.bias_ih.is_some() {
                    n.push(format!("rnn.bias_ih_l{k}{sfx}"));
                }
                if c.bias_hh.is_some() {
                    n.push(format!("rnn.bias_hh_l{k}{sfx}"));
                }
            }
        }
        n.push("fc.weight".into());
        n.push("fc.bias".into());
        n
    }

    /// Every tensor, in [`Parameters::names`] order.
    pub fn views(&self) -> Vec<ArrayViewD<'_, F>> {
        let mut v = Vec::new();
        if let Some(e) = &self.embedding {
            v.push(e.view().into_dyn());
        }
        for c in self.layers.iter().flatten() {
            v.push(c.weight_ih.view().into_dyn());
            v.push(c.weight_hh.view().into_dyn());
            if let Some(b) = &c.bias_ih {
                v.push(b.view().into_dyn());
            }
            if let Some(b) = &c.bias_hh {
                v.push(b.view().into_dyn());
            }
        }
        v.push(self.fc.weight.view().into_dyn());
        v.push(self.fc.bias.view().into_dyn());
        v
    }

    /// Every tensor, mutable, in [`Parameters::names`] order.
    pub fn views_mut(&mut self) -> Vec<ArrayViewMutD<'_, F>> {
        let mut v = Vec::new();
        if let Some(e) = &mut self.embedding {
            v.push(e.view_mut().into_dyn());
        }
        for c in self.layers.iter_mut().flatten() {
            v.push(c.weight_ih.view_mut().into_dyn());
            v.push(c.weight_hh.view_mut().into_dyn());
            if let Some(b) = &mut c.bias_ih {
                v.push(b.view_mut().into_dyn());
            }
            if let Some(b) = &mut c.bias_hh {
                v.push(b.view_mut().into_dyn());
            }
        }
        v.push(self.fc.weight.view_mut().into_dyn());
        v.push(self.fc.bias.view_mut().into_dyn());
        v
    }

    /// Same structure, all zeros.
    pub fn zeros_like(&self) -> Self {
        let mut z = self.clone();
        for mut v in z.views_mut() {
            v.fill(F::zero());
        }
        z
    }

    /// Total number of scalars.
    pub fn num_params(&self) -> usize {
        self.views().iter().map(|v| v.len()).sum()
    }

    /// `sqrt(Σ x²)` over every tensor (accumulated in f64).
    pub fn global_norm(&self) -> F {
        let sq: f64 = self
            .views()
            .iter()
            .map(|v| match v.as_slice() {
                Some(xs) => sum_of_squares(xs),
                None => v.iter().map(|x| x.to_f64_lossy().powi(2)).sum(),
            })
            .sum();
        F::from_f64_lossy(sq.sqrt())
    }

    /// Multiplies every tensor by `k`.
    pub fn scale(&mut self, k: F) {
        for mut v in self.views_mut() {
            v.mapv_inplace(|x| x * k);
        }
    }

    /// Adds `other` (same structure) into `self`.
    pub fn add_assign(&mut self, other: &Self) -> Result<(), NnError> {
        let names = self.names();
        let mut mine = self.views_mut();
        let theirs = other.views();
        if mine.len() != theirs.len() {
            return Err(NnError::Invalid(
                "parameter sets differ in structure".into(),
            ));
        }
        for ((a, b), n) in mine.iter_mut().zip(theirs.iter()).zip(names) {
            if a.shape() != b.shape() {
                return Err(shape_err(&n, a.shape(), b.shape()));
            }
            *a += b;
        }
        Ok(())
    }

    /// True when no value is NaN or infinite.
    pub fn all_finite(&self) -> bool {
        // A fold without an early exit, so the compiler can check many values at once.
        self.views()
            .iter()
            .all(|v| v.fold(true, |ok, x| ok & x.is_finite()))
    }
}

/// `Σ x²` in f64, in eight interleaved partial sums (one long chain of dependent additions
/// would cost the latency of an addition per value; eight independent ones vectorise).
fn sum_of_squares<F: Float>(xs: &[F]) -> f64 {
    let mut acc = [0.0f64; 8];
    let chunks = xs.chunks_exact(8);
    let rest: f64 = chunks
        .remainder()
        .iter()
        .map(|x| x.to_f64_lossy().powi(2))
        .sum();
    for c in chunks {
        for (a, x) in acc.iter_mut().zip(c) {
            *a += x.to_f64_lossy().powi(2);
        }
    }
    acc.iter().sum::<f64>() + rest
}

/// A recurrent network: embedding (optional) → `num_layers` × directions of cells → `fc` head.
#[derive(Debug, PartialEq)]
pub struct Network<F> {
    cell: CellKind,
    nonlinearity: Nonlinearity,
    dropout: f64,
    input_dropout: f64,
    sigmoid_output: bool,
    head: Head,
    seq_len: Option<usize>,
    params: Parameters<F>,
}

clone_reusing_buffers!(Network {
    cell,
    nonlinearity,
    dropout,
    input_dropout,
    sigmoid_output,
    head,
    seq_len,
    params
});

/// The network's input, batch first.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a, F> {
    /// `[batch, seq, input_size]` floats (one-hot or real-valued).
    Dense(ArrayView3<'a, F>),
    /// `[batch, seq]` token ids through the embedding.
    Tokens(ndarray::ArrayView2<'a, usize>),
}

/// A given initial state (PyTorch `h0`, `c0`), each `[L*D, B, H]`, index `layer*D + dir`.
#[derive(Debug, Clone, PartialEq)]
pub struct InitialState<F> {
    /// `h0 [L*D, B, H]`
    pub h0: Array3<F>,
    /// `c0 [L*D, B, H]` (LSTM only; zeros when None).
    pub c0: Option<Array3<F>>,
}

/// Options of a forward pass.
#[derive(Debug, Default)]
pub struct ForwardOptions<'a> {
    /// Training mode: dropout between layers is drawn from this RNG. `None` = eval.
    pub train_rng: Option<&'a mut Rng64>,
    /// Record a [`ForwardTrace`].
    pub trace: bool,
}

/// Options of a backward pass.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BackwardOptions {
    /// Truncated BPTT window k (≥ 1): in each direction the recurrent gradient is cut every k
    /// steps, counted from that direction's first step, exactly as if the state were detached
    /// at chunk boundaries (the forward pass is unchanged). `None` = full BPTT.
    pub truncate: Option<usize>,
    /// Record a [`BackwardTrace`].
    pub trace: bool,
}

/// Results of a forward pass.
#[derive(Debug, Clone)]
pub struct ForwardOutput<F> {
    /// Last layer's outputs `[B, T, D*H]`.
    pub rnn_output: Array3<F>,
    /// Final hidden states `[L*D, B, H]`.
    pub h_n: Array3<F>,
    /// Final cell states `[L*D, B, H]` (LSTM).
    pub c_n: Option<Array3<F>>,
    /// Head output: per-step `[B, T, O]`, otherwise `[B, O]`.
    pub head_output: ArrayD<F>,
    /// The trace, when asked.
    pub trace: Option<ForwardTrace>,
}

struct LayerCache<F: Float> {
    dirs: Vec<DirForward<F>>,
    /// `[T*B, D*H]`, time-major (bidirectional only; one direction uses its `hs`).
    concat: Option<Scratch<F>>,
    /// Input after dropout and the inverted-dropout mask (in training: layer 0 with input
    /// dropout, layers ≥ 1 with dropout between layers).
    dropped: Option<(Array2<F>, Array2<F>)>,
}

impl<F: Float> LayerCache<F> {
    /// The layer's output `[T*B, D*H]`, time-major.
    fn out(&self) -> &Array2<F> {
        self.concat.as_deref().unwrap_or(&self.dirs[0].hs)
    }
}

/// What a forward pass keeps for [`Network::backward`]. Its large matrices come from a
/// per-thread pool and return to it when the cache is dropped, so a training loop reuses them.
pub struct ForwardCache<F: Float> {
    batch: usize,
    seq: usize,
    x0: Scratch<F>,
    tokens: Option<Array2<usize>>,
    layers: Vec<LayerCache<F>>,
    /// The head's sigmoid output `y`, when the head has one (∂y/∂z = y(1 − y)).
    sigmoid: Option<ArrayD<F>>,
}

impl<F: Float> std::fmt::Debug for ForwardCache<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ForwardCache {{ batch: {}, seq: {}, layers: {} }}",
            self.batch,
            self.seq,
            self.layers.len()
        )
    }
}

/// Results of a backward pass.
#[derive(Debug, Clone)]
pub struct BackwardOutput<F> {
    /// ∂L/∂parameters.
    pub grads: Gradients<F>,
    /// ∂L/∂h0 `[L*D, B, H]`.
    pub d_h0: Array3<F>,
    /// ∂L/∂c0 (LSTM).
    pub d_c0: Option<Array3<F>>,
    /// The trace, when asked.
    pub trace: Option<BackwardTrace>,
}

/// Forward + loss + backward in one call ([`Network::train_step`]).
#[derive(Debug, Clone)]
pub struct StepOutput<F> {
    /// The loss.
    pub loss: F,
    /// Forward results (with per-step losses in the trace when traced).
    pub forward: ForwardOutput<F>,
    /// Backward results.
    pub backward: BackwardOutput<F>,
}

/// Layer-0 input `[T*B, in]`, the token ids (embedding input), batch and sequence length.
type PreparedInput<F> = (Scratch<F>, Option<Array2<usize>>, usize, usize);

/// `[B, T, F]` -> `[T*B, F]` time-major.
fn to_time_major<F: Float>(x: ArrayView3<'_, F>) -> Scratch<F> {
    let (b, t, i) = x.dim();
    let mut out = Scratch::for_overwrite(t * b, i);
    for tt in 0..t {
        out.slice_mut(s![tt * b..(tt + 1) * b, ..])
            .assign(&x.slice(s![.., tt, ..]));
    }
    out
}

/// `[T*B, F]` time-major -> `[B, T, F]` (written once, a row at a time: no zeros first).
fn to_batch_first<F: Float>(x: &Array2<F>, b: usize, t: usize) -> Array3<F> {
    let f = x.ncols();
    let mut data = Vec::with_capacity(b * t * f);
    match x.as_slice() {
        Some(xs) => {
            for bi in 0..b {
                for tt in 0..t {
                    let at = (tt * b + bi) * f;
                    data.extend_from_slice(&xs[at..at + f]);
                }
            }
        }
        None => {
            for bi in 0..b {
                for tt in 0..t {
                    data.extend(x.row(tt * b + bi).iter().copied());
                }
            }
        }
    }
    Array3::from_shape_vec((b, t, f), data).expect("b × t × f values")
}

impl<F: Float> Network<F> {
    /// Builds a network from a validated config with PyTorch's default init, from `seed`:
    /// embedding `N(0,1)`; every recurrent weight and bias `U(-1/√H, 1/√H)`; `fc` weight and
    /// bias `U(-1/√fan_in, 1/√fan_in)`.
    pub fn new(cfg: &NetworkConfig, seed: u64) -> Result<Self, ConfigError> {
        cfg.validate()?;
        let mut rng = super::init::seeded_rng(seed);
        let (h, d, g) = (cfg.hidden_size, cfg.directions(), cfg.cell.gate_count());
        let embedding = cfg
            .vocab_size
            .map(|v| standard_normal::<F, _, _>((v, cfg.input_size), &mut rng));
        let bound = 1.0 / (h as f64).sqrt();
        let layers = if cfg.cell.is_course() {
            vec![vec![course_i2h(cfg, &mut rng)]]
        } else {
            (0..cfg.num_layers)
                .map(|k| {
                    let inp = if k == 0 { cfg.input_size } else { d * h };
                    (0..d)
                        .map(|_| CellParams {
                            weight_ih: uniform((g * h, inp), bound, &mut rng),
                            weight_hh: uniform((g * h, h), bound, &mut rng),
                            bias_ih: cfg.bias.then(|| uniform(g * h, bound, &mut rng)),
                            bias_hh: cfg.bias.then(|| uniform(g * h, bound, &mut rng)),
                        })
                        .collect()
                })
                .collect()
        };
        let fan_in = cfg.fc_in_features();
        let fb = 1.0 / (fan_in as f64).sqrt();
        let fc = Linear {
            weight: uniform((cfg.output_size, fan_in), fb, &mut rng),
            bias: uniform(cfg.output_size, fb, &mut rng),
        };
        Ok(Network {
            cell: cfg.cell,
            nonlinearity: cfg.nonlinearity,
            dropout: cfg.dropout,
            input_dropout: cfg.input_dropout,
            sigmoid_output: cfg.sigmoid_output,
            head: cfg.head,
            seq_len: cfg.seq_len,
            params: Parameters {
                embedding,
                layers,
                fc,
            },
        })
    }

    /// Builds a network around given parameters, checking every shape against `cfg`.
    pub fn from_parameters(cfg: &NetworkConfig, params: Parameters<F>) -> Result<Self, NnError> {
        cfg.validate()
            .map_err(|e| NnError::Invalid(e.to_string()))?;
        let expected = Network::<F>::new(cfg, 0).map_err(|e| NnError::Invalid(e.to_string()))?;
        let en = expected.params.names();
        let gn = params.names();
        if en != gn {
            return Err(NnError::Invalid(format!(
                "parameter names differ: expected {en:?}, found {gn:?}"
            )));
        }
        for ((n, a), b) in en.iter().zip(expected.params.views()).zip(params.views()) {
            if a.shape() != b.shape() {
                return Err(shape_err(n, a.shape(), b.shape()));
            }
        }
        Ok(Network { params, ..expected })
    }

    /// The configuration this network corresponds to (derived from its structure).
    pub fn config(&self) -> NetworkConfig {
        NetworkConfig {
            cell: self.cell,
            nonlinearity: self.nonlinearity,
            input_size: self.input_size(),
            vocab_size: self.params.embedding.as_ref().map(|e| e.nrows()),
            hidden_size: self.hidden_size(),
            num_layers: self.num_layers(),
            bidirectional: self.directions() == 2,
            dropout: self.dropout,
            input_dropout: self.input_dropout,
            bias: self.params.layers[0][0].bias_ih.is_some(),
            output_size: self.params.fc.weight.nrows(),
            sigmoid_output: self.sigmoid_output,
            head: self.head,
            seq_len: self.seq_len,
        }
    }

    /// Cell kind.
    pub fn cell(&self) -> CellKind {
        self.cell
    }
    /// Hidden size H.
    pub fn hidden_size(&self) -> usize {
        self.params.layers[0][0].hidden_size()
    }
    /// Features per timestep entering layer 0 (embedding dimension for token input).
    pub fn input_size(&self) -> usize {
        self.params.layers[0][0].weight_ih.ncols()
    }
    /// Number of layers L.
    pub fn num_layers(&self) -> usize {
        self.params.layers.len()
    }
    /// Directions D.
    pub fn directions(&self) -> usize {
        self.params.layers[0].len()
    }
    /// Output features O.
    pub fn output_size(&self) -> usize {
        self.params.fc.weight.nrows()
    }
    /// The head.
    pub fn head(&self) -> Head {
        self.head
    }
    /// The parameters.
    pub fn params(&self) -> &Parameters<F> {
        &self.params
    }
    /// The parameters, mutable (for optimizers).
    pub fn params_mut(&mut self) -> &mut Parameters<F> {
        &mut self.params
    }
    /// A [`Gradients`] of zeros shaped like the parameters.
    pub fn zero_grads(&self) -> Gradients<F> {
        self.params.zeros_like()
    }

    fn spec(&self, batch: usize, seq: usize, reverse: bool) -> DirSpec {
        DirSpec {
            kind: self.cell,
            nl: self.nonlinearity,
            batch,
            seq,
            reverse,
        }
    }

    /// -> (layer-0 input `[T*B, in]`, token ids, batch, seq)
    fn prepare_input(&self, input: Input<'_, F>) -> Result<PreparedInput<F>, NnError> {
        let (x0, tokens, b, t) = match input {
            Input::Dense(x) => {
                if self.params.embedding.is_some() {
                    return Err(NnError::Invalid(
                        "this network takes token ids (it has an embedding), not dense input"
                            .into(),
                    ));
                }
                let (b, t, i) = x.dim();
                if i != self.input_size() || b == 0 || t == 0 {
                    return Err(shape_err(
                        "input [batch, seq, features]",
                        &[b.max(1), t.max(1), self.input_size()],
                        &[b, t, i],
                    ));
                }
                (to_time_major(x), None, b, t)
            }
            Input::Tokens(ids) => {
                let emb = self.params.embedding.as_ref().ok_or_else(|| {
                    NnError::Invalid(
                        "this network takes dense input (it has no embedding), not token ids"
                            .into(),
                    )
                })?;
                let (b, t) = ids.dim();
                if b == 0 || t == 0 {
                    return Err(shape_err(
                        "token ids [batch, seq]",
                        &[b.max(1), t.max(1)],
                        &[b, t],
                    ));
                }
                let v = emb.nrows();
                let mut x0 = Scratch::for_overwrite(t * b, emb.ncols());
                for ((bi, ti), &id) in ids.indexed_iter() {
                    if id >= v {
                        return Err(NnError::Invalid(format!(
                            "token id {id} at [{bi}, {ti}] is out of range for vocabulary size {v}"
                        )));
                    }
                    x0.row_mut(ti * b + bi).assign(&emb.row(id));
                }
                (x0, Some(ids.to_owned()), b, t)
            }
        };
        if self.head == Head::Flatten && Some(t) != self.seq_len {
            return Err(NnError::Invalid(format!(
                "the flatten head was built for seq_len {}, got a sequence of length {t}",
                self.seq_len.unwrap_or(0)
            )));
        }
        Ok((x0, tokens, b, t))
    }

    /// Runs the network. Input is batch first; `initial` is zero when `None`.
    /// Returns the outputs and the cache [`Network::backward`] needs.
    pub fn forward(
        &self,
        input: Input<'_, F>,
        initial: Option<&InitialState<F>>,
        opts: ForwardOptions<'_>,
    ) -> Result<(ForwardOutput<F>, ForwardCache<F>), NnError> {
        let (x0, tokens, b, t_len) = self.prepare_input(input)?;
        let (l, d, h) = (self.num_layers(), self.directions(), self.hidden_size());
        let is_lstm = self.cell == CellKind::Lstm;
        if let Some(init) = initial {
            if init.h0.dim() != (l * d, b, h) {
                return Err(shape_err("h0", &[l * d, b, h], init.h0.shape()));
            }
            match (&init.c0, is_lstm) {
                (Some(c0), true) if c0.dim() != (l * d, b, h) => {
                    return Err(shape_err("c0", &[l * d, b, h], c0.shape()))
                }
                (Some(_), false) => return Err(NnError::Invalid("c0 is only for LSTM".into())),
                _ => {}
            }
        }
        let ForwardOptions {
            mut train_rng,
            trace,
        } = opts;
        let mut dir_traces = Vec::new();
        let mut layers: Vec<LayerCache<F>> = Vec::with_capacity(l);
        for k in 0..l {
            let mut dropped = None;
            let p = if k == 0 {
                self.input_dropout
            } else {
                self.dropout
            };
            if p > 0.0 {
                if let Some(rng) = train_rng.as_deref_mut() {
                    // Inverted dropout: keep with prob 1-p, scale by 1/(1-p).
                    let prev: &Array2<F> = if k == 0 { &x0 } else { layers[k - 1].out() };
                    let keep = F::from_f64_lossy(1.0 / (1.0 - p));
                    let mask = Array2::from_shape_simple_fn(prev.raw_dim(), || {
                        if rng.random::<f64>() < p {
                            F::zero()
                        } else {
                            keep
                        }
                    });
                    dropped = Some((prev * &mask, mask));
                }
            }
            let x_k = match (&dropped, k) {
                (Some((xd, _)), _) => xd.view(),
                (None, 0) => x0.view(),
                (None, _) => layers[k - 1].out().view(),
            };
            let mut dirs = Vec::with_capacity(d);
            for dir in 0..d {
                let idx = k * d + dir;
                let h0 = initial.map(|i| i.h0.index_axis(Axis(0), idx));
                let c0 = initial
                    .and_then(|i| i.c0.as_ref())
                    .map(|c| c.index_axis(Axis(0), idx));
                let mut tr = trace.then(Vec::new);
                let f = forward_direction(
                    self.spec(b, t_len, dir == 1),
                    &self.params.layers[k][dir],
                    x_k,
                    h0,
                    c0,
                    tr.as_mut(),
                );
                if let Some(steps) = tr {
                    dir_traces.push(DirectionTrace {
                        cell: self.cell,
                        layer: k,
                        direction: dir,
                        steps,
                    });
                }
                dirs.push(f);
            }
            let concat = (d > 1).then(|| {
                let mut o = Scratch::for_overwrite(t_len * b, d * h);
                for (dir, f) in dirs.iter().enumerate() {
                    o.slice_mut(s![.., dir * h..(dir + 1) * h]).assign(&*f.hs);
                }
                o
            });
            layers.push(LayerCache {
                dirs,
                concat,
                dropped,
            });
        }

        let mut h_n = Array3::zeros((l * d, b, h));
        let mut c_n = is_lstm.then(|| Array3::zeros((l * d, b, h)));
        for (k, lc) in layers.iter().enumerate() {
            for (dir, f) in lc.dirs.iter().enumerate() {
                let (hf, cf) = final_state(self.spec(b, t_len, dir == 1), f);
                h_n.index_axis_mut(Axis(0), k * d + dir).assign(&hf);
                if let (Some(cn), Some(cf)) = (c_n.as_mut(), cf) {
                    cn.index_axis_mut(Axis(0), k * d + dir).assign(&cf);
                }
            }
        }
        let top = layers[l - 1].out();
        let mut head_output = if self.cell.is_course() {
            let dir = &layers[0].dirs[0];
            let combined = course_combined(&x0, &dir.h0, &dir.hs, b, t_len);
            self.head_forward(&combined, b, t_len)?
        } else {
            self.head_forward(top, b, t_len)?
        };
        if self.sigmoid_output {
            // y = σ(fc(·)): torch.sigmoid on the head.
            head_output.mapv_inplace(|z| z.act_sigmoid());
        }
        let trace = trace.then(|| ForwardTrace {
            directions: dir_traces,
            head: HeadTrace {
                outputs: match head_output.ndim() {
                    3 => (0..t_len)
                        .map(|tt| {
                            Matrix::from_view(
                                head_output
                                    .slice(s![.., tt, ..])
                                    .into_dimensionality()
                                    .expect("2-D"),
                            )
                        })
                        .collect(),
                    _ => vec![Matrix::from_view(
                        head_output.view().into_dimensionality().expect("2-D"),
                    )],
                },
                step_losses: Vec::new(),
            },
        });
        let out = ForwardOutput {
            rnn_output: to_batch_first(top, b, t_len),
            h_n,
            c_n,
            head_output,
            trace,
        };
        let cache = ForwardCache {
            batch: b,
            seq: t_len,
            x0,
            tokens,
            layers,
            sigmoid: self.sigmoid_output.then(|| out.head_output.clone()),
        };
        Ok((out, cache))
    }

    /// `[T*B, D*H]` -> head output.
    fn head_forward(&self, top: &Array2<F>, b: usize, t_len: usize) -> Result<ArrayD<F>, NnError> {
        let fc = &self.params.fc;
        let o = fc.weight.nrows();
        let one = F::one();
        Ok(match self.head {
            Head::PerStep => {
                // y[:, t] = out[:, t] · Wᵀ + b, all steps in one GEMM
                let mut y = Array2::zeros((t_len * b, o));
                y += &fc.bias;
                gemm(one, top, &fc.weight.t(), one, &mut y);
                to_batch_first(&y, b, t_len).into_dyn()
            }
            Head::LastStep => {
                let mut y = Array2::zeros((b, o));
                y += &fc.bias;
                let last = top.slice(s![(t_len - 1) * b.., ..]);
                gemm(one, &last, &fc.weight.t(), one, &mut y);
                y.into_dyn()
            }
            Head::Flatten => {
                let flat = flatten_features(top, b, t_len);
                let mut y = Array2::zeros((b, o));
                y += &fc.bias;
                gemm(one, &flat, &fc.weight.t(), one, &mut y);
                y.into_dyn()
            }
        })
    }

    /// Shape of the head output for a batch.
    fn head_shape(&self, b: usize, t: usize) -> Vec<usize> {
        match self.head {
            Head::PerStep => vec![b, t, self.output_size()],
            _ => vec![b, self.output_size()],
        }
    }

    /// Backpropagation through time from ∂L/∂(head output).
    pub fn backward(
        &self,
        cache: &ForwardCache<F>,
        d_head: &ArrayD<F>,
        opts: BackwardOptions,
    ) -> Result<BackwardOutput<F>, NnError> {
        let (b, t_len) = (cache.batch, cache.seq);
        let (l, d, h) = (self.num_layers(), self.directions(), self.hidden_size());
        if cache.layers.len() != l
            || cache.layers[0].dirs.len() != d
            || cache.layers[0].out().ncols() != d * h
            || cache.layers[0].dirs[0].acts.ncols() != self.cell.gate_count() * h
            || cache.x0.ncols() != self.input_size()
            || cache.tokens.is_some() != self.params.embedding.is_some()
        {
            return Err(NnError::Invalid(
                "the cache does not belong to this network".into(),
            ));
        }
        let expected = self.head_shape(b, t_len);
        if d_head.shape() != expected.as_slice() {
            return Err(shape_err(
                "gradient of the head output",
                &expected,
                d_head.shape(),
            ));
        }
        if opts.truncate == Some(0) {
            return Err(NnError::Invalid(
                "truncated BPTT window must be at least 1".into(),
            ));
        }
        // Through the sigmoid: ∂L/∂z = ∂L/∂y ⊙ y ⊙ (1 − y).
        let through_sigmoid;
        let d_head = match &cache.sigmoid {
            Some(y) => {
                through_sigmoid = d_head * &y.mapv(|v| v * (F::one() - v));
                &through_sigmoid
            }
            None => d_head,
        };
        let one = F::one();
        let mut grads = self.zero_grads();
        let top = cache.layers[l - 1].out();
        let fc = &self.params.fc;
        // ∂L/∂(top layer's output) `[T*B, D*H]`; the last-step head fills only the last step.
        let mut d_out = Scratch::for_overwrite(t_len * b, d * h);
        let mut dout_steps = 0..t_len;
        // The course's i2o reads c_t = [x_t; h_{t-1}]: ∂L/∂h_{t-1} += (∂L/∂y_t · W_o)[:, in..],
        // the last step's h_t feeds no output; step 0's h part goes to ∂L/∂h0.
        let mut course_dh0 = None;
        match self.head {
            Head::PerStep if self.cell.is_course() => {
                let dy = to_time_major(
                    d_head
                        .view()
                        .into_dimensionality()
                        .map_err(|e| NnError::Invalid(e.to_string()))?,
                );
                let dir = &cache.layers[0].dirs[0];
                let combined = course_combined(&cache.x0, &dir.h0, &dir.hs, b, t_len);
                gemm(one, &dy.t(), &combined, one, &mut grads.fc.weight);
                grads.fc.bias += &dy.sum_axis(Axis(0));
                let inp = self.input_size();
                let w_h = fc.weight.slice(s![.., inp..]);
                d_out.fill(F::zero());
                // Rows of steps 1..T go to steps 0..T-1 of ∂L/∂h; a cut of truncated BPTT at
                // step t (t a multiple of k) detaches h_{t-1} from y_t as well.
                let cut = |t: usize| opts.truncate.is_some_and(|k| t.is_multiple_of(k));
                for t in 1..t_len {
                    if !cut(t) {
                        let mut dst = d_out.slice_mut(s![(t - 1) * b..t * b, ..]);
                        gemm(
                            one,
                            &dy.slice(s![t * b..(t + 1) * b, ..]),
                            &w_h,
                            F::zero(),
                            &mut dst,
                        );
                    }
                }
                let mut dh0 = Array2::zeros((b, h));
                gemm(one, &dy.slice(s![..b, ..]), &w_h, F::zero(), &mut dh0);
                course_dh0 = Some(dh0);
                dout_steps = 0..t_len.saturating_sub(1);
            }
            Head::PerStep => {
                let dy = to_time_major(
                    d_head
                        .view()
                        .into_dimensionality()
                        .map_err(|e| NnError::Invalid(e.to_string()))?,
                );
                gemm(one, &dy.t(), top, one, &mut grads.fc.weight);
                grads.fc.bias += &dy.sum_axis(Axis(0));
                gemm(one, &dy, &fc.weight, F::zero(), &mut d_out);
            }
            Head::LastStep => {
                let dy: ArrayView2<'_, F> = d_head
                    .view()
                    .into_dimensionality()
                    .map_err(|e| NnError::Invalid(e.to_string()))?;
                let last = top.slice(s![(t_len - 1) * b.., ..]);
                gemm(one, &dy.t(), &last, one, &mut grads.fc.weight);
                grads.fc.bias += &dy.sum_axis(Axis(0));
                let mut dl = d_out.slice_mut(s![(t_len - 1) * b.., ..]);
                gemm(one, &dy, &fc.weight, F::zero(), &mut dl);
                dout_steps = t_len - 1..t_len;
            }
            Head::Flatten => {
                let dy: ArrayView2<'_, F> = d_head
                    .view()
                    .into_dimensionality()
                    .map_err(|e| NnError::Invalid(e.to_string()))?;
                let flat = flatten_features(top, b, t_len);
                gemm(one, &dy.t(), &flat, one, &mut grads.fc.weight);
                grads.fc.bias += &dy.sum_axis(Axis(0));
                let dflat = dy.dot(&fc.weight);
                let dh = d * h;
                for tt in 0..t_len {
                    d_out
                        .slice_mut(s![tt * b..(tt + 1) * b, ..])
                        .assign(&dflat.slice(s![.., tt * dh..(tt + 1) * dh]));
                }
            }
        }

        let is_lstm = self.cell == CellKind::Lstm;
        let mut d_h0 = Array3::zeros((l * d, b, h));
        let mut d_c0 = is_lstm.then(|| Array3::zeros((l * d, b, h)));
        let mut dir_traces = Vec::new();
        for k in (0..l).rev() {
            let lc = &cache.layers[k];
            let x_k = match (&lc.dropped, k) {
                (Some((xd, _)), _) => xd.view(),
                (None, 0) => cache.x0.view(),
                (None, _) => cache.layers[k - 1].out().view(),
            };
            let need_dx = k > 0 || cache.tokens.is_some();
            let mut dx = need_dx.then(|| Scratch::for_overwrite(x_k.nrows(), x_k.ncols()));
            for dir in 0..d {
                let mut tr = opts.trace.then(Vec::new);
                let r = backward_direction(
                    self.spec(b, t_len, dir == 1),
                    &self.params.layers[k][dir],
                    &lc.dirs[dir],
                    x_k,
                    d_out.slice(s![.., dir * h..(dir + 1) * h]),
                    dout_steps.clone(),
                    opts.truncate,
                    &mut grads.layers[k][dir],
                    dx.as_deref_mut(),
                    tr.as_mut(),
                );
                d_h0.index_axis_mut(Axis(0), k * d + dir).assign(&*r.dh0);
                if let Some(extra) = &course_dh0 {
                    let mut slot = d_h0.index_axis_mut(Axis(0), k * d + dir);
                    slot += extra;
                }
                if let (Some(dc0), Some(rc)) = (d_c0.as_mut(), r.dc0) {
                    dc0.index_axis_mut(Axis(0), k * d + dir).assign(&*rc);
                }
                if let Some(steps) = tr {
                    dir_traces.push(BackwardDirectionTrace {
                        layer: k,
                        direction: dir,
                        steps,
                    });
                }
            }
            if let Some(mut dx) = dx {
                // ∂L/∂x = ∂L/∂(x ⊙ mask) ⊙ mask
                if let Some((_, mask)) = &lc.dropped {
                    *dx *= mask;
                }
                if k > 0 {
                    d_out = dx;
                    dout_steps = 0..t_len;
                } else if let (Some(ids), Some(ge)) = (&cache.tokens, grads.embedding.as_mut()) {
                    // grad embedding[id] += ∂L/∂x_t for every occurrence of id
                    for ((bi, ti), &id) in ids.indexed_iter() {
                        let mut row = ge.row_mut(id);
                        row += &dx.row(ti * b + bi);
                    }
                }
            }
        }
        dir_traces.sort_by_key(|t| (t.layer, t.direction));
        Ok(BackwardOutput {
            grads,
            d_h0,
            d_c0,
            trace: opts.trace.then_some(BackwardTrace {
                truncate: opts.truncate,
                directions: dir_traces,
            }),
        })
    }

    /// Forward, loss and backward in one call. With tracing, the forward trace's
    /// `head.step_losses` holds each step's loss (per-step head) or the loss.
    pub fn train_step(
        &self,
        input: Input<'_, F>,
        initial: Option<&InitialState<F>>,
        target: &Target<F>,
        loss: Loss,
        fwd: ForwardOptions<'_>,
        bwd: BackwardOptions,
    ) -> Result<StepOutput<F>, NnError> {
        let (mut out, cache) = self.forward(input, initial, fwd)?;
        let (value, dy) = loss.compute(&out.head_output, target)?;
        if let Some(tr) = out.trace.as_mut() {
            tr.head.step_losses = loss
                .per_step(&out.head_output, target)?
                .into_iter()
                .map(|v| v.to_f32_lossy())
                .collect();
        }
        let backward = self.backward(&cache, &dy, bwd)?;
        Ok(StepOutput {
            loss: value,
            forward: out,
            backward,
        })
    }
}

/// The course's `i2h` as the app keeps it: `i2h.weight [H, in + H]` drawn as one tensor,
/// `U(-1/√(in+H), 1/√(in+H))` as `nn.Linear` draws it, split into its column blocks
/// `W_ih [H, in]` (the x part) and `W_hh [H, H]` (the h part); its one bias `b [H]` is kept as
/// `bias_ih`, and there is no `bias_hh`.
fn course_i2h<F: Float>(cfg: &NetworkConfig, rng: &mut Rng64) -> CellParams<F> {
    let (inp, h) = (cfg.input_size, cfg.hidden_size);
    let bound = 1.0 / ((inp + h) as f64).sqrt();
    let w: Array2<F> = uniform((h, inp + h), bound, rng);
    CellParams {
        weight_ih: w.slice(s![.., ..inp]).to_owned(),
        weight_hh: w.slice(s![.., inp..]).to_owned(),
        bias_ih: cfg.bias.then(|| uniform(h, bound, rng)),
        bias_hh: None,
    }
}

/// The course's `combined = cat(x_t, h_{t-1})` of every step, `[T*B, in + H]` time-major, from
/// the input `x0 [T*B, in]`, the initial state `h0 [B, H]` and the states `hs [T*B, H]`.
fn course_combined<F: Float>(
    x0: &Array2<F>,
    h0: &Array2<F>,
    hs: &Array2<F>,
    b: usize,
    t_len: usize,
) -> Array2<F> {
    let (inp, h) = (x0.ncols(), h0.ncols());
    let mut c = Array2::zeros((t_len * b, inp + h));
    c.slice_mut(s![.., ..inp]).assign(x0);
    c.slice_mut(s![..b, inp..]).assign(h0);
    if t_len > 1 {
        c.slice_mut(s![b.., inp..])
            .assign(&hs.slice(s![..(t_len - 1) * b, ..]));
    }
    c
}

/// `[T*B, DH]` time-major -> `[B, T*DH]` (t-major, then feature).
fn flatten_features<F: Float>(top: &Array2<F>, b: usize, t_len: usize) -> Array2<F> {
    let dh = top.ncols();
    let mut flat = Array2::zeros((b, t_len * dh));
    for tt in 0..t_len {
        flat.slice_mut(s![.., tt * dh..(tt + 1) * dh])
            .assign(&top.slice(s![tt * b..(tt + 1) * b, ..]));
    }
    flat
}
