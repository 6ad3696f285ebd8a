//! One Yew function component per file.

pub mod controls;
pub mod curve_chart;
pub mod header;
pub mod inside;
pub mod lr_field;
pub mod model_summary;
pub mod notices;
pub mod number_field;
pub mod playground;
pub mod run_controls;
pub mod select_field;
pub mod shortcuts_help;
pub mod status_bar;
