//! The worker agent (yew-agent): owns the training [`Session`] and runs it in time slices,
//! so commands (pause, a new learning rate) are handled between slices.

use std::collections::{HashMap, HashSet};

use gloo_timers::future::TimeoutFuture;
use yew_agent::worker::{HandlerId, Worker, WorkerScope};
use yew_agent::Registrable;

mod slices;

use super::codec::JsCodec;
use super::fetch::fetch_bytes;
use super::helpers::HelperPool;
use super::messages::{
    autosave_key, CompareCurve, CompareProgress, CompareRequest, EpochPoint, FromWorker, Level,
    ModelSummary, NewPoints, OpenLesson, Progress, RunEnd, Speed, ToWorker, PROTOCOL_VERSION,
};
use super::store;
use crate::lessons::{
    Corpus, DataFile, ExampleRef, LessonId, LessonOptions, Refresh, View, ViewRequest,
};
use crate::nn::{CellKind, NetworkConfig};
use crate::train::parallel::{compute_shard, useful_shards, ShardJob, ShardOutput, ShardReply};
use crate::train::{optimizer_lr, PlannedStep, Session, TrainError, TrainSettings, UpdateReport};
use crate::ui::i18n::Bilingual;

/// Longest stretch of training between two looks at the message queue.
const SLICE_MS: f64 = 40.0;
/// At most this often a progress message (20 a second: smooth counters, and every message
/// costs the page a render).
const PROGRESS_EVERY_MS: f64 = 50.0;
/// Progress while the page is hidden (its tab title and the curves when it comes back).
const HIDDEN_PROGRESS_EVERY_MS: f64 = 500.0;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// How long the current run goes on.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Budget {
    Idle,
    /// Play: until the run's last epoch ends (or paused, or early stopping).
    Run,
    Updates(u64),
    UntilEpochEnd,
}

/// At most this often an autosave of the model while it trains.
const AUTOSAVE_EVERY_MS: f64 = 5_000.0;
/// At most this often fresh traces of the followed example while it trains.
const INSPECT_EVERY_MS: f64 = 250.0;

/// At most this often fresh lesson views (generation, digit, predictions) while training.
const VIEW_EVERY_MS: f64 = 250.0;

/// A lesson waiting for its data.
#[derive(Clone)]
pub struct OpenRequest {
    options: LessonOptions,
    model: NetworkConfig,
    settings: TrainSettings,
    seed: u64,
    model_file: Option<String>,
}

/// RNN, LSTM and GRU training side by side.
struct Comparison {
    sessions: Vec<Session>,
    update: u64,
    updates: u64,
    example: ExampleRef,
    new_losses: Vec<Vec<(u64, f32)>>,
}

/// The gradient norm reaching each timestep of the first layer, forward direction.
fn grad_by_t(s: &Session, example: &ExampleRef) -> Vec<f32> {
    s.inspect(example)
        .ok()
        .and_then(|i| i.backward.directions.into_iter().next())
        .map(|d| d.steps.iter().map(|st| st.dh_norm).collect())
        .unwrap_or_default()
}

/// An update whose shards are out with the helpers: the plan, the shard this worker computed,
/// and the helpers' answers in shard order.
pub struct SharedUpdate {
    plan: PlannedStep,
    local: Result<ShardOutput, crate::nn::NnError>,
    answers: Vec<Result<ShardReply, String>>,
}

/// Most workers one update uses (the page asks for fewer; `ToWorker::SetCores`).
const MAX_WORKERS: usize = 8;

/// Internal messages.
pub enum Msg {
    Tick,
    /// The helpers answered (or failed) for the update in flight.
    Shared(Box<SharedUpdate>),
    /// The autosaved weights were read for an open request (None: nothing matching was kept).
    Restored(Box<OpenRequest>, Option<String>),
    /// The autosave finished (Err: why it could not be kept).
    Saved(Result<(), String>),
    Loading {
        lesson: LessonId,
        file: usize,
        files: usize,
        done: u64,
        total: u64,
    },
    /// A lesson's shipped data arrived and was parsed (or why not).
    CorpusLoaded(LessonId, Result<Corpus, String>),
}

