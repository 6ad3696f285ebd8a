//! Inside the network, as plain Rust: which maps a cell type shows, reading their values out of
//! the traces, colour maps, heatmap layout, and the log scales of the BPTT views (the unrolled
//! graph's geometry is `ui::bptt_layout`). No `yew` or `web-sys` here: `app::draw::heatmap` and
//! the inside views' components (`gate_heatmaps.rs`, `bptt_graph.rs`, `cell_diagram.rs`, …)
//! only paint what this module computes, and native tests cover it.

use crate::nn::trace::{BackwardTrace, DirectionTrace, StepTrace};
use crate::nn::{CellKind, Gate};

// ---- colour maps ------------------------------------------------------------------------------

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// Viridis (perceptually uniform, colour-blind safe), 9 stops from 0 to 1.
const VIRIDIS: [Rgb; 9] = [
    [68, 1, 84],
    [71, 45, 123],
    [59, 82, 139],
    [44, 114, 142],
    [33, 145, 140],
    [40, 174, 128],
    [94, 201, 98],
    [173, 220, 48],
    [253, 231, 37],
];

/// Blue–white–red diverging map (ColorBrewer RdBu, colour-blind safe), from −1 to +1.
const DIVERGING: [Rgb; 9] = [
    [33, 102, 172],
    [67, 147, 195],
    [146, 197, 222],
    [209, 229, 240],
    [247, 247, 247],
    [253, 219, 199],
    [244, 165, 130],
    [214, 96, 77],
    [178, 24, 43],
];

fn ramp(stops: &[Rgb], u: f64) -> Rgb {
    let u = if u.is_finite() {
        u.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = u * (stops.len() - 1) as f64;
    let i = (x.floor() as usize).min(stops.len() - 2);
    let f = x - i as f64;
    let (a, b) = (stops[i], stops[i + 1]);
    let mix = |p: u8, q: u8| (p as f64 + (q as f64 - p as f64) * f).round() as u8;
    [mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2])]
}

/// Sequential map for values in 0…1 (sigmoid gates); outside is clamped.
pub fn sequential(v: f64) -> Rgb {
    ramp(&VIRIDIS, v)
}

/// Diverging map for values in −limit…+limit (tanh values: limit 1); white at 0.
pub fn diverging(v: f64, limit: f64) -> Rgb {
    let limit = if limit > 0.0 && limit.is_finite() {
        limit
    } else {
        1.0
    };
    ramp(&DIVERGING, 0.5 + 0.5 * v / limit)
}

/// `#rrggbb`.
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// How a map's values are coloured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// 0…1, sequential.
    Unit,
    /// −limit…+limit, diverging.
    Symmetric(f64),
}

impl Scale {
    /// The colour of `v`.
    pub fn color(self, v: f64) -> Rgb {
        match self {
            Scale::Unit => sequential(v),
            Scale::Symmetric(l) => diverging(v, l),
        }
    }

    /// Position of `v` in the map, 0…1 (for quantised drawing).
    pub fn position(self, v: f64) -> f64 {
        let u = match self {
            Scale::Unit => v,
            Scale::Symmetric(l) => 0.5 + 0.5 * v / l,
        };
        if u.is_finite() {
            u.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The colour at a map position 0…1.
    pub fn at(self, u: f64) -> Rgb {
        match self {
            Scale::Unit => sequential(u),
            Scale::Symmetric(_) => ramp(&DIVERGING, u),
        }
    }

    /// Legend ends.
    pub fn range(self) -> (f64, f64) {
        match self {
            Scale::Unit => (0.0, 1.0),
            Scale::Symmetric(l) => (-l, l),
        }
    }
}

/// Colour levels used when painting heatmaps (one fill colour per level, fast on canvas).
pub const LEVELS: usize = 64;

/// The level (0…LEVELS-1) of a map position 0…1.
pub fn level(u: f64) -> usize {
    ((u.clamp(0.0, 1.0) * (LEVELS - 1) as f64).round() as usize).min(LEVELS - 1)
}

// ---- maps -------------------------------------------------------------------------------------

/// One units × timesteps map: a gate's activation, the cell state or the hidden state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MapKey {
    /// A gate's activation.
    Gate(Gate),
    /// c_t (LSTM).
    Cell,
    /// h_t.
    Hidden,
}

impl MapKey {
    /// A stable id for tests and CSS: the gate's name, `c` or `h`.
    pub fn id(self) -> &'static str {
        match self {
            MapKey::Gate(g) => g.name(),
            MapKey::Cell => "c",
            MapKey::Hidden => "h",
        }
    }

