//! Every coordinate of the unrolled BPTT graph (`app/components/bptt_graph.rs`) and of its
//! ‖∂L/∂h_t‖-against-t plot, the order the graph is read in and the backward sweep's order, as
//! plain functions: the component only writes them into SVG attributes. Native tests check that
//! boxes never overlap, arrows join the boxes they name and the drawing grows with timesteps.

use crate::ui::inside::log_position;

/// The shared weight matrix the graph highlights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Ih,
    Hh,
}

impl Weight {
    /// Its short name (`data-weight`, `data-testid="weight-…"`).
    pub fn name(self) -> &'static str {
        match self {
            Weight::Ih => "W_ih",
            Weight::Hh => "W_hh",
        }
    }

    /// As the course names it, and as PyTorch's state dict does: `weight_ih`/`weight_hh`, or
    /// for the course's cell (`course_inputs`: its input size I) the columns of `i2h.weight`
    /// that multiply x and h.
    pub fn label(self, course_inputs: Option<usize>) -> String {
        match (self, course_inputs) {
            (Weight::Ih, None) => "W_xh · weight_ih".into(),
            (Weight::Hh, None) => "W_hh · weight_hh".into(),
            (Weight::Ih, Some(i)) => format!("W_xh · i2h.weight[:, :{i}]"),
            (Weight::Hh, Some(i)) => format!("W_hh · i2h.weight[:, {i}:]"),
        }
    }
}

/// A line from (x1, y1) to (x2, y2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

/// A rectangle: its top-left corner and size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Which state a forward arrow carries: the hidden state, or the LSTM's cell state above it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    H,
    C,
}

/// Geometry of the unrolled BPTT graph: one column per timestep, one row per layer, the
/// inputs at the bottom and the outputs at the top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GraphLayout {
    pub steps: usize,
    pub layers: usize,
    pub col_w: f64,
    pub row_h: f64,
    pub box_w: f64,
    pub box_h: f64,
    pub pad: f64,
}

impl GraphLayout {
    pub fn new(steps: usize, layers: usize) -> GraphLayout {
        GraphLayout {
            steps,
            layers,
            col_w: 64.0,
            row_h: 86.0,
            box_w: 40.0,
            box_h: 34.0,
            pad: 24.0,
        }
    }

    /// Width and height of the whole drawing.
    pub fn size(&self) -> (f64, f64) {
        (
            2.0 * self.pad + self.steps as f64 * self.col_w,
            2.0 * self.pad + (self.layers as f64 + 1.0) * self.row_h + 20.0,
        )
    }

    /// Centre x of timestep `t`.
    pub fn x(&self, t: usize) -> f64 {
        self.pad + (t as f64 + 0.5) * self.col_w
    }

    /// Centre y of layer `l`'s boxes (layer 0 just above the inputs).
    pub fn y(&self, layer: usize) -> f64 {
        let (_, h) = self.size();
        h - self.pad - 20.0 - (layer as f64 + 1.0) * self.row_h + self.row_h / 2.0
    }

    /// y of the input labels (bottom).
    pub fn input_y(&self) -> f64 {
        let (_, h) = self.size();
        h - self.pad
    }

    /// y of the outputs (top).
    pub fn output_y(&self) -> f64 {
        self.pad + 6.0
    }

    /// Timestep column under x, if any.
    pub fn column(&self, x: f64) -> Option<usize> {
        let c = ((x - self.pad) / self.col_w).floor();
        (c >= 0.0 && (c as usize) < self.steps).then_some(c as usize)
    }
}

/// The parts of one box and its arrows, at timestep `t` of layer `layer`.
impl GraphLayout {
    /// Timestep `t`'s box in `layer`.
    pub fn cell_box(&self, t: usize, layer: usize) -> Rect {
        let (x, y) = (self.x(t), self.y(layer));
        Rect {
            x: x - self.box_w / 2.0,
            y: y - self.box_h / 2.0,
            width: self.box_w,
            height: self.box_h,
        }
    }

    /// The strip inside the box's foot coloured by ‖∂L/∂h_t‖.
    pub fn grad_mark(&self, t: usize, layer: usize) -> Rect {
        let (x, y) = (self.x(t), self.y(layer));
        Rect {
            x: x - self.box_w / 2.0 + 4.0,
            y: y + self.box_h / 2.0 - 8.0,
            width: self.box_w - 8.0,
            height: 4.0,
        }
    }

