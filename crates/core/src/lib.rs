//! RNN Playground's core: [`nn`], [`optim`], [`data`], [`lessons`], [`train`], [`ui`] (and
//! [`wire`], the worker's message format, and [`bench`]). Plain Rust with no browser imports,
//! tested natively; the `rnn-playground` package re-exports every module.
//!
//! It is its own crate so that the size-built browser binary can keep this crate's hot code at
//! opt-level 3 (Cargo sets opt-levels per package; see the root `Cargo.toml`).

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
pub mod wire;
