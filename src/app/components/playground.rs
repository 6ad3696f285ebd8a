use yew::prelude::*;
use yew_agent::worker::use_worker_bridge;

use crate::app::components::compare::Compare;
use crate::app::components::curve_chart::{ChartKind, CurveChart};
use crate::app::components::header::Header;
use crate::app::components::inside::InsideNetwork;
use crate::app::components::lessons::LessonView;
use crate::app::components::model_summary::ModelSummaryTable;
use crate::app::components::notices::Notices;
use crate::app::components::run_controls::RunControls;
use crate::app::components::settings_form::SettingsForm;
use crate::app::components::shapes_panel::ShapesPanel;
use crate::app::components::shortcuts_help::ShortcutsHelp;
use crate::app::components::status_bar::StatusBar;
use crate::app::components::tour_panel::TourPanel;
use crate::app::context::AppContext;
use crate::app::keys::use_shortcuts;
use crate::app::now_ms;
use crate::app::startup::initial_state;
use crate::app::state::{Action, Loading, WorkerStatus};
use crate::app::worker_health::{crash_requested, use_worker_health, LastAnswer};
use crate::ui::i18n::{Bilingual, Text};
use crate::ui::shortcuts::Shortcut;
use crate::worker::messages::{FromWorker, Level, ToWorker};
use crate::worker::TrainingWorker;

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
                examples,
            } => dispatch.dispatch(Action::Opened {
                summary,
                model,
                seed,
                picker,
                examples,
            }),
            FromWorker::OpenRefused => dispatch.dispatch(Action::OpenRefused),
            FromWorker::View(v) => dispatch.dispatch(Action::View(std::rc::Rc::from(v))),
            FromWorker::Compare(p) => dispatch.dispatch(Action::Compare(p)),
            FromWorker::MemoryLimit(p) => dispatch.dispatch(Action::MemoryLimit(p)),
            FromWorker::Inspection(i) => {
                dispatch.dispatch(Action::Inspection(std::rc::Rc::from(i)))
            }
            FromWorker::Progress(p) => dispatch.dispatch(Action::Progress(p)),
            FromWorker::Notice { level, text } => dispatch.dispatch(Action::Notify { level, text }),
            FromWorker::ExportedPytorch { name, text } => {
                crate::app::components::code_panel::save(&dispatch, &name, &text)
            }
            FromWorker::Exported { name, json } => {
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
            for text in notes {
                dispatch.dispatch(Action::Notify {
                    level: Level::Warning,
                    text,
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

    crate::app::sync::use_sync(&state, &send, restore.clone());

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
                Shortcut::Close if state.show_help => state.dispatch(Action::ToggleHelp),
                Shortcut::Close if state.tour.is_some() => state.dispatch(Action::TourClose),
                Shortcut::Close => return false,
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
            format!(
                "{} ({} {ms:.1} ms)",
                ctx.t(Text::WorkerReady),
                ctx.t(Text::RoundTrip)
            ),
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
                    // The run bar first, then the drawings, then the long settings form: a
                    // phone reads the charts and the lesson before the form (folded there).
                    <aside class="controls" aria-label={ctx.t(Text::Run)}>
                        <RunControls />
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
                    <SettingsForm />
                </main>
                <ShortcutsHelp />
                <TourPanel />
            </div>
        </ContextProvider<AppContext>>
    }
}
