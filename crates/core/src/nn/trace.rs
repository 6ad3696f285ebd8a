//! What the views draw: per layer, direction and timestep values from the forward and backward
//! passes. Recorded only when asked ([`crate::nn::ForwardOptions::trace`],
//! [`crate::nn::BackwardOptions::trace`]); values are stored as `f32` to stay compact.

use super::{CellKind, Float, Gate};
use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

/// A small row-major matrix of `f32` (`data.len() == rows * cols`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Matrix {
    /// Rows (usually the batch).
    pub rows: usize,
    /// Columns (usually hidden units).
    pub cols: usize,
    /// Row-major values; serialized as little-endian bytes (a trace crosses from the worker as
    /// byte strings, not one encoded number per value).
    #[serde(with = "f32_bytes")]
    pub data: Vec<f32>,
}

/// `Vec<f32>` as little-endian bytes in serde (a byte string, or a sequence of bytes in JSON).
pub mod f32_bytes {
    use serde::{de::Error, Deserializer, Serializer};

    /// Writes the values as `4 * len` little-endian bytes.
    pub fn serialize<S: Serializer>(v: &[f32], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
        s.serialize_bytes(&bytes)
    }

    /// Reads little-endian bytes back; a length that is not a multiple of 4 is an error.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f32>, D::Error> {
        let bytes = serde_bytes::ByteBuf::deserialize(d)?;
        if bytes.len() % 4 != 0 {
            return Err(D::Error::custom(format!(
                "{} bytes do not hold whole f32 values",
                bytes.len()
            )));
        }
        Ok(bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    use serde::Deserialize;
}

impl Matrix {
    /// Copies a 2-D view.
    pub fn from_view<F: Float>(a: ArrayView2<'_, F>) -> Self {
        Matrix {
            rows: a.nrows(),
            cols: a.ncols(),
            data: a.iter().map(|v| v.to_f32_lossy()).collect(),
        }
    }

    /// From row-major values (`rows * cols` of them).
    pub fn from_rows<F: Float>(rows: usize, cols: usize, data: &[F]) -> Self {
        Matrix {
            rows,
            cols,
            data: data.iter().map(|v| v.to_f32_lossy()).collect(),
        }
    }

    /// Euclidean (Frobenius) norm.
    pub fn norm(&self) -> f32 {
        self.data.iter().map(|v| v * v).sum::<f32>().sqrt()
    }

    /// Value at (row, col), if inside.
    pub fn get(&self, row: usize, col: usize) -> Option<f32> {
        (row < self.rows && col < self.cols).then(|| self.data[row * self.cols + col])
    }
}

/// One gate at one timestep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GateTrace {
    /// Which gate (serde: its name under the key `name`, as when it was a string).
    #[serde(rename = "name")]
    pub gate: Gate,
    /// Pre-activation `[batch, hidden]` (GRU [`Gate::New`]: `W_in x + b_in + r ⊙ (W_hn h + b_hn)`).
    pub pre_activation: Matrix,
    /// After the sigmoid/tanh/relu `[batch, hidden]`.
    pub activation: Matrix,
}

/// One timestep of one layer and direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepTrace {
    /// Time index (0-based, input order, also for the reverse direction).
    pub t: usize,
    /// The cell's input x_t `[batch, input]`.
    pub input: Matrix,
    /// h_t `[batch, hidden]`.
    pub h: Matrix,
    /// c_t `[batch, hidden]` (LSTM only).
    pub c: Option<Matrix>,
    /// Gates in PyTorch order ([`CellKind::gates`]).
    pub gates: Vec<GateTrace>,
}

impl StepTrace {
    /// The trace of one gate, if this step's cell has it.
    pub fn gate(&self, gate: Gate) -> Option<&GateTrace> {
        self.gates.iter().find(|g| g.gate == gate)
    }
}

/// All timesteps of one layer and direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectionTrace {
    /// The cell that recorded it (which gates and maps its steps hold).
    pub cell: CellKind,
    /// Layer index.
    pub layer: usize,
    /// 0 forward, 1 reverse.
    pub direction: usize,
    /// `steps[t]`, in time order.
    pub steps: Vec<StepTrace>,
}

/// The head's output, per step for the per-step head.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct HeadTrace {
    /// Per-step head: `outputs[t]` is `[batch, out]`; other heads: one `[batch, out]`.
    pub outputs: Vec<Matrix>,
    /// Per-step head: that step's loss (filled by `Network::train_step`); otherwise the loss.
    pub step_losses: Vec<f32>,
}

/// Everything recorded by a traced forward pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForwardTrace {
    /// One per (layer, direction), ordered `layer * D + direction`.
    pub directions: Vec<DirectionTrace>,
    /// Head outputs and step losses.
    pub head: HeadTrace,
}

/// Norms of one timestep's contribution to each weight gradient of its cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ContributionNorms {
    /// ‖∂L/∂pre_tᵀ · x_t‖ (contribution to grad `weight_ih`).
    pub weight_ih: f32,
    /// ‖∂L/∂pre_tᵀ · h_{t-1}‖ (contribution to grad `weight_hh`).
    pub weight_hh: f32,
    /// Contribution to grad `bias_ih` (None without bias).
    pub bias_ih: Option<f32>,
    /// Contribution to grad `bias_hh` (None without bias).
    pub bias_hh: Option<f32>,
}

/// Backward values at one timestep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackwardStepTrace {
    /// Time index.
    pub t: usize,
    /// ∂L/∂h_t `[batch, hidden]` (from above plus from step t+1, after truncation).
    pub dh: Matrix,
    /// ‖∂L/∂h_t‖.
    pub dh_norm: f32,
    /// ∂L/∂c_t (LSTM).
    pub dc: Option<Matrix>,
    /// ‖∂L/∂c_t‖ (LSTM).
    pub dc_norm: Option<f32>,
    /// This step's contributions to the weight gradients.
    pub contributions: ContributionNorms,
}

/// Backward values of one layer and direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackwardDirectionTrace {
    /// Layer index.
    pub layer: usize,
    /// 0 forward, 1 reverse.
    pub direction: usize,
    /// `steps[t]`, in time order.
    pub steps: Vec<BackwardStepTrace>,
}

/// Everything recorded by a traced backward pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackwardTrace {
    /// Truncation window in force (None = full BPTT).
    pub truncate: Option<usize>,
    /// One per (layer, direction), ordered `layer * D + direction`.
    pub directions: Vec<BackwardDirectionTrace>,
}

#[cfg(test)]
mod tests {
    use super::Matrix;

    #[test]
    fn matrix_values_round_trip_exactly_through_their_byte_form() {
        let m = Matrix {
            rows: 2,
            cols: 3,
            data: vec![0.1, -2.5e-30, f32::MAX, 1.0, f32::MIN_POSITIVE, -0.0],
        };
        let json = serde_json::to_string(&m).unwrap();
        let back: Matrix = serde_json::from_str(&json).unwrap();
        assert_eq!(back.data.len(), 6);
        for (a, b) in back.data.iter().zip(&m.data) {
            assert_eq!(a.to_bits(), b.to_bits());
        }
    }

    #[test]
    fn matrix_bytes_of_a_partial_value_are_refused() {
        let err = serde_json::from_str::<Matrix>(r#"{"rows":1,"cols":1,"data":[0,0,128]}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("3 bytes do not hold whole f32 values"),
            "{err}"
        );
    }
}
