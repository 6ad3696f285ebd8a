//! Review sentiment: Korean movie reviews (NSMC) read token by token, classified positive or
//! negative after the last one (many-to-one), the course's Keras IMDB tutorial on real
//! Korean data: one-hot input or an embedding, SimpleRNN / LSTM / GRU, dropout, a validation
//! split and early stopping.
//!
//! A review becomes ids (see [`tokens`]): the `num_words` most frequent syllables or words of
//! the training reviews, 0 for padding, 1 for anything else; `pad_sequences` cuts or pads it to
//! `maxlen`. The model reads the ids one-hot (`to_categorical`, input size `num_words`) or
//! through `nn.Embedding(num_words, dim)`; its last step goes through `Linear(H, 1)`, trained
//! with binary cross-entropy on the logit; accuracy counts logits above 0 as positive.

mod python;
pub mod reviews;
pub mod tokens;
mod tour;

use ndarray::{s, Array2, Axis};
use serde::{Deserialize, Serialize};

use self::reviews::Reviews;
use self::tokens::{pad_sequence, Side, Tokens, Vocabulary, PAD};
use super::embedding::{self, EmbeddingMap, MapPoint, Nearest};
use super::CorpusSize;
use super::{eval_batches, Batch, BatchInput, InputEncoding, LessonId, LessonOptions};
use super::{DataFile, Example, ExamplePicker, ExampleRef, HeldOut, Lesson, LessonInfo};
use super::{Metrics, Preset, Refresh, Split, ViewContext};
use crate::data::char_text::one_hot_batch;
use crate::data::mnist::shuffled_indices;
use crate::data::DataError;
use crate::nn::{CellKind, Head, Loss, Network, NetworkConfig, StepOutput, Target};
use crate::optim::{OptimizerConfig, RmsPropConfig};
use crate::train::{EarlyStopping, TrainError, TrainSettings};
use crate::ui::i18n::{Bilingual, Tr};

/// Allowed vocabulary sizes (`num_words`, padding and OOV included).
pub const NUM_WORDS: (usize, usize) = (3, 20_000);
/// Allowed sequence lengths (`maxlen`).
pub const MAXLEN: (usize, usize) = (1, 500);
/// Seed of the validation split (the course's `random_state=42`).
const SPLIT_SEED: u64 = 42;
/// Tokens on the embedding's map (the most frequent).
pub const MAP_TOKENS: usize = 60;
/// Nearest tokens listed for the chosen one.
pub const NEAREST: usize = 8;
/// Reviews per evaluation batch.
const EVAL_CHUNK: usize = 256;
/// Misclassified test reviews listed in the report.
pub const MISCLASSIFIED_SHOWN: usize = 30;

/// Options of the sentiment lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SentimentOptions {
    /// Syllables or words.
    pub tokens: Tokens,
    /// Vocabulary size, padding and OOV included (Keras's `num_words`).
    pub num_words: usize,
    /// Every review is cut or padded to this many tokens.
    pub maxlen: usize,
    /// Where short reviews are padded.
    pub padding: Side,
    /// Where long reviews are cut.
    pub truncating: Side,
    /// Share of the training reviews held out for validation (the course's 0.2).
    pub validation: f64,
    /// Use only the first N training reviews.
    pub train_limit: Option<usize>,
}

impl Default for SentimentOptions {
    fn default() -> Self {
        SentimentOptions {
            tokens: Tokens::Syllable,
            num_words: 500,
            maxlen: 100,
            padding: Side::Pre,
            truncating: Side::Pre,
            validation: 0.2,
            train_limit: None,
        }
    }
}

impl SentimentOptions {
    /// Checks the ranges, naming the allowed one.
    pub fn validate(&self) -> Result<(), TrainError> {
        let (lo, hi) = NUM_WORDS;
        if !(lo..=hi).contains(&self.num_words) {
            return Err(TrainError::invalid(
                "num_words",
                format!(
                    "{} is out of range: choose between {lo} and {hi}",
                    self.num_words
                ),
            ));
        }
        let (lo, hi) = MAXLEN;
        if !(lo..=hi).contains(&self.maxlen) {
            return Err(TrainError::invalid(
                "maxlen",
                format!(
                    "{} is out of range: choose between {lo} and {hi}",
                    self.maxlen
                ),
            ));
        }
        if !(self.validation.is_finite() && (0.0..=0.5).contains(&self.validation)) {
            return Err(TrainError::invalid(
                "validation",
                format!(
                    "{} is out of range: hold out between 0 and 0.5 of the training reviews",
                    self.validation
                ),
            ));
        }
        Ok(())
    }
}

/// Reviews of one split as the network reads them.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    /// Padded ids `[n, maxlen]`.
    pub ids: Array2<usize>,
    /// 0 negative, 1 positive.
    pub labels: Vec<u8>,
    /// The reviews' texts.
    pub texts: Vec<String>,
}