/// The agent that owns the model and the training loop.
pub struct TrainingWorker {
    session: Option<Session>,
    pages: HashSet<HandlerId>,
    budget: Budget,
    speed: Speed,
    tick_scheduled: bool,
    last_progress_ms: f64,
    new: NewPoints,
    /// Each lesson's data read from files, parsed once.
    corpora: HashMap<LessonId, Corpus>,
    /// Lessons whose shipped data is downloading.
    corpus_loading: HashSet<LessonId>,
    /// A lesson waiting for its data.
    waiting: Option<OpenRequest>,
    /// A running comparison of the three cells.
    comparison: Option<Comparison>,
    /// The last lesson opened, to reopen it on new data.
    last_open: Option<OpenRequest>,
    /// The page's URL, against which shipped data files are fetched.
    assets_base: String,
    /// `(started at, examples)` for the examples-per-second readout.
    rate_window: (f64, u64),
    examples_per_second: Option<f64>,
    /// The example whose traces the page shows.
    follow: Option<ExampleRef>,
    /// An epoch ended in the current slice.
    epoch_ended: bool,
    last_inspect_ms: f64,
    /// Lesson views the page shows, refreshed while training.
    views: Vec<ViewRequest>,
    last_view_ms: f64,
    /// The model changed since the last autosave.
    dirty: bool,
    last_autosave_ms: f64,
    /// A failed autosave was reported (once per worker).
    save_warned: bool,
    /// The view computed with the held-out metrics of the epoch that ended in the last slice
    /// (MNIST's test report), for the views refreshed at epochs' ends.
    epoch_view: Option<View>,
    /// Helper workers for updates on several cores.
    helpers: HelperPool,
    /// Workers the page wants an update to use (this one and `workers - 1` helpers).
    workers: usize,
    /// An update is out with the helpers; the slice goes on when they answer.
    in_flight: bool,
    /// When the current slice started.
    slice_started: f64,
    /// Workers the last update used.
    workers_used: usize,
    /// The page is hidden: no traces or views while training, progress twice a second.
    page_hidden: bool,
    /// How the last run ended, until something trains or changes.
    run_end: Option<RunEnd>,
}

impl TrainingWorker {
    fn broadcast(&self, scope: &WorkerScope<Self>, msg: FromWorker) {
        for id in &self.pages {
            scope.respond(*id, msg.clone());
        }
    }

    /// A notice in both languages (the page shows its current one).
    fn notice(
        &self,
        scope: &WorkerScope<Self>,
        level: Level,
        en: impl Into<String>,
        ko: impl Into<String>,
    ) {
        self.broadcast(
            scope,
            FromWorker::Notice {
                level,
                text: Bilingual::new(en, ko),
            },
        );
    }

    fn running(&self) -> bool {
        self.budget != Budget::Idle
    }

    fn progress(&mut self) -> Progress {
        let new = std::mem::take(&mut self.new);
        let Some(s) = &self.session else {
            return Progress {
                new,
                ..Default::default()
            };
        };
        Progress {
            running: self.running(),
            epoch: s.epoch(),
            update: s.update(),
            loss: s.history().loss.last(),
            grad_norm: s.history().grad_norm.last(),
            lr: optimizer_lr(&s.settings().optimizer),
            examples_per_second: self.examples_per_second,
            workers: self.workers_used,
            run_end: self.run_end,
            seconds_left: self.seconds_left(s),
            new,
        }
    }

    /// Time to the run's last epoch at the measured speed, while Play runs towards it.
    fn seconds_left(&self, s: &Session) -> Option<f64> {
        let settings = s.settings();
        if self.budget != Budget::Run || settings.until_paused || s.epoch() >= settings.epochs {
            return None;
        }
        let eps = self.examples_per_second.filter(|v| *v > 0.0)?;
        let st = s.status();
        let total = settings.epochs.saturating_mul(st.train_len as u64);
        Some(total.saturating_sub(st.examples_seen) as f64 / eps)
    }

