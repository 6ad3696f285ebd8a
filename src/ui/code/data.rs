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

use crate::data::char_text::COURSE_ALPHABET;
use crate::data::mnist::{PixelScaling, MEAN, STD};
use crate::lessons::char_model::{
    AlphabetChoice, CharLoss, CharOptions, AUTO_WINDOW, AUTO_WINDOW_ABOVE,
};
use crate::lessons::sentiment::tokens::{Side, Tokens};
use crate::lessons::sentiment::SentimentOptions;
use crate::lessons::{LessonOptions, MnistOptions};
use crate::nn::NetworkConfig;

use super::py_float;

/// A file the code reads, which the page offers for download beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfferedFile {
    /// The name the code reads (the download's name).
    pub name: &'static str,
    /// Where the built app serves it, relative to the page.
    pub href: &'static str,
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
}

/// The data code of a lesson's options and fitted model (with `val_dataset` when `validation`,
/// for early stopping), or `None` where the panel cannot yet write the data out (the time
/// series: the loop then says what `train_dataset` holds).
pub fn data_code(
    options: &LessonOptions,
    model: &NetworkConfig,
    validation: bool,
) -> Option<DataCode> {
    match options {
        LessonOptions::CharModel(o) => Some(char_code(o, model, validation)),
        LessonOptions::MnistRows(o) => Some(mnist_code(o, validation)),
        LessonOptions::Sentiment(o) => Some(sentiment_code(o, model, validation)),
        LessonOptions::TimeSeries(_) => None,
    }
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

/// The window length the character lesson trains on (see [`CharOptions::window`]).
fn char_window(o: &CharOptions) -> usize {
    let steps = o.text.chars().count() + 1;
    match o.window {
        Some(w) => w,
        None if steps > AUTO_WINDOW_ABOVE => AUTO_WINDOW,
        None => steps,
    }
}

/// Tutorial 01's sentence as symbol ids (start, the text, end), cut into windows.
fn char_code(o: &CharOptions, model: &NetworkConfig, validation: bool) -> DataCode {
    let mut w = String::new();
    let _ = writeln!(
        w,
        "# The data, as the app builds it: the text as symbol ids, with a start and an end token."
    );
    let _ = writeln!(w, "string = {}", py_str(&o.text));
    match &o.alphabet {
        AlphabetChoice::Course => {
            let n = COURSE_ALPHABET.chars().count() - 2;
            let chars: String = COURSE_ALPHABET.chars().take(n).collect();
            let _ = writeln!(
                w,
                "chars = {}  # the course's alphabet, without its start and end (0 and 1)",
                py_str(&chars)
            );
        }
        AlphabetChoice::FromText => {
            let _ = writeln!(
                w,
                "chars = ''.join(sorted(set(string)))  # the text's own characters, in code point order"
            );
        }
        AlphabetChoice::Custom { chars } => {
            let _ = writeln!(
                w,
                "chars = {}  # the alphabet, in this order",
                py_str(chars)
            );
        }
    }
    let _ = writeln!(
        w,
        "n_letters = len(chars) + 2  # every character, then the start and end tokens"
    );
    let _ = writeln!(w, "start, end = n_letters - 2, n_letters - 1");
    let _ = writeln!(
        w,
        "ids = [start] + [chars.index(c) for c in string] + [end]"
    );
    let _ = writeln!(
        w,
        "steps = len(ids) - 1  # each symbol is an input; the one after it, its target"
    );
    let window = char_window(o);
    let whole = window == o.text.chars().count() + 1;
    let _ = writeln!(
        w,
        "window = {window}  # timesteps per training example{}",
        if whole { ": the whole text" } else { "" }
    );
    let _ = writeln!(w, "starts = list(range(0, steps - window + 1, window))");
    let _ = writeln!(w, "if starts[-1] + window < steps:");
    let _ = writeln!(
        w,
        "    starts.append(steps - window)  # a last window that ends at the end"
    );
    let _ = writeln!(w, "inputs = [ids[s:s + window] for s in starts]");
    let _ = writeln!(w, "targets = [ids[s + 1:s + window + 1] for s in starts]");
    let mut t = String::new();
    let x = if model.vocab_size.is_some() {
        "x = torch.tensor(inputs)  # [examples, window] symbol ids, for the embedding"
    } else {
        "x = nn.functional.one_hot(torch.tensor(inputs), n_letters).float()  # [examples, window, n_letters]"
    };
    let _ = writeln!(t, "{x}");
    let y = match o.loss {
        CharLoss::MseSumT => {
            "y = nn.functional.one_hot(torch.tensor(targets), n_letters).float()  # the next symbol, one-hot"
        }
        CharLoss::CrossEntropy => "y = torch.tensor(targets)  # the next symbol's id",
    };
    let _ = writeln!(t, "{y}");
    let _ = writeln!(t, "train_dataset = torch.utils.data.TensorDataset(x, y)");
    if validation {
        let _ = writeln!(
            t,
            "val_dataset = train_dataset  # the text is the lesson's only data: the app watches it"
        );
    }
    DataCode {
        std_imports: Vec::new(),
        torch_imports: Vec::new(),
        lists: w,
        tensors: t,
        files: Vec::new(),
        has_test: false,
        validation_held_out: false,
        example_noun: "windows",
        exact: true,
    }
}

/// The shipped MNIST slice's sizes: the first 12,000 training and 2,000 test digits.
const MNIST_TRAIN: usize = 12_000;
const MNIST_TEST: usize = 2_000;

/// Tutorial 01's torchvision MNIST, cut as the app cuts its digits.
fn mnist_code(o: &MnistOptions, validation: bool) -> DataCode {
    let train = o.train_limit.unwrap_or(MNIST_TRAIN).min(MNIST_TRAIN);
    let test = o.test_limit.unwrap_or(MNIST_TEST).min(MNIST_TEST);
    let fit = train.saturating_sub(o.validation);
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# The data, as the app uses it: MNIST as tutorial 01 downloads it, the first {train} training"
    );
    let _ = writeln!(
        t,
        "# and {test} test digits (the app's built-in slice), each read as 28 rows of 28 pixels."
    );
    let _ = writeln!(
        t,
        "mnist_train = torchvision.datasets.MNIST(root='./data', train=True, download=True)"
    );
    let _ = writeln!(
        t,
        "mnist_test = torchvision.datasets.MNIST(root='./data', train=False, download=True)"
    );
    let _ = writeln!(t);
    let _ = writeln!(t);
    let _ = writeln!(t, "def rows(images):  # [digits, 28, 28] bytes -> floats");
    match o.scaling {
        PixelScaling::Unit => {
            let _ = writeln!(
                t,
                "    return images.float() / 255  # in [0, 1], as transforms.ToTensor()"
            );
        }
        PixelScaling::Standardized => {
            let _ = writeln!(
                t,
                "    return (images.float() / 255 - {}) / {}  # as ToTensor() then Normalize(({},), ({},))",
                py_float(MEAN),
                py_float(STD),
                py_float(MEAN),
                py_float(STD)
            );
        }
    }
    let _ = writeln!(t);
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "train_dataset = torch.utils.data.TensorDataset(rows(mnist_train.data[:{fit}]), mnist_train.targets[:{fit}])"
    );
    let _ = writeln!(
        t,
        "test_dataset = torch.utils.data.TensorDataset(rows(mnist_test.data[:{test}]), mnist_test.targets[:{test}])"
    );
    if validation && o.validation > 0 {
        let _ = writeln!(
            t,
            "# validation: the last {} of the {train} training digits",
            o.validation
        );
        let _ = writeln!(
            t,
            "val_dataset = torch.utils.data.TensorDataset(rows(mnist_train.data[{fit}:{train}]), mnist_train.targets[{fit}:{train}])"
        );
    } else if validation {
        let _ = writeln!(
            t,
            "val_dataset = test_dataset  # no validation digits: the app watches the test digits"
        );
    }
    DataCode {
        std_imports: Vec::new(),
        torch_imports: vec!["import torchvision"],
        lists: String::new(),
        tensors: t,
        files: Vec::new(),
        has_test: true,
        validation_held_out: o.validation > 0,
        example_noun: "test digits",
        exact: true,
    }
}

