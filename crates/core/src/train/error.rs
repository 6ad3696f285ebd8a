//! The error type of training sessions: every message is meant to be shown as is.

use crate::data::DataError;
use crate::nn::{ConfigError, NnError, StateDictError};
use crate::optim::OptimError;
use crate::ui::i18n::Bilingual;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// What went wrong in a session. Serialises as `{"kind": "...", "message": "..."}` (plus the
/// fields of [`TrainError::Diverged`]) so the worker can forward it to the page.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TrainError {
    /// The lesson's data was refused (text, numbers, MNIST files).
    #[error("{0}")]
    Data(#[from] DataError),
    /// The model configuration is out of range.
    #[error("{0}")]
    Config(#[from] ConfigError),
    /// The network refused an input (shapes, token ids).
    #[error("{0}")]
    Nn(#[from] NnError),
    /// An optimizer setting is out of range.
    #[error("{0}")]
    Optim(#[from] OptimError),
    /// A model file was refused; the session is unchanged.
    #[error("{0}")]
    ModelFile(#[from] StateDictError),
    /// A training setting or request out of range.
    #[error("invalid setting `{field}`: {reason}")]
    Invalid {
        /// The setting.
        field: &'static str,
        /// What is allowed.
        reason: String,
    },
    /// The model would read the answer it must predict (a leak, see `Lesson::leak`); nothing
    /// changed. The reason in both languages.
    #[error("{}", .0.en)]
    Leak(Bilingual),
    /// The request does not fit this lesson (e.g. a digit index in the character lesson).
    #[error("{0}")]
    WrongLesson(String),
    /// NaN or infinity appeared; the last good weights and optimizer state were restored.
    #[error("training diverged at update {at_update}: {what} became NaN or infinite. The last good weights were restored. {advice}")]
    Diverged {
        /// The update that failed (1-based count of updates attempted).
        at_update: u64,
        /// `"loss"`, `"gradients"` or `"weights"`.
        what: String,
        /// What to try next.
        advice: String,
    },
    /// A planned update was dropped: the session changed (reset, settings, model, another
    /// update) while its shards were computed. Nothing changed; the next update starts afresh.
    #[error("the model changed while this update was computed, so it was dropped")]
    Superseded,
    /// Early stopping ended the run; reset or change a setting to continue.
    #[error("early stopping ended training after epoch {epoch}: the validation loss has not improved since epoch {best_epoch} (the weights of that epoch were restored). Reset or change a setting to train on.")]
    Stopped {
        /// Epoch at which training stopped.
        epoch: u64,
        /// Epoch whose weights were restored.
        best_epoch: u64,
    },
}

impl TrainError {
    /// A short machine-readable kind: `data`, `config`, `nn`, `optim`, `model_file`, `invalid`,
    /// `leak`, `wrong_lesson`, `diverged`, `stopped`, `superseded`.
    pub fn kind(&self) -> &'static str {
        match self {
            TrainError::Data(_) => "data",
            TrainError::Config(_) => "config",
            TrainError::Nn(_) => "nn",
            TrainError::Optim(_) => "optim",
            TrainError::ModelFile(_) => "model_file",
            TrainError::Invalid { .. } => "invalid",
            TrainError::Leak(_) => "leak",
            TrainError::WrongLesson(_) => "wrong_lesson",
            TrainError::Diverged { .. } => "diverged",
            TrainError::Stopped { .. } => "stopped",
            TrainError::Superseded => "superseded",
        }
    }

    /// The message for a Korean page: the Korean reason where the error has one (a leak),
    /// otherwise the English message (technical details stay in English).
    pub fn korean(&self) -> String {
        match self {
            TrainError::Leak(b) => b.ko.clone(),
            e => e.to_string(),
        }
    }

    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        TrainError::Invalid {
            field,
            reason: reason.into(),
        }
    }
}

impl Serialize for TrainError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("TrainError", 5)?;
        st.serialize_field("kind", self.kind())?;
        st.serialize_field("message", &self.to_string())?;
        if let TrainError::Diverged {
            at_update,
            what,
            advice,
        } = self
        {
            st.serialize_field("at_update", at_update)?;
            st.serialize_field("what", what)?;
            st.serialize_field("advice", advice)?;
        }
        st.end()
    }
}
