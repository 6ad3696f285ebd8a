//! Units × timesteps heatmaps on a `<canvas>`: one fill colour per level, so a 128 × 28 map
//! is a few thousand `fillRect` calls under 64 colour changes.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::nn::trace::DirectionTrace;
use crate::ui::inside::{axis_label, hex, level, step_value, HeatLayout, MapKey, Scale, LEVELS};

/// What one heatmap shows.
pub struct HeatSpec<'a> {
    pub dir: &'a DirectionTrace,
    pub key: MapKey,
    pub scale: Scale,
    pub layout: HeatLayout,
    /// Input at each timestep, drawn under the grid.
    pub labels: &'a [String],
    /// Device pixels per CSS pixel.
    pub dpr: f64,
}

fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, String> {
    canvas
        .get_context("2d")
        .map_err(|_| "no 2D context".to_string())?
        .ok_or("no 2D context")?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| "not a 2D context".to_string())
}

/// Sizes `canvas`'s pixels to the layout (its CSS size is set by the caller) and paints the map and its time-axis labels.
pub fn draw_heatmap(canvas: &HtmlCanvasElement, spec: &HeatSpec) -> Result<(), String> {
    let l = spec.layout;
    let (w, h) = l.size();
    let dpr = spec.dpr.clamp(1.0, 3.0);
    let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if canvas.width() != pw {
        canvas.set_width(pw);
    }
    if canvas.height() != ph {
        canvas.set_height(ph);
    }
    let ctx = context(canvas)?;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)
        .map_err(|_| "transform")?;
    ctx.clear_rect(0.0, 0.0, w, h);

    // Bucket the cells by colour level, then paint each level with one fill style.
    let mut buckets: Vec<Vec<(usize, usize)>> = vec![Vec::new(); LEVELS];
    let mut missing = Vec::new();
    for (t, step) in spec.dir.steps.iter().enumerate().take(l.steps) {
        for u in 0..l.units {
            match step_value(step, spec.key, u) {
                Some(v) if v.is_finite() => {
                    buckets[level(spec.scale.position(v as f64))].push((t, u))
                }
                _ => missing.push((t, u)),
            }
        }
    }
    // Cells touch without gaps; a hair of overlap hides seams when scaled.
    let pad = 0.5 / dpr;
    for (k, cells) in buckets.iter().enumerate() {
        if cells.is_empty() {
            continue;
        }
        let u = k as f64 / (LEVELS - 1) as f64;
        ctx.set_fill_style_str(&hex(spec.scale.at(u)));
        for &(t, unit) in cells {
            let (x, y, cw, ch) = l.rect(t, unit);
            ctx.fill_rect(x, y, cw + pad, ch + pad);
        }
    }
    if !missing.is_empty() {
        ctx.set_fill_style_str("#888888");
        for &(t, unit) in &missing {
            let (x, y, cw, ch) = l.rect(t, unit);
            ctx.fill_rect(x, y, cw, ch);
        }
    }

    // Time axis: the input read at each step (every k-th when they do not fit).
    let shown: Vec<String> = spec.labels.iter().map(|s| axis_label(s)).collect();
    let widest = shown.iter().map(|s| s.chars().count()).max().unwrap_or(1);
    let every = l.label_every(widest);
    ctx.set_fill_style_str("#222222");
    ctx.set_font("11px system-ui, sans-serif");
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    for (t, s) in shown.iter().enumerate().take(l.steps) {
        if t % every == 0 {
            let x = (t as f64 + 0.5) * l.cell_w;
            let _ = ctx.fill_text(s, x, l.grid_h() + 3.0);
        }
    }
    Ok(())
}

/// Paints a horizontal legend bar of `scale` into `canvas` (`w` × `h` CSS pixels).
pub fn draw_legend(
    canvas: &HtmlCanvasElement,
    scale: Scale,
    w: f64,
    h: f64,
    dpr: f64,
) -> Result<(), String> {
    let dpr = dpr.clamp(1.0, 3.0);
    canvas.set_width((w * dpr).round() as u32);
    canvas.set_height((h * dpr).round() as u32);
    let ctx = context(canvas)?;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)
        .map_err(|_| "transform")?;
    let n = 64;
    for i in 0..n {
        let u = i as f64 / (n - 1) as f64;
        ctx.set_fill_style_str(&hex(scale.at(u)));
        ctx.fill_rect(i as f64 * w / n as f64, 0.0, w / n as f64 + 0.5, h);
    }
    Ok(())
}
