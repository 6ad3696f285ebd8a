//! The settings form's first group: the lesson's presets, what the chosen one is, and how long
//! its run takes.

use yew::prelude::*;

use crate::app::components::select_field::SelectField;
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::lessons;
use crate::ui::format::run_length;
use crate::ui::i18n::Text;

#[component]
pub fn PresetGroup() -> Html {
    let app = use_app();
    let s = &*app.state;
    let st = &s.settings;
    let on_preset = {
        let app = app.clone();
        Callback::from(move |id: String| app.dispatch(Action::SelectPreset(id)))
    };
    let presets: Vec<(AttrValue, AttrValue)> = lessons::presets_for(s.lesson)
        .into_iter()
        .map(|p| (p.id.into(), p.name.get(s.lang).to_string().into()))
        .collect();
    html! {
        <section class="control-group" aria-labelledby="cg-lesson">
            <h2 id="cg-lesson">{ app.t(Text::Preset) }</h2>
            <SelectField label={app.t(Text::Preset)} tip="" testid="preset-select"
                options={presets} value={s.preset_id.clone()} on_change={on_preset} />
            if let Some(p) = lessons::preset(&s.preset_id) {
                <p class="hint preset-description" data-testid="preset-description">{ p.description.get(s.lang).to_string() }</p>
            }
            if s.train_examples > 0 && !st.until_paused {
                <p class="hint run-length" data-testid="run-length">
                    { run_length(s.lang, st.epochs, s.train_examples, st.batch_size, s.measured_speed) }
                </p>
            }
        </section>
    }
}
