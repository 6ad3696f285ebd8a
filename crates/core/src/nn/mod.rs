//! The recurrent core: cells, networks, losses, traces, model files.
//!
//! Everything here is plain Rust (no browser imports), generic over the float type
//! ([`Float`]: `f32` for the app, `f64` for the reference tests) and follows PyTorch's
//! parameterisation exactly: `weight_ih [G*H, in]`, `weight_hh [G*H, H]`, `bias_ih [G*H]`,
//! `bias_hh [G*H]`, gate order i,f,g,o (LSTM) and r,z,n (GRU).
//!
//! Typical use:
//! ```
//! use rnn_core::nn::*;
//! use ndarray::Array3;
//! let cfg = NetworkConfig { hidden_size: 8, input_size: 3, output_size: 2, ..NetworkConfig::default() };
//! let net: Network<f32> = Network::new(&cfg, 42).unwrap();
//! let x = Array3::<f32>::zeros((4, 5, 3)); // [batch, seq, features]
//! let (out, cache) = net.forward(Input::Dense(x.view()), None, ForwardOptions::default()).unwrap();
//! let (loss, d_y) = Loss::MseMean.compute(&out.head_output, &Target::Dense(ndarray::ArrayD::zeros(out.head_output.shape()))).unwrap();
//! let back = net.backward(&cache, &d_y, BackwardOptions::default()).unwrap();
//! assert!(loss >= 0.0 && back.grads.global_norm() >= 0.0);
//! ```

mod cell;
mod config;
mod fastmath;
mod gate;
mod gemm;
#[doc(hidden)]
pub use gemm::{force_portable_kernel, record_products, ProductRecord};
mod gru;
mod init;
mod loss;
mod lstm;
mod network;
mod one_hot;
#[doc(hidden)]
pub use one_hot::force_input_products;
mod rnn;
mod scratch;
#[doc(hidden)]
pub use scratch::{poison_scratch, seed_scratch};
pub mod state_dict;
pub mod trace;

pub use cell::CellParams;
pub use config::{layer_params, CellKind, ConfigError, Head, NetworkConfig, Nonlinearity};
pub use gate::Gate;
pub use init::{seeded_rng, Rng64};
pub use loss::{Loss, Target};
pub use network::{
    BackwardOptions, BackwardOutput, ForwardCache, ForwardOptions, ForwardOutput, Gradients,
    InitialState, Input, Linear, Network, Parameters, StepOutput,
};
pub use state_dict::{ModelFile, StateDictError};
pub use trace::{BackwardTrace, ForwardTrace, Matrix};

use std::fmt::{Debug, Display};

/// The float type the core is generic over (`f32` in the app, `f64` in tests).
pub trait Float:
    num_traits::Float
    + num_traits::FromPrimitive
    + num_traits::ToPrimitive
    + ndarray::LinalgScalar
    + ndarray::ScalarOperand
    + Debug
    + Display
    + Default
    + Send
    + Sync
    + std::iter::Sum
    + std::ops::AddAssign
    + std::ops::SubAssign
    + std::ops::MulAssign
    + serde::Serialize
    + for<'de> serde::Deserialize<'de>
    + 'static
{
    /// Converts from `f64` (exact for f64, rounded for f32).
    fn from_f64_lossy(v: f64) -> Self;
    /// Converts to `f64`.
    fn to_f64_lossy(self) -> f64;
    /// Converts to `f32` (used by traces).
    fn to_f32_lossy(self) -> f32;
    /// Logistic sigmoid (f32: vectorisable polynomial; f64: standard library).
    fn act_sigmoid(self) -> Self;
    /// tanh (f32: vectorisable polynomial; f64: standard library).
    fn act_tanh(self) -> Self;
    /// `e^x` (f32: vectorisable polynomial; f64: standard library).
    fn act_exp(self) -> Self;
    /// `c = α·a·b + β·c` (ndarray's product; f32 in the browser: the SIMD128 kernel).
    #[inline]
    fn gemm(
        alpha: Self,
        a: ndarray::ArrayView2<'_, Self>,
        b: ndarray::ArrayView2<'_, Self>,
        beta: Self,
        c: ndarray::ArrayViewMut2<'_, Self>,
    ) {
        gemm::ndarray_gemm(alpha, a, b, beta, c);
    }
}

