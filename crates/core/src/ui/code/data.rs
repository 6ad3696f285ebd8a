//! The data part of the code panel: Python that builds a lesson's data as the app does, so the
//! code runs as shown in a fresh Python with torch (and torchvision for MNIST, as tutorial 01
//! does).
//!
//! The code comes in two parts. [`DataCode::lists`] is plain Python (no import beyond the
//! standard library): it reads or writes out the data and leaves it as lists of ids or labels,
//! so a native test can run it with any Python and compare it with the app's own batches.
//! [`DataCode::tensors`] turns those lists into `train_dataset` (and `val_dataset`, the split
//! the app's validation curve and early stopping watch) with torch.

use std::fmt::Write as _;

use crate::lessons::{CorpusSize, LessonOptions};
use crate::nn::NetworkConfig;

/// A file the code reads, which the page offers for download beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferedFile {
    /// The name the code reads (the download's name).
    pub name: String,
    /// What the download holds.
    pub content: FileContent,
}

/// Where an offered file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileContent {
    /// A file the built app serves, at this path relative to the page (the shipped data).
    Served(&'static str),
    /// Text the page writes from the options (a generated or pasted series, the user's own
    /// table), downloaded from a `data:` URL.
    Made(String),
}

impl OfferedFile {
    /// A file the built app serves at `href`.
    pub fn served(name: &str, href: &'static str) -> OfferedFile {
        OfferedFile {
            name: name.to_string(),
            content: FileContent::Served(href),
        }
    }

    /// The link's `href`: the served path, or the made text as a `data:` URL.
    pub fn href(&self) -> String {
        match &self.content {
            FileContent::Served(path) => (*path).to_string(),
            FileContent::Made(text) => data_url("text/csv;charset=utf-8", text),
        }
    }
}

/// `text` as a `data:` URL of type `mime`, every byte outside RFC 3986's unreserved
/// characters percent-encoded.
pub fn data_url(mime: &str, text: &str) -> String {
    let mut out = format!("data:{mime},");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The Python that builds a lesson's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataCode {
    /// The standard library modules [`DataCode::lists`] imports (`import gzip`, …).
    pub std_imports: Vec<&'static str>,
    /// The modules [`DataCode::tensors`] imports beside torch (`import torchvision`).
    pub torch_imports: Vec<&'static str>,
    /// Plain Python: the data as lists (for the character and review lessons).
    pub lists: String,
    /// torch: the lists (or torchvision's digits) as `train_dataset` and `val_dataset`.
    pub tensors: String,
    /// Files the code reads.
    pub files: Vec<OfferedFile>,
    /// The code defines `test_dataset` (its accuracy is printed after training).
    pub has_test: bool,
    /// Validation examples are held out of the training data (else `val_dataset`, when asked
    /// for, is the split the app watches instead: the test set, or the text itself).
    pub validation_held_out: bool,
    /// What one example is, for the printed accuracy ("digits", "reviews").
    pub example_noun: &'static str,
    /// The data is the app's shipped data (not a file the user loaded): the code reads the
    /// same rows the app does.
    pub exact: bool,
    /// The code reads the file the user loaded under its own name (else the page tells a user
    /// with their own files to save them under the offered names).
    pub reads_own_files: bool,
}

/// The import of a lesson whose code downloads its data with torchvision (MNIST).
pub const TORCHVISION: &str = "import torchvision";

impl DataCode {
    /// The code fetches its data with torchvision (the page says so instead of offering files).
    pub fn uses_torchvision(&self) -> bool {
        self.torch_imports.contains(&TORCHVISION)
    }
}

/// The data code of a lesson's options and fitted model (with `val_dataset` when `validation`,
/// for early stopping), or `None` where a lesson cannot write its data out (the loop then says
/// what `train_dataset` holds). Each lesson writes its own (`Lesson::python_data`).
pub fn data_code(
    options: &LessonOptions,
    model: &NetworkConfig,
    validation: bool,
    corpus: Option<CorpusSize>,
) -> Option<DataCode> {
    options.python_data(model, validation, corpus)
}

/// A Python string literal of `s`, in double quotes, that reads back as exactly `s`.
pub fn py_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
