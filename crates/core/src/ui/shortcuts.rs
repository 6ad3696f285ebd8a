//! Keyboard shortcuts for the classroom: one table, used by the key handler and the `?` overlay.

use super::glossary::{HIDDEN_STATE, TIMESTEP};
use super::i18n::Bilingual;

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
    /// Closes the shortcuts overlay, else the guided lesson (Escape).
    Close,
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
    (
        "Esc",
        Shortcut::Close,
        "close these shortcuts, or the guided lesson",
        "단축키 창이나 수업 안내 닫기",
    ),
];

/// Keys inside a part of the page that has the focus (reached with Tab), for the `?` overlay:
/// `(keys, English, Korean)`, written with the course's terms (`ui::glossary`).
pub fn focused_keys() -> Vec<(&'static str, Bilingual)> {
    let (t, h) = (TIMESTEP, HIDDEN_STATE);
    vec![
        (
            "Tab",
            Bilingual::new(
                "reach every control, each heatmap and each box that scrolls sideways; Shift+Tab goes back",
                "모든 컨트롤, 각 히트맵, 옆으로 스크롤되는 상자로 이동 (시프트 키와 함께 누르면 뒤로)",
            ),
        ),
        (
            "Enter / Space",
            Bilingual::new(
                "press the focused button (Space plays only when no button has the focus)",
                "초점이 있는 버튼 누르기 (버튼에 초점이 없을 때만 스페이스가 재생)",
            ),
        ),
        (
            "↑ ↓ · Home End",
            Bilingual::new(
                format!("on a heatmap: choose the unit of the {} (the row)", h.en),
                format!("히트맵에서: {}의 유닛(행) 고르기", h.ko),
            ),
        ),
        (
            "← →",
            Bilingual::new(
                format!("on a heatmap, as anywhere: choose the {} (the column)", t.en),
                format!("히트맵에서도 어디서나: {}(열) 고르기", t.ko),
            ),
        ),
    ]
}

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
        "Escape" => Shortcut::Close,
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
            "Escape",
        ];
        for (key, (_, action, _, _)) in keys.iter().zip(TABLE) {
            assert_eq!(action_for(key, false), Some(*action));
        }
        assert_eq!(action_for("r", true), None);
        assert_eq!(action_for("x", false), None);
        assert_eq!(keys.len(), TABLE.len());
    }

    /// The keys of a focused heatmap are told in both languages with the course's terms.
    #[test]
    fn focused_keys_name_the_course_terms_in_both_languages() {
        let keys = focused_keys();
        let heat: Vec<&Bilingual> = keys
            .iter()
            .filter(|(k, _)| k.contains('↑') || k.contains('←'))
            .map(|(_, b)| b)
            .collect();
        assert_eq!(heat.len(), 2);
        assert!(heat
            .iter()
            .any(|b| b.en.contains(TIMESTEP.en) && b.ko.contains(TIMESTEP.ko)));
        assert!(heat
            .iter()
            .any(|b| b.en.contains(HIDDEN_STATE.en) && b.ko.contains(HIDDEN_STATE.ko)));
        for (_, b) in &keys {
            assert!(
                crate::ui::glossary::english_terms_in(&b.ko).is_empty(),
                "{}",
                b.ko
            );
            // Key names are Korean words in the text (the key itself is in the first column).
            assert!(!b.ko.chars().any(|c| c.is_ascii_alphabetic()), "{}", b.ko);
        }
    }
}