impl Encoded {
    fn new(reviews: &[&reviews::Review], vocab: &Vocabulary, o: &SentimentOptions) -> Encoded {
        let mut ids = Array2::zeros((reviews.len(), o.maxlen));
        for (i, r) in reviews.iter().enumerate() {
            let (padded, _) =
                pad_sequence(&vocab.encode(&r.text), o.maxlen, o.padding, o.truncating);
            ids.row_mut(i).assign(&ndarray::ArrayView1::from(&padded));
        }
        Encoded {
            ids,
            labels: reviews.iter().map(|r| r.label).collect(),
            texts: reviews.iter().map(|r| r.text.clone()).collect(),
        }
    }

    /// Reviews in the split.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the split has no review.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

/// The prepared sentiment lesson.
#[derive(Debug, Clone)]
pub struct SentimentData {
    /// Options.
    pub options: SentimentOptions,
    /// The vocabulary of the training part.
    pub vocab: Vocabulary,
    /// Training reviews (without the validation ones).
    pub train: Encoded,
    /// Held-out validation reviews (empty when `validation` is 0).
    pub validation: Encoded,
    /// Test reviews.
    pub test: Encoded,
    /// Training reviews longer than `maxlen` (cut).
    pub cut_reviews: usize,
    /// Mean tokens per training review.
    pub mean_tokens: f64,
    /// Validation and test reviews whose text is also a training review's (an answer the model
    /// could have learned by heart; 0 and 0 on the shipped reviews).
    pub repeated: (usize, usize),
    /// Input encoding of the model in use.
    encoding: InputEncoding,
}

/// One token of a review as the model read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenProb {
    /// The token as written.
    pub token: String,
    /// Its id (1 = outside the vocabulary).
    pub id: usize,
    /// P(positive) after reading it.
    pub p: f32,
}

/// A review read token by token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewReading {
    /// Where it comes from (`None`: typed by the user).
    pub split: Option<Split>,
    /// Index in the split.
    pub index: usize,
    /// Reviews in that split.
    pub count: usize,
    /// The text.
    pub text: String,
    /// The true label, when known (1 positive).
    pub label: Option<u8>,
    /// The tokens read (padding left out), with P(positive) after each.
    pub tokens: Vec<TokenProb>,
    /// Tokens cut by `maxlen` (at the front for `truncating = pre`).
    pub cut: usize,
    /// The model's P(positive) for the whole review.
    pub p_positive: f32,
    /// `"head_on_each_step"` (exact for a one-directional last-step model) or
    /// `"each_prefix"` (the model run on every prefix of the review).
    pub method: String,
}

/// Test accuracy, the 2×2 confusion table and the misclassified reviews.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewReport {
    /// Fraction correct.
    pub accuracy: f64,
    /// Mean binary cross-entropy.
    pub loss: f64,
    /// `confusion[true][predicted]`, 0 negative, 1 positive.
    pub confusion: [[u32; 2]; 2],
    /// The first misclassified reviews: `(index, P(positive), text)`.
    pub misclassified: Vec<(usize, f32, String)>,
    /// Reviews evaluated.
    pub examples: usize,
    /// The update whose weights were measured.
    pub update: u64,
}

/// The vocabulary and what each input encoding costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VocabularyInfo {
    /// Syllables or words.
    pub tokens: Tokens,
    /// Ids in use (padding and OOV included).
    pub num_words: usize,
    /// Distinct tokens in the training reviews.
    pub distinct: usize,
    /// Share of the training tokens the vocabulary knows.
    pub coverage: f64,
    /// The most frequent tokens.
    pub top: Vec<String>,
    /// `maxlen`.
    pub maxlen: usize,
    /// Mean tokens per training review.
    pub mean_tokens: f64,
    /// Share of training reviews longer than `maxlen`.
    pub cut_share: f64,
    /// Numbers per review one-hot: `maxlen × num_words`.
    pub onehot_numbers: usize,
    /// Numbers per review through an embedding of `dim`: `maxlen × dim`.
    pub embedding_numbers: usize,
    /// The embedding dimension those numbers assume (the model's, or 16).
    pub embedding_dim: usize,
    /// Training, validation and test reviews.
    pub sizes: (usize, usize, usize),
    /// Validation and test reviews that repeat a training review's text.
    pub repeated: (usize, usize),
}

