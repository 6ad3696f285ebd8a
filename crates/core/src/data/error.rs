//! The one error type of the data layer.
//!
//! Every message is written for the student who typed the text, pasted the numbers or picked the
//! file: it says what is wrong and what to do about it.

use thiserror::Error;

/// Everything that can go wrong while preparing a dataset.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum DataError {
    // ---- character text -------------------------------------------------------------------
    /// There is no text to learn from.
    #[error("the text is empty: type or paste at least 2 characters")]
    EmptyText,

    /// A single character gives nothing to predict after it.
    #[error(
        "the text has only 1 character ({0:?}): type at least 2 characters so the model has a next character to predict"
    )]
    TextTooShort(char),

    /// The text is longer than the playground trains on.
    #[error(
        "the text has {len} characters, more than the limit of {max}: shorten it (training runs on windows, but the whole text must fit in the page)"
    )]
    TextTooLong { len: usize, max: usize },

    /// The text uses characters the alphabet does not have. The list is deduplicated, in order
    /// of first appearance, so the page can offer to add exactly these.
    #[error(
        "the text uses {} not in the alphabet: {}; add {} to the alphabet or remove {} from the text",
        plural(chars.len(), "character", "characters"),
        quote_chars(chars),
        if chars.len() == 1 { "it" } else { "them" },
        if chars.len() == 1 { "it" } else { "them" }
    )]
    UnknownChars { chars: Vec<char> },

    /// An alphabet needs at least one ordinary character.
    #[error("the alphabet is empty: it needs at least one character")]
    EmptyAlphabet,

    /// The same character was listed twice when building an alphabet by hand.
    #[error(
        "the alphabet lists {} twice: each character may appear only once",
        quote_chars(chars)
    )]
    DuplicateChars { chars: Vec<char> },

    /// Too many distinct characters: the one-hot vectors would be huge.
    #[error(
        "the alphabet would have {size} symbols, more than the limit of {max}: use a text with fewer distinct characters"
    )]
    AlphabetTooLarge { size: usize, max: usize },

    /// A token id that the alphabet does not have (e.g. from a model with another alphabet).
    #[error("token id {id} is outside the alphabet (it has {len} symbols, ids 0..={})", len.saturating_sub(1))]
    UnknownToken { id: usize, len: usize },

    // ---- windows and batches -------------------------------------------------------------
    /// A window length, stride or batch size of zero.
    #[error("{what} must be at least 1 (got 0)")]
    ZeroSize { what: &'static str },

    /// The window does not fit in the sequence.
    #[error(
        "the window of {window} steps is longer than the {available} steps available: choose a window of at most {available}"
    )]
    WindowTooLong { window: usize, available: usize },

    /// An index past the end of a dataset.
    #[error("item {index} does not exist: the dataset has {len} items")]
    IndexOutOfRange { index: usize, len: usize },

    /// A shipped table the browser has not downloaded (it downloads when the lesson opens).
    #[error("{file} has not downloaded yet: check the connection, then choose the table again")]
    TableNotLoaded { file: &'static str },

    // ---- MNIST ---------------------------------------------------------------------------
    /// The gzip stream is corrupt.
    #[error("the {what} file could not be decompressed ({detail}): is it a complete .gz file?")]
    Gzip { what: &'static str, detail: String },

    /// The file does not start with an IDX magic number of the expected kind.
    #[error(
        "the {what} file is not an IDX file (magic {found:#010x}, expected {expected:#010x} for {kind}): choose the MNIST file named like {hint}"
    )]
    NotIdx {
        what: &'static str,
        kind: &'static str,
        found: u32,
        expected: u32,
        hint: &'static str,
    },

    /// Images that are not 28 × 28.
    #[error(
        "the images are {rows}×{cols} pixels, but MNIST digits are 28×28: this is not an MNIST image file"
    )]
    WrongImageSize { rows: usize, cols: usize },

    /// Fewer bytes than the header or the format promises.
    #[error(
        "the {what} file is truncated: expected {expected} bytes, found {found}; download it again"
    )]
    Truncated {
        what: &'static str,
        expected: usize,
        found: usize,
    },

    /// More bytes than the header promises.
    #[error(
        "the {what} file has {extra} unexpected bytes after the data its header describes: it may be damaged or not an MNIST file"
    )]
    TrailingBytes { what: &'static str, extra: usize },

    /// The images file and the labels file describe different numbers of digits.
    #[error(
        "the images file has {} but the labels file has {}: pick the two files of the same set (train with train, test with test)",
        plural(*images, "digit", "digits"),
        plural(*labels, "label", "labels")
    )]
    CountMismatch { images: usize, labels: usize },

    /// A label outside 0..=9.
    #[error(
        "label {label} at position {index} is not a digit 0–9: this is not an MNIST labels file"
    )]
    BadLabel { index: usize, label: u8 },

    // ---- time series ---------------------------------------------------------------------
    /// A line of pasted numbers that is not a number.
    #[error(
        "line {line}: {content:?} is not a number (use '.' for decimals; separate values with new lines, commas, semicolons or spaces)"
    )]
    NotANumber { line: usize, content: String },

    /// A number that parses but is infinite or NaN.
    #[error("line {line}: {content:?} is not a finite number")]
    NotFinite { line: usize, content: String },

    /// A requested CSV column that a line does not have.
    #[error("line {line} has {found} column(s), but column {column} was requested (columns count from 1)")]
    MissingColumn {
        line: usize,
        column: usize,
        found: usize,
    },

    /// Too few values for the chosen window.
    #[error(
        "only {got} values, but at least {need} are needed for a window of {window}: add more values or shorten the window"
    )]
    TooFewValues {
        got: usize,
        need: usize,
        window: usize,
    },

    /// More values than the playground handles.
    #[error("{got} values is more than the limit of {max}: use a shorter series")]
    TooManyValues { got: usize, max: usize },

    /// A generator or split setting out of range.
    #[error("invalid setting `{field}`: {reason}")]
    InvalidSetting { field: &'static str, reason: String },

    // ---- data files -------------------------------------------------------------------------
    /// A data file was refused as a whole.
    #[error("{file}: {reason}")]
    BadFile { file: String, reason: String },

    /// A line of a data file was refused.
    #[error("{file}, line {line}: {reason}")]
    BadLine {
        file: String,
        line: usize,
        reason: String,
    },
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `'a', 'é', '\n'`: quoted, with invisible characters escaped so the student can see them.
pub(crate) fn quote_chars(chars: &[char]) -> String {
    chars
        .iter()
        .map(|c| format!("'{}'", c.escape_debug()))
        .collect::<Vec<_>>()
        .join(", ")
}
