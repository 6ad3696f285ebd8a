//! RNN Playground: train small recurrent networks in the browser and watch them learn.
//!
//! This package is the browser half; with the core it makes the app (see `ARCHITECTURE.md`):
//!
//! * the **core** — [`nn`], [`optim`], [`data`], [`lessons`], [`train`], [`ui`], [`wire`], [`bench`]
//!   — plain Rust with no browser imports, tested natively with `cargo test`, is the `rnn-core`
//!   crate (`crates/core`), re-exported here module by module;
//! * the **browser** half — [`worker`] (the training Web Worker; its message types are plain
//!   Rust) and `app` (the Yew page) — compiled for `wasm32`. The binary that runs them is
//!   `crates/web`.

pub use rnn_core::{bench, data, lessons, nn, optim, train, ui, wire};
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod app;

/// The linear memory this wasm instance holds, in bytes (it only grows). The soak test
/// (`benches/soak.mjs`) reads it in the page and in the worker to see memory stay flat.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}
