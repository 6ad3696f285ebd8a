//! How many cores training uses: the page's choice (Run panel) and what it means at a moment.
//!
//! An update can be cut into shards computed by several workers (`train::parallel`). While the
//! page is visible and draws, "Auto" leaves one core to it; when the page is hidden there is
//! nothing to draw and every core trains.

use super::i18n::Lang;

/// The most workers one update may use.
pub const MAX_CORES: usize = 8;

/// The page's choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Cores {
    /// Every core but one while the page is visible, every core while it is hidden.
    #[default]
    Auto,
    /// This many workers, visible or not (more than the machine has is allowed: they share).
    Fixed(usize),
}

impl Cores {
    /// Workers for an update, given `hardware` (`navigator.hardwareConcurrency`).
    pub fn workers(self, page_hidden: bool, hardware: usize) -> usize {
        let all = hardware.clamp(1, MAX_CORES);
        match self {
            Cores::Auto if page_hidden => all,
            Cores::Auto => (all - 1).max(1),
            Cores::Fixed(n) => n.clamp(1, MAX_CORES),
        }
    }

    /// The choices offered: Auto, then 1 … the machine's cores (at least 4, at most
    /// [`MAX_CORES`]).
    pub fn choices(hardware: usize) -> Vec<Cores> {
        std::iter::once(Cores::Auto)
            .chain((1..=hardware.clamp(4, MAX_CORES)).map(Cores::Fixed))
            .collect()
    }

    /// The `<option>` value: `auto` or the number.
    pub fn key(self) -> String {
        match self {
            Cores::Auto => "auto".into(),
            Cores::Fixed(n) => n.to_string(),
        }
    }

    /// The choice of an `<option>` value; anything else is `None`.
    pub fn from_key(key: &str) -> Option<Cores> {
        match key {
            "auto" => Some(Cores::Auto),
            n => n
                .parse()
                .ok()
                .filter(|n| (1..=MAX_CORES).contains(n))
                .map(Cores::Fixed),
        }
    }
}

/// `2 cores` / `코어 2개`.
pub fn cores_label(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 core".into(),
        (Lang::En, n) => format!("{n} cores"),
        (Lang::Ko, n) => format!("코어 {n}개"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_leaves_one_core_to_a_visible_page_and_uses_all_when_hidden() {
        assert_eq!(Cores::Auto.workers(false, 2), 1);
        assert_eq!(Cores::Auto.workers(true, 2), 2);
        assert_eq!(Cores::Auto.workers(false, 8), 7);
        assert_eq!(Cores::Auto.workers(true, 64), MAX_CORES);
        // A browser that reports nothing (0) or one core trains on one.
        assert_eq!(Cores::Auto.workers(false, 0), 1);
        assert_eq!(Cores::Auto.workers(true, 1), 1);
    }

    #[test]
    fn a_fixed_choice_holds_whether_the_page_is_visible_or_not() {
        assert_eq!(Cores::Fixed(4).workers(false, 2), 4);
        assert_eq!(Cores::Fixed(4).workers(true, 2), 4);
        assert_eq!(Cores::Fixed(99).workers(true, 2), MAX_CORES);
    }

    #[test]
    fn choices_round_trip_through_their_keys() {
        let c = Cores::choices(2);
        assert_eq!(c.len(), 5);
        for choice in c {
            assert_eq!(Cores::from_key(&choice.key()), Some(choice));
        }
        assert_eq!(Cores::from_key("0"), None);
        assert_eq!(Cores::from_key("nine"), None);
        assert_eq!(cores_label(Lang::Ko, 2), "코어 2개");
    }
}
