//! The character model: next-character prediction on one text (many-to-many).
//!
//! The text is wrapped in start and end tokens (`⟨s⟩ h e l l o … ! ⟨e⟩`); at step t the
//! network reads symbol t and is trained to output symbol t+1. Short texts train as one
//! sequence (one update per epoch, as in the course); long texts are cut into windows that
//! follow each other, trained in mini-batches (truncated BPTT at the window edges).
//!
//! The course's RNN is a hand-written cell whose output layer reads `[x_t; h_{t-1}]`
//! ([`CellKind::Course`], only in this lesson: the preset `char-course-cell`); the other course
//! presets use `nn.RNN` with a linear head on `h_t` (the same model family as the LSTM and GRU
//! presets). Both memorise the sentence in 1000 epochs. The course's cell generates as tutorial
//! 01 does: its raw output is the next input (not the one-hot vector of the chosen symbol).

mod python;
mod tour;
use super::lesson::no_corpus;
use super::CorpusSize;
use super::{argmax, eval_batches, softmax, top_k, Batch, BatchInput, LessonId, LessonOptions};
use super::{AutoWindow, InputEncoding, Leak, Metrics, Preset, Split};
use super::{DataFile, Example, ExamplePicker, ExampleRef, Lesson, LessonInfo, ViewContext};
use crate::data::char_text::{one_hot_batch, DEFAULT_TEXT};
use crate::data::{Alphabet, DataError, EncodedText, TextWindows};
use crate::nn::{
    CellKind, ForwardOptions, Head, InitialState, Loss, Network, NetworkConfig, StepOutput, Target,
};
use crate::train::{TrainError, TrainSettings};
use crate::ui::i18n::{Bilingual, Tr};
use ndarray::{s, Array2, ArrayD, Axis};
use rand::Rng;
use serde::{Deserialize, Serialize};

/// Why the lesson refuses a bidirectional network (the controls show it beside the disabled
/// box; links, saved sessions and model files get it as a notice).
pub const BIDIRECTIONAL_LEAK: Tr = Tr::new(
    "A bidirectional network reads the sequence backwards too, so at each step it has already seen the character it must predict: the loss falls to zero by copying. Next-character prediction needs a one-directional network.",
    "양방향 신경망은 시퀀스를 거꾸로도 읽으므로, 각 타임스텝에서 예측해야 할 글자를 이미 본 상태입니다. 손실은 베끼기만으로 0까지 떨어집니다. 다음 글자 예측에는 한 방향 신경망이 필요합니다.",
);

/// Texts with more steps than this train on windows when no window is set.
pub const AUTO_WINDOW_ABOVE: usize = 256;
/// The window used then.
pub const AUTO_WINDOW: usize = 64;
/// Longest generation.
pub const MAX_GENERATE: usize = 2_000;
/// Most steps one inspection traces.
pub const MAX_INSPECT_STEPS: usize = 512;

/// The character model's loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CharLoss {
    /// The course: MSE between the output and the next symbol's one-hot vector, summed over
    /// timesteps (each step's loss is a mean over the vocabulary).
    #[default]
    MseSumT,
    /// Cross-entropy on logits, averaged over steps.
    CrossEntropy,
}

/// Which alphabet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AlphabetChoice {
    /// `abcdefghijklmnopqrstuvwxyz ?!.,:;` + start + end (35 symbols).
    #[default]
    Course,
    /// The distinct characters of the text (any script), sorted.
    FromText,
    /// These characters, in this order.
    Custom {
        /// The characters.
        chars: String,
    },
}

/// Options of the character lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CharOptions {
    /// The text to memorise (at least 2 characters).
    pub text: String,
    /// The alphabet.
    pub alphabet: AlphabetChoice,
    /// MSE (course) or cross-entropy.
    pub loss: CharLoss,
    /// Train on windows of this many steps (`None`: the whole text, or windows of
    /// [`AUTO_WINDOW`] when it has more than [`AUTO_WINDOW_ABOVE`] steps).
    pub window: Option<usize>,
}

impl CharOptions {
    /// The window length training uses for a text of `steps` timesteps: the chosen one, or
    /// the whole text, or [`AUTO_WINDOW`] above [`AUTO_WINDOW_ABOVE`] steps.
    pub fn train_window(&self, steps: usize) -> usize {
        match self.window {
            Some(w) => w,
            None if steps > AUTO_WINDOW_ABOVE => AUTO_WINDOW,
            None => steps,
        }
    }
}

