use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::number_field::NumberField;
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::train::MAX_EPOCHS;
use crate::ui::cores::{cores_label, Cores};
use crate::ui::i18n::{fill, Text};
use crate::worker::messages::{RunEnd, Speed, ToWorker};

/// Speeds offered, as `(key, speed)`.
const SPEEDS: [(&str, Speed); 4] = [
    ("max", Speed::Max),
    ("10", Speed::PerSecond(10.0)),
    ("2", Speed::PerSecond(2.0)),
    ("1", Speed::PerSecond(1.0)),
];

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
    let on_speed = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some((_, speed)) = SPEEDS.iter().find(|(k, _)| *k == select.value()) {
                app.dispatch(Action::SetSpeed(*speed));
                app.send.emit(ToWorker::SetSpeed(*speed));
            }
        })
    };
    let speed_key = SPEEDS
        .iter()
        .find(|(_, s)| *s == app.state.speed)
        .map(|(k, _)| *k)
        .unwrap_or("max");
    let on_cores = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(cores) = Cores::from_key(&select.value()) {
                app.dispatch(Action::SetCores(cores));
            }
        })
    };
    let hardware = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency() as usize)
        .unwrap_or(1);
    let cores_text = |c: Cores| match c {
        Cores::Auto => format!(
            "{} ({})",
            app.t(Text::CoresAuto),
            Cores::Auto.workers(app.state.page_hidden, hardware)
        ),
        Cores::Fixed(n) => n.to_string(),
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
    let p = &app.state.progress;
    // Past the run's last epoch, Play trains on until paused: it says so.
    let past_end =
        !running && (p.run_end.is_some() || (!settings.until_paused && p.epoch >= settings.epochs));
    let (play_label, play_tip) = if past_end {
        (Text::Continue, Text::ContinueTip)
    } else {
        (Text::Play, Text::PlayTip)
    };
    let done = (!running)
        .then_some(p.run_end)
        .flatten()
        .map(|end| match end {
            RunEnd::Epochs { epochs } => fill(app.t(Text::RunDoneEpochs), &[&epochs.to_string()]),
            RunEnd::EarlyStopped { epoch, best_epoch } => fill(
                app.t(Text::RunDoneEarly),
                &[&epoch.to_string(), &best_epoch.to_string()],
            ),
        });
    let speed_text = |key: &str| match key {
        "max" => app.t(Text::SpeedMax).to_string(),
        n => format!("{n} / s"),
    };
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
            <div class="field">
                <label for="speed">{ app.t(Text::Speed) }</label>
                <select id="speed" data-testid="speed-select" onchange={on_speed}>
                    { for SPEEDS.iter().map(|(k, _)| html! {
                        <option value={*k} selected={*k == speed_key}>{ speed_text(k) }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label for="cores" title={app.t(Text::CoresTip)}>{ app.t(Text::Cores) }</label>
                <select id="cores" data-testid="cores-select" title={app.t(Text::CoresTip)} onchange={on_cores}>
                    { for Cores::choices(hardware).into_iter().map(|c| html! {
                        <option value={c.key()} selected={c == app.state.cores}>{ cores_text(c) }</option>
                    }) }
                </select>
                // Always one line high, so the column does not jump when training starts.
                <p class="hint cores-used" data-testid="cores-used" aria-live="off">
                    if running && app.state.progress.workers > 0 {
                        { format!("{}: {}", app.t(Text::CoresUsed), cores_label(app.state.lang, app.state.progress.workers)) }
                    }
                </p>
            </div>
        </section>
    }
}
