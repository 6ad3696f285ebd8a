//! One mini-batch on several cores (data parallelism).
//!
//! The batch is cut into contiguous shards of rows ([`shard_rows`]); each shard's gradient is
//! computed on its own — by another Web Worker in the browser, another thread natively — and
//! the gradients are summed in shard order, so a given number of shards always gives the same
//! numbers. Every loss here is a mean over the batch's rows (times the steps and outputs, the
//! same for every row), so with `w_s = B_s / B`:
//!
//! ```text
//! L = Σ_s w_s · L_s        ∂L/∂θ = Σ_s w_s · ∂L_s/∂θ
//! ```
//!
//! and a shard scales its `∂L_s/∂y` by `w_s` before its backward pass. One shard is the whole
//! batch (`w = 1`, nothing scaled): the same numbers as [`Network::train_step`]. More shards
//! differ from one only by f32 rounding (`tests/parallel.rs` checks it on the PyTorch
//! reference cases and over a sweep of shapes).
//!
//! [`ShardJob`] and [`ShardReply`] are what crosses to a helper worker: the model's
//! configuration, its weights and the shard's data as raw little-endian bytes (one copy each,
//! no per-number encoding), and back the gradient. A helper needs no lesson and no data.

use crate::lessons::{classified, Batch, BatchInput};
use crate::nn::{
    seeded_rng, BackwardOptions, ForwardOptions, Gradients, Loss, Network, NetworkConfig, NnError,
    Parameters, Rng64, Target,
};
use ndarray::{ArrayD, Axis, IxDyn, Slice};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The rows of each of (at most) `shards` contiguous shards of a batch of `rows`: sizes differ
/// by at most one, the larger first; never an empty shard.
pub fn shard_rows(rows: usize, shards: usize) -> Vec<Range<usize>> {
    let k = shards.clamp(1, rows.max(1));
    let (base, extra) = (rows / k, rows % k);
    let mut start = 0;
    (0..k)
        .map(|i| {
            let len = base + usize::from(i < extra);
            let r = start..start + len;
            start += len;
            r
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// Rows `r` of a batch (input and target; batch is the first axis of both).
pub fn batch_rows(batch: &Batch, r: Range<usize>) -> Batch {
    let rows = Slice::from(r);
    Batch {
        input: match &batch.input {
            BatchInput::Dense(x) => BatchInput::Dense(x.slice_axis(Axis(0), rows).to_owned()),
            BatchInput::Tokens(t) => BatchInput::Tokens(t.slice_axis(Axis(0), rows).to_owned()),
        },
        target: match &batch.target {
            Target::Dense(d) => Target::Dense(d.slice_axis(Axis(0), rows).to_owned()),
            Target::Classes(c) => Target::Classes(c.slice_axis(Axis(0), rows).to_owned()),
        },
    }
}

/// Multiply-adds a shard should have to be worth a helper: a message each way and copying the
/// weights cost a fraction of a millisecond, about what 1 M multiply-adds take in the browser,
/// so a shard below ~8 M would spend more than a tenth of its time travelling.
pub const MIN_MACS_PER_SHARD: f64 = 8e6;

/// Multiply-adds of one example's forward and backward pass through the recurrent layers
/// (`G·H·(in + H)` per step, layer and direction; the backward pass does about twice the
/// forward's) and the head.
pub fn macs_per_example(model: &NetworkConfig, steps: usize) -> f64 {
    let (d, h, g) = (
        model.directions() as f64,
        model.hidden_size as f64,
        model.cell.gate_count() as f64,
    );
    let layers: f64 = (0..model.num_layers)
        .map(|k| {
            let input = if k == 0 {
                model.input_size as f64
            } else {
                d * h
            };
            d * g * h * (input + h)
        })
        .sum();
    3.0 * (layers * steps.max(1) as f64 + (model.output_size * model.fc_in_features()) as f64)
}

/// How many of `workers` an update of `batch` examples of `steps` steps should use: as many as
/// keep each shard at [`MIN_MACS_PER_SHARD`] or more, at most one per example, at least one.
pub fn useful_shards(model: &NetworkConfig, batch: usize, steps: usize, workers: usize) -> usize {
    let per_example = macs_per_example(model, steps);
    (1..=workers.min(batch).max(1))
        .rev()
        .find(|&k| (batch / k) as f64 * per_example >= MIN_MACS_PER_SHARD)
        .unwrap_or(1)
}

/// One shard of a batch: its rows, its weight `B_s / B` and the seed of its dropout masks.
#[derive(Debug, Clone)]
pub struct Shard {
    /// The shard's rows.
    pub batch: Batch,
    /// `B_s / B`.
    pub weight: f32,
    /// Seed of the shard's dropout masks (used only when the model has dropout).
    pub dropout_seed: u64,
}

/// A shard's part of an update.
#[derive(Debug, Clone, PartialEq)]
pub struct ShardOutput {
    /// `w_s · ∂L_s/∂θ`.
    pub grads: Gradients<f32>,
    /// `w_s · L_s`.
    pub loss: f64,
    /// `(correct, classified)` when the update classifies whole sequences (or binary labels).
    pub counted: Option<(usize, usize)>,
}

/// `batch` cut into (at most) `shards` [`Shard`]s ([`shard_rows`]), each with its weight
/// `B_s / B`; shard i's dropout seed is `seed(i)`.
pub fn split_batch(batch: &Batch, shards: usize, seed: impl Fn(usize) -> u64) -> Vec<Shard> {
    let rows = batch.input.batch_size();
    shard_rows(rows, shards)
        .into_iter()
        .enumerate()
        .map(|(i, r)| Shard {
            weight: r.len() as f32 / rows as f32,
            batch: batch_rows(batch, r),
            dropout_seed: seed(i),
        })
        .collect()
}

/// How a shard's gradient is computed: the lesson's loss and the BPTT window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ShardSpec {
    /// The lesson's loss.
    pub loss: Loss,
    /// Truncated BPTT window (`None`: full).
    pub truncate: Option<usize>,
}

/// Forward, weighted loss and backward of one shard. `dropout` draws the masks (in training
/// mode, as in [`Network::train_step`]).
pub fn shard_gradients(
    net: &Network<f32>,
    batch: &Batch,
    weight: f32,
    spec: ShardSpec,
    dropout: &mut Rng64,
) -> Result<ShardOutput, NnError> {
    let (out, cache) = net.forward(
        batch.input.as_input(),
        None,
        ForwardOptions {
            train_rng: Some(dropout),
            trace: false,
        },
    )?;
    let (loss, mut dy) = spec.loss.compute(&out.head_output, &batch.target)?;
    if weight != 1.0 {
        dy.mapv_inplace(|g| g * weight);
    }
    let back = net.backward(
        &cache,
        &dy,
        BackwardOptions {
            truncate: spec.truncate,
            trace: false,
        },
    )?;
    let counted = classified(spec.loss, &out.head_output, &batch.target);
    Ok(ShardOutput {
        grads: back.grads,
        loss: f64::from(weight) * f64::from(loss),
        counted,
    })
}

/// Computes one [`Shard`] (its own dropout stream).
pub fn compute_shard(
    net: &Network<f32>,
    shard: &Shard,
    spec: ShardSpec,
) -> Result<ShardOutput, NnError> {
    let mut rng = seeded_rng(shard.dropout_seed);
    shard_gradients(net, &shard.batch, shard.weight, spec, &mut rng)
}

/// Sums the shards' parts in shard order: the whole batch's part.
pub fn sum_shards(mut outputs: Vec<ShardOutput>) -> Result<ShardOutput, NnError> {
    if outputs.is_empty() {
        return Err(NnError::Invalid(
            "an update needs at least one shard".into(),
        ));
    }
    let mut sum = outputs.remove(0);
    for o in outputs {
        sum.grads.add_assign(&o.grads)?;
        sum.loss += o.loss;
        sum.counted = match (sum.counted, o.counted) {
            (Some((a, b)), Some((c, d))) => Some((a + c, b + d)),
            _ => None,
        };
    }
    Ok(sum)
}

/// The whole batch's part (loss and gradient, no dropout) computed on `shards` shards, as an
/// update on that many workers computes it.
pub fn sharded_gradients(
    net: &Network<f32>,
    batch: &Batch,
    shards: usize,
    spec: ShardSpec,
) -> Result<ShardOutput, NnError> {
    let shards = split_batch(batch, shards, |_| 0);
    sum_shards(compute_shards(net, &shards, spec)?)
}

/// Computes every shard on its own thread (natively) or in turn (wasm32, where the other
/// shards go to helper workers instead), and returns their parts in shard order.
pub fn compute_shards(
    net: &Network<f32>,
    shards: &[Shard],
    spec: ShardSpec,
) -> Result<Vec<ShardOutput>, NnError> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        if shards.len() > 1 {
            return std::thread::scope(|scope| {
                let handles: Vec<_> = shards[1..]
                    .iter()
                    .map(|sh| scope.spawn(move || compute_shard(net, sh, spec)))
                    .collect();
                let mut out = vec![compute_shard(net, &shards[0], spec)];
                out.extend(handles.into_iter().map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(NnError::Invalid("a training thread stopped".into()))
                    })
                }));
                out.into_iter().collect()
            });
        }
    }
    shards
        .iter()
        .map(|sh| compute_shard(net, sh, spec))
        .collect()
}

