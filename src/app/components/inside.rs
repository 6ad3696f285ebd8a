use yew::prelude::*;

use crate::app::context::use_app;

/// Inside the network: timestep stepper, gate heatmaps, unrolled BPTT graph, cell arithmetic.
/// It follows one example through the worker's inspection traces.
#[component]
pub fn InsideNetwork() -> Html {
    let app = use_app();
    let steps = app
        .state
        .inspection
        .as_ref()
        .map(|i| i.input_labels.len())
        .unwrap_or(0);
    html! {
        <section class="panel inside" data-testid="inside-network">
            <h2>{ "Inside the network" }</h2>
            <p class="hint">{ format!("{steps} timesteps traced") }</p>
        </section>
    }
}
