//! The page's state and the reducer that changes it.

use std::rc::Rc;

use yew::Reducible;

use crate::lessons::LessonId;
use crate::worker::messages::PROTOCOL_VERSION;

/// How the page sees its training worker.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerStatus {
    /// Spawned, not heard from yet.
    Connecting,
    /// Answered; `round_trip_ms` is the last ping's latency, when measured.
    Ready { round_trip_ms: Option<f64> },
    /// Speaks another protocol (an old cached worker): reload needed.
    Incompatible { protocol: u32 },
}

/// Everything the page draws from.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub lesson: LessonId,
    pub worker: WorkerStatus,
}

impl Default for AppState {
    fn default() -> Self {
        AppState { lesson: LessonId::default(), worker: WorkerStatus::Connecting }
    }
}

/// What can happen to [`AppState`].
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SelectLesson(LessonId),
    WorkerReady { protocol: u32 },
    WorkerPong { round_trip_ms: f64 },
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SelectLesson(lesson) => next.lesson = lesson,
            Action::WorkerReady { protocol } if protocol != PROTOCOL_VERSION => {
                next.worker = WorkerStatus::Incompatible { protocol };
            }
            Action::WorkerReady { .. } => {
                if !matches!(next.worker, WorkerStatus::Ready { .. }) {
                    next.worker = WorkerStatus::Ready { round_trip_ms: None };
                }
            }
            Action::WorkerPong { round_trip_ms } => {
                if !matches!(next.worker, WorkerStatus::Incompatible { .. }) {
                    next.worker = WorkerStatus::Ready { round_trip_ms: Some(round_trip_ms) };
                }
            }
        }
        Rc::new(next)
    }
}
