use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::state::Action;
use crate::ui::i18n::{Lang, Text};
use crate::ui::shortcuts::{focused_keys, TABLE};

/// The `?` overlay listing every keyboard shortcut.
#[component]
pub fn ShortcutsHelp() -> Html {
    let app = use_app();
    // The keyboard's focus goes to Close when the overlay opens, back to `?` when it closes.
    let close_button = use_node_ref();
    crate::app::focus::use_focus_on_toggle(
        app.state.show_help,
        close_button.clone(),
        "help-toggle",
    );
    if !app.state.show_help {
        return html! {};
    }
    let close = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::ToggleHelp))
    };
    let ko = app.state.lang == Lang::Ko;
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="shortcuts-help">
            <div class="overlay-box">
                <h2 id="help-title">{ app.t(Text::Shortcuts) }</h2>
                <dl class="shortcuts">
                    { for TABLE.iter().map(|(key, _, en, kr)| html! {
                        <><dt><kbd>{ *key }</kbd></dt><dd>{ if ko { *kr } else { *en } }</dd></>
                    }) }
                </dl>
                <dl class="shortcuts focused-keys" data-testid="focused-keys">
                    { for focused_keys().into_iter().map(|(key, text)| html! {
                        <><dt><kbd>{ key }</kbd></dt><dd>{ text.get(app.state.lang).to_string() }</dd></>
                    }) }
                </dl>
                <button ref={close_button} data-testid="help-close" onclick={close}>{ app.t(Text::Close) }</button>
            </div>
        </div>
    }
}
