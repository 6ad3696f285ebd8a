//! One Yew function component per file.

pub mod bptt_graph;
pub mod cell_diagram;
pub mod char_view;
pub mod controls;
pub mod curve_chart;
pub mod digit_canvas;
pub mod draw_pad;
pub mod gate_heatmaps;
pub mod header;
pub mod inside;
pub mod lesson_view;
pub mod lr_field;
pub mod mnist_view;
pub mod model_file;
pub mod model_summary;
pub mod notices;
pub mod number_field;
pub mod playground;
pub mod run_controls;
pub mod select_field;
pub mod series_view;
pub mod shortcuts_help;
pub mod status_bar;
pub mod top5_bars;
pub mod unit_arithmetic;
