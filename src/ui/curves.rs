//! Curve helpers for the loss and accuracy charts: smoothing, axis ranges, hover lookup.

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
}
