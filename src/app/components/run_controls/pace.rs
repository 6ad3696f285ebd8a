//! How the run goes: its speed (full speed, or slow motion for a class) and the cores an
//! update may use.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::state::Action;
use crate::ui::cores::{cores_label, Cores};
use crate::ui::i18n::Text;
use crate::ui::run_bar::{speed_key, speed_of, speed_text, SPEEDS};
use crate::worker::messages::ToWorker;

#[component]
pub fn RunPace() -> Html {
    let app = use_app();
    let running = app.state.progress.running;
    let on_speed = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(speed) = speed_of(&select.value()) {
                app.dispatch(Action::SetSpeed(speed));
                app.send.emit(ToWorker::SetSpeed(speed));
            }
        })
    };
    let speed_key = speed_key(app.state.speed);
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
    html! {
        <>
            <div class="field">
                <label for="speed">{ app.t(Text::Speed) }</label>
                <select id="speed" data-testid="speed-select" onchange={on_speed}>
                    { for SPEEDS.iter().map(|(k, _)| html! {
                        <option value={*k} selected={*k == speed_key}>{ speed_text(app.state.lang, k) }</option>
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
        </>
    }
}
