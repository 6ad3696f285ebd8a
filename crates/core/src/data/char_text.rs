//! Character text for next-character prediction (the course's "hello pytorch" model).
//!
//! An [`Alphabet`] is a list of ordinary characters followed by two special tokens, **start**
//! and **end**: with `n` characters the vocabulary has `V = n + 2` symbols, ordinary characters
//! take ids `0..n`, start is `n` (`V - 2`) and end is `n + 1` (`V - 1`). This matches the course,
//! whose alphabet string `abcdefghijklmnopqrstuvwxyz ?!.,:;01` used its last two symbols `'0'`
//! and `'1'` as start and end: [`Alphabet::course`] gives the same 35 ids (start = 33,
//! end = 34), but models the tokens explicitly, so they can never be confused with the digits
//! `0` and `1` in a text, and shows them as `⟨s⟩` / `⟨e⟩`.
//!
//! A text of `n` characters encodes to `n + 2` ids (`start, c₁ … cₙ, end`) and gives `T = n + 1`
//! training steps: inputs `ids[..T]`, targets `ids[1..]` (predict the next symbol).

use std::collections::HashMap;
use std::fmt;

use ndarray::{Array2, Array3, ArrayView2, Axis};
use num_traits::Float;
use serde::{Deserialize, Serialize};

use super::DataError;

/// The course's alphabet string: 33 characters, then `'0'` (start) and `'1'` (end).
pub const COURSE_ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz ?!.,:;01";

/// The course's sentence, the default text of the character lesson.
pub const DEFAULT_TEXT: &str =
    "hello pytorch. how long can a rnn cell remember? show me your limit!";

/// Longest text accepted (in characters, not bytes). Longer texts would make the page sluggish;
/// texts much longer than a window are trained on windows anyway (see [`EncodedText::windows`]).
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Largest vocabulary (characters + the 2 tokens). One-hot inputs grow with it.
pub const MAX_ALPHABET_SIZE: usize = 1024;

/// How the start token is shown.
pub const START_LABEL: &str = "⟨s⟩";
/// How the end token is shown.
pub const END_LABEL: &str = "⟨e⟩";

/// One entry of the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Symbol {
    /// An ordinary character of the text.
    Char(char),
    /// The start token, fed as the first input.
    Start,
    /// The end token, the last target.
    End,
}

impl Symbol {
    /// A label that is visible even for blank characters: `␣` for space, `↵` for a new line,
    /// `⇥` for a tab, `U+XXXX` for other control characters, `⟨s⟩` / `⟨e⟩` for the tokens.
    /// Use it for axis labels and top-5 tables; use `Display` for running text.
    pub fn label(&self) -> String {
        match *self {
            Symbol::Start => START_LABEL.to_string(),
            Symbol::End => END_LABEL.to_string(),
            Symbol::Char(' ') => "␣".to_string(),
            Symbol::Char('\n') => "↵".to_string(),
            Symbol::Char('\t') => "⇥".to_string(),
            Symbol::Char(c) if c.is_control() => format!("U+{:04X}", c as u32),
            Symbol::Char(c) => c.to_string(),
        }
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Symbol::Char(c) => write!(f, "{c}"),
            Symbol::Start => f.write_str(START_LABEL),
            Symbol::End => f.write_str(END_LABEL),
        }
    }
}

/// Ordinary characters plus start and end tokens; see the [module docs](self) for the id layout.
///
/// Serialises as the list of ordinary characters (the tokens are implicit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<char>", into = "Vec<char>")]
pub struct Alphabet {
    chars: Vec<char>,
    index: HashMap<char, usize>,
}

impl TryFrom<Vec<char>> for Alphabet {
    type Error = DataError;
    fn try_from(chars: Vec<char>) -> Result<Self, DataError> {
        Alphabet::from_char_vec(chars)
    }
}

impl From<Alphabet> for Vec<char> {
    fn from(a: Alphabet) -> Self {
        a.chars
    }
}

impl Default for Alphabet {
    fn default() -> Self {
        Alphabet::course()
    }
}