/// The shipped reviews: the first rows of NSMC's two splits.
const NSMC_FILES: [OfferedFile; 2] = [
    OfferedFile {
        name: "train10k.txt.gz",
        href: "nsmc/train10k.txt.gz",
    },
    OfferedFile {
        name: "test2k.txt.gz",
        href: "nsmc/test2k.txt.gz",
    },
];

/// The app's shuffle (PCG64 seeded by a number, then Fisher–Yates), written out in Python so
/// the same reviews are held out.
const APP_SHUFFLE: &str = r#"def app_shuffle(n, seed):
    # The app's shuffle, written out so the same reviews are held out: PCG64 (as Rust's
    # rand_pcg), seeded from one number, then Fisher-Yates. Any shuffle would do.
    M64, M128 = (1 << 64) - 1, (1 << 128) - 1
    words = []
    for _ in range(8):  # the 32-byte seed, from PCG32 steps
        seed = (seed * 6364136223846793005 + 11634580027462260723) & M64
        x = (((seed >> 18) ^ seed) >> 27) & 0xFFFFFFFF
        r = seed >> 59
        words.append(((x >> r) | (x << (32 - r))) & 0xFFFFFFFF)
    state = words[0] | words[1] << 32 | words[2] << 64 | words[3] << 96
    inc = (words[4] | words[5] << 32 | words[6] << 64 | words[7] << 96) | 1
    mul = 0x2360ED051FC65DA44385DF649FCCF645
    state = ((state + inc) * mul + inc) & M128

    def next_u64():
        nonlocal state
        state = (state * mul + inc) & M128
        r = state >> 122
        x = ((state >> 64) ^ state) & M64
        return ((x >> r) | (x << (64 - r))) & M64

    order = list(range(n))
    for i in range(n - 1, 0, -1):
        bound = i + 1
        reject_below = (1 << 64) % bound
        while True:
            x = next_u64()
            if x >= reject_below:
                break
        j = x % bound
        order[i], order[j] = order[j], order[i]
    return order