    /// Where the box's name (`h1`) is written.
    pub fn box_label(&self, t: usize, layer: usize) -> (f64, f64) {
        (self.x(t), self.y(layer) + 1.0)
    }

    /// The input arrow (`W_ih`) into the box: from the input label, or from the box below.
    pub fn input_arrow(&self, t: usize, layer: usize) -> Line {
        let (x, y) = (self.x(t), self.y(layer));
        let y1 = if layer == 0 {
            self.input_y() - 16.0
        } else {
            self.y(layer - 1) - self.box_h / 2.0
        };
        Line {
            x1: x,
            y1,
            x2: x,
            y2: y + self.box_h / 2.0 + 2.0,
        }
    }

    /// The state carried from `t` to the next timestep read, `next`, in `layer`.
    pub fn forward_arrow(&self, t: usize, next: usize, layer: usize, lane: Lane) -> Line {
        let (x, xn, y) = (self.x(t), self.x(next), self.y(layer));
        let sgn = if next > t { 1.0 } else { -1.0 };
        let y = match lane {
            Lane::H => y - 6.0,
            Lane::C => y - 13.0,
        };
        Line {
            x1: x + sgn * self.box_w / 2.0,
            y1: y,
            x2: xn - sgn * (self.box_w / 2.0 + 2.0),
            y2: y,
        }
    }

    /// ∂L/∂h_t arriving at `t`, drawn from the box of `next` (the step read after it).
    pub fn backward_arrow(&self, t: usize, next: usize, layer: usize) -> Line {
        let (x, xn, y) = (self.x(t), self.x(next), self.y(layer));
        let sgn = if next > t { 1.0 } else { -1.0 };
        Line {
            x1: xn - sgn * self.box_w / 2.0,
            y1: y + 9.0,
            x2: x + sgn * (self.box_w / 2.0 + 3.0),
            y2: y + 9.0,
        }
    }

    /// The bar beside the box: timestep `t`'s contribution `c` to a weight's gradient, against
    /// the largest contribution `max` (28 px tall; never thinner than half a pixel).
    pub fn contribution_bar(&self, t: usize, layer: usize, c: f32, max: f32) -> Rect {
        let bh = if max > 0.0 {
            28.0 * (c / max) as f64
        } else {
            0.0
        };
        let bx = self.x(t) + self.box_w / 2.0 + 3.0;
        let by = self.y(layer) + self.box_h / 2.0;
        Rect {
            x: bx,
            y: by - bh,
            width: 6.0,
            height: bh.max(0.5),
        }
    }

    /// The output arrow above timestep `t`: from the top layer's box to the `ŷ` label.
    pub fn output_arrow(&self, t: usize) -> Line {
        let x = self.x(t);
        Line {
            x1: x,
            y1: self.y(self.layers.saturating_sub(1)) - self.box_h / 2.0,
            x2: x,
            y2: self.output_y() + 8.0,
        }
    }

    /// The course's cell's output arrow to `ŷ` above timestep `t`: `ŷ_t = i2o(cat(x_t, h_{t−1}))`
    /// reads the box of step `t − 1` (at t = 0 the initial state, from the drawing's left
    /// edge), drawn from that box's top to the label; `x_t`'s part is [`Self::course_input_arrow`].
    pub fn course_output_arrow(&self, t: usize) -> Line {
        let top = self.y(0) - self.box_h / 2.0;
        let x1 = if t == 0 {
            self.pad
        } else {
            self.x(t - 1) + self.box_w / 4.0
        };
        Line {
            x1,
            y1: top,
            x2: self.x(t) - 4.0,
            y2: self.output_y() + 8.0,
        }
    }

    /// The course's cell's input `x_t` to `ŷ_t`, past the right of box t (dashed).
    pub fn course_input_arrow(&self, t: usize) -> Line {
        let x = self.x(t) + self.box_w / 2.0 + 5.0;
        Line {
            x1: x,
            y1: self.input_y() - 14.0,
            x2: self.x(t) + 4.0,
            y2: self.output_y() + 8.0,
        }
    }

    /// The band behind the selected timestep, the drawing's full height.
    pub fn current_column(&self, t: usize) -> Rect {
        Rect {
            x: self.x(t) - self.col_w / 2.0,
            y: 0.0,
            width: self.col_w,
            height: self.size().1,
        }
    }

