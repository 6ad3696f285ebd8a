//! The page's state and the reducer that changes it, as plain Rust: everything the page
//! draws is here. `app::state` hands [`reduce`] to yew; native tests cover every arm.

use std::rc::Rc;

use crate::lessons::{self, CorpusSize, ExamplePicker, LessonId, LessonOptions, Preset, View};
use crate::nn::NetworkConfig;
use crate::train::history::Series;
use crate::train::report::{
    CompareProgress, Level, MemoryLimitProgress, ModelSummary, NewPoints, Progress, Speed,
};
use crate::train::{Inspection, TrainSettings};
use crate::ui::cores::Cores;
use crate::ui::i18n::{tr, Bilingual, Lang, Text};
use crate::ui::memory_limit::MemoryLimitView;

/// How the page sees its training worker.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerStatus {
    /// Spawned, not heard from yet.
    Connecting,
    /// Answered; `round_trip_ms` is the last ping's latency, when measured.
    Ready { round_trip_ms: Option<f64> },
    /// Speaks another protocol (an old cached worker): reload needed.
    Incompatible { protocol: u32 },
    /// Has not answered a ping for several seconds (restarted if it stays silent).
    Silent,
}

impl WorkerStatus {
    /// Its name in the page (`data-state` of the status line).
    pub fn name(&self) -> &'static str {
        match self {
            WorkerStatus::Connecting => "connecting",
            WorkerStatus::Ready { .. } => "ready",
            WorkerStatus::Incompatible { .. } => "incompatible",
            WorkerStatus::Silent => "silent",
        }
    }

    /// The status line's text, with the measured round trip when there is one.
    pub fn line(&self, lang: Lang) -> String {
        match self {
            WorkerStatus::Connecting => tr(lang, Text::WorkerStarting).to_string(),
            WorkerStatus::Ready {
                round_trip_ms: Some(ms),
            } => format!(
                "{} ({} {ms:.1} ms)",
                tr(lang, Text::WorkerReady),
                tr(lang, Text::RoundTrip)
            ),
            WorkerStatus::Ready {
                round_trip_ms: None,
            } => tr(lang, Text::WorkerReady).to_string(),
            WorkerStatus::Incompatible { .. } => tr(lang, Text::WorkerOutdated).to_string(),
            WorkerStatus::Silent => tr(lang, Text::WorkerSilent).to_string(),
        }
    }
}

/// The curves drawn by the charts, bounded like the worker's history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Curves {
    pub loss: Series,
    pub grad_norm: Series,
    pub epoch_train_loss: Series,
    pub epoch_val_loss: Series,
    pub epoch_train_accuracy: Series,
    pub epoch_val_accuracy: Series,
    /// `(update, what changed)`.
    pub markers: Vec<(u64, String)>,
    /// Early stopping's best epoch so far: `(update at its end, epoch)`.
    pub best: Option<(u64, u64)>,
    /// The per-epoch series by epoch number (the charts draw them by update), for the guided
    /// lesson's checks.
    pub by_epoch: EpochCurves,
    /// The held-out curves are the test split's (the lesson has no validation split).
    pub held_out_is_test: bool,
}

impl Curves {
    /// Most markers kept (the oldest go first).
    pub const MAX_MARKERS: usize = 200;

    /// Appends a progress message's new points: per update, per epoch (by update for the
    /// charts and by epoch number for the guided lesson), early stopping's best epoch, markers.
    pub fn append(&mut self, new: &NewPoints) {
        let c = self;
        for &(x, y) in &new.loss {
            c.loss.push(x, y as f64);
        }
        for &(x, y) in &new.grad_norm {
            c.grad_norm.push(x, y as f64);
        }
        for e in &new.epochs {
            let put = |s: &mut Series, v: Option<f64>| {
                if let Some(v) = v {
                    s.push(e.update, v)
                }
            };
            let by_epoch = |s: &mut Series, v: Option<f64>| {
                if let Some(v) = v {
                    s.push(e.epoch, v)
                }
            };
            by_epoch(&mut c.by_epoch.train_loss, e.train_loss);
            by_epoch(&mut c.by_epoch.held_out_loss, e.val_loss);
            by_epoch(&mut c.by_epoch.held_out_accuracy, e.val_accuracy);
            if e.val_loss.is_some() {
                c.held_out_is_test = e.held_out_is_test;
            }
            put(&mut c.epoch_train_loss, e.train_loss);
            put(&mut c.epoch_val_loss, e.val_loss);
            put(&mut c.epoch_train_accuracy, e.train_accuracy);
            put(&mut c.epoch_val_accuracy, e.val_accuracy);
            if e.best_epoch == Some(e.epoch) {
                c.best = Some((e.update, e.epoch));
            }
        }
        c.markers.extend(new.markers.iter().cloned());
        if c.markers.len() > Curves::MAX_MARKERS {
            let extra = c.markers.len() - Curves::MAX_MARKERS;
            c.markers.drain(..extra);
        }
    }
}

