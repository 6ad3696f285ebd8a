use yew::prelude::*;

use crate::app::components::char_view::CharView;
use crate::app::components::mnist_view::MnistView;
use crate::app::components::series_view::SeriesView;
use crate::app::context::use_app;
use crate::lessons::LessonId;

/// The view of the open lesson.
#[component]
pub fn LessonView() -> Html {
    let app = use_app();
    match app.state.lesson {
        LessonId::CharModel => html! { <CharView /> },
        LessonId::MnistRows => html! { <MnistView /> },
        LessonId::TimeSeries => html! { <SeriesView /> },
    }
}