    /// Whether the values are a sigmoid's (0…1).
    pub fn is_sigmoid(self) -> bool {
        matches!(self, MapKey::Gate(g) if g.is_sigmoid())
    }

    /// The symbol used in formulas.
    pub fn symbol(self) -> &'static str {
        match self {
            MapKey::Gate(g) => g.symbol(),
            MapKey::Hidden => "h",
            MapKey::Cell => "c",
        }
    }
}

/// The maps a cell type shows, in drawing order: the gates (the RNN's one block is h itself),
/// the LSTM's cell state, the hidden state.
pub fn maps_for(cell: CellKind) -> Vec<MapKey> {
    let gates = match cell {
        CellKind::Rnn | CellKind::Course => &[][..],
        CellKind::Lstm | CellKind::Gru => cell.gates(),
    };
    let cell_state = (cell == CellKind::Lstm).then_some(MapKey::Cell);
    gates
        .iter()
        .map(|&g| MapKey::Gate(g))
        .chain(cell_state)
        .chain([MapKey::Hidden])
        .collect()
}

/// A map's value for batch row 0 at one step, straight from the trace.
pub fn step_value(step: &StepTrace, key: MapKey, unit: usize) -> Option<f32> {
    match key {
        MapKey::Hidden => step.h.get(0, unit),
        MapKey::Cell => step.c.as_ref().and_then(|c| c.get(0, unit)),
        MapKey::Gate(gate) => step.gate(gate).and_then(|g| g.activation.get(0, unit)),
    }
}

/// A gate's pre-activation for batch row 0 at one step.
pub fn pre_activation(step: &StepTrace, gate: Gate, unit: usize) -> Option<f32> {
    step.gate(gate).and_then(|g| g.pre_activation.get(0, unit))
}

/// Hidden units of a direction trace.
pub fn units(dir: &DirectionTrace) -> usize {
    dir.steps.first().map(|s| s.h.cols).unwrap_or(0)
}

/// How a map is coloured: sigmoid gates 0…1; tanh values −1…1; the cell state (and a ReLU
/// RNN's h) symmetric around 0 up to their largest magnitude, at least 1.
pub fn scale_for(dir: &DirectionTrace, key: MapKey) -> Scale {
    if key.is_sigmoid() {
        return Scale::Unit;
    }
    let n = units(dir);
    let mut max = 0.0f64;
    for s in &dir.steps {
        for u in 0..n {
            if let Some(v) = step_value(s, key, u) {
                if v.is_finite() {
                    max = max.max(v.abs() as f64);
                }
            }
        }
    }
    if max <= 1.0 {
        Scale::Symmetric(1.0)
    } else {
        // Round up to a readable legend end.
        Scale::Symmetric((max * 10.0).ceil() / 10.0)
    }
}

/// The step before `t` in the direction's reading order (None at the first one: h₀ = 0).
pub fn previous_step(direction: usize, t: usize, steps: usize) -> Option<usize> {
    if direction == 0 {
        t.checked_sub(1)
    } else {
        (t + 1 < steps).then_some(t + 1)
    }
}

// ---- heatmap layout ---------------------------------------------------------------------------

