//! The worker agent (yew-agent): owns the training [`Session`] and runs it in time slices,
//! so commands (pause, a new learning rate) are handled between slices.
//!
//! A loop over its messages: [`Worker::received`] hands each page message to one handler,
//! grouped by subject: `open.rs` (opening a lesson, its data), `training.rs` (run control and
//! settings), `slices.rs` (the training loop's slices), `inspect.rs` (traces and lesson
//! views), `compare.rs` (RNN, LSTM and GRU side by side), `memory.rs` (the memory-limit
//! sweep), `files.rs` (model files and the autosave).

use std::collections::{HashMap, HashSet};

use yew_agent::worker::{HandlerId, Worker, WorkerScope};
use yew_agent::Registrable;

mod compare;
mod files;
mod inspect;
mod memory;
mod open;
mod slices;
mod training;

use super::codec::JsCodec;
use super::helpers::HelperPool;
use super::messages::{FromWorker, Level, NewPoints, RunEnd, Speed, ToWorker, PROTOCOL_VERSION};
use crate::lessons::{Corpus, ExampleRef, LessonId, View, ViewRequest};
use crate::train::parallel::{ShardOutput, ShardReply};
use crate::train::{PlannedStep, Session, Throttle};
use crate::ui::i18n::Bilingual;

use compare::Comparison;
use open::OpenRequest;

/// Longest stretch of training between two looks at the message queue.
const SLICE_MS: f64 = 40.0;
/// At most this often a progress message (20 a second: smooth counters, and every message
/// costs the page a render).
const PROGRESS_EVERY_MS: f64 = 50.0;
/// Progress while the page is hidden (its tab title and the curves when it comes back).
const HIDDEN_PROGRESS_EVERY_MS: f64 = 500.0;
/// At most this often an autosave of the model while it trains.
const AUTOSAVE_EVERY_MS: f64 = 5_000.0;
/// At most this often fresh traces of the followed example while it trains.
const INSPECT_EVERY_MS: f64 = 250.0;
/// At most this often fresh lesson views (generation, digit, predictions) while training.
const VIEW_EVERY_MS: f64 = 250.0;
/// Most workers one update uses (the page asks for fewer; `ToWorker::SetCores`).
const MAX_WORKERS: usize = 8;

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

/// An update whose shards are out with the helpers: the plan, the shard this worker computed,
/// and the helpers' answers in shard order.
pub struct SharedUpdate {
    plan: PlannedStep,
    local: Result<ShardOutput, crate::nn::NnError>,
    answers: Vec<Result<ShardReply, String>>,
}

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

/// The current run: how long it goes on, how fast, and what it measured.
struct Run {
    budget: Budget,
    speed: Speed,
    /// A `Msg::Tick` is on its way.
    tick_scheduled: bool,
    /// An update is out with the helpers; the slice goes on when they answer.
    in_flight: bool,
    /// When the current slice started.
    slice_started: f64,
    /// An epoch ended in the current slice.
    epoch_ended: bool,
    /// How the last run ended, until something trains or changes.
    end: Option<RunEnd>,
    /// `(started at, examples)` for the examples-per-second readout.
    rate_window: (f64, u64),
    examples_per_second: Option<f64>,
    /// Workers the last update used.
    workers_used: usize,
    /// Metric points not sent yet.
    new: NewPoints,
}

/// The lessons' data: read from files once, and the lesson asked for.
#[derive(Default)]
struct Data {
    /// Each lesson's data read from files, parsed once.
    corpora: HashMap<LessonId, Corpus>,
    /// Lessons whose shipped data is downloading.
    loading: HashSet<LessonId>,
    /// A lesson waiting for its data.
    waiting: Option<OpenRequest>,
    /// The last lesson opened, to reopen it on new data.
    last_open: Option<OpenRequest>,
    /// The page's URL, against which shipped data files are fetched.
    assets_base: String,
}

/// What the page looks at besides the curves.
#[derive(Default)]
struct Shown {
    /// The example whose traces the page shows.
    follow: Option<ExampleRef>,
    /// Lesson views the page shows, refreshed while training.
    views: Vec<ViewRequest>,
    /// The view computed with the held-out metrics of the epoch that ended in the last slice
    /// (MNIST's test report), for the views refreshed at epochs' ends.
    epoch_view: Option<View>,
    /// The page is hidden: no traces or views while training, progress twice a second.
    page_hidden: bool,
}