impl Default for CharOptions {
    fn default() -> Self {
        CharOptions {
            text: DEFAULT_TEXT.to_string(),
            alphabet: AlphabetChoice::Course,
            loss: CharLoss::MseSumT,
            window: None,
        }
    }
}

/// The prepared character lesson.
#[derive(Debug, Clone)]
pub struct CharData {
    /// The options it was built from.
    pub options: CharOptions,
    /// The encoded text.
    pub text: EncodedText,
    /// Training windows (one window = the whole text for short texts).
    pub windows: TextWindows,
    /// The input encoding of the model in use (set by [`CharData::fit_model`]'s caller via
    /// [`CharData::set_encoding`]).
    pub encoding: InputEncoding,
}

/// One candidate next symbol.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Symbol id.
    pub id: usize,
    /// Visible label (`␣`, `⟨e⟩`, …).
    pub label: String,
    /// Probability.
    pub p: f32,
}

/// What the model predicts at one step of a known text (inspection).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CharStep {
    /// Time index within the inspected span.
    pub t: usize,
    /// The symbol read.
    pub input: String,
    /// The symbol that should come next.
    pub target: String,
    /// The most likely next symbol.
    pub predicted: String,
    /// Whether it is the target.
    pub correct: bool,
    /// The five most likely next symbols.
    pub top5: Vec<Candidate>,
}

/// How to pick the next character.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Sampling {
    /// The most likely one.
    #[default]
    Greedy,
    /// Drawn from the probabilities sharpened (T < 1) or flattened (T > 1), seeded.
    Temperature {
        /// Temperature T > 0.
        temperature: f64,
        /// Seed of the draws.
        seed: u64,
    },
}

/// Generation settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GenerateOptions {
    /// Text fed after the start token before generating (may be empty).
    pub prompt: String,
    /// Most characters to generate (stops earlier at the end token).
    pub max_len: usize,
    /// Greedy or sampled.
    pub sampling: Sampling,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            prompt: String::new(),
            max_len: 200,
            sampling: Sampling::Greedy,
        }
    }
}

/// One generated character.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeneratedStep {
    /// The symbol fed at this step.
    pub input: String,
    /// The symbol chosen.
    pub chosen: String,
    /// Its id.
    pub chosen_id: usize,
    /// Its probability.
    pub p: f32,
    /// The five most likely next symbols.
    pub top5: Vec<Candidate>,
}

/// A generated text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Generation {
    /// The prompt.
    pub prompt: String,
    /// The generated characters (after the prompt, without the end token).
    pub text: String,
    /// Whether the end token was produced.
    pub ended: bool,
    /// Each generated step.
    pub steps: Vec<GeneratedStep>,
}

/// What the character lesson's view asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CharRequest {
    /// Generate from the start token or a prompt.
    Generate(GenerateOptions),
}

/// The character lesson's view answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CharAnswer {
    /// A generated text.
    Generated(Generation),
}

/// Per-step predictions along the inspected text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CharDetail {
    /// One per step.
    pub steps: Vec<CharStep>,
}

impl Lesson for CharData {
    type Options = CharOptions;
    type Corpus = ();
    type ViewRequest = CharRequest;
    type View = CharAnswer;
    type Detail = CharDetail;

    fn info() -> LessonInfo {
        LessonInfo {
            title: Tr::new("Character model", "문자 모델"),
            example: Tr::new("the whole text", "텍스트 전체"),
            data: Tr::new("text", "텍스트"),
            accuracy: false,
            tokens: true,
            input_band: false,
            compare_updates: 300,
            cells: &CellKind::EVERY,
        }
    }

    fn presets() -> Vec<Preset> {
        presets()
    }

    fn tour() -> Vec<crate::ui::tour::TourStep> {
        tour::steps()
    }

    fn parse_corpus(files: &[DataFile]) -> Result<(), DataError> {
        no_corpus(files)
    }

    fn prepare(options: CharOptions, _: &()) -> Result<CharData, TrainError> {
        CharData::new(options)
    }

    fn options(&self) -> CharOptions {
        self.options.clone()
    }

