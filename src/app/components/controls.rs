use yew::prelude::*;

/// The controls column. The model and training settings arrive with the training runtime;
/// for now it shows the groups a lesson will fill.
#[component]
pub fn Controls() -> Html {
    html! {
        <div class="controls-inner">
            <section class="control-group" aria-labelledby="cg-run">
                <h2 id="cg-run">{ "Run" }</h2>
                <div class="button-row">
                    <button data-testid="play" disabled=true title="Start training (arrives with the training runtime)">{ "Play" }</button>
                    <button data-testid="step" disabled=true title="One training update">{ "Step" }</button>
                    <button data-testid="reset" disabled=true title="Back to the same initial weights">{ "Reset" }</button>
                </div>
            </section>
            <section class="control-group" aria-labelledby="cg-model">
                <h2 id="cg-model">{ "Model" }</h2>
                <p class="hint">{ "Cell type, hidden size, layers, direction." }</p>
            </section>
            <section class="control-group" aria-labelledby="cg-train">
                <h2 id="cg-train">{ "Training" }</h2>
                <p class="hint">{ "Optimizer, learning rate, batch size, clipping." }</p>
            </section>
        </div>
    }
}
