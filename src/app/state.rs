//! The page's state as yew holds it: the state, its actions and the pure reducer are
//! [`crate::ui::state`] (plain Rust, tested natively); yew calls it through [`Reducible`].

use std::rc::Rc;

use yew::Reducible;

pub use crate::ui::state::*;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(crate::ui::state::reduce(&self, action))
    }
}
