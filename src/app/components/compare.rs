//! RNN, LSTM and GRU trained side by side on the same lesson, data and seed: overlaid loss
//! curves and ‖∂L/∂h_t‖ against t (`charts.rs`), so the class sees why gated cells keep
//! long-range gradients.

mod charts;

use yew::prelude::*;

use crate::app::components::number_field::NumberField;
use crate::app::context::use_app;
use crate::ui::i18n::Text;
use crate::worker::messages::{CompareRequest, ToWorker};
use charts::CompareCharts;

/// The panel: how many updates, start or stop, progress, then the charts.
#[component]
pub fn Compare() -> Html {
    let app = use_app();
    let default_updates = app.state.lesson.info().compare_updates;
    let updates = use_state(|| default_updates);
    let comparison = app.state.comparison.clone();
    let start = {
        let app = app.clone();
        let updates = updates.clone();
        Callback::from(move |_| {
            let s = &app.state;
            let Some(picker) = &s.picker else { return };
            let example = picker.default.clone();
            app.send.emit(ToWorker::Compare(Box::new(CompareRequest {
                options: s.options.clone(),
                model: s.model.clone(),
                settings: s.settings.clone(),
                seed: s.seed,
                updates: *updates,
                example,
            })));
        })
    };
    let stop = {
        let send = app.send.clone();
        Callback::from(move |_| send.emit(ToWorker::StopCompare))
    };
    let on_updates = {
        let updates = updates.clone();
        Callback::from(move |v: f64| updates.set(v as u64))
    };
    let running = comparison.as_ref().is_some_and(|c| !c.done);
    html! {
        <section class="panel compare" data-testid="compare">
            <h2>{ app.t(Text::CompareTitle) }</h2>
            <p class="hint">{ app.t(Text::CompareHint) }</p>
            <div class="button-row">
                <NumberField label={app.t(Text::Updates)} tip={app.t(Text::CompareHint)} testid="compare-updates"
                    value={*updates as f64} min={1.0} max={100_000.0} integer=true on_change={on_updates} />
                if running {
                    <button class="secondary" onclick={stop}>{ app.t(Text::Stop) }</button>
                } else {
                    <button data-testid="compare-start" onclick={start}>{ app.t(Text::CompareStart) }</button>
                }
                if let Some(c) = &comparison {
                    <span class="status-extra" data-testid="compare-progress">{ format!("{} / {}", c.update, c.updates) }</span>
                }
            </div>
            if let Some(c) = comparison {
                <CompareCharts comparison={c} />
            }
        </section>
    }
}
