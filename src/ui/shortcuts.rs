//! Keyboard shortcuts for the classroom: one table, used by the key handler and the `?` overlay.

/// What a key does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    PlayPause,
    Step,
    Reset,
    PrevTimestep,
    NextTimestep,
    ToggleHelp,
    TogglePresenter,
    /// The guided lesson's next step (a presentation clicker sends PageDown).
    TourNext,
    /// The guided lesson's previous step (PageUp).
    TourBack,
}

/// `(key as in KeyboardEvent.key, action, English, Korean)` — shown by `?`.
pub const TABLE: &[(&str, Shortcut, &str, &str)] = &[
    (
        "Space",
        Shortcut::PlayPause,
        "play / pause",
        "재생 / 일시정지",
    ),
    (".", Shortcut::Step, "one training update", "학습 한 단계"),
    (
        "r",
        Shortcut::Reset,
        "reset to the initial weights",
        "초기 가중치로 초기화",
    ),
    (
        "←",
        Shortcut::PrevTimestep,
        "previous timestep",
        "이전 타임스텝",
    ),
    (
        "→",
        Shortcut::NextTimestep,
        "next timestep",
        "다음 타임스텝",
    ),
    (
        "PageDown",
        Shortcut::TourNext,
        "guided lesson: next step (clicker; → in presenter mode)",
        "수업 안내: 다음 단계 (프레젠터 리모컨, 발표 모드에서는 →)",
    ),
    (
        "PageUp",
        Shortcut::TourBack,
        "guided lesson: previous step (← in presenter mode)",
        "수업 안내: 이전 단계 (발표 모드에서는 ←)",
    ),
    (
        "p",
        Shortcut::TogglePresenter,
        "presenter mode",
        "발표 모드",
    ),
    (
        "?",
        Shortcut::ToggleHelp,
        "show these shortcuts",
        "단축키 보기",
    ),
];

/// Maps a `KeyboardEvent.key` to an action. Modified keys (Ctrl, Alt, Meta) are left to the
/// browser, and keys typed into a text field never reach here (the caller checks).
pub fn action_for(key: &str, ctrl_alt_meta: bool) -> Option<Shortcut> {
    if ctrl_alt_meta {
        return None;
    }
    Some(match key {
        " " | "Spacebar" => Shortcut::PlayPause,
        "." => Shortcut::Step,
        "r" | "R" => Shortcut::Reset,
        "ArrowLeft" => Shortcut::PrevTimestep,
        "ArrowRight" => Shortcut::NextTimestep,
        "?" => Shortcut::ToggleHelp,
        "PageDown" => Shortcut::TourNext,
        "PageUp" => Shortcut::TourBack,
        "p" | "P" => Shortcut::TogglePresenter,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_shortcut_is_bound_and_modifiers_are_ignored() {
        let keys = [
            " ",
            ".",
            "r",
            "ArrowLeft",
            "ArrowRight",
            "PageDown",
            "PageUp",
            "p",
            "?",
        ];
        for (key, (_, action, _, _)) in keys.iter().zip(TABLE) {
            assert_eq!(action_for(key, false), Some(*action));
        }
        assert_eq!(action_for("r", true), None);
        assert_eq!(action_for("x", false), None);
    }
}
