//! MNIST digits on a canvas: the 28×28 picture scaled up, with the row being read marked.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Draws `pixels` (784 bytes, 0 = background) into `canvas`, dark ink on white, and outlines
/// `row` (0-based), shading the rows not read yet when `dim_after` is set.
pub fn draw_digit(canvas: &HtmlCanvasElement, pixels: &[u8], row: Option<usize>, dim_after: bool) {
    let Some(ctx) = context(canvas) else { return };
    let size = canvas.width().min(canvas.height()) as f64;
    let cell = size / 28.0;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, size, size);
    for (i, &v) in pixels.iter().take(784).enumerate() {
        if v == 0 {
            continue;
        }
        let ink = 255 - v;
        ctx.set_fill_style_str(&format!("rgb({ink},{ink},{ink})"));
        let (r, c) = (i / 28, i % 28);
        ctx.fill_rect(c as f64 * cell, r as f64 * cell, cell + 0.5, cell + 0.5);
    }
    if let Some(r) = row {
        if dim_after && r + 1 < 28 {
            ctx.set_fill_style_str("rgba(255,255,255,0.7)");
            ctx.fill_rect(
                0.0,
                (r + 1) as f64 * cell,
                size,
                size - (r + 1) as f64 * cell,
            );
        }
        ctx.set_stroke_style_str("#e69f00");
        ctx.set_line_width((cell / 4.0).max(2.0));
        ctx.stroke_rect(1.0, r as f64 * cell, size - 2.0, cell);
    }
}

/// Reads a drawing canvas back as 784 intensities in [0, 1] (ink = 1), the way MNIST digits
/// were prepared: the ink's bounding box scaled into 20×20 and centred in 28×28.
pub fn canvas_to_mnist(canvas: &HtmlCanvasElement) -> Option<Vec<f32>> {
    let ctx = context(canvas)?;
    let (w, h) = (canvas.width() as usize, canvas.height() as usize);
    let data = ctx
        .get_image_data(0.0, 0.0, w as f64, h as f64)
        .ok()?
        .data();
    // Ink = darkness of the red channel on a white canvas.
    let ink: Vec<f32> = data.chunks(4).map(|p| 1.0 - p[0] as f32 / 255.0).collect();
    Some(crate::ui::digit::to_mnist(&ink, w, h))
}