impl Alphabet {
    /// The course alphabet: `abcdefghijklmnopqrstuvwxyz ?!.,:;` (ids 0–32), start (33), end (34).
    pub fn course() -> Alphabet {
        let n = COURSE_ALPHABET.chars().count() - 2;
        Alphabet::from_char_vec(COURSE_ALPHABET.chars().take(n).collect())
            .expect("the course alphabet is valid")
    }

    /// An alphabet of the given characters, in the given order, plus start and end.
    ///
    /// Refuses an empty list, repeated characters (naming them) and more than
    /// [`MAX_ALPHABET_SIZE`] symbols.
    pub fn from_chars(chars: &str) -> Result<Alphabet, DataError> {
        Alphabet::from_char_vec(chars.chars().collect())
    }

    fn from_char_vec(chars: Vec<char>) -> Result<Alphabet, DataError> {
        if chars.is_empty() {
            return Err(DataError::EmptyAlphabet);
        }
        check_size(chars.len())?;
        let mut index = HashMap::with_capacity(chars.len());
        let mut dups = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            if index.insert(c, i).is_some() && !dups.contains(&c) {
                dups.push(c);
            }
        }
        if !dups.is_empty() {
            return Err(DataError::DuplicateChars { chars: dups });
        }
        Ok(Alphabet { chars, index })
    }

    /// The distinct characters of `text` (any Unicode: upper case, digits, Hangul, …), sorted by
    /// code point so the same set of characters always gives the same ids, plus start and end.
    ///
    /// Refuses empty text and text over [`MAX_TEXT_CHARS`] characters. (A 1-character text
    /// gives a valid alphabet; [`Alphabet::encode`] is what refuses it for training.)
    pub fn from_text(text: &str) -> Result<Alphabet, DataError> {
        let len = text.chars().count();
        if len == 0 {
            return Err(DataError::EmptyText);
        }
        check_text_len(len)?;
        let mut chars: Vec<char> = text.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        Alphabet::from_char_vec(chars)
    }

    /// Vocabulary size `V` = ordinary characters + 2 tokens (35 for the course alphabet).
    pub fn len(&self) -> usize {
        self.chars.len() + 2
    }

    /// Always `false`: an alphabet has at least one character and the two tokens.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Id of the start token (`V - 2`).
    pub fn start(&self) -> usize {
        self.chars.len()
    }

    /// Id of the end token (`V - 1`).
    pub fn end(&self) -> usize {
        self.chars.len() + 1
    }

    /// The ordinary characters, in id order.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// Whether `c` is one of the ordinary characters.
    pub fn contains(&self, c: char) -> bool {
        self.index.contains_key(&c)
    }

    /// Id of an ordinary character.
    pub fn id(&self, c: char) -> Option<usize> {
        self.index.get(&c).copied()
    }

    /// The symbol with this id, or `None` past the end.
    pub fn symbol(&self, id: usize) -> Option<Symbol> {
        match id {
            i if i < self.chars.len() => Some(Symbol::Char(self.chars[i])),
            i if i == self.start() => Some(Symbol::Start),
            i if i == self.end() => Some(Symbol::End),
            _ => None,
        }
    }

    /// All `V` symbols in id order.
    pub fn symbols(&self) -> Vec<Symbol> {
        (0..self.len()).filter_map(|i| self.symbol(i)).collect()
    }

    /// Visible labels of all `V` symbols in id order (see [`Symbol::label`]).
    pub fn labels(&self) -> Vec<String> {
        self.symbols().iter().map(Symbol::label).collect()
    }

    /// Characters of `text` missing from the alphabet, deduplicated, in order of first appearance.
    pub fn unknown_chars(&self, text: &str) -> Vec<char> {
        let mut unknown = Vec::new();
        for c in text.chars() {
            if !self.contains(c) && !unknown.contains(&c) {
                unknown.push(c);
            }
        }
        unknown
    }

    /// Appends the characters not already present (in the given order) and returns those added.
    ///
    /// Existing characters keep their ids; start and end move to the new last two ids, so a
    /// model trained with the old alphabet does not fit the new one. All or nothing: on error
    /// the alphabet is unchanged.
    pub fn extend<I: IntoIterator<Item = char>>(
        &mut self,
        chars: I,
    ) -> Result<Vec<char>, DataError> {
        let mut added: Vec<char> = Vec::new();
        for c in chars {
            if !self.contains(c) && !added.contains(&c) {
                added.push(c);
            }
        }
        check_size(self.chars.len() + added.len())?;
        for &c in &added {
            self.index.insert(c, self.chars.len());
            self.chars.push(c);
        }
        Ok(added)
    }

    /// A copy extended with the characters of `text` it lacks: the "add them" answer to
    /// [`DataError::UnknownChars`].
    pub fn extended_for(&self, text: &str) -> Result<Alphabet, DataError> {
        let mut a = self.clone();
        a.extend(self.unknown_chars(text))?;
        Ok(a)
    }

    /// `start, c₁ … cₙ, end`: `n + 2` ids for a training text of `n` characters.
    ///
    /// Refuses empty and 1-character text, text over [`MAX_TEXT_CHARS`] characters, and names
    /// every character outside the alphabet ([`DataError::UnknownChars`]).
    pub fn encode(&self, text: &str) -> Result<Vec<usize>, DataError> {
        let mut it = text.chars();
        match (it.next(), it.next()) {
            (None, _) => return Err(DataError::EmptyText),
            (Some(c), None) => return Err(DataError::TextTooShort(c)),
            _ => {}
        }
        check_text_len(text.chars().count())?;
        let mut ids = Vec::with_capacity(text.len() + 2);
        ids.push(self.start());
        ids.extend(self.encode_chars(text)?);
        ids.push(self.end());
        Ok(ids)
    }

    /// `start, c₁ … cₙ` (no end token): the ids to feed before generating from a prompt.
    /// An empty prompt gives just the start token.
    pub fn encode_prompt(&self, prompt: &str) -> Result<Vec<usize>, DataError> {
        check_text_len(prompt.chars().count())?;
        let mut ids = vec![self.start()];
        ids.extend(self.encode_chars(prompt)?);
        Ok(ids)
    }

    /// The ids of the characters alone, without tokens.
    pub fn encode_chars(&self, text: &str) -> Result<Vec<usize>, DataError> {
        let unknown = self.unknown_chars(text);
        if !unknown.is_empty() {
            return Err(DataError::UnknownChars { chars: unknown });
        }
        Ok(text.chars().map(|c| self.index[&c]).collect())
    }

    /// The text of `ids`, leaving out start and end tokens.
    pub fn decode(&self, ids: &[usize]) -> Result<String, DataError> {
        let mut s = String::with_capacity(ids.len());
        for &id in ids {
            if let Symbol::Char(c) = self.symbol_or_err(id)? {
                s.push(c);
            }
        }
        Ok(s)
    }

    /// Like [`decode`](Self::decode) but shows the tokens as `⟨s⟩` / `⟨e⟩`.
    pub fn render(&self, ids: &[usize]) -> Result<String, DataError> {
        let mut s = String::with_capacity(ids.len());
        for &id in ids {
            s.push_str(&self.symbol_or_err(id)?.to_string());
        }
        Ok(s)
    }

    /// One-hot rows for `ids`: shape `[T, V]`.
    pub fn one_hot<F: Float>(&self, ids: &[usize]) -> Result<Array2<F>, DataError> {
        one_hot(ids, self.len())
    }

    fn symbol_or_err(&self, id: usize) -> Result<Symbol, DataError> {
        self.symbol(id).ok_or(DataError::UnknownToken {
            id,
            len: self.len(),
        })
    }
}

