//! Colour for every reader: WCAG contrast (which ink reads on a tinted cell), and what a
//! deuteranope sees (Machado, Oliveira and Fernandes 2009, severity 1), measured as CIELAB
//! lightness and distance. The page picks ink with [`ink_on`]; the tests below hold the colour
//! maps and the curves' palette legible under the simulation.

use super::inside::Rgb;

/// The linear value of one sRGB channel (0…255 → 0…1).
fn linear(c: u8) -> f64 {
    let v = f64::from(c) / 255.0;
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

/// The sRGB channel (0…255) of a linear value.
fn encode(v: f64) -> u8 {
    let v = v.clamp(0.0, 1.0);
    let s = if v <= 0.003_130_8 {
        12.92 * v
    } else {
        1.055 * v.powf(1.0 / 2.4) - 0.055
    };
    (s * 255.0).round() as u8
}

/// WCAG relative luminance, 0 (black) … 1 (white).
pub fn luminance(c: Rgb) -> f64 {
    0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2])
}

/// WCAG contrast ratio of two colours, 1…21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `fg` at opacity `alpha` (0…1) over an opaque `bg`, as the browser composites it.
pub fn over(fg: Rgb, alpha: f64, bg: Rgb) -> Rgb {
    let a = alpha.clamp(0.0, 1.0);
    let mix = |f: u8, b: u8| (f64::from(f) * a + f64::from(b) * (1.0 - a)).round() as u8;
    [mix(fg[0], bg[0]), mix(fg[1], bg[1]), mix(fg[2], bg[2])]
}

/// The page's ink (near black) and white.
pub const INK: Rgb = [0x1b, 0x1b, 0x1f];
pub const WHITE: Rgb = [255, 255, 255];

