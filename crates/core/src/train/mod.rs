//! The training loop as plain Rust: a [`Session`] owns a network, its optimizer, a lesson's
//! data, a seeded RNG and bounded metric history, and trains one mini-batch per
//! [`Session::step`]. The Web Worker drives it; examples and tests drive it natively.
//!
//! ```
//! use rnn_core::lessons::{preset, Corpus};
//! use rnn_core::train::Session;
//! let p = preset("char-fast-lstm").unwrap();
//! let data = p.options.prepare(&Corpus::CharModel(())).unwrap();
//! let mut s = Session::new(data, p.model, p.settings, 7).unwrap();
//! let r = s.step().unwrap();
//! assert_eq!(r.update, 1);
//! ```

mod error;
pub mod history;
pub mod memory_limit;
pub mod parallel;
pub mod report;
mod session;
mod settings;
pub mod throttle;

pub use error::TrainError;
pub use history::{History, Marker, Point, Series};
pub use session::{
    EpochReport, EvalReport, Inspection, PlannedStep, Session, SessionStatus, SettingsChange,
    UpdateReport,
};
pub use settings::{optimizer_lr, with_lr, EarlyStopping, StepDecay, TrainSettings, MAX_EPOCHS};
pub use throttle::Throttle;