    /// Per-step head, V outputs; one-hot input (`input_size` V) unless the model asks for an
    /// embedding (`vocab_size` set: `Embedding(V, input_size)`). The course's cell is tutorial
    /// 01's module whatever else the controls hold: one layer, one-hot input, no input dropout
    /// (a second direction stays, for [`Lesson::leak`] to refuse).
    fn fit_model(&self, model: &NetworkConfig) -> NetworkConfig {
        let v = self.alphabet().len();
        if model.cell.is_course() {
            return NetworkConfig {
                input_size: v,
                vocab_size: None,
                output_size: v,
                num_layers: 1,
                // kept: a bidirectional char model is refused as a leak (`leak`)
                bidirectional: model.bidirectional,
                nonlinearity: crate::nn::Nonlinearity::Tanh,
                input_dropout: 0.0,
                head: Head::PerStep,
                seq_len: None,
                sigmoid_output: false,
                ..model.clone()
            };
        }
        let (input_size, vocab_size) = match InputEncoding::of(model) {
            InputEncoding::OneHot => (v, None),
            InputEncoding::Embedding { dim } => (dim, Some(v)),
        };
        NetworkConfig {
            input_size,
            vocab_size,
            output_size: v,
            head: Head::PerStep,
            seq_len: None,
            sigmoid_output: false,
            ..model.clone()
        }
    }

    /// A bidirectional network reads step t+1 (the answer at step t) on its way back.
    fn leak(_: &CharOptions, model: &NetworkConfig) -> Option<Leak> {
        model.bidirectional.then(|| Leak {
            reason: Bilingual::new(BIDIRECTIONAL_LEAK.en, BIDIRECTIONAL_LEAK.ko),
            without: NetworkConfig {
                bidirectional: false,
                ..model.clone()
            },
        })
    }

    fn python_data(
        options: &Self::Options,
        model: &NetworkConfig,
        validation: bool,
        _corpus: Option<CorpusSize>,
    ) -> Option<crate::ui::code::data::DataCode> {
        Some(python::char_code(options, model, validation))
    }

    fn adopt_model(&mut self, fitted: &NetworkConfig) {
        self.set_encoding(InputEncoding::of(fitted));
    }

    fn loss(options: &CharOptions) -> Loss {
        match options.loss {
            CharLoss::MseSumT => Loss::MseSumT,
            CharLoss::CrossEntropy => Loss::CrossEntropy,
        }
    }

    fn auto_window() -> Option<AutoWindow> {
        Some(AutoWindow {
            above: AUTO_WINDOW_ABOVE,
            window: AUTO_WINDOW,
        })
    }

    fn train_len(&self) -> usize {
        self.windows.len()
    }

    fn train_batch(&self, indices: &[usize]) -> Result<Batch, TrainError> {
        self.batch(indices)
    }

    /// Loss and next-character accuracy over all windows: the text is the lesson's only
    /// split, its training split.
    fn evaluate(&self, net: &Network<f32>, split: Split) -> Result<Option<Metrics>, TrainError> {
        if split != Split::Train {
            return Ok(None);
        }
        let idx: Vec<usize> = (0..self.windows.len()).collect();
        let chunks = idx.chunks(256).map(|c| self.batch(c));
        eval_batches(net, <Self as Lesson>::loss(&self.options), chunks).map(Some)
    }

    fn monitor_split(&self) -> Split {
        Split::Train
    }

    fn picker(&self) -> ExamplePicker {
        ExamplePicker {
            split: Split::Train,
            count: 1,
            default: ExampleRef::Span {
                start: 0,
                len: None,
            },
        }
    }

    fn example(&self, _: &Network<f32>, example: &ExampleRef) -> Result<Example, TrainError> {
        let ExampleRef::Span { start, len } = example else {
            return Err(TrainError::WrongLesson(
                "the character lesson inspects spans of its text".into(),
            ));
        };
        let (batch, inputs, _) = self.span(*start, *len)?;
        Ok(Example {
            batch,
            time_labels: inputs.iter().map(|&i| self.label(i)).collect(),
            input_names: Vec::new(),
        })
    }

    fn detail(
        &self,
        _: &Network<f32>,
        example: &ExampleRef,
        _: &Example,
        out: &StepOutput<f32>,
    ) -> Result<CharDetail, TrainError> {
        let ExampleRef::Span { start, len } = example else {
            return Err(TrainError::WrongLesson("not a span of the text".into()));
        };
        let (_, inputs, targets) = self.span(*start, *len)?;
        Ok(CharDetail {
            steps: self.step_views(&out.forward.head_output, &inputs, &targets),
        })
    }

