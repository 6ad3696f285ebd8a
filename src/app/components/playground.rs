//! The page: header, run bar, drawings and settings, wired to the training worker. Its replies
//! are read by `worker::replies` into reducer actions.

mod shortcuts;
mod startup;

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
use crate::app::now_ms;
use crate::app::startup::initial_state;
use crate::app::state::{Action, AppState};
use crate::app::worker_health::{use_worker_health, LastAnswer};
use crate::ui::i18n::Text;
use crate::worker::messages::{FromWorker, ToWorker};
use crate::worker::replies::{read, Reply};
use crate::worker::TrainingWorker;
use shortcuts::use_page_shortcuts;
use startup::{use_crash_link, use_startup};

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
        use_reducer(move || AppState(first.0.clone()))
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
        use_worker_bridge::<TrainingWorker, _>(move |reply: FromWorker| match read(reply) {
            Reply::Action(action) => dispatch.dispatch(action),
            Reply::Pong { nonce } => {
                last.now();
                // The first ping measures the round trip; the others only check it answers.
                if nonce == 1 {
                    let round_trip_ms = now_ms() - *sent_at.borrow();
                    dispatch.dispatch(Action::WorkerPong { round_trip_ms });
                }
            }
            Reply::Crashed(message) => on_crash.emit(message),
            Reply::Save { name, text } => {
                crate::app::components::code_panel::save(&dispatch, &name, &text)
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

    use_startup(
        send.clone(),
        state.dispatcher(),
        ping_sent_at.clone(),
        first.2.clone(),
        props.crashed.clone(),
    );
    crate::app::update_notice::use_update_notice(state.dispatcher());
    use_crash_link(send.clone(), state.summary.clone());
    use_worker_health(
        send.clone(),
        state.dispatcher(),
        (*last_answer).clone(),
        props.on_crash.clone(),
    );

    crate::app::sync::use_sync(&state, &send, restore.clone());

    use_page_shortcuts(state.clone(), send.clone());

    let s = &*state;
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
                        <p class="worker-status" data-testid="worker-status" data-state={s.worker.name()}>{ s.worker.line(s.lang) }</p>
                    </section>
                    <SettingsForm />
                </main>
                <ShortcutsHelp />
                <TourPanel />
            </div>
        </ContextProvider<AppContext>>
    }
}
