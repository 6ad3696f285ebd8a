use yew::prelude::*;
use yew_agent::worker::use_worker_bridge;

use crate::app::components::compare::Compare;
use crate::app::components::controls::Controls;
use crate::app::components::curve_chart::{ChartKind, CurveChart};
use crate::app::components::header::Header;
use crate::app::components::inside::InsideNetwork;
use crate::app::components::lessons::LessonView;
use crate::app::components::model_summary::ModelSummaryTable;
use crate::app::components::notices::Notices;
use crate::app::components::shapes_panel::ShapesPanel;
use crate::app::components::shortcuts_help::ShortcutsHelp;
use crate::app::components::status_bar::StatusBar;
use crate::app::components::tour_panel::TourPanel;
use crate::app::context::AppContext;
use crate::app::keys::use_shortcuts;
use crate::app::now_ms;
use crate::app::state::{Action, AppState, Loading, WorkerStatus};
use crate::app::worker_health::{crash_requested, use_worker_health, LastAnswer};
use crate::ui::i18n::{Bilingual, Lang, Text};
use crate::ui::saved::{self, SavedSession};
use crate::ui::shortcuts::Shortcut;
use crate::ui::url::ShareState;
use crate::worker::messages::{FromWorker, Level, OpenLesson, ToWorker};
use crate::worker::TrainingWorker;

const LANG_KEY: &str = "rnn-playground.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The initial state: the session saved in this browser when the link describes it (a reload),
/// else the link's settings; plus whether to restore the autosaved weights, and notices.
fn initial_state() -> (AppState, bool, Vec<String>) {
    crate::app::worker_health::note_crash_link();
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let (share, mut notes) = ShareState::parse(&query);
    if let Some(s) = storage() {
        // Version 1 kept the whole model file here; the worker now keeps it in IndexedDB.
        let _ = s.remove_item(saved::OLD_KEY);
    }
    let saved_text = storage().and_then(|s| s.get_item(saved::KEY).ok().flatten());
    let saved = saved_text.as_deref().and_then(SavedSession::parse);
    if saved_text.is_some() && saved.is_none() {
        notes.push(
            "The session saved in this browser could not be read; starting from the lesson's defaults."
                .into(),
        );
    }
    let query = query.trim_start_matches('?');
    let (mut state, restore) = match saved {
        Some(saved)
            if query.is_empty() || AppState::from_saved(&saved).to_share().to_query() == query =>
        {
            (AppState::from_saved(&saved), true)
        }
        _ => (AppState::from_share(&share), false),
    };
    if let Some(p) = share.presenter {
        state.presenter = p;
    }
    // The link's language, else the one chosen here before, else the browser's.
    let remembered = storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|c| Lang::from_code(&c));
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|l| Lang::from_browser(&l));
    if let Some(l) = share.lang.or(remembered).or(browser) {
        state.lang = l;
    }
    (state, restore, notes)
}

/// Keeps `saved` (settings only, a few hundred bytes) in the browser's storage; `false` when
/// the browser refuses (private mode, storage full or switched off).
fn store(saved: &SavedSession) -> bool {
    storage().is_some_and(|s| s.set_item(saved::KEY, &saved.to_json()).is_ok())
}

#[derive(Properties, PartialEq)]
pub struct PlaygroundProps {
    /// Why the previous worker stopped, when this page was remounted after a crash.
    #[prop_or_default]
    pub crashed: Option<String>,
    /// The worker crashed or stopped answering: restart it (remounts the page).
    pub on_crash: Callback<String>,
}

