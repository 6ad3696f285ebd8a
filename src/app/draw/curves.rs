//! Line charts (loss, accuracy) drawn with plotters on a `<canvas>`.

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use crate::ui::curves::{label_width, marker_rows, x_range, y_range};
use crate::ui::format::short_number;
use crate::ui::presenter::{legend_row_count, legend_rows, wrap_text, ChartLayout};

/// How a line is stroked: lines drawn together differ by dash as well as by colour, so that
/// none is told by colour alone (the legend draws the same stroke).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dashed,
    Dotted,
}

/// The mark drawn at each point (sparse series such as per-epoch validation), in the legend too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    None,
    Circle,
    Triangle,
}

/// One line to draw.
pub struct Line<'a> {
    pub label: &'a str,
    pub points: &'a [(f64, f64)],
    pub color: RGBColor,
    pub dash: Dash,
    pub mark: Mark,
}

/// What to draw.
pub struct ChartSpec<'a> {
    pub lines: Vec<Line<'a>>,
    /// Vertical markers: x and a short label (e.g. "lr 0.01").
    pub markers: &'a [(f64, String)],
    pub log_y: bool,
    pub x_label: &'a str,
    /// Labels of the integer x positions (dates of a series), instead of the numbers.
    pub x_ticks: Option<&'a [String]>,
    /// Device pixels per CSS pixel, to keep text readable on high-DPI screens and projectors.
    pub scale: f64,
    /// What an empty chart says (in the page's language).
    pub empty: &'a str,
    /// Font sizes and areas in CSS pixels (larger in presenter mode).
    pub layout: ChartLayout,
}

/// Where the plot area landed, in CSS pixels, for hover lookups.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ChartGeometry {
    pub left: f64,
    pub right: f64,
    pub x0: f64,
    pub x1: f64,
}

impl ChartGeometry {
    /// The data x under a CSS pixel x, if inside the plot area.
    pub fn data_x(&self, px: f64) -> Option<f64> {
        if self.right <= self.left || px < self.left || px > self.right {
            return None;
        }
        Some(self.x0 + (px - self.left) / (self.right - self.left) * (self.x1 - self.x0))
    }
}

/// Okabe–Ito colours: distinguishable for colour-blind viewers and on projectors.
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
pub const GREEN: RGBColor = RGBColor(0, 158, 115);
pub const VERMILION: RGBColor = RGBColor(213, 94, 0);
pub const SKY: RGBColor = RGBColor(86, 180, 233);

/// Two significant digits: log-axis ticks read as 3.2, 1, 0.32, 0.1.
fn two_digits(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return short_number(v);
    }
    let mag = 10f64.powf(v.abs().log10().floor() - 1.0);
    short_number((v / mag).round() * mag)
}

