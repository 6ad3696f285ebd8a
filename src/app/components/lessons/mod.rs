//! The page's part of each lesson: its view below the charts and its options in the controls
//! column. One line per lesson in [`page`]; everything else lives in the lesson's folder.

pub mod char_model;
pub mod mnist_rows;
pub mod sentiment;
pub mod time_series;

use yew::prelude::*;

use crate::app::context::use_app;
use crate::lessons::LessonId;

/// What the page shows of one lesson.
pub struct LessonPage {
    /// The lesson's own view (below the charts).
    pub view: fn() -> Html,
    /// The lesson's options in the controls column.
    pub controls: fn() -> Html,
}

/// No lesson options beyond the generic controls.
pub fn no_controls() -> Html {
    Html::default()
}

/// The page of a lesson.
pub fn page(lesson: LessonId) -> &'static LessonPage {
    match lesson {
        LessonId::CharModel => &char_model::PAGE,
        LessonId::MnistRows => &mnist_rows::PAGE,
        LessonId::TimeSeries => &time_series::PAGE,
        LessonId::Sentiment => &sentiment::PAGE,
    }
}

/// The view of the open lesson.
#[component]
pub fn LessonView() -> Html {
    let app = use_app();
    (page(app.state.lesson).view)()
}

/// The open lesson's options.
#[component]
pub fn LessonControls() -> Html {
    let app = use_app();
    (page(app.state.lesson).controls)()
}
