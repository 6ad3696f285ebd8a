//! RNN Playground: train small recurrent networks in the browser and watch them learn.
//!
//! The crate is one package with two halves (see `ARCHITECTURE.md`):
//!
//! * the **core** — [`nn`], [`optim`], [`data`], [`lessons`] — plain Rust with no browser
//!   imports, tested natively with `cargo test`;
//! * the **browser** half — [`worker`] (the training Web Worker; its message types are plain
//!   Rust) and `app` (the Yew page) — compiled for `wasm32`.

pub mod bench;
pub mod data;
pub mod lessons;
pub mod nn;
pub mod optim;
pub mod train;
pub mod ui;
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod app;