    /// The scroll position that brings timestep `t` into a view `width` wide scrolled to
    /// `left`, or `None` when it is in view already.
    pub fn scroll_to(&self, t: usize, left: f64, width: f64) -> Option<f64> {
        let x = self.x(t);
        (x - self.col_w < left || x + self.col_w > left + width).then(|| (x - width / 2.0).max(0.0))
    }
}

/// The order one direction reads its timesteps in (forward: left to right, reverse: right to
/// left), and the backward sweep that plays the gradient from the last step read to the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    /// 0 forward, 1 reverse.
    pub direction: usize,
    pub steps: usize,
}

impl Reading {
    /// The timestep read after `t`, if any.
    pub fn next(&self, t: usize) -> Option<usize> {
        if self.direction == 0 {
            (t + 1 < self.steps).then_some(t + 1)
        } else {
            t.checked_sub(1)
        }
    }

    /// Whether `t` has an output: every step when the model predicts at each, else only the
    /// last step read.
    pub fn has_output(&self, t: usize, per_step: bool) -> bool {
        per_step || (self.direction == 0 && t + 1 == self.steps) || (self.direction == 1 && t == 0)
    }

    /// Whether the gradient has reached `t` while the sweep stands at `front` (`None`: no
    /// sweep, all shown).
    pub fn reached(&self, t: usize, front: Option<usize>) -> bool {
        match front {
            None => true,
            Some(f) if self.direction == 0 => t >= f,
            Some(f) => t <= f,
        }
    }

    /// Where the backward sweep starts: the last timestep read.
    pub fn sweep_start(&self) -> usize {
        if self.direction == 0 {
            self.steps.saturating_sub(1)
        } else {
            0
        }
    }

    /// The sweep's next position after `front`, `None` once it reached the first step read.
    pub fn sweep_after(&self, front: usize) -> Option<usize> {
        let end = if self.direction == 0 {
            0
        } else {
            self.steps.saturating_sub(1)
        };
        match front == end {
            true => None,
            false if self.direction == 0 => Some(front - 1),
            false => Some(front + 1),
        }
    }

    /// Milliseconds between two positions of the sweep: about 4 s in all, 60–400 ms a step.
    pub fn sweep_every_ms(&self) -> u32 {
        (4000 / self.steps.max(1) as u32).clamp(60, 400)
    }
}

/// The layers' lines in the gradient plot differ by colour and by dash (legible without
/// colour): layer `l`'s `(stroke, stroke-dasharray)`.
pub fn layer_style(l: usize) -> (&'static str, &'static str) {
    const COLOURS: [&str; 4] = ["#0072b2", "#e69f00", "#009e73", "#d55e00"];
    const DASHES: [&str; 4] = ["none", "6 3", "2 3", "8 3 2 3"];
    (COLOURS[l % 4], DASHES[l % 4])
}

/// The ‖∂L/∂h_t‖-against-t plot: a `width` × `height` area right of a `left` margin for the
/// tick labels, with a `bottom` margin for the t labels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradPlot {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub bottom: f64,
}

impl Default for GradPlot {
    fn default() -> GradPlot {
        GradPlot {
            width: 260.0,
            height: 120.0,
            left: 44.0,
            bottom: 18.0,
        }
    }
}

impl GradPlot {
    /// The whole drawing's width and height.
    pub fn size(&self) -> (f64, f64) {
        (self.width + self.left + 8.0, self.height + self.bottom)
    }

    /// The y of value `v` on the log axis from `lo` (bottom) to `hi` (top).
    pub fn y(&self, v: f64, lo: f64, hi: f64) -> f64 {
        self.height - log_position(v, lo, hi) * self.height
    }

    /// The x of timestep `t` of `steps` (one step: the middle).
    pub fn x(&self, t: usize, steps: usize) -> f64 {
        let x = if steps > 1 {
            t as f64 / (steps - 1) as f64 * self.width
        } else {
            self.width / 2.0
        };
        x + self.left
    }

