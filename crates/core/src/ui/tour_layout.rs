//! Where the guided lesson's card goes, so that it never hides what the step is about.
//!
//! Plain geometry in viewport coordinates (CSS pixels): given the viewport, the ringed target's
//! box and the card's size, [`place`] picks one of the viewport's four corners for the card and
//! how far to scroll the page. The rule:
//!
//! 1. A corner whose card is clear of the target (and of the ring around it) wins. A card
//!    beside the target (horizontally clear) is clear wherever the target is scrolled; a card
//!    above or below it needs the target scrolled into the band the card leaves free.
//! 2. Between the clear corners, the card stays where it is, otherwise it takes the corner
//!    farthest from the target (ties: bottom-right, bottom-left, top-right, top-left).
//! 3. When a step starts ([`Scene::recenter`]) the target is centred in the part of the viewport
//!    the card leaves free (the whole viewport beside a card, the band above or below it);
//!    afterwards the page is not scrolled while a corner without scrolling is clear, and then
//!    only as little as makes one clear (the page applies that only while the step settles).
//! 4. A target taller than the free band starts at the band's top: below a card docked at the
//!    top it is clear (its head in view, the rest below the viewport). Where the page cannot
//!    scroll that far, the card covers only what does not fit, at a corner leaving the target's
//!    head ([`HEAD`]) uncovered and covering the least of it.
//! 5. A target so tall, or so wide, that no corner is clear at the card's own height (a panel
//!    across the whole page in presenter mode) makes the card shorter instead, its text
//!    scrolling inside it ([`Placement::max_height`]), when that leaves it at least
//!    [`MIN_CARD_HEIGHT`]; rule 4 applies only when even that card would not be clear.
//!
//! On a phone ([`PHONE_MAX_WIDTH`]) the card is a sheet across the width, so only the top and
//! bottom edges differ.

/// A box in viewport coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn new(left: f64, top: f64, width: f64, height: f64) -> Self {
        Self {
            left,
            top,
            width,
            height,
        }
    }
    pub fn right(&self) -> f64 {
        self.left + self.width
    }
    pub fn bottom(&self) -> f64 {
        self.top + self.height
    }
    fn center(&self) -> (f64, f64) {
        (self.left + self.width / 2.0, self.top + self.height / 2.0)
    }
    /// The box grown by `d` on every side.
    pub fn inflate(&self, d: f64) -> Self {
        Self::new(
            self.left - d,
            self.top - d,
            self.width + 2.0 * d,
            self.height + 2.0 * d,
        )
    }
    /// The box moved down by `dy` (up for a negative `dy`).
    pub fn shifted(&self, dy: f64) -> Self {
        Self::new(self.left, self.top + dy, self.width, self.height)
    }
    /// The overlap of two boxes (width or height 0 when they do not meet).
    pub fn intersection(&self, other: &Rect) -> Rect {
        let (l, t) = (self.left.max(other.left), self.top.max(other.top));
        let (r, b) = (
            self.right().min(other.right()),
            self.bottom().min(other.bottom()),
        );
        Rect::new(l, t, (r - l).max(0.0), (b - t).max(0.0))
    }
    pub fn area(&self) -> f64 {
        self.width.max(0.0) * self.height.max(0.0)
    }
    /// Whether the boxes share more than an edge.
    pub fn intersects(&self, other: &Rect) -> bool {
        self.intersection(other).area() > 0.0
    }
}

/// A corner of the viewport the card docks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    BottomRight,
    BottomLeft,
    TopRight,
    TopLeft,
}

impl Corner {
    /// In the order ties are broken.
    pub const ALL: [Corner; 4] = [
        Corner::BottomRight,
        Corner::BottomLeft,
        Corner::TopRight,
        Corner::TopLeft,
    ];
    pub fn is_top(self) -> bool {
        matches!(self, Corner::TopLeft | Corner::TopRight)
    }
    pub fn is_left(self) -> bool {
        matches!(self, Corner::TopLeft | Corner::BottomLeft)
    }
    /// The name the page's `data-corner` attribute shows.
    pub fn name(self) -> &'static str {
        match self {
            Corner::BottomRight => "bottom-right",
            Corner::BottomLeft => "bottom-left",
            Corner::TopRight => "top-right",
            Corner::TopLeft => "top-left",
        }
    }
}