/// Per-epoch series with the epoch number as x.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EpochCurves {
    pub train_loss: Series,
    pub held_out_loss: Series,
    pub held_out_accuracy: Series,
}

/// The latest answer of each kind of lesson view (each an `Rc` so components compare cheaply).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonViews(Vec<Rc<View>>);

impl LessonViews {
    /// Keeps `view`, replacing the previous answer of its kind.
    pub fn put(&mut self, view: Rc<View>) {
        self.0.retain(|v| v.slot() != view.slot());
        self.0.push(view);
    }

    /// Every kept answer.
    pub fn iter(&self) -> impl Iterator<Item = &View> {
        self.0.iter().map(|v| v.as_ref())
    }

    /// The first kept answer `pick` accepts (a lesson's view picks its own kinds).
    pub fn find<'a, T>(&'a self, pick: impl Fn(&'a View) -> Option<T>) -> Option<T> {
        self.0.iter().find_map(|v| pick(v))
    }
}

/// A lesson's data downloading.
#[derive(Clone, Debug, PartialEq)]
pub struct Loading {
    pub lesson: LessonId,
    /// File `file` of `files`.
    pub file: usize,
    pub files: usize,
    /// Bytes of this file (total 0 when unknown).
    pub done: u64,
    pub total: u64,
}

/// An RNN/LSTM/GRU comparison as the page draws it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    pub update: u64,
    pub updates: u64,
    pub done: bool,
    /// `(cell, loss curve, latest ‖∂L/∂h_t‖ by t)`.
    pub cells: Vec<(crate::nn::CellKind, Series, Vec<f32>)>,
}

impl Comparison {
    /// `previous` with a comparison message's points added; a message that does not follow
    /// it (a new comparison, or one after it finished) starts afresh.
    pub fn merged(previous: Option<&Comparison>, p: &CompareProgress) -> Comparison {
        let mut c = match previous {
            Some(c) if p.update > c.update && !c.done => c.clone(),
            _ => Comparison::default(),
        };
        for curve in &p.cells {
            let i = match c.cells.iter().position(|(k, _, _)| *k == curve.cell) {
                Some(i) => i,
                None => {
                    c.cells.push((curve.cell, Series::default(), Vec::new()));
                    c.cells.len() - 1
                }
            };
            for &(x, y) in &curve.new_losses {
                c.cells[i].1.push(x, y as f64);
            }
            c.cells[i].2 = curve.grad_by_t.clone();
        }
        (c.update, c.updates, c.done) = (p.update, p.updates, p.done);
        c
    }
}

/// Where the inside views should look, set by a tour step (applied when `generation` changes).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Focus {
    pub generation: u64,
    pub timestep: Option<usize>,
    pub unit: Option<usize>,
    pub example: Option<usize>,
}

/// A message shown to the user until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub level: Level,
    pub text: Bilingual,
}

