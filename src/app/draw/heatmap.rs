//! Units × timesteps heatmaps on a `<canvas>`: one pixel per cell in an off-screen image,
//! scaled up without smoothing, then the time-axis labels.

use std::cell::RefCell;

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use crate::nn::trace::DirectionTrace;
use crate::ui::inside::{axis_ticks_at, step_value, HeatLayout, MapKey, Scale};

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
    /// Each timestep's input vector (the layer-0 trace), drawn as a grey band under the grid
    /// when the layout has room for it (MNIST: the rows of the digit, side by side).
    pub inputs: Option<&'a DirectionTrace>,
}

fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, String> {
    canvas
        .get_context("2d")
        .map_err(|_| "no 2D context".to_string())?
        .ok_or("no 2D context")?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| "not a 2D context".to_string())
}

thread_local! {
    /// Small off-screen canvases reused for the one-pixel-per-cell images: slot 0 for the
    /// maps, slot 1 for the input band (resizing a canvas is what costs).
    static SCRATCH: RefCell<[Option<HtmlCanvasElement>; 2]> = const { RefCell::new([None, None]) };
}

fn scratch(slot: usize, w: u32, h: u32) -> Result<HtmlCanvasElement, String> {
    SCRATCH.with(|s| {
        let mut all = s.borrow_mut();
        let s = &mut all[slot];
        if s.is_none() {
            let c = web_sys::window()
                .and_then(|w| w.document())
                .ok_or("no document")?
                .create_element("canvas")
                .map_err(|_| "no canvas")?
                .dyn_into::<HtmlCanvasElement>()
                .map_err(|_| "not a canvas")?;
            *s = Some(c);
        }
        let c = s.as_ref().expect("just made").clone();
        if c.width() != w {
            c.set_width(w);
        }
        if c.height() != h {
            c.set_height(h);
        }
        Ok(c)
    })
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

    // One pixel per cell in a small image, scaled up without smoothing: a handful of calls
    // whatever the size (a 128 × 28 map is one 3,584-pixel image).
    let (iw, ih) = (l.steps.max(1), l.units.max(1));
    let mut px = vec![0u8; iw * ih * 4];
    for (t, step) in spec.dir.steps.iter().enumerate().take(l.steps) {
        for u in 0..l.units {
            let c = match step_value(step, spec.key, u) {
                Some(v) if v.is_finite() => spec.scale.color(v as f64),
                _ => [136, 136, 136],
            };
            let i = (u * iw + t) * 4;
            px[i..i + 4].copy_from_slice(&[c[0], c[1], c[2], 255]);
        }
    }
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&px), iw as u32, ih as u32)
        .map_err(|_| "image data")?;
    let small = scratch(0, iw as u32, ih as u32)?;
    context(&small)?
        .put_image_data(&image, 0.0, 0.0)
        .map_err(|_| "put image data")?;
    ctx.set_image_smoothing_enabled(false);
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&small, 0.0, 0.0, l.grid_w(), l.grid_h())
        .map_err(|_| "draw image")?;
    if let (Some(inputs), true) = (spec.inputs, l.strip_h > 0.0) {
        draw_inputs(&ctx, inputs, &l)?;
    }

    // Time axis: the input read at each step (every k-th with its index when they do not fit).
    ctx.set_fill_style_str("#222222");
    ctx.set_font(&format!("{}px system-ui, sans-serif", l.label_font));
    let _ = canvas.set_attribute("data-font-px", &l.label_font.to_string());
    ctx.set_text_baseline("top");
    ctx.set_text_align("center");
    let labels = &spec.labels[..spec.labels.len().min(l.steps)];
    for tick in axis_ticks_at(labels, l.cell_w, l.label_font) {
        let _ = ctx.fill_text(&tick.text, tick.x, l.label_y());
    }
    Ok(())
}

/// The input band: column t is x_t (batch row 0), white = lowest, black = highest value.
fn draw_inputs(
    ctx: &CanvasRenderingContext2d,
    inputs: &DirectionTrace,
    l: &HeatLayout,
) -> Result<(), String> {
    let iw = l.steps.max(1);
    let ih = inputs.steps.first().map(|s| s.input.cols).unwrap_or(0);
    if ih == 0 {
        return Ok(());
    }
    let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
    for s in &inputs.steps {
        for f in 0..ih {
            if let Some(v) = s.input.get(0, f).filter(|v| v.is_finite()) {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }
    let span = if hi > lo { hi - lo } else { 1.0 };
    let mut px = vec![255u8; iw * ih * 4];
    for (t, s) in inputs.steps.iter().enumerate().take(l.steps) {
        for f in 0..ih {
            let v = s.input.get(0, f).filter(|v| v.is_finite()).unwrap_or(lo);
            let g = (255.0 * (1.0 - (v - lo) / span)).round().clamp(0.0, 255.0) as u8;
            let i = (f * iw + t) * 4;
            px[i..i + 3].copy_from_slice(&[g, g, g]);
        }
    }
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&px), iw as u32, ih as u32)
        .map_err(|_| "image data")?;
    let small = scratch(1, iw as u32, ih as u32)?;
    context(&small)?
        .put_image_data(&image, 0.0, 0.0)
        .map_err(|_| "put image data")?;
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
        &small,
        0.0,
        l.strip_y(),
        l.grid_w(),
        l.strip_h,
    )
    .map_err(|_| "draw image".to_string())
}
