use yew::prelude::*;
use yew_agent::worker::use_worker_bridge;

use crate::app::components::controls::Controls;
use crate::app::components::header::Header;
use crate::app::components::visualization::Visualization;
use crate::app::state::{Action, AppState};
use crate::worker::messages::{FromWorker, ToWorker};
use crate::worker::TrainingWorker;

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The page layout: header, controls column and visualization area, wired to the worker.
#[component]
pub fn Playground() -> Html {
    let state = use_reducer(AppState::default);
    // When the last ping left, to measure the worker's round trip.
    let ping_sent_at = use_mut_ref(|| 0.0f64);

    let bridge = {
        let dispatch = state.dispatcher();
        let sent_at = ping_sent_at.clone();
        use_worker_bridge::<TrainingWorker, _>(move |reply: FromWorker| match reply {
            FromWorker::Ready { protocol } => dispatch.dispatch(Action::WorkerReady { protocol }),
            FromWorker::Pong { .. } => {
                let round_trip_ms = now_ms() - *sent_at.borrow();
                dispatch.dispatch(Action::WorkerPong { round_trip_ms });
            }
        })
    };

    {
        let bridge = bridge.clone();
        let sent_at = ping_sent_at.clone();
        use_effect_with((), move |_| {
            *sent_at.borrow_mut() = now_ms();
            // Queued by the bridge until the worker has loaded.
            bridge.send(ToWorker::Ping { nonce: 1 });
        });
    }

    let on_lesson = {
        let dispatch = state.dispatcher();
        Callback::from(move |lesson| dispatch.dispatch(Action::SelectLesson(lesson)))
    };

    html! {
        <div class="app" data-testid="app-root">
            <Header lesson={state.lesson} {on_lesson} />
            <main class="layout">
                <aside class="controls" aria-label="Controls">
                    <Controls />
                </aside>
                <section class="viz" aria-label="Visualization">
                    <Visualization lesson={state.lesson} worker={state.worker.clone()} />
                </section>
            </main>
        </div>
    }
}
