//! The series lesson's prediction chart as plain data (`app/components/lessons/time_series/`):
//! which rows are shown (a long series opens on its test part), each line's points counted
//! from the first row shown, and the markers of the split and of the window the inside views
//! follow. Tested natively.

use std::ops::Range;

use crate::lessons::time_series::SeriesPredictions;
use crate::ui::curves::test_zoom;

/// The rows drawn: the test part zoomed to (`ui::curves::test_zoom`) unless the `whole`
/// series is asked for.
pub fn shown_rows(p: &SeriesPredictions, whole: bool) -> Range<usize> {
    test_zoom(p.truth.len(), p.split)
        .filter(|_| !whole)
        .unwrap_or(0..p.truth.len())
}

/// The points of `ys` within `shown`, x counted from its first row.
pub fn points(ys: &[f64], shown: &Range<usize>) -> Vec<(f64, f64)> {
    let end = shown.end.min(ys.len());
    let start = shown.start.min(end);
    ys[start..end]
        .iter()
        .enumerate()
        .map(|(i, &y)| (i as f64, y))
        .collect()
}

/// The markers within `shown`: where validation starts (when before the test part), where the
/// test part starts, and for `window` = `(row, k)` the k rows read before the predicted row
/// (`labels`: validation, test, window).
pub fn markers(
    p: &SeriesPredictions,
    window: Option<(usize, usize)>,
    labels: [&str; 3],
    shown: &Range<usize>,
) -> Vec<(f64, String)> {
    let mut m = Vec::new();
    if p.validation_start < p.split {
        m.push((p.validation_start as f64, labels[0].to_string()));
    }
    m.push((p.split as f64, labels[1].to_string()));
    // Point i of the chart is row `window + i` of the table.
    if let Some((row, k)) = window {
        let at = row as f64 - k as f64;
        m.push((at - k as f64, labels[2].to_string()));
        m.push((at, "▶".to_string()));
    }
    let from = shown.start as f64;
    m.into_iter()
        .filter(|(x, _)| *x >= from)
        .map(|(x, l)| (x - from, l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn predictions(n: usize, validation_start: usize, split: usize) -> SeriesPredictions {
        SeriesPredictions {
            target: "y".into(),
            features: vec![],
            times: (0..n).map(|i| i.to_string()).collect(),
            truth: (0..n).map(|i| i as f64).collect(),
            predicted: vec![0.0; n],
            persistence: vec![0.0; n],
            validation_start,
            split,
            test_mse_scaled: 0.0,
            test_rmse: 0.0,
            test_mae: 0.0,
            baseline_mse_scaled: 0.0,
            persistence_mse_scaled: 0.0,
            rows: (n, 0),
            updates: 0,
            trained: false,
            sigmoid: false,
            test_scaled_range: (0.0, 1.0),
        }
    }

    const LABELS: [&str; 3] = ["validation", "test", "window"];

    #[test]
    fn the_whole_series_has_every_marker_in_place() {
        let p = predictions(50, 30, 40);
        let all = 0..50;
        let m = markers(&p, Some((20, 5)), LABELS, &all);
        let xs: Vec<f64> = m.iter().map(|(x, _)| *x).collect();
        assert_eq!(xs, [30.0, 40.0, 10.0, 15.0]);
        assert_eq!(m[3].1, "▶");
        assert_eq!(points(&p.truth, &all).len(), 50);
        // No validation split: its marker is left out.
        let q = predictions(50, 40, 40);
        assert_eq!(
            markers(&q, None, LABELS, &all),
            vec![(40.0, "test".to_string())]
        );
    }

    #[test]
    fn a_zoomed_chart_counts_from_its_first_row_and_drops_earlier_markers() {
        let p = predictions(2000, 1400, 1700);
        let shown = shown_rows(&p, false);
        assert!(shown.start > 0 && shown.end == 2000, "{shown:?}");
        assert_eq!(shown_rows(&p, true), 0..2000);
        let pts = points(&p.truth, &shown);
        assert_eq!(pts[0], (0.0, shown.start as f64));
        assert_eq!(pts.len(), shown.len());
        let m = markers(&p, Some((100, 5)), LABELS, &shown);
        assert!(m.iter().all(|(x, _)| *x >= 0.0));
        assert!(m
            .iter()
            .any(|(x, l)| l == "test" && *x == 1700.0 - shown.start as f64));
        assert!(!m.iter().any(|(_, l)| l == "window"), "before the zoom");
        // A range past the data draws nothing rather than panicking.
        assert!(points(&p.truth[..10], &shown).is_empty());
    }
}