"#;

/// Reads a review file as the app does: NSMC's tab-separated `id, document, label` (gzipped or
/// not); empty reviews are skipped.
const READ_REVIEWS: &str = r#"def read_reviews(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt', encoding='utf-8', newline='') as f:
        lines = [line[:-1] if line.endswith('\r') else line for line in f.read().split('\n')]
    header = [name.strip().lstrip('\ufeff').lower() for name in lines[0].split('\t')]
    doc = next(i for i, name in enumerate(header) if name in ('document', 'review', 'text'))
    lab = next(i for i, name in enumerate(header) if name in ('label', 'sentiment'))
    labels = {'0': 0, 'negative': 0, 'neg': 0, '1': 1, 'positive': 1, 'pos': 1}
    reviews = []
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = line.split('\t')
        if cells[doc].strip():
            reviews.append((cells[doc], labels[cells[lab].strip().lower()]))
    return reviews
"#;

/// Tutorial 04's tokenise / vocabulary / `pad_sequences`, on the shipped reviews.
fn sentiment_code(o: &SentimentOptions, model: &NetworkConfig, validation: bool) -> DataCode {
    let mut w = String::new();
    let _ = writeln!(
        w,
        "# The data, as the app builds it: the two review files offered beside this code."
    );
    w.push_str(READ_REVIEWS);
    let _ = writeln!(w);
    let _ = writeln!(w);
    w.push_str(APP_SHUFFLE);
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(w, "def tokens(text):");
    match o.tokens {
        Tokens::Syllable => {
            let _ = writeln!(
                w,
                "    return [c for c in text if not c.isspace()]  # one token per syllable (character)"
            );
        }
        Tokens::Word => {
            let _ = writeln!(w, "    return text.split()  # one token per word");
        }
    }
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(w, "train_reviews = read_reviews('{}')", NSMC_FILES[0].name);
    if let Some(n) = o.train_limit {
        let _ = writeln!(w, "train_reviews = train_reviews[:{n}]");
    }
    let _ = writeln!(w, "test_reviews = read_reviews('{}')", NSMC_FILES[1].name);
    let _ = writeln!(w, "order = app_shuffle(len(train_reviews), 42)");
    let _ = writeln!(
        w,
        "held = round(len(train_reviews) * {})  # held out for validation",
        py_float(o.validation)
    );
    let _ = writeln!(w, "val_reviews = [train_reviews[i] for i in order[:held]]");
    let _ = writeln!(
        w,
        "train_reviews = [train_reviews[i] for i in sorted(order[held:])]  # in the file's order"
    );
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# The vocabulary of the training reviews: 0 pads, 1 stands for any other token, then the"
    );
    let _ = writeln!(
        w,
        "# {} most frequent tokens (ties: the one seen first), as Keras's Tokenizer(num_words={}).",
        o.num_words - 2,
        o.num_words
    );
    let _ = writeln!(w, "counts = Counter()");
    let _ = writeln!(w, "for text, _ in train_reviews:");
    let _ = writeln!(w, "    counts.update(tokens(text))");
    let _ = writeln!(
        w,
        "vocab = [token for token, _ in counts.most_common({})]",
        o.num_words - 2
    );
    let _ = writeln!(
        w,
        "token_id = {{token: i + 2 for i, token in enumerate(vocab)}}"
    );
    let _ = writeln!(w, "maxlen = {}", o.maxlen);
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "def pad(ids):  # pad_sequences(maxlen={}, padding='{}', truncating='{}')",
        o.maxlen,
        side(o.padding),
        side(o.truncating)
    );
    let _ = writeln!(
        w,
        "    {}",
        match o.truncating {
            Side::Pre => "ids = ids[-maxlen:]  # a long review keeps its end",
            Side::Post => "ids = ids[:maxlen]  # a long review keeps its start",
        }
    );
    let _ = writeln!(
        w,
        "    {}",
        match o.padding {
            Side::Pre => "return [0] * (maxlen - len(ids)) + ids",
            Side::Post => "return ids + [0] * (maxlen - len(ids))",
        }
    );
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(w, "def encode(reviews):");
    let _ = writeln!(
        w,
        "    return ([pad([token_id.get(t, 1) for t in tokens(text)]) for text, _ in reviews],"
    );
    let _ = writeln!(w, "            [label for _, label in reviews])");
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(w, "train_seq, train_target = encode(train_reviews)");
    let _ = writeln!(w, "val_seq, val_target = encode(val_reviews)");
    let _ = writeln!(w, "test_seq, test_target = encode(test_reviews)");

    let mut t = String::new();
    let v = o.num_words;
    if model.vocab_size.is_some() {
        let _ = writeln!(t);
        let _ = writeln!(t);
        let _ = writeln!(
            t,
            "def dataset(seq, target):  # token ids, for the embedding"
        );
        let _ = writeln!(
            t,
            "    return torch.utils.data.TensorDataset(torch.tensor(seq), torch.tensor(target, dtype=torch.float32).unsqueeze(1))"
        );
    } else {
        let _ = writeln!(t);
        let _ = writeln!(t);
        let _ = writeln!(
            t,
            "class OneHotReviews(torch.utils.data.Dataset):  # one-hot, a review at a time (saves memory)"
        );
        let _ = writeln!(t, "    def __init__(self, seq, target):");
        let _ = writeln!(
            t,
            "        self.seq, self.target = torch.tensor(seq), torch.tensor(target, dtype=torch.float32)"
        );
        let _ = writeln!(t);
        let _ = writeln!(t, "    def __len__(self):");
        let _ = writeln!(t, "        return len(self.target)");
        let _ = writeln!(t);
        let _ = writeln!(
            t,
            "    def __getitem__(self, i):  # [{}, {v}], [1]",
            o.maxlen
        );
        let _ = writeln!(
            t,
            "        return nn.functional.one_hot(self.seq[i], {v}).float(), self.target[i:i + 1]"
        );
        let _ = writeln!(t);
        let _ = writeln!(t);
        let _ = writeln!(t, "dataset = OneHotReviews");
    }
    let _ = writeln!(t, "train_dataset = dataset(train_seq, train_target)");
    let _ = writeln!(t, "test_dataset = dataset(test_seq, test_target)");
    if validation && o.validation > 0.0 {
        let _ = writeln!(t, "val_dataset = dataset(val_seq, val_target)");
    } else if validation {
        let _ = writeln!(
            t,
            "val_dataset = test_dataset  # no validation reviews: the app watches the test reviews"
        );
    }
    DataCode {
        std_imports: vec!["import gzip", "from collections import Counter"],
        torch_imports: Vec::new(),
        lists: w,
        tensors: t,
        files: NSMC_FILES.to_vec(),
        has_test: true,
        validation_held_out: o.validation > 0.0,
        example_noun: "test reviews",
        exact: true,
    }
}

fn side(s: Side) -> &'static str {
    match s {
        Side::Pre => "pre",
        Side::Post => "post",
    }
}