/// Where each cell of a units × timesteps heatmap goes, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeatLayout {
    pub steps: usize,
    pub units: usize,
    pub cell_w: f64,
    pub cell_h: f64,
    /// Space under the grid for the input labels.
    pub label_h: f64,
    /// Height of the input band between the grid and the labels (MNIST rows), 0 without.
    pub strip_h: f64,
    /// Font of the time-axis labels, CSS pixels (`ui::presenter::heat_label_px`).
    pub label_font: f64,
}

impl HeatLayout {
    /// Cells wide enough to read and a grid of a reasonable height: about 160 px of units,
    /// 2…12 px per unit; 6…28 px per timestep (a 70-character text: two maps side by side).
    pub fn new(steps: usize, units: usize) -> HeatLayout {
        let cell_h = (160.0 / units.max(1) as f64).clamp(2.0, 12.0).floor();
        let cell_w = if steps <= 8 {
            28.0
        } else if steps <= 20 {
            16.0
        } else if steps <= 40 {
            12.0
        } else if steps <= 70 {
            7.0
        } else {
            6.0
        };
        HeatLayout {
            steps,
            units,
            cell_w,
            cell_h,
            label_h: 16.0,
            strip_h: 0.0,
            label_font: 11.0,
        }
    }

    /// With time-axis labels in a font of `px` CSS pixels (24 in presenter mode), and the
    /// room under the grid they need.
    pub fn with_label_font(self, px: f64) -> HeatLayout {
        HeatLayout {
            label_font: px,
            label_h: (px * 16.0 / 11.0).round(),
            ..self
        }
    }

    /// With a band showing each timestep's input vector (`features` values, 1.5 px each).
    pub fn with_strip(self, features: usize) -> HeatLayout {
        HeatLayout {
            strip_h: (features as f64 * 1.5).clamp(0.0, 48.0).round(),
            ..self
        }
    }

    /// y of the input band (just under the grid).
    pub fn strip_y(&self) -> f64 {
        self.grid_h() + if self.strip_h > 0.0 { 2.0 } else { 0.0 }
    }

    /// y of the labels.
    pub fn label_y(&self) -> f64 {
        self.strip_y() + self.strip_h + 3.0
    }

    /// Grid width.
    pub fn grid_w(&self) -> f64 {
        self.steps as f64 * self.cell_w
    }

    /// Grid height.
    pub fn grid_h(&self) -> f64 {
        self.units as f64 * self.cell_h
    }

    /// Whole drawing (grid and labels).
    pub fn size(&self) -> (f64, f64) {
        (self.grid_w(), self.label_y() - 3.0 + self.label_h)
    }

    /// `(x, y, w, h)` of the cell of timestep `t`, unit `u` (unit 0 at the top).
    pub fn rect(&self, t: usize, u: usize) -> (f64, f64, f64, f64) {
        (
            t as f64 * self.cell_w,
            u as f64 * self.cell_h,
            self.cell_w,
            self.cell_h,
        )
    }

    /// The `(t, unit)` under a point, if on the grid.
    pub fn hit(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        if x < 0.0 || y < 0.0 || x >= self.grid_w() || y >= self.grid_h() {
            return None;
        }
        let t = (x / self.cell_w) as usize;
        let u = (y / self.cell_h) as usize;
        (t < self.steps && u < self.units).then_some((t, u))
    }
}

/// How many times smaller the gradient reaching the first timestep is than the largest one
/// (`‖∂L/∂h_t‖` of one layer and direction), when it is at least 100 times: the vanishing
/// gradient the course names. `None` otherwise, or without a finite gradient.
pub fn vanishing_factor(norms: &[f32]) -> Option<f64> {
    let first = f64::from(*norms.first()?);
    let max = norms
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0f32, f32::max);
    let max = f64::from(max);
    if !(first.is_finite() && max > 0.0) {
        return None;
    }
    let factor = if first > 0.0 {
        max / first
    } else {
        f64::INFINITY
    };
    (factor >= 100.0).then_some(factor)
}

