//! The time-series lesson's page: predictions over the truth beside the persistence baseline,
//! the three errors, the source (generated, shipped tables, your own table, pasted numbers),
//! the table's first rows with the windows' shapes, and the columns, window, split and scaling.

mod columns;
mod errors;
mod prediction_chart;
mod series_input;
mod source_picker;
mod split_scaling;
mod table_preview;
mod view;

use yew::prelude::*;

use super::{no_controls, LessonPage};
use crate::app::context::AppContext;
use crate::app::state::Action;
use crate::lessons::time_series::{SeriesData, SeriesOptions};
use crate::lessons::LessonOptions;

/// The time-series lesson's page.
pub const PAGE: LessonPage = LessonPage {
    view: || html! { <view::SeriesView /> },
    controls: no_controls,
};

/// The open series options (defaults outside the lesson).
fn options(app: &AppContext) -> SeriesOptions {
    match &app.state.options {
        LessonOptions::TimeSeries(o) => o.clone(),
        _ => SeriesOptions::default(),
    }
}

/// Applies new series options if they make a dataset (checked here, on the page, so a bad
/// table or column choice is refused before the worker sees it and nothing changes);
/// otherwise returns the reason.
fn apply(app: &AppContext, o: SeriesOptions) -> Result<(), String> {
    SeriesData::new(o.clone()).map_err(|e| e.to_string())?;
    app.dispatch(Action::SetOptions(LessonOptions::TimeSeries(o)));
    Ok(())
}