/// The page: header, controls and visualization area, wired to the training worker.
#[component]
pub fn Playground(props: &PlaygroundProps) -> Html {
    let first = use_memo((), |_| initial_state());
    let state = {
        let first = first.clone();
        use_reducer(move || first.0.clone())
    };
    let ping_sent_at = use_mut_ref(|| 0.0f64);
    let last_answer = use_memo((), |_| LastAnswer::default());
    // Restore the autosaved weights with the first open only (a reload, or after a crash).
    let restore = use_mut_ref({
        let first = first.clone();
        let crashed = props.crashed.is_some();
        move || first.1 || crashed
    });

    let bridge = {
        let dispatch = state.dispatcher();
        let sent_at = ping_sent_at.clone();
        let state_now = state.clone();
        let last = (*last_answer).clone();
        let on_crash = props.on_crash.clone();
        use_worker_bridge::<TrainingWorker, _>(move |reply: FromWorker| match reply {
            FromWorker::Ready { protocol } => dispatch.dispatch(Action::WorkerReady { protocol }),
            FromWorker::Pong { nonce } => {
                last.now();
                // The first ping measures the round trip; the others only check it answers.
                if nonce == 1 {
                    let round_trip_ms = now_ms() - *sent_at.borrow();
                    dispatch.dispatch(Action::WorkerPong { round_trip_ms });
                }
            }
            FromWorker::Crashed { message } => on_crash.emit(message),
            FromWorker::Loading {
                lesson,
                file,
                files,
                done,
                total,
            } => dispatch.dispatch(Action::Loading(Loading {
                lesson,
                file,
                files,
                done,
                total,
            })),
            FromWorker::Opened {
                summary,
                model,
                seed,
                picker,
                ..
            } => dispatch.dispatch(Action::Opened {
                summary,
                model,
                seed,
                picker,
            }),
            FromWorker::OpenRefused => dispatch.dispatch(Action::OpenRefused),
            FromWorker::View(v) => dispatch.dispatch(Action::View(std::rc::Rc::from(v))),
            FromWorker::Compare(p) => dispatch.dispatch(Action::Compare(p)),
            FromWorker::Inspection(i) => {
                dispatch.dispatch(Action::Inspection(std::rc::Rc::from(i)))
            }
            FromWorker::Progress(p) => dispatch.dispatch(Action::Progress(p)),
            FromWorker::Notice { level, text } => dispatch.dispatch(Action::Notify { level, text }),
            FromWorker::ExportedPytorch { name, text } => {
                crate::app::components::code_panel::save(&dispatch, &name, &text)
            }
            FromWorker::Exported { json } => {
                let name = format!("rnn-playground-{}.json", state_now.lesson.key());
                if let Err(text) = crate::app::components::model_file::download(&name, &json) {
                    dispatch.dispatch(Action::Notify {
                        level: Level::Error,
                        text: Bilingual::new(
                            format!("The download failed: {text}"),
                            format!("내려받기에 실패했습니다: {text}"),
                        ),
                    });
                }
            }
        })
    };
    let send = {
        let bridge = bridge.clone();
        use_callback((), move |msg: ToWorker, _| bridge.send(msg))
    };
    let ctx = AppContext {
        state: state.clone(),
        send: send.clone(),
    };

    // Startup: measure the worker's round trip and show the link's problems (and why the
    // previous worker stopped), once.
    {
        let send = send.clone();
        let sent_at = ping_sent_at.clone();
        let dispatch = state.dispatcher();
        let notes = first.2.clone();
        let crashed = props.crashed.clone();
        use_effect_with((), move |_| {
            if let Some(why) = crashed {
                dispatch.dispatch(Action::Notify {
                    level: Level::Error,
                    text: Bilingual::new(
                        format!("The training worker stopped ({why}). It was restarted with the model last saved in this browser (at most a few seconds old) and your settings."),
                        format!("학습 워커가 멈췄습니다 ({why}). 이 브라우저에 마지막으로 저장된 모델(길어야 몇 초 전)과 설정으로 다시 시작했습니다."),
                    ),
                });
            }
            *sent_at.borrow_mut() = now_ms();
            send.emit(ToWorker::Ping { nonce: 1 });
            for note in notes {
                dispatch.dispatch(Action::Notify {
                    level: Level::Warning,
                    text: Bilingual::new(
                        note.clone(),
                        format!("링크나 저장된 설정의 일부를 쓰지 못했습니다: {note}"),
                    ),
                });
            }
        });
    }

    crate::app::update_notice::use_update_notice(state.dispatcher());
    // A `crash=worker` link: make the worker panic once its model is open (tests recovery).
    {
        let send = send.clone();
        use_effect_with(state.summary.clone(), move |summary| {
            if summary.total > 0 && crash_requested() {
                send.emit(ToWorker::Crash {
                    message: "a crash=worker link asked the worker to panic, to test the recovery"
                        .into(),
                });
            }
        });
    }
    use_worker_health(
        send.clone(),
        state.dispatcher(),
        (*last_answer).clone(),
        props.on_crash.clone(),
    );

    // (Re)open the lesson whenever the model, lesson or seed changes.
    {
        let send = send.clone();
        let s = state.clone();
        let restore = restore.clone();
        use_effect_with(s.open_generation, move |_| {
            // A rebuilt model starts from fresh weights.
            let restoring = std::mem::replace(&mut *restore.borrow_mut(), false);
            let base = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            send.emit(ToWorker::Open(Box::new(OpenLesson {
                options: s.options.clone(),
                model: s.model.clone(),
                settings: s.settings.clone(),
                seed: s.seed,
                assets_base: base,
                restore: restoring,
            })));
            send.emit(ToWorker::SetSpeed(s.speed));
        });
    }

    // Live settings: sent as they change, the weights stay.
    {
        let send = send.clone();
        let first_run = use_mut_ref(|| true);
        use_effect_with(state.settings.clone(), move |settings| {
            if !std::mem::replace(&mut *first_run.borrow_mut(), false) {
                send.emit(ToWorker::SetSettings(settings.clone()));
            }
        });
    }

    // Settings are kept as they change; a browser that refuses is said once, and the app works
    // on without them.
    {
        let dispatch = state.dispatcher();
        let warned = use_mut_ref(|| false);
        use_effect_with(state.to_saved(), move |saved| {
            if !store(saved) && !std::mem::replace(&mut *warned.borrow_mut(), true) {
                dispatch.dispatch(Action::Notify {
                    level: Level::Warning,
                    text: Bilingual::new(
                        "This browser does not let the page keep your settings (private mode, or its storage is full or switched off): everything works, but a reload starts from the link's settings.",
                        "이 브라우저는 설정을 보관하지 못하게 합니다 (사생활 보호 모드이거나 저장 공간이 가득 찼거나 꺼져 있음). 모든 기능은 그대로 쓸 수 있지만, 새로 고치면 링크의 설정으로 시작합니다.",
                    ),
                });
            }
        });
    }

    // The URL always describes the lesson, so a teacher can copy it; the language is remembered.
    {
        let share = state.to_share();
        let lang = state.lang;
        use_effect_with((share, lang), move |(share, lang)| {
            if let Some(w) = web_sys::window() {
                let url = format!("?{}", share.to_query());
                if let Ok(h) = w.history() {
                    let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
                }
                if let Some(doc) = w.document().and_then(|d| d.document_element()) {
                    let _ = doc.set_attribute("lang", lang.code());
                }
            }
            if let Some(s) = storage() {
                let _ = s.set_item(LANG_KEY, lang.code());
            }
        });
    }

    // Keyboard shortcuts, except while typing in a field (←/→ belong to the inside views).
    {
        let state = state.clone();
        let send = send.clone();
        use_shortcuts(move |action| {
            match action {
                // The reducer handle reads the newest state when the key arrives.
                Shortcut::PlayPause => send.emit(if state.progress.running {
                    ToWorker::Pause
                } else {
                    ToWorker::Play
                }),
                Shortcut::Step => send.emit(ToWorker::Step { updates: 1 }),
                Shortcut::Reset => send.emit(ToWorker::Reset),
                Shortcut::ToggleHelp => state.dispatch(Action::ToggleHelp),
                Shortcut::TogglePresenter => state.dispatch(Action::TogglePresenter),
                // ←/→ belong to the inside views, PageUp/PageDown to the guided lesson.
                Shortcut::PrevTimestep
                | Shortcut::NextTimestep
                | Shortcut::TourNext
                | Shortcut::TourBack => return false,
            }
            true
        });
    }

    let s = &*state;
    let worker_line = match &s.worker {
        WorkerStatus::Connecting => ("connecting", ctx.t(Text::WorkerStarting).to_string()),
        WorkerStatus::Ready {
            round_trip_ms: Some(ms),
        } => (
            "ready",
            format!("{} (round trip {ms:.1} ms)", ctx.t(Text::WorkerReady)),
        ),
        WorkerStatus::Ready {
            round_trip_ms: None,
        } => ("ready", ctx.t(Text::WorkerReady).to_string()),
        WorkerStatus::Incompatible { .. } => {
            ("incompatible", ctx.t(Text::WorkerOutdated).to_string())
        }
        WorkerStatus::Silent => ("silent", ctx.t(Text::WorkerSilent).to_string()),
    };
    let classification = s.lesson.info().accuracy;

    html! {
        <ContextProvider<AppContext> context={ctx.clone()}>
            <div class={classes!("app", s.presenter.then_some("presenter"))} data-testid="app-root" lang={s.lang.code()}>
                <Header />
                <Notices />
                <main class="layout">
                    <aside class="controls" aria-label={ctx.t(Text::Controls)}>
                        <Controls />
                    </aside>
                    <section class="viz" aria-label={ctx.t(Text::Visualization)}>
                        <div class="viz-head">
                            <h2 class="viz-title">{ s.lesson.info().title.get(s.lang) }</h2>
                            <StatusBar />
                        </div>
                        <div class="charts">
                            <CurveChart kind={ChartKind::Loss} curves={s.curves.clone()} />
                            if classification {
                                <CurveChart kind={ChartKind::Accuracy} curves={s.curves.clone()} />
                            }
                        </div>
                        <LessonView />
                        <ShapesPanel />
                        <InsideNetwork />
                        <Compare />
                        <ModelSummaryTable />
                        <crate::app::components::code_panel::CodePanel />
                        <p class="worker-status" data-testid="worker-status" data-state={worker_line.0}>{ worker_line.1 }</p>
                    </section>
                </main>
                <ShortcutsHelp />
                <TourPanel />
            </div>
        </ContextProvider<AppContext>>
    }
}
