//! The trace the inside views draw, shared by them and compared by identity; and which trace
//! is shown: the newest while the panel is on screen, the last drawn while it is not.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::context::AppContext;
use crate::app::visible::use_on_screen;
use crate::train::Inspection;
use crate::worker::messages::{ModelSummary, ToWorker};

/// An inspection shared by the views; equal only to itself, so a new trace redraws and an old
/// one is never compared value by value.
#[derive(Clone, Debug)]
pub struct SharedInspection(pub Rc<Inspection>);

impl PartialEq for SharedInspection {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl SharedInspection {
    /// Directions per layer (2 when bidirectional).
    pub fn num_directions(&self) -> usize {
        if self.0.forward.directions.iter().any(|d| d.direction == 1) {
            2
        } else {
            1
        }
    }

    /// Layers traced.
    pub fn num_layers(&self) -> usize {
        self.0.forward.directions.len() / self.num_directions()
    }

    /// Timesteps traced.
    pub fn steps(&self) -> usize {
        self.0
            .forward
            .directions
            .first()
            .map(|d| d.steps.len())
            .unwrap_or(0)
    }
}

/// A summary compared by identity: each `Opened` brings a new one, and the worker then needs
/// to be told again which example to follow.
#[derive(Clone)]
struct Opened(Rc<ModelSummary>);

impl PartialEq for Opened {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Tells the worker which example to follow: on mount, after every (re)open, on a new pick.
#[hook]
pub fn use_follow_example(app: &AppContext, example: usize) {
    let send = app.send.clone();
    let opened = Opened(app.state.summary.clone());
    let picker = app.state.picker.clone();
    use_effect_with((opened, picker, example), move |(opened, picker, index)| {
        if let (true, Some(picker)) = (opened.0.total > 0, picker) {
            send.emit(ToWorker::Inspect(picker.pick(*index)));
        }
    });
}

/// The trace to draw. Off screen, the views keep the traces they last drew and catch up when
/// scrolled to: a refresh nobody sees cost the page 20–35 ms, 4 times a second while training.
#[hook]
pub fn use_shown_inspection(app: &AppContext, section: NodeRef) -> Option<SharedInspection> {
    let latest = app
        .state
        .inspection
        .as_ref()
        .filter(|i| i.lesson == app.state.lesson)
        .map(|i| SharedInspection(i.clone()));
    let on_screen = use_on_screen(section, "100px");
    let shown = use_mut_ref(|| None::<SharedInspection>);
    let mut shown = shown.borrow_mut();
    if on_screen || shown.is_none() || latest.is_none() {
        *shown = latest;
    }
    shown.clone()
}