    /// The `points` of a layer's line (zeros and non-finite values left out).
    pub fn points(&self, norms: &[f32], lo: f64, hi: f64) -> String {
        crate::ui::inside::log_plot(norms, self.width, self.height, lo, hi)
            .iter()
            .map(|(x, y)| format!("{:.1},{:.1}", x + self.left, y))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weight_chips_name_the_matrices_of_the_cell_on_screen() {
        assert_eq!(Weight::Ih.label(None), "W_xh · weight_ih");
        assert_eq!(Weight::Hh.label(None), "W_hh · weight_hh");
        // The course's cell: one i2h.weight [H, I+H], x's columns first.
        assert_eq!(Weight::Ih.label(Some(35)), "W_xh · i2h.weight[:, :35]");
        assert_eq!(Weight::Hh.label(Some(35)), "W_hh · i2h.weight[:, 35:]");
    }

    #[test]
    fn the_course_cells_output_starts_at_the_previous_box() {
        let g = GraphLayout::new(4, 1);
        for t in 1..4 {
            let a = g.course_output_arrow(t);
            // from above box t−1, to ŷ_t's column
            assert!((a.x1 - g.x(t - 1)).abs() < g.box_w / 2.0);
            assert!((a.x2 - g.x(t)).abs() < g.col_w / 4.0);
            assert!(a.y1 <= g.y(0) - g.box_h / 2.0 && a.y2 < a.y1);
            let x = g.course_input_arrow(t);
            assert!(
                x.x1 > g.x(t) + g.box_w / 2.0,
                "beside box t, not through it"
            );
            assert!(x.y1 > g.y(0) && x.y2 < g.y(0));
        }
        assert!(
            g.course_output_arrow(0).x1 < g.x(0) - g.box_w / 2.0,
            "h0 from the left"
        );
    }

    #[test]
    fn graph_layout_places_layers_above_inputs() {
        let g = GraphLayout::new(5, 2);
        assert!(g.y(0) > g.y(1), "layer 1 above layer 0");
        assert!(g.input_y() > g.y(0));
        assert!(g.output_y() < g.y(1));
        assert_eq!(g.column(g.x(3)), Some(3));
        assert_eq!(g.column(0.0), None);
        assert!(g.x(4) < g.size().0);
    }

    fn overlap(a: Rect, b: Rect) -> bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    fn inside(r: Rect, x: f64, y: f64) -> bool {
        (r.x..=r.x + r.width).contains(&x) && (r.y..=r.y + r.height).contains(&y)
    }

    #[test]
    fn boxes_never_overlap_and_stay_in_the_drawing() {
        let g = GraphLayout::new(6, 3);
        let (w, h) = g.size();
        let boxes: Vec<Rect> = (0..3)
            .flat_map(|l| (0..6).map(move |t| (t, l)))
            .map(|(t, l)| g.cell_box(t, l))
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.x >= 0.0 && a.y >= 0.0 && a.x + a.width <= w && a.y + a.height <= h);
            for b in &boxes[i + 1..] {
                assert!(!overlap(*a, *b), "{a:?} overlaps {b:?}");
            }
        }
        // The gradient strip, the label and the contribution bar belong to their box.
        let (b, m) = (g.cell_box(2, 1), g.grad_mark(2, 1));
        assert!(inside(b, m.x, m.y) && inside(b, m.x + m.width, m.y + m.height));
        let (lx, ly) = g.box_label(2, 1);
        assert!(inside(b, lx, ly));
        let bar = g.contribution_bar(2, 1, 1.0, 1.0);
        assert!(bar.x > b.x + b.width && bar.x + bar.width < g.x(3) - g.box_w / 2.0);
        assert_eq!((bar.y + bar.height, bar.height), (b.y + b.height, 28.0));
        assert_eq!(g.contribution_bar(2, 1, 0.5, 1.0).height, 14.0);
        assert_eq!(
            g.contribution_bar(2, 1, 0.0, 0.0).height,
            0.5,
            "visible at zero"
        );
    }

    #[test]
    fn arrows_join_the_boxes_they_name() {
        let g = GraphLayout::new(4, 2);
        let (b1, b2) = (g.cell_box(1, 0), g.cell_box(2, 0));
        // Forward, left to right: from the right edge of t = 1 to just before t = 2.
        let f = g.forward_arrow(1, 2, 0, Lane::H);
        assert_eq!(f.x1, b1.x + b1.width);
        assert!(
            f.x2 < b2.x && b2.x - f.x2 <= 2.0,
            "the head stops at the box"
        );
        assert!(inside(b1, f.x1, f.y1) && f.y1 == f.y2);
        let c = g.forward_arrow(1, 2, 0, Lane::C);
        assert!(
            c.y1 < f.y1 && inside(b1, c.x1, c.y1),
            "c above h, both on the box"
        );
        // Reverse, right to left: from the left edge of t = 2 to just after t = 1.
        let r = g.forward_arrow(2, 1, 0, Lane::H);
        assert_eq!(r.x1, b2.x);
        assert!(r.x2 > b1.x + b1.width);
        // The gradient flows back: from the box of the next step to the step it reaches.
        let back = g.backward_arrow(1, 2, 0);
        assert_eq!(back.x1, b2.x);
        assert!(back.x2 > b1.x + b1.width && back.x2 < b2.x);
        assert!(back.y1 > f.y1, "below the forward arrow");
        // Up: from the input label to layer 0, from layer 0's top to layer 1's foot.
        let up0 = g.input_arrow(1, 0);
        assert!(up0.y1 < g.input_y() && up0.y1 > b1.y + b1.height);
        assert!(up0.y2 > b1.y + b1.height && up0.y2 - (b1.y + b1.height) <= 2.0);
        let up1 = g.input_arrow(1, 1);
        let top = g.cell_box(1, 1);
        assert_eq!(up1.y1, b1.y);
        assert!(up1.y2 > top.y + top.height);
        // The output leaves the top layer's box upward.
        let out = g.output_arrow(1);
        assert_eq!((out.x1, out.y1), (g.x(1), top.y));
        assert!(out.y2 < top.y);
    }

    #[test]
    fn the_drawing_grows_with_timesteps_and_layers() {
        let (w4, h4) = GraphLayout::new(4, 1).size();
        let (w9, h9) = GraphLayout::new(9, 1).size();
        assert_eq!(w9 - w4, 5.0 * 64.0);
        assert_eq!(h4, h9);
        assert!(GraphLayout::new(4, 2).size().1 > h4);
        let g = GraphLayout::new(9, 1);
        let col = g.current_column(4);
        assert_eq!((col.width, col.height), (g.col_w, g.size().1));
        assert!(inside(col, g.x(4), g.y(0)));
    }

    #[test]
    fn a_step_out_of_view_is_scrolled_to_the_middle() {
        let g = GraphLayout::new(30, 1);
        assert_eq!(g.scroll_to(2, 0.0, 400.0), None, "in view");
        let x = g.x(20);
        assert_eq!(g.scroll_to(20, 0.0, 400.0), Some(x - 200.0));
        assert_eq!(
            g.scroll_to(0, 900.0, 400.0),
            Some(0.0),
            "never before the start"
        );
    }

    #[test]
    fn both_directions_read_and_sweep_in_their_order() {
        let fwd = Reading {
            direction: 0,
            steps: 4,
        };
        let rev = Reading {
            direction: 1,
            ..fwd
        };
        assert_eq!((fwd.next(1), fwd.next(3)), (Some(2), None));
        assert_eq!((rev.next(1), rev.next(0)), (Some(0), None));
        assert!(fwd.has_output(3, false) && !fwd.has_output(0, false));
        assert!(rev.has_output(0, false) && !rev.has_output(3, false));
        assert!(fwd.has_output(1, true));
        let sweep = |r: Reading| {
            std::iter::successors(Some(r.sweep_start()), |&p| r.sweep_after(p)).collect::<Vec<_>>()
        };
        assert_eq!(sweep(fwd), vec![3, 2, 1, 0]);
        assert_eq!(sweep(rev), vec![0, 1, 2, 3]);
        assert!(fwd.reached(3, Some(2)) && !fwd.reached(1, Some(2)));
        assert!(rev.reached(1, Some(2)) && !rev.reached(3, Some(2)));
        assert!(fwd.reached(0, None));
        assert_eq!(fwd.sweep_every_ms(), 400);
        let long = Reading {
            direction: 0,
            steps: 1000,
        };
        assert_eq!(long.sweep_every_ms(), 60);
    }

    #[test]
    fn the_gradient_plot_spans_its_area() {
        let p = GradPlot::default();
        assert_eq!(p.size(), (312.0, 138.0));
        assert_eq!((p.x(0, 5), p.x(4, 5)), (p.left, p.left + p.width));
        assert_eq!(p.x(0, 1), p.left + p.width / 2.0);
        assert_eq!((p.y(1e-4, 1e-4, 1.0), p.y(1.0, 1e-4, 1.0)), (p.height, 0.0));
        assert_eq!(
            p.points(&[1.0, 0.0, 1e-2], 1e-2, 1.0),
            "44.0,0.0 304.0,120.0"
        );
        assert_ne!(layer_style(0), layer_style(1));
        assert_eq!(layer_style(4), layer_style(0));
    }
}
