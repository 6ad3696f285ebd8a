//! RNN Playground: train small recurrent networks in the browser and watch them learn.
//!
//! The crate is one package with two halves (see `ARCHITECTURE.md`):
//!
//! * the **core** — [`nn`], [`optim`], [`data`], [`lessons`], [`train`], [`ui`] — plain Rust
//!   with no browser imports, tested natively with `cargo test`;
//! * the **browser** half — [`worker`] (the training Web Worker; its message types are plain
//!   Rust) and `app` (the Yew page) — compiled for `wasm32`.

/// `impl<F: Clone> Clone` for a struct generic over its float, field by field, whose
/// `clone_from` reuses each field's buffers (the derived one allocates a whole new copy). The
/// session keeps a copy of the weights and optimizer state before every update this way.
macro_rules! clone_reusing_buffers {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl<F: Clone> Clone for $ty<F> {
            fn clone(&self) -> Self {
                $ty { $($field: self.$field.clone()),* }
            }
            fn clone_from(&mut self, source: &Self) {
                $(self.$field.clone_from(&source.$field);)*
            }
        }
    };
}

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