    fn view(&self, cx: ViewContext<'_>, request: &CharRequest) -> Result<CharAnswer, TrainError> {
        match request {
            CharRequest::Generate(opts) => self.generate(cx.net, opts).map(CharAnswer::Generated),
        }
    }
}

impl CharData {
    /// Builds the alphabet, encodes the text (naming any character outside the alphabet) and
    /// cuts the training windows.
    pub fn new(options: CharOptions) -> Result<CharData, TrainError> {
        let alphabet = match &options.alphabet {
            AlphabetChoice::Course => Alphabet::course(),
            AlphabetChoice::FromText => Alphabet::from_text(&options.text)?,
            AlphabetChoice::Custom { chars } => Alphabet::from_chars(chars)?,
        };
        let text = EncodedText::new(&alphabet, &options.text)?;
        let window = options.train_window(text.steps());
        let windows = text.windows(window, window)?;
        Ok(CharData {
            options,
            text,
            windows,
            encoding: InputEncoding::OneHot,
        })
    }

    /// The alphabet.
    pub fn alphabet(&self) -> &Alphabet {
        self.text.alphabet()
    }

    /// Batches use this encoding from now on (the session calls it with its model's).
    pub fn set_encoding(&mut self, encoding: InputEncoding) {
        self.encoding = encoding;
    }

    fn input_of(&self, ids: Array2<usize>) -> Result<BatchInput, TrainError> {
        Ok(match self.encoding {
            InputEncoding::OneHot => {
                BatchInput::Dense(one_hot_batch(ids.view(), self.alphabet().len())?)
            }
            InputEncoding::Embedding { .. } => BatchInput::Tokens(ids),
        })
    }

    fn target_of(&self, ids: Array2<usize>) -> Result<Target<f32>, TrainError> {
        Ok(match self.options.loss {
            CharLoss::MseSumT => {
                Target::Dense(one_hot_batch::<f32>(ids.view(), self.alphabet().len())?.into_dyn())
            }
            CharLoss::CrossEntropy => Target::Classes(ids.into_dyn()),
        })
    }

    fn ids_batch(
        &self,
        inputs: Array2<usize>,
        targets: Array2<usize>,
    ) -> Result<Batch, TrainError> {
        Ok(Batch {
            input: self.input_of(inputs)?,
            target: self.target_of(targets)?,
        })
    }

    /// Windows at `indices`: input `[b, k(, V)]`, target one-hot `[b, k, V]` or ids `[b, k]`.
    pub fn batch(&self, indices: &[usize]) -> Result<Batch, TrainError> {
        if let Some(&i) = indices.iter().find(|&&i| i >= self.windows.len()) {
            return Err(crate::data::DataError::IndexOutOfRange {
                index: i,
                len: self.windows.len(),
            }
            .into());
        }
        self.ids_batch(
            self.windows.inputs().select(Axis(0), indices),
            self.windows.targets().select(Axis(0), indices),
        )
    }

    /// Steps `start..start+len` of the text (`len` clipped to the text and to
    /// [`MAX_INSPECT_STEPS`]) as a batch of one, with the input and target ids.
    pub fn span(
        &self,
        start: usize,
        len: Option<usize>,
    ) -> Result<(Batch, Vec<usize>, Vec<usize>), TrainError> {
        let steps = self.text.steps();
        if start >= steps {
            return Err(TrainError::invalid(
                "start",
                format!("step {start} is past the end of the text ({steps} steps)"),
            ));
        }
        let len = len
            .unwrap_or(steps - start)
            .clamp(1, MAX_INSPECT_STEPS)
            .min(steps - start);
        let inp = self.text.inputs()[start..start + len].to_vec();
        let tgt = self.text.targets()[start..start + len].to_vec();
        let batch = self.ids_batch(
            Array2::from_shape_vec((1, len), inp.clone()).expect("1 × len"),
            Array2::from_shape_vec((1, len), tgt.clone()).expect("1 × len"),
        )?;
        Ok((batch, inp, tgt))
    }

    /// Visible label of a symbol id.
    pub fn label(&self, id: usize) -> String {
        self.alphabet()
            .symbol(id)
            .map_or_else(|| format!("#{id}"), |s| s.label())
    }