/// Everything the page draws from.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    pub presenter: bool,
    pub show_help: bool,
    pub lesson: LessonId,
    pub preset_id: String,
    pub options: LessonOptions,
    /// The model the worker runs.
    pub model: NetworkConfig,
    /// Shape-changing edits not yet applied (applying rebuilds the model).
    pub draft: NetworkConfig,
    pub settings: TrainSettings,
    pub seed: u64,
    pub speed: Speed,
    /// How many cores training may use, and whether the page is hidden (Auto uses every core
    /// then).
    pub cores: Cores,
    pub page_hidden: bool,
    pub worker: WorkerStatus,
    pub progress: Progress,
    pub curves: Rc<Curves>,
    pub summary: Rc<ModelSummary>,
    pub notices: Vec<Notice>,
    /// While a lesson's data downloads.
    pub loading: Option<Loading>,
    /// Bumped whenever the worker must be told to (re)open the lesson.
    pub open_generation: u64,
    /// The latest traces of the followed example.
    pub inspection: Option<Rc<Inspection>>,
    /// The latest answer of each lesson view.
    pub views: LessonViews,
    /// How the inside views pick their example (from the worker, once the lesson opened).
    pub picker: Option<ExamplePicker>,
    /// The open model's training examples (the run's length in updates follows from them).
    pub train_examples: usize,
    /// The size of the corpus the open model trains on, as the worker told it.
    pub corpus: Option<CorpusSize>,
    /// How many times shipped tables arrived on the page (the series lesson's views read them
    /// through `ShippedTable::text`; a new count draws them again).
    pub tables_fetched: u32,
    /// The open model's last measured training speed (examples per second), kept while paused.
    pub measured_speed: Option<f64>,
    /// The lesson options and model the worker last opened, to return to when it refuses new
    /// ones.
    pub confirmed: Option<(LessonOptions, NetworkConfig)>,
    /// The guided lesson's current step (0-based), while it is open.
    pub tour: Option<usize>,
    /// The choice picked for the current step's question.
    pub tour_answer: Option<usize>,
    /// Where a tour step asked the inside views to look.
    pub focus: Focus,
    /// The running or finished comparison of the three cells.
    pub comparison: Option<Rc<Comparison>>,
    /// The running or finished memory-limit sweep.
    pub memory_limit: Option<Rc<MemoryLimitView>>,
    next_notice: u64,
}

/// The first preset of a lesson (every lesson has at least one).
pub fn default_preset(lesson: LessonId) -> Preset {
    lessons::presets_for(lesson)
        .into_iter()
        .next()
        .expect("every lesson has a preset")
}

impl AppState {
    /// The state for a lesson's preset, before the worker has answered.
    pub fn with_preset(preset: Preset) -> AppState {
        AppState {
            lang: Lang::default(),
            presenter: false,
            show_help: false,
            lesson: preset.lesson,
            preset_id: preset.id,
            options: preset.options,
            draft: preset.model.clone(),
            model: preset.model,
            settings: preset.settings,
            seed: 1,
            speed: Speed::Max,
            cores: Cores::Auto,
            page_hidden: false,
            worker: WorkerStatus::Connecting,
            progress: Progress::default(),
            curves: Rc::default(),
            summary: Rc::default(),
            notices: Vec::new(),
            loading: None,
            open_generation: 0,
            inspection: None,
            views: LessonViews::default(),
            picker: None,
            train_examples: 0,
            corpus: None,
            tables_fetched: 0,
            measured_speed: None,
            confirmed: None,
            tour: None,
            tour_answer: None,
            focus: Focus::default(),
            comparison: None,
            memory_limit: None,
            next_notice: 0,
        }
    }

    /// Whether structural edits wait to be applied.
    pub fn rebuild_pending(&self) -> bool {
        self.draft != self.model
    }

    /// The state after opening `preset`: what belongs to the page (language, presenter mode,
    /// worker, seed) stays; a guided tour stays open within the same lesson.
    fn reopened(&self, preset: Preset) -> AppState {
        let same_lesson = preset.lesson == self.lesson;
        let mut next = AppState {
            next_notice: self.next_notice,
            ..AppState::with_preset(preset)
        };
        (next.lang, next.presenter, next.worker, next.seed) =
            (self.lang, self.presenter, self.worker.clone(), self.seed);
        if same_lesson {
            next.tour = self.tour;
            next.focus = self.focus.clone();
        }
        next.open_generation = self.open_generation + 1;
        next
    }

    /// The state after showing step `n` of the lesson's guided tour ([`Action::TourStep`]).
    fn at_tour_step(&self, n: usize) -> AppState {
        let mut next = self.clone();
        let steps = next.lesson.tour();
        if let Some(step) = steps.get(n) {
            // A step opens its preset by itself only over an untrained model; over a
            // trained one the card offers a button instead (nothing is replaced unasked).
            let untrained = self.progress.update == 0 && !self.progress.running;
            if let Some(id) = step
                .set
                .preset
                .filter(|id| *id != next.preset_id && untrained)
            {
                if let Some(p) = lessons::preset(id).filter(|p| p.lesson == next.lesson) {
                    next = self.reopened(p);
                }
            }
            next.tour = Some(n);
            next.tour_answer = None;
            if step.set.timestep.is_some() || step.set.unit.is_some() || step.set.example.is_some()
            {
                next.focus = Focus {
                    generation: self.focus.generation + 1,
                    timestep: step.set.timestep,
                    unit: step.set.unit,
                    example: step.set.example,
                };
            }
        }
        next
    }

