use yew::prelude::*;

use crate::app::components::controls::Controls;
use crate::app::context::use_app;
use crate::ui::glossary::HYPERPARAMETERS;
use crate::ui::i18n::Tr;

/// The summary of the folded form, before the glossary's term (하이퍼파라미터).
const SETTINGS: Tr = Tr::new(
    "Settings: preset, model and training",
    "설정: 프리셋, 모델과 학습",
);

/// Narrower than this (CSS pixels), the form starts folded: a phone shows the charts and the
/// lesson first, and the long form only when asked. The same width as the CSS's one column.
const FOLD_BELOW_PX: f64 = 721.0;

/// The long settings form (preset, model, training, model file) in a `<details>`: after the
/// drawings in the page's order, open by default on a wide screen and folded on a phone. The
/// summary is a native disclosure button (Enter and Space open it, a tap too).
#[component]
pub fn SettingsForm() -> Html {
    let app = use_app();
    // Decided once: re-rendering never folds a form the reader opened (or the other way).
    let open = use_state(|| {
        web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|v| v.as_f64())
            .is_none_or(|w| w >= FOLD_BELOW_PX)
    });
    let label = format!("{} ({})", app.l(SETTINGS), app.l(HYPERPARAMETERS));
    html! {
        <aside class="controls-form" aria-label={label.clone()}>
            <details class="settings" data-testid="settings-form" open={*open}>
                <summary data-testid="settings-toggle">{ label }</summary>
                <Controls />
            </details>
        </aside>
    }
}