    fn send_progress(&mut self, scope: &WorkerScope<Self>) {
        self.last_progress_ms = now_ms();
        let p = self.progress();
        self.broadcast(scope, FromWorker::Progress(p));
    }

    fn opened(&mut self, scope: &WorkerScope<Self>) {
        if let Some(s) = &self.session {
            let msg = FromWorker::Opened {
                summary: ModelSummary::of(s.network()),
                model: s.model().clone(),
                seed: s.seed(),
                examples: s.status().train_len,
                picker: s.picker(),
            };
            self.broadcast(scope, msg);
        }
        self.new = NewPoints::default();
        self.send_progress(scope);
        self.inspect(scope);
        self.refresh_views(scope, true);
    }

    /// Sends traces of the followed example (inspection changes nothing in the session).
    fn inspect(&mut self, scope: &WorkerScope<Self>) {
        self.last_inspect_ms = now_ms();
        let (Some(s), Some(example)) = (&self.session, &self.follow) else {
            return;
        };
        match s.inspect(example) {
            Ok(i) => self.broadcast(scope, FromWorker::Inspection(Box::new(i))),
            Err(e) => {
                // An example of another lesson is dropped quietly (the page asks again).
                self.follow = None;
                if !matches!(e, TrainError::WrongLesson(_)) {
                    self.notice(
                        scope,
                        Level::Warning,
                        format!("Cannot show that example: {e}"),
                        format!("그 예제를 보여 줄 수 없습니다: {e}"),
                    );
                }
            }
        }
    }

    /// Re-answers the lesson views; those refreshed at epochs' ends only when `epoch_end`,
    /// from the view the epoch's evaluation computed when there is one.
    fn refresh_views(&mut self, scope: &WorkerScope<Self>, epoch_end: bool) {
        self.last_view_ms = now_ms();
        let epoch_view = self.epoch_view.take();
        let Some(s) = &self.session else { return };
        for req in &self.views {
            let answer = match req.refresh() {
                Refresh::EpochEnd if !epoch_end => continue,
                Refresh::EpochEnd => match &epoch_view {
                    Some(v) => Ok(v.clone()),
                    None => s.view(req),
                },
                Refresh::Live => s.view(req),
            };
            if let Ok(v) = answer {
                self.broadcast(scope, FromWorker::View(Box::new(v)));
            }
        }
    }

    /// Keeps the model in IndexedDB (asynchronously, nothing reaches the page) so a reload or a
    /// crash loses at most the last few seconds.
    fn autosave(&mut self, scope: &WorkerScope<Self>) {
        if !self.dirty {
            return;
        }
        let (Some(s), Some(open)) = (&self.session, &self.last_open) else {
            return;
        };
        self.dirty = false;
        self.last_autosave_ms = now_ms();
        let key = autosave_key(&open.options, s.model());
        let json = s.export_model();
        scope.send_future(async move { Msg::Saved(store::save(&key, &json).await) });
    }

    fn record(&mut self, r: &UpdateReport) {
        self.new.loss.push((r.update, r.loss as f32));
        self.new.grad_norm.push((r.update, r.grad_norm as f32));
        if let Some(e) = &r.epoch_end {
            let eval = e.eval.as_ref();
            let held_out = eval.and_then(|v| v.validation.as_ref().or(v.test.as_ref()));
            self.new.epochs.push(EpochPoint {
                epoch: e.epoch,
                update: r.update,
                train_loss: Some(e.train_loss),
                val_loss: held_out.map(|m| m.loss),
                train_accuracy: eval.and_then(|v| v.train.accuracy),
                val_accuracy: held_out.and_then(|m| m.accuracy),
                best_epoch: e.best_epoch,
                held_out_is_test: eval.is_some_and(|v| v.validation.is_none() && v.test.is_some()),
            });
        }
    }