/// An input's label as a sentence shows it: MNIST's `row 7` is `7행` in Korean; characters and
/// tokens are data and stay as they are.
pub fn input_label(label: &str, lang: crate::ui::i18n::Lang) -> String {
    match (lang, label.strip_prefix("row ")) {
        (crate::ui::i18n::Lang::Ko, Some(k)) => format!("{k}행"),
        _ => label.to_string(),
    }
}

/// A short label for the time axis: characters as they are (space shown as ␣),
/// `row 7` → `7`, `t123` → `123`.
pub fn axis_label(label: &str) -> String {
    if label == " " {
        return "␣".into();
    }
    if let Some(k) = label.strip_prefix("row ") {
        return k.to_string();
    }
    if let Some(k) = label.strip_prefix('t') {
        if !k.is_empty() && k.chars().all(|c| c.is_ascii_digit()) {
            return k.to_string();
        }
    }
    label.to_string()
}

/// The width most labels have, the 80th percentile (a few long ones, like the start token,
/// give way to the others).
fn typical_px<'a>(labels: impl Iterator<Item = &'a String>) -> f64 {
    let mut px: Vec<f64> = labels.map(|s| label_px(s)).collect();
    px.sort_by(f64::total_cmp);
    px.get((px.len() * 4 / 5).min(px.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0.0)
}

/// Width in pixels of a label in the axis's 11 px font: about 6.5 px a Latin character or
/// digit, 11 px a Hangul or other wide one.
pub fn label_px(s: &str) -> f64 {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x11FF
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFF00..=0xFF60 => 11.0,
            _ => 6.5,
        })
        .sum()
}

/// One label of a heatmap's time axis: timestep, text, and the x of its centre.
#[derive(Debug, Clone, PartialEq)]
pub struct AxisTick {
    pub t: usize,
    pub text: String,
    pub x: f64,
}

/// The time-axis labels a heatmap draws, left to right, none overlapping. When most inputs fit
/// their cells, every timestep shows its input; a wider one (the start token ⟨s⟩) gives way
/// to the narrow ones beside it rather than hiding them. When they do not fit, every k-th
/// timestep shows its index and its input (`12 좋`), so a thinned axis still says where it is.
pub fn axis_ticks(labels: &[String], cell_w: f64) -> Vec<AxisTick> {
    axis_ticks_at(labels, cell_w, 11.0)
}

/// `axis_ticks` for labels in a font of `font_px` CSS pixels (presenter mode's 24 px labels
/// need more room: fewer of them are shown).
pub fn axis_ticks_at(labels: &[String], cell_w: f64, font_px: f64) -> Vec<AxisTick> {
    let k_font = font_px / 11.0;
    let label_px = |s: &str| label_px(s) * k_font;
    let typical_px = |l: std::slice::Iter<'_, String>| typical_px(l) * k_font;
    let shown: Vec<String> = labels.iter().map(|s| axis_label(s)).collect();
    let grid_w = shown.len() as f64 * cell_w;
    let typical = typical_px(shown.iter());
    let candidates: Vec<(usize, String)> = if typical <= cell_w + 0.5 {
        shown.into_iter().enumerate().collect()
    } else {
        let texts: Vec<String> = shown
            .iter()
            .enumerate()
            .map(|(t, s)| format!("{t} {s}"))
            .collect();
        let wide = typical_px(texts.iter());
        let k = ((wide + 4.0) / cell_w).ceil().max(1.0) as usize;
        texts.into_iter().enumerate().step_by(k).collect()
    };
    // Narrow labels first, then the others where they find room.
    let span = |t: usize, text: &str| {
        let half = label_px(text) / 2.0;
        let centre = ((t as f64 + 0.5) * cell_w).clamp(half, (grid_w - half).max(half));
        (centre - half, centre + half, centre)
    };
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| label_px(&candidates[i].1) > cell_w + 0.5);
    let mut taken: Vec<(f64, f64)> = Vec::new();
    let mut ticks = Vec::new();
    for i in order {
        let (t, text) = &candidates[i];
        let (l, r, x) = span(*t, text);
        if taken.iter().all(|&(a, b)| r <= a + 1e-9 || l + 1e-9 >= b) {
            taken.push((l, r));
            ticks.push(AxisTick {
                t: *t,
                text: text.clone(),
                x,
            });
        }
    }
    ticks.sort_by_key(|k| k.t);
    ticks
}

