//! The training loop's time slices: updates until a slice's time is up, updates shared with
//! helper workers (the slice leaves its loop while the helpers compute and comes back on
//! [`Msg::Shared`]), and what is sent after a slice.

use super::open::base_dir;
use super::*;
use crate::train::parallel::{compute_shard, useful_shards, ShardJob};
use crate::train::{TrainError, UpdateReport};

impl TrainingWorker {
    pub(super) fn tick(&mut self, scope: &WorkerScope<Self>) {
        self.run.tick_scheduled = false;
        if self.run.in_flight {
            // The update out with the helpers goes on with the slice when they answer.
            return;
        }
        if !self.running() {
            if self.comparison.is_some() {
                self.compare_tick(scope);
            } else if self.memory.is_some() {
                self.memory_tick(scope);
            }
            return;
        }
        self.run.slice_started = now_ms();
        self.report_helper_failures(scope);
        self.run_slice(scope);
    }

    /// Says why helpers stopped (or could not start); training goes on with the others.
    fn report_helper_failures(&mut self, scope: &WorkerScope<Self>) {
        let failures = self.cores.helpers.take_failures();
        if let Some(why) = failures.first() {
            self.notice(
                scope,
                Level::Warning,
                format!("Training goes on with fewer cores: {why}. No update was lost: a helper's part is computed here, with the same numbers."),
                format!("더 적은 코어로 훈련을 계속합니다: {why}. 잃은 업데이트는 없습니다: 도우미 워커의 몫은 여기서 같은 값으로 계산합니다."),
            );
        }
    }

    /// Updates until the slice's time is up, then the slice's messages. An update shared with
    /// helpers leaves the loop; [`Msg::Shared`] comes back to it.
    fn run_slice(&mut self, scope: &WorkerScope<Self>) {
        while self.running() {
            let Some(session) = self.session.as_ref() else {
                self.stop();
                break;
            };
            let shards = self.shards_for(session);
            self.run.workers_used = shards;
            let result = if shards > 1 {
                match session.plan_step(shards) {
                    Ok(plan) => {
                        self.share(scope, plan);
                        return;
                    }
                    Err(e) => Err(e),
                }
            } else {
                match self.session.as_mut() {
                    Some(s) => s.step(),
                    None => break,
                }
            };
            self.after_update(scope, result);
            if matches!(self.run.speed, Speed::PerSecond(_))
                || now_ms() - self.run.slice_started > SLICE_MS
            {
                break;
            }
        }
        self.end_slice(scope);
    }

    /// How many workers the next update uses: those the page allows that are ready, as many
    /// as the update's work is worth ([`useful_shards`]).
    fn shards_for(&self, session: &Session) -> usize {
        let workers = (self.cores.helpers.usable() + 1).min(self.cores.workers);
        if workers <= 1 {
            return 1;
        }
        let steps = session.model().seq_len.unwrap_or(100);
        useful_shards(
            session.model(),
            session.settings().batch_size,
            steps,
            workers,
        )
    }

    /// Sends shards 1… to the helpers, computes shard 0 here meanwhile, and waits for the
    /// answers without blocking the message queue.
    fn share(&mut self, scope: &WorkerScope<Self>, plan: PlannedStep) {
        let Some(session) = self.session.as_ref() else {
            return;
        };
        let net = session.network();
        let jobs: Vec<ShardJob> = plan.shards[1..]
            .iter()
            .map(|sh| ShardJob::new(net, sh, plan.spec))
            .collect();
        let answers = self.cores.helpers.run(&jobs);
        let local = compute_shard(net, &plan.shards[0], plan.spec);
        self.run.in_flight = true;
        scope.send_future(async move {
            let answers = answers.await;
            Msg::Shared(Box::new(SharedUpdate {
                plan,
                local,
                answers,
            }))
        });
    }

    /// The helpers answered: their parts (a shard whose helper failed is computed here, with
    /// the same numbers) complete the update, and the slice goes on. Paused meanwhile: the
    /// update is dropped (nothing changed yet), so nothing changes after a pause.
    pub(super) fn shared(&mut self, scope: &WorkerScope<Self>, update: SharedUpdate) {
        self.run.in_flight = false;
        let SharedUpdate {
            plan,
            local,
            answers,
        } = update;
        let paused = !self.running();
        if let Some(session) = self.session.as_mut().filter(|_| !paused) {
            let net = session.network();
            let parts: Result<Vec<ShardOutput>, crate::nn::NnError> = std::iter::once(local)
                .chain(answers.into_iter().zip(&plan.shards[1..]).map(|(a, sh)| {
                    a.ok()
                        .and_then(|r| r.output(net).ok())
                        .map_or_else(|| compute_shard(net, sh, plan.spec), Ok)
                }))
                .collect();
            let result = parts
                .map_err(TrainError::from)
                .and_then(|parts| session.finish_step(plan, parts));
            match result {
                // The page reset or changed the model meanwhile: the next update starts afresh.
                Err(TrainError::Superseded) => {}
                r => self.after_update(scope, r),
            }
        }
        self.report_helper_failures(scope);
        if self.running()
            && !matches!(self.run.speed, Speed::PerSecond(_))
            && now_ms() - self.run.slice_started <= SLICE_MS
        {
            self.run_slice(scope);
        } else {
            self.end_slice(scope);
        }
    }