    fn schedule(&mut self, scope: &WorkerScope<Self>, delay_ms: u32) {
        if self.tick_scheduled {
            return;
        }
        self.tick_scheduled = true;
        scope.send_future(async move {
            if delay_ms == 0 {
                next_task().await;
            } else {
                TimeoutFuture::new(delay_ms).await;
            }
            Msg::Tick
        });
    }

    fn start(&mut self, scope: &WorkerScope<Self>, budget: Budget) {
        if self.session.is_none() {
            self.notice(
                scope,
                Level::Info,
                "The lesson is still loading; try again in a moment.",
                "단원을 아직 불러오는 중입니다. 잠시 뒤에 다시 해 보세요.",
            );
            return;
        }
        if budget == Budget::Run {
            // Continue after early stopping: on from the restored best weights.
            if let Some(s) = self.session.as_mut() {
                s.resume();
            }
        }
        self.run_end = None;
        self.budget = budget;
        self.comparison = None;
        self.rate_window = (now_ms(), 0);
        // The views are current (sent when the lesson opened or training paused): refresh them
        // after the first slices, so the page's first render of a run stays small.
        self.last_inspect_ms = now_ms();
        self.last_view_ms = now_ms();
        self.schedule(scope, 0);
        self.send_progress(scope);
    }

    fn stop(&mut self) {
        self.budget = Budget::Idle;
        self.examples_per_second = None;
    }

    /// Builds a session for `req`; on failure the current session stays as it was.
    fn open(&mut self, scope: &WorkerScope<Self>, req: OpenRequest) {
        self.last_open = Some(OpenRequest {
            model_file: None,
            ..req.clone()
        });
        // A model of another lesson or shape must not overwrite the autosave before it is read.
        self.dirty = false;
        let lesson = req.options.lesson();
        let Some(corpus) = self.corpus(scope, lesson) else {
            // Opens when the data arrives.
            self.waiting = Some(req);
            return;
        };
        let session =
            req.options.clone().prepare(corpus).and_then(|data| {
                Session::new(data, req.model.clone(), req.settings.clone(), req.seed)
            });
        match session {
            Ok(mut s) => {
                if let Some(file) = &req.model_file {
                    match s.import_model(file) {
                        Ok(()) => self.notice(scope, Level::Info, "Restored the model saved in this browser.", "이 브라우저에 저장된 모델을 되살렸습니다."),
                        Err(e) => self.notice(
                            scope,
                            Level::Warning,
                            format!("The model saved in this browser could not be restored ({e}); starting from fresh weights."),
                            format!("이 브라우저에 저장된 모델을 되살리지 못했습니다 ({}). 새 가중치로 시작합니다.", e.korean()),
                        ),
                    }
                }
                self.stop();
                self.run_end = None;
                self.session = Some(s);
                self.dirty = false;
                self.opened(scope);
            }
            Err(e) => {
                // The page goes back to what is open; the lesson it asked for is not.
                if let Some(s) = &self.session {
                    self.last_open = Some(OpenRequest {
                        options: s.options(),
                        model: s.model().clone(),
                        settings: s.settings().clone(),
                        seed: s.seed(),
                        model_file: None,
                    });
                }
                self.broadcast(scope, FromWorker::OpenRefused);
                self.notice(
                    scope,
                    Level::Error,
                    format!("That change was refused and nothing changed: {e}"),
                    format!(
                        "그 변경은 거부되었고 아무것도 바뀌지 않았습니다: {}",
                        e.korean()
                    ),
                );
            }
        }
    }

    /// The lesson's corpus, parsed once; `None` while its shipped files download (a download
    /// is started on the first call).
    fn corpus(&mut self, scope: &WorkerScope<Self>, lesson: LessonId) -> Option<&Corpus> {
        use std::collections::hash_map::Entry;
        if let Entry::Vacant(slot) = self.corpora.entry(lesson) {
            if !lesson.corpus_files().is_empty() {
                self.load_corpus(scope, lesson);
                return None;
            }
            match lesson.parse_corpus(&[]) {
                Ok(c) => {
                    slot.insert(c);
                }
                Err(e) => {
                    self.notice(
                        scope,
                        Level::Error,
                        e.to_string(),
                        format!("데이터를 읽지 못했습니다: {e}"),
                    );
                    return None;
                }
            }
        }
        self.corpora.get(&lesson)
    }