// ---- log scales for gradients -----------------------------------------------------------------

/// `(lo, hi)` of the positive finite values, widened to at least a factor 10.
pub fn log_range(values: impl IntoIterator<Item = f32>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, 0.0f64);
    for v in values {
        let v = v as f64;
        if v > 0.0 && v.is_finite() {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if hi <= 0.0 {
        return (1e-3, 1.0);
    }
    if hi / lo < 10.0 {
        let mid = (hi * lo).sqrt();
        lo = mid / 10f64.sqrt();
        hi = mid * 10f64.sqrt();
    }
    (lo, hi)
}

/// Position of `v` on a log scale from `lo` to `hi`, 0…1 (0 also for zero and non-finite).
pub fn log_position(v: f64, lo: f64, hi: f64) -> f64 {
    if !(v > 0.0 && v.is_finite()) || lo <= 0.0 || hi <= lo {
        return 0.0;
    }
    ((v.log10() - lo.log10()) / (hi.log10() - lo.log10())).clamp(0.0, 1.0)
}

/// Stroke width of a backward arrow carrying ‖∂L/∂h_t‖ = `v`: 1 px at `lo`, 10 px at `hi`.
pub fn arrow_width(v: f64, lo: f64, hi: f64) -> f64 {
    if !(v > 0.0 && v.is_finite()) {
        return 0.5;
    }
    1.0 + 9.0 * log_position(v, lo, hi)
}

/// Colour of a backward arrow: the sequential map on the log scale (dark = vanishing).
pub fn arrow_color(v: f64, lo: f64, hi: f64) -> Rgb {
    sequential(0.1 + 0.9 * log_position(v, lo, hi))
}

/// Powers of ten from `lo` to `hi` (inclusive of the decades the range touches).
pub fn decades(lo: f64, hi: f64) -> Vec<f64> {
    if !(lo > 0.0 && hi >= lo && hi.is_finite()) {
        return Vec::new();
    }
    let (a, b) = (lo.log10().ceil() as i32, hi.log10().floor() as i32);
    (a..=b).map(|e| 10f64.powi(e)).collect()
}

/// ‖∂L/∂h_t‖ per timestep of one layer and direction (empty if absent).
pub fn dh_norms(back: &BackwardTrace, index: usize) -> Vec<f32> {
    back.directions
        .get(index)
        .map(|d| d.steps.iter().map(|s| s.dh_norm).collect())
        .unwrap_or_default()
}

/// Points of the ‖∂L/∂h_t‖-against-t plot in a `w` × `h` box (log y; missing for zeros).
pub fn log_plot(norms: &[f32], w: f64, h: f64, lo: f64, hi: f64) -> Vec<(f64, f64)> {
    let n = norms.len();
    norms
        .iter()
        .enumerate()
        .filter(|(_, v)| **v > 0.0 && v.is_finite())
        .map(|(t, &v)| {
            let x = if n > 1 {
                t as f64 / (n - 1) as f64 * w
            } else {
                w / 2.0
            };
            (x, h - log_position(v as f64, lo, hi) * h)
        })
        .collect()
}

/// Fixed-precision number for views: 4 significant-ish decimals, `−` for minus.
pub fn num(v: f32) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let a = v.abs();
    let s = if a != 0.0 && !(1e-3..1e4).contains(&a) {
        format!("{v:.2e}")
    } else {
        format!("{v:.4}")
    };
    s.replace('-', "−")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_start_token_gives_way_to_the_characters_beside_it() {
        let mut l = labels(&["⟨s⟩", "h", "e", "l", "l", "o", " ", "p"]);
        l.extend(std::iter::repeat_n("x".to_string(), 62));
        let ticks = axis_ticks(&l, 7.0);
        let at = |t: usize| ticks.iter().find(|k| k.t == t).map(|k| k.text.clone());
        assert_eq!(at(1).as_deref(), Some("h"));
        assert_eq!(at(2).as_deref(), Some("e"));
        assert_eq!(at(6).as_deref(), Some("␣"));
        assert_eq!(ticks.len(), 69, "every character but the start token");
        for w in ticks.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            assert!(a.x + label_px(&a.text) / 2.0 <= b.x - label_px(&b.text) / 2.0 + 1e-9);
        }
    }

    #[test]
    fn presenter_labels_are_thinned_to_fit_their_larger_font() {
        // The char sentence (70 timesteps, 7 px cells) in 24 px type: fewer labels, none
        // overlapping at their real width, all on the grid.
        let mut l = labels(&["⟨s⟩", "h", "e", "l", "l", "o", " ", "p"]);
        l.extend(std::iter::repeat_n("x".to_string(), 62));
        let k = 24.0 / 11.0;
        let ticks = axis_ticks_at(&l, 7.0, 24.0);
        assert!(ticks.len() >= 5 && ticks.len() < 69, "{}", ticks.len());
        for w in ticks.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            assert!(a.x + k * label_px(&a.text) / 2.0 <= b.x - k * label_px(&b.text) / 2.0 + 1e-9);
        }
        let last = ticks.last().unwrap();
        assert!(last.x + k * label_px(&last.text) / 2.0 <= 70.0 * 7.0 + 1e-9);
        // Room under the grid for the larger labels.
        let layout = HeatLayout::new(70, 32).with_label_font(24.0);
        assert!(layout.label_h >= 30.0);
        assert_eq!(axis_ticks_at(&l, 7.0, 11.0), axis_ticks(&l, 7.0));
    }

    #[test]
    fn a_thinned_axis_shows_every_kth_timestep_with_its_index() {
        let l: Vec<String> = (0..100)
            .map(|i| ["좋", "아", "요", "<pad>"][i % 4].to_string())
            .collect();
        let ticks = axis_ticks(&l, 6.0);
        assert!(ticks.len() >= 5 && ticks.len() < 100, "{}", ticks.len());
        let k = ticks[1].t - ticks[0].t;
        assert!(k > 1);
        for tick in &ticks {
            assert_eq!(tick.t % k, 0);
            assert!(
                tick.text.starts_with(&format!("{} ", tick.t)),
                "{}",
                tick.text
            );
        }
        // Inside the grid.
        let last = ticks.last().unwrap();
        assert!(last.x + label_px(&last.text) / 2.0 <= 600.0 + 1e-9);
        assert!(ticks[0].x - label_px(&ticks[0].text) / 2.0 >= 0.0);
    }
    use crate::nn::trace::{GateTrace, Matrix};

    #[test]
    fn a_gradient_a_hundred_times_smaller_at_the_first_step_is_named_vanishing() {
        let f = vanishing_factor(&[1e-3, 1e-2, 0.5]).unwrap();
        assert!((f - 500.0).abs() < 1e-3, "{f}");
        assert_eq!(vanishing_factor(&[0.1, 0.2, 0.5]), None);
        assert_eq!(vanishing_factor(&[]), None);
        assert_eq!(vanishing_factor(&[0.0, 0.0]), None);
        assert_eq!(vanishing_factor(&[0.0, 0.3]), Some(f64::INFINITY));
    }

    #[test]
    fn colour_maps_hit_their_ends_and_middle() {
        assert_eq!(sequential(0.0), VIRIDIS[0]);
        assert_eq!(sequential(1.0), VIRIDIS[8]);
        assert_eq!(sequential(-3.0), VIRIDIS[0], "clamped");
        assert_eq!(sequential(f64::NAN), VIRIDIS[0]);
        assert_eq!(diverging(0.0, 1.0), [247, 247, 247], "white at zero");
        assert_eq!(diverging(-1.0, 1.0), DIVERGING[0]);
        assert_eq!(diverging(2.0, 2.0), DIVERGING[8]);
        assert_eq!(diverging(5.0, 1.0), DIVERGING[8], "clamped");
        assert_eq!(hex([255, 0, 16]), "#ff0010");
        // Sequential lightness rises monotonically (readable in grey scale too).
        let luma = |c: Rgb| 0.2126 * c[0] as f64 + 0.7152 * c[1] as f64 + 0.0722 * c[2] as f64;
        let mut last = -1.0;
        for i in 0..=20 {
            let l = luma(sequential(i as f64 / 20.0));
            assert!(l > last, "luma rises at {i}");
            last = l;
        }
        // Diverging is symmetric in lightness around zero.
        let (a, b) = (luma(diverging(-0.5, 1.0)), luma(diverging(0.5, 1.0)));
        assert!((a - b).abs() < 25.0, "{a} vs {b}");
    }

    #[test]
    fn scales_and_levels() {
        assert_eq!(Scale::Unit.position(0.25), 0.25);
        assert_eq!(Scale::Symmetric(2.0).position(-2.0), 0.0);
        assert_eq!(Scale::Symmetric(2.0).position(1.0), 0.75);
        assert_eq!(Scale::Symmetric(1.0).at(0.5), [247, 247, 247]);
        assert_eq!(level(0.0), 0);
        assert_eq!(level(1.0), LEVELS - 1);
        assert_eq!(level(2.0), LEVELS - 1);
        assert_eq!(Scale::Symmetric(3.0).range(), (-3.0, 3.0));
    }

    fn step(t: usize, cell: CellKind, v: f32) -> StepTrace {
        let m = |x: f32| Matrix {
            rows: 1,
            cols: 2,
            data: vec![x, -x],
        };
        StepTrace {
            t,
            input: m(0.0),
            h: m(v),
            c: (cell == CellKind::Lstm).then(|| m(3.0 * v)),
            gates: cell
                .gates()
                .iter()
                .map(|&gate| GateTrace {
                    gate,
                    pre_activation: m(v + 1.0),
                    activation: m(v / 2.0),
                })
                .collect(),
        }
    }

    #[test]
    fn maps_are_read_from_the_trace() {
        let lstm = CellKind::Lstm;
        let dir = DirectionTrace {
            cell: lstm,
            layer: 0,
            direction: 0,
            steps: vec![step(0, lstm, 0.2), step(1, lstm, 0.6)],
        };
        let symbols = |c| maps_for(c).iter().map(|k| k.symbol()).collect::<String>();
        assert_eq!(symbols(CellKind::Lstm), "ifgoch");
        assert_eq!(symbols(CellKind::Gru), "rznh");
        assert_eq!(maps_for(CellKind::Rnn), vec![MapKey::Hidden]);
        assert_eq!(maps_for(CellKind::Gru)[0], MapKey::Gate(Gate::Reset));
        assert_eq!(step_value(&dir.steps[1], MapKey::Hidden, 1), Some(-0.6));
        assert_eq!(step_value(&dir.steps[1], MapKey::Cell, 0), Some(3.0 * 0.6));
        assert_eq!(
            step_value(&dir.steps[0], MapKey::Gate(Gate::Forget), 0),
            Some(0.1)
        );
        assert_eq!(
            step_value(&dir.steps[0], MapKey::Gate(Gate::Update), 0),
            None
        );
        assert_eq!(pre_activation(&dir.steps[0], Gate::Output, 1), Some(-1.2));
        assert_eq!(
            step_value(&dir.steps[0], MapKey::Hidden, 2),
            None,
            "no unit 2"
        );
        assert_eq!(scale_for(&dir, MapKey::Gate(Gate::Input)), Scale::Unit);
        assert_eq!(scale_for(&dir, MapKey::Hidden), Scale::Symmetric(1.0));
        // max |c| = 1.8000001 (f32), rounded up to a tenth.
        assert_eq!(scale_for(&dir, MapKey::Cell), Scale::Symmetric(1.9));
        assert_eq!(MapKey::Gate(Gate::Update).symbol(), "z");
        assert_eq!(MapKey::Gate(Gate::Update).id(), Gate::Update.name());
        assert_eq!(MapKey::Cell.id(), "c");
        assert!(MapKey::Gate(Gate::Reset).is_sigmoid());
        assert!(!MapKey::Gate(Gate::New).is_sigmoid());
        assert!(!MapKey::Hidden.is_sigmoid());
        assert_eq!(previous_step(0, 0, 5), None);
        assert_eq!(previous_step(0, 3, 5), Some(2));
        assert_eq!(previous_step(1, 4, 5), None);
        assert_eq!(previous_step(1, 2, 5), Some(3));
    }

    #[test]
    fn heatmap_layout_round_trips() {
        let l = HeatLayout::new(28, 128);
        assert_eq!((l.cell_w, l.cell_h), (12.0, 2.0));
        assert_eq!(l.size(), (336.0, 256.0 + 16.0));
        assert_eq!(
            HeatLayout::new(5, 8).cell_w,
            28.0,
            "a short window is wide enough to tap"
        );
        let small = HeatLayout::new(10, 8);
        assert_eq!((small.cell_w, small.cell_h), (16.0, 12.0));
        for (t, u) in [(0, 0), (27, 127), (13, 64)] {
            let (x, y, w, h) = l.rect(t, u);
            assert_eq!(l.hit(x + w / 2.0, y + h / 2.0), Some((t, u)));
        }
        assert_eq!(l.hit(-1.0, 3.0), None);
        assert_eq!(l.hit(336.0, 3.0), None);
        assert_eq!(l.hit(3.0, 256.5), None, "labels are not cells");
        let s = l.with_strip(28);
        assert_eq!((s.strip_h, s.strip_y(), s.label_y()), (42.0, 258.0, 303.0));
        assert_eq!(s.size(), (336.0, 300.0 + 16.0));
        assert_eq!(s.hit(3.0, 260.0), None, "the input band is not cells");
        assert_eq!(axis_label(" "), "␣");
        assert_eq!(axis_label("row 12"), "12");
        assert_eq!(axis_label("t340"), "340");
        assert_eq!(axis_label("the"), "the");
    }

    #[test]
    fn log_scales_for_gradients() {
        assert_eq!(log_range([0.0, 1e-4, 1e-1, f32::NAN]).0, 1e-4f32 as f64);
        let (lo, hi) = log_range([2.0, 4.0]);
        assert!((hi / lo - 10.0).abs() < 1e-9, "widened to a decade");
        assert_eq!(log_range([0.0]), (1e-3, 1.0));
        assert_eq!(log_position(1e-2, 1e-4, 1.0), 0.5);
        assert_eq!(log_position(0.0, 1e-4, 1.0), 0.0);
        assert_eq!(arrow_width(1.0, 1e-4, 1.0), 10.0);
        assert_eq!(arrow_width(1e-4, 1e-4, 1.0), 1.0);
        assert_eq!(arrow_width(1e-9, 1e-4, 1.0), 1.0, "clamped");
        assert_eq!(arrow_width(0.0, 1e-4, 1.0), 0.5);
        assert!(arrow_width(1e-3, 1e-4, 1.0) < arrow_width(1e-2, 1e-4, 1.0));
        assert_eq!(decades(0.003, 20.0), vec![0.01, 0.1, 1.0, 10.0]);
        let pts = log_plot(&[1.0, 0.0, 0.01], 100.0, 50.0, 0.01, 1.0);
        assert_eq!(pts, vec![(0.0, 0.0), (100.0, 50.0)]);
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(num(-0.123456), "−0.1235");
        assert_eq!(num(0.0), "0.0000");
        assert_eq!(num(12345.0), "1.23e4");
        assert_eq!(num(2.5e-5), "2.50e−5");
    }
}