// ---- what crosses to a helper worker ------------------------------------------------------

/// A dense f32 tensor as little-endian bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireF32 {
    /// Shape.
    pub shape: Vec<usize>,
    /// `shape.product()` f32, little-endian.
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}

/// Integer ids (tokens, classes) as little-endian u32.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireIds {
    /// Shape.
    pub shape: Vec<usize>,
    /// `shape.product()` u32, little-endian.
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}

/// Ids or floats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WireTensor {
    /// Floats.
    F32(WireF32),
    /// Ids.
    Ids(WireIds),
}

/// f32 values as little-endian bytes.
pub fn f32_bytes<'a>(values: impl IntoIterator<Item = &'a f32>) -> Vec<u8> {
    values.into_iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn read_f32(bytes: &[u8]) -> impl Iterator<Item = f32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

fn wire_err(what: &str) -> NnError {
    NnError::Invalid(format!("a helper worker's message was malformed ({what})"))
}

impl WireTensor {
    fn floats<D: ndarray::Dimension>(a: &ndarray::Array<f32, D>) -> WireTensor {
        WireTensor::F32(WireF32 {
            shape: a.shape().to_vec(),
            bytes: f32_bytes(a.iter()),
        })
    }

    fn ids<D: ndarray::Dimension>(a: &ndarray::Array<usize, D>) -> WireTensor {
        WireTensor::Ids(WireIds {
            shape: a.shape().to_vec(),
            bytes: a.iter().flat_map(|&v| (v as u32).to_le_bytes()).collect(),
        })
    }

    fn to_floats(&self) -> Result<ArrayD<f32>, NnError> {
        let WireTensor::F32(w) = self else {
            return Err(wire_err("ids where floats belong"));
        };
        let n: usize = w.shape.iter().product();
        if w.bytes.len() != 4 * n {
            return Err(wire_err("float data length"));
        }
        ArrayD::from_shape_vec(IxDyn(&w.shape), read_f32(&w.bytes).collect())
            .map_err(|_| wire_err("float shape"))
    }

    fn to_ids(&self) -> Result<ArrayD<usize>, NnError> {
        let WireTensor::Ids(w) = self else {
            return Err(wire_err("floats where ids belong"));
        };
        let n: usize = w.shape.iter().product();
        if w.bytes.len() != 4 * n {
            return Err(wire_err("id data length"));
        }
        let ids = w
            .bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
            .collect();
        ArrayD::from_shape_vec(IxDyn(&w.shape), ids).map_err(|_| wire_err("id shape"))
    }
}

/// A shard for a helper worker: the model, its current weights and the shard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardJob {
    /// The model's configuration (the helper rebuilds its network when it changes).
    pub model: NetworkConfig,
    /// Every parameter in [`Parameters::views`] order, f32 little-endian.
    #[serde(with = "serde_bytes")]
    pub weights: Vec<u8>,
    /// The shard's input.
    pub input: WireTensor,
    /// The shard's target.
    pub target: WireTensor,
    /// `B_s / B`.
    pub weight: f32,
    /// The shard's dropout seed.
    pub dropout_seed: u64,
    /// Loss and BPTT window.
    pub spec: ShardSpec,
}