    /// Downloads a lesson's shipped files with progress, then parses them.
    fn load_corpus(&mut self, scope: &WorkerScope<Self>, lesson: LessonId) {
        if !self.corpus_loading.insert(lesson) {
            return;
        }
        let base = self.assets_base.clone();
        let scope2 = scope.clone();
        scope.send_future(async move {
            let paths = lesson.corpus_files();
            let mut files = Vec::new();
            for (i, path) in paths.iter().enumerate() {
                let url = format!("{}{path}", base_dir(&base));
                let s = scope2.clone();
                let bytes = fetch_bytes(&url, |done, total| {
                    s.send_message(Msg::Loading {
                        lesson,
                        file: i + 1,
                        files: paths.len(),
                        done,
                        total,
                    });
                })
                .await;
                match bytes {
                    Ok(bytes) => files.push(DataFile {
                        name: path.rsplit('/').next().unwrap_or(path).to_string(),
                        bytes,
                    }),
                    Err(e) => return Msg::CorpusLoaded(lesson, Err(e)),
                }
            }
            Msg::CorpusLoaded(
                lesson,
                lesson.parse_corpus(&files).map_err(|e| e.to_string()),
            )
        });
    }
}

/// Resolves in a new task, after the messages already queued (the page's pause, a new learning
/// rate) were handled. A zero `setTimeout` would do the same but is clamped to 4 ms once
/// nested, which between 40 ms slices of training costs a tenth of the speed.
async fn next_task() {
    if let Ok(channel) = web_sys::MessageChannel::new() {
        let arrived = js_sys::Promise::new(&mut |resolve, _reject| {
            channel.port1().set_onmessage(Some(&resolve));
        });
        if channel
            .port2()
            .post_message(&wasm_bindgen::JsValue::NULL)
            .is_ok()
        {
            let _ = wasm_bindgen_futures::JsFuture::from(arrived).await;
            return;
        }
    }
    TimeoutFuture::new(0).await;
}

/// The directory of a page URL (`http://host/app/?a=b` → `http://host/app/`).
fn base_dir(url: &str) -> &str {
    let no_query = url.split(['?', '#']).next().unwrap_or(url);
    match no_query.rfind('/') {
        Some(i) => &no_query[..=i],
        None => no_query,
    }
}

