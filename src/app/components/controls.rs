use yew::prelude::*;

use crate::app::components::lessons::LessonControls;
use crate::app::components::lr_field::LrField;
use crate::app::components::model_file::ModelFile;
use crate::app::components::number_field::NumberField;
use crate::app::components::optimizer_settings::OptimizerSettings;
use crate::app::components::select_field::SelectField;
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::lessons::{self, InputEncoding};
use crate::nn::CellKind;
use crate::optim::OptimizerKind;
use crate::train::{optimizer_lr, EarlyStopping};
use crate::ui::format::run_length;
use crate::ui::i18n::Text;
use crate::ui::url::limits;

/// The settings form: preset, model (rebuilds) and training (live) settings, the model file
/// (inside `SettingsForm`'s fold; the run buttons are `RunControls`, apart).
#[component]
pub fn Controls() -> Html {
    let app = use_app();
    let s = &*app.state;
    let rebuild_note: AttrValue = app.t(Text::RebuildWarning).into();

    // --- model: edits go to the draft; "Rebuild" applies them -------------------------------
    let edit_model = |f: fn(&mut crate::nn::NetworkConfig, f64)| {
        let app = app.clone();
        Callback::from(move |v: f64| {
            let mut cfg = app.state.draft.clone();
            f(&mut cfg, v);
            app.dispatch(Action::EditModel(cfg));
        })
    };
    let on_cell = {
        let app = app.clone();
        Callback::from(move |v: String| {
            let mut cfg = app.state.draft.clone();
            cfg.cell = v.parse().unwrap_or_default();
            app.dispatch(Action::EditModel(cfg));
        })
    };
    let on_bidir = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut cfg = app.state.draft.clone();
            cfg.bidirectional = input.checked();
            app.dispatch(Action::EditModel(cfg));
        })
    };

    // A lesson where reading backwards would read the answer (the char model) refuses it.
    let bidir_leak = s.options.leak(&crate::nn::NetworkConfig {
        bidirectional: true,
        ..s.draft.clone()
    });

    // --- training settings: live --------------------------------------------------------------
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
    let on_preset = {
        let app = app.clone();
        Callback::from(move |id: String| app.dispatch(Action::SelectPreset(id)))
    };

    let presets: Vec<(AttrValue, AttrValue)> = lessons::presets_for(s.lesson)
        .into_iter()
        .map(|p| (p.id.into(), p.name.get(s.lang).to_string().into()))
        .collect();
    let cells: Vec<(AttrValue, AttrValue)> = CellKind::ALL
        .into_iter()
        .map(|c| {
            let label = match c {
                CellKind::Rnn => format!("{} (tanh)", c.torch_name()),
                _ => c.torch_name().to_string(),
            };
            (c.key().into(), label.into())
        })
        .collect();
    let optimizers: Vec<(AttrValue, AttrValue)> = OptimizerKind::ALL
        .into_iter()
        .map(|o| (o.key().into(), o.torch_name().into()))
        .collect();

    // Lessons read as tokens: one-hot vectors or an embedding (part of the model: rebuilds).
    let encoding = if s.lesson.info().tokens {
        let on_encoding = {
            let app = app.clone();
            Callback::from(move |v: String| {
                let enc = match v.as_str() {
                    "onehot" => InputEncoding::OneHot,
                    _ => InputEncoding::Embedding { dim: 16 },
                };
                app.dispatch(Action::EditModel(enc.apply(&app.state.draft)));
            })
        };
        let enc = match InputEncoding::of(&s.draft) {
            InputEncoding::OneHot => "onehot",
            InputEncoding::Embedding { .. } => "emb",
        };
        html! {
            <SelectField label={app.t(Text::Encoding)} tip={app.t(Text::EncodingTip)} testid="encoding-select"
                options={vec![("onehot".into(), app.t(Text::OneHot).into()), ("emb".into(), app.t(Text::EmbeddingDim).into())]}
                value={enc} rebuilds=true rebuild_note={rebuild_note.clone()} on_change={on_encoding} />
        }
    } else {
        html! {}
    };

    let apply = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::ApplyModel))
    };
    let discard = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::DiscardModelEdits))
    };
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
    let d = &s.draft;
    let st = &s.settings;

    html! {
        <div class="controls-inner">
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
            <section class="control-group" aria-labelledby="cg-model">
                <h2 id="cg-model">{ app.t(Text::Model) }</h2>
                <SelectField label={app.t(Text::CellType)} tip={app.t(Text::CellTypeTip)} testid="cell-select"
                    options={cells} value={d.cell.key()} rebuilds=true rebuild_note={rebuild_note.clone()} on_change={on_cell} />
                <NumberField label={app.t(Text::HiddenSize)} tip={app.t(Text::HiddenSizeTip)} testid="hidden-size"
                    value={d.hidden_size as f64} min={limits::HIDDEN.0 as f64} max={limits::HIDDEN.1 as f64} integer=true
                    rebuilds=true rebuild_note={rebuild_note.clone()}
                    on_change={edit_model(|c, v| c.hidden_size = v as usize)} />
                <NumberField label={app.t(Text::Layers)} tip={app.t(Text::LayersTip)} testid="layers"
                    value={d.num_layers as f64} min={limits::LAYERS.0 as f64} max={limits::LAYERS.1 as f64} integer=true
                    rebuilds=true rebuild_note={rebuild_note.clone()}
                    on_change={edit_model(|c, v| c.num_layers = v as usize)} />
                <div class="field rebuilds" title={app.t(Text::BidirectionalTip)}>
                    <label>
                        <input type="checkbox" data-testid="bidirectional" checked={d.bidirectional && bidir_leak.is_none()}
                            disabled={bidir_leak.is_some()} aria-describedby={bidir_leak.is_some().then_some("bidirectional-refused")}
                            onchange={on_bidir} />
                        { app.t(Text::Bidirectional) }
                        <span class="rebuild-badge" aria-hidden="true">{ "⟳" }</span>
                    </label>
                    if let Some(leak) = &bidir_leak {
                        <p class="hint refused-setting" id="bidirectional-refused" data-testid="bidirectional-refused">
                            { leak.reason.get(s.lang).to_string() }
                        </p>
                    }
                </div>
                { encoding }
                <LessonControls />
                if s.rebuild_pending() {
                    <div class="rebuild-bar" role="alert" data-testid="rebuild-bar">
                        <p>{ app.t(Text::RebuildWarning) }</p>
                        <div class="button-row">
                            <button data-testid="rebuild" onclick={apply}>{ app.t(Text::Rebuild) }</button>
                            <button class="secondary" onclick={discard}>{ app.t(Text::Cancel) }</button>
                        </div>
                    </div>
                }
            </section>
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
            <ModelFile />
        </div>
    }
}