/// What the sentiment view asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SentimentRequest {
    /// A review of a split, token by token.
    Review {
        /// Split.
        split: Split,
        /// Index in the split.
        index: usize,
    },
    /// A review the user typed, token by token.
    Typed {
        /// The text.
        text: String,
    },
    /// Test accuracy, confusion table, misclassified reviews (refreshed at epochs' ends).
    Report,
    /// The vocabulary and the cost of each encoding.
    Vocabulary,
    /// The learned embedding: a 2-D map of the most frequent tokens and the nearest tokens to
    /// one (by id; `None`: the most frequent).
    Embedding {
        /// The chosen token's id.
        token: Option<usize>,
    },
}

/// The sentiment view's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SentimentAnswer {
    /// A review of a split.
    Review(ReviewReading),
    /// A typed review.
    Typed(ReviewReading),
    /// The test report.
    Report(ReviewReport),
    /// The vocabulary.
    Vocabulary(VocabularyInfo),
    /// The learned embedding.
    Embedding(EmbeddingMap),
}

impl Lesson for SentimentData {
    type Options = SentimentOptions;
    type Corpus = Reviews;
    type ViewRequest = SentimentRequest;
    type View = SentimentAnswer;
    type Detail = ReviewReading;

    fn info() -> LessonInfo {
        LessonInfo {
            title: Tr::new("Review sentiment", "영화 리뷰 감성 분류"),
            example: Tr::new("test review", "테스트 리뷰"),
            data: Tr::new("movie reviews", "영화 리뷰"),
            accuracy: true,
            tokens: true,
            input_band: false,
            compare_updates: 100,
            cells: &CellKind::ALL,
        }
    }

    fn presets() -> Vec<Preset> {
        presets()
    }

    fn tour() -> Vec<crate::ui::tour::TourStep> {
        tour::steps()
    }

