//! The settings form's training group: optimizer, learning rate and its settings, batch,
//! clipping, truncation, dropout, seed and early stopping. They apply live, keeping the
//! weights (the seed rebuilds).

use yew::prelude::*;

use crate::app::components::lr_field::LrField;
use crate::app::components::number_field::NumberField;
use crate::app::components::optimizer_settings::OptimizerSettings;
use crate::app::components::select_field::SelectField;
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::optim::OptimizerKind;
use crate::train::{optimizer_lr, EarlyStopping};
use crate::ui::i18n::Text;
use crate::ui::url::limits;

#[component]
pub fn TrainingGroup() -> Html {
    let app = use_app();
    let s = &*app.state;
    let rebuild_note: AttrValue = app.t(Text::RebuildWarning).into();
    let edit_settings = |f: fn(&mut crate::train::TrainSettings, f64)| {
        let app = app.clone();
        Callback::from(move |v: f64| {
            let mut st = app.state.settings.clone();
            f(&mut st, v);
            app.dispatch(Action::SetSettings(st));
        })
    };
    let on_optimizer = {
        let app = app.clone();
        Callback::from(move |kind: String| {
            // Another kind with the same learning rate and PyTorch's other defaults.
            if let Ok(kind) = kind.parse::<OptimizerKind>() {
                let mut st = app.state.settings.clone();
                st.optimizer = kind.with_lr(optimizer_lr(&st.optimizer));
                app.dispatch(Action::SetSettings(st));
            }
        })
    };
    let optimizers: Vec<(AttrValue, AttrValue)> = OptimizerKind::ALL
        .into_iter()
        .map(|o| (o.key().into(), o.torch_name().into()))
        .collect();

    let on_early = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut st = app.state.settings.clone();
            st.early_stopping = input.checked().then(EarlyStopping::default);
            app.dispatch(Action::SetSettings(st));
        })
    };
    let on_seed = {
        let app = app.clone();
        Callback::from(move |v: f64| app.dispatch(Action::SetSeed(v as u64)))
    };
    let st = &s.settings;
    html! {
    <section class="control-group" aria-labelledby="cg-train">
        <h2 id="cg-train">{ app.t(Text::Training) }</h2>
        <SelectField label={app.t(Text::Optimizer)} tip={app.t(Text::OptimizerTip)} testid="optimizer-select"
            options={optimizers} value={st.optimizer.kind().key()} on_change={on_optimizer} />
        <LrField />
        <OptimizerSettings />
        <NumberField label={app.t(Text::BatchSize)} tip={app.t(Text::BatchSizeTip)} testid="batch-size"
            value={st.batch_size as f64} min={limits::BATCH.0 as f64} max={limits::BATCH.1 as f64} integer=true
            on_change={edit_settings(|s, v| s.batch_size = v as usize)} />
        <NumberField label={app.t(Text::Clipping)} tip={app.t(Text::ClippingTip)} testid="clip"
            value={st.clip_grad_norm.unwrap_or(0.0)} min={limits::CLIP.0} max={limits::CLIP.1}
            on_change={edit_settings(|s, v| s.clip_grad_norm = (v > 0.0).then_some(v))} />
        <NumberField label={app.t(Text::Truncation)} tip={app.t(Text::TruncationTip)} testid="truncation"
            value={st.truncate.unwrap_or(0) as f64} min={limits::TRUNCATION.0 as f64} max={limits::TRUNCATION.1 as f64} integer=true
            on_change={edit_settings(|s, v| s.truncate = (v >= 1.0).then_some(v as usize))} />
        <NumberField label={app.t(Text::Dropout)} tip={app.t(Text::DropoutTip)} testid="dropout"
            value={st.dropout} min={limits::DROPOUT.0} max={limits::DROPOUT.1} step={Some(0.05)}
            on_change={edit_settings(|s, v| s.dropout = v)} />
        <NumberField label={app.t(Text::InputDropout)} tip={app.t(Text::InputDropoutTip)} testid="input-dropout"
            value={st.input_dropout} min={limits::DROPOUT.0} max={limits::DROPOUT.1} step={Some(0.05)}
            on_change={edit_settings(|s, v| s.input_dropout = v)} />
        <NumberField label={app.t(Text::Seed)} tip={app.t(Text::SeedTip)} testid="seed"
            value={s.seed as f64} min={0.0} max={9_007_199_254_740_991.0} integer=true rebuilds=true
            rebuild_note={rebuild_note.clone()} on_change={on_seed} />
        <div class="field" title={app.t(Text::EarlyStoppingTip)}>
            <label>
                <input type="checkbox" data-testid="early-stopping" checked={st.early_stopping.is_some()} onchange={on_early} />
                { app.t(Text::EarlyStopping) }
            </label>
        </div>
        if let Some(es) = st.early_stopping {
            <NumberField label={app.t(Text::Patience)} tip={app.t(Text::EarlyStoppingTip)} testid="patience"
                value={es.patience as f64} min={1.0} max={1000.0} integer=true
                on_change={edit_settings(|s, v| if let Some(e) = &mut s.early_stopping { e.patience = v as usize })} />
        }
    </section>
    }
}
