//! Run control: Play, Step, Epoch, Pause, Reset, Reseed, live settings and cores, the
//! progress the page's counters and curves come from, and the ticks that drive the slices.

use gloo_timers::future::TimeoutFuture;

use super::*;
use crate::train::{optimizer_lr, TrainSettings, UpdateReport};
use crate::worker::messages::{EpochPoint, Progress};

impl TrainingWorker {
    pub(super) fn running(&self) -> bool {
        self.run.budget != Budget::Idle
    }

    /// Play, Step or Epoch: trains until `budget` is spent.
    pub(super) fn start(&mut self, scope: &WorkerScope<Self>, budget: Budget) {
        if self.session.is_none() {
            self.notice(
                scope,
                Level::Info,
                "The lesson is still loading; try again in a moment.",
                "단원을 아직 불러오는 중입니다. 잠시 뒤에 다시 해 보세요.",
            );
            return;
        }
        if budget == Budget::Run {
            // Continue after early stopping: on from the restored best weights.
            if let Some(s) = self.session.as_mut() {
                s.resume();
            }
        }
        self.run.end = None;
        self.run.budget = budget;
        self.comparison = None;
        self.end_memory_limit(scope, None);
        self.run.rate_window = (now_ms(), 0);
        // The views are current (sent when the lesson opened or training paused): refresh them
        // after the first slices, so the page's first render of a run stays small.
        self.timers.inspect.sent(now_ms());
        self.timers.view.sent(now_ms());
        self.schedule(scope, 0);
        self.send_progress(scope);
    }

    pub(super) fn stop(&mut self) {
        self.run.budget = Budget::Idle;
        self.run.examples_per_second = None;
    }

    pub(super) fn on_pause(&mut self, scope: &WorkerScope<Self>) {
        self.stop();
        self.send_progress(scope);
        self.autosave(scope);
    }

    /// Back to the seed's initial weights.
    pub(super) fn on_reset(&mut self, scope: &WorkerScope<Self>) {
        if let Some(s) = &mut self.session {
            s.reset();
        }
        self.stop();
        self.run.end = None;
        self.saving.dirty = true;
        self.opened(scope);
        self.autosave(scope);
    }

    /// New initial weights from `seed`.
    pub(super) fn on_reseed(&mut self, scope: &WorkerScope<Self>, seed: u64) {
        if let Some(s) = &mut self.session {
            s.reseed(seed);
        }
        self.stop();
        self.run.end = None;
        self.opened(scope);
    }

    /// How many cores an update may use, and whether anybody looks at the page.
    pub(super) fn on_set_cores(
        &mut self,
        scope: &WorkerScope<Self>,
        workers: usize,
        page_hidden: bool,
    ) {
        self.cores.workers = workers.clamp(1, MAX_WORKERS);
        self.resize_helpers(scope);
        let shown = self.shown.page_hidden && !page_hidden;
        self.shown.page_hidden = page_hidden;
        self.timers.progress.set_every_ms(if page_hidden {
            HIDDEN_PROGRESS_EVERY_MS
        } else {
            PROGRESS_EVERY_MS
        });
        if shown {
            // Back on screen: everything the page shows, now.
            self.send_progress(scope);
            self.inspect(scope);
            self.refresh_views(scope, true);
        }
    }

    /// New settings from the next update on (a marker on the curves says what changed).
    pub(super) fn on_set_settings(&mut self, scope: &WorkerScope<Self>, settings: TrainSettings) {
        let Some(s) = &mut self.session else { return };
        match s.set_settings(settings) {
            Ok(change) if !change.changed.is_empty() => {
                // A new setting clears early stopping's end (the session trains on).
                self.run.end = None;
                self.run.new.markers.push((
                    change.from_update.saturating_sub(1),
                    change.changed.join(", "),
                ));
                self.send_progress(scope);
            }
            Ok(_) => {}
            Err(e) => self.notice(
                scope,
                Level::Error,
                format!("Setting refused: {e}"),
                format!("설정이 거부되었습니다: {e}"),
            ),
        }
    }

    fn progress(&mut self) -> Progress {
        let new = std::mem::take(&mut self.run.new);
        let Some(s) = &self.session else {
            return Progress {
                new,
                ..Default::default()
            };
        };
        Progress {
            running: self.running(),
            epoch: s.epoch(),
            update: s.update(),
            loss: s.history().loss.last(),
            grad_norm: s.history().grad_norm.last(),
            lr: optimizer_lr(&s.settings().optimizer),
            examples_per_second: self.run.examples_per_second,
            workers: self.run.workers_used,
            run_end: self.run.end,
            seconds_left: self.seconds_left(s),
            new,
        }
    }

    /// Time to the run's last epoch at the measured speed, while Play runs towards it.
    fn seconds_left(&self, s: &Session) -> Option<f64> {
        let settings = s.settings();
        if self.run.budget != Budget::Run || settings.until_paused || s.epoch() >= settings.epochs {
            return None;
        }
        let eps = self.run.examples_per_second.filter(|v| *v > 0.0)?;
        let st = s.status();
        let total = settings.epochs.saturating_mul(st.train_len as u64);
        Some(total.saturating_sub(st.examples_seen) as f64 / eps)
    }

    pub(super) fn send_progress(&mut self, scope: &WorkerScope<Self>) {
        self.timers.progress.sent(now_ms());
        let p = self.progress();
        self.broadcast(scope, FromWorker::Progress(p));
    }

    /// Adds an update's metric points to those the next progress carries.
    pub(super) fn record(&mut self, r: &UpdateReport) {
        let new = &mut self.run.new;
        new.loss.push((r.update, r.loss as f32));
        new.grad_norm.push((r.update, r.grad_norm as f32));
        if let Some(e) = &r.epoch_end {
            let eval = e.eval.as_ref();
            let held_out = eval.and_then(|v| v.validation.as_ref().or(v.test.as_ref()));
            new.epochs.push(EpochPoint {
                epoch: e.epoch,
                update: r.update,
                train_loss: Some(e.train_loss),
                val_loss: held_out.map(|m| m.loss),
                train_accuracy: eval.and_then(|v| v.train.accuracy),
                val_accuracy: held_out.and_then(|m| m.accuracy),
                best_epoch: e.best_epoch,
                held_out_is_test: eval.is_some_and(|v| v.validation.is_none() && v.test.is_some()),
            });
        }
    }

    /// A `Msg::Tick` after `delay_ms` (0: in the next task), unless one is on its way.
    pub(super) fn schedule(&mut self, scope: &WorkerScope<Self>, delay_ms: u32) {
        if self.run.tick_scheduled {
            return;
        }
        self.run.tick_scheduled = true;
        scope.send_future(async move {
            if delay_ms == 0 {
                next_task().await;
            } else {
                TimeoutFuture::new(delay_ms).await;
            }
            Msg::Tick
        });
    }
}

/// Resolves in a new task, after the messages already queued (the page's pause, a new learning
/// rate) were handled. A zero `setTimeout` would do the same but is clamped to 4 ms once
/// nested, which between 40 ms slices of training costs a tenth of the speed.
async fn next_task() {
    if let Ok(channel) = web_sys::MessageChannel::new() {
        let arrived = js_sys::Promise::new(&mut |resolve, _reject| {
            channel.port1().set_onmessage(Some(&resolve));
        });
        if channel
            .port2()
            .post_message(&wasm_bindgen::JsValue::NULL)
            .is_ok()
        {
            let _ = wasm_bindgen_futures::JsFuture::from(arrived).await;
            return;
        }
    }
    TimeoutFuture::new(0).await;
}