/// A cell tinted with `share` (0…1) of `base` over white, for a table whose numbers are
/// written in the page's ink: the strongest tint stops at the darkest shade of `base` on which
/// that ink keeps WCAG AA's 4.5:1 (the bare Okabe–Ito blue gives 4.0:1, and no ink reaches
/// 4.5:1 on some of its mid tints).
pub fn tint_cell(base: Rgb, share: f64) -> Rgb {
    let share = if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        0.0
    };
    // The largest opacity that keeps 4.5:1 (contrast falls as the opacity grows).
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    if contrast(INK, base) >= 4.6 {
        lo = 1.0;
    } else {
        for _ in 0..20 {
            let mid = (lo + hi) / 2.0;
            if contrast(INK, over(base, mid, WHITE)) >= 4.6 {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }
    over(base, share * lo, WHITE)
}

/// `#rrggbb`.
pub fn css(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// What a deuteranope (no M cones) sees of `c`: Machado et al. 2009's matrix for severity 1,
/// applied to linear RGB.
pub fn deuteranopia(c: Rgb) -> Rgb {
    const M: [[f64; 3]; 3] = [
        [0.367_322, 0.860_646, -0.227_968],
        [0.280_085, 0.672_501, 0.047_413],
        [-0.011_820, 0.042_940, 0.968_881],
    ];
    let l = [linear(c[0]), linear(c[1]), linear(c[2])];
    let row = |r: [f64; 3]| encode(r[0] * l[0] + r[1] * l[1] + r[2] * l[2]);
    [row(M[0]), row(M[1]), row(M[2])]
}

/// CIELAB (D65) of an sRGB colour: `[L*, a*, b*]`, L* from 0 (black) to 100 (white).
pub fn lab(c: Rgb) -> [f64; 3] {
    let (r, g, b) = (linear(c[0]), linear(c[1]), linear(c[2]));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
    let f = |t: f64| {
        const D: f64 = 6.0 / 29.0;
        if t > D * D * D {
            t.cbrt()
        } else {
            t / (3.0 * D * D) + 4.0 / 29.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIE76 colour difference ΔE*ab: about 2.3 is just noticeable, 10 plainly different.
pub fn delta_e(a: Rgb, b: Rgb) -> f64 {
    let (p, q) = (lab(a), lab(b));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}

/// `#rrggbb` → colour (`None` for anything else).
pub fn parse_hex(s: &str) -> Option<Rgb> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let ch = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
    Some([ch(0)?, ch(2)?, ch(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::inside::{diverging, sequential, Scale, LEVELS};

    #[test]
    fn contrast_matches_the_wcag_formula_at_known_points() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast([119, 119, 119], [255, 255, 255]) - 4.48).abs() < 0.01);
        assert_eq!(contrast([9, 9, 9], [9, 9, 9]), 1.0);
        assert_eq!(over([0, 0, 0], 0.5, [255, 255, 255]), [128, 128, 128]);
        assert_eq!(parse_hex("#0072b2"), Some([0, 114, 178]));
        assert_eq!(parse_hex("0072b2"), None);
    }

    /// The confusion matrix's cells (blue on the diagonal, vermilion off it) and the review
    /// tokens (green, vermilion), at every share: their numbers keep 4.5:1 in the page's ink,
    /// a larger share is a darker tint, and the strongest tint is plainly coloured.
    #[test]
    fn tinted_cells_keep_aa_contrast_with_the_ink_at_every_share() {
        for base in [[0, 114, 178], [213, 94, 0], [0, 158, 115]] {
            let mut last = f64::INFINITY;
            for k in 0..=100 {
                let bg = tint_cell(base, f64::from(k) / 100.0);
                let ratio = contrast(INK, bg);
                assert!(ratio >= 4.5, "{base:?} at {k}%: {ratio:.2}");
                assert!(luminance(bg) <= last + 1e-12, "{base:?} at {k}% is lighter");
                last = luminance(bg);
            }
            assert!(delta_e(tint_cell(base, 1.0), WHITE) > 25.0, "{base:?}");
        }
        assert_eq!(tint_cell([0, 114, 178], 0.0), WHITE);
        assert_eq!(css(tint_cell([1, 2, 3], f64::NAN)), "#ffffff");
    }

    #[test]
    fn deuteranopia_keeps_greys_and_merges_red_with_green() {
        for g in [0u8, 60, 128, 200, 255] {
            let s = deuteranopia([g, g, g]);
            for c in s {
                assert!((i16::from(c) - i16::from(g)).abs() <= 2, "{g}: {s:?}");
            }
        }
        // Pure red and a green of equal lightness look alike to a deuteranope.
        let (red, green) = ([200, 60, 40], [90, 130, 40]);
        assert!(delta_e(red, green) > 40.0);
        assert!(delta_e(deuteranopia(red), deuteranopia(green)) < delta_e(red, green) / 2.0);
    }

    /// The gates' sequential map (viridis) stays a lightness ramp for a deuteranope: every
    /// drawn level is lighter than the one below it, so order is read without hue.
    #[test]
    fn the_sequential_map_is_monotone_in_lightness_under_deuteranopia() {
        let l: Vec<f64> = (0..LEVELS)
            .map(|i| lab(deuteranopia(sequential(i as f64 / (LEVELS - 1) as f64)))[0])
            .collect();
        for w in l.windows(2) {
            assert!(w[1] > w[0], "lightness falls: {w:?}");
        }
        assert!(l[LEVELS - 1] - l[0] > 60.0, "{l:?}");
    }

    /// The states' diverging map: lightness rises from each end to white at 0 (so the size
    /// of a value reads without hue), and a value and its negative stay apart (the sign reads
    /// without red–green: blue against a brownish yellow).
    #[test]
    fn the_diverging_map_keeps_size_and_sign_under_deuteranopia() {
        let sim = |v: f64| deuteranopia(diverging(v, 1.0));
        let steps = 32;
        for i in 0..steps {
            let (a, b) = (i as f64 / steps as f64, (i + 1) as f64 / steps as f64);
            assert!(
                lab(sim(-1.0 + b))[0] >= lab(sim(-1.0 + a))[0] - 0.5,
                "negative side at {a}"
            );
            assert!(
                lab(sim(1.0 - b))[0] >= lab(sim(1.0 - a))[0] - 0.5,
                "positive side at {a}"
            );
        }
        for k in 1..=8 {
            let v = f64::from(k) / 8.0;
            let d = delta_e(sim(v), sim(-v));
            // ±0.125 sits close to white on both sides; from ±0.25 on the two are plainly apart.
            let want = if k == 1 { 5.0 } else { 12.0 };
            assert!(d >= want, "±{v}: ΔE {d:.1}");
        }
        assert_eq!(Scale::Symmetric(1.0).at(0.5), [247, 247, 247]);
    }

    /// The colours of lines drawn together (the loss chart's three, the accuracy chart's two,
    /// the gradient plot's layers, the series chart's truth and predictions) stay apart for a
    /// deuteranope; the charts also tell them apart by marker and dash.
    #[test]
    fn curve_colours_drawn_together_stay_apart_under_deuteranopia() {
        let okabe = |s: &str| parse_hex(s).expect("hex");
        let groups: [&[&str]; 3] = [
            &["#0072b2", "#e69f00", "#56b4e9"],
            &["#009e73", "#d55e00", "#56b4e9"],
            &["#0072b2", "#e69f00", "#009e73", "#d55e00"],
        ];
        for group in groups {
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    let d = delta_e(deuteranopia(okabe(a)), deuteranopia(okabe(b)));
                    assert!(d >= 15.0, "{a} and {b}: ΔE {d:.1} for a deuteranope");
                }
            }
        }
    }
}