fn check_text_len(len: usize) -> Result<(), DataError> {
    if len > MAX_TEXT_CHARS {
        return Err(DataError::TextTooLong {
            len,
            max: MAX_TEXT_CHARS,
        });
    }
    Ok(())
}

fn check_size(chars: usize) -> Result<(), DataError> {
    if chars + 2 > MAX_ALPHABET_SIZE {
        return Err(DataError::AlphabetTooLarge {
            size: chars + 2,
            max: MAX_ALPHABET_SIZE,
        });
    }
    Ok(())
}

/// One-hot encoding: shape `[T, vocab]`, row `t` has a 1 at column `ids[t]`.
pub fn one_hot<F: Float>(ids: &[usize], vocab: usize) -> Result<Array2<F>, DataError> {
    let mut out = Array2::zeros((ids.len(), vocab));
    for (t, &id) in ids.iter().enumerate() {
        if id >= vocab {
            return Err(DataError::UnknownToken { id, len: vocab });
        }
        out[[t, id]] = F::one();
    }
    Ok(out)
}

/// One-hot encoding of a batch of id rows: `[B, T]` → `[B, T, vocab]`.
pub fn one_hot_batch<F: Float>(
    ids: ArrayView2<usize>,
    vocab: usize,
) -> Result<Array3<F>, DataError> {
    let (b, t) = ids.dim();
    let mut out = Array3::zeros((b, t, vocab));
    for ((i, j), &id) in ids.indexed_iter() {
        if id >= vocab {
            return Err(DataError::UnknownToken { id, len: vocab });
        }
        out[[i, j, id]] = F::one();
    }
    Ok(out)
}

