//! The MNIST lesson's page: a digit read row by row, the test report, a pad to draw on, and
//! loading the full MNIST files.

mod belief_bars;
mod digit_canvas;
mod draw_pad;
mod report;
mod view;

use yew::prelude::*;

use super::{no_controls, LessonPage};

/// The MNIST lesson's page.
pub const PAGE: LessonPage = LessonPage {
    view: || html! { <view::MnistView /> },
    controls: no_controls,
};