/// A helper's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardReply {
    /// The weighted gradient, in [`Parameters::views`] order, f32 little-endian.
    #[serde(with = "serde_bytes")]
    pub grads: Vec<u8>,
    /// `w_s · L_s`.
    pub loss: f64,
    /// `(correct, classified)`.
    pub counted: Option<(u64, u64)>,
}

/// What a helper worker says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromHelper {
    /// Started and waiting for jobs (a worker drops messages sent before it listens).
    Ready,
    /// A job's part.
    Reply(ShardReply),
    /// A job failed or the helper panicked; the message says why.
    Failed(String),
}

/// Every parameter, f32 little-endian, in [`Parameters::views`] order.
pub fn params_bytes(p: &Parameters<f32>) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 * p.num_params());
    for v in p.views() {
        out.extend(v.iter().flat_map(|x| x.to_le_bytes()));
    }
    out
}

/// Writes bytes made by [`params_bytes`] into `p` (same structure).
pub fn load_params_bytes(p: &mut Parameters<f32>, bytes: &[u8]) -> Result<(), NnError> {
    if bytes.len() != 4 * p.num_params() {
        return Err(wire_err("parameter count"));
    }
    let mut values = read_f32(bytes);
    for mut v in p.views_mut() {
        for (x, y) in v.iter_mut().zip(&mut values) {
            *x = y;
        }
    }
    Ok(())
}

