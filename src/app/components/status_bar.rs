use yew::prelude::*;

use crate::app::context::use_app;
use crate::ui::format::{short_number, status_line, time_left};
use crate::ui::i18n::Text;

/// `epoch 3 · update 120 · loss 0.4123`, plus speed and data loading.
#[component]
pub fn StatusBar() -> Html {
    let app = use_app();
    let p = &app.state.progress;
    let settings = &app.state.settings;
    let run = (!settings.until_paused).then_some(settings.epochs);
    let done = !p.running && p.run_end.is_some();
    let line = status_line(app.state.lang, p.epoch, p.update, p.loss, run, done);
    let speed = p
        .examples_per_second
        .map(|v| format!("{} {}", v.round(), app.t(Text::ExamplesPerSecond)));
    let loading = app.state.loading.as_ref().map(|l| {
        let pct = match (l.done * 100).checked_div(l.total) {
            Some(p) => format!(" {p}%"),
            None => format!(" {} kB", l.done / 1024),
        };
        let what = l.lesson.info().data.get(app.state.lang);
        format!(
            "{} {what} ({}/{})…{pct}",
            app.t(Text::LoadingData),
            l.file,
            l.files
        )
    });
    html! {
        <div class="status-bar">
            <span data-testid="status" class="status" role="status" aria-live="polite"
                data-epoch={p.epoch.to_string()} data-update={p.update.to_string()}
                data-epochs-target={run.map(|n| n.to_string())} data-done={done.to_string()}>{ line }</span>
            if let Some(g) = p.grad_norm { <span class="status-extra">{ format!("‖∇‖ {}", short_number(g)) }</span> }
            if let Some(s) = speed { <span class="status-extra" data-testid="speed">{ s }</span> }
            if let Some(t) = p.seconds_left.filter(|_| p.running) {
                <span class="status-extra" data-testid="time-left" data-seconds={format!("{t:.0}")}>{ time_left(app.state.lang, t) }</span>
            }
            if let Some(l) = loading {
                <span class="status-extra loading" data-testid="loading">{ l }</span>
            }
        </div>
    }
}
