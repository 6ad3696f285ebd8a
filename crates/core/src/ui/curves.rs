//! Curve helpers for the loss and accuracy charts: smoothing, axis ranges, hover lookup, and
//! the rows of the vertical markers' labels.

/// One named curve: `(x, y)` points with increasing `x` (the update count).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Curve {
    pub points: Vec<(f64, f64)>,
}

/// Exponential moving average with TensorBoard's debiasing, so the start is not pulled to 0.
/// `weight` 0 = raw, 0.99 = very smooth. Non-finite points pass through unchanged.
pub fn smooth(points: &[(f64, f64)], weight: f64) -> Vec<(f64, f64)> {
    let w = weight.clamp(0.0, 0.999);
    if w == 0.0 {
        return points.to_vec();
    }
    let mut avg = 0.0;
    let mut n = 0;
    points
        .iter()
        .map(|&(x, y)| {
            if !y.is_finite() {
                return (x, y);
            }
            avg = avg * w + (1.0 - w) * y;
            n += 1;
            (x, avg / (1.0 - w.powi(n)))
        })
        .collect()
}

/// The y range to draw: finite values only, padded 5%; on a log axis only positive values.
/// `None` when there is nothing to draw.
pub fn y_range<'a>(
    curves: impl IntoIterator<Item = &'a [(f64, f64)]>,
    log: bool,
) -> Option<(f64, f64)> {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for c in curves {
        for &(_, y) in c {
            if y.is_finite() && (!log || y > 0.0) {
                lo = lo.min(y);
                hi = hi.max(y);
            }
        }
    }
    if !lo.is_finite() {
        return None;
    }
    if log {
        let (l, h) = (lo.log10(), hi.log10());
        let pad = ((h - l) * 0.05).max(0.05);
        return Some((10f64.powf(l - pad), 10f64.powf(h + pad)));
    }
    let pad = ((hi - lo) * 0.05).max(1e-6 * hi.abs().max(1.0));
    Some((lo - pad, hi + pad))
}

/// The x range to draw (at least one unit wide).
pub fn x_range<'a>(curves: impl IntoIterator<Item = &'a [(f64, f64)]>) -> Option<(f64, f64)> {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for c in curves {
        if let (Some(first), Some(last)) = (c.first(), c.last()) {
            lo = lo.min(first.0);
            hi = hi.max(last.0);
        }
    }
    // Training curves start at update 0 (a first point at update 125 is not drawn as if the
    // run began there), and span at least ten units so one or two points get sensible ticks.
    let lo = if lo >= 0.0 { 0.0 } else { lo };
    lo.is_finite().then(|| (lo, hi.max(lo + 10.0)))
}

/// Index of the point whose `x` is nearest to `x` (points sorted by `x`).
pub fn nearest(points: &[(f64, f64)], x: f64) -> Option<usize> {
    if points.is_empty() || !x.is_finite() {
        return None;
    }
    let i = points.partition_point(|p| p.0 < x);
    if i == 0 {
        return Some(0);
    }
    if i == points.len() {
        return Some(points.len() - 1);
    }
    let (a, b) = (points[i - 1].0, points[i].0);
    Some(if x - a <= b - x { i - 1 } else { i })
}

/// Width in pixels of a marker label in a font of `size` pixels: about 0.6 em per Latin
/// character, 1 em per wide one (Hangul, symbols such as ▶).
pub fn label_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum::<f64>()
        * size
}

/// The row (0 at the top) of each marker's label, so that no two labels print over each
/// other: each label starts at its marker's pixel `x` and is `width` wide; in the given order,
/// it takes the first row where it keeps `gap` pixels from every label already there.
pub fn marker_rows(labels: &[(f64, f64)], gap: f64) -> Vec<usize> {
    let mut rows: Vec<Vec<(f64, f64)>> = Vec::new();
    labels
        .iter()
        .map(|&(x, w)| {
            let free =
                |row: &Vec<(f64, f64)>| row.iter().all(|&(a, b)| x + w + gap <= a || b + gap <= x);
            let r = rows.iter().position(free).unwrap_or(rows.len());
            if r == rows.len() {
                rows.push(Vec::new());
            }
            rows[r].push((x, x + w));
            r
        })
        .collect()
}

/// Series at least this long open zoomed on their test part ([`test_zoom`]).
pub const LONG_SERIES: usize = 500;

