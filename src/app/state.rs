//! The page's state as yew holds it: the state, its actions and the pure reducer are
//! [`crate::ui::state`] (plain Rust in the core crate, tested natively); yew calls the reducer
//! through [`Reducible`], implemented here on a wrapper (the trait and the core's type are both
//! foreign to this crate).

use std::ops::Deref;
use std::rc::Rc;

use yew::Reducible;

pub use crate::ui::state::*;

/// [`crate::ui::state::AppState`] for yew's `use_reducer`; reads through to it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState(pub crate::ui::state::AppState);

impl Deref for AppState {
    type Target = crate::ui::state::AppState;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(AppState(crate::ui::state::reduce(&self.0, action)))
    }
}
