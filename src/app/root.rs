use yew::prelude::*;
use yew_agent::worker::WorkerProvider;

use crate::app::components::playground::Playground;
use crate::worker::{JsCodec, TrainingWorker};

/// Root component: provides the training worker to everything below it.
#[component]
pub fn App() -> Html {
    html! {
        // `worker.js` is the Trunk worker target (see index.html); its wasm is `worker_bg.wasm`.
        // Relative to the page, so the app also works from a sub-folder of a host.
        <WorkerProvider<TrainingWorker, JsCodec> path="worker.js">
            <Playground />
        </WorkerProvider<TrainingWorker, JsCodec>>
    }
}
