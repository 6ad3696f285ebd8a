//! Sizes of what a class reads from the back of a room: the fonts and areas of the line charts
//! and the heatmaps' time axes, in CSS pixels, in the normal page and in presenter mode. The
//! drawing code takes every size from here, so the numbers the tests read (`data-font-px` on a
//! canvas) are the ones drawn.

/// The smallest text presenter mode shows, in CSS pixels (the page's CSS keeps the same floor).
pub const PRESENTER_MIN_PX: f64 = 24.0;

/// Fonts and areas of a line chart (loss, accuracy), in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartLayout {
    /// Tick labels, the axis title, the legend and what an empty chart says.
    pub font_px: f64,
    /// The labels of the vertical markers (a setting changed, the best epoch).
    pub marker_px: f64,
    /// Height of one row of the legend strip above the plot.
    pub legend_row_h: f64,
    /// Height under the plot for the x tick labels and the axis title.
    pub x_label_area: f64,
    /// Width left of the plot for the y tick labels.
    pub y_label_area: f64,
    /// Space around the plot.
    pub margin: f64,
    /// Space right of the plot: the last x tick label is centred on the plot's edge, so half
    /// of it lands here.
    pub margin_right: f64,
}

impl ChartLayout {
    /// 13 px text on a desk, 24 px in presenter mode; the areas grow with the text (the
    /// proportions of the 13 px chart: a 58 px label column, 40 px under the plot).
    pub fn new(presenter: bool) -> ChartLayout {
        let (font_px, marker_px) = if presenter {
            (PRESENTER_MIN_PX, PRESENTER_MIN_PX)
        } else {
            (13.0, 11.0)
        };
        ChartLayout {
            font_px,
            marker_px,
            legend_row_h: (font_px * 1.7).round(),
            x_label_area: (font_px * 3.1).round(),
            y_label_area: (font_px * 4.5).floor(),
            margin: 8.0,
            margin_right: (font_px * 1.2).round().max(8.0),
        }
    }

    /// The smallest text the chart draws (what `data-font-px` reports).
    pub fn min_font_px(&self) -> f64 {
        self.font_px.min(self.marker_px)
    }
}

/// Where each legend entry goes: `(row, x)` for entries `widths` wide (stroke and name), laid
/// left to right from `left` and wrapped onto a new row where the next one would pass `right`.
/// An entry wider than a whole row still gets a row of its own, so no line goes unnamed.
pub fn legend_rows(widths: &[f64], left: f64, right: f64, gap: f64) -> Vec<(usize, f64)> {
    let mut row = 0;
    let mut x = left;
    widths
        .iter()
        .map(|&w| {
            if x > left && x + w > right {
                row += 1;
                x = left;
            }
            let at = (row, x);
            x += w + gap;
            at
        })
        .collect()
}

/// `text` cut into lines of at most `width` pixels in a font of `font_px` (words kept whole,
/// widths estimated as `ui::curves::label_width` does; a word wider than the line is a line of
/// its own). What an empty chart says wraps instead of running off the canvas.
pub fn wrap_text(text: &str, width: f64, font_px: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && super::curves::label_width(&candidate, font_px) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// How many rows `legend_rows` uses (at least one, so an empty legend keeps its strip).
pub fn legend_row_count(rows: &[(usize, f64)]) -> usize {
    rows.iter().map(|&(r, _)| r + 1).max().unwrap_or(1)
}

/// The font of a heatmap's time-axis labels: 11 px on a desk, 24 px in presenter mode.
pub fn heat_label_px(presenter: bool) -> f64 {
    if presenter {
        PRESENTER_MIN_PX
    } else {
        11.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presenter_text_is_at_least_24_px() {
        let l = ChartLayout::new(true);
        assert!(l.min_font_px() >= PRESENTER_MIN_PX);
        assert!(heat_label_px(true) >= PRESENTER_MIN_PX);
        let desk = ChartLayout::new(false);
        assert_eq!(
            (desk.font_px, desk.y_label_area, desk.x_label_area),
            (13.0, 58.0, 40.0)
        );
        assert_eq!(heat_label_px(false), 11.0);
    }

    #[test]
    fn areas_grow_with_the_text() {
        let (desk, room) = (ChartLayout::new(false), ChartLayout::new(true));
        assert!(room.y_label_area > desk.y_label_area);
        assert!(room.x_label_area >= 2.0 * room.font_px + 20.0);
        // A legend row holds its text with room to spare.
        assert!(room.legend_row_h >= room.font_px * 1.5);
        // "0.0032" fits the label column.
        assert!(room.y_label_area >= 6.0 * 0.6 * room.font_px + 12.0);
    }

    #[test]
    fn long_messages_wrap_to_the_width() {
        let text = "Accuracy is measured when the first epoch ends";
        let lines = wrap_text(text, 400.0, 24.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), text);
        for l in &lines {
            assert!(super::super::curves::label_width(l, 24.0) <= 400.0, "{l}");
        }
        assert_eq!(wrap_text(text, 2000.0, 13.0), vec![text.to_string()]);
        assert_eq!(
            wrap_text("첫 에포크가 끝나면 정확도를 잽니다", 150.0, 24.0).len(),
            4
        );
        assert!(wrap_text("", 100.0, 24.0).is_empty());
        // Room for half the last x tick ("100" at 24 px).
        assert!(ChartLayout::new(true).margin_right >= 0.5 * 3.0 * 0.6 * 24.0);
    }

    #[test]
    fn legend_wraps_instead_of_dropping_names() {
        // Three 300 px names in 470 px: one a row.
        let rows = legend_rows(&[300.0, 240.0, 250.0], 10.0, 470.0, 16.0);
        assert_eq!(rows, vec![(0, 10.0), (1, 10.0), (2, 10.0)]);
        assert_eq!(legend_row_count(&rows), 3);
        // Wide enough: one row, each after the last and the gap.
        let rows = legend_rows(&[100.0, 120.0], 10.0, 470.0, 16.0);
        assert_eq!(rows, vec![(0, 10.0), (0, 126.0)]);
        assert_eq!(legend_row_count(&rows), 1);
        // Wider than a row: a row of its own, never skipped.
        let rows = legend_rows(&[600.0, 50.0], 0.0, 400.0, 10.0);
        assert_eq!(rows, vec![(0, 0.0), (1, 0.0)]);
        assert_eq!(legend_row_count(&[]), 1);
    }
}
