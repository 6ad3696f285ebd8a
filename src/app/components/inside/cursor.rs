//! The timestep cursor (`ui::cursor`) as yew holds it, and what moves it besides the stepper:
//! ← and →, the play-through's timer, and a guided step's focus.

use std::rc::Rc;

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::app::keys::use_shortcuts;
use crate::app::state::AppState;
use crate::ui::cursor::{Cursor, CursorAction};
use crate::ui::shortcuts::Shortcut;
use crate::ui::state::Focus;

/// [`Cursor`] for yew's `use_reducer` (the trait and the core's type are both foreign here).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CursorState(pub Cursor);

impl std::ops::Deref for CursorState {
    type Target = Cursor;

    fn deref(&self) -> &Cursor {
        &self.0
    }
}

impl Reducible for CursorState {
    type Action = CursorAction;

    fn reduce(self: Rc<Self>, action: CursorAction) -> Rc<Self> {
        let c = self.apply(action);
        if c == self.0 {
            self
        } else {
            Rc::new(CursorState(c))
        }
    }
}

/// A guided step points the views at a timestep, a unit or an example.
#[hook]
pub fn use_guided_focus(
    focus: Focus,
    cursor: UseReducerDispatcher<CursorState>,
    unit: UseStateHandle<usize>,
    example: UseStateHandle<usize>,
) {
    use_effect_with(focus, move |focus| {
        if focus.generation > 0 {
            if let Some(t) = focus.timestep {
                cursor.dispatch(CursorAction::Focus(t));
            }
            if let Some(u) = focus.unit {
                unit.set(u);
            }
            if let Some(e) = focus.example {
                example.set(e);
            }
        }
    });
}

/// ← and → step through time, except while typing in a field, and except in presenter mode
/// with a guided lesson open (there they move through its steps).
#[hook]
pub fn use_timestep_keys(
    cursor: UseReducerDispatcher<CursorState>,
    state: UseReducerHandle<AppState>,
) {
    use_shortcuts(move |action| {
        if state.presenter && state.tour.is_some() {
            return false;
        }
        match action {
            Shortcut::PrevTimestep => cursor.dispatch(CursorAction::Prev),
            Shortcut::NextTimestep => cursor.dispatch(CursorAction::Next),
            _ => return false,
        }
        true
    });
}

/// Play through: one timestep every 600 ms until the last.
#[hook]
pub fn use_play_through(cursor: UseReducerDispatcher<CursorState>, playing: bool) {
    use_effect_with(playing, move |playing| {
        let timer =
            playing.then(|| Interval::new(600, move || cursor.dispatch(CursorAction::Tick)));
        move || drop(timer)
    });
}
