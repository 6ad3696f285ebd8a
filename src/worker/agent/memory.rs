//! The memory-limit sweep (`train::memory_limit`): RNN, LSTM and GRU at one parameter budget
//! recalling a symbol over growing distances, in ~40 ms slices while nothing else trains.

use super::*;
use crate::train::memory_limit::{MemorySweep, SweepConfig};
use crate::worker::messages::MemoryLimitProgress;

/// A sweep in progress.
pub(super) struct MemoryRun {
    sweep: MemorySweep,
    /// Which sweep of this worker.
    id: u64,
    started_ms: f64,
    /// Results not sent yet.
    new_results: Vec<crate::train::memory_limit::RunResult>,
}

impl TrainingWorker {
    /// `ToWorker::MemoryLimit`: stops the run and the comparison, starts the sweep.
    pub(super) fn on_memory_limit(&mut self, scope: &WorkerScope<Self>, cfg: SweepConfig) {
        let sweep = match MemorySweep::new(cfg) {
            Ok(s) => s,
            Err(e) => {
                self.notice(
                    scope,
                    Level::Error,
                    format!("Cannot start the experiment: {e}"),
                    format!("실험을 시작할 수 없습니다: {}", e.korean()),
                );
                return;
            }
        };
        self.stop();
        self.comparison = None;
        self.send_progress(scope);
        self.end_memory_limit(scope, None);
        self.memory_sweeps += 1;
        self.memory = Some(MemoryRun {
            sweep,
            id: self.memory_sweeps,
            started_ms: now_ms(),
            new_results: Vec::new(),
        });
        self.schedule(scope, 0);
    }

    /// `ToWorker::StopMemoryLimit`: the sweep ends now; what it measured stays on the page.
    pub(super) fn on_stop_memory_limit(&mut self, scope: &WorkerScope<Self>) {
        self.end_memory_limit(scope, None);
    }

    /// Ends a running sweep (Stop, training starts, or an error) and says so to the page.
    pub(super) fn end_memory_limit(&mut self, scope: &WorkerScope<Self>, error: Option<String>) {
        if self.memory.as_ref().is_some_and(|m| !m.sweep.done()) {
            self.send_memory_limit(scope, true);
        }
        self.memory = None;
        if let Some(e) = error {
            self.notice(
                scope,
                Level::Warning,
                format!("The experiment stopped: {e}"),
                format!("실험이 멈췄습니다: {e}"),
            );
        }
    }

    /// One slice of the sweep: updates until the slice's time is up, then one message.
    pub(super) fn memory_tick(&mut self, scope: &WorkerScope<Self>) {
        let Some(m) = self.memory.as_mut() else {
            return;
        };
        let started = now_ms();
        let mut failed = None;
        while !m.sweep.done() && now_ms() - started < SLICE_MS {
            match m.sweep.step() {
                Ok(Some(r)) => m.new_results.push(r),
                Ok(None) => {}
                Err(e) => {
                    failed = Some(e.to_string());
                    break;
                }
            }
        }
        if failed.is_some() {
            self.end_memory_limit(scope, failed);
            return;
        }
        self.send_memory_limit(scope, false);
        if self.memory.as_ref().is_some_and(|m| m.sweep.done()) {
            self.memory = None;
        } else {
            self.schedule(scope, 0);
        }
    }

    /// The sweep's progress since the last message.
    fn send_memory_limit(&mut self, scope: &WorkerScope<Self>, stopped: bool) {
        let Some(m) = self.memory.as_mut() else {
            return;
        };
        let msg = MemoryLimitProgress {
            sweep: m.id,
            config: m.sweep.config().clone(),
            budgets: m.sweep.budgets().to_vec(),
            new_results: std::mem::take(&mut m.new_results),
            runs_done: m.sweep.results().len(),
            total_runs: m.sweep.total_runs(),
            current: if stopped { None } else { m.sweep.current() },
            elapsed_ms: now_ms() - m.started_ms,
            done: m.sweep.done(),
            stopped,
        };
        self.broadcast(scope, FromWorker::MemoryLimit(Box::new(msg)));
    }
}
