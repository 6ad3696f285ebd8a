//! How often a timed message goes out while training runs (progress, traces, views, the
//! autosave). The clock is passed in, so the rule is tested natively.

/// At most one send per interval: the first is due at once, then one each `every_ms` after
/// the last send. A caller may also send when nothing is due (a flush when a run stops, an
/// answer to the page); recorded with [`Throttle::sent`], that send starts a new interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Throttle {
    every_ms: f64,
    last_ms: Option<f64>,
}

impl Throttle {
    /// A throttle that lets one send through per `every_ms`.
    pub const fn new(every_ms: f64) -> Throttle {
        Throttle {
            every_ms,
            last_ms: None,
        }
    }

    /// The interval.
    pub fn every_ms(&self) -> f64 {
        self.every_ms
    }

    /// Changes the interval; the last send still counts.
    pub fn set_every_ms(&mut self, every_ms: f64) {
        self.every_ms = every_ms;
    }

    /// Whether a send is due at `now_ms` (nothing sent yet, or an interval has passed).
    pub fn due(&self, now_ms: f64) -> bool {
        self.last_ms
            .is_none_or(|last| now_ms - last >= self.every_ms)
    }

    /// Records a send at `now_ms`: the next is due an interval later.
    pub fn sent(&mut self, now_ms: f64) {
        self.last_ms = Some(now_ms);
    }
}

#[cfg(test)]
mod tests {
    use super::Throttle;

    #[test]
    fn the_first_call_passes_whatever_the_clock() {
        assert!(Throttle::new(50.0).due(0.0));
        assert!(Throttle::new(50.0).due(1.7e12));
    }

    #[test]
    fn calls_within_the_interval_are_held() {
        let mut t = Throttle::new(50.0);
        t.sent(1000.0);
        assert!(!t.due(1000.0));
        assert!(!t.due(1049.9));
        // Asking does not move the interval.
        assert!(!t.due(1049.9));
        assert!(t.due(1050.0));
    }

    #[test]
    fn a_send_starts_a_new_interval() {
        let mut t = Throttle::new(250.0);
        t.sent(100.0);
        assert!(!t.due(300.0));
        assert!(t.due(350.0));
        t.sent(340.0);
        assert!(!t.due(350.0));
        assert!(!t.due(589.0));
        assert!(t.due(590.0));
    }

    #[test]
    fn a_forced_send_restarts_the_interval() {
        let mut t = Throttle::new(5000.0);
        t.sent(0.0);
        assert!(!t.due(10.0));
        // A flush (a run that stopped) sends though nothing is due, and counts as a send.
        t.sent(10.0);
        assert!(!t.due(5000.0));
        assert!(t.due(5010.0));
    }

    #[test]
    fn a_new_interval_applies_to_the_last_send() {
        let mut t = Throttle::new(50.0);
        t.sent(0.0);
        t.set_every_ms(500.0);
        assert_eq!(t.every_ms(), 500.0);
        assert!(!t.due(100.0));
        assert!(t.due(500.0));
        t.set_every_ms(50.0);
        t.sent(600.0);
        assert!(t.due(650.0));
    }
}
