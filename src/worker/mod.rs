//! The training Web Worker: it owns the model; the page only draws.
//!
//! [`messages`] is compiled everywhere (so native tests check the protocol); the agent itself
//! exists only on `wasm32`.

pub mod messages;
pub mod replies;
pub use crate::wire;

#[cfg(target_arch = "wasm32")]
mod agent;
#[cfg(target_arch = "wasm32")]
mod codec;
#[cfg(target_arch = "wasm32")]
pub(crate) mod fetch;
#[cfg(target_arch = "wasm32")]
pub mod helpers;
#[cfg(target_arch = "wasm32")]
mod store;

#[cfg(target_arch = "wasm32")]
pub use agent::{register, TrainingWorker};
#[cfg(target_arch = "wasm32")]
pub use codec::JsCodec;
