//! The memory-limit experiment's panel (`view.rs`) and its chart (`chart.rs`).

mod chart;
mod view;

pub use view::MemoryLimit;
