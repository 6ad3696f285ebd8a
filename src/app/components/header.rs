use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::lessons::LessonId;

/// Display name of a lesson in the picker.
pub fn lesson_title(lesson: LessonId) -> &'static str {
    match lesson {
        LessonId::CharModel => "Character model",
        LessonId::MnistRows => "MNIST rows",
        LessonId::TimeSeries => "Time series",
    }
}

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lesson: LessonId,
    pub on_lesson: Callback<LessonId>,
}

/// The app name and the lesson picker.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let onchange = {
        let on_lesson = props.on_lesson.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(lesson) = LessonId::from_key(&select.value()) {
                on_lesson.emit(lesson);
            }
        })
    };
    html! {
        <header class="header">
            <h1 class="app-name">{ "RNN Playground" }</h1>
            <label class="lesson-picker">
                <span>{ "Lesson" }</span>
                <select data-testid="lesson-select" {onchange}>
                    { for LessonId::ALL.iter().map(|&l| html! {
                        <option value={l.key()} selected={l == props.lesson}>{ lesson_title(l) }</option>
                    }) }
                </select>
            </label>
        </header>
    }
}
