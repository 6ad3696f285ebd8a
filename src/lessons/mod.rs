//! Lessons: a dataset, a task shape and presets a teacher opens in one click.

use serde::{Deserialize, Serialize};

/// The lessons the app offers, in the order of the lesson picker.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LessonId {
    /// Next-character prediction on one sentence (many-to-many).
    #[default]
    CharModel,
    /// Each 28×28 digit read as 28 rows of 28 pixels, classified at the end (many-to-one).
    MnistRows,
    /// Windows of a series predicting the next value (many-to-one regression).
    TimeSeries,
}

impl LessonId {
    /// Every lesson, in picker order.
    pub const ALL: [LessonId; 3] = [LessonId::CharModel, LessonId::MnistRows, LessonId::TimeSeries];

    /// A stable, URL-safe key (used in links and saved settings).
    pub fn key(self) -> &'static str {
        match self {
            LessonId::CharModel => "char",
            LessonId::MnistRows => "mnist",
            LessonId::TimeSeries => "series",
        }
    }

    /// Parses [`LessonId::key`]; unknown keys give `None` so a bad link falls back to a default.
    pub fn from_key(key: &str) -> Option<LessonId> {
        LessonId::ALL.into_iter().find(|l| l.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lesson_keys_round_trip_and_unknown_keys_are_rejected() {
        for lesson in LessonId::ALL {
            assert_eq!(LessonId::from_key(lesson.key()), Some(lesson));
        }
        assert_eq!(LessonId::from_key("<script>"), None);
    }
}