    fn notify(&mut self, level: Level, text: Bilingual) {
        // The same text twice in a row is shown once.
        if self.notices.last().is_some_and(|n| n.text == text) {
            return;
        }
        self.next_notice += 1;
        self.notices.push(Notice {
            id: self.next_notice,
            level,
            text,
        });
        if self.notices.len() > 5 {
            self.notices.remove(0);
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::with_preset(default_preset(LessonId::default()))
    }
}

/// What can happen to [`AppState`].
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    TogglePresenter,
    ToggleHelp,
    SelectLesson(LessonId),
    SelectPreset(String),
    /// Edit the model (takes effect on [`Action::ApplyModel`]).
    EditModel(NetworkConfig),
    ApplyModel,
    DiscardModelEdits,
    SetSettings(TrainSettings),
    /// Lesson options (text, encoding, loss…): the model is rebuilt.
    SetOptions(LessonOptions),
    SetSeed(u64),
    SetSpeed(Speed),
    SetCores(Cores),
    /// The page was hidden (true) or shown again.
    PageHidden(bool),
    /// The worker answered, speaking the page's protocol.
    WorkerReady,
    /// The worker speaks another protocol (`protocol`): an old cached worker.
    WorkerIncompatible {
        protocol: u32,
    },
    WorkerPong {
        round_trip_ms: f64,
    },
    /// The worker stopped answering pings (true) or answers again (false).
    WorkerSilent(bool),
    Loading(Loading),
    Opened {
        summary: ModelSummary,
        model: NetworkConfig,
        seed: u64,
        picker: ExamplePicker,
        examples: usize,
        corpus: Option<CorpusSize>,
    },
    /// The worker refused to open what was asked; the page returns to what is open.
    OpenRefused,
    /// Show step `n` of the lesson's guided tour (and set what it sets).
    TourStep(usize),
    /// Leave the guided tour (the controls were never blocked).
    TourClose,
    /// The class picked an answer to the step's question.
    TourAnswer(usize),
    Inspection(Rc<Inspection>),
    View(Rc<View>),
    Compare(Box<CompareProgress>),
    MemoryLimit(Box<MemoryLimitProgress>),
    Progress(Progress),
    Notify {
        level: Level,
        text: Bilingual,
    },
    Dismiss(u64),
    /// Shipped series tables arrived on the page.
    TablesFetched,
}

