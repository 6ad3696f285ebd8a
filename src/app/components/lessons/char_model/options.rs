use yew::prelude::*;

use crate::app::components::select_field::SelectField;
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::lessons::char_model::CharLoss;
use crate::lessons::LessonOptions;
use crate::ui::i18n::Text;

/// The character lesson's loss: the course's MSE summed over timesteps, or cross-entropy (a
/// lesson option: changing it rebuilds the model at once).
#[component]
pub fn CharOptionsControls() -> Html {
    let app = use_app();
    let LessonOptions::CharModel(o) = &app.state.options else {
        return html! {};
    };
    let on_loss = {
        let app = app.clone();
        Callback::from(move |v: String| {
            if let LessonOptions::CharModel(mut o) = app.state.options.clone() {
                o.loss = if v == "ce" {
                    CharLoss::CrossEntropy
                } else {
                    CharLoss::MseSumT
                };
                app.dispatch(Action::SetOptions(LessonOptions::CharModel(o)));
            }
        })
    };
    let loss = match o.loss {
        CharLoss::MseSumT => "mse",
        CharLoss::CrossEntropy => "ce",
    };
    html! {
        <SelectField label={app.t(Text::LossFn)} tip={app.t(Text::LossTip)} testid="loss-select"
            options={vec![("mse".into(), app.t(Text::MseSumT).into()), ("ce".into(), app.t(Text::CrossEntropy).into())]}
            value={loss} rebuilds=true rebuild_note={AttrValue::from(app.t(Text::RebuildWarning))} on_change={on_loss} />
    }
}
