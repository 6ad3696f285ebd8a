//! The inside views' timestep cursor as a reducer: the selected timestep, how many the trace
//! has, the play-through animation, and a timestep a guided step asked for before the trace
//! had it. Plain Rust, tested natively; `app/components/inside.rs` hands it to yew.

/// The selected timestep and the play-through animation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub t: usize,
    pub steps: usize,
    pub playing: bool,
    /// A timestep a guided step asked for, kept until there are enough steps to show it.
    pub wanted: Option<usize>,
}

/// What can happen to the [`Cursor`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CursorAction {
    Prev,
    Next,
    Set(usize),
    /// A guided step's timestep (shown as soon as the trace has it).
    Focus(usize),
    /// The trace now has this many timesteps.
    Steps(usize),
    Play,
    Stop,
    /// The play-through's next frame.
    Tick,
}

impl Cursor {
    /// The cursor after `action`.
    pub fn apply(self, action: CursorAction) -> Cursor {
        let mut c = self;
        let last = c.steps.saturating_sub(1);
        match action {
            CursorAction::Prev => (c.t, c.wanted) = (c.t.saturating_sub(1), None),
            CursorAction::Next => (c.t, c.wanted) = ((c.t + 1).min(last), None),
            CursorAction::Set(t) => (c.t, c.wanted) = (t.min(last), None),
            CursorAction::Focus(t) => {
                c.t = t.min(last);
                c.wanted = (t > last).then_some(t);
            }
            CursorAction::Steps(n) => {
                c.steps = n;
                let last = n.saturating_sub(1);
                c.t = c.wanted.unwrap_or(c.t).min(last);
                c.wanted = c.wanted.filter(|&t| t > last);
            }
            CursorAction::Play => {
                if c.t >= last {
                    c.t = 0;
                }
                c.playing = c.steps > 1;
            }
            CursorAction::Stop => c.playing = false,
            CursorAction::Tick => {
                if c.t < last {
                    c.t += 1;
                }
                if c.t >= last {
                    c.playing = false;
                }
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CursorAction::*;

    fn run(actions: &[CursorAction]) -> Cursor {
        actions.iter().fold(Cursor::default(), |c, a| c.apply(*a))
    }

    #[test]
    fn steps_stay_within_the_trace() {
        let c = run(&[Steps(5), Prev]);
        assert_eq!(c.t, 0);
        let c = run(&[Steps(5), Next, Next, Set(9)]);
        assert_eq!(c.t, 4, "clamped to the last");
        let c = run(&[Steps(5), Set(4), Next]);
        assert_eq!(c.t, 4);
        let shorter = c.apply(Steps(3));
        assert_eq!(shorter.t, 2, "a shorter trace moves the cursor back");
        assert_eq!(run(&[Steps(0), Next]).t, 0);
    }

    #[test]
    fn a_guided_timestep_waits_for_a_trace_long_enough() {
        let c = run(&[Steps(3), Focus(6)]);
        assert_eq!((c.t, c.wanted), (2, Some(6)));
        let c = c.apply(Steps(10));
        assert_eq!((c.t, c.wanted), (6, None), "shown once the trace has it");
        // Moving by hand forgets it.
        let c = run(&[Steps(3), Focus(6), Prev, Steps(10)]);
        assert_eq!((c.t, c.wanted), (1, None));
        let c = run(&[Steps(8), Focus(3)]);
        assert_eq!((c.t, c.wanted), (3, None));
    }

    #[test]
    fn play_runs_to_the_last_step_and_stops() {
        let c = run(&[Steps(3), Set(2), Play]);
        assert_eq!((c.t, c.playing), (0, true), "from the last, it starts over");
        let c = c.apply(Tick);
        assert_eq!((c.t, c.playing), (1, true));
        let c = c.apply(Tick);
        assert_eq!((c.t, c.playing), (2, false));
        assert!(!run(&[Steps(1), Play]).playing, "one step: nothing to play");
        assert!(!run(&[Steps(4), Play, Stop]).playing);
    }
}