impl Worker for TrainingWorker {
    type Message = Msg;
    type Input = ToWorker;
    type Output = FromWorker;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        TrainingWorker {
            session: None,
            pages: HashSet::new(),
            budget: Budget::Idle,
            speed: Speed::Max,
            tick_scheduled: false,
            last_progress_ms: 0.0,
            new: NewPoints::default(),
            corpora: HashMap::new(),
            corpus_loading: HashSet::new(),
            assets_base: String::new(),
            waiting: None,
            last_open: None,
            comparison: None,
            rate_window: (0.0, 0),
            examples_per_second: None,
            follow: None,
            epoch_ended: false,
            last_inspect_ms: 0.0,
            views: Vec::new(),
            last_view_ms: 0.0,
            dirty: false,
            last_autosave_ms: 0.0,
            save_warned: false,
            epoch_view: None,
            helpers: HelperPool::default(),
            workers: 1,
            in_flight: false,
            slice_started: 0.0,
            workers_used: 1,
            page_hidden: false,
            run_end: None,
        }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, msg: Self::Message) {
        match msg {
            Msg::Tick => self.tick(scope),
            Msg::Shared(update) => self.shared(scope, *update),
            Msg::Restored(req, model_file) => self.open(scope, OpenRequest { model_file, ..*req }),
            Msg::Saved(Ok(())) => {}
            Msg::Saved(Err(e)) => {
                if !std::mem::replace(&mut self.save_warned, true) {
                    self.notice(
                        scope,
                        Level::Warning,
                        format!(
                            "This browser could not keep the model ({e}); export it to keep it."
                        ),
                        format!(
                            "이 브라우저가 모델을 보관하지 못했습니다 ({e}). 보관하려면 내보내기를 하세요."
                        ),
                    );
                }
            }
            Msg::Loading {
                lesson,
                file,
                files,
                done,
                total,
            } => self.broadcast(
                scope,
                FromWorker::Loading {
                    lesson,
                    file,
                    files,
                    done,
                    total,
                },
            ),
            Msg::CorpusLoaded(lesson, Ok(corpus)) => {
                self.corpus_loading.remove(&lesson);
                self.corpora.insert(lesson, corpus);
                if let Some(req) = self.waiting.take() {
                    self.open(scope, req);
                }
            }
            Msg::CorpusLoaded(lesson, Err(e)) => {
                self.corpus_loading.remove(&lesson);
                self.waiting = None;
                self.notice(
                    scope,
                    Level::Error,
                    format!(
                        "The data of the {} lesson could not be loaded: {e}",
                        lesson.info().title.en
                    ),
                    format!(
                        "{} 단원의 데이터를 불러오지 못했습니다: {e}",
                        lesson.info().title.ko
                    ),
                );
            }
        }
    }

    fn connected(&mut self, scope: &WorkerScope<Self>, id: HandlerId) {
        self.pages.insert(id);
        remember_pages(scope, &self.pages);
        scope.respond(
            id,
            FromWorker::Ready {
                protocol: PROTOCOL_VERSION,
            },
        );
    }

    fn disconnected(&mut self, scope: &WorkerScope<Self>, id: HandlerId) {
        self.pages.remove(&id);
        remember_pages(scope, &self.pages);
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        match msg {
            ToWorker::Ping { nonce } => scope.respond(id, FromWorker::Pong { nonce }),
            ToWorker::Crash { message } => panic!("{message}"),
            ToWorker::Open(open) => {
                let OpenLesson {
                    options,
                    model,
                    settings,
                    seed,
                    assets_base,
                    restore,
                } = *open;
                self.assets_base = assets_base;
                self.resize_helpers(scope);
                let req = OpenRequest {
                    options,
                    model,
                    settings,
                    seed,
                    model_file: None,
                };
                if restore {
                    // Read the autosave first; the lesson opens when it arrives.
                    let key = autosave_key(&req.options, &req.model);
                    scope.send_future(async move {
                        let file = store::load(&key).await.ok().flatten();
                        Msg::Restored(Box::new(req), file)
                    });
                } else {
                    self.open(scope, req);
                }
            }
            ToWorker::Play => self.start(scope, Budget::Run),
            ToWorker::Pause => {
                self.stop();
                self.send_progress(scope);
                self.autosave(scope);
            }
            ToWorker::Inspect(example) => {
                self.follow = Some(example);
                self.inspect(scope);
            }
            ToWorker::View(req) => {
                // One request of each kind is kept (a new digit replaces the old one).
                self.views.retain(|v| v.slot() != req.slot());
                if let Some(s) = &self.session {
                    match s.view(&req) {
                        Ok(v) => self.broadcast(scope, FromWorker::View(Box::new(v))),
                        Err(TrainError::WrongLesson(_)) => {}
                        Err(e) => self.notice(
                            scope,
                            Level::Warning,
                            e.to_string(),
                            format!("보여 줄 수 없습니다: {e}"),
                        ),
                    }
                }
                self.views.push(req);
            }
            ToWorker::Step { updates } => self.start(scope, Budget::Updates(updates.max(1) as u64)),
            ToWorker::Epoch => self.start(scope, Budget::UntilEpochEnd),
            ToWorker::Reset => {
                if let Some(s) = &mut self.session {
                    s.reset();
                }
                self.stop();
                self.run_end = None;
                self.dirty = true;
                self.opened(scope);
                self.autosave(scope);
            }
            ToWorker::Reseed { seed } => {
                if let Some(s) = &mut self.session {
                    s.reseed(seed);
                }
                self.stop();
                self.run_end = None;
                self.opened(scope);
            }
            ToWorker::SetSpeed(speed) => self.speed = speed,
            ToWorker::SetCores {
                workers,
                page_hidden,
            } => {
                self.workers = workers.clamp(1, MAX_WORKERS);
                self.resize_helpers(scope);
                let shown = self.page_hidden && !page_hidden;
                self.page_hidden = page_hidden;
                if shown {
                    // Back on screen: everything the page shows, now.
                    self.send_progress(scope);
                    self.inspect(scope);
                    self.refresh_views(scope, true);
                }
            }
            ToWorker::SetSettings(settings) => {
                let Some(s) = &mut self.session else { return };
                match s.set_settings(settings) {
                    Ok(change) if !change.changed.is_empty() => {
                        // A new setting clears early stopping's end (the session trains on).
                        self.run_end = None;
                        self.new.markers.push((
                            change.from_update.saturating_sub(1),
                            change.changed.join(", "),
                        ));
                        self.send_progress(scope);
                    }
                    Ok(_) => {}
                    Err(e) => self.notice(
                        scope,
                        Level::Error,
                        format!("Setting refused: {e}"),
                        format!("설정이 거부되었습니다: {e}"),
                    ),
                }
            }
            ToWorker::LoadFiles { lesson, files } => match lesson.parse_corpus(&files) {
                Ok(corpus) => {
                    self.notice(
                        scope,
                        Level::Info,
                        format!(
                            "Loaded {}; the model starts afresh on them.",
                            corpus.summary()
                        ),
                        format!(
                            "불러왔습니다 ({}). 모델은 이 데이터로 새로 시작합니다.",
                            corpus.summary()
                        ),
                    );
                    self.corpora.insert(lesson, corpus);
                    if let Some(req) = self.last_open.clone() {
                        if req.options.lesson() == lesson {
                            self.open(scope, req);
                        }
                    }
                }
                Err(e) => self.notice(
                    scope,
                    Level::Error,
                    format!("Those files were refused (nothing changed): {e}"),
                    format!("그 파일들은 거부되었습니다 (아무것도 바뀌지 않았습니다): {e}"),
                ),
            },
            ToWorker::Compare(req) => {
                let CompareRequest {
                    options,
                    model,
                    settings,
                    seed,
                    updates,
                    example,
                } = *req;
                let Some(corpus) = self.corpus(scope, options.lesson()) else {
                    return;
                };
                let data = match options.prepare(corpus) {
                    Ok(d) => d,
                    Err(e) => {
                        self.notice(
                            scope,
                            Level::Error,
                            format!("Cannot compare: {e}"),
                            format!("비교할 수 없습니다: {}", e.korean()),
                        );
                        return;
                    }
                };
                let mut sessions = Vec::new();
                for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
                    let cfg = NetworkConfig {
                        cell,
                        ..model.clone()
                    };
                    match Session::new(data.clone(), cfg, settings.clone(), seed) {
                        Ok(s) => sessions.push(s),
                        Err(e) => {
                            self.notice(
                                scope,
                                Level::Error,
                                format!("Cannot compare: {e}"),
                                format!("비교할 수 없습니다: {}", e.korean()),
                            );
                            return;
                        }
                    }
                }
                self.stop();
                self.send_progress(scope);
                let n = sessions.len();
                self.comparison = Some(Comparison {
                    sessions,
                    update: 0,
                    updates: updates.clamp(1, 100_000),
                    example,
                    new_losses: vec![Vec::new(); n],
                });
                self.schedule(scope, 0);
            }
            ToWorker::StopCompare => {
                if let Some(c) = &mut self.comparison {
                    c.updates = c.update;
                }
            }
            ToWorker::Export => {
                if let Some(s) = &self.session {
                    scope.respond(
                        id,
                        FromWorker::Exported {
                            name: crate::ui::code::export::model_file_name(s.lesson(), s.model()),
                            json: s.export_model(),
                        },
                    );
                }
            }
            ToWorker::ExportPytorch => {
                if let Some(s) = &self.session {
                    let reply = match crate::ui::code::export::pytorch_export(s) {
                        Ok(script) => FromWorker::ExportedPytorch {
                            name: script.name,
                            text: script.text,
                        },
                        Err(e) => FromWorker::Notice {
                            level: Level::Error,
                            text: Bilingual::new(
                                format!("The PyTorch export failed: {e}"),
                                format!("PyTorch 내보내기에 실패했습니다: {e}"),
                            ),
                        },
                    };
                    scope.respond(id, reply);
                }
            }
            ToWorker::Import { text } => {
                let Some(s) = &mut self.session else { return };
                match s.import_model(&text) {
                    Ok(()) => {
                        self.stop();
                        self.dirty = true;
                        self.opened(scope);
                        self.autosave(scope);
                        self.notice(
                            scope,
                            Level::Info,
                            "Model file loaded.",
                            "모델 파일을 불러왔습니다.",
                        );
                    }
                    Err(e) => self.notice(
                        scope,
                        Level::Error,
                        format!("Model file refused (nothing changed): {e}"),
                        format!(
                            "모델 파일이 거부되었습니다 (아무것도 바뀌지 않았습니다): {}",
                            e.korean()
                        ),
                    ),
                }
            }
        }
    }
}

