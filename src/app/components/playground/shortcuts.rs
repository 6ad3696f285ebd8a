//! The page's keyboard shortcuts, except while typing in a field.

use yew::prelude::*;

use crate::app::keys::use_shortcuts;
use crate::app::state::{Action, AppState};
use crate::ui::shortcuts::Shortcut;
use crate::worker::messages::ToWorker;

/// Space plays or pauses, `.` steps, R resets, ? and P toggle help and presenter mode, Escape
/// closes help or the guided lesson (`ui::shortcuts` maps the keys).
#[hook]
pub fn use_page_shortcuts(state: UseReducerHandle<AppState>, send: Callback<ToWorker>) {
    use_shortcuts(move |action| {
        match action {
            // The reducer handle reads the newest state when the key arrives.
            Shortcut::PlayPause => send.emit(if state.progress.running {
                ToWorker::Pause
            } else {
                ToWorker::Play
            }),
            Shortcut::Step => send.emit(ToWorker::Step { updates: 1 }),
            Shortcut::Reset => send.emit(ToWorker::Reset),
            Shortcut::ToggleHelp => state.dispatch(Action::ToggleHelp),
            Shortcut::TogglePresenter => state.dispatch(Action::TogglePresenter),
            Shortcut::Close if state.show_help => state.dispatch(Action::ToggleHelp),
            Shortcut::Close if state.tour.is_some() => state.dispatch(Action::TourClose),
            Shortcut::Close => return false,
            // ←/→ belong to the inside views, PageUp/PageDown to the guided lesson.
            Shortcut::PrevTimestep
            | Shortcut::NextTimestep
            | Shortcut::TourNext
            | Shortcut::TourBack => return false,
        }
        true
    });
}
