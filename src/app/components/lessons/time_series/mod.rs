//! The time-series lesson's page: predictions over the truth and the series itself.

mod series_input;
mod view;

use yew::prelude::*;

use super::{no_controls, LessonPage};

/// The time-series lesson's page.
pub const PAGE: LessonPage = LessonPage {
    view: || html! { <view::SeriesView /> },
    controls: no_controls,
};