/// The state after `action`: `state` itself is not changed (yew keeps the old one until the
/// page re-renders).
pub fn reduce(state: &AppState, action: Action) -> AppState {
    let mut next = state.clone();
    match action {
        Action::SetLang(lang) => next.lang = lang,
        Action::TogglePresenter => next.presenter = !next.presenter,
        Action::ToggleHelp => next.show_help = !next.show_help,
        Action::SelectLesson(lesson) => {
            if lesson != next.lesson {
                next = state.reopened(default_preset(lesson));
            }
        }
        Action::SelectPreset(id) => {
            if let Some(p) = lessons::preset(&id) {
                next = state.reopened(p);
            }
        }
        Action::EditModel(cfg) => next.draft = cfg,
        Action::ApplyModel => {
            if next.rebuild_pending() {
                next.model = next.draft.clone();
                next.open_generation += 1;
            }
        }
        Action::DiscardModelEdits => next.draft = next.model.clone(),
        Action::SetSettings(s) => next.settings = s,
        Action::SetOptions(o) => {
            next.options = o;
            next.open_generation += 1;
        }
        Action::SetSeed(seed) => {
            next.seed = seed;
            next.open_generation += 1;
        }
        Action::SetSpeed(speed) => next.speed = speed,
        Action::SetCores(cores) => next.cores = cores,
        Action::PageHidden(hidden) => next.page_hidden = hidden,
        Action::WorkerIncompatible { protocol } => {
            next.worker = WorkerStatus::Incompatible { protocol };
        }
        Action::WorkerReady => {
            if !matches!(next.worker, WorkerStatus::Ready { .. }) {
                next.worker = WorkerStatus::Ready {
                    round_trip_ms: None,
                };
            }
        }
        Action::WorkerPong { round_trip_ms } => {
            if !matches!(next.worker, WorkerStatus::Incompatible { .. }) {
                next.worker = WorkerStatus::Ready {
                    round_trip_ms: Some(round_trip_ms),
                };
            }
        }
        Action::WorkerSilent(true) => next.worker = WorkerStatus::Silent,
        Action::WorkerSilent(false) => {
            if next.worker == WorkerStatus::Silent {
                next.worker = WorkerStatus::Ready {
                    round_trip_ms: None,
                };
            }
        }
        Action::Loading(l) => next.loading = Some(l),
        Action::Opened {
            summary,
            model,
            seed,
            picker,
            examples,
            corpus,
        } => {
            next.loading = None;
            next.picker = Some(picker);
            next.train_examples = examples;
            next.corpus = corpus;
            next.measured_speed = None;
            next.confirmed = Some((next.options.clone(), model.clone()));
            if !next.rebuild_pending() {
                next.draft = model.clone();
            }
            next.model = model;
            next.summary = Rc::new(summary);
            next.seed = seed;
            next.curves = Rc::default();
            next.progress = Progress::default();
        }
        Action::Progress(p) => {
            if let Some(v) = p.examples_per_second.filter(|v| *v > 0.0) {
                next.measured_speed = Some(v);
            }
            if !p.new.loss.is_empty() || !p.new.epochs.is_empty() || !p.new.markers.is_empty() {
                Rc::make_mut(&mut next.curves).append(&p.new);
            }
            next.progress = Progress {
                new: Default::default(),
                ..p
            };
        }
        Action::TourStep(n) => next = state.at_tour_step(n),
        Action::TourClose => {
            next.tour = None;
            next.tour_answer = None;
        }
        Action::TourAnswer(choice) => next.tour_answer = Some(choice),
        Action::OpenRefused => {
            next.loading = None;
            if let Some((options, model)) = next.confirmed.clone() {
                next.lesson = options.lesson();
                next.options = options;
                next.draft = model.clone();
                next.model = model;
            }
        }
        Action::Inspection(i) => next.inspection = Some(i),
        Action::Compare(p) => {
            let merged = Comparison::merged(next.comparison.as_deref(), &p);
            next.comparison = Some(Rc::new(merged));
        }
        Action::MemoryLimit(p) => {
            let merged = MemoryLimitView::merged(next.memory_limit.as_deref(), &p);
            next.memory_limit = Some(Rc::new(merged));
        }
        Action::View(v) => next.views.put(v),
        Action::Notify { level, text } => next.notify(level, text),
        Action::Dismiss(id) => next.notices.retain(|n| n.id != id),
        Action::TablesFetched => next.tables_fetched += 1,
    }
    next
}

// ---- what the browser keeps ------------------------------------------------------------------

use crate::ui::saved::SavedSession;

impl AppState {
    /// The state of a saved session (its model file is restored separately, by the worker).
    pub fn from_saved(saved: &SavedSession) -> AppState {
        let preset = lessons::preset(&saved.preset_id)
            .filter(|p| p.lesson == saved.lesson)
            .unwrap_or_else(|| default_preset(saved.lesson));
        let mut s = AppState::with_preset(preset);
        s.options = saved.options.clone();
        s.model = saved.model.clone();
        s.draft = saved.model.clone();
        s.settings = saved.settings.clone();
        s.seed = saved.seed;
        s
    }

    /// What to keep for a reload.
    pub fn to_saved(&self) -> SavedSession {
        SavedSession {
            lesson: self.lesson,
            preset_id: self.preset_id.clone(),
            options: self.options.clone(),
            model: self.model.clone(),
            settings: self.settings.clone(),
            seed: self.seed,
        }
    }
}

// ---- the shareable link -----------------------------------------------------------------------

use crate::lessons::InputEncoding;
use crate::train::{optimizer_lr, with_lr};
use crate::ui::tour::preset_at;
use crate::ui::url::{EncodingChoice, ShareState};