/// Draws `spec` into `canvas`, sizing the canvas to its CSS box times `spec.scale`. The
/// canvas's `data-font-px` says the smallest font drawn, in CSS pixels.
pub fn draw_chart(canvas: &HtmlCanvasElement, spec: &ChartSpec) -> Result<ChartGeometry, String> {
    let css_w = canvas.client_width().max(100) as f64;
    let css_h = canvas.client_height().max(80) as f64;
    let s = spec.scale.clamp(1.0, 4.0);
    let lay = spec.layout;
    let _ = canvas.set_attribute("data-font-px", &lay.min_font_px().to_string());
    canvas.set_width((css_w * s) as u32);
    canvas.set_height((css_h * s) as u32);
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2D canvas context")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;

    let tf = |y: f64| {
        if spec.log_y {
            if y > 0.0 {
                y.log10()
            } else {
                f64::NAN
            }
        } else {
            y
        }
    };
    let all: Vec<&[(f64, f64)]> = spec.lines.iter().map(|l| l.points).collect();
    let (Some((x0, x1)), Some((y0, y1))) = (
        x_range(all.iter().copied()),
        y_range(all.iter().copied(), spec.log_y),
    ) else {
        let px = lay.font_px.max(14.0);
        let style = ("sans-serif", px * s)
            .into_font()
            .color(&RGBColor(90, 90, 100));
        let lines = wrap_text(spec.empty, css_w - 32.0, px);
        let top = css_h / 2.0 - lines.len() as f64 * px * 0.65;
        for (i, line) in lines.iter().enumerate() {
            let y = top + i as f64 * px * 1.3;
            root.draw_text(line, &style, ((16.0 * s) as i32, (y * s) as i32))
                .map_err(|e| e.to_string())?;
        }
        root.present().map_err(|e| e.to_string())?;
        return Ok(ChartGeometry::default());
    };
    let (y0, y1) = (tf(y0), tf(y1));
    let font = ("sans-serif", lay.font_px * s).into_font();
    let label_w = (lay.y_label_area * s) as u32;
    // The legend gets its own strip above the plot, so it never hides a curve or a marker's
    // label (the series lesson's split labels sit where a corner legend would); its names wrap
    // onto more rows rather than being left out.
    let shown: Vec<&Line> = spec.lines.iter().filter(|l| !l.points.is_empty()).collect();
    let legend_left = f64::from(label_w) + lay.margin * s;
    let placed = legend_places(&root, &shown, legend_left, lay.font_px, s)?;
    let rows = legend_row_count(&placed);
    let (legend_area, plot_area) =
        root.split_vertically((lay.legend_row_h * rows as f64 * s) as u32);
    draw_legend(&legend_area, &shown, &placed, lay, s)?;
    let mut chart = ChartBuilder::on(&plot_area)
        .margin((lay.margin * s) as u32)
        .margin_right((lay.margin_right * s) as u32)
        .x_label_area_size((lay.x_label_area * s) as u32)
        .y_label_area_size(label_w)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(|e| e.to_string())?;
    let log = spec.log_y;
    chart
        .configure_mesh()
        .light_line_style(RGBColor(235, 235, 238))
        .bold_line_style(RGBColor(215, 215, 220))
        .label_style(font.clone())
        .x_desc(spec.x_label)
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|v| {
            let i = v.round();
            match spec.x_ticks {
                Some(ticks) if i >= 0.0 => ticks.get(i as usize).cloned().unwrap_or_default(),
                _ => format!("{}", i as i64),
            }
        })
        .y_label_formatter(&|v| {
            if log {
                two_digits(10f64.powf(*v))
            } else {
                short_number(*v)
            }
        })
        .draw()
        .map_err(|e| e.to_string())?;

    // Labels of nearby markers go on rows of their own so they do not print over each other.
    let marker_font = lay.marker_px * s;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let (px_w, py_h) = (
        f64::from((px.end - px.start).max(1)),
        f64::from((py.end - py.start).max(1)),
    );
    let shown: Vec<&(f64, String)> = spec
        .markers
        .iter()
        .filter(|(x, _)| *x >= x0 && *x <= x1)
        .collect();
    let spans: Vec<(f64, f64)> = shown
        .iter()
        .map(|(x, text)| {
            let at = (x - x0) / (x1 - x0).max(f64::MIN_POSITIVE) * px_w;
            (at, label_width(text, marker_font))
        })
        .collect();
    let rows = marker_rows(&spans, 4.0 * s);
    for ((x, text), row) in shown.into_iter().zip(rows) {
        let label_y = y1 - (y1 - y0) * (row as f64 * 1.3 * marker_font / py_h);
        let grey = RGBColor(120, 120, 130);
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(*x, y0), (*x, y1)],
                grey.stroke_width(1),
            )))
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(std::iter::once(Text::new(
                text.clone(),
                (*x, label_y),
                ("sans-serif", marker_font).into_font().color(&grey),
            )))
            .map_err(|e| e.to_string())?;
    }

    for line in spec.lines.iter().filter(|l| !l.points.is_empty()) {
        let pts: Vec<(f64, f64)> = line
            .points
            .iter()
            .map(|&(x, y)| (x, tf(y)))
            .filter(|p| p.1.is_finite())
            .collect();
        let color = line.color;
        let stroke = color.stroke_width((2.0 * s) as u32);
        let (dash, gap) = match line.dash {
            Dash::Solid => (0, 0),
            Dash::Dashed => ((8.0 * s) as u32, (5.0 * s) as u32),
            Dash::Dotted => ((2.0 * s) as u32, (4.0 * s) as u32),
        };
        if dash == 0 {
            chart
                .draw_series(LineSeries::new(pts.iter().copied(), stroke))
                .map_err(|e| e.to_string())?;
        } else {
            chart
                .draw_series(DashedLineSeries::new(
                    pts.iter().copied(),
                    dash,
                    gap,
                    stroke,
                ))
                .map_err(|e| e.to_string())?;
        }
        // A one-point line draws nothing: show its point.
        let mark = match line.mark {
            Mark::None if pts.len() == 1 => Mark::Circle,
            m => m,
        };
        let r = (3.5 * s) as i32;
        match mark {
            Mark::None => {}
            Mark::Circle => {
                chart
                    .draw_series(pts.iter().map(|&p| Circle::new(p, r, color.filled())))
                    .map_err(|e| e.to_string())?;
            }
            Mark::Triangle => {
                chart
                    .draw_series(
                        pts.iter()
                            .map(|&p| TriangleMarker::new(p, r + 1, color.filled())),
                    )
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    root.present().map_err(|e| e.to_string())?;

    let (px_range, _) = chart.plotting_area().get_pixel_range();
    Ok(ChartGeometry {
        left: px_range.start as f64 / s,
        right: px_range.end as f64 / s,
        x0,
        x1,
    })
}

/// The font of the legend's names, `px` CSS pixels.
fn legend_font(px: f64, s: f64) -> TextStyle<'static> {
    ("sans-serif", px * s)
        .into_font()
        .color(&RGBColor(40, 40, 48))
}

/// The width of a legend entry: a short stroke of its colour, a gap, its name.
fn entry_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    line: &Line,
    px: f64,
    s: f64,
) -> Result<f64, String> {
    let (text_w, _) = area
        .estimate_text_size(line.label, &legend_font(px, s))
        .map_err(|e| e.to_string())?;
    Ok(24.0 * s + f64::from(text_w))
}

