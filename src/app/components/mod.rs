//! One Yew function component per file.

pub mod bptt_graph;
pub mod cell_diagram;
pub mod code_data;
pub mod code_panel;
pub mod compare;
pub mod controls;
pub mod curve_chart;
pub mod data_files;
pub mod gate_heatmaps;
pub mod header;
pub mod index_field;
pub mod inside;
pub mod lessons;
pub mod lr_field;
pub mod memory_limit;
pub mod model_file;
pub mod model_summary;
pub mod notices;
pub mod number_field;
pub mod optimizer_settings;
pub mod playground;
pub mod return_sequences;
pub mod run_controls;
pub mod select_field;
pub mod settings_form;
pub mod shapes_panel;
pub mod shortcuts_help;
pub mod status_bar;
pub mod tour_panel;
pub mod unit_arithmetic;

/// A text with its `code spans` (between backticks) in `<code>`: the course's names inside a
/// sentence (`i2h`, `torch.cat`) stay as code in both languages.
pub fn with_code_spans(text: &str) -> yew::Html {
    use yew::html;
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ part.to_string() }</code> }
            } else {
                html! { { part.to_string() } }
            }
        })
        .collect()
}
