//! What the page shows, as plain Rust: texts in English and Korean, the shareable URL state,
//! number formats and keyboard shortcuts. No `yew` or `web-sys` here, so native tests cover it.

pub mod bptt_layout;
pub mod chart;
pub mod claims;
pub mod code;
pub mod colour;
pub mod cores;
pub mod cursor;
pub mod curves;
pub mod describe;
pub mod digit;
pub mod embedding_layout;
pub mod format;
pub mod glossary;
pub mod heatmaps;
pub mod i18n;
pub mod inside;
pub mod keras_summary;
pub mod memory_limit;
pub mod presenter;
pub mod run_bar;
pub mod saved;
pub mod series_chart;
pub mod shapes;
pub mod shortcuts;
pub mod state;
pub mod table_preview;
pub mod tour;
pub mod tour_follow;
pub mod tour_layout;
pub mod url;
