//! The character lesson's data in Python, for the code panel: tutorial 01's sentence as symbol
//! ids with a start and an end token, cut into the app's windows.

use std::fmt::Write as _;

use super::{AlphabetChoice, CharLoss, CharOptions};
use crate::data::char_text::COURSE_ALPHABET;
use crate::nn::NetworkConfig;
use crate::ui::code::data::{py_str, DataCode};

/// Tutorial 01's sentence as symbol ids (start, the text, end), cut into windows.
pub(super) fn char_code(o: &CharOptions, model: &NetworkConfig, validation: bool) -> DataCode {
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
    let window = o.train_window(o.text.chars().count() + 1);
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
        reads_own_files: false,
    }
}
