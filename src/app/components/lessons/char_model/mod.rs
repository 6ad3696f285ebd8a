//! The character lesson's page: the text with what the model predicts at each position,
//! generation, and the choice of loss.

mod generation;
mod options;
mod reading;
mod text_editor;
mod top5_bars;
mod view;

use yew::prelude::*;

use super::LessonPage;

/// The character lesson's page.
pub const PAGE: LessonPage = LessonPage {
    view: || html! { <view::CharView /> },
    controls: || html! { <options::CharOptionsControls /> },
};