thread_local! {
    /// What the panic hook needs to tell the pages: the scope and who is connected.
    static PAGES: std::cell::RefCell<Option<(WorkerScope<TrainingWorker>, HashSet<HandlerId>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Tells every page that the worker panicked, with the panic's message and place, before the
/// trap stops it (a panic aborts in wasm): the page restarts the worker instead of waiting on
/// a dead one.
fn panic_hook(info: &std::panic::PanicHookInfo<'_>) {
    PANICKED.with(|p| p.set(true));
    let message = info.to_string();
    web_sys::console::error_1(&format!("training worker panicked: {message}").into());
    PAGES.with(|p| {
        if let Ok(p) = p.try_borrow() {
            if let Some((scope, pages)) = &*p {
                for id in pages {
                    scope.respond(
                        *id,
                        FromWorker::Crashed {
                            message: message.clone(),
                        },
                    );
                }
            }
        }
    });
}

/// Keeps the panic hook's view of the connected pages current.
fn remember_pages(scope: &WorkerScope<TrainingWorker>, pages: &HashSet<HandlerId>) {
    PAGES.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            *p = Some((scope.clone(), pages.clone()));
        }
    });
}

thread_local! {
    /// The panic hook ran: the traps that follow are reported already.
    static PANICKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// After a panic, the trap it ends in (and those of the messages that still arrive before the
/// page stops this worker) would reach the page as uncaught errors on top of the notice the
/// panic hook sent: they are cancelled here. Any other uncaught error still reaches the page.
fn cancel_errors_after_panic() {
    use wasm_bindgen::{closure::Closure, JsCast};
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
        if PANICKED.with(|p| p.get()) {
            e.prevent_default();
        }
    });
    let scope: web_sys::EventTarget = js_sys::global().unchecked_into();
    if scope
        .add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
        .is_ok()
    {
        // Lives as long as the worker.
        on_error.forget();
    }
}

/// Entry point of the `worker` binary.
pub fn register() {
    std::panic::set_hook(Box::new(panic_hook));
    cancel_errors_after_panic();
    TrainingWorker::registrar().encoding::<JsCodec>().register();
}

#[cfg(test)]
mod tests {
    use super::base_dir;

    #[test]
    fn base_dir_drops_the_query_and_file() {
        assert_eq!(base_dir("http://h/app/?lesson=mnist"), "http://h/app/");
        assert_eq!(base_dir("http://h/index.html#x"), "http://h/");
    }
}