impl Float for f32 {
    fn from_f64_lossy(v: f64) -> Self {
        v as f32
    }
    fn to_f64_lossy(self) -> f64 {
        self as f64
    }
    fn to_f32_lossy(self) -> f32 {
        self
    }
    #[inline(always)]
    fn act_sigmoid(self) -> Self {
        fastmath::sigmoid_f32(self)
    }
    #[inline(always)]
    fn act_tanh(self) -> Self {
        fastmath::tanh_f32(self)
    }
    #[inline(always)]
    fn act_exp(self) -> Self {
        fastmath::exp_f32(self)
    }
    #[inline]
    fn gemm(
        alpha: Self,
        a: ndarray::ArrayView2<'_, Self>,
        b: ndarray::ArrayView2<'_, Self>,
        beta: Self,
        c: ndarray::ArrayViewMut2<'_, Self>,
    ) {
        // In the browser every product runs on the SIMD128 kernel (matrixmultiply has none).
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        gemm::sgemm::<gemm::simd128::Simd128>(alpha, a, b, beta, c);
        // Natively matrixmultiply (AVX2/FMA), except below MR rows: it packs both operands
        // even for one row, and a batch of 1 (the char model) runs several times faster as the
        // crate's dot-product rows.
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        if a.nrows() < gemm::MR || gemm::portable_forced() {
            gemm::sgemm::<gemm::Portable>(alpha, a, b, beta, c);
        } else {
            gemm::ndarray_gemm(alpha, a, b, beta, c);
        }
    }
}

impl Float for f64 {
    fn from_f64_lossy(v: f64) -> Self {
        v
    }
    fn to_f64_lossy(self) -> f64 {
        self
    }
    fn to_f32_lossy(self) -> f32 {
        self as f32
    }
    #[inline(always)]
    fn act_sigmoid(self) -> Self {
        1.0 / (1.0 + (-self).exp())
    }
    #[inline(always)]
    fn act_tanh(self) -> Self {
        self.tanh()
    }
    #[inline(always)]
    fn act_exp(self) -> Self {
        self.exp()
    }
}

/// Runs `$body` compiled with AVX2+FMA when the CPU has them (x86_64), else as is.
macro_rules! simd_dispatch {
    ($(#[$m:meta])* fn $name:ident<F>($($arg:ident : $ty:ty),* $(,)?) $body:block) => {
        $(#[$m])*
        #[allow(clippy::too_many_arguments)]
        pub(crate) fn $name<F: $crate::nn::Float>($($arg: $ty),*) {
            #[inline(always)]
            #[allow(clippy::too_many_arguments)]
            fn imp<F: $crate::nn::Float>($($arg: $ty),*) $body
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2,fma")]
                #[allow(clippy::too_many_arguments)]
                fn avx2<F: $crate::nn::Float>($($arg: $ty),*) {
                    imp::<F>($($arg),*)
                }
                if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
                    // SAFETY: the CPU supports AVX2 and FMA (checked just above).
                    return unsafe { avx2::<F>($($arg),*) };
                }
            }
            imp::<F>($($arg),*)
        }
    };
}
pub(crate) use simd_dispatch;

/// Errors from running a network on user data (shapes, token ids, targets).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NnError {
    /// A tensor has the wrong shape.
    #[error("{what}: expected shape {expected:?}, found {found:?}")]
    Shape {
        /// Which tensor.
        what: String,
        /// The expected shape.
        expected: Vec<usize>,
        /// The shape given.
        found: Vec<usize>,
    },
    /// Some other invalid input (token id out of range, wrong target kind, ...).
    #[error("{0}")]
    Invalid(String),
}

/// A name that is none of a kind's: what the `FromStr` of the enums with one name each
/// ([`Gate`], [`CellKind`], [`crate::optim::OptimizerKind`]) refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{name}` (one of {expected})")]
pub struct UnknownName {
    /// The kind (`gate`, `cell`, `optimizer`).
    pub what: &'static str,
    /// The name given.
    pub name: String,
    /// The names there are, comma-separated.
    pub expected: String,
}

/// The one of `all` whose `key` is `name` (the `FromStr` of the enums with one name each).
pub(crate) fn by_key<T: Copy>(
    what: &'static str,
    all: &[T],
    key: fn(T) -> &'static str,
    name: &str,
) -> Result<T, UnknownName> {
    all.iter()
        .copied()
        .find(|&t| key(t) == name)
        .ok_or_else(|| UnknownName {
            what,
            name: name.to_string(),
            expected: all.iter().map(|&t| key(t)).collect::<Vec<_>>().join(", "),
        })
}

pub(crate) fn shape_err(what: &str, expected: &[usize], found: &[usize]) -> NnError {
    NnError::Shape {
        what: what.to_string(),
        expected: expected.to_vec(),
        found: found.to_vec(),
    }
}
