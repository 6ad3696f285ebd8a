use yew::prelude::*;
use yew_agent::worker::WorkerProvider;

use crate::app::components::playground::Playground;
use crate::worker::{JsCodec, TrainingWorker};

/// Root component: provides the training worker to everything below it. When the worker
/// crashes or stops answering, the provider is mounted anew (a fresh worker) and the page
/// restores the model autosaved in this browser, saying why.
#[component]
pub fn App() -> Html {
    // (restarts so far, why the last worker stopped)
    let crash = use_state(|| (0u32, None::<String>));
    let on_crash = {
        let crash = crash.clone();
        Callback::from(move |why: String| {
            web_sys::console::error_1(&format!("restarting the training worker: {why}").into());
            crash.set((crash.0 + 1, Some(why)));
        })
    };
    html! {
        // `worker.js` (written by scripts/post-build.mjs) loads the page's own binary in the
        // worker (yew-agent's classic shim imports it and calls its `wasm_bindgen`). Relative
        // to the page, so the app also works from a sub-folder of a host.
        <WorkerProvider<TrainingWorker, JsCodec> key={crash.0.to_string()} path="worker.js">
            <Playground crashed={crash.1.clone()} {on_crash} />
        </WorkerProvider<TrainingWorker, JsCodec>>
    }
}