    /// Probabilities of the next symbol from one step's output: softmax of the logits
    /// (cross-entropy), or the MSE output itself read as a one-hot estimate (negative parts
    /// clipped, normalised; uniform when nothing is positive).
    pub fn probabilities(&self, output: &[f32]) -> Vec<f32> {
        match self.options.loss {
            CharLoss::CrossEntropy => softmax(output),
            CharLoss::MseSumT => {
                let clipped: Vec<f32> = output
                    .iter()
                    .map(|&v| if v.is_finite() { v.max(0.0) } else { 0.0 })
                    .collect();
                let s: f32 = clipped.iter().sum();
                if s > 0.0 {
                    clipped.iter().map(|v| v / s).collect()
                } else {
                    vec![1.0 / output.len().max(1) as f32; output.len()]
                }
            }
        }
    }

    fn top5(&self, p: &[f32]) -> Vec<Candidate> {
        top_k(p, 5)
            .into_iter()
            .map(|id| Candidate {
                id,
                label: self.label(id),
                p: p[id],
            })
            .collect()
    }

    /// Per-step predictions for a span from the head output `[1, T, V]`.
    pub fn step_views(
        &self,
        head: &ArrayD<f32>,
        inputs: &[usize],
        targets: &[usize],
    ) -> Vec<CharStep> {
        let Ok(y) = head.view().into_dimensionality::<ndarray::Ix3>() else {
            return Vec::new();
        };
        (0..inputs.len().min(y.dim().1))
            .map(|t| {
                let row: Vec<f32> = y.slice(s![0, t, ..]).to_vec();
                let p = self.probabilities(&row);
                let pred = argmax(&row);
                CharStep {
                    t,
                    input: self.label(inputs[t]),
                    target: self.label(targets[t]),
                    predicted: self.label(pred),
                    correct: pred == targets[t],
                    top5: self.top5(&p),
                }
            })
            .collect()
    }

    fn dense_or_tokens(&self, ids: &[usize]) -> Result<BatchInput, TrainError> {
        self.input_of(Array2::from_shape_vec((1, ids.len()), ids.to_vec()).expect("1 × n"))
    }

    /// Generates text after the start token and `prompt`: greedy or sampled with a
    /// temperature, stopping at the end token or after `max_len` characters, with the top-5
    /// next-character probabilities at every step. Eval mode, no side effects.
    pub fn generate(
        &self,
        net: &Network<f32>,
        opts: &GenerateOptions,
    ) -> Result<Generation, TrainError> {
        if opts.max_len > MAX_GENERATE {
            return Err(TrainError::invalid(
                "max_len",
                format!(
                    "{}: generate at most {MAX_GENERATE} characters",
                    opts.max_len
                ),
            ));
        }
        let mut rng = match opts.sampling {
            Sampling::Greedy => None,
            Sampling::Temperature { temperature, seed } => {
                if !(temperature.is_finite() && temperature > 0.0) {
                    return Err(TrainError::invalid(
                        "temperature",
                        format!("{temperature}: use a temperature above 0, e.g. 0.8"),
                    ));
                }
                Some((crate::nn::seeded_rng(seed), temperature))
            }
        };
        let mut ids = self.alphabet().encode_prompt(&opts.prompt)?;
        // A unidirectional network carries its state; a bidirectional one must re-read the
        // whole prefix (its reverse direction depends on the future).
        let carry = net.directions() == 1;
        // The course's cell reads its own raw output next (tutorial 01: `input_ = output`).
        let feed_raw = net.cell().is_course();
        let mut raw: Option<Vec<f32>> = None;
        let mut state: Option<InitialState<f32>> = None;
        let mut fed = 0usize; // ids already folded into `state`
        let (mut text, mut steps, mut ended) = (String::new(), Vec::new(), false);
        for _ in 0..opts.max_len {
            let chunk = if carry { &ids[fed..] } else { &ids[..] };
            let input = match raw.take() {
                Some(row) => BatchInput::Dense(
                    ndarray::Array3::from_shape_vec((1, 1, row.len()), row).expect("1 × 1 × V"),
                ),
                None => self.dense_or_tokens(chunk)?,
            };
            let (out, _) = net.forward(
                input.as_input(),
                if carry { state.as_ref() } else { None },
                ForwardOptions::default(),
            )?;
            if carry {
                state = Some(InitialState {
                    h0: out.h_n.clone(),
                    c0: out.c_n.clone(),
                });
                fed = ids.len();
            }
            let y = out.head_output;
            let t_last = y.shape()[1] - 1;
            let row: Vec<f32> = y.slice(s![0, t_last, ..]).iter().copied().collect();
            let p = self.probabilities(&row);
            let chosen = match rng.as_mut() {
                None => argmax(&row),
                Some((r, temp)) => sample(&p, *temp, r),
            };
            steps.push(GeneratedStep {
                input: self.label(*ids.last().expect("never empty")),
                chosen: self.label(chosen),
                chosen_id: chosen,
                p: p[chosen],
                top5: self.top5(&p),
            });
            if chosen == self.alphabet().end() {
                ended = true;
                break;
            }
            if let Some(crate::data::Symbol::Char(c)) = self.alphabet().symbol(chosen) {
                text.push(c);
            }
            ids.push(chosen);
            if feed_raw {
                raw = Some(row);
            }
        }
        Ok(Generation {
            prompt: opts.prompt.clone(),
            text,
            ended,
            steps,
        })
    }

