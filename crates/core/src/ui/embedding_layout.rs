//! Where the embedding map's tokens go: principal-component coordinates scaled into a drawing
//! box with margins, the first axis across and the second up.

use crate::lessons::embedding::MapPoint;

/// The drawing's size and margin, in SVG units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapBox {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// Empty border on every side (a label's half width).
    pub margin: f64,
}

impl Default for MapBox {
    fn default() -> Self {
        MapBox {
            width: 600.0,
            height: 320.0,
            margin: 24.0,
        }
    }
}

/// A token at its place in the box.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Token id.
    pub id: usize,
    /// Label.
    pub label: String,
    /// Horizontal position.
    pub x: f64,
    /// Vertical position (down).
    pub y: f64,
}

/// Scales the points to fill the box inside its margin: the first component left to right,
/// the second bottom to top; one scale per axis, the middle of the box for a flat axis.
pub fn place(points: &[MapPoint], b: &MapBox) -> Vec<Placed> {
    let range = |k: usize| {
        points
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                let v = f64::from(p.xy[k]);
                (lo.min(v), hi.max(v))
            })
    };
    let map = |v: f32, (lo, hi): (f64, f64), size: f64, flip: bool| {
        let inner = size - 2.0 * b.margin;
        let t = if hi - lo > 1e-12 {
            (f64::from(v) - lo) / (hi - lo)
        } else {
            0.5
        };
        b.margin + inner * if flip { 1.0 - t } else { t }
    };
    let (rx, ry) = (range(0), range(1));
    points
        .iter()
        .map(|p| Placed {
            id: p.id,
            label: p.label.clone(),
            x: map(p.xy[0], rx, b.width, false),
            y: map(p.xy[1], ry, b.height, true),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(id: usize, x: f32, y: f32) -> MapPoint {
        MapPoint {
            id,
            label: format!("t{id}"),
            xy: [x, y],
        }
    }

    #[test]
    fn the_points_fill_the_box_inside_its_margin_with_the_second_axis_up() {
        let b = MapBox::default();
        let got = place(&[pt(2, -1.0, 5.0), pt(3, 3.0, -5.0), pt(4, 1.0, 0.0)], &b);
        assert_eq!((got[0].x, got[0].y), (b.margin, b.margin));
        assert_eq!(
            (got[1].x, got[1].y),
            (b.width - b.margin, b.height - b.margin)
        );
        assert_eq!((got[2].x, got[2].y), (b.width / 2.0, b.height / 2.0));
    }

    #[test]
    fn a_flat_axis_puts_every_point_in_the_middle() {
        let b = MapBox::default();
        let got = place(&[pt(2, 1.0, 0.0), pt(3, 2.0, 0.0)], &b);
        assert!(got.iter().all(|p| p.y == b.height / 2.0));
    }
}