/// A text encoded with its alphabet, ready for next-character training.
///
/// With `n` characters: `ids` has `n + 2` entries, and there are `T = n + 1` steps.
///
/// Serialises as `{"alphabet": [...], "text": "..."}` and is re-encoded (so re-checked) when
/// read back: a damaged file gives an error, never out-of-range ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "EncodedTextFile", into = "EncodedTextFile")]
pub struct EncodedText {
    alphabet: Alphabet,
    ids: Vec<usize>,
}

#[derive(Serialize, Deserialize)]
struct EncodedTextFile {
    alphabet: Alphabet,
    text: String,
}

impl TryFrom<EncodedTextFile> for EncodedText {
    type Error = DataError;
    fn try_from(f: EncodedTextFile) -> Result<Self, DataError> {
        EncodedText::new(&f.alphabet, &f.text)
    }
}

impl From<EncodedText> for EncodedTextFile {
    fn from(e: EncodedText) -> Self {
        EncodedTextFile {
            text: e.text(),
            alphabet: e.alphabet,
        }
    }
}

impl EncodedText {
    /// Encodes `text` with `alphabet` (see [`Alphabet::encode`] for what is refused).
    pub fn new(alphabet: &Alphabet, text: &str) -> Result<EncodedText, DataError> {
        Ok(EncodedText {
            ids: alphabet.encode(text)?,
            alphabet: alphabet.clone(),
        })
    }

    /// Builds the alphabet from the text itself ([`Alphabet::from_text`]) and encodes it.
    pub fn with_own_alphabet(text: &str) -> Result<EncodedText, DataError> {
        EncodedText::new(&Alphabet::from_text(text)?, text)
    }

    /// The alphabet used.
    pub fn alphabet(&self) -> &Alphabet {
        &self.alphabet
    }

    /// `start, c₁ … cₙ, end` (`n + 2` ids).
    pub fn ids(&self) -> &[usize] {
        &self.ids
    }

    /// The text itself (without tokens).
    pub fn text(&self) -> String {
        self.ids[1..self.ids.len() - 1]
            .iter()
            .map(|&i| self.alphabet.chars[i])
            .collect()
    }

    /// Number of training steps `T = n + 1`.
    pub fn steps(&self) -> usize {
        self.ids.len() - 1
    }

    /// Inputs `ids[..T]`: start and every character.
    pub fn inputs(&self) -> &[usize] {
        &self.ids[..self.ids.len() - 1]
    }

    /// Targets `ids[1..]`: every character and end — the symbol that follows each input.
    pub fn targets(&self) -> &[usize] {
        &self.ids[1..]
    }

    /// Input ids as a batch of one: `[1, T]` (for an embedding layer).
    pub fn input_ids(&self) -> Array2<usize> {
        row(self.inputs())
    }

    /// Target ids as a batch of one: `[1, T]` (for cross-entropy).
    pub fn target_ids(&self) -> Array2<usize> {
        row(self.targets())
    }

    /// One-hot inputs: `[1, T, V]`.
    pub fn one_hot_inputs<F: Float>(&self) -> Array3<F> {
        self.one_hot_rows(self.inputs())
    }