    /// Greedy generation from the start token, at most one character more than the text.
    /// `memorised` is true when it reproduces the text exactly and then stops (end token).
    pub fn memorised(&self, net: &Network<f32>) -> Result<(bool, Generation), TrainError> {
        let target = self.text.text();
        let g = self.generate(
            net,
            &GenerateOptions {
                prompt: String::new(),
                max_len: (target.chars().count() + 1).min(MAX_GENERATE),
                sampling: Sampling::Greedy,
            },
        )?;
        Ok((g.text == target && g.ended, g))
    }
}

/// Draws an index with probabilities `p^(1/T)` renormalised (= softmax(logits / T) for
/// cross-entropy outputs).
fn sample(p: &[f32], temperature: f64, rng: &mut crate::nn::Rng64) -> usize {
    let w: Vec<f64> = p
        .iter()
        .map(|&v| f64::from(v.max(0.0)).powf(1.0 / temperature))
        .collect();
    let total: f64 = w.iter().sum();
    if !(total.is_finite() && total > 0.0) {
        return argmax(p);
    }
    let mut u = rng.random::<f64>() * total;
    for (i, &wi) in w.iter().enumerate() {
        if u < wi {
            return i;
        }
        u -= wi;
    }
    w.iter().rposition(|&x| x > 0.0).unwrap_or(0)
}

fn char_model(cell: CellKind, hidden: usize) -> NetworkConfig {
    NetworkConfig {
        cell,
        hidden_size: hidden,
        num_layers: 1,
        head: Head::PerStep,
        ..NetworkConfig::default()
    }
}

/// The course's settings for one cell: hidden 35, one-hot, MSE summed over steps,
/// Adam lr 0.01, 1000 epochs of the whole sentence (one update per epoch).
pub fn course_settings() -> TrainSettings {
    TrainSettings {
        batch_size: 1,
        shuffle: false,
        epochs: 1000,
        eval_every: 10,
        ..TrainSettings::adam(0.01)
    }
}

