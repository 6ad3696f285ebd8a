//! What the page keeps in the browser's storage so a reload (or a crash) loses nothing: the
//! lesson and its settings. The weights are autosaved by the worker (IndexedDB, off the page's
//! thread); on a reload the page asks the worker to restore them.

use serde::{Deserialize, Serialize};

use crate::lessons::{LessonId, LessonOptions};
use crate::nn::NetworkConfig;
use crate::train::TrainSettings;

/// Storage key.
pub const KEY: &str = "rnn-playground.session.v2";
/// The key of version 1, which also held the model file (removed on start).
pub const OLD_KEY: &str = "rnn-playground.session.v1";

/// A saved session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedSession {
    pub lesson: LessonId,
    pub preset_id: String,
    pub options: LessonOptions,
    pub model: NetworkConfig,
    pub settings: TrainSettings,
    pub seed: u64,
}

impl SavedSession {
    /// Reads a saved session; anything unreadable or out of range gives `None` (the page then
    /// starts from defaults and says so), never a panic.
    pub fn parse(text: &str) -> Option<SavedSession> {
        let s: SavedSession = serde_json::from_str(text).ok()?;
        if s.options.lesson() != s.lesson
            || s.model.validate().is_err()
            || s.settings.validate().is_err()
        {
            return None;
        }
        Some(s)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::presets_for;

    fn sample() -> SavedSession {
        let p = presets_for(LessonId::CharModel).remove(0);
        SavedSession {
            lesson: p.lesson,
            preset_id: p.id,
            options: p.options,
            model: p.model,
            settings: p.settings,
            seed: 7,
        }
    }

    #[test]
    fn a_saved_session_round_trips() {
        let s = sample();
        assert_eq!(SavedSession::parse(&s.to_json()), Some(s));
    }

    #[test]
    fn damaged_or_inconsistent_saves_are_ignored() {
        assert_eq!(SavedSession::parse(""), None);
        assert_eq!(SavedSession::parse("{\"lesson\": 3"), None);
        let mut s = sample();
        s.lesson = LessonId::MnistRows;
        assert_eq!(
            SavedSession::parse(&s.to_json()),
            None,
            "options of another lesson"
        );
        let mut s = sample();
        s.model.hidden_size = 0;
        assert_eq!(
            SavedSession::parse(&s.to_json()),
            None,
            "a model out of range"
        );
    }
}
