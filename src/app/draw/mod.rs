//! Drawing code: plain functions that take an element and draw into it.

pub mod curves;
pub mod heatmap;
pub mod digit;