impl ShardJob {
    /// The job of `shard` for a helper.
    pub fn new(net: &Network<f32>, shard: &Shard, spec: ShardSpec) -> ShardJob {
        ShardJob {
            model: net.config(),
            weights: params_bytes(net.params()),
            input: match &shard.batch.input {
                BatchInput::Dense(x) => WireTensor::floats(x),
                BatchInput::Tokens(t) => WireTensor::ids(t),
            },
            target: match &shard.batch.target {
                Target::Dense(d) => WireTensor::floats(d),
                Target::Classes(c) => WireTensor::ids(c),
            },
            weight: shard.weight,
            dropout_seed: shard.dropout_seed,
            spec,
        }
    }

    /// The shard back from the wire.
    pub fn shard(&self) -> Result<Shard, NnError> {
        let input = match &self.input {
            WireTensor::F32(_) => BatchInput::Dense(
                self.input
                    .to_floats()?
                    .into_dimensionality::<ndarray::Ix3>()
                    .map_err(|_| wire_err("input rank"))?,
            ),
            WireTensor::Ids(_) => BatchInput::Tokens(
                self.input
                    .to_ids()?
                    .into_dimensionality::<ndarray::Ix2>()
                    .map_err(|_| wire_err("token rank"))?,
            ),
        };
        let target = match &self.target {
            WireTensor::F32(_) => Target::Dense(self.target.to_floats()?),
            WireTensor::Ids(_) => Target::Classes(self.target.to_ids()?),
        };
        Ok(Shard {
            batch: Batch { input, target },
            weight: self.weight,
            dropout_seed: self.dropout_seed,
        })
    }
}

impl ShardReply {
    /// The reply carrying `out`.
    pub fn new(out: &ShardOutput) -> ShardReply {
        ShardReply {
            grads: params_bytes(&out.grads),
            loss: out.loss,
            counted: out.counted.map(|(a, b)| (a as u64, b as u64)),
        }
    }

    /// The shard's part, its gradient shaped like `net`'s parameters.
    pub fn output(&self, net: &Network<f32>) -> Result<ShardOutput, NnError> {
        let mut grads = net.zero_grads();
        load_params_bytes(&mut grads, &self.grads)?;
        Ok(ShardOutput {
            grads,
            loss: self.loss,
            counted: self.counted.map(|(a, b)| (a as usize, b as usize)),
        })
    }
}

/// A helper's model: rebuilt when the job's configuration changes, weights written each job.
#[derive(Debug, Default)]
pub struct Helper {
    net: Option<Network<f32>>,
}

impl Helper {
    /// Computes `job` (what a helper worker does with each message).
    pub fn run(&mut self, job: &ShardJob) -> Result<ShardReply, NnError> {
        let fresh = match &self.net {
            Some(n) => n.config() != job.model,
            None => true,
        };
        if fresh {
            self.net = None;
            self.net =
                Some(Network::new(&job.model, 0).map_err(|e| NnError::Invalid(e.to_string()))?);
        }
        let net = self.net.as_mut().ok_or_else(|| wire_err("model"))?;
        load_params_bytes(net.params_mut(), &job.weights)?;
        let out = compute_shard(net, &job.shard()?, job.spec)?;
        Ok(ShardReply::new(&out))
    }
}