/// The timed sends while training runs.
struct Timers {
    progress: Throttle,
    inspect: Throttle,
    view: Throttle,
    autosave: Throttle,
}

/// The model kept in IndexedDB.
#[derive(Default)]
struct Autosave {
    /// The model changed since the last autosave.
    dirty: bool,
    /// A failed autosave was reported (once per worker).
    warned: bool,
}

/// More cores for one update.
struct Cores {
    /// Helper workers for updates on several cores.
    helpers: HelperPool,
    /// Workers the page wants an update to use (this one and `workers - 1` helpers).
    workers: usize,
}

/// The agent that owns the model and the training loop.
pub struct TrainingWorker {
    pages: HashSet<HandlerId>,
    session: Option<Session>,
    data: Data,
    run: Run,
    shown: Shown,
    timers: Timers,
    saving: Autosave,
    cores: Cores,
    /// A running comparison of the three cells.
    comparison: Option<Comparison>,
    /// A running memory-limit sweep, and how many were started.
    memory: Option<memory::MemoryRun>,
    memory_sweeps: u64,
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
}

impl Worker for TrainingWorker {
    type Message = Msg;
    type Input = ToWorker;
    type Output = FromWorker;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        TrainingWorker {
            pages: HashSet::new(),
            session: None,
            data: Data::default(),
            run: Run {
                budget: Budget::Idle,
                speed: Speed::Max,
                tick_scheduled: false,
                in_flight: false,
                slice_started: 0.0,
                epoch_ended: false,
                end: None,
                rate_window: (0.0, 0),
                examples_per_second: None,
                workers_used: 1,
                new: NewPoints::default(),
            },
            shown: Shown::default(),
            timers: Timers {
                progress: Throttle::new(PROGRESS_EVERY_MS),
                inspect: Throttle::new(INSPECT_EVERY_MS),
                view: Throttle::new(VIEW_EVERY_MS),
                autosave: Throttle::new(AUTOSAVE_EVERY_MS),
            },
            saving: Autosave::default(),
            cores: Cores {
                helpers: HelperPool::default(),
                workers: 1,
            },
            comparison: None,
            memory: None,
            memory_sweeps: 0,
        }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, msg: Self::Message) {
        match msg {
            Msg::Tick => self.tick(scope),
            Msg::Shared(update) => self.shared(scope, *update),
            Msg::Restored(req, model_file) => self.open(scope, OpenRequest { model_file, ..*req }),
            Msg::Saved(result) => self.on_saved(scope, result),
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
            Msg::CorpusLoaded(lesson, corpus) => self.on_corpus_loaded(scope, lesson, corpus),
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
            // Open and data (open.rs).
            ToWorker::Open(open) => self.on_open(scope, *open),
            ToWorker::LoadFiles { lesson, files } => self.on_load_files(scope, lesson, &files),
            // Training (training.rs).
            ToWorker::Play => self.start(scope, Budget::Run),
            ToWorker::Step { updates } => self.start(scope, Budget::Updates(updates.max(1) as u64)),
            ToWorker::Epoch => self.start(scope, Budget::UntilEpochEnd),
            ToWorker::Pause => self.on_pause(scope),
            ToWorker::Reset => self.on_reset(scope),
            ToWorker::Reseed { seed } => self.on_reseed(scope, seed),
            ToWorker::SetSpeed(speed) => self.run.speed = speed,
            ToWorker::SetCores {
                workers,
                page_hidden,
            } => self.on_set_cores(scope, workers, page_hidden),
            ToWorker::SetSettings(settings) => self.on_set_settings(scope, settings),
            // Inspection (inspect.rs).
            ToWorker::Inspect(example) => self.on_inspect(scope, example),
            ToWorker::View(req) => self.on_view(scope, req),
            // Comparison (compare.rs).
            ToWorker::Compare(req) => self.on_compare(scope, *req),
            ToWorker::StopCompare => self.on_stop_compare(),
            // The memory-limit sweep (memory.rs).
            ToWorker::MemoryLimit(cfg) => self.on_memory_limit(scope, *cfg),
            ToWorker::StopMemoryLimit => self.on_stop_memory_limit(scope),
            // Model files (files.rs).
            ToWorker::Export => self.on_export(scope, id),
            ToWorker::ExportPytorch => self.on_export_pytorch(scope, id),
            ToWorker::Import { text } => self.on_import(scope, &text),
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