/// The character-model presets.
fn presets() -> Vec<Preset> {
    let mut v = Vec::new();
    for cell in CellKind::ALL {
        let (key, name) = (cell.key(), cell.torch_name());
        // Tutorial 01 trains only its RNN on the sentence; the LSTM and GRU on it, with the
        // same settings, are the app's extension and say so.
        let course = cell == CellKind::Rnn;
        let subject = crate::ui::glossary::cell_subject(cell);
        let with = if cell == CellKind::Gru {
            "GRU로"
        } else {
            "LSTM으로"
        };
        v.push(Preset {
            id: format!("char-course-{key}"),
            name: if course {
                Bilingual::new(
                    format!("Course: {name} memorises a sentence"),
                    format!("강의: {subject} 문장을 외웁니다"),
                )
            } else {
                Bilingual::new(
                    format!("Course's sentence, with an {name} (the app's extension)"),
                    format!("강의의 문장을 {subject} 외웁니다 (앱의 확장)"),
                )
            },
            description: if course {
                Bilingual::new(
                    format!("The course's settings: {name} with 35 hidden units, one-hot input, MSE summed over timesteps, Adam lr 0.01, 1000 epochs."),
                    format!("강의의 설정: 은닉 유닛 35개의 {name}, 원-핫 입력, 타임스텝마다 더한 MSE, Adam 학습률 0.01, 1000 에포크."),
                )
            } else {
                Bilingual::new(
                    format!("The course trains only an RNN on this sentence; this is its settings with an {name} instead: 35 hidden units, one-hot input, MSE summed over timesteps, Adam lr 0.01, 1000 epochs."),
                    format!("강의는 이 문장을 RNN으로만 학습합니다. 이 프리셋은 같은 설정에서 셀만 {with} 바꾼 것입니다: 은닉 유닛 35개, 원-핫 입력, 타임스텝마다 더한 MSE, Adam 학습률 0.01, 1000 에포크."),
                )
            },
            lesson: LessonId::CharModel,
            from_course: course,
            model: char_model(cell, 35),
            settings: course_settings(),
            options: LessonOptions::CharModel(CharOptions::default()),
        });
    }
    v.push(Preset {
        id: "char-course-cell".into(),
        name: Bilingual::new(
            "Course: its own cell (i2h, i2o) memorises a sentence",
            "강의: 강의가 직접 만든 셀(i2h, i2o)이 문장을 외웁니다",
        ),
        description: Bilingual::new(
            "Tutorial 01's class as written: i2h and i2o, two nn.Linear layers on x_t joined to h_{t-1}; h_t = tanh(i2h(·)) with one bias; the output i2o(·) reads h_{t-1}, not h_t. 35 hidden units, one-hot input, MSE summed over timesteps, Adam lr 0.01, 1000 epochs; generation feeds the raw output back as the next input.",
            "튜토리얼 01의 클래스 그대로: x_t와 h_{t-1}을 이어 붙인 벡터에 두 nn.Linear 층 i2h와 i2o. h_t = tanh(i2h(·)), 편향은 하나. 출력 i2o(·)는 h_t가 아니라 h_{t-1}을 읽습니다. 은닉 유닛 35개, 원-핫 입력, 타임스텝마다 더한 MSE, Adam 학습률 0.01, 1000 에포크. 생성할 때는 출력을 그대로 다음 입력으로 넣습니다.",
        ),
        lesson: LessonId::CharModel,
        from_course: true,
        model: char_model(CellKind::Course, 35),
        settings: course_settings(),
        options: LessonOptions::CharModel(CharOptions::default()),
    });
    v.push(Preset {
        id: "char-fast-lstm".into(),
        name: Bilingual::new("Fast: LSTM memorises in seconds", "빠르게: 몇 초 만에 외우는 LSTM"),
        description: Bilingual::new(
            "LSTM with 64 hidden units and cross-entropy: memorises the sentence in about 100 epochs.",
            "은닉 유닛 64개의 LSTM과 교차 엔트로피: 100 에포크쯤에 문장을 외웁니다.",
        ),
        lesson: LessonId::CharModel,
        from_course: false,
        model: char_model(CellKind::Lstm, 64),
        settings: TrainSettings {
            epochs: 150,
            eval_every: 5,
            ..TrainSettings {
                batch_size: 1,
                shuffle: false,
                ..TrainSettings::adam(0.02)
            }
        },
        options: LessonOptions::CharModel(CharOptions {
            loss: CharLoss::CrossEntropy,
            ..CharOptions::default()
        }),
    });
    v.push(Preset {
        id: "char-own-text-gru".into(),
        name: Bilingual::new("Your text: GRU with an embedding", "내 텍스트: 임베딩을 쓰는 GRU"),
        description: Bilingual::new(
            "Any text (upper case, digits, Hangul…): the alphabet comes from the text, characters enter through a 16-dimensional embedding, windows of 64 steps.",
            "어떤 텍스트든 (대문자, 숫자, 한글…): 알파벳은 텍스트에서 만들고, 문자는 16차원 단어 임베딩으로 들어가며, 64 스텝씩 잘라 학습합니다.",
        ),
        lesson: LessonId::CharModel,
        from_course: false,
        model: InputEncoding::Embedding { dim: 16 }.apply(&char_model(CellKind::Gru, 96)),
        settings: TrainSettings {
            batch_size: 8,
            epochs: 300,
            eval_every: 5,
            clip_grad_norm: Some(5.0),
            ..TrainSettings::adam(0.01)
        },
        options: LessonOptions::CharModel(CharOptions {
            alphabet: AlphabetChoice::FromText,
            loss: CharLoss::CrossEntropy,
            window: Some(64),
            ..CharOptions::default()
        }),
    });
    v
}
