//! How the guided lesson's card follows its target while a step is shown, measured every
//! 300 ms: scroll the target into the free part of the viewport once when the step starts,
//! wait while it still moves, and while the step settles (or after the page reflowed, never
//! after the reader scrolled) bring back a target pushed out of view or under the card.
//! The measuring is the page's (`app/components/tour_panel/ring.rs`); the decisions are here,
//! tested natively. Where the card goes is `ui::tour_layout::place`.

use crate::ui::tour_layout::{place, Corner, Placement, Rect, Scene};

/// Ticks (300 ms each) during which a step is still settling.
const SETTLING_TICKS: u32 = 14;
/// Scrolls made to bring the target back after the first, at most.
const MAX_CORRECTIONS: u32 = 4;

/// What to do after a measure of the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// The step has not scrolled yet: place it as a step's start (`Follow::started`).
    Start,
    /// The target stands still: keep the card clear of it (`Follow::keep`); `reflowed`: the
    /// page moved it since the last measure.
    Keep { reflowed: bool },
    /// The target still moves (a smooth scroll, a chart growing): the card waits.
    Wait,
}

/// One step's following state.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Follow {
    ticks: u32,
    /// The target's last box in the viewport (`None` right after a scroll).
    last: Option<Rect>,
    corrections: u32,
    /// The target's place in the page (its top plus the scroll): it changes when the page
    /// reflows, not when the reader scrolls.
    anchor: Option<f64>,
    scrolled: bool,
    placed: Option<Placement>,
}

impl Follow {
    /// A new step's, with the card where the last step left it.
    pub fn new(placed: Option<Placement>) -> Follow {
        Follow {
            placed,
            ..Follow::default()
        }
    }

    /// Another 300 ms have passed.
    pub fn tick(&mut self) {
        self.ticks += 1;
    }

    /// Whether the step has scrolled to its target yet.
    pub fn scrolled(&self) -> bool {
        self.scrolled
    }

    /// The card's placement so far.
    pub fn placed(&self) -> Option<Placement> {
        self.placed
    }

    /// The corner the card is in now.
    pub fn corner(&self) -> Option<Corner> {
        self.placed.map(|p| p.corner)
    }

    /// Records the target's box in the viewport, the page scrolled to `scroll_y`.
    pub fn observe(&mut self, target: Rect, scroll_y: f64) -> Next {
        let near = |a: f64, b: f64| (a - b).abs() < 1.0;
        let stable = self.last.is_some_and(|l| {
            near(l.left, target.left)
                && near(l.top, target.top)
                && near(l.width, target.width)
                && near(l.height, target.height)
        });
        self.last = Some(target);
        let page_y = target.top + scroll_y;
        let reflowed = self.anchor.is_some_and(|a| !near(a, page_y));
        self.anchor = Some(page_y);
        match (self.scrolled, stable) {
            (false, _) => Next::Start,
            (true, true) => Next::Keep { reflowed },
            (true, false) => Next::Wait,
        }
    }

    /// The step starts in `scene` (measured with `recenter`): the card is placed and the page
    /// scrolls by the returned pixels.
    pub fn started(&mut self, scene: &Scene) -> f64 {
        let p = place(scene);
        self.scrolled = true;
        self.placed = Some(p);
        self.last = None;
        p.scroll_by
    }

    /// The target stands still in `scene`: the card is placed clear of it, and while the step
    /// settles a target out of view or under the card is centred again; the page scrolls by
    /// the returned pixels (0 when nothing is corrected).
    pub fn keep(&mut self, scene: &Scene, reflowed: bool) -> f64 {
        let settling =
            (self.ticks <= SETTLING_TICKS || reflowed) && self.corrections < MAX_CORRECTIONS;
        let away =
            scene.target.bottom() <= scene.top_inset || scene.target.top >= scene.viewport_height;
        let mut p = place(scene);
        let mut scroll = 0.0;
        if settling && (away || !p.clear) {
            p = place(&Scene {
                recenter: true,
                ..*scene
            });
            if p.scroll_by.abs() >= 1.0 {
                self.corrections += 1;
                self.last = None;
                scroll = p.scroll_by;
            }
        }
        self.placed = Some(p);
        scroll
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene(target: Rect) -> Scene {
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
            recenter: false,
        }
    }

    const BOX: Rect = Rect {
        left: 100.0,
        top: 200.0,
        width: 400.0,
        height: 200.0,
    };

    #[test]
    fn a_step_starts_once_then_waits_for_its_target_to_stand_still() {
        let mut f = Follow::new(None);
        assert_eq!(f.observe(BOX, 0.0), Next::Start);
        assert_eq!(f.observe(BOX, 0.0), Next::Start, "until it has scrolled");
        assert!(!f.scrolled());
        let start = scene(Rect { top: 1500.0, ..BOX });
        let by = f.started(&Scene {
            recenter: true,
            ..start
        });
        assert!(by > 0.0, "a target below the viewport is scrolled up");
        assert!(f.scrolled());
        assert!(f.placed().is_some() && f.corner().is_some());
        // After the scroll the next measure has nothing to compare with.
        assert_eq!(f.observe(BOX, by), Next::Wait);
        assert_eq!(f.observe(BOX, by), Next::Keep { reflowed: false });
        let moved = Rect { top: 150.0, ..BOX };
        assert_eq!(f.observe(moved, by), Next::Wait, "a smooth scroll runs");
    }

    #[test]
    fn a_reflow_is_told_from_the_readers_scroll() {
        let mut f = Follow::new(None);
        f.started(&scene(BOX));
        f.observe(BOX, 0.0);
        // The reader scrolled 100 px: the box moved up in the viewport, not in the page.
        let up = Rect { top: 100.0, ..BOX };
        assert_eq!(f.observe(up, 100.0), Next::Wait);
        assert_eq!(f.observe(up, 100.0), Next::Keep { reflowed: false });
        // Content above grew by 50 px while the page kept its scroll: the same viewport box
        // now sits lower in the page.
        assert_eq!(f.observe(up, 150.0), Next::Keep { reflowed: true });
    }

    #[test]
    fn a_target_pushed_away_is_brought_back_only_while_the_step_settles() {
        let away = scene(Rect { top: 900.0, ..BOX });
        let mut f = Follow::new(None);
        f.started(&scene(BOX));
        assert!(f.keep(&away, false).abs() >= 1.0, "settling: brought back");
        for _ in 0..=SETTLING_TICKS {
            f.tick();
        }
        assert_eq!(
            f.keep(&away, false),
            0.0,
            "settled: the reader's scroll stays"
        );
        assert!(f.keep(&away, true).abs() >= 1.0, "unless the page reflowed");
        // At most four corrections in all.
        for _ in 0..3 {
            f.keep(&away, true);
        }
        assert_eq!(f.keep(&away, true), 0.0);
        // A target in view and clear of the card needs nothing.
        let mut g = Follow::new(None);
        g.started(&scene(BOX));
        assert_eq!(g.keep(&scene(BOX), false), 0.0);
        assert!(g.placed().unwrap().clear);
    }
}
