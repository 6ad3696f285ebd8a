//! The run bar: first in the page, across the top in presenter mode. Its choices are
//! `ui::run_bar`'s; speed and cores are `run_controls/pace.rs`.

mod pace;

use yew::prelude::*;

use super::number_field::NumberField;
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::train::MAX_EPOCHS;
use crate::ui::i18n::Text;
use crate::ui::run_bar::{past_end, play_label, run_done};
use crate::worker::messages::ToWorker;
use pace::RunPace;

/// A fresh seed from the browser's clock and randomness (the worker derives everything else).
fn new_seed() -> u64 {
    (js_sys::Math::random() * 4_294_967_296.0) as u64
}

/// Play/pause (Continue after a run ended), one update, one epoch, reset, new seed, the run's
/// length, speed and cores.
#[component]
pub fn RunControls() -> Html {
    let app = use_app();
    let running = app.state.progress.running;
    let send = |msg: ToWorker| {
        let send = app.send.clone();
        Callback::from(move |_: MouseEvent| send.emit(msg.clone()))
    };
    let on_new_seed = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::SetSeed(new_seed())))
    };
    let on_epochs = {
        let app = app.clone();
        Callback::from(move |v: f64| {
            let mut st = app.state.settings.clone();
            st.epochs = v as u64;
            app.dispatch(Action::SetSettings(st));
        })
    };
    let on_until_paused = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut st = app.state.settings.clone();
            st.until_paused = input.checked();
            app.dispatch(Action::SetSettings(st));
        })
    };
    let settings = &app.state.settings;
    let past_end = past_end(running, &app.state.progress, settings);
    let (play_label, play_tip) = play_label(past_end);
    let done = run_done(app.state.lang, running, &app.state.progress);
    html! {
        <section class="control-group run" aria-labelledby="cg-run">
            <h2 id="cg-run">{ app.t(Text::Run) }</h2>
            <div class="button-row">
                if running {
                    <button data-testid="pause" class="primary" onclick={send(ToWorker::Pause)} aria-keyshortcuts="Space"><span class="glyph pause-icon" aria-hidden="true" />{ app.t(Text::Pause) }</button>
                } else {
                    <button data-testid="play" class="primary" title={app.t(play_tip)} onclick={send(ToWorker::Play)} aria-keyshortcuts="Space"
                        data-continue={past_end.to_string()}><span class="glyph play-icon" aria-hidden="true" />{ app.t(play_label) }</button>
                }
                <button data-testid="step" title={app.t(Text::StepTip)} onclick={send(ToWorker::Step { updates: 1 })} aria-keyshortcuts=".">{ app.t(Text::Step) }</button>
                <button data-testid="epoch" title={app.t(Text::OneEpochTip)} onclick={send(ToWorker::Epoch)}>{ app.t(Text::OneEpoch) }</button>
                <button data-testid="reset" title={app.t(Text::ResetTip)} onclick={send(ToWorker::Reset)} aria-keyshortcuts="r">{ app.t(Text::Reset) }</button>
                <button data-testid="new-seed" class="secondary" title={app.t(Text::NewSeedTip)} onclick={on_new_seed}>{ app.t(Text::NewSeed) }</button>
            </div>
            if let Some(text) = done {
                <p class="run-done" data-testid="run-done" role="status">{ text }</p>
            }
            <div class="epochs-row">
                if !settings.until_paused {
                    <NumberField label={app.t(Text::Epochs)} tip={app.t(Text::EpochsTip)} testid="epochs-target"
                        value={settings.epochs as f64} min=1.0 max={MAX_EPOCHS as f64} integer=true on_change={on_epochs} />
                }
                <label class="check" title={app.t(Text::EpochsTip)}>
                    <input type="checkbox" data-testid="until-paused" checked={settings.until_paused} onchange={on_until_paused} />
                    { app.t(Text::UntilPaused) }
                </label>
            </div>
            <RunPace />
        </section>
    }
}
