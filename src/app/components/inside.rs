use std::rc::Rc;

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::app::components::bptt_graph::BpttGraph;
use crate::app::components::cell_diagram::CellDiagram;
use crate::app::components::gate_heatmaps::GateHeatmaps;
use crate::app::components::index_field::IndexField;
use crate::app::components::unit_arithmetic::UnitArithmetic;
use crate::app::context::use_app;
use crate::app::keys::use_shortcuts;
use crate::app::visible::use_on_screen;
use crate::train::Inspection;
use crate::ui::i18n::Text;
use crate::ui::shortcuts::Shortcut;
use crate::worker::messages::{ModelSummary, ToWorker};

/// An inspection shared by the views; equal only to itself, so a new trace redraws and an old
/// one is never compared value by value.
#[derive(Clone, Debug)]
pub struct SharedInspection(pub Rc<Inspection>);

impl PartialEq for SharedInspection {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl SharedInspection {
    /// Directions per layer (2 when bidirectional).
    pub fn num_directions(&self) -> usize {
        if self.0.forward.directions.iter().any(|d| d.direction == 1) {
            2
        } else {
            1
        }
    }

    /// Layers traced.
    pub fn num_layers(&self) -> usize {
        self.0.forward.directions.len() / self.num_directions()
    }

    /// Timesteps traced.
    pub fn steps(&self) -> usize {
        self.0
            .forward
            .directions
            .first()
            .map(|d| d.steps.len())
            .unwrap_or(0)
    }
}

/// A summary compared by identity: each `Opened` brings a new one, and the worker then needs
/// to be told again which example to follow.
#[derive(Clone)]
struct Opened(Rc<ModelSummary>);

impl PartialEq for Opened {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The selected timestep and the play-through animation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Cursor {
    t: usize,
    steps: usize,
    playing: bool,
    /// A timestep a guided step asked for, kept until there are enough steps to show it.
    wanted: Option<usize>,
}

enum CursorAction {
    Prev,
    Next,
    Set(usize),
    /// A guided step's timestep (shown as soon as the trace has it).
    Focus(usize),
    Steps(usize),
    Play,
    Stop,
    Tick,
}

impl Reducible for Cursor {
    type Action = CursorAction;