/// The points a long series' chart shows by default: the test part (from `split` to the end)
/// with half its length of context before it, at least 20 points. `None` for a series shorter
/// than [`LONG_SERIES`], or when that range would still be more than 60% of it (the whole is
/// as readable).
pub fn test_zoom(points: usize, split: usize) -> Option<std::ops::Range<usize>> {
    if points < LONG_SERIES || split >= points {
        return None;
    }
    let context = ((points - split) / 2).max(20);
    let start = split.saturating_sub(context);
    (10 * (points - start) <= 6 * points).then_some(start..points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smoothing_is_debiased_and_keeps_a_constant_curve_flat() {
        let flat: Vec<_> = (0..10).map(|i| (i as f64, 2.0)).collect();
        for (_, y) in smooth(&flat, 0.9) {
            assert!((y - 2.0).abs() < 1e-12);
        }
        let noisy = [(0.0, 0.0), (1.0, 10.0)];
        assert_eq!(smooth(&noisy, 0.0), noisy.to_vec());
        let s = smooth(&noisy, 0.5);
        assert!(s[1].1 > 0.0 && s[1].1 < 10.0);
    }

    #[test]
    fn ranges_skip_nan_and_log_axes_skip_non_positive_values() {
        let c = [(0.0, f64::NAN), (1.0, 0.0), (2.0, 1.0), (3.0, 100.0)];
        let (lo, hi) = y_range([&c[..]], false).unwrap();
        assert!(lo < 0.0 && hi > 100.0);
        let (lo, hi) = y_range([&c[..]], true).unwrap();
        assert!(lo > 0.0 && lo < 1.0 && hi > 100.0);
        assert_eq!(y_range([&[(0.0, f64::NAN)][..]], false), None);
        assert_eq!(x_range([&c[..]]), Some((0.0, 10.0)));
        let long = [(5.0, 1.0), (50.0, 2.0)];
        assert_eq!(x_range([&long[..]]), Some((0.0, 50.0)));
        let one = [(125.0, 0.9)];
        assert_eq!(x_range([&one[..]]), Some((0.0, 125.0)));
    }

    #[test]
    fn nearest_point_is_found_on_both_sides() {
        let c = [(0.0, 1.0), (10.0, 2.0), (20.0, 3.0)];
        assert_eq!(nearest(&c, -5.0), Some(0));
        assert_eq!(nearest(&c, 4.0), Some(0));
        assert_eq!(nearest(&c, 6.0), Some(1));
        assert_eq!(nearest(&c, 99.0), Some(2));
        assert_eq!(nearest(&[], 1.0), None);
    }

    #[test]
    fn marker_labels_that_would_overlap_take_another_row() {
        // "test →" at 300 px and "window" at 320 px: one row each.
        let size = 11.0;
        let labels = [
            (300.0, label_width("테스트 →", size)),
            (320.0, label_width("윈도", size)),
            (360.0, label_width("▶", size)),
        ];
        assert_eq!(marker_rows(&labels, 4.0), [0, 1, 0]);
        // Far apart: one row.
        assert_eq!(
            marker_rows(&[(10.0, 40.0), (100.0, 40.0), (200.0, 40.0)], 4.0),
            [0, 0, 0]
        );
        // All at one place: a row each.
        assert_eq!(marker_rows(&[(50.0, 30.0); 3], 4.0), [0, 1, 2]);
        // A gap too small to keep: the next row; a later label fills the first row's room.
        assert_eq!(
            marker_rows(&[(0.0, 50.0), (52.0, 10.0), (60.0, 10.0)], 4.0),
            [0, 1, 0]
        );
        assert!(marker_rows(&[], 4.0).is_empty());
    }

    #[test]
    fn wide_characters_count_wider() {
        assert_eq!(label_width("ab", 10.0), 12.0);
        assert_eq!(label_width("윈도", 10.0), 20.0);
    }

    #[test]
    fn a_long_series_opens_on_its_test_part_with_context() {
        // Monthly sunspots, 3,000 points, the last 20% for test: 600 test points, 300 before.
        assert_eq!(test_zoom(3000, 2400), Some(2100..3000));
        // Short series, and long ones whose test part is most of them, stay whole.
        assert_eq!(test_zoom(400, 320), None);
        assert_eq!(test_zoom(1000, 300), None);
        // A tiny test part still gets 20 points of context.
        assert_eq!(test_zoom(1000, 995), Some(975..1000));
        assert_eq!(test_zoom(1000, 1000), None);
    }
}