/// Where each legend entry goes, `(row, x)` in device pixels: in a row from `left`, wrapping
/// onto the next row where the canvas ends (`ui::presenter::legend_rows`).
fn legend_places<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    lines: &[&Line],
    left: f64,
    px: f64,
    s: f64,
) -> Result<Vec<(usize, f64)>, String> {
    let widths = lines
        .iter()
        .map(|l| entry_width(area, l, px, s))
        .collect::<Result<Vec<f64>, String>>()?;
    let (width, _) = area.dim_in_pixel();
    // A name too long for the row beside the label column starts under that column instead.
    let left = if widths.iter().any(|&w| left + w > f64::from(width)) {
        8.0 * s
    } else {
        left
    };
    Ok(legend_rows(
        &widths,
        left,
        f64::from(width) - 4.0 * s,
        16.0 * s,
    ))
}

/// The lines' names, each after a short stroke of its colour, at the places `legend_places`
/// chose, one row of `lay.legend_row_h` each.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    lines: &[&Line],
    places: &[(usize, f64)],
    lay: ChartLayout,
    s: f64,
) -> Result<(), String> {
    let font = legend_font(lay.font_px, s);
    let row_h = lay.legend_row_h * s;
    for (line, &(row, x)) in lines.iter().zip(places) {
        let (_, text_h) = area
            .estimate_text_size(line.label, &font)
            .map_err(|e| e.to_string())?;
        let mid = (row_h * (row as f64 + 0.5)) as i32;
        let x = x as i32;
        let stroke = (18.0 * s) as i32;
        let style = line.color.stroke_width((3.0 * s) as u32);
        let path = vec![(x, mid), (x + stroke, mid)];
        match line.dash {
            Dash::Solid => area.draw(&PathElement::new(path, style)),
            Dash::Dashed => area.draw(&DashedPathElement::new(
                path,
                (5.0 * s) as i32,
                (3.0 * s) as i32,
                style,
            )),
            Dash::Dotted => area.draw(&DashedPathElement::new(
                path,
                (2.0 * s) as i32,
                (3.0 * s) as i32,
                style,
            )),
        }
        .map_err(|e| e.to_string())?;
        let centre = (x + stroke / 2, mid);
        let r = (3.5 * s) as i32;
        match line.mark {
            Mark::None => Ok(()),
            Mark::Circle => area.draw(&Circle::new(centre, r, line.color.filled())),
            Mark::Triangle => area.draw(&TriangleMarker::new(centre, r + 1, line.color.filled())),
        }
        .map_err(|e| e.to_string())?;
        area.draw(&Text::new(
            line.label,
            (x + stroke + (6.0 * s) as i32, mid - text_h as i32 / 2),
            font.clone(),
        ))
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}
