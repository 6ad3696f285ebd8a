//! Inspection: the traces of the example the page follows and the lesson views it shows
//! (neither changes anything in the session).

use super::*;
use crate::lessons::Refresh;
use crate::train::TrainError;

impl TrainingWorker {
    /// `ToWorker::Inspect`: follow `example` from now on.
    pub(super) fn on_inspect(&mut self, scope: &WorkerScope<Self>, example: ExampleRef) {
        self.shown.follow = Some(example);
        self.inspect(scope);
    }

    /// `ToWorker::View`: answer `req` now and keep it, to refresh while training runs.
    pub(super) fn on_view(&mut self, scope: &WorkerScope<Self>, req: ViewRequest) {
        // One request of each kind is kept (a new digit replaces the old one).
        self.shown.views.retain(|v| v.slot() != req.slot());
        if let Some(s) = &self.session {
            match s.view(&req) {
                Ok(v) => self.broadcast(scope, FromWorker::View(Box::new(v))),
                Err(TrainError::WrongLesson(_)) => {}
                Err(e) => self.notice(
                    scope,
                    Level::Warning,
                    e.to_string(),
                    format!("보여 줄 수 없습니다: {e}"),
                ),
            }
        }
        self.shown.views.push(req);
    }

    /// Sends traces of the followed example (inspection changes nothing in the session).
    pub(super) fn inspect(&mut self, scope: &WorkerScope<Self>) {
        self.timers.inspect.sent(now_ms());
        let (Some(s), Some(example)) = (&self.session, &self.shown.follow) else {
            return;
        };
        match s.inspect(example) {
            Ok(i) => self.broadcast(scope, FromWorker::Inspection(Box::new(i))),
            Err(e) => {
                // An example of another lesson is dropped quietly (the page asks again).
                self.shown.follow = None;
                if !matches!(e, TrainError::WrongLesson(_)) {
                    self.notice(
                        scope,
                        Level::Warning,
                        format!("Cannot show that example: {e}"),
                        format!("그 예제를 보여 줄 수 없습니다: {e}"),
                    );
                }
            }
        }
    }

    /// Re-answers the lesson views; those refreshed at epochs' ends only when `epoch_end`,
    /// from the view the epoch's evaluation computed when there is one.
    pub(super) fn refresh_views(&mut self, scope: &WorkerScope<Self>, epoch_end: bool) {
        self.timers.view.sent(now_ms());
        let epoch_view = self.shown.epoch_view.take();
        let Some(s) = &self.session else { return };
        for req in &self.shown.views {
            let answer = match req.refresh() {
                Refresh::EpochEnd if !epoch_end => continue,
                Refresh::EpochEnd => match &epoch_view {
                    Some(v) => Ok(v.clone()),
                    None => s.view(req),
                },
                Refresh::Live => s.view(req),
            };
            if let Ok(v) = answer {
                self.broadcast(scope, FromWorker::View(Box::new(v)));
            }
        }
    }
}
