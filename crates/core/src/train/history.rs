//! Bounded metric history: series that merge their oldest points so memory never grows past a
//! fixed number of points, however long a class leaves the training running.

use serde::{Deserialize, Serialize};

/// Most points one series keeps (per-update and per-epoch series alike).
pub const MAX_POINTS: usize = 2_000;

/// Most setting-change markers kept (the oldest are dropped first).
pub const MAX_MARKERS: usize = 500;

/// One (possibly merged) point: the values of updates/epochs `x_first..=x_last`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// First x (update or epoch number) merged into this point.
    pub x_first: u64,
    /// Last x merged into this point.
    pub x_last: u64,
    /// Mean of the merged values.
    pub mean: f64,
    /// Smallest merged value.
    pub min: f64,
    /// Largest merged value.
    pub max: f64,
    /// How many raw values were merged.
    pub count: u64,
}

impl Point {
    fn raw(x: u64, y: f64) -> Self {
        Point {
            x_first: x,
            x_last: x,
            mean: y,
            min: y,
            max: y,
            count: 1,
        }
    }

    fn merge(a: &Point, b: &Point) -> Point {
        let count = a.count + b.count;
        Point {
            x_first: a.x_first,
            x_last: b.x_last,
            mean: (a.mean * a.count as f64 + b.mean * b.count as f64) / count as f64,
            min: a.min.min(b.min),
            max: a.max.max(b.max),
            count,
        }
    }
}

/// A series of at most `cap` points, each holding the same number of values (the newest may
/// hold fewer). When full, neighbours merge pairwise and each point holds twice as many, so the
/// whole run keeps an even resolution: the first updates, where the loss falls fastest, as
/// finely as the last (min/max kept for the envelope).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    cap: usize,
    points: Vec<Point>,
    /// Values a point holds before the next one starts.
    #[serde(default = "one")]
    per_point: u64,
    /// The most recent value.
    #[serde(default)]
    latest: Option<f64>,
}

fn one() -> u64 {
    1
}

impl Default for Series {
    fn default() -> Self {
        Series::new(MAX_POINTS)
    }
}

impl Series {
    /// An empty series keeping at most `cap` (≥ 4) points.
    pub fn new(cap: usize) -> Self {
        Series {
            cap: cap.max(4),
            points: Vec::new(),
            per_point: 1,
            latest: None,
        }
    }

    /// Appends a value; non-finite values are skipped (a diverged step is reported elsewhere).
    pub fn push(&mut self, x: u64, y: f64) {
        if !y.is_finite() {
            return;
        }
        self.latest = Some(y);
        match self.points.last_mut() {
            Some(p) if p.count < self.per_point => *p = Point::merge(p, &Point::raw(x, y)),
            _ => self.points.push(Point::raw(x, y)),
        }
        if self.points.len() > self.cap {
            // Neighbours merge: amortised O(1) per push (the next merge is cap/2 points away).
            self.points = self
                .points
                .chunks(2)
                .map(|p| match p {
                    [a, b] => Point::merge(a, b),
                    _ => p[0],
                })
                .collect();
            self.per_point *= 2;
        }
    }

    /// The points, oldest first.
    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// Number of points kept.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether no point was recorded.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The most recent value.
    pub fn last(&self) -> Option<f64> {
        self.latest
    }

    fn clear(&mut self) {
        self.points.clear();
        self.per_point = 1;
        self.latest = None;
    }
}

/// A vertical marker on the charts: something changed before update `update`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    /// Updates done when it happened.
    pub update: u64,
    /// Epochs completed when it happened.
    pub epoch: u64,
    /// What changed, e.g. `"lr 0.01 → 0.001"`.
    pub what: String,
}

/// Everything the charts draw, bounded in size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct History {
    /// Loss of each update (x = update number, from 1).
    pub loss: Series,
    /// Gradient norm before clipping of each update.
    pub grad_norm: Series,
    /// Learning rate in force at each update.
    pub lr: Series,
    /// Mean training loss of each epoch (x = epoch number, from 1).
    pub epoch_train_loss: Series,
    /// Validation loss at the end of each evaluated epoch.
    pub epoch_val_loss: Series,
    /// Training accuracy (classification lessons).
    pub epoch_train_accuracy: Series,
    /// Validation accuracy (classification lessons).
    pub epoch_val_accuracy: Series,
    /// Setting changes, oldest first.
    pub markers: Vec<Marker>,
}

impl History {
    /// Records one update.
    pub fn push_update(&mut self, update: u64, loss: f64, grad_norm: f64, lr: f64) {
        self.loss.push(update, loss);
        self.grad_norm.push(update, grad_norm);
        self.lr.push(update, lr);
    }

    /// Adds a marker, dropping the oldest beyond [`MAX_MARKERS`].
    pub fn mark(&mut self, update: u64, epoch: u64, what: String) {
        if self.markers.len() >= MAX_MARKERS {
            self.markers.remove(0);
        }
        self.markers.push(Marker {
            update,
            epoch,
            what,
        });
    }

    /// Total points kept over all series (for tests and memory checks).
    pub fn total_points(&self) -> usize {
        [
            &self.loss,
            &self.grad_norm,
            &self.lr,
            &self.epoch_train_loss,
            &self.epoch_val_loss,
            &self.epoch_train_accuracy,
            &self.epoch_val_accuracy,
        ]
        .iter()
        .map(|s| s.len())
        .sum()
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        for s in [
            &mut self.loss,
            &mut self.grad_norm,
            &mut self.lr,
            &mut self.epoch_train_loss,
            &mut self.epoch_val_loss,
            &mut self.epoch_train_accuracy,
            &mut self.epoch_val_accuracy,
        ] {
            s.clear();
        }
        self.markers.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_points_keep_the_mean_and_the_envelope() {
        let mut s = Series::new(8);
        for i in 1..=1000u64 {
            s.push(i, i as f64);
        }
        assert!(s.len() <= 8);
        let total: u64 = s.points().iter().map(|p| p.count).sum();
        assert_eq!(total, 1000);
        let mean: f64 = s
            .points()
            .iter()
            .map(|p| p.mean * p.count as f64)
            .sum::<f64>()
            / total as f64;
        assert!((mean - 500.5).abs() < 1e-9);
        assert_eq!(s.points()[0].x_first, 1);
        assert_eq!(s.points().last().unwrap().x_last, 1000);
        assert_eq!(s.points()[0].min, 1.0);
    }
}
