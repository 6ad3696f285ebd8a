//! Drawing code: plain functions that take an element and draw into it.

pub mod curves;
pub mod digit;
pub mod heatmap;
