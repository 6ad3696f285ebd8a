use yew::prelude::*;

use crate::app::components::number_field::NumberField;
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::optim::OptimizerConfig;
use crate::ui::i18n::Text;

/// The chosen optimizer's own settings (PyTorch's names and defaults); they apply at the next
/// update and keep the weights.
#[component]
pub fn OptimizerSettings() -> Html {
    let app = use_app();
    let opt = app.state.settings.optimizer.clone();
    let edit = |f: fn(&mut OptimizerConfig, f64)| {
        let app = app.clone();
        Callback::from(move |v: f64| {
            let mut st = app.state.settings.clone();
            f(&mut st.optimizer, v);
            app.dispatch(Action::SetSettings(st));
        })
    };
    let tip = app.t(Text::OptimizerSettingsTip);
    let fields = match &opt {
        OptimizerConfig::Sgd(c) => html! {
            <>
                <NumberField label="momentum" {tip} testid="sgd-momentum" value={c.momentum} min={0.0} max={0.999} step={Some(0.05)}
                    on_change={edit(|o, v| if let OptimizerConfig::Sgd(c) = o { c.momentum = v; if v == 0.0 { c.nesterov = false } })} />
                <NumberField label="weight_decay" {tip} testid="weight-decay" value={c.weight_decay} min={0.0} max={1.0}
                    on_change={edit(|o, v| if let OptimizerConfig::Sgd(c) = o { c.weight_decay = v })} />
            </>
        },
        OptimizerConfig::Adam(c) => html! {
            <>
                <NumberField label="β1" {tip} testid="adam-beta1" value={c.betas.0} min={0.0} max={0.9999} step={Some(0.01)}
                    on_change={edit(|o, v| if let OptimizerConfig::Adam(c) = o { c.betas.0 = v })} />
                <NumberField label="β2" {tip} testid="adam-beta2" value={c.betas.1} min={0.0} max={0.99999} step={Some(0.001)}
                    on_change={edit(|o, v| if let OptimizerConfig::Adam(c) = o { c.betas.1 = v })} />
                <NumberField label="weight_decay" {tip} testid="weight-decay" value={c.weight_decay} min={0.0} max={1.0}
                    on_change={edit(|o, v| if let OptimizerConfig::Adam(c) = o { c.weight_decay = v })} />
            </>
        },
        OptimizerConfig::RmsProp(c) => html! {
            <>
                <NumberField label="alpha" {tip} testid="rmsprop-alpha" value={c.alpha} min={0.0} max={0.9999} step={Some(0.01)}
                    on_change={edit(|o, v| if let OptimizerConfig::RmsProp(c) = o { c.alpha = v })} />
                <NumberField label="momentum" {tip} testid="rmsprop-momentum" value={c.momentum} min={0.0} max={0.999} step={Some(0.05)}
                    on_change={edit(|o, v| if let OptimizerConfig::RmsProp(c) = o { c.momentum = v })} />
                <NumberField label="weight_decay" {tip} testid="weight-decay" value={c.weight_decay} min={0.0} max={1.0}
                    on_change={edit(|o, v| if let OptimizerConfig::RmsProp(c) = o { c.weight_decay = v })} />
            </>
        },
    };
    html! { <div class="optimizer-settings">{ fields }</div> }
}
