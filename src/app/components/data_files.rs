use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::files::read_chosen;
use crate::app::state::Action;
use crate::lessons::LessonId;
use crate::ui::i18n::Bilingual;
use crate::worker::messages::{Level, ToWorker};

#[derive(Properties, PartialEq)]
pub struct DataFilesProps {
    /// The lesson whose data the files replace.
    pub lesson: LessonId,
    /// The summary line (what can be loaded).
    pub title: AttrValue,
    /// Which files, named how.
    pub hint: AttrValue,
    /// `data-testid` of the file input.
    pub testid: AttrValue,
    /// Extra class of the `<details>` (for styling and tests).
    #[prop_or_default]
    pub class: AttrValue,
}

/// Loads a lesson's data from files on disk into the worker, which parses them with the
/// lesson's own parser and either switches to them or refuses them with the reason (nothing
/// changes then).
#[component]
pub fn DataFiles(props: &DataFilesProps) -> Html {
    let app = use_app();
    let onchange = {
        let app = app.clone();
        let lesson = props.lesson;
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let app = app.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match read_chosen(&input).await {
                    Ok(files) if files.is_empty() => {}
                    Ok(files) => {
                        let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
                        app.dispatch(Action::Notify {
                            level: Level::Info,
                            text: Bilingual::new(
                                format!("Reading {}…", names.join(", ")),
                                format!("{} 읽는 중…", names.join(", ")),
                            ),
                        });
                        app.send.emit(ToWorker::LoadFiles { lesson, files });
                    }
                    Err(text) => app.dispatch(Action::Notify {
                        level: Level::Error,
                        text: Bilingual::new(
                            text.clone(),
                            format!("파일을 읽지 못했습니다: {text}"),
                        ),
                    }),
                }
            });
        })
    };
    html! {
        <details class={classes!("data-files", props.class.clone())}>
            <summary>{ props.title.clone() }</summary>
            <p class="hint">{ props.hint.clone() }</p>
            <input type="file" multiple=true data-testid={props.testid.clone()} {onchange} />
        </details>
    }
}
