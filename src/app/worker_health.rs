//! Keeps an eye on the training worker: a ping every few seconds; a worker that stopped
//! answering is shown as such at once and restarted after a while (a panic inside it is
//! reported at once by its panic hook, see `worker::agent`).

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::app::now_ms;
use crate::app::state::{Action, AppState};
use crate::worker::messages::ToWorker;

/// A ping this often.
const PING_EVERY_MS: u32 = 2_000;
/// No answer for this long: the badge says the worker is not answering.
const SILENT_AFTER_MS: f64 = 6_000.0;
/// No answer for this long: the worker is restarted (a long data load stays well below it).
const DEAD_AFTER_MS: f64 = 30_000.0;

/// When the worker last answered (the page's clock, ms); updated by the bridge on every pong.
#[derive(Clone, Default)]
pub struct LastAnswer(Rc<Cell<f64>>);

impl LastAnswer {
    /// The worker answered now.
    pub fn now(&self) {
        self.0.set(now_ms());
    }
}

impl PartialEq for LastAnswer {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Pings the worker; marks it silent, then reports it dead through `on_dead`.
#[hook]
pub fn use_worker_health(
    send: Callback<ToWorker>,
    state: UseReducerDispatcher<AppState>,
    last: LastAnswer,
    on_dead: Callback<String>,
) {
    use_effect_with(last.clone(), move |last| {
        last.now();
        let last = last.clone();
        let mut nonce = 1000u32;
        let mut silent = false;
        let mut reported = false;
        let interval = Interval::new(PING_EVERY_MS, move || {
            let quiet = now_ms() - last.0.get();
            if quiet > DEAD_AFTER_MS && !reported {
                reported = true;
                on_dead.emit(format!(
                    "the training worker stopped answering for {} s",
                    (quiet / 1000.0).round()
                ));
                return;
            }
            if (quiet > SILENT_AFTER_MS) != silent {
                silent = !silent;
                state.dispatch(Action::WorkerSilent(silent));
            }
            nonce = nonce.wrapping_add(1);
            send.emit(ToWorker::Ping { nonce });
        });
        move || drop(interval)
    });
}

thread_local! {
    /// Whether the page was opened with a `crash=worker` link and has not crashed yet.
    static CRASH_ASKED: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Reads the link once (call it before the page rewrites its address).
pub fn note_crash_link() {
    CRASH_ASKED.with(|c| {
        if c.get().is_none() {
            let link = web_sys::window()
                .and_then(|w| w.location().search().ok())
                .is_some_and(|q| {
                    q.trim_start_matches('?')
                        .split('&')
                        .any(|p| p == "crash=worker")
                });
            c.set(Some(link));
        }
    });
}

/// A `crash=worker` link makes the worker panic once its first model is open: the test of the
/// recovery path (`tests/e2e/recovery.test.mjs`). True once per page load, so the restarted
/// worker does not crash again.
pub fn crash_requested() -> bool {
    note_crash_link();
    CRASH_ASKED.with(|c| c.replace(Some(false)).unwrap_or(false))
}