    fn reduce(self: Rc<Self>, action: CursorAction) -> Rc<Self> {
        let mut c = *self;
        let last = c.steps.saturating_sub(1);
        match action {
            CursorAction::Prev => (c.t, c.wanted) = (c.t.saturating_sub(1), None),
            CursorAction::Next => (c.t, c.wanted) = ((c.t + 1).min(last), None),
            CursorAction::Set(t) => (c.t, c.wanted) = (t.min(last), None),
            CursorAction::Focus(t) => {
                c.t = t.min(last);
                c.wanted = (t > last).then_some(t);
            }
            CursorAction::Steps(n) => {
                c.steps = n;
                let last = n.saturating_sub(1);
                c.t = c.wanted.unwrap_or(c.t).min(last);
                c.wanted = c.wanted.filter(|&t| t > last);
            }
            CursorAction::Play => {
                if c.t >= last {
                    c.t = 0;
                }
                c.playing = c.steps > 1;
            }
            CursorAction::Stop => c.playing = false,
            CursorAction::Tick => {
                if c.t < last {
                    c.t += 1;
                }
                if c.t >= last {
                    c.playing = false;
                }
            }
        }
        if c == *self {
            self
        } else {
            Rc::new(c)
        }
    }
}

/// Inside the network: timestep stepper, gate heatmaps, unrolled BPTT graph, cell arithmetic.
/// It follows one example through the worker's inspection traces.
#[component]
pub fn InsideNetwork() -> Html {
    let app = use_app();
    let lang = app.state.lang;
    let lesson = app.state.lesson;
    let cursor = use_reducer(Cursor::default);
    let layer = use_state(|| 0usize);
    let direction = use_state(|| 0usize);
    let unit = use_state(|| 0usize);
    let example = use_state(|| 0usize);

    // Tell the worker which example to follow: on mount, after every (re)open, on a new pick.
    {
        let send = app.send.clone();
        let opened = Opened(app.state.summary.clone());
        let picker = app.state.picker.clone();
        use_effect_with(
            (opened, picker, *example),
            move |(opened, picker, index)| {
                if let (true, Some(picker)) = (opened.0.total > 0, picker) {
                    send.emit(ToWorker::Inspect(picker.pick(*index)));
                }
            },
        );
    }

    let latest = app
        .state
        .inspection
        .as_ref()
        .filter(|i| i.lesson == lesson)
        .map(|i| SharedInspection(i.clone()));
    // Off screen, the views keep the traces they last drew and catch up when scrolled to: a
    // refresh nobody sees cost the page 20–35 ms, 4 times a second while training.
    let section = use_node_ref();
    let on_screen = use_on_screen(section.clone(), "100px");
    let shown = use_mut_ref(|| None::<SharedInspection>);
    let shared = {
        let mut shown = shown.borrow_mut();
        if on_screen || shown.is_none() || latest.is_none() {
            *shown = latest;
        }
        shown.clone()
    };
    let steps = shared.as_ref().map(|s| s.steps()).unwrap_or(0);
    {
        let cursor = cursor.clone();
        use_effect_with(steps, move |n| cursor.dispatch(CursorAction::Steps(*n)));
    }

    // A guided step points the views at a timestep, a unit or an example.
    {
        let (cursor, unit, example) = (cursor.dispatcher(), unit.clone(), example.clone());
        use_effect_with(app.state.focus.clone(), move |focus| {
            if focus.generation > 0 {
                if let Some(t) = focus.timestep {
                    cursor.dispatch(CursorAction::Focus(t));
                }
                if let Some(u) = focus.unit {
                    unit.set(u);
                }
                if let Some(e) = focus.example {
                    example.set(e);
                }
            }
        });
    }

    // ← and → step through time, except while typing in a field, and except in presenter
    // mode with a guided lesson open (there they move through its steps).
    {
        let dispatcher = cursor.dispatcher();
        let state = app.state.clone();
        use_shortcuts(move |action| {
            if state.presenter && state.tour.is_some() {
                return false;
            }
            match action {
                Shortcut::PrevTimestep => dispatcher.dispatch(CursorAction::Prev),
                Shortcut::NextTimestep => dispatcher.dispatch(CursorAction::Next),
                _ => return false,
            }
            true
        });
    }

    // Play through: one timestep every 600 ms until the last.
    {
        let dispatcher = cursor.dispatcher();
        use_effect_with(cursor.playing, move |playing| {
            let timer = playing
                .then(|| Interval::new(600, move || dispatcher.dispatch(CursorAction::Tick)));
            move || drop(timer)
        });
    }

    let title = html! { <h2>{ app.t(Text::InTitle) }</h2> };
    let Some(shared) = shared.filter(|s| s.steps() > 0) else {
        return html! {
            <section class="panel inside" data-testid="inside-network" ref={section}>
                { title }
                <p class="hint" data-testid="inside-waiting">{ app.t(Text::InWaiting) }</p>
            </section>
        };
    };
    let layers = shared.num_layers().max(1);
    let dirs = shared.num_directions();
    let layer_v = (*layer).min(layers - 1);
    let dir_v = (*direction).min(dirs - 1);
    let index = layer_v * dirs + dir_v;
    let units = shared
        .0
        .forward
        .directions
        .get(index)
        .map(crate::ui::inside::units)
        .unwrap_or(0);
    let unit_v = (*unit).min(units.saturating_sub(1));
    let t = cursor.t.min(steps - 1);
    let label = shared
        .0
        .input_labels
        .get(t)
        .map(|l| crate::ui::inside::input_label(l, lang))
        .unwrap_or_default();

    let on_slider = {
        let cursor = cursor.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<usize>() {
                cursor.dispatch(CursorAction::Set(v));
            }
        })
    };
    let on_prev = {
        let cursor = cursor.clone();
        Callback::from(move |_| cursor.dispatch(CursorAction::Prev))
    };
    let on_next = {
        let cursor = cursor.clone();
        Callback::from(move |_| cursor.dispatch(CursorAction::Next))
    };
    let on_play = {
        let cursor = cursor.clone();
        let playing = cursor.playing;
        Callback::from(move |_| {
            cursor.dispatch(if playing {
                CursorAction::Stop
            } else {
                CursorAction::Play
            })
        })
    };
    let on_layer = {
        let layer = layer.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            layer.set(s.value().parse().unwrap_or(0));
        })
    };
    let on_direction = {
        let direction = direction.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            direction.set(s.value().parse().unwrap_or(0));
        })
    };
    let on_unit = {
        let unit = unit.clone();
        Callback::from(move |v: usize| unit.set(v))
    };
    let on_example = {
        let example = example.clone();
        Callback::from(move |v: usize| example.set(v))
    };
    let on_pick = {
        let cursor = cursor.clone();
        let unit = unit.clone();
        Callback::from(move |(t, u): (usize, usize)| {
            cursor.dispatch(CursorAction::Set(t));
            unit.set(u);
        })
    };

    let what = lesson.info().example.get(lang);
    let example_control = match &app.state.picker {
        Some(p) if p.count > 1 => html! {
            <label class="inline inside-example">{ app.t(Text::InExample) }{ " (" }{ what }{ ") " }
                <IndexField value={*example} max={p.count - 1} testid="inside-example" on_change={on_example} />
            </label>
        },
        _ => html! {
            <span class="inside-example">{ app.t(Text::InExample) }{ ": " }{ what }</span>
        },
    };

    html! {
        <section class="panel inside" data-testid="inside-network" ref={section}>
            { title }
            <div class="inside-toolbar">
                <div class="stepper" role="group" aria-label={app.t(Text::Timestep)}>
                    <button type="button" data-testid="timestep-prev" title={app.t(Text::InPrev)}
                        aria-label={app.t(Text::InPrev)} onclick={on_prev} disabled={t == 0}>{ "◀" }</button>
                    <label class="inline stepper-slider">
                        <span>{ app.t(Text::Timestep) }</span>
                        <input type="range" min="0" max={(steps - 1).to_string()} step="1"
                            value={t.to_string()} data-testid="timestep-slider" oninput={on_slider}
                            aria-label={app.t(Text::Timestep)}
                            aria-valuetext={format!("t = {t}")} />
                    </label>
                    <button type="button" data-testid="timestep-next" title={app.t(Text::InNext)}
                        aria-label={app.t(Text::InNext)} onclick={on_next} disabled={t + 1 >= steps}>{ "▶" }</button>
                    <output class="stepper-readout" data-testid="timestep-readout" data-t={t.to_string()}>
                        { format!("t = {t} / {}", steps - 1) }
                        <span class="stepper-input">{ format!(" · {} “{}”", app.t(Text::InInput), label) }</span>
                    </output>
                    <button type="button" data-testid="timestep-play" onclick={on_play}
                        aria-pressed={cursor.playing.to_string()}>
                        { if cursor.playing { app.t(Text::InStop) } else { app.t(Text::InPlayThrough) } }
                    </button>
                </div>
                <div class="inside-selectors">
                    <label class="inline">{ app.t(Text::InLayer) }
                        <select data-testid="inside-layer" onchange={on_layer}>
                            { for (0..layers).map(|l| html! {
                                <option value={l.to_string()} selected={l == layer_v}>{ l + 1 }</option>
                            }) }
                        </select>
                    </label>
                    if dirs > 1 {
                        <label class="inline">{ app.t(Text::InDirection) }
                            <select data-testid="inside-direction" onchange={on_direction}>
                                <option value="0" selected={dir_v == 0}>{ app.t(Text::InForward) }</option>
                                <option value="1" selected={dir_v == 1}>{ app.t(Text::InReverse) }</option>
                            </select>
                        </label>
                    }
                    <label class="inline">{ app.t(Text::InUnit) }
                        <IndexField value={unit_v} max={units.saturating_sub(1)} testid="inside-unit" on_change={on_unit} />
                    </label>
                    { example_control }
                </div>
            </div>
            <GateHeatmaps inspection={shared.clone()} {index} {t} unit={unit_v} {lang} {on_pick} presenter={app.state.presenter} />
            <BpttGraph inspection={shared.clone()} direction={dir_v} {t} {lang} />
            <div class="inside-cell">
                <CellDiagram inspection={shared.clone()} {index} {t} unit={unit_v} {lang} />
                <UnitArithmetic inspection={shared} {index} {t} unit={unit_v} {lang} />
            </div>
        </section>
    }
}
