//! The review lesson's data in Python, for the code panel: the shipped review files read,
//! held out, tokenised, given a vocabulary and padded as the app does (tutorial 04's steps).

use std::fmt::Write as _;

use super::tokens::{Side, Tokens};
use super::SentimentOptions;
use crate::nn::NetworkConfig;
use crate::ui::code::data::{DataCode, OfferedFile};
use crate::ui::code::py_float;

/// The shipped reviews: the first rows of NSMC's two splits.
const NSMC_FILES: [(&str, &str); 2] = [
    ("train10k.txt.gz", "nsmc/train10k.txt.gz"),
    ("test2k.txt.gz", "nsmc/test2k.txt.gz"),
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

/// Reads a review file as the app does: gzipped or not (by its first bytes, whatever its name),
/// NSMC's tab-separated `id, document, label` or a comma-separated file with quotes (an
/// IMDB-style `review,sentiment`), told apart by a tab in the header; empty reviews are skipped.
const READ_REVIEWS: &str = r#"def read_reviews(path):
    with open(path, 'rb') as f:
        raw = f.read()
    if raw[:2] == b'\x1f\x8b':
        raw = gzip.decompress(raw)
    text = raw.decode('utf-8')
    if '\t' in text.split('\n', 1)[0]:
        lines = [line[:-1] if line.endswith('\r') else line for line in text.split('\n')]
        rows = [line.split('\t') for line in lines if line.strip()]
    else:
        rows = [row for row in csv.reader(io.StringIO(text, newline='')) if row]
    header = [name.strip().lstrip('\ufeff').lower() for name in rows[0]]
    doc = next(i for i, name in enumerate(header) if name in ('document', 'review', 'text'))
    lab = next(i for i, name in enumerate(header) if name in ('label', 'sentiment'))
    labels = {'0': 0, 'negative': 0, 'neg': 0, '1': 1, 'positive': 1, 'pos': 1}
    reviews = []
    for cells in rows[1:]:
        if cells[doc].strip():
            reviews.append((cells[doc], labels[cells[lab].strip().lower()]))
    return reviews
"#;

/// Tutorial 04's tokenise / vocabulary / `pad_sequences`, on the shipped reviews.
pub(super) fn sentiment_code(
    o: &SentimentOptions,
    model: &NetworkConfig,
    validation: bool,
) -> DataCode {
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
    let _ = writeln!(w, "train_reviews = read_reviews('{}')", NSMC_FILES[0].0);
    let _ = writeln!(w, "if os.path.exists('{}'):", NSMC_FILES[1].0);
    let _ = writeln!(w, "    test_reviews = read_reviews('{}')", NSMC_FILES[1].0);
    let _ = writeln!(
        w,
        "else:  # one file of your own: its last fifth is the test set, as the app splits it"
    );
    let _ = writeln!(w, "    cut = len(train_reviews) - len(train_reviews) // 5");
    let _ = writeln!(
        w,
        "    train_reviews, test_reviews = train_reviews[:cut], train_reviews[cut:]"
    );
    if let Some(n) = o.train_limit {
        let _ = writeln!(w, "train_reviews = train_reviews[:{n}]");
    }
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
        std_imports: vec![
            "import csv",
            "import gzip",
            "import io",
            "import os",
            "from collections import Counter",
        ],
        torch_imports: Vec::new(),
        lists: w,
        tensors: t,
        files: NSMC_FILES
            .iter()
            .map(|&(name, href)| OfferedFile::served(name, href))
            .collect(),
        has_test: true,
        validation_held_out: o.validation > 0.0,
        example_noun: "test reviews",
        exact: true,
        reads_own_files: false,
    }
}

fn side(s: Side) -> &'static str {
    match s {
        Side::Pre => "pre",
        Side::Post => "post",
    }
}
