use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::components::tour_panel::TourToggle;
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::lessons::LessonId;
use crate::ui::i18n::{Lang, Text};

/// The app name, the lesson picker, the language switch and presenter mode.
#[component]
pub fn Header() -> Html {
    let app = use_app();
    let lang = app.state.lang;
    let on_lesson = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(lesson) = LessonId::from_key(&select.value()) {
                app.dispatch(Action::SelectLesson(lesson));
            }
        })
    };
    let on_lang = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(l) = Lang::from_code(&select.value()) {
                app.dispatch(Action::SetLang(l));
            }
        })
    };
    let on_presenter = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::TogglePresenter))
    };
    let on_help = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::ToggleHelp))
    };
    html! {
        <header class="header">
            <h1 class="app-name">{ app.t(Text::AppName) }</h1>
            <label class="picker">
                <span>{ app.t(Text::Lesson) }</span>
                <select data-testid="lesson-select" onchange={on_lesson}>
                    { for LessonId::ALL.iter().map(|&l| html! {
                        <option value={l.key()} selected={l == app.state.lesson}>{ l.info().title.get(lang) }</option>
                    }) }
                </select>
            </label>
            <TourToggle />
            <span class="spacer" />
            <label class="picker">
                <span>{ app.t(Text::Language) }</span>
                <select data-testid="language-select" onchange={on_lang}>
                    { for Lang::ALL.iter().map(|&l| html! {
                        <option value={l.code()} selected={l == lang}>{ l.native_name() }</option>
                    }) }
                </select>
            </label>
            <button class="secondary" data-testid="presenter-toggle" aria-pressed={app.state.presenter.to_string()}
                onclick={on_presenter} aria-keyshortcuts="p">{ app.t(Text::Presenter) }</button>
            <button class="secondary icon" data-testid="help-toggle" aria-label={app.t(Text::Shortcuts)}
                onclick={on_help} aria-keyshortcuts="?">{ "?" }</button>
        </header>
    }
}
