//! Tokens, the vocabulary and Keras's `pad_sequences`.
//!
//! Korean reviews are cut into Hangul syllables (every character that is not white space) or
//! into space-separated words. The vocabulary keeps the `num_words − 2` most frequent tokens of
//! the training reviews, as Keras's `Tokenizer(num_words, oov_token)` does: id 0 pads, id 1
//! stands for every token outside the vocabulary, ids 2… are the kept tokens, most frequent
//! first (ties in order of first appearance).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// How a review is cut into tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Tokens {
    /// Every character that is not white space (Hangul syllables, letters, digits, marks).
    #[default]
    Syllable,
    /// Runs of characters between white space.
    Word,
}

impl Tokens {
    /// The tokens of `text`.
    pub fn split(self, text: &str) -> Vec<&str> {
        match self {
            Tokens::Syllable => text
                .char_indices()
                .filter(|(_, c)| !c.is_whitespace())
                .map(|(i, c)| &text[i..i + c.len_utf8()])
                .collect(),
            Tokens::Word => text.split_whitespace().collect(),
        }
    }
}

/// Which end of a sequence `pad_sequences` pads or cuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The front (Keras's default for both padding and truncating).
    #[default]
    Pre,
    /// The back.
    Post,
}

/// Id of padding.
pub const PAD: usize = 0;
/// Id of every token outside the vocabulary.
pub const OOV: usize = 1;

/// The kept tokens and their ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Vocabulary {
    /// How reviews are cut.
    pub tokens: Tokens,
    /// `words[id]` for ids ≥ 2 (`words[0]`, `words[1]` are the pad and OOV labels).
    words: Vec<String>,
    ids: HashMap<String, usize>,
    /// Share of the tokens of the texts it was built from that it knows (not OOV).
    pub coverage: f64,
    /// Distinct tokens in those texts.
    pub distinct: usize,
}

impl Vocabulary {
    /// The `num_words − 2` most frequent tokens of `texts` (`num_words` ≥ 3).
    pub fn build<'a>(
        texts: impl Iterator<Item = &'a str>,
        tokens: Tokens,
        num_words: usize,
    ) -> Self {
        // Count, remembering the order of first appearance for ties.
        let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut total = 0usize;
        for t in texts {
            for tok in tokens.split(t) {
                let next = counts.len();
                counts.entry(tok).or_insert((0, next)).0 += 1;
                total += 1;
            }
        }
        let mut order: Vec<(&str, usize, usize)> = counts
            .iter()
            .map(|(t, &(n, first))| (*t, n, first))
            .collect();
        order.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        order.truncate(num_words.saturating_sub(2));
        let known: usize = order.iter().map(|(_, n, _)| n).sum();
        let mut words = vec!["⟨pad⟩".to_string(), "⟨?⟩".to_string()];
        words.extend(order.iter().map(|(t, _, _)| t.to_string()));
        let ids = words
            .iter()
            .enumerate()
            .skip(2)
            .map(|(i, w)| (w.clone(), i))
            .collect();
        Vocabulary {
            tokens,
            words,
            ids,
            coverage: if total == 0 {
                0.0
            } else {
                known as f64 / total as f64
            },
            distinct: counts.len(),
        }
    }

    /// Ids in use (padding and OOV included).
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Always false: padding and OOV are always there.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The token of an id (`⟨pad⟩`, `⟨?⟩` for ids 0 and 1).
    pub fn word(&self, id: usize) -> &str {
        self.words.get(id).map_or("⟨?⟩", |w| w.as_str())
    }

    /// The most frequent tokens, most frequent first.
    pub fn most_frequent(&self, n: usize) -> impl Iterator<Item = &str> {
        self.words.iter().skip(2).take(n).map(|w| w.as_str())
    }

    /// The ids of a text's tokens (OOV for unknown tokens).
    pub fn encode(&self, text: &str) -> Vec<usize> {
        self.tokens
            .split(text)
            .into_iter()
            .map(|t| self.ids.get(t).copied().unwrap_or(OOV))
            .collect()
    }

    /// A text's tokens with their ids, in order.
    pub fn tokens_of<'a>(&self, text: &'a str) -> Vec<(&'a str, usize)> {
        self.tokens
            .split(text)
            .into_iter()
            .map(|t| (t, self.ids.get(t).copied().unwrap_or(OOV)))
            .collect()
    }
}

