//! Datasets: character text, MNIST rows, time series.
//!
//! Pure Rust, for native builds and `wasm32` alike: functions take bytes or `&str` and return
//! values; nothing here reads files, spawns threads or touches the browser. Every fallible
//! function returns [`DataError`], whose messages are meant to be shown to the student as is.
//!
//! * [`char_text`] — alphabets with start/end tokens, encoding, next-character pairs, one-hot,
//!   windows for truncated BPTT.
//! * [`mnist`] — the shipped headerless subset and IDX files (gzipped or not), scaling,
//!   seeded shuffling, row-as-timestep batches.
//! * [`series`] — generated series, pasted numbers / CSV columns, MinMax scaling, windows and a
//!   time-ordered train/test split.
//! * [`stock`] — the synthetic daily stock table shipped for the course's tutorial 05 (a seeded
//!   random walk, Date, Open, High, Low, Close, Volume).
//! * [`table`] — CSV/TSV tables: delimiter and header detection, a time column, numeric
//!   columns, missing cells dropped or filled.

pub mod char_text;
mod error;
pub mod mnist;
pub mod series;
pub mod stock;
pub mod table;

pub use char_text::{Alphabet, EncodedText, Symbol, TextWindows};
pub use error::DataError;
pub use mnist::{MnistBatch, MnistSet, PixelScaling};
pub use series::{MinMaxScaler, SeriesConfig, SeriesDataset};