    /// Keeps the books of one update (or stops on its error).
    fn after_update(
        &mut self,
        scope: &WorkerScope<Self>,
        result: Result<UpdateReport, TrainError>,
    ) {
        match result {
            Ok(r) => {
                self.saving.dirty = true;
                self.run.rate_window.1 += r.batch_size as u64;
                self.run.epoch_ended |= r.epoch_end.is_some();
                self.record(&r);
                if let Some(view) = r
                    .epoch_end
                    .as_ref()
                    .and_then(|e| e.eval.as_ref())
                    .and_then(|e| e.epoch_view.clone())
                {
                    self.shown.epoch_view = Some(view);
                }
                self.run.budget = match self.run.budget {
                    Budget::Updates(n) if n <= 1 => Budget::Idle,
                    Budget::Updates(n) => Budget::Updates(n - 1),
                    Budget::UntilEpochEnd if r.epoch_end.is_some() => Budget::Idle,
                    b => b,
                };
                let run_end = r.epoch_end.as_ref().and_then(|e| {
                    let settings = self.session.as_ref()?.settings();
                    if e.stopped {
                        Some(RunEnd::EarlyStopped {
                            epoch: e.epoch,
                            best_epoch: e.best_epoch.unwrap_or(e.epoch),
                        })
                    } else if self.run.budget == Budget::Run
                        && !settings.until_paused
                        && e.epoch == settings.epochs
                    {
                        // The run's last epoch: Play again goes on past it (Continue).
                        Some(RunEnd::Epochs { epochs: e.epoch })
                    } else {
                        None
                    }
                });
                if let Some(end) = run_end {
                    self.stop();
                    self.run.end = Some(end);
                }
            }
            Err(e) => {
                self.stop();
                let level = if matches!(e, TrainError::Stopped { .. }) {
                    Level::Info
                } else {
                    Level::Error
                };
                self.notice(
                    scope,
                    level,
                    e.to_string(),
                    format!("학습이 멈췄습니다: {e}"),
                );
            }
        }
    }

    /// After a slice: the speed readout, progress, traces, autosave and views when due, and
    /// the next slice.
    fn end_slice(&mut self, scope: &WorkerScope<Self>) {
        let epoch_ended = std::mem::take(&mut self.run.epoch_ended);
        let now = now_ms();
        let (t0, n) = self.run.rate_window;
        // Over the last second while training; a run that ended sooner is measured whole.
        let ended_short = !self.running() && n > 0 && now - t0 >= 50.0;
        if now - t0 >= 1000.0 || ended_short {
            self.run.examples_per_second = Some(n as f64 * 1000.0 / (now - t0));
            self.run.rate_window = (now, 0);
        }
        // A run that stopped sends everything at once.
        let flush = !self.running();
        if flush || self.timers.progress.due(now) {
            self.send_progress(scope);
        }
        if flush || self.timers.autosave.due(now) {
            self.autosave(scope);
        }
        if self.shown.page_hidden && self.running() {
            // Nobody looks: no traces or views (sent when the page is shown again).
            self.shown.epoch_view = None;
        } else {
            if flush || self.timers.inspect.due(now) {
                self.inspect(scope);
            }
            // Views four times a second (the char lesson ends an epoch every update), and at
            // once when an epoch brought a fresh test report.
            if flush || self.timers.view.due(now) || self.shown.epoch_view.is_some() {
                self.refresh_views(scope, epoch_ended);
            }
        }
        if self.running() {
            let delay = match self.run.speed {
                Speed::Max => 0,
                Speed::PerSecond(r) => (1000.0 / r.clamp(0.1, 100.0)) as u32,
            };
            self.schedule(scope, delay);
        }
    }

    /// Starts or stops helpers to match what the page wants (once the page's folder is known).
    pub(super) fn resize_helpers(&mut self, scope: &WorkerScope<Self>) {
        if self.data.assets_base.is_empty() {
            return;
        }
        let base = base_dir(&self.data.assets_base).to_string();
        if let Err(e) = self.cores.helpers.resize(self.cores.workers - 1, &base) {
            self.cores.workers = 1;
            self.notice(
                scope,
                Level::Warning,
                format!("This browser could not start more training workers ({e}); training uses one core."),
                format!("이 브라우저에서 훈련 워커를 더 시작하지 못했습니다 ({e}). 코어 하나로 훈련합니다."),
            );
        }
    }
}