/// Viewports at most this wide are phones: the card is a sheet across the width (the CSS's
/// `@media (max-width: 600px)`).
pub const PHONE_MAX_WIDTH: f64 = 600.0;
/// The card's distance from the viewport's edges (1rem; 0.5rem on a phone).
pub const MARGIN: f64 = 16.0;
pub const PHONE_MARGIN: f64 = 8.0;
/// The room kept around the target: the ring sits 6 px outside it, with a 3 px border and a
/// 4 px glow.
pub const GAP: f64 = 14.0;
/// The head of a target (a panel's title, a chart's top), kept uncovered when nothing is clear.
pub const HEAD: f64 = 40.0;
/// The shortest the card is made to leave a target clear: its header, two lines of text and
/// its buttons.
pub const MIN_CARD_HEIGHT: f64 = 160.0;

/// What the placement depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scene {
    pub viewport_width: f64,
    pub viewport_height: f64,
    /// The height of a bar fixed across the viewport's top (presenter mode's run bar), which
    /// the card leaves uncovered and which hides what is scrolled under it.
    pub top_inset: f64,
    /// The ringed element's box.
    pub target: Rect,
    pub card_width: f64,
    pub card_height: f64,
    /// How far the page can scroll up (its `scrollY`) and down.
    pub scroll_up: f64,
    pub scroll_down: f64,
    /// The run bar's buttons (Play, Step), which a step may ask the class to press: a corner
    /// clear of the target that also leaves them uncovered wins over one that does not.
    pub controls: Option<Rect>,
    /// Where the card is now, if it has been placed.
    pub current: Option<Corner>,
    /// A step has just started: centre its target in the free part of the viewport.
    pub recenter: bool,
}

/// Where the card goes and how far to scroll the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub corner: Corner,
    /// The card's box in the viewport.
    pub card: Rect,
    /// Pixels to scroll the page by (positive: down, the target moves up).
    pub scroll_by: f64,
    /// The card is clear of the target and its ring once the page has scrolled.
    pub clear: bool,
    /// The card's height when it is made shorter than its own to be clear (rule 5).
    pub max_height: Option<f64>,
}

impl Scene {
    pub fn is_phone(&self) -> bool {
        self.viewport_width <= PHONE_MAX_WIDTH
    }

    fn margin(&self) -> f64 {
        if self.is_phone() {
            PHONE_MARGIN
        } else {
            MARGIN
        }
    }

    /// The card's box at `corner`.
    pub fn card_at(&self, corner: Corner) -> Rect {
        let m = self.margin();
        let left = if corner.is_left() {
            m
        } else {
            (self.viewport_width - m - self.card_width).max(m)
        };
        let top = if corner.is_top() {
            self.top_inset + m
        } else {
            (self.viewport_height - m - self.card_height).max(self.top_inset + m)
        };
        Rect::new(left, top, self.card_width, self.card_height)
    }

    /// The vertical band (top, bottom) the target may occupy with the card at `card`.
    fn free_band(&self, card: &Rect, corner: Corner, beside: bool) -> (f64, f64) {
        if beside {
            (self.top_inset, self.viewport_height)
        } else if corner.is_top() {
            (card.bottom(), self.viewport_height)
        } else {
            (self.top_inset, card.top)
        }
    }

