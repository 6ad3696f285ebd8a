//! The settings form: preset, model (rebuilds) and training (live) settings, the model file
//! (inside `SettingsForm`'s fold; the run buttons are `RunControls`, apart).

mod model_group;
mod preset_group;
mod training_group;

use yew::prelude::*;

use crate::app::components::model_file::ModelFile;
use model_group::ModelGroup;
use preset_group::PresetGroup;
use training_group::TrainingGroup;

/// The form's groups in order.
#[component]
pub fn Controls() -> Html {
    html! {
        <div class="controls-inner">
            <PresetGroup />
            <ModelGroup />
            <TrainingGroup />
            <ModelFile />
        </div>
    }
}
