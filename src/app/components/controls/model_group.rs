//! The settings form's model group: cell, size, layers, direction, input encoding and the
//! lesson's own options. Edits go to a draft; "Rebuild" applies them (a new model).

use yew::prelude::*;

use crate::app::components::lessons::LessonControls;
use crate::app::components::number_field::NumberField;
use crate::app::components::select_field::SelectField;
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::lessons::InputEncoding;
use crate::nn::CellKind;
use crate::ui::i18n::Text;
use crate::ui::url::limits;

/// What the course's cell fixes, in place of the fields it has no use for.
const COURSE_CELL_NOTE: crate::ui::i18n::Tr = crate::ui::i18n::Tr::new(
    "Tutorial 01's class: one layer, one direction, one-hot input; `i2h = nn.Linear(input_size + hidden_size, hidden_size)` gives `h_t = tanh(i2h(torch.cat((x_t, h_{t-1}), 1)))`, and `i2o = nn.Linear(input_size + hidden_size, output_size)` gives the output from the same `torch.cat((x_t, h_{t-1}), 1)`.",
    "튜토리얼 01의 클래스: 층 하나, 한 방향, 원-핫 입력. `i2h = nn.Linear(input_size + hidden_size, hidden_size)`로 `h_t = tanh(i2h(torch.cat((x_t, h_{t-1}), 1)))`를 만들고, `i2o = nn.Linear(input_size + hidden_size, output_size)`는 같은 `torch.cat((x_t, h_{t-1}), 1)`에서 출력을 냅니다.",
);

#[component]
pub fn ModelGroup() -> Html {
    let app = use_app();
    let s = &*app.state;
    let rebuild_note: AttrValue = app.t(Text::RebuildWarning).into();
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
            if cfg.cell.is_course() {
                // tutorial 01's module: one layer, one direction, one-hot input
                cfg = InputEncoding::OneHot.apply(&cfg);
                cfg.num_layers = 1;
                cfg.bidirectional = false;
            }
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

    let cells: Vec<(AttrValue, AttrValue)> = s
        .lesson
        .info()
        .cells
        .iter()
        .map(|&c| {
            let label = match c {
                CellKind::Rnn => format!("{} (tanh)", c.torch_name()),
                CellKind::Course => app.l(crate::ui::glossary::COURSE_CELL_LABEL).to_string(),
                _ => c.torch_name().to_string(),
            };
            (c.key().into(), label.into())
        })
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
    let d = &s.draft;
    let course = d.cell.is_course();
    html! {
    <section class="control-group" aria-labelledby="cg-model">
        <h2 id="cg-model">{ app.t(Text::Model) }</h2>
        <SelectField label={app.t(Text::CellType)} tip={app.t(Text::CellTypeTip)} testid="cell-select"
            options={cells} value={d.cell.key()} rebuilds=true rebuild_note={rebuild_note.clone()} on_change={on_cell} />
        <NumberField label={app.t(Text::HiddenSize)} tip={app.t(Text::HiddenSizeTip)} testid="hidden-size"
            value={d.hidden_size as f64} min={limits::HIDDEN.0 as f64} max={limits::HIDDEN.1 as f64} integer=true
            rebuilds=true rebuild_note={rebuild_note.clone()}
            on_change={edit_model(|c, v| c.hidden_size = v as usize)} />
        if course {
            <p class="hint" data-testid="course-cell-note">{ crate::app::components::with_code_spans(app.l(COURSE_CELL_NOTE)) }</p>
        } else {
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
        }
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
    }
}
