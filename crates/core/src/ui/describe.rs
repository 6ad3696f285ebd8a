//! Text alternatives of the drawings: one sentence per chart, heatmap or gradient plot that
//! carries its numbers, for a screen reader (the canvas's or SVG's `aria-label`) and for anyone
//! who reads numbers better than colours. Plain Rust, in both languages, tested natively.

use super::format::short_number;
use super::glossary::TIMESTEP;
use super::i18n::{fill, tr, Lang, Text};
use super::inside::num;

/// One line of a chart as its summary reads it: its name and its `(x, y)` points.
#[derive(Clone, Copy, Debug)]
pub struct Curve<'a> {
    pub name: &'a str,
    pub points: &'a [(f64, f64)],
}

/// Lowest and highest finite value.
fn range(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// A chart in one sentence: `Loss: train loss 1.23 at update 120 (range 0.98 to 3.4);
/// validation loss 1.4 at update 100 (range 1.31 to 3.2).` Each line's last value, where it
/// was reached (`x_text` writes an x as the axis reads it: an update, a date) and its range.
/// A chart with nothing drawn says `empty` instead.
pub fn chart(
    lang: Lang,
    title: &str,
    curves: &[Curve],
    x_name: &str,
    x_text: &dyn Fn(f64) -> String,
    empty: &str,
) -> String {
    let parts: Vec<String> = curves
        .iter()
        .filter_map(|c| {
            let &(x, y) = c.points.iter().rev().find(|p| p.1.is_finite())?;
            let (lo, hi) = range(c.points.iter().map(|p| p.1))?;
            Some(fill(
                tr(lang, Text::DescCurve),
                &[
                    c.name,
                    &short_number(y),
                    x_name,
                    &x_text(x),
                    &short_number(lo),
                    &short_number(hi),
                ],
            ))
        })
        .collect();
    if parts.is_empty() {
        format!("{title}: {empty}")
    } else {
        format!("{title}: {}.", parts.join("; "))
    }
}

/// A units × timesteps heatmap in one sentence: its size, its range and mean, and the value of
/// the chosen cell. `value(t, unit)` reads the map.
pub fn heatmap(
    lang: Lang,
    title: &str,
    steps: usize,
    units: usize,
    value: &dyn Fn(usize, usize) -> Option<f32>,
    at: (usize, usize),
) -> String {
    let all = (0..steps).flat_map(|t| (0..units).filter_map(move |u| value(t, u)));
    let (mut sum, mut n) = (0.0f64, 0usize);
    let mut lo_hi = None;
    for v in all.filter(|v| v.is_finite()) {
        sum += f64::from(v);
        n += 1;
        lo_hi = match lo_hi {
            None => Some((v, v)),
            Some((lo, hi)) => Some((v.min(lo), v.max(hi))),
        };
    }
    let (lo, hi) = lo_hi.unwrap_or((f32::NAN, f32::NAN));
    let mean = if n > 0 {
        (sum / n as f64) as f32
    } else {
        f32::NAN
    };
    let here = value(at.0, at.1).map(num).unwrap_or_else(|| "—".into());
    let dash = |v: f32| if v.is_finite() { num(v) } else { "—".into() };
    fill(
        tr(lang, Text::DescHeat),
        &[
            title,
            &units.to_string(),
            &steps.to_string(),
            TIMESTEP.get(lang),
            &dash(lo),
            &dash(hi),
            &dash(mean),
            &at.0.to_string(),
            &at.1.to_string(),
            &here,
        ],
    )
}

/// The gradient reaching each timestep (`‖∂L/∂h_t‖` of one layer or more, each named) in one
/// sentence: at the first and last timestep, and the largest.
pub fn gradient(lang: Lang, layers: &[(&str, &[f32])]) -> String {
    let steps = layers.iter().map(|(_, n)| n.len()).max().unwrap_or(0);
    let title = fill(
        tr(lang, Text::DescGradTitle),
        &[&steps.to_string(), TIMESTEP.get(lang)],
    );
    let parts: Vec<String> = layers
        .iter()
        .filter_map(|(name, norms)| {
            let first = *norms.first()?;
            let last = norms.len() - 1;
            let (k, max) = norms
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_finite())
                .max_by(|a, b| a.1.total_cmp(b.1))?;
            Some(fill(
                tr(lang, Text::DescGrad),
                &[
                    name,
                    &num(first),
                    &num(norms[last]),
                    &last.to_string(),
                    &num(*max),
                    &k.to_string(),
                ],
            ))
        })
        .collect();
    if parts.is_empty() {
        format!("{title}: {}.", tr(lang, Text::DescNoGrad))
    } else {
        format!("{title}. {}.", parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn updates(x: f64) -> String {
        format!("{}", x as u64)
    }

    #[test]
    fn a_chart_reads_each_lines_last_value_where_and_its_range() {
        let train = [(1.0, 3.4), (60.0, 1.5), (120.0, 1.23)];
        let val = [(50.0, 3.2), (100.0, 1.4), (110.0, f64::NAN)];
        let curves = [
            Curve {
                name: "train loss",
                points: &train,
            },
            Curve {
                name: "validation loss",
                points: &val,
            },
        ];
        assert_eq!(
            chart(Lang::En, "Loss", &curves, "update", &updates, "no data"),
            "Loss: train loss 1.23 at update 120 (range 1.23 to 3.4); \
             validation loss 1.4 at update 100 (range 1.4 to 3.2)."
        );
        let ko = chart(Lang::Ko, "손실", &curves, "업데이트", &updates, "없음");
        assert_eq!(
            ko,
            "손실: train loss: 업데이트 120에서 1.23 (범위 1.23~3.4); \
             validation loss: 업데이트 100에서 1.4 (범위 1.4~3.2)."
        );
        // Nothing drawn: the chart says why, as its canvas does.
        let none = [Curve {
            name: "train loss",
            points: &[],
        }];
        assert_eq!(
            chart(Lang::En, "Loss", &none, "update", &updates, "press Play"),
            "Loss: press Play"
        );
    }

    #[test]
    fn a_heatmap_reads_its_size_range_mean_and_the_chosen_cell() {
        // 3 timesteps × 2 units: value = t + 10·u.
        let v = |t: usize, u: usize| (t < 3 && u < 2).then(|| (t + 10 * u) as f32);
        let en = heatmap(Lang::En, "Forget gate f_t", 3, 2, &v, (2, 1));
        assert_eq!(
            en,
            "Forget gate f_t: 2 units × 3 timesteps, values from 0.0000 to 12.0000, mean 6.0000; \
             at timestep 2, unit 1: 12.0000."
        );
        let ko = heatmap(Lang::Ko, "망각 게이트 f_t", 3, 2, &v, (0, 0));
        assert!(ko.contains("유닛 2개 × 타임스텝 3개"), "{ko}");
        assert!(ko.contains("평균 6.0000"), "{ko}");
        assert!(ko.ends_with("타임스텝 0, 유닛 0: 0.0000."), "{ko}");
        // A map with no finite value says so with dashes rather than NaN.
        let empty = heatmap(Lang::En, "h_t", 0, 0, &|_, _| None, (0, 0));
        assert!(empty.contains("from — to —, mean —"), "{empty}");
        assert!(!empty.contains("NaN"));
    }

    #[test]
    fn a_gradient_plot_reads_first_last_and_largest_per_layer() {
        let l1 = [1e-4f32, 0.01, 0.5, 0.2];
        let l2 = [0.3f32, 0.2, 0.1, 0.05];
        let en = gradient(Lang::En, &[("layer 1", &l1), ("layer 2", &l2)]);
        assert_eq!(
            en,
            "‖∂L/∂h_t‖ over 4 timesteps. layer 1: 1.00e−4 at t = 0, 0.2000 at t = 3, \
             largest 0.5000 at t = 2; layer 2: 0.3000 at t = 0, 0.0500 at t = 3, \
             largest 0.3000 at t = 0."
        );
        let ko = gradient(Lang::Ko, &[("층 1", &l1)]);
        assert!(
            ko.starts_with("타임스텝 4개의 ‖∂L/∂h_t‖. 층 1: t = 0에서 1.00e−4"),
            "{ko}"
        );
        assert_eq!(
            gradient(Lang::En, &[("layer 1", &[])]),
            "‖∂L/∂h_t‖ over 0 timesteps: no gradient traced yet."
        );
    }
}
