//! Paints a chart's lines into its canvas with plotters (`app::draw::curves`): in a task of
//! its own, at most 10 times a second, and again at a new size.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::app::draw::curves::{
    draw_chart, ChartGeometry, ChartSpec, Dash, Line, Mark, BLUE, GREEN, ORANGE, SKY, VERMILION,
};
use crate::app::now_ms;
use crate::app::visible::use_resize_tick;
use crate::ui::chart::{ChartKind, Points};
use crate::ui::presenter::ChartLayout;

/// Shortest time between two redraws of a chart (10 a second).
const MIN_REDRAW_MS: f64 = 100.0;

/// What one chart paints.
#[derive(Clone, PartialEq)]
pub struct Painting {
    pub kind: ChartKind,
    pub lines: Rc<Vec<Points>>,
    pub names: Vec<String>,
    pub markers: Vec<(f64, String)>,
    pub log_y: bool,
    pub x_label: &'static str,
    /// What an empty chart says.
    pub empty: &'static str,
    pub presenter: bool,
}

/// Paints `p` into `canvas` whenever it changes; the axes' geometry is kept in `geometry` for
/// the pointer's readout.
#[hook]
pub fn use_paint(canvas: NodeRef, geometry: Rc<RefCell<ChartGeometry>>, p: Painting) {
    let pending = use_mut_ref(|| None::<Timeout>);
    let last_draw = use_mut_ref(|| f64::NEG_INFINITY);
    // A resize or presenter mode changes the canvas's size: redraw at the new size.
    let layout = (use_resize_tick(), p.presenter);
    use_effect_with((p, layout), move |(p, _)| {
        let p = p.clone();
        let draw = move || {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                let colors = match p.kind {
                    ChartKind::Loss => [BLUE, ORANGE, SKY],
                    ChartKind::Accuracy => [GREEN, VERMILION, SKY],
                };
                let lines = p
                    .lines
                    .iter()
                    .zip(&p.names)
                    .zip(colors)
                    .enumerate()
                    .map(|(i, ((pts, name), color))| Line {
                        label: name,
                        points: pts,
                        color,
                        // Told apart without colour: by dash and by mark.
                        dash: [Dash::Solid, Dash::Dashed, Dash::Dotted][i.min(2)],
                        mark: match (p.kind, i) {
                            (ChartKind::Loss, 0) => Mark::None,
                            (ChartKind::Accuracy, 0) | (_, 2) => Mark::Triangle,
                            _ => Mark::Circle,
                        },
                    })
                    .collect();
                let scale = web_sys::window()
                    .map(|w| w.device_pixel_ratio())
                    .unwrap_or(1.0);
                let spec = ChartSpec {
                    lines,
                    markers: &p.markers,
                    log_y: p.log_y,
                    x_label: p.x_label,
                    x_ticks: None,
                    scale,
                    empty: p.empty,
                    layout: ChartLayout::new(p.presenter),
                };
                match draw_chart(&el, &spec) {
                    Ok(g) => *geometry.borrow_mut() = g,
                    Err(e) => web_sys::console::warn_1(&format!("chart: {e}").into()),
                }
            }
        };
        // Drawn in a task of its own, not inside the render of the message that brought the
        // points (that task would grow past 50 ms), and at most once per MIN_REDRAW_MS: a
        // redraw (axes, text) is the page's largest steady cost. Replacing the pending redraw
        // cancels it: only the newest points are drawn.
        let wait = (MIN_REDRAW_MS - (now_ms() - *last_draw.borrow())).max(0.0);
        *pending.borrow_mut() = Some(Timeout::new(wait.ceil() as u32, move || {
            *last_draw.borrow_mut() = now_ms();
            draw();
        }));
    });
}