    fn corpus_files() -> &'static [&'static str] {
        &["nsmc/train10k.txt.gz", "nsmc/test2k.txt.gz"]
    }

    fn parse_corpus(files: &[DataFile]) -> Result<Reviews, DataError> {
        reviews::parse_corpus(files)
    }

    fn corpus_summary(corpus: &Reviews) -> String {
        let skipped = match corpus.skipped.as_slice() {
            [] => String::new(),
            s => format!(
                " ({} empty reviews skipped: {})",
                s.len(),
                s.iter()
                    .take(5)
                    .map(|(f, l)| format!("{f} line {l}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        format!(
            "{} training and {} test reviews{skipped}",
            corpus.train.len(),
            corpus.test.len()
        )
    }

    fn prepare(options: SentimentOptions, corpus: &Reviews) -> Result<Self, TrainError> {
        SentimentData::new(options, corpus)
    }

    fn options(&self) -> SentimentOptions {
        self.options.clone()
    }

    /// One-hot input (`num_words` features) or `Embedding(num_words, dim)`; one output through
    /// the last step (or a flattened head); `seq_len` = `maxlen`.
    fn fit_model(&self, model: &NetworkConfig) -> NetworkConfig {
        let v = self.options.num_words;
        let (input_size, vocab_size) = match InputEncoding::of(model) {
            InputEncoding::OneHot => (v, None),
            InputEncoding::Embedding { dim } => (dim, Some(v)),
        };
        NetworkConfig {
            input_size,
            vocab_size,
            output_size: 1,
            head: match model.head {
                Head::PerStep => Head::LastStep,
                h => h,
            },
            seq_len: Some(self.options.maxlen),
            sigmoid_output: false,
            ..model.clone()
        }
    }

    fn python_data(
        options: &Self::Options,
        model: &NetworkConfig,
        validation: bool,
        _corpus: Option<CorpusSize>,
    ) -> Option<crate::ui::code::data::DataCode> {
        Some(python::sentiment_code(options, model, validation))
    }

    fn adopt_model(&mut self, fitted: &NetworkConfig) {
        self.encoding = InputEncoding::of(fitted);
    }

    fn loss(_: &SentimentOptions) -> Loss {
        Loss::BceWithLogits
    }

    fn train_len(&self) -> usize {
        self.train.len()
    }

    fn train_batch(&self, indices: &[usize]) -> Result<Batch, TrainError> {
        self.batch(Split::Train, indices)
    }

    fn evaluate(&self, net: &Network<f32>, split: Split) -> Result<Option<Metrics>, TrainError> {
        let set = self.set(split);
        if set.is_empty() {
            return Ok(None);
        }
        let idx: Vec<usize> = (0..set.len()).collect();
        let chunks = idx.chunks(EVAL_CHUNK).map(|c| self.batch(split, c));
        eval_batches(net, Loss::BceWithLogits, chunks).map(Some)
    }

    /// One pass over the test reviews gives the test metrics and the report.
    fn evaluate_held_out(
        &self,
        cx: ViewContext<'_>,
    ) -> Result<HeldOut<SentimentAnswer>, TrainError> {
        let report = self.report(cx)?;
        Ok(HeldOut {
            validation: self.evaluate(cx.net, Split::Validation)?,
            test: Some(Metrics {
                loss: report.loss,
                accuracy: Some(report.accuracy),
                examples: report.examples,
            }),
            view: Some(SentimentAnswer::Report(report)),
        })
    }

    fn monitor_split(&self) -> Split {
        if self.validation.is_empty() {
            Split::Test
        } else {
            Split::Validation
        }
    }

    fn picker(&self) -> ExamplePicker {
        ExamplePicker {
            split: Split::Test,
            count: self.test.len(),
            default: ExampleRef::Item {
                split: Split::Test,
                index: 0,
            },
        }
    }

    fn example(&self, net: &Network<f32>, example: &ExampleRef) -> Result<Example, TrainError> {
        let (ids, label) = match example {
            ExampleRef::Item { split, index } => {
                let set = self.set(*split);
                if *index >= set.len() {
                    return Err(DataError::IndexOutOfRange {
                        index: *index,
                        len: set.len(),
                    }
                    .into());
                }
                (set.ids.row(*index).to_vec(), Some(set.labels[*index]))
            }
            ExampleRef::Typed { text, label } => {
                let ids = self.typed_ids(text)?;
                let label = match label {
                    Some(l @ (0 | 1)) => Some(*l as u8),
                    Some(l) => {
                        return Err(TrainError::invalid(
                            "label",
                            format!("{l} is not 0 (negative) or 1 (positive)"),
                        ))
                    }
                    None => None,
                };
                (ids, label)
            }
            _ => {
                return Err(TrainError::WrongLesson(
                    "the sentiment lesson inspects reviews".into(),
                ))
            }
        };
        let input = self
            .input_of(Array2::from_shape_vec((1, ids.len()), ids.clone()).expect("1 × maxlen"))?;
        // A typed review without a label is trained towards the model's own answer.
        let label = match label {
            Some(l) => l,
            None => {
                let (o, _) = net.forward(input.as_input(), None, Default::default())?;
                u8::from(o.head_output.iter().next().is_some_and(|&y| y > 0.0))
            }
        };
        Ok(Example {
            batch: Batch {
                input,
                target: Target::Dense(ndarray::arr2(&[[f32::from(label)]]).into_dyn()),
            },
            time_labels: ids.iter().map(|&id| self.label_of(id)).collect(),
            input_names: Vec::new(),
        })
    }

    fn detail(
        &self,
        net: &Network<f32>,
        example: &ExampleRef,
        _: &Example,
        _: &StepOutput<f32>,
    ) -> Result<ReviewReading, TrainError> {
        match example {
            ExampleRef::Item { split, index } => self.read_review(net, Some(*split), *index),
            ExampleRef::Typed { text, .. } => self.read_text(net, None, 0, text, None),
            _ => Err(TrainError::WrongLesson("not a review".into())),
        }
    }

    fn view(
        &self,
        cx: ViewContext<'_>,
        request: &SentimentRequest,
    ) -> Result<SentimentAnswer, TrainError> {
        Ok(match request {
            SentimentRequest::Review { split, index } => {
                SentimentAnswer::Review(self.read_review(cx.net, Some(*split), *index)?)
            }
            SentimentRequest::Typed { text } => {
                SentimentAnswer::Typed(self.read_text(cx.net, None, 0, text, None)?)
            }
            SentimentRequest::Report => SentimentAnswer::Report(self.report(cx)?),
            SentimentRequest::Vocabulary => {
                SentimentAnswer::Vocabulary(self.vocabulary_info(cx.net))
            }
            SentimentRequest::Embedding { token } => {
                SentimentAnswer::Embedding(self.embedding_map(cx.net, *token))
            }
        })
    }

    fn refresh(request: &SentimentRequest) -> Refresh {
        match request {
            SentimentRequest::Report => Refresh::EpochEnd,
            _ => Refresh::Live,
        }
    }
}

impl SentimentData {
    /// Holds out the validation part, builds the vocabulary of the rest and encodes every
    /// split.
    pub fn new(options: SentimentOptions, corpus: &Reviews) -> Result<SentimentData, TrainError> {
        options.validate()?;
        let mut all: Vec<&reviews::Review> = corpus.train.iter().collect();
        if let Some(n) = options.train_limit {
            all.truncate(n);
        }
        let order = shuffled_indices(all.len(), SPLIT_SEED);
        let held = (all.len() as f64 * options.validation).round() as usize;
        if held >= all.len() {
            return Err(TrainError::invalid(
                "validation",
                format!(
                    "holding out {held} of {} reviews leaves none to train on",
                    all.len()
                ),
            ));
        }
        let validation: Vec<&reviews::Review> = order[..held].iter().map(|&i| all[i]).collect();
        let mut train_idx = order[held..].to_vec();
        train_idx.sort_unstable(); // training reviews keep the file's order
        let train: Vec<&reviews::Review> = train_idx.iter().map(|&i| all[i]).collect();
        let test: Vec<&reviews::Review> = corpus.test.iter().collect();
        let vocab = Vocabulary::build(
            train.iter().map(|r| r.text.as_str()),
            options.tokens,
            options.num_words,
        );
        let lens: Vec<usize> = train
            .iter()
            .map(|r| options.tokens.split(&r.text).len())
            .collect();
        let cut_reviews = lens.iter().filter(|&&n| n > options.maxlen).count();
        let mean_tokens = lens.iter().sum::<usize>() as f64 / lens.len().max(1) as f64;
        let seen: std::collections::HashSet<&str> = train.iter().map(|r| r.text.as_str()).collect();
        let repeats = |part: &[&reviews::Review]| {
            part.iter()
                .filter(|r| seen.contains(r.text.as_str()))
                .count()
        };
        let repeated = (repeats(&validation), repeats(&test));
        Ok(SentimentData {
            train: Encoded::new(&train, &vocab, &options),
            validation: Encoded::new(&validation, &vocab, &options),
            test: Encoded::new(&test, &vocab, &options),
            vocab,
            cut_reviews,
            mean_tokens,
            repeated,
            options,
            encoding: InputEncoding::OneHot,
        })
    }

    /// The reviews of a split (validation may be empty).
    pub fn set(&self, split: Split) -> &Encoded {
        match split {
            Split::Train => &self.train,
            Split::Validation => &self.validation,
            Split::Test => &self.test,
        }
    }

    fn input_of(&self, ids: Array2<usize>) -> Result<BatchInput, TrainError> {
        Ok(match self.encoding {
            InputEncoding::OneHot => {
                BatchInput::Dense(one_hot_batch(ids.view(), self.options.num_words)?)
            }
            InputEncoding::Embedding { .. } => BatchInput::Tokens(ids),
        })
    }

    /// Reviews at `indices` of a split: ids `[b, maxlen]` (one-hot `[b, maxlen, num_words]`),
    /// labels `[b, 1]`.
    pub fn batch(&self, split: Split, indices: &[usize]) -> Result<Batch, TrainError> {
        let set = self.set(split);
        if let Some(&i) = indices.iter().find(|&&i| i >= set.len()) {
            return Err(DataError::IndexOutOfRange {
                index: i,
                len: set.len(),
            }
            .into());
        }
        let labels = Array2::from_shape_fn((indices.len(), 1), |(r, _)| {
            f32::from(set.labels[indices[r]])
        });
        Ok(Batch {
            input: self.input_of(set.ids.select(Axis(0), indices))?,
            target: Target::Dense(labels.into_dyn()),
        })
    }

    /// What a timestep reads: the token, `·` for padding, `⟨?⟩` outside the vocabulary.
    fn label_of(&self, id: usize) -> String {
        match id {
            PAD => "·".into(),
            id => self.vocab.word(id).to_string(),
        }
    }

    /// The padded ids of a typed review.
    fn typed_ids(&self, text: &str) -> Result<Vec<usize>, TrainError> {
        if text.trim().is_empty() {
            return Err(TrainError::invalid("review", "type a review first"));
        }
        if text.len() > reviews::MAX_LINE_BYTES {
            return Err(TrainError::invalid(
                "review",
                format!("a review may be at most {} bytes", reviews::MAX_LINE_BYTES),
            ));
        }
        let o = &self.options;
        Ok(pad_sequence(&self.vocab.encode(text), o.maxlen, o.padding, o.truncating).0)
    }

    fn read_review(
        &self,
        net: &Network<f32>,
        split: Option<Split>,
        index: usize,
    ) -> Result<ReviewReading, TrainError> {
        let set = self.set(split.unwrap_or(Split::Test));
        let text = set.texts.get(index).ok_or(DataError::IndexOutOfRange {
            index,
            len: set.len(),
        })?;
        self.read_text(net, split, index, text, Some(set.labels[index]))
    }

    /// P(positive) after each token of `text`: the head on the hidden state at each step
    /// (exact for a one-directional last-step model), otherwise the model run on each prefix.
    fn read_text(
        &self,
        net: &Network<f32>,
        split: Option<Split>,
        index: usize,
        text: &str,
        label: Option<u8>,
    ) -> Result<ReviewReading, TrainError> {
        let o = &self.options;
        let ids = self.typed_ids(text)?;
        let toks = self.vocab.tokens_of(text);
        let (_, source) = pad_sequence(
            &toks.iter().map(|(_, id)| *id).collect::<Vec<_>>(),
            o.maxlen,
            o.padding,
            o.truncating,
        );
        let cut = toks.len().saturating_sub(o.maxlen);
        let sigmoid = |y: f32| 1.0 / (1.0 + (-y).exp());
        let input = self
            .input_of(Array2::from_shape_vec((1, ids.len()), ids.clone()).expect("1 × maxlen"))?;
        let (out, _) = net.forward(input.as_input(), None, Default::default())?;
        let p_positive = sigmoid(out.head_output.iter().next().copied().unwrap_or(0.0));
        let exact = net.directions() == 1 && net.head() == Head::LastStep;
        // The steps that read a token of the review, in reading order.
        let steps: Vec<(usize, usize)> = source
            .iter()
            .enumerate()
            .filter_map(|(t, s)| s.map(|k| (t, k)))
            .collect();
        let per_step: Vec<f32> = if exact {
            let fc = &net.params().fc;
            steps
                .iter()
                .map(|&(t, _)| {
                    let h = out.rnn_output.slice(s![0, t, ..]);
                    sigmoid(fc.weight.row(0).dot(&h) + fc.bias[0])
                })
                .collect()
        } else {
            // Each prefix: the review's tokens up to the one read at step t, padded and cut
            // as the review was.
            let all: Vec<usize> = toks.iter().map(|(_, id)| *id).collect();
            let rows: Vec<Vec<usize>> = steps
                .iter()
                .map(|&(_, k)| pad_sequence(&all[..=k], o.maxlen, o.padding, o.truncating).0)
                .collect();
            let prefixes = Array2::from_shape_fn((rows.len().max(1), o.maxlen), |(r, c)| {
                rows.get(r).map_or(PAD, |row| row[c])
            });
            let input = self.input_of(prefixes)?;
            let (out, _) = net.forward(input.as_input(), None, Default::default())?;
            out.head_output
                .iter()
                .take(steps.len())
                .map(|&y| sigmoid(y))
                .collect()
        };
        let tokens = steps
            .iter()
            .zip(per_step)
            .map(|(&(_, k), p)| TokenProb {
                token: toks[k].0.to_string(),
                id: toks[k].1,
                p,
            })
            .collect();
        Ok(ReviewReading {
            split,
            index,
            count: split.map_or(1, |s| self.set(s).len()),
            text: text.to_string(),
            label,
            tokens,
            cut,
            p_positive,
            method: if exact {
                "head_on_each_step"
            } else {
                "each_prefix"
            }
            .into(),
        })
    }

    /// Accuracy, loss, the confusion table and the first misclassified reviews on the test set.
    pub fn report(&self, cx: ViewContext<'_>) -> Result<ReviewReport, TrainError> {
        let set = &self.test;
        let mut confusion = [[0u32; 2]; 2];
        let mut misclassified = Vec::new();
        let mut loss = 0.0f64;
        let idx: Vec<usize> = (0..set.len()).collect();
        for chunk in idx.chunks(EVAL_CHUNK) {
            let b = self.batch(Split::Test, chunk)?;
            let (out, _) = cx
                .net
                .forward(b.input.as_input(), None, Default::default())?;
            let (l, _) = Loss::BceWithLogits.compute(&out.head_output, &b.target)?;
            loss += f64::from(l) * chunk.len() as f64;
            for (&i, &y) in chunk.iter().zip(out.head_output.iter()) {
                let (truth, said) = (set.labels[i] as usize, usize::from(y > 0.0));
                confusion[truth][said] += 1;
                if truth != said && misclassified.len() < MISCLASSIFIED_SHOWN {
                    misclassified.push((i, 1.0 / (1.0 + (-y).exp()), set.texts[i].clone()));
                }
            }
        }
        let n = set.len().max(1) as f64;
        Ok(ReviewReport {
            accuracy: f64::from(confusion[0][0] + confusion[1][1]) / n,
            loss: loss / n,
            confusion,
            misclassified,
            examples: set.len(),
            update: cx.update,
        })
    }

    /// The learned embedding's map of the [`MAP_TOKENS`] most frequent tokens and the
    /// [`NEAREST`] tokens nearest to `token` (the most frequent when `None` or unknown).
    pub fn embedding_map(&self, net: &Network<f32>, token: Option<usize>) -> EmbeddingMap {
        let Some(e) = net.params().embedding.as_ref() else {
            return EmbeddingMap {
                learned: false,
                dim: 0,
                points: Vec::new(),
                explained: [0.0, 0.0],
                nearest: None,
            };
        };
        let v = self.vocab.len().min(e.nrows());
        let ids: Vec<usize> = (2..v.min(2 + MAP_TOKENS)).collect();
        let (xy, explained) = embedding::pca2(e.view(), &ids);
        let label = |id: usize| self.vocab.word(id).to_string();
        let chosen = token.filter(|&t| (2..v).contains(&t)).unwrap_or(2);
        let nearest = (v > 3).then(|| Nearest {
            id: chosen,
            label: label(chosen),
            tokens: embedding::nearest(e.view(), chosen, 2..v, NEAREST)
                .into_iter()
                .map(|(j, c)| (label(j), j, c))
                .collect(),
        });
        EmbeddingMap {
            learned: true,
            dim: e.ncols(),
            points: ids
                .iter()
                .zip(xy)
                .map(|(&id, xy)| MapPoint {
                    id,
                    label: label(id),
                    xy,
                })
                .collect(),
            explained,
            nearest,
        }
    }

    fn vocabulary_info(&self, net: &Network<f32>) -> VocabularyInfo {
        let o = &self.options;
        let dim = match self.encoding {
            InputEncoding::Embedding { .. } => net.input_size(),
            InputEncoding::OneHot => 16,
        };
        VocabularyInfo {
            tokens: o.tokens,
            num_words: self.vocab.len(),
            distinct: self.vocab.distinct,
            coverage: self.vocab.coverage,
            top: self.vocab.most_frequent(30).map(str::to_string).collect(),
            maxlen: o.maxlen,
            mean_tokens: self.mean_tokens,
            cut_share: self.cut_reviews as f64 / self.train.len().max(1) as f64,
            onehot_numbers: o.maxlen * o.num_words,
            embedding_numbers: o.maxlen * dim,
            embedding_dim: dim,
            sizes: (self.train.len(), self.validation.len(), self.test.len()),
            repeated: self.repeated,
        }
    }
}

fn review_model(
    cell: CellKind,
    hidden: usize,
    layers: usize,
    embedding: Option<usize>,
) -> NetworkConfig {
    let base = NetworkConfig {
        cell,
        hidden_size: hidden,
        num_layers: layers,
        output_size: 1,
        head: Head::LastStep,
        seq_len: Some(100),
        ..NetworkConfig::default()
    };
    match embedding {
        Some(dim) => InputEncoding::Embedding { dim }.apply(&base),
        None => base,
    }
}

/// The course's training: RMSprop lr 1e-4 with Keras's rho 0.9 and epsilon 1e-7, batch 64, up
/// to 100 epochs, early stopping after 3 epochs without a better validation loss (the best
/// weights restored, as `ModelCheckpoint(save_best_only=True)` keeps them).
fn course_settings() -> TrainSettings {
    TrainSettings {
        optimizer: OptimizerConfig::RmsProp(RmsPropConfig {
            lr: 1e-4,
            alpha: 0.9,
            eps: 1e-7,
            ..RmsPropConfig::default()
        }),
        batch_size: 64,
        epochs: 100,
        early_stopping: Some(EarlyStopping {
            patience: 3,
            min_delta: 0.0,
        }),
        ..TrainSettings::default()
    }
}

/// The sentiment presets: a fast one first (the lesson opens on it), the course's five models on
/// syllables, and a small training set that overfits.
fn presets() -> Vec<Preset> {
    let options = |num_words: usize| {
        LessonOptions::Sentiment(SentimentOptions {
            num_words,
            ..SentimentOptions::default()
        })
    };
    let course =
        |id: &str, name: Tr, description: Tr, model: NetworkConfig, num_words, settings| Preset {
            id: id.into(),
            name: name.into(),
            description: description.into(),
            lesson: LessonId::Sentiment,
            from_course: true,
            model,
            settings,
            options: options(num_words),
        };
    let with_dropout = TrainSettings {
        input_dropout: 0.3,
        ..course_settings()
    };
    let mut presets = vec![
        course(
            "sentiment-course-onehot-rnn",
            Tr::new("Course: SimpleRNN 8 on one-hot 300", "강의: 원-핫 300 위의 SimpleRNN 8"),
            Tr::new("Each syllable as a one-hot vector of 300 (100 × 300 = 30,000 numbers per review) into 8 RNN units; RMSprop lr 1e-4, batch 64, early stopping with patience 3.", "음절마다 길이 300의 원-핫 벡터 (리뷰 하나에 100 × 300 = 30,000개의 숫자)를 RNN 유닛 8개가 읽습니다. RMSprop 학습률 1e-4, 배치 64, 인내 3의 조기 종료."),
            review_model(CellKind::Rnn, 8, 1, None),
            300,
            course_settings(),
        ),
        course(
            "sentiment-course-embedding-rnn",
            Tr::new("Course: Embedding(300, 16) + SimpleRNN 8", "강의: Embedding(300, 16) + SimpleRNN 8"),
            Tr::new("The same RNN reading a 16-number embedding of each syllable (100 × 16 = 1,600 numbers per review).", "같은 RNN이 음절마다 16개 숫자의 단어 임베딩을 읽습니다 (리뷰 하나에 100 × 16 = 1,600개)."),
            review_model(CellKind::Rnn, 8, 1, Some(16)),
            300,
            course_settings(),
        ),
        course(
            "sentiment-course-lstm-dropout",
            Tr::new("Course: Embedding(500, 16) + LSTM 8, dropout 0.3", "강의: Embedding(500, 16) + LSTM 8, 드롭아웃 0.3"),
            Tr::new("An LSTM of 8 units on a 500-syllable vocabulary, with dropout 0.3 on its input against overfitting.", "음절 500개 어휘 위의 유닛 8개 LSTM, 과대적합을 막는 입력 드롭아웃 0.3."),
            review_model(CellKind::Lstm, 8, 1, Some(16)),
            500,
            with_dropout.clone(),
        ),
        course(
            "sentiment-course-lstm-2layers",
            Tr::new("Course: two LSTM layers of 8, dropout 0.3", "강의: LSTM 8 두 층, 드롭아웃 0.3"),
            Tr::new("Two stacked LSTM layers: dropout 0.3 on the input and 0.3 between the layers.", "LSTM 층 두 개를 쌓습니다: 입력에 드롭아웃 0.3, 층 사이에 0.3."),
            review_model(CellKind::Lstm, 8, 2, Some(16)),
            500,
            TrainSettings {
                dropout: 0.3,
                ..with_dropout
            },
        ),
        course(
            "sentiment-course-gru",
            Tr::new("Course: Embedding(500, 16) + GRU 8", "강의: Embedding(500, 16) + GRU 8"),
            Tr::new("A GRU of 8 units: as many parameters in Keras and PyTorch (624 for the recurrent layer).", "유닛 8개의 GRU: 케라스와 PyTorch의 파라미터 수가 같습니다 (순환층 624개)."),
            review_model(CellKind::Gru, 8, 1, Some(16)),
            500,
            course_settings(),
        ),
        Preset {
            id: "sentiment-fast-lstm".into(),
            name: Bilingual::new("Fast: Embedding + LSTM 8, Adam", "빠르게: 임베딩 + LSTM 8, Adam"),
            description: Bilingual::new(
                "Embedding(500, 16) and 8 LSTM units trained with Adam lr 0.01: about 75% on the test reviews within a few epochs; early stopping keeps the best epoch.",
                "Embedding(500, 16)과 LSTM 유닛 8개를 Adam 학습률 0.01로 훈련: 몇 에포크 만에 테스트 리뷰의 약 75%; 조기 종료가 최상의 에포크를 남깁니다.",
            ),
            lesson: LessonId::Sentiment,
            from_course: false,
            model: review_model(CellKind::Lstm, 8, 1, Some(16)),
            settings: TrainSettings {
                batch_size: 64,
                epochs: 12,
                early_stopping: Some(EarlyStopping {
                    patience: 3,
                    min_delta: 0.0,
                }),
                ..TrainSettings::adam(1e-2)
            },
            options: options(500),
        },
        Preset {
            id: "sentiment-overfit-lstm".into(),
            name: Bilingual::new(
                "Small set: LSTM 8 overfits 1,000 reviews",
                "작은 데이터: 리뷰 1,000개에 과대적합하는 LSTM 8",
            ),
            description: Bilingual::new(
                "The fast model on the first 1,000 training reviews only (200 of them held out for validation), Adam lr 0.01: the training loss keeps falling while the validation loss turns up after a few epochs; early stopping (patience 6) then ends the run and restores the best epoch. Not a course setting: made to show overfitting within seconds.",
                "빠른 모델을 처음 1,000개 훈련 리뷰(그중 200개는 검증용)로만 Adam 학습률 0.01로 학습: 훈련 손실은 계속 줄지만 검증 손실은 몇 에포크 뒤 다시 올라갑니다. 그러면 조기 종료(인내 6)가 실행을 끝내고 가장 좋았던 에포크로 돌아갑니다. 강의 설정이 아니라 몇 초 만에 과대적합을 보이려고 만든 설정입니다.",
            ),
            lesson: LessonId::Sentiment,
            from_course: false,
            model: review_model(CellKind::Lstm, 8, 1, Some(16)),
            settings: TrainSettings {
                batch_size: 64,
                epochs: 30,
                early_stopping: Some(EarlyStopping {
                    patience: 6,
                    min_delta: 0.0,
                }),
                ..TrainSettings::adam(1e-2)
            },
            options: LessonOptions::Sentiment(SentimentOptions {
                train_limit: Some(1000),
                ..SentimentOptions::default()
            }),
        },
    ];
    // The lesson opens on the fast model: its point (about 75% of the test reviews) within
    // seconds; the course's own presets, minutes each at RMSprop lr 1e-4, are one click away.
    let fast = presets.remove(5);
    presets.insert(0, fast);
    presets
}