impl AppState {
    /// The state a link describes: its lesson and preset, then its overrides.
    pub fn from_share(share: &ShareState) -> AppState {
        let lesson = share.lesson.unwrap_or_default();
        // A link to a tour step without a preset opens the one that step uses.
        let steps = lesson.tour();
        let tour_preset = share
            .tour
            .filter(|_| !steps.is_empty())
            .and_then(|n| preset_at(&steps, n.saturating_sub(1).min(steps.len() - 1)));
        let preset = share
            .preset
            .as_deref()
            .or(tour_preset)
            .and_then(lessons::preset)
            .filter(|p| p.lesson == lesson)
            .unwrap_or_else(|| default_preset(lesson));
        let mut s = AppState::with_preset(preset);
        let m = &mut s.model;
        // A cell the lesson does not offer (the course's cell outside the char lesson) is
        // left out.
        if let Some(c) = share.cell.filter(|c| lesson.info().cells.contains(c)) {
            m.cell = c;
        }
        if let Some(h) = share.hidden {
            m.hidden_size = h;
        }
        if let Some(l) = share.layers {
            m.num_layers = l;
        }
        if let Some(b) = share.bidirectional {
            m.bidirectional = b;
        }
        s.draft = s.model.clone();
        let st = &mut s.settings;
        if let Some(d) = share.dropout {
            st.dropout = d;
        }
        if let Some(o) = share.optimizer {
            st.optimizer = o.with_lr(optimizer_lr(&st.optimizer));
        }
        if let Some(lr) = share.lr {
            st.optimizer = with_lr(&st.optimizer, lr);
        }
        if let Some(b) = share.batch {
            st.batch_size = b;
        }
        if let Some(c) = share.clip {
            st.clip_grad_norm = (c > 0.0).then_some(c);
        }
        if let Some(t) = share.truncation {
            st.truncate = (t > 0).then_some(t);
        }
        if let (Some(enc), true) = (share.encoding, s.lesson.info().tokens) {
            let enc = match enc {
                EncodingChoice::OneHot => InputEncoding::OneHot,
                EncodingChoice::Embedding(dim) => InputEncoding::Embedding { dim },
            };
            s.model = enc.apply(&s.model);
            s.draft = s.model.clone();
        }
        if let Some(seed) = share.seed {
            s.seed = seed;
        }
        if let Some(l) = share.lang {
            s.lang = l;
        }
        if let Some(p) = share.presenter {
            s.presenter = p;
        }
        // A step past the lesson's last opens the last.
        s.tour = share
            .tour
            .filter(|_| !steps.is_empty())
            .map(|n| n.saturating_sub(1).min(steps.len() - 1));
        s
    }

    /// The link for this state: the lesson, preset and whatever differs from the preset.
    pub fn to_share(&self) -> ShareState {
        let preset =
            lessons::preset(&self.preset_id).unwrap_or_else(|| default_preset(self.lesson));
        let (pm, ps) = (&preset.model, &preset.settings);
        let (m, st) = (&self.model, &self.settings);
        let diff = |a: bool| a.then_some(());
        let (enc, preset_enc) = (InputEncoding::of(m), InputEncoding::of(pm));
        let encoding = (self.lesson.info().tokens && enc != preset_enc).then_some(match enc {
            InputEncoding::OneHot => EncodingChoice::OneHot,
            InputEncoding::Embedding { dim } => EncodingChoice::Embedding(dim),
        });
        ShareState {
            lesson: Some(self.lesson),
            preset: Some(self.preset_id.clone()),
            cell: diff(m.cell != pm.cell).map(|_| m.cell),
            hidden: diff(m.hidden_size != pm.hidden_size).map(|_| m.hidden_size),
            layers: diff(m.num_layers != pm.num_layers).map(|_| m.num_layers),
            bidirectional: diff(m.bidirectional != pm.bidirectional).map(|_| m.bidirectional),
            dropout: diff(st.dropout != ps.dropout).map(|_| st.dropout),
            encoding,
            optimizer: diff(st.optimizer.kind() != ps.optimizer.kind())
                .map(|_| st.optimizer.kind()),
            lr: diff(optimizer_lr(&st.optimizer) != optimizer_lr(&ps.optimizer))
                .map(|_| optimizer_lr(&st.optimizer)),
            batch: diff(st.batch_size != ps.batch_size).map(|_| st.batch_size),
            clip: diff(st.clip_grad_norm != ps.clip_grad_norm)
                .map(|_| st.clip_grad_norm.unwrap_or(0.0)),
            truncation: diff(st.truncate != ps.truncate).map(|_| st.truncate.unwrap_or(0)),
            seed: diff(self.seed != 1).map(|_| self.seed),
            lang: diff(self.lang != Lang::En).map(|_| self.lang),
            presenter: diff(self.presenter).map(|_| true),
            tour: self.tour.map(|n| n + 1),
        }
    }
}