/// Keras's `pad_sequences(seq, maxlen, padding, truncating)` for one sequence: longer ones lose
/// tokens at `truncating`'s end, shorter ones get [`PAD`] at `padding`'s end. Returns the
/// padded ids and, for each position, the index of the token in `seq` (`None` for padding).
pub fn pad_sequence(
    seq: &[usize],
    maxlen: usize,
    padding: Side,
    truncating: Side,
) -> (Vec<usize>, Vec<Option<usize>>) {
    let n = seq.len();
    let kept = if n > maxlen {
        match truncating {
            Side::Pre => n - maxlen..n,
            Side::Post => 0..maxlen,
        }
    } else {
        0..n
    };
    let pads = maxlen - kept.len();
    let mut ids = Vec::with_capacity(maxlen);
    let mut source = Vec::with_capacity(maxlen);
    if padding == Side::Pre {
        ids.resize(pads, PAD);
        source.resize(pads, None);
    }
    for i in kept {
        ids.push(seq[i]);
        source.push(Some(i));
    }
    ids.resize(maxlen, PAD);
    source.resize(maxlen, None);
    (ids, source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_skip_white_space_and_words_split_on_it() {
        assert_eq!(Tokens::Syllable.split("재밌 다!"), ["재", "밌", "다", "!"]);
        assert_eq!(
            Tokens::Word.split(" 정말  재밌다\t최고 "),
            ["정말", "재밌다", "최고"]
        );
        assert!(Tokens::Syllable.split("   ").is_empty());
    }

    #[test]
    fn the_vocabulary_keeps_the_most_frequent_tokens_after_pad_and_oov() {
        let texts = ["a b b c", "c c d", "e"];
        let v = Vocabulary::build(texts.iter().copied(), Tokens::Word, 4);
        // c ×3, b ×2, then a, d, e ×1: two real ids fit in num_words 4.
        assert_eq!(v.len(), 4);
        assert_eq!(
            (v.word(0), v.word(1), v.word(2), v.word(3)),
            ("⟨pad⟩", "⟨?⟩", "c", "b")
        );
        assert_eq!(v.encode("b c z"), [3, 2, OOV]);
        assert!((v.coverage - 5.0 / 8.0).abs() < 1e-12);
        assert_eq!(v.distinct, 5);
        // Ties keep the order of first appearance: a before d before e.
        let v = Vocabulary::build(texts.iter().copied(), Tokens::Word, 6);
        assert_eq!(v.most_frequent(4).collect::<Vec<_>>(), ["c", "b", "a", "d"]);
    }

    /// The worked examples of Keras's documentation and the course: defaults cut and pad at
    /// the front.
    #[test]
    fn pad_sequences_matches_keras_for_pre_and_post() {
        let s = [1, 2, 3, 4, 5];
        assert_eq!(pad_sequence(&s, 3, Side::Pre, Side::Pre).0, [3, 4, 5]);
        assert_eq!(pad_sequence(&s, 3, Side::Pre, Side::Post).0, [1, 2, 3]);
        assert_eq!(
            pad_sequence(&s, 7, Side::Pre, Side::Pre).0,
            [0, 0, 1, 2, 3, 4, 5]
        );
        assert_eq!(
            pad_sequence(&s, 7, Side::Post, Side::Pre).0,
            [1, 2, 3, 4, 5, 0, 0]
        );
        assert_eq!(pad_sequence(&s, 5, Side::Post, Side::Post).0, s);
        assert_eq!(pad_sequence(&[], 3, Side::Pre, Side::Pre).0, [0, 0, 0]);
        // Keras: pad_sequences([[1], [2, 3], [4, 5, 6]], maxlen=2) → [[0, 1], [2, 3], [5, 6]].
        assert_eq!(pad_sequence(&[1], 2, Side::Pre, Side::Pre).0, [0, 1]);
        assert_eq!(pad_sequence(&[4, 5, 6], 2, Side::Pre, Side::Pre).0, [5, 6]);
        // Where each position came from.
        let (_, src) = pad_sequence(&[7, 8, 9], 4, Side::Pre, Side::Pre);
        assert_eq!(src, [None, Some(0), Some(1), Some(2)]);
        let (_, src) = pad_sequence(&[7, 8, 9], 2, Side::Post, Side::Pre);
        assert_eq!(src, [Some(1), Some(2)]);
    }
}