    /// The card at `corner` with the scroll it needs (`recenter`: centre the target in the free
    /// band; otherwise the least scroll that frees it; `still`: no scroll at all).
    fn candidate(&self, corner: Corner, mode: Mode) -> Candidate {
        let card = self.card_at(corner);
        let t = self.target.inflate(GAP);
        let beside = t.right() <= card.left || t.left >= card.right();
        let (top, bottom) = self.free_band(&card, corner, beside);
        let fits = t.height <= bottom - top;
        let wanted = match mode {
            Mode::Still => 0.0,
            Mode::Recenter if fits => (t.top + t.bottom()) / 2.0 - (top + bottom) / 2.0,
            // Too tall: its head at the top of the band.
            Mode::Recenter => t.top - top,
            Mode::Least if fits => {
                if t.top < top {
                    t.top - top
                } else if t.bottom() > bottom {
                    t.bottom() - bottom
                } else {
                    0.0
                }
            }
            // Too tall: the band all target.
            Mode::Least => {
                if t.top > top {
                    t.top - top
                } else if t.bottom() < bottom {
                    t.bottom() - bottom
                } else {
                    0.0
                }
            }
        };
        let scroll_by = wanted.clamp(-self.scroll_up.max(0.0), self.scroll_down.max(0.0));
        let moved = t.shifted(-scroll_by);
        let viewport = Rect::new(
            0.0,
            self.top_inset,
            self.viewport_width,
            (self.viewport_height - self.top_inset).max(0.0),
        );
        let head = Rect::new(
            self.target.left,
            self.target.top - scroll_by,
            self.target.width,
            self.target.height.min(HEAD),
        );
        let covered = card
            .intersection(&self.target.shifted(-scroll_by).intersection(&viewport))
            .area();
        let (cx, cy) = card.center();
        let (tx, ty) = moved.center();
        let covers_controls = self
            .controls
            .is_some_and(|c| card.intersects(&c.shifted(-scroll_by)));
        Candidate {
            covers_controls,
            placement: Placement {
                corner,
                card,
                scroll_by,
                clear: !card.intersects(&moved),
                max_height: None,
            },
            fits,
            covered,
            hides_head: card.intersects(&head),
            distance: (cx - tx).hypot(cy - ty),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Recenter,
    Least,
    Still,
}

#[derive(Clone, Copy)]
struct Candidate {
    placement: Placement,
    /// The target and its ring fit whole in the band the card leaves free.
    fits: bool,
    /// The card covers the run bar's buttons.
    covers_controls: bool,
    covered: f64,
    /// The card covers the target's head (its first [`HEAD`] pixels).
    hides_head: bool,
    distance: f64,
}

/// Picks, among `cands`, a clear one, leaving the run bar's buttons uncovered if any can: the
/// current corner if it is such, else the farthest from the target (the first of equals).
fn best_clear(cands: &[Candidate], current: Option<Corner>) -> Option<Placement> {
    let pick = |free_only: bool| {
        let ok = || {
            cands
                .iter()
                .filter(move |c| c.placement.clear && !(free_only && c.covers_controls))
        };
        if let Some(c) = ok().find(|c| Some(c.placement.corner) == current) {
            return Some(c.placement);
        }
        ok().fold(None::<&Candidate>, |best, c| match best {
            Some(b) if b.distance >= c.distance - 0.5 => Some(b),
            _ => Some(c),
        })
        .map(|c| c.placement)
    };
    pick(true).or_else(|| pick(false))
}

/// Where the card goes for `scene` (the rule is in the module's documentation).
pub fn place(scene: &Scene) -> Placement {
    let all = |mode| Corner::ALL.map(|c| scene.candidate(c, mode));
    let modes: &[Mode] = if scene.recenter {
        &[Mode::Recenter]
    } else {
        &[Mode::Still, Mode::Least]
    };
    for &mode in modes {
        let cands = all(mode);
        // At a step's start a target that fits whole beside or off the card comes first, then
        // a shorter card that lets it fit (rule 5), then one whose head only is in view.
        let whole: Vec<Candidate> = cands
            .iter()
            .filter(|c| c.fits || mode != Mode::Recenter)
            .copied()
            .collect();
        if let Some(p) = best_clear(&whole, scene.current) {
            return p;
        }
        if let Some(p) = shorter_card(scene, mode) {
            return p;
        }
        if let Some(p) = best_clear(&cands, scene.current) {
            return p;
        }
    }
    // Nothing can be clear: its head uncovered, the least of it covered, the current corner
    // unless another covers clearly less (a fifth of the card's area).
    // Afterwards the page stays where the reader has it.
    let mode = if scene.recenter {
        Mode::Recenter
    } else {
        Mode::Still
    };
    let cands = all(mode);
    let slack = scene.card_width * scene.card_height / 5.0;
    let least = cands
        .iter()
        .fold(None::<&Candidate>, |best, c| match best {
            Some(b) if (b.hides_head, b.covered) <= (c.hides_head, c.covered + 0.5) => Some(b),
            _ => Some(c),
        })
        .expect("four corners");
    match cands
        .iter()
        .find(|c| Some(c.placement.corner) == scene.current)
    {
        Some(cur) if cur.hides_head <= least.hides_head && cur.covered <= least.covered + slack => {
            cur.placement
        }
        _ => least.placement,
    }
}

/// Rule 5: the card, made as short as leaves the target (with its ring) a band of the viewport
/// above or below it, when that is at least [`MIN_CARD_HEIGHT`] and shorter than the card.
fn shorter_card(scene: &Scene, mode: Mode) -> Option<Placement> {
    let m = scene.margin();
    let band = scene.target.inflate(GAP).height;
    // The card at a top corner ends at top_inset + m + h and the band below runs to the
    // viewport's bottom; at a bottom corner the same sum holds: h ≤ vh − top_inset − m − band.
    let h = (scene.viewport_height - scene.top_inset - m - band).floor();
    if h < MIN_CARD_HEIGHT || h >= scene.card_height {
        return None;
    }
    let short = Scene {
        card_height: h,
        ..*scene
    };
    let cands = Corner::ALL.map(|c| short.candidate(c, mode));
    let whole: Vec<Candidate> = cands.iter().filter(|c| c.fits).copied().collect();
    best_clear(&whole, scene.current).map(|p| Placement {
        max_height: Some(h),
        ..p
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1280×800 page with a 400×300 card, scrollable far both ways, placed at a step's start.
    fn desktop(target: Rect) -> Scene {
        Scene {
            viewport_width: 1280.0,
            viewport_height: 800.0,
            top_inset: 0.0,
            target,
            card_width: 336.0,
            card_height: 300.0,
            scroll_up: 5000.0,
            scroll_down: 5000.0,
            controls: None,
            current: None,
            recenter: true,
        }
    }

    fn assert_clear(scene: &Scene, p: &Placement) {
        let moved = scene.target.shifted(-p.scroll_by);
        assert!(p.clear, "{p:?}");
        assert!(!p.card.intersects(&moved.inflate(6.0)), "{p:?} {moved:?}");
        // On screen, within the viewport.
        assert!(p.card.left >= 0.0 && p.card.right() <= scene.viewport_width);
        assert!(p.card.top >= scene.top_inset && p.card.bottom() <= scene.viewport_height);
    }

    #[test]
    fn a_view_in_the_right_column_sends_the_card_left_and_is_centred() {
        let s = desktop(Rect::new(373.0, 1500.0, 870.0, 400.0));
        let p = place(&s);
        assert_clear(&s, &p);
        assert!(p.corner.is_left(), "{p:?}");
        // Centred in the viewport (the card is beside it).
        let moved = s.target.shifted(-p.scroll_by);
        assert!(
            (moved.top + moved.height / 2.0 - 400.0).abs() < 1.0,
            "{moved:?}"
        );
    }

    #[test]
    fn a_control_on_the_left_under_the_card_sends_the_card_right() {
        // The page cannot scroll: the card at the bottom-left would cover it.
        let s = Scene {
            scroll_up: 0.0,
            scroll_down: 0.0,
            current: Some(Corner::BottomLeft),
            ..desktop(Rect::new(37.0, 600.0, 286.0, 20.0))
        };
        let p = place(&s);
        assert!(!p.corner.is_left(), "{p:?}");
        assert_clear(&s, &p);
    }

    #[test]
    fn a_card_clear_of_the_target_also_leaves_the_run_buttons_free() {
        // A heatmap in the right column, the run bar's buttons at the left column's bottom: both
        // left corners are clear of the heatmap, but the bottom-left one would hide Step.
        let s = Scene {
            controls: Some(Rect::new(37.0, 620.0, 286.0, 90.0)),
            current: Some(Corner::BottomLeft),
            recenter: false,
            scroll_up: 0.0,
            scroll_down: 0.0,
            ..desktop(Rect::new(373.0, 100.0, 870.0, 400.0))
        };
        let p = place(&s);
        assert_clear(&s, &p);
        assert_eq!(p.corner, Corner::TopLeft, "{p:?}");
        // Without the buttons in the way, the clear card stays.
        let p = place(&Scene {
            controls: None,
            ..s
        });
        assert_eq!(p.corner, Corner::BottomLeft);
    }

    #[test]
    fn a_clear_card_stays_where_it_is() {
        let s = desktop(Rect::new(373.0, 300.0, 870.0, 200.0));
        for corner in [Corner::TopLeft, Corner::BottomLeft] {
            let p = place(&Scene {
                current: Some(corner),
                recenter: false,
                ..s
            });
            assert_eq!((p.corner, p.scroll_by), (corner, 0.0));
        }
    }

    #[test]
    fn a_full_width_target_is_scrolled_into_the_band_above_or_below_the_card() {
        let s = Scene {
            viewport_width: 1920.0,
            viewport_height: 1080.0,
            top_inset: 90.0,
            card_width: 544.0,
            card_height: 400.0,
            ..desktop(Rect::new(37.0, 700.0, 1846.0, 450.0))
        };
        let p = place(&s);
        assert_clear(&s, &p);
        let moved = s.target.shifted(-p.scroll_by);
        assert!(moved.top >= s.top_inset, "under the run bar: {moved:?}");
        // Without room to scroll, the card goes to the other edge instead.
        let fixed = Scene {
            scroll_up: 0.0,
            scroll_down: 0.0,
            ..s
        };
        let high = Scene {
            target: Rect::new(37.0, 100.0, 1846.0, 450.0),
            ..fixed
        };
        let p = place(&high);
        assert_eq!(p.scroll_by, 0.0);
        assert!(!p.corner.is_top(), "{p:?}");
        assert_clear(&high, &p);
        let low = Scene {
            target: Rect::new(37.0, 620.0, 1846.0, 400.0),
            ..fixed
        };
        let p = place(&low);
        assert!(p.corner.is_top(), "{p:?}");
        assert_clear(&low, &p);
    }

    #[test]
    fn a_wide_panel_in_presenter_mode_gets_a_shorter_card_and_stays_whole() {
        // Presenter mode at 1920×1080: a 1846×516 panel near the page's end, a 594 px card
        // (55vh) and a 70 px run bar. At its own height no corner leaves the panel clear.
        let s = Scene {
            viewport_width: 1920.0,
            viewport_height: 1080.0,
            top_inset: 70.0,
            card_width: 544.0,
            card_height: 594.0,
            scroll_down: 400.0,
            ..desktop(Rect::new(37.0, 900.0, 1846.0, 516.0))
        };
        let p = place(&s);
        assert_clear(&s, &p);
        let h = p.max_height.expect("a shorter card");
        assert!((MIN_CARD_HEIGHT..594.0).contains(&h), "{p:?}");
        assert_eq!(p.card.height, h);
        let moved = s.target.shifted(-p.scroll_by);
        assert!(
            moved.top >= s.top_inset && moved.bottom() <= s.viewport_height,
            "the whole panel in view: {moved:?} {p:?}"
        );
        // Measured again with the card shortened and the page scrolled, nothing moves.
        let again = place(&Scene {
            target: moved,
            scroll_down: s.scroll_down - p.scroll_by,
            scroll_up: s.scroll_up + p.scroll_by,
            current: Some(p.corner),
            recenter: false,
            ..s
        });
        assert_eq!(
            again,
            Placement {
                scroll_by: 0.0,
                ..p
            }
        );
        // A panel leaving less than the shortest card keeps the card's own height.
        let huge = Scene {
            target: Rect::new(37.0, 900.0, 1846.0, 900.0),
            ..s
        };
        assert_eq!(place(&huge).max_height, None);
    }

    #[test]
    fn on_a_phone_the_sheet_leaves_the_target_in_the_free_band() {
        let s = Scene {
            viewport_width: 390.0,
            viewport_height: 844.0,
            card_width: 374.0,
            card_height: 330.0,
            ..desktop(Rect::new(25.0, 900.0, 340.0, 300.0))
        };
        assert!(s.is_phone());
        assert_eq!(s.card_at(Corner::BottomLeft).left, PHONE_MARGIN);
        let p = place(&s);
        assert_clear(&s, &p);
        let moved = s.target.shifted(-p.scroll_by);
        assert!(
            moved.top >= 0.0 && moved.bottom() <= p.card.top,
            "{moved:?} {p:?}"
        );
    }

    #[test]
    fn a_target_taller_than_the_band_starts_below_a_top_sheet() {
        let s = Scene {
            viewport_width: 390.0,
            viewport_height: 844.0,
            card_width: 374.0,
            card_height: 330.0,
            ..desktop(Rect::new(25.0, 1200.0, 340.0, 1400.0))
        };
        let p = place(&s);
        assert_clear(&s, &p);
        assert!(p.corner.is_top(), "{p:?}");
        let moved = s.target.shifted(-p.scroll_by);
        assert!(
            (moved.top - GAP - p.card.bottom()).abs() < 1.0,
            "head under the sheet: {moved:?}"
        );
        // A reader scrolling within it is not scrolled back; the sheet leaves its head.
        let later = place(&Scene {
            target: moved.shifted(-200.0),
            current: Some(p.corner),
            recenter: false,
            ..s
        });
        assert_eq!((later.corner.is_top(), later.scroll_by), (false, 0.0));
        let further = place(&Scene {
            target: moved.shifted(-600.0),
            current: Some(later.corner),
            recenter: false,
            ..s
        });
        assert_eq!((further.corner, further.scroll_by), (later.corner, 0.0));
        // At the top of a page that cannot scroll up: its head shown, the least of it covered.
        let stuck = Scene {
            target: Rect::new(25.0, 100.0, 340.0, 1400.0),
            scroll_up: 0.0,
            ..s
        };
        let p = place(&stuck);
        assert!(!p.clear);
        assert!(!p.corner.is_top(), "{p:?}");
        let moved = stuck.target.shifted(-p.scroll_by);
        assert!(
            moved.top >= 0.0 && moved.top + 40.0 <= p.card.top,
            "{moved:?} {p:?}"
        );
    }

    #[test]
    fn a_reflow_under_the_card_moves_the_card_before_the_page() {
        // The card at the bottom-left; the target grew into it, but the top-left is clear.
        let s = Scene {
            current: Some(Corner::BottomLeft),
            recenter: false,
            ..desktop(Rect::new(20.0, 420.0, 300.0, 100.0))
        };
        let p = place(&s);
        assert_eq!(p.scroll_by, 0.0);
        assert_clear(&s, &p);
        // A full-width target under a bottom card, with nowhere else clear: the least scroll.
        let s = Scene {
            current: Some(Corner::BottomRight),
            recenter: false,
            ..desktop(Rect::new(0.0, 300.0, 1280.0, 300.0))
        };
        let p = place(&s);
        assert_clear(&s, &p);
        assert!(p.scroll_by.abs() <= 300.0, "{p:?}");
    }

    #[test]
    fn the_scroll_stays_within_the_page() {
        let s = Scene {
            scroll_up: 50.0,
            scroll_down: 20.0,
            ..desktop(Rect::new(0.0, 2000.0, 1280.0, 100.0))
        };
        let p = place(&s);
        assert!(p.scroll_by <= 20.0 && p.scroll_by >= -50.0, "{p:?}");
    }
}
