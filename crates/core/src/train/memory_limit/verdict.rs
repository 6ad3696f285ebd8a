//! What a run's held-out numbers say: mastered, still learning when its updates ran out (a
//! budget effect), or stalled (a limit at this budget); and each cell's largest mastered d.

use serde::{Deserialize, Serialize};

/// A held-out evaluation during a run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Updates done when it was taken.
    pub update: u64,
    /// Mean cross-entropy on the held-out sequences.
    pub test_loss: f64,
    /// Fraction of held-out sequences recalled (argmax = first symbol).
    pub accuracy: f64,
}

/// How much a run must still improve over its last quarter to count as still learning.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Relative fall of the held-out loss, `(L_¾ − L_end) / L_¾`, at least this much …
    pub loss_drop: f64,
    /// … or a rise of the held-out accuracy, `acc_end − acc_¾`, at least this much. The
    /// default 0.08 is about twice the spread of that difference at chance on 256 sequences,
    /// `√(2 · ¼ · ¾ / 256) ≈ 0.038`, so a flicker at chance does not count.
    pub accuracy_rise: f64,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            loss_drop: 0.05,
            accuracy_rise: 0.08,
        }
    }
}

/// The verdict on one cell at one distance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// Final held-out accuracy ≥ the threshold.
    Mastered,
    /// Below the threshold, but over the last quarter of its updates the held-out loss fell
    /// by `loss_drop` (relative) or the accuracy rose by `accuracy_rise`: more updates would
    /// likely help (a budget effect).
    StillLearning {
        /// `(L_¾ − L_end) / L_¾`.
        loss_drop: f64,
        /// `acc_end − acc_¾`.
        accuracy_rise: f64,
    },
    /// Below the threshold and no such progress in the last quarter: a limit at this budget.
    Stalled {
        /// `(L_¾ − L_end) / L_¾`.
        loss_drop: f64,
        /// `acc_end − acc_¾`.
        accuracy_rise: f64,
    },
}

impl Verdict {
    /// The verdict from a run's checkpoints (in update order; the last is the end of the run).
    /// The ¾ point is the last checkpoint at or before 3/4 of the final update (the first
    /// checkpoint when none is).
    pub fn judge(checkpoints: &[Checkpoint], threshold: f64, progress: Progress) -> Verdict {
        let Some(end) = checkpoints.last() else {
            return Verdict::Stalled {
                loss_drop: 0.0,
                accuracy_rise: 0.0,
            };
        };
        if end.accuracy >= threshold {
            return Verdict::Mastered;
        }
        let at = end.update * 3 / 4;
        let q = checkpoints
            .iter()
            .rev()
            .find(|c| c.update <= at)
            .unwrap_or(&checkpoints[0]);
        let loss_drop = if q.test_loss > 0.0 {
            (q.test_loss - end.test_loss) / q.test_loss
        } else {
            0.0
        };
        let accuracy_rise = end.accuracy - q.accuracy;
        if loss_drop >= progress.loss_drop || accuracy_rise >= progress.accuracy_rise {
            Verdict::StillLearning {
                loss_drop,
                accuracy_rise,
            }
        } else {
            Verdict::Stalled {
                loss_drop,
                accuracy_rise,
            }
        }
    }

    /// Whether the cell mastered this distance.
    pub fn mastered(&self) -> bool {
        matches!(self, Verdict::Mastered)
    }

    /// A short stable name: `mastered`, `still_learning`, `stalled`.
    pub fn key(&self) -> &'static str {
        match self {
            Verdict::Mastered => "mastered",
            Verdict::StillLearning { .. } => "still_learning",
            Verdict::Stalled { .. } => "stalled",
        }
    }
}

/// A cell's limit from its verdicts in order of distance: the largest d of the unbroken run
/// of mastered distances from the smallest one (`None` when it fails the smallest), and the
/// first distance it failed with that verdict (`None` when it mastered every distance run).
pub fn limit(by_distance: &[(usize, Verdict)]) -> (Option<usize>, Option<(usize, Verdict)>) {
    let mut best = None;
    for &(d, v) in by_distance {
        if !v.mastered() {
            return (best, Some((d, v)));
        }
        best = Some(d);
    }
    (best, None)
}
