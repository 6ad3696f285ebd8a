//! What every component can reach: the state and a way to talk to the worker.

use yew::prelude::*;

use crate::app::state::{Action, AppState};
use crate::ui::i18n::{tr, Text, Tr};
use crate::worker::messages::ToWorker;

/// Provided by `Playground` to everything below it.
#[derive(Clone, PartialEq)]
pub struct AppContext {
    pub state: UseReducerHandle<AppState>,
    pub send: Callback<ToWorker>,
}

impl AppContext {
    pub fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }

    /// The text for `key` in the current language.
    pub fn t(&self, key: Text) -> &'static str {
        tr(self.state.lang, key)
    }

    /// A text kept beside what it describes (a lesson's), in the current language.
    pub fn l(&self, text: Tr) -> &'static str {
        text.get(self.state.lang)
    }
}

/// The app context; components are only ever mounted below its provider.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("components are mounted inside Playground")
}
