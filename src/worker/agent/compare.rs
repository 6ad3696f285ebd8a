//! The comparison: RNN, LSTM and GRU trained side by side on the same data and seed, in
//! slices of their own while nothing else trains.

use super::*;
use crate::nn::{CellKind, NetworkConfig};
use crate::worker::messages::{CompareCurve, CompareProgress, CompareRequest};

/// RNN, LSTM and GRU training side by side.
pub(super) struct Comparison {
    sessions: Vec<Session>,
    update: u64,
    updates: u64,
    example: ExampleRef,
    new_losses: Vec<Vec<(u64, f32)>>,
}

/// The gradient norm reaching each timestep of the first layer, forward direction.
fn grad_by_t(s: &Session, example: &ExampleRef) -> Vec<f32> {
    s.inspect(example)
        .ok()
        .and_then(|i| i.backward.directions.into_iter().next())
        .map(|d| d.steps.iter().map(|st| st.dh_norm).collect())
        .unwrap_or_default()
}

impl TrainingWorker {
    /// `ToWorker::Compare`: stops the run and starts the three cells.
    pub(super) fn on_compare(&mut self, scope: &WorkerScope<Self>, req: CompareRequest) {
        let CompareRequest {
            options,
            model,
            settings,
            seed,
            updates,
            example,
        } = req;
        let Some(corpus) = self.corpus(scope, options.lesson()) else {
            return;
        };
        // One refusal for either failure: the data, or a cell's session.
        let built = options.prepare(corpus).and_then(|data| {
            CellKind::ALL
                .into_iter()
                .map(|cell| {
                    let cfg = NetworkConfig {
                        cell,
                        ..model.clone()
                    };
                    Session::new(data.clone(), cfg, settings.clone(), seed)
                })
                .collect::<Result<Vec<_>, _>>()
        });
        let sessions = match built {
            Ok(s) => s,
            Err(e) => {
                self.notice(
                    scope,
                    Level::Error,
                    format!("Cannot compare: {e}"),
                    format!("비교할 수 없습니다: {}", e.korean()),
                );
                return;
            }
        };
        self.stop();
        self.end_memory_limit(scope, None);
        self.send_progress(scope);
        let n = sessions.len();
        self.comparison = Some(Comparison {
            sessions,
            update: 0,
            updates: updates.clamp(1, 100_000),
            example,
            new_losses: vec![Vec::new(); n],
        });
        self.schedule(scope, 0);
    }

    /// `ToWorker::StopCompare`: the comparison ends after the update it is at.
    pub(super) fn on_stop_compare(&mut self) {
        if let Some(c) = &mut self.comparison {
            c.updates = c.update;
        }
    }

    /// One slice of the comparison: each cell trains in turn.
    pub(super) fn compare_tick(&mut self, scope: &WorkerScope<Self>) {
        let Some(c) = self.comparison.as_mut() else {
            return;
        };
        let started = now_ms();
        let mut failed = None;
        while c.update < c.updates && now_ms() - started < SLICE_MS {
            c.update += 1;
            for (i, s) in c.sessions.iter_mut().enumerate() {
                match s.step() {
                    Ok(r) => c.new_losses[i].push((r.update, r.loss as f32)),
                    Err(e) => failed = Some(format!("{:?}: {e}", s.model().cell)),
                }
            }
            if failed.is_some() {
                break;
            }
        }
        let done = c.update >= c.updates || failed.is_some();
        let cells = c
            .sessions
            .iter()
            .zip(c.new_losses.iter_mut())
            .map(|(s, l)| CompareCurve {
                cell: s.model().cell,
                new_losses: std::mem::take(l),
                grad_by_t: grad_by_t(s, &c.example),
            })
            .collect();
        let msg = CompareProgress {
            update: c.update,
            updates: c.updates,
            done,
            cells,
        };
        self.broadcast(scope, FromWorker::Compare(Box::new(msg)));
        if let Some(e) = failed {
            self.notice(
                scope,
                Level::Warning,
                format!("The comparison stopped: {e}"),
                format!("비교가 멈췄습니다: {e}"),
            );
        }
        if done {
            self.comparison = None;
        } else {
            self.schedule(scope, 0);
        }
    }
}