    /// One-hot targets: `[1, T, V]` (what the course's MSE loss compares against).
    pub fn one_hot_targets<F: Float>(&self) -> Array3<F> {
        self.one_hot_rows(self.targets())
    }

    fn one_hot_rows<F: Float>(&self, ids: &[usize]) -> Array3<F> {
        // Ids come from `encode`, so they are always in range.
        one_hot(ids, self.alphabet.len())
            .expect("encoded ids are in range")
            .insert_axis(Axis(0))
    }

    /// Windows of `window` steps every `stride` steps, for truncated BPTT on long texts.
    ///
    /// Window `b` starting at step `s` has inputs `ids[s..s+k]` and targets `ids[s+1..s+k+1]`.
    /// Starts are `0, stride, 2·stride, …`; if the last regular window stops before the end of
    /// the text, one more window ending exactly at step `T` is added so every target is trained
    /// on. With `stride == window` consecutive windows follow each other, so a hidden state can
    /// be carried from one to the next (except into that extra last window, which overlaps).
    ///
    /// Refuses a zero window or stride and a window longer than `T`.
    pub fn windows(&self, window: usize, stride: usize) -> Result<TextWindows, DataError> {
        if window == 0 {
            return Err(DataError::ZeroSize { what: "the window" });
        }
        if stride == 0 {
            return Err(DataError::ZeroSize { what: "the stride" });
        }
        let t = self.steps();
        if window > t {
            return Err(DataError::WindowTooLong {
                window,
                available: t,
            });
        }
        let mut starts: Vec<usize> = (0..=t - window).step_by(stride).collect();
        if starts.last().is_some_and(|&s| s + window < t) {
            starts.push(t - window);
        }
        let gather = |offset: usize| {
            Array2::from_shape_fn((starts.len(), window), |(b, j)| {
                self.ids[starts[b] + j + offset]
            })
        };
        Ok(TextWindows {
            inputs: gather(0),
            targets: gather(1),
            starts,
            vocab: self.alphabet.len(),
        })
    }
}

fn row(ids: &[usize]) -> Array2<usize> {
    Array2::from_shape_vec((1, ids.len()), ids.to_vec()).expect("shape matches length")
}

/// Windows cut from an [`EncodedText`]: `B` windows of `k` steps.
#[derive(Debug, Clone, PartialEq)]
pub struct TextWindows {
    starts: Vec<usize>,
    inputs: Array2<usize>,
    targets: Array2<usize>,
    vocab: usize,
}

impl TextWindows {
    /// Number of windows `B`.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether there are no windows (never, for windows made by [`EncodedText::windows`]).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Window length `k`.
    pub fn window(&self) -> usize {
        self.inputs.ncols()
    }

    /// Vocabulary size `V`.
    pub fn vocab(&self) -> usize {
        self.vocab
    }

    /// First step of each window.
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// Input ids: `[B, k]`.
    pub fn inputs(&self) -> &Array2<usize> {
        &self.inputs
    }

    /// Target ids: `[B, k]`.
    pub fn targets(&self) -> &Array2<usize> {
        &self.targets
    }

    /// One-hot inputs: `[B, k, V]`.
    pub fn one_hot_inputs<F: Float>(&self) -> Array3<F> {
        one_hot_batch(self.inputs.view(), self.vocab).expect("encoded ids are in range")
    }

    /// One-hot targets: `[B, k, V]`.
    pub fn one_hot_targets<F: Float>(&self) -> Array3<F> {
        one_hot_batch(self.targets.view(), self.vocab).expect("encoded ids are in range")
    }

    /// Consecutive mini-batches of at most `batch_size` windows, in text order:
    /// `(inputs [b, k], targets [b, k])` with `b ≤ batch_size` (the last may be smaller).
    pub fn batches(
        &self,
        batch_size: usize,
    ) -> Result<impl Iterator<Item = (ArrayView2<'_, usize>, ArrayView2<'_, usize>)>, DataError>
    {
        if batch_size == 0 {
            return Err(DataError::ZeroSize {
                what: "the batch size",
            });
        }
        Ok(self
            .inputs
            .axis_chunks_iter(Axis(0), batch_size)
            .zip(self.targets.axis_chunks_iter(Axis(0), batch_size)))
    }
}
